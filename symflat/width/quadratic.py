r"""Polynomials of degree at most 2: the minimal width in both models, proved and constructed.

Set-up
------
Write ``P = p0 + b . x + x^T A x`` (``A`` symmetric and rational, ``r = rank A``). With
``sigma(u) = sum_k sigma_k u^k`` a network ``sum_j w_j sigma(a_j . x)`` (plus a free output
bias in the *output-bias* model) Taylor-approximates ``P`` through degree 2 iff

    sum_j w_j = p0 / sigma0   (no-bias only),   sum_j w_j a_j = b / sigma1,
    sum_j w_j a_j a_j^T = A / sigma2,

i.e. iff ``M = sum_j w_j v_j v_j^T`` with ``v_j = (1, a_j)`` and

    M = [[c, b^T / sigma1], [b / sigma1, A / sigma2]],   c = p0 / sigma0 (no-bias), c free
                                                           (output-bias: c = sum_j w_j).

``M`` is the matrix of the form ``G`` of :mod:`symflat.width.lower`. A vector ``v`` with
``v_0 != 0`` is ``v_0 (1, a)`` with ``a = v_{1:} / v_0`` (weight ``w v_0^2``), so the width is
the least number of terms ``w_j v_j v_j^T`` with every ``v_j`` off the hyperplane
``v_0 = 0``. Write ``e0`` for the first unit vector and ``row0 = M e0`` for the first row.

Theorem (proved here; every sigma with sigma0, sigma1, sigma2 non-zero)
-----------------------------------------------------------------------
For ``deg P = 2``, with ``beta = b^T h`` for any ``h`` with ``A h = b`` when ``b`` lies in the
column space of ``A`` (``beta`` does not depend on the choice of ``h``):

=====================================  ==========================  ======================
case                                    no-bias                     output-bias
=====================================  ==========================  ======================
``b = 0``, ``p0 = 0`` (a form)          ``r + 2``                   ``r + 1``
``b = 0``, ``p0 != 0``                  ``r + 1``                   ``r + 1``
``b != 0`` not in ``col A``             ``r + 2``                   ``r + 2``
``b != 0`` in ``col A``                 ``r + [delta != 0]``        ``r``
=====================================  ==========================  ======================

with ``delta = p0 / sigma0 - beta sigma2 / sigma1^2``: the last no-bias entry is ``r + 1``
for every sigma, except ``r`` on the hypersurface ``sigma1^2 p0 = sigma0 sigma2 beta`` when
``p0`` and ``beta`` are both non-zero (it is ``r`` for every sigma when both are zero). For
``deg P = 1`` the width is 1, except 2 in the no-bias model with ``p0 = 0``.

*Lower bounds.* (i) ``m >= rank M``: a sum of ``m`` rank-one matrices. (ii) If ``row0 = 0`` then
``m >= rank M + 2``. The span ``S`` of the ``v_j`` contains ``range M``, which lies in the
hyperplane ``v_0 = 0`` (``e0^T M y = row0 . y = 0``) while no ``v_j`` does, so
``dim S >= rank M + 1``. Were the ``v_j`` independent, ``M y = 0`` would hold iff every
``v_j . y = 0`` (the ``w_j`` are non-zero), so ``rank M = m = dim S``: impossible. So they are
dependent and ``m >= dim S + 1 >= rank M + 2``. (iii) ``rank M`` by blocks: if ``b = A h``,
``M = E diag(delta, A / sigma2) E^T`` for the invertible ``E = [[1, (sigma2 / sigma1) h^T],
[0, I]]`` (multiply out), so ``rank M = r + [delta != 0]``. If ``b`` is not in ``col A``,
which for a symmetric ``A`` is the orthogonal complement of ``ker A``, there is ``k`` with
``A k = 0`` and ``b . k != 0``; then ``M (0, k) = (b . k / sigma1) e0``, so ``e0`` and hence
every ``(0, A y)`` lie in ``range M``, and so does ``M e0 = (c, b / sigma1)``, independent of
those as ``b`` is not in ``col A``: ``rank M >= r + 2``, and ``<= r + 2`` (the ``A`` block
bordered by one row and one column), for every ``c``. In the
output-bias model the bound is the least of these over ``c``: ``c = beta sigma2 / sigma1^2``
gives ``r`` (``row0 != 0`` as ``b != 0``), ``b = 0`` gives ``r + 1`` at any ``c != 0`` and
``r + 2`` at ``c = 0`` (``row0 = 0``). Both bounds hold over any field of characteristic 0,
so complex points and weights do not beat them, and they agree with the apolarity bound of
:mod:`symflat.width.lower` (a check the tests make).

*Constructions: rank M terms when row0 != 0* (:func:`decompose`). Take ``c1 = e0`` if
``M00 != 0``, else ``c1 = e0 + t e_i`` with ``M0i != 0`` and ``t in {1, 2}`` making
``N1 = c1^T M c1 = t (2 M0i + t Mii)`` non-zero. Complete it to a basis ``c1, f_2, ..., f_R``
of ``K^(n+1)`` modulo the radical of ``M``, orthogonal for ``M`` (``R = rank M``): Gram-Schmidt
on the projections ``e_k - (e_k^T M c1 / N1) c1`` with symmetric pivoting, that is an exact
``L D L^T`` over Q, taking ``u + u'`` as pivot when every remaining norm is 0 but
``u^T M u' != 0`` (characteristic 0). For any orthogonal basis ``c_j`` of a complement of the
radical, ``M = sum_j (M c_j)(M c_j)^T / (c_j^T M c_j)`` (both sides agree on every ``c_k`` and
vanish on the radical), and ``(M c_j)_0 = e0^T M c_j``. It remains to make these non-zero:
fold each ``f`` (norm ``F``, ``phi = e0^T M f``) into the current ``c`` (norm ``N``,
``alpha = e0^T M c != 0``) as ``c' = c + rho f`` and ``c'' = mu c + rho f``,
``mu = -rho^2 F / N``: ``c' . M c'' = mu N + rho^2 F = 0``, ``c'`` and ``c''`` stay orthogonal
to the other vectors, and the three conditions ``alpha + rho phi != 0``,
``rho (phi - rho F alpha / N) != 0``, ``N + rho^2 F != 0`` exclude at most four values of
``rho``, so one of ``rho = 1..5`` works. Every ``v_j = M c_j`` then has ``v_j0 != 0``: ``R``
neurons, matching (i).

*Constructions: a form without output bias* (``row0 = 0``): decompose
``M' = M + (g / sigma2) e0 e0^T`` (``g`` a non-zero rational: ``rank M' = r + 1``, ``row0 != 0``)
into ``r + 1`` terms and add the neuron ``a = 0`` with weight ``-g / sigma2``: ``r + 2``,
matching (ii). The points do not depend on sigma (every weight is a rational multiple of
``1 / sigma2``), and neither do they for a form with an output bias (``c = g / sigma2``), so
a quadratic form has a construction with fixed rational points in both models; the points are
scaled to integers (a common factor ``s`` on every point only divides the weights by ``s^2``).

*Which points depend on sigma.* With ``b != 0``, ``M = (1 / sigma2) D M1 D`` for
``D = diag(sigma2 / sigma1, 1, ..., 1)`` and ``M1 = [[p0 tau, b^T], [b, A]]``,
``tau = sigma1^2 / (sigma0 sigma2)`` (no-bias) or ``M1 = [[beta or 0, b^T], [b, A]]``
(output-bias): a decomposition of ``M1`` gives points ``(sigma1 / sigma2) a'_j`` and weights
``(sigma2 / sigma1^2) w'_j``. With ``b = 0``, ``p0 != 0`` and no bias,
``M = (1 / sigma2) diag(p0 sigma2 / sigma0, A)``. The decomposition runs over ``Q`` or over
the field ``Q(tau)`` (``Q(sigma2 / sigma0)``), so no square root is ever needed: **rational
points, or points that are rational functions of the sigma_k, always reach the width.** A
point that depends on sigma is necessary exactly when the width is below the width with
fixed points: with points independent of sigma each homogeneous part must be met alone (see
:mod:`symflat.width.constructions`), and the quadratic part alone is a form in the no-bias
model, ``r + 2`` neurons. So for ``x1^2 + x1`` with an output bias the width is ``1``
(``a = sigma1 / sigma2``) while fixed points need ``2``. A construction over ``Q(tau)`` is an
identity of rational functions: it holds for every sigma where no denominator vanishes; the
factors that must not vanish are reported with it (:attr:`FormulaConstruction.valid_unless`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import reduce
from math import gcd, lcm

import flint
import sympy

from symflat.exact.polynomial import Polynomial
from symflat.nets.activations import sigma_symbol
from symflat.width.closed_forms import Construction, FormulaConstruction
from symflat.width.model import WidthModel, as_model
from symflat.width.polynomials import WidthError, as_polynomial

__all__ = [
    "QuadraticParts",
    "QuadraticWidth",
    "quadratic_parts",
    "quadratic_width",
    "decompose",
    "quadratic_construction",
]

Field = object  # a sympy domain: QQ, or QQ.frac_field(t)


@dataclass(frozen=True)
class QuadraticParts:
    """``P = constant + linear . x + x^T matrix x`` with a symmetric rational ``matrix``.

    Examples
    --------
    >>> q = quadratic_parts(Polynomial(("x1", "x2"), {(1, 1): Fraction(1), (1, 0): Fraction(2)}))
    >>> [[str(v) for v in row] for row in q.matrix], [str(v) for v in q.linear]
    ([['0', '1/2'], ['1/2', '0']], ['2', '0'])
    >>> q.rank, q.in_column_space, q.beta
    (2, True, Fraction(0, 1))
    """

    constant: Fraction
    linear: tuple[Fraction, ...]
    matrix: tuple[tuple[Fraction, ...], ...]

    @property
    def rank(self) -> int:
        return _fmpq_mat(self.matrix).rank() if self.matrix else 0

    @property
    def in_column_space(self) -> bool:
        """Whether ``linear = A h`` for some ``h``."""
        return self._solution() is not None

    @property
    def beta(self) -> Fraction | None:
        """``b^T h`` with ``A h = b`` (``None`` if ``b`` is not in the column space of ``A``)."""
        h = self._solution()
        return None if h is None else sum((bi * hi for bi, hi in zip(self.linear, h,
                                                                      strict=True)), Fraction(0))

    def _solution(self) -> list[Fraction] | None:
        n = len(self.linear)
        aug = [list(row) + [self.linear[i]] for i, row in enumerate(self.matrix)]
        reduced, rank = _fmpq_mat(aug).rref()
        h = [Fraction(0)] * n
        for row in reduced.tolist()[:rank]:
            pivot = next(j for j, v in enumerate(row) if v != 0)
            if pivot == n:
                return None
            h[pivot] = Fraction(int(row[n].p), int(row[n].q))
        return h


def _fmpq_mat(rows) -> flint.fmpq_mat:
    return flint.fmpq_mat([[flint.fmpq(v.numerator, v.denominator) for v in row] for row in rows])


def quadratic_parts(poly: object) -> QuadraticParts:
    """Split a polynomial of degree at most 2 into constant, linear vector and matrix."""
    data = as_polynomial(poly)
    if data.degree > 2:
        raise WidthError(f"degree {data.degree}: not a quadratic polynomial")
    n = data.nvars
    linear = [Fraction(0)] * n
    matrix = [[Fraction(0)] * n for _ in range(n)]
    constant = Fraction(0)
    for e, c in data.terms.items():
        ones = [i for i, k in enumerate(e) for _ in range(k)]
        if not ones:
            constant = c
        elif len(ones) == 1:
            linear[ones[0]] = c
        elif ones[0] == ones[1]:
            matrix[ones[0]][ones[0]] = c
        else:
            matrix[ones[0]][ones[1]] = matrix[ones[1]][ones[0]] = c / 2
    return QuadraticParts(constant, tuple(linear), tuple(tuple(row) for row in matrix))


@dataclass(frozen=True)
class QuadraticWidth:
    """The minimal width of the theorem in the module docstring.

    ``value`` holds for every sigma with non-zero ``sigma_k`` except on ``exception`` (an
    equation in the sigma_k, where the width is ``value - 1``), when that is not ``None``.
    """

    value: int
    case: str
    exception: str | None = None


def quadratic_width(poly: object, model: object = "no-bias") -> QuadraticWidth:
    """The minimal hidden width of a polynomial of degree 1 or 2 (theorem of the module).

    Examples
    --------
    >>> import sympy
    >>> x = sympy.symbols("x1:7")
    >>> chain = sympy.Poly(sum(x[i] * x[i + 1] for i in range(5)), *x)
    >>> quadratic_width(chain).value, quadratic_width(chain, "output-bias").value
    (8, 7)
    >>> quadratic_width(sympy.Poly(x[0]**2 + x[0], x[0]), "output-bias").value
    1
    """
    data = as_polynomial(poly)
    model = as_model(model)
    q = quadratic_parts(data)
    has_b = any(q.linear)
    if data.degree == 1:
        if not model.output_bias and q.constant == 0:
            return QuadraticWidth(2, "linear, no constant")
        return QuadraticWidth(1, "linear")
    r = q.rank
    if not has_b:
        if not model.output_bias and q.constant == 0:
            return QuadraticWidth(r + 2, "quadratic form")
        return QuadraticWidth(r + 1, "quadratic form plus a constant")
    beta = q.beta
    if beta is None:
        return QuadraticWidth(r + 2, "linear part outside the column space of A")
    if model.output_bias:
        return QuadraticWidth(r, "linear part in the column space of A")
    if q.constant == 0 and beta == 0:
        return QuadraticWidth(r, "linear part in the column space, b^T A^+ b = 0, no constant")
    exception = None
    if q.constant != 0 and beta != 0:
        exception = f"sigma1^2 * ({q.constant}) = sigma0 * sigma2 * ({beta})"
    return QuadraticWidth(r + 1, "linear part in the column space of A", exception)


# ------------------------------------------------------------------------ decomposition


def decompose(matrix: list[list], field: Field) -> list[tuple[list, object]]:
    """``M = sum_j w_j v_j v_j^T`` with ``rank M`` terms and every ``v_j[0] != 0``.

    ``matrix`` is symmetric with entries in ``field`` (a sympy domain) and a non-zero first
    row; returns the pairs ``(v_j, w_j)``. See the module docstring for the proof.

    Examples
    --------
    >>> K = sympy.QQ
    >>> m = [[K(0), K(1)], [K(1), K(0)]]
    >>> terms = decompose(m, K)
    >>> len(terms), all(v[0] != 0 for v, _ in terms)
    (2, True)
    >>> [[sum(w * v[i] * v[k] for v, w in terms) for k in range(2)] for i in range(2)] == m
    True
    """
    size = len(matrix)
    zero, one = field.zero, field.one
    if not any(matrix[0]):
        raise WidthError("the first row of M is zero: no decomposition with v_0 != 0")

    def apply(c: list) -> list:
        return [reduce(lambda s, k: s + matrix[i][k] * c[k] if c[k] else s, range(size), zero)
                for i in range(size)]

    def dot(u: list, v: list) -> object:
        return reduce(lambda s, k: s + u[k] * v[k] if u[k] else s, range(size), zero)

    def unit(i: int) -> list:
        return [one if k == i else zero for k in range(size)]

    c = unit(0)
    if not matrix[0][0]:
        i = next(k for k in range(size) if matrix[0][k])
        t = next(t for t in (1, 2) if t * (2 * matrix[0][i] + t * matrix[i][i]))
        c = [c[k] + t * unit(i)[k] for k in range(size)]
    mc = apply(c)
    norm = dot(c, mc)
    basis = _orthogonal_complement(
        [[unit(k)[j] - mc[k] / norm * c[j] for j in range(size)] for k in range(size)],
        apply, dot)
    terms = []
    for f, mf, f_norm in basis:
        alpha, phi = mc[0], mf[0]
        rho = next(rho for rho in range(1, 6)
                   if alpha + rho * phi and phi - rho * f_norm * alpha / norm
                   and norm + rho * rho * f_norm)
        mu = -rho * rho * f_norm / norm
        split = [mu * c[k] + rho * f[k] for k in range(size)]
        terms.append((split, mu * mu * norm + rho * rho * f_norm))
        c = [c[k] + rho * f[k] for k in range(size)]
        mc = [mc[k] + rho * mf[k] for k in range(size)]
        norm = norm + rho * rho * f_norm
    terms.append((c, norm))
    return [(apply(cj), one / nj) for cj, nj in terms]


def _orthogonal_complement(vectors: list[list], apply: Callable, dot: Callable
                           ) -> list[tuple[list, list, object]]:
    """An orthogonal basis (vector, M vector, norm) of the span modulo the radical: symmetric
    Gram-Schmidt with pivoting (an exact L D L^T)."""
    pending = [(v, apply(v)) for v in vectors]
    out = []
    while pending:
        norms = [dot(v, mv) for v, mv in pending]
        k = next((k for k, nv in enumerate(norms) if nv), None)
        if k is not None:
            f, mf = pending.pop(k)
            f_norm = norms[k]
        else:
            pair = next(((i, j) for i in range(len(pending)) for j in range(i + 1, len(pending))
                         if dot(pending[i][0], pending[j][1])), None)
            if pair is None:
                break  # what is left lies in the radical
            (u, mu), (v, mv) = pending[pair[0]], pending[pair[1]]
            pending.pop(pair[0])
            f = [a + b for a, b in zip(u, v, strict=True)]
            mf = [a + b for a, b in zip(mu, mv, strict=True)]
            f_norm = dot(f, mf)
        out.append((f, mf, f_norm))
        pending = [(_minus(v, dot(v, mf) / f_norm, f), _minus(mv, dot(v, mf) / f_norm, mf))
                   for v, mv in pending]
    return out


def _minus(v: list, s: object, f: list) -> list:
    return [a - s * b for a, b in zip(v, f, strict=True)] if s else v


# ------------------------------------------------------------------------- constructions


def quadratic_construction(poly: object, model: object = "no-bias"
                           ) -> Construction | FormulaConstruction:
    """A construction with exactly :func:`quadratic_width` neurons (module docstring).

    A quadratic form gives a :class:`Construction` (fixed integer points, weights rational
    multiples of ``1/sigma2``); otherwise the points may depend on sigma and a
    :class:`FormulaConstruction` is returned.

    Examples
    --------
    >>> import sympy
    >>> x1, x2 = sympy.symbols("x1 x2")
    >>> quadratic_construction(sympy.Poly(x1 * x2, x1, x2)).width
    4
    >>> c = quadratic_construction(sympy.Poly(x1**2 + x1, x1), "output-bias")
    >>> c.points, c.weights(), c.kind
    (((sigma1/sigma2,),), (sigma2/sigma1**2,), 'sigma-dependent')
    """
    data = as_polynomial(poly)
    model = as_model(model)
    q = quadratic_parts(data)
    if data.degree == 1:
        return _linear(data, q, model)
    if not any(q.linear) and (model.output_bias or q.constant == 0):
        return _form(data, q, model)
    return _sigma_dependent(data, q, model)


def _rows(q: QuadraticParts, corner: object, field: Field) -> list[list]:
    n = len(q.linear)
    conv = field.convert if field is sympy.QQ else (lambda v: field.from_sympy(sympy.sympify(v)))
    top = [corner] + [conv(_rational(v)) for v in q.linear]
    return [top] + [[top[i + 1]] + [conv(_rational(v)) for v in q.matrix[i]] for i in range(n)]


def _rational(v: Fraction) -> sympy.Rational:
    return sympy.Rational(v.numerator, v.denominator)


def _form(data: Polynomial, q: QuadraticParts, model: WidthModel) -> Construction:
    """Fixed integer points for ``x^T A x`` (+ a constant with an output bias)."""
    field = sympy.QQ
    terms = decompose(_rows(q, field.one, field), field)
    points = [[_frac(y) / _frac(v[0]) for y in v[1:]] for v, _ in terms]
    weights = [_frac(w) * _frac(v[0]) ** 2 for v, w in terms]
    if not model.output_bias:
        points.append([Fraction(0)] * data.nvars)
        weights.append(-sum(weights, Fraction(0)))
    scale = _integer_scale([x for a in points for x in a])
    points = [tuple(x * scale for x in a) for a in points]
    weights = [w / scale**2 for w in weights]
    return Construction(tuple(points), {2: tuple(weights)}, model,
                        data.terms.get((0,) * data.nvars, Fraction(0)) if model.output_bias
                        else Fraction(0), "quadratic form: L D L^T and orthogonal folding")


def _frac(v: object) -> Fraction:
    return Fraction(int(v.p), int(v.q))


def _integer_scale(values: list[Fraction]) -> Fraction:
    """The factor ``s`` making every value an integer with no common divisor."""
    den = reduce(lcm, (v.denominator for v in values), 1)
    num = reduce(gcd, (int(v * den) for v in values), 0)
    return Fraction(den, num or 1)


def _linear(data: Polynomial, q: QuadraticParts, model: WidthModel
            ) -> Construction | FormulaConstruction:
    b = q.linear
    s0, s1 = sigma_symbol(0), sigma_symbol(1)
    if model.output_bias:
        return Construction((b,), {1: (Fraction(1),)}, model, q.constant, "linear: a = b")
    if q.constant == 0:
        return Construction((b, tuple(-v for v in b)), {1: (Fraction(1, 2), Fraction(-1, 2))},
                            model, Fraction(0), "linear: a = b, -b")
    p0 = _rational(q.constant)
    point = tuple(_rational(v) * s0 / (s1 * p0) for v in b)
    return FormulaConstruction((point,), (p0 / s0,), sympy.Integer(0), model,
                               "linear plus a constant: a = sigma0 b / (sigma1 p0)")


def _sigma_dependent(data: Polynomial, q: QuadraticParts, model: WidthModel) -> FormulaConstruction:
    s0, s1, s2 = (sigma_symbol(k) for k in range(3))
    t = sympy.Symbol("t")
    if any(q.linear):
        # M = (1/sigma2) D M1 D, D = diag(sigma2/sigma1, 1, ..): points (sigma1/sigma2) a'
        point_scale, weight_scale = s1 / s2, s2 / s1**2
        if model.output_bias:
            beta = q.beta
            corner, value = _rational(beta if beta is not None else Fraction(0)), None
        else:
            corner, value = _rational(q.constant) * t, s1**2 / (s0 * s2)
    else:  # no bias, p0 != 0: M = (1/sigma2) diag(p0 sigma2/sigma0, A)
        point_scale, weight_scale = sympy.Integer(1), 1 / s2
        corner, value = _rational(q.constant) * t, s2 / s0
    field = sympy.QQ if corner.is_Rational else sympy.QQ.frac_field(t)
    terms = decompose(_rows(q, field.from_sympy(corner), field), field)
    points, weights = [], []
    for v, w in terms:
        head = field.to_sympy(v[0])
        point = [field.to_sympy(y) / head * point_scale for y in v[1:]]
        weight = field.to_sympy(w) * head**2 * weight_scale
        if value is not None:
            point = [x.subs(t, value) for x in point]
            weight = weight.subs(t, value)
        points.append(tuple(sympy.factor(sympy.cancel(x)) for x in point))
        weights.append(sympy.factor(sympy.cancel(weight)))
    bias = sympy.Integer(0)
    if model.output_bias:
        bias = sympy.factor(sympy.cancel(_rational(q.constant) - s0 * sympy.Add(*weights)))
    return FormulaConstruction(tuple(points), tuple(weights), bias, model,
                               "quadratic: L D L^T over Q(sigma) and orthogonal folding")
