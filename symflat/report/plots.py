"""The report's figures: data computed from the networks themselves, drawn with matplotlib.

Each figure is computed first (:func:`multiplication_error_series`, :func:`neuron_count_series`,
:func:`bit_product_series`, :func:`width_series`: plain data, tested on their own) and then
drawn (:func:`make_figures`) as SVG for the HTML report and PDF for the LaTeX one.

How the numbers are obtained, and what is numerical:

* The gates' errors are evaluated on the network graphs
  (:func:`~symflat.nets.evaluate.evaluate_interval`) in interval arithmetic (256 bits) from the
  exact weights and the activation's closed form: each plotted value is the midpoint of an
  interval that rigorously contains the true error, and the intervals are far narrower than
  the markers. A fitted slope is a floating point least-squares fit, labelled numerical.
* Neuron counts are read from the graphs built by :mod:`symflat.paper.networks` (``neuron_count``),
  never typed in; values only given by the formula 2^n (networks too large to build) are drawn
  as a dashed line and labelled so.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy

from symflat.exact.expressions import to_expression
from symflat.exact.interval import precision
from symflat.exact.symbols import BETA, LAMBDA
from symflat.nets.evaluate import PRECISION_BITS, evaluate_interval
from symflat.paper.networks import bit_product, deep_product, flat_product
from symflat.paper.networks import multiplication_gate as _multiplication_gate

__all__ = [
    "Figure",
    "multiplication_error_series",
    "neuron_count_series",
    "bit_product_series",
    "width_series",
    "make_figures",
    "PRECISION_BITS",
]

#: Activations of the multiplication-gate figure, with the exact shift b where σ''(b) ≠ 0.
GATE_ACTIVATIONS: tuple[tuple[str, sympy.Expr], ...] = (
    ("exp", sympy.Integer(0)),
    ("softplus", sympy.Integer(0)),
    ("sigmoid", sympy.Integer(1)),
    ("tanh", sympy.Integer(1)),
)

_COLORS = ("#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#57606a")


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
        The same figure as PDF, for LaTeX.
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


def _mid(interval: Any) -> float:
    return float(interval.mid)


def _width(interval: Any) -> float:
    return float(interval.delta)


# -- the three computed series ----------------------------------------------------------------
def multiplication_error_series(
    lambdas: Sequence[Any] | None = None, point: tuple[int, int] = (1, 1),
    activations: Sequence[tuple[str, sympy.Expr]] = GATE_ACTIVATIONS,
) -> dict[str, Any]:
    """Relative error of the multiplication gate (Eq. 11) against λ, for several σ.

    λ runs over exact rationals (by default 1, 1/2, 1/5, 1/10, ..., 1/10⁴); the gate is
    evaluated at ``point`` in
    rigorous interval arithmetic. The exact leading term c·λ² of the relative error comes from
    the exact Taylor expansion (degree 4) of the same gate.

    Returns
    -------
    dict
        ``lambdas``; per activation: ``errors`` (interval midpoints), ``widths`` (interval
        widths), ``leading`` (the exact c as a string and as a float), ``slope`` (a numerical
        least-squares fit of log error against log λ), ``shift``.

    Examples
    --------
    >>> s = multiplication_error_series(["1/100", "1/1000"], activations=[("exp", 0)])
    >>> s["series"]["exp"]["leading"]     # sinh(λ)²/λ² - 1 = λ²/3 + ...
    '1/3'
    >>> abs(s["series"]["exp"]["slope"] - 2) < 0.01
    True
    """
    from symflat.nets.expansion import expand

    if lambdas is None:
        lambdas = [sympy.Rational(m, 10**j) for j in range(0, 5) for m in (10, 5, 2)
                   if sympy.Rational(m, 10**j) <= 1] + [sympy.Rational(1, 10**4)]
    lambdas = [sympy.Rational(lam) for lam in lambdas]
    u, v = (sympy.Integer(c) for c in point)
    result: dict[str, Any] = {
        "lambdas": [float(lam) for lam in lambdas],
        "point": [int(u), int(v)],
        "series": {},
    }
    for name, shift in activations:
        shift = to_expression(shift)
        errors, widths = [], []
        for lam in lambdas:
            gate = _multiplication_gate(lam=lam, shift=shift)
            y = evaluate_interval(gate, {"x1": u, "x2": v}, name, shift=shift)["y"]
            with precision(PRECISION_BITS):
                rel = abs(y / (int(u) * int(v)) - 1)
            errors.append(_mid(rel))
            widths.append(_width(rel))
        symbolic = expand(_multiplication_gate(shift=shift), 4, name)
        quartic = sum(
            c for monomial, c in symbolic.terms("y").items() if sum(monomial) == 4
        )
        x1, x2 = symbolic.variables
        leading = sympy.simplify(quartic.subs({LAMBDA: 1, x1: u, x2: v}) / (u * v))
        fit = [(math.log10(lam), math.log10(err))
               for lam, err in zip(result["lambdas"], errors) if 0 < err and lam <= 0.1]
        result["series"][name] = {
            "shift": str(shift),
            "errors": errors,
            "widths": widths,
            "leading": str(leading),
            "leading_value": float(leading),
            "leading_latex": sympy.latex(leading),
            "slope": _slope(fit),
        }
    return result


def _slope(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope (floating point)."""
    n = len(points)
    if n < 2:
        return float("nan")
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in points)
    return sxy / sxx


