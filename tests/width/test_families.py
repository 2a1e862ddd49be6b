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
    ("monomials", {"max_degree": 50}, "`max_degree` must be between 1 and 12"),
    ("monomials", {"max_vars": 11}, "`max_vars` must be between 1 and 10"),
    ("disjoint-products", {"block": 4, "max_blocks": 3}, "`max_blocks` must be between 1 and 2"),
    ("determinant", {"max_size": 4}, "`max_size` must be between 2 and 3"),
    ("chain", {"max_degree": 3}, "`max_degree` does not apply to the chain family"),
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


# ------------------------------------------------------------------ quadratic-form families


def grid_graph(rows, cols, periodic=False):
    """The grid as networkx builds it, sites numbered 1.. row by row (independent of
    :func:`lattice_bonds`)."""
    import networkx as nx

    graph = nx.grid_2d_graph(rows, cols, periodic=periodic)
    return nx.relabel_nodes(graph, {(i, j): i * cols + j + 1 for i, j in graph.nodes})


@pytest.mark.parametrize("rows, cols, periodic", [
    (2, 2, False), (2, 3, False), (2, 5, False), (3, 3, False), (3, 3, True)])
def test_lattice_bonds_are_the_grid_graph(rows, cols, periodic):
    from symflat.width.families import lattice_bonds

    bonds = lattice_bonds(rows, cols, periodic)
    edges = sorted(tuple(sorted(e)) for e in grid_graph(rows, cols, periodic).edges)
    assert bonds == edges
    # open: a(b-1) + b(a-1) bonds; a torus: 2ab
    want = 2 * rows * cols if periodic else rows * (cols - 1) + cols * (rows - 1)
    assert len(bonds) == want


def test_lattice_family_term_counts():
    from symflat.exact.polynomial import parse_polynomial

    polys = family_polynomials("lattice", max_vars=10)
    shapes = [(2, 2), (2, 3), (2, 4), (3, 3), (2, 5)]
    assert len(polys) == len(shapes)
    for text, (a, b) in zip(polys, shapes, strict=True):
        poly = parse_polynomial(text)
        assert len(poly.terms) == a * (b - 1) + b * (a - 1)
        assert poly.nvars == a * b
        assert all(c == 1 for c in poly.terms.values())
    (torus,) = family_polynomials("lattice", max_vars=9, periodic=True)
    assert len(parse_polynomial(torus).terms) == 18
    with pytest.raises(FamilyError, match="`max_vars` must be between 9 and 30"):
        family_polynomials("lattice", max_vars=6, periodic=True)


def test_products_and_powers():
    assert family_polynomials("products", max_vars=3) == ["x1", "x1*x2", "x1*x2*x3"]
    assert family_polynomials("powers", max_degree=3) == ["x1", "x1**2", "x1**3"]
    with pytest.raises(FamilyError, match="`max_vars` does not apply to the powers family"):
        family_polynomials("powers", max_vars=3)


def adjacency_rank(graph):
    import sympy

    nodes = sorted(graph.nodes)
    matrix = sympy.Matrix(len(nodes), len(nodes),
                          lambda i, j: int(graph.has_edge(nodes[i], nodes[j])))
    return matrix.rank()


def ring_graph(m):
    import networkx as nx

    return nx.relabel_nodes(nx.cycle_graph(m), lambda v: v + 1)


def path_graph(m):
    import networkx as nx

    return nx.relabel_nodes(nx.path_graph(m), lambda v: v + 1)


@pytest.mark.parametrize("family, options, graphs", [
    ("chain", {"max_vars": 20}, [path_graph(m) for m in range(2, 21)]),
    ("chain", {"max_vars": 20, "periodic": True}, [ring_graph(m) for m in range(3, 21)]),
    ("lattice", {"max_vars": 16}, [grid_graph(a, b) for a, b in [
        (2, 2), (2, 3), (2, 4), (3, 3), (2, 5), (2, 6), (3, 4), (2, 7), (3, 5), (2, 8),
        (4, 4)]]),
    ("lattice", {"max_vars": 16, "periodic": True}, [grid_graph(3, 3, True),
                                                     grid_graph(3, 4, True),
                                                     grid_graph(3, 5, True),
                                                     grid_graph(4, 4, True)]),
])
def test_quadratic_families_are_exact_at_the_closed_form(family, options, graphs):
    """Every chain, ring and lattice (beyond the 10 variables of other families): the width
    is exact and equals rank + 2 (no bias) and rank + 1 (output bias), the rank being that of
    the graph's adjacency matrix (sympy, from networkx's graph): the quadratic theorem's
    value, the apolarity lower bound's and the size of the construction, which is re-checked
    by exact expansion."""
    from symflat.exact.polynomial import parse_polynomial
    from symflat.width import lower_bound, minimal_width, quadratic_width, verify_construction

    polys = family_polynomials(family, **options)
    assert len(polys) == len(graphs)
    for text, graph in zip(polys, graphs, strict=True):
        rank = adjacency_rank(graph)
        poly = parse_polynomial(text)
        for model, extra in (("no-bias", 2), ("output-bias", 1)):
            result = minimal_width(poly, model, timeout=10)
            assert (result.lower, result.upper, result.exact) == (rank + extra,) * 2 + (True,)
            assert lower_bound(poly, model).value == rank + extra
            assert quadratic_width(poly, model).value == rank + extra
            assert result.verified is True
            assert len(result.construction.points) == rank + extra
            assert verify_construction(poly, result.construction) is True
