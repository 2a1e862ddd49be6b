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


def _derivative_span(expr, variables):
    """Dimension of the span of every partial derivative of ``expr`` (all orders), by sympy."""
    seen, frontier = [sympy.expand(expr)], [sympy.expand(expr)]
    while frontier:
        frontier = [d for f in frontier for v in variables if (d := sympy.diff(f, v)) != 0]
        seen.extend(frontier)
    terms = sorted({m for f in seen for m in sympy.Poly(f, *variables).monoms()})
    rows = [[sympy.Poly(f, *variables).coeff_monomial(m) for m in terms] for f in seen]
    return sympy.Matrix(rows).rank()


def test_det3_apolarity_bound_is_the_derivative_span_and_one_less_with_an_output_bias():
    # issue 19's open case: the 3x3 determinant.  No bias, a form: the apolarity bound is the
    # dimension of the span of its derivatives, 1 + 9 + 9 + 1 (counted here independently of
    # the catalecticants).  An output bias frees the degree-0 condition: G = det3 + c z^3 and
    # the degree-3 class of T/(Ann(G) + (Z)) dies for c != 0, one less.
    # (lower_bound adds one to both by symflat.width.rigidity: tests/width/test_rigidity.py)
    from symflat.width._budget import Clock
    from symflat.width.lower import generic_bound
    from symflat.width.model import as_model
    from symflat.width.polynomials import as_polynomial

    x = sympy.symbols("x1:10")
    det3 = sympy.Matrix(3, 3, x).det()
    text = "x1*x5*x9 - x1*x6*x8 - x2*x4*x9 + x2*x6*x7 + x3*x4*x8 - x3*x5*x7"
    x1, x2, x3, x4, x5, x6, x7, x8, x9 = x
    assert sympy.expand(det3 - (x1*x5*x9 - x1*x6*x8 - x2*x4*x9 + x2*x6*x7 + x3*x4*x8
                                - x3*x5*x7)) == 0
    assert _derivative_span(det3, x) == 20
    data = as_polynomial(text)
    assert generic_bound(data, as_model("no-bias"), Clock.after(None)).value == 20
    assert generic_bound(data, as_model("output-bias"), Clock.after(None)).value == 19
