"""Networks drawn like the paper's Fig. 2: one SVG for the CLI, Jupyter and the docs.

Layered, inputs at the bottom: each node sits on the row of its longest path from an input.
Squares apply the activation (σ for the generic one, else its name), circles add (``+`` inside
the network, the output's name at the top), inputs carry their names (x₁, x₂, ...); internal
node names are never shown. Lines multiply by their weights, typeset exactly in Unicode
(:mod:`symflat.nets.typeset`): the magnitude most lines between two rows share is written once
at the right of the rows (``±λ``), each of those lines showing its sign by its style (solid +,
dashed −); where the weights instead share a symbolic factor, it is written there
(``× 1/(λ²σ₂)``) and the lines carry the rational cofactors; any other line carries its weight.
Non-zero biases are named b₁, b₂, ... on their nodes and given in the caption, as are
activations too long for a square. Hovering a line or node shows its exact value (SVG
``<title>``).

Layout: :func:`symflat.layout.layered` (Graphviz ``dot`` when installed, else built in).
Every text is escaped: the drawing of a hostile network file is inert.

Examples
--------
>>> from symflat.paper.networks import multiplication_gate
>>> svg = to_svg(multiplication_gate(), engine="builtin")
>>> svg.startswith("<svg"), svg.count("<rect"), "±λ" in svg, "±1/(8λ²σ₂)" in svg
(True, 4, True, True)
>>> "**" in svg or "hpp" in svg
False
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx
import sympy

from symflat.layout import layered, svg_path
from symflat.nets.protocol import NetworkLike
from symflat.nets.typeset import activation_text, unicode_math, unicode_name

__all__ = ["to_svg"]

_FONT = 14.0  # px, node labels
_SMALL = 11.5  # px, edge labels, bias names, notes and caption
_FAMILY = "'Latin Modern Math', 'STIX Two Math', 'Cambria Math', 'DejaVu Serif', serif"
_NODE = 28.0  # px, the side of a neuron's square and the diameter of a circle
_MARGIN = 10.0
_INK, _NEGATIVE = "#1f2937", "#b91c1c"
_FILL = {"input": "#dbeafe", "neuron": "#fef3c7", "linear": "#f3f4f6", "output": "#dcfce7"}
_NARROW = set("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹⁻ ·()/,.")


def _text_width(text: str, size: float) -> float:
    """A generous estimate of a text's width: the canvas is sized from it."""
    return sum((0.42 if char in _NARROW else 0.64) * size for char in text)


@dataclass(frozen=True)
class _Look:
    """What a node shows: its text, an optional bias name, its shape and its tooltip."""

    text: str
    bias: str
    shape: str  # "box" or "circle"
    tooltip: str

    def size(self) -> tuple[float, float]:
        inner = _text_width(self.text, _FONT) + _text_width(self.bias, _SMALL)
        return max(_NODE, inner + 10.0), _NODE


@dataclass(frozen=True)
class _Line:
    """What an edge shows: a label or none, dashed when its coefficient is negative."""

    label: str | None
    negative: bool
    tooltip: str


def _ranks(graph: nx.DiGraph) -> dict[Hashable, int]:
    rank: dict[Hashable, int] = {}
    for node in nx.topological_sort(graph):
        rank[node] = max((rank[p] + 1 for p in graph.predecessors(node)), default=0)
    return rank


