"""Exact expansion by composition: each sub-network once, each node only to the degree used.

The reference propagation (:func:`symflat.nets.polyring.propagate` over the whole graph) keeps
every node's polynomial through the output's degree ``D``. In a deep product that is wasted:
a gate's output ``u·v + ...`` can give the output a term of degree ``≤ D`` only through
monomials that leave room for the other factors. This module keeps at each node only the
degrees that can reach the output, from a valuation argument.

Setting
-------
Call *cut nodes* the inputs and every non-neuron node (linear nodes and outputs). A cut node
ℓ other than an input is computed by its *block*: the neurons that reach ℓ through neurons only;
the *frontier* of ℓ is the set of cut nodes y_1..y_m that feed ℓ or its block. Write
c_i = y_i(0) for the value at x = 0 (pass 1 of :mod:`symflat.nets.expansion`) and
y_i = c_i + g_i(x), g_i without constant term. Every neuron of the block operates at the point
its pre-activation takes when every g_i = 0, so ℓ is a fixed power series P_ℓ in local
variables z_i = y_i - c_i:

    ℓ(x) = P_ℓ(g_1(x), ..., g_m(x))                                                  (1)

an identity of formal power series (each g_i has no constant term, so the composition is
well defined term by term). P_ℓ truncated at total z-degree K is the reference propagation
run on the block with the z_i as inputs, exact through z-degree K by the reference's own
argument (a power v^k of a series without constant term has valuation at least k). The c_i
reach the block's neurons only through their operating points (the coefficient tables), and
ℓ through its direct edges y_i → ℓ: the block is run with y_i = z_i and w_i c_i is added back
from the computed value of y_i, so the two methods build the same elements of the ring of
generators and print the same terms.

Valuations
----------
Let val(f) be the least total degree of a non-zero term of a series f without constant term
(∞ for 0). For any series, val(f g) ≥ val f + val g and val(f + g) ≥ min(val f, val g); no
more is used, so the bounds below hold in the ring of generators even where a coefficient
that is non-zero there maps to zero (an opaque log(2) next to log(4)).

Claim A (lower bounds, bottom-up). Put w(x_i) = 1 for an input, and for ℓ in topological
order let w_i = w(y_i) over its frontier, w_min = min_i w_i, and weigh the monomial z^e by
``|e|_w`` = Σ e_i w_i. Expand P_ℓ through z-degree K and let W be the least weight of a non-zero,
non-constant monomial found (∞ if none). Then

    val(g_ℓ) ≥ w(ℓ) := min(W, (K + 1) w_min).

Proof: by (1), g_ℓ = Σ_e p_e g^e over non-constant e, and val(p_e g^e) ≥ Σ e_i val(g_i)
≥ ``|e|_w`` by induction (w_i ≤ val g_i). A monomial of z-degree ≤ K is in the truncation, so its
weight is ≥ W or its coefficient is zero; one of z-degree > K weighs ≥ (K + 1) w_min. ∎
K starts at 1 and doubles until W < (K + 1) w_min (the bound is then the least weight) or
(K + 1) w_min > D (nothing below D is missed either way).

Claim B (budgets, top-down). Give every output the budget b = D and every other cut node the
largest demand of its consumers (none: the node is not needed; 0 from a direct edge, which
needs the constant). For ℓ with budget b and a
frontier node y_i, the demand is

    b - min { ``|e|_w`` - w_i : p_e ≠ 0, e_i ≥ 1, ``|e|_w`` ≤ b }.

If each y_i is known through its demand (all terms of g_i of degree ≤ demand) and P_ℓ through
the weight b (every monomial of weight ≤ b, so z-degree ≤ b / w_min suffices), then (1)
evaluated with every product truncated at degree b gives ℓ exactly through degree b.

Proof: a monomial of weight > b contributes only terms of valuation > b by Claim A's
inequality. For a kept monomial z^e, replacing a true g_i by its truncation changes g^e by
r_i · g^(e - 1_i) with val(r_i) > demand ≥ b - (``|e|_w`` - w_i) and val(g^(e - 1_i))
≥ ``|e|_w`` - w_i, hence only in degrees > b; truncating a partial product at b drops only terms
that later factors (without constant term) cannot bring back below b. ∎

Induction from the outputs down gives every output exactly through D: the same terms as the
reference propagation, with no budget ever found too small afterwards, because Claims A and B
only use lower bounds that are proven, never guessed. A node with budget below its w(ℓ)
contributes its constant alone.

Cost. In the deep product (:func:`symflat.paper.networks.deep_product`) a gate's block is its
four neurons, P(z_1, z_2) has only odd-odd monomials, so a gate at level L has w = 2^L; the top
gate's budget D = n leaves its inputs n/2 each, and so on down: each gate needs its leading
term u·v only, whatever n. With D = n + 2 the budgets grow by 2 and the first error terms
follow at the same cost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import flint
import networkx as nx

from symflat.nets.polyring import (
    Generators,
    MemoryGuard,
    Ring,
    expansion_progress,
    propagate,
    truncate,
    variable_part,
)

__all__ = ["compose"]

Monomial = tuple[int, ...]


@dataclass(frozen=True)
class _Block:
    """A cut node, the neurons that reach it through neurons only, and their frontier."""

    node: str
    neurons: tuple[str, ...]
    frontier: tuple[str, ...]


@dataclass
class _Local:
    """P_ℓ through z-degree ``cap``, grouped by z-exponent: {e: {parameter exponents: q}}."""

    cap: int
    terms: dict[Monomial, dict[Monomial, flint.fmpq]]


def compose(graph: nx.DiGraph, order: Sequence[str], inputs: Sequence[str],
            outputs: Sequence[str], data: Mapping[str, Mapping], gens: Generators, degree: int,
            guard: MemoryGuard, progress: bool = False) -> tuple[Ring, dict[str, flint.fmpq_mpoly]]:
    """Every output through ``degree``, by Claims A and B of the module docstring.

    Returns the ring over ``inputs`` and the outputs' polynomials in it; ``data`` is the
    decomposed network of :func:`~symflat.nets.polyring.propagate`. Called by
    :func:`symflat.nets.expansion.expand` (``method="composed"``).

    Examples
    --------
    >>> import sympy
    >>> from symflat.nets.expansion import expand
    >>> from symflat.paper.networks import deep_product
    >>> y = expand(deep_product(64), 64, method="composed")["y"]
    >>> y == sympy.Mul(*sympy.symbols("x1:65"))
    True
    """
    return _Composer(graph, order, inputs, data, gens, degree, guard).run(outputs, progress)


class _Composer:
    def __init__(self, graph: nx.DiGraph, order: Sequence[str], inputs: Sequence[str],
                 data: Mapping[str, Mapping], gens: Generators, degree: int,
                 guard: MemoryGuard) -> None:
        self.graph, self.data, self.gens = graph, data, gens
        self.degree, self.guard, self.inputs = degree, guard, list(inputs)
        position = {node: i for i, node in enumerate(order)}
        cuts = [v for v in order if graph.nodes[v]["kind"] != "neuron"]
        self.cuts = [v for v in cuts if graph.nodes[v]["kind"] != "input"]
        self.blocks = {v: _block(graph, v, position) for v in self.cuts}
        self.weight: dict[str, int] = dict.fromkeys(self.inputs, 1)
        self.local: dict[str, _Local] = {}

    def run(self, outputs: Sequence[str],
            progress: bool) -> tuple[Ring, dict[str, flint.fmpq_mpoly]]:
        with expansion_progress(progress, 3 * len(self.cuts), "expand") as bar:
            for node in self.cuts:
                self.weight[node] = self._lower_bound(self.blocks[node])
                bar.update()
            budgets = self._budgets(outputs, bar)
            ring = Ring(self.inputs, self.gens, self.degree, self.guard)
            values = self._compose(ring, budgets, bar)
        return ring, {out: values[out] for out in outputs}

    # -- Claim A ---------------------------------------------------------------------------
    def _lower_bound(self, block: _Block) -> int:
        """w(ℓ): a proven lower bound on the valuation, capped at degree + 1."""
        beyond = self.degree + 1
        if not block.frontier:
            return beyond
        w = [self.weight[f] for f in block.frontier]
        w_min, cap = min(w), 1
        if w_min > self.degree:
            return beyond
        while True:
            local = self._expand_local(block, cap)
            least = min((_weight(e, w) for e in local.terms if any(e)), default=beyond)
            if least < (cap + 1) * w_min or (cap + 1) * w_min > self.degree:
                return min(least, (cap + 1) * w_min, beyond)
            cap = min(2 * cap, self.degree // w_min)

    def _expand_local(self, block: _Block, cap: int) -> _Local:
        """P_ℓ through z-degree ``cap`` (the reference propagation on the block)."""
        known = self.local.get(block.node)
        if known is not None and known.cap >= cap:
            return known
        ring = Ring(list(block.frontier), self.gens, cap, self.guard)
        # y_i = z_i: the constants c_i reach the block's neurons through their operating
        # points (in the coefficient tables) and ℓ through its direct edges, added back in
        # _substitute from the ring, so both methods build the same ring elements.
        values: dict[str, Any] = dict(zip(block.frontier, ring.gens))
        propagate(ring, self.graph, block.neurons + (block.node,), values, self.data,
                   keep={block.node})
        m = ring.n
        terms: dict[Monomial, dict[Monomial, flint.fmpq]] = {}
        for mono, q in ring.materialize(values[block.node]).to_dict().items():
            terms.setdefault(tuple(mono[:m]), {})[tuple(mono[m:])] = q
        self.local[block.node] = local = _Local(cap, terms)
        return local

    # -- Claim B ---------------------------------------------------------------------------
    def _budgets(self, outputs: Sequence[str], bar: Any) -> dict[str, int]:
        """The degree each needed cut node is computed through (absent: not needed)."""
        demand: dict[str, int] = dict.fromkeys(outputs, self.degree)
        for node in reversed(self.cuts):
            bar.update()
            if node not in demand:
                continue
            block, b = self.blocks[node], demand[node]
            for f in block.frontier:  # a direct edge carries y_i's constant
                if self.graph.has_edge(f, node):
                    demand[f] = max(demand.get(f, 0), 0)
            if b < self.weight[node]:
                continue  # needed for its constant alone
            w = [self.weight[f] for f in block.frontier]
            local = self._expand_local(block, b // min(w))
            for e in local.terms:
                weight = _weight(e, w)
                if not any(e) or weight > b:
                    continue
                for f, ei, wi in zip(block.frontier, e, w):
                    if ei:
                        demand[f] = max(demand.get(f, -1), b - (weight - wi))
        return demand

    def _compose(self, ring: Ring, budgets: Mapping[str, int],
                 bar: Any) -> dict[str, flint.fmpq_mpoly]:
        """Each needed cut node through its budget, by (1) with truncated products."""
        series: dict[str, flint.fmpq_mpoly] = dict(zip(self.inputs, ring.gens))
        values: dict[str, flint.fmpq_mpoly] = {}
        for node in self.cuts:
            bar.update()
            if node not in budgets:
                continue
            values[node] = self._substitute(ring, node, budgets[node], values, series)
            series[node] = variable_part(values[node], ring.n)
        return values

    def _substitute(self, ring: Ring, node: str, b: int,
                    values: Mapping[str, flint.fmpq_mpoly],
                    series: Mapping[str, flint.fmpq_mpoly]) -> flint.fmpq_mpoly:
        """ℓ through degree b: P_ℓ(g) by (1), plus the constants its direct edges carry."""
        block = self.blocks[node]
        w = [self.weight[f] for f in block.frontier]
        powers: dict[tuple[str, int], flint.fmpq_mpoly] = {}
        weights = self.data["weights"]

        def power(f: str, k: int) -> flint.fmpq_mpoly:
            if (f, k) not in powers:
                powers[f, k] = (series[f] if k == 1 else
                                ring.mul(power(f, k - 1), series[f], f"node {node!r}", b))
            return powers[f, k]

        total = ring.zero()
        for f in block.frontier:
            if (f, node) in weights and f in values:
                total += ring.poly(weights[f, node]) * (values[f] - series[f])
        pad = (0,) * ring.n
        for e, coeff in self._expand_local(block, 0).terms.items():
            if _weight(e, w) > b:
                continue
            term = ring.ctx.from_dict({pad + p: q for p, q in coeff.items()})
            product = None
            for f, ei in zip(block.frontier, e):
                if ei:
                    product = (power(f, ei) if product is None else
                               ring.mul(product, power(f, ei), f"node {node!r}", b))
            if product is not None:  # the coefficient has no x: nothing to truncate
                ring.guard.check(ring, term, product, f"node {node!r}")
                term = term * product
            total += term
        # A lone factor g_i may carry terms above b (its budget serves another consumer):
        # not exact there, and of no use, so they go.
        return truncate(total, ring.n, b)


def _block(graph: nx.DiGraph, node: str, position: Mapping[str, int]) -> _Block:
    neurons: set[str] = set()
    frontier: set[str] = set()
    stack = [node]
    while stack:
        for parent in graph.predecessors(stack.pop()):
            if graph.nodes[parent]["kind"] != "neuron":
                frontier.add(parent)
            elif parent not in neurons:
                neurons.add(parent)
                stack.append(parent)
    return _Block(node, tuple(sorted(neurons, key=position.__getitem__)),
                  tuple(sorted(frontier, key=position.__getitem__)))


def _weight(e: Monomial, w: Sequence[int]) -> int:
    return sum(ei * wi for ei, wi in zip(e, w))
