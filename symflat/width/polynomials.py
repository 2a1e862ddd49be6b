"""The width machinery's reading of a polynomial, and its monomial counts.

Width works on :class:`symflat.exact.polynomial.Polynomial`, the one polynomial type; this
module adds only what the width question needs on top: its error, the refusal of a constant
(no hidden neuron is needed), and the monomials of a degree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from math import comb

import sympy

from symflat.errors import SymflatError
from symflat.exact.polynomial import Polynomial, to_polynomial

__all__ = ["WidthError", "as_polynomial", "agrees_through_degree", "count_monomials",
           "monomials"]


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


def agrees_through_degree(expansion: Mapping[tuple[int, ...], object], data: Polynomial,
                          simplify: Callable[[sympy.Expr], sympy.Expr] = sympy.cancel) -> bool:
    """Whether a network's expansion (exponents to exact coefficients) has exactly ``data``'s
    coefficients through ``data.degree``: each difference ``simplify``-ed must be 0
    (``sympy.cancel`` for rational functions of the sigma_k; ``sympy.simplify`` where the
    coefficients hold constants such as ``exp(2/3)``).

    Examples
    --------
    >>> s = sympy.Symbol("sigma2")
    >>> p = as_polynomial("x1*x2")
    >>> agrees_through_degree({(1, 1): s / s, (3, 0): 7}, p)  # degree 3 is beyond P's
    True
    >>> agrees_through_degree({(1, 1): 1, (1, 0): s}, p)
    False
    """
    want = {e: sympy.Rational(c.numerator, c.denominator) for e, c in data.terms.items()}
    return all(simplify(sympy.sympify(expansion.get(e, 0)) - want.get(e, 0)) == 0
               for e in set(expansion) | set(want) if sum(e) <= data.degree)
