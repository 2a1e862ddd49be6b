"""Hostile and oversized input at the command line: one line on stderr, exit status 2, no
traceback, nothing written (regression tests of the cases reported against symflat)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from symflat.cli.main import main
from symflat.paper.networks import copy_gate


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _network_file(tmp_path, weight):
    data = json.loads(copy_gate().to_json())
    data["edges"][0]["weight"] = weight
    path = tmp_path / "net.json"
    path.write_text(json.dumps(data))
    return path


def test_results_with_integers_over_4300_digits_print(tmp_path):
    path = _network_file(tmp_path, "(2^1000)^15")
    done = subprocess.run([sys.executable, "-m", "symflat", "expand", "--network", str(path),
                           "--degree", "1"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stderr == ""
    digits = max(re.findall(r"\d+", done.stdout), key=len)
    assert len(digits) == 4516 and int(digits[-6:]) == 2**15000 % 10**6


@pytest.mark.parametrize("weight, message", [("NaN", "NaN"), ("Infinity", "Infinity"),
                                             ("1e400", "JSON float"), ("9" * 5000, "digits")])
def test_network_files_with_inexact_numbers(tmp_path, capsys, weight, message):
    data = json.loads(copy_gate().to_json())
    data["edges"][0]["weight"] = "@"
    path = tmp_path / "net.json"
    path.write_text(json.dumps(data).replace('"@"', weight))
    status, out, err = run(capsys, "expand", "--network", str(path), "--degree", "1")
    assert status == 2 and out == "" and message in err and err.count("\n") == 1


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "folder"])
def test_network_argument_that_is_not_a_regular_file(tmp_path, capsys, special):
    path = {"fifo": tmp_path / "fifo.json", "/dev/zero": "/dev/zero",
            "folder": tmp_path}[special]
    if special == "fifo":
        os.mkfifo(path)
    status, out, err = run(capsys, "network", "--network", str(path))
    assert status == 2 and err.count("\n") == 1


@pytest.mark.parametrize("argv", [["network", "flat_product", "--n", "1000000"],
                                  ["network", "fft", "--n", str(2**20)],
                                  ["network", "strassen", "--n", "4096"],
                                  ["network", "naive_matmul", "--n", "1000"]])
def test_oversized_gallery_networks_are_refused(capsys, argv):
    status, out, err = run(capsys, *argv)
    assert status == 2 and "choose a smaller n" in err and err.count("\n") == 1


def one_line_error(status, out, err):
    """The promise for a user's mistake: exit status 2, one line on stderr, no traceback."""
    return status == 2 and err.count("\n") == 1 and "Traceback" not in err


CLAIM = '''[[claim]]
id = "demo"
title = "A demo"
statement = "256^(10^6) > 10^78"
section = "II"
checker = "images-count"
depends = []

[claim.parameters]
values = 256
pixels = 1000000
atoms = "10^78"
'''


def _proofs(folder, text):
    folder.mkdir(exist_ok=True)
    (folder / "claims.toml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("edit, message", [
    (("values = 256", "values = " + "[" * 100_000 + "]" * 100_000), "nested too deeply"),
    (("pixels = 1000000", "pixels = 1000000000000"), "must be at most 1000000000"),
    (("depends = []", 'depends = ["demo"]'), "depends on itself"),
])
@pytest.mark.parametrize("command", ["verify", "report"])
def test_hostile_claim_files(tmp_path, capsys, monkeypatch, edit, message, command):
    monkeypatch.chdir(_proofs(tmp_path / "work", ""))
    proofs = _proofs(tmp_path / "proofs", CLAIM.replace(*edit))
    status, out, err = run(capsys, command, "--proofs", str(proofs),
                           "--store", str(tmp_path / "s.sqlite"))
    assert one_line_error(status, out, err) and message in err
    assert list((tmp_path / "work").iterdir()) == [tmp_path / "work" / "claims.toml"]


@pytest.mark.parametrize("target", ["missing/out", "folder", "/proc/out", "/dev/null"])
@pytest.mark.parametrize("argv", [["width", "x1*x2", "--save-network"],
                                  ["compile", "x1*x2", "--save-network"],
                                  ["sweep", "monomials", "--no-store", "--out"],
                                  ["report", "--claims", "eq12", "--no-figures", "--out"]])
