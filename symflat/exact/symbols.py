"""The paper's named symbols, each defined once.

Every symbol here is a plain ``sympy.Symbol`` without assumptions, so it is equal to the symbol
the expression parser (:mod:`symflat.exact.expressions`) makes from the same name: a network
read from JSON, a claim's parameter and a gallery network all share these objects, and nothing
has to substitute one copy of ``beta`` for another.

* :data:`X` -- the variable of an activation's closed form σ(x);
* :func:`sigma_symbol` -- the generic activation's Taylor coefficients ``sigma0, sigma1, ...``
  (power convention, Appendix A);
* :data:`LAMBDA` -- the input scale λ of the multiplication, squaring and copy gates (Eq. 11);
* :data:`BETA` -- the steepness β of the bit-product gate (Eq. 13);
* :func:`input_symbol` -- the input variables ``x1, x2, ...`` of the gallery networks.

Examples
--------
>>> from symflat.exact.expressions import parse_expression
>>> parse_expression("lambda*beta*sigma2*x1") == LAMBDA * BETA * sigma_symbol(2) * input_symbol(1)
True
"""

from __future__ import annotations

import re

import sympy

__all__ = [
    "X",
    "LAMBDA",
    "BETA",
    "N",
    "P",
    "sigma_symbol",
    "is_sigma_symbol",
    "sigma_index",
    "input_symbol",
    "input_symbols",
]

#: The variable of an activation's closed form σ(x).
X = sympy.Symbol("x")

#: The input scale λ of the paper's gates (Eq. 11 and footnote 4).
LAMBDA = sympy.Symbol("lambda")

#: The steepness β of the bit-product gate (Eq. 13).
BETA = sympy.Symbol("beta")

#: The size n of the exact formulas in the checks, a positive integer: a number of inputs or a
#: matrix side.
N = sympy.Symbol("n", positive=True, integer=True)

#: The probability p that an entry of Section III's sparse matrices is not zero.
P = sympy.Symbol("p", positive=True)

_SIGMA = re.compile(r"sigma(\d+)")


def sigma_symbol(k: int) -> sympy.Symbol:
    """The generic activation's k-th Taylor coefficient (power convention).

    Examples
    --------
    >>> sigma_symbol(2)
    sigma2
    """
    return sympy.Symbol(f"sigma{k}")


def sigma_index(symbol: sympy.Basic) -> int | None:
    """The k of a generic coefficient ``sigma<k>``, or ``None`` for any other object.

    Examples
    --------
    >>> sigma_index(sigma_symbol(12)), sigma_index(sympy.Symbol("sigmax")), sigma_index(3)
    (12, None, None)
    """
    if not isinstance(symbol, sympy.Symbol):
        return None
    match = _SIGMA.fullmatch(symbol.name)
    return None if match is None else int(match.group(1))


def is_sigma_symbol(symbol: sympy.Basic) -> bool:
    """Whether ``symbol`` is one of the generic coefficients ``sigma0, sigma1, ...``.

    Examples
    --------
    >>> is_sigma_symbol(sigma_symbol(3)), is_sigma_symbol(sympy.Symbol("sigmax"))
    (True, False)
    """
    return sigma_index(symbol) is not None


def input_symbol(i: int) -> sympy.Symbol:
    """The i-th input variable ``x<i>`` (counted from 1, as the gallery names its inputs).

    Examples
    --------
    >>> input_symbol(3)
    x3
    """
    return sympy.Symbol(f"x{i}")


def input_symbols(n: int) -> tuple[sympy.Symbol, ...]:
    """The input variables ``x1, ..., xn``.

    Examples
    --------
    >>> input_symbols(3)
    (x1, x2, x3)
    """
    return tuple(input_symbol(i) for i in range(1, n + 1))
