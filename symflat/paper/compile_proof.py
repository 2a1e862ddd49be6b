"""The Corollary's "about 4 neurons per multiplication" for every polynomial, proved from the
compiler's construction (:mod:`symflat.paper.compile_real`).

:meth:`Program.to_network <symflat.paper.compile_real.Program.to_network>` runs a
straight-line program ``s_1, ..., s_M`` (each step one multiplication: a product of two nodes
or a square of one) and then writes the output. The proof is an induction over the steps:

1. **base**: the network of the empty program (a linear polynomial) has ``N_0`` neurons;
2. **step**: appending a step of kind ``op`` adds exactly ``c_op`` neurons, whatever the
   program before it (the gate only adds nodes of its own, the nodes it reads are left as
   they were, and the read-out and the absorption of a node into the output remove no neuron);
3. **closed form**: ``N = N_0 + c_product P + c_square S`` solves that recurrence (P products,
   S squarings, ``M = P + S``);
4. **bound**: ``max(c) M - N = sum_op (max(c) - c_op) k_op >= 0`` for every ``P, S >= 0``.

The constants ``N_0`` and ``c_op`` are not written here: they are read from the networks that
``to_network`` builds for the empty program and for one-step programs, and the locality of
step 2 from a gate built into a network that already holds another one. The proof then says
exactly what the factor is: ``N/M = c_product - (c_product - c_square) S/M``.

Examples
--------
>>> proof, costs = corollary_proof()
>>> proof.holds, costs
(True, {'empty': 0, 'product': 4, 'square': 2})
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy

from symflat.paper.compile_real import Program, Step, program
from symflat.paper.proof import Proof, ProofStep, is_zero

__all__ = ["count_steps", "corollary_proof", "gate_orders", "step_costs"]

_OPS = ("product", "square")


def _one_step(op: str) -> Program:
    """The program of one step of kind ``op`` on fresh inputs, read by the output."""
    if op == "product":
        step = Step("p:u.v", "product", ("u", "v"), (1, 1))
    else:
        step = Step("p:u:2", "square", ("u",), (2, 0))
    return Program(("u", "v"), (step,), {step.name: Fraction(1)}, Fraction(0))


def _two_steps(op: str) -> tuple[Program, Program]:
    """A program of one product, and the same program with one ``op`` step appended that
    reads the first step's node (so the new gate lands in a non-empty network)."""
    first = Step("p:u.v", "product", ("u", "v"), (1, 1))
    second = (Step("p:u:2.v:2", "square", (first.name,), (2, 2)) if op == "square"
              else Step("p:u:2.v", "product", ("u", first.name), (2, 1)))
    before = Program(("u", "v"), (first,), {first.name: Fraction(1)}, Fraction(0))
    after = Program(("u", "v"), (first, second), {second.name: Fraction(1)}, Fraction(0))
    return before, after


def step_costs() -> dict[str, int]:
    """The neurons ``to_network`` builds for the empty program and for one step of each kind.

    Read from the builder's own networks (nothing hard-coded): ``empty`` is the neuron count
    of the empty program's network, ``product`` and ``square`` the neuron counts of one-step
    programs minus it.

    Examples
    --------
    >>> step_costs()
    {'empty': 0, 'product': 4, 'square': 2}
    """
    empty = Program(("u", "v"), (), {"u": Fraction(1)}, Fraction(0)).to_network().neuron_count
    return {"empty": empty,
            **{op: _one_step(op).to_network().neuron_count - empty for op in _OPS}}


def _locality(op: str, cost: int) -> tuple[bool, str]:
    """Whether appending a step of kind ``op`` to a non-empty program adds exactly ``cost``
    neurons, all of them the new gate's own, and leaves the earlier neurons (with their
    biases, activations and input weights) as they were."""
    programs = _two_steps(op)
    before, after = (p.to_network() for p in programs)
    old, new = set(before.neurons), set(after.neurons)
    added = new - old
    tag = programs[1].steps[1].name
    same = all(before.graph.nodes[h] == after.graph.nodes[h]
               and sorted(map(str, before.graph.in_edges(h, data="weight")))
               == sorted(map(str, after.graph.in_edges(h, data="weight"))) for h in old & new)
    holds = (old <= new and len(added) == cost
             and all(h.rsplit(":", 1)[0] == tag for h in added)
             and same)
    return holds, (f"{len(old)} neurons before, {len(new)} after; the {len(added)} added are "
                   f"the new gate's ({tag}:h*); earlier neurons unchanged: {same}")