def _layer(weights: list[sympy.Expr]) -> tuple[str | None, list[str | None], list[bool]]:
    """The note written once for a layer's weights, each line's label, and which are negative.

    The note is the magnitude most lines share (they stay unlabelled, their sign is their
    style), or else a symbolic factor all share (the lines carry rational cofactors); any
    other line carries its own weight.

    Examples
    --------
    >>> lam = sympy.Symbol("lambda")
    >>> _layer([lam, -lam])
    ('±λ', [None, None], [False, True])
    >>> _layer([lam, -lam, sympy.Integer(-2)])
    ('±λ', [None, None, '−2'], [False, True, True])
    >>> _layer([lam / 8, -lam / 2])
    ('× λ', ['1/8', '−1/2'], [False, True])
    >>> _layer([lam, 1 + lam])
    (None, ['λ', 'λ + 1'], [False, False])
    """
    parts = [w.as_coeff_Mul() for w in weights]
    negative = [bool(c.is_negative) for c, _ in parts]
    magnitudes = [abs(c) * rest for c, rest in parts]
    common, count = Counter(magnitudes).most_common(1)[0]
    rests = {rest for _, rest in parts}
    if count < len(weights) and len(rests) == 1 and rests != {sympy.S.One}:
        return "× " + unicode_math(rests.pop()), [unicode_math(c) for c, _ in parts], negative
    if count < 2 and len(weights) > 1:
        return None, [unicode_math(w) for w in weights], negative
    signs = {neg for neg, m in zip(negative, magnitudes) if m == common}
    if common == 1 and signs == {False}:
        note = None
    else:
        note = {frozenset({False}): "", frozenset({True}): "−"}.get(frozenset(signs), "±")
        note += unicode_math(common)
    labels = [None if m == common else unicode_math(w) for m, w in zip(magnitudes, weights)]
    return note, labels, negative


class _Names:
    """Short names b₁, b₂, ... for long values, each value named once (first seen first)."""

    def __init__(self, letter: str) -> None:
        self.letter, self.values = letter, {}

    def __call__(self, text: str) -> str:
        if text not in self.values:
            self.values[text] = unicode_name(f"{self.letter}{len(self.values) + 1}")
        return self.values[text]


def _looks(net: NetworkLike) -> tuple[dict[Hashable, _Look], list[str]]:
    """Each node's look and the caption lines that name the biases and long activations."""
    biases, functions = _Names("b"), _Names("f")
    looks = {}
    for node, data in net.graph.nodes(data=True):
        kind = data["kind"]
        bias = data.get("bias", 0)
        bias_text = unicode_math(bias) if bias != 0 else ""
        if kind == "input":
            text, shape, what = unicode_name(node), "circle", "input"
        elif kind == "neuron":
            text, shape = activation_text(data["activation"]), "box"
            if len(text) > 8:  # a long expression is named in the caption
                text = functions(text)
            what = f"neuron {text}"
        elif kind == "linear":
            text, shape, what = "+", "circle", "sum"
        else:
            text, shape, what = unicode_name(node), "circle", "output (a sum)"
        tooltip = what + (f", bias {bias_text}" if bias_text else "")
        looks[node] = _Look(text, biases(bias_text) if bias_text else "", shape, tooltip)
    caption = [f"{name} = {value}" for value, name in functions.values.items()]
    caption += [f"{name} = {value}" for value, name in biases.values.items()]
    return looks, caption


def _lines(net: NetworkLike, rank: dict[Hashable, int]) -> tuple[dict, dict[int, str]]:
    """Each edge's line, and the note of each layer (by the rank of the edges' heads)."""
    layers: dict[int, list[tuple[Hashable, Hashable, sympy.Expr]]] = {}
    for u, v, weight in net.graph.edges(data="weight"):
        layers.setdefault(rank[v], []).append((u, v, weight))
    lines, notes = {}, {}
    for level, edges in layers.items():
        note, labels, negative = _layer([w for _, _, w in edges])
        if note is not None:
            notes[level] = note
        for (u, v, weight), label, neg in zip(edges, labels, negative):
            lines[u, v] = _Line(label, neg, f"weight {unicode_math(weight)}")
    return lines, notes


def _text(x: float, y: float, text: str, size: float, **attrs: str) -> str:
    extra = "".join(f' {k.strip("_").replace("_", "-")}="{html.escape(v)}"'
                    for k, v in attrs.items())
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}"{extra}>'
            f"{html.escape(text)}</text>")


