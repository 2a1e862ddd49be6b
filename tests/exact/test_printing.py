"""symflat.exact.printing: text that reads back (to_text) and formulas found in prose
(prose_math), checked by parsing back what was found."""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from symflat.exact.expressions import parse_expression
from symflat.exact.printing import prose_math, to_text


def test_formulas_in_prose_are_the_parsed_expressions():
    text = "the error is 2*lambda**2*sigma4*x1*x2*(x1**2 + x2**2)/sigma2 + ..., ∝ λ^2"
    kinds = [kind for kind, _ in prose_math(text)]
    assert kinds == ["text", "math", "text"]
    latex = prose_math(text)[1][1]
    expected = parse_expression("2*lambda**2*sigma4*x1*x2*(x1**2 + x2**2)/sigma2")
    assert latex == sympy.latex(expected)


def test_words_side_by_side_are_prose_not_products():
    assert prose_math("the error is small") == [("text", "the error is small")]
    assert prose_math("sum to (q1 + q2)*exp(-mu_x) under N(x)")[1][0] == "math"


def test_a_name_glued_to_prose_stays_prose():
    segments = prose_math("x1⋯xn + c*(n + 1) x1⋯xn")
    assert segments[0] == ("text", "x1⋯xn + ")
    assert segments[1] == ("math", sympy.latex(parse_expression("c*(n + 1)")))


def test_unreadable_formulas_lose_their_python_operators():
    segments = prose_math("factorial(d + n)/(factorial(d)*factorial(n)) and n**2")
    assert segments == [("text", "factorial(d + n)/(factorial(d)·factorial(n)) and "),
                        ("math", "n^{2}")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="xyn12*+-/() ^σ⋯,.=:abc", max_size=60))
def test_prose_math_keeps_every_character_of_the_prose(text):
    segments = prose_math(text)
    # Text is kept (up to the operator glyphs); formulas come from what the parser read.
    prose = "".join(content for kind, content in segments if kind == "text")
    assert "**" not in prose and "*" not in prose
    assert all(kind in ("text", "math") for kind, _ in segments)


def test_to_text_reads_back():
    for text in ["sqrt(-1)*x", "step(x - 1)", "exp(log(2)/3)", "max(1, x, y)", "-3*x**2/4"]:
        assert parse_expression(to_text(parse_expression(text))) == parse_expression(text)


# -- what a person reads: terminal text and LaTeX ---------------------------------------------

def test_polynomial_text_is_the_input_grammar_in_natural_order():
    from symflat.exact.polynomial import parse_polynomial
    from symflat.exact.printing import polynomial_text

    poly = parse_polynomial("x1*x2*x3*x4*x5*x6*x7*x8*x9*x10*x11 + x10^2*x2 - x1^3/3")
    text = polynomial_text(poly)
    assert "**" not in text
    assert "x1*x2*x3*x4*x5*x6*x7*x8*x9*x10*x11" in text
    assert "x2*x10^2" in text
    assert parse_polynomial(text) == poly


def test_a_long_polynomial_is_abbreviated_with_the_count_of_the_rest():
    from symflat.exact.polynomial import parse_polynomial
    from symflat.exact.printing import polynomial_text

    poly = parse_polynomial("(x1 + x2 + x3 + x4 + 1)^6")  # C(10, 4) = 210 terms
    text = polynomial_text(poly, shown=8)
    head, rest = text.split(" … and ")
    assert rest == f"{len(poly.terms) - 8} more terms" == "202 more terms"
    assert head.count(" + ") == 7 and head.startswith("x1^6 + 6*x1^5*x2")
    # Up to twice the shown number of terms, the polynomial is written whole.
    small = parse_polynomial("(x1 + x2 + 1)^4")  # 15 terms
    assert parse_polynomial(polynomial_text(small, shown=8)) == small


def test_a_truncated_expansion_ends_in_its_order_term():
    from symflat.exact.printing import polynomial_latex, polynomial_text

    sigma = sympy.Symbol("sigma5") / sympy.Symbol("sigma3")
    terms = {(1, 1, 1): 1, (3, 1, 1): 10 * sigma / 3, (1, 1, 3): 10 * sigma / 3}
    text = polynomial_text(terms, ["x1", "x2", "x3"], through=5, ascending=True)
    assert text == ("x1*x2*x3 + 10*sigma5*x1^3*x2*x3/(3*sigma3) "
                    "+ 10*sigma5*x1*x2*x3^3/(3*sigma3) + O(|x|^6)")
    latex = polynomial_latex(terms, ["x1", "x2", "x3"], through=5, ascending=True)
    assert latex.startswith("x_{1} x_{2} x_{3} + ") and latex.endswith("+ O(|x|^{6})")
    assert r"\sigma_{5}" in latex


def test_math_text_and_latex_read_in_natural_order():
    from symflat.exact.printing import math_latex, math_text

    x = sympy.symbols("x1:12")
    product = sympy.Mul(*x)
    assert math_text(product) == "*".join(f"x{i}" for i in range(1, 12))
    assert math_latex(product) == " ".join(f"x_{{{i}}}" for i in range(1, 12))
    assert parse_expression(math_text(product / 7 - x[9] ** 3)) == product / 7 - x[9] ** 3


def test_formulas_with_powers_only_are_typeset_but_evaluated_numbers_are_not():
    assert prose_math("quartic = (y1 + 4*y2)^2 here")[1] == (
        "math", sympy.latex(parse_expression("(y1 + 4*y2)^2")))
    assert ("math", "b^{6}") in prose_math("y' = b^6 y")
    # 2^260 would be typeset as its 79 digits: it stays as written.
    assert prose_math("true for n >= 260 (2^260 = 1.853e+78)") == [
        ("text", "true for n >= 260 (2^260 = 1.853e+78)")]


def test_symbolic_powers_in_prose_are_typeset_and_their_parentheses_kept():
    assert prose_math("2^(2^n) functions") == [("math", "2^{2^{n}}"), ("text", " functions")]
    assert prose_math("= Θ(n^4): ratio") == [("text", "= Θ("), ("math", "n^{4}"),
                                              ("text", "): ratio")]
    # only for showing: the parser refuses symbolic exponents in values computed with
    import pytest

    from symflat.errors import ExpressionError

    with pytest.raises(ExpressionError, match="symbolic"):
        parse_expression("2^n")


def test_a_comma_outside_a_call_separates_formulas():
    segments = prose_math("flat n^2, C_s = max(n^2, 3*n)")
    assert ("math", "n^{2}") in segments and ("text", ", C_s = ") in segments
    assert segments[-1] == ("math", sympy.latex(parse_expression("max(n^2, 3*n)")))


def test_a_polynomial_shows_itself_in_the_input_grammar_and_abbreviated():
    from symflat.exact.polynomial import parse_polynomial

    poly = parse_polynomial("(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + 1)^8")
    text = repr(poly)
    assert "**" not in text and len(text) < 400 and "… and 43750 more terms" in text
    assert poly._repr_latex_().startswith("$x_{1}^{8} + 8 x_{1}^{7} x_{2} + ")
