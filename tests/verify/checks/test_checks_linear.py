"""Checkers of the linear no-flattening theorems (Sec. III.7)."""



def test_fft(check):
    verdict = check("fft", m=[1, 4])
    assert verdict.status == "verified" and "upper bound" in verdict.evidence
    assert verdict.label == "verified for every n = 2^m"
    assert check("fft", m=[1, 3], flat="n^2/2").status == "refuted"
    assert check("fft", m=[1, 3], cost_order="1").status == "refuted"


def test_strassen(check):
    """'at least O(n^0.627)' bounds nothing from below: conditional on reading O as Omega;
    printed with Omega it is verified, from the cited omega < 2.3728639."""
    printed = check("strassen")
    assert printed.status == "conditional" and r"\Omega(n^{0.6271361})" in printed.corrected
    assert "infimum" in printed.evidence and "omega - eps" in printed.evidence
    assert check("strassen", cost_notation="Omega").status == "verified"
    assert check("strassen", cost_exponent="6/10").status == "refuted"
    assert check("strassen", omega="282/100").status == "refuted"


def test_low_rank_shapes_typo_and_cost_conditional(check):
    assert check("low-rank-shapes").status == "refuted"
    assert check("low-rank-shapes", left_shape=["n", "k"],
                 right_shape=["k", "n"]).status == "verified"
    verdict = check("low-rank", n=[2, 5])
    assert verdict.status == "conditional" and "dense" in verdict.evidence
    assert check("low-rank", n=[2, 4], cost="n/k").status == "refuted"


def test_convolution_fft(check):
    verdict = check("convolution-fft", m=[1, 3])
    assert verdict.label == "verified for every n = 2^m"  # the FFT is proved for every m
    assert verdict.status == "verified" and "n log2 n + n" in verdict.evidence
    assert check("convolution-fft", m=[1, 2], multiplications="n").status == "refuted"
    assert check("convolution-fft", m=[1, 2], multiplications="2*n*log(n)").status == "refuted"


def test_eq27(check):
    assert check("eq27").status == "verified"
    assert check("eq27", bound="1/(4*p)").status == "refuted"
    assert check("eq27", zero_probability="(1-p)^n").status == "refuted"
    assert check("eq27", cost_simplified="(1-Z)/p").status == "refuted"


def test_fast_transforms(check):
    """Walsh–Hadamard flattens like the FFT; the Haar wavelet transform does not: its flat
    matrix is sparse, C_s = Theta(log n) only."""
    wh = check("fwht-flattening", m=[1, 4])
    assert wh.status == "verified" and wh.label == "verified for every n = 2^m"
    fwt = check("fwt-flattening", m=[1, 4])
    assert fwt.status == "refuted" and fwt.label == "refuted for every n = 2^m"
    assert "only logarithmically" in fwt.evidence and r"\Theta(\log n)" in fwt.corrected
    assert check("fwt-flattening", m=[1, 3], deep_order="n", flat_order="n*log(n)",
                 cost_order="log(n)").status == "verified"
