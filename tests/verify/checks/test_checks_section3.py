"""The Section III network checkers (symflat/checks/section3.py) on the catalog's claims."""

from __future__ import annotations

import pytest

from symflat.verify.claims import ClaimError


def test_fft_and_hadamard_networks_verified(check):
    v = check("fft-network", m=[1, 4])
    assert v.status == "verified" and "planted errors all caught" in v.evidence
    assert v.certificate["caught"] == v.certificate["planted_errors"] > 0
    assert check("hadamard-network", m=[1, 3]).status == "verified"


def test_low_rank_network_is_conditional_with_a_counterexample(check):
    v = check("low-rank-network", sizes=[[4, 1], [8, 3]])
    assert v.status == "conditional" and v.corrected
    assert v.certificate["sparse_counterexample"] == [4, 1, 2, 1]


def test_sparse_products_verified_with_numerical_details(check):
    v = check("eq27-networks", enumerate_n=[2, 2], sample_n=[4], sample_p=["1/4"], trials=300)
    assert v.status == "verified" and not v.numerical
    assert any(line.startswith("numerical") for line in v.details)


def test_strassen_claims(check):
    v = check("strassen-network", sizes=[2], error_terms=False)
    assert v.status == "verified" and v.certificate["altered_detected"] == 14
    v = check("strassen-linear", k=[1, 16])
    assert v.status == "verified" and "n = 65536" in v.evidence and "n = 64" in v.evidence


def test_markov_claims(check):
    """Proved for every chain; the seeded chains are the cross-check, kept with their
    generator (count, seeds, sizes) in the certificate."""
    small = {"factored": [[1, 2, 2, 3], [2, 2, 2, 3]], "seeds": [6, 7],
             "sparse": [[2, 3, 3, 4]], "sparse_seeds": [0, 1]}
    for ident in ("theorem2", "corollary2"):
        v = check(ident, **small)
        assert v.status == "verified" and v.proved and v.scope.kind == "all"
        cross = v.certificate["cross_check"]
        assert cross["status"] == "sampled" and cross["scope"]["count"] == 6
        assert cross["scope"]["generator"]["seeds"] == [6, 7]
        assert "cross-check holds on all 6 seeded Markov chains" in v.evidence
        assert any(line.startswith("[ok] ") for line in v.details)
    dpi = {"factored": [[1, 2, 2, 2]], "seeds": [3, 4], "sparse": [[3, 3, 4]],
           "sparse_seeds": [0, 0]}
    for ident in ("eq21", "eq21-equality"):
        v = check(ident, **dpi)
        assert v.status == "verified" and v.proved
        assert v.certificate["cross_check"]["scope"]["generator"]["sparse"] == [[3, 3, 4]]
    with pytest.raises(ClaimError, match="parameters.part"):
        check("eq21", part="both", **dpi)


def test_markov_claims_without_a_proof_are_only_sampled(check, monkeypatch):
    """Were a proof step not confirmed, the seeded chains alone would give 'sampled', never
    'verified'; a counterexample on a chain would win over any proof."""
    import symflat.paper.markov_proofs as proofs
    from symflat.paper.proof import Proof, ProofStep

    broken = Proof("broken", (ProofStep("a step", 0, 1, False, "not confirmed"),))
    monkeypatch.setattr(proofs, "theorem2_proof", lambda: broken)
    v = check("theorem2", factored=[[1, 2, 2]], seeds=[0, 1], sparse=[[2, 2, 3]],
              sparse_seeds=[0, 0])
    assert v.status == "sampled" and v.label == (
        "holds on all 3 seeded Markov chains (exact rational transitions)")
    assert "step not confirmed: a step" in v.details[-1]


def test_claims_are_in_the_catalog(catalog):
    ids = {"fft-network", "hadamard-network", "low-rank-network", "eq27-networks",
           "strassen-network", "strassen-linear", "theorem2", "corollary2", "eq21",
           "eq21-equality"}
    assert ids <= set(catalog)


def test_figure_data_agrees_with_the_evidence(check):
    """The numbers kept for the report's figures are the ones the verdict was decided on."""
    from symflat.verify.checks import FIGURE_DATA

    v = check("fft-network", m=[1, 3], plant_errors=False)
    rows = v.certificate[FIGURE_DATA]["synapses"]
    assert [[r["n"], r["factored"], r["flat"]] for r in rows] == v.certificate["rows"]
    assert {r["family"] for r in rows} == {"fft"} and all(r["matrix_ok"] for r in rows)
    v = check("strassen-linear", k=[1, 16])
    linear = v.certificate[FIGURE_DATA]["matmul_linear"]
    assert f"n = {linear['first_full']}" in v.evidence and linear["first_full"] == 65536
    assert f"n = {linear['first_best']}" in v.evidence and linear["largest"] == 2**16
    small = {"factored": [[1, 2, 2]], "seeds": [0, 1], "sparse": [[2, 2, 3]],
             "sparse_seeds": [0, 0]}
    v = check("theorem2", **small)
    markov = v.certificate[FIGURE_DATA]["markov"]["rows"]
    assert [r["name"] for r in markov] == ["factored [1, 2, 2] seed 0",
                                           "factored [1, 2, 2] seed 1", "sparse [2, 2, 3] seed 0"]
    patterns = {str(tuple(r["blocks"])) for r in markov}
    assert patterns == set(v.certificate["patterns"])  # the evidence's block patterns
    assert all(r["theorem2"] and r["corollary2"] and r["eq21"] for r in markov)
    v = check("eq27-networks", enumerate_n=[1, 1], sample_n=[4], sample_p=["1/4"], trials=300)
    mc = v.certificate[FIGURE_DATA]["sparse_cost"]["monte_carlo"]
    assert [(r["n"], r["p"], r["mean"]) for r in mc] == [
        (n, p, mean) for n, p, mean, _, _ in v.certificate["monte_carlo"]]
