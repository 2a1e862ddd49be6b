"""Linear networks of Sec. III.7: exact matrices over Q(zeta_N), synapse counts."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from symflat.errors import NetworkError
from symflat.paper.linear import (
    bit_reverse,
    chain_network,
    check_network_matrix,
    compare_matrices,
    compare_synapses,
    dft_matrix,
    fft,
    flat_network,
    hadamard_matrix,
    low_rank,
    low_rank_factors,
    root_of_unity,
    synapse_count_rows,
    walsh_hadamard,
    with_weight,
)


@pytest.mark.parametrize("n", [2, 4, 8, 16, 32])
def test_fft_network_is_the_dft(n):
    net = fft(n)
    check = check_network_matrix(net, dft_matrix(n))
    assert check.equal and not check.undecided
    k = n.bit_length() - 1
    assert net.synapse_count == 2 * n * k
    assert net.depth == k - 1 and net.neuron_count == n * (k - 1)
    assert flat_network(dft_matrix(n)).synapse_count == n * n


def _twiddle_edges(net):
    """Edges whose weight is a non-real root of unity (a genuine twiddle)."""
    return [(u, v, w) for u, v, w in net.graph.edges(data="weight")
            if w not in (1, -1)]


@pytest.mark.parametrize("n", [4, 8, 16])
def test_every_wrong_twiddle_is_caught(n):
    net = fft(n)
    edges = _twiddle_edges(net)
    assert edges, "the FFT has non-trivial twiddles"
    target = dft_matrix(n)
    for u, v, w in edges:
        wrong = sympy.expand(w * root_of_unity(n, 1))  # one step further round the circle
        check = check_network_matrix(with_weight(net, u, v, wrong), target)
        assert not check.equal and check.mismatches, (u, v)


def test_a_wrong_sign_and_a_dropped_edge_are_caught():
    net = fft(8)
    assert net.graph.edges["s1_3", "s2_1"]["weight"] == -sympy.I
    assert not check_network_matrix(with_weight(net, "s1_3", "s2_1", sympy.I),
                                    dft_matrix(8)).equal
    net.graph.remove_edge("s2_3", "y7")
    assert not check_network_matrix(net, dft_matrix(8)).equal


def test_compare_matrices_decides_cyclotomic_identities():
    w16 = root_of_unity(16, 1)
    # ω^8 = -1 and 1 + ω^4 + ω^8 + ω^12 = 0 in Q(ζ_16), whatever sympy's printed form
    assert compare_matrices(sympy.Matrix([[w16**8, 1 + w16**4 + w16**8 + w16**12]]),
                            sympy.Matrix([[-1, 0]])).equal
    bad = compare_matrices(sympy.Matrix([[w16]]), sympy.Matrix([[w16**3]]))
    assert bad.mismatches == ((0, 0),) and not bad.equal
    unknown = compare_matrices(sympy.Matrix([[sympy.pi]]), sympy.Matrix([[3]]))
    assert unknown.undecided == ((0, 0),) and not unknown.equal


def test_bit_reverse():
    assert [bit_reverse(i, 2) for i in range(4)] == [0, 2, 1, 3]
    assert bit_reverse(0, 0) == 0


@pytest.mark.parametrize("n", [2, 4, 8, 16, 32])
def test_walsh_hadamard_network(n):
    net = walsh_hadamard(n)
    assert check_network_matrix(net, hadamard_matrix(n)).equal
    H = hadamard_matrix(n)
    assert H * H.T == n * sympy.eye(n)
    assert net.synapse_count == 2 * n * (n.bit_length() - 1)


def test_walsh_hadamard_wrong_sign_is_caught():
    net = walsh_hadamard(8)
    u, v = next((u, v) for u, v, w in net.graph.edges(data="weight") if w == -1)
    assert not check_network_matrix(with_weight(net, u, v, 1), hadamard_matrix(8)).equal


@pytest.mark.parametrize("builder", [fft, walsh_hadamard])
@pytest.mark.parametrize("n", [0, 1, 3, 6, True, 2.0])
def test_sizes_must_be_powers_of_two(builder, n):
    with pytest.raises(NetworkError):
        builder(n)


def test_with_weight_needs_an_existing_edge():
    with pytest.raises(NetworkError, match="no edge"):
        with_weight(fft(4), "x0", "y0", 1)


@pytest.mark.parametrize("n,k", [(2, 1), (4, 1), (6, 2), (8, 2), (8, 3), (9, 4), (10, 5)])
def test_low_rank_counts(n, k):
    net = low_rank(n, k)
    B, C = low_rank_factors(n, k)
    A = B * C
    assert net.linear_map() == A and A.rank() == k
    comparison = compare_synapses(net, A)
    assert comparison.factored == 2 * n * k and comparison.flat == n * n
    assert comparison.cost == Fraction(n, 2 * k)
    assert (comparison.cost > 1) == (k < Fraction(n, 2))


def test_low_rank_with_sparse_factors_is_cheaper_than_n_over_2k():
    n = 4
    B = sympy.Matrix([[1], [0], [0], [0]])
    net = low_rank(n, 1, B, B.T)
    comparison = compare_synapses(net)
    assert (comparison.factored, comparison.flat) == (2, 1)
    assert comparison.cost == Fraction(1, 2) < Fraction(n, 2)


def test_low_rank_rejects_wrong_shapes():
    with pytest.raises(NetworkError, match="must be"):
        low_rank(4, 1, sympy.ones(1, 4), sympy.ones(4, 1))  # the printed shapes k×n, n×k
    with pytest.raises(NetworkError):
        low_rank(4, 5)


def test_chain_network_keeps_zero_rows_and_counts_nonzeros():
    A = sympy.Matrix([[1, 0], [0, 0]])
    B = sympy.Matrix([[0, 0], [2, 3]])
    net = chain_network([B, A])
    assert net.linear_map() == A * B
    assert net.synapse_count == 3
    assert net.neuron_count == 2


def test_plot_data_and_figures():
    rows = synapse_count_rows([2, 4, 8])
    assert all(r.matrix_ok for r in rows)
    assert {(r.name, r.factored, r.flat) for r in rows} >= {("fft_8", 48, 64),
                                                           ("low_rank_8_1", 16, 64)}
