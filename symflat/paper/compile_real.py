"""The real-input compiler: a deep network of Eq. 11 gates (Sec. II.3, the Corollary).

:func:`program` turns a polynomial with rational coefficients into a straight-line program,
:meth:`Program.to_network` into a network:

* every monomial of degree >= 2 is a product of factors ``m_j^(2^j)``, where ``m_j`` holds the
  variables whose exponent has bit ``j`` set (powers by repeated squaring: ``x^7 = x^4 x^2 x``);
* the factors are multiplied in a Huffman tree on depth (the two shallowest first), so a
  product of ``d`` factors has depth ``ceil(log2 d)``;
* every sub-product is a node computed once, shared by every monomial that needs it;
* a product is a multiplication gate (4 neurons), a square a squaring gate (2 neurons);
  linear terms and the constant reach the output by skip connections (no neuron).

Every gate scales its inputs by the symbol ``lambda`` and its read-out by ``lambda^-2``.
:func:`symflat.paper.compile.compile` returns the network only after :func:`verify_real` has
expanded it exactly (generic
activation, through the degree of the polynomial) and found every coefficient a polynomial in
``lambda`` whose value at ``lambda = 0`` is the polynomial's coefficient. Bit inputs (Eq. 12-13)
are compiled by :mod:`symflat.paper.compile_bits`.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from symflat.exact.polynomial import Polynomial
from symflat.nets.expansion import expand
from symflat.nets.network import Network
from symflat.paper.compile_input import as_polynomial, check_limits, output_name
from symflat.paper.networks import LAMBDA, add_product_gate, add_square_gate

__all__ = ["Step", "Program", "random_polynomial",
           "program", "verify_real", "corollary"]


Monomial = tuple[int, ...]


@dataclass(frozen=True)
class Step:
    """One line of a straight-line program: ``name = args[0] * args[1]`` or ``args[0]^2``.

    Attributes
    ----------
    name : str
        The node the step defines.
    op : str
        ``"product"`` (a multiplication gate, 4 neurons) or ``"square"`` (2 neurons).
    args : tuple of str
        The nodes it reads: two for a product, one for a square.
    monomial : tuple of int
        The exponents of the monomial the node computes.
    """

    name: str
    op: str
    args: tuple[str, ...]
    monomial: Monomial


@dataclass(frozen=True)
class Program:
    """A straight-line program for a polynomial: shared products, then a linear read-out.

    ``output`` maps the node of each non-constant monomial (an input name for a linear term)
    to its coefficient; ``constant`` is the output bias.
    """

    variables: tuple[str, ...]
    steps: tuple[Step, ...]
    output: Mapping[str, Fraction]
    constant: Fraction

    def to_network(self, name: str = "compiled") -> Network:
        """The network of Eq. 11 gates that runs the program (not verified: see :func:`compile`).

        Examples
        --------
        >>> net = program("x1*x2*x3*x4").to_network()
        >>> net.neuron_count, net.depth, net.synapse_count
        (12, 2, 36)
        """
        net = Network(name)
        for x in self.variables:
            net.add_input(x)
        for step in self.steps:
            if step.op == "product":
                add_product_gate(net, *step.args, step.name, "linear", LAMBDA, 0, step.name + ":")
            else:
                add_square_gate(net, step.args[0], step.name, "linear", LAMBDA, 0, step.name + ":")
        out = output_name(self.variables)
        net.add_output(out, bias=sympy.Rational(self.constant))
        for node, coeff in self.output.items():
            net.add_edge(node, out, sympy.Rational(coeff))
        for step in self.steps:
            if list(net.graph.successors(step.name)) == [out]:
                _absorb(net, step.name, out)
        net.validate()
        return net

def _absorb(net: Network, node: str, into: str) -> None:
    # A sub-product read only by the output is written straight into it (as deep_product
    # writes its last gate into y): one synapse fewer, the same function.
    graph = net.graph
    c = graph.edges[node, into]["weight"]
    for h, _, w in list(graph.in_edges(node, data="weight")):
        net.add_edge(h, into, w * c)
    graph.nodes[into]["bias"] = graph.nodes[into]["bias"] + c * graph.nodes[node]["bias"]
    graph.remove_node(node)


# -- the straight-line program ---------------------------------------------------------------

def program(poly: str | sympy.Poly | Polynomial) -> Program:
    """The straight-line program of ``poly``: shared products, Huffman trees, squarings.

    Examples
    --------
    >>> p = program("x^7")
    >>> [(s.op, s.args) for s in p.steps]
    [('square', ('x',)), ('square', ('p:x:2',)), ('product', ('x', 'p:x:2')), ('product', ('p:x:4', 'p:x:3'))]
    >>> [s.name for s in program("x1*x2*x3 + x1*x2*x4").steps]
    ['p:x1.x2', 'p:x1.x2.x3', 'p:x1.x2.x4']
    """  # noqa: E501
    poly = as_polynomial(poly)
    check_limits(poly)
    builder = _ProgramBuilder(poly.variables)
    output: dict[str, Fraction] = {}
    constant = Fraction(0)
    for mono, coeff in sorted(poly.terms.items(), key=lambda t: (sum(t[0]), [-e for e in t[0]])):
        if sum(mono) == 0:
            constant = coeff
        else:
            output[builder.monomial(mono)] = coeff
    return Program(poly.variables, tuple(builder.steps), output, constant)


class _ProgramBuilder:
    """Nodes by the monomial they compute, so that every sub-product is made once."""

    def __init__(self, variables: tuple[str, ...]) -> None:
        self.variables = variables
        self.n = len(variables)
        self.node: dict[Monomial, str] = {self._unit(i): x for i, x in enumerate(variables)}
        self.depth: dict[Monomial, int] = dict.fromkeys(self.node, 0)
        self.steps: list[Step] = []

    def _unit(self, i: int) -> Monomial:
        return tuple(int(j == i) for j in range(self.n))

    def _name(self, mono: Monomial) -> str:
        parts = [x if e == 1 else f"{x}:{e}" for x, e in zip(self.variables, mono) if e]
        return "p:" + ".".join(parts)

    def _add(self, op: str, args: tuple[Monomial, ...], mono: Monomial) -> Monomial:
        if mono not in self.node:
            self.node[mono] = self._name(mono)
            self.depth[mono] = 1 + max(self.depth[a] for a in args)
            self.steps.append(Step(self.node[mono], op, tuple(self.node[a] for a in args), mono))
        return mono

    def square(self, a: Monomial) -> Monomial:
        return self._add("square", (a,), tuple(2 * e for e in a))

    def product(self, a: Monomial, b: Monomial) -> Monomial:
        if a == b:
            return self.square(a)
        a, b = sorted((a, b), key=self._order)
        return self._add("product", (a, b), tuple(i + j for i, j in zip(a, b)))

    def _order(self, mono: Monomial) -> tuple[int, tuple[int, ...]]:
        return self.depth[mono], tuple(-e for e in mono)

    def product_of(self, factors: list[Monomial]) -> Monomial:
        """Multiply ``factors`` two shallowest at a time (minimal depth for their depths)."""
        heap = [self._order(f) + (f,) for f in factors]
        heapq.heapify(heap)
        while len(heap) > 1:
            a, b = heapq.heappop(heap)[-1], heapq.heappop(heap)[-1]
            c = self.product(a, b)
            heapq.heappush(heap, self._order(c) + (c,))
        return heap[0][-1]

    def monomial(self, mono: Monomial) -> str:
        """The node of ``mono``: ``prod_j m_j^(2^j)``, each ``m_j^(2^j)`` by j squarings."""
        if mono not in self.node:
            factors = []
            for j in range(max(mono).bit_length()):
                support = [i for i, e in enumerate(mono) if (e >> j) & 1]
                if not support:
                    continue
                if j == 0:
                    factors.extend(self._unit(i) for i in support)
                    continue
                base = self.product_of([self._unit(i) for i in support])
                for _ in range(j):
                    base = self.square(base)
                factors.append(base)
            self.product_of(factors)
        return self.node[mono]


# -- verification and counts -----------------------------------------------------------------


def verify_real(net: Network, poly: Polynomial) -> dict[str, Any]:
    """Expand ``net`` exactly and check it is ``poly + O(lambda)``; the evidence, or raise.

    Every coefficient through the degree of ``poly`` must be a polynomial in ``lambda`` whose
    value at ``lambda = 0`` is ``poly``'s coefficient (zero for monomials not in ``poly``).

    Examples
    --------
    >>> p = as_polynomial("x^3 + 2*x")
    >>> evidence = verify_real(program(p).to_network(), p)
    >>> evidence["coefficients_checked"], evidence["lambda_dependent"]
    (2, 0)
    >>> verify_real(program("x^3").to_network(), p)
    Traceback (most recent call last):
    ...
    RuntimeError: the compiled network is not P + O(lambda): coefficient of x is 0 at lambda = 0, not 2
    """  # noqa: E501
    # The expansion's cost follows its answer (nets.composition); its own memory estimate
    # refuses, in one line, a verification that would not fit (ExpansionTooLarge).
    degree = poly.degree
    expansion = expand(net, degree)
    position = {x: i for i, x in enumerate(net.inputs)}
    order = [position[x] for x in poly.variables]
    got = {tuple(m[i] for i in order): c for m, c in expansion.terms(net.outputs[0]).items()}
    want = {m: sympy.Rational(c.numerator, c.denominator) for m, c in poly.terms.items()}
    gens = [sympy.Symbol(x) for x in poly.variables]
    dependent = 0
    for mono in sorted(set(got) | set(want)):
        coeff = sympy.cancel(got.get(mono, sympy.Integer(0)))
        name = sympy.Mul(*(g**e for g, e in zip(gens, mono)))
        numer, denom = sympy.fraction(coeff)
        if denom.has(LAMBDA) or not numer.is_polynomial(LAMBDA):
            raise RuntimeError(f"the compiled network is not P + O(lambda): coefficient of "
                               f"{name} is {coeff}, not a polynomial in lambda")
        at_zero = sympy.cancel(coeff.subs(LAMBDA, 0))
        if at_zero != want.get(mono, 0):
            raise RuntimeError(f"the compiled network is not P + O(lambda): coefficient of "
                               f"{name} is {at_zero} at lambda = 0, not {want.get(mono, 0)}")
        dependent += coeff.has(LAMBDA)
    return {
        "method": f"exact Taylor expansion, generic activation, through degree {degree}",
        "statement": "every coefficient is a polynomial in lambda whose value at lambda = 0 is "
                     "the coefficient of P",
        "degree": degree,
        "coefficients_checked": len(set(got) | set(want)),
        "lambda_dependent": dependent,
    }


def corollary(net: Network) -> dict[str, Any]:
    """The network's gates against the Corollary's "about 4 neurons per multiplication".

    A gate is a group of neurons that read the same nodes: a multiplication gate (4 neurons,
    two sources) or a squaring gate (2 neurons, one source). Both are one multiplication.

    Examples
    --------
    >>> corollary(program("x^2 + x*y").to_network())["verdict"]
    'beats: 6 neurons for 2 multiplications, under 4 per multiplication'
    """
    gates: dict[frozenset[str], int] = {}
    for h in net.neurons:
        key = frozenset(net.graph.predecessors(h))
        gates[key] = gates.get(key, 0) + 1
    products = sum(1 for k in gates if len(k) == 2)
    squares = sum(1 for k in gates if len(k) == 1)
    count, neurons = len(gates), net.neuron_count
    if count == 0:
        verdict = "no multiplication: linear terms pass by skip connections"
    else:
        word = "beats" if neurons < 4 * count else "matches" if neurons == 4 * count else "misses"
        where = {"beats": "under", "matches": "exactly", "misses": "over"}[word]
        verdict = (f"{word}: {neurons} neurons for {count} multiplication"
                   f"{'s' if count != 1 else ''}, {where} 4 per multiplication")
    return {
        "multiplications": count,
        "products": products,
        "squarings": squares,
        "four_per_multiplication": 4 * count,
        "neurons_per_multiplication": str(Fraction(neurons, count)) if count else None,
        "verdict": verdict,
    }



def random_polynomial(seed: int, variables: int = 3, degree: int = 4,
                      terms: int = 4) -> Polynomial:
    """A seeded random polynomial: ``terms`` monomials of degree 2..``degree`` in
    ``x1..x{variables}`` with non-zero integer coefficients in -5..5 (the generator of the
    Corollary's sampled check; the same seed gives the same polynomial).

    Examples
    --------
    >>> random_polynomial(0) == random_polynomial(0), random_polynomial(0).degree <= 4
    (True, True)
    """
    import random

    rng = random.Random(seed)
    names = tuple(f"x{i}" for i in range(1, variables + 1))
    chosen: dict[tuple[int, ...], int] = {}
    while len(chosen) < terms:
        total = rng.randint(2, degree)
        exponents = [0] * variables
        for _ in range(total):
            exponents[rng.randrange(variables)] += 1
        chosen[tuple(exponents)] = rng.choice([c for c in range(-5, 6) if c])
    return Polynomial(names, chosen)
