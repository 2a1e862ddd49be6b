"""Exact Gaussian block-spin steps (symflat.paper.block_spin): two lattice methods and the
infinite-lattice kernel against each other."""

from fractions import Fraction

import pytest
import sympy

from symflat.paper.block_spin import (
    MU,
    block_average,
    block_spin_step,
    coarse_kernel,
    coarse_precision,
    coarse_precision_schur,
    kernel_coefficients,
    laplacian,
    laplacian_coordinates,
    lattice_eigenvalue,
    lattice_hamiltonian,
)

Y0, Y1, Y2 = sympy.symbols("y0 y1 y2", positive=True)


def test_laplacian_is_the_sum_of_squared_differences():
    d = laplacian(4, 2)
    phi = [Fraction(i * i - 3 * i, 7) for i in range(16)]
    quadratic = sum(phi[i] * Fraction(int(d[i, j].p), int(d[i, j].q)) * phi[j]
                    for i in range(16) for j in range(16))
    edges = 0
    for x in range(4):
        for y in range(4):
            here = phi[4 * x + y]
            edges += (here - phi[4 * ((x + 1) % 4) + y]) ** 2
            edges += (here - phi[4 * x + (y + 1) % 4]) ** 2
    assert quadratic == edges


@pytest.mark.parametrize("coarse, b, dim", [(3, 2, 1), (5, 3, 1), (3, 2, 2), (4, 2, 2)])
def test_schur_complement_equals_the_inverse_formula(coarse, b, dim):
    k = lattice_hamiltonian(coarse * b, dim, [2, 1, Fraction(1, 3)])
    assert coarse_precision(k, block_average(coarse, b, dim)) == \
        coarse_precision_schur(k, coarse, b, dim)


def test_block_of_one_site_is_the_identity_map():
    k = lattice_hamiltonian(5, 1, [1, 2, 3])
    assert coarse_precision(k, block_average(5, 1, 1)) == k
    assert laplacian_coordinates(k, 5, 1)[0] == [1, 2, 3]


@pytest.mark.parametrize("b, dim", [(2, 1), (3, 1), (2, 2)])
def test_zero_mode_scales_as_b_to_the_d(b, dim):
    for s in (0, 2):
        step = block_spin_step(3, b, dim, [Fraction(3, 2), 1], field_power=s)
        assert step.zero_mode == Fraction(3, 2) * b ** (dim + 2 * s)
        assert step.coarse_couplings[0] == step.zero_mode


def test_kernel_samples_equal_the_lattice_eigenvalues():
    for coarse, b, dim in [(4, 2, 1), (6, 3, 1), (4, 2, 2), (3, 3, 2)]:
        step = block_spin_step(coarse, b, dim, [1, 2, Fraction(1, 2)])
        kernel = coarse_kernel(b, dim, [1, 2, Fraction(1, 2)])
        for k in [(1,) * dim, (coarse // 2,) + (0,) * (dim - 1)]:
            mus = {m: 2 - 2 * sympy.cos(2 * sympy.pi * a / coarse) for m, a in zip(MU, k)}
            assert lattice_eigenvalue(step, k) == sympy.cancel(kernel.subs(mus))


def test_kernel_coefficients_b2_closed_forms():
    c1 = kernel_coefficients(coarse_kernel(2, 1, [Y0, Y1]), 1)
    assert c1["y0'"] == 2 * Y0
    assert sympy.cancel(c1["y1'"] - Y1 * (Y0 + 2 * Y1) / (Y0 + 4 * Y1)) == 0
    assert c1["y1'"].subs(Y0, 0) == Y1 / 2  # the power counting b^(1 - 2) at y0 = 0
    c2 = kernel_coefficients(coarse_kernel(2, 2, [Y0, Y1]), 2)
    assert c2["y0'"] == 4 * Y0 and sympy.cancel(c2["y1'"].subs(Y0, 0) - Y1) == 0
    assert sympy.cancel(c2["anisotropy"].subs({Y0: 0, Y1: 1})) != 0


def test_two_dimensional_coarse_kernel_leaves_the_form_of_eq23():
    assert block_spin_step(3, 2, 2, [1, 1]).in_form
    step = block_spin_step(4, 2, 2, [1, 1])
    assert not step.in_form and not step.matches


def test_positive_definite_required():
    with pytest.raises(ValueError, match="y_0 must be positive"):
        block_spin_step(3, 2, 1, [0, 1])


def test_sampling_catches_a_wrong_kernel():
    from symflat.paper.block_spin import sample_kernel

    step = block_spin_step(4, 2, 2, [1, 1])
    assert sample_kernel(step, coarse_kernel(2, 2, [1, 1])) == (16, [])
    count, differ = sample_kernel(step, coarse_kernel(2, 2, [1, 2]))
    assert count == 16 and (0, 0) not in differ and len(differ) == 15  # y0 alone agrees
    assert sample_kernel(block_spin_step(5, 2, 1, [1, 1]), coarse_kernel(2, 1, [1, 1])) == (0, [])
