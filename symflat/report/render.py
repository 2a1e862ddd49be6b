"""Rendering: jinja2 environments for HTML and LaTeX, the inlined assets, the PDF build.

HTML
    One self-contained file: autoescaping on, the plots and the dependency graph inline as
    SVG, the KaTeX copy shipped in ``symflat/report/static/katex`` inlined (its fonts as
    ``data:`` URLs), so the page makes no network request. Formulas are typeset by KaTeX in
    the browser with ``trust: false``; a formula symflat did not vet is shown as source.
LaTeX
    A jinja2 environment with its own delimiters, ``((( var )))``, ``((* block *))`` and
    ``((= comment =))``, so LaTeX's braces and ``%`` never clash with the template syntax.
    Every value printed is escaped by default (``finalize``): only :class:`TexMarkup` built by
    symflat's own filters (vetted math, the TikZ graph) goes in as LaTeX.
PDF
    ``latexmk -pdf -no-shell-escape`` run as an argument list (never a shell) in the output
    folder, with ``openin_any=p`` and ``openout_any=p`` so TeX reads and writes no file
    outside it, and a time limit.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from symflat.errors import SymflatError
from symflat.report.data import STATUS_ORDER, STATUS_TEXT, ReportData
from symflat.report.depgraph import STATUS_COLORS, GraphLayout
from symflat.report.drawings import RSVG_HINT
from symflat.report.texmath import (
    Segment,
    escape_tex,
    polynomial_segments,
    prose_segments,
    truncate_segments,
)

__all__ = [
    "ReportError",
    "TexMarkup",
    "templates_dir",
    "html_environment",
    "latex_environment",
    "render_html",
    "render_latex",
    "build_pdf",
    "TEX_INSTALL_HINT",
    "require_tex",
]

STATIC = Path(__file__).resolve().parent / "static"

#: The one line ``--format pdf`` prints when there is no TeX installation.
TEX_INSTALL_HINT = (
    "building the PDF needs latexmk and pdflatex, which were not found: install TeX Live, "
    "e.g. `apt-get install latexmk texlive-latex-recommended texlive-latex-extra "
    "texlive-fonts-recommended` (Debian/Ubuntu), `brew install --cask mactex` (macOS) or "
    "TeX Live from tug.org; or use --format html/latex"
)


class ReportError(SymflatError):
    """A report cannot be rendered or built (templates missing, TeX missing or failing)."""


class TexMarkup(str):
    """LaTeX produced by symflat itself: printed as is in the LaTeX templates."""

    __slots__ = ()


def templates_dir() -> Path:
    """The report templates: the package data of an installed wheel, else ``reports/templates``.

    Examples
    --------
    >>> (templates_dir() / "report.html.j2").is_file()
    True
    """
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_data" / "templates", package.parent / "reports" / "templates"):
        if (candidate / "report.html.j2").is_file():
            return candidate
    raise ReportError(
        "cannot find the report templates: neither symflat/_data/templates (an installed "
        "wheel) nor reports/templates (a source checkout) exists"
    )


def _section_of(figure: Any) -> str:
    return str(getattr(figure, "section", "") or "")


def _section3(data: ReportData) -> list[dict[str, Any]]:
    """The Section III sections to print (none when the data holds no Section III results)."""
    section3 = data.extra.get("section3") if data.extra else None
    if not section3:
        return []
    from symflat.report.views import section3_views

    return section3_views(section3, data.claims)


# -- HTML -------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _katex_assets() -> tuple[str, str]:
    """KaTeX's script and its stylesheet with every font inlined as a woff2 data URL."""
    folder = STATIC / "katex"
    try:
        script = (folder / "katex.min.js").read_text(encoding="utf-8")
        css = (folder / "katex.min.css").read_text(encoding="utf-8")
    except OSError as error:
        raise ReportError(f"the KaTeX copy shipped with symflat is missing: {error}") from None
    script = re.sub(r"</(script)", r"<\\/\1", script, flags=re.IGNORECASE)

    def inline(match: re.Match[str]) -> str:
        name = match.group(1)
        data = base64.b64encode((folder / "fonts" / f"{name}.woff2").read_bytes()).decode()
        return f'src:url(data:font/woff2;base64,{data}) format("woff2")'

    css = re.sub(r"src:url\(fonts/([A-Za-z0-9_-]+)\.woff2\)[^;}]*", inline, css)
    if "url(fonts/" in css:
        raise ReportError("the KaTeX stylesheet refers to a font that is not inlined")
    return script, css


