r"""One variable: points that depend on sigma, from the moment recurrence (Prony).

A network ``sum_j w_j sigma(a_j x)`` (no bias) meets a polynomial ``P = sum_k c_k x^k`` of
degree ``d`` iff the moments ``mu_k = c_k / sigma_k`` satisfy

    sum_j w_j a_j^k = mu_k        for k = 0..d.

Theorem (proved here)
---------------------
Let ``p(t) = prod_j (t - a_j) = sum_i p_i t^i`` for ``m <= d`` distinct numbers ``a_j``. If
``sum_i p_i mu_(l+i) = 0`` for ``l = 0..d-m`` and ``w_j = L_mu(ell_j)``, where ``ell_j`` is the
Lagrange polynomial of ``a_j`` (``ell_j(a_l) = [j = l]``, degree ``< m``) and ``L_mu`` the
linear functional ``t^k -> mu_k``, then the network meets ``P``.

*Proof.* For every polynomial ``f`` of degree ``< m``, ``f = sum_j f(a_j) ell_j``, so
``sum_j w_j f(a_j) = L_mu(f)``: the moments ``k < m`` match. For ``m <= k <= d``,
``t^k = t^(k-m) p(t) + r(t)`` with ``deg r < m``; ``sum_j w_j a_j^k = sum_j w_j r(a_j) =
L_mu(r) = mu_k - L_mu(t^(k-m) p)``, and ``L_mu(t^(k-m) p) = sum_i p_i mu_(k-m+i) = 0`` by the
recurrence with ``l = k - m``. ∎

The construction
----------------
:func:`univariate` fixes ``m - 2`` of the points at small integers (``0, 1, -1, 2, ...``) and
writes ``p = prod (t - r) (t^2 + q_1 t + q_0)``: the recurrence is linear in ``q_0, q_1``
(coefficients rational functions of the sigma_k). When it has a solution, the last two points
are ``(-q_1 ± sqrt(q_1^2 - 4 q_0)) / 2``: sigma-dependent (a square root: real where the
radicand is positive, a condition the construction carries). Distinctness is checked as an
identity of rational functions (the radicand and ``q(r)`` are not identically zero), and the
construction holds for every sigma outside the zeros of its denominators
(:attr:`~symflat.width.closed_forms.FormulaConstruction.valid_unless`) and of the radicand.
Every construction is re-checked: each moment identity is simplified to zero exactly before
it is returned (and the caller checks the network's exact Taylor expansion again).

With an output bias (proved here) the degree-0 condition is gone: the network's ``mu_0 =
sum_j w_j`` is free. The recurrence is then imposed for ``l = 1..d-m`` only, and ``mu_0`` is
*defined* by the one with ``l = 0``, ``mu_0 = -sum_(i>=1) p_i mu_i / p_0`` (``p_0 != 0``); with
that ``mu_0`` the theorem gives every moment ``0..d``, and the output bias is
``P_0 - sigma_0 mu_0``.
"""

from __future__ import annotations

from fractions import Fraction

import sympy

from symflat.exact.polynomial import Polynomial
from symflat.nets.activations import sigma_symbol
from symflat.width.closed_forms import FormulaConstruction
from symflat.width.model import WidthModel

__all__ = ["univariate"]

#: The points fixed in advance, in this order (the rest come from the quadratic factor).
FIXED = (0, 1, -1, 2, -2, 3, -3)


def _moments(data: Polynomial) -> list[sympy.Expr]:
    return [sympy.Rational(c.numerator, c.denominator) / sigma_symbol(k)
            for k, c in ((k, data.terms.get((k,), Fraction(0))) for k in range(data.degree + 1))]


