"""The composed expansion against the reference propagation, and the memory limit."""

import subprocess
import sys

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symflat.errors import ExpansionError
from symflat.nets.activations import get_activation, sigma_symbol
from symflat.nets.expansion import ExpansionTooLarge, expand
from symflat.nets.network import Network
from symflat.paper.networks import (
    LAMBDA,
    add_copy_gate,
    add_product_gate,
    deep_product,
    flat_product,
    multiplication_gate,
)

# No example database: the runs leave no files behind, and every run draws afresh.
QUICK = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
A, B = sympy.symbols("a b")
HALF = sympy.Rational(1, 2)
# Exact weights: rationals, free symbols, and the generic coefficients the gates divide by.
# (Sizes are kept small: sympy's canonical form of the coefficients dominates the time.)
WEIGHTS = [1, -1, 2, HALF, -sympy.Rational(3, 2), A, -B, A * B, 1 / A, 1 / (2 * sigma_symbol(2))]


@st.composite
def deep_networks(draw, exact: bool):
    """A random DAG: inputs, then neurons and linear nodes reading any earlier nodes (skip
    connections), outputs reading the rest. Each neuron's bias puts it at a chosen point:
    rational and per neuron for an exact activation, 0 for all with the generic one."""
    activation = draw(st.sampled_from(["tanh", "softplus", "sigmoid", "exp"])) if exact else None
    sigma = get_activation(activation or "generic")
    net = Network("random")
    value: dict[str, sympy.Expr] = {}
    nodes = []
    for i in range(draw(st.integers(1, 3))):
        net.add_input(f"x{i + 1}")
        value[f"x{i + 1}"] = sympy.Integer(0)
        nodes.append(f"x{i + 1}")
    for j in range(draw(st.integers(2, 6))):
        name = f"n{j}"
        parents = draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=3, unique=True))
        pool = WEIGHTS[:-1] if exact else WEIGHTS  # sigma_k: one operating point only
        weights = [draw(st.sampled_from(pool)) for _ in parents]
        incoming = sum((w * value[p] for p, w in zip(parents, weights)), sympy.Integer(0))
        if draw(st.booleans()):
            point = draw(st.sampled_from([0, HALF, -1])) if exact else 0
            net.add_neuron(name, bias=point - incoming)
            value[name] = sigma.coefficients(0, at=point)[0]
        else:
            bias = draw(st.sampled_from([0, 1, A, sigma_symbol(0)]))
            if exact:
                bias = bias.subs(sigma_symbol(0), 1) if isinstance(bias, sympy.Basic) else bias
            net.add_linear(name, bias=bias)
            value[name] = bias + incoming
        for p, w in zip(parents, weights):
            net.add_edge(p, name, w)
        nodes.append(name)
    inner = nodes[sum(1 for n in nodes if n.startswith("x")):]
    for k in range(draw(st.integers(1, 2))):
        net.add_output(f"y{k}")
        for p in draw(st.lists(st.sampled_from(inner), min_size=1, max_size=3, unique=True)):
            net.add_edge(p, f"y{k}", draw(st.sampled_from(WEIGHTS[:-1])))
    return net, activation or "generic", draw(st.integers(0, 3))


@st.composite
def gate_networks(draw):
    """Random compositions of the paper's gates (valuations above 1, cancellations inside
    blocks) with skip connections: linear nodes mixing earlier nodes, then one output."""
    net = Network("gates")
    nodes = []
    for i in range(draw(st.integers(2, 4))):
        net.add_input(f"x{i + 1}")
        nodes.append(f"x{i + 1}")
    for j in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["product", "product", "copy", "mix"]))
        lam = draw(st.sampled_from([1, HALF, LAMBDA]))
        name = f"g{j}"
        if kind == "product":
            u, v = draw(st.lists(st.sampled_from(nodes), min_size=2, max_size=2, unique=True))
            add_product_gate(net, u, v, name, "linear", lam, 0, f"{name}_")
        elif kind == "copy":
            add_copy_gate(net, draw(st.sampled_from(nodes)), name, "linear", lam, 0, f"{name}_")
        else:
            net.add_linear(name)
            for p in draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=3, unique=True)):
                net.add_edge(p, name, draw(st.sampled_from(WEIGHTS[:-1])))
        nodes.append(name)
    net.add_output("y")
    net.add_edge(nodes[-1], "y", 1)
    for p in draw(st.lists(st.sampled_from(nodes[:-1]), max_size=2, unique=True)):
        net.add_edge(p, "y", draw(st.sampled_from(WEIGHTS[:-1])))
    return net, "generic", draw(st.integers(0, 6))


