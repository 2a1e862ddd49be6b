"""Exact Taylor expansion, cross-checked against independent computations."""

import itertools
import math

import pytest
import sympy

from symflat.errors import ExpansionError
from symflat.nets.activations import NAMED, sigma_symbol
from symflat.nets.expansion import expand, polynomial_terms
from symflat.paper.networks import (
    LAMBDA,
    bit_product,
    copy_gate,
    deep_product,
    flat_product,
    multiplication_gate,
)

x1, x2, t = sympy.symbols("x1 x2 t")


def generic_sigma(u: sympy.Expr, order: int) -> sympy.Expr:
    """σ(u) = Σ_{k<=order} σ_k u^k: the generic activation as a sympy polynomial."""
    return sum(sigma_symbol(k) * u**k for k in range(order + 1))


def naive(expr_of_sigma, variables, degree):
    """The naive way: build the closed form with a polynomial σ, sympy.expand, truncate."""
    return polynomial_terms(expr_of_sigma(lambda u: generic_sigma(u, degree)), variables, degree)


@pytest.mark.parametrize("degree", [2, 4, 5])
def test_multiplication_gate_matches_its_closed_form_generic(degree):
    lam = LAMBDA

    def closed(sigma):  # Eq. 11 with σ''(0) = 2 σ_2 in the power convention, inputs scaled by λ
        s, d = lam * (x1 + x2), lam * (x1 - x2)
        return (sigma(s) + sigma(-s) - sigma(d) - sigma(-d)) / (8 * sigma_symbol(2) * lam**2)

    ours = expand(multiplication_gate(), degree).terms("y")
    assert ours == naive(closed, (x1, x2), degree)
    if degree >= 4:  # the exact leading error term: σ_4 λ² x1 x2 (x1² + x2²) · 2/σ_2
        assert ours[(3, 1)] == ours[(1, 3)] == 2 * LAMBDA**2 * sigma_symbol(4) / sigma_symbol(2)


@pytest.mark.parametrize(
    ("name", "shift"), [("softplus", 0), ("sigmoid", 1), ("tanh", sympy.Rational(1, 2))])
def test_multiplication_gate_matches_sympy_series_along_directions(name, shift):
    """Along x = (a t, c t) the expansion must equal sympy.series of the closed form in t."""
    degree, lam = 4, sympy.Rational(1, 3)
    f = NAMED[name]
    second = sympy.diff(f, sympy.Symbol("x"), 2).subs(sympy.Symbol("x"), shift)

    def sigma(u):
        return f.subs(sympy.Symbol("x"), shift + u)

    ours = expand(multiplication_gate(lam=lam, shift=shift), degree, name).terms("y")
    for a, c in [(1, 2), (3, -1), (1, 0), (2, 5), (-1, 1)]:
        s, d = lam * (a + c) * t, lam * (a - c) * t
        closed = (sigma(s) + sigma(-s) - sigma(d) - sigma(-d)) / (4 * second * lam**2)
        series = sympy.series(closed, t, 0, degree + 1).removeO()
        along = sum(coeff * a**m[0] * c**m[1] * t**sum(m) for m, coeff in ours.items())
        assert sympy.simplify(sympy.expand(series - along)) == 0, (a, c)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_flat_product_matches_the_naive_expansion_term_by_term(n):
    xs = sympy.symbols(f"x1:{n + 1}")
    degree = n + 2

    def closed(sigma):  # Eq. 32: Σ_s (Π s_i) σ(s·x) / (2^n n! σ_n)
        total = sum(math.prod(s) * sigma(sum(si * xi for si, xi in zip(s, xs)))
                    for s in itertools.product((1, -1), repeat=n))
        return total / (2**n * math.factorial(n) * sigma_symbol(n))

    ours = expand(flat_product(n), degree).terms("y")
    assert ours == naive(closed, xs, degree)
    assert ours[(1,) * n] == 1


@pytest.mark.parametrize("n", [2, 3, 5, 6])
def test_deep_product_tends_to_the_product_as_lambda_vanishes(n):
    result = expand(deep_product(n), n + 1)
    terms = result.terms("y")
    limit = {m: sympy.limit(c, LAMBDA, 0) for m, c in terms.items()}
    assert {m: c for m, c in limit.items() if c != 0} == {(1,) * n: 1}


def test_copy_gate_error_is_first_order_in_lambda():
    terms = expand(copy_gate(), 3).terms("y")
    assert terms[(1,)] == 1
    assert terms[(2,)] == LAMBDA * sigma_symbol(2) / sigma_symbol(1)


