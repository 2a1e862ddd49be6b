"""The claims' dependency graph, laid out once and drawn as SVG (HTML) and TikZ (LaTeX).

Layout: :func:`symflat.layout.layered`, left to right (Graphviz ``dot`` when it is installed,
otherwise a built-in layered layout), so the report works without Graphviz. Either way the
drawing is symflat's own, so it looks the same: each
claim is a box coloured by its verdict and is a link to the claim's section
(``<a href="#claim-ID">`` in SVG, ``\\hyperlink`` in the PDF). Edges point from a claim to the
claims that depend on it. Claims with no dependency relation are set in a grid below.

Claim ids are user text: the SVG is built with every text and attribute escaped (and no user
text reaches Graphviz).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from symflat.display import STATUS_COLORS
from symflat.layout import layered, svg_path
from symflat.report.texmath import escape_tex

__all__ = ["STATUS_COLORS", "NodeBox", "EdgePath", "GraphLayout", "layout", "anchor_for"]


_CHAR_WIDTH = 7.4  # px per character of 12px DejaVu Sans Mono (0.6 em) plus a margin
_NODE_HEIGHT = 26.0
_PAD = 18.0
_GAP_X = 56.0
_GAP_Y = 12.0
_MARGIN = 8.0


def anchor_for(claim_id: str) -> str:
    """The HTML/PDF anchor of a claim: ``claim-`` and the id, other characters hex-coded.

    Letters, digits and ``-`` are kept (lower case ids are thus readable); any other
    character becomes ``.`` and six hex digits, so distinct ids get distinct anchors.

    Examples
    --------
    >>> anchor_for("eq9-count")
    'claim-eq9-count'
    >>> anchor_for("<script>")
    'claim-.00003cscript.00003e'
    """
    out = []
    for char in claim_id:
        if char.isascii() and (char.isalnum() or char == "-"):
            out.append(char)
        else:
            out.append(f".{ord(char):06x}")
    return "claim-" + "".join(out)


@dataclass(frozen=True)
class NodeBox:
    """A claim's box: centre (x, y) and size in px, y downwards."""

    key: str
    label: str
    title: str
    status: str
    anchor: str
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class EdgePath:
    """An edge as a cubic Bézier chain ``p0, c1, c2, p1, c1, c2, p2, ...`` and a last point."""

    source: str
    target: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class GraphLayout:
    """Boxes and edges with the drawing size; ``engine`` is ``"dot"`` or ``"builtin"``."""

    nodes: tuple[NodeBox, ...]
    edges: tuple[EdgePath, ...]
    width: float
    height: float
    engine: str
    isolated_label_y: float | None = None

    def svg(self) -> str:
        """The drawing as an inline SVG element (``<a href="#claim-ID">`` per node)."""
        e = html.escape
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="depgraph" '
            f'viewBox="0 0 {self.width:.1f} {self.height:.1f}" '
            f'width="{self.width:.0f}" height="{self.height:.0f}" role="img" '
            f'aria-label="Dependency graph of the claims" data-engine="{e(self.engine)}">',
            '<defs><marker id="depgraph-arrow" viewBox="0 0 10 10" refX="9.5" refY="5" '
            'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            '<path d="M0,0 L10,5 L0,10 z" fill="#6e7781"/></marker></defs>',
        ]
        for edge in self.edges:
            parts.append(
                f'<path class="dg-edge" d="{svg_path(edge.points)}" fill="none" '
                'stroke="#6e7781" stroke-width="1.2" marker-end="url(#depgraph-arrow)">'
                f"<title>{e(edge.source)} \u2192 {e(edge.target)}</title></path>"
            )
        if self.isolated_label_y is not None:
            parts.append(
                f'<text x="{_MARGIN:.1f}" y="{self.isolated_label_y:.1f}" font-size="11" '
                'fill="#57606a" font-family="system-ui, sans-serif">'
                "Claims with no dependency relation:</text>"
            )
        for node in self.nodes:
            fill, stroke, ink = STATUS_COLORS.get(node.status, STATUS_COLORS["unchecked"])
            dash = ' stroke-dasharray="4 3"' if node.status == "unchecked" else ""
            parts.append(
                f'<a href="#{e(node.anchor)}" class="dg-node dg-{e(node.status)}" '
                f'data-claim="{e(node.key)}">'
                f"<title>{e(node.title)}</title>"
                f'<rect x="{node.x - node.w / 2:.1f}" y="{node.y - node.h / 2:.1f}" '
                f'width="{node.w:.1f}" height="{node.h:.1f}" rx="5" fill="{fill}" '
                f'stroke="{stroke}" stroke-width="1.4"{dash}/>'
                f'<text x="{node.x:.1f}" y="{node.y:.1f}" text-anchor="middle" '
                f'dominant-baseline="central" font-size="12" fill="{ink}" '
                'font-family="DejaVu Sans Mono, Menlo, Consolas, monospace">'
                f"{e(node.label)}</text></a>"
            )
        parts.append("</svg>")
        return "".join(parts)

    def tikz(self, max_width: float = 420.0) -> str:
        """The drawing as a TikZ picture scaled to at most ``max_width`` pt, with hyperlinks."""
        scale = min(1.0, max_width / self.width) if self.width else 1.0
        font = r"\footnotesize" if scale > 0.85 else (r"\scriptsize" if scale > 0.6 else r"\tiny")

        def pt(x: float, y: float) -> str:
            return f"({x * scale:.2f},{(self.height - y) * scale:.2f})"

        lines = [r"\begin{tikzpicture}[x=1pt,y=1pt,>={Stealth[length=4pt]}]"]
        for edge in self.edges:
            path = [pt(*edge.points[0])]
            rest = list(edge.points[1:])
            while len(rest) >= 3:
                c1, c2, p = rest[:3]
                rest = rest[3:]
                path.append(f".. controls {pt(*c1)} and {pt(*c2)} .. {pt(*p)}")
            for p in rest:
                path.append(f"-- {pt(*p)}")
            lines.append(r"\draw[->,draw={rgb,255:red,110;green,119;blue,129},line width=0.5pt] "
                         + " ".join(path) + ";")
        if self.isolated_label_y is not None:
            lines.append(
                rf"\node[anchor=west,font=\scriptsize\sffamily,text=gray] at "
                rf"{pt(_MARGIN, self.isolated_label_y - 4)} "
                r"{Claims with no dependency relation:};"
            )
        for node in self.nodes:
            fill, stroke, ink = STATUS_COLORS.get(node.status, STATUS_COLORS["unchecked"])
            dash = ",dashed" if node.status == "unchecked" else ""
            lines.append(
                rf"\node[draw={_tikz_rgb(stroke)},fill={_tikz_rgb(fill)},"
                rf"text={_tikz_rgb(ink)},rounded corners=1.5pt,line width=0.6pt{dash},"
                rf"minimum width={node.w * scale:.2f}pt,minimum height={node.h * scale:.2f}pt,"
                rf"inner sep=0pt,font=\ttfamily{font}] at {pt(node.x, node.y)} "
                + "{" + rf"\hyperlink{{{node.anchor}}}"
                + rf"{{\textcolor{_tikz_rgb(ink)}{{{escape_tex(node.label)}}}}}" + "};"
            )
        lines.append(r"\end{tikzpicture}")
        return "\n".join(lines)