def neuron_count_series(flat_max: int = 10, deep_max: int = 32) -> dict[str, Any]:
    """Hidden neurons of the flat (Eq. 32) and deep product networks, counted from the graphs.

    Examples
    --------
    >>> s = neuron_count_series(flat_max=4, deep_max=8)
    >>> s["flat"]
    [[1, 2], [2, 4], [3, 8], [4, 16]]
    >>> s["deep"][:3]
    [[2, 4], [3, 9], [4, 12]]
    """
    flat = [[n, flat_product(n).neuron_count] for n in range(1, flat_max + 1)]
    deep = [[n, deep_product(n).neuron_count] for n in range(2, deep_max + 1)]
    return {"flat": flat, "deep": deep, "flat_max": flat_max, "deep_max": deep_max}


def bit_product_series(betas: Sequence[int] | None = None, ks: Sequence[int] = (1, 2, 3, 4),
                       decimals: int = 10) -> dict[str, Any]:
    """Worst-case error of the bit-product gate (Eq. 13) over all bit strings, against β.

    For each k and exact β the gate's network is evaluated (interval arithmetic) on all 2^k
    bit strings and compared with the product of the bits.

    Examples
    --------
    >>> s = bit_product_series([23], ks=[2])
    >>> s["worst"]["2"][0] < 1.1e-5, s["threshold"] > 23
    (True, True)
    """
    betas = list(range(1, 61)) if betas is None else list(betas)
    worst: dict[str, list[float]] = {}
    for k in ks:
        values = []
        for beta in betas:
            net = bit_product(k, beta=beta)
            largest = 0.0
            for bits in _bit_strings(k):
                y = evaluate_interval(net, {f"x{i + 1}": b for i, b in enumerate(bits)})["y"]
                with precision(PRECISION_BITS):
                    err = abs(y - math.prod(bits))
                largest = max(largest, float(err.b))
            values.append(largest)
        worst[str(k)] = values
    threshold = decimals * math.log(10)
    at_threshold = {}
    for k in ks:
        net = bit_product(k, beta=sympy.Integer(decimals) * sympy.log(10))
        errs = []
        for bits in _bit_strings(k):
            y = evaluate_interval(net, {f"x{i + 1}": b for i, b in enumerate(bits)})["y"]
            with precision(PRECISION_BITS):
                errs.append(float(abs(y - math.prod(bits)).b))
        at_threshold[str(k)] = max(errs)
    return {
        "betas": betas,
        "worst": worst,
        "decimals": decimals,
        "threshold": threshold,
        "at_threshold": at_threshold,
        "beta_symbol": str(BETA),
    }


def _bit_strings(k: int) -> list[tuple[int, ...]]:
    return [tuple((j >> i) & 1 for i in range(k)) for j in range(2**k)]


