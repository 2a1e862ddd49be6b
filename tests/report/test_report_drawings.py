"""Network drawings in the report: drawn when the claims are checked (or the sweep runs),
stored with the verdicts, checked by symflat.report.drawings.clean_svg and only embedded.

The browser test (text inside the canvas, no raw notation) is in test_report_browser.py, the
PDF test in test_report_pdf.py.
"""

from __future__ import annotations

import re

import pytest

from symflat.nets.drawing import to_svg
from symflat.paper.networks import deep_product, flat_product, multiplication_gate
from symflat.report.drawings import RSVG_HINT, clean_svg, pdf_converter, svg_to_pdf
from symflat.report.figures import make_figures
from symflat.report.figures.networks import figure_name
from symflat.report.render import render_html, render_latex

SVG = 'xmlns="http://www.w3.org/2000/svg"'


def _section(html: str, start: str) -> str:
    begin = html.index(start)
    return html[begin:html.index("</article>" if "<article" in start else "</section>", begin)]


@pytest.mark.parametrize("net", [multiplication_gate(), flat_product(3), deep_product(4)],
                         ids=["gate", "flat", "tree"])
@pytest.mark.parametrize("engine", ["dot", "builtin"])
def test_symflat_drawings_pass_the_check_unchanged_in_content(net, engine):
    svg = to_svg(net, engine=engine)
    cleaned = clean_svg(svg)
    assert cleaned is not None and "\n" not in cleaned
    for tag in ("<rect", "<ellipse", "<path", "<text", "<title"):
        assert cleaned.count(tag) == svg.count(tag), tag
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert texts and texts == re.findall(r">([^<>]+)</text>", cleaned)


@pytest.mark.parametrize("hostile", [
    f"<svg {SVG}><script>alert(1)</script></svg>",
    f'<svg {SVG} onload="alert(1)"/>',
    f'<svg {SVG}><a href="javascript:alert(1)"><text>x</text></a></svg>',
    f'<svg {SVG}><foreignObject><p>x</p></foreignObject></svg>',
    f'<svg {SVG}><text style="background:url(http://x)">x</text></svg>',
    f'<svg {SVG}><rect fill="url(http://example.org/x)"/></svg>',
    f'<svg {SVG}><path d="M0,0 url(x)"/></svg>',
    f'<!DOCTYPE svg [<!ENTITY e "&#60;script&#62;">]><svg {SVG}><text>&e;</text></svg>',
    f'<?xml-stylesheet href="http://x"?><svg {SVG}/>',
    '<svg><text>no namespace</text></svg>',
    f'<html {SVG}/>', "<svg", "", None, 42, ["<svg/>"],
])
def test_anything_but_a_symflat_drawing_is_refused_whole(hostile):
    assert clean_svg(hostile) is None


def test_user_text_in_a_drawing_stays_escaped():
    gate = multiplication_gate()
    gate.name = '<script>alert(1)</script> "q" & \\input{/etc/passwd}'
    cleaned = clean_svg(to_svg(gate, engine="builtin"))
    assert "<script>" not in cleaned
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &amp;" in cleaned
    # the markup escaped in a text node does not come back as markup when cleaned again
    assert clean_svg(cleaned) == cleaned


def test_the_checkers_store_the_networks_they_built(check):
    for ident, rects in (("eq11", 4), ("deep-4n", 12)):
        stored = check(ident).certificate["figure_data"]["network"]
        assert stored["svg"].count("<rect") == rects, ident
        assert clean_svg(stored["svg"]) is not None
        assert f"{rects} neurons" in stored["caption"]


def test_the_sample_report_embeds_each_drawing_in_its_place(report_sample):
    data = report_sample.data()
    figures = make_figures(data, pdf=False)
    html = render_html(data, figures=figures)
    for ident, rects in (("eq11", 4), ("eq32", 8), ("deep-4n", 12)):
        anchor = data.by_id(ident)["anchor"]
        article = _section(html, f'<article class="claim {data.by_id(ident)["status"]}" '
                                 f'id="{anchor}"')
        assert f'id="fig-{figure_name(anchor)}"' in article, ident
        drawing = article[article.index("<svg"):article.index("</svg>")]
        assert drawing.count("<rect") == rects, ident
        assert "**" not in drawing and "\\n" not in drawing
    deep2 = _section(html, '<section class="block" id="deep2">')
    assert deep2.count('class="symflat-network"') == 2
    assert "A smallest depth-2 network for x1*x2 (no-bias)" in deep2
    assert "5 hidden neurons (split 3 + 2)" in deep2


def test_hostile_drawings_are_escaped_or_left_out(report_sample):
    data = report_sample.data()
    html = render_html(data, figures=make_figures(data, pdf=False))
    hostile = _section(html, f'id="{data.by_id("x<script>")["anchor"]}"')
    assert 'class="symflat-network"' in hostile  # drawn by symflat: shown, its name escaped
    assert "&lt;script&gt;window.__xss = 4&lt;/script&gt;" in hostile
    assert "<script>window.__xss" not in html and "&lt;b&gt;hostile&lt;/b&gt;" in hostile
    assert "tampered drawing" not in html  # tampered with: refused as a whole
    tex = render_latex(data, figures=make_figures(data, pdf=False))
    assert "tampered" not in tex and r"\textbackslash{}input" in tex
    assert "\\input{/etc/passwd}" not in tex.replace(r"\textbackslash{}input", "")


def test_latex_says_where_a_drawing_is_html_only(report_sample, monkeypatch):
    import symflat.report.drawings as drawings

    data = report_sample.data()
    monkeypatch.setattr(drawings, "pdf_converter", lambda: None)
    assert svg_to_pdf(clean_svg(to_svg(multiplication_gate()))) == b""
    tex = render_latex(data, figures=make_figures(data))
    assert tex.count("drawn in the HTML report only") == 6  # 4 claims, 2 depth-2 networks
    assert "librsvg2-bin" in RSVG_HINT and "includegraphics" not in RSVG_HINT


@pytest.mark.skipif(pdf_converter() is None, reason="rsvg-convert is not installed "
                    "(apt-get install librsvg2-bin)")
def test_latex_includes_the_converted_drawings(report_sample):
    data = report_sample.data()
    figures = make_figures(data)
    nets = [f for f in figures if f.name.startswith(("net-", "deep2-net-"))]
    assert len(nets) == 6 and all(f.pdf.startswith(b"%PDF") for f in nets)
    tex = render_latex(data, figures=figures)
    for f in nets:
        assert f"{{figures/{f.name}.pdf}}" in tex
    assert "drawn in the HTML report only" not in tex
