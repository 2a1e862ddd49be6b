r"""Explicit shallow networks (upper bounds on the width), with exact rational points.

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

The search
----------
*Baseline.* :func:`monomial_sum` always gives a construction (one per term, merged); the search
only has to improve on it.

*Candidates.* The integer points of ``[-K, K]^n`` (small ones first; for a large box the smallest
half and a random sample), the points of the best construction so far, and the unisolvent
simplex grid ``{a >= 0, |a| <= d}``, which spans every target: a linear functional on
``(Sym^l)_l`` that kills every column ``((a.x)^l)_l`` is a polynomial of degree ``<= d`` in
``a`` vanishing on a unisolvent set, hence zero. The set is cut to a matrix-entry cap
(``MAX_SEARCH_ENTRIES``) and to what its set-up can afford in the time left.

*Grids.* The search starts on the requested grid ``K``; when the newest grid has gone
``PATIENCE`` orderings without a smaller construction and the width is still above ``target``,
the next grid (``K + 1``, ... up to ``max(K, MAX_GRID)``, ``max_grid``) is opened, its first
ordering being the best construction so far. Earlier grids are not abandoned: the open grids
share the time equally (the next restart goes to the grid that has used the least), because a
small grid often needs many orderings (the periodic chain in 5 variables: 40 to 660 on
``[-1, 1]^5``) while some polynomials need a larger one (``x1^2 + x2^2`` with an output bias).
The outcome reports the grids opened and the one that produced the construction.

*Orderings.* For an ordering of the candidates, the first linearly independent columns form a
basis ``B`` of their span; the targets ``[l = k] P_k`` have unique coordinates in ``B`` and the
points with a non-zero coordinate are a construction (and every inclusion-minimal construction
has independent columns, so arises this way). The first ordering is "small points first", the
next ones random.

*Local search.* From a minimal support ``S`` every improving or lateral move
``S -> S - R + {c}`` keeps the targets in the span only if ``c`` lies in ``V = span(S)`` (the
targets' coordinates on ``R`` are non-zero), so the moves are read off the coordinates, on
``S``, of the candidates inside ``V`` (see :meth:`_Stage.descend`): every shrinking move of
every candidate in one sorted table, lateral moves at random on a plateau.

*Exact where it matters, fast where it does not.* Orderings and moves are *screened* in
arithmetic modulo a prime ``p < 2^31`` (flint ``nmod_mat``, numpy int64): a wrong screening
decision (probability about ``1/p`` per test) can only make the search miss or propose a
support. Every support the search reports is then solved exactly over Q
(:meth:`_System.solve`), with its zero coordinates dropped, and :func:`minimal_width` still
re-checks the network by exact Taylor expansion.

*Time.* ``timeout`` is a budget, not a hint: every elimination or batch of moves has its cost
estimated from the matrix sizes (``_rref_seconds``: pessimistic rates) and is not started if it
does not fit in the time left; the candidate set is shrunk to what its set-up can afford. The
overrun is thus bounded by the error of one estimate on one step, not by the size of the
problem. Without meeting ``target`` the outcome says why it stopped (``timeout``,
``iterations``, ``no improvement``); the width reported is then only an upper bound.

*Symmetry: what is and is not used.* ``a -> -a`` and ``a -> 2a`` are not symmetries of one
neuron (sigma is generic: its odd and even parts, and each degree, are constrained separately),
so candidates are never pruned by them. The polynomial's own group does act: if a signed
permutation ``g`` (``x_i -> eps_i x_pi(i)``) fixes ``P`` exactly, it maps a construction
``{a_j, w_j}`` to the construction ``{b_j, w_j}``, ``b_pi(i) = eps_i a_i``, of the same width,
and the boxes are closed under it. This was tried and measured, and the search does not use it:

- restricting the first point of an ordering to orbit representatives changes nothing here:
  orderings are sampled at random and ``g`` maps orderings bijectively onto orderings with
  equivalent supports, so the distribution of what is found is the same;
- starting supports essentially never repeat, even up to the group (300 restarts: 300 distinct
  orbits for ``x1^3 + x2^3 + x3^3`` (group of order 6) and for the periodic chain in 5
  variables (order 20)), so there is nothing to skip before a descent;
- descents do end in the same local optima (168 orbits among 300 ends for the cubes), so the
  group was used to memoise the states of descents (stop at, or refuse a lateral move to, a
  support equivalent to one already visited). On the 5-chain, 64 seeds each: no bias, median
  orderings to the bound 368 -> 284 but mean CPU time 2.62 -> 2.55 s; output bias 177 -> 268
  and 1.51 -> 1.90 s; on the cubes and on ``e_2`` in 4 and 5 variables or the 4-chain (bound in
  1 to 5 orderings either way) the changes were within the noise. No consistent gain, so no
  code; the exact group computation (backtracking over signed permutations with pair
  signatures, 1152 elements for the 3x3 determinant in 0.1 s) was left out with it.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from math import comb, factorial, prod

import flint
import numpy as np
import sympy

from symflat.width._poly import PolyData, WidthError, as_polydata, monomials

__all__ = [
    "Construction",
    "SearchOutcome",
    "finite_differences",
    "monomial_sum",
    "sign_vectors",
    "search",
    "construct",
    "check_construction",
]

#: Largest number of candidate points the search will build columns for.
MAX_CANDIDATES = 4000


def _sigma(k: int) -> sympy.Symbol:
    return sympy.Symbol(f"sigma{k}")


def _q(value: Fraction) -> sympy.Rational:
    return sympy.Rational(value.numerator, value.denominator)


@dataclass(frozen=True)
class Construction:
    """Points ``a_j`` and per-degree weights ``w_j^(k)`` (see the module docstring).

    Examples
    --------
    >>> c = sign_vectors(2)
    >>> c.width, c.weights()[0]
    (4, 1/(8*sigma2))
    """

    points: tuple[tuple[Fraction, ...], ...]
    part_weights: dict[int, tuple[Fraction, ...]]
    model: str
    constant: Fraction = Fraction(0)
    method: str = ""

    @property
    def width(self) -> int:
        return len(self.points)

    def weights(self) -> tuple[sympy.Expr, ...]:
        """``w_j = sum_k w_j^(k) / sigma_k`` as sympy expressions in ``sigma0, sigma1, ...``."""
        return tuple(
            sympy.Add(*(_q(ws[j]) / _sigma(k) for k, ws in sorted(self.part_weights.items())))
            for j in range(self.width)
        )

    def output_bias(self) -> sympy.Expr:
        """``0`` without output bias; ``P_0 - sigma_0 sum_j w_j`` with it."""
        if self.model == "no-bias":
            return sympy.Integer(0)
        total = sympy.Add(*self.weights())
        return sympy.expand(_q(self.constant) - _sigma(0) * total)

    def network(self, name: str = "width"):
        """The network ``output_bias + sum_j w_j sigma(a_j . x)`` (inputs x1..xn)."""
        from symflat.paper.networks import shallow_network

        points = [[_q(v) for v in a] for a in self.points]
        return shallow_network(points, list(self.weights()), output_bias=self.output_bias(),
                               name=name)

    def to_dict(self) -> dict[str, object]:
        return {
            "method": self.method,
            "points": [[str(v) for v in a] for a in self.points],
            "weights": [str(w) for w in self.weights()],
            "weights_per_degree": {
                str(k): [str(v) for v in ws] for k, ws in sorted(self.part_weights.items())
            },
            "output_bias": str(self.output_bias()),
        }


# ------------------------------------------------------------------------ closed forms


def sign_vectors(n: int, coefficient: Fraction = Fraction(1)) -> Construction:
    """Eq. 32: ``coefficient * x1...xn`` with ``2^n`` neurons at the sign vectors (no bias).

    Examples
    --------
    >>> sign_vectors(3).width
    8
    """
    points = tuple(tuple(Fraction(s) for s in signs) for signs in product((1, -1), repeat=n))
    scale = coefficient / (2**n * factorial(n))
    weights = tuple(scale * prod(a) for a in points)
    return Construction(points, {n: weights}, "no-bias", Fraction(0), "sign vectors (Eq. 32)")


def finite_differences(
    r: tuple[int, ...], coefficient: Fraction = Fraction(1), model: str = "no-bias"
) -> Construction:
    """``coefficient * x^r`` by the mixed finite difference on the grid ``prod {0..r_i}``.

    Examples
    --------
    >>> finite_differences((2, 1)).width, finite_differences((2, 1), model="output-bias").width
    (6, 5)
    """
    d = sum(r)
    points, weights = [], []
    for j in product(*(range(ri + 1) for ri in r)):
        if model == "output-bias" and not any(j):
            continue
        sign = (-1) ** (d - sum(j))
        points.append(tuple(Fraction(v) for v in j))
        weights.append(coefficient * sign * prod(comb(ri, ji) for ri, ji in zip(r, j, strict=True))
                       / factorial(d))
    return Construction(tuple(points), {d: tuple(weights)}, model, Fraction(0),
                        "mixed finite differences")


def monomial_sum(data: PolyData, model: str = "no-bias") -> Construction:
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
    >>> p = PolyData(("x1", "x2"), {(2, 0): Fraction(1), (0, 1): Fraction(1)})
    >>> c = monomial_sum(p)
    >>> c.width, check_construction(p, c)
    (5, True)
    """
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
            if model == "no-bias":
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
                        constant if model == "output-bias" else Fraction(0),
                        "sum of finite differences")


