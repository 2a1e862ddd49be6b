"""Exact sparse polynomials as used by the width machinery.

A polynomial is held as its variable names and a dict from exponent tuples to
:class:`fractions.Fraction` coefficients (zero coefficients never stored). This keeps the
mathematics independent of sympy's ``Poly`` and hashable for the caches of a sweep.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from math import comb

import sympy

from symflat.errors import SymflatError
from symflat.exact.expressions import parse_polynomial

__all__ = ["PolyData", "WidthError", "as_polydata", "monomials", "count_monomials"]

#: Polynomials with more terms are printed without sympy (see :meth:`PolyData.to_text`).
TEXT_VIA_SYMPY = 300


class WidthError(SymflatError):
    """A width question cannot be asked or answered as posed (bad polynomial, too large)."""


@dataclass(frozen=True)
class PolyData:
    """A polynomial with rational coefficients: variable names and ``{exponents: coefficient}``.

    Examples
    --------
    >>> p = PolyData(("x1", "x2"), {(1, 1): Fraction(1), (0, 0): Fraction(3)})
    >>> p.degree, sorted(p.parts())
    (2, [0, 2])
    >>> p.to_expr()
    x1*x2 + 3
    """

    variables: tuple[str, ...]
    terms: Mapping[tuple[int, ...], Fraction]

    @property
    def nvars(self) -> int:
        return len(self.variables)

    @cached_property
    def degree(self) -> int:
        return max((sum(e) for e in self.terms), default=0)

    def parts(self) -> dict[int, dict[tuple[int, ...], Fraction]]:
        """The non-zero homogeneous parts ``{k: {exponents: coefficient}}``."""
        out: dict[int, dict[tuple[int, ...], Fraction]] = {}
        for e, c in self.terms.items():
            out.setdefault(sum(e), {})[e] = c
        return out

    def symbols(self) -> tuple[sympy.Symbol, ...]:
        return tuple(sympy.Symbol(v) for v in self.variables)

    def to_expr(self) -> sympy.Expr:
        xs = self.symbols()
        return sympy.Add(
            *(
                sympy.Rational(c.numerator, c.denominator)
                * sympy.Mul(*(x**k for x, k in zip(xs, e, strict=True)))
                for e, c in self.terms.items()
            )
        )

    def to_text(self) -> str:
        """``str(to_expr())``, or for more than ``TEXT_VIA_SYMPY`` terms (where sympy's
        canonical ordering and printing cost minutes) the terms in a fixed order, same syntax.

        Examples
        --------
        >>> PolyData(("x1", "x2"), {(1, 1): Fraction(-1, 2), (0, 0): Fraction(3)}).to_text()
        '-x1*x2/2 + 3'
        """
        if len(self.terms) <= TEXT_VIA_SYMPY:
            return str(self.to_expr())
        out = []
        for e, c in sorted(self.terms.items(), key=lambda item: (-sum(item[0]), item[0]),
                           reverse=False):
            mono = "*".join(v if k == 1 else f"{v}**{k}"
                            for v, k in zip(self.variables, e, strict=True) if k)
            num = abs(c.numerator)
            body = "*".join(([str(num)] if num != 1 or not mono else []) + ([mono] if mono else []))
            if c.denominator != 1:
                body += f"/{c.denominator}"
            out.append(("-" if c < 0 else "+", body))
        text = " ".join(f"{sign} {body}" for sign, body in out)
        return text[2:] if text.startswith("+ ") else "-" + text[2:]

    def is_monomial(self) -> bool:
        return len(self.terms) == 1

    def __hash__(self) -> int:
        return hash((self.variables, tuple(sorted(self.terms.items()))))


def _fraction(value: object) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    expr = sympy.sympify(value) if not isinstance(value, sympy.Basic) else value
    if isinstance(expr, sympy.Rational):
        return Fraction(int(expr.p), int(expr.q))
    if hasattr(value, "numerator") and hasattr(value, "denominator"):  # flint.fmpq, gmpy
        return Fraction(int(value.numerator), int(value.denominator))  # type: ignore[attr-defined]
    raise WidthError(f"coefficient {value} is not an exact rational number")


def as_polydata(
    poly: object, variables: Sequence[str] | None = None
) -> PolyData:
    """Convert a ``sympy.Poly`` (domain QQ or ZZ), a string (read by
    :func:`~symflat.exact.expressions.parse_polynomial`), a :class:`PolyData` or a
    ``(variables, {exponents: coefficient})`` pair into a :class:`PolyData`.

    Constant polynomials are refused: the width question needs a non-constant P.

    Examples
    --------
    >>> import sympy
    >>> x1, x2 = sympy.symbols("x1 x2")
    >>> as_polydata(sympy.Poly(x1*x2 - 2, x1, x2)).terms
    {(1, 1): Fraction(1, 1), (0, 0): Fraction(-2, 1)}
    """
    if isinstance(poly, str):  # untrusted text: the restricted parser, never sympify
        poly = parse_polynomial(poly)
    if isinstance(poly, PolyData):
        data = poly
    elif isinstance(poly, sympy.Poly):
        if not (poly.domain.is_QQ or poly.domain.is_ZZ):
            raise WidthError(
                f"the coefficients of {poly.as_expr()} must be exact rationals "
                f"(domain {poly.domain})"
            )
        names = tuple(str(g) for g in poly.gens)
        terms = {tuple(int(k) for k in e): _fraction(c) for e, c in poly.terms() if c != 0}
        data = PolyData(names, terms)
    elif isinstance(poly, tuple) and len(poly) == 2:
        names = tuple(str(v) for v in poly[0])
        terms = {tuple(int(k) for k in e): _fraction(c) for e, c in dict(poly[1]).items()}
        data = PolyData(names, {e: c for e, c in terms.items() if c != 0})
    else:
        raise WidthError(f"cannot read {poly!r} as a polynomial; use symflat.exact.expressions")
    if variables is not None and tuple(variables) != data.variables:
        raise WidthError(f"variables {tuple(variables)} do not match {data.variables}")
    if any(len(e) != data.nvars for e in data.terms):
        raise WidthError("exponent tuples do not match the number of variables")
    if data.degree == 0:
        raise WidthError("the polynomial is constant: no hidden neuron is needed (width 0)")
    return data


def monomials(nvars: int, degree: int) -> list[tuple[int, ...]]:
    """All exponent tuples of total degree ``degree`` in ``nvars`` variables, in a fixed order.

    Examples
    --------
    >>> monomials(2, 2)
    [(2, 0), (1, 1), (0, 2)]
    """
    if nvars == 0:
        return [()] if degree == 0 else []
    if nvars == 1:
        return [(degree,)]
    return [(first, *rest) for first in range(degree, -1, -1)
            for rest in monomials(nvars - 1, degree - first)]


def count_monomials(nvars: int, degree: int) -> int:
    """``C(nvars + degree - 1, degree)``: the number of monomials of that degree.

    Examples
    --------
    >>> count_monomials(5, 4)
    70
    """
    if degree < 0:
        return 0
    return comb(nvars + degree - 1, degree)
