"""The symbolic proofs of Theorem 2, Corollary 2 and Eq. 21 (symflat/paper/markov_proofs.py):
they hold, they mean what they say on a concrete chain, and they fail where the statement does."""

from __future__ import annotations

from fractions import Fraction

import sympy

from symflat.paper import markov_proofs as mp
from symflat.paper.markov import MarkovChain
from symflat.paper.proof import is_zero


def test_every_proof_holds_with_symbolic_sizes():
    for proof in (mp.theorem2_proof(), mp.corollary2_proof(), mp.data_processing_proof()):
        assert proof.holds, proof.failed()
        assert proof.hypotheses
    sizes = {mp.A, mp.B}
    eq18 = mp.theorem2_proof().steps[2]
    assert sizes <= eq18.lhs.free_symbols  # sizes stay symbols: every alphabet at once


def _chain() -> MarkovChain:
    half, quarter, third = Fraction(1, 2), Fraction(1, 4), Fraction(1, 3)
    return MarkovChain([third, 2 * third],
                       [[[half, quarter], [quarter, quarter], [quarter, half]],
                        [[third, half, Fraction(1, 5)], [2 * third, half, Fraction(4, 5)]]])


def test_eq18_specialised_to_a_chain_is_its_exact_posterior():
    """The symbolic sides of Eq. 18, with the chain's numbers put in, equal P(y_0 | y_n) as
    MarkovChain computes it (a second method): the symbols mean what the proof says."""
    chain = _chain()
    prior, (first, second) = chain.prior, chain.matrices
    values = {mp.A: 2, mp.B: 3}
    numbers = {mp.p[a + 1]: prior[a] for a in range(2)}
    numbers |= {mp.M[b + 1, a + 1]: first[b][a] for b in range(3) for a in range(2)}
    numbers |= {mp.Q[c + 1, b + 1]: second[c][b] for c in range(2) for b in range(3)}
    step = mp.theorem2_proof().steps[2]
    posterior = chain.posterior(0)
    for c in (1, 2):
        for a in (1, 2):
            at = {mp.a: a, mp.c: c}
            for side in (step.lhs, step.rhs):
                value = side.subs(values).doit().subs(at).subs(
                    {k: sympy.Rational(v.numerator, v.denominator) for k, v in numbers.items()})
                assert sympy.nsimplify(value) == sympy.Rational(
                    posterior[c - 1][a - 1].numerator, posterior[c - 1][a - 1].denominator)


def test_eq17_fails_without_the_markov_property():
    """If y_(i+k) depended on y_i beyond y_(i+1) (a joint that is not a product), the same
    check refuses Eq. 17: the proof's identity is not vacuous."""
    a, a1, b, c = mp.a, mp.a1, mp.b, mp.c
    R = sympy.IndexedBase("R", positive=True)  # P(y_(i+k) = c | y_(i+1) = b, y_i = a)
    joint = mp.p[a] * mp.M[b, a] * R[c, b, a]
    lhs = joint / sympy.Sum(joint.subs(a, a1), (a1, 1, mp.A))
    backward = mp.p[a] * mp.M[b, a] / sympy.Sum(mp.p[a1] * mp.M[b, a1], (a1, 1, mp.A))
    assert not is_zero(lhs - backward)


def test_data_processing_steps_detect_a_wrong_identity():
    proof = mp.data_processing_proof()
    pxy, pz, pxz, py = sympy.symbols("p_xy p_z p_xz p_y", positive=True)
    ratio = proof.steps[1].rhs
    assert is_zero(ratio - pxy * pz / (pxz * py))
    assert not is_zero(ratio - pxy / (pxz * py))  # forgetting p(z) is caught
