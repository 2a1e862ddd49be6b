"""Hostile and oversized input at the command line: one line on stderr, exit status 2, no
traceback, nothing written (regression tests of the cases reported against symflat)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

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
