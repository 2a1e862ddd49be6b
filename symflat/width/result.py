"""``minimal_width``: both bounds, the construction re-checked by exact expansion, a result.

The lower bound comes from :mod:`symflat.width.lower`, the construction from
:mod:`symflat.width.constructions`. A construction is reported only after the network it
defines has been expanded exactly (:func:`~.expansion.expand`) and every Taylor coefficient
through degree ``d`` has been compared with ``P`` (``sympy.cancel`` of the difference is 0).
The construction says which kind it is (``kind``: fixed rational points, or points that are
rational functions or radicals of the sigma_k, with the conditions on sigma they need).

``timeout`` bounds the whole computation: the lower bound may use ``LOWER_SHARE`` of it (orders
that do not fit are left out and the bound says so), the construction the rest, less
``VERIFY_SHARE`` kept for the exact re-check, which runs in a worker process killed at the
deadline when it is not cheap (then no upper bound is claimed).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from fractions import Fraction
from html import escape
from math import comb

from symflat.display import expression_html, polynomial_html, table
from symflat.exact.polynomial import Polynomial, to_polynomial
from symflat.exact.printing import polynomial_text
from symflat.executor import Executor
from symflat.width._budget import Clock
from symflat.width.bounds import best_bound
from symflat.width.closed_forms import relevant_parts
from symflat.width.constructions import Construction, FormulaConstruction, construct
from symflat.width.essential import Reduction, essential_variables
from symflat.width.lower import LowerBound
from symflat.width.model import WidthModel, as_model
from symflat.width.polynomials import WidthError, agrees_through_degree, as_polynomial
from symflat.width.real import real_rank_exceeds

#: Share of ``timeout`` the lower bound may use; the construction gets the rest, less
#: ``VERIFY_SHARE`` of it kept for the exact re-check.
LOWER_SHARE = 0.5
VERIFY_SHARE = 0.2
#: Re-checks estimated below this many seconds run in this process, others in a worker.
CHEAP_SECONDS = 0.5

__all__ = ["MAX_VARIABLES", "WidthResult", "minimal_width", "verify_construction"]

#: Most variables :func:`minimal_width` (and ``symflat width``) accepts in degree 3 and above,
#: and in degree at most 2 (solved in closed form).
MAX_VARIABLES = 10
MAX_QUADRATIC_VARIABLES = 100


@dataclass(frozen=True)
class WidthResult:
    """Both bounds on the hidden width of ``polynomial`` in ``model``, with certificates.

    ``exact`` is true only when the verified construction has exactly ``lower`` neurons.
    ``verified`` is ``None`` when the re-check of the construction by exact expansion did not
    finish within the time limit (then ``upper`` is ``None``: nothing is claimed).
    ``representable`` is false when no network of ``model`` reaches ``P`` (an activation's
    vanishing coefficient meets a non-zero part of ``P``): ``reason`` says why, ``reaching``
    names a model that reaches it, and there are no bounds.
    """

    polynomial: str
    variables: tuple[str, ...]
    model: WidthModel
    degree: int
    lower: int | None
    upper: int | None
    exact: bool
    lower_certificate: LowerBound | None
    construction: Construction | FormulaConstruction | None
    verified: bool | None
    search: dict[str, object] = field(default_factory=dict)
    exhaustive: dict[str, object] | None = None
    representable: bool = True
    reason: str | None = None
    reaching: WidthModel | None = None
    cases: tuple[dict[str, object], ...] = ()
    reduction: Reduction | None = None

    @property
    def gap(self) -> int | None:
        return None if self.upper is None or self.lower is None else self.upper - self.lower

    def to_dict(self) -> dict[str, object]:
        taylor = None
        if self.model.hidden_bias != "free":
            coefficients = self.model.taylor(self.degree)
            taylor = {"at": str(self.model.point),
                      "coefficients": [str(c) for c in coefficients.coefficients],
                      "zero": list(coefficients.zeros)}
        return {
            "polynomial": self.polynomial,
            "variables": list(self.variables),
            "model": self.model.to_dict(),
            "network_class": self.model.describe(),
            "degree": self.degree,
            "representable": self.representable,
            "reason": self.reason,
            "reaching_model": None if self.reaching is None else self.reaching.to_dict(),
            "lower": self.lower,
            "upper": self.upper,
            "exact": self.exact,
            "gap": self.gap,
            "sigma": taylor,
            "lower_certificate": (None if self.lower_certificate is None
                                  else self.lower_certificate.to_dict()),
            "construction": None if self.construction is None else self.construction.to_dict(),
            "verified_by_expansion": self.verified,
            "search": self.search,
            "exhaustive": self.exhaustive,
            "cases": list(self.cases),
            "reduction": None if self.reduction is None else self.reduction.to_dict(),
        }

    def __repr__(self) -> str:
        """One line: the polynomial, the model and the bounds (the certificates are displayed).

        Examples
        --------
        >>> minimal_width("x10*x2")
        WidthResult(x2*x10, no-bias: 4 <= w <= 4, exact)
        """
        shown = polynomial_text(to_polynomial(self.polynomial), shown=3)
        head = f"WidthResult({shown}, {self.model.name}: "
        if not self.representable:
            return head + "not representable)"
        upper = "?" if self.upper is None else self.upper
        state = "exact" if self.exact else "gap open"
        return head + f"{self.lower} <= w <= {upper}, {state})"

    def _repr_html_(self) -> str:
        """Both bounds, the verdict on exactness and the construction's points and weights."""
        if not self.representable:
            return (f"<p>{polynomial_html(self.polynomial)} is <b>not representable</b> by "
                    f"{escape(self.model.describe())}: {escape(str(self.reason))}.</p>")
        upper = "?" if self.upper is None else str(self.upper)
        verdict = "exact" if self.exact else f"gap {self.gap}" if self.gap is not None else "open"
        head = (f"<p>Minimal width of {polynomial_html(self.polynomial)} "
                f"({escape(self.model.describe())}): {self.lower} &le; w &le; {escape(upper)}, "
                f"<b>{escape(verdict)}</b>. Lower bound: "
                f"{escape(str(self.lower_certificate.method))}, for "
                f"{escape(self.lower_certificate.hypothesis)}.</p>")
        if self.construction is None:
            return head
        data = self.construction.to_dict()
        rows = [(j + 1, ", ".join(expression_html(a) for a in point), expression_html(weight))
                for j, (point, weight) in enumerate(zip(data["points"], data["weights"]))]
        kind = data.get("kind") or "rational"
        return (head + f"<p>Construction ({escape(str(kind))}, {escape(str(data['method']))}), "
                "re-checked by exact expansion:</p>"
                + table(["neuron", f"point a_j ({', '.join(self.variables)})", "weight w_j"],
                        rows, raw_columns=(1, 2)))

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


