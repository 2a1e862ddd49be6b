"""Proof reports: HTML (one self-contained file) and LaTeX/PDF, rendered from stored verdicts.

The pieces, each usable on its own:

* :mod:`symflat.report.data` — claims and verdicts as the plain records the templates use, with
  the figure data the checkers stored;
* :mod:`symflat.report.views` — the Section III sections' paragraphs and tables;
* :mod:`symflat.report.figures` — the figures, drawn from the stored numbers;
* :mod:`symflat.report.texmath` — statements split into text and vetted math, LaTeX escaping;
* :mod:`symflat.report.depgraph` — the claims' dependency graph (Graphviz or built-in layout);
* :mod:`symflat.report.render` — the jinja2 environments, the inlined KaTeX, the PDF build;
* :mod:`symflat.report.cache` — render once per store state.

The report renders stored data only: every number it prints or draws was computed when the
claims were checked (``symflat verify``) and stored with the verdicts. It may import
:mod:`symflat.verify` (for the certificate key of the figure data), never the engine.

:func:`build_report` puts them together; ``symflat report`` is its command line.

Examples
--------
>>> import tempfile
>>> from symflat.report.data import report_data
>>> data = report_data([{"id": "demo", "title": "Demo", "statement": r"$2^3 = 8$"}],
...                    {"demo": {"status": "verified", "evidence": "8 = 8 exactly"}})
>>> with tempfile.TemporaryDirectory() as out:
...     result = build_report(data, out, formats=("html", "latex"), figures=False)
...     sorted(p.name for p in result.files)
['report.html', 'report.tex']
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from symflat.files import output_folder
from symflat.report.data import ReportData, claim_record, report_data
from symflat.report.render import (
    ReportError,
    build_pdf,
    render_html,
    render_latex,
    require_tex,
    templates_dir,
)

__all__ = [
    "FORMATS",
    "ReportData",
    "ReportError",
    "ReportResult",
    "build_report",
    "claim_record",
    "report_data",
]

#: Output formats: ``all`` means html, latex and pdf.
FORMATS = ("html", "latex", "pdf", "all")


@dataclass(frozen=True)
class ReportResult:
    """What :func:`build_report` wrote, and how long each step took (seconds); ``cached``
    when the folder already held this very render (nothing was written)."""

    files: tuple[Path, ...]
    timings: dict[str, float] = field(default_factory=dict, hash=False)
    graph_engine: str | None = None
    cached: bool = False


def build_report(
    data: ReportData,
    out: str | Path,
    formats: Sequence[str] = ("html",),
    *,
    figures: bool = True,
    graph_engine: str = "auto",
) -> ReportResult:
    """Render the report into the folder ``out`` in the given formats.

    Parameters
    ----------
    data : ReportData
        From :func:`symflat.report.data.report_data`.
    out : path
        Created if needed. Writes ``report.html``; ``report.tex`` and ``figures/*.pdf``;
        ``report.pdf``.
    formats : sequence of {"html", "latex", "pdf", "all"}
    figures : bool
        Draw the figures whose data the verdicts hold (:func:`symflat.report.figures.
        make_figures`); without figures the Section III sections keep their text and tables.
    graph_engine : {"auto", "dot", "builtin"}
        Layout of the dependency graph.

    Notes
    -----
    Returns at once, rendering nothing, when ``out`` already holds the render of the same
    data, formats and options by the same report code (:mod:`symflat.report.cache`).

    Raises
    ------
    ReportError
        An unknown format, a PDF asked for without TeX, a LaTeX failure.
    """
    from symflat.report import cache
    from symflat.report.depgraph import layout

    wanted = set()
    for fmt in formats:
        if fmt not in FORMATS:
            raise ReportError(f"unknown report format {fmt!r}; choose from {', '.join(FORMATS)}")
        wanted |= {"html", "latex", "pdf"} if fmt == "all" else {fmt}
    if "pdf" in wanted:
        wanted.add("latex")
        require_tex()
    folder = output_folder(out)
    key = cache.render_key(data, sorted(wanted), figures=figures, graph_engine=graph_engine,
                           templates=templates_dir())
    done = cache.recall(folder, key)
    if done is not None:
        return ReportResult(done, cached=True)
    cache.forget(folder)
    timings: dict[str, float] = {}
    files: list[Path] = []

    start = time.perf_counter()
    drawn = []
    if figures:
        from symflat.report.figures import make_figures

        drawn = make_figures(data, pdf="latex" in wanted)
    timings["figures"] = time.perf_counter() - start

    start = time.perf_counter()
    graph = layout(data.claims, engine=graph_engine) if data.claims else None
    timings["graph"] = time.perf_counter() - start

    if "html" in wanted:
        start = time.perf_counter()
        path = folder / "report.html"
        path.write_text(render_html(data, figures=drawn, graph=graph), encoding="utf-8")
        files.append(path)
        timings["html"] = time.perf_counter() - start
    if "latex" in wanted:
        start = time.perf_counter()
        figure_dir = folder / "figures"
        if drawn:
            figure_dir.mkdir(exist_ok=True)
            for fig in drawn:
                if not fig.pdf:  # a network drawing without rsvg-convert: HTML only
                    continue
                target = figure_dir / f"{fig.name}.pdf"
                target.write_bytes(fig.pdf)
                files.append(target)
        path = folder / "report.tex"
        path.write_text(render_latex(data, figures=drawn, graph=graph), encoding="utf-8")
        files.append(path)
        timings["latex"] = time.perf_counter() - start
        if "pdf" in wanted:
            start = time.perf_counter()
            build_pdf(path)
            files.append(folder / "report.pdf")
            timings["pdf"] = time.perf_counter() - start
    cache.remember(folder, key, files)
    return ReportResult(tuple(files), timings, graph.engine if graph is not None else None)
