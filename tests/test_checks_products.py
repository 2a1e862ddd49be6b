"""Checkers of Eqs. 28-32, Appendix A and the deep binary tree (Sec. III.8)."""

import sympy
from _checkhelp import check

from symflat.checks.products import sign_sum_proof


def test_general_n_formula():
    steps, leading, error = sign_sum_proof()
    n = sympy.Symbol("n", positive=True, integer=True)
    assert len(steps) == 5
    assert sympy.simplify(leading - sympy.factorial(n) * sympy.Symbol("sigma_n")) == 0
    assert sympy.simplify(error / sympy.factorial(n) / sympy.Symbol("sigma_n2")
                          - (n + 1) * (n + 2) / 6) == 0


def test_eq28_refuted_by_the_factor_n_factorial_sigma_n():
    verdict = check("eq28", n=[1, 5])
    assert verdict.status == "refuted"
    assert verdict.certificate["coefficient"] == "sigma_n*factorial(n)"
    assert r"2^n n!\,\sigma_n" in verdict.corrected


def test_eq28_with_eq32_normalisation_is_verified():
    fixed = check("eq28", n=[1, 5], factorial_power=-1, sigma_power=-1)
    assert fixed.status == "verified"


def test_eq32_verified_and_altered_refuted():
    assert check("eq32", n=[1, 6]).status == "verified"
    assert check("eq32", n=[1, 4], two_power=0).status == "refuted"


def test_appendix_a_lower_half_never_verified_without_certificate():
    verdict = check("appendix-a", n=[1, 5])
    assert verdict.status in ("inconclusive", "verified")
    if verdict.status == "inconclusive":
        assert "lower half" in verdict.evidence
    assert check("appendix-a", n=[1, 3], neurons_base=3).status == "refuted"


def test_deep_products():
    verdict = check("deep-4n", n=[2, 4, 8, 32])
    assert verdict.status == "verified" and "not tight" in verdict.evidence
    assert check("deep-4n", n=[2, 8], neurons="3*n").status == "refuted"
    gates = check("deep-gates")
    assert gates.status == "refuted" and "n-1" in gates.evidence
    assert check("deep-gates", gates="n-1").status == "verified"


def test_deep_160_arithmetic():
    verdict = check("deep-160")
    assert verdict.status == "refuted"
    assert "128" in verdict.evidence and "124" in verdict.evidence
    assert verdict.certificate["tree_neurons"] == 124
    assert check("deep-160", deep_value="128").status in ("inconclusive", "verified")
    assert check("deep-160", deep_value="128",
                 shallow_value="4294967295").status == "refuted"
