"""Writing networks as text: node-link JSON and Graphviz DOT, with exact numbers.

Numbers are written as strings in the grammar of :mod:`symflat.exact.expressions` (by
:func:`~symflat.exact.printing.to_text`, which refuses a value it cannot write back exactly), so
that :mod:`symflat.nets.io` reads every text written here back to the same network.

The writers need only the network's ``name`` and ``graph``: :mod:`symflat.nets.network` imports
them for :meth:`~symflat.nets.network.Network.to_json` and
:meth:`~symflat.nets.network.Network.to_dot`, and the readers, which build a
:class:`~symflat.nets.network.Network`, live above it in :mod:`symflat.nets.io`.

Examples
--------
>>> from symflat.paper.networks import copy_gate
>>> print(to_dot(copy_gate()).splitlines()[0])
digraph "copy_gate" {
"""

from __future__ import annotations

import json
from typing import Any

from symflat.errors import ExpressionError, NetworkError
from symflat.exact.printing import to_text
from symflat.nets.protocol import NetworkLike
from symflat.nets.typeset import activation_text, unicode_math, unicode_name

__all__ = ["to_dot", "to_json"]


def _text_of(value: Any) -> str:
    try:
        return to_text(value)
    except ExpressionError as error:
        raise NetworkError(str(error)) from None


def _quote(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_json(net: NetworkLike) -> str:
    """Node-link JSON of ``net`` with exact numbers written as expression strings.

    Examples
    --------
    >>> from symflat.paper.networks import copy_gate
    >>> json.loads(to_json(copy_gate()))["edges"][0]
    {'source': 'x1', 'target': 'h', 'weight': 'lambda'}
    """
    nodes = []
    for node, data in net.graph.nodes(data=True):
        record: dict[str, Any] = {"id": node, "kind": data["kind"]}
        if data["kind"] == "neuron":
            record["activation"] = data["activation"]
        if "bias" in data:
            record["bias"] = _text_of(data["bias"])
        nodes.append(record)
    edges = [{"source": u, "target": v, "weight": _text_of(w)}
             for u, v, w in net.graph.edges(data="weight")]
    document = {"directed": True, "multigraph": False, "graph": {"name": net.name},
                "nodes": nodes, "edges": edges}
    return json.dumps(document, indent=1)


def to_dot(net: NetworkLike) -> str:
    """Graphviz DOT text of ``net``; node and edge attributes keep the exact numbers.

    Examples
    --------
    >>> from symflat.paper.networks import multiplication_gate
    >>> text = to_dot(multiplication_gate())
    >>> 'weight_exact="1/(8*lambda**2*sigma2)", label="1/(8λ²σ₂)"' in text, "\\\\n" in text
    (True, False)
    """
    lines = [f"digraph {_quote(net.name)} {{", "  rankdir=BT;"]
    shapes = {"input": "circle", "neuron": "box", "linear": "circle", "output": "doublecircle"}
    for node, data in net.graph.nodes(data=True):
        attrs = {"kind": data["kind"], "shape": shapes[data["kind"]]}
        if data["kind"] == "neuron":
            attrs["activation"] = data["activation"]
        if "bias" in data:
            attrs["bias"] = _text_of(data["bias"])
        # The label is what Graphviz shows, as symflat's drawing does (hidden names are
        # internal: a neuron shows its activation, a sum a +); the attributes are read back.
        attrs["label"] = (activation_text(data["activation"]) if data["kind"] == "neuron"
                          else "+" if data["kind"] == "linear" else unicode_name(node))
        body = ", ".join(f"{k}={_quote(v)}" for k, v in attrs.items())
        lines.append(f"  {_quote(node)} [{body}];")
    for u, v, w in net.graph.edges(data="weight"):
        text = _text_of(w)
        lines.append(f"  {_quote(u)} -> {_quote(v)} [weight_exact={_quote(text)}, "
                     f"label={_quote(unicode_math(w))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
