"""The fast Walsh–Hadamard and Haar wavelet networks (symflat/paper/transforms.py): the
proved counts against the graphs and exact matrices."""

from __future__ import annotations

import pytest

from symflat.errors import NetworkError
from symflat.paper.linear import compare_synapses, hadamard_matrix, walsh_hadamard
from symflat.paper.transforms import (
    haar_counts,
    haar_matrix,
    haar_wavelet,
    transform_count_proof,
    walsh_hadamard_counts,
)


def test_the_count_proof_holds():
    proof = transform_count_proof()
    assert proof.holds, proof.failed()


@pytest.mark.parametrize("n", [2, 4, 8, 16, 32, 64])
def test_graphs_agree_with_the_proved_formulas(n):
    haar = compare_synapses(haar_wavelet(n), haar_matrix(n))
    assert haar.matrix_ok and (haar.factored, haar.flat) == haar_counts(n)
    wh = compare_synapses(walsh_hadamard(n), hadamard_matrix(n))
    assert wh.matrix_ok and (wh.factored, wh.flat) == walsh_hadamard_counts(n)


def test_haar_matrix_is_invertible_and_orthogonal_rows():
    """A second description of the transform: the rows are orthogonal (the Haar basis), so
    the matrix the network computes is the wavelet transform and not a look-alike."""
    matrix = haar_matrix(16)
    gram = matrix * matrix.T
    assert all(gram[i, j] == 0 for i in range(16) for j in range(16) if i != j)
    assert matrix.det() != 0


def test_sizes_must_be_powers_of_two():
    with pytest.raises(NetworkError, match="power of two"):
        haar_wavelet(6)


def test_fft_proof_holds_and_detects_a_wrong_twiddle():
    import sympy

    from symflat.paper.proof import is_zero
    from symflat.paper.transforms import fft_proof

    assert fft_proof().holds
    k, j = sympy.symbols("k j", integer=True, nonnegative=True)
    half = sympy.Symbol("M", integer=True, positive=True)

    def omega(n, power):
        return sympy.exp(-2 * sympy.pi * sympy.I * power / n)

    # the conjugate twiddle (a classic slip) is not the odd inputs' factor
    assert not is_zero(omega(2 * half, k * (2 * j + 1))
                       - omega(2 * half, -k) * omega(half, k * j))
