"""Reading networks from node-link JSON and Graphviz DOT, and network files both ways.

The texts are those :mod:`symflat.nets.export` writes: numbers are strings in the grammar of
:mod:`symflat.exact.expressions`, read with the same restricted parser, so a file is never
evaluated and every text written there reads back to the same network. A file read here is
untrusted: JSON's ``NaN``, ``Infinity`` and float literals, oversized integers, deep nesting,
wrong types and repeated edges are refused in one line (:class:`~symflat.errors.NetworkError`),
never a traceback and never a silently changed network.

Examples
--------
>>> from symflat.nets.export import to_json
>>> from symflat.paper.networks import multiplication_gate
>>> net = multiplication_gate()
>>> back = from_json(to_json(net))
>>> sorted(back.graph.edges(data="weight")) == sorted(net.graph.edges(data="weight"))
True
>>> from_json('{"nodes": [], "edges": [], "graph": {"name": NaN}}')
Traceback (most recent call last):
...
symflat.errors.NetworkError: not valid JSON: NaN is not a number symflat can read exactly
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from symflat.errors import NetworkError, SymflatError
from symflat.exact.hints import nearby_fraction
from symflat.files import read_text, write_text
from symflat.nets.export import to_dot, to_json
from symflat.nets.network import KINDS, Network

__all__ = ["from_dot", "from_json", "read_network", "write_network"]

#: Longest integer literal accepted in a JSON network, in digits.
MAX_JSON_DIGITS = 1000


class _JsonFloat(str):
    """A JSON float literal, kept as its text so that it can be refused with a hint."""


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise NetworkError(f"an integer of {len(text)} digits is longer than the "
                           f"{MAX_JSON_DIGITS} digits a network file may hold")
    return int(text)


def _parse_constant(name: str) -> Any:
    raise NetworkError(f"{name} is not a number symflat can read exactly")


def from_json(text: str) -> Network:
    """Read a network from node-link JSON text (as :func:`~symflat.nets.export.to_json` writes)."""
    try:
        data = json.loads(text, parse_int=_parse_int, parse_float=_JsonFloat,
                          parse_constant=_parse_constant)
    except NetworkError as error:
        raise NetworkError(f"not valid JSON: {error}") from None
    except json.JSONDecodeError as error:
        raise NetworkError(f"not valid JSON: {error}") from None
    except RecursionError:
        raise NetworkError("not valid JSON: nested too deeply") from None
    except ValueError as error:  # e.g. an integer beyond Python's conversion limit
        raise NetworkError(f"not valid JSON: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise NetworkError("a network JSON needs an object with a 'nodes' list")
    edges = data.get("edges", data.get("links", []))
    if not isinstance(edges, list):
        raise NetworkError("a network JSON needs an 'edges' list")
    graph = data.get("graph", {})
    if not isinstance(graph, dict):
        raise NetworkError("'graph' must be an object such as {\"name\": \"my network\"}")
    name = graph.get("name", "network")
    if not isinstance(name, str):
        raise NetworkError("the network's 'name' must be a string")
    net = Network(name)
    for node in data["nodes"]:
        _add_node(net, node)
    seen: set[tuple[str, str]] = set()
    for edge in edges:
        if not isinstance(edge, dict) or not {"source", "target", "weight"} <= edge.keys():
            raise NetworkError(f"edge {_short(edge)} needs 'source', 'target' and 'weight'")
        source, target = _node_name(edge["source"]), _node_name(edge["target"])
        if (source, target) in seen:
            raise NetworkError(f"edge {source} -> {target} is given twice; give each "
                               "connection once, with the sum of its weights")
        seen.add((source, target))
        net.add_edge(source, target, _number(edge["weight"], f"weight of {source}->{target}"))
    net.validate()
    return net


def from_dot(text: str) -> Network:
    """Read a network written by :func:`~symflat.nets.export.to_dot` (the symflat subset of DOT)."""
    header = re.match(r'\s*digraph\s+"((?:[^"\\]|\\.)*)"\s*\{', text)
    if not header:
        raise NetworkError("not a symflat DOT file: expected 'digraph \"name\" {'")
    net = Network(_unquote(header.group(1)))
    attr = r'(\w+)="((?:[^"\\]|\\.)*)"'
    node_re = re.compile(r'^\s*"((?:[^"\\]|\\.)*)"\s*\[(.*)\];\s*$')
    edge_re = re.compile(r'^\s*"((?:[^"\\]|\\.)*)"\s*->\s*"((?:[^"\\]|\\.)*)"\s*\[(.*)\];\s*$')
    edges: dict[tuple[str, str], str] = {}
    for line in text.splitlines()[1:]:
        if m := edge_re.match(line):
            attrs = {k: _unquote(v) for k, v in re.findall(attr, m.group(3))}
            if "weight_exact" not in attrs:
                raise NetworkError(f"DOT edge without weight_exact: {line.strip()[:80]}")
            key = (_unquote(m.group(1)), _unquote(m.group(2)))
            if key in edges:
                raise NetworkError(f"edge {key[0]} -> {key[1]} is given twice")
            edges[key] = attrs["weight_exact"]
        elif m := node_re.match(line):
            attrs = {k: _unquote(v) for k, v in re.findall(attr, m.group(2))}
            _add_node(net, {"id": _unquote(m.group(1)), **attrs})
    for (u, v), w in edges.items():
        net.add_edge(u, v, w)
    net.validate()
    return net


def read_network(path: str | os.PathLike[str]) -> Network:
    """Read a network file (``.dot``/``.gv`` as DOT, anything else as JSON).

    Only a regular file of bounded size is read (:func:`symflat.files.read_text`); any problem
    is one :class:`~symflat.errors.SymflatError` line that names the file.
    """
    text = read_text(path)
    reader = from_dot if str(path).endswith((".dot", ".gv")) else from_json
    try:
        return reader(text)
    except SymflatError as error:
        raise NetworkError(f"{path}: {error}") from None


def write_network(net: Network, path: str | os.PathLike[str]) -> None:
    """Write ``net`` to ``path`` atomically, as DOT for ``.dot``/``.gv`` and JSON otherwise."""
    text = to_dot(net) if str(path).endswith((".dot", ".gv")) else to_json(net)
    write_text(path, text)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _node_name(value: Any) -> str:
    if not isinstance(value, str):
        raise NetworkError(f"node name {_short(value)} must be a string")
    return value


def _number(value: Any, what: str) -> Any:
    # JSON integers and expression strings are exact; a JSON float literal is not.
    if isinstance(value, _JsonFloat):
        exact = nearby_fraction(value)
        hint = "" if exact is None else f"; write it as a string like \"{exact}\""
        raise NetworkError(f"{what}: {value} is a JSON float, not an exact number{hint}")
    if isinstance(value, str | int) and not isinstance(value, bool):
        return value
    raise NetworkError(f"{what}: {_short(value)} is not a number or an expression string")


def _add_node(net: Network, record: Any) -> None:
    if not isinstance(record, dict) or "id" not in record:
        raise NetworkError(f"node {_short(record)} needs an 'id'")
    name, kind = _node_name(record["id"]), record.get("kind")
    bias = _number(record.get("bias", 0), f"bias of {name}")
    if kind == "input":
        net.add_input(name)
    elif kind == "neuron":
        activation = record.get("activation", "sigma")
        if not isinstance(activation, str):
            raise NetworkError(f"neuron {name!r}: activation must be a name")
        net.add_neuron(name, activation=activation, bias=bias)
    elif kind == "linear":
        net.add_linear(name, bias=bias)
    elif kind == "output":
        net.add_output(name, bias=bias)
    else:
        raise NetworkError(f"node {name!r}: kind must be one of {', '.join(KINDS)}, "
                           f"not {_short(kind)}")


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)