def _tikz_rgb(color: str) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"{{rgb,255:red,{r};green,{g};blue,{b}}}"


def _node_width(label: str) -> float:
    return max(54.0, len(label) * _CHAR_WIDTH + _PAD)


def layout(claims: Sequence[Mapping[str, Any]], engine: str = "auto") -> GraphLayout:
    """Lay out the dependency graph of claim records.

    Parameters
    ----------
    claims : sequence of mappings
        Each with ``id``, ``status``, ``depends_on`` (ids; those not among ``claims`` are
        ignored) and optionally ``title`` and ``anchor``.
    engine : {"auto", "dot", "builtin"}
        ``auto`` uses Graphviz ``dot`` when it is on the PATH.

    Examples
    --------
    >>> g = layout([{"id": "a", "status": "verified", "depends_on": []},
    ...             {"id": "b", "status": "refuted", "depends_on": ["a"]},
    ...             {"id": "c", "status": "inconclusive", "depends_on": []}], engine="builtin")
    >>> a, b, c = g.nodes
    >>> a.x < b.x, c.y > max(a.y, b.y)     # b right of a; c (no relation) in the grid below
    (True, True)
    >>> [(e.source, e.target) for e in g.edges]
    [('a', 'b')]
    >>> 'href="#claim-b"' in g.svg()
    True
    """
    if engine not in ("auto", "dot", "builtin"):
        raise ValueError(f"unknown layout engine {engine!r}")
    ids = [str(c["id"]) for c in claims]
    by_id = {str(c["id"]): c for c in claims}
    graph = nx.DiGraph()
    graph.add_nodes_from(ids)
    for claim in claims:
        for dep in claim.get("depends_on") or ():
            if dep in by_id and dep != claim["id"]:
                graph.add_edge(str(dep), str(claim["id"]))
    connected = [i for i in ids if graph.degree(i) > 0]
    isolated = [i for i in ids if graph.degree(i) == 0]
    sizes = {i: (_node_width(i), _NODE_HEIGHT) for i in ids}

    positions: dict[str, tuple[float, float]] = {}
    splines: dict[tuple[str, str], tuple[tuple[float, float], ...]] = {}
    used = "builtin"
    width = height = 0.0
    if connected:
        dag = graph.subgraph(connected).copy()
        while not nx.is_directed_acyclic_graph(dag):  # a user's cyclic depends: drop a back edge
            cycle = nx.find_cycle(dag)
            dag.remove_edge(*cycle[-1][:2])
        rank: dict[str, int] = {}
        for node in nx.topological_sort(dag):
            rank[node] = 1 + max((rank[p] for p in dag.predecessors(node)), default=-1)
        placed = layered(dag, sizes, rank, direction="LR", engine=engine,
                         node_gap=_GAP_Y, rank_gap=_GAP_X)
        used = placed.engine
        positions = {k: (x + _MARGIN, y + _MARGIN) for k, (x, y) in placed.positions.items()}
        splines = {e: tuple((x + _MARGIN, y + _MARGIN) for x, y in path)
                   for e, path in placed.paths.items()}
        width, height = placed.width + 2 * _MARGIN, placed.height + 2 * _MARGIN

    label_y = None
    if isolated:
        top = height + (30.0 if connected else 0.0)
        if connected:
            label_y = top - 8.0
        row_width = max(width, 640.0)
        x, y = _MARGIN, top + _MARGIN
        for key in isolated:
            w, h = sizes[key]
            if x + w > row_width and x > _MARGIN:
                x, y = _MARGIN, y + h + _GAP_Y
            positions[key] = (x + w / 2, y + h / 2)
            x += w + 10.0
        width = max(width, max(positions[k][0] + sizes[k][0] / 2 for k in isolated) + _MARGIN)
        height = y + _NODE_HEIGHT + _MARGIN

    nodes = []
    for key in ids:
        claim = by_id[key]
        status = str(claim.get("status") or "unchecked")
        title = f"{key}: {claim.get('title') or ''} ({status})".replace(" ()", "")
        nodes.append(NodeBox(key, key, title, status, str(claim.get("anchor") or anchor_for(key)),
                             positions[key][0], positions[key][1], *sizes[key]))
    boxes = {n.key: n for n in nodes}
    edges = []
    for source, target in graph.edges:
        # An edge dropped to break a cycle has no path: a curve drawn here.
        points = splines.get((source, target)) or _straight(boxes[source], boxes[target])
        edges.append(EdgePath(source, target, tuple(points)))
    return GraphLayout(tuple(nodes), tuple(edges), width, height, used, label_y)


def _straight(a: NodeBox, b: NodeBox) -> list[tuple[float, float]]:
    """A left-to-right cubic from the right side of ``a`` to the left side of ``b``."""
    x0, y0 = a.x + a.w / 2, a.y
    x1, y1 = b.x - b.w / 2, b.y
    dx = max(20.0, (x1 - x0) / 2)
    return [(x0, y0), (x0 + dx, y0), (x1 - dx, y1), (x1, y1)]
