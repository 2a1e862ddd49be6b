"""Compiling polynomials into networks: cross-checked against independent evaluations."""

import itertools
import math
import random
from fractions import Fraction

import mpmath
import networkx as nx
import pytest
import sympy

from symflat.errors import ExpressionError, SymflatError
from symflat.exact.interval import endpoints, precision, rational
from symflat.nets.evaluate import evaluate_interval
from symflat.nets.expansion import expand
from symflat.nets.network import Network
from symflat.paper.compile import compile
from symflat.paper.compile_bits import bit_network, multilinear, verify_bits
from symflat.paper.compile_input import CompileError, as_polynomial
from symflat.paper.compile_real import corollary, program, verify_real
from symflat.paper.networks import LAMBDA, add_copy_gate, add_square_gate, deep_product
from symflat.width import minimal_width
from symflat.width.compare import compare

POLYS = ["x1*x2*x3*x4*x5", "x^7", "x^3*y^3*z - 2*x*y", "(x1 + x2 - 2*x3)^3",
         "x1*x2 + x2*x3 + x3*x4 + x4*x1 + x1 - 5/3", "x^2*y^2 + x*y + 7"]


def _evaluate(net: Network, point: dict, lam: mpmath.mpf) -> mpmath.mpf:
    """Forward pass in floating point with σ = exp (σ_k = 1/k!): independent of expand."""
    subs = {sympy.Symbol(f"sigma{k}"): sympy.Rational(1, math.factorial(k)) for k in range(8)}
    subs[LAMBDA] = lam

    def num(expr):
        return mpmath.mpf(sympy.Rational(expr.xreplace({LAMBDA: sympy.Symbol("L")}).xreplace(
            {k: v for k, v in subs.items() if k != LAMBDA}).subs(sympy.Symbol("L"), lam)))

    value = {}
    for node in nx.topological_sort(net.graph):
        data = net.graph.nodes[node]
        if data["kind"] == "input":
            value[node] = mpmath.mpf(point[node])
            continue
        pre = num(data["bias"]) + sum(num(w) * value[p]
                                      for p, _, w in net.graph.in_edges(node, data="weight"))
        value[node] = mpmath.exp(pre) if data["kind"] == "neuron" else pre
    return value[net.outputs[0]]


@pytest.mark.parametrize("text", POLYS)
def test_compiled_network_evaluates_to_the_polynomial_as_lambda_shrinks(text):
    result = compile(text)
    poly = as_polynomial(text)
    rng = random.Random(1)
    mpmath.mp.dps = 60
    point = {v: sympy.Rational(rng.randint(-10, 10), 10) for v in poly.variables}
    want = poly.to_expr().subs({sympy.Symbol(k): v for k, v in point.items()})
    errors = [abs(_evaluate(result.network, point, sympy.Rational(1, 10**k)) - mpmath.mpf(want))
              for k in (3, 6)]
    # O(lambda) convergence: the error falls by about 10^3 when lambda does.
    assert errors[1] < 1e-4
    assert errors[1] < errors[0] / 100 or errors[0] < 1e-12


@pytest.mark.parametrize("text", POLYS)
def test_expansion_at_lambda_zero_is_the_polynomial(text):
    result = compile(text)
    poly = as_polynomial(text)
    expansion = expand(result.network, poly.degree)
    got = sympy.expand(expansion[result.network.outputs[0]].subs(LAMBDA, 0))
    assert sympy.expand(got - poly.to_expr()) == 0
    assert result.verified and result.evidence["coefficients_checked"] >= len(poly.terms)


@pytest.mark.parametrize("n", range(2, 9))
def test_product_costs_four_per_multiplication_and_matches_deep_product(n):
    text = "*".join(f"x{i}" for i in range(1, n + 1))
    result = compile(text)
    gallery = deep_product(n)
    assert result.neurons == 4 * (n - 1) == result.multiplications * 4
    assert result.depth == gallery.depth == math.ceil(math.log2(n))
    copies = gallery.neuron_count - 4 * (n - 1)  # deep_product copies odd factors; skips are free
    assert result.synapses == gallery.synapse_count - 2 * copies
    assert result.evidence["corollary"]["verdict"].startswith("matches")