def test_unwritable_outputs_are_refused_before_any_work(tmp_path, capsys, monkeypatch, argv,
                                                        target):
    import symflat.paper.compile
    import symflat.report.api
    import symflat.verify.sweep
    import symflat.width

    def no_work(*args, **kwargs):
        raise AssertionError("the work started before the output was checked")

    for module, name in [(symflat.width, "minimal_width"), (symflat.paper.compile, "compile"),
                         (symflat.verify.sweep, "sweep"), (symflat.report.api, "report")]:
        monkeypatch.setattr(module, name, no_work)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    if argv[0] == "sweep" and target != "/dev/null":
        target += ".csv"
        (tmp_path / "folder.csv").mkdir()
    if argv[0] == "report":  # a folder of its own: a missing one is created, a file is not one
        target = {"missing/out": "file/out", "folder": "file"}.get(target, target)
        (tmp_path / "file").write_text("x")
    before = sorted(tmp_path.rglob("*"))
    status, out, err = run(capsys, *argv, target)
    assert one_line_error(status, out, err) and str(target) in err
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "0", "-1", "1e300", "ten"])
@pytest.mark.parametrize("argv", [["width", "x1*x2", "--timeout"],
                                  ["compare", "x1*x2", "--timeout"],
                                  ["sweep", "monomials", "--no-store", "--timeout"],
                                  ["sweep", "monomials", "--no-store", "--search-timeout"]])
def test_timeouts_must_be_finite_and_positive(capsys, argv, value):
    status, out, err = run(capsys, *argv[:-1], f"{argv[-1]}={value}")
    assert one_line_error(status, out, err)
    assert f"argument {argv[-1]}: {value!r} is not a number of seconds" in err


def test_usage_errors_are_one_line(capsys):
    for argv in (["width"], ["width", "x1", "--no-such-option"], ["frobnicate"], []):
        status, out, err = run(capsys, *argv)
        assert one_line_error(status, out, err) and "--help" in err


def test_unreadable_store_names_commands_that_exist(tmp_path, capsys):
    store = tmp_path / "s.sqlite"
    store.write_bytes(b"not a database" * 100)
    status, out, err = run(capsys, "report", "--claims", "eq12", "--no-figures", "--store",
                           str(store), "--out", str(tmp_path / "out"))
    assert one_line_error(status, out, err) and "unreadable" in err
    named = re.findall(r"'symflat (\w+) (--\w+)'", err)
    assert named, err
    for command, option in named:  # every command the hint names has the option it names
        assert f" {option} " in main_help(capsys, command)


def main_help(capsys, command):
    assert main([command, "--help"]) == 0
    return capsys.readouterr().out.replace("\n", " ")


def test_pdf_build_with_a_non_utf8_log_is_one_line(tmp_path, capsys, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    latexmk = bin_dir / "latexmk"  # prints and logs a Latin-1 byte, then fails, as TeX may
    latexmk.write_text("#!/bin/sh\nprintf 'caf\\351\\n'\n"
                       "printf '! Undefined control sequence \\351.\\n' > report.log\nexit 12\n")
    latexmk.chmod(0o755)
    (bin_dir / "pdflatex").symlink_to(latexmk)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    status, out, err = run(capsys, "report", "--claims", "eq12", "--no-figures", "--format",
                           "pdf", "--store", str(tmp_path / "s.sqlite"),
                           "--out", str(tmp_path / "out"))
    assert one_line_error(status, out, err)
    assert "latexmk failed on report.tex (exit 12): ! Undefined control sequence \ufffd." in err


@pytest.mark.parametrize("activation", ["exp(exp(exp(exp(x))))", "tanh(1 + tanh(tanh(tanh(x))))"])
def test_deeply_nested_activations_are_refused(capsys, activation):
    status, out, err = run(capsys, "expand", "copy_gate", "--degree", "3",
                           "--activation", activation)
    assert one_line_error(status, out, err) and "more than 3 deep" in err
    assert run(capsys, "expand", "copy_gate", "--degree", "3",
               "--activation", "exp(exp(exp(x)))")[0] == 0


# ------------------------------------------------------------------------------------------
# Property-based: generated hostile strings, JSON networks and TOML claims at every entry
# point, run in-process; each gives one line and exit status 2, or succeeds, and never writes
# into the working folder.
# ------------------------------------------------------------------------------------------

HOSTILE_WORDS = ["nan", "inf", "-inf", "1e400", "9" * 5000, "(" * 300 + "x1" + ")" * 300,
                 "x1^99999999", "10^10^10", "\x00", "exp(exp(exp(exp(x1))))", "1/0", "x1/0",
                 "sqrt(-1)", "__import__('os').system('touch pwned')", "x1^-1", "x1**0.5",
                 "(x1+x2+x3+x4+x5+x6+x7+x8+x9+x10+1)^30", "x1*x2*x3", "x1^2 + x2^2", "x"]
TEXT = st.one_of(st.text(max_size=30), st.sampled_from(HOSTILE_WORDS),
                 st.tuples(st.sampled_from(HOSTILE_WORDS), st.text(max_size=8)).map("".join))
POLYNOMIALS = st.one_of(TEXT, st.sampled_from(["x1*x2", "x1^2 + x2^2", "x1*x2*x3 - 1/2",
                                                "x1"]))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12)