def verify_construction(poly: object,
                        construction: Construction | FormulaConstruction) -> bool:
    """Build the network and compare its exact Taylor expansion with ``P`` through degree d,
    with the activation and the point of the construction's model.

    Examples
    --------
    >>> import sympy
    >>> from symflat.width.closed_forms import parity_half, sign_vectors
    >>> x1, x2 = sympy.symbols("x1 x2")
    >>> verify_construction(sympy.Poly(x1 * x2, x1, x2), sign_vectors(2))
    True
    >>> verify_construction(sympy.Poly(2 * x1 * x2, x1, x2), sign_vectors(2))
    False
    >>> from fractions import Fraction
    >>> verify_construction("x1*x2*x3", parity_half(3, Fraction(1), WidthModel(activation="tanh")))
    True
    """
    from symflat.nets.expansion import expand

    data = as_polynomial(poly)
    if construction.width == 0 or len(construction.points[0]) != data.nvars:
        return False
    model = construction.model
    expansion = expand(construction.network(), data.degree, activation=model.activation)
    return agrees_through_degree(expansion.terms("y"), data)


# ----------------------------------------------------------------------------- driver


def minimal_width(
    poly: object,
    model: object = "no-bias",
    *,
    activation: str | None = None,
    at: object = None,
    grid: int = 1,
    max_grid: int | None = None,
    timeout: float = 10.0,
    exhaustive: bool = False,
    seed: int = 0,
    depth: int | None = None,
) -> WidthResult:
    """Lower bound, best verified construction, and whether they meet.

    With ``depth=2`` (or a depth-2 model) the question is the smallest ``m1 + m2`` of a network
    with two hidden layers, answered by :func:`symflat.width.deep.minimal_depth2_width` (a
    :class:`~symflat.width.deep.Depth2Result`; ``grid``, ``max_grid``, ``exhaustive`` and
    ``seed`` do not apply).

    Parameters
    ----------
    poly : str, sympy.Poly or Polynomial
        The polynomial (a string is read by the restricted parser).
    model : WidthModel or str
        The network class (:class:`~symflat.width.model.WidthModel`), or its name:
        ``"no-bias"`` (default), ``"output-bias"``, ``"affine"`` (a free bias on every hidden
        neuron) or ``"affine+output-bias"``.
    activation : str, optional
        With a model name: ``"generic"`` (free Taylor coefficients, the default) or a named
        activation (``tanh``, ``sigmoid``, ``softplus``, ``exp``) or an expression in ``x``.
        Its exact coefficients decide which degrees are constrained; the model is never
        changed behind your back.
    at : exact number, optional
        With a model name: every neuron at this shared point ``b`` (``sigma(b + a_j . x)``).
    grid, max_grid : int
        The search starts on integer points in ``[-grid, grid]^n`` and may widen to
        ``max_grid`` (0 to 5).
    timeout : float
        Seconds for the whole computation, the lower bound included.
    exhaustive : bool
        Add the Gröbner-basis cross-check on small cases.
    seed : int
        Seed of the randomised search.
    depth : int, optional
        With a model name: 1 (default) or 2 hidden layers.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.symbols("x1:4")
    >>> r = minimal_width(sympy.Poly(x[0] * x[1] * x[2], *x), "output-bias")
    >>> (r.lower, r.upper, r.exact, r.verified)
    (7, 7, True, True)
    >>> minimal_width("x1^2 + x1", "output-bias").upper
    1

    tanh is odd: ``x1 x2 x3`` needs half of Eq. 32's eight neurons, and ``x1 x2`` cannot be
    reached without a bias.

    >>> r = minimal_width("x1*x2*x3", activation="tanh")
    >>> (r.lower, r.upper, r.exact)
    (4, 4, True)
    >>> r = minimal_width("x1*x2", activation="tanh")
    >>> r.representable, r.reaching.name
    (False, 'shared-bias')

    Two hidden layers:

    >>> r = minimal_width("x1^2", "output-bias", depth=2)
    >>> (r.lower, r.upper, r.exact, r.splits)
    (3, 3, True, ((2, 1),))
    """
    model = as_model(model, activation, at, depth)
    if model.depth == 2:
        from symflat.width.deep import minimal_depth2_width

        if not (isinstance(timeout, int | float) and math.isfinite(timeout) and timeout >= 0):
            raise WidthError(f"timeout must be a finite number of seconds, not {timeout!r}")
        return minimal_depth2_width(poly, model, timeout=timeout)
    if not 0 <= grid <= 5:
        raise WidthError("grid must be between 0 and 5")
    if max_grid is not None and not grid <= max_grid <= 5:
        raise WidthError("max_grid must be between grid and 5")
    if not (isinstance(timeout, int | float) and math.isfinite(timeout) and timeout >= 0):
        raise WidthError(f"timeout must be a finite number of seconds, not {timeout!r}")
    data = as_polynomial(poly)
    reduction = essential_variables(data) if data.degree >= 1 else None
    if reduction is not None:  # the width of f in r < n variables (symflat.width.essential)
        return _reduced(data, model, reduction, timeout,
                        {"grid": grid, "max_grid": max_grid, "exhaustive": exhaustive,
                         "seed": seed})
    # Degree <= 2 is solved in closed form (width.quadratic), so it takes many more variables.
    limit = MAX_QUADRATIC_VARIABLES if data.degree <= 2 else MAX_VARIABLES
    if len(data.variables) > limit:
        raise WidthError(f"{len(data.variables)} variables; at most {limit} are supported"
                         + (f" (at most {MAX_QUADRATIC_VARIABLES} for degree 2)"
                            if limit == MAX_VARIABLES else ""))
    reason = model.unreachable(data)
    if reason is not None:
        return WidthResult(data.to_text(), data.variables, model, data.degree, None, None,
                           False, None, None, None, representable=False, reason=reason,
                           reaching=model.reaching(data))
    clock = Clock.after(timeout)
    lower = best_bound(data, model, clock.share(LOWER_SHARE))
    # a root of sign * sigma_k1/sigma_k2 is real when sign is the sign of sigma_k1 sigma_k2:
    # known for a named activation; for the generic one the condition is reported
    outcome = construct(data, model, target=lower.value, grid=grid, max_grid=max_grid,
                        timeout=max(0.0, clock.left() * (1 - VERIFY_SHARE)), seed=seed)
    construction = outcome.construction
    verified: bool | None = False
    notes = list(outcome.notes)
    if construction is not None:
        verified = _verify(data, construction, clock)
        if verified is False:
            raise RuntimeError("internal error: a construction failed its exact re-check")
        if verified is None:
            notes.append(f"a construction with {construction.width} neurons was found, but its "
                         f"exact re-check by expansion did not fit in the time limit: no upper "
                         f"bound is claimed")
    upper = construction.width if construction is not None and verified else None
    cases: tuple[dict[str, object], ...] = ()
    if sign_dependent(data, model, construction) and clock.left() > 0:
        cases, construction, upper = _sign_cases(
            data, model, lower, construction if verified else None, clock,
            {"grid": grid, "max_grid": max_grid, "seed": seed})
    ex_info = None
    if exhaustive:
        ex_info, raised = _exhaustive(data, model, lower, upper, clock)
        lower = raised or lower
    return WidthResult(
        polynomial=data.to_text(),
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
            "notes": notes,
        },
        exhaustive=ex_info,
        cases=cases,
    )


