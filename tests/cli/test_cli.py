"""The `symflat` command: output formats, exit statuses, and one-line errors."""

import json
import shutil
import subprocess
import sys

import pytest

from symflat.cli import main
from symflat.nets.expansion import expand
from symflat.nets.io import from_json
from symflat.paper.networks import deep_product


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_network_summary_counts(capsys):
    status, out, _ = run(capsys, "network", "deep_product", "--n", "5")
    assert status == 0
    assert "neurons:  18 in 3 hidden layer(s)" in out


def test_network_json_round_trips_through_the_command(capsys, tmp_path):
    status, out, _ = run(capsys, "network", "deep_product", "--n", "3", "--format", "json")
    assert status == 0
    path = tmp_path / "net.json"
    path.write_text(out)
    status, out, _ = run(capsys, "expand", "--network", str(path), "--degree", "3", "--json")
    data = json.loads(out)
    assert data["outputs"][0]["terms"] == [{"exponents": {"x1": 1, "x2": 1, "x3": 1},
                                            "coefficient": "1"}]
    assert from_json(path.read_text()).neuron_count == deep_product(3).neuron_count


def test_network_dot(capsys):
    status, out, _ = run(capsys, "network", "multiplication_gate", "--format", "dot")
    assert status == 0 and out.startswith('digraph "multiplication_gate"')


@pytest.mark.parametrize("dot", [True, False], ids=["graphviz", "no-graphviz"])
def test_network_svg_is_the_drawing_with_or_without_graphviz(capsys, monkeypatch, dot):
    if not dot:
        monkeypatch.setattr("symflat.layout.shutil.which", lambda name: None)
    elif shutil.which("dot") is None:
        pytest.skip("graphviz is not installed")
    status, out, _ = run(capsys, "network", "deep_product", "--n", "4", "--format", "svg")
    assert status == 0 and out.startswith("<svg")
    assert f'data-engine="{"dot" if dot else "builtin"}"' in out
    assert "±λ" in out and "**" not in out and "L1g0" not in out


def test_expand_json_schema(capsys):
    status, out, _ = run(capsys, "expand", "flat_product", "--n", "2", "--degree", "4", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["network"] == "flat_product_2" and data["degree"] == 4
    assert data["activation"] == "generic"
    terms = data["outputs"][0]["terms"]
    assert {"exponents": {"x1": 3, "x2": 1}, "coefficient": "2*sigma4/sigma2"} in terms
    expected = expand(deep_product(2), 4)  # same polynomial, other network
    assert len(terms) == len(expected.terms("y"))


def test_expand_text_with_exact_activation_and_shift(capsys):
    status, out, _ = run(capsys, "expand", "multiplication_gate", "--degree", "2",
                         "--activation", "sigmoid", "--at", "1", "--lambda", "1/10")
    assert status == 0 and out.strip() == "y = x1*x2 + O(|x|^3)"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["network", "nope"], "unknown network 'nope'"),
        (["network"], "name a gallery network"),
        (["expand", "flat_product", "--degree", "2", "--activation", "relu"], "not analytic"),
        (["expand", "flat_product", "--degree", "2", "--activation",
          "__import__('os').system('touch pwned')"], "neither a known name"),
        (["expand", "multiplication_gate", "--degree", "2", "--activation", "sigmoid"],
         "divides by sigma2"),
        (["expand", "multiplication_gate", "--n", "3", "--degree", "2"], "takes no n"),
        (["expand", "bit_product", "--degree", "1", "--at", "1"], "does not take shift"),
        (["expand", "flat_product", "--degree", "-1"], "degree"),
        (["expand", "flat_product", "--degree", "2", "--lambda", "0.1"], "write 1/10"),
        (["expand", "--network", "/nonexistent.json", "--degree", "2"], "cannot read"),
        (["expand", "flat_product", "--network", "x.json", "--degree", "2"], "not both"),
        (["network", "flat_product", "--n", "0"], "n >= 1"),
    ],
)
def test_user_mistakes_give_one_line_and_status_2(capsys, tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, *argv)
    assert status == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "pwned").exists()


