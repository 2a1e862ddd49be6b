"""Eq. 24's power counting (symflat/verify/checks/renormalization.py)."""


def test_eq24_depends_on_the_reading_of_the_coarse_field(check):
    printed = check("eq24")
    assert printed.status == "conditional" and "b**6, b**4, b**2" in printed.evidence
    assert printed.label.startswith("conditional for every block size b")
    assert check("eq24", field_power=0).status == "verified"
    assert check("eq24", field_power=0, exponent="3-2*i").status == "refuted"
