"""Reading and writing networks: every written file reads back to the same network, and a
hostile file is refused in one line (symflat.nets.export and symflat.nets.io)."""

from __future__ import annotations

import json
import os

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symflat.errors import NetworkError, SymflatError
from symflat.exact.expressions import parse_expression
from symflat.nets.export import to_dot, to_json
from symflat.nets.io import from_dot, from_json, read_network, write_network
from symflat.nets.network import Network
from symflat.paper.networks import deep_product, multiplication_gate

# Expression texts in the restricted grammar: numbers, names, operators and every function.
_ATOMS = st.sampled_from(["x", "y", "sigma2", "lambda", "beta", "1", "2", "3", "1/2", "pi", "E",
                          "sqrt(-1)", "sqrt(2)"])
_FUNCTIONS = ["exp", "log", "sqrt", "sin", "cos", "tan", "sinh", "cosh", "tanh", "atan", "erf",
              "relu", "abs", "step", "heaviside", "sign"]


def _combine(children):
    binary = st.tuples(children, st.sampled_from(["+", "-", "*", "/"]), children).map(
        lambda t: f"({t[0]}){t[1]}({t[2]})")
    power = st.tuples(children, st.integers(-3, 3)).map(lambda t: f"({t[0]})^({t[1]})")
    call = st.tuples(st.sampled_from(_FUNCTIONS), children).map(lambda t: f"{t[0]}({t[1]})")
    maximum = st.tuples(children, children).map(lambda t: f"max({t[0]}, {t[1]})")
    return binary | power | call | maximum


EXPRESSIONS = st.recursive(_ATOMS, _combine, max_leaves=6)


def _value(text: str) -> sympy.Expr | None:
    try:
        value = parse_expression(text)
    except SymflatError:
        return None
    return None if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) else value


def _one_synapse(weight, bias=0) -> Network:
    net = Network("one")
    net.add_input("x1")
    net.add_neuron("h", bias=bias)
    net.add_output("y")
    net.add_edge("x1", "h", weight)
    net.add_edge("h", "y", 1)
    return net


def _same(a: Network, b: Network) -> bool:
    """Same names, kinds, activations and edges, and equal exact values (proven by expansion)."""
    def equal(u, v):
        return u == v or sympy.expand(u - v) == 0

    nodes_a, nodes_b = dict(a.graph.nodes(data=True)), dict(b.graph.nodes(data=True))
    if a.name != b.name or nodes_a.keys() != nodes_b.keys():
        return False
    for node, data in nodes_a.items():
        other = nodes_b[node]
        if {k: v for k, v in data.items() if k != "bias"} != {
                k: v for k, v in other.items() if k != "bias"}:
            return False
        if "bias" in data and not equal(data["bias"], other["bias"]):
            return False
    edges_a = {(u, v): w for u, v, w in a.graph.edges(data="weight")}
    edges_b = {(u, v): w for u, v, w in b.graph.edges(data="weight")}
    return edges_a.keys() == edges_b.keys() and all(
        equal(w, edges_b[key]) for key, w in edges_a.items())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXPRESSIONS)
def test_every_parsed_value_survives_json_and_dot(text):
    value = _value(text)
    if value is None:
        return
    net = _one_synapse(value, bias=value)
    assert _same(from_json(to_json(net)), net)
    assert _same(from_dot(to_dot(net)), net)


def test_a_sign_distributed_by_sympy_still_round_trips():
    value = 1 - parse_expression("(sigma2 + x)*(x + y)")
    net = _one_synapse(value)
    assert _same(from_json(to_json(net)), net) and _same(from_dot(to_dot(net)), net)


@pytest.mark.parametrize("text", ["sqrt(-1)", "2*sqrt(-1) + x", "step(x - 1)", "heaviside(x)",
                                  "relu(x)", "max(x, 1, y)", "abs(x)", "sign(x)",
                                  "exp(log(2)/3)", "sqrt(sqrt(x))", "E", "1/sqrt(2)"])
def test_values_that_str_writes_wrongly_round_trip(text):
    net = _one_synapse(text)
    for back in (from_json(to_json(net)), from_dot(to_dot(net))):
        assert back.graph["x1"]["h"]["weight"] == parse_expression(text)


def test_a_value_outside_the_grammar_is_refused_not_written_wrongly():
    net = _one_synapse(sympy.cot(sympy.Symbol("x")))
    with pytest.raises(NetworkError, match="cannot write cot"):
        to_json(net)


def test_the_papers_networks_round_trip():
    for net in (multiplication_gate(), deep_product(4)):
        assert _same(from_json(to_json(net)), net)
        assert _same(from_dot(to_dot(net)), net)


def _document(**changes) -> str:
    data = json.loads(to_json(_one_synapse(2)))
    data.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize("text, message", [
    ('{"nodes": [], "edges": [], "graph": {"name": NaN}}', "NaN"),
    (_document().replace('"2"', "Infinity"), "Infinity"),
    (_document().replace('"2"', "1e400"), "JSON float"),
    (_document().replace('"2"', "0.5"), 'like "1/2"'),
    (_document().replace('"2"', "9" * 5000), "digits"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply|needs an object"),
    (_document(graph=[1]), "'graph' must be an object"),
    (_document(graph="abc"), "'graph' must be an object"),
    (_document(graph={"name": 5}), "name"),
    (_document(nodes={"a": 1}), "'nodes' list"),
    (_document(edges="x"), "'edges' list"),
    ('{"nodes": [{"id": 5, "kind": "input"}], "edges": []}', "must be a string"),
    ('[1, 2]', "needs an object"),
    ("not json", "not valid JSON"),
])
def test_hostile_json_is_one_line(text, message):
    with pytest.raises(NetworkError, match=message) as caught:
        from_json(text)
    assert "\n" not in str(caught.value)


def test_a_repeated_edge_is_refused_not_overwritten():
    data = json.loads(to_json(_one_synapse(2)))
    data["edges"].append({"source": "x1", "target": "h", "weight": "3"})
    with pytest.raises(NetworkError, match="x1 -> h is given twice"):
        from_json(json.dumps(data))
    dot = to_dot(_one_synapse(2))
    doubled = dot.replace("}\n", '  "x1" -> "h" [weight_exact="3"];\n}\n')
    with pytest.raises(NetworkError, match="given twice"):
        from_dot(doubled)


def test_files_are_written_atomically_and_read_back(tmp_path):
    net = deep_product(3)
    for name in ("net.json", "net.dot"):
        write_network(net, tmp_path / name)
        assert _same(read_network(tmp_path / name), net)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.dot", "net.json"]


def test_reading_refuses_what_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    for path, message in [(fifo, "not a regular file"), ("/dev/zero", "not a regular file"),
                          (tmp_path, "is a folder"), (tmp_path / "missing.json", "cannot read")]:
        with pytest.raises(SymflatError, match=message):
            read_network(path)
