"""The interval evaluator: enclosures checked against exact rationals and high-precision mpmath."""

from __future__ import annotations

import random
from fractions import Fraction

import mpmath
import pytest
import sympy
from mpmath import iv

from symflat.exact.interval import (
    abs_bound,
    bounds,
    endpoints,
    hull,
    interval,
    log_sum,
    precision,
    rational,
    rigorous_sign,
)

X = sympy.Symbol("x")


def _random_rational_expr(rng: random.Random, depth: int = 3) -> tuple[sympy.Expr, Fraction]:
    """An unevaluated sympy expression of rationals and its value computed with Fractions."""
    if depth == 0:
        q = Fraction(rng.randint(-50, 50), rng.randint(1, 30))
        return sympy.Rational(q.numerator, q.denominator), q
    (a, qa), (b, qb) = (_random_rational_expr(rng, depth - 1) for _ in range(2))
    op = rng.choice("+*/^")
    if op == "+":
        return sympy.Add(a, b, evaluate=False), qa + qb
    if op == "*":
        return sympy.Mul(a, b, evaluate=False), qa * qb
    if op == "/" and qb != 0:
        return sympy.Mul(a, sympy.Pow(b, -1, evaluate=False), evaluate=False), qa / qb
    k = rng.randint(-3, 3)
    if qa != 0:
        return sympy.Pow(a, k, evaluate=False), qa**k
    return a, qa


def test_rational_arithmetic_is_enclosed_against_the_exact_value():
    rng = random.Random(11)
    for _ in range(300):
        expr, exact = _random_rational_expr(rng)
        lo, hi = bounds(expr, prec=64)
        assert lo <= sympy.Rational(exact.numerator, exact.denominator) <= hi, expr
        assert hi - lo <= abs(exact) * sympy.Rational(1, 2**50)


@pytest.mark.parametrize("function", [
    sympy.exp, sympy.log, sympy.sqrt, sympy.sin, sympy.cos, sympy.tan, sympy.tanh,
    sympy.sinh, sympy.cosh, sympy.atan, sympy.erf, sympy.Abs,
])
def test_functions_are_enclosed_against_high_precision_mpmath(function):
    rng = random.Random(str(function))
    mpmath.mp.dps = 120
    try:
        for _ in range(12):
            q = sympy.Rational(rng.randint(1, 400), rng.randint(1, 97)) * rng.choice((1, -1))
            if function in (sympy.log, sympy.sqrt):
                q = abs(q)
            expr = function(q) * sympy.pi + sympy.E
            reference = mpmath.mpf(str(sympy.N(expr, 110)))
            lo, hi = bounds(expr, prec=300)
            assert mpmath.mpf(lo.p) / lo.q <= reference <= mpmath.mpf(hi.p) / hi.q, expr
            assert hi - lo < sympy.Rational(1, 10**70) * max(1, abs(reference))
    finally:
        mpmath.mp.dps = 15


def test_symbols_take_intervals_or_exact_numbers():
    y = sympy.Symbol("y")
    box = interval(X**2 + y, {X: hull(rational(1), rational(2)), y: sympy.Rational(1, 3)})
    lo, hi = endpoints(box)
    assert lo <= sympy.Rational(4, 3) and sympy.Rational(13, 3) <= hi
    with pytest.raises(ValueError, match="no interval for symbol y"):
        interval(X + y, {X: 1})
    with pytest.raises(ValueError, match="cannot evaluate"):
        interval(sympy.gamma(sympy.Rational(1, 3)))


def test_rational_powers_and_abs():
    lo, hi = bounds(sympy.Pow(2, sympy.Rational(3, 2)) * sympy.Pow(3, sympy.Rational(-1, 2)))
    assert lo <= sympy.sqrt(sympy.Rational(8, 3)) <= hi
    straddling = interval(sympy.Abs(X), {X: hull(rational(-2), rational(1))})
    assert endpoints(straddling) == (0, 2)


def test_rigorous_sign_raises_the_precision_until_decided():
    # exp(pi sqrt(163)) is within 1e-12 of an integer; with this offset the difference is
    # about 7.3e-22 out of 2.6e17, beyond 113 bits.
    near = (sympy.exp(sympy.pi * sympy.sqrt(163)) - 262537412640768744
            + sympy.Rational(749927403532, 10**24))
    assert rigorous_sign(near, max_prec=113) is None
    assert rigorous_sign(near) == 1
    assert rigorous_sign(sympy.log(8) - 3 * sympy.log(2)) == 0
    assert rigorous_sign(sympy.Rational(-1, 7)) == -1


def test_precision_is_restored_and_applies_inside_the_block():
    before = iv.prec
    with precision(300):
        assert iv.prec == 300
        third = rational(Fraction(1, 3))
    assert iv.prec == before
    assert float(third.delta) < 2.0**-290
    interval(sympy.pi, prec=500)
    assert iv.prec == before


def test_abs_bound_against_the_exact_maximum():
    # |x^3 - 2x| on [-1, 2]: the maximum is 4, at x = 2
    m = abs_bound(X**3 - 2 * X, X, rational(-1), rational(2), 128)
    lo, hi = endpoints(m)
    assert lo == 0 and 4 <= hi < sympy.Rational(41, 10)
    coarse = abs_bound(X**3 - 2 * X, X, rational(-1), rational(2), 4)
    assert endpoints(coarse)[1] >= hi  # fewer pieces: a looser (still valid) bound


def test_log_sum_against_exact_logarithms():
    terms = [(Fraction(1, 3), Fraction(5, 2)), (Fraction(-2, 7), Fraction(1, 9)),
             (Fraction(4), Fraction(1))]
    exact = sum(sympy.Rational(w.numerator, w.denominator)
                * sympy.log(sympy.Rational(r.numerator, r.denominator)) for w, r in terms)
    lo, hi = endpoints(log_sum(terms, prec=200))
    value = sympy.N(exact, 80)
    assert lo <= value <= hi and hi - lo < sympy.Rational(1, 10**55)


def test_log_sum_encloses_the_exact_sum_tightly():
    """log_sum (arb balls) against the exact sum evaluated with 100 digits."""
    from symflat.exact.interval import endpoints, log_sum

    rng = random.Random(1)
    for _ in range(60):
        terms = [(Fraction(rng.randint(1, 50), rng.randint(1, 50)),
                  Fraction(rng.randint(1, 99), rng.randint(1, 99)))
                 for _ in range(rng.randint(1, 12))]
        lo, hi = endpoints(log_sum(terms, 113))
        value = sympy.N(sum(sympy.Rational(w.numerator, w.denominator)
                            * sympy.log(sympy.Rational(r.numerator, r.denominator))
                            for w, r in terms), 100)
        assert lo <= value <= hi and hi - lo < sympy.Rational(1, 10**28)
