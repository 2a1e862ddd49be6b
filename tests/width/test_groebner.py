"""The two Gröbner engines decide the same systems (symflat.width.groebner)."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sympy

from symflat.width.exhaustive import exhaustive_check, width_system
from symflat.width.groebner import basis_is_one, engine_available, singular_script
from symflat.width.model import as_model
from symflat.width.polynomials import as_polynomial

needs_singular = pytest.mark.skipif(not engine_available("singular"),
                                    reason="Singular is not installed")

CASES = [("x1*x2", "output-bias", "generic", 2), ("x1*x2", "output-bias", "generic", 3),
         ("x1^2*x2", "no-bias", "tanh", 2), ("x1^2*x2", "no-bias", "tanh", 3),
         ("x1^3", "no-bias", "sigmoid", 2), ("x1^3", "no-bias", "sigmoid", 3),
         ("x1*x2", "affine", "tanh", 2), ("x1*x2", "affine", "generic", 2),
         ("x1^2 + x2^2", "output-bias", "generic", 2)]


@needs_singular
@pytest.mark.parametrize(("text", "name", "activation", "m"), CASES)
def test_singular_and_sympy_agree(text, name, activation, m):
    eqs, unknowns = width_system(as_polynomial(text), as_model(name, activation), m)
    assert basis_is_one(eqs, unknowns, "singular", 60) == basis_is_one(eqs, unknowns, "sympy")


@needs_singular
def test_singular_reaches_what_sympy_allows_only_with_twelve_unknowns():
    # x1 x2 x3 with tanh: 3 neurons (12 unknowns) cannot work; 4 can (the parity half)
    below = exhaustive_check("x1*x2*x3", as_model("no-bias", "tanh"), 4, engine="singular")
    assert below.feasible is False and "singular" in below.note
    at = exhaustive_check("x1*x2*x3", as_model("no-bias", "tanh"), 4, neurons=4,
                          engine="singular")
    assert at.feasible is True


def test_the_script_names_only_renamed_unknowns():
    a, w, evil = sympy.symbols("a w evil")
    script = singular_script([a * w - sympy.Rational(3, 7)], [a, w])
    assert script.splitlines()[:2] == ["ring r = 0, (v1, v2), dp;",
                                       "ideal i = (1/1)*v1*v2 + (-3/7);"]
    with pytest.raises(ValueError, match="not unknowns"):
        singular_script([a * evil], [a])


@pytest.mark.skipif(not engine_available("singular"), reason="Singular is not installed")
def test_singular_reads_fractions_after_powers_as_sympy_does():
    # sympy prints a^2*w/2; Singular refused that text (it reads ^2/2 as a rational power)
    a, w = sympy.symbols("a w")
    for system in ([a**2 * w / 2 - 1, a**3 / 3], [a**2 * w / 2 - 1, a * w**2 / 5 - 2]):
        assert basis_is_one(system, [a, w], "singular") == basis_is_one(system, [a, w], "sympy")
    assert basis_is_one([a**2 * w / 2 - 1, a**3 / 3], [a, w], "singular") is True


@pytest.mark.skipif(not engine_available("singular") or shutil.which("setpriv") is None,
                    reason="Singular or setpriv is not installed")
def test_singular_dies_with_the_process_that_started_it():
    """A parent killed outright (SIGKILL: no Python cleanup runs) takes Singular with it."""
    parent = subprocess.Popen([sys.executable, "-c",
                               "from symflat.width.groebner import run_singular\n"
                               "run_singular('while (1) {}', 120)\n"])
    try:
        deadline = time.monotonic() + 30
        children: list[int] = []
        while not children and time.monotonic() < deadline:
            time.sleep(0.2)
            listed = subprocess.run(["pgrep", "-P", str(parent.pid)], capture_output=True,
                                    text=True, check=False).stdout.split()
            children = [int(pid) for pid in listed
                        if "Singular" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")]
        assert children, "Singular did not start"
        parent.kill()
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while Path(f"/proc/{children[0]}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        status = Path(f"/proc/{children[0]}/status")
        alive = status.exists() and "zombie" not in status.read_text(errors="replace")
        assert not alive
    finally:
        parent.kill()
