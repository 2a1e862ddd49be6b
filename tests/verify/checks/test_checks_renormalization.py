"""Eq. 24's power counting (symflat/verify/checks/renormalization.py)."""


def test_eq24_depends_on_the_reading_of_the_coarse_field(check):
    printed = check("eq24")
    assert printed.status == "conditional" and "b^6, b^4, b^2" in printed.evidence
    assert printed.label.startswith("conditional for every block size b")
    assert check("eq24", field_power=0).status == "verified"
    assert check("eq24", field_power=0, exponent="3-2*i").status == "refuted"


def test_eq24_lattice_refuted_with_y0_exact_and_the_massless_limit(check):
    """The exact block-average step keeps y0' = b^2 y0 but not the rest; the finite lattices
    (two exact methods) agree with the symbolic kernel at every rational momentum."""
    v = check("eq24-lattice", sizes=[3, 4], sizes_2d=[3, 3], blocks=[2, 2])
    assert v.status == "refuted" and v.scope.kind == "range"
    assert "y0' = b^2 y0 holds exactly" in v.evidence and "equal only at y0 = 0" in v.evidence
    assert "kernel = lattice at all 9 momenta" in "\n".join(v.details)
    assert not any("0.5" in line for line in v.details)  # exact powers of b, never floats
    assert r"y_1' = b^{0} y_1" in v.corrected


def test_eq24_lattice_refuses_bad_couplings(check):
    import pytest

    from symflat.errors import SymflatError

    with pytest.raises(SymflatError, match="y_0 > 0"):
        check("eq24-lattice", couplings=["0", "1"])
    with pytest.raises(SymflatError, match="exact rationals"):
        check("eq24-lattice", couplings=["x"])
