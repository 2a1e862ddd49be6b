"""Every exact constant passes one size and shape guard before any algebra: towers, many
function values and huge magnitudes are refused in one line naming the limit, wherever the
constant comes from; ``expand`` has a default time limit."""

from __future__ import annotations

import json
import time

import pytest
import sympy

import symflat.cli.expand
from symflat.cli.main import main
from symflat.errors import ActivationError, ExpressionError, NetworkError
from symflat.exact.constants import (
    MAX_FUNCTIONS,
    MAX_MAGNITUDE_BITS,
    MAX_TOWER,
    check_constant,
    tower_height,
)
from symflat.exact.expressions import parse_expression
from symflat.exact.polynomial import parse_polynomial
from symflat.nets.activations import MAX_NESTING, get_activation
from symflat.nets.network import Network
from symflat.verify.claims import ClaimError

#: The hostile constants of the issue and their neighbours, with the limit each passes.
HOSTILE = {
    "exp(exp(exp(exp(exp(1)))))": "nests functions 5 deep; the limit is 3",
    "exp(exp(exp(exp(1))))": "nests functions 4 deep; the limit is 3",
    "exp(exp(exp(5)))": f"is larger than 2^{MAX_MAGNITUDE_BITS} in absolute value",
    "exp(exp(11))": f"is larger than 2^{MAX_MAGNITUDE_BITS} in absolute value",
    "exp(100000)": f"is larger than 2^{MAX_MAGNITUDE_BITS} in absolute value",
    "+".join(f"exp({p})" for p in (2, 3, 5, 7, 11, 13, 17, 19, 23)):
        f"holds 9 different function values; the limit is {MAX_FUNCTIONS}",
}


def _refusal(text: str, what: str = "c") -> str:
    with pytest.raises(ExpressionError) as info:
        check_constant(parse_expression(text), what)
    return str(info.value)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_constants_are_refused_in_one_line_naming_the_limit(text):
    start = time.perf_counter()
    message = _refusal(text, "--at")
    assert time.perf_counter() - start < 2
    assert message.startswith("--at: ") and HOSTILE[text] in message
    assert "\n" not in message


@pytest.mark.parametrize("text", [
    "exp(exp(E))", "exp(exp(exp(1/2)))", "exp(2800)", "pi^1000", "2^1000",
    "+".join(f"exp({p})" for p in (2, 3, 5, 7, 11, 13, 17, 19)), "1/(4*sigma2)*exp(exp(2))",
    "log(log(log(3)))", "sqrt(-1)",
])
def test_constants_at_the_limits_pass_unchanged(text):
    value = parse_expression(text)
    assert check_constant(value) is value


def test_the_limits_are_exact():
    assert tower_height(parse_expression("exp(exp(E))")) == MAX_TOWER
    assert "larger than" in _refusal("exp(2900)")  # e^2900 is about 2^4184
    check_constant(parse_expression("exp(2830)"))  # about 2^4083


def test_one_tower_measure_for_constants_and_activations():
    assert MAX_NESTING == MAX_TOWER
    x = sympy.Symbol("x")
    assert tower_height(sympy.exp(sympy.exp(sympy.exp(x)))) == 3
    with pytest.raises(ActivationError, match="nests functions more than 3 deep"):
        get_activation("exp(exp(exp(exp(x))))")


def _network_file(tmp_path, weight: str, bias: str = "0"):
    document = {"directed": True, "multigraph": False, "graph": {"name": "c"},
                "nodes": [{"id": "x1", "kind": "input"},
                          {"id": "h", "kind": "neuron", "activation": "sigma", "bias": bias},
                          {"id": "y", "kind": "output"}],
                "edges": [{"source": "x1", "target": "h", "weight": weight},
                          {"source": "h", "target": "y", "weight": "1"}]}
    path = tmp_path / "net.json"
    path.write_text(json.dumps(document))
    return str(path)


TOWER = "exp(exp(exp(exp(exp(1)))))"


@pytest.mark.parametrize("argv, where", [
    (["expand", "multiplication_gate", "--degree", "4", "--activation", "sigmoid",
      "--at", TOWER], "--at: "),
    (["expand", "multiplication_gate", "--degree", "4", "--lambda", TOWER], "--lambda: "),
    (["expand", "bit_product", "--degree", "2", "--beta", TOWER], "--beta: "),
    (["width", f"x1*x2 + {TOWER}*x1"], "'x1*x2 + exp"),
])
def test_every_command_line_constant_is_guarded(argv, where, capsys):
    start = time.perf_counter()
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert time.perf_counter() - start < 10
    assert where in err and "nests functions 5 deep" in err and "\n" not in err


@pytest.mark.parametrize("weight, bias", [(TOWER, "0"), ("1", TOWER)])
def test_network_file_weights_and_biases_are_guarded(weight, bias, tmp_path, capsys):
    assert main(["expand", "--network", _network_file(tmp_path, weight, bias),
                 "--degree", "3", "--activation", "sigmoid"]) == 2
    err = capsys.readouterr().err.strip()
    assert "nests functions 5 deep" in err and "\n" not in err
    assert ("weight of x1->h" if weight == TOWER else "bias of h") in err


def test_the_python_api_is_guarded_too():
    net = Network("n")
    with pytest.raises(NetworkError, match="bias of h: .* nests functions 5 deep"):
        net.add_neuron("h", bias=sympy.exp(sympy.exp(sympy.exp(sympy.exp(sympy.E)))))
    with pytest.raises(ExpressionError, match="nests functions 5 deep"):
        parse_polynomial(f"{TOWER}*x1")


def test_claim_formulas_are_guarded(check):
    with pytest.raises(ClaimError, match=r"parameters\.order.*nests functions 5 deep"):
        check("low-order-count", order=f"n^4*{TOWER}")


def test_an_activation_at_a_constant_is_bounded_as_one_tower_on_the_other():
    """exp(exp(exp(x))) at exp(exp(E)) ~ 3.8e6 passes each limit alone and ran without end."""
    act = get_activation("exp(exp(exp(x)))")
    start = time.perf_counter()
    with pytest.raises(ActivationError, match=f"larger than 2\\^{MAX_MAGNITUDE_BITS}"):
        act.coefficients(3, at=parse_expression("exp(exp(E))"))
    assert time.perf_counter() - start < 5
    assert len(act.coefficients(2, at=parse_expression("exp(1/2)"))) == 3


def test_expand_has_a_default_time_limit(capsys, monkeypatch):
    assert symflat.cli.expand.DEFAULT_TIMEOUT == 300
    monkeypatch.setattr(symflat.cli.expand, "DEFAULT_TIMEOUT", 0.5)
    start = time.perf_counter()
    assert main(["expand", "flat_product", "--n", "9", "--degree", "11"]) == 2
    err = capsys.readouterr().err.strip()
    assert time.perf_counter() - start < 30
    assert "did not finish within 0.5 s" in err and "\n" not in err
