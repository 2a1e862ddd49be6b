"""Counting checkers: Eqs. 9 and 12, Boolean functions, Hamiltonian parameters."""



def test_eq9_count_verified_for_all_n_d_and_altered_refuted(check):
    verdict = check("eq9-count")
    assert verdict.status == "verified" and "all n, d" in verdict.evidence
    wrong = check("eq9-count", factorials_under=["n", "d+1"])
    assert wrong.status == "refuted" and "counterexample" in wrong.certificate


def test_low_order_count(check):
    assert check("low-order-count").status == "verified"
    assert check("low-order-count", order="n^3").status == "refuted"


def test_eq12_verified_and_wrong_base_refuted(check):
    assert check("eq12").status == "verified"
    assert check("eq12", count_base=3).status == "refuted"


def test_boolean_count_threshold_not_tight_and_wrong_threshold_refuted(check):
    verdict = check("boolean-count")
    assert verdict.status == "verified"
    assert verdict.certificate["least_n"] == 260  # 2^259 < 10^78 < 2^260
    assert 2**259 < 10**78 < 2**260
    wrong = check("boolean-count", threshold=250)
    assert wrong.status == "refuted" and "260" in wrong.evidence


def test_images_count(check):
    assert check("images-count").status == "verified"
    assert check("images-count", values=2, pixels=100).status == "refuted"


def test_param_counts_conditional_names_the_hypothesis(check):
    verdict = check("param-counts")
    assert verdict.status == "conditional" and verdict.label == "conditional for n = 3..12"
    # the reading kept drops the linear terms; dropping the on-site squares also reproduces
    # 2n and 3 but leaves H unbounded below, which the details say
    assert "linear terms h_i x_i" in verdict.evidence and "3*n" in verdict.evidence
    assert "on-site" not in verdict.evidence
    assert any("eigenvalues -J/2, J/2" in d for d in verdict.details)
    # the natural reading's counts are verified, a wrong d = 2 count refuted
    assert check("param-counts", local="3*n", symmetric="4").status == "verified"
    assert check("param-counts", quadratic="n^2").status == "refuted"


def test_locality_degree(check):
    """d <= z fails only for z + 1 spins all coupled to each other (clique reading); a
    spin with its neighbours (neighbourhood reading) breaks it on every graph."""
    printed = check("locality-degree")
    assert printed.status == "conditional" and printed.label == (
        "conditional for every coupling graph")
    assert "K_(z+1)" in printed.evidence
    assert check("locality-degree", bound="z+1").status == "verified"
    assert check("locality-degree", reading="neighbourhood").status == "refuted"
