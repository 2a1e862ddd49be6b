"""Checkers of the bit-product gate (Eq. 13)."""

import sympy


def test_eq13_verified_and_wrong_offset_refuted(check):
    assert check("eq13", k=[1, 4]).status == "verified"
    assert check("eq13", k=[1, 3], offset="3/2").status == "refuted"
    assert check("eq13", k=[1, 3], offset="0").status == "refuted"


def test_eq13_beta_printed_threshold_refuted_with_rigorous_counterexample(check):
    verdict = check("eq13-beta")
    assert verdict.status == "refuted"
    assert verdict.certificate["counterexample_beta"] == "24"
    # independent exact check: 1/(1 + e^12) > 10^-10 because e^12 < 3^12 < 10^10 - 1
    assert 3**12 < 10**10 - 1 and sympy.E**12 < 3**12
    assert "46" in verdict.corrected


def test_eq13_beta_corrected_threshold_verified(check):
    assert check("eq13-beta", threshold="2*D*log(10)", approximation="46").status == "verified"
    assert check("eq13-beta", threshold="2*log(10^D - 1)",
                 approximation="46").status == "verified"


def test_bits_posterior_is_conditional_on_positive_probabilities(check):
    v = check("bits-posterior", n=[1, 3], classes=3, seed=5)
    assert v.status == "conditional" and "p(x|y) > 0" in v.evidence
    assert v.label == "conditional for every n and number of classes"
    # the compiled middle layer never needs more than 2^n - 1 shared neurons
    assert all(c <= 2 ** int(n) - 1 for n, c in v.certificate["shared_neurons"].items())
    assert len(v.certificate["beta_for_decimals"]) > 0
