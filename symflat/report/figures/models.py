"""The 2^n theorem across network classes: the width of x1⋯xn against n, one series per model."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from symflat.report.figures.common import COLORS, Figure, export, pyplot

__all__ = ["figure_product_models", "product_model_series"]


def product_model_series(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """The stored widths of the ``products`` family by model key and ``n`` (``None`` unless
    at least two models, one of them beyond the generic activation, were swept).

    Examples
    --------
    >>> rows = [{"family": "products", "polynomial": "x1*x2*x3", "model": m, "lower": w,
    ...          "upper": w} for m, w in (("no-bias", 8), ("no-bias;sigma=tanh", 4))]
    >>> product_model_series(rows)["series"]["no-bias;sigma=tanh"]
    [{'n': 3, 'lower': 4, 'upper': 4, 'representable': True}]
    """
    series: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row.get("family") != "products":
            continue
        n = str(row.get("polynomial", "")).count("x")
        representable = row.get("representable", True) is not False
        if representable and row.get("lower") is None:
            continue
        series.setdefault(str(row.get("model")), []).append(
            {"n": n, "lower": row.get("lower"), "upper": row.get("upper"),
             "representable": representable})
    if len(series) < 2 or all(";" not in key and not key.startswith("affine")
                              for key in series):
        return None
    return {"series": {k: sorted(v, key=lambda p: p["n"]) for k, v in sorted(series.items())}}


def figure_product_models(data: Mapping[str, Any]) -> Figure:
    """Width of x1⋯xn against n (log scale), exact points joined, gaps as bars."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    unreachable = []
    for i, (model, points) in enumerate(data["series"].items()):
        color = COLORS[i % len(COLORS)]
        exact = [p for p in points if p["representable"] and p["upper"] == p["lower"]]
        ax.plot([p["n"] + 0.04 * i for p in exact], [p["lower"] for p in exact], "o-",
                color=color, ms=4, lw=1, label=model)
        for p in points:
            if not p["representable"]:
                unreachable.append(f"{model} at n = {p['n']}")
            elif p["upper"] != p["lower"]:
                top = p["upper"] if p["upper"] is not None else p["lower"]
                ax.plot([p["n"] + 0.04 * i] * 2, [p["lower"], top], "-", color=color, lw=3,
                        alpha=0.5)
    ax.set_yscale("log", base=2)
    ax.set_xlabel("n (factors of x1⋯xn)")
    ax.set_ylabel("hidden neurons, one layer")
    ax.legend(fontsize=7, loc="upper left")
    svg, pdf = export(fig, "product-models")
    plt.close(fig)
    caption = (
        "The minimal width of x1⋯xn in each network class swept (model; sigma = the activation "
        "used with its exact Taylor coefficients): joined points are exact (a proven lower "
        "bound met by a construction re-checked by exact expansion), bars are the gap between "
        "them. The generic sigma needs 2^n neurons without bias (Appendix A, under its "
        "hypothesis sigma_k != 0); an odd activation needs 2^(n-1) for odd n."
        + (" Not reachable in the class: " + "; ".join(unreachable) + "." if unreachable
           else "")
    )
    return Figure("product-models", "The 2^n theorem across network classes", caption, svg,
                  pdf, numerical=False, data=data)
