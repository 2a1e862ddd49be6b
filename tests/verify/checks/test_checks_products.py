"""Checkers of Eqs. 28-32, Appendix A and the deep binary tree (Sec. III.8)."""

import sympy

from symflat.verify.checks.products import sign_sum_proof


def test_general_n_formula():
    steps, leading, error = sign_sum_proof()
    n = sympy.Symbol("n", positive=True, integer=True)
    assert len(steps) == 5
    assert sympy.simplify(leading - sympy.factorial(n) * sympy.Symbol("sigma_n")) == 0
    assert sympy.simplify(error / sympy.factorial(n) / sympy.Symbol("sigma_n2")
                          - (n + 1) * (n + 2) / 6) == 0


def test_eq28_refuted_by_the_factor_n_factorial_sigma_n(check):
    verdict = check("eq28", n=[1, 5])
    assert verdict.status == "refuted"
    assert verdict.certificate["coefficient"] == "sigma_n*n!"  # as the paper writes it
    assert r"2^n n!\,\sigma_n" in verdict.corrected


def test_eq28_with_eq32_normalisation_is_verified(check):
    fixed = check("eq28", n=[1, 5], factorial_power=-1, sigma_power=-1)
    assert fixed.status == "verified"


def test_eq32_verified_and_altered_refuted(check):
    assert check("eq32", n=[1, 6]).status == "verified"
    assert check("eq32", n=[1, 4], two_power=0).status == "refuted"


def test_appendix_a_both_halves_certified(check):
    verdict = check("appendix-a", n=[1, 5])
    assert verdict.status == "verified" and verdict.proved  # for every n, by the proof
    assert verdict.label == "verified for every n ≥ 1 (no output bias)"
    assert any("exact ranks of Cat_t(x1⋯xn) for n = 1..5" in d and "= C(n, t)" in d
               for d in verdict.details)
    assert verdict.certificate["no-bias"] == {str(n): 2**n for n in range(1, 6)}
    assert verdict.certificate["output-bias"] == {str(n): 2**n - 1 for n in range(1, 6)}
    assert check("appendix-a", n=[1, 3], neurons_base=3).status == "refuted"


def test_appendix_a_lower_half_never_verified_without_certificate(monkeypatch, check):
    import symflat.verify.checks.products as products

    monkeypatch.setattr(products, "_width_minimum", lambda n, model: (None, None, "absent"))
    verdict = check("appendix-a", n=[1, 4])
    assert verdict.status == "inconclusive" and "lower half" in verdict.evidence


def test_appendix_a_for_a_range_only_without_the_general_proof(monkeypatch, check):
    """Were the symbolic proof not confirmed, the computed certificates would reach only
    their range: verified for n = 1..4, never for all n."""
    import symflat.paper.product_proofs as proofs
    from symflat.paper.proof import Proof, ProofStep

    monkeypatch.setattr(proofs, "derivative_span_proof",
                        lambda: Proof("broken", (ProofStep("s", 0, 1, False, "no"),)))
    verdict = check("appendix-a", n=[1, 4])
    assert verdict.status == "verified" and verdict.label == "verified for n = 1..4"


def test_no_flattening_holds_only_without_output_bias(check):
    verdict = check("no-flattening-2n", n=[1, 5])
    assert verdict.status == "conditional" and "output bias" in verdict.evidence
    assert verdict.label == "conditional for n = 1..5"  # the output-bias half is computed
    assert check("no-flattening-2n", n=[1, 4], models=["no-bias"]).status == "verified"
    assert check("no-flattening-2n", n=[1, 4], models=["output-bias"]).status == "refuted"


def test_deep_products(check):
    verdict = check("deep-4n", n=[2, 4, 8, 32])
    assert verdict.status == "verified" and "not tight" in verdict.evidence
    assert verdict.label == "verified for every n = 2^k"
    assert check("deep-4n", n=[2, 8], neurons="3*n").status == "refuted"
    # a bound that the built sizes satisfy but larger n break is only verified for them
    partial = check("deep-4n", n=[2, 4, 8], neurons="4*n - 4 + 64 - n")
    assert partial.status == "verified" and partial.label == "verified for n = 2, 4, 8"
    gates = check("deep-gates")
    assert gates.status == "refuted" and "n-1" in gates.evidence
    assert gates.label == "refuted for every n = 2^k" and "off by 1" in gates.evidence
    assert check("deep-gates", gates="n/2").label == "refuted at n = 32"
    assert check("deep-gates", gates="n-1").label == "verified for every n = 2^k"


def test_deep_160_arithmetic(check):
    verdict = check("deep-160")
    assert verdict.status == "refuted"
    assert "128" in verdict.evidence and "124" in verdict.evidence
    assert verdict.certificate["tree_neurons"] == 124
    assert check("deep-160", deep_value="128").status == "conditional"
    assert check("deep-160", deep_value="128",
                 shallow_value="4294967295").status == "refuted"


def test_deep_products_expanded_up_to_n_64_as_a_second_witness(check):
    verdict = check("deep-4n", n=[32, 64])
    assert verdict.status == "verified"
    assert sum("exact expansion (second witness) = x1⋯xn" in d for d in verdict.details) == 2
    assert any("deep_product(32); exact expansion" in d for d in check("deep-160").details)


def test_appendix_a_hypothesis_decided_per_activation(check):
    odd = check("tanh-products-odd", n=[1, 5])
    assert odd.status == "verified"
    assert odd.certificate == {"1": [1, 1], "3": [4, 4], "5": [16, 16]}
    # the Theorem's count, 2^n, is refuted for tanh by a verified smaller network
    assert check("tanh-products-odd", n=[3, 3], neurons="2^n").status == "refuted"
    even = check("tanh-products-even", n=[2, 4])
    assert even.status == "verified" and even.certificate == {"2": "unreachable",
                                                              "4": "unreachable"}
    # odd n is reachable: claiming it unreachable is refuted
    assert check("tanh-products-even", parity="odd", n=[1, 3]).status == "refuted"
    # with an activation satisfying the hypothesis the Theorem's 2^n comes back
    generic = check("sigmoid-products", activation="exp", neurons="2^n", n=[3, 3])
    assert generic.status == "verified"


def test_no_flattening_correction_names_the_hypothesis(check):
    verdict = check("no-flattening-2n", n=[1, 3])
    assert verdict.status == "conditional"
    assert r"\sigma_{k}\neq 0" in verdict.corrected and r"2^{n-1}" in verdict.corrected