#: Share of the time the reduced polynomial gets; the rest is for the checks of the lift.
REDUCED_SHARE = 0.8


def _reduced(data: Polynomial, model: WidthModel, reduction: Reduction, timeout: float,
             options: dict[str, object]) -> WidthResult:
    """The width of ``P = f(L x)`` from that of ``f``: the same lower bound, the construction
    with its points lifted by ``L^T``: exact because ``f``'s construction is re-checked by
    expansion and ``f(L x) = P`` is checked exactly (and the lift expanded too when cheap)."""
    inner = minimal_width(reduction.reduced, model, timeout=timeout * REDUCED_SHARE, **options)
    note = (f"P = f(L x) with {reduction.rank} essential variable(s) "
            f"(symflat.width.essential): the bound is that of f = {reduction.reduced.to_text()}")
    base = dict(reduction=reduction, polynomial=data.to_text(), variables=data.variables)
    if not inner.representable:
        return replace(inner, **base)
    lower = replace(inner.lower_certificate, notes=(note, *inner.lower_certificate.notes))
    construction, verified, upper = None, inner.verified, None
    if not reduction.reproduces(data):
        raise RuntimeError("internal error: f(L x) differs from P")
    if inner.construction is not None and inner.verified:
        c = inner.construction
        construction = replace(c, points=tuple(reduction.lift_point(a) for a in c.points))
        # f's construction was re-checked by expansion and f(L x) = P exactly, so the lift is
        # a network for P (symflat.width.essential); expanding it too is a further check, made
        # when it is cheap
        if _expansion_seconds(data, construction.width) < CHEAP_SECONDS:
            if not verify_construction(data, construction):
                raise RuntimeError("internal error: a lifted construction failed its re-check")
        verified, upper = True, construction.width
    return replace(inner, **base, lower_certificate=lower, construction=construction,
                   verified=verified, upper=upper,
                   exact=upper is not None and upper == inner.lower,
                   cases=tuple({**case, "construction": None} for case in inner.cases))


