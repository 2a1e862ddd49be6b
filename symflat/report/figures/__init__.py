"""The report's figures, drawn with matplotlib from stored numbers only.

The numbers come with the verdicts (``figure_data`` of the claim records, see
:mod:`symflat.report.data`) and from the stored width results; nothing is computed here.
A figure is drawn when its data is there:

* :mod:`~symflat.report.figures.general` — the multiplication gate's error against λ, neurons
  of flat and deep products, the bit-product gate's error against β, minimal widths;
* :mod:`~symflat.report.figures.depth` — depth against width (neurons against n, shallow
  bands against the compiled deep network), placed in its section, and the widths of chains,
  rings and lattices against n;
* :mod:`~symflat.report.figures.section3` — the Section III figures (linear networks, sparse
  products, Strassen, Markov chains), each placed in its section;
* :mod:`~symflat.report.figures.networks` — the network drawings stored with the verdicts and
  the depth-2 sweep results (checked, then embedded), each placed in its claim or section;
* :mod:`~symflat.report.figures.common` — the :class:`Figure` record, style and export.

Examples
--------
>>> from symflat.report.data import report_data
>>> data = report_data([{"id": "w", "statement": "s"}], width_rows=[
...     {"polynomial": "x1*x2", "model": "no-bias", "lower": 4, "upper": 4}])
>>> [f.name for f in make_figures(data)]
['width']
"""

from __future__ import annotations

from symflat.report.data import ReportData
from symflat.report.figures.common import Figure, svg_only
from symflat.report.figures.depth import (
    figure_deep2,
    figure_depth,
    figure_quadratic_families,
    quadratic_series,
)
from symflat.report.figures.general import (
    figure_bits,
    figure_multiplication,
    figure_neurons,
    figure_width,
    width_series,
)
from symflat.report.figures.models import figure_product_models, product_model_series
from symflat.report.figures.networks import network_figures
from symflat.report.figures.section3 import section3_figures

__all__ = ["Figure", "make_figures", "section3_figures"]

#: The general figures: the stored series each draws, in the report's order.
_GENERAL = (("multiplication_error", figure_multiplication),
            ("neuron_counts", figure_neurons),
            ("bit_product", figure_bits))


def make_figures(data: ReportData, *, pdf: bool = True) -> list[Figure]:
    """Every figure whose numbers ``data`` holds (the first claim storing a series draws it);
    without ``pdf`` their PDF is left empty (an HTML report needs only the SVG)."""
    if not pdf:
        with svg_only():
            return make_figures(data)
    extra = data.extra or {}
    stored = extra.get("figures") or {}
    figures = [draw(stored[name][0][1]) for name, draw in _GENERAL if stored.get(name)]
    widths = width_series(data.width_rows)
    if widths is not None:
        figures.append(figure_width(widths))
    products = product_model_series(data.width_rows)
    if products is not None:
        figures.append(figure_product_models(products))
    quadratic = quadratic_series(data.width_rows)
    if quadratic is not None:
        figures.append(figure_quadratic_families(quadratic))
    if extra.get("depth") and extra["depth"]["families"]:
        figures.append(figure_depth(extra["depth"]))
    if extra.get("deep2") and extra["deep2"]["series"]:
        figures.append(figure_deep2(extra["deep2"]))
    section3 = extra.get("section3")
    if section3:
        figures += section3_figures(section3)
    figures += network_figures(data.claims, extra.get("deep2"), pdf=pdf)
    return figures
