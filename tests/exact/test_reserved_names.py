"""Names sympy reads as something else (I, E, oo, zoo, nan, pi, S, N, ...) are never variables,
in any parser; written coefficients cannot be mistaken for a variable."""

from __future__ import annotations

import json

import pytest
import sympy
import sympy.abc

from symflat.cli.main import main
from symflat.errors import ExpressionError, NetworkError, SymflatError
from symflat.exact.expressions import RESERVED, check_variable_name, parse_expression
from symflat.exact.polynomial import Polynomial, parse_polynomial
from symflat.nets.activations import get_activation
from symflat.nets.expansion import expand
from symflat.nets.export import to_dot
from symflat.nets.io import from_dot, from_json
from symflat.nets.network import Network

#: Reserved names the grammar does not read as its constants (pi and E are constants).
NOT_CONSTANTS = sorted(set(RESERVED) - {"pi", "E"})


def test_reserved_covers_what_sympy_prints_and_binds_specially():
    printed = [sympy.I, sympy.E, sympy.pi, sympy.oo, sympy.zoo, sympy.nan, sympy.EulerGamma,
               sympy.Catalan, sympy.GoldenRatio, sympy.TribonacciConstant, sympy.true,
               sympy.false]
    assert {str(value) for value in printed} <= set(RESERVED)
    assert set(sympy.abc._clash1) <= set(RESERVED)  # I, E, N, O, Q, S


@pytest.mark.parametrize("name", NOT_CONSTANTS)
def test_the_expression_parser_refuses_them_in_one_line(name):
    with pytest.raises(ExpressionError) as info:
        parse_expression(f"x1 + 2*{name}")
    message = str(info.value)
    assert message.startswith(f"{name!r} at position 7 cannot be a variable: sympy reads it as")
    assert "\n" not in message


@pytest.mark.parametrize("name", ["I", "oo", "S", "N", "nan"])
def test_every_parser_refuses_them(name, tmp_path):
    with pytest.raises(ExpressionError, match="cannot be a variable"):
        parse_polynomial(f"x1*{name} + 1")
    with pytest.raises(ExpressionError, match="cannot be a variable"):
        Polynomial((name, "x1"), {(1, 1): 1})
    with pytest.raises(SymflatError, match="cannot be a variable"):
        get_activation(f"x + {name}*x^2")
    with pytest.raises(NetworkError, match=f"network input: '{name}' cannot be a variable"):
        Network("n").add_input(name)
    document = {"directed": True, "multigraph": False, "graph": {"name": "n"},
                "nodes": [{"id": name, "kind": "input"}, {"id": "y", "kind": "output"}],
                "edges": [{"source": name, "target": "y", "weight": "1"}]}
    with pytest.raises(NetworkError, match="cannot be a variable"):
        from_json(json.dumps(document))
    with pytest.raises(NetworkError, match="cannot be a variable"):
        from_dot(to_dot(_one_neuron("1")).replace('"x1"', f'"{name}"'))


@pytest.mark.parametrize("name", ["pi", "E"])
def test_the_grammars_constants_are_not_variables_either(name):
    assert parse_expression(name) in (sympy.pi, sympy.E)
    with pytest.raises(ExpressionError, match="cannot be a variable"):
        check_variable_name(name)
    with pytest.raises(NetworkError, match="cannot be a variable"):
        Network("n").add_input(name)


def test_function_names_are_not_variables():
    with pytest.raises(ExpressionError, match="'exp' cannot be a variable: it is the function"):
        check_variable_name("exp")


def test_cli_refuses_a_reserved_name_in_one_line(tmp_path, capsys):
    assert main(["width", "x1*I"]) == 2
    err = capsys.readouterr().err.strip()
    assert "'I' at position 3 cannot be a variable" in err and "\n" not in err
    poly_file = tmp_path / "polys.txt"
    poly_file.write_text("x1*x2\nzoo*x1\n")
    assert main(["sweep", "file", str(poly_file), "--no-store"]) == 2
    err = capsys.readouterr().err.strip()
    assert "cannot be a variable" in err and "\n" not in err


def _one_neuron(weight: str) -> Network:
    net = Network("one")
    net.add_input("x1")
    net.add_neuron("h")
    net.add_output("y")
    net.add_edge("x1", "h", weight)
    net.add_edge("h", "y", 1)
    return net


def test_json_coefficients_write_the_imaginary_unit_as_sqrt_minus_1_and_read_back():
    result = expand(_one_neuron("sqrt(-1)"), 2)
    terms = result.to_json()["outputs"][0]["terms"]
    texts = [term["coefficient"] for term in terms]
    assert "sqrt(-1)*sigma1" in texts
    assert not any("I" in text for text in texts)  # sympy's str() wrote 'I*sigma1'
    read = {term["exponents"].get("x1", 0): parse_expression(term["coefficient"])
            for term in terms}
    assert read == {mono[0]: coeff for mono, coeff in result._terms["y"].items()}
