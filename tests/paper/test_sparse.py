"""The sparse product of Eq. 27: the symbolic proof, enumeration, Monte Carlo, exact tables."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from symflat.errors import NetworkError
from symflat.paper.sparse import (
    P,
    enumerated_expected_nonzeros,
    enumerated_zero_probability,
    expected_nonzeros,
    expected_nonzeros_proof,
    monte_carlo_nonzeros,
    sparse_bound_table,
)


def test_expected_count_proof_steps_all_hold():
    proof = expected_nonzeros_proof()
    assert proof.holds and len(proof.steps) >= 7
    n, p = sympy.Symbol("n", positive=True, integer=True), P
    assert sympy.simplify(proof.expected - (1 - (1 - p**2) ** n) * n**2) == 0


@pytest.mark.parametrize("n", [1, 2, 3])
def test_expected_count_equals_exhaustive_enumeration(n):
    enumerated = enumerated_expected_nonzeros(n)
    assert sympy.expand(enumerated - expected_nonzeros(n)) == 0
    # ... and the enumeration is sharp enough to reject a plausible wrong formula
    wrong = (1 - (1 - P) ** (2 * n)) * n**2
    assert sympy.expand(enumerated - wrong) != 0


def test_enumeration_is_limited():
    with pytest.raises(NetworkError):
        enumerated_expected_nonzeros(4)


def test_monte_carlo_is_seeded_numerical_and_covers_the_exact_value():
    first = monte_carlo_nonzeros(8, "1/4", trials=3000, seed=7)
    again = monte_carlo_nonzeros(8, Fraction(1, 4), trials=3000, seed=7)
    assert first == again and first.numerical
    assert first.covers_exact
    assert first.exact == pytest.approx(float(expected_nonzeros(8, sympy.Rational(1, 4))))


def test_bound_is_exact_and_saturates():
    rows = sparse_bound_table(range(1, 60), ["1/10", "1/3", "1"])
    assert all(cost <= bound for _, _, cost, bound in rows)
    # at p = 1 the bound is attained; for n >> 1/p^2 the gap (1-p^2)^n/(2p) is tiny
    assert all(cost == bound for _, p, cost, bound in rows if p == 1)
    n, p, cost, bound = next(r for r in rows if r[0] == 59 and r[1] == Fraction(1, 3))
    assert bound - cost == (1 - p * p) ** n / (2 * p) and bound - cost < Fraction(1, 10**2)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_zero_probability_enumeration_is_the_closed_form(n):
    assert sympy.expand(enumerated_zero_probability(n) - (1 - P**2) ** n) == 0
    # the enumeration must tell apart the wrong independence assumption (1 - p)^(2n)
    assert sympy.expand(enumerated_zero_probability(n) - (1 - P) ** (2 * n)) != 0