def test_product_of_32_costs_124_neurons_like_deep_product():
    net = program("*".join(f"x{i}" for i in range(1, 33))).to_network()
    gallery = deep_product(32)
    assert net.neuron_count == gallery.neuron_count == 124
    assert (net.depth, net.synapse_count) == (gallery.depth, gallery.synapse_count) == (5, 372)


@pytest.mark.parametrize("d", range(2, 17))
def test_powers_by_squaring_have_logarithmic_depth(d):
    result = compile(f"x^{d}")
    assert result.depth == math.ceil(math.log2(d))
    bits = bin(d).count("1")
    squarings = d.bit_length() - 1
    assert result.evidence["corollary"]["squarings"] == squarings
    assert result.neurons == 2 * squarings + 4 * (bits - 1)
    assert result.evidence["corollary"]["verdict"].startswith("beats")


def test_shared_sub_products_are_computed_once():
    steps = program("x1*x2*x3 + x1*x2*x4 + 2*x1*x2").steps
    assert [s.name for s in steps] == ["p:x1.x2", "p:x1.x2.x3", "p:x1.x2.x4"]
    assert compile("x1*x2*x3 + x1*x2*x4").neurons == 12


def test_linear_terms_use_skip_connections():
    result = compile("3*x - y/2 + 1")
    assert result.neurons == 0 and result.depth == 0
    assert expand(result.network, 1)[result.network.outputs[0]] == 3 * sympy.Symbol("x") - \
        sympy.Symbol("y") / 2 + 1


def _copy_plus_square(lam) -> Network:
    net = Network("copy_plus_square")
    net.add_input("x")
    add_copy_gate(net, "x", "c", "linear", lam, 0, "c:")
    add_square_gate(net, "x", "s", "linear", lam, 0, "s:")
    net.add_output("y")
    net.add_edge("c", "y", 1)
    net.add_edge("s", "y", 1)
    return net


def test_verify_real_accepts_lambda_terms_and_refuses_a_wrong_limit():
    poly = as_polynomial("x + x^2")
    evidence = verify_real(_copy_plus_square(LAMBDA), poly)
    assert evidence["lambda_dependent"] == 1  # the copy gate adds lambda*sigma2/sigma1*x^2
    with pytest.raises(RuntimeError, match="at lambda = 0"):
        verify_real(_copy_plus_square(1), poly)
    with pytest.raises(RuntimeError, match="coefficient of x"):
        verify_real(program("x^2").to_network(), poly)


def test_corollary_reads_gates_from_the_graph():
    counts = corollary(program("x^2*y^2 + x*y*z").to_network())
    # (xy)^2 shares xy: products xy, xy*z; one squaring
    assert (counts["products"], counts["squarings"]) == (2, 1)
    assert counts["four_per_multiplication"] == 12


@pytest.mark.parametrize("text, error", [
    ("sin(x)", ExpressionError), ("0.5*x", ExpressionError), ("pi*x", ExpressionError),
    ("x^65", CompileError), ("lambda*x + y", CompileError),
    ("sigma2*x", CompileError),
    ("+".join(f"x{i}*x{i + 1}" for i in range(1, 34)), CompileError),
    ("(x + y + 1)^22", CompileError),
])
def test_bad_input_is_a_user_error(text, error):
    with pytest.raises(error):
        compile(text)


def test_the_papers_32_numbers_compile_verified_with_124_neurons():
    result = compile("*".join(f"x{i}" for i in range(1, 33)))
    tree = deep_product(32)
    assert result.verified and result.neurons == tree.neuron_count == 124
    assert result.depth == tree.depth == 5


def test_verification_work_is_bounded(monkeypatch):
    from functools import partial

    import symflat.paper.compile_real as compile_real
    from symflat.nets.expansion import expand
    from symflat.nets.polyring import ExpansionTooLarge

    monkeypatch.setattr(compile_real, "expand", partial(expand, max_memory=100))
    with pytest.raises(ExpansionTooLarge, match="over the memory limit"):
        compile("(x1 + x2 + x3 + x4)^8")


