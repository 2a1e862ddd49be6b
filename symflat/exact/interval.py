"""Rigorous interval evaluation (mpmath's ``iv`` context): the one interval evaluator.

Every operation rounds outward, so the interval returned always contains the exact value:
this is how a checker decides a sign or bounds a transcendental number without trusting
floating point. An interval is an ``mpmath.iv.mpf``; its end points are ``.a`` and ``.b``,
and :func:`endpoints` turns them into exact rationals.

* :func:`interval` encloses a sympy expression (symbols bound to intervals or exact numbers);
* :func:`rational` encloses an exact rational, :func:`hull` joins two intervals;
* :func:`precision` sets the working precision of the ``iv`` arithmetic done between calls;
* :func:`bounds` and :func:`rigorous_sign` answer with exact rationals and signs;
* :func:`abs_bound` bounds ``|f|`` over an interval by subdivision, :func:`abs_max` joins
  error bounds, :func:`log_sum` encloses ``Σ w log r`` for exact rationals;
* :func:`magnitude_bits` bounds ``log2 |x|`` of an exact number (the constants' guard).

Functions that ``mpmath.iv`` lacks (``sinh``, ``cosh``, ``atan``, ``erf``) are evaluated on the
enclosing interval with python-flint's ``arb`` balls, which are rigorous as well, and turned
back into an interval.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from typing import Any

import flint
import sympy
from mpmath import iv, mp
from mpmath.libmp import from_man_exp, to_rational

from symflat.exact.expressions import to_expression

__all__ = [
    "Interval",
    "interval",
    "rational",
    "hull",
    "precision",
    "endpoints",
    "bounds",
    "rigorous_sign",
    "abs_bound",
    "abs_max",
    "log_sum",
    "magnitude_bits",
]

#: An ``mpmath.iv.mpf`` interval.
Interval = Any

#: Functions evaluated with ``arb`` balls: sympy class -> name of the ``arb`` method.
_ARB_FUNCTIONS = {sympy.sinh: "sinh", sympy.cosh: "cosh", sympy.atan: "atan", sympy.erf: "erf"}

#: Stands for the square root in ``sqrt(b)**p``.
_ROOT = sympy.Dummy("root")

#: Functions ``mpmath.iv`` evaluates itself.
_IV_FUNCTIONS = {sympy.exp: iv.exp, sympy.log: iv.log, sympy.sin: iv.sin, sympy.cos: iv.cos,
                 sympy.tan: iv.tan}


@contextlib.contextmanager
def precision(bits: int) -> Iterator[None]:
    """Do ``iv`` arithmetic at ``bits`` bits inside the block, and restore the precision after.

    Examples
    --------
    >>> with precision(200):
    ...     third = rational(Fraction(1, 3))
    >>> float(third.delta) < 2.0**-190
    True
    """
    saved = iv.prec
    iv.prec = bits
    try:
        yield
    finally:
        iv.prec = saved


def rational(value: int | Fraction | sympy.Rational) -> Interval:
    """An interval around an exact rational, at the current precision.

    Examples
    --------
    >>> lo, hi = endpoints(rational(Fraction(1, 10)))
    >>> lo < sympy.Rational(1, 10) < hi
    True
    """
    if isinstance(value, sympy.Rational):
        p, q = int(value.p), int(value.q)
    else:
        p, q = value.numerator, value.denominator
    return iv.mpf(p) if q == 1 else iv.mpf(p) / iv.mpf(q)


def hull(lower: Interval, upper: Interval) -> Interval:
    """The interval from the lower end of ``lower`` to the upper end of ``upper``.

    Examples
    --------
    >>> box = hull(rational(1), rational(2))
    >>> float(box.a), float(box.b)
    (1.0, 2.0)
    """
    return iv.mpf([lower.a, upper.b])


def interval(expr: sympy.Expr, env: Mapping[sympy.Symbol, Any] | None = None,
             prec: int = 113) -> Interval:
    """An ``mpmath.iv`` interval that contains the exact value of ``expr``.

    Parameters
    ----------
    expr : sympy.Expr
        Built from rationals, ``pi``, ``E``, symbols bound in ``env``, ``+ * **`` (integer or
        rational exponents), ``exp``, ``log``, ``sin``, ``cos``, ``tan``, ``sinh``, ``cosh``,
        ``tanh``, ``atan``, ``erf`` and ``Abs``.
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
    with precision(prec):
        return _eval(to_expression(expr), env)


def _eval(e: sympy.Expr, env: dict) -> Interval:
    if e.is_Rational:
        return rational(e)
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
        return _power(e, env)
    if e.func in _IV_FUNCTIONS and len(e.args) == 1:
        return _IV_FUNCTIONS[e.func](_eval(e.args[0], env))
    if isinstance(e, sympy.tanh):
        t = iv.exp(2 * _eval(e.args[0], env))
        return (t - 1) / (t + 1)
    if e.func in _ARB_FUNCTIONS and len(e.args) == 1:
        return _through_arb(_ARB_FUNCTIONS[e.func], _eval(e.args[0], env))
    if isinstance(e, sympy.Abs):
        inner = _eval(e.args[0], env)
        lo, hi = inner.a, inner.b
        if lo >= 0:
            return inner
        if hi <= 0:
            return -inner
        return iv.mpf([0, max(-lo, hi)])
    raise ValueError(f"cannot evaluate {e} with interval arithmetic")


