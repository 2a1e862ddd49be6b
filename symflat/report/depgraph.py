"""The claims' dependency graph, laid out once and drawn as SVG (HTML) and TikZ (LaTeX).

Layout: Graphviz ``dot`` (``-Tplain``: node centres and edge splines) when it is installed,
otherwise a built-in layered layout (longest-path ranks, barycentre ordering), so the report
works without Graphviz. Either way the drawing is symflat's own, so it looks the same: each
claim is a box coloured by its verdict and is a link to the claim's section
(``<a href="#claim-ID">`` in SVG, ``\\hyperlink`` in the PDF). Edges point from a claim to the
claims that depend on it. Claims with no dependency relation are set in a grid below.

Claim ids are user text: the SVG is built with every text and attribute escaped, and the dot
input names nodes ``n0, n1, ...`` (no user text reaches Graphviz).
"""

from __future__ import annotations

import html
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from symflat.display import STATUS_COLORS
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
                f'<path class="dg-edge" d="{_svg_path(edge.points)}" fill="none" '
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


def _svg_path(points: Sequence[tuple[float, float]]) -> str:
    (x0, y0), rest = points[0], list(points[1:])
    out = [f"M{x0:.1f},{y0:.1f}"]
    while len(rest) >= 3:
        (a, b), (c, d), (x, y) = rest[:3]
        rest = rest[3:]
        out.append(f"C{a:.1f},{b:.1f} {c:.1f},{d:.1f} {x:.1f},{y:.1f}")
    for x, y in rest:
        out.append(f"L{x:.1f},{y:.1f}")
    return " ".join(out)


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
    splines: dict[tuple[str, str], list[tuple[float, float]]] = {}
    used = "builtin"
    width = height = 0.0
    if connected:
        sub = graph.subgraph(connected).copy()
        result = None
        if engine in ("auto", "dot") and shutil.which("dot"):
            result = _dot_layout(sub, connected, sizes)
            if result is not None:
                used = "dot"
        if result is None:
            result = _builtin_layout(sub, connected, sizes)
        positions, splines, width, height = result

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
        points = splines.get((source, target))
        if points is None:
            points = _straight(boxes[source], boxes[target])
        else:
            points = _finish(points, boxes[target])
        edges.append(EdgePath(source, target, tuple(points)))
    return GraphLayout(tuple(nodes), tuple(edges), width, height, used, label_y)


def _straight(a: NodeBox, b: NodeBox) -> list[tuple[float, float]]:
    """A left-to-right cubic from the right side of ``a`` to the left side of ``b``."""
    x0, y0 = a.x + a.w / 2, a.y
    x1, y1 = b.x - b.w / 2, b.y
    dx = max(20.0, (x1 - x0) / 2)
    return [(x0, y0), (x0 + dx, y0), (x1 - dx, y1), (x1, y1)]


def _finish(points: list[tuple[float, float]], head: NodeBox) -> list[tuple[float, float]]:
    """Extend a dot spline (which stops where dot's arrowhead starts) to the head's box."""
    (px, py), (qx, qy) = points[-2], points[-1]
    dx, dy = qx - px, qy - py
    norm = (dx * dx + dy * dy) ** 0.5
    if norm == 0:
        return points
    dx, dy = dx / norm, dy / norm
    left, right = head.x - head.w / 2, head.x + head.w / 2
    top, bottom = head.y - head.h / 2, head.y + head.h / 2
    ts = []
    for edge, d, q in ((left, dx, qx), (right, dx, qx), (top, dy, qy), (bottom, dy, qy)):
        if d != 0:
            t = (edge - q) / d
            if t > 0:
                x, y = qx + t * dx, qy + t * dy
                if left - 0.5 <= x <= right + 0.5 and top - 0.5 <= y <= bottom + 0.5:
                    ts.append(t)
    if not ts or min(ts) > 40:
        return points
    t = min(ts)
    return [*points, (qx + t * dx, qy + t * dy)]