# -- bits --------------------------------------------------------------------------------------

def _float_net(net: Network, bits: dict, beta: float) -> float:
    value = {}
    for node in nx.topological_sort(net.graph):
        data = net.graph.nodes[node]
        if data["kind"] == "input":
            value[node] = bits[node]
            continue
        pre = float(data["bias"].subs(sympy.Symbol("beta"), beta)) + sum(
            float(w.subs(sympy.Symbol("beta"), beta)) * value[p]
            for p, _, w in net.graph.in_edges(node, data="weight"))
        value[node] = 1 / (1 + math.exp(-pre)) if data["kind"] == "neuron" else pre
    return value[net.outputs[0]]


@pytest.mark.parametrize("text", ["x1*x2*x3 + x1^2", "x^2*y - 3*x*y*z + z^5/2 + 1",
                                  "(x1 + x2 + x3 - 1)^2"])
def test_bits_network_against_direct_evaluation(text):
    beta = 20
    result = compile(text, inputs="bits", beta=beta)
    poly = as_polynomial(text)
    names = list(poly.variables)
    bound = float(Fraction(result.evidence["max_error"]["upper_exact"]))
    assert float(result.evidence["max_error"]["upper"]) >= bound
    worst = 0.0
    for values in itertools.product((0, 1), repeat=len(names)):
        exact_value = float(poly(*values))
        approx = _float_net(result.network, dict(zip(names, values)), beta)
        worst = max(worst, abs(approx - exact_value))
    assert worst <= bound * (1 + 1e-9)
    assert worst >= bound * (1 - 1e-6)  # the bound is the largest error, not a loose one
    form = multilinear(poly)
    assert result.neurons == sum(1 for m in form if any(m))


def test_bits_beta_threshold_is_sharp_for_one_monomial():
    need = float(compile("x*y", inputs="bits", decimals=3)
                 .evidence["beta_for_decimals"]["approx"])
    assert 13.8 < need < 13.9  # 2 ln(999)
    above = compile("x*y", inputs="bits", beta=14, decimals=3).evidence
    below = compile("x*y", inputs="bits", beta=Fraction(27, 2), decimals=3).evidence
    assert Fraction(above["max_error"]["upper_exact"]) < Fraction(1, 1000)
    assert Fraction(below["max_error"]["upper_exact"]) > Fraction(1, 1000)


def test_bits_default_beta_is_the_symbol_and_counts_monomials():
    result = compile("x^3 + x*y - y^2", inputs="bits")
    assert result.network.symbols() == {sympy.Symbol("beta")}
    assert result.evidence["multilinear"] == "x*y + x - y"
    assert result.neurons == 3 and result.evidence["max_error"] is None


@pytest.mark.parametrize("kwargs", [{"beta": -1}, {"beta": "beta2"}, {"beta": 10**6},
                                    {"decimals": 0}])
def test_bits_bad_options(kwargs):
    with pytest.raises(SymflatError):
        compile("x*y", inputs="bits", **kwargs)


def test_verify_bits_refuses_a_network_for_another_polynomial():
    poly = as_polynomial("x*y + x")
    wrong = bit_network(("x", "y"), multilinear(as_polynomial("x*y - x")))
    with pytest.raises(RuntimeError, match="as beta -> oo"):
        verify_bits(poly, wrong)
    flat = bit_network(("x", "y"), multilinear(poly), beta=3)  # no beta left: no limit
    with pytest.raises(RuntimeError, match="does not grow with beta"):
        verify_bits(poly, flat)


def test_a_variable_named_y_keeps_its_name():
    result = compile("x*y + y")
    assert result.network.inputs == ["x", "y"] and result.network.outputs == ["y:out"]
    assert compile("x*y + y", inputs="bits").network.outputs == ["y:out"]


def test_bits_constant_on_bit_strings_is_refused():
    with pytest.raises(CompileError, match="constant 0"):
        compile("x^2 - x", inputs="bits")


# -- compare -----------------------------------------------------------------------------------

