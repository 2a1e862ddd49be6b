"""The network evaluator: exact values, rigorous intervals and linear maps, cross-checked."""

from __future__ import annotations

import itertools

import pytest
import sympy

from symflat.errors import NetworkError
from symflat.exact.interval import endpoints
from symflat.exact.symbols import BETA, LAMBDA, input_symbols
from symflat.nets.activations import get_activation
from symflat.nets.evaluate import evaluate, evaluate_interval, linear_map, propagate
from symflat.nets.expansion import expand
from symflat.paper.linear import low_rank
from symflat.paper.networks import (
    bit_product,
    deep_product,
    multiplication_gate,
    shallow_network,
    squaring_gate,
)


def test_linear_map_is_the_jacobian_of_the_exact_values():
    from symflat.paper.linear import hadamard_matrix, walsh_hadamard

    for net in (walsh_hadamard(8), low_rank(6, 2)):
        outputs = evaluate(net)
        variables = [sympy.Symbol(x) for x in net.inputs]
        jacobian = sympy.Matrix([[sympy.diff(outputs[o], v) for v in variables]
                                 for o in net.outputs])
        assert linear_map(net) == jacobian.applyfunc(sympy.expand)
    assert linear_map(walsh_hadamard(8)) == hadamard_matrix(8)
    with pytest.raises(NetworkError, match="not linear"):
        linear_map(multiplication_gate())


def test_exact_values_equal_substitution_into_the_symbolic_output():
    gate = multiplication_gate(shift=1)
    symbolic = evaluate(gate, activation="sigmoid", shift=1)["y"]  # in x1, x2, lambda
    x1, x2 = input_symbols(2)
    for u, v, lam in [(1, 2, sympy.Rational(1, 10)), (-3, sympy.Rational(1, 2), 2)]:
        at_point = evaluate(gate, {"x1": u, "x2": v}, "sigmoid", {LAMBDA: lam}, 1)["y"]
        by_substitution = symbolic.xreplace({x1: u, x2: v, LAMBDA: lam})
        assert sympy.simplify(at_point - by_substitution) == 0


def test_exact_values_of_a_polynomial_activation_agree_with_the_taylor_expansion():
    # with a polynomial σ the network is a polynomial: its exact value and the truncated
    # expansion (a different algorithm) agree through the truncation degree
    activation = "x + x^2/3 - 2*x^3"
    net = deep_product(3, lam=sympy.Rational(1, 2), shift=sympy.Rational(1, 5))
    exact = sympy.Poly(sympy.expand(evaluate(net, activation=activation,
                                             shift=sympy.Rational(1, 5))["y"]),
                       *input_symbols(3))
    series = expand(net, 4, activation=activation).terms("y")
    for monomial in itertools.product(range(5), repeat=3):
        if sum(monomial) <= 4:
            assert sympy.simplify(exact.coeff_monomial(monomial)
                                  - series.get(monomial, 0)) == 0, monomial


def test_generic_neurons_stay_an_undefined_function():
    net = shallow_network([[1]], ["1/sigma1"], output_bias="-sigma0/sigma1")
    y = evaluate(net)["y"]
    expected = (sympy.Function("sigma")(input_symbols(1)[0]) - sympy.Symbol("sigma0")) / \
        sympy.Symbol("sigma1")
    assert sympy.expand(y - expected) == 0


@pytest.mark.parametrize(("activation", "shift"), [("exp", 0), ("sigmoid", 1), ("tanh", 1),
                                                   ("softplus", 0), ("atan(x) + x", 1)])
def test_intervals_contain_the_exact_value(activation, shift):
    lam = sympy.Rational(1, 7)
    gate = multiplication_gate(lam=lam, shift=shift)
    inputs = {"x1": sympy.Rational(3, 2), "x2": -2}
    exact = evaluate(gate, inputs, activation, shift=shift)["y"]
    lo, hi = endpoints(evaluate_interval(gate, inputs, activation, shift=shift)["y"])
    value = sympy.N(exact, 120)
    assert lo <= value <= hi
    assert hi - lo < sympy.Rational(1, 10**60)


def test_interval_bit_product_matches_the_closed_form():
    # σ(β(s - k + 1/2)) on every bit string, by the evaluator and by the formula
    beta = sympy.Integer(9)
    for bits in itertools.product((0, 1), repeat=3):
        box = evaluate_interval(bit_product(3, beta=beta),
                                {f"x{i + 1}": b for i, b in enumerate(bits)})["y"]
        formula = get_activation("sigmoid").expression.subs(
            "x", beta * (sum(bits) - sympy.Rational(5, 2)))
        lo, hi = endpoints(box)
        assert lo <= sympy.N(formula, 100) <= hi
    symbolic = evaluate(bit_product(2), {"x1": 1, "x2": 1})["y"]
    assert symbolic.free_symbols == {BETA}


def test_a_weight_made_infinite_by_the_values_is_an_error():
    # σ''(0) = 0 for the logistic sigmoid: the gate's read-out 1/(8 σ_2 λ²) is infinite
    with pytest.raises(NetworkError, match="not finite"):
        evaluate(multiplication_gate(), {"x1": 1, "x2": 1}, "sigmoid", {LAMBDA: 1})
    with pytest.raises(NetworkError, match="not finite"):
        evaluate_interval(multiplication_gate(), {"x1": 1, "x2": 1}, "sigmoid", {LAMBDA: 1})


def test_evaluate_interval_rejects_what_it_cannot_enclose():
    with pytest.raises(NetworkError, match="generic"):
        evaluate_interval(multiplication_gate(lam=1), {"x1": 1, "x2": 1}, "generic",
                          values={"sigma2": 1})
    with pytest.raises(NetworkError, match="no value for the symbol lambda"):
        evaluate_interval(squaring_gate(), {"x1": 1}, "exp")


def test_propagate_walks_each_node_once_in_order():
    seen = []

    def activate(node, name, pre):
        seen.append(node)
        return pre

    out = propagate(deep_product(4), {f"x{i}": 1 for i in range(1, 5)}, lambda w: 1, activate)
    assert sorted(seen) == sorted(deep_product(4).neurons) and len(set(seen)) == len(seen)
    assert set(out) == {"y"}
