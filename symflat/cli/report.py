"""``symflat report``: render the proof report (HTML, LaTeX, PDF) from the store.

The claims are read from the catalog (or ``--proofs DIR``); their verdicts come from the store,
and whatever the store lacks is checked first with the ``verify`` machinery (and stored). The
Section III results (figures' data, the Markov summary) are read from the store too, and
computed and stored once per symflat version when missing. The report is then rendered into
``--out`` (``reports/build/`` under the current folder by default): ``report.html``
(self-contained, works offline), ``report.tex`` with ``figures/``, and ``report.pdf`` (built
with latexmk when TeX Live is installed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``report`` sub-command."""
    parser = subparsers.add_parser(
        "report",
        help="render the proof report (HTML, LaTeX, PDF) from the stored verdicts",
        description=(
            "Render the report of the claims' verdicts: a self-contained HTML file (works "
            "offline), a LaTeX article and its PDF. Claims without a stored verdict are "
            "checked first."
        ),
    )
    parser.add_argument("--format", dest="formats", action="append",
                        choices=("html", "latex", "pdf", "all"),
                        help="html (default), latex, pdf or all; may be repeated")
    parser.add_argument("--out", type=Path, default=Path("reports") / "build", metavar="DIR",
                        help="output folder (default: reports/build under the current folder)")
    parser.add_argument("--claims", nargs="+", default=[], metavar="ID",
                        help="only these claims (default: every claim of the catalog)")
    parser.add_argument("--proofs", type=Path, metavar="DIR",
                        help="folder of claim files (default: the paper's catalog)")
    parser.add_argument("--store", type=Path, metavar="PATH",
                        help="the SQLite store (default: $SYMFLAT_STORE, else "
                             "$XDG_CACHE_HOME/symflat/store.sqlite)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="worker processes for claims that must be checked first "
                             "(default 1; 0 = one per CPU)")
    parser.add_argument("--no-figures", dest="figures", action="store_false",
                        help="leave the figures out (faster)")
    parser.add_argument("--graph-layout", choices=("auto", "dot", "builtin"), default="auto",
                        help="dependency graph layout: Graphviz dot when installed (auto), or "
                             "the built-in layered layout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``symflat report``; returns the exit status."""
    from symflat.exact.printing import counted
    from symflat.files import check_output_folder
    from symflat.report.api import report
    from symflat.verify.store import default_store_path

    done = report(args.formats or ["html"], check_output_folder(args.out), args.claims, args.proofs,
                  args.store or default_store_path(), jobs=args.jobs, figures=args.figures,
                  graph_layout=args.graph_layout)
    if done.checked:
        print(f"checked {counted(done.checked, 'claim')} missing from the store",
              file=sys.stderr)
    for path in done.files:
        if path.name.startswith("report."):
            print(f"wrote {path} ({_size(path.stat().st_size)})")
    counts = ", ".join(f"{n} {s}" for s, n in done.counts.items() if n)
    reach = done.reach
    proofs = (f"; {reach.get('proved', 0)} proved for all parameters, {reach.get('range', 0)} "
              f"for a range, {reach.get('instances', 0)} on sampled instances") if reach else ""
    print(f"{counted(done.total, 'claim')} ({counts}{proofs}) in {done.seconds:.1f} s "
          f"({done.timing()})", file=sys.stderr)
    return 0


def _size(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    if size >= 1 << 10:
        return f"{size / (1 << 10):.0f} kB"
    return f"{size} B"
