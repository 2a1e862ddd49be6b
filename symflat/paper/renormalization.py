"""Sec. III.5, Eqs. 23-24: how the Gaussian image Hamiltonian's parameters scale under
coarse-graining (the power counting of Eq. 24), exactly.

H_y(φ) = ∫ [y_0 φ² + y_1 (∇φ)² + y_2 (∇²φ)² + ⋯] d²r (Eq. 23). Coarse-graining by b maps a
field φ to the coarse field φ' on the coordinates r' = r/b; if the coarse field is the block
average divided by b^s, then φ(r) = b^s φ'(r/b) on long wavelengths. Writing the same H in
terms of φ' gives the new parameters: y_i' = y_i · I_i(b) / I_i(1), where I_i(b) is the
i-th term's integral for φ(r) = b^s g(r/b). :func:`coarse_parameters` computes that ratio
exactly (sympy integrals of a Gaussian test field g, symbolic b): b^(2 − 2i + 2s).

Examples
--------
>>> coarse_parameters(0)
[b**2, 1, b**(-2)]
>>> coarse_parameters(2)
[b**6, b**4, b**2]
"""

from __future__ import annotations

import sympy

__all__ = ["B", "coarse_parameters"]

#: The block size b (positive).
B = sympy.Symbol("b", positive=True)


def _terms(field: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol) -> list[sympy.Expr]:
    """The densities of Eq. 23's first three terms: φ², (∇φ)², (∇²φ)²."""
    gradient = sympy.diff(field, x) ** 2 + sympy.diff(field, y) ** 2
    laplacian = sympy.diff(field, x, 2) + sympy.diff(field, y, 2)
    return [field**2, gradient, laplacian**2]


def coarse_parameters(field_power: int) -> list[sympy.Expr]:
    """y_i'/y_i for i = 0, 1, 2 when the coarse field is the block average divided by
    b^field_power: exact integrals over the plane for a Gaussian test field, symbolic b.

    Examples
    --------
    >>> coarse_parameters(1)
    [b**4, b**2, 1]
    """
    x, y = sympy.symbols("x y", real=True)
    test = sympy.exp(-(x**2) - y**2)

    def integrals(scale: sympy.Expr) -> list[sympy.Expr]:
        field = B**field_power * test.subs({x: x / scale, y: y / scale}) if scale != 1 \
            else test
        return [sympy.integrate(density, (x, -sympy.oo, sympy.oo), (y, -sympy.oo, sympy.oo))
                for density in _terms(field, x, y)]

    coarse, fine = integrals(B), integrals(sympy.Integer(1))
    return [sympy.simplify(c / f) for c, f in zip(coarse, fine)]