def sign_dependent(data: Polynomial, model: WidthModel,
                   construction: Construction | FormulaConstruction | None) -> bool:
    """Whether the real answer may depend on the sign of ``sigma_k1 sigma_k2``: the generic
    activation, two parts ``k1 < k2`` with ``k2 - k1 >= 2``, and no construction found yet that
    needs no condition on that sign."""
    parts = relevant_parts(data, model)
    if not model.generic or model.hidden_bias == "free" or len(parts) != 2:
        return False
    return parts[1] - parts[0] >= 2 and (construction is None
                                         or bool(getattr(construction, "requires", ())))


def _sign_cases(data: Polynomial, model: WidthModel, lower: LowerBound,
                first: Construction | FormulaConstruction | None, clock: Clock,
                options: dict[str, object]
                ) -> tuple[tuple[dict[str, object], ...], object, int | None]:
    """One case per sign of ``sigma_k1 sigma_k2``, each with its own construction (the joint
    search at that sign, transferred by the torus), re-checked by exact expansion. Returns the
    cases, the construction of the worst case and its width: for every sigma with non-zero
    sigma_k some case applies, so that width is an upper bound for every such sigma."""
    k1, k2 = relevant_parts(data, model)
    product = f"sigma{k1}*sigma{k2}"
    found = {1: first}
    outcome = construct(data, model, target=lower.value, sign=-1,
                        timeout=max(0.0, clock.left() * (1 - VERIFY_SHARE)), **options)
    other = outcome.construction
    found[-1] = other if other is not None and _verify(data, other, clock) else None
    cases = []
    for sign, c in found.items():
        width = None if c is None else c.width
        bound, note = lower.value, f"{lower.method} bound, for every sigma"
        if 0 in model.degrees(data.degree):  # real binary forms (symflat.width.real)
            scale = {k1: Fraction(1), k2: Fraction(sign)}
            reason = real_rank_exceeds(data, scale, lower.value)
            if reason is not None:
                bound, note = lower.value + 1, f"real networks (Sylvester): {reason}"
        cases.append({"condition": f"{product} {'>' if sign == 1 else '<'} 0",
                      "lower": bound, "lower_note": note, "upper": width,
                      "exact": width == bound,
                      "construction": None if c is None else c.to_dict()})
    if any(c is None for c in found.values()):  # the first stays, with its condition
        return tuple(cases), first, None if first is None else first.width
    worst = max(found.values(), key=lambda c: c.width)
    return tuple(cases), worst, worst.width


