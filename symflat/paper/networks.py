"""The gallery: the paper's networks, built as :class:`~symflat.nets.network.Network` graphs.

Weights are written in the power convention σ(u) = Σ σ_k u^k of Appendix A, with the generic
coefficients ``sigma_k`` taken at the shift ``b`` where the neurons operate. The paper's Eq. 11
divides by 4σ''(b) = 8·sigma2 in this convention. Every count of neurons and synapses is read
from the graph, never typed in.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import sympy

from symflat.errors import NetworkError
from symflat.exact.symbols import BETA, LAMBDA, sigma_symbol
from symflat.nets.network import Network, exact

__all__ = [
    "LAMBDA",
    "BETA",
    "multiplication_gate",
    "squaring_gate",
    "copy_gate",
    "flat_product",
    "deep_product",
    "bit_product",
    "shallow_network",
    "add_product_gate",
    "add_copy_gate",
    "add_square_gate",
]


def _inputs(net: Network, n: int) -> list[str]:
    names = [f"x{i}" for i in range(1, n + 1)]
    for name in names:
        net.add_input(name)
    return names


def _check_n(n: Any, least: int, what: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < least:
        raise NetworkError(f"{what} needs an integer n >= {least}, not {n!r}")
    return n


def add_product_gate(net: Network, u: str, v: str, out: str, kind: str, lam: Any,
                      shift: Any, tag: str) -> None:
    """Four neurons σ(b ± λu ± λv) read out as (h++ + h-- - h+- - h-+)/(8 σ_2 λ²) (Eq. 11)."""
    lam = exact(lam, "lambda")
    readout = 1 / (8 * sigma_symbol(2) * lam**2)
    (net.add_output if kind == "output" else net.add_linear)(out)
    for su, sv in ((1, 1), (-1, -1), (1, -1), (-1, 1)):
        h = f"{tag}h{'p' if su > 0 else 'm'}{'p' if sv > 0 else 'm'}"
        net.add_neuron(h, bias=shift)
        net.add_edge(u, h, su * lam)
        net.add_edge(v, h, sv * lam)
        net.add_edge(h, out, su * sv * readout)


def add_copy_gate(net: Network, u: str, out: str, kind: str, lam: Any, shift: Any,
                   tag: str) -> None:
    """One neuron σ(b + λu) read out as (σ(b + λu) - σ_0)/(λ σ_1) (footnote 4)."""
    lam = exact(lam, "lambda")
    scale = 1 / (lam * sigma_symbol(1))
    (net.add_output if kind == "output" else net.add_linear)(out, bias=-sigma_symbol(0) * scale)
    net.add_neuron(f"{tag}h", bias=shift)
    net.add_edge(u, f"{tag}h", lam)
    net.add_edge(f"{tag}h", out, scale)


def add_square_gate(net: Network, u: str, out: str, kind: str, lam: Any, shift: Any,
                    tag: str) -> None:
    """Two neurons σ(b ± λu) read out as (σ(b+λu) + σ(b-λu) - 2σ_0)/(2 σ_2 λ²) into ``out``."""
    lam = exact(lam, "lambda")
    scale = 1 / (2 * sigma_symbol(2) * lam**2)
    (net.add_output if kind == "output" else net.add_linear)(out,
                                                             bias=-2 * sigma_symbol(0) * scale)
    for sign, h in ((1, f"{tag}hp"), (-1, f"{tag}hm")):
        net.add_neuron(h, bias=shift)
        net.add_edge(u, h, sign * lam)
        net.add_edge(h, out, scale)


def multiplication_gate(lam: Any = LAMBDA, shift: Any = 0) -> Network:
    """The multiplication approximator of Eq. 11 and Fig. 2 (left): 4 neurons, x1·x2.

    Parameters
    ----------
    lam : exact number or symbol
        The input scale λ (A1 → λA1, A2 → λ⁻²A2); the gate is exact as λ → 0.
    shift : exact number
        The bias b that moves σ to a point where σ''(b) ≠ 0.

    Examples
    --------
    >>> g = multiplication_gate()
    >>> g.neuron_count, g.synapse_count, g.depth
    (4, 12, 1)
    """
    net = Network("multiplication_gate")
    x1, x2 = _inputs(net, 2)
    add_product_gate(net, x1, x2, "y", "output", lam, shift, "")
    return net


def squaring_gate(lam: Any = LAMBDA, shift: Any = 0) -> Network:
    """x² from two neurons: (σ(b+λx) + σ(b-λx) - 2σ_0) / (2 σ_2 λ²).

    Examples
    --------
    >>> from symflat.nets.expansion import expand
    >>> expand(squaring_gate(lam=1), 2)["y"]
    x1**2
    """
    net = Network("squaring_gate")
    (x,) = _inputs(net, 1)
    add_square_gate(net, x, "y", "output", lam, shift, "")
    return net


def copy_gate(lam: Any = LAMBDA, shift: Any = 0) -> Network:
    """The linear copy gate u → u of footnote 4, one neuron where σ'(b) ≠ 0.

    Examples
    --------
    >>> from symflat.nets.expansion import expand
    >>> expand(copy_gate(), 1)["y"]
    x1
    """
    net = Network("copy_gate")
    (x,) = _inputs(net, 1)
    add_copy_gate(net, x, "y", "output", lam, shift, "")
    return net


def flat_product(n: int, lam: Any = 1, shift: Any = 0) -> Network:
    """x1⋯xn with one hidden layer of 2^n neurons: the weights of Eq. 32.

    Neuron j reads a_ij = -1 if i ∈ S_j else +1 and is weighted
    w_j = Π_i a_ij / (2^n n! σ_n), scaled by λ on the inputs and λ⁻ⁿ on the output.

    Examples
    --------
    >>> from symflat.nets.expansion import expand
    >>> net = flat_product(3)
    >>> net.neuron_count, net.synapse_count
    (8, 32)
    >>> expand(net, 3)["y"]
    x1*x2*x3
    """
    n = _check_n(n, 1, "flat_product")
    lam = exact(lam, "lambda")
    net = Network(f"flat_product_{n}")
    xs = _inputs(net, n)
    norm = 1 / (2**n * math.factorial(n) * sigma_symbol(n) * lam**n)
    net.add_output("y")
    for j, subset in enumerate(itertools.product((False, True), repeat=n)):
        signs = [-1 if inside else 1 for inside in subset]
        h = f"h{j}"
        net.add_neuron(h, bias=shift)
        for x, s in zip(xs, signs):
            net.add_edge(x, h, s * lam)
        net.add_edge(h, "y", math.prod(signs) * norm)
    return net


def deep_product(n: int, lam: Any = LAMBDA, shift: Any = 0) -> Network:
    """x1⋯xn by a binary tree of multiplication gates, copy gates where n is not 2^k.

    Each level multiplies neighbours pairwise; an unpaired factor passes through a copy gate
    so that every gate reads from the level below.

    Examples
    --------
    >>> net = deep_product(4)
    >>> net.neuron_count, net.depth
    (12, 2)
    >>> deep_product(5).neuron_count   # 4 gates (16 neurons) and 2 copy gates
    18
    """
    n = _check_n(n, 2, "deep_product")
    net = Network(f"deep_product_{n}")
    level = _inputs(net, n)
    depth = 0
    while len(level) > 1:
        depth += 1
        last = len(level) <= 2
        nxt = []
        for i in range(0, len(level) - 1, 2):
            out = "y" if last else f"L{depth}g{i // 2}"
            add_product_gate(net, level[i], level[i + 1], out, "output" if last else "linear",
                              lam, shift, f"L{depth}g{i // 2}")
            nxt.append(out)
        if len(level) % 2:
            out = f"L{depth}c"
            add_copy_gate(net, level[-1], out, "linear", lam, shift, out)
            nxt.append(out)
        level = nxt
    return net


def bit_product(k: int, beta: Any = BETA) -> Network:
    """The bit-product gate of Eq. 13: σ(-β(k - 1/2 - Σ x_i)) with the logistic sigmoid.

    Examples
    --------
    >>> net = bit_product(3)
    >>> net.graph.nodes["h"]["bias"]
    -5*beta/2
    """
    k = _check_n(k, 1, "bit_product")
    beta = exact(beta, "beta")
    net = Network(f"bit_product_{k}")
    xs = _inputs(net, k)
    net.add_neuron("h", activation="sigmoid", bias=-beta * (k - sympy.Rational(1, 2)))
    for x in xs:
        net.add_edge(x, "h", beta)
    net.add_output("y")
    net.add_edge("h", "y", 1)
    return net


def shallow_network(points: Sequence[Sequence[Any]], weights: Sequence[Any],
                    output_bias: Any = 0, shift: Any = 0, name: str = "shallow",
                    activation: str = "sigma") -> Network:
    """output_bias + Σ_j w_j σ(b + a_j·x): one hidden layer, inputs x1..xn (``activation``:
    the neurons' activation name; ``"sigma"`` is chosen when the network is expanded).

    Examples
    --------
    >>> from symflat.nets.expansion import expand
    >>> net = shallow_network([[1, 1], [1, -1]], ["1/(4*sigma2)", "-1/(4*sigma2)"])
    >>> expand(net, 2)["y"]
    sigma1*x2/(2*sigma2) + x1*x2
    """
    if len(points) != len(weights) or not points:
        raise NetworkError("shallow_network needs as many weights as points, and at least one")
    n = len(points[0])
    if n == 0 or any(len(a) != n for a in points):
        raise NetworkError("every point needs the same, non-zero number of coordinates")
    net = Network(name)
    xs = _inputs(net, n)
    net.add_output("y", bias=output_bias)
    for j, (a, w) in enumerate(zip(points, weights), start=1):
        net.add_neuron(f"h{j}", activation=activation, bias=shift)
        for x, aij in zip(xs, a):
            net.add_edge(x, f"h{j}", aij)
        net.add_edge(f"h{j}", "y", w)
    return net
