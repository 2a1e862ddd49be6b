"""Information distillation on small Markov chains: Theorem 2 and Corollary 2, exactly."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest

from symflat.paper.markov import (
    MarkovChain,
    MarkovError,
    check_corollary2,
    check_theorem2,
    is_sufficient,
    posterior_partition,
    random_chain,
    random_factored_chain,
    refines,
    set_partitions,
)

F = Fraction
FACTORED = ([([1, 2, 2, 3], s) for s in range(8)] + [([2, 2, 2, 2, 2], s) for s in range(4)]
            + [([1, 2, 3, 3], 10), ([2, 2, 2, 3], 25)])
SPARSE = [([3, 3, 4, 4], s) for s in range(4)] + [([2, 3, 3, 4], s) for s in range(4)]


def _chains():
    for comps, seed in FACTORED:
        yield random_factored_chain(comps, seed)
    for sizes, seed in SPARSE:
        yield random_chain(sizes, seed)


def test_chain_validation():
    with pytest.raises(MarkovError, match="sum to 1"):
        MarkovChain([F(1, 2), F(1, 3)], [[[1, 1], [0, 0]]])
    with pytest.raises(MarkovError, match="float"):
        MarkovChain([0.5, 0.5], [[[1, 1]]])
    with pytest.raises(MarkovError, match="columns"):
        MarkovChain([1], [[[1, 0]]])
    with pytest.raises(MarkovError, match="column 0"):
        MarkovChain([1], [[[F(1, 2)], [F(1, 3)]]])


def test_generators_are_seeded():
    assert random_chain([2, 3, 4], 5) == random_chain([2, 3, 4], 5)
    assert random_chain([2, 3, 4], 5) != random_chain([2, 3, 4], 6)
    assert random_factored_chain([1, 2, 3], 2) == random_factored_chain([1, 2, 3], 2)


def test_marginals_follow_eq16():
    chain = random_chain([3, 4, 2], 1)
    for i in range(3):
        assert sum(chain.marginal(i)) == 1
    L = chain.likelihood(0)
    p0, p2 = chain.prior, chain.marginal(2)
    assert all(sum(L[x][y] * p0[y] for y in range(3)) == p2[x] for x in range(2))


@pytest.mark.parametrize("size,bell", [(0, 1), (1, 1), (2, 2), (3, 5), (4, 15), (5, 52),
                                       (6, 203)])
def test_set_partitions_are_all_there(size, bell):
    parts = list(set_partitions(range(size)))
    assert len(parts) == len(set(parts)) == bell


def test_theorem2_holds_on_seeded_chains():
    seen = set()
    for chain in _chains():
        check = check_theorem2(chain)
        assert check.holds, chain
        counts = check.block_counts
        assert all(a <= b for a, b in zip(counts, counts[1:]))  # T_i coarsens as i decreases
        seen.add(counts)
    # the examples are not trivial: some hierarchy strictly coarsens at every level
    assert {(1, 2, 4, 8), (2, 4, 4, 8), (2, 2, 4, 8)} <= seen


def test_minimal_statistic_is_minimal_and_others_are_not():
    chain = random_factored_chain([1, 2, 2, 3], 7)
    T1 = posterior_partition(chain, 1)
    singletons = tuple((x,) for x in chain.support())
    assert is_sufficient(chain, 1, T1) and is_sufficient(chain, 1, singletons)
    assert refines(singletons, T1) and not refines(T1, singletons)
    merged = (tuple(chain.support()),)
    assert not is_sufficient(chain, 1, merged)


def test_a_wrong_statistic_would_be_caught():
    chain = random_factored_chain([1, 2, 2, 3], 7)
    check = check_theorem2(chain)
    # swap two states across blocks of T_2: the result no longer refines T_1
    T2 = list(map(list, check.partitions[2]))
    T2[0][0], T2[1][0] = T2[1][0], T2[0][0]
    swapped = tuple(sorted(tuple(sorted(b)) for b in T2))
    assert not refines(swapped, check.partitions[1]) or not is_sufficient(chain, 2, swapped)


def test_corollary2_composes_to_the_posterior():
    for chain in _chains():
        assert check_corollary2(chain).holds


def test_corollary2_detects_a_wrong_map():
    chain = random_factored_chain([2, 2, 2, 3], 25)
    check = check_theorem2(chain)
    assert check.block_counts == (2, 4, 4, 8)
    broken = [dict(m) for m in check.maps]
    f = broken[0]  # T_1 -> T_0, onto two blocks: swap two keys with different images
    a = next(k for k in f if f[k] == 0)
    b = next(k for k in f if f[k] == 1)
    f[a], f[b] = f[b], f[a]
    bad = dataclasses.replace(check, maps=tuple(broken))
    assert not check_corollary2(chain, bad).holds


def test_theorem2_is_decided_once_per_chain():
    """Chains compare by value, so the same chain built twice is checked once."""
    first = check_theorem2(random_factored_chain([1, 2, 2, 3], 4))
    assert check_theorem2(random_factored_chain([1, 2, 2, 3], 4)) is first
    assert check_theorem2(random_factored_chain([1, 2, 2, 3], 5)) is not first


def test_sufficiency_remembered_per_block_is_the_direct_answer():
    """The minimality check remembers each block's sufficiency: the same answers, partition
    by partition, as deciding every partition from scratch (and both kinds occur)."""
    from symflat.paper.markov import (
        _integer_joint,
        _sufficient_scaled,
        random_factored_chain,
        set_partitions,
    )

    answers = set()
    for seed in range(4):
        chain = random_factored_chain([1, 2, 2, 3], seed=seed)
        for i in range(chain.levels):
            scaled, blocks = _integer_joint(chain.joint(i)), {}
            for partition in set_partitions(chain.support()):
                direct = _sufficient_scaled(scaled, partition)
                assert _sufficient_scaled(scaled, partition, blocks) == direct
                answers.add(direct)
    assert answers == {True, False}