def test_compare_uses_the_width_certificates():
    result = compare("x1*x2*x3", timeout=5)
    for model in ("no-bias", "output-bias"):
        width = minimal_width(as_polynomial("x1*x2*x3"), model, timeout=5)
        assert (result.shallow[model].lower, result.shallow[model].upper) == \
            (width.lower, width.upper)
        assert result.ratio(model)["lower"] == str(Fraction(width.lower, 8))
    assert result.to_dict()["deep"] == {"neurons": 8, "depth": 2, "synapses": 24}


def test_verify_bits_bound_agrees_with_the_interval_evaluator():
    """The error bound of verify_bits (exact pre-activations) against nets.evaluate's interval
    evaluation (pre-activations in intervals), at a β that is not a binary fraction."""
    poly = as_polynomial("x*y*z - 3*x*z/7 + y + 2")
    beta = Fraction(61, 3)
    form = multilinear(poly)
    net = bit_network(("x", "y", "z"), form, beta)
    upper = Fraction(verify_bits(poly, bit_network(("x", "y", "z"), form), net,
                                 beta)["max_error"]["upper_exact"])
    worst = None
    for values in itertools.product((0, 1), repeat=3):
        out = evaluate_interval(net, dict(zip("xyz", values)), prec=300)["y:out"]
        with precision(300):
            lo, hi = endpoints(abs(out - rational(Fraction(str(poly(*values))))))
        worst = (lo, hi) if worst is None else (max(worst[0], lo), max(worst[1], hi))
    assert worst[0] <= upper  # both enclose the same largest error ...
    assert upper - worst[1] < Fraction(1, 2**100)  # ... and the bound is tight


def test_verify_bits_refuses_beta_in_the_read_out_and_a_second_layer():
    poly = as_polynomial("x*y")
    form = multilinear(poly)
    limit = bit_network(("x", "y"), form)
    limit.graph.edges["b:x.y", "y:out"]["weight"] = sympy.Symbol("beta")
    with pytest.raises(RuntimeError, match="read-out y:out depends on beta"):
        verify_bits(poly, limit)
    deep = bit_network(("x", "y"), form, 30)
    deep.add_neuron("h", "sigmoid")
    deep.add_edge("b:x.y", "h", 1)
    deep.add_edge("h", "y:out", 0)
    with pytest.raises(RuntimeError, match="fed by a neuron"):
        verify_bits(poly, bit_network(("x", "y"), form), deep, 30)


# -- display ----------------------------------------------------------------------------------

def test_compiled_shows_itself_in_one_line_and_typeset():
    import dataclasses

    product = compile("*".join(f"x{i}" for i in range(11, 0, -1)))
    assert repr(product).startswith("Compiled(" + "*".join(f"x{i}" for i in range(1, 12)))
    html = product._repr_html_()
    assert " ".join(f"x_{{{i}}}" for i in range(1, 12)) in html and "**" not in html
    assert f"<td style='text-align:left'>{product.neurons}</td>" in html
    assert product._repr_latex_().startswith("$x_{1} x_{2} x_{3}")

    long = compile("(x1 + x2 + x3 + x4 + x5 + 1)^4")  # 126 terms
    assert "\n" not in repr(long) and len(repr(long)) < 150 and "123 more terms" in repr(long)
    assert len(long._repr_html_()) < 2000

    hostile = dataclasses.replace(product, polynomial="<script>alert(1)</script>")
    assert "<script>" not in hostile._repr_html_() and "&lt;script&gt;" in hostile._repr_html_()


def test_comparison_shows_itself_in_one_line_and_typeset():
    import dataclasses

    from symflat.width.compare import compare

    result = compare("x10*x2*x3")
    assert repr(result) == ("Comparison(x2*x3*x10: shallow no-bias 8, output-bias 7; "
                            "deep 8 neurons, depth 2)")
    html = result._repr_html_()
    assert "$x_{2} x_{3} x_{10}$" in html and html.count("<tr>") == 3
    assert "<td style='text-align:left'>7/8</td>" in html
    hostile = dataclasses.replace(result, polynomial="<b>x</b>")
    assert "<b>x</b>" not in hostile._repr_html_()
