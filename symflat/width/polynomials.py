"""The width machinery's reading of a polynomial, and its monomial counts.

Width works on :class:`symflat.exact.polynomial.Polynomial`, the one polynomial type; this
module adds only what the width question needs on top: its error, the refusal of a constant
(no hidden neuron is needed), and the monomials of a degree.
"""

from __future__ import annotations

from math import comb

from symflat.errors import SymflatError
from symflat.exact.polynomial import Polynomial, to_polynomial

__all__ = ["WidthError", "as_polynomial", "monomials", "count_monomials"]


class WidthError(SymflatError):
    """A width question cannot be asked or answered as posed (bad polynomial, too large)."""


def as_polynomial(poly: object) -> Polynomial:
    """:func:`~symflat.exact.polynomial.to_polynomial` for the width question: a string
    (the restricted parser), a ``sympy.Poly`` over QQ or ZZ, a :class:`Polynomial` or a
    ``(variables, {exponents: coefficient})`` pair; a constant is refused.

    Examples
    --------
    >>> import sympy
    >>> x1, x2 = sympy.symbols("x1 x2")
    >>> as_polynomial(sympy.Poly(x1*x2 - 2, x1, x2)).to_text()
    'x1*x2 - 2'
    >>> as_polynomial((("x1",), {(0,): 5}))
    Traceback (most recent call last):
    ...
    symflat.width.polynomials.WidthError: the polynomial is constant: no hidden neuron is needed (width 0)
    """  # noqa: E501
    data = to_polynomial(poly, error=WidthError)
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
