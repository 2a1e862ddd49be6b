"""Sums of parts in disjoint variables: blocks found, constructions merged and re-checked."""

from __future__ import annotations

from fractions import Fraction

import pytest

from symflat.exact.polynomial import parse_polynomial
from symflat.width import as_polynomial, check_construction, minimal_width, verify_construction
from symflat.width.blocks import block_polynomials, merge, variable_blocks
from symflat.width.constructions import construct


def test_blocks_and_parts():
    data = as_polynomial(parse_polynomial("x1*x2 + x2*x3 + x4^3 + 5"))
    blocks = variable_blocks(data)
    assert blocks == [(0, 1, 2), (3,)]
    first, second = block_polynomials(data, blocks)
    assert first.variables == ("x1", "x2", "x3") and first.terms[(0, 0, 0)] == 5
    assert second.terms == {(3,): Fraction(1)}


@pytest.mark.parametrize("model", ["no-bias", "output-bias"])
@pytest.mark.parametrize("text", ["x1*x2*x3 + x4*x5*x6 + 2",
                                  "x1^3 + x1*x2^2 + x3^3 - x3^2*x4",
                                  "x1^3 + x1^2 + x2^3"])
def test_merged_blocks_reproduce_the_polynomial(text, model):
    data = as_polynomial(parse_polynomial(text))
    blocks = variable_blocks(data)
    parts = [construct(sub, model, timeout=2).construction
             for sub in block_polynomials(data, blocks)]
    merged = merge(parts, blocks, data, model)
    assert verify_construction(data, merged)
    if all(hasattr(c, "part_weights") for c in parts):
        assert check_construction(data, merged)
    # equal points are merged: at most the sum of the parts
    assert merged.width <= sum(c.width for c in parts)


def test_lower_degree_blocks_are_not_merged_blindly():
    # x1*x2 (degree 2) next to x3^3: the quadratic block's construction knows nothing of
    # degree 3, so blocks are not used; the result must still be re-checked and honest
    result = minimal_width(parse_polynomial("x1*x2 + x3^3"), timeout=3)
    assert result.verified and not result.construction.method.startswith("disjoint blocks")


def test_blocks_used_for_equal_degrees():
    result = minimal_width(parse_polynomial("x1*x2*x3 + x4*x5*x6"), "output-bias", timeout=4)
    assert result.verified and result.upper <= 14


@pytest.mark.parametrize(("text", "width"), [("x1*x2*x3 + x4*x5*x6", 14),
                                             ("x1^2*x2 + x3^2*x4", 10)])
def test_blocks_share_their_origin(text, width):
    """Scaled finite differences cancel at the origin: the apolarity bound is met (the sum of
    the blocks alone would pay one more neuron for the origin)."""
    result = minimal_width(text, timeout=20)
    assert (result.lower, result.upper, result.exact, result.verified) == (width, width, True,
                                                                          True)
    assert not any(all(v == 0 for v in a) for a in result.construction.points)
    assert "scaled by" in result.construction.method


def test_share_origin_needs_two_origins_and_a_cancelling_scale():
    from fractions import Fraction

    from symflat.width.blocks import share_origin
    from symflat.width.closed_forms import finite_differences, sign_vectors

    fd = finite_differences((1, 1, 1))
    assert share_origin([fd, sign_vectors(3)]) is None  # only one block has the origin
    # three equal origin weights: a + b + c = 0 has no solution in {+-1, +-8, +-1/8}
    assert share_origin([fd, fd, fd]) is None
    pair = share_origin([fd, fd])
    origins = [ws[0] / t**3 for ws, t in ((fd.part_weights[3], 1),
                                          (pair[1].part_weights[3], 1))]
    assert pair[1].points == tuple(tuple(-v for v in a) for a in fd.points)
    assert sum(origins, Fraction(0)) == 0


@pytest.mark.parametrize("count", [3, 4, 5])
def test_blocks_scaled_one_variable_at_a_time_share_their_origin(count):
    """``count`` cubic monomial blocks: uniform scalings cannot cancel three origins (Fermat),
    scaling single variables can; the merged network has ``7 * count`` neurons and meets the
    polynomial exactly."""
    from symflat.width.blocks import share_origin
    from symflat.width.closed_forms import finite_differences

    text = " + ".join(f"x{3 * i + 1}*x{3 * i + 2}*x{3 * i + 3}" for i in range(count))
    data = as_polynomial(parse_polynomial(text))
    blocks = variable_blocks(data)
    subs = block_polynomials(data, blocks)
    fd = finite_differences((1, 1, 1))
    if count == 3:  # t1^-3 + t2^-3 + t3^-3 = 0 has no rational solution
        assert share_origin([fd] * count) is None
    shared = share_origin([fd] * count, subs)
    merged = merge(shared, blocks, data, "no-bias")
    assert merged.width == 7 * count  # 8 per block, the origin dropped
    assert check_construction(data, merged) and verify_construction(data, merged)


def test_scaling_one_variable_needs_a_part_that_scales():
    from symflat.width.blocks import scaled
    from symflat.width.closed_forms import finite_differences

    p = as_polynomial(parse_polynomial("x1*x2 + x1^2"))
    with pytest.raises(ValueError, match="not a multiple of itself"):
        scaled(finite_differences((1, 1)), (Fraction(2), Fraction(1)), p)
    q = as_polynomial(parse_polynomial("x1^2*x2"))
    out = scaled(finite_differences((2, 1)), (Fraction(-1, 2), Fraction(3)), q)
    assert check_construction(q, out)
    assert not check_construction(as_polynomial(parse_polynomial("x1^2*x2 + x2^3")), out)
