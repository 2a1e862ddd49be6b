"""Strassen as multiplication gates: exact Taylor checks against AB, alterations, exponents."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from symflat.errors import NetworkError
from symflat.nets.expansion import expand
from symflat.paper.strassen import (
    STRASSEN,
    altered,
    bilinear_network,
    check_bilinear,
    check_error_terms,
    check_expansion,
    default_fixed_matrix,
    exponent_facts,
    gate_count_rows,
    linear_synapse_rows,
    log2_bracket,
    matrix_symbols,
    naive_algorithm,
    naive_matmul,
    strassen,
    strassen_algorithm,
    strassen_linear,
)


def test_strassen_identity_is_exact():
    assert set(check_bilinear(STRASSEN).values()) == {0}
    assert set(check_bilinear(strassen_algorithm(4)).values()) == {0}
    assert set(check_bilinear(naive_algorithm(3)).values()) == {0}


@pytest.mark.parametrize("degree", [2, 3])
def test_strassen_network_equals_2x2_product(degree):
    net = strassen(2)
    assert net.neuron_count == 28 and net.depth == 1
    check = check_expansion(net, 2, degree)
    assert check.holds
    # the outputs are literally the bilinear forms, with no λ or σ_k left
    A, B = matrix_symbols("a", 2), matrix_symbols("b", 2)
    assert expand(net, 2)["c21"] == sympy.expand((A * B)[1, 0])


def test_strassen_4x4_uses_49_gates_and_is_exact():
    net = strassen(4)
    assert net.neuron_count == 4 * 49 and naive_matmul(4).neuron_count == 4 * 64
    assert len(net.inputs) == 32 and len(net.outputs) == 16
    assert check_expansion(net, 4).holds


@pytest.mark.parametrize("product", range(7))
@pytest.mark.parametrize("side", ["U", "V"])
def test_altering_any_product_is_caught(product, side):
    bad = altered(STRASSEN, product, side)
    check = check_expansion(bilinear_network(bad), 2)
    assert not check.holds
    # the discrepancy is exactly what the bilinear algebra predicts
    assert check.discrepancy == check_bilinear(bad)


def test_altering_a_4x4_product_is_caught():
    bad = altered(strassen_algorithm(4), 30, "U")
    assert not check_expansion(bilinear_network(bad), 4).holds


def test_the_error_is_order_lambda_squared():
    # through degree 4: c = (AB)_c + 2 (σ4/σ2) λ² Σ_t W_ct (u³v + uv³); degree 3 vanishes
    assert set(check_error_terms(STRASSEN).values()) == {0}
    lam = sympy.Symbol("lambda")
    quartic = expand(strassen(2), 4)["c12"] - expand(strassen(2), 3)["c12"]
    assert sympy.expand(quartic.subs(lam, 0)) == 0 and quartic != 0
    assert sympy.degree(sympy.expand(quartic), lam) == 2


def test_with_an_exact_activation():
    # softplus has σ2 = 1/8 ≠ 0 at 0: the degree-2 Taylor polynomial is still exactly AB
    expansion = expand(strassen(2, lam=1), 2, "softplus")
    A, B = matrix_symbols("a", 2), matrix_symbols("b", 2)
    assert all(sympy.expand(expansion[f"c{i + 1}{j + 1}"] - (A * B)[i, j]) == 0
               for i in range(2) for j in range(2))


def test_sizes_are_checked():
    for n in (0, 3, 6, True):
        with pytest.raises(NetworkError):
            strassen(n)
    with pytest.raises(NetworkError):
        altered(STRASSEN, 7)


def test_exponent_arithmetic_is_exact():
    lo, hi = log2_bracket(7, 3)
    assert (lo, hi) == (Fraction(2807, 1000), Fraction(2808, 1000))
    assert 2 ** 2807 <= 7 ** 1000 < 2 ** 2808
    facts = exponent_facts(digits=5)
    assert facts.rounds_to_2_81 and facts.rounds_to_2_807
    assert facts.le_gall_gap == Fraction(6271361, 10**7) and facts.le_gall_gap_matches
    assert (Fraction(19264, 10**5), Fraction(19265, 10**5)) == facts.strassen_gap
    assert facts.gates == {2: (7, 8), 4: (49, 64)}


def test_gate_rows_and_figure():
    rows = gate_count_rows(range(1, 6))
    assert rows[1] == (4, 49, 64, "graph")
    assert all(r[1] == 7 ** k and r[2] == 8 ** k for k, r in enumerate(rows, start=1))


@pytest.mark.parametrize("n,levels", [(2, 0), (2, 1), (4, 0), (4, 1), (4, 2), (8, 1), (8, 3)])
def test_linear_strassen_computes_n_times_m(n, levels):
    N = default_fixed_matrix(n)
    net = strassen_linear(N, levels)
    assert net.linear_map() == sympy.kronecker_product(N, sympy.eye(n))
    if levels == 0:
        assert net.synapse_count == n**3


def test_linear_strassen_with_a_wrong_product_is_caught():
    N = sympy.Matrix([[2, 3], [5, 7]])
    net = strassen_linear(N, 1)
    # find the neuron feeding a weight N11 + N22 = 9 (Strassen's M1) and alter that weight
    u, v = next((u, v) for u, v, w in net.graph.edges(data="weight") if w == 9)
    net.graph.edges[u, v]["weight"] = sympy.Integer(8)
    assert net.linear_map() != sympy.kronecker_product(N, sympy.eye(2))


def test_linear_strassen_synapses_against_flat():
    rows = {r["n"]: r for r in linear_synapse_rows(range(1, 18), graphs_up_to=8)}
    assert rows[8]["source"] == "graph" and rows[16]["source"] == "recurrence"
    # the full recursion wins only from n = 2^16; one level over flat blocks from n = 64
    assert [n for n, r in rows.items() if r["strassen"] < r["flat"]] == [2**16, 2**17]
    assert min(n for n, r in rows.items() if r["best"] < r["flat"]) == 64


def test_linear_strassen_rejects_bad_sizes():
    with pytest.raises(NetworkError):
        strassen_linear(n=3)
    with pytest.raises(NetworkError):
        strassen_linear(n=4, levels=3)
