"""Network drawings in a real browser: what a reader sees, not just what the SVG text says.

Each drawing is inlined in a page, as Jupyter, the report and the docs show it, and measured
by chromium: no ``**`` or literal ``\\n`` in any text, every text inside the canvas, every node
label inside its node. Screenshots go to reports/build/test-artifacts/ to be looked at.
"""

from __future__ import annotations

import html

import pytest

from symflat.nets.drawing import to_svg
from symflat.paper.compile import compile
from symflat.paper.networks import deep_product, multiplication_gate

NETWORKS = {
    "deep-product-8": lambda: deep_product(8),
    "multiplication-gate": multiplication_gate,
    "compiled": lambda: compile("x1*x2*x3 + x3^3 - 2*x1").network,
}

@pytest.mark.parametrize("engine", ["dot", "builtin"])
@pytest.mark.parametrize("name", list(NETWORKS))
def test_drawing_reads_in_a_browser(open_offline, measure_drawing, artifacts, tmp_path, name,
                                    engine):
    if engine == "dot":
        pytest.importorskip("shutil").which("dot") or pytest.skip("graphviz is not installed")
    svg = to_svg(NETWORKS[name](), engine=engine)
    page_file = tmp_path / f"{name}.html"
    page_file.write_text(f"<!doctype html><meta charset='utf-8'><title>{html.escape(name)}"
                         f"</title><body style='margin:0;background:#fff'>{svg}</body>",
                         encoding="utf-8")
    page, external = open_offline(page_file.as_uri())
    page.evaluate("document.fonts.ready")
    found = measure_drawing(page, page.locator("svg").element_handle())
    assert found["texts"] > 5
    assert found["outside"] == [] and found["spilled"] == [] and found["raw"] == []
    assert found["hidden"] == []
    assert not external
    page.locator("svg").screenshot(path=str(artifacts / f"network-{name}-{engine}.png"))
