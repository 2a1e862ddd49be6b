"""``minimal_width``: both bounds, the construction re-checked by exact expansion, a result.

The lower bound comes from :mod:`symflat.width.lower`, the construction from
:mod:`symflat.width.constructions`. A construction is reported only after the network it
defines has been expanded exactly (:func:`~.expansion.expand`) and every Taylor coefficient
through degree ``d`` has been compared with ``P`` (``sympy.cancel`` of the difference is 0).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from symflat.exact.interval import rigorous_sign
from symflat.exact.symbols import input_symbols
from symflat.width._poly import PolyData, WidthError, as_polydata
from symflat.width.constructions import Construction, construct
from symflat.width.lower import (
    MODELS,
    LowerBound,
    _bound_from_g,
    _homogenized,
    _output_bias_bound,
    lower_bound,
)

__all__ = ["WidthResult", "minimal_width", "verify_construction", "activation_report"]


@dataclass(frozen=True)
class WidthResult:
    """Both bounds on the hidden width of ``polynomial`` in ``model``, with certificates.

    ``exact`` is true only when the verified construction has exactly ``lower`` neurons.
    """

    polynomial: str
    variables: tuple[str, ...]
    model: str
    degree: int
    lower: int
    upper: int | None
    exact: bool
    lower_certificate: LowerBound
    construction: Construction | None
    verified: bool
    search: dict[str, object] = field(default_factory=dict)
    activation: dict[str, object] | None = None
    exhaustive: dict[str, object] | None = None

    @property
    def gap(self) -> int | None:
        return None if self.upper is None else self.upper - self.lower

    def to_dict(self) -> dict[str, object]:
        return {
            "polynomial": self.polynomial,
            "variables": list(self.variables),
            "model": self.model,
            "degree": self.degree,
            "lower": self.lower,
            "upper": self.upper,
            "exact": self.exact,
            "gap": self.gap,
            "lower_certificate": self.lower_certificate.to_dict(),
            "construction": None if self.construction is None else self.construction.to_dict(),
            "verified_by_expansion": self.verified,
            "search": self.search,
            "activation": self.activation,
            "exhaustive": self.exhaustive,
        }

    def to_json(self, indent: int | None = 2) -> str:
        """JSON with every exact number as a string.

        Examples
        --------
        >>> import sympy
        >>> x1, x2 = sympy.symbols("x1 x2")
        >>> r = minimal_width(sympy.Poly(x1 * x2, x1, x2))
        >>> json.loads(r.to_json())["construction"]["points"][0]
        ['1', '1']
        """
        return json.dumps(self.to_dict(), indent=indent)


def _expr_in_inputs(data: PolyData) -> sympy.Expr:
    """``P`` with its variables renamed to the network inputs ``x1..xn`` (positionally)."""
    inputs = input_symbols(data.nvars)
    return sympy.Add(
        *(
            sympy.Rational(c.numerator, c.denominator)
            * sympy.Mul(*(v**k for v, k in zip(inputs, e, strict=True)))
            for e, c in data.terms.items()
        )
    )


def verify_construction(
    poly: object, construction: Construction, activation: str = "generic", shift: object = 0
) -> bool:
    """Build the network and compare its exact Taylor expansion with ``P`` through degree d.

    Examples
    --------
    >>> import sympy
    >>> from symflat.width.constructions import sign_vectors
    >>> x1, x2 = sympy.symbols("x1 x2")
    >>> verify_construction(sympy.Poly(x1 * x2, x1, x2), sign_vectors(2))
    True
    >>> verify_construction(sympy.Poly(2 * x1 * x2, x1, x2), sign_vectors(2))
    False
    """
    from symflat.nets.expansion import expand
    from symflat.paper.networks import shallow_network

    data = as_polydata(poly)
    if construction.width == 0 or len(construction.points[0]) != data.nvars:
        return False
    net = shallow_network(
        [[sympy.Rational(v.numerator, v.denominator) for v in a] for a in construction.points],
        list(construction.weights()),
        output_bias=construction.output_bias(),
        shift=shift,
        name="width",
    )
    expansion = expand(net, data.degree, activation=activation)
    got = expansion.terms("y")
    want = {e: sympy.Rational(c.numerator, c.denominator) for e, c in data.terms.items()}
    for e in set(got) | set(want):
        if sum(e) > data.degree:
            continue
        diff = sympy.cancel(sympy.sympify(got.get(e, 0)) - want.get(e, 0))
        if diff != 0:
            return False
    return True


# ------------------------------------------------------------------------- activations


def _nonzero(value: sympy.Expr) -> str:
    """``"nonzero"`` (proved), ``"zero"`` (proved) or ``"unknown"``."""
    try:
        sign = rigorous_sign(sympy.sympify(value))
    except (ValueError, TypeError, ZeroDivisionError):
        return "unknown"
    return {0: "zero", None: "unknown"}.get(sign, "nonzero")


_SHIFTS = [sympy.Integer(0), sympy.Rational(1, 2), sympy.Rational(-1, 2), sympy.Integer(1),
           sympy.Integer(-1), sympy.Rational(1, 3), sympy.Integer(2), sympy.Rational(3, 2)]


def activation_report(spec: str, degree: int, model: str) -> dict[str, object]:
    """Which Taylor coefficients sigma_k (k <= d) of an activation are non-zero, and a shift.

    The lower bound assumes ``sigma_k != 0`` for every ``k`` in the model's degrees (``0..d``
    or ``1..d``); if that fails at 0, the first small rational shift ``b`` where it holds is
    chosen (every neuron then computes ``sigma(b + a_j . x)``).

    Examples
    --------
    >>> r = activation_report("tanh", 3, "no-bias")
    >>> r["at_zero"]["zero"], r["shift"]
    ([0, 2], '1/2')
    """
    from symflat.nets.activations import get_activation

    act = get_activation(spec)
    needed = list(range(0 if model == "no-bias" else 1, degree + 1))
    report: dict[str, object] = {"activation": spec, "needed": needed}
    for b in _SHIFTS:
        coeffs = act.coefficients(degree, at=b)
        status = {k: _nonzero(coeffs[k]) for k in needed}
        entry = {
            "coefficients": [str(c) for c in coeffs],
            "zero": [k for k, s in status.items() if s == "zero"],
            "unproven": [k for k, s in status.items() if s == "unknown"],
        }
        if b == 0:
            report["at_zero"] = entry
        if all(s == "nonzero" for s in status.values()):
            report["shift"] = str(b)
            report["coefficients"] = entry["coefficients"]
            report["rational"] = all(sympy.sympify(c).is_Rational for c in coeffs)
            return report
    report["shift"] = None
    return report


def _bound_for_sigma(data: PolyData, model: str, coeffs: list[sympy.Rational]) -> LowerBound:
    """The apolarity bound for one activation with rational sigma_k (exact, any polynomial)."""
    parts = data.parts()
    scale = {k: Fraction(1) / Fraction(int(coeffs[k].p), int(coeffs[k].q)) for k in parts}
    if model == "no-bias":
        value, ranks = _bound_from_g(_homogenized(parts, data.degree, scale), data.nvars,
                                     data.degree)
        bias = None
    else:
        value, ranks, bias = _output_bias_bound(parts, data.nvars, data.degree, scale)
    return LowerBound(value, model, data.degree, "apolarity", "this activation", ranks, bias,
                      ("computed with this activation's exact rational coefficients",))


# ----------------------------------------------------------------------------- driver


def minimal_width(
    poly: object,
    model: str = "no-bias",
    *,
    activation: str = "generic",
    grid: int = 1,
    max_grid: int | None = None,
    timeout: float = 10.0,
    exhaustive: bool = False,
    seed: int = 0,
) -> WidthResult:
    """Lower bound, best verified construction, and whether they meet.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.symbols("x1:4")
    >>> r = minimal_width(sympy.Poly(x[0] * x[1] * x[2], *x), "output-bias")
    >>> (r.lower, r.upper, r.exact, r.verified)
    (7, 7, True, True)
    """
    if model not in MODELS:
        raise WidthError(f"unknown model {model!r}; choose one of {', '.join(MODELS)}")
    data = as_polydata(poly)
    lower = lower_bound(data, model)
    act_info = None
    shift = sympy.Integer(0)
    if activation != "generic":
        act_info = activation_report(activation, data.degree, model)
        if act_info["shift"] is None:
            raise WidthError(
                f"activation {activation!r}: no small rational shift with every needed Taylor "
                f"coefficient provably non-zero"
            )
        shift = sympy.Rational(act_info["shift"])
        if act_info.get("rational"):
            coeffs = [sympy.Rational(c) for c in act_info["coefficients"]]
            lower = _bound_for_sigma(data, model, coeffs)
        elif lower.sigma != "every":
            lower = _every(data, model)
    outcome = construct(data, model, target=lower.value, grid=grid, max_grid=max_grid,
                        timeout=timeout, seed=seed)
    construction = outcome.construction
    verified = False
    if construction is not None:
        verified = verify_construction(data, construction, activation=activation, shift=shift)
        if not verified:
            raise RuntimeError("internal error: a construction failed its exact re-check")
    upper = construction.width if construction is not None else None
    ex_info = None
    if exhaustive:
        from symflat.width.exhaustive import exhaustive_check

        try:
            ex_info = exhaustive_check(data, model, lower.value).to_dict()
        except WidthError as error:
            ex_info = {"neurons": lower.value - 1, "feasible": None, "note": f"not run: {error}"}
    return WidthResult(
        polynomial=str(data.to_expr()),
        variables=data.variables,
        model=model,
        degree=data.degree,
        lower=lower.value,
        upper=upper,
        exact=upper is not None and upper == lower.value,
        lower_certificate=lower,
        construction=construction,
        verified=verified,
        search={
            "stopped": outcome.stopped,
            "iterations": outcome.iterations,
            "seconds": round(outcome.elapsed, 3),
            "grid": outcome.grid,
            "grids": list(outcome.grids),
            "requested_grid": grid,
            "notes": list(outcome.notes),
        },
        activation=act_info,
        exhaustive=ex_info,
    )


def _every(data: PolyData, model: str) -> LowerBound:
    from symflat.width.lower import _partial

    return _partial(data, model)