def univariate(data: Polynomial, model: WidthModel, m: int) -> FormulaConstruction | None:
    """A construction with ``m`` neurons for a polynomial in one variable (no bias, the
    generic sigma), or ``None`` when the recurrence with the fixed points has no solution or
    the points are not distinct (module docstring).

    Examples
    --------
    >>> from symflat.width.polynomials import as_polynomial
    >>> c = univariate(as_polynomial("x1^3 + x1^2 + x1"), WidthModel(), 2)
    >>> c.width, c.kind, c.requires
    (2, 'sigma-algebraic', ('(-3*sigma1**2*sigma3 + 4*sigma1*sigma2**2)/(sigma2**2*sigma3) > 0',))
    """
    d = data.degree
    if data.nvars != 1 or not 1 <= m <= d or len(FIXED) < m - 2:
        return None
    mu = _moments(data)
    first = 1 if model.output_bias else 0  # with an output bias mu_0 is free: see below
    t = sympy.Symbol("t")
    fixed = [sympy.Integer(r) for r in FIXED[:max(0, m - 2)]]
    k = m - len(fixed)
    q = sympy.symbols(f"q0:{k}")
    factor = t**k + sum(q[i] * t**i for i in range(k))
    p = sympy.Poly(sympy.prod([t - r for r in fixed]) * factor, t)
    coeffs = [p.coeff_monomial(t**i) for i in range(m + 1)]
    equations = [sympy.expand(sum(coeffs[i] * mu[ell + i] for i in range(m + 1)))
                 for ell in range(first, d - m + 1)]
    solutions = sympy.linsolve(equations, q) if equations else sympy.FiniteSet(tuple(q))
    if not solutions:
        return None
    (solution,) = solutions
    free = {s: sympy.Integer(1) for v in solution for s in v.free_symbols if s in q}
    values = [sympy.cancel(v.subs(free)) for v in solution]
    quotient = factor.subs(dict(zip(q, values, strict=True)))
    if model.output_bias:
        # the network's mu_0 = sum_j w_j is whatever the recurrence with l = 0 asks for
        # (the output bias then meets the constant): mu_0 = -sum_(i>=1) p_i mu_i / p_0
        p_values = [sympy.cancel(c.subs(dict(zip(q, values, strict=True)))) for c in coeffs]
        if p_values[0] == 0:
            return None
        mu = [sympy.cancel(-sum(p_values[i] * mu[i] for i in range(1, m + 1)) / p_values[0]),
              *mu[1:]]
    if any(sympy.cancel(quotient.subs(t, r)) == 0 for r in fixed):
        return None  # a fixed point is also a root: not distinct
    requires: tuple[str, ...] = ()
    # numbers u + v sqrt(D) as pairs (u, v) of rational functions of the sigma_k: exact
    # arithmetic in Q(sigma)(sqrt(D)) with nothing but cancel
    radicand = sympy.Integer(0)
    if k == 1:
        roots = [(sympy.cancel(-values[0]), sympy.Integer(0))]
    else:
        radicand = sympy.cancel(values[1] ** 2 - 4 * values[0])
        if radicand == 0:
            return None
        if radicand.is_number and radicand < 0:
            return None  # complex points only
        if not radicand.is_number:
            requires = (f"{radicand} > 0",)
        half = sympy.Rational(1, 2)
        roots = [(sympy.cancel(-values[1] / 2), half), (sympy.cancel(-values[1] / 2), -half)]
    field = _Field(radicand)
    points = [*((r, sympy.Integer(0)) for r in fixed), *roots]
    weights = []
    for j, a in enumerate(points):
        # w_j = L_mu(ell_j): ell_j = prod_(l != j) (t - a_l) / (a_j - a_l), coefficient by
        # coefficient (the product built as a list of coefficients in the field)
        ell = [(sympy.Integer(1), sympy.Integer(0))]
        scale = (sympy.Integer(1), sympy.Integer(0))
        for i, b in enumerate(points):
            if i == j:
                continue
            shifted = [field.neg(field.mul(b, c)) for c in ell] + [field.zero]
            ell = [field.add(x, y) for x, y in zip(shifted, [field.zero, *ell], strict=True)]
            scale = field.mul(scale, field.add(a, field.neg(b)))
        total = field.zero
        for i, c in enumerate(ell):
            total = field.add(total, field.mul(c, (mu[i], sympy.Integer(0))))
        try:
            weights.append(field.div(total, scale))
        except ZeroDivisionError:  # two points equal identically (D a square): not m points
            return None
    for kk in range(d + 1):  # the exact re-check of every moment
        moment = field.zero
        for w, a in zip(weights, points, strict=True):
            moment = field.add(moment, field.mul(w, field.power(a, kk)))
        if field.add(moment, (-mu[kk], sympy.Integer(0))) != field.zero:
            return None
    root = sympy.sqrt(radicand)
    as_expr = [u + v * root for u, v in points]
    weight_exprs = [u + v * root for u, v in weights]
    method = (f"Prony: points {', '.join(map(str, fixed))} fixed, the rest roots of the "
              f"moment recurrence" if fixed else "Prony: points from the moment recurrence")
    bias = sympy.Integer(0)
    if model.output_bias:
        constant = data.terms.get((0,), Fraction(0))
        # sum_j w_j = mu_0 was checked above, so the bias P_0 - sigma_0 sum_j w_j is rational
        bias = sympy.cancel(sympy.Rational(constant.numerator, constant.denominator)
                            - sigma_symbol(0) * mu[0])
    return FormulaConstruction(tuple((a,) for a in as_expr), tuple(weight_exprs),
                               bias, model, method, requires)


class _Field:
    """``Q(sigma)(sqrt(D))``: pairs ``(u, v)`` for ``u + v sqrt(D)``, kept cancelled."""

    def __init__(self, radicand: sympy.Expr):
        self.d = radicand
        self.zero = (sympy.Integer(0), sympy.Integer(0))

    @staticmethod
    def _c(u: sympy.Expr, v: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
        return sympy.cancel(u), sympy.cancel(v)

    def add(self, x: tuple, y: tuple) -> tuple:
        return self._c(x[0] + y[0], x[1] + y[1])

    def neg(self, x: tuple) -> tuple:
        return -x[0], -x[1]

    def mul(self, x: tuple, y: tuple) -> tuple:
        return self._c(x[0] * y[0] + self.d * x[1] * y[1], x[0] * y[1] + x[1] * y[0])

    def div(self, x: tuple, y: tuple) -> tuple:
        norm = sympy.cancel(y[0] ** 2 - self.d * y[1] ** 2)
        if norm == 0:
            raise ZeroDivisionError("division by zero in Q(sigma)(sqrt(D))")
        u, v = self.mul(x, (y[0], -y[1]))
        return self._c(u / norm, v / norm)

    def power(self, x: tuple, e: int) -> tuple:
        out = (sympy.Integer(1), sympy.Integer(0))
        for _ in range(e):
            out = self.mul(out, x)
        return out
