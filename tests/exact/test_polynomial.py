"""Tests of symflat.exact.polynomial: the one polynomial type (flint inside) and its readers.

Flint's arithmetic is cross-checked against sympy's ``expand`` on random polynomials, and every
conversion is checked by a round trip through another one (text through the restricted parser,
sympy expressions, sympy.Poly).
"""

from __future__ import annotations

import pickle
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Poly, Rational, Symbol

from symflat.errors import ExpressionError, SymflatError
from symflat.exact.polynomial import (
    TEXT_VIA_SYMPY,
    Polynomial,
    parse_polynomial,
    to_polynomial,
)

NAMES = ("x1", "x2", "x10")
x, y = sympy.symbols("x y")
x1, x2, x10 = (Symbol(name) for name in NAMES)

# -- random polynomials ----------------------------------------------------------------------

COEFFICIENTS = st.fractions(min_value=-20, max_value=20, max_denominator=12)
EXPONENTS = st.tuples(*(st.integers(0, 3) for _ in NAMES))
POLYNOMIALS = st.dictionaries(EXPONENTS, COEFFICIENTS, max_size=8).map(
    lambda terms: Polynomial(NAMES, terms))


def sympy_of(p: Polynomial) -> sympy.Expr:
    """The same polynomial built by sympy alone, term by term (not through to_expr)."""
    xs = [Symbol(v) for v in p.variables]
    return sympy.expand(sum((Rational(q.numerator, q.denominator)
                             * sympy.prod(v**k for v, k in zip(xs, e, strict=True))
                             for e, q in p.terms.items()), sympy.Integer(0)))


@settings(max_examples=150, deadline=None)
@given(POLYNOMIALS, POLYNOMIALS, st.integers(0, 3))
def test_flint_arithmetic_agrees_with_sympy_expand(p, q, n):
    P, Q = sympy_of(p), sympy_of(q)
    assert sympy.expand(sympy_of(p + q) - (P + Q)) == 0
    assert sympy.expand(sympy_of(p - q) - (P - Q)) == 0
    assert sympy.expand(sympy_of(p * q) - P * Q) == 0
    assert sympy.expand(sympy_of(p**n) - P**n) == 0
    assert sympy.expand(sympy_of(-p) + P) == 0
    assert sympy.expand(sympy_of(Fraction(3, 7) * p - 2) - (Rational(3, 7) * P - 2)) == 0
    assert (p * q == q * p) and (p + q) - q == p


@settings(max_examples=150, deadline=None)
@given(POLYNOMIALS, st.tuples(*(COEFFICIENTS for _ in NAMES)))
def test_evaluation_degree_and_parts_agree_with_sympy(p, point):
    P = sympy_of(p)
    at = P.subs(dict(zip((x1, x2, x10), (Rational(v.numerator, v.denominator) for v in point),
                         strict=True)))
    assert p(*point) == Fraction(int(at.p), int(at.q))
    assert p.degree == (Poly(P, x1, x2, x10).total_degree() if P != 0 else 0)
    assert sum((Polynomial(NAMES, part) for part in p.parts().values()),
               Polynomial(NAMES, {})) == p
    assert all(sum(e) == k for k, part in p.parts().items() for e in part)


@settings(max_examples=150, deadline=None)
@given(POLYNOMIALS)
def test_round_trips_through_sympy_and_the_parser(p):
    assert Polynomial.from_sympy(p.to_poly()) == p
    assert sympy.expand(p.to_expr() - sympy_of(p)) == 0
    assert Polynomial.from_sympy(p.to_expr()).to_expr() == p.to_expr()
    assert to_polynomial((p.variables, dict(p.terms))) == p
    assert hash(Polynomial(NAMES, dict(reversed(list(p.terms.items()))))) == hash(p)
    assert pickle.loads(pickle.dumps(p)) == p
    if p.degree > 0:  # the parser refuses constants
        back = parse_polynomial(p.to_text())
        assert back.to_expr() == p.to_expr()
        assert str(back) == p.to_text()


def test_text_of_many_terms_reads_back_without_sympy():
    p = parse_polynomial("(x1 + 2*x2 - x3/3 + x4 + 1)^7")
    assert len(p.terms) == 330 > TEXT_VIA_SYMPY
    text = p.to_text()
    assert parse_polynomial(text) == p
    # highest degree first, then the exponent tuples in increasing order
    assert text.startswith("x4**7 - 7*x3*x4**6/3 + ") and text.endswith(" + 7*x1 + 1")
    small = parse_polynomial("(x1 - x2/2)^3")
    assert small.to_text() == str(sympy.expand((x1 - x2 / 2) ** 3))


def test_the_parser_expands_like_sympy():
    p = parse_polynomial("(x1 + x2 + x3 + x4 + 1)^6 - 3/4*(x2 - x4)^5")
    xs = sympy.symbols("x1:5")
    want = sympy.expand((sum(xs) + 1) ** 6 - Rational(3, 4) * (xs[1] - xs[3]) ** 5)
    assert p.variables == ("x1", "x2", "x3", "x4")
    assert p.to_poly() == Poly(want, *xs, domain="QQ")


def test_variables_are_united_in_natural_order():
    p = parse_polynomial("x10 + y") * parse_polynomial("x2")
    assert p.variables == ("x2", "x10", "y")
    assert p.to_expr() == sympy.expand((x10 + y) * x2)
    # Equal means the same variables in the same order, as the width machinery reads them.
    xy, yx = Polynomial(("x", "y"), {(1, 0): 1}), Polynomial(("y", "x"), {(0, 1): 1})
    assert xy != yx and xy.to_expr() == yx.to_expr() == x
    assert xy + yx == Polynomial(("x", "y"), {(1, 0): 2})