def _power(e: sympy.Pow, env: dict) -> Interval:
    base, exponent = e.args
    if exponent.is_Integer:
        b = _eval(base, env)
        k = int(exponent)
        if k >= 0:
            return b**k
        return iv.mpf(1) / (b ** (-k))
    if exponent.is_Rational and exponent.q == 2:
        root = iv.sqrt(_eval(base, env))
        return root if exponent.p == 1 else _eval(sympy.Pow(_ROOT, exponent.p), {_ROOT: root})
    return iv.exp(_eval(exponent, env) * iv.log(_eval(base, env)))


def _through_arb(method: str, box: Interval) -> Interval:
    """Apply an ``arb`` function to a ball containing ``box`` and enclose the result."""
    saved = flint.ctx.prec
    flint.ctx.prec = iv.prec
    try:
        ends = [flint.arb(flint.fmpq(*to_rational(end))) for end in box._mpi_]
        ball = getattr(ends[0].union(ends[1]), method)()
        if not ball.is_finite():
            raise ValueError(f"{method} of {box} is not finite")
        lo, hi = (_exact_mpf(end) for end in (ball.lower(), ball.upper()))
    finally:
        flint.ctx.prec = saved
    return iv.mpf([lo, hi])


def _exact_mpf(point: flint.arb) -> Any:
    """The exact value of an ``arb`` point (radius 0) as an ``mpmath`` number (no rounding)."""
    man, exp = point.man_exp()
    return mp.make_mpf(from_man_exp(int(man), int(exp)))


def bounds(expr: sympy.Expr, prec: int = 113) -> tuple[sympy.Rational, sympy.Rational]:
    """Exact rationals ``lo <= expr <= hi``.

    Examples
    --------
    >>> lo, hi = bounds(sympy.log(10))
    >>> lo < sympy.log(10) < hi, hi - lo < sympy.Rational(1, 10**30)
    (True, True)
    """
    return endpoints(interval(expr, prec=prec))


def endpoints(box: Interval) -> tuple[sympy.Rational, sympy.Rational]:
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
    interval that excludes 0, at 113 bits and then at four times the precision, up to
    ``max_prec``.

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
    if expr.is_zero is True or sympy.simplify(expr) == 0:
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


def abs_bound(expr: sympy.Expr, symbol: sympy.Symbol, lower: Interval, upper: Interval,
              pieces: int, prec: int = 113) -> Interval:
    """An interval ``[0, M]`` with ``|expr| <= M`` for every ``symbol`` between the two ends.

    The range from the lower end of ``lower`` to the upper end of ``upper`` is cut into
    ``pieces`` equal parts; ``expr`` is enclosed on each, and ``M`` is the largest upper end.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> m = abs_bound(x**2 - 1, x, rational(0), rational(2), 64)
    >>> bool(3 <= m.b < 3.1)
    True
    """
    with precision(prec):
        width = (upper - lower) / pieces
        parts = (iv.mpf([(lower + width * i).a, (lower + width * (i + 1)).b])
                 for i in range(pieces))
        return abs_max(interval(expr, {symbol: piece}, prec=prec) for piece in parts)


def abs_max(boxes: Iterable[Interval]) -> Interval:
    """``[0, M]`` with ``M`` the largest upper end of ``|box|`` (``[0, 0]`` for no box).

    Examples
    --------
    >>> endpoints(abs_max([rational(-3), hull(rational(1), rational(2))]))
    (0, 3)
    """
    largest = iv.mpf(0)
    for box in boxes:
        largest = iv.mpf([0, max(largest.b, abs(box).b)])
    return largest


def log_sum(terms: Iterable[tuple[Fraction, Fraction]], prec: int = 113) -> Interval:
    """An interval containing ``Σ w log r`` over the pairs ``(w, r)`` of exact rationals, r > 0.

    Examples
    --------
    >>> lo, hi = endpoints(log_sum([(Fraction(1, 2), Fraction(2)), (Fraction(1, 2), 2)]))
    >>> lo < sympy.log(2) < hi, hi - lo < sympy.Rational(1, 10**30)
    (True, True)
    """
    # Summed in arb balls (rigorous like iv, several times faster: Eq. 21's check takes
    # thousands of these sums), then enclosed in one interval.
    saved = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        total = flint.arb(0)
        for weight, ratio in terms:
            w, r = Fraction(weight), Fraction(ratio)
            total += (flint.arb(flint.fmpq(w.numerator, w.denominator))
                      * flint.arb(flint.fmpq(r.numerator, r.denominator)).log())
        lo, hi = _exact_mpf(total.lower()), _exact_mpf(total.upper())
    finally:
        flint.ctx.prec = saved
    with precision(prec):
        return iv.mpf([lo, hi])


def magnitude_bits(expr: sympy.Expr, prec: int = 64) -> float | None:
    """log2 of a rigorous upper bound on ``|expr|`` (``inf`` past what an interval holds,
    ``-inf`` for zero), or None for a number the evaluator cannot enclose (a complex one).

    Examples
    --------
    >>> round(magnitude_bits(sympy.exp(100)), 1), magnitude_bits(sympy.sqrt(-1))
    (144.3, None)
    """
    try:
        box = interval(expr, prec=prec)
    except (ValueError, TypeError, ZeroDivisionError, ArithmeticError):
        return None
    largest = max(abs(mp.mpf(box.a)), abs(mp.mpf(box.b)))
    if not mp.isfinite(largest):
        return float("inf")
    return float(mp.log(largest, 2)) if largest > 0 else float("-inf")
