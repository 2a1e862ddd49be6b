"""Drawing networks as SVG: with Graphviz when it is installed, else a built-in layered layout.

The built-in layout puts each node on the row of its longest path from an input (inputs at
the bottom, as ``rankdir=BT`` in the DOT output), spreads each row evenly and draws every
synapse as a line whose tooltip is its exact weight. Every name and number is escaped: the
drawing of a hostile network file is inert.

Examples
--------
>>> from symflat.paper.networks import copy_gate
>>> svg = builtin_svg(copy_gate())
>>> svg.startswith("<svg") and (svg.count("<circle"), svg.count("<rect"))
(2, 1)
"""

from __future__ import annotations

import shutil
import subprocess
from html import escape

import networkx as nx

from symflat.errors import SymflatError
from symflat.nets.export import to_dot
from symflat.nets.protocol import NetworkLike

__all__ = ["INSTALL_GRAPHVIZ", "builtin_svg", "graphviz_svg", "to_svg"]

INSTALL_GRAPHVIZ = ("graphviz's 'dot' program is not installed; install it (Debian/Ubuntu: "
                    "apt-get install graphviz, macOS: brew install graphviz) or use --format dot")

_FILL = {"input": "#dbeafe", "neuron": "#fde68a", "linear": "#e5e7eb", "output": "#bbf7d0"}


def graphviz_svg(net: NetworkLike, *, timeout: float = 120) -> str:
    """SVG of ``net`` drawn by Graphviz's ``dot`` (run without a shell).

    Raises
    ------
    SymflatError
        If ``dot`` is not installed or fails.
    """
    dot = shutil.which("dot")
    if dot is None:
        raise SymflatError(INSTALL_GRAPHVIZ)
    try:
        done = subprocess.run([dot, "-Tsvg"], input=to_dot(net), capture_output=True,
                              text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise SymflatError(f"graphviz took longer than {timeout:g} s; use --format dot") from None
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise SymflatError(f"graphviz failed: {lines[-1] if lines else 'no message'}")
    return done.stdout


def builtin_svg(net: NetworkLike, *, spacing: int = 90, row_height: int = 80) -> str:
    """SVG of ``net`` in a layered layout computed here (no external program)."""
    graph = net.graph
    rank: dict[str, int] = {}
    for node in nx.topological_sort(graph):
        rank[node] = max((rank[p] + 1 for p in graph.predecessors(node)), default=0)
    rows: dict[int, list[str]] = {}
    for node in graph:  # insertion order keeps inputs x1, x2, ... in order
        rows.setdefault(rank[node], []).append(node)
    width = spacing * max(len(row) for row in rows.values()) if rows else spacing
    height = row_height * (len(rows) or 1)
    position = {}
    for level, row in rows.items():
        gap = width / len(row)
        for index, node in enumerate(row):
            position[node] = (gap * (index + 0.5), height - row_height * (level + 0.5))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
             f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
             'font-family="sans-serif" font-size="11">',
             f"<title>{escape(net.name)}</title>"]
    for u, v, weight in graph.edges(data="weight"):
        (x1, y1), (x2, y2) = position[u], position[v]
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke="#6b7280"><title>{escape(f"{u} → {v}: {weight}")}</title></line>')
    for node, data in graph.nodes(data=True):
        x, y = position[node]
        fill, label = _FILL[data["kind"]], escape(node)
        if data["kind"] == "neuron":
            parts.append(f'<rect x="{x - 28:.1f}" y="{y - 14:.1f}" width="56" height="28" '
                         f'rx="4" fill="{fill}" stroke="#374151"/>')
            label = escape(f"{node}: {data['activation']}")
        else:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="16" fill="{fill}" '
                         'stroke="#374151"/>')
        parts.append(f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle">{label}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def to_svg(net: NetworkLike) -> str:
    """SVG of ``net``: Graphviz's drawing when ``dot`` is installed, else :func:`builtin_svg`."""
    if shutil.which("dot") is None:
        return builtin_svg(net)
    return graphviz_svg(net)
