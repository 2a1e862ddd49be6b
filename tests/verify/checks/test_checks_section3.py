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
    small = {"factored": [[1, 2, 2, 3], [2, 2, 2, 3]], "seeds": [6, 7],
             "sparse": [[2, 3, 3, 4]], "sparse_seeds": [0, 1]}
    assert check("theorem2", **small).status == "verified"
    assert check("corollary2", **small).status == "verified"
    dpi = {"factored": [[1, 2, 2, 2]], "seeds": [3, 4], "sparse": [[3, 3, 4]],
           "sparse_seeds": [0, 0]}
    assert check("eq21", **dpi).status == "verified"
    assert check("eq21-equality", **dpi).status == "verified"
    with pytest.raises(ClaimError, match="parameters.part"):
        check("eq21", part="both", **dpi)


def test_claims_are_in_the_catalog(catalog):
    ids = {"fft-network", "hadamard-network", "low-rank-network", "eq27-networks",
           "strassen-network", "strassen-linear", "theorem2", "corollary2", "eq21",
           "eq21-equality"}
    assert ids <= set(catalog)
