"""Q(zeta_N) residues: the cyclotomic matrix of a network, the FFT's sparse factors."""

from __future__ import annotations

import pytest
import sympy

from symflat.errors import NetworkError
from symflat.paper.cyclotomic import CyclotomicField, cyclotomic_order
from symflat.paper.linear import (
    convolution_by_fft,
    fft,
    fft_factors,
    residue_nonzeros,
    root_of_unity,
    shift_commutant_is_circulant,
    walsh_hadamard,
    with_weight,
)
from symflat.paper.strassen import flat_product_synapses, strassen_identity_holds


@pytest.mark.parametrize("net", [fft(8), walsh_hadamard(4), fft(4)])
def test_network_map_agrees_with_the_sympy_linear_map(net):
    weights = [w for _, _, w in net.graph.edges(data="weight")]
    field = CyclotomicField(cyclotomic_order(*weights))
    assert field.network_map(net) == field.matrix(net.linear_map())


def test_residues_decide_equality_and_zero():
    field = CyclotomicField(16)
    w = root_of_unity(16, 1)
    assert field.element(1 + w**4 + w**8 + w**12) == 0
    assert field.element(w**8) == field.element(-1)
    assert field.element(w) != field.element(w**3)
    assert field.element(sympy.pi) is None
    with pytest.raises(NetworkError):
        field.matrix(sympy.Matrix([[sympy.sqrt(2)]]))
    with pytest.raises(NetworkError):
        CyclotomicField(6)


def test_network_map_needs_a_linear_network():
    net = fft(4)
    net.graph.nodes["s1_0"]["activation"] = "tanh"
    with pytest.raises(NetworkError):
        CyclotomicField(4).network_map(net)


def test_a_wrong_twiddle_changes_the_residue_matrix():
    net = fft(8)
    field = CyclotomicField(8)
    good = field.network_map(net)
    bad = field.network_map(with_weight(net, "s2_7", "y7", root_of_unity(8, 2)))
    assert good != bad


@pytest.mark.parametrize("m", [0, 1, 2, 3, 4, 5])
def test_fft_factors_multiply_to_the_dft(m):
    factors = fft_factors(m)
    n = 2**m
    assert factors.product() == factors.dft()
    assert sum(residue_nonzeros(s) for s in factors.stages) == 2 * n * m
    assert residue_nonzeros(factors.dft()) == n * n
    if m >= 2:  # the twiddles matter: dropping one breaks the product
        factors.stages[-1][0][n // 2] = factors.field.zero
        assert factors.product() != factors.dft()


@pytest.mark.parametrize("m", [1, 2, 3, 4])
def test_convolution_by_fft(m):
    n = 2**m
    assert convolution_by_fft(m, [3 * i - 2 for i in range(n)])
    with pytest.raises(NetworkError):
        convolution_by_fft(m, [1] * (n + 1))


def test_shift_commutant():
    assert all(shift_commutant_is_circulant(n) for n in (2, 3, 4))


def test_strassen_identity_and_flat_synapses():
    assert strassen_identity_holds()
    assert [flat_product_synapses(n) for n in range(1, 5)] == [n**3 for n in range(1, 5)]


def test_nonzero_count_decides_cyclotomic_zeros():
    from symflat.paper.linear import nonzero_count

    w = root_of_unity(16, 1)
    hidden_zero = w + w**9  # w^8 = -1, so this is 0, though sympy keeps both terms
    assert hidden_zero != 0
    assert nonzero_count(sympy.Matrix([[hidden_zero, w, 0]])) == 1
    with pytest.raises(NetworkError):
        nonzero_count(sympy.Matrix([[sympy.pi]]))
