"""The input of :func:`symflat.paper.compile.compile`: a polynomial, read and bounded.

Shared by the real-input compiler (:mod:`symflat.paper.compile_real`) and the bit-input one
(:mod:`symflat.paper.compile_bits`): the error they raise, the limits that keep every network
and its verification bounded, and the name of the output node.
"""

from __future__ import annotations

import sympy

from symflat.errors import SymflatError
from symflat.exact.expressions import parse_polynomial
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


def as_polynomial(poly: str | sympy.Poly) -> sympy.Poly:
    """Read ``poly`` (a string in the restricted grammar, or a ``sympy.Poly`` over QQ).

    Raises :class:`CompileError` for a variable named like a network parameter (``lambda``,
    ``beta``, ``sigma0``, ...) and passes on the parser's errors for anything not a polynomial.

    Examples
    --------
    >>> as_polynomial("x^2*y/3 + 1").as_expr()
    x**2*y/3 + 1
    >>> as_polynomial("lambda*x")
    Traceback (most recent call last):
    ...
    symflat.paper.compile_input.CompileError: the variable lambda is a parameter of the compiled network; rename it
    """  # noqa: E501
    if isinstance(poly, str):
        poly = parse_polynomial(poly)
    elif not isinstance(poly, sympy.Poly) or not (poly.domain.is_QQ or poly.domain.is_ZZ):
        raise CompileError(f"compile needs a polynomial string or a sympy.Poly over QQ, not "
                           f"{type(poly).__name__}")
    for gen in poly.gens:
        if not isinstance(gen, sympy.Symbol):
            raise CompileError(f"the generator {gen} is not a variable")
        if gen.name in (str(LAMBDA), str(BETA)) or is_sigma_symbol(sympy.Symbol(gen.name)):
            raise CompileError(f"the variable {gen} is a parameter of the compiled network; "
                               "rename it")
    if poly.is_ground:
        raise CompileError(f"{poly.as_expr()} is a constant: nothing to compile")
    return poly


def check_limits(poly: sympy.Poly) -> None:
    """Refuse a polynomial whose network or verification would be unbounded (say which limit)."""
    n, d, terms = len(poly.gens), poly.total_degree(), len(poly.terms())
    if n > MAX_VARIABLES:
        raise CompileError(f"{n} variables; the limit is {MAX_VARIABLES}")
    if d > MAX_DEGREE:
        raise CompileError(f"degree {d}; the limit is {MAX_DEGREE}")
    if terms > MAX_TERMS:
        raise CompileError(f"{terms} terms; the limit is {MAX_TERMS}")


def output_name(variables: tuple[str, ...]) -> str:
    """``y``, unless the polynomial has a variable called ``y``."""
    return "y" if "y" not in variables else "y:out"