def to_svg(net: NetworkLike, *, engine: str = "auto") -> str:
    """The drawing of ``net`` as a standalone SVG document (also inlined in HTML as is).

    Parameters
    ----------
    net : NetworkLike
        The network (validated first).
    engine : {"auto", "dot", "builtin"}
        The layout engine (:func:`symflat.layout.layered`); ``auto`` uses Graphviz's
        ``dot`` when it is installed.

    Examples
    --------
    >>> from symflat.paper.networks import deep_product
    >>> svg = to_svg(deep_product(8), engine="builtin")
    >>> svg.count("<rect"), "L1g0" in svg      # 28 neurons; no internal name
    (28, False)
    """
    net.validate()
    graph = net.graph
    rank = _ranks(graph)
    looks, caption = _looks(net)
    lines, notes = _lines(net, rank)
    label_sizes = {edge: (_text_width(line.label, _SMALL) + 4, _SMALL + 3)
                   for edge, line in lines.items() if line.label is not None}
    placed = layered(graph, {n: look.size() for n, look in looks.items()}, rank,
                     label_sizes=label_sizes, engine=engine)
    row_y = {rank[n]: y for n, (_, y) in placed.positions.items()}
    x0 = y0 = _MARGIN
    note_x = x0 + placed.width + 14.0
    caption = (["weights: on a line, or beside its rows;",
                "solid +, dashed −; hover: exact value"] if lines else []) + caption
    note_width = max((_text_width(t, _SMALL) for t in notes.values()), default=0.0)
    width = max(note_x + note_width if notes else x0 + placed.width,
                max((x0 + _text_width(t, _SMALL) for t in caption), default=0.0)) + _MARGIN
    height = y0 + placed.height + 8.0 + len(caption) * (_SMALL + 5) + _MARGIN
    e = html.escape
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="symflat-network" '
             f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.1f} {height:.1f}" '
             f'role="img" aria-label="network {e(net.name)}" data-engine="{placed.engine}" '
             # In a page narrower than the drawing, it shrinks to fit instead of being cut.
             'style="max-width:100%;height:auto">',
             f"<title>{e(net.name)}</title>",
             f'<g font-family="{e(_FAMILY)}" fill="{_INK}">']
    for (u, v), line in lines.items():
        points = [(x + x0, y + y0) for x, y in placed.paths[u, v]]
        dash = ' stroke-dasharray="4 3"' if line.negative else ""
        color = _NEGATIVE if line.negative else _INK
        parts.append(f'<path d="{svg_path(points)}" fill="none" stroke="{color}" '
                     f'stroke-width="1"{dash}><title>{e(line.tooltip)}</title></path>')
    for node, look in looks.items():
        x, y = placed.positions[node]
        x, y = x + x0, y + y0
        w, h = look.size()
        kind = graph.nodes[node]["kind"]
        if look.shape == "box":
            shape = (f'<rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" width="{w:.1f}" '
                     f'height="{h:.1f}"')
        else:
            shape = f'<ellipse cx="{x:.1f}" cy="{y:.1f}" rx="{w / 2:.1f}" ry="{h / 2:.1f}"'
        ring = ' stroke-width="2"' if kind == "output" else ""
        label = (f'<text x="{x:.1f}" y="{y + _FONT / 3:.1f}" font-size="{_FONT:g}" '
                 f'text-anchor="middle">{e(look.text)}')
        if look.bias:
            label += f'<tspan font-size="{_SMALL:g}" dx="2">{e(look.bias)}</tspan>'
        parts.append(f"<g><title>{e(look.tooltip)}</title>{shape} fill=\"{_FILL[kind]}\" "
                     f'stroke="{_INK}"{ring}/>{label}</text></g>')
    # Weights on lines last: a line passing under a node keeps its label in sight.
    for edge, (x, y) in placed.labels.items():
        line = lines[edge]
        parts.append(_text(x + x0, y + y0 + _SMALL / 3, line.label or "", _SMALL,
                           class_="weight", text_anchor="middle", stroke="white",
                           stroke_width="3", paint_order="stroke",
                           fill=_NEGATIVE if line.negative else _INK))
    for level, note in sorted(notes.items()):
        below = row_y.get(level - 1, row_y[level])
        y = y0 + (row_y[level] + below) / 2 + _SMALL / 3
        parts.append(_text(note_x, y, note, _SMALL))
    y = y0 + placed.height + 8.0
    for text in caption:
        y += _SMALL + 5
        parts.append(_text(x0, y - 3, text, _SMALL, fill="#4b5563"))
    parts.append("</g></svg>")
    return "\n".join(parts) + "\n"
