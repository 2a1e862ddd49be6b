"""Networks as directed acyclic networkx graphs with exact weights.

A :class:`Network` has four kinds of node:

``input``
    a coordinate of the input vector;
``neuron``
    a hidden neuron ``activation(bias + sum of weighted inputs)``; its activation is a name
    (``"sigma"`` stands for the activation chosen when the network is expanded);
``linear``
    a summation node ``bias + sum of weighted inputs`` inside the network (not a neuron: it is
    what an output becomes when one network feeds another);
``output``
    a linear read-out ``bias + sum of weighted inputs``.

Edges carry exact sympy weights (rationals, or expressions in symbols such as ``lambda``).
Counts follow the paper: neurons are hidden neurons, synapses are non-zero weights, and depth is
the number of hidden neurons on the longest path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import networkx as nx
import sympy

from symflat.errors import ExpressionError, NetworkError
from symflat.exact.constants import check_constant
from symflat.exact.expressions import check_variable_name, to_expression
from symflat.nets.activations import check_activation_name
from symflat.nets.drawing import to_svg
from symflat.nets.evaluate import linear_map
from symflat.nets.export import to_dot, to_json

__all__ = ["Network", "exact", "compose", "KINDS"]

KINDS = ("input", "neuron", "linear", "output")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.:]*$")


def exact(value: Any, what: str = "value") -> sympy.Expr:
    """Convert ``value`` to an exact, finite sympy expression, refusing floats.

    Parameters
    ----------
    value : int, Fraction, str or sympy.Expr
        Strings are read with the restricted grammar of :mod:`symflat.exact.expressions`.
    what : str
        How to name the value in an error message.

    Examples
    --------
    >>> exact("1/(4*sigma2)")
    1/(4*sigma2)
    >>> from fractions import Fraction
    >>> exact(Fraction(3, 4))
    3/4
    >>> exact(0.5, "weight")
    Traceback (most recent call last):
    ...
    symflat.errors.NetworkError: weight: 0.5 is not exact: write 1/2 (floats are not allowed)
    """
    try:
        value = to_expression(value)
    except ExpressionError as error:
        raise NetworkError(f"{what}: {error}") from None
    if not isinstance(value, sympy.Expr) or value.atoms(sympy.Float):
        raise NetworkError(f"{what}: {value} is not an exact number or expression")
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise NetworkError(f"{what}: {value} is not finite")
    try:
        return check_constant(value, what)  # before any algebra: no tower without end
    except ExpressionError as error:
        raise NetworkError(str(error)) from None


class Network:
    """A feed-forward network as a directed acyclic ``networkx.DiGraph``.

    Parameters
    ----------
    name : str
        A name for reports and files.

    Examples
    --------
    >>> net = Network("affine")
    >>> net.add_input("x1")
    >>> net.add_neuron("h", bias=1)
    >>> net.add_output("y")
    >>> net.add_edge("x1", "h", 2)
    >>> net.add_edge("h", "y", "1/2")
    >>> net.neuron_count, net.synapse_count, net.depth
    (1, 2, 1)
    """

    def __init__(self, name: str = "network") -> None:
        self.name = name
        self.graph = nx.DiGraph(name=name)

    # -- building -------------------------------------------------------------------------
    def _add_node(self, name: str, kind: str, **attrs: Any) -> None:
        if not isinstance(name, str) or not _NAME.match(name):
            raise NetworkError(f"node name {name!r} must be an identifier (letters, digits, _ . :)")
        if name in self.graph:
            raise NetworkError(f"node {name!r} already exists")
        self.graph.add_node(name, kind=kind, **attrs)

    def add_input(self, name: str) -> None:
        """Add an input coordinate called ``name`` (a variable of the expansion, so not a name
        sympy reads as something else, such as ``I``)."""
        if isinstance(name, str):
            try:
                check_variable_name(name)
            except ExpressionError as error:
                raise NetworkError(f"network input: {error}") from None
        self._add_node(name, "input")

    def add_neuron(self, name: str, activation: str = "sigma", bias: Any = 0) -> None:
        """Add a hidden neuron ``activation(bias + ...)``; ``"sigma"`` is chosen at expansion."""
        if not isinstance(activation, str) or not activation:
            raise NetworkError(f"neuron {name!r}: activation must be a non-empty name")
        self._add_node(name, "neuron", activation=activation, bias=exact(bias, f"bias of {name}"))

    def add_linear(self, name: str, bias: Any = 0) -> None:
        """Add an internal summation node (not a neuron)."""
        self._add_node(name, "linear", bias=exact(bias, f"bias of {name}"))

    def add_output(self, name: str, bias: Any = 0) -> None:
        """Add a linear output node."""
        self._add_node(name, "output", bias=exact(bias, f"bias of {name}"))

    def add_edge(self, source: str, target: str, weight: Any) -> None:
        """Connect ``source`` to ``target`` with an exact ``weight``."""
        for node in (source, target):
            if node not in self.graph:
                raise NetworkError(f"edge {source} -> {target}: no node named {node!r}")
        if self.kind(target) == "input":
            raise NetworkError(f"edge {source} -> {target}: an input takes no incoming edge")
        if self.kind(source) == "output":
            raise NetworkError(f"edge {source} -> {target}: an output feeds nothing")
        self.graph.add_edge(source, target, weight=exact(weight, f"weight of {source}->{target}"))

    # -- reading --------------------------------------------------------------------------
    def kind(self, node: str) -> str:
        """The kind of ``node``: one of :data:`KINDS`."""
        return self.graph.nodes[node]["kind"]

    def _of_kind(self, kind: str) -> list[str]:
        return [n for n, k in self.graph.nodes(data="kind") if k == kind]

    @property
    def inputs(self) -> list[str]:
        """Input nodes, in the order they were added."""
        return self._of_kind("input")

    @property
    def neurons(self) -> list[str]:
        """Hidden neurons, in the order they were added."""
        return self._of_kind("neuron")

    @property
    def outputs(self) -> list[str]:
        """Output nodes, in the order they were added."""
        return self._of_kind("output")

    @property
    def neuron_count(self) -> int:
        """Number of hidden neurons."""
        return len(self.neurons)

    @property
    def synapse_count(self) -> int:
        """Number of non-zero weights."""
        return sum(1 for _, _, w in self.graph.edges(data="weight") if w != 0)

    def layers(self) -> list[list[str]]:
        """Hidden neurons grouped by the number of neurons on the longest path ending at them."""
        self.validate()
        level: dict[str, int] = {}
        for node in nx.topological_sort(self.graph):
            below = max((level[p] for p in self.graph.predecessors(node)), default=0)
            level[node] = below + (self.kind(node) == "neuron")
        grouped: dict[int, list[str]] = {}
        for node in self.neurons:
            grouped.setdefault(level[node], []).append(node)
        return [grouped[k] for k in sorted(grouped)]

    @property
    def depth(self) -> int:
        """Hidden neurons on the longest input-to-output path (hidden layers)."""
        return len(self.layers())

    def activations(self) -> set[str]:
        """The activation names the neurons use."""
        return {self.graph.nodes[n]["activation"] for n in self.neurons}

    def symbols(self) -> set[sympy.Symbol]:
        """Free symbols of all weights and biases (``lambda``, ``sigma2``, ...)."""
        found: set[sympy.Symbol] = set()
        for _, _, w in self.graph.edges(data="weight"):
            found |= w.free_symbols
        for _, b in self.graph.nodes(data="bias"):
            if b is not None:
                found |= b.free_symbols
        return found

    def summary(self) -> str:
        """A few lines that describe the network: its size and shape."""
        widths = ", ".join(str(len(layer)) for layer in self.layers())
        return (
            f"network {self.name}\n"
            f"  inputs:   {len(self.inputs)} ({', '.join(self.inputs)})\n"
            f"  neurons:  {self.neuron_count} in {self.depth} hidden layer(s) [{widths}]\n"
            f"  outputs:  {len(self.outputs)} ({', '.join(self.outputs)})\n"
            f"  synapses: {self.synapse_count}\n"
            f"  activations: {', '.join(sorted(self.activations())) or 'none'}"
        )

    def __repr__(self) -> str:
        return (
            f"Network({self.name!r}, inputs={len(self.inputs)}, neurons={self.neuron_count}, "
            f"depth={self.depth if nx.is_directed_acyclic_graph(self.graph) else '?'}, "
            f"synapses={self.synapse_count})"
        )

    # -- validation -----------------------------------------------------------------------
    def validate(self) -> None:
        """Raise :class:`NetworkError` unless the network is well formed.

        Checks: no cycle, no edge into an input, every neuron and linear node has an incoming
        edge, every output is reached from some input, activation names are known.

        Examples
        --------
        >>> net = Network()
        >>> net.add_input("x1"); net.add_neuron("h"); net.add_output("y")
        >>> net.add_edge("h", "y", 1)
        >>> net.validate()
        Traceback (most recent call last):
        ...
        symflat.errors.NetworkError: neuron 'h' has no inputs
        """
        graph = self.graph
        if not nx.is_directed_acyclic_graph(graph):
            cycle = " -> ".join(u for u, _ in nx.find_cycle(graph))
            raise NetworkError(f"the network has a cycle: {cycle}")
        if not self.inputs:
            raise NetworkError("the network has no input")
        if not self.outputs:
            raise NetworkError("the network has no output")
        for node, data in graph.nodes(data=True):
            kind = data.get("kind")
            if kind not in KINDS:
                raise NetworkError(f"node {node!r} has unknown kind {kind!r}")
            if kind == "input" and graph.in_degree(node):
                raise NetworkError(f"input {node!r} has an incoming edge")
            if kind == "output" and graph.out_degree(node):
                raise NetworkError(f"output {node!r} feeds other nodes; make it a linear node")
            if kind in ("neuron", "linear") and not graph.in_degree(node):
                raise NetworkError(f"{kind} {node!r} has no inputs")
            if kind == "neuron":
                check_activation_name(data["activation"], node)
        reached = set().union(*(nx.descendants(graph, x) for x in self.inputs))
        for out in self.outputs:
            if out not in reached:
                raise NetworkError(f"output {out!r} is not reached by any path from an input")

    # -- writing (symflat.nets.export; reading is symflat.nets.io) and display ------------
    def to_json(self) -> str:
        """Node-link JSON with exact numbers written as strings.

        :func:`symflat.nets.export.to_json` writes it, :func:`symflat.nets.io.from_json` reads it.

        Examples
        --------
        >>> import json
        >>> from symflat.paper.networks import copy_gate
        >>> json.loads(copy_gate().to_json())["nodes"][2]
        {'id': 'h', 'kind': 'neuron', 'activation': 'sigma', 'bias': '0'}
        """
        return to_json(self)

    def to_dot(self) -> str:
        """Graphviz DOT text; node and edge attributes keep the exact numbers.

        :func:`symflat.nets.export.to_dot` writes it, :func:`symflat.nets.io.from_dot` reads it.

        Examples
        --------
        >>> from symflat.paper.networks import copy_gate
        >>> print(copy_gate().to_dot().splitlines()[0])
        digraph "copy_gate" {
        """
        return to_dot(self)

    def to_svg(self) -> str:
        """The drawing, like the paper's Fig. 2 (:func:`symflat.nets.drawing.to_svg`).

        Examples
        --------
        >>> from symflat.paper.networks import copy_gate
        >>> copy_gate().to_svg().startswith("<svg")
        True
        """
        return to_svg(self)

    def _repr_svg_(self) -> str:
        return to_svg(self)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        # One drawing for both: as HTML it is inlined (not an <img>), so that hovering a line
        # shows its exact weight in Jupyter and in the docs; the SVG is for other front ends.
        svg = to_svg(self)
        return {"text/html": f"<div>{svg}</div>", "image/svg+xml": svg}

    # -- evaluation -----------------------------------------------------------------------
    def linear_map(self) -> sympy.Matrix:
        """The matrix of a network of identity neurons without biases (rows: outputs).

        The same as :func:`symflat.nets.evaluate.linear_map`, which computes it.

        Examples
        --------
        >>> net = Network("sum")
        >>> net.add_input("a"); net.add_input("b"); net.add_output("y")
        >>> net.add_edge("a", "y", 2); net.add_edge("b", "y", -1)
        >>> net.linear_map()
        Matrix([[2, -1]])
        """
        return linear_map(self)

    def copy(self, name: str | None = None) -> Network:
        """An independent copy, optionally renamed."""
        other = Network(self.name if name is None else name)
        other.graph = self.graph.copy()
        other.graph.graph["name"] = other.name
        return other


def compose(first: Network, second: Network, wiring: Mapping[str, str],
            name: str | None = None) -> Network:
    """Feed outputs of ``first`` into inputs of ``second``.

    Parameters
    ----------
    first, second : Network
    wiring : mapping
        ``{input of second: output of first}``. Inputs of ``second`` not wired stay inputs of
        the composite; outputs of ``first`` that are wired become internal linear nodes, the
        others stay outputs.

    Nodes are renamed ``a.NAME`` (from ``first``) and ``b.NAME`` (from ``second``), except the
    inputs of ``first``, which keep their names so the composite reads the same variables.

    Examples
    --------
    >>> from symflat.paper.networks import multiplication_gate
    >>> g = multiplication_gate()
    >>> net = compose(g, g, {"x1": "y"})
    >>> net.inputs, net.neuron_count, net.depth
    (['x1', 'x2', 'b.x2'], 8, 2)
    """
    for target, source in wiring.items():
        if target not in second.inputs:
            raise NetworkError(f"compose: {target!r} is not an input of {second.name!r}")
        if source not in first.outputs:
            raise NetworkError(f"compose: {source!r} is not an output of {first.name!r}")
    net = Network(name or f"{first.name}*{second.name}")

    def a(node: str) -> str:
        return node if first.kind(node) == "input" else f"a.{node}"

    def b(node: str) -> str:
        return a(wiring[node]) if node in wiring else f"b.{node}"

    fed = set(wiring.values())
    for node, data in first.graph.nodes(data=True):
        attrs = dict(data)
        if node in fed:
            attrs["kind"] = "linear"
        net.graph.add_node(a(node), **attrs)
    for node, data in second.graph.nodes(data=True):
        if node not in wiring:
            net.graph.add_node(b(node), **data)
    for u, v, w in first.graph.edges(data="weight"):
        net.graph.add_edge(a(u), a(v), weight=w)
    for u, v, w in second.graph.edges(data="weight"):
        net.graph.add_edge(b(u), b(v), weight=w)
    net.validate()
    return net
