"""Drawing networks: Graphviz when installed, the built-in layout otherwise; always escaped."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from symflat.nets import drawing
from symflat.nets.network import Network
from symflat.paper.networks import deep_product


def _hostile() -> Network:
    net = Network("<script>alert(1)</script>")
    net.add_input("x1")
    net.add_neuron("h", bias=1)
    net.add_output("y")
    net.add_edge("x1", "h", "1/2")
    net.add_edge("h", "y", 1)
    return net


def test_builtin_layout_is_valid_svg_with_every_node_and_edge():
    net = deep_product(4)
    root = ET.fromstring(drawing.builtin_svg(net))
    ns = "{http://www.w3.org/2000/svg}"
    shapes = root.findall(f"{ns}circle") + root.findall(f"{ns}rect")
    assert len(shapes) == net.graph.number_of_nodes()
    assert len(root.findall(f"{ns}line")) == net.graph.number_of_edges()


def test_repr_svg_without_graphviz_uses_the_builtin_layout(monkeypatch):
    monkeypatch.setattr(drawing.shutil, "which", lambda name: None)
    svg = _hostile()._repr_svg_()
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ET.fromstring(svg)


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz is not installed")
def test_repr_svg_with_graphviz():
    svg = _hostile()._repr_svg_()
    assert "<svg" in svg and "<script>" not in svg
