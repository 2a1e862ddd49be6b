"""Layered layouts of graphs: Graphviz ``dot`` when installed, else a built-in layout.

The caller gives each node a rank (its row: 0 at the bottom, or at the left for
``direction="LR"``) and a size, and each labelled edge its label's size; :func:`layered` returns
node centres, edge paths and label centres in drawing units (y downwards), which the caller
renders itself, so a drawing looks the same whichever engine placed it. ``dot`` is run on
``-Tplain`` output with nodes named ``n0, n1, ...`` and empty labels of the given sizes: no
user text ever reaches Graphviz. Without ``dot`` (or if it fails), rows are ordered by
barycentres, each node is put over its neighbours, and edges are straight lines. The network
drawings (:mod:`symflat.nets.drawing`) and the report's dependency graph
(:mod:`symflat.report.depgraph`) are laid out here.

Examples
--------
>>> import networkx as nx
>>> g = nx.DiGraph([("a", "c"), ("b", "c")])
>>> placed = layered(g, {n: (20, 20) for n in g}, {"a": 0, "b": 0, "c": 1}, engine="builtin")
>>> placed.positions["a"][0] < placed.positions["b"][0], placed.positions["c"][1] < 20
(True, True)
>>> placed = layered(g, {n: (20, 20) for n in g}, {"a": 0, "b": 0, "c": 1}, direction="LR",
...                  engine="builtin")
>>> placed.positions["a"][1] < placed.positions["b"][1], placed.positions["c"][0] > 20
(True, True)
>>> svg_path(placed.paths[("a", "c")])[:1]
'M'
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

__all__ = ["Placed", "layered", "svg_path"]

Point = tuple[float, float]


@dataclass(frozen=True)
class Placed:
    """Where everything goes: centres, edge paths (``p0`` then cubic Bézier triples, or
    straight segments), edge-label centres, the size, and the engine that placed them."""

    positions: dict[Hashable, Point]
    paths: dict[tuple[Hashable, Hashable], tuple[Point, ...]]
    labels: dict[tuple[Hashable, Hashable], Point]
    width: float
    height: float
    engine: str


def svg_path(points: Sequence[Point]) -> str:
    """The SVG path data of ``p0, c1, c2, p1, ...`` (cubic triples; leftovers as lines)."""
    (x0, y0), rest = points[0], list(points[1:])
    out = [f"M{x0:.1f},{y0:.1f}"]
    while len(rest) >= 3:
        (a, b), (c, d), (x, y) = rest[:3]
        rest = rest[3:]
        out.append(f"C{a:.1f},{b:.1f} {c:.1f},{d:.1f} {x:.1f},{y:.1f}")
    for x, y in rest:
        out.append(f"L{x:.1f},{y:.1f}")
    return " ".join(out)


def layered(graph: nx.DiGraph, sizes: Mapping[Hashable, tuple[float, float]],
            ranks: Mapping[Hashable, int], *,
            label_sizes: Mapping[tuple[Hashable, Hashable], tuple[float, float]] | None = None,
            direction: str = "BT", engine: str = "auto", node_gap: float = 10.0,
            rank_gap: float = 34.0, timeout: float = 60.0) -> Placed:
    """Place ``graph`` in rows by ``ranks``, nodes of a row in insertion order.

    Parameters
    ----------
    graph : networkx.DiGraph
        The nodes and edges; every edge goes from a lower rank to a higher one.
    sizes : mapping
        Each node's (width, height).
    ranks : mapping
        Each node's row.
    label_sizes : mapping, optional
        The (width, height) of the label of each labelled edge; the layout leaves room for it.
    direction : {"BT", "LR"}
        Rank 0 at the bottom and rows upwards, or rank 0 at the left and columns rightwards.
    engine : {"auto", "dot", "builtin"}
        ``auto`` uses ``dot`` when it is on the PATH and falls back to the built-in layout.

    Returns
    -------
    Placed
        Centres, paths and label centres in a box from (0, 0) to (width, height).
    """
    if engine not in ("auto", "dot", "builtin"):
        raise ValueError(f"unknown layout engine {engine!r}")
    if direction not in ("BT", "LR"):
        raise ValueError(f"unknown direction {direction!r}")
    label_sizes = dict(label_sizes or {})
    if engine != "builtin" and shutil.which("dot") is not None:
        placed = _dot(graph, sizes, ranks, label_sizes, direction, node_gap, rank_gap, timeout)
        if placed is not None:
            return placed
    if direction == "BT":
        return _builtin(graph, sizes, ranks, label_sizes, node_gap, rank_gap)
    # Left to right is bottom to top turned a quarter: lay out with widths and heights swapped.
    turned = _builtin(graph, {n: (h, w) for n, (w, h) in sizes.items()}, ranks,
                      {e: (h, w) for e, (w, h) in label_sizes.items()}, node_gap, rank_gap)

    def turn(point: Point) -> Point:
        return turned.height - point[1], point[0]

    return Placed({n: turn(p) for n, p in turned.positions.items()},
                  {e: tuple(map(turn, path)) for e, path in turned.paths.items()},
                  {e: turn(p) for e, p in turned.labels.items()},
                  turned.height, turned.width, "builtin")


def _dot(graph: nx.DiGraph, sizes: Mapping, ranks: Mapping, label_sizes: Mapping,
         direction: str, node_gap: float, rank_gap: float, timeout: float) -> Placed | None:
    names = {node: f"n{i}" for i, node in enumerate(graph)}
    back = {v: k for k, v in names.items()}
    edges = {(names[u], names[v]): (u, v) for u, v in graph.edges}
    lines = ["digraph G {",
             f"rankdir={direction}; nodesep={node_gap / 72:.4f}; ranksep={rank_gap / 72:.4f};",
             'node [shape=box, fixedsize=true, label=""]; edge [arrowhead=none];']
    for node, name in names.items():
        w, h = sizes[node]
        lines.append(f"{name} [width={w / 72:.4f}, height={h / 72:.4f}];")
    rows: dict[int, list[str]] = {}
    for node, name in names.items():
        rows.setdefault(ranks[node], []).append(name)
    for row in rows.values():
        # One row per rank, and invisible edges keep a row in the caller's order (x1, x2, ...).
        lines.append("{rank=same; " + " ".join(row) + ";"
                     + "".join(f" {a} -> {b} [style=invis];" for a, b in zip(row, row[1:]))
                     + "}")
    for (a, b), edge in edges.items():
        attrs = ""
        if edge in label_sizes:
            w, h = label_sizes[edge]
            attrs = (' [label=<<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR>'
                     f'<TD WIDTH="{w:.0f}" HEIGHT="{h:.0f}" FIXEDSIZE="TRUE"></TD>'
                     "</TR></TABLE>>]")
        lines.append(f"{a} -> {b}{attrs};")
    lines.append("}")
    try:
        done = subprocess.run(["dot", "-Tplain"], input="\n".join(lines), capture_output=True,
                              text=True, timeout=timeout, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    positions: dict[Hashable, Point] = {}
    paths: dict[tuple[Hashable, Hashable], tuple[Point, ...]] = {}
    labels: dict[tuple[Hashable, Hashable], Point] = {}
    width = height = 0.0
    try:
        for line in done.stdout.splitlines():
            parts = line.split()
            if parts and parts[0] == "graph":
                width, height = float(parts[2]) * 72, float(parts[3]) * 72
            elif parts and parts[0] == "node":
                positions[back[parts[1]]] = (float(parts[2]) * 72, height - float(parts[3]) * 72)
            elif parts and parts[0] == "edge" and (parts[1], parts[2]) in edges:
                edge = edges[parts[1], parts[2]]
                count = int(parts[3])
                xy = [float(v) * 72 for v in parts[4: 4 + 2 * count]]
                paths[edge] = tuple((xy[2 * i], height - xy[2 * i + 1]) for i in range(count))
                rest = parts[4 + 2 * count:]
                if len(rest) == 5:  # label text, its centre, style, colour
                    labels[edge] = (float(rest[1]) * 72, height - float(rest[2]) * 72)
    except (ValueError, IndexError, KeyError):
        return None
    if len(positions) != len(names) or len(paths) != len(edges):
        return None
    return Placed(positions, paths, labels, width, height, "dot")


def _builtin(graph: nx.DiGraph, sizes: Mapping, ranks: Mapping, label_sizes: Mapping,
             node_gap: float, rank_gap: float) -> Placed:
    rows: dict[int, list[Hashable]] = {}
    for node in graph:
        rows.setdefault(ranks[node], []).append(node)
    levels = sorted(rows)
    # Barycentre sweeps, up then down: a node moves towards the mean relative position of
    # its neighbours in the other rows, which removes most crossings of layered networks.
    # The bottom row (the inputs x1, x2, ...) keeps the caller's order.
    for sweep in range(4):
        order = levels[1:] if sweep % 2 == 0 else levels[-2:0:-1]
        for level in order:
            where = {n: (i + 0.5) / len(rows[ranks[n]])
                     for r in rows for i, n in enumerate(rows[r]) if r != level}
            near = graph.predecessors if sweep % 2 == 0 else graph.successors

            def centre(node: Hashable, near=near, where=where, row=rows[level]) -> float:
                values = [where[m] for m in near(node) if m in where]
                return sum(values) / len(values) if values else (row.index(node) + 0.5) / len(row)

            rows[level] = sorted(rows[level], key=centre)
    label_h = max((h for _, h in label_sizes.values()), default=0.0)
    gap = max(rank_gap, label_h + 16.0)
    row_w = {r: sum(sizes[n][0] for n in row) + node_gap * (len(row) - 1)
             for r, row in rows.items()}
    row_h = {r: max(sizes[n][1] for n in row) for r, row in rows.items()}
    width = max(row_w.values(), default=0.0)
    height = sum(row_h.values()) + gap * max(len(rows) - 1, 0)
    xs = _columns(graph, rows, levels, sizes, row_w, width, node_gap)
    positions: dict[Hashable, Point] = {}
    y = height
    for level in levels:
        for node in rows[level]:
            positions[node] = (xs[node], y - row_h[level] / 2)
        y -= row_h[level] + gap
    paths = {}
    for u, v in graph.edges:
        (x0, y0), (x1, y1) = positions[u], positions[v]
        paths[u, v] = ((x0, y0 - sizes[u][1] / 2), (x1, y1 + sizes[v][1] / 2))
    taken = [_box(positions[n], sizes[n]) for n in graph]
    return Placed(positions, paths, _place_labels(paths, label_sizes, taken), width, height,
                  "builtin")


def _box(centre: Point, size: tuple[float, float]) -> tuple[float, float, float, float]:
    (x, y), (w, h) = centre, size
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


def _place_labels(paths: Mapping, label_sizes: Mapping,
                  taken: list[tuple[float, float, float, float]]) -> dict:
    """Each label on its straight line, at the first of a few points along it where it covers
    no node and no label placed before (a third of the way up first: lines converge on their
    heads); where none is free, a third of the way up. Short lines, which have the fewest
    free points, choose first."""
    def length(edge: tuple) -> float:
        (sx, sy), (ex, ey) = paths[edge]
        return abs(ex - sx) + abs(ey - sy)

    labels = {}
    for edge in sorted(label_sizes, key=length):
        size = label_sizes[edge]
        (sx, sy), (ex, ey) = paths[edge]
        spots = [(sx + (ex - sx) * t, sy + (ey - sy) * t)
                 for t in (1 / 3, 1 / 2, 1 / 4, 2 / 3, 1 / 6, 3 / 4, 5 / 6)]
        free = (spot for spot in spots
                if not any(_overlap(_box(spot, size), box) for box in taken))
        labels[edge] = next(free, spots[0])
        taken.append(_box(labels[edge], size))
    return labels


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _columns(graph: nx.DiGraph, rows: Mapping[int, list[Hashable]], levels: list[int],
             sizes: Mapping, row_w: Mapping[int, float], width: float,
             node_gap: float) -> dict[Hashable, float]:
    """x of every node: the widest row packed, the others outward from it, each node as near
    the mean x of its neighbours on the placed side as the row's order and gaps allow (a gate
    above its inputs, not a narrow row centred under a wide one)."""
    widest = max(levels, key=lambda level: row_w[level])
    xs: dict[Hashable, float] = {}
    x = 0.0
    for node in rows[widest]:
        xs[node] = x + sizes[node][0] / 2
        x += sizes[node][0] + node_gap
    at = levels.index(widest)
    for level in [*levels[at + 1:], *levels[at - 1::-1][:at]]:
        above = level > widest
        row = rows[level]
        wanted = []
        for node in row:
            near = [xs[m] for m in (graph.predecessors(node) if above
                                    else graph.successors(node)) if m in xs]
            wanted.append(sum(near) / len(near) if near else None)
        placed: list[float] = []
        for i, node in enumerate(row):
            half = sizes[node][0] / 2
            least = placed[-1] + sizes[row[i - 1]][0] / 2 + node_gap + half if placed else half
            placed.append(max(least, wanted[i] if wanted[i] is not None else least))
        # Pushed past the right edge: slide back, never past the left one.
        excess = placed[-1] + sizes[row[-1]][0] / 2 - width if placed else 0.0
        for i in range(len(placed) - 1, -1, -1):
            if excess <= 0:
                break
            half = sizes[row[i]][0] / 2
            limit = (placed[i + 1] - sizes[row[i + 1]][0] / 2 - node_gap - half
                     if i + 1 < len(placed) else width - half)
            placed[i] = min(placed[i], limit)
        for node, x in zip(row, placed):
            xs[node] = x
    return xs