def width_series(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """Minimal width against the lower bound, from stored width results (None when empty).

    Each row needs ``polynomial``, ``model``, ``lower`` and ``upper`` (int or None).

    Examples
    --------
    >>> width_series([{"polynomial": "x1*x2", "model": "no-bias", "lower": 4, "upper": 4}])
    {'points': [{'label': 'x1*x2', 'model': 'no-bias', 'lower': 4, 'upper': 4, 'exact': True}]}
    >>> width_series([]) is None
    True
    """
    points = []
    for row in rows:
        lower, upper = row.get("lower"), row.get("upper")
        if lower is None:
            continue
        points.append({
            "label": str(row.get("polynomial", "?")),
            "model": str(row.get("model", "?")),
            "lower": int(lower),
            "upper": None if upper is None else int(upper),
            "exact": upper is not None and int(upper) == int(lower),
        })
    return {"points": points} if points else None


# -- drawing --------------------------------------------------------------------------------
def _pyplot():
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


def _export(fig: Any, name: str) -> tuple[str, bytes]:
    """SVG markup (prolog stripped, scalable, ids unique to ``name``) and PDF bytes."""
    import matplotlib

    svg_buffer, pdf_buffer = io.StringIO(), io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": f"symflat-{name}"}):
        fig.savefig(svg_buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    fig.savefig(pdf_buffer, format="pdf", bbox_inches="tight",
                metadata={"CreationDate": None, "ModDate": None})
    svg = _SVG_HEAD.sub(r"\1", svg_buffer.getvalue(), count=1)
    for _ in range(2):
        svg = _SVG_SIZE.sub(r"\1", svg, count=1)
    svg = svg.replace("<svg ", f'<svg class="plot" role="img" aria-labelledby="fig-{name}-title" ',
                      1)
    return svg, pdf_buffer.getvalue()


def _figure_multiplication(data: Mapping[str, Any]) -> Figure:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    lambdas = data["lambdas"]
    for color, (name, series) in zip(_COLORS, data["series"].items()):
        c_text = series["leading"] if len(series["leading"]) <= 8 else (
            f"{series['leading_value']:.4g}")
        label = f"{name}, b = {series['shift']}: slope {series['slope']:.3f}, c = {c_text}"
        ax.loglog(lambdas, series["errors"], "o", color=color, ms=4.5, label=label)
        c = series["leading_value"]
        ax.loglog(lambdas, [abs(c) * lam**2 for lam in lambdas], "-", color=color, lw=1,
                  alpha=0.55)
    ax.axvline(0.1, color="#57606a", ls=":", lw=1)
    ax.annotate("λ⁻¹ = 10", xy=(0.1, 1), xycoords=("data", "axes fraction"), xytext=(-4, -4),
                textcoords="offset points", ha="right", va="top", color="#57606a", fontsize=9)
    ax.set_xlabel("input scale λ")
    ax.set_ylabel("relative error |m/(x₁x₂) − 1|")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2,
              title="σ, shift b: fitted slope; exact c of the leading term c·λ²",
              title_fontsize=8)
    svg, pdf = _export(fig, "multiplication-error")
    plt.close(fig)
    u, v = data["point"]
    slopes = ", ".join(f"{n}: {s['slope']:.4f}" for n, s in data["series"].items())
    caption = (
        f"Relative error of the four-neuron multiplication gate of Eq. 11 at (x₁, x₂) = ({u}, {v}) "
        "against the input scale λ, for several activations σ shifted to a point b where "
        "σ''(b) ≠ 0. Markers: the network graph evaluated in 256-bit interval arithmetic "
        "(rigorous enclosures, far narrower than the markers). Lines: the exact leading term "
        "c·λ² from the exact Taylor expansion of the same network. Fitted slopes over λ ≤ 0.1 "
        f"(numerical least squares): {slopes}; predicted: 2. The dotted line marks λ⁻¹ = 10."
    )
    return Figure("multiplication-error", "Multiplication gate: relative error against λ",
                  caption, svg, pdf, numerical=True, data=data)


def _figure_neurons(data: Mapping[str, Any]) -> Figure:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    flat, deep = data["flat"], data["deep"]
    n_max = data["deep_max"]
    ax.semilogy([n for n, _ in flat], [c for _, c in flat], "o", color=_COLORS[1], ms=5,
                label="flat product (Eq. 32), counted from the graph")
    formula = list(range(flat[-1][0], n_max + 1))
    ax.semilogy(formula, [2.0**n for n in formula], "--", color=_COLORS[1], lw=1,
                label="2ⁿ (formula, networks too large to build)")
    ax.semilogy([n for n, _ in deep], [c for _, c in deep], "s", color=_COLORS[0], ms=4,
                label="deep product (tree of gates), counted from the graph")
    ns = list(range(2, n_max + 1))
    ax.semilogy(ns, [4 * n for n in ns], "-", color=_COLORS[0], lw=1, alpha=0.5,
                label="4n (the paper's count)")
    ax.set_xlabel("number of factors n in x₁x₂⋯xₙ")
    ax.set_ylabel("hidden neurons")
    ax.legend(fontsize=8, loc="upper left")
    svg, pdf = _export(fig, "neuron-counts")
    plt.close(fig)
    last = deep[-1]
    caption = (
        "Hidden neurons of the single-hidden-layer product network of Appendix A (2ⁿ neurons, "
        f"built and counted for n ≤ {flat[-1][0]}) and of the deep product network, a binary "
        "tree of four-neuron multiplication gates with copy gates where n is not a power of 2 "
        f"(built and counted for n ≤ {n_max}; n = {last[0]} needs {last[1]} neurons). "
        "All counts are exact integers read from the graphs."
    )
    return Figure("neuron-counts", "Hidden neurons against n: flat and deep products", caption,
                  svg, pdf, numerical=False, data=data)


def _figure_bits(data: Mapping[str, Any]) -> Figure:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    betas = data["betas"]
    markers = "o^sv"
    for i, (k, values) in enumerate(data["worst"].items()):
        ax.semilogy(betas, values, markers[i % 4] + "-", color=_COLORS[i], ms=3.5, lw=0.8,
                    label=f"k = {k} bits", alpha=0.85)
    d, threshold = data["decimals"], data["threshold"]
    ax.axvline(threshold, color="#cf222e", ls="--", lw=1)
    ax.axhline(10.0**-d, color="#57606a", ls=":", lw=1)
    worst_at = max(data["at_threshold"].values())
    ax.plot([threshold], [worst_at], "D", color="#cf222e", ms=6, zorder=5)
    ax.annotate(f"paper: β > D ln 10 ≈ {threshold:.2f} (D = {d})\nerror there: {worst_at:.2e}",
                xy=(threshold, worst_at), xytext=(10, 12), textcoords="offset points",
                color="#cf222e", fontsize=8.5)
    ax.annotate(f"10⁻ᴰ = 1e-{d}", xy=(betas[0], 10.0**-d), xytext=(2, 4),
                textcoords="offset points", color="#57606a", fontsize=8.5)
    ax.set_xlabel("β")
    ax.set_ylabel("worst-case error over all bit strings")
    ax.legend(fontsize=8, loc="lower left")
    svg, pdf = _export(fig, "bit-product-error")
    plt.close(fig)
    caption = (
        "Largest error |σ(−β(k − ½ − Σᵢ xᵢ)) − Πᵢ xᵢ| over all 2ᵏ bit strings for the logistic "
        "sigmoid, at integer β, each value an upper end of a 256-bit interval enclosure "
        "computed on the gate's network graph. The dashed line is the paper's threshold "
        f"β > D ln 10 for D = {d} decimal places; the diamond is the worst error at that β "
        f"(computed exactly at β = {d} ln 10), the dotted line the level 10⁻ᴰ."
    )
    return Figure("bit-product-error", "Bit-product gate: worst-case error against β", caption,
                  svg, pdf, numerical=False, data=data)


def _figure_width(data: Mapping[str, Any]) -> Figure:
    plt = _pyplot()
    points = data["points"]
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    models = sorted({p["model"] for p in points})
    for i, model in enumerate(models):
        mine = [p for p in points if p["model"] == model]
        exact = [p for p in mine if p["exact"]]
        gap = [p for p in mine if not p["exact"] and p["upper"] is not None]
        ax.plot([p["lower"] for p in exact], [p["upper"] for p in exact], "o",
                color=_COLORS[i], ms=5, label=f"{model}: minimal width found (exact)")
        if gap:
            ax.plot([p["lower"] for p in gap], [p["upper"] for p in gap], "x",
                    color=_COLORS[i], ms=6, label=f"{model}: best construction (gap)")
    top = max(max(p["lower"], p["upper"] or 0) for p in points) + 1
    ax.plot([0, top], [0, top], "-", color="#57606a", lw=0.8, label="upper = lower")
    ax.set_xlabel("lower bound (certificate)")
    ax.set_ylabel("width of the best construction")
    ax.legend(fontsize=8, loc="upper left")
    svg, pdf = _export(fig, "width")
    plt.close(fig)
    caption = (
        "Each polynomial of the stored sweeps: the certified lower bound against the width of "
        "the best exact construction (checked by exact expansion). Points on the diagonal are "
        "exact minimal widths."
    )
    return Figure("width", "Minimal width against the lower bound", caption, svg, pdf,
                  numerical=False, data=data)


def make_figures(width_rows: Sequence[Mapping[str, Any]] = (), *, quick: bool = False
                 ) -> list[Figure]:
    """Compute and draw every figure (the width figure only when width results are given).

    ``quick`` uses coarser grids (for tests).
    """
    figures = [
        _figure_multiplication(
            multiplication_error_series(["1", "1/10", "1/100", "1/1000"] if quick else None)),
        _figure_neurons(neuron_count_series(*((6, 12) if quick else (10, 32)))),
        _figure_bits(bit_product_series(list(range(2, 61, 6)) if quick else None,
                                        ks=(1, 3) if quick else (1, 2, 3, 4))),
    ]
    widths = width_series(width_rows)
    if widths is not None:
        figures.append(_figure_width(widths))
    return figures