def _exhaustive(data: Polynomial, model: WidthModel, lower: LowerBound, upper: int | None,
                clock: Clock) -> tuple[dict[str, object], LowerBound | None]:
    """Gröbner checks: ``lower - 1`` neurons (a cross-check of the bound), then, while the gap
    stays open, ``lower``, ``lower + 1``, ...: each basis ``[1]`` raises the proven bound.

    The checks use ``sigma_k = 1``; with at most two parts the torus of
    :mod:`symflat.width.lower` maps that to every sigma with non-zero sigma_k, so a raised bound
    holds for every such sigma (:func:`exhaustive_check` refuses more parts)."""
    from symflat.width.exhaustive import exhaustive_check

    checks: list[dict[str, object]] = []
    raised = None
    m = lower.value - 1
    while upper is None or m < upper:
        try:
            if clock.left() <= 0:
                raise WidthError("no time left within `timeout`")
            check = exhaustive_check(data, model, lower.value, timeout=min(60.0, clock.left()),
                                     neurons=m).to_dict()
        except WidthError as error:
            check = {"neurons": m, "feasible": None, "note": f"not run: {error}"}
        checks.append(check)
        if check["feasible"] is not False:
            break
        if m >= lower.value:
            raised = LowerBound(
                m + 1, model, data.degree, "exhaustive", lower.sigma, (), None,
                (f"Gröbner basis [1] for {m} neurons: no complex network with {m} neurons "
                 f"(weak Nullstellensatz), for {lower.hypothesis} (torus argument or exact "
                 f"coefficients); the bound before was {lower.value}", *lower.notes))
        m += 1
    info: dict[str, object] = dict(checks[0])
    info["checks"] = checks
    return info, raised


def _expansion_seconds(data: Polynomial, width: int) -> float:
    """A rough estimate of the exact expansion's cost (truncated powers of linear forms)."""
    return width * comb(data.nvars + data.degree, data.degree) * (data.degree + 1) * 2e-6


def _verify(data: Polynomial, construction: Construction | FormulaConstruction,
            clock: Clock) -> bool | None:
    """:func:`verify_construction` within the clock's time: in this process when cheap, else in
    a worker process killed at the deadline (``None``: not finished in time)."""
    if clock.deadline is None or _expansion_seconds(data, construction.width) < CHEAP_SECONDS:
        return verify_construction(data, construction)
    if clock.left() <= 0:
        return None
    ((_, outcome),) = Executor(_verify_job, timeout=clock.left(), name="symflat-expand").run(
        [(data, construction)])
    if outcome.status in ("raised", "died"):
        raise RuntimeError(f"internal error while re-checking a construction: {outcome.message}")
    return None if outcome.status == "timeout" else bool(outcome.value)


def _verify_job(job: tuple) -> bool:
    """:func:`verify_construction` on ``(data, construction)``."""
    return verify_construction(*job)
