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
