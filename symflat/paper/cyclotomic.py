"""Exact arithmetic in the cyclotomic field Q(ζ_N), for matrices of roots of unity.

The DFT matrix and the FFT's twiddles live in Q(ζ_N), ζ_N = exp(2πi/N). An element is kept as
its residue modulo the cyclotomic polynomial Φ_N (a ``flint.fmpq_poly`` in ζ of degree below
φ(N)): as Φ_N is the minimal polynomial of ζ_N over Q, two elements are equal if and only if
their residues are, so equality and zero tests are exact and cost a polynomial comparison,
not a sympy simplification.

:class:`CyclotomicField` converts sympy numbers built from rationals, ``I`` and ``exp(iπ r)``
(r rational) into residues (:meth:`~CyclotomicField.element`), multiplies matrices of residues
and walks a linear :class:`~symflat.nets.network.Network` graph
(:meth:`~CyclotomicField.network_map`). :func:`cyclotomic_order` finds an order N whose field
holds given numbers.

Examples
--------
>>> import sympy
>>> field = CyclotomicField(8)
>>> w = field.element(sympy.exp(-sympy.I * sympy.pi / 4))
>>> w * w % field.modulus == field.element(-sympy.I)
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import sympy
from flint import fmpq_poly, fmpz_poly

from symflat.errors import NetworkError
from symflat.exact.expressions import to_expression
from symflat.nets.evaluate import propagate, require_linear
from symflat.nets.network import Network

__all__ = ["CyclotomicField", "cyclotomic_order"]


def cyclotomic_order(*exprs: Any) -> int:
    """The least N (a multiple of 4, so that i = ζ_N^(N/4)) with every exp(iπ r) in Q(ζ_N).

    Examples
    --------
    >>> import sympy
    >>> cyclotomic_order(sympy.exp(-sympy.I * sympy.pi / 8), sympy.Integer(3))
    16
    """
    order = 4
    for e in exprs:
        for atom in to_expression(e).atoms(sympy.exp):
            r = atom.args[0] / (sympy.I * sympy.pi)
            if r.is_Rational:
                order = math.lcm(order, 2 * int(r.q))
    return order


class CyclotomicField:
    """Q(ζ_N) with elements as ``fmpq_poly`` residues modulo Φ_N.

    Parameters
    ----------
    order : int
        N, a positive multiple of 4.

    Examples
    --------
    >>> field = CyclotomicField(4)
    >>> field.power(1) == field.element(sympy.I), field.power(2) == field.element(-1)
    (True, True)
    """

    def __init__(self, order: int) -> None:
        if isinstance(order, bool) or not isinstance(order, int) or order < 4 or order % 4:
            raise NetworkError(f"a cyclotomic order must be a positive multiple of 4, not "
                               f"{order!r}")
        self.order = order
        self.modulus = fmpq_poly(fmpz_poly.cyclotomic(order))
        self.zero = fmpq_poly([])
        self.one = fmpq_poly([1])

    def power(self, k: int) -> fmpq_poly:
        """ζ_N^k reduced modulo Φ_N (k may be negative)."""
        return fmpq_poly([0] * (k % self.order) + [1]) % self.modulus

    def mul(self, a: fmpq_poly, b: fmpq_poly) -> fmpq_poly:
        """The product of two residues, reduced."""
        return a * b % self.modulus

    def element(self, value: Any) -> fmpq_poly | None:
        """The residue of an exact sympy number, or None when it is not in Q(ζ_N).

        Examples
        --------
        >>> field = CyclotomicField(8)
        >>> field.element(sympy.sqrt(2)) is None, field.element(sympy.Rational(1, 2))
        (True, 1/2)
        """
        return _residue(to_expression(value), self.order)

    def matmul(self, a: Sequence[Sequence[fmpq_poly]], b: Sequence[Sequence[fmpq_poly]]
               ) -> list[list[fmpq_poly]]:
        """The product of two square matrices of residues (zero entries skipped).

        Examples
        --------
        >>> field = CyclotomicField(4)
        >>> i = field.power(1)
        >>> field.matmul([[i]], [[i]]) == [[field.element(-1)]]
        True
        """
        size = len(a)
        out = [[self.zero for _ in range(size)] for _ in range(size)]
        for i in range(size):
            for k, aik in enumerate(a[i]):
                if aik == 0:
                    continue
                for j in range(size):
                    if b[k][j] != 0:
                        out[i][j] = out[i][j] + aik * b[k][j]
        return [[v % self.modulus for v in row] for row in out]

    def matrix(self, matrix: sympy.Matrix) -> list[list[fmpq_poly]]:
        """The residues of a sympy matrix's entries (each distinct entry converted once).

        Raises
        ------
        NetworkError
            An entry is not in Q(ζ_N).
        """
        return [[self._required(matrix[i, j], f"entry ({i}, {j})") for j in range(matrix.cols)]
                for i in range(matrix.rows)]

    def network_map(self, net: Network) -> list[list[fmpq_poly]]:
        """The matrix of a linear network (identity neurons, no biases) over Q(ζ_N).

        Rows are outputs and columns inputs, in the order of ``net.outputs`` and
        ``net.inputs``, as in :meth:`~symflat.nets.network.Network.linear_map`, which it
        equals entry by entry (read as residues).

        Examples
        --------
        >>> net = Network("sum")
        >>> net.add_input("a"); net.add_input("b"); net.add_output("y")
        >>> net.add_edge("a", "y", sympy.I); net.add_edge("b", "y", -1)
        >>> field = CyclotomicField(4)
        >>> field.network_map(net) == [[field.power(1), field.element(-1)]]
        True
        """
        require_linear(net)
        n = len(net.inputs)
        units = {x: _Row(self, [self.one if i == k else self.zero for i in range(n)])
                 for k, x in enumerate(net.inputs)}
        zero = _Row(self, [self.zero] * n)
        rows = propagate(net, units, lambda w: self._required(w, "weight"),
                         lambda node, name, pre: pre, bias=lambda b: zero)
        return [rows[o].entries for o in net.outputs]

    def _required(self, value: Any, what: str) -> fmpq_poly:
        residue = _residue(to_expression(value), self.order)
        if residue is None:
            raise NetworkError(f"{what} = {value} is not an element of Q(zeta_{self.order})")
        return residue


class _Row:
    """A row of residues, as :func:`~symflat.nets.evaluate.propagate` carries it through a
    linear network: rows add, and a residue times a row is reduced modulo Φ_N."""

    __slots__ = ("field", "entries")

    def __init__(self, field: CyclotomicField, entries: list[fmpq_poly]) -> None:
        self.field, self.entries = field, entries

    def __add__(self, other: _Row) -> _Row:
        return _Row(self.field, [a + b for a, b in zip(self.entries, other.entries)])

    def __rmul__(self, scalar: fmpq_poly) -> _Row:
        if scalar == 0:
            return _Row(self.field, [self.field.zero] * len(self.entries))
        modulus = self.field.modulus
        return _Row(self.field, [(scalar * e) % modulus if e != 0 else e
                                 for e in self.entries])


@lru_cache(maxsize=4096)
def _residue(expr: sympy.Expr, order: int) -> fmpq_poly | None:
    """``expr`` in Q(ζ_order) as its residue modulo Φ_order; None if it is not there."""
    if expr.is_Rational:
        return fmpq_poly([int(expr.p)]) / int(expr.q)
    z = sympy.Dummy("z")
    expr = sympy.expand(expr)

    def to_power(atom: sympy.Expr) -> sympy.Expr:
        r = atom.args[0] / (sympy.I * sympy.pi)
        if not r.is_Rational or (r * order / 2).q != 1:
            raise ValueError(atom)
        return z ** int((r * order / 2) % order)

    try:
        expr = expr.replace(lambda e: isinstance(e, sympy.exp), to_power)
    except ValueError:
        return None
    expr = expr.subs(sympy.I, z ** (order // 4))
    if expr.free_symbols - {z}:
        return None
    try:
        poly = sympy.Poly(expr, z, domain="QQ")
    except (sympy.PolynomialError, sympy.CoercionFailed):
        return None
    coeffs = [sympy.Rational(c) for c in reversed(poly.all_coeffs())]
    denominator = math.lcm(*(int(c.q) for c in coeffs))
    numerators = [int(c * denominator) for c in coeffs]
    return fmpq_poly(numerators) / denominator % fmpq_poly(fmpz_poly.cyclotomic(order))