def test_bad_network_file_names_the_file(capsys, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"nodes": [{"id": "x1", "kind": "input"}], "edges": []}')
    status, _, err = run(capsys, "expand", "--network", str(path), "--degree", "1")
    assert status == 2 and "bad.json: the network has no output" in err


def test_the_installed_command_runs_without_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "symflat.cli", "expand", "nope", "--degree", "1"],
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    help_text = subprocess.run([sys.executable, "-m", "symflat.cli", "expand", "--help"],
                               capture_output=True, text=True, check=True).stdout
    assert "--activation" in help_text


def test_expand_stops_at_its_time_limit_with_one_line(capsys):
    status, out, err = run(capsys, "expand", "flat_product", "--n", "9", "--degree", "11",
                           "--timeout", "0.5")
    assert status == 2 and out == ""
    assert err.strip().count("\n") == 0 and "did not finish within 0.5 s" in err


# -- one notation: the input grammar, natural order, abbreviation ----------------------------

@pytest.mark.parametrize("argv", [
    ("width", "x1^3 - 3*x1*x2^2", "--timeout", "5"),
    ("width", "x1^4 + x2^4 + x1*x2", "--timeout", "5"),  # cases by the signs of sigma
    ("width", "x1^3 - x1", "--timeout", "5"),  # Sylvester's bound, cases by sign
    ("sweep", "monomials", "--max-degree", "3", "--max-vars", "2", "--list"),
    ("expand", "flat_product", "--n", "3", "--degree", "5"),
    ("expand", "multiplication_gate", "--degree", "4", "--activation", "sigmoid", "--at", "1"),
    ("compile", "x1^2*x10 + x2*x3"),
    ("compare", "x1*x2*x3"),
])
def test_terminal_output_is_written_in_the_input_grammar(capsys, argv):
    status, out, _ = run(capsys, *argv)
    assert status == 0 and out and "**" not in out


def test_products_echo_their_variables_in_natural_order(capsys):
    product = "*".join(f"x{i}" for i in range(11, 0, -1))
    status, out, _ = run(capsys, "compile", product)
    assert status == 0
    assert out.splitlines()[0].startswith("P = " + "*".join(f"x{i}" for i in range(1, 12)))


def test_an_expansion_says_where_it_is_truncated(capsys):
    status, out, _ = run(capsys, "expand", "flat_product", "--n", "3", "--degree", "5")
    assert status == 0
    assert out.strip().startswith("y = x1*x2*x3 + ") and out.strip().endswith(" + O(|x|^6)")


def test_a_long_polynomial_is_abbreviated_in_the_terminal_and_whole_in_json(capsys):
    from symflat.exact.polynomial import parse_polynomial

    text = "(x1 + x2 + x3 + x4 + x5 + 1)^4"  # C(9, 5) = 126 terms
    poly = parse_polynomial(text)
    status, out, _ = run(capsys, "compile", text)
    assert status == 0
    first = out.splitlines()[0]
    assert f"… and {len(poly.terms) - 8} more terms (--json prints all)" in first
    assert first.count(" + ") == 7  # the eight leading terms, all positive
    status, out, _ = run(capsys, "compile", text, "--json")
    assert status == 0 and parse_polynomial(json.loads(out)["polynomial"]) == poly


def test_a_sweep_prints_its_polynomials_in_the_input_grammar(capsys, tmp_path):
    polys = tmp_path / "polys.txt"
    polys.write_text("x10*x2**2\nx1**3\n")
    status, out, _ = run(capsys, "sweep", "file", str(polys), "--model", "no-bias",
                         "--store", str(tmp_path / "s.sqlite"))
    assert status == 0 and "**" not in out
    lines = out.splitlines()
    assert lines[1].startswith("x2^2*x10 ") and lines[2].startswith("x1^3 ")


def test_a_sweep_table_has_a_short_repr_and_a_typeset_display(tmp_path):
    import symflat

    polys = tmp_path / "polys.txt"
    polys.write_text("x10*x2**2\n")
    rows = symflat.sweep("file", path=polys, store=tmp_path / "s.sqlite")
    assert repr(rows) == "SweepTable(2 rows: 2 exact)"  # both models
    html = rows._repr_html_()
    assert "$x_{2}^{2} x_{10}$" in html and "**" not in html
