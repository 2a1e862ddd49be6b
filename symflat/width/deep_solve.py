r"""Depth-2 networks for ``sigma = exp`` whose weights are *solved*: numeric, then exact.

The third kind of depth-2 construction (after lifted one-layer networks and gates): the
``exp`` system of :mod:`symflat.width.deep_system` (unknowns ``a_j``, ``B_kj`` and
``w_k = v_k e^(c_k)``, ``c_k = sum_j B_kj``) is solved numerically by Levenberg-Marquardt
from seeded random starts; a numeric solution is then made rational one unknown at a time
(each is fixed to a nearby rational of small denominator and the others are solved again;
the solution set has positive dimension, so such points often exist); the rational point must
satisfy every equation **exactly** (rational arithmetic), and the network built from it,
``v_k = w_k e^(-c_k)`` and the output bias ``P_0 - sum_k w_k``, is re-checked by exact
expansion with ``sigma = exp`` (:func:`verify_exp`). Nothing numeric is ever reported.

**What it proves.** A network found here computes ``P`` with ``sigma = exp`` only: it is an
upper bound on the smallest depth-2 network *for sigma = exp*. Together with the ``exp``
certificates of :mod:`symflat.width.deep_certificates` (no smaller network for ``sigma =
exp``) it gives the exact minimum for ``sigma = exp``. It says nothing about other sigma.

Examples
--------
>>> from symflat.width.polynomials import as_polynomial
>>> from symflat.width.model import WidthModel
>>> P = as_polynomial("x1^4")
>>> c = solve_exp_split(P, 2, 2, WidthModel.parse("output-bias", depth=2), seed=0, timeout=60)
>>> c.split, c.requires, verify_exp(P, c)
((2, 2), ('sigma = exp',), True)
"""

from __future__ import annotations

import time
from dataclasses import replace
from fractions import Fraction
from math import comb

import numpy as np
import sympy

from symflat.exact.polynomial import Polynomial
from symflat.width.deep_constructions import DeepConstruction
from symflat.width.deep_system import depth2_system
from symflat.width.model import WidthModel
from symflat.width.polynomials import WidthError, agrees_through_degree

__all__ = ["exp_network", "solve_exp_split", "verify_exp"]

#: Denominators tried when an unknown is made rational, simplest first.
DENOMINATORS = (1, 2, 3, 4, 6, 8, 12)
#: Squared residual below which a numeric point counts as a solution (rounding is exact later).
TOLERANCE = 1e-22
#: Levenberg-Marquardt steps from a random start.
ITERATIONS = 1000
#: Most unknowns left for the exact completion (a lex Gröbner basis in sympy).
MAX_COMPLETED = 6
#: Most equations (monomials of degree <= d) of a system tried.
MAX_EQUATIONS = 40
#: Most unknowns of a system tried (beyond this the numeric search rarely pays).
MAX_UNKNOWNS = 24


class _Numeric:
    """The equations as exponent matrices for fast float evaluation and Jacobians."""

    def __init__(self, equations: list[Polynomial], n: int) -> None:
        self.parts = []
        shift = np.eye(n)[:, None, :]
        for eq in equations:
            exps = np.array(list(eq.terms), dtype=float).reshape(-1, n)
            coeffs = np.array([float(c) for c in eq.terms.values()])
            # d/dx_i: coefficient * e_i * x^(e - unit_i) (exponent clipped at 0 where e_i = 0)
            lowered = np.maximum(exps[None, :, :] - shift, 0.0)
            self.parts.append((exps, coeffs, lowered, coeffs[None, :] * exps.T))
        self.n = n

    def residual(self, x: np.ndarray) -> np.ndarray:
        return np.array([coeffs @ np.prod(x ** exps, axis=1)
                         for exps, coeffs, _, _ in self.parts])

    def jacobian(self, x: np.ndarray) -> np.ndarray:
        return np.array([np.sum(factors * np.prod(x ** lowered, axis=2), axis=1)
                         for _, _, lowered, factors in self.parts])


