"""``symflat report``: render the proof report (HTML, LaTeX, PDF) from the store.

The claims are read from the catalog (or ``--proofs DIR``); their verdicts come from the store,
and whatever the store lacks is checked first with the ``verify`` machinery (and stored). The
figures and the Section III tables draw the numbers the checkers stored with the verdicts.
The report is then rendered into
``--out`` (``reports/build/`` under the current folder by default): ``report.html``
(self-contained, works offline), ``report.tex`` with ``figures/``, and ``report.pdf`` (built
with latexmk when TeX Live is installed).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["register", "run", "width_rows"]


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


def width_rows(records: Iterable[Any]) -> list[dict[str, Any]]:
    """Minimal-width results from store records (``width`` or ``sweep`` kinds), as plain rows.

    A payload is a width result (a mapping with ``lower``, as printed by ``symflat width
    --json``) or holds a list of them under ``results`` or ``rows``.

    Examples
    --------
    >>> from types import SimpleNamespace as R
    >>> width_rows([R(kind="width", payload={"polynomial": "x1*x2", "model": "no-bias",
    ...                                      "lower": 4, "upper": 4, "exact": True})])
    [{'family': 'width', 'polynomial': 'x1*x2', 'model': 'no-bias', 'lower': 4, 'upper': 4, \
'exact': True}]
    """
    rows: list[dict[str, Any]] = []

    def take(payload: Any, family: str) -> None:
        if isinstance(payload, Mapping):
            if "lower" in payload and "polynomial" in payload:
                rows.append({
                    "family": str(payload.get("family") or family),
                    "polynomial": str(payload["polynomial"]),
                    "model": str(payload.get("model", "")),
                    "lower": payload.get("lower"),
                    "upper": payload.get("upper"),
                    "exact": payload.get("exact"),
                })
                return
            for name in ("results", "rows"):
                if isinstance(payload.get(name), list):
                    inner = str(payload.get("family") or family)
                    for item in payload[name]:
                        take(item, inner)
        elif isinstance(payload, list):
            for item in payload:
                take(item, family)

    for record in records:
        take(getattr(record, "payload", None), str(getattr(record, "kind", "width")))
    seen, unique = set(), []
    for row in rows:
        key = (row["polynomial"], row["model"])
        if key in seen:
            continue
        seen.add(key)
        unique.append(row)
    return unique


def run(args: argparse.Namespace) -> int:
    """Run ``symflat report``; returns the exit status."""
    from symflat.cli.verify import verify_claims
    from symflat.report import build_report
    from symflat.report.data import report_data
    from symflat.report.render import TEX_INSTALL_HINT, ReportError
    from symflat.verify.claims import default_proofs_dir, load_claims, select_claims
    from symflat.verify.store import Store

    formats = args.formats or ["html"]
    wanted = {"html", "latex", "pdf"} if "all" in formats else set(formats)
    if "pdf" in wanted:
        import shutil

        if shutil.which("latexmk") is None or shutil.which("pdflatex") is None:
            raise ReportError(TEX_INSTALL_HINT)
    started = time.perf_counter()
    claims = select_claims(load_claims(args.proofs), args.claims)
    with Store(args.store) as store:
        outcomes = verify_claims(claims, store, jobs=args.jobs)
        checked = sum(not o.cached for o in outcomes)
        rows = width_rows(store.records("width", latest=True)
                          + store.records("sweep", latest=True))
        store_path = str(getattr(store, "path", args.store or ""))
    proofs = str(args.proofs if args.proofs else default_proofs_dir())
    data = report_data([o.claim for o in outcomes], {o.claim.id: o.verdict for o in outcomes},
                       width_rows=rows, proofs=proofs, store=store_path)
    result = build_report(data, args.out, formats, figures=args.figures,
                          graph_engine=args.graph_layout)
    if checked:
        print(f"checked {checked} claim{'s' if checked != 1 else ''} missing from the store",
              file=sys.stderr)
    for path in result.files:
        if path.name.startswith("report."):
            print(f"wrote {path} ({_size(path.stat().st_size)})")
    elapsed = time.perf_counter() - started
    counts = ", ".join(f"{n} {s}" for s, n in data.counts.items() if n)
    print(f"{data.total} claims ({counts}) in {elapsed:.1f} s", file=sys.stderr)
    return 0


def _size(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    if size >= 1 << 10:
        return f"{size / (1 << 10):.0f} kB"
    return f"{size} B"
