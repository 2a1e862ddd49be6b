"""The report's general figures, drawn from stored series: the multiplication gate's error
against λ, hidden neurons of flat and deep products against n, the bit-product gate's error
against β (:mod:`symflat.paper.gate_series`, stored by the checkers), and minimal widths against
their lower bounds (the stored width results).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from symflat.report.figures.common import COLORS, Figure, export, pyplot

__all__ = ["width_series", "figure_multiplication", "figure_neurons", "figure_bits",
           "figure_width"]


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


def figure_multiplication(data: Mapping[str, Any]) -> Figure:
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    lambdas = data["lambdas"]
    ordered = [(name, data["series"][name]) for name in data["activations"]]
    for color, (name, series) in zip(COLORS, ordered):
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
    svg, pdf = export(fig, "multiplication-error")
    plt.close(fig)
    u, v = data["point"]
    slopes = ", ".join(f"{n}: {s['slope']:.4f}" for n, s in ordered)
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


def figure_neurons(data: Mapping[str, Any]) -> Figure:
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    flat, deep = data["flat"], data["deep"]
    n_max = data["deep_max"]
    ax.semilogy([n for n, _ in flat], [c for _, c in flat], "o", color=COLORS[1], ms=5,
                label="flat product (Eq. 32), counted from the graph")
    formula = list(range(flat[-1][0], n_max + 1))
    ax.semilogy(formula, [2.0**n for n in formula], "--", color=COLORS[1], lw=1,
                label="2ⁿ (formula, networks too large to build)")
    ax.semilogy([n for n, _ in deep], [c for _, c in deep], "s", color=COLORS[0], ms=4,
                label="deep product (tree of gates), counted from the graph")
    ns = list(range(2, n_max + 1))
    ax.semilogy(ns, [4 * n for n in ns], "-", color=COLORS[0], lw=1, alpha=0.5,
                label="4n (the paper's count)")
    ax.set_xlabel("number of factors n in x₁x₂⋯xₙ")
    ax.set_ylabel("hidden neurons")
    ax.legend(fontsize=8, loc="upper left")
    svg, pdf = export(fig, "neuron-counts")
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


def figure_bits(data: Mapping[str, Any]) -> Figure:
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    betas = data["betas"]
    markers = "o^sv"
    for i, (k, values) in enumerate(data["worst"].items()):
        ax.semilogy(betas, values, markers[i % 4] + "-", color=COLORS[i], ms=3.5, lw=0.8,
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
    svg, pdf = export(fig, "bit-product-error")
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


def figure_width(data: Mapping[str, Any]) -> Figure:
    plt = pyplot()
    points = data["points"]
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    models = sorted({p["model"] for p in points})
    for i, model in enumerate(models):
        mine = [p for p in points if p["model"] == model]
        exact = [p for p in mine if p["exact"]]
        gap = [p for p in mine if not p["exact"] and p["upper"] is not None]
        ax.plot([p["lower"] for p in exact], [p["upper"] for p in exact], "o",
                color=COLORS[i], ms=5, label=f"{model}: minimal width found (exact)")
        if gap:
            ax.plot([p["lower"] for p in gap], [p["upper"] for p in gap], "x",
                    color=COLORS[i], ms=6, label=f"{model}: best construction (gap)")
    top = max(max(p["lower"], p["upper"] or 0) for p in points) + 1
    ax.plot([0, top], [0, top], "-", color="#57606a", lw=0.8, label="upper = lower")
    ax.set_xlabel("lower bound (certificate)")
    ax.set_ylabel("width of the best construction")
    ax.legend(fontsize=8, loc="upper left")
    svg, pdf = export(fig, "width")
    plt.close(fig)
    caption = (
        "Each polynomial of the stored sweeps: the certified lower bound against the width of "
        "the best exact construction (checked by exact expansion). Points on the diagonal are "
        "exact minimal widths."
    )
    return Figure("width", "Minimal width against the lower bound", caption, svg, pdf,
                  numerical=False, data=data)
