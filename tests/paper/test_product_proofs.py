"""The proofs for every n about x1⋯xn (symflat/paper/product_proofs.py), each against a
second method: exact catalecticant ranks, and the graphs of deep_product."""

from __future__ import annotations

import math

from symflat.paper.networks import deep_product
from symflat.paper.product_proofs import (
    binary_tree_proof,
    catalecticant_ranks,
    derivative_span_proof,
    tree_counts,
)


def test_the_proofs_hold():
    for proof in (derivative_span_proof(), binary_tree_proof()):
        assert proof.holds, proof.failed()


def test_catalecticant_ranks_are_the_binomial_coefficients():
    for n in range(1, 6):
        ranks = catalecticant_ranks(n)
        assert ranks == [math.comb(n, t) for t in range(n + 1)]
        assert sum(ranks) == 2**n


def test_the_recurrence_is_the_construction():
    """The recurrence the proof is about gives the graph's counts, copy gates included."""
    for n in range(2, 41):
        net = deep_product(n)
        counts = tree_counts(n)
        assert (counts["neurons"], counts["depth"]) == (net.neuron_count, net.depth), n
        assert counts["gates"] == n - 1 and counts["depth"] == math.ceil(math.log2(n))
        if n & (n - 1) == 0:
            assert counts["copies"] == 0 and counts["neurons"] == 4 * (n - 1)
