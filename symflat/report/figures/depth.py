"""The figures of the comparison and quadratic-family sweeps, from stored results only:
hidden neurons against n, shallow (certified bounds, a band lower..upper) against deep
(compiled), and the exact widths of chains, rings and lattices against n.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from symflat.report.figures.common import COLORS, Figure, export, panel_label, pyplot

__all__ = ["figure_deep2", "figure_depth", "figure_quadratic_families", "quadratic_series"]

#: Each model's colour and label in both figures.
_MODELS = (("no-bias", COLORS[0], "shallow, no bias"),
           ("output-bias", COLORS[2], "shallow, output bias"))


def _grid(count: int) -> tuple[int, int]:
    cols = min(3, count)
    return math.ceil(count / cols), cols


def figure_depth(view: Mapping[str, Any]) -> Figure:
    """One panel per family: neurons against n, log scale; each model's certified width as a
    band from the lower bound to the verified construction, the compiled deep network as a
    line."""
    plt = pyplot()
    families = view["families"]
    rows, cols = _grid(len(families))
    fig, axes = plt.subplots(rows, cols, figsize=(3.3 * cols, 2.8 * rows), squeeze=False)
    for ax, family in zip(axes.flat, families):
        series = family["series"]
        ns = [p["n"] for p in series]
        for model, color, label in _MODELS:
            lower = [p["shallow"][model]["lower"] for p in series]
            upper = [p["shallow"][model]["upper"] or p["shallow"][model]["lower"]
                     for p in series]
            ax.fill_between(ns, lower, upper, color=color, alpha=0.25, lw=0, step=None)
            ax.plot(ns, lower, "-", color=color, lw=1, label=f"{label} (lower bound)")
            if upper != lower:
                ax.plot(ns, upper, "--", color=color, lw=1, label=f"{label} (construction)")
        deep = [(p["n"], p["deep"]) for p in series if p["deep"] > 0]
        ax.plot([n for n, _ in deep], [c for _, c in deep], "s-", color=COLORS[1], ms=3.5,
                lw=1.2, label="deep (compiled)")
        ax.set_yscale("log", base=2)
        ax.set_xlabel("n")
        ax.set_ylabel("hidden neurons")
        panel_label(ax, family["title"])
    for ax in list(axes.flat)[len(families):]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=8,
               bbox_to_anchor=(0.5, -0.02 - 0.04 * (rows == 1)))
    fig.tight_layout(rect=(0, 0.08 if rows > 1 else 0.12, 1, 1))
    svg, pdf = export(fig, "depth-width")
    plt.close(fig)
    caption = (
        "Hidden neurons against n for each family of the comparison sweeps (log scale). Bands: "
        "the minimal width of a single-hidden-layer network, from the certified lower bound "
        "(solid) to the best construction verified by exact expansion (dashed; the band is a "
        "line where they meet), in both models. Squares: the deep network compiled from Eq. 11 "
        "gates, counted from its graph (a network with no hidden neuron, n = 1, is left out "
        "of the log scale).")
    return Figure("depth-width", "Depth against width: hidden neurons against n", caption,
                  svg, pdf, numerical=False, data=dict(view), section="depth",
                  wide=len(families) > 1)


def figure_deep2(view: Mapping[str, Any]) -> Figure:
    """Hidden neurons against n for the first family with depth-2 bounds: the one-layer
    width (output bias), the depth-2 bounds of both models (a band from the proved lower
    bound to the verified network) and the compiled network."""
    plt = pyplot()
    family = view["series"][0]["family"]
    series = sorted((p for p in view["series"] if p["family"] == family), key=lambda p: p["n"])
    ns = [p["n"] for p in series]
    fig, ax = plt.subplots(figsize=(4.6, 3.2))
    ax.plot(ns, [p["shallow"]["output-bias"]["lower"] for p in series], "o-", color=COLORS[2],
            ms=3.5, lw=1, label="one layer, output bias (exact)")
    for (model, color, _), marker in zip(_MODELS, ("v", "^")):
        points = [(p["n"], p["depth2"][model]) for p in series if p["depth2"].get(model)]
        xs = [n for n, _ in points]
        lower = [b["lower"] for _, b in points]
        upper = [b["upper"] if b.get("upper") is not None else b["lower"] for _, b in points]
        ax.fill_between(xs, lower, upper, color=color, alpha=0.25, lw=0)
        ax.plot(xs, lower, marker + "-", color=color, ms=3.5, lw=1,
                label=f"two layers, {model} (proved lower bound)")
        if upper != lower:
            ax.plot(xs, upper, marker + "--", color=color, ms=3.5, lw=1,
                    label=f"two layers, {model} (verified network)")
    deep = [(p["n"], p["deep"]) for p in series if p["deep"] > 0]
    ax.plot([n for n, _ in deep], [c for _, c in deep], "s-", color=COLORS[1], ms=3.5, lw=1.2,
            label="compiled (gates)")
    ax.set_yscale("log", base=2)
    ax.set_xlabel("n")
    ax.set_ylabel("hidden neurons")
    panel_label(ax, str(family))
    ax.legend(fontsize=6.5, loc="upper left")
    fig.tight_layout()
    svg, pdf = export(fig, "deep2-width")
    plt.close(fig)
    caption = (
        "Hidden neurons against n (log scale) for the family with depth-2 bounds in the store. "
        "Circles: the exact one-layer width with output bias. Triangles: the smallest network "
        "with two hidden layers, from the proved lower bound (solid) to the verified network "
        "(dashed; one line where they meet), in both models. Squares: the compiled network of "
        "the previous section.")
    return Figure("deep2-width", "Smallest deep networks: hidden neurons against n", caption,
                  svg, pdf, numerical=False, data=dict(view), section="deep2", wide=False)


def quadratic_series(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """The widths of the families whose results carry the quadratic closed form, by family
    and model, sorted by ``n`` (None when there are none).

    Examples
    --------
    >>> quadratic_series([{"family": "chain", "polynomial": "x1*x2", "model": "no-bias",
    ...                    "lower": 4, "upper": 4, "n": 2, "quadratic": {"width": 4}}])
    {'chain': {'no-bias': [(2, 4, 4, 4)]}}
    """
    out: dict[str, dict[str, list[tuple[int, Any, Any, Any]]]] = {}
    for row in rows:
        quadratic = row.get("quadratic")
        if not quadratic or row.get("n") is None or row.get("lower") is None:
            continue
        out.setdefault(str(row["family"]), {}).setdefault(str(row["model"]), []).append(
            (int(row["n"]), row["lower"], row.get("upper"), quadratic.get("width")))
    for models in out.values():
        for points in models.values():
            points.sort()
    return out or None


def figure_quadratic_families(series: Mapping[str, Any]) -> Figure:
    """Width against n of the quadratic families (chains, rings, lattices), both models, with
    the closed form rank + 2 / rank + 1 as open markers."""
    plt = pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(8.6, 3.4), sharey=True)
    markers = "os^Dv<>"
    for ax, (model, _color, label) in zip(axes, _MODELS):
        for i, (family, models) in enumerate(series.items()):
            points = models.get(model, [])
            if not points:
                continue
            color = COLORS[i % len(COLORS)]
            ns = [p[0] for p in points]
            ax.plot(ns, [p[1] for p in points], markers[i % 7] + "-", color=color, ms=4,
                    lw=1, label=f"{family}: lower bound")
            gaps = [(p[0], p[2]) for p in points if p[2] is not None and p[2] != p[1]]
            if gaps:
                ax.plot([g[0] for g in gaps], [g[1] for g in gaps], "x", color=color, ms=6,
                        label=f"{family}: construction (gap)")
            ax.plot(ns, [p[3] for p in points], markers[i % 7], color=color, ms=9, mfc="none",
                    lw=0, alpha=0.6, label=f"{family}: closed form")
        ax.set_xlabel("number of variables n")
        panel_label(ax, label.replace("shallow, ", ""))
    axes[0].set_ylabel("minimal hidden width")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=7.5,
               bbox_to_anchor=(0.5, -0.02))
    fig.tight_layout(rect=(0, 0.1 + 0.03 * (len(handles) // 3), 1, 1))
    svg, pdf = export(fig, "width-quadratic")
    plt.close(fig)
    caption = (
        "Minimal hidden width of the nearest-neighbour quadratic forms of the stored sweeps "
        "(chains, rings, lattices: the Ising-type Hamiltonians of Sec. II.4) against the number "
        "of variables. Filled markers: the certified lower bound, which the verified "
        "construction meets wherever no cross is drawn; open markers: the quadratic theorem's "
        "closed form, rank + 2 without a bias and rank + 1 with an output bias, stored with "
        "each result.")
    return Figure("width-quadratic", "Chains, rings and lattices: minimal width against n",
                  caption, svg, pdf, numerical=False, data={"series": dict(series)}, wide=True)
