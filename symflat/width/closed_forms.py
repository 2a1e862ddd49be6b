r"""Explicit shallow networks with exact rational points: the closed forms, the always-
available sum of finite differences, and constructions whose points depend on sigma.

A construction is a list of points ``a_j`` (exact rationals) and, for every homogeneous part
``P_k`` of the polynomial, weights ``w_j^(k)`` (exact rationals) with

    sum_j w_j^(k) (a_j . x)^l = [l = k] P_k      for every l in the model's degrees

(``0..d`` without output bias, ``1..d`` with it). The network weights are then
``w_j = sum_k w_j^(k) / sigma_k``: rational functions of the symbols ``sigma_k``, valid for
**every** activation with the needed ``sigma_k`` non-zero, and in the output-bias model the
output bias is ``P_0 - sigma_0 sum_j w_j``. Solving degree by degree is also necessary for a
construction that is to work for every sigma with fixed points: the set of ``(1/sigma_k)``
for which the linear system in ``w`` is solvable is a linear space, so it is everything only if
each part can be met alone.

Closed forms (proved here)
--------------------------
*Sign vectors (Eq. 32).* For ``x1...xn``: points ``s in {+1,-1}^n``, ``w_s = prod s_i /
(2^n n! sigma_n)``; this is the finite difference below in the variables ``(1 + s_i)/2``.

*Mixed finite differences.* For ``x^r`` (``d = |r|``), the grid ``j in prod {0..r_i}`` with
``w_j = prod_i (-1)^(r_i - j_i) binom(r_i, j_i) / (d! sigma_d)``. Indeed
``(j.x)^l = sum_{|alpha|=l} l!/alpha! j^alpha x^alpha`` and
``sum_j prod_i (-1)^(r_i-j_i) binom(r_i,j_i) j_i^(alpha_i) = prod_i Delta^(r_i)[u^(alpha_i)](0)
= prod_i r_i! S(alpha_i, r_i)`` (Stirling numbers of the second kind), which vanishes unless
``alpha_i >= r_i`` for all ``i``; for ``l <= d`` that forces ``alpha = r`` and ``l = d``, giving
``d!/r! * r! x^r = d! x^r``. The point ``j = 0`` only feeds the constant term, so the output
bias replaces it: ``prod(r_i + 1) - 1`` neurons in that model.

*Points that depend on sigma.* A :class:`FormulaConstruction` holds points and weights that are
exact sympy expressions in the ``sigma_k`` (rational functions, or real algebraic numbers): the
paper builds its networks for a given activation, so this is allowed; each such construction is
an identity of rational functions in the sigma_k and holds wherever none of its denominators
vanishes (:attr:`FormulaConstruction.valid_unless`). See :mod:`symflat.width.quadratic`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from math import comb, factorial, prod

import flint
import numpy as np
import sympy

from symflat.exact.polynomial import Polynomial
from symflat.nets.activations import is_sigma_symbol, sigma_symbol
from symflat.width.model import WidthModel, as_model
from symflat.width.polynomials import monomials

__all__ = [
    "WeightSystem",
    "int_columns",
    "Construction",
    "FormulaConstruction",
    "finite_differences",
    "monomial_sum",
    "sign_vectors",
    "parity_half",
    "check_construction",
    "relevant_parts",
    "torus_transfer",
]

#: Key of the one weight vector of a joint system (see :class:`WeightSystem`).
JOINT = -1


def _q(value: Fraction) -> sympy.Rational:
    return sympy.Rational(value.numerator, value.denominator)


class _Shallow:
    """What every construction offers: its network and the common part of its description."""

    def network(self, name: str = "width"):
        """The network ``output_bias + sum_j w_j sigma(b + a_j . x)`` (inputs x1..xn), ``b``
        the model's point (0 without hidden biases); for a named activation its neurons carry
        it and the weights are numbers (:meth:`concrete`)."""
        from symflat.paper.networks import shallow_network

        generic = self.model.generic
        return shallow_network([list(self.concrete(a)) for a in self.sympy_points()],
                               list(self.concrete(self.weights())),
                               output_bias=self.concrete([self.output_bias()])[0],
                               shift=self.model.point, name=name,
                               activation="sigma" if generic else self.model.activation)

    def concrete(self, values: object) -> tuple[sympy.Expr, ...]:
        """``values`` with every ``sigma_k`` replaced by the model's activation's exact
        coefficient at its point (unchanged for the generic activation)."""
        values = tuple(sympy.sympify(v) for v in values)
        if self.model.generic:
            return values
        symbols = {s for v in values for s in v.free_symbols if is_sigma_symbol(s)}
        if not symbols:
            return values
        order = max(int(s.name[len("sigma"):]) for s in symbols)
        taylor = self.model.taylor(order)
        bind = {sigma_symbol(k): c for k, c in enumerate(taylor.coefficients)}
        return tuple(sympy.factor(sympy.cancel(v.xreplace(bind))) for v in values)

    def _common_dict(self) -> dict[str, object]:
        return {
            "method": self.method,
            "kind": self.kind,
            "model": self.model.to_dict(),
            "points": [[str(v) for v in self.concrete(a)] for a in self.points],
            "weights": [str(w) for w in self.concrete(self.weights())],
            "output_bias": str(self.concrete([self.output_bias()])[0]),
        }


@dataclass(frozen=True)
class Construction(_Shallow):
    """Points ``a_j`` and per-degree weights ``w_j^(k)`` (see the module docstring).

    Examples
    --------
    >>> c = sign_vectors(2)
    >>> c.width, c.weights()[0]
    (4, 1/(8*sigma2))
    """

    points: tuple[tuple[Fraction, ...], ...]
    part_weights: dict[int, tuple[Fraction, ...]]
    model: WidthModel
    constant: Fraction = Fraction(0)
    method: str = ""

    @property
    def width(self) -> int:
        return len(self.points)

    def weights(self) -> tuple[sympy.Expr, ...]:
        """``w_j = sum_k w_j^(k) / sigma_k`` as sympy expressions in ``sigma0, sigma1, ...``."""
        return tuple(
            sympy.Add(*(_q(ws[j]) / sigma_symbol(k) for k, ws in sorted(self.part_weights.items())))
            for j in range(self.width)
        )

    def output_bias(self) -> sympy.Expr:
        """``0`` without output bias; ``P_0 - sigma_0 sum_j w_j`` with it."""
        if not self.model.output_bias:
            return sympy.Integer(0)
        total = sympy.Add(*self.weights())
        return sympy.expand(_q(self.constant) - sigma_symbol(0) * total)

    @property
    def kind(self) -> str:
        """``"rational"``: fixed rational points, valid for every sigma with sigma_k != 0."""
        return "rational"

    def sympy_points(self) -> tuple[tuple[sympy.Expr, ...], ...]:
        return tuple(tuple(_q(v) for v in a) for a in self.points)

    def to_dict(self) -> dict[str, object]:
        return {
            **self._common_dict(),
            "weights_per_degree": {
                str(k): [str(v) for v in ws] for k, ws in sorted(self.part_weights.items())
            },
        }


@dataclass(frozen=True)
class FormulaConstruction(_Shallow):
    """Points and weights that are exact expressions in the ``sigma_k`` (module docstring).

    ``kind`` is ``"sigma-dependent"`` when a point involves a ``sigma_k`` and ``"algebraic"``
    when a point is an irrational (real algebraic) number; :attr:`valid_unless` lists the
    factors of the denominators, in the sigma_k, that must not vanish, and ``requires`` any
    further condition on sigma (a radicand that must be positive for real points).

    Examples
    --------
    >>> s0, s1, s2 = (sigma_symbol(k) for k in range(3))
    >>> c = FormulaConstruction(((s1 / s2,),), (s2 / s1**2,), -s0 * s2 / s1**2,
    ...                         WidthModel(output_bias=True))
    >>> c.width, c.kind, c.valid_unless
    (1, 'sigma-dependent', ())
    """

    points: tuple[tuple[sympy.Expr, ...], ...]
    weight_exprs: tuple[sympy.Expr, ...]
    bias: sympy.Expr
    model: WidthModel
    method: str = ""
    requires: tuple[str, ...] = ()

    @property
    def width(self) -> int:
        return len(self.points)

    @property
    def kind(self) -> str:
        """``"rational"`` or ``"algebraic"`` (fixed points), ``"sigma-dependent"`` (rational
        functions of the sigma_k) or ``"sigma-algebraic"`` (radicals of them)."""
        values = [v for a in self.points for v in self.concrete(a)]
        if any(v.free_symbols for v in values):
            radical = any(isinstance(e, sympy.Pow) and not e.exp.is_Integer
                          for v in values for e in sympy.preorder_traversal(v))
            return "sigma-algebraic" if radical else "sigma-dependent"
        return "rational" if all(v.is_Rational for v in values) else "algebraic"

    @property
    def valid_unless(self) -> tuple[str, ...]:
        """Non-monomial factors of the denominators: the construction holds for every sigma
        with non-zero sigma_k at which none of them vanishes."""
        factors: set[sympy.Expr] = set()
        for value in [v for a in self.points for v in a] + [*self.weight_exprs, self.bias]:
            _, den = sympy.fraction(sympy.together(sympy.sympify(value)))
            for factor, _ in sympy.factor_list(den)[1]:
                if not factor.is_Symbol and len(sympy.Add.make_args(factor)) > 1:
                    factors.add(factor)
        return tuple(sorted(f"{f} != 0" for f in factors))

    def weights(self) -> tuple[sympy.Expr, ...]:
        return self.weight_exprs

    def output_bias(self) -> sympy.Expr:
        return self.bias

    def sympy_points(self) -> tuple[tuple[sympy.Expr, ...], ...]:
        return self.points

    def to_dict(self) -> dict[str, object]:
        return {
            **self._common_dict(),
            "valid_unless": list(self.valid_unless),
            "requires": list(self.requires),
        }


# ------------------------------------------------------------------------ closed forms


def sign_vectors(n: int, coefficient: Fraction = Fraction(1),
                 model: WidthModel | None = None) -> Construction:
    """Eq. 32: ``coefficient * x1...xn`` with ``2^n`` neurons at the sign vectors (no bias).

    Examples
    --------
    >>> sign_vectors(3).width
    8
    """
    points = tuple(tuple(Fraction(s) for s in signs) for signs in product((1, -1), repeat=n))
    scale = coefficient / (2**n * factorial(n))
    weights = tuple(scale * prod(a) for a in points)
    return Construction(points, {n: weights}, model or WidthModel(), Fraction(0),
                        "sign vectors (Eq. 32)")


def parity_half(n: int, coefficient: Fraction, model: WidthModel) -> Construction | None:
    """``coefficient * x1...xn`` with the ``2^(n-1)`` sign vectors ``s1...sn = 1``, when the
    model constrains no even degree ``1 <= k < n`` and ``n`` is odd (an odd activation).

    *Proof.* For ``n`` odd, ``s -> -s`` maps ``{prod s = -1}`` onto ``{prod s = 1}``, so
    ``sum_{prod s = 1} (s.x)^l = (1/2) sum_s (1 + prod s)(s.x)^l``. The first half vanishes for
    odd ``l`` (``s -> -s``), the second for ``l < n`` and is ``2^n n! x1...xn`` at ``l = n``
    (Eq. 32). If the degree 0 is constrained too (``sigma_0 != 0``, no output bias: the
    logistic sigmoid), the pairs ``(s, w)`` and ``(-s, -w)`` give the same odd parts, so half of
    the points are reflected to make ``sum_j w_j = 0`` (``n >= 3``).

    Examples
    --------
    >>> parity_half(3, Fraction(1), WidthModel(activation="tanh")).width
    4
    """
    degrees = model.degrees(n)
    if n % 2 == 0 or any(k % 2 == 0 and k > 0 for k in degrees) or (0 in degrees and n < 3):
        return None
    points = [tuple(Fraction(s) for s in signs) for signs in product((1, -1), repeat=n)
              if prod(signs) == 1]
    w = coefficient / (2 ** (n - 1) * factorial(n))
    weights = [w] * len(points)
    if 0 in degrees:
        half = len(points) // 2
        points[:half] = [tuple(-v for v in a) for a in points[:half]]
        weights[:half] = [-w] * half
    return Construction(tuple(points), {n: tuple(weights)}, model, Fraction(0),
                        "sign vectors with s1...sn = 1 (odd activation)")


def finite_differences(
    r: tuple[int, ...], coefficient: Fraction = Fraction(1), model: object = "no-bias"
) -> Construction:
    """``coefficient * x^r`` by the mixed finite difference on the grid ``prod {0..r_i}``.

    Examples
    --------
    >>> finite_differences((2, 1)).width, finite_differences((2, 1), model="output-bias").width
    (6, 5)
    """
    model = as_model(model)
    d = sum(r)
    points, weights = [], []
    for j in product(*(range(ri + 1) for ri in r)):
        if 0 not in model.degrees(d) and not any(j):  # the corner only feeds the constant
            continue
        sign = (-1) ** (d - sum(j))
        points.append(tuple(Fraction(v) for v in j))
        weights.append(coefficient * sign * prod(comb(ri, ji) for ri, ji in zip(r, j, strict=True))
                       / factorial(d))
    return Construction(tuple(points), {d: tuple(weights)}, model, Fraction(0),
                        "mixed finite differences")


def monomial_sum(data: Polynomial, model: object = "no-bias") -> Construction:
    """A construction that always exists and costs nothing to build: one per term, merged.

    For a term ``c x^r`` of degree ``k`` the finite difference ``F`` on ``prod {0..r_i}``
    meets ``[l = k] c x^r`` for every ``l <= k`` but not above; scaling its points by
    ``t = 1..D+1`` (``D = d - k``) with the factors ``e_t / t^k``, ``e_t = prod_{s != t}
    s / (s - t)`` (so ``sum_t e_t t^m = [m = 0]`` for ``m <= D``: Lagrange at 0) multiplies
    degree ``l`` by ``sum_t e_t t^(l-k) = [l = k]`` and kills the degrees ``k < l <= d``. A
    constant term is the point 0 (no bias only). Shared points are merged; the search starts
    below this.

    Examples
    --------
    >>> p = Polynomial(("x1", "x2"), {(2, 0): Fraction(1), (0, 1): Fraction(1)})
    >>> c = monomial_sum(p)
    >>> c.width, check_construction(p, c)
    (5, True)
    """
    model = as_model(model)
    d = data.degree
    index: dict[tuple[Fraction, ...], int] = {}
    points: list[tuple[Fraction, ...]] = []
    weights: dict[int, dict[int, Fraction]] = {}

    def add(a: tuple[Fraction, ...], k: int, w: Fraction) -> None:
        j = index.setdefault(a, len(points))
        if j == len(points):
            points.append(a)
        weights.setdefault(k, {})[j] = weights.get(k, {}).get(j, Fraction(0)) + w

    for r, c in sorted(data.terms.items()):
        k = sum(r)
        if k == 0:
            if not model.output_bias:
                add(tuple(Fraction(0) for _ in r), 0, c)
            continue
        part = finite_differences(r, c, model)
        scales = range(1, d - k + 2)
        for t in scales:
            e_t = prod((Fraction(s, s - t) for s in scales if s != t), start=Fraction(1))
            for a, w in zip(part.points, part.part_weights[k], strict=True):
                add(tuple(t * v for v in a), k, e_t * w / t**k)
    part_weights = {k: tuple(ws.get(j, Fraction(0)) for j in range(len(points)))
                    for k, ws in weights.items()}
    constant = data.terms.get((0,) * data.nvars, Fraction(0))
    return Construction(tuple(points), part_weights, model,
                        constant if model.output_bias else Fraction(0),
                        "sum of finite differences")


# ----------------------------------------------------------------------- linear algebra


def int_columns(rows: list[tuple[int, ...]], coef: dict[tuple[int, ...], int],
                 points: list[tuple[int, ...]], nvars: int, degree: int) -> np.ndarray:
    """Exact columns of integer points: entry ``(m, j)`` is ``coef[m] * a_j^m`` (rows x points).

    ``|entry| <= |a_j|_1^|m|``, so int64 is used when that fits and Python integers
    (``dtype=object``) otherwise: the values are exact either way.
    """
    pts = np.array(points, dtype=np.int64).reshape(len(points), nvars)
    norm = int(np.abs(pts).sum(axis=1).max()) if len(points) else 0
    dtype: object = np.int64 if max(norm, 1) ** degree < 2**62 else object
    pts = pts.astype(dtype)
    powers = [[pts[:, i] ** e for e in range(degree + 1)] for i in range(nvars)]
    out = np.empty((len(rows), len(points)), dtype=dtype)
    for r, m in enumerate(rows):
        v = np.full(len(points), coef[m], dtype=dtype)
        for i, e in enumerate(m):
            if e:
                v = v * powers[i][e]
        out[r] = v
    return out


class WeightSystem:
    """The exact linear system for the weights of given points: rows are the monomials of the
    model's degrees; a column per point and per target part, or (``joint``) one target
    column, ``P`` itself: one weight vector for every degree at once."""

    def __init__(self, data: Polynomial, model: WidthModel, joint: bool = False,
                 sign: int = 1):
        self.data, self.model = data, model
        self.d = data.degree
        self.rows: list[tuple[int, ...]] = []
        for deg in model.degrees(self.d):
            self.rows.extend(monomials(data.nvars, deg))
        self.row_index = {m: i for i, m in enumerate(self.rows)}
        self._columns: dict[tuple[Fraction, ...], list[Fraction]] = {}
        self.coef = {m: factorial(sum(m)) // prod(factorial(e) for e in m) for m in self.rows}
        parts = data.parts()
        self.targets = sorted(k for k in parts if k in model.degrees(self.d))
        self.target_cols = []
        for k in self.targets:
            col = [Fraction(0)] * len(self.rows)
            for e, c in parts[k].items():
                col[self.row_index[e]] = c
            self.target_cols.append(col)
        if joint:  # the parts at sigma_k1 = 1, sigma_k2 = sign (see torus_transfer)
            signs = [1] * (len(self.targets) - 1) + [sign]
            self.targets = [JOINT]
            self.target_cols = [[sum((s * v for s, v in zip(signs, row, strict=True)),
                                     Fraction(0))
                                 for row in zip(*self.target_cols, strict=True)]]

    def column(self, a: tuple[Fraction, ...]) -> list[Fraction]:
        cached = self._columns.get(a)
        if cached is None:
            cached = [self.coef[m] * prod(Fraction(ai) ** e for ai, e in zip(a, m, strict=True))
                      for m in self.rows]
            self._columns[a] = cached
        return cached

    def columns(self, points: list) -> list[list]:
        """Exact columns; integer points go through the fast integer path."""
        if all(Fraction(v).denominator == 1 for a in points for v in a):
            ints = [tuple(int(v) for v in a) for a in points]
            table = int_columns(self.rows, self.coef, ints, self.data.nvars, self.d)
            return [[int(v) for v in col] for col in table.T.tolist()]
        return [self.column(a) for a in points]

    def solve(
        self, points: list[tuple]
    ) -> tuple[list[int], dict[int, list[Fraction]]] | None:
        """Greedy basis in the given order and the targets' coordinates, exactly (RREF over Q);
        ``None`` if the targets are outside the span. Returns (support indices, {k: weights
        over the support})."""
        cols = self.columns(points)
        ncols = len(cols) + len(self.target_cols)
        nrows = len(self.rows)
        flat: list[object] = []
        for i in range(nrows):
            flat.extend(c[i] if isinstance(c[i], int) else flint.fmpq(c[i].numerator,
                                                                      c[i].denominator)
                        for c in cols)
            flat.extend(flint.fmpq(c[i].numerator, c[i].denominator) for c in self.target_cols)
        m = flint.fmpq_mat(nrows, ncols, flat)
        r, rank = m.rref()
        rows = r.tolist()[:rank]
        pivots = [next(j for j, v in enumerate(row) if v != 0) for row in rows]
        if any(p >= len(cols) for p in pivots):
            return None
        support = []
        coords: dict[int, list[Fraction]] = {k: [] for k in self.targets}
        for row, p in zip(rows, pivots, strict=True):
            vals = [row[len(cols) + t] for t in range(len(self.targets))]
            if any(v != 0 for v in vals):
                support.append(p)
                for k, v in zip(self.targets, vals, strict=True):
                    coords[k].append(Fraction(int(v.p), int(v.q)))
        return support, coords


def relevant_parts(data: Polynomial, model: WidthModel) -> list[int]:
    """The degrees ``k`` of the model with ``P_k != 0``."""
    return sorted(k for k in data.parts() if k in model.degrees(data.degree))


def torus_transfer(data: Polynomial, model: object, points: list[tuple[int, ...]],
                   weights: list[Fraction], method: str, sign: int = 1) -> FormulaConstruction:
    """A construction for every sigma from a *joint* one at ``sigma_k = 1``.

    If ``sum_j w_j (a_j . x)^k = P_k / s_k`` for every degree ``k`` of the model, with
    ``s_k1 = 1`` and ``s_k2 = sign`` (a joint solution at ``sigma_k1 = 1, sigma_k2 = sign``), and
    at most two parts ``k1 < k2`` are non-zero, the points ``mu a_j`` with weights
    ``kappa w_j``, ``mu^(k2-k1) = sign sigma_k1 / sigma_k2`` and
    ``kappa = 1 / (sigma_k1 mu^k1)``, give ``kappa mu^k sigma_k P_k / s_k``: ``P_k`` for
    ``k = k1, k2`` and ``0 = P_k`` otherwise. Over the reals ``sign`` is the sign of
    ``sigma_k1 sigma_k2`` (then the ratio is positive): for a named activation it is known, for
    the generic one each sign is a case. ``mu`` is
    rational in the sigma_k when ``k2 - k1 = 1``, and otherwise the positive root, real when
    ``sigma_k1 / sigma_k2 > 0``: a condition reported in :attr:`FormulaConstruction.requires`
    (for an odd ``k2 - k1`` and a negative ratio the real root would do as well; for an even one
    a negative ratio leaves only complex points, which the lower bound also covers).

    Examples
    --------
    >>> p = Polynomial(("x1",), {(3,): Fraction(1), (2,): Fraction(1)})
    >>> c = torus_transfer(p, WidthModel(output_bias=True), [(1,)], [Fraction(1)], "")
    >>> c.points, c.weights()
    (((sigma2/sigma3,),), (sigma3**2/sigma2**3,))
    """
    model = as_model(model)
    parts = relevant_parts(data, model)
    if len(parts) > 2:
        raise ValueError("the torus transfer needs at most two parts")
    k1, k2 = parts[0], parts[-1]
    requires: tuple[str, ...] = ()
    if k1 == k2:
        mu = sympy.Integer(1)
    elif k2 - k1 == 1:
        mu = sign * sigma_symbol(k1) / sigma_symbol(k2)
    else:  # the positive root: real exactly when the ratio is positive
        ratio = sign * sigma_symbol(k1) / sigma_symbol(k2)
        mu = ratio ** sympy.Rational(1, k2 - k1)
        requires = (f"{ratio} > 0",)
    kappa = 1 / (sigma_symbol(k1) * mu**k1)
    scaled = tuple(tuple(sympy.simplify(mu * v) for v in a) for a in points)
    ws = tuple(sympy.simplify(kappa * _q(w)) for w in weights)
    bias = sympy.Integer(0)
    if model.output_bias:
        constant = data.terms.get((0,) * data.nvars, Fraction(0))
        bias = sympy.simplify(_q(constant) - sigma_symbol(0) * sympy.Add(*ws))
    return FormulaConstruction(scaled, ws, bias, model, method, requires)


def check_construction(data: Polynomial, construction: Construction) -> bool:
    """Exact check of the per-degree identities (fast; independent of the network code).

    Examples
    --------
    >>> from fractions import Fraction
    >>> p = Polynomial(("x1", "x2"), {(1, 1): Fraction(1)})
    >>> check_construction(p, sign_vectors(2))
    True
    """
    system = WeightSystem(data, construction.model)
    if set(construction.part_weights) != set(system.targets):
        return False
    cols = [system.column(a) for a in construction.points]
    for k, target in zip(system.targets, system.target_cols, strict=True):
        ws = construction.part_weights[k]
        for i in range(len(system.rows)):
            if sum(w * c[i] for w, c in zip(ws, cols, strict=True)) != target[i]:
                return False
    return not construction.model.output_bias or construction.constant == data.terms.get(
        (0,) * data.nvars, Fraction(0)
    )