def _html_segment_class(segment: Segment) -> str:
    return "display" if segment.kind == "display" else "inline"


def html_environment(folder: Path | None = None) -> jinja2.Environment:
    """The HTML environment: autoescape on, strict undefined."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder or templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["math_class"] = _html_segment_class
    env.filters["truncate_segments"] = truncate_segments
    env.filters["polynomial_segments"] = polynomial_segments
    env.filters["prose_segments"] = prose_segments
    env.globals.update(status_order=STATUS_ORDER, status_text=STATUS_TEXT,
                       status_colors=STATUS_COLORS)
    return env


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def render_html(data: ReportData, *, figures: Sequence[Any] = (),
                graph: GraphLayout | None = None, folder: Path | None = None,
                title: str = "symflat proof report") -> str:
    """The self-contained HTML report.

    Its Content-Security-Policy allows no network access at all and runs only the two
    scripts symflat inlines (KaTeX and the call that typesets the formulas), by hash.
    """
    script, css = _katex_assets()
    render_js = (STATIC / "render-math.js").read_text(encoding="utf-8")
    template = html_environment(folder).get_template("report.html.j2")
    records = [{"name": f.name, "title": f.title, "caption": f.caption,
                "numerical": f.numerical, "svg": Markup(f.svg), "section": _section_of(f),
                "wide": bool(getattr(f, "wide", False))} for f in figures]
    return template.render(
        data=data,
        title=title,
        anchors={c["id"]: c["anchor"] for c in data.claims},
        render_js=Markup(render_js),
        script_hashes=Markup(" ".join(_csp_hash(s) for s in (script, render_js))),
        figures=[f for f in records if not f["section"]],
        figure_map={f["name"]: f for f in records if f["section"]},
        section3=_section3(data),
        graph_svg=Markup(graph.svg()) if graph is not None and graph.nodes else None,
        graph_engine=graph.engine if graph is not None else None,
        katex_js=Markup(script),
        katex_css=Markup(css),
    )


# -- LaTeX ------------------------------------------------------------------------------------
def _tex_finalize(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, TexMarkup):
        return value
    return escape_tex(value)


def _tex_filter(value: Any) -> TexMarkup:
    return TexMarkup(escape_tex(value))


def _tex_break_filter(value: Any) -> TexMarkup:
    return TexMarkup(escape_tex(value, breakable=True))


def _tex_id_filter(value: Any) -> TexMarkup:
    """An id or name: escaped, breakable after any character that is not a letter or digit."""
    out = []
    for char in str(value):
        out.append(escape_tex(char))
        if not char.isalnum():
            out.append(r"\allowbreak{}")
    return TexMarkup("".join(out))


def _tex_segments(segments: Sequence[Segment]) -> TexMarkup:
    """Segments as LaTeX: vetted math typeset, everything else escaped text."""
    out = []
    for segment in segments:
        if segment.kind == "text":
            out.append(escape_tex(segment.content))
        elif not segment.safe:
            out.append(r"\srcmath{" + escape_tex(segment.content, breakable=True) + "}")
        elif segment.kind == "display":
            out.append(r"\mathstatement{" + segment.content + "}")
        else:
            out.append("$" + segment.content + "$")
    return TexMarkup("".join(out))


def latex_environment(folder: Path | None = None) -> jinja2.Environment:
    """The LaTeX environment: ``((( ... )))`` delimiters, every value escaped by default."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder or templates_dir())),
        block_start_string="((*",
        block_end_string="*))",
        variable_start_string="(((",
        variable_end_string=")))",
        comment_start_string="((=",
        comment_end_string="=))",
        line_statement_prefix=None,
        line_comment_prefix=None,
        autoescape=False,
        finalize=_tex_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tex"] = _tex_filter
    env.filters["texbreak"] = _tex_break_filter
    env.filters["texsegments"] = _tex_segments
    env.filters["polynomial_segments"] = polynomial_segments
    env.filters["prose_segments"] = prose_segments
    env.filters["texid"] = _tex_id_filter
    env.globals.update(status_order=STATUS_ORDER, status_text=STATUS_TEXT,
                       status_rgb={k: _rgb(v) for k, v in STATUS_COLORS.items()})
    return env


