"""The gates' series the report's figures draw: interval evaluations, counts from graphs."""

from __future__ import annotations

import pytest

from symflat.paper.gate_series import (
    bit_product_series,
    multiplication_error_series,
    neuron_count_series,
)


def test_multiplication_gate_error_has_slope_two_and_exact_leading_term():
    series = multiplication_error_series(["1/100", "1/1000", "1/10000"])
    for name, s in series["series"].items():
        assert abs(s["slope"] - 2) < 0.01, name
        assert max(s["widths"]) < 1e-50
        lam = series["lambdas"][-1]
        assert abs(s["errors"][-1] / (abs(s["leading_value"]) * lam**2) - 1) < 1e-3, name
    assert series["series"]["exp"]["leading"] == "1/3"  # sinh(λ)²/λ² − 1 = λ²/3 + O(λ⁴)


def test_neuron_counts_are_read_from_graphs():
    s = neuron_count_series(flat_max=5, deep_max=16)
    assert s["flat"] == [[n, 2**n] for n in range(1, 6)]
    assert dict(s["deep"])[16] == 4 * 15  # 15 gates of 4 neurons


def test_bit_product_worst_error_at_the_papers_threshold():
    s = bit_product_series([10, 30], ks=(1, 3), decimals=10)
    # the worst case is σ(−β/2) whatever k: 1e-5 at β = 10 ln 10, not 1e-10
    for k in ("1", "3"):
        assert 0.99e-5 < s["at_threshold"][k] < 1.01e-5
        assert s["worst"][k][0] == pytest.approx(1 / (1 + 2.718281828459045**5), rel=1e-12)