# ----------------------------------------------------------------------- linear algebra


def _degrees(model: str, d: int) -> range:
    return range(0 if model == "no-bias" else 1, d + 1)


def _int_columns(rows: list[tuple[int, ...]], coef: dict[tuple[int, ...], int],
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


class _System:
    """Rows: monomials of the model's degrees; a column per point and per target part."""

    def __init__(self, data: PolyData, model: str):
        self.data, self.model = data, model
        self.d = data.degree
        self.rows: list[tuple[int, ...]] = []
        for deg in _degrees(model, self.d):
            self.rows.extend(monomials(data.nvars, deg))
        self.row_index = {m: i for i, m in enumerate(self.rows)}
        self._columns: dict[tuple[Fraction, ...], list[Fraction]] = {}
        self.coef = {m: factorial(sum(m)) // prod(factorial(e) for e in m) for m in self.rows}
        parts = data.parts()
        self.targets = sorted(k for k in parts if k in _degrees(model, self.d))
        self.target_cols = []
        for k in self.targets:
            col = [Fraction(0)] * len(self.rows)
            for e, c in parts[k].items():
                col[self.row_index[e]] = c
            self.target_cols.append(col)

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
            table = _int_columns(self.rows, self.coef, ints, self.data.nvars, self.d)
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


def check_construction(data: PolyData, construction: Construction) -> bool:
    """Exact check of the per-degree identities (fast; independent of the network code).

    Examples
    --------
    >>> from fractions import Fraction
    >>> p = PolyData(("x1", "x2"), {(1, 1): Fraction(1)})
    >>> check_construction(p, sign_vectors(2))
    True
    """
    system = _System(data, construction.model)
    if set(construction.part_weights) != set(system.targets):
        return False
    cols = [system.column(a) for a in construction.points]
    for k, target in zip(system.targets, system.target_cols, strict=True):
        ws = construction.part_weights[k]
        for i in range(len(system.rows)):
            if sum(w * c[i] for w, c in zip(ws, cols, strict=True)) != target[i]:
                return False
    return construction.model == "no-bias" or construction.constant == data.terms.get(
        (0,) * data.nvars, Fraction(0)
    )


# ------------------------------------------------------------------------------ search

#: Most box points one grid's search builds columns for (the smallest half, the rest sampled).
MAX_CANDIDATES = 4000
#: Most matrix entries (rows x candidate points) one grid's search holds.
MAX_SEARCH_ENTRIES = 3_000_000
#: The grid escalation goes up to ``max(grid, MAX_GRID)`` unless told otherwise.
MAX_GRID = 3
#: Most candidates (besides the support) a local search moves among.
MAX_MOVE_CANDIDATES = 600
#: Orderings without a smaller construction after which the next grid is opened as well.
PATIENCE = 40
#: Boxes up to this many points are enumerated; larger ones are built layer by layer.
_ENUMERATE = 60_000
#: Cost model, deliberately pessimistic: seconds per matrix entry built or converted, and
#: multiply-adds per second of an elimination modulo a word-size prime and over Q.
_ENTRY_SECONDS = 2e-7
_MOD_OPS = 1e9
_QQ_OPS = 1e8
#: Primes below 2^31 for the screening arithmetic (products fit in int64; the first one not
#: dividing a denominator of P is used).
_PRIMES = (2**31 - 1, 2**31 - 19)
#: Share of a grid's time its set-up (candidate columns) may take.
_SETUP_SHARE = 0.3


@dataclass(frozen=True)
class SearchOutcome:
    """What :func:`search` found: the best exact construction and why it stopped.

    ``grid`` is the grid whose search produced the construction (``None``: the sum of finite
    differences, no search improved on it); ``grids`` the grids tried, in order.
    """

    construction: Construction | None
    reached_lower: bool
    iterations: int
    elapsed: float
    stopped: str
    notes: tuple[str, ...] = field(default_factory=tuple)
    grid: int | None = None
    grids: tuple[int, ...] = ()


class _Clock:
    def __init__(self, deadline: float):
        self.deadline = deadline

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def affords(self, seconds: float) -> bool:
        return time.monotonic() + seconds <= self.deadline


def _rref_seconds(rows: int, cols: int, ops: float = _MOD_OPS) -> float:
    return rows * cols * min(rows, cols) / ops + rows * cols * _ENTRY_SECONDS


def _layer(n: int, s: int, grid: int):
    """Integer vectors of length ``n`` with ``|a|_1 = s`` and ``|a_i| <= grid``."""
    if n == 0:
        if s == 0:
            yield ()
        return
    for v in range(-min(grid, s), min(grid, s) + 1):
        if s - abs(v) <= grid * (n - 1):
            for rest in _layer(n - 1, s - abs(v), grid):
                yield (v, *rest)


def _box(n: int, grid: int, model: str, limit: int, rng: random.Random
         ) -> tuple[list[tuple[int, ...]], str]:
    """Up to ``limit`` points of ``[-grid, grid]^n`` (not 0 with an output bias): the smallest
    first (by 1-norm, then max-norm), and if the box is larger, half of them small and half
    sampled at random."""
    def key(a):
        return (sum(map(abs, a)), max(map(abs, a), default=0), a)

    total = (2 * grid + 1) ** n - (model == "output-bias")
    if total <= _ENUMERATE:
        box = [a for a in product(range(-grid, grid + 1), repeat=n)
               if any(a) or model == "no-bias"]
        box.sort(key=key)
        if len(box) <= limit:
            return box, ""
        keep = box[: limit // 2]
        keep += rng.sample(box[limit // 2:], limit - len(keep))
    else:
        keep = []
        s = 0 if model == "no-bias" else 1
        while len(keep) < limit // 2 and s <= grid * n:
            layer = sorted(_layer(n, s, grid), key=key)
            keep.extend(layer[: limit // 2 - len(keep)])
            s += 1
        seen = set(keep)
        while len(keep) < limit:
            a = tuple(rng.randint(-grid, grid) for _ in range(n))
            if a not in seen and (any(a) or model == "no-bias"):
                seen.add(a)
                keep.append(a)
    return keep, (f"grid [-{grid},{grid}]^{n} has {total} points: searched {len(keep)} of them "
                  f"(the smallest half, the rest at random)")


def _simplex(n: int, d: int, model: str) -> list[tuple[int, ...]]:
    """The unisolvent grid ``{a >= 0, |a| <= d}`` (without 0 in the output-bias model)."""
    return [a for k in _degrees(model, d) for a in monomials(n, k)]


class _Stage:
    """The search on one grid: candidate columns modulo a prime ``p`` to *screen* supports and
    moves cheaply, and exact solves over Q (:meth:`_System.solve`) for every result."""

    def __init__(self, system: _System, cands: list[tuple[int, ...]], rng: random.Random):
        self.system, self.cands, self.rng = system, cands, rng
        self.index = {a: i for i, a in enumerate(cands)}
        self.nrows, self.nt = len(system.rows), len(system.target_cols)
        dens = {c.denominator for col in system.target_cols for c in col}
        self.p = p = next(q for q in _PRIMES if all(den % q for den in dens))
        table = _int_columns(system.rows, system.coef, cands, system.data.nvars, system.d)
        self.vals = np.asarray(table % p, dtype=np.int64)
        self.A = flint.nmod_mat(self.vals.tolist(), p)
        self.T = np.array([[c.numerator * pow(c.denominator, -1, p) % p for c in col]
                           for col in system.target_cols], dtype=np.int64).T.reshape(
                               self.nrows, self.nt)
        self.timed_out = False
        self.moves = 0

    def _mat(self, array: np.ndarray) -> flint.nmod_mat:
        return flint.nmod_mat(array.tolist(), self.p)

    def _random(self, k: int, total: int) -> flint.nmod_mat:
        entries = [self.rng.randrange(self.p) for _ in range(k)] + [0] * (total - k)
        return flint.nmod_mat(total, 1, entries, self.p)

    # -- screening (mod p): never a result by itself
    def basis(self, order: list[int], clock: _Clock, prefix: int | None = None
              ) -> list[int] | None:
        """The greedy basis of ``order`` (first independent columns) restricted to the
        targets' non-zero coordinates; ``None`` if the targets are outside the span, or if the
        elimination does not fit in the time left (then ``timed_out`` is set)."""
        n = len(order)
        m = min(n, prefix or max(2 * self.nrows, self.nrows + 16))
        while True:
            if not clock.affords(_rref_seconds(self.nrows, m + self.nt)):
                self.timed_out = True
                return None
            r, rank = self._mat(np.hstack([self.vals[:, order[:m]], self.T])).rref()
            rows = r.tolist()[:rank]
            pivots, j = [], 0
            for row in rows:
                while row[j] == 0:
                    j += 1
                pivots.append(j)
            if pivots and pivots[-1] >= m:
                if m == n:
                    return None
                m = min(n, 2 * m)
                continue
            return [order[pj] for pj, row in zip(pivots, rows, strict=True)
                    if any(row[m + t] != 0 for t in range(self.nt))]

    def _in_span(self, support: list[int]) -> list[int]:
        """Candidates in the span of the support's columns (two random functionals that vanish
        on it, applied to every candidate in one product)."""
        ncand = len(self.cands)
        if len(support) >= self.nrows:
            return list(range(ncand))
        x, nullity = self._mat(self.vals[:, support].T).nullspace()
        if nullity == 0:
            return list(range(ncand))
        funcs = (x * self._random(nullity, self.nrows)).entries() + \
            (x * self._random(nullity, self.nrows)).entries()
        values = (flint.nmod_mat(2, self.nrows, funcs, self.p) * self.A).entries()
        return [j for j in range(ncand) if values[j] == 0 and values[ncand + j] == 0]

    def descend(self, support: list[int], target: int, clock: _Clock,
                plateau: int = 8) -> list[int]:
        """Local search from a minimal support ``S``, in coordinates on ``S``.

        Every move stays in ``V = span(S)``: a support ``S' = S - R + {c}`` with the targets
        in its span needs ``c`` in ``V`` (the targets' coordinates on ``R`` are non-zero). With
        ``g`` the coordinates of ``c`` and ``t`` those of the targets, ``R`` works iff the rows
        ``t_r`` (r in R) are multiples ``lambda_r beta`` of one vector and ``g_r / lambda_r``
        is one non-zero constant on ``R``: all such moves are read off one sorted table. A
        move with ``|R| >= 2`` shrinks the support; ``|R| = 1`` (any ``g_r != 0``) is a lateral
        move, taken at random (not re-adding points just removed) when no shrinking move
        exists, at most ``plateau`` times in a row."""
        p, nt = self.p, self.nt
        s0 = len(support)
        if s0 <= target:
            return support
        r_, n_ = self.nrows, len(self.cands)
        if not clock.affords(_rref_seconds(r_, s0) + 2 * r_ * n_ * (1 / _MOD_OPS + _ENTRY_SECONDS)):
            self.timed_out = True
            return support
        chosen = set(support)
        others = [j for j in self._in_span(support) if j not in chosen]
        if len(others) > max(2 * s0, MAX_MOVE_CANDIDATES):
            others = sorted(self.rng.sample(others, max(2 * s0, MAX_MOVE_CANDIDATES)))
        cols = support + others
        if not clock.affords(_rref_seconds(self.nrows, len(cols) + nt)):
            self.timed_out = True
            return support
        r, rank = self._mat(np.hstack([self.vals[:, cols], self.T])).rref()
        table = np.array([[int(v) for v in row] for row in r.tolist()[:rank]], dtype=np.int64)
        if rank < s0 or np.any(table[:s0, :s0] != np.eye(s0, dtype=np.int64)):
            return support  # the support was not independent mod p: leave it
        m = len(cols)
        ok = ~np.any(table[s0:, :m] != 0, axis=0)  # screening false positives drop out
        g = table[:s0, :m][:, ok]
        t = table[:s0, m:]
        cidx = np.array(cols)[ok]
        basis = list(range(s0))  # row k <-> column basis[k] of g
        tabu: list[int] = []
        laterals = 0
        while len(basis) > target:
            s, width = len(basis), g.shape[1]
            if not clock.affords((s * width * 40 + s * s * 4) * 1e-8):
                self.timed_out = True
                break
            zero = ~np.any(t != 0, axis=1)
            if zero.any():  # redundant basis elements: drop them, and what leaves the span
                keep_rows = ~zero
                keep_cols = ~np.any(g[zero] != 0, axis=0)
                g, t = g[keep_rows][:, keep_cols], t[keep_rows]
                cidx = cidx[keep_cols]
                basis = [int(np.searchsorted(np.flatnonzero(keep_cols), b))
                         for b, k in zip(basis, keep_rows, strict=True) if k]
                continue
            # the class of each row of t (its direction) and its scale lambda
            lead = np.argmax(t != 0, axis=1)
            lam = t[np.arange(s), lead]
            inv = np.array([pow(int(v), -1, p) for v in lam], dtype=np.int64)
            direction = (t * inv[:, None]) % p
            _, klass = np.unique(direction, axis=0, return_inverse=True)
            klass = klass.reshape(-1).astype(np.int64)
            keys = ((g * inv[:, None]) % p) + klass[:, None] * p
            keys = np.where(g != 0, keys, -1 - np.arange(s, dtype=np.int64)[:, None])
            in_basis = np.zeros(width, dtype=bool)
            in_basis[basis] = True
            ordered = np.sort(keys, axis=0)
            dup = ((ordered[1:] == ordered[:-1]) & (ordered[1:] >= 0)).sum(axis=0)
            dup[in_basis] = 0
            best = int(np.argmax(dup)) if width else 0
            if width and dup[best] > 0:
                column = keys[:, best]
                values, counts = np.unique(column[column >= 0], return_counts=True)
                group = values[np.argmax(counts)]
                removed = np.flatnonzero(column == group)
                laterals = 0
            else:
                if laterals >= plateau:
                    break
                eligible = np.flatnonzero(~in_basis)
                eligible = [int(c) for c in eligible if int(cidx[c]) not in tabu]
                if not eligible:
                    break
                best = self.rng.choice(eligible)
                rows_nz = np.flatnonzero(g[:, best] != 0)
                removed = np.array([self.rng.choice(list(rows_nz))])
                laterals += 1
            self.moves += 1
            gc = g[:, best].copy()
            r0 = int(removed[0])
            inv0 = pow(int(gc[r0]), -1, p)
            mu = (g[r0] * inv0) % p
            mu_t = (t[r0] * inv0) % p
            stays = np.all((g[removed] - (gc[removed][:, None] * mu[None, :]) % p) % p == 0,
                           axis=0)
            others = np.setdiff1d(np.arange(s), removed)
            tabu = (tabu + [int(cidx[basis[k]]) for k in removed])[-max(4, s // 2):]
            g = np.vstack([(g[others] - (gc[others][:, None] * mu[None, :]) % p) % p, mu])
            t = np.vstack([(t[others] - (gc[others][:, None] * mu_t[None, :]) % p) % p, mu_t])
            basis = [basis[k] for k in others] + [best]
            positions = np.flatnonzero(stays)
            g, cidx = g[:, stays], cidx[stays]
            basis = [int(np.searchsorted(positions, b)) for b in basis]
        return [int(cidx[b]) for b in basis]

    # -- exact
    def certify(self, support: list[int], clock: _Clock
                ) -> tuple[list[int], dict[int, list[Fraction]]] | None:
        """Exact weights over Q for the support (its zero coordinates dropped), or ``None``."""
        if not clock.affords(_rref_seconds(self.nrows, len(support) + self.nt, _QQ_OPS)):
            self.timed_out = True
            return None
        solved = self.system.solve([self.cands[i] for i in support])
        if solved is None:
            return None
        return [support[i] for i in solved[0]], solved[1]


def _stage(system: _System, grid: int, model: str, required: list[tuple[int, ...]],
           clock: _Clock, rng: random.Random) -> tuple[_Stage | None, str]:
    """Candidates for ``grid`` sized to the matrix-entry cap and to the time left, and their
    columns: the required points (the best construction so far), the box, the simplex."""
    n, rows = system.data.nvars, len(system.rows)
    fit = int(max(0.0, clock.left()) * _SETUP_SHARE / (rows * _ENTRY_SECONDS))
    cap = min(MAX_SEARCH_ENTRIES // rows, fit)
    if cap < len(required):
        return None, (f"grid {grid}: the candidate columns do not fit in the memory cap or the "
                      f"time left")
    box, note = _box(n, grid, model, max(0, min(MAX_CANDIDATES, cap - len(required))), rng)
    cands, seen = [], set()
    for a in box + required + _simplex(n, system.d, model):
        if a not in seen:
            seen.add(a)
            cands.append(a)
    keep = max(cap, len(box) + len(required))
    if len(cands) > keep:
        note = (f"{note}; " if note else "") + (
            f"grid {grid}: {len(cands) - keep} of the simplex points left out (memory/time)")
        cands = cands[:keep]
    return _Stage(system, cands, rng), note


@dataclass
class _Best:
    points: list[tuple[int, ...]]
    coords: dict[int, tuple[Fraction, ...]]
    grid: int | None

    @property
    def width(self) -> int:
        return len(self.points)


class _Run:
    """The restarts on one grid: the first from "small points first" (the first grid) or from
    the best construction so far (a later grid), then random orderings."""

    def __init__(self, stage: _Stage, grid: int, first: bool, carried: list[int]):
        self.stage, self.grid, self.first, self.carried = stage, grid, first, carried
        self.order = list(range(len(stage.cands)))
        self.orderings, self.stale, self.seconds, self.done = 0, 0, 0.0, False

    def restart(self, target: int, clock: _Clock, max_iterations: int) -> list[int] | None:
        stage = self.stage
        self.orderings += 1
        self.stale += 1
        self.done = self.orderings >= max_iterations
        if self.orderings == 1 and self.first:
            support = stage.basis(self.order, clock)  # small points first
            if support is None and stage.timed_out:
                stage.timed_out = False  # too large: start from the baseline instead
                support = stage.basis(self.carried, clock, prefix=len(self.carried))
        elif self.orderings == 1:
            support = stage.basis(self.carried, clock, prefix=len(self.carried))
        else:
            stage.rng.shuffle(self.order)
            support = stage.basis(self.order, clock)
        if support is None:
            self.done = True
            return None
        return stage.descend(support, target, clock)


def search(
    poly: object,
    model: str = "no-bias",
    *,
    target: int = 1,
    grid: int = 1,
    max_grid: int | None = None,
    timeout: float = 10.0,
    max_iterations: int = 2000,
    seed: int = 0,
) -> SearchOutcome:
    """Search a small construction: exact solves over orderings of small integer points.

    Starts from :func:`monomial_sum` (always available) and searches the grid ``grid``, then
    also the next ones up to ``max_grid`` (default ``max(grid, MAX_GRID)``) while the width is
    above ``target`` (normally the lower bound) and time is left (see the module docstring).
    Stops at ``target``, at ``timeout`` seconds (a step whose estimated cost does not fit in
    the time left is not started), or when every grid has had ``max_iterations`` orderings.
    Every returned construction comes from an exact solve over Q.

    Examples
    --------
    >>> import sympy
    >>> x1, x2 = sympy.symbols("x1 x2")
    >>> out = search(sympy.Poly(x1**2 + x2**2, x1, x2), "no-bias", target=4)
    >>> out.construction.width, out.reached_lower, out.grid
    (4, True, 1)

    With an output bias, three neurons need a point outside ``[-1, 1]^2``: the grid escalates.

    >>> out = search(sympy.Poly(x1**2 + x2**2, x1, x2), "output-bias", target=3)
    >>> out.construction.width, out.grids, out.grid
    (3, (1, 2), 2)
    """
    data = as_polydata(poly)
    start = time.monotonic()
    clock = _Clock(start + timeout)
    rng = random.Random(seed)
    system = _System(data, model)
    if not system.targets:
        raise WidthError("nothing to approximate in this model (only a constant)")
    top = max(grid, MAX_GRID if max_grid is None else max_grid)
    baseline = monomial_sum(data, model)
    best = _Best([tuple(int(v) for v in a) for a in baseline.points],
                 dict(baseline.part_weights), None)
    notes: list[str] = []
    runs: dict[int, _Run] = {}
    iterations = 0
    stopped = "iterations"
    following = grid  # the next grid to open
    while best.width > target:
        if clock.left() <= 0:
            stopped = "timeout"
            break
        newest = runs.get(following - 1)
        if following <= top and (newest is None or newest.stale >= PATIENCE
                                 or newest.done):
            stage, note = _stage(system, following, model, best.points, clock, rng)
            if note:
                notes.append(note)
            if stage is None:
                if not runs:
                    stopped = "timeout"
                    break
                following = top + 1  # no room for larger grids: go on with the open ones
                continue
            runs[following] = _Run(stage, following, first=not runs,
                                   carried=[stage.index[a] for a in best.points])
            following += 1
        open_runs = [r for r in runs.values() if not r.done]
        if not open_runs:
            if following <= top:
                continue
            break
        run = min(open_runs, key=lambda r: r.seconds)  # equal time for every open grid
        iterations += 1
        t0 = time.monotonic()
        found = run.restart(target, clock, max_iterations)
        run.seconds += time.monotonic() - t0
        if found is not None and len(found) < best.width:
            certified = run.stage.certify(found, clock)
            if certified is not None and len(certified[0]) < best.width:
                best = _Best([run.stage.cands[i] for i in certified[0]],
                             {k: tuple(v) for k, v in certified[1].items()}, run.grid)
                run.stale = 0
        if run.stage.timed_out:
            stopped = "timeout"
            break
    else:
        stopped = "reached the lower bound"
    for g, run in runs.items():
        notes.append(f"grid {g}: {len(run.stage.cands)} candidate points, {run.orderings} "
                     f"orderings, {run.stage.moves} moves, {run.seconds:.2f} s")
    constant = data.terms.get((0,) * data.nvars, Fraction(0))
    method = ("sum of finite differences" if best.grid is None
              else f"search (grid {best.grid}, {iterations} orderings)")
    construction = Construction(
        tuple(tuple(Fraction(v) for v in a) for a in best.points),
        best.coords,
        model,
        constant if model == "output-bias" else Fraction(0),
        method,
    )
    return SearchOutcome(construction, construction.width <= target, iterations,
                         time.monotonic() - start, stopped, tuple(notes), best.grid,
                         tuple(runs))


def construct(poly: object, model: str = "no-bias", **search_options) -> SearchOutcome:
    """The closed form for a monomial, otherwise :func:`search`.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.symbols("x1:4")
    >>> construct(sympy.Poly(2*x[0]*x[1]*x[2], *x)).construction.method
    'sign vectors (Eq. 32)'
    """
    data = as_polydata(poly)
    if data.is_monomial():
        ((r, c),) = data.terms.items()
        if model == "no-bias" and all(v == 1 for v in r):
            built = sign_vectors(len(r), c)
        else:
            built = finite_differences(r, c, model)
        return SearchOutcome(built, True, 0, 0.0, "closed form")
    return search(data, model, **search_options)
