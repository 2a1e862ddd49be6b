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

# For each drawing: texts outside the viewBox, node labels outside their shape, raw notation,
# weights on lines that cannot be read (another text or a node over their centre).
MEASURE = """svg => {
    const [vx, vy, vw, vh] = svg.getAttribute('viewBox').split(' ').map(Number);
    const outside = [], spilled = [], raw = [];
    for (const t of svg.querySelectorAll('text')) {
        const b = t.getBBox();
        if (b.width <= 0 || b.x < vx || b.y < vy || b.x + b.width > vx + vw
            || b.y + b.height > vy + vh) outside.push(t.textContent);
        if (/\\*\\*|\\\\n|\\\\frac|\\$/.test(t.textContent)) raw.push(t.textContent);
        const shape = t.parentNode.querySelector(':scope > rect, :scope > ellipse');
        if (shape) {
            const s = shape.getBBox();
            if (b.x < s.x - 1 || b.x + b.width > s.x + s.width + 1) spilled.push(t.textContent);
        }
    }
    const hidden = [];  // weights on lines covered by a node or by another weight
    for (const t of svg.querySelectorAll('text.weight')) {
        const r = t.getBoundingClientRect();
        const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        if (top !== t) hidden.push(t.textContent);
    }
    return {outside, spilled, raw, hidden, texts: svg.querySelectorAll('text').length};
}"""


@pytest.mark.parametrize("engine", ["dot", "builtin"])
@pytest.mark.parametrize("name", list(NETWORKS))
def test_drawing_reads_in_a_browser(open_offline, artifacts, tmp_path, name, engine):
    if engine == "dot":
        pytest.importorskip("shutil").which("dot") or pytest.skip("graphviz is not installed")
    svg = to_svg(NETWORKS[name](), engine=engine)
    page_file = tmp_path / f"{name}.html"
    page_file.write_text(f"<!doctype html><meta charset='utf-8'><title>{html.escape(name)}"
                         f"</title><body style='margin:0;background:#fff'>{svg}</body>",
                         encoding="utf-8")
    page, external = open_offline(page_file.as_uri())
    page.evaluate("document.fonts.ready")
    found = page.evaluate(MEASURE, page.locator("svg").element_handle())
    assert found["texts"] > 5
    assert found["outside"] == [] and found["spilled"] == [] and found["raw"] == []
    assert found["hidden"] == []
    assert not external
    page.locator("svg").screenshot(path=str(artifacts / f"network-{name}-{engine}.png"))
