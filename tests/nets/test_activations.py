"""Activations: exact Taylor coefficients, both conventions, refusals, untrusted strings."""

import pytest
import sympy

from symflat.errors import ActivationError
from symflat.nets.activations import (
    NAMED,
    get_activation,
    sigma_symbol,
    to_derivative,
    to_power,
)

u = sympy.Symbol("u")


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "softplus", "exp", "identity"])
@pytest.mark.parametrize("at", [0, sympy.Rational(1, 2), -2])
def test_coefficients_match_sympy_series(name, at):
    order = 7
    ours = get_activation(name).coefficients(order, at=at)
    closed = NAMED[name].subs(sympy.Symbol("x"), at + u)
    series = sympy.series(closed, u, 0, order + 1).removeO()
    for k, c in enumerate(ours):
        assert sympy.simplify(c - series.coeff(u, k)) == 0, (name, at, k)


def test_sigmoid_second_coefficient_vanishes_at_zero_but_not_at_one():
    sigmoid = get_activation("sigmoid")
    assert sigmoid.coefficients(2)[2] == 0
    assert sympy.simplify(sigmoid.coefficients(2, at=1)[2]) != 0


def test_conventions_convert_both_ways():
    power = get_activation("softplus").coefficients(6)
    derivative = get_activation("softplus").coefficients(6, convention="derivative")
    assert to_derivative(power) == derivative
    assert to_power(derivative) == power
    assert derivative[:3] == (sympy.log(2), sympy.Rational(1, 2), sympy.Rational(1, 4))


def test_generic_coefficients_are_free_symbols():
    generic = get_activation("generic")
    assert generic.coefficients(3) == tuple(sigma_symbol(k) for k in range(4))
    assert generic.coefficients(2, convention="derivative")[2] == 2 * sigma_symbol(2)


def test_expression_activation():
    act = get_activation("x + x^2/2 + exp(x)")
    assert act.coefficients(3) == (1, 2, 1, sympy.Rational(1, 6))


@pytest.mark.parametrize("spec", ["relu", "abs", "step", "relu(x) + x", "x*abs(x)",
                                  "heaviside(x)", "max(x, 0)"])
def test_non_analytic_activations_say_why(spec):
    with pytest.raises(ActivationError, match="analytic"):
        get_activation(spec).coefficients(3)


@pytest.mark.parametrize("spec", ["__import__('os').system('touch pwned')", "y + 1", "3",
                                  "x.__class__", "", "exec('import os')"])
def test_bad_activation_strings_are_refused_without_side_effects(spec, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ActivationError):
        get_activation(spec)
    assert list(tmp_path.iterdir()) == []


def test_bad_order_and_convention():
    with pytest.raises(ActivationError):
        get_activation("tanh").coefficients(-1)
    with pytest.raises(ActivationError):
        get_activation("tanh").coefficients(2, convention="taylor")


def test_an_activation_called_is_its_closed_form():
    sigmoid = get_activation("sigmoid")
    z = sympy.Symbol("z")
    # σ' = σ(1 - σ) and σ(-z) = 1 - σ(z) hold for the logistic sigmoid and for nothing shifted
    assert sympy.simplify(sympy.diff(sigmoid(z), z) - sigmoid(z) * (1 - sigmoid(z))) == 0
    assert sympy.simplify(sigmoid(-z) - (1 - sigmoid(z))) == 0
    assert sigmoid(0) == sympy.Rational(1, 2) and sigmoid("log(3)") == sympy.Rational(3, 4)
    assert get_activation("x^2 + x")(3) == 12
    for name in ("generic", "relu"):
        with pytest.raises(ActivationError, match="no closed form"):
            get_activation(name)(1)