def test_polynomial_is_immutable_and_its_terms_read_only():
    p = parse_polynomial("x^2 + 1")
    with pytest.raises(AttributeError):
        p.degree = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        p.terms[(3,)] = Fraction(1)  # type: ignore[index]
    assert p.degree == 2 and p == parse_polynomial("1 + x^2")
    assert {p, parse_polynomial("1 + x^2")} == {p}


@pytest.mark.parametrize(("variables", "terms", "fragment"), [
    (("x", "x"), {(1, 1): 1}, "repeat"),
    (("x",), {(1, 1): 1}, "do not match the number of variables"),
    (("x",), {(-1,): 1}, "negative exponent"),
    (("x",), {(1,): 0.5}, "coefficient 0.5 is not an exact rational"),
    (("x",), {(1,): sympy.sqrt(2)}, "coefficient sqrt(2) is not an exact rational"),
    (("x",), {(1,): "1/2"}, "coefficient 1/2 is not an exact rational"),
    (("x",), [((1,), 1)], "must be a mapping"),
])
def test_constructor_refuses_what_is_not_a_polynomial(variables, terms, fragment):
    with pytest.raises(ExpressionError, match=None) as info:
        Polynomial(variables, terms)
    assert fragment in str(info.value)


def test_to_polynomial_reads_every_form_and_raises_the_callers_error():
    class Mine(SymflatError):
        pass

    want = parse_polynomial("x*y/2 - 1")
    assert to_polynomial("x*y/2 - 1") is not want and to_polynomial(want) is want
    assert to_polynomial(Poly(x * y / 2 - 1, x, y)) == want
    assert to_polynomial((("x", "y"), {(1, 1): Fraction(1, 2), (0, 0): -1})) == want
    with pytest.raises(Mine, match="cannot read"):
        to_polynomial(x * y, error=Mine)
    with pytest.raises(Mine, match="must be exact rationals"):
        to_polynomial(Poly(sympy.pi * x, x), error=Mine)
    with pytest.raises(Mine, match="is not a variable"):
        to_polynomial(Poly(sympy.sin(x) + 1), error=Mine)
    with pytest.raises(ExpressionError, match="not a polynomial"):
        to_polynomial("1/x", error=Mine)  # the parser's own error for text


def test_from_sympy_reads_expressions_in_natural_order():
    p = Polynomial.from_sympy(x10 * x2 + x1**2 / 2)
    assert p == parse_polynomial("x10*x2 + x1^2/2")
    assert Polynomial.from_sympy(sympy.Integer(3)).terms == {(): Fraction(3)}
    with pytest.raises(ExpressionError, match="not a polynomial"):
        Polynomial.from_sympy(1 / x)


# -- the parser ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "gens", "expected"),
    [
        ("x1*x2", (x1, x2), x1 * x2),
        ("x10*x2 + x1", (x1, x2, x10), x10 * x2 + x1),
        ("(x + y)^2", (x, y), x**2 + 2 * x * y + y**2),
        ("x/3 - 1/2", (x,), x / 3 - Rational(1, 2)),
        ("(x - 1)*(x + 1)", (x,), x**2 - 1),
        ("2^10*x", (x,), 1024 * x),
        ("(x^2)^3", (x,), x**6),
        ("x^2/(2^2)", (x,), x**2 / 4),
    ],
)
def test_parse_polynomial(text: str, gens: tuple, expected: sympy.Expr) -> None:
    p = parse_polynomial(text)
    assert isinstance(p, Polynomial)
    assert p.variables == tuple(g.name for g in gens)
    assert p.to_poly().domain == sympy.QQ
    assert p.to_poly() == Poly(expected, *gens, domain="QQ")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("sin(x1)", "not a polynomial: it contains the function sin"),
        ("exp(x)*y", "not a polynomial"),
        ("relu(x)", "not a polynomial"),
        ("1/x1", "not a polynomial: it divides by x1"),
        ("x/(x + 1)", "not a polynomial: it divides by x + 1"),
        ("x^-2", "not a polynomial: it divides by x"),
        ("sqrt(x)", "not an integer power"),
        ("pi*x", "contains pi"),
        ("E*x", "contains E"),
        ("sqrt(2)*x", "coefficient sqrt(2) is not rational"),
        ("0.5*x", "0.5 is not exact: write 1/2"),
        ("3", "is a constant: a width question needs a non-constant polynomial"),
        ("0", "is a constant"),
        ("x - x", "is a constant"),
        ("pi", "is a constant"),
        ("(x + 1)^2 - x^2 - 2*x", "is a constant (1)"),
        ("x^1000*y", "total degree exceeds 1000"),
        ("(x + y + z + a + b + c)^200", "too large a polynomial"),
        ("+".join(f"x{i}" for i in range(101)), "101 variables"),
    ],
)
def test_parse_polynomial_errors(text: str, fragment: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_polynomial(text)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_terms_come_in_sympys_order():
    # The width search walks the terms; they keep the order sympy's Poly.terms() gave before.
    text = "x1^2*x2 - 3*x2^3 + x1*x10 + x10^4 + 7 - x2"
    p = parse_polynomial(text)
    want = Poly(x1**2 * x2 - 3 * x2**3 + x1 * x10 + x10**4 + 7 - x2, x1, x2, x10)
    assert list(p.terms) == [m for m, _ in want.terms()]
    assert list((p * p).terms) == [m for m, _ in (want * want).terms()]
