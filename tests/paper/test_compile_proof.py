"""The induction behind the Corollary's count (symflat.paper.compile_proof), against the
networks the compiler builds."""

import pytest

from symflat.paper.compile import compile as compile_polynomial
from symflat.paper.compile_proof import corollary_proof, count_steps, step_costs
from symflat.paper.compile_real import random_polynomial
from symflat.paper.networks import multiplication_gate, squaring_gate


def test_costs_are_the_gates_of_the_gallery():
    """Read from the compiler's one-step programs; the gallery builds the same gates."""
    costs = step_costs()
    assert costs == {"empty": 0, "product": multiplication_gate().neuron_count,
                     "square": squaring_gate().neuron_count}


def test_proof_holds_and_names_its_reading():
    proof, _ = corollary_proof()
    assert proof.holds and len(proof.steps) == 12
    assert any("not the least number of multiplications" in h for h in proof.hypotheses)


@pytest.mark.parametrize("poly", ["x^7 + x*y", "x1^8 + x1", "(x1 + x2)^2 + 3",
                                  "x1*x2*x3*x4*x5 + x1*x2*x3", "x^2*y^3*z + y^6"])
def test_closed_form_against_the_built_graph(poly):
    """N from the graph (a count of neurons, not of steps) = 4 P + 2 S <= 4 M."""
    compiled = compile_polynomial(poly)
    steps = count_steps(poly)
    assert compiled.neurons == 4 * steps["product"] + 2 * steps["square"]
    assert compiled.multiplications == sum(steps.values())
    assert compiled.neurons <= 4 * compiled.multiplications


def test_pure_squarings_reach_the_lower_factor():
    """x^(2^k): k squarings, N/M = 2; a product of distinct variables: N/M = 4 exactly."""
    assert compile_polynomial("x^16").neurons == 2 * 4
    assert compile_polynomial("x1*x2*x3").neurons == 4 * 2


def test_seeded_polynomials_follow_the_bound():
    for seed in range(3):
        poly = random_polynomial(seed, variables=3, degree=5, terms=5)
        steps = count_steps(poly)
        assert compile_polynomial(poly).neurons == 4 * steps["product"] + 2 * steps["square"]


def test_gate_orders_fail_for_a_wrong_gate(monkeypatch):
    """A gate with one read-out weight doubled is caught at orders 0 and 2 (the proof reads
    the weights from the builder, it does not assume them)."""
    import symflat.paper.compile_real as compile_real
    from symflat.paper import compile_proof
    from symflat.paper.networks import add_square_gate

    def doubled(net, u, out, kind, lam, shift, tag):
        add_square_gate(net, u, out, kind, lam, shift, tag)
        net.graph.edges[f"{tag}hp", out]["weight"] *= 2

    monkeypatch.setattr(compile_real, "add_square_gate", doubled)
    steps = compile_proof.gate_orders("square")
    assert [s.holds for s in steps] == [False, False, True]
