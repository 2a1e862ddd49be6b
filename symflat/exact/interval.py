"""Rigorous interval evaluation of exact sympy expressions (mpmath's ``iv`` context).

Every operation rounds outward, so the interval returned always contains the exact value:
this is how a checker decides a sign or bounds a transcendental number without trusting
floating point.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy
from mpmath import iv
from mpmath.libmp import to_rational

from symflat.exact.expressions import to_expression

__all__ = ["interval", "rigorous_sign", "bounds", "endpoints"]


def _rational(value: sympy.Rational) -> Any:
    return iv.mpf(int(value.p)) / iv.mpf(int(value.q))


def interval(expr: sympy.Expr, env: Mapping[sympy.Symbol, Any] | None = None,
             prec: int = 113) -> Any:
    """An ``mpmath.iv`` interval that contains the exact value of ``expr``.

    Parameters
    ----------
    expr : sympy.Expr
        Built from rationals, ``pi``, ``E``, symbols bound in ``env``, ``+ * **`` (integer or
        rational exponents), ``exp``, ``log``, ``sqrt`` and ``Abs``.
    env : mapping, optional
        Intervals (or exact sympy numbers) for the free symbols.
    prec : int
        Working precision in bits.

    Examples
    --------
    >>> box = interval(sympy.log(10), prec=60)
    >>> bool(box.a > 2.3025) and bool(box.b < 2.3026)
    True
    """
    env = dict(env or {})
    old = iv.prec
    iv.prec = prec
    try:
        return _eval(to_expression(expr), env)
    finally:
        iv.prec = old


def _eval(e: sympy.Expr, env: dict) -> Any:
    if e.is_Rational:
        return _rational(e)
    if e is sympy.pi:
        return iv.pi
    if e is sympy.E:
        return iv.e
    if e.is_Symbol:
        if e not in env:
            raise ValueError(f"no interval for symbol {e}")
        value = env[e]
        return _eval(to_expression(value), {}) if isinstance(value, sympy.Basic) else value
    if e.is_Add:
        total = iv.mpf(0)
        for arg in e.args:
            total = total + _eval(arg, env)
        return total
    if e.is_Mul:
        total = iv.mpf(1)
        for arg in e.args:
            total = total * _eval(arg, env)
        return total
    if e.is_Pow:
        base, exponent = e.args
        if exponent.is_Integer:
            b = _eval(base, env)
            k = int(exponent)
            if k >= 0:
                return b**k
            return iv.mpf(1) / (b ** (-k))
        if exponent.is_Rational and exponent.q == 2:
            root = iv.sqrt(_eval(base, env))
            return _eval(sympy.Pow(sympy.Symbol("_r"), exponent.p), {sympy.Symbol("_r"): root})
        return iv.exp(_eval(exponent, env) * iv.log(_eval(base, env)))
    if isinstance(e, sympy.exp):
        return iv.exp(_eval(e.args[0], env))
    if isinstance(e, sympy.log):
        return iv.log(_eval(e.args[0], env))
    if isinstance(e, sympy.Abs):
        inner = _eval(e.args[0], env)
        lo, hi = inner.a, inner.b
        if lo >= 0:
            return inner
        if hi <= 0:
            return -inner
        return iv.mpf([0, max(-lo, hi)])
    raise ValueError(f"cannot evaluate {e} with interval arithmetic")


def bounds(expr: sympy.Expr, prec: int = 113) -> tuple[sympy.Rational, sympy.Rational]:
    """Exact rationals ``lo <= expr <= hi``.

    Examples
    --------
    >>> lo, hi = bounds(sympy.log(10))
    >>> lo < sympy.log(10) < hi, hi - lo < sympy.Rational(1, 10**30)
    (True, True)
    """
    return endpoints(interval(expr, prec=prec))


def endpoints(box: Any) -> tuple[sympy.Rational, sympy.Rational]:
    """The exact rational end points of an ``mpmath.iv`` interval.

    Examples
    --------
    >>> endpoints(interval(sympy.Rational(1, 4)))
    (1/4, 1/4)
    """
    lo, hi = box._mpi_
    return sympy.Rational(*to_rational(lo)), sympy.Rational(*to_rational(hi))


def rigorous_sign(expr: sympy.Expr, max_prec: int = 4000) -> int | None:
    """The sign (-1, 0 or 1) of an exact constant, or ``None`` if it cannot be decided.

    Zero is recognised only when sympy proves it exactly; a non-zero sign comes from an
    interval that excludes 0.

    Examples
    --------
    >>> rigorous_sign(sympy.exp(12) - 10**10)
    -1
    >>> rigorous_sign(sympy.exp(5 * sympy.log(10)) - 10**5)
    0
    """
    expr = to_expression(expr)
    if expr.is_Rational:
        return int(sympy.sign(expr))
    if sympy.simplify(expr) == 0:
        return 0
    prec = 113
    while prec <= max_prec:
        box = interval(expr, prec=prec)
        if box.a > 0:
            return 1
        if box.b < 0:
            return -1
        prec *= 4
    return None
