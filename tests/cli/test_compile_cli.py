"""`symflat compile` and `symflat compare`: JSON fields, the saved network, one-line errors."""

import json

import pytest
import sympy

from symflat.cli import main
from symflat.nets.io import from_json


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_compile_json_fields_and_counts_from_the_network(capsys):
    status, out, _ = run(capsys, "compile", "x1*x2*x3 + x1^2", "--json")
    assert status == 0
    data = json.loads(out)
    assert set(data) == {"polynomial", "inputs", "neurons", "depth", "synapses",
                         "multiplications", "verified", "evidence", "network"}
    net = from_json(json.dumps(data["network"]))
    assert (data["neurons"], data["depth"], data["synapses"]) == \
        (net.neuron_count, net.depth, net.synapse_count)
    assert data["verified"] is True and data["inputs"] == "real"
    assert data["multiplications"] == 3  # x1*x2, (x1*x2)*x3, x1^2


def test_saved_network_expands_to_the_polynomial(capsys, tmp_path):
    path = tmp_path / "net.json"
    status, _, _ = run(capsys, "compile", "x^3*y - 2*x + 1/3", "--save-network", str(path))
    assert status == 0
    status, out, _ = run(capsys, "expand", "--network", str(path), "--degree", "4", "--json")
    assert status == 0
    terms = json.loads(out)["outputs"][0]["terms"]
    got = sum(sympy.Rational(t["coefficient"]) * sympy.Mul(
        *(sympy.Symbol(v) ** e for v, e in t["exponents"].items())) for t in terms)
    x, y = sympy.symbols("x y")
    assert sympy.expand(got - (x**3 * y - 2 * x + sympy.Rational(1, 3))) == 0


def test_compile_bits_json_reports_error_and_threshold(capsys):
    status, out, _ = run(capsys, "compile", "x*y*z + x", "--inputs", "bits", "--beta", "30",
                         "--json")
    assert status == 0
    data = json.loads(out)
    assert data["inputs"] == "bits" and data["neurons"] == 2
    evidence = data["evidence"]
    assert evidence["bit_strings"] == 8 and evidence["correct_decimals"] == 6
    assert evidence["beta_for_decimals"]["beta"] == "2*log(19999999999)"


def test_compile_formats(capsys):
    status, out, _ = run(capsys, "compile", "x*y", "--format", "dot")
    assert status == 0 and out.startswith('digraph "compiled"')
    status, out, _ = run(capsys, "compile", "x*y", "--format", "json")
    assert from_json(out).neuron_count == 4
    status, out, _ = run(capsys, "compile", "x^4 + x*y")
    assert "beats: 8 neurons for 3 multiplications" in out
    status, out, _ = run(capsys, "compile", "x*y + z^2", "--format", "svg")
    assert status == 0 and out.startswith("<svg")  # the Fig. 2 drawing, graphviz or not
    assert "× 1/(λ²σ₂)" in out and "b₁ = −σ₀/(λ²σ₂)" in out and "**" not in out


@pytest.mark.parametrize("argv, message", [
    (["compile", "exp(x)"], "not a polynomial"),
    (["compile", "0.25*x"], "write 1/4"),
    (["compile", "x^99"], "degree 99; the limit is 64"),
    (["compile", "x*y", "--beta", "3"], "steepness of bit inputs"),
    (["compile", "x*y", "--inputs", "bits", "--beta", "x"], "beta must be a rational"),
    (["compare", "*".join(f"x{i}" for i in range(1, 12))], "at most 10"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv, message):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_compare_json(capsys):
    status, out, _ = run(capsys, "compare", "x^4", "--json", "--timeout", "5")
    assert status == 0
    data = json.loads(out)
    assert set(data) >= {"polynomial", "shallow", "deep"}
    assert set(data["shallow"]) == {"no-bias", "output-bias"}
    assert set(data["shallow"]["no-bias"]) == {"lower", "upper", "exact", "model"}
    # the shallow side is taken in the class the compiled network lives in
    # (the gates' output carries the constant -sigma0/(lambda^2 sigma2): an output bias)
    assert data["deep_model"] == {"name": "output-bias", "hidden_bias": "none",
                                  "output_bias": True, "activation": "generic", "at": None,
                                  "depth": 1}
    assert data["shallow"]["output-bias"]["model"] == data["deep_model"]
    assert data["deep"] == {"neurons": 4, "depth": 2, "synapses": 8}  # two squarings
    # a one-variable quartic needs 5 terms of sigma without bias, 4 with: both exact
    assert data["shallow"]["no-bias"]["lower"] == 5 and data["shallow"]["output-bias"]["exact"]
    assert data["ratio"]["no-bias"]["lower"] == "5/4"
