"""``symflat sweep``: the minimal hidden width over a family of polynomials.

Jobs (polynomial x model) run in worker processes, stopped at ``--timeout``; results go to
the store as they finish, so an interrupted sweep resumes where it stopped (``--refresh``
recomputes). ``--scheduler ADDRESS`` runs the jobs on a Dask distributed cluster instead.
``--compare`` compares depth against width instead: for every polynomial the certified
shallow width (both models) beside the compiled deep network, as ``symflat compare`` does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from symflat.cli._types import seconds
from symflat.exact.polynomial import to_polynomial
from symflat.exact.printing import polynomial_text
from symflat.width.model import MODEL_NAMES, WidthModel

__all__ = ["register", "run"]

_FAMILY_HELP = (
    "monomials (--max-degree, --max-vars, --every), elementary (--max-vars), power-sums "
    "(--max-degree, --max-vars), chain (--max-vars, --periodic), lattice (--max-vars, "
    "--periodic), products (--max-vars), powers (--max-degree), disjoint-products (--block, "
    "--max-blocks), determinant (--max-size), file (FILE: one polynomial per line)"
)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``sweep`` sub-command."""
    parser = subparsers.add_parser(
        "sweep", help="minimal hidden width over a family of polynomials (table, csv/json/md)",
        description="Run `symflat width` for every polynomial of a family and every model, in "
                    "parallel, with a time limit per job; results are stored, so a rerun "
                    "resumes. Families: " + _FAMILY_HELP + ".")
    parser.add_argument("family", metavar="FAMILY", help="the family (see above)")
    parser.add_argument("file", metavar="FILE", nargs="?", default=None,
                        help="for the file family: polynomials, one per line (# comments)")
    sizes = parser.add_argument_group("family sizes")
    sizes.add_argument("--max-degree", type=int, metavar="D",
                       help="monomials: 1..D (default 4); power-sums: exponents 1..D (default 4); "
                            "powers: x1^1..x1^D (default 8)")
    sizes.add_argument("--max-vars", type=int, metavar="N",
                       help="largest number of variables (default 3; elementary 4, chain 5, "
                            "products 5, lattice 9; at most 10, 30 for chain and lattice)")
    sizes.add_argument("--every", action="store_true",
                       help="monomials: every monomial, not one per renaming of the variables")
    sizes.add_argument("--periodic", action="store_true",
                       help="chain: close the chain into a ring (adds xn*x1); lattice: wrap both "
                            "directions (a torus)")
    sizes.add_argument("--block", type=int, metavar="B",
                       help="disjoint-products: variables per product (default 2)")
    sizes.add_argument("--max-blocks", type=int, metavar="K",
                       help="disjoint-products: 1..K products (default 3)")
    sizes.add_argument("--max-size", type=int, metavar="S",
                       help="determinant: matrices 2x2 .. SxS, S = 2 or 3 (default 3)")
    parser.add_argument("--model", choices=(*MODEL_NAMES, "both"), default="both",
                        help="network model (default both: no-bias and output-bias)")
    parser.add_argument("--activation", action="append", metavar="ACT",
                        help="generic (default), sigmoid, tanh, softplus, exp or an expression "
                             "in x, as in symflat width; repeat it to sweep several")
    parser.add_argument("--compare", action="store_true",
                        help="compare depth against width: the certified shallow width (both "
                             "models) beside the compiled deep network, one job per polynomial "
                             "(the report's 'Depth against width')")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="worker processes (default 1; 0 = one per CPU; not used with "
                             "--scheduler)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="run on a Dask distributed cluster (e.g. tcp://host:8786); needs "
                             "pip install 'dask[distributed]'")
    parser.add_argument("--timeout", type=seconds, default=60.0, metavar="S",
                        help="seconds per job; a job still running is stopped and reported "
                             "unfinished (default 60)")
    parser.add_argument("--search-timeout", type=seconds, metavar="S",
                        help="seconds for the construction search inside a job (default: "
                             "min(10, timeout/2))")
    parser.add_argument("--grid", type=int, default=1, metavar="K",
                        help="search integer points in [-K, K]^n (default 1)")
    parser.add_argument("--out", type=Path, metavar="FILE",
                        help="also write the results to FILE.csv, FILE.json or FILE.md")
    parser.add_argument("--store", type=Path, metavar="PATH",
                        help="the SQLite store (default: $SYMFLAT_STORE, else "
                             "$XDG_CACHE_HOME/symflat/store.sqlite)")
    parser.add_argument("--no-store", dest="use_store", action="store_false",
                        help="neither read nor write the store")
    parser.add_argument("--refresh", action="store_true",
                        help="recompute stored results (and rebuild an unreadable store)")
    parser.add_argument("--list", action="store_true",
                        help="only list the family's polynomials")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``symflat sweep``; returns the exit status (1 if a job crashed)."""
    from symflat.files import check_output_file
    from symflat.verify.store import default_store_path
    from symflat.verify.sweep import (
        MODELS,
        SweepError,
        check_output_path,
        format_table,
        search_time,
        summary,
        sweep,
        write_results,
    )
    from symflat.version import __version__
    from symflat.width.families import family_polynomials

    if args.family != "file" and args.file is not None:
        raise SweepError(f"unexpected argument {args.file!r}: only the file family takes a FILE")
    options = {"max_degree": args.max_degree, "max_vars": args.max_vars, "every": args.every,
               "periodic": args.periodic, "block": args.block, "max_blocks": args.max_blocks,
               "max_size": args.max_size, "path": args.file}
    if args.list:
        polynomials = family_polynomials(args.family, **options)
        print("\n".join(polynomial_text(to_polynomial(p)) for p in polynomials))
        return 0
    if args.out is not None:
        check_output_path(args.out)  # the name's suffix
        check_output_file(args.out)  # a file that can be written, before the jobs run
    activations = args.activation or ["generic"]
    if args.compare and (args.model != "both" or activations != ["generic"]):
        raise SweepError("--compare takes the compiled network's own class; leave out --model "
                         "and --activation")
    names = MODELS if args.model == "both" else (args.model,)
    models = tuple(WidthModel.parse(name, activation=act) for act in activations
                   for name in names)
    store = (args.store or default_store_path()) if args.use_store else None
    rows = sweep(args.family, models=models, store=store, refresh=args.refresh, jobs=args.jobs,
                 scheduler=args.scheduler, timeout=args.timeout,
                 search_timeout=args.search_timeout, grid=args.grid, compare=args.compare,
                 progress=True, **options)
    print(format_table(rows))
    print(summary(rows) + (f"; stored in {store}" if store is not None else ""), file=sys.stderr)
    if args.out is not None:
        meta = {"family": args.family, "models": [m.key for m in models],
                "compare": args.compare,
                "timeout": args.timeout,
                "search_timeout": search_time(args.timeout, args.search_timeout),
                "grid": args.grid, "version": __version__,
                "options": {k: (str(v) if k == "path" else v) for k, v in options.items()
                            if v is not None and v is not False}}
        print(f"wrote {write_results(rows, args.out, meta)}", file=sys.stderr)
    return 1 if any(r.status == "failed" for r in rows) else 0
