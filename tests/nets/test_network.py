"""Networks: counts from the graph, validation, JSON/DOT round trips, composition."""

import math

import networkx as nx
import pytest
import sympy

from symflat.errors import ActivationError, NetworkError
from symflat.nets.expansion import expand
from symflat.nets.io import from_dot, from_json
from symflat.nets.network import Network, compose
from symflat.paper.networks import copy_gate, deep_product, flat_product, multiplication_gate


def tiny() -> Network:
    net = Network("tiny")
    net.add_input("x1")
    net.add_neuron("h", bias="1/2")
    net.add_output("y")
    net.add_edge("x1", "h", 3)
    net.add_edge("h", "y", "lambda/2")
    return net


def test_counts_are_read_from_the_graph():
    net = flat_product(4)
    graph = net.graph
    assert net.neuron_count == sum(1 for _, k in graph.nodes(data="kind") if k == "neuron") == 16
    assert net.synapse_count == sum(1 for *_, w in graph.edges(data="weight") if w != 0) == 80
    assert net.depth == 1 and len(net.layers()) == 1


def test_zero_weights_are_not_synapses():
    net = tiny()
    net.add_input("x2")
    net.add_edge("x2", "h", 0)
    assert net.synapse_count == 2


@pytest.mark.parametrize("n", range(2, 18))
def test_deep_product_counts_match_an_independent_count(n):
    net = deep_product(n)
    # Independent count: every gate turns two factors into one (n - 1 gates); a level with an
    # odd number of factors > 1 passes one through a copy gate.
    copies, level = 0, n
    levels = 0
    while level > 1:
        copies += level % 2
        level = (level + 1) // 2
        levels += 1
    neurons = [v for v, k in net.graph.nodes(data="kind") if k == "neuron"]
    assert len(neurons) == net.neuron_count == 4 * (n - 1) + copies
    assert net.depth == levels == math.ceil(math.log2(n))
    assert net.synapse_count == sum(1 for *_, w in net.graph.edges(data="weight") if w != 0)
    assert net.synapse_count == 12 * (n - 1) + 2 * copies
    if n & (n - 1) == 0:
        assert net.neuron_count == 4 * (n - 1)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda net: net.graph.add_edge("y", "h", weight=sympy.Integer(1)), "cycle"),
        (lambda net: (net.add_input("x2"), net.graph.add_edge("x2", "x1", weight=sympy.Integer(1))),
         "input 'x1' has an incoming edge"),
        (lambda net: net.add_neuron("lonely"), "has no inputs"),
        (lambda net: (net.add_output("z"), net.add_linear("l", bias=1), net.add_edge("l", "z", 1)),
         "linear 'l' has no inputs"),
        (lambda net: (net.add_linear("l"), net.graph.add_edge("y", "l", weight=sympy.Integer(1))),
         "output 'y' feeds"),
        (lambda net: net.graph.nodes["h"].update(activation="swish"), "unknown activation"),
    ],
)
def test_validation_errors(mutate, message):
    net = tiny()
    mutate(net)
    with pytest.raises((NetworkError, ActivationError), match=message):
        net.validate()


def test_output_that_no_path_reaches():
    net = tiny()
    net.add_output("z", bias=1)
    with pytest.raises(NetworkError, match="'z' is not reached"):
        net.validate()


def test_edge_into_an_input_is_refused_when_added():
    net = tiny()
    with pytest.raises(NetworkError, match="an input takes no incoming edge"):
        net.add_edge("h", "x1", 1)


@pytest.mark.parametrize("weight", [0.5, "0.25", "abc(", object(), True])
def test_non_exact_or_non_numeric_weights_are_refused(weight):
    net = tiny()
    with pytest.raises(NetworkError):
        net.add_edge("x1", "y", weight)


def test_float_weight_message_suggests_the_fraction():
    with pytest.raises(NetworkError, match="write 1/4"):
        tiny().add_edge("x1", "y", 0.25)


@pytest.mark.parametrize("build", [tiny, lambda: deep_product(3), multiplication_gate])
def test_json_round_trip_preserves_the_expansion(build):
    net = build()
    again = from_json(net.to_json())
    assert nx.utils.graphs_equal(net.graph, again.graph)
    assert expand(again, 4).outputs == expand(net, 4).outputs


@pytest.mark.parametrize("build", [tiny, lambda: deep_product(3), copy_gate])
def test_dot_round_trip_preserves_the_expansion(build):
    net = build()
    again = from_dot(net.to_dot())
    assert again.name == net.name
    assert expand(again, 4).outputs == expand(net, 4).outputs


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not valid JSON"),
        ("[]", "'nodes' list"),
        ('{"nodes": [{"id": "x1", "kind": "input"}], "edges": 3}', "'edges' list"),
        ('{"nodes": [{"id": "x1", "kind": "wizard"}], "edges": []}', "kind must be"),
        ('{"nodes": [{"id": "x1", "kind": "input"}, {"id": "y", "kind": "output"}],'
         ' "edges": [{"source": "x1", "target": "y", "weight": 0.1}]}', "JSON float"),
        ('{"nodes": [{"id": "x1", "kind": "input"}, {"id": "y", "kind": "output"}],'
         ' "edges": [{"source": "x1", "target": "y", "weight": "__import__(\'os\')"}]}',
         "weight of x1->y"),
    ],
)
def test_bad_json_gives_clear_errors(text, message):
    with pytest.raises(NetworkError, match=message):
        from_json(text)


def test_compose_multiplies_three_numbers():
    gate = multiplication_gate(lam=1)
    net = compose(gate, gate, {"x1": "y"})
    assert net.neuron_count == 8 and net.depth == 2
    x1, x2, bx2 = (sympy.Symbol(s) for s in ("x1", "x2", "b.x2"))
    assert expand(net, 3)["b.y"] == x1 * x2 * bx2


def test_compose_rejects_unknown_wiring():
    gate = multiplication_gate()
    with pytest.raises(NetworkError, match="not an input"):
        compose(gate, gate, {"nope": "y"})
    with pytest.raises(NetworkError, match="not an output"):
        compose(gate, gate, {"x1": "nope"})


def test_linear_map_of_an_identity_network():
    net = Network("lin")
    for x in ("a", "b"):
        net.add_input(x)
    net.add_neuron("h", activation="identity")
    net.add_output("y")
    net.add_output("z")
    net.add_edge("a", "h", 2)
    net.add_edge("b", "h", 3)
    net.add_edge("h", "y", -1)
    net.add_edge("a", "z", "1/2")
    assert net.linear_map() == sympy.Matrix([[-2, -3], [sympy.Rational(1, 2), 0]])
    with pytest.raises(NetworkError, match="not linear"):
        tiny().linear_map()


def test_exact_checks_a_symbolic_value_once_and_still_refuses_bad_ones():
    """Repeated symbolic weights are remembered once accepted; nothing else is let through."""
    from symflat.nets.network import _CHECKED, exact

    weight = exact("1/(4*sigma2)")
    assert weight in _CHECKED and exact("1/(4*sigma2)") == weight
    assert exact(sympy.Rational(3, 4)) == sympy.Rational(3, 4)
    for bad in (sympy.Float(0.5) * weight, weight + sympy.zoo, "exp(exp(exp(exp(exp(1)))))"):
        with pytest.raises(NetworkError):
            exact(bad, "weight")
