"""Eq. 21 (the data processing inequality) decided exactly, and the per-chain summary."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from symflat.paper.information import (
    chain_summary,
    check_data_processing,
    dpi_difference,
    mutual_information,
    summarize,
)
from symflat.paper.markov import (
    block_labels,
    check_theorem2,
    posterior_partition,
    random_chain,
    random_factored_chain,
    refines,
    set_partitions,
)

F = Fraction
SPARSE = [([3, 3, 4, 4], s) for s in range(4)] + [([2, 3, 3, 4], s) for s in range(4)]


def test_mutual_information_is_enclosed():
    h = F(1, 2)
    box = mutual_information([[h, 0], [0, h]])
    assert box.a <= math.log(2) + 1e-15 and box.b >= math.log(2) - 1e-15
    assert float(box.delta) < 1e-30
    q = F(1, 4)
    zero = mutual_information([[q, q], [q, q]])
    assert zero.a == 0 == zero.b


def test_dpi_difference_is_rigorous():
    equal = dpi_difference([[F(1, 4), F(1, 4)], [F(1, 4), F(1, 4)]], [0, 0])
    assert equal.equal and equal.decided
    strict = dpi_difference([[F(1, 3), F(1, 6)], [F(1, 6), F(1, 3)]], [0, 0])
    assert not strict.equal and strict.lower > 0 and strict.decided
    # the exact value is I(x, y) = log 2 - H(1/3) in nats
    exact = math.log(2) + (1 / 3) * math.log(1 / 3) + (2 / 3) * math.log(2 / 3)
    assert strict.lower <= exact <= strict.upper


@pytest.mark.parametrize("comps,seed", [([1, 2, 2, 2], 4), ([1, 2, 2, 2], 9),
                                        ([2, 2, 2, 2, 2], 1)])
def test_data_processing_inequality(comps, seed):
    chain = random_factored_chain(comps, seed)
    result = check_data_processing(chain.joint(0))
    assert result.holds and not result.undecided
    assert result.functions == 15 and result.covered == 256
    T0 = posterior_partition(chain, 0)
    # equality exactly for the functions whose partition refines T_0 (the sufficient ones)
    assert result.equal == sum(1 for s in set_partitions(range(4)) if refines(
        tuple(b for b in (tuple(x for x in block if x in chain.support()) for block in s) if b),
        T0))


def test_dpi_on_the_unstructured_chains():
    for sizes, seed in SPARSE[:3]:
        chain = random_chain(sizes, seed)
        assert check_data_processing(chain.joint(0)).holds


def test_summary_rows():
    rows = summarize({7: random_factored_chain([1, 2, 2, 2], 7)})
    assert rows[0]["theorem2"] and rows[0]["corollary2"] and rows[0]["eq21"]


@pytest.mark.parametrize("chain", [random_factored_chain([1, 2, 2, 3], 3),
                                   random_chain([2, 3, 5], 2)])
def test_block_decomposition_agrees_with_the_direct_difference(chain):
    """Deciding each block once gives what deciding every partition directly gives."""
    joint = chain.joint(0)
    result = check_data_processing(joint)
    direct = [dpi_difference(joint, tuple(block_labels(p)[y] for y in range(len(joint[0]))))
              for p in set_partitions(range(len(joint[0])))]
    assert result.equal == sum(r.equal for r in direct)
    assert result.strict == sum(not r.equal and r.lower > 0 for r in direct)
    gaps = [r.lower for r in direct if not r.equal]
    assert result.smallest_gap == pytest.approx(min(gaps), rel=1e-9)


def test_chain_summary_reuses_a_theorem_check():
    chain = random_factored_chain([1, 2, 2, 2], 7)
    row = chain_summary(chain, check_theorem2(chain))
    assert row == chain_summary(chain)
    assert row["sizes"] == (2, 4, 4, 4) and row["blocks"] == check_theorem2(chain).block_counts