def _dot_layout(graph: nx.DiGraph, order: Sequence[str],
                sizes: Mapping[str, tuple[float, float]]) -> Any:
    names = {key: f"n{i}" for i, key in enumerate(order)}
    back = {v: k for k, v in names.items()}
    lines = [
        "digraph G {",
        "rankdir=LR; nodesep=0.16; ranksep=0.55; splines=true;",
        'node [shape=box, fixedsize=true, label=""];',
    ]
    for key in order:
        w, h = sizes[key]
        lines.append(f"{names[key]} [width={w / 72:.4f}, height={h / 72:.4f}];")
    for source, target in graph.edges:
        lines.append(f"{names[source]} -> {names[target]};")
    lines.append("}")
    try:
        done = subprocess.run(["dot", "-Tplain"], input="\n".join(lines), capture_output=True,
                              text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    positions: dict[str, tuple[float, float]] = {}
    splines: dict[tuple[str, str], list[tuple[float, float]]] = {}
    height = width = 0.0
    try:
        for line in done.stdout.splitlines():
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "graph":
                width, height = float(parts[2]) * 72, float(parts[3]) * 72
            elif parts[0] == "node":
                positions[back[parts[1]]] = (float(parts[2]) * 72 + _MARGIN,
                                             height - float(parts[3]) * 72 + _MARGIN)
            elif parts[0] == "edge":
                count = int(parts[3])
                coords = [float(v) for v in parts[4 : 4 + 2 * count]]
                points = [(coords[2 * i] * 72 + _MARGIN, height - coords[2 * i + 1] * 72
                           + _MARGIN) for i in range(count)]
                splines[(back[parts[1]], back[parts[2]])] = points
    except (ValueError, IndexError, KeyError):
        return None
    if set(positions) != set(order):
        return None
    return positions, splines, width + 2 * _MARGIN, height + 2 * _MARGIN


def _builtin_layout(graph: nx.DiGraph, order: Sequence[str],
                    sizes: Mapping[str, tuple[float, float]]) -> Any:
    dag = graph.copy()
    while not nx.is_directed_acyclic_graph(dag):  # a user's cyclic depends: drop a back edge
        cycle = nx.find_cycle(dag)
        dag.remove_edge(*cycle[-1][:2])
    rank: dict[str, int] = {}
    for node in nx.topological_sort(dag):
        rank[node] = 1 + max((rank[p] for p in dag.predecessors(node)), default=-1)
    columns: list[list[str]] = [[] for _ in range(max(rank.values()) + 1)]
    for node in order:
        columns[rank[node]].append(node)
    for sweep in range(8):
        forward = sweep % 2 == 0
        indices = range(1, len(columns)) if forward else range(len(columns) - 2, -1, -1)
        for c in indices:
            ref = columns[c - 1] if forward else columns[c + 1]
            where = {n: i for i, n in enumerate(ref)}

            def centre(node: str, ref_pos: Mapping[str, int] = where,
                       fwd: bool = forward, col: list[str] = columns[c]) -> float:
                near = dag.predecessors(node) if fwd else dag.successors(node)
                values = [ref_pos[m] for m in near if m in ref_pos]
                return sum(values) / len(values) if values else float(col.index(node))

            columns[c] = sorted(columns[c], key=centre)
    tallest = max(len(col) for col in columns)
    full = tallest * (_NODE_HEIGHT + _GAP_Y) - _GAP_Y
    positions: dict[str, tuple[float, float]] = {}
    x = _MARGIN
    for col in columns:
        col_width = max(sizes[n][0] for n in col)
        span = len(col) * (_NODE_HEIGHT + _GAP_Y) - _GAP_Y
        y = _MARGIN + (full - span) / 2
        for node in col:
            positions[node] = (x + col_width / 2, y + _NODE_HEIGHT / 2)
            y += _NODE_HEIGHT + _GAP_Y
        x += col_width + _GAP_X
    return positions, {}, x - _GAP_X + _MARGIN, full + 2 * _MARGIN
