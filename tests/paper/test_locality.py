"""Sec. II.4.2's degree bound (symflat/paper/locality.py): the lemma against brute force."""

from __future__ import annotations

import itertools

import networkx as nx

from symflat.paper.locality import coupling_graphs, lemma_holds_up_to, local_degrees


def _largest_local_term(graph: nx.Graph) -> int:
    """Brute force, a second method: the largest set of pairwise coupled spins."""
    nodes = list(graph)
    for size in range(len(nodes), 0, -1):
        for subset in itertools.combinations(nodes, size):
            if all(graph.has_edge(a, b) for a, b in itertools.combinations(subset, 2)):
                return size
    return 0


def test_clique_numbers_agree_with_brute_force():
    for graph in (nx.cycle_graph(6), nx.complete_graph(4), nx.petersen_graph(),
                  nx.triangular_lattice_graph(2, 4), nx.wheel_graph(6)):
        assert local_degrees(graph)["clique"] == _largest_local_term(graph)


def test_the_lemma_on_every_small_graph_and_the_lattices():
    holds, count = lemma_holds_up_to(7)
    assert holds and count == 1245
    for name, graph in coupling_graphs().items():
        found = local_degrees(graph)
        assert found["regular"] and found["clique"] <= found["z"] + 1
        assert (found["clique"] == found["z"] + 1) == name.startswith("complete")
