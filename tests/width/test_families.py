"""Tests of symflat.width.families: the polynomial families a sweep runs over."""

from __future__ import annotations

import pytest

from symflat.width.families import FamilyError, family_polynomials, read_polynomial_file

DET3 = "x1*x5*x9 - x1*x6*x8 - x2*x4*x9 + x2*x6*x7 + x3*x4*x8 - x3*x5*x7"



def test_monomial_family_sizes():
    # one monomial per multiset of exponents: the partitions of 1..6 into at most 3 parts
    assert len(family_polynomials("monomials", max_degree=6, max_vars=3)) == 1 + 2 + 3 + 4 + 5 + 7
    # every exponent vector in 3 variables of degree 1..6: C(9, 3) - 1
    assert len(family_polynomials("monomials", max_degree=6, max_vars=3, every=True)) == 83


def test_other_families():
    assert family_polynomials("chain", max_vars=3) == ["x1*x2", "x1*x2 + x2*x3"]
    assert family_polynomials("power-sums", max_degree=2, max_vars=2) == [
        "x1", "x1**2", "x1 + x2", "x1**2 + x2**2"]
    assert family_polynomials("disjoint-products", block=3, max_blocks=2) == [
        "x1*x2*x3", "x1*x2*x3 + x4*x5*x6"]
    assert family_polynomials("determinant") == ["x1*x4 - x2*x3", DET3]
    assert len(family_polynomials("elementary", max_vars=4)) == 10


@pytest.mark.parametrize("family, options, message", [
    ("squares", {}, "unknown family 'squares'"),
    ("monomials", {"max_degree": 50}, "--max-degree must be between 1 and 12"),
    ("monomials", {"max_vars": 11}, "--max-vars must be between 1 and 10"),
    ("disjoint-products", {"block": 4, "max_blocks": 3}, "--max-blocks must be between 1 and 2"),
    ("determinant", {"max_size": 4}, "--max-size must be between 2 and 3"),
    ("chain", {"max_degree": 3}, "--max-degree does not apply to the chain family"),
    ("monomials", {"max_degree": 12, "max_vars": 10, "every": True}, "at most 5,000"),
    ("monomials", {"max_degree": 12, "max_vars": 10}, "needs matrices with"),
])
def test_family_refusals(family, options, message):
    with pytest.raises(FamilyError, match=message.replace("(", r"\(").replace("*", r"\*")):
        family_polynomials(family, **options)


def test_file_family(tmp_path):
    good = tmp_path / "p.txt"
    good.write_text("# my list\nx1*x2\n\n  x2^2*x1 + 1/2*x1   # comment\nx1 * x2\n")
    assert family_polynomials("file", path=good) == ["x1*x2", "x1*x2**2 + x1/2"]
    for line, text in [(3, "x1\n\nsin(x1)\n"), (2, "x1\n1/x1\n"), (1, "0.5*x1\n"),
                       (2, "x1\n__import__('os')\n"), (1, "7\n"),
                       (1, "*".join(f"y{i}" for i in range(11)) + "\n")]:
        bad = tmp_path / f"bad{line}.txt"
        bad.write_text(text)
        with pytest.raises(FamilyError, match=rf"bad{line}\.txt, line {line}: "):
            read_polynomial_file(bad)
    with pytest.raises(FamilyError, match="(?i)no such file"):
        read_polynomial_file(tmp_path / "missing.txt")
    (tmp_path / "empty.txt").write_text("# nothing\n")
    with pytest.raises(FamilyError, match="no polynomials"):
        read_polynomial_file(tmp_path / "empty.txt")


def test_file_family_refuses_a_fifo(tmp_path):
    import os

    os.mkfifo(tmp_path / "list.txt")
    with pytest.raises(FamilyError, match="not a regular file"):
        family_polynomials("file", path=tmp_path / "list.txt")
