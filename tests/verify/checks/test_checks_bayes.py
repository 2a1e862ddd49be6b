"""Checkers of Sec. II.1-II.2 (Bayes' theorem as a softmax)."""



def test_eq8_verified_and_altered_sign_refuted(check):
    assert check("eq8").status == "verified"
    wrong = check("eq8", sign_mu=1)
    assert wrong.status == "refuted" and "softmax" in wrong.evidence


def test_eq3_typo_refuted_and_corrected_verified(check):
    printed = check("eq3")
    assert printed.status == "refuted" and r"\mu_y" in printed.corrected
    assert check("eq3", prior_subscript="y").status == "verified"


def test_eq7_typo_refuted_and_corrected_verified(check):
    printed = check("eq7")
    assert printed.status == "refuted" and "x_i" in printed.corrected
    assert check("eq7", denominator_variable="x").status == "verified"


def test_eq1_as_printed_and_corrected(check):
    printed = check("eq1")
    assert printed.status == "refuted" and "sum to" in printed.evidence
    assert printed.label == "refuted at K = 2"
    fixed = check("eq1", denominator="q*prior")
    assert fixed.status == "verified" and fixed.proved
    assert check("eq1", denominator="q").status == "refuted"  # the prior dropped


def test_eq14_gaussian_form(check):
    printed = check("eq14")
    assert printed.status == "refuted" and "free index j" in printed.evidence
    fixed = check("eq14", linear_index="i", n=[1, 4])
    assert fixed.status == "verified" and fixed.label == "verified for every dimension n"
    assert sum(d.startswith("n=") for d in fixed.details) == 4
