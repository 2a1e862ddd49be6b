r"""Real widths of one-variable polynomials: Sylvester's apolarity for real binary forms.

Over the reals the width can exceed the complex bound of :mod:`symflat.width.lower`, and which
one holds can depend on the signs of the sigma_k. In one variable without an output bias the
conditions ``sigma_k sum_j w_j a_j^k = p_k`` (``k <= d``) say that the binary form

    G(z, x) = sum_k binom(d, k) z^(d-k) x^k p_k / sigma_k = sum_j w_j (z + a_j x)^d

is a sum of ``m`` ``d``-th powers of real linear forms with non-zero ``z``-coefficient.

Theorem (proved here)
---------------------
Let ``b`` be the bound of :mod:`symflat.width.lower` and suppose the apolar forms of degree
``b``, ``Ann(G)_b``, are the multiples of one form ``theta``. If ``theta`` does not have ``b``
distinct real roots ``[Z : X]``, all with ``Z != 0``, then every real network has
``m >= b + 1`` neurons.

*Proof.* A network with ``m = b`` neurons has ``b`` distinct points ``[1 : a_j]`` with non-zero
weights (fewer would contradict ``b``). The dual form ``Pi_j (a_j Z - X)`` vanishes at them, so
it lies in their ideal, which is inside ``Ann(G)`` (the apolarity lemma, as in
:mod:`symflat.width.lower`); being of degree ``b`` it is a multiple of ``theta``. Its roots
``[1 : a_j]`` are then those of ``theta``: ``b`` distinct real ones with ``Z != 0``. ∎

The check is exact: ``theta`` is the kernel of a catalecticant over Q (the sigma_k of a sign case
are normalised to ``+-1`` by the torus of :mod:`symflat.width.lower`, which maps real networks to
real networks when the ratio it takes a root of is positive, as it is in the case), and its real
roots are counted by Sturm sequences (``sympy.Poly.count_roots``).
"""

from __future__ import annotations

from fractions import Fraction
from math import comb

import flint
import sympy

from symflat.exact.polynomial import Polynomial
from symflat.exact.printing import math_text
from symflat.width.lower import catalecticant_matrix
from symflat.width.polynomials import monomials

__all__ = ["real_rank_exceeds"]


def _form(data: Polynomial, scale: dict[int, Fraction]) -> dict[tuple[int, int], Fraction]:
    """``G`` of the module docstring (exponents ``(z, x)``), ``1/sigma_k = scale[k]``."""
    d = data.degree
    return {(d - e[0], e[0]): comb(d, e[0]) * scale[e[0]] * c for e, c in data.terms.items()}


def real_rank_exceeds(data: Polynomial, scale: dict[int, Fraction], bound: int) -> str | None:
    """Why no real network of ``bound`` neurons exists (the theorem of the module docstring),
    or ``None`` when the theorem does not apply or does not exclude one.

    ``data`` is a polynomial in one variable, every degree constrained (no output bias), and
    ``1/sigma_k = scale[k]``.

    Examples
    --------
    >>> p = Polynomial(("x1",), {(3,): Fraction(1), (1,): Fraction(-1)})
    >>> ones = {k: Fraction(1) for k in range(4)}
    >>> real_rank_exceeds(p, ones, 2)
    'Ann(G)_2 is spanned by X^2 + Z^2, which has 0 real roots (2 distinct real roots with Z \
!= 0 needed)'
    >>> real_rank_exceeds(p, {**ones, 3: Fraction(-1)}, 2) is None
    True
    """
    if data.nvars != 1 or bound < 1 or bound > data.degree:
        return None
    g = _form(data, scale)
    cat = catalecticant_matrix(g, 2, data.degree, bound)
    kernel = _left_kernel(cat)
    if len(kernel) != 1:
        return None
    z, x = sympy.symbols("Z X")
    # the rows of Cat_t are the monomials Z^(t-i) X^i in the order of lower.monomials
    rows = monomials(2, bound)
    theta = sympy.Add(*(sympy.Rational(int(c.p), int(c.q)) * z**e[0] * x**e[1]
                        for c, e in zip(kernel[0], rows, strict=True)))
    t = sympy.Symbol("t")
    univariate = sympy.Poly(theta.subs({z: 1, x: t}), t)
    distinct = univariate.degree() == bound and sympy.gcd(univariate,
                                                          univariate.diff(t)).degree() == 0
    real = univariate.count_roots() if univariate.degree() > 0 else 0
    if distinct and real == bound:
        return None
    return (f"Ann(G)_{bound} is spanned by {math_text(sympy.factor(theta))}, which has {real} "
            f"real roots ({bound} distinct real roots with Z != 0 needed)")


def _left_kernel(matrix: flint.fmpq_mat) -> list[list[flint.fmpq]]:
    """A basis of ``{y : y^T M = 0}`` (the apolar forms: combinations of the rows)."""
    transposed = matrix.transpose()
    rref, rank = transposed.rref()
    ncols = transposed.ncols()
    rows = rref.tolist()[:rank]
    pivots = [next(j for j, v in enumerate(row) if v != 0) for row in rows]
    free = [j for j in range(ncols) if j not in pivots]
    basis = []
    for f in free:
        vector = [flint.fmpq(0)] * ncols
        vector[f] = flint.fmpq(1)
        for row, p in zip(rows, pivots, strict=True):
            vector[p] = -row[f] / row[p]
        basis.append(vector)
    return basis