def _same(net: Network, activation: str, degree: int) -> None:
    reference = expand(net, degree, activation, method="reference")
    composed = expand(net, degree, activation, method="composed")
    for out in net.outputs:
        assert composed.terms(out) == reference.terms(out)


@settings(QUICK, max_examples=25)
@given(deep_networks(exact=False))
def test_composed_equals_reference_generic_sigma_symbolic_weights(case):
    _same(*case)


@settings(QUICK, max_examples=12)
@given(deep_networks(exact=True))
def test_composed_equals_reference_exact_activations_at_rational_points(case):
    _same(*case)


@settings(QUICK, max_examples=25)
@given(gate_networks())
def test_composed_equals_reference_on_random_gate_compositions(case):
    _same(*case)


@pytest.mark.parametrize(("n", "degree"), [(3, 5), (5, 7), (6, 8), (8, 8), (8, 10)])
def test_deep_product_composed_equals_reference(n, degree):
    _same(deep_product(n), "generic", degree)


@pytest.mark.parametrize("activation", ["tanh", "softplus"])
def test_deep_product_exact_activation_composed_equals_reference(activation):
    _same(deep_product(4, lam=HALF, shift=1), activation, 6)


def test_deep_product_first_error_terms_at_n_16():
    """Through degree n + 2 the product and the n error terms 2 λ² σ4/σ2 x_i² ∏x (each gate's
    x u³ v + u v³ term, pushed up the tree with weight 1 by the gates above)."""
    n = 16
    terms = expand(deep_product(n), n + 2).terms()
    error = 2 * LAMBDA**2 * sigma_symbol(4) / sigma_symbol(2)
    expected = {(1,) * n: 1}
    expected.update({tuple(3 if j == i else 1 for j in range(n)): error for i in range(n)})
    assert terms == expected


def test_a_node_needed_for_its_constant_alone():
    # y = g(x1, x2) + 5 c with c = copy(x3)·0 + a constant: c's series is never needed.
    net = multiplication_gate()
    net.add_input("x3")
    net.add_linear("c", bias=5)
    net.add_edge("x3", "c", 0)
    net.add_edge("c", "y", 1)
    assert expand(net, 2, method="composed").terms() == {(0, 0, 0): 5, (1, 1, 0): 1}
    _same(net, "generic", 3)


def test_memory_limit_refuses_before_the_work():
    with pytest.raises(ExpansionTooLarge, match=r"GiB.*memory limit.*lower the degree"):
        expand(flat_product(6), 8, max_memory=10_000)
    with pytest.raises(ExpansionTooLarge):
        expand(deep_product(8), 12, method="composed", max_memory=1_000)
    assert expand(flat_product(3), 3, max_memory=None).terms() == {(1, 1, 1): 1}


def test_bad_method_and_memory_are_user_errors():
    with pytest.raises(ExpansionError, match="method"):
        expand(flat_product(2), 2, method="fast")
    with pytest.raises(ExpansionError, match="max_memory"):
        expand(flat_product(2), 2, max_memory=-1)


def test_cli_memory_limit_is_one_line_and_exit_2():
    run = subprocess.run([sys.executable, "-m", "symflat", "expand", "flat_product", "--n", "6",
                          "--degree", "8", "--max-memory", "0.00001"],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "memory limit" in run.stderr


def test_progress_bar_changes_nothing(capsys):
    for method in ("composed", "reference"):
        assert expand(deep_product(4), 6, method=method, progress=True).terms() == \
            expand(deep_product(4), 6, method=method).terms()
    assert capsys.readouterr().out == ""
