"""Series over the paper's gates, for the report's figures: errors against λ and β, neuron
counts against n.

* The gates' errors are evaluated on the network graphs
  (:func:`~symflat.nets.evaluate.evaluate_interval`) in interval arithmetic (256 bits) from the
  exact weights and the activation's closed form: each value is the midpoint of an interval that
  rigorously contains the true error, and the intervals are far narrower than a plot's markers.
  A fitted slope is a floating point least-squares fit, labelled numerical.
* Neuron counts are read from the graphs built by :mod:`symflat.paper.networks`
  (``neuron_count``), never typed in.

Each series is plain data (JSON); the checkers store it with their verdicts (the multiplication
gate's accuracy, the bit-product gate, deep against shallow products) and the report draws it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import sympy

from symflat.exact.expressions import to_expression
from symflat.exact.interval import precision
from symflat.exact.symbols import BETA, LAMBDA
from symflat.nets.evaluate import PRECISION_BITS, evaluate_interval
from symflat.paper.networks import bit_product, deep_product, flat_product
from symflat.paper.networks import multiplication_gate as _multiplication_gate

__all__ = [
    "GATE_ACTIVATIONS",
    "PRECISION_BITS",
    "multiplication_error_series",
    "neuron_count_series",
    "bit_product_series",
]

#: Activations of the multiplication-gate figure, with the exact shift b where σ''(b) ≠ 0.
GATE_ACTIVATIONS: tuple[tuple[str, sympy.Expr], ...] = (
    ("exp", sympy.Integer(0)),
    ("softplus", sympy.Integer(0)),
    ("sigmoid", sympy.Integer(1)),
    ("tanh", sympy.Integer(1)),
)


def _mid(interval: Any) -> float:
    return float(interval.mid)


def _width(interval: Any) -> float:
    return float(interval.delta)


# -- the series ------------------------------------------------------------------------------
def multiplication_error_series(
    lambdas: Sequence[Any] | None = None, point: tuple[int, int] = (1, 1),
    activations: Sequence[tuple[str, sympy.Expr]] = GATE_ACTIVATIONS,
) -> dict[str, Any]:
    """Relative error of the multiplication gate (Eq. 11) against λ, for several σ.

    λ runs over exact rationals (by default 1, 1/2, 1/5, 1/10, ..., 1/10⁴); the gate is
    evaluated at ``point`` in
    rigorous interval arithmetic. The exact leading term c·λ² of the relative error comes from
    the exact Taylor expansion (degree 4) of the same gate.

    Returns
    -------
    dict
        ``lambdas``, ``activations`` (their order, which a store sorting keys loses); per
        activation: ``errors`` (interval midpoints), ``widths`` (interval
        widths), ``leading`` (the exact c as a string and as a float), ``slope`` (a numerical
        least-squares fit of log error against log λ), ``shift``.

    Examples
    --------
    >>> s = multiplication_error_series(["1/100", "1/1000"], activations=[("exp", 0)])
    >>> s["series"]["exp"]["leading"]     # sinh(λ)²/λ² - 1 = λ²/3 + ...
    '1/3'
    >>> abs(s["series"]["exp"]["slope"] - 2) < 0.01
    True
    """
    from symflat.nets.expansion import expand

    if lambdas is None:
        lambdas = [sympy.Rational(m, 10**j) for j in range(0, 5) for m in (10, 5, 2)
                   if sympy.Rational(m, 10**j) <= 1] + [sympy.Rational(1, 10**4)]
    lambdas = [sympy.Rational(lam) for lam in lambdas]
    u, v = (sympy.Integer(c) for c in point)
    result: dict[str, Any] = {
        "lambdas": [float(lam) for lam in lambdas],
        "point": [int(u), int(v)],
        "activations": [name for name, _ in activations],
        "series": {},
    }
    for name, shift in activations:
        shift = to_expression(shift)
        errors, widths = [], []
        for lam in lambdas:
            gate = _multiplication_gate(lam=lam, shift=shift)
            y = evaluate_interval(gate, {"x1": u, "x2": v}, name, shift=shift)["y"]
            with precision(PRECISION_BITS):
                rel = abs(y / (int(u) * int(v)) - 1)
            errors.append(_mid(rel))
            widths.append(_width(rel))
        symbolic = expand(_multiplication_gate(shift=shift), 4, name)
        quartic = sum(
            c for monomial, c in symbolic.terms("y").items() if sum(monomial) == 4
        )
        x1, x2 = symbolic.variables
        leading = sympy.simplify(quartic.subs({LAMBDA: 1, x1: u, x2: v}) / (u * v))
        fit = [(math.log10(lam), math.log10(err))
               for lam, err in zip(result["lambdas"], errors) if 0 < err and lam <= 0.1]
        result["series"][name] = {
            "shift": str(shift),
            "errors": errors,
            "widths": widths,
            "leading": str(leading),
            "leading_value": float(leading),
            "leading_latex": sympy.latex(leading),
            "slope": _slope(fit),
        }
    return result


def _slope(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope (floating point)."""
    n = len(points)
    if n < 2:
        return float("nan")
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in points)
    return sxy / sxx


