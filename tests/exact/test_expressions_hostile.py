"""The restricted parser under generated hostile input: a value or one ExpressionError line,
never another exception (issue: hostile and oversized input)."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from symflat.errors import ExpressionError
from symflat.exact.expressions import parse_expression
from symflat.exact.polynomial import Polynomial, parse_polynomial

_PIECES = ["x", "y", "1", "0", "2", "1000", "-", "+", "*", "/", "^", "**", "(", ")", ",", " ",
           "sqrt", "exp", "log", "max", "relu", "step", "abs", "sign", "tanh", "erf", "pi", "E",
           "sqrt(-1)", "1e5", "0.5", "_x", "__import__", "lambda", "x.y", "'", "\\", "\x00"]
TEXTS = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join) | st.text(max_size=40)


def _one_line(call, text):
    try:
        return call(text)
    except ExpressionError as error:
        assert "\n" not in str(error)
        return None


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_parse_expression_gives_a_value_or_one_line(text):
    value = _one_line(parse_expression, text)
    assert value is None or isinstance(value, sympy.Expr)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_parse_polynomial_gives_a_polynomial_or_one_line(text):
    value = _one_line(parse_polynomial, text)
    assert value is None or isinstance(value, Polynomial)


@pytest.mark.parametrize("text", ["max(x, sqrt(-1))", "max(1, sqrt(-1))", "relu(sqrt(-1))"])
def test_functions_undefined_for_their_arguments_are_one_line(text):
    with pytest.raises(ExpressionError, match="not defined|undefined"):
        parse_expression(text)