def _rgb(colors: tuple[str, str, str]) -> dict[str, TexMarkup]:
    def one(color: str) -> TexMarkup:
        return TexMarkup(",".join(str(int(color[i : i + 2], 16)) for i in (1, 3, 5)))

    return {"fill": one(colors[0]), "stroke": one(colors[1]), "ink": one(colors[2])}


def render_latex(data: ReportData, *, figures: Sequence[Any] = (),
                 graph: GraphLayout | None = None, figure_dir: str = "figures",
                 folder: Path | None = None, title: str = "symflat proof report") -> str:
    """The LaTeX report (figures referenced as ``figure_dir/<name>.pdf``)."""
    template = latex_environment(folder).get_template("report.tex.j2")
    records = [{"name": f.name, "title": f.title, "caption": f.caption,
                "numerical": f.numerical, "section": _section_of(f),
                "wide": bool(getattr(f, "wide", False)), "has_pdf": bool(f.pdf),
                "path": TexMarkup(f"{figure_dir}/{f.name}.pdf")} for f in figures]
    return template.render(
        data=data,
        title=title,
        anchors={c["id"]: c["anchor"] for c in data.claims},
        rsvg_hint=RSVG_HINT,
        figures=[f for f in records if not f["section"]],
        figure_map={f["name"]: f for f in records if f["section"]},
        section3=_section3(data),
        graph_tikz=TexMarkup(graph.tikz()) if graph is not None and graph.nodes else None,
        graph_engine=graph.engine if graph is not None else None,
    )


def require_tex() -> str:
    """The path of latexmk, when latexmk and pdflatex are both installed.

    Raises
    ------
    ReportError
        Either is missing (the message says how to install TeX Live).
    """
    latexmk = shutil.which("latexmk")
    if latexmk is None or shutil.which("pdflatex") is None:
        raise ReportError(TEX_INSTALL_HINT)
    return latexmk


def build_pdf(tex_file: Path, *, timeout: float = 300.0) -> Path:
    """Compile a LaTeX report with latexmk (no shell escape, TeX confined to its folder).

    Raises
    ------
    ReportError
        No latexmk/pdflatex (the message says how to install TeX Live), a time-out, or a
        LaTeX error (with the first error line of the log).
    """
    latexmk = require_tex()
    tex_file = Path(tex_file).resolve()
    env = dict(os.environ, openin_any="p", openout_any="p", TEXINPUTS=".:")
    command = [latexmk, "-pdf", "-no-shell-escape", "-interaction=nonstopmode",
               "-halt-on-error", "-file-line-error", "-norc", tex_file.name]
    try:
        done = subprocess.run(command, cwd=tex_file.parent, env=env, capture_output=True,
                              text=True, errors="replace",  # TeX logs are not UTF-8
                              timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise ReportError(f"latexmk did not finish within {timeout:.0f} s") from None
    pdf = tex_file.with_suffix(".pdf")
    if done.returncode != 0 or not pdf.is_file():
        log = tex_file.with_suffix(".log")
        first = ""
        if log.is_file():
            text = log.read_text(encoding="utf-8", errors="replace")
            errors = [line for line in text.splitlines() if line.startswith("!")
                      or re.match(r"^[^:\s]+:\d+: ", line)]
            first = errors[0] if errors else ""
        raise ReportError(f"latexmk failed on {tex_file.name} (exit {done.returncode})"
                          + (f": {first}" if first else "") + f"; see {log}")
    return pdf
