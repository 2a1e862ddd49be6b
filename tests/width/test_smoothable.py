"""The tangent-space test of ``symflat.width.smoothable`` against the literature and against
exact ranks over Q."""

from __future__ import annotations

import random
from fractions import Fraction

import flint
import pytest

from symflat.exact.polynomial import Polynomial
from symflat.width import lower_bound
from symflat.width.polynomials import as_polynomial, monomials
from symflat.width.smoothable import PRIME, _kernel_basis, _product, tangent_bound


def random_form(n: int, d: int, seed: int) -> Polynomial:
    rng = random.Random(seed)
    return Polynomial(tuple(f"x{i + 1}" for i in range(n)),
                      {e: Fraction(rng.choice([-1, 1]) * rng.randint(1, 9)) for e in
                       monomials(n, d)})


@pytest.mark.parametrize("seed", range(3))
def test_general_cubic_in_six_variables_is_iarrobino_emsalem(seed):
    """H = (1, 6, 6, 1), dim T = 76 < 6 * 14 (Iarrobino and Emsalem 1978): width >= 15."""
    tb = tangent_bound(random_form(6, 3, seed))
    assert tb.hilbert == (1, 6, 6, 1)
    assert tb.tangent_at_most == 76 and tb.non_smoothable
    bound = lower_bound(random_form(6, 3, seed))
    assert (bound.value, bound.method) == (15, "apolarity + tangent space")
    assert "76" in bound.notes[-1]


@pytest.mark.parametrize(("text", "generators"), [("x1*x2*x3", 3), ("x1^2*x2", 2),
                                                  ("x1*x2*x3*x4", 4), ("x1^3 + x2^3", 2)])
def test_complete_intersections_have_tangent_space_k_times_length(text, generators):
    """``I = (f_1..f_k)`` a complete intersection: ``I/I^2`` is free of rank ``k`` over ``A``;
    an upper bound that is also this value is exact (and such A are smoothable)."""
    tb = tangent_bound(as_polynomial(text))
    assert tb.tangent_at_most == generators * tb.length
    assert not tb.non_smoothable


@pytest.mark.parametrize(("n", "d"), [(2, 3), (2, 5), (3, 3), (3, 4), (4, 3), (5, 3)])
def test_no_false_alarm_where_every_algebra_is_smoothable(n, d):
    """Codimension <= 3 Gorenstein algebras and those of length <= 13 are smoothable
    (Buchsbaum-Eisenbud, Kleppe; Casnati-Jelisiejew-Notari): the test must never bite."""
    tb = tangent_bound(random_form(n, d, 7))
    assert tb.tangent_at_most >= tb.length * tb.nvars
    assert lower_bound(random_form(n, d, 7)).method == "apolarity"


def test_modular_ranks_equal_the_ranks_over_q_here():
    """The mod-p rank of the degree-4 products of a general cubic in 6 variables, against the
    exact integer rank (the mod-p rank may only be smaller; here it is equal)."""
    data = random_form(6, 3, 0)
    quadrics = _kernel_basis(data, 2)
    assert len(quadrics) == 21 - 6
    columns = {e: k for k, e in enumerate(monomials(6, 4))}
    rows = [_product(f, g, 10**60) for i, f in enumerate(quadrics) for g in quadrics[i:]]
    exact = flint.fmpz_mat(len(rows), len(columns),
                           [row.get(e, 0) for row in rows for e in columns]).rank()
    modular = flint.nmod_mat(len(rows), len(columns),
                             [row.get(e, 0) % PRIME for row in rows for e in columns],
                             PRIME).rank()
    assert exact == modular == 120


def test_output_bias_gets_the_no_bias_bound_less_one():
    """min_c b(G_c) is 13 for a general cubic in 6 variables; a neuron at the origin turns an
    output-bias network into a no-bias one, so 15 - 1 = 14 holds with an output bias."""
    data = random_form(6, 3, 0)
    bound = lower_bound(data, "output-bias")
    assert (bound.value, bound.method) == (14, "apolarity + tangent space")
    assert bound.hypothesis.endswith("for k in {1, 2, 3}")
    # where the algebra is smoothable nothing changes
    assert lower_bound(random_form(5, 3, 0), "output-bias").method == "apolarity"


def test_not_homogeneous_is_left_alone():
    assert tangent_bound(as_polynomial("x1^3 + x2")) is None
