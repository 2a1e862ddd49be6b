"""--timeout bounds the whole width computation: lower bound, search and exact re-check."""

from __future__ import annotations

import time

import sympy

from symflat.cli import main
from symflat.width import lower_bound, minimal_width
from symflat.width._budget import Clock

x1 = sympy.Symbol("x1")


def test_lower_bound_left_out_orders_are_reported_and_the_rest_still_counts():
    start = time.monotonic()
    b = lower_bound(sympy.Poly(x1**400, x1), timeout=0.5)
    assert time.monotonic() - start < 5
    assert b.method == "partial" and "left out" in b.notes[-1]
    # every derivative order of x^400 contributes exactly 1 (full bound 401): the partial
    # bound is the number of orders computed, and below the full one
    assert b.value == len(b.ranks) < 401
    assert all(r.contribution == 1 for r in b.ranks)
    full = lower_bound(sympy.Poly(x1**40, x1), timeout=30)
    assert (full.method, full.value) == ("apolarity", 41)


def test_minimal_width_does_not_claim_an_unchecked_construction():
    start = time.monotonic()
    r = minimal_width(sympy.Poly(x1**1000, x1), timeout=3)
    assert time.monotonic() - start < 10  # 3 s of work, plus the child's start and stop
    assert r.verified is None and r.upper is None and not r.exact
    assert r.construction is not None and r.construction.width == 1001
    assert any("did not fit" in note for note in r.search["notes"])


def test_cli_large_expansion_finishes(capsys):
    start = time.monotonic()
    assert main(["width", "(x1+x2+x3+x4+x5+x6+1)^6", "--timeout", "2"]) == 0
    assert time.monotonic() - start < 12
    out = capsys.readouterr().out
    assert "lower bound:" in out and "not exact" in out


def test_clock_share():
    assert Clock(None).share(0.5).deadline is None
    c = Clock.after(10.0)
    assert 4 < c.share(0.5).left() <= 5