def test_symbolic_weights_and_exact_activation_together():
    # bit_product: sigmoid at -β/2 for k = 1, expanded in x1 with β symbolic.
    terms = expand(bit_product(1), 1).terms("y")
    beta = sympy.Symbol("beta")
    sig = 1 / (1 + sympy.exp(beta / 2))
    assert sympy.simplify(terms[(0,)] - sig) == 0
    assert sympy.simplify(terms[(1,)] - beta * sig * (1 - sig)) == 0


def test_degree_zero_and_bad_degrees():
    assert expand(multiplication_gate(), 0).terms("y") == {}
    for bad in (-1, 2.0, True):
        with pytest.raises(ExpansionError, match="degree"):
            expand(multiplication_gate(), bad)


def test_division_by_a_vanishing_coefficient_is_refused():
    with pytest.raises(ExpansionError, match="divides by sigma2.*sigmoid at 0"):
        expand(multiplication_gate(), 2, "sigmoid")


def test_generic_activation_at_two_points_is_refused():
    net = multiplication_gate()
    net.graph.nodes["hpp"]["bias"] = sympy.Integer(1)
    with pytest.raises(ExpansionError, match="several points"):
        expand(net, 2)


def test_json_form_of_an_expansion():
    data = expand(multiplication_gate(lam=1), 4).to_json()
    assert data["degree"] == 4 and data["activation"] == "generic"
    (output,) = data["outputs"]
    assert output["name"] == "y"
    assert output["terms"][0] == {"exponents": {"x1": 1, "x2": 1}, "coefficient": "1"}
    assert {"exponents": {"x1": 3, "x2": 1}, "coefficient": "2*sigma4/sigma2"} in output["terms"]


def test_exact_activation_with_neurons_at_several_points():
    """σ neurons at two points, one feeding the other: each is expanded at its own point."""
    from symflat.nets.network import Network

    net = Network("two-points")
    net.add_input("x1")
    net.add_neuron("a", bias=0)
    net.add_neuron("b", bias=1)
    net.add_output("y")
    net.add_edge("x1", "a", 1)
    net.add_edge("a", "b", 1)
    net.add_edge("b", "y", 1)
    x = sympy.Symbol("x")
    closed = sympy.exp(1 + sympy.exp(x))  # exp(1 + exp(x)) with σ = exp at both neurons
    series = sympy.series(closed, x, 0, 4).removeO()
    ours = expand(net, 3, "exp").terms("y")
    for k in range(4):
        assert sympy.simplify(ours.get((k,), 0) - series.coeff(x, k)) == 0
    with pytest.raises(ExpansionError, match="several points"):
        expand(net, 3)


def test_expansion_typesets_itself_for_jupyter():
    import symflat

    latex = symflat.expand(symflat.flat_product(2), 3)._repr_latex_()
    assert latex == "$y = x_{1} x_{2} + O(|x|^{4})$"


def test_an_expansion_pickles_and_reads_back_equal():
    import pickle

    e = expand(deep_product(4), 6, "x + x^2/2")
    again = pickle.loads(pickle.dumps(e))
    assert again == e and again.terms() == e.terms()
    assert dict(again.outputs) == dict(e.outputs)


def test_a_time_limit_runs_the_same_expansion_in_a_worker():
    net = flat_product(3)
    assert expand(net, 5, timeout=60).terms() == expand(net, 5).terms()


def test_a_time_limit_stops_a_long_expansion():
    from symflat.nets.expansion import ExpansionTimeout

    # Through degree 11 the flat product of 9 inputs takes tens of seconds.
    with pytest.raises(ExpansionTimeout, match="did not finish within 0.5 s"):
        expand(flat_product(9), 11, timeout=0.5)


def test_an_error_in_the_worker_keeps_its_class():
    from symflat.nets.polyring import ExpansionTooLarge

    with pytest.raises(ExpansionTooLarge):
        expand(flat_product(6), 8, max_memory=1000, timeout=60)


@pytest.mark.parametrize("timeout", [0, -1, math.inf, math.nan, True, "5"])
def test_bad_time_limits_are_refused(timeout):
    with pytest.raises(ExpansionError, match="timeout must be a positive number"):
        expand(multiplication_gate(), 2, timeout=timeout)


def test_an_expansion_displays_in_one_line_and_typeset_with_its_truncation():
    from symflat.paper.networks import flat_product

    result = expand(flat_product(3), 11)
    terms = result.terms("y")
    assert len(terms) > 16  # long enough to be abbreviated
    assert repr(result) == (f"Expansion(flat_product_3 through degree 11, generic activation: "
                            f"y with {len(terms)} terms)")
    latex = result._repr_latex_()
    assert latex.startswith("$y = x_{1} x_{2} x_{3} + ") and latex.endswith("+ O(|x|^{12})$")
    assert f"\\text{{ and {len(terms) - 8} more terms}}" in latex
