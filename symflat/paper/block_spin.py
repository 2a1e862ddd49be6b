"""Sec. III.5, Eqs. 23-24: one exact Gaussian block-spin step on a small periodic lattice.

The lattice form of Eq. 23 (the paper: "derivatives can be well-approximated by differences",
``d^2 r`` a sum over pixels of side 1): on the periodic lattice of ``L^d`` sites,

    H(φ) = φ^T K φ,   K = y_0 + y_1 D + y_2 D^2 + ⋯,

where ``D = -Δ`` is the lattice Laplacian (``φ^T D φ`` is the sum of ``(φ_r - φ_r')^2`` over
nearest neighbours, the discrete ``(∇φ)^2``, and ``φ^T D^2 φ`` the sum of ``(Δφ)^2``). The
weight is ``exp(-H)``, a Gaussian with precision ``2K``.

The block-spin step with blocks of ``b^d`` sites: the coarse field ``ψ = A φ`` is each block's
average divided by ``b^s`` (``s = 0``: the average; ``s = 2``: the text's "divides the result
by b^2" read literally), on the coarse lattice of ``(L/b)^d`` sites with spacing 1. Integrating
out everything else is exact for a Gaussian: the coarse Hamiltonian is ``ψ^T K' ψ`` with

    K' = (A K^-1 A^T)^-1,

computed here two ways in exact rationals (python-flint): that formula, and the Schur
complement of the precision matrix in the coordinates (block averages, differences inside
each block), which never inverts ``K``. ``K'`` is then written, when it can be, as
``Σ_i y_i' D'^i`` in the coarse Laplacian ``D'`` (unique in the powers below the number of
distinct eigenvalues of ``D'``) and compared with Eq. 24's ``y_i' = b^(d - 2i + 2s) y_i``.

Examples
--------
>>> step = block_spin_step(3, 2, 1, ["1", "1"])
>>> step.zero_mode, step.schur_agrees, step.in_form
(Fraction(2, 1), True, True)
>>> step.coarse_couplings[0] == step.predicted[0]
True
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import flint
import sympy
from sympy.polys.matrices import DomainMatrix

__all__ = ["MU", "BlockSpinStep", "block_average", "block_spin_step", "coarse_kernel",
           "coarse_precision", "coarse_precision_schur", "kernel_coefficients", "laplacian",
           "laplacian_coordinates", "lattice_eigenvalue", "lattice_hamiltonian",
           "sample_kernel"]

#: The coarse Laplacian's eigenvalue along each axis, ``μ'_a = 2 - 2 cos q'_a``.
MU = sympy.symbols("mu1 mu2")


def _sites(size: int, dim: int) -> list[tuple[int, ...]]:
    return list(itertools.product(range(size), repeat=dim))


def _index(site: tuple[int, ...], size: int) -> int:
    i = 0
    for x in site:
        i = i * size + x
    return i


def laplacian(size: int, dim: int) -> flint.fmpq_mat:
    """``D = -Δ`` on the periodic lattice of ``size^dim`` sites (``size >= 3``).

    Examples
    --------
    >>> print(laplacian(3, 1))
    [ 2, -1, -1]
    [-1,  2, -1]
    [-1, -1,  2]
    """
    if size < 3:
        raise ValueError("a periodic lattice needs at least 3 sites a side")
    n = size**dim
    d = flint.fmpq_mat(n, n)
    for site in _sites(size, dim):
        i = _index(site, size)
        d[i, i] = 2 * dim
        for axis, step in itertools.product(range(dim), (1, -1)):
            other = list(site)
            other[axis] = (other[axis] + step) % size
            j = _index(tuple(other), size)
            d[i, j] = d[i, j] - 1
    return d


def _power_series(d: flint.fmpq_mat, couplings: list[Fraction]) -> flint.fmpq_mat:
    n = d.nrows()
    total, power = flint.fmpq_mat(n, n), _identity(n)
    for y in couplings:
        total = total + power * flint.fmpq(y.numerator, y.denominator)
        power = power * d
    return total


def _identity(n: int) -> flint.fmpq_mat:
    m = flint.fmpq_mat(n, n)
    for i in range(n):
        m[i, i] = 1
    return m


def lattice_hamiltonian(size: int, dim: int, couplings: list[Any]) -> flint.fmpq_mat:
    """``K = Σ_i y_i D^i`` (Eq. 23 on the lattice) for exact rational couplings ``y_i``.

    Examples
    --------
    >>> print(lattice_hamiltonian(3, 1, [1, 1]))
    [ 3, -1, -1]
    [-1,  3, -1]
    [-1, -1,  3]
    """
    return _power_series(laplacian(size, dim), [Fraction(y) for y in couplings])


def block_average(coarse: int, b: int, dim: int, field_power: int = 0) -> flint.fmpq_mat:
    """``A``: each block of ``b^dim`` sites to its average divided by ``b^field_power``.

    Examples
    --------
    >>> print(block_average(3, 2, 1))
    [1/2, 1/2,   0,   0,   0,   0]
    [  0,   0, 1/2, 1/2,   0,   0]
    [  0,   0,   0,   0, 1/2, 1/2]
    """
    fine = coarse * b
    a = flint.fmpq_mat(coarse**dim, fine**dim)
    weight = flint.fmpq(1, b ** (dim + field_power))
    for site in _sites(fine, dim):
        block = tuple(x // b for x in site)
        a[_index(block, coarse), _index(site, fine)] = weight
    return a


def coarse_precision(k: flint.fmpq_mat, a: flint.fmpq_mat) -> flint.fmpq_mat:
    """The Gaussian marginal of ``ψ = A φ`` when ``φ ~ exp(-φ^T K φ)``: ``(A K^-1 A^T)^-1``.

    Examples
    --------
    >>> print(coarse_precision(lattice_hamiltonian(3, 1, [1]), block_average(3, 1, 1)))
    [1, 0, 0]
    [0, 1, 0]
    [0, 0, 1]
    """
    return (a * k.inv() * a.transpose()).inv()


def coarse_precision_schur(k: flint.fmpq_mat, coarse: int, b: int, dim: int,
                           field_power: int = 0) -> flint.fmpq_mat:
    """The same marginal as the Schur complement of the precision in the coordinates ``u = T φ``:
    the block averages (``A``'s rows), then ``φ_r - φ_(block's first site)`` for the other
    sites of each block. ``K`` itself is never inverted.

    Examples
    --------
    >>> k, a = lattice_hamiltonian(6, 1, [1, 1]), block_average(3, 2, 1)
    >>> coarse_precision_schur(k, 3, 2, 1) == coarse_precision(k, a)
    True
    """
    fine = coarse * b
    a = block_average(coarse, b, dim, field_power)
    n, m = fine**dim, coarse**dim
    t = flint.fmpq_mat(n, n)
    for i in range(m):
        for j in range(n):
            t[i, j] = a[i, j]
    row = m
    for block in _sites(coarse, dim):
        members = [tuple(c * b + o for c, o in zip(block, offset)) for offset in _sites(b, dim)]
        anchor = _index(members[0], fine)
        for site in members[1:]:
            t[row, _index(site, fine)] = 1
            t[row, anchor] = -1
            row += 1
    t_inv = t.inv()
    p = t_inv.transpose() * k * t_inv
    p11, p12, p21, p22 = (_block(p, rows, cols) for rows, cols in
                          (((0, m), (0, m)), ((0, m), (m, n)), ((m, n), (0, m)),
                           ((m, n), (m, n))))
    return p11 - p12 * p22.inv() * p21


def _block(p: flint.fmpq_mat, rows: tuple[int, int], cols: tuple[int, int]) -> flint.fmpq_mat:
    out = flint.fmpq_mat(rows[1] - rows[0], cols[1] - cols[0])
    for i in range(rows[0], rows[1]):
        for j in range(cols[0], cols[1]):
            out[i - rows[0], j - cols[0]] = p[i, j]
    return out


def laplacian_coordinates(k: flint.fmpq_mat, size: int,
                          dim: int) -> tuple[list[Fraction] | None, int]:
    """``y`` with ``K = Σ_i y_i D^i`` in the powers ``D^0 .. D^r`` that are independent, or
    None when ``K`` is not such a polynomial (then it is not of the form of Eq. 23); and the
    number ``r + 1`` of independent powers.

    Examples
    --------
    >>> laplacian_coordinates(lattice_hamiltonian(5, 1, [2, 3]), 5, 1)
    ([Fraction(2, 1), Fraction(3, 1), Fraction(0, 1)], 3)
    """
    d = laplacian(size, dim)
    n = d.nrows()
    powers, power = [], _identity(n)
    for _ in range(n):
        powers.append(power)
        power = power * d
    columns = [*powers, k]
    system = flint.fmpq_mat(n * n, len(columns))
    for c, mat in enumerate(columns):
        for i in range(n):
            for j in range(n):
                system[i * n + j, c] = mat[i, j]
    reduced, rank = system.rref()
    pivots = []
    for r in range(rank):
        pivots.append(next(c for c in range(len(columns)) if reduced[r, c] != 0))
    if len(columns) - 1 in pivots:
        return None, len(pivots)
    coefficients = [Fraction(0)] * len(pivots)
    for r, c in enumerate(pivots):
        value = reduced[r, len(columns) - 1]
        coefficients[c] = Fraction(int(value.p), int(value.q))
    return coefficients, len(pivots)


@dataclass(frozen=True)
class BlockSpinStep:
    """One exact block-spin step and Eq. 24's prediction for it.

    Attributes
    ----------
    coarse, b, dim, field_power : int
        Coarse sites a side, block side, dimension, the ``s`` of ``ψ = average / b^s``.
    couplings : tuple of Fraction
        The fine ``y_0, y_1, ...``.
    coarse_couplings : tuple of Fraction or None
        ``y_i'`` with ``K' = Σ_i y_i' D'^i`` (None: ``K'`` is not of that form).
    predicted : tuple of Fraction
        Eq. 24 in dimension ``dim``: ``b^(dim - 2i + 2 field_power) y_i``, padded with zeros.
    zero_mode : Fraction
        The eigenvalue of ``K'`` on the uniform field (the row sum).
    schur_agrees : bool
        Whether the two exact computations of ``K'`` agree.
    row : dict
        The couplings of ``K'`` from site 0 to each coarse site (by its coordinates).
    """

    coarse: int
    b: int
    dim: int
    field_power: int
    couplings: tuple[Fraction, ...]
    coarse_couplings: tuple[Fraction, ...] | None
    predicted: tuple[Fraction, ...]
    zero_mode: Fraction
    schur_agrees: bool
    row: dict[tuple[int, ...], Fraction]

    @property
    def in_form(self) -> bool:
        """Whether ``K'`` is a polynomial in ``D'`` (the form of Eq. 23)."""
        return self.coarse_couplings is not None

    @property
    def matches(self) -> bool:
        """Whether ``K'`` is exactly Eq. 24's ``Σ_i b^(d-2i+2s) y_i D'^i``."""
        return self.coarse_couplings is not None and self.coarse_couplings == self.predicted


def block_spin_step(coarse: int, b: int, dim: int, couplings: list[Any],
                    field_power: int = 0) -> BlockSpinStep:
    """The exact block-spin step from ``(coarse b)^dim`` to ``coarse^dim`` sites.

    Parameters
    ----------
    coarse : int
        Coarse sites a side (at least 3).
    b : int
        Block side (at least 1).
    dim : int
        1 or 2.
    couplings : list of exact rationals
        ``y_0 > 0, y_1, ...`` of the fine Hamiltonian (``K`` must be positive definite).
    field_power : int
        ``s`` in ``ψ = block average / b^s``.

    Examples
    --------
    >>> step = block_spin_step(4, 2, 1, [1, 1])
    >>> step.zero_mode, step.predicted[:2]
    (Fraction(2, 1), (Fraction(2, 1), Fraction(1, 2)))
    >>> step.matches
    False
    """
    ys = [Fraction(y) for y in couplings]
    if not ys or ys[0] <= 0:
        raise ValueError("y_0 must be positive (a positive definite K on a finite lattice)")
    fine = coarse * b
    k = lattice_hamiltonian(fine, dim, ys)
    kp = coarse_precision(k, block_average(coarse, b, dim, field_power))
    agrees = kp == coarse_precision_schur(k, coarse, b, dim, field_power)
    found, independent = laplacian_coordinates(kp, coarse, dim)
    scale = [Fraction(b) ** (dim - 2 * i + 2 * field_power) for i in range(len(ys))]
    predicted = [s * y for s, y in zip(scale, ys)]
    width = max(len(predicted), independent)
    predicted += [Fraction(0)] * (width - len(predicted))
    if found is not None:
        found = found + [Fraction(0)] * (width - len(found))
    n = coarse**dim

    def rational(v: Any) -> Fraction:
        return Fraction(int(v.p), int(v.q))

    zero = sum((rational(kp[0, j]) for j in range(n)), Fraction(0))
    row = {site: rational(kp[0, _index(site, coarse)]) for site in _sites(coarse, dim)}
    return BlockSpinStep(coarse, b, dim, field_power, tuple(ys),
                         None if found is None else tuple(found), tuple(predicted), zero,
                         agrees, row)


# -- the infinite lattice: the coarse kernel as a function of the coarse momentum -----------


def coarse_kernel(b: int, dim: int, couplings: list[Any], field_power: int = 0) -> sympy.Expr:
    """``K'`` on the infinite lattice as a function of ``μ'_a = 2 - 2 cos q'_a`` (``MU``).

    The fine momenta that alias onto the coarse momentum ``q'`` are ``(q' + 2πm)/b``; along
    each axis their cosines are the ``b`` roots ``t`` of the Chebyshev equation
    ``T_b(t) = 1 - μ'/2``. With the block filter ``w(t) = (b + 2 Σ_k (b - k) T_k(t))/b^2``
    per axis (the squared modulus of the block average's Fourier factor), the fine kernel
    ``K = Σ_i y_i μ^i`` and ``μ = Σ_a (2 - 2 t_a)``, the Gaussian marginal is

        K'(μ') = b^(d + 2s) / Σ_(roots) w / K,

    the sum over the roots being the trace of an element of ``Q(μ', y)[t]/(T_b(t_a) - ...)``
    (exact: a fraction-free linear solve over the polynomials ``Q[μ', y]``, whose entries
    the reduction leaves polynomial since ``T_b``'s leading coefficient is a number, and a
    trace). The finite
    periodic lattice of ``coarse`` sites samples this function at ``q' = 2πk/coarse``
    (:func:`lattice_eigenvalue`), which is the cross-check.

    Examples
    --------
    >>> y0, y1 = sympy.symbols("y0 y1", positive=True)
    >>> sympy.factor(coarse_kernel(2, 1, [y0, y1]))
    4*(mu1*y1**2 + y0**2 + 4*y0*y1)/(-mu1*y1 + 2*y0 + 8*y1)
    """
    mus = MU[:dim]
    free = sorted(set().union(*(sympy.sympify(y).free_symbols for y in couplings)), key=str)
    domain = sympy.QQ.poly_ring(*mus, *free)
    gens = sympy.symbols(f"t1:{dim + 1}")
    basis = list(itertools.product(range(b), repeat=dim))
    relations = [sympy.chebyshevt(b, g) - (1 - m / 2) for g, m in zip(gens, mus)]

    def monomial(exponents: tuple[int, ...]) -> sympy.Expr:
        return sympy.Mul(*(g**e for g, e in zip(gens, exponents)))

    def coordinates(expr: sympy.Expr) -> list[Any]:
        _, rest = sympy.reduced(sympy.expand(expr), relations, *gens, domain=domain)
        poly = sympy.Poly(rest, *gens, domain=domain)
        return [poly.coeff_monomial(monomial(e)) for e in basis]

    def multiplication(expr: sympy.Expr) -> DomainMatrix:
        columns = [coordinates(expr * monomial(e)) for e in basis]
        size = len(basis)
        return DomainMatrix([[domain.convert(columns[j][i]) for j in range(size)]
                             for i in range(size)], (size, size), domain)

    mu_fine = sum(2 - 2 * g for g in gens)
    k = sum(sympy.sympify(y) * mu_fine**i for i, y in enumerate(couplings))
    w = sympy.Mul(*[(b + 2 * sum((b - j) * sympy.chebyshevt(j, g) for j in range(1, b)))
                    / sympy.Integer(b) ** 2 for g in gens])
    rhs = DomainMatrix([[domain.convert(c)] for c in coordinates(w)], (len(basis), 1), domain)
    # w / K in the quotient ring is h / den (fraction-free: no gcd of rational functions
    # at every step of the elimination, which made this the slowest claim of the catalog)
    h, den = multiplication(k).solve_den(rhs)
    traces = []
    for e in basis:
        m = multiplication(monomial(e))
        traces.append(sum((m[i, i].element for i in range(len(basis))), domain.zero))
    total = sum((t * h[i, 0].element for i, t in enumerate(traces)), domain.zero)
    return sympy.cancel(sympy.Integer(b) ** (dim + 2 * field_power) * domain.to_sympy(den)
                        / domain.to_sympy(total))


def kernel_coefficients(kernel: sympy.Expr, dim: int) -> dict[str, sympy.Expr]:
    """The long-wavelength coefficients of ``K'(μ')``: ``y0'`` (at ``μ' = 0``), ``y1'`` (of
    ``μ'_1``), ``quartic`` (of ``μ'_1^2``) and, in 2-D, ``mixed`` (of ``μ'_1 μ'_2``) and
    ``anisotropy`` = ``2 quartic - mixed`` (zero when the quartic part is a multiple of
    ``(μ'_1 + μ'_2)^2``, the lattice ``(∇²φ)^2`` of Eq. 23).

    Examples
    --------
    >>> y0, y1 = sympy.symbols("y0 y1", positive=True)
    >>> c = kernel_coefficients(coarse_kernel(2, 1, [y0, y1]), 1)
    >>> c["y0'"], sympy.factor(c["y1'"])
    (2*y0, y1*(y0 + 2*y1)/(y0 + 4*y1))
    """
    # The Taylor coefficients of N/D through degree 2, from those of N and D: K D = N term by
    # term (exact, and far cheaper than differentiating the rational function symbolically).
    mus = MU[:dim]
    num, den = (sympy.Poly(part, *mus) for part in sympy.fraction(sympy.cancel(kernel)))

    def coefficient(poly: sympy.Poly, exponents: tuple[int, ...]) -> sympy.Expr:
        return poly.coeff_monomial(sympy.Mul(*(m**e for m, e in zip(mus, exponents))))

    orders = sorted((e for e in itertools.product(range(3), repeat=dim) if sum(e) <= 2),
                    key=sum)
    d0 = coefficient(den, (0,) * dim)
    series: dict[tuple[int, ...], sympy.Expr] = {}
    for e in orders:
        lower = [f for f in series
                 if f != e and all(a <= b for a, b in zip(f, e))]
        rest = sum((series[f] * coefficient(den, tuple(b - a for a, b in zip(f, e)))
                    for f in lower), sympy.Integer(0))
        series[e] = sympy.cancel((coefficient(num, e) - rest) / d0)

    def at(*exponents: int) -> sympy.Expr:
        return series[tuple(exponents) + (0,) * (dim - len(exponents))]

    out = {"y0'": at(0), "y1'": at(1), "quartic": at(2)}
    if dim == 2:
        out["mixed"] = at(1, 1)
        out["anisotropy"] = sympy.cancel(2 * out["quartic"] - out["mixed"])
    return out


def lattice_eigenvalue(step: BlockSpinStep, k: tuple[int, ...]) -> sympy.Expr:
    """The eigenvalue of the finite lattice's ``K'`` at the coarse momentum ``2πk/coarse``
    (a translation-invariant, reflection-symmetric coupling: ``Σ_r K'_(0r) cos(q'·r)``).

    Examples
    --------
    >>> lattice_eigenvalue(block_spin_step(4, 2, 1, [1, 1]), (2,))
    6
    """
    two_pi = 2 * sympy.pi / step.coarse
    return sympy.nsimplify(sum(
        (sympy.Rational(v.numerator, v.denominator)
         * sympy.cos(two_pi * sum(a * r for a, r in zip(k, site)))
         for site, v in step.row.items()), sympy.Integer(0)))


def sample_kernel(step: BlockSpinStep, kernel: sympy.Expr) -> tuple[int, list[tuple[int, ...]]]:
    """Compare the lattice's ``K'`` with the infinite lattice's kernel at every coarse
    momentum, where the cosines are rational (``coarse`` = 3, 4 or 6; otherwise nothing is
    sampled). Returns how many momenta were compared and those where the two differ.

    Examples
    --------
    >>> step = block_spin_step(4, 2, 1, [1, 1])
    >>> sample_kernel(step, coarse_kernel(2, 1, [1, 1]))
    (4, [])
    """
    if step.coarse not in (3, 4, 6):
        return 0, []
    differ = []
    momenta = list(itertools.product(range(step.coarse), repeat=step.dim))
    for k in momenta:
        mus = {m: 2 - 2 * sympy.cos(2 * sympy.pi * a / step.coarse) for m, a in zip(MU, k)}
        if lattice_eigenvalue(step, k) != sympy.cancel(kernel.subs(mus)):
            differ.append(k)
    return len(momenta), differ
