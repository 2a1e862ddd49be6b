"""An independent check of the lower bound on tiny cases: Gröbner bases over QQ.

For ``m`` neurons the unknowns are the points ``a_ji`` and the weights ``w_j``; the equations
are the coefficients of ``sum_j w_j (a_j . x)^k - P_k / sigma_k`` for every degree ``k`` of the
model. By Hilbert's weak Nullstellensatz the reduced Gröbner basis over QQ is ``[1]`` exactly
when the system has no complex solution, i.e. no network with ``m`` neurons exists, even with
complex points and weights. A basis other than ``[1]`` proves that a complex solution exists.

For the generic activation the ``sigma_k`` are set to 1. This is the generic case when at most
two homogeneous parts enter (the torus argument of :mod:`symflat.width.lower`: the width is the
same for every sigma with non-zero ``sigma_k``); with more parts the check is refused. For a
named activation only the degrees with ``sigma_k != 0`` give equations, with its exact rational
``sigma_k`` (or 1 when at most two parts enter). With free hidden biases
(:mod:`symflat.width.affine`) the check is of the relaxation in which every neuron has its own
coefficient ``c_jk`` in every degree ``k >= 1``: a solution of the network gives one of the
relaxation (``c_jk = w_j sigma^(k)(b_j)/k!``), so ``[1]`` for the relaxation proves the network
impossible for every sigma; for a strictly monotone sigma the equations ``c_j1 y_j = 1`` add
``sigma'(b_j) != 0`` (Rabinowitsch), and the check is then of exactly ``m`` neurons, each with a
non-zero weight. Gröbner bases are doubly
exponential in the worst case, so the computation runs in a child process under a time limit.
:func:`symflat.width.minimal_width` also checks ``lower``, ``lower + 1``, ... while the gap is
open: each basis ``[1]`` raises the proven lower bound, for every sigma.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass

import sympy

from symflat.exact.polynomial import Polynomial
from symflat.executor import Executor
from symflat.width.groebner import basis_is_one, engine_available
from symflat.width.lower import relevant
from symflat.width.model import MONOTONE, WidthModel, as_model
from symflat.width.polynomials import WidthError, as_polynomial

__all__ = ["ExhaustiveResult", "exhaustive_check", "width_system"]

#: Refuse systems with more unknowns than this (Gröbner bases would not finish): with sympy's
#: engine, and with Singular's.
MAX_UNKNOWNS = 12
MAX_UNKNOWNS_SINGULAR = 24


@dataclass(frozen=True)
class ExhaustiveResult:
    """``feasible`` is False (basis [1]), True (a complex solution exists) or None (timeout)."""

    neurons: int
    feasible: bool | None
    unknowns: int
    equations: int
    seconds: float
    note: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "neurons": self.neurons,
            "feasible": self.feasible,
            "unknowns": self.unknowns,
            "equations": self.equations,
            "seconds": round(self.seconds, 3),
            "note": self.note,
        }


def width_system(data: Polynomial, model: object,
                 m: int) -> tuple[list[sympy.Expr], list[sympy.Symbol]]:
    """The polynomial equations for ``m`` neurons (see the module docstring).

    Examples
    --------
    >>> from fractions import Fraction
    >>> eqs, unknowns = width_system(Polynomial(("x1",), {(2,): Fraction(1)}), "output-bias", 1)
    >>> eqs
    [a1_1*w1, a1_1**2*w1 - 1]
    >>> width_system(Polynomial(("x1",), {(3,): Fraction(1)}), WidthModel(activation="tanh"),
    ...              1)[0]
    [a1_1*w1, a1_1**3*w1 - 1]
    """
    model = as_model(model)
    n, d = data.nvars, data.degree
    xs = sympy.symbols(f"_x1:{n + 1}")
    a = [[sympy.Symbol(f"a{j + 1}_{i + 1}") for i in range(n)] for j in range(m)]
    parts = data.parts()
    affine = model.hidden_bias == "free"
    if affine:
        weights = {k: [sympy.Symbol(f"c{j + 1}_{k}") for j in range(m)] for k in range(1, d + 1)}
        degrees, scale = tuple(range(1, d + 1)), {k: sympy.Integer(1) for k in range(d + 1)}
    else:
        w = [sympy.Symbol(f"w{j + 1}") for j in range(m)]
        degrees = model.degrees(d)
        weights = {k: w for k in degrees}
        scale = _sigma_values(data, model)
    eqs: list[sympy.Expr] = []
    for k in degrees:
        target = sum(
            (sympy.Rational(c.numerator, c.denominator) * sympy.Mul(*(x**e for x, e in zip(xs, ex,
             strict=True))) for ex, c in parts.get(k, {}).items()),
            sympy.Integer(0),
        )
        lhs = sum((weights[k][j] * sum((a[j][i] * xs[i] for i in range(n)), sympy.Integer(0))
                   ** k for j in range(m)), sympy.Integer(0))
        poly = sympy.Poly(sympy.expand(scale[k] * lhs - target), *xs)
        eqs.extend(c for c in poly.coeffs() if c != 0)
    unknowns = [s for row in a for s in row]
    if affine:
        unknowns += [s for k in sorted(weights) for s in weights[k]]
        if model.activation in MONOTONE:
            y = [sympy.Symbol(f"y{j + 1}") for j in range(m)]
            eqs += [weights[1][j] * y[j] - 1 for j in range(m)]
            unknowns += y
    else:
        unknowns += w
    return eqs, unknowns


def _sigma_values(data: Polynomial, model: WidthModel) -> dict[int, sympy.Expr]:
    """The ``sigma_k`` the equations use: 1 (torus, at most two parts) or the exact values."""
    d = data.degree
    if len(relevant(data.parts(), model, d)) <= 2:
        return {k: sympy.Integer(1) for k in range(d + 1)}
    taylor = model.taylor(d)
    if model.generic or not all(taylor.rational(k) for k in model.degrees(d)):
        raise WidthError("exhaustive check: only for at most two homogeneous parts, or an "
                         "activation with rational Taylor coefficients")
    return dict(enumerate(taylor.coefficients))


def _basis_is_one(system: tuple[list[sympy.Expr], list[sympy.Symbol]]) -> bool:
    """:func:`symflat.width.groebner.basis_is_one` with sympy (in an executor worker)."""
    eqs, unknowns = system
    return basis_is_one(eqs, unknowns, "sympy")


def exhaustive_check(poly: object, model: object, lower: int, timeout: float = 60.0,
                     neurons: int | None = None, engine: str = "auto") -> ExhaustiveResult:
    """Decide whether ``neurons`` (default ``lower - 1``) neurons suffice, by a Gröbner basis
    (``engine``: ``"singular"``, ``"sympy"`` or ``"auto"``, see :mod:`symflat.width.groebner`).

    Examples
    --------
    >>> import sympy
    >>> x1, x2 = sympy.symbols("x1 x2")
    >>> exhaustive_check(sympy.Poly(x1 * x2, x1, x2), "output-bias", 3).feasible
    False
    """
    data = as_polynomial(poly)
    model = as_model(model)
    if model.hidden_bias != "free":
        _sigma_values(data, model)  # refuses what the check cannot decide
    m = lower - 1 if neurons is None else neurons
    if m <= 0:
        return ExhaustiveResult(m, False, 0, 0, 0.0, "zero neurons compute a constant")
    if engine == "auto":
        engine = "singular" if engine_available("singular") else "sympy"
    if not engine_available(engine):
        raise WidthError(f"`exhaustive`: the Gröbner engine {engine!r} is not installed")
    limit = MAX_UNKNOWNS_SINGULAR if engine == "singular" else MAX_UNKNOWNS
    unknowns_count = m * (data.nvars + (data.degree if model.hidden_bias == "free" else 1)
                          + (1 if model.hidden_bias == "free" and model.activation in MONOTONE
                             else 0))
    if unknowns_count > limit:
        raise WidthError(f"`exhaustive`: {unknowns_count} unknowns for {m} neurons (limit "
                         f"{limit} with {engine}); too large for a Gröbner basis")
    eqs, unknowns = width_system(data, model, m)
    start = time.monotonic()
    if engine == "singular":  # a child process, killed at the deadline by subprocess
        try:
            value: bool | None = basis_is_one(eqs, unknowns, "singular", timeout)
            status = "done"
        except subprocess.TimeoutExpired:
            value, status = None, "timeout"
    else:  # a worker process the deadline can kill: sympy cannot be interrupted in this one
        ((_, outcome),) = Executor(_basis_is_one, timeout=timeout,
                                   name="symflat-groebner").run([(eqs, unknowns)])
        value, status = outcome.value, outcome.status
    if status == "timeout":
        return ExhaustiveResult(m, None, len(unknowns), len(eqs), time.monotonic() - start,
                                f"Gröbner basis ({engine}) unfinished after {timeout} s")
    feasible = None if status != "done" else not value
    note = (f"basis [1] ({engine}): no complex solution (weak Nullstellensatz)"
            if feasible is False else f"basis != [1] ({engine}): a complex solution exists"
            if feasible else "child failed")
    return ExhaustiveResult(m, feasible, len(unknowns), len(eqs), time.monotonic() - start, note)
