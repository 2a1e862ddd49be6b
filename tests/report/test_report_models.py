"""The report's view of widths across network classes (named activations, hidden biases)."""

from symflat.report.data import width_tables
from symflat.report.figures.models import figure_product_models, product_model_series
from symflat.verify.sweep.jobs import compute


def _rows():
    out = []
    for key in ("no-bias", "no-bias;sigma=tanh"):
        for n in (2, 3):
            poly = "*".join(f"x{i}" for i in range(1, n + 1))
            result = compute({"polynomial": poly, "model": key})["result"]
            out.append({"family": "products", **result, "model": key})
    return out


def test_products_across_models_drawn_and_tabled():
    rows = _rows()
    series = product_model_series(rows)
    tanh = series["series"]["no-bias;sigma=tanh"]
    assert tanh == [{"n": 2, "lower": None, "upper": None, "representable": False},
                    {"n": 3, "lower": 4, "upper": 4, "representable": True}]
    assert series["series"]["no-bias"][1]["lower"] == 8
    figure = figure_product_models(series)
    assert "no-bias;sigma=tanh at n = 2" in figure.caption
    (table,) = width_tables(rows)
    unreachable = [r for r in table["rows"] if r[1] == "no-bias;sigma=tanh" and r[0] == "x1*x2"]
    assert unreachable == [["x1*x2", "no-bias;sigma=tanh", "—", "—",
                            "not reachable in this model"]]


def test_generic_models_alone_draw_no_class_figure():
    rows = [r for r in _rows() if r["model"] == "no-bias"]
    assert product_model_series(rows) is None
