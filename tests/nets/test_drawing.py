"""Networks drawn like the paper's Fig. 2: typeset, factored, escaped, with either engine."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from symflat import layout
from symflat.nets import drawing
from symflat.nets.network import Network
from symflat.paper.compile import compile
from symflat.paper.networks import bit_product, deep_product, multiplication_gate

NS = "{http://www.w3.org/2000/svg}"
ENGINES = ["builtin", pytest.param("dot", marks=pytest.mark.skipif(
    shutil.which("dot") is None, reason="graphviz is not installed"))]


def _hostile() -> Network:
    net = Network("<script>alert(1)</script>")
    net.add_input("x")
    net.add_neuron("h", activation="x**3/(1 + x**2)", bias=1)
    net.add_output("y")
    net.add_edge("x", "h", "1/2")
    net.add_edge("h", "y", 1)
    return net


def _texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{NS}text")]


@pytest.mark.parametrize("engine", ENGINES)
def test_every_node_and_edge_drawn_once_without_internal_names(engine):
    net = deep_product(8)
    root = ET.fromstring(drawing.to_svg(net, engine=engine))
    assert root.get("data-engine") == engine
    assert len(root.findall(f".//{NS}rect")) == net.neuron_count == 28
    assert len(root.findall(f".//{NS}ellipse")) == net.graph.number_of_nodes() - 28
    assert len(root.findall(f".//{NS}path")) == net.graph.number_of_edges()
    texts = " ".join(_texts(root))
    assert not re.search(r"L\d|hpp|hmm|\*\*|\\n", texts)
    assert {"x₁", "x₈", "y", "σ", "+"} <= set(_texts(root))
    assert float(root.get("width")) < 800  # deep_product(8) stays readable on a page


@pytest.mark.parametrize("engine", ENGINES)
def test_common_weights_are_written_once_per_layer_and_signs_are_dashes(engine):
    net = multiplication_gate()
    root = ET.fromstring(drawing.to_svg(net, engine=engine))
    texts = _texts(root)
    assert texts.count("±λ") == 1 and texts.count("±1/(8λ²σ₂)") == 1
    dashed = [p for p in root.iter(f"{NS}path") if p.get("stroke-dasharray")]
    negative = [w for *_, w in net.graph.edges(data="weight") if w.as_coeff_Mul()[0] < 0]
    assert len(dashed) == len(negative) == 6
    tips = {"".join(p.find(f"{NS}title").itertext()) for p in dashed}
    assert tips == {"weight −λ", "weight −1/(8λ²σ₂)"}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("net", [deep_product(4), compile("x1*x2*x3 + x3^3 + x4").network],
                         ids=["deep", "compiled"])
def test_inputs_at_the_bottom_in_order_and_the_output_at_the_top(engine, net):
    root = ET.fromstring(drawing.to_svg(net, engine=engine))
    centre = {"".join(g.find(f"{NS}text").itertext()):
              (float(g.find(f"{NS}ellipse").get("cx")), float(g.find(f"{NS}ellipse").get("cy")))
              for g in root.iter(f"{NS}g") if g.find(f"{NS}ellipse") is not None}
    inputs = [centre[f"x{s}"] for s in "₁₂₃₄"]
    assert centre["y"][1] < min(y for _, y in inputs)
    assert [x for x, _ in inputs] == sorted(x for x, _ in inputs)


def test_compiled_network_factor_cofactors_and_named_bias():
    root = ET.fromstring(drawing.to_svg(compile("x1*x2 + x3^2").network, engine="builtin"))
    texts = _texts(root)
    assert "× 1/(λ²σ₂)" in texts
    assert {"1/8", "−1/8", "1/2"} <= set(texts)
    assert "b₁ = −σ₀/(λ²σ₂)" in texts and "y b₁" not in texts
    assert any(t == "yb₁" for t in texts)  # the output carries the name of its bias


def test_a_lone_layer_weight_and_a_named_activation():
    root = ET.fromstring(drawing.to_svg(bit_product(3), engine="builtin"))
    texts = _texts(root)
    assert "β" in texts and "sigmoidb₁" in texts and "b₁ = −5β/2" in texts


@pytest.mark.parametrize("engine", ENGINES)
def test_hostile_names_are_escaped_and_long_activations_named(engine):
    svg = drawing.to_svg(_hostile(), engine=engine)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    texts = _texts(ET.fromstring(svg))
    assert "f₁b₁" in texts and "f₁ = x³/(x² + 1)" in texts  # a long activation is named


def test_without_graphviz_jupyter_gets_the_builtin_layout(monkeypatch):
    monkeypatch.setattr(layout.shutil, "which", lambda name: None)
    assert 'data-engine="builtin"' in multiplication_gate()._repr_svg_()


def test_a_failing_dot_falls_back_to_the_builtin_layout(monkeypatch):
    def fail(*args, **kwargs):
        raise subprocess.TimeoutExpired("dot", 1)

    monkeypatch.setattr(layout.shutil, "which", lambda name: "/usr/bin/dot")
    monkeypatch.setattr(layout.subprocess, "run", fail)
    assert 'data-engine="builtin"' in drawing.to_svg(multiplication_gate())


def test_jupyter_shows_one_drawing_inline_as_html_and_as_svg():
    bundle = multiplication_gate()._repr_mimebundle_()
    svg = bundle["image/svg+xml"]
    assert svg.startswith("<svg") and bundle["text/html"] == f"<div>{svg}</div>"
