"""One-variable constructions from the moment recurrence (``symflat.width.prony``)."""

from __future__ import annotations

import sympy

from symflat.nets.activations import sigma_symbol
from symflat.width import minimal_width
from symflat.width.model import WidthModel
from symflat.width.polynomials import as_polynomial
from symflat.width.prony import univariate


def _moments_at(construction, values, degree):
    subs = {sigma_symbol(k): v for k, v in enumerate(values)}
    points = [sympy.nsimplify(a[0].subs(subs)) for a in construction.points]
    weights = [sympy.nsimplify(w.subs(subs)) for w in construction.weights()]
    return [sympy.simplify(sum(w * a**k for w, a in zip(weights, points, strict=True)))
            for k in range(degree + 1)], points


def test_two_points_for_a_cubic_with_every_part():
    """x + x^2 + x^3 without bias: the search's fixed points needed 4; two points depending
    on sigma meet the bound 2. At sigma_k = 1 the radicand is 1 and the points are 0 and 1:
    the moments are checked there with rationals, independently of the construction's own
    check."""
    data = as_polynomial("x1^3 + x1^2 + x1")
    c = univariate(data, WidthModel(), 2)
    assert c.width == 2 and c.kind == "sigma-algebraic"
    moments, points = _moments_at(c, [1, 1, 1, 1], 3)
    assert sorted(points) == [0, 1]
    assert moments == [0, 1, 1, 1]
    # another sigma: 1/sigma_k = (1, 1, 2, 3) gives the moments (0, 1, 1/2, 1/3)
    values = [1, 1, 2, 3]
    moments, _ = _moments_at(c, values, 3)
    assert moments == [0, 1, sympy.Rational(1, 2), sympy.Rational(1, 3)]


def test_minimal_width_is_exact_with_the_recurrence():
    result = minimal_width("x1^3 + x1^2 + x1", timeout=20)
    assert (result.lower, result.upper, result.exact, result.verified) == (2, 2, True, True)
    assert result.construction.method.startswith("Prony")
    assert result.construction.requires  # the real points need a positive radicand


def test_three_points_for_a_quartic_numerically():
    """m = 3 (one point fixed at 0, two from the quadratic factor): the construction's own
    exact check passed; here, as numerical evidence, the moments at one sigma to 30 digits."""
    data = as_polynomial("x1^4 + x1^3 - x1^2 + 2*x1 + 1")
    c = univariate(data, WidthModel(), 3)
    assert c is not None and c.width == 3
    subs = {sigma_symbol(k): v for k, v in enumerate([1, 1, 3, 5, 2])}
    radicand = sympy.sympify(c.requires[0].split(" > ")[0]).subs(subs)
    assert radicand > 0
    coefficients = [1, 2, -1, 1, 1]
    for k in range(5):
        moment = sum(w.subs(subs) * a[0].subs(subs) ** k
                     for w, a in zip(c.weights(), c.points, strict=True))
        assert abs(sympy.N(moment, 40) - sympy.Rational(coefficients[k]) / subs[sigma_symbol(k)]
                   ) < 1e-25


def test_no_construction_where_the_recurrence_has_no_solution():
    # degree 5 with every part: three points would need three equations in two unknowns
    assert univariate(as_polynomial("x1^5 + x1^4 + x1^3 + x1^2 + x1 + 1"), WidthModel(), 3) is None
    # not one variable: not this construction
    assert univariate(as_polynomial("x1*x2 + x1^3"), WidthModel(), 2) is None


def test_output_bias_leaves_mu0_to_the_recurrence():
    """x + x^2 + x^3 + 2 with an output bias: the search needed 3 fixed points, the recurrence
    without its l = 0 equation gives 2. At sigma_k = 1 the radicand is 9: rational points,
    and the moments 1..3 and the constant are checked there with rationals."""
    model = WidthModel(output_bias=True)
    c = univariate(as_polynomial("x1^3 + x1^2 + x1 + 2"), model, 2)
    assert c is not None and c.width == 2
    moments, points = _moments_at(c, [1, 1, 1, 1], 3)
    assert moments[1:] == [1, 1, 1]
    bias = c.output_bias().subs({sigma_symbol(k): 1 for k in range(4)})
    assert bias + moments[0] == 2  # c + sigma0 sum_j w_j is the constant term
    result = minimal_width("x1^3 + x1^2 + x1 + 2", model, timeout=20)
    assert result.verified and result.upper == 2