def _levenberg(system: _Numeric, x: np.ndarray, free: np.ndarray,
               iterations: int = 200, end: float = float("inf")) -> tuple[np.ndarray, float]:
    """Minimise the squared residual over the ``free`` coordinates (damped Gauss-Newton)."""
    x = x.copy()
    r = system.residual(x)
    cost = float(r @ r)
    damping = 1e-3
    checkpoint = cost
    for step_count in range(iterations):
        if cost < TOLERANCE or not free.any():
            break
        if step_count % 20 == 0 and time.monotonic() > end:
            break
        if step_count and step_count % 100 == 0:  # drifting to infinity, not converging
            if cost > 1e-6 and cost > checkpoint / 2:
                break
            checkpoint = cost
        jac = system.jacobian(x)[:, free]
        gram = jac.T @ jac
        try:
            step = np.linalg.solve(gram + damping * np.eye(len(gram)), -jac.T @ r)
        except np.linalg.LinAlgError:
            damping *= 4
            continue
        trial = x.copy()
        trial[free] += step
        rt = system.residual(trial)
        new = float(rt @ rt)
        if np.isfinite(new) and new < cost:
            x, r, cost = trial, rt, new
            damping = max(damping / 3, 1e-12)
        else:
            damping *= 4
            if damping > 1e8:
                break
    return x, cost


def _candidates(value: float) -> list[Fraction]:
    seen: list[Fraction] = []
    for q in DENOMINATORS:
        f = Fraction(round(value * q), q)
        if f not in seen:
            seen.append(f)
    return sorted(seen, key=lambda f: (abs(float(f) - value) > 0.25, f.denominator, abs(f)))


def _complete(equations: list[Polynomial], unknowns: tuple[str, ...],
              fixed: dict[int, Fraction]) -> list[Fraction] | None:
    """The rest of the point exactly, when the fixed values leave finitely many solutions and
    a lex Gröbner basis reads ``u - r`` for every other unknown (``r`` rational)."""
    rest = [u for k, u in enumerate(unknowns) if k not in fixed]
    if len(rest) > MAX_COMPLETED:
        return None
    values = {sympy.Symbol(unknowns[k]): sympy.Rational(v.numerator, v.denominator)
              for k, v in fixed.items()}
    symbols = sympy.symbols(rest)
    exprs = [sympy.expand(e.to_expr().xreplace(values)) for e in equations]
    basis = sympy.groebner([e for e in exprs if e != 0], *symbols, order="lex")
    found: dict[str, Fraction] = {}
    for g in basis.exprs:
        poly = sympy.Poly(g, *symbols)
        if poly.total_degree() != 1 or len(poly.free_symbols) != 1:
            return None
        (u,) = poly.free_symbols
        value = sympy.solve(g, u)[0]
        if not value.is_Rational:
            return None
        found[str(u)] = Fraction(int(value.p), int(value.q))
    if set(found) != set(rest):
        return None
    return [fixed[k] if k in fixed else found[u] for k, u in enumerate(unknowns)]


def _rationalise(system: _Numeric, x: np.ndarray, order: list[int], clock_end: float,
                 equations: list[Polynomial], unknowns: tuple[str, ...]
                 ) -> list[Fraction] | None:
    """Fix the unknowns to rationals in ``order``, re-solving the rest after each; when no
    nearby rational works (the rest is then isolated), solve the rest exactly."""
    fixed: dict[int, Fraction] = {}
    free = np.ones(system.n, dtype=bool)
    for i in order:
        for f in _candidates(float(x[i]))[:4]:
            if time.monotonic() > clock_end:
                return None
            trial = x.copy()
            trial[i] = float(f)
            mask = free.copy()
            mask[i] = False
            solved, cost = _levenberg(system, trial, mask, end=clock_end)
            if cost < TOLERANCE:
                x, free, fixed[i] = solved, mask, f
                break
        else:
            return _complete(equations, unknowns, fixed)
    return [fixed[i] for i in range(system.n)]


def exp_network(data: Polynomial, m1: int, m2: int, values: dict[str, Fraction],
                model: WidthModel) -> DeepConstruction:
    """The network of a point of the ``exp`` system: ``v_k = w_k e^(-c_k)``,
    ``c_k = sum_j B_kj`` (``sigma(0) = 1``), output bias ``P_0 - sum_k w_k`` (or 0)."""
    n = data.nvars

    def q(name: str) -> sympy.Rational:
        v = values[name]
        return sympy.Rational(v.numerator, v.denominator)

    points = tuple(tuple(q(f"a{j}_{i}") for i in range(1, n + 1)) for j in range(1, m1 + 1))
    inner = tuple(tuple(q(f"B{k}_{j}") for j in range(1, m1 + 1)) for k in range(1, m2 + 1))
    outer = tuple(q(f"w{k}") * sympy.exp(-sum(row)) for k, row in enumerate(inner, start=1))
    p0 = data.terms.get((0,) * n, Fraction(0))
    bias = sympy.Integer(0)
    if model.output_bias:
        bias = sympy.Rational(p0.numerator, p0.denominator) - sum(
            q(f"w{k}") for k in range(1, m2 + 1))
    return DeepConstruction(points, inner, outer, bias, model, "solved (sigma = exp)",
                            ("sigma = exp",))


