"""The catalecticant matrices of ``symflat.width.lower``, against their definition."""

from __future__ import annotations

import random
from fractions import Fraction
from math import factorial, prod

import pytest
import sympy

from symflat.width.lower import Catalecticant, _divisors, matrix_rank
from symflat.width.polynomials import monomials


def _by_definition(g, nvars1, degree, t):
    """``Cat_t(G)`` entry by entry: row ``alpha``, column ``gamma``, ``(alpha+gamma)! g``."""
    rows = []
    for alpha in monomials(nvars1, t):
        row = []
        for gamma in monomials(nvars1, degree - t):
            beta = tuple(a + c for a, c in zip(alpha, gamma, strict=True))
            c = g.get(beta, Fraction(0))
            row.append(sympy.Rational(c * prod(factorial(b) for b in beta)))
        rows.append(row)
    return sympy.Matrix(rows) if rows else sympy.zeros(0, len(monomials(nvars1, degree - t)))


@pytest.mark.parametrize("seed", range(6))
def test_catalecticant_matches_its_definition(seed):
    rng = random.Random(seed)
    nvars1, degree = rng.choice([(2, 4), (3, 3), (4, 3), (3, 5)])
    every = monomials(nvars1, degree)
    g = {e: Fraction(rng.randint(-5, 5), rng.randint(1, 4)) for e in rng.sample(every, 5)}
    g = {e: c for e, c in g.items() if c}
    for t in range(degree + 1):
        cat = Catalecticant(g, nvars1, degree, t)
        ours = cat.matrix()
        expected = _by_definition(g, nvars1, degree, t)
        assert [[sympy.Rational(int(v.p), int(v.q)) for v in row] for row in ours.tolist()] == (
            expected.tolist())
        assert matrix_rank(ours) == expected.rank()
        # the Z-rows are the first rows: the monomials divisible by z come first
        assert matrix_rank(cat.matrix(z_rows_only=True)) == expected[: cat.nz, :].rank()


def test_divisors_are_every_bounded_exponent_of_the_degree():
    beta = (3, 0, 1, 2)
    brute = [a for a in monomials(4, 3) if all(x <= y for x, y in zip(a, beta, strict=True))]
    assert sorted(_divisors(beta, 3)) == sorted(brute)
    assert _divisors(beta, 7) == []
    assert _divisors(beta, 6) == [beta]