def gate_orders(op: str) -> list[ProofStep]:
    """Each gate's output, order by order in the generic σ(t) = Σ_k σ_k t^k, for symbolic k:
    orders 0 and 1 cancel (with the read-out bias), order 2 is the product (the square), and
    order k carries λ^(k - 2), so the gate is its product + O(λ) at every order.

    The weights are read from a gate that ``to_network`` builds (a one-step program), and the
    neurons' shift is 0 there. With the induction hypothesis "every node is its monomial +
    λ (a power series)", the gate's output is again its monomial + λ (a power series): the
    step of the correctness induction.

    Examples
    --------
    >>> [step.holds for step in gate_orders("product")]
    [True, True, True]
    """
    from symflat.exact.symbols import LAMBDA, sigma_symbol

    net = _one_step(op).to_network()
    graph, out = net.graph, net.outputs[0]
    u, v = sympy.symbols("u v")
    inputs = {"u": u, "v": v}
    k = sympy.Symbol("k", integer=True, positive=True)
    target = u * v if op == "product" else u**2
    shifts = {graph.nodes[h]["bias"] for h in net.neurons}

    def order(j: Any) -> sympy.Expr:
        total = sympy.Integer(0)
        for h in net.neurons:
            pre = sum(w * inputs[a] for a, _, w in graph.in_edges(h, data="weight"))
            total += graph.edges[h, out]["weight"] * sigma_symbol(j) * pre**j
        return total

    constant = order(0) + graph.nodes[out]["bias"]
    low = [sympy.expand(order(1)), sympy.expand(order(2))]
    # order k: each neuron's pre-activation is λ (±u ± v); pull λ^k out of the k-th power
    general = sympy.Integer(0)
    for h in net.neurons:
        pre = sum(w * inputs[a] for a, _, w in graph.in_edges(h, data="weight"))
        inner = sympy.cancel(pre / LAMBDA)
        general += graph.edges[h, out]["weight"] * LAMBDA**k * inner**k
    reduced = sympy.powsimp(sympy.expand(general * LAMBDA ** (2 - k)), force=True)
    return [
        ProofStep(f"{op} gate, orders 0 and 1: σ_0 and σ_1 terms cancel",
                  sympy.expand(constant) + low[0], 0,
                  shifts == {0} and is_zero(constant) and is_zero(low[0]),
                  "read from the gate's weights and read-out bias (shift 0)"),
        ProofStep(f"{op} gate, order 2 (the σ_2 terms) is the {op}", low[1], target,
                  is_zero(low[1] - target), "expand"),
        ProofStep(f"{op} gate, order k (the σ_k terms, over σ_k): λ^(2-k) times it is free "
                  "of λ, so every order k >= 3 is O(λ)", reduced, "free of lambda",
                  not reduced.has(LAMBDA),
                  "powsimp with symbolic k"),
    ]


def corollary_proof() -> tuple[Proof, dict[str, int]]:
    """The induction over the program's steps: ``N = N_0 + c_p P + c_s S <= max(c) M``.

    Returns the proof and the costs it read (:func:`step_costs`).

    Examples
    --------
    >>> proof, costs = corollary_proof()
    >>> [step.holds for step in proof.steps]
    [True, True, True, True, True, True, True, True, True, True, True, True]
    """
    costs = step_costs()
    count = {op: sympy.Symbol(op[0].upper(), integer=True, nonnegative=True) for op in _OPS}
    n0, cp, cs = (sympy.Integer(costs[k]) for k in ("empty", *_OPS))
    steps = [ProofStep("base: the empty program's network has N_0 neurons (linear terms and "
                       "the constant by skip connections)", sympy.Symbol("N_0"), n0, True,
                       "read from Program((), ...).to_network()")]
    for op in _OPS:
        holds, how = _locality(op, costs[op])
        steps.append(ProofStep(f"step: appending a {op} adds c_{op} neurons, whatever came "
                               "before", sympy.Symbol(f"c_{op}"), sympy.Integer(costs[op]),
                               holds, "read from a one-step program; " + how))
    # the recurrence N(k) = N(k-1) + c_(op_k), summed over the steps: a telescoping sum
    k, m = sympy.symbols("k M", integer=True, positive=True)
    n_of = sympy.Function("N")
    c_of = sympy.Function("c")
    telescoped = sympy.Sum(n_of(k) - n_of(k - 1), (k, 1, m))
    probe = sympy.Sum(n_of(k) - n_of(k - 1), (k, 1, 5)).doit()
    closed = n0 + cp * count["product"] + cs * count["square"]
    steps.append(ProofStep("closed form: N = N_0 + Σ_k c(op_k) = N_0 + c_product P + c_square S",
                           telescoped, n_of(m) - n_of(0),
                           is_zero(probe - (n_of(5) - n_of(0)))
                           and is_zero(sympy.Sum(c_of(k), (k, 1, m)).subs(m, 0).doit()),
                           "a telescoping sum; grouping the c(op_k) by kind gives "
                           f"N = {closed}"))
    factor = max(cp, cs)
    mults = count["product"] + count["square"]
    slack = sympy.expand(factor * mults + n0 - closed)
    coefficients = sympy.Poly(slack, *count.values()).coeffs() if slack != 0 else []
    steps.append(ProofStep(f"bound: {factor} M + N_0 - N >= 0 for every P, S >= 0",
                           slack, ">= 0",
                           all(c >= 0 for c in coefficients),
                           "a combination of P, S >= 0 with non-negative integer coefficients"))
    ratio = closed / mults - n0 / mults
    steps.append(ProofStep("the factor: (N - N_0)/M = c_product - (c_product - c_square) S/M",
                           sympy.simplify(ratio), cp - (cp - cs) * count["square"] / mults,
                           is_zero(ratio - cp + (cp - cs) * count["square"] / mults),
                           "cancel; it equals max(c) exactly when every step is of the "
                           "costliest kind"))
    steps += gate_orders("product") + gate_orders("square")
    hypotheses = ("the networks of Program.to_network (symflat compile, real inputs): Eq. 11 "
                  "gates on the compiler's straight-line program, skip connections for the "
                  "linear terms and the constant",
                  "M = the number of steps of that program (products + squarings), not the "
                  "least number of multiplications of any circuit for the polynomial")
    return Proof("N <= max(c) M + N_0 for the compiled network of every polynomial",
                 tuple(steps), hypotheses), costs


def count_steps(poly: Any) -> dict[str, int]:
    """The steps of ``poly``'s straight-line program by kind (the P and S of the proof).

    Examples
    --------
    >>> count_steps("x^7 + x*y")
    {'product': 3, 'square': 2}
    """
    steps = program(poly).steps
    return {op: sum(1 for s in steps if s.op == op) for op in _OPS}