def verify_exp(data: Polynomial, construction: DeepConstruction) -> bool:
    """Whether the network computes ``P`` through its degree with ``sigma = exp``: the whole
    network is expanded exactly with the exp activation (:func:`symflat.nets.expansion.expand`)
    and every coefficient through degree ``d`` must equal ``P``'s (exactly zero difference
    after simplification of the exact constants ``e^(c)``)."""
    from symflat.nets.expansion import expand

    if construction.model.output_bias is False and construction.output_bias != 0:
        return False
    if not construction.points or len(construction.points[0]) != data.nvars:
        return False
    got = expand(construction.network(), data.degree, "exp").terms("y")
    return agrees_through_degree(got, data, sympy.simplify)


def solve_exp_split(data: Polynomial, m1: int, m2: int, model: WidthModel, *,
                    seed: int = 0, starts: int = 60, skip: int = 0,
                    timeout: float = 30.0) -> DeepConstruction | None:
    """A network with ``m1 + m2`` neurons for ``P`` and ``sigma = exp``, solved and re-checked
    (see the module docstring), or ``None`` (none found: nothing is proved).

    Parameters
    ----------
    data : Polynomial
        The target (degree at least 2).
    m1, m2 : int
        The layer widths.
    model : WidthModel
        A depth-2 model; without output bias the degree-0 equation is kept.
    seed, starts, skip : int
        The random starts (deterministic for a seed): ``starts`` of them after the first
        ``skip`` (so that a search can be cut into rounds).
    timeout : float
        Seconds for the search.
    """
    end = time.monotonic() + timeout
    if not model.output_bias and m2 >= 2:
        # an output-bias network and one constant neuron (B_k = 0: w_k = sigma(0) v_k = v_k)
        # in place of the bias: the output-bias system is smaller, so it is tried first
        biased = replace(model, output_bias=True)
        smaller = solve_exp_split(data, m1, m2 - 1, biased, seed=seed, starts=starts,
                                  skip=skip, timeout=timeout / 2)
        if smaller is not None:
            zero = sympy.Integer(0)
            construction = replace(smaller, inner=(*smaller.inner, (zero,) * m1),
                                   outer=(*smaller.outer, smaller.output_bias),
                                   output_bias=zero, model=model)
            if verify_exp(data, construction):
                return construction
    if comb(data.nvars + data.degree, data.degree) > MAX_EQUATIONS:
        raise WidthError(f"more than {MAX_EQUATIONS} equations: too many for the numeric search")
    equations, unknowns = depth2_system(data, m1, m2, "exp", output_bias=model.output_bias)
    if len(unknowns) > MAX_UNKNOWNS:
        raise WidthError(f"{len(unknowns)} unknowns: the numeric search takes at most "
                         f"{MAX_UNKNOWNS}")
    system = _Numeric(equations, len(unknowns))
    rng = np.random.default_rng(seed)
    for _ in range(skip):
        rng.normal(0.0, 1.0, len(unknowns))
    order = list(range(len(unknowns)))  # a, then B, then w: the system's order
    for _ in range(starts):
        if time.monotonic() > end:
            return None
        x, cost = _levenberg(system, rng.normal(0.0, 1.0, len(unknowns)),
                             np.ones(len(unknowns), dtype=bool), ITERATIONS, end)
        if cost >= TOLERANCE:
            continue
        point = _rationalise(system, x, order, end, equations, unknowns)
        if point is None:
            continue
        if any(eq(*point) != 0 for eq in equations):  # exact, in rationals
            continue
        values = dict(zip(unknowns, point))
        if not any(values[f"w{k}"] for k in range(1, m2 + 1)):
            continue
        construction = exp_network(data, m1, m2, values, model)
        if verify_exp(data, construction):
            return construction
    return None
