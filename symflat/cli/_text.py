"""Polynomials echoed in the terminal: abbreviated, with a pointer to the full text."""

from __future__ import annotations

from collections.abc import Sequence

from symflat.exact.polynomial import to_polynomial
from symflat.exact.printing import SHOWN_TERMS, polynomial_text


def echo(poly: object, variables: Sequence[str] | None = None, *, through: int | None = None,
         ascending: bool = False) -> str:
    """``poly`` (a Polynomial, its text, or terms with ``variables``) in the input grammar, its
    leading terms only when it is long, then where the full text is; the options are those of
    :func:`~symflat.exact.printing.polynomial_text`.

    Examples
    --------
    >>> echo("x10*x2 + x1^2")
    'x1^2 + x2*x10'
    >>> echo("(x1 + x2 + x3 + 1)^4").endswith("… and 27 more terms (--json prints all)")
    True
    """
    if isinstance(poly, str):  # as results store it
        poly = to_polynomial(poly)
    text = polynomial_text(poly, variables, shown=SHOWN_TERMS, through=through,
                           ascending=ascending)
    return text + " (--json prints all)" if " more terms" in text else text
