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