TOML_VALUES = st.one_of(
    st.integers(), st.integers(1, 2**32), TEXT.map(json.dumps),
    st.sampled_from(["[1, 1000000000]", "[[[[]]]]", "{}", "nan", "inf", "true", "[]",
                     "[" * 500 + "]" * 500]),
    st.lists(st.integers(-5, 10**10), max_size=5).map(str))
FUZZ = settings(max_examples=25, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))


def _network_text(data) -> str:
    """A network file: copy_gate's JSON with one field replaced, or any JSON at all."""
    kind, value, where = data
    if kind == "any":
        return json.dumps(value)
    net = json.loads(copy_gate().to_json())
    if where == "graph":
        net["graph"] = value
    elif where == "node":
        net["nodes"][0]["bias"] = value
    else:
        net["edges"][0]["weight"] = value
    return json.dumps(net)


NETWORKS = st.tuples(st.sampled_from(["any", "field"]), JSON_VALUES,
                     st.sampled_from(["graph", "node", "edge"])).map(_network_text)


def _claim_text(data) -> str:
    raw, field, value = data
    if raw is not None:
        return raw
    return CLAIM.replace({"values": "values = 256", "pixels": "pixels = 1000000",
                          "atoms": 'atoms = "10^78"', "depends": "depends = []"}[field],
                         f"{field} = {value}")


CLAIMS = st.tuples(st.none() | TEXT, st.sampled_from(["values", "pixels", "atoms", "depends"]),
                   TOML_VALUES).map(_claim_text)


def _hostile_run(argv, files=()):
    """Run ``argv`` (``{home}`` stands for a scratch folder outside the working one)."""
    with tempfile.TemporaryDirectory() as scratch:
        home, work = Path(scratch), Path(scratch) / "work"
        work.mkdir()
        for name, text in files:
            (home / name).parent.mkdir(exist_ok=True)
            (home / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        previous = os.getcwd()
        out, err = io.StringIO(), io.StringIO()
        os.chdir(work)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = main([arg.replace("{home}", str(home)) for arg in argv])
        finally:
            os.chdir(previous)
        created = list(work.iterdir())
    err = err.getvalue()
    assert "Traceback" not in err and created == []
    assert status == 0 or one_line_error(status, out.getvalue(), err), (status, err)


@FUZZ
@given(NETWORKS)
def test_fuzz_network_files(text):
    files = [("net.json", text)]
    _hostile_run(["network", "--network", "{home}/net.json", "--format", "json"], files)
    _hostile_run(["expand", "--network", "{home}/net.json", "--degree", "2"], files)


@FUZZ
@given(TEXT)
def test_fuzz_activations_and_gallery_options(text):
    _hostile_run(["expand", "copy_gate", "--degree", "3", "--activation", text])
    _hostile_run(["network", "multiplication_gate", "--lambda", text])


@FUZZ
@given(POLYNOMIALS)
def test_fuzz_polynomials(text):
    _hostile_run(["width", text, "--timeout", "2"])
    _hostile_run(["compile", text])
    _hostile_run(["compare", text, "--timeout", "2"])


@settings(FUZZ, max_examples=6)
@given(st.lists(POLYNOMIALS, min_size=1, max_size=3))
def test_fuzz_sweep_files(lines):
    _hostile_run(["sweep", "file", "{home}/list.txt", "--no-store", "--timeout", "2"],
                 [("list.txt", "\n".join(lines))])


@FUZZ
@given(CLAIMS)
@example(CLAIM)  # and claims that are checked: nothing is written beside them either
@example(CLAIM.replace("values = 256", "values = 2"))
def test_fuzz_claim_files(text):
    files = [("proofs/claims.toml", text)]
    _hostile_run(["verify", "--proofs", "{home}/proofs", "--store", "{home}/s.sqlite"], files)
    _hostile_run(["report", "--proofs", "{home}/proofs", "--store", "{home}/s.sqlite",
                  "--no-figures", "--out", "{home}/out"], files)



@pytest.mark.parametrize("value", ["1000000000", "-1", "51", "²", "9" * 5000, "3.5"])
def test_expansion_degree_is_bounded(capsys, value):
    status, out, err = run(capsys, "expand", "copy_gate", f"--degree={value}")
    assert one_line_error(status, out, err) and "is not a degree from 0 to 50" in err
