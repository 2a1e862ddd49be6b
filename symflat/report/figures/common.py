"""What every report figure shares: the :class:`Figure` record, matplotlib's style, the SVG and
PDF export, colours and axis helpers. Nothing here computes data.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "COLORS",
    "BLUES",
    "ORANGES",
    "Figure",
    "pyplot",
    "export",
    "svg_only",
    "pdf_wanted",
    "sequence",
    "panel_label",
    "log2_ticks",
    "plain",
    "plain_none",
    "plain_log_y",
]

COLORS = ("#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#57606a")

#: Sequential palettes (light to dark) for ordered parameters (p, n).
BLUES = ("#74a9cf", "#3690c0", "#0570b0", "#045a8d", "#023858")
ORANGES = ("#fd8d3c", "#e6550d", "#c2410c", "#8c2d04", "#4a1702")


def sequence(palette: Sequence[str], count: int) -> list[str]:
    """``count`` colours spread over a light-to-dark palette (the darkest last)."""
    if count <= 1:
        return [palette[-2]]
    first = max(0, len(palette) - 1 - count) if count < len(palette) else 0
    picks = [round(first + i * (len(palette) - 1 - first) / (count - 1)) for i in range(count)]
    return [palette[i] for i in picks]


@dataclass(frozen=True)
class Figure:
    """One drawn figure.

    Attributes
    ----------
    name : str
        File stem and HTML anchor (``fig-<name>``).
    title, caption : str
        Shown above and below it; the caption says how the numbers were obtained.
    svg : str
        The SVG markup to inline in HTML (no XML prolog, scalable).
    pdf : bytes
        The same figure as PDF, for LaTeX (empty when drawn under :func:`svg_only`).
    numerical : bool
        Whether anything drawn is a floating-point result (a fit, a float evaluation).
    data : Mapping
        The plotted numbers (for tests and for anyone re-plotting them).
    section : str
        The report section it belongs to (its anchor); ``""`` for the Figures section.
    wide : bool
        Drawn for the full text width (two panels).
    """

    name: str
    title: str
    caption: str
    svg: str
    pdf: bytes
    numerical: bool = False
    data: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    section: str = ""
    wide: bool = False


def pyplot() -> Any:
    """matplotlib.pyplot on the Agg backend with the report's style."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.color": "#d0d7de",
        "grid.linewidth": 0.6,
        "axes.edgecolor": "#57606a",
        "axes.labelcolor": "#24292f",
        "xtick.color": "#57606a",
        "ytick.color": "#57606a",
        "legend.frameon": False,
        "svg.fonttype": "path",
    })
    return plt


_SVG_HEAD = re.compile(r"^.*?(<svg\b)", re.DOTALL)
_SVG_SIZE = re.compile(r'(<svg\b[^>]*?)\s(width|height)="[^"]*"')


#: Whether :func:`export` writes the PDF too (False inside :func:`svg_only`).
_WITH_PDF: ContextVar[bool] = ContextVar("symflat_figures_with_pdf", default=True)


@contextlib.contextmanager
def svg_only() -> Iterator[None]:
    """Figures drawn inside leave their PDF empty: an HTML report needs only the SVG, and
    writing the PDF took as long as the SVG."""
    token = _WITH_PDF.set(False)
    try:
        yield
    finally:
        _WITH_PDF.reset(token)


def pdf_wanted() -> bool:
    """Whether figures drawn now need their PDF (False inside :func:`svg_only`)."""
    return _WITH_PDF.get()


def export(fig: Any, name: str) -> tuple[str, bytes]:
    """SVG markup (prolog stripped, scalable, ids unique to ``name``) and PDF bytes (empty
    inside :func:`svg_only`)."""
    import matplotlib

    svg_buffer, pdf_buffer = io.StringIO(), io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": f"symflat-{name}"}):
        fig.savefig(svg_buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    if _WITH_PDF.get():
        fig.savefig(pdf_buffer, format="pdf", bbox_inches="tight",
                    metadata={"CreationDate": None, "ModDate": None})
    svg = _SVG_HEAD.sub(r"\1", svg_buffer.getvalue(), count=1)
    for _ in range(2):
        svg = _SVG_SIZE.sub(r"\1", svg, count=1)
    svg = svg.replace("<svg ", f'<svg class="plot" role="img" aria-labelledby="fig-{name}-title" ',
                      1)
    return svg, pdf_buffer.getvalue()


def panel_label(ax: Any, text: str) -> None:
    ax.set_title(text, loc="left", fontsize=9.5, color="#24292f", pad=6)


def log2_ticks(ax: Any, ns: Sequence[int]) -> None:
    """Base-2 log x axis with ticks at powers of two: all of them, or every 2nd or 4th."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    ax.set_xscale("log", base=2)
    ks = sorted({n.bit_length() - 1 for n in ns})
    step = 1 if len(ks) <= 7 else 2 if len(ks) <= 12 else 4
    ticks = [2**k for k in ks if k % step == 0]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())

    def label(value: float, _pos: int) -> str:
        k = round(math.log2(value))
        return str(2**k) if k <= 8 else f"2$^{{{k}}}$"

    ax.xaxis.set_major_formatter(FuncFormatter(label))


def plain(value: float, _pos: int = 0) -> str:
    """A log-axis tick as a plain number: 0.01, 1, 100 (not 10⁻², 10⁰, 10²)."""
    return f"{value:g}"


def plain_log_y(ax: Any) -> None:
    """Log y axis labelled 0.25, 0.5, 1, 2, 4 instead of 2.5×10⁻¹ (small ranges only)."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    ax.set_yscale("log", base=2)
    ax.yaxis.set_major_locator(LogLocator(base=2))
    ax.yaxis.set_major_formatter(FuncFormatter(plain))
    ax.yaxis.set_minor_formatter(NullFormatter())


def plain_none(_value: float, _pos: int = 0) -> str:
    """An empty tick label (minor ticks of a log axis)."""
    return ""
