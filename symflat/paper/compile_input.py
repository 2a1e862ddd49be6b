"""The input of :func:`symflat.paper.compile.compile`: a polynomial, read and bounded.

Shared by the real-input compiler (:mod:`symflat.paper.compile_real`) and the bit-input one
(:mod:`symflat.paper.compile_bits`): the error they raise, the limits that keep every network
and its verification bounded, and the name of the output node.
"""

from __future__ import annotations

import sympy

from symflat.errors import SymflatError
from symflat.exact.polynomial import Polynomial, to_polynomial
from symflat.nets.activations import is_sigma_symbol
from symflat.paper.networks import BETA, LAMBDA

__all__ = ["CompileError", "MAX_DEGREE", "MAX_TERMS", "MAX_VARIABLES", "as_polynomial",
           "check_limits", "output_name"]

#: Largest total degree :func:`compile` accepts.
MAX_DEGREE = 64
#: Most terms :func:`compile` accepts.
MAX_TERMS = 256
#: Most variables :func:`compile` accepts.
MAX_VARIABLES = 32


class CompileError(SymflatError):
    """A polynomial cannot be compiled as asked (not a polynomial, too large, bad option)."""


def as_polynomial(poly: str | sympy.Poly | Polynomial) -> Polynomial:
    """Read ``poly`` (a string in the restricted grammar, a ``sympy.Poly`` over QQ or a
    :class:`~symflat.exact.polynomial.Polynomial`).

    Raises :class:`CompileError` for a variable named like a network parameter (``lambda``,
    ``beta``, ``sigma0``, ...) and passes on the parser's errors for anything not a polynomial.

    Examples
    --------
    >>> as_polynomial("x^2*y/3 + 1").to_expr()
    x**2*y/3 + 1
    >>> as_polynomial("lambda*x")
    Traceback (most recent call last):
    ...
    symflat.paper.compile_input.CompileError: the variable lambda is a parameter of the compiled network; rename it
    """  # noqa: E501
    if not isinstance(poly, str | sympy.Poly | Polynomial):
        raise CompileError(f"compile needs a polynomial string, a sympy.Poly over QQ or a "
                           f"Polynomial, not {type(poly).__name__}")
    poly = to_polynomial(poly, error=CompileError)
    for name in poly.variables:
        if name in (str(LAMBDA), str(BETA)) or is_sigma_symbol(sympy.Symbol(name)):
            raise CompileError(f"the variable {name} is a parameter of the compiled network; "
                               "rename it")
    if poly.degree == 0:
        raise CompileError(f"{poly.to_text()} is a constant: nothing to compile")
    return poly


def check_limits(poly: Polynomial) -> None:
    """Refuse a polynomial whose network or verification would be unbounded (say which limit)."""
    n, d, terms = poly.nvars, poly.degree, len(poly.terms)
    if n > MAX_VARIABLES:
        raise CompileError(f"{n} variables; the limit is {MAX_VARIABLES}")
    if d > MAX_DEGREE:
        raise CompileError(f"degree {d}; the limit is {MAX_DEGREE}")
    if terms > MAX_TERMS:
        raise CompileError(f"{terms} terms; the limit is {MAX_TERMS}")


def output_name(variables: tuple[str, ...]) -> str:
    """``y``, unless the polynomial has a variable called ``y``."""
    return "y" if "y" not in variables else "y:out"
