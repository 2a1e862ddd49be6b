"""Sec. II.4.2: how far locality limits the degree of a binary Hamiltonian.

"For the binary case of equation (9) ... locality also limits the degree d to be no greater
than the number of neighbors that a given spin is coupled to (since all variables in a
polynomial term must be different)." With x_i² = x_i a term is a product of distinct spins; it
is *local* when its spins interact with each other, i.e. they are pairwise coupled: a clique of
the coupling graph. So the largest local degree is the clique number ω(G). (Read instead as "a
spin and spins coupled to it", a term is a subset of a closed neighbourhood: degree z + 1.)

Lemma (every graph): a clique C containing a spin v lies in {v} ∪ N(v), so ω <= Δ + 1 (Δ the
largest number of neighbours); ω = Δ + 1 only when that clique is a whole component K_(Δ+1):
each of its spins has Δ neighbours inside it, hence none outside. :func:`lemma_holds_up_to`
checks the lemma on every graph of the networkx atlas (all graphs up to 7 vertices), and
:func:`coupling_graphs` gives the lattices of the paper's setting and the complete graphs.

Examples
--------
>>> rows = {name: local_degrees(graph) for name, graph in coupling_graphs().items()}
>>> rows["square lattice 4x4 (periodic)"]
{'z': 4, 'clique': 2, 'neighbourhood': 5, 'regular': True}
>>> rows["complete K_3 (3 spins, all coupled)"]["clique"]
3
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["coupling_graphs", "lemma_holds_up_to", "local_degrees"]


def coupling_graphs() -> dict[str, nx.Graph]:
    """Periodic lattices (every spin with the same number z of neighbours) and complete graphs.

    Examples
    --------
    >>> sorted({g.number_of_nodes() for g in coupling_graphs().values()})
    [3, 5, 8, 16, 36, 64]
    """
    square = nx.grid_2d_graph(4, 4, periodic=True)
    cubic = nx.grid_graph(dim=[4, 4, 4], periodic=True)  # period 3 would close triangles
    triangular = nx.triangular_lattice_graph(6, 12, periodic=True)
    return {
        "chain of 8 spins (periodic)": nx.cycle_graph(8),
        "square lattice 4x4 (periodic)": square,
        "cubic lattice 4x4x4 (periodic)": cubic,
        "triangular lattice 6x6 (periodic)": triangular,
        "complete K_3 (3 spins, all coupled)": nx.complete_graph(3),
        "complete K_5 (5 spins, all coupled)": nx.complete_graph(5),
    }


def local_degrees(graph: nx.Graph) -> dict[str, int | bool]:
    """z (most neighbours of a spin), the largest clique, the largest closed neighbourhood.

    Examples
    --------
    >>> local_degrees(nx.path_graph(3))
    {'z': 2, 'clique': 2, 'neighbourhood': 3, 'regular': False}
    """
    degrees = [d for _, d in graph.degree()]
    z = max(degrees)
    clique = max(len(c) for c in nx.find_cliques(graph))
    return {"z": z, "clique": clique, "neighbourhood": z + 1,
            "regular": min(degrees) == z}


def lemma_holds_up_to(vertices: int = 7) -> tuple[bool, int]:
    """Check ω <= Δ + 1, with equality iff a component is K_(Δ+1), on every graph of the
    networkx atlas with at most ``vertices`` vertices (at most 7); returns (holds, graphs).

    Examples
    --------
    >>> lemma_holds_up_to(4)
    (True, 14)
    """
    count = 0
    for graph in nx.graph_atlas_g():
        if graph.number_of_nodes() > vertices:
            break
        if graph.number_of_edges() == 0:
            continue
        count += 1
        found = local_degrees(graph)
        complete = any(len(part) == found["z"] + 1
                       and graph.subgraph(part).number_of_edges() == math.comb(len(part), 2)
                       for part in nx.connected_components(graph))
        if found["clique"] > found["z"] + 1 or (found["clique"] == found["z"] + 1) != complete:
            return False, count
    return True, count
