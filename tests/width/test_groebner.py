"""The two Gröbner engines decide the same systems (symflat.width.groebner)."""

import pytest
import sympy

from symflat.width.exhaustive import exhaustive_check, width_system
from symflat.width.groebner import basis_is_one, engine_available, singular_script
from symflat.width.model import as_model
from symflat.width.polynomials import as_polynomial

needs_singular = pytest.mark.skipif(not engine_available("singular"),
                                    reason="Singular is not installed")

CASES = [("x1*x2", "output-bias", "generic", 2), ("x1*x2", "output-bias", "generic", 3),
         ("x1^2*x2", "no-bias", "tanh", 2), ("x1^2*x2", "no-bias", "tanh", 3),
         ("x1^3", "no-bias", "sigmoid", 2), ("x1^3", "no-bias", "sigmoid", 3),
         ("x1*x2", "affine", "tanh", 2), ("x1*x2", "affine", "generic", 2),
         ("x1^2 + x2^2", "output-bias", "generic", 2)]


@needs_singular
@pytest.mark.parametrize(("text", "name", "activation", "m"), CASES)
def test_singular_and_sympy_agree(text, name, activation, m):
    eqs, unknowns = width_system(as_polynomial(text), as_model(name, activation), m)
    assert basis_is_one(eqs, unknowns, "singular", 60) == basis_is_one(eqs, unknowns, "sympy")


@needs_singular
def test_singular_reaches_what_sympy_allows_only_with_twelve_unknowns():
    # x1 x2 x3 with tanh: 3 neurons (12 unknowns) cannot work; 4 can (the parity half)
    below = exhaustive_check("x1*x2*x3", as_model("no-bias", "tanh"), 4, engine="singular")
    assert below.feasible is False and "singular" in below.note
    at = exhaustive_check("x1*x2*x3", as_model("no-bias", "tanh"), 4, neurons=4,
                          engine="singular")
    assert at.feasible is True


def test_the_script_names_only_renamed_unknowns():
    a, w, evil = sympy.symbols("a w evil")
    script = singular_script([a * w - sympy.Rational(3, 7)], [a, w])
    assert script.splitlines()[:2] == ["ring r = 0, (v1, v2), dp;", "ideal i = v1*v2 - 3/7;"]
    with pytest.raises(ValueError, match="not unknowns"):
        singular_script([a * evil], [a])