def neuron_count_series(flat_max: int = 10, deep_max: int = 32) -> dict[str, Any]:
    """Hidden neurons of the flat (Eq. 32) and deep product networks, counted from the graphs.

    Examples
    --------
    >>> s = neuron_count_series(flat_max=4, deep_max=8)
    >>> s["flat"]
    [[1, 2], [2, 4], [3, 8], [4, 16]]
    >>> s["deep"][:3]
    [[2, 4], [3, 9], [4, 12]]
    """
    flat = [[n, flat_product(n).neuron_count] for n in range(1, flat_max + 1)]
    deep = [[n, deep_product(n).neuron_count] for n in range(2, deep_max + 1)]
    return {"flat": flat, "deep": deep, "flat_max": flat_max, "deep_max": deep_max}


def bit_product_series(betas: Sequence[int] | None = None, ks: Sequence[int] = (1, 2, 3, 4),
                       decimals: int = 10) -> dict[str, Any]:
    """Worst-case error of the bit-product gate (Eq. 13) over all bit strings, against β.

    For each k and exact β the gate's network is evaluated (interval arithmetic) on all 2^k
    bit strings and compared with the product of the bits.

    Examples
    --------
    >>> s = bit_product_series([23], ks=[2])
    >>> s["worst"]["2"][0] < 1.1e-5, s["threshold"] > 23
    (True, True)
    """
    betas = list(range(1, 61)) if betas is None else list(betas)
    worst: dict[str, list[float]] = {}
    for k in ks:
        values = []
        for beta in betas:
            net = bit_product(k, beta=beta)
            largest = 0.0
            for bits in _bit_strings(k):
                y = evaluate_interval(net, {f"x{i + 1}": b for i, b in enumerate(bits)})["y"]
                with precision(PRECISION_BITS):
                    err = abs(y - math.prod(bits))
                largest = max(largest, float(err.b))
            values.append(largest)
        worst[str(k)] = values
    threshold = decimals * math.log(10)
    at_threshold = {}
    for k in ks:
        net = bit_product(k, beta=sympy.Integer(decimals) * sympy.log(10))
        errs = []
        for bits in _bit_strings(k):
            y = evaluate_interval(net, {f"x{i + 1}": b for i, b in enumerate(bits)})["y"]
            with precision(PRECISION_BITS):
                errs.append(float(abs(y - math.prod(bits)).b))
        at_threshold[str(k)] = max(errs)
    return {
        "betas": betas,
        "worst": worst,
        "decimals": decimals,
        "threshold": threshold,
        "at_threshold": at_threshold,
        "beta_symbol": str(BETA),
    }


def _bit_strings(k: int) -> list[tuple[int, ...]]:
    return [tuple((j >> i) & 1 for i in range(k)) for j in range(2**k)]
