"""What the functions on networks read of one: :class:`NetworkLike`.

The writers (:mod:`symflat.nets.export`), the drawing (:mod:`symflat.nets.drawing`) and the
evaluator (:mod:`symflat.nets.evaluate`) take any object with these attributes.
:class:`~symflat.nets.network.Network` is one, and its methods ``to_json``, ``to_dot``,
``_repr_svg_`` and ``linear_map`` call those modules; typing them against this protocol instead
of the class keeps the imports one-way (network -> export, drawing, evaluate -> protocol).

Examples
--------
>>> from symflat.paper.networks import multiplication_gate
>>> isinstance(multiplication_gate(), NetworkLike)
True
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import networkx as nx
import sympy

__all__ = ["NetworkLike"]


@runtime_checkable
class NetworkLike(Protocol):
    """A named computation graph with ordered inputs and outputs (as :class:`Network`)."""

    name: str
    graph: nx.DiGraph

    @property
    def inputs(self) -> list[str]: ...

    @property
    def outputs(self) -> list[str]: ...

    def symbols(self) -> set[sympy.Symbol]: ...

    def validate(self) -> None: ...
