"""Checkers of the multiplication approximator (Eq. 11, Fig. 2, footnote 4, corollary)."""

import sympy

from symflat.exact.expressions import parse_expression


def test_eq11_leading_error_and_altered_denominator(check):
    verdict = check("eq11")
    assert verdict.status == "verified"
    s2, s4, u, v = sympy.symbols("sigma2 sigma4 x1 x2")
    error = parse_expression(verdict.certificate["leading_error_derivative"])
    assert sympy.simplify(error - s4 / (6 * s2) * u * v * (u**2 + v**2)) == 0
    assert check("eq11", denominator="2*sigma2").status == "refuted"


def test_lambda_limit_text_refuted_caption_verified(check):
    text = check("lambda-limit")
    assert text.status == "refuted" and r"\lambda\to 0" in text.corrected
    assert text.certificate["error_power_of_lambda"] == 2
    assert check("fig2-lambda").status == "verified"
    assert check("lambda-limit", limit="0").status == "verified"
    assert check("fig2-lambda", output_power=-1).status == "refuted"


def test_lambda_10_rigorous_bracket(check):
    verdict = check("lambda-10")
    assert verdict.status == "conditional" and not verdict.numerical
    lower = sympy.Rational(verdict.certificate["lower"])
    upper = sympy.Rational(verdict.certificate["upper"])
    assert sympy.Rational(33, 10000) < lower < sympy.Rational(334, 100000) < upper < 0.01
    assert check("lambda-10", tolerance="1/1000").status == "refuted"


def test_copy_gate_and_network_size(check):
    assert check("copy-gate").status == "verified"
    assert check("copy-gate", output_power=-2).status == "refuted"
    assert check("corollary-size").status == "verified"
    assert check("corollary-size").label == "verified for every product x1⋯xn, n ≥ 2"
    assert check("corollary-size", factor=3).status == "refuted"


def test_corollary_compiler_proved_for_every_polynomial(check):
    """Proved by the induction over the program's steps (scope all), with the seeded random
    polynomials as a cross-check whose generator is recorded; a smaller printed factor is
    refuted with the construction's own bound."""
    from symflat.paper.compile_real import random_polynomial

    v = check("corollary-compiler", polynomials=5, seed=7)
    assert v.status == "verified" and v.proved and v.scope.kind == "all"
    assert "4 P + 2 S <= 4 M" in v.evidence and "4 - 2 S/M" in v.evidence
    assert v.certificate["costs"] == {"empty": 0, "product": 4, "square": 2}
    assert v.certificate["instances"]["seed"] == 7
    assert any(random_polynomial(7).to_text() in line for line in v.details)
    refuted = check("corollary-compiler", polynomials=2, factor=3)
    assert refuted.status == "refuted" and "4M" in refuted.corrected


def test_curvature_bias(check):
    """'always arranged by a bias' holds exactly for the non-affine σ."""
    v = check("curvature-bias")
    assert v.status == "conditional" and "identity, relu" in v.evidence
    assert "sigmoid, tanh have σ''(0) = 0" in v.evidence
    assert check("curvature-bias", activations=["sigmoid", "x + x^3"]).status == "verified"
    assert check("curvature-bias", activations=["2*x + 1"]).status == "conditional"
