"""Evaluate a network: exactly (sympy), rigorously (intervals), or as a linear map.

One walk over the graph (:func:`propagate`) in topological order: an input takes its given
value, every other node ``bias + Σ weight · value(source)``, and a neuron applies its
activation to that. What a value is -- a sympy expression, an interval of
:mod:`symflat.exact.interval`, a row of a matrix -- is up to the caller:

* :func:`evaluate` -- the exact outputs at exact inputs (or as expressions in the inputs);
* :func:`evaluate_interval` -- intervals that rigorously contain the outputs;
* :func:`linear_map` -- the matrix of a network of identity neurons without biases.

The truncated Taylor expansion of a network is :func:`symflat.nets.expansion.expand`.

Examples
--------
>>> from symflat.nets.network import Network
>>> net = Network("affine")
>>> net.add_input("x1"); net.add_neuron("h", "exp", bias=1); net.add_output("y")
>>> net.add_edge("x1", "h", 2); net.add_edge("h", "y", "1/2")
>>> evaluate(net)["y"]
exp(2*x1 + 1)/2
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import networkx as nx
import sympy

from symflat.errors import NetworkError
from symflat.exact.expressions import to_expression
from symflat.exact.interval import Interval, interval, precision
from symflat.exact.symbols import X, sigma_index
from symflat.nets.activations import get_activation
from symflat.nets.protocol import NetworkLike

__all__ = ["propagate", "evaluate", "evaluate_interval", "linear_map", "require_linear",
           "PRECISION_BITS"]

#: Default working precision of :func:`evaluate_interval`, in bits.
PRECISION_BITS = 256

T = TypeVar("T")


def propagate(network: NetworkLike, inputs: Mapping[str, T], weight: Callable[[sympy.Expr], Any],
              activate: Callable[[str, str, T], T],
              bias: Callable[[sympy.Expr], T] | None = None) -> dict[str, T]:
    """The value of every output, walking the graph once in topological order.

    Parameters
    ----------
    network : Network
    inputs : mapping
        Input name -> value.
    weight : callable
        Turns an exact weight into something that multiplies a value.
    activate : callable
        ``activate(node, activation_name, pre_activation)`` -> the neuron's value.
    bias : callable, optional
        Turns an exact bias into a value (default: ``weight``).

    Returns
    -------
    dict
        Output name -> value, each ``bias(b) + Σ weight(w) * value(source)`` (sources in the
        graph's order), a neuron's passed through ``activate``.

    Examples
    --------
    >>> from symflat.paper.networks import copy_gate
    >>> out = propagate(copy_gate(), {"x1": sympy.Symbol("x1")}, lambda c: c,
    ...                 lambda node, name, pre: sympy.Function(name)(pre))
    >>> out["y"]
    -sigma0/(lambda*sigma1) + sigma(lambda*x1)/(lambda*sigma1)
    """
    bias = weight if bias is None else bias
    graph = network.graph
    value: dict[str, Any] = {}
    for node in nx.topological_sort(graph):
        data = graph.nodes[node]
        if data["kind"] == "input":
            value[node] = inputs[node]
            continue
        pre = bias(data.get("bias", sympy.Integer(0)))
        for source, edge in graph.pred[node].items():
            pre = pre + weight(edge["weight"]) * value[source]
        value[node] = activate(node, data["activation"], pre) if data["kind"] == "neuron" \
            else pre
    return {out: value[out] for out in network.outputs}


def _bindings(network: NetworkLike, activation: str, values: Mapping[Any, Any] | None,
              shift: Any, complete: bool = False) -> dict[sympy.Symbol, sympy.Expr]:
    """Exact values of the network's symbols: ``values``, then the coefficients ``sigma_k``.

    A coefficient ``sigma_k`` not given is the activation's exact Taylor coefficient at
    ``shift``; with the generic activation it stays a symbol, unless ``complete`` asks for a
    value of every symbol.
    """
    bound = {sympy.Symbol(k) if isinstance(k, str) else k: to_expression(v)
             for k, v in (values or {}).items()}
    act = get_activation(activation)
    for symbol in network.symbols() - set(bound):
        k = sigma_index(symbol)
        if k is not None and not act.is_generic:
            bound[symbol] = act.coefficients(k, at=to_expression(shift))[k]
        elif complete:
            raise NetworkError(f"no value for the symbol {symbol}")
    _check_finite(network, bound)
    return bound


def _check_finite(network: NetworkLike, bound: Mapping[sympy.Symbol, sympy.Expr]) -> None:
    """Raise :class:`NetworkError` if a weight or bias is infinite once the symbols are bound."""
    if not bound:
        return  # the network's constants are finite (checked when it was built)
    constants = [(f"the bias of {node}", b) for node, b in network.graph.nodes(data="bias")
                 if b is not None]
    constants += [(f"the weight {u} -> {v}", w) for u, v, w in network.graph.edges(data="weight")]
    for what, constant in constants:
        if constant.xreplace(bound).has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise NetworkError(f"{what}, {constant}, is not finite with these values")


def _closed_form(name: str, activation: str, node: str) -> sympy.Expr:
    """σ(x) of a neuron named ``name`` (``"sigma"`` is ``activation``)."""
    act = get_activation(activation if name == "sigma" else name)
    if act.expression is None:
        raise NetworkError(f"neuron {node}: the {act.name} activation has no closed form")
    return act.expression


def evaluate(network: NetworkLike, inputs: Mapping[str, Any] | None = None,
             activation: str = "generic", values: Mapping[Any, Any] | None = None,
             shift: Any = 0) -> dict[str, sympy.Expr]:
    """The exact outputs of a network.

    Parameters
    ----------
    network : Network
    inputs : mapping, optional
        Input name -> exact number or expression; an input not given is the symbol of its name.
    activation : str
        The activation standing for ``"sigma"``; with ``"generic"`` a ``sigma`` neuron is the
        undefined function ``sigma`` (and the coefficients ``sigma_k`` stay symbols).
    values : mapping, optional
        Symbol (or its name) -> exact value, for example ``lambda``.
    shift : exact number
        The point where the ``sigma`` neurons operate: coefficients ``sigma_k`` not given in
        ``values`` are the activation's Taylor coefficients there.

    Examples
    --------
    >>> from symflat.paper.networks import squaring_gate
    >>> y = evaluate(squaring_gate(), {"x1": 1}, "exp", {"lambda": sympy.Rational(1, 10)})["y"]
    >>> y
    -200 + 100*exp(-1/10) + 100*exp(1/10)
    """
    bound = _bindings(network, activation, values, shift)
    given = {name: to_expression(v) for name, v in (inputs or {}).items()}
    start = {x: given.get(x, sympy.Symbol(x)) for x in network.inputs}

    def activate(node: str, name: str, pre: sympy.Expr) -> sympy.Expr:
        if name == "sigma" and get_activation(activation).is_generic:
            return sympy.Function("sigma")(pre)
        return _closed_form(name, activation, node).xreplace({X: pre})

    return propagate(network, start, lambda c: c.xreplace(bound), activate)


def evaluate_interval(network: NetworkLike, inputs: Mapping[str, Any], activation: str = "generic",
                      values: Mapping[Any, Any] | None = None, shift: Any = 0,
                      prec: int = PRECISION_BITS) -> dict[str, Interval]:
    """Intervals that rigorously contain the outputs of a network at exact inputs.

    Every weight, bias and input is enclosed at ``prec`` bits and every operation rounds
    outward (:mod:`symflat.exact.interval`).

    Parameters
    ----------
    network, activation, values, shift
        As in :func:`evaluate`; every neuron needs a closed form, so the generic activation
        needs ``sigma`` neurons replaced (name another activation).
    inputs : mapping
        Input name -> exact number.
    prec : int
        Working precision in bits.

    Returns
    -------
    dict
        Output name -> ``mpmath.iv`` interval.

    Examples
    --------
    >>> from symflat.paper.networks import squaring_gate
    >>> y = evaluate_interval(squaring_gate(lam=sympy.Rational(1, 10)), {"x1": 1}, "exp")["y"]
    >>> round(float(y.mid), 9), float(y.delta) < 1e-60    # 200 (cosh(1/10) - 1)
    (1.000833611, True)
    """
    bound = _bindings(network, activation, values, shift, complete=True)
    with precision(prec):
        env = {s: interval(v, prec=prec) for s, v in bound.items()}
        start = {x: interval(to_expression(inputs[x]), prec=prec) for x in network.inputs}

        def activate(node: str, name: str, pre: Interval) -> Interval:
            return interval(_closed_form(name, activation, node), {X: pre}, prec=prec)

        enclosed: dict[sympy.Expr, Interval] = {}  # gates repeat their weights: enclose once

        def constant(c: sympy.Expr) -> Interval:
            if c not in enclosed:
                enclosed[c] = interval(c, env, prec=prec)
            return enclosed[c]

        return propagate(network, start, constant, activate)


def linear_map(network: NetworkLike) -> sympy.Matrix:
    """The matrix of a network whose neurons are all ``identity`` and whose biases vanish.

    Rows are outputs, columns are inputs, in the order of ``network.outputs`` and
    ``network.inputs``.

    Examples
    --------
    >>> from symflat.nets.network import Network
    >>> net = Network("sum")
    >>> net.add_input("a"); net.add_input("b"); net.add_output("y")
    >>> net.add_edge("a", "y", 2); net.add_edge("b", "y", -1)
    >>> linear_map(net)
    Matrix([[2, -1]])
    """
    require_linear(network)
    n = len(network.inputs)
    rows = {x: sympy.eye(n)[i, :] for i, x in enumerate(network.inputs)}
    out = propagate(network, rows, lambda w: w, lambda node, name, pre: pre,
                    bias=lambda b: sympy.zeros(1, n))
    return sympy.Matrix.vstack(*(out[o] for o in network.outputs)).applyfunc(sympy.expand)


def require_linear(network: NetworkLike) -> None:
    """Validate ``network`` and raise :class:`NetworkError` unless it is linear: every neuron
    ``identity`` and every bias zero (what :func:`linear_map` and the exact maps over other
    fields, such as :meth:`symflat.paper.cyclotomic.CyclotomicField.network_map`, need).

    Examples
    --------
    >>> from symflat.nets.network import Network
    >>> net = Network("one neuron")
    >>> net.add_input("x"); net.add_neuron("h"); net.add_output("y")
    >>> net.add_edge("x", "h", 1); net.add_edge("h", "y", 1)
    >>> require_linear(net)
    Traceback (most recent call last):
    ...
    symflat.errors.NetworkError: neuron 'h' is not linear (activation 'sigma'); a linear map needs identity neurons
    """  # noqa: E501
    network.validate()
    for node, data in network.graph.nodes(data=True):
        if data["kind"] == "neuron" and data["activation"] != "identity":
            raise NetworkError(f"neuron {node!r} is not linear (activation "
                               f"{data['activation']!r}); a linear map needs identity neurons")
        if data.get("bias", 0) != 0:
            raise NetworkError(f"node {node!r} has a bias; a linear map needs a linear network")
