r"""Essential variables: a polynomial in many variables that is one in few, in disguise.

Let ``K = {v : sum_i v_i dP/dx_i = 0}`` (the directions along which ``P`` is constant) and
``r = n - dim K`` (the rank of the first derivatives, i.e. of the first catalecticant; Carlini).
Then ``P(x) = f(L x)`` with ``L`` an ``r x n`` matrix whose rows span the orthogonal complement
of ``K`` and ``f(y) = P(R y)``, ``R = L^T (L L^T)^(-1)`` (so ``L R = I`` and ``R L`` is the
projection onto that complement along ``K``, which leaves ``P`` unchanged).

Theorem (proved here): in every model of :class:`~symflat.width.model.WidthModel` the width of
``P`` equals the width of ``f``.

*Proof.* A network for ``f`` with points ``a_j`` (and any biases) computes, at ``y = L x``,
the same sums with ``a_j . (L x) = (L^T a_j) . x``: a network for ``P`` with the points
``L^T a_j``, the same weights, biases and count, Taylor-approximating ``f(Lx) = P(x)``.
Conversely a network for ``P`` with points ``b_j`` gives, at ``x = R y``, one for
``P(R y) = f(y)`` with points ``R^T b_j``. Both maps keep the degree of every Taylor part, so
the conditions of every model correspond. ∎

So ``(x1 + ... + x10 + 1)^8`` is ``(y + 1)^8`` with ``y = x1 + ... + x10``: its width is that of
a polynomial in one variable.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import flint

from symflat.exact.polynomial import Polynomial

__all__ = ["Reduction", "essential_variables"]


@dataclass(frozen=True)
class Reduction:
    """``P(x) = f(L x)`` with ``f = reduced`` in ``r`` variables (module docstring)."""

    reduced: Polynomial
    lift: tuple[tuple[Fraction, ...], ...]

    @property
    def rank(self) -> int:
        return len(self.lift)

    def lift_point(self, point: tuple[object, ...]) -> tuple[object, ...]:
        """``L^T a``: a point of a network for ``f`` as a point of the network for ``P``."""
        n = len(self.lift[0])
        return tuple(sum((row[i] * a for row, a in zip(self.lift, point, strict=True)), 0)
                     for i in range(n))

    def reproduces(self, data: Polynomial) -> bool:
        """Whether ``f(L x) == P(x)`` exactly (flint composition): with it, a construction for
        ``f`` re-checked by expansion lifts to one for ``P`` by the theorem above."""
        transpose = [[row[i] for row in self.lift] for i in range(data.nvars)]
        substituted = self.reduced.linear_substitution(
            [list(col) for col in zip(*transpose, strict=True)], data.variables)
        return substituted == data

    def to_dict(self) -> dict[str, object]:
        return {"essential_variables": self.rank, "reduced": self.reduced.to_text(),
                "variables": list(self.reduced.variables),
                "L": [[str(v) for v in row] for row in self.lift]}


def _fmpq(value: Fraction) -> flint.fmpq:
    return flint.fmpq(value.numerator, value.denominator)


def _fraction(value: flint.fmpq) -> Fraction:
    return Fraction(int(value.p), int(value.q))


def essential_variables(data: Polynomial) -> Reduction | None:
    """The reduction of the module docstring, or ``None`` when every variable is essential.

    Examples
    --------
    >>> from symflat.exact.polynomial import parse_polynomial
    >>> r = essential_variables(parse_polynomial("(x1 + x2 + x3 + 1)^3"))
    >>> r.rank, r.reduced, r.to_dict()["L"]
    (1, Polynomial(y1^3 + 3*y1^2 + 3*y1 + 1, variables=('y1',)), [['1', '1', '1']])
    >>> essential_variables(parse_polynomial("x1*x2")) is None
    True
    """
    n = data.nvars
    derivatives = [data.derivative(i).terms for i in range(n)]
    monomials = sorted({e for d in derivatives for e in d})
    if not monomials:
        return None
    # the columns of D (one per monomial) span the orthogonal complement of K
    columns = flint.fmpq_mat(len(monomials), n, [_fmpq(d.get(m, Fraction(0)))
                                                   for m in monomials for d in derivatives])
    rref, rank = columns.rref()
    if rank == n or rank == 0:
        return None
    lift = [[_fraction(v) for v in row] for row in rref.tolist()[:rank]]
    l_mat = flint.fmpq_mat(rank, n, [_fmpq(v) for row in lift for v in row])
    section = l_mat.transpose() * (l_mat * l_mat.transpose()).inv()
    names = [f"y{j + 1}" for j in range(rank)]
    matrix = [[_fraction(section[i, j]) for j in range(rank)] for i in range(n)]
    reduced = data.linear_substitution(matrix, names)
    return Reduction(reduced, tuple(tuple(row) for row in lift))
