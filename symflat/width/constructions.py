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
For other polynomials, candidate points are the integer points of ``[-K, K]^n`` (small ones
first), followed by the unisolvent simplex grid ``{a >= 0, |a| <= d}``, which guarantees a
solution: a linear functional on ``(Sym^l)_l`` that kills every column ``((a.x)^l)_l`` is a
polynomial of degree ``<= d`` in ``a`` vanishing on a unisolvent set, hence zero. For an ordering
of the candidates, the first linearly independent columns form a basis ``B`` of their span
(exact reduced row echelon form); the targets ``[l = k] P_k`` have unique coordinates in ``B``
and the points with a non-zero coordinate are a construction (and every inclusion-minimal
construction has independent columns, so arises this way). A local search re-orders the
candidates (the best support first, minus one random point) until the size reaches the lower
bound, the time runs out or the iterations are spent; the result says which. Note that ``a -> -a``
and ``a -> 2a`` are not symmetries of a single column when several degrees are constrained, so
they are not used to prune candidates; the search is exact for every candidate it looks at.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from math import comb, factorial, prod

import flint
import sympy

from symflat.width._poly import PolyData, WidthError, as_polydata, monomials

__all__ = [
    "Construction",
    "SearchOutcome",
    "finite_differences",
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
        from symflat.networks import shallow_network

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


# ----------------------------------------------------------------------- linear algebra


def _degrees(model: str, d: int) -> range:
    return range(0 if model == "no-bias" else 1, d + 1)


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
        self.coef = {m: Fraction(factorial(sum(m)), prod(factorial(e) for e in m))
                     for m in self.rows}
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
            cached = [self.coef[m] * prod(ai**e for ai, e in zip(a, m, strict=True))
                      for m in self.rows]
            self._columns[a] = cached
        return cached

    def solve(
        self, points: list[tuple[Fraction, ...]]
    ) -> tuple[list[int], dict[int, list[Fraction]]] | None:
        """Greedy basis in the given order and the targets' coordinates; ``None`` if the targets
        are outside the span. Returns (support indices, {k: weights over the support})."""
        cols = [self.column(a) for a in points]
        ncols = len(cols) + len(self.target_cols)
        nrows = len(self.rows)
        flat = []
        for i in range(nrows):
            flat.extend(flint.fmpq(c[i].numerator, c[i].denominator) for c in cols)
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


@dataclass(frozen=True)
class SearchOutcome:
    construction: Construction | None
    reached_lower: bool
    iterations: int
    elapsed: float
    stopped: str
    notes: tuple[str, ...] = field(default_factory=tuple)


def _candidates(n: int, grid: int, d: int, model: str, rng: random.Random) -> tuple[list, str]:
    note = ""
    box = [tuple(Fraction(v) for v in a) for a in product(range(-grid, grid + 1), repeat=n)]
    if model == "output-bias":
        box = [a for a in box if any(a)]
    box.sort(key=lambda a: (sum(abs(v) for v in a), max((abs(v) for v in a), default=0), a))
    if len(box) > MAX_CANDIDATES:
        keep = box[: MAX_CANDIDATES // 2]
        rest = box[MAX_CANDIDATES // 2 :]
        keep += rng.sample(rest, MAX_CANDIDATES - len(keep))
        box = keep
        note = f"grid [-{grid},{grid}]^{n} too large: searched {len(box)} of its points"
    seen = set(box)
    simplex = []
    for a in product(range(d + 1), repeat=n):
        if sum(a) <= d:
            pt = tuple(Fraction(v) for v in a)
            if pt not in seen and (any(a) or model == "no-bias"):
                simplex.append(pt)
    return box + simplex, note


def _residuals(system: _System, cands: list, fixed: list[int]) -> tuple[list, list]:
    """Target and candidate columns modulo the span of ``fixed`` (exact, via one RREF)."""
    cols = [system.column(cands[i]) for i in fixed]
    allc = [system.column(a) for a in cands]
    blocks = cols + system.target_cols + allc
    nrows = len(system.rows)
    flat = []
    for i in range(nrows):
        flat.extend(flint.fmpq(c[i].numerator, c[i].denominator) for c in blocks)
    r, _ = flint.fmpq_mat(nrows, len(blocks), flat).rref()
    rows = r.tolist()
    rank_f = 0
    for row in rows:
        if any(v != 0 for v in row[: len(cols)]):
            rank_f += 1
    rest = rows[rank_f:]
    nt = len(system.target_cols)
    res_t = [[row[len(cols) + t] for row in rest] for t in range(nt)]
    res_c = [[row[len(cols) + nt + j] for row in rest] for j in range(len(cands))]
    return res_t, res_c


def _parallel(targets: list, vec: list) -> bool:
    i0 = next((i for i, v in enumerate(vec) if v != 0), None)
    if i0 is None:
        return all(v == 0 for t in targets for v in t)
    for t in targets:
        lam = t[i0] / vec[i0]
        if any(a != lam * b for a, b in zip(t, vec, strict=True)):
            return False
    return True


def _exchange(system, cands, support, drop, rng, start, timeout):
    """Remove ``drop`` points of the support and complete with one candidate, if possible."""
    from itertools import combinations

    subsets = list(combinations(range(len(support)), drop))
    rng.shuffle(subsets)
    for removed in subsets:
        if time.monotonic() - start > timeout:
            return None
        fixed = [s for i, s in enumerate(support) if i not in removed]
        res_t, res_c = _residuals(system, cands, fixed)
        banned = set(support) if drop == 1 else set(fixed)
        options = [j for j in range(len(cands)) if j not in banned and _parallel(res_t, res_c[j])]
        if options:
            return fixed + [rng.choice(options)]
    return None


def search(
    poly: object,
    model: str = "no-bias",
    *,
    target: int = 1,
    grid: int = 1,
    timeout: float = 10.0,
    max_iterations: int = 2000,
    seed: int = 0,
) -> SearchOutcome:
    """Search a small construction: exact solves over orderings of small integer points.

    Stops when the width reaches ``target`` (normally the lower bound), at ``timeout``
    seconds, or after ``max_iterations`` orderings.

    Examples
    --------
    >>> import sympy
    >>> x1, x2 = sympy.symbols("x1 x2")
    >>> out = search(sympy.Poly(x1*x2, x1, x2), "output-bias", target=3)
    >>> out.construction.width, out.reached_lower
    (3, True)
    """
    data = as_polydata(poly)
    start = time.monotonic()
    rng = random.Random(seed)
    system = _System(data, model)
    cands, note = _candidates(data.nvars, grid, data.degree, model, rng)
    notes = [note] if note else []
    if not system.targets:
        raise WidthError("nothing to approximate in this model (only a constant)")
    best: tuple[list[int], dict[int, list[Fraction]]] | None = None
    best_support: list[int] | None = None
    iterations = 0
    stopped = "iterations"
    order = list(range(len(cands)))
    while True:
        solved = system.solve([cands[i] for i in order])
        if solved is None:
            stopped = "no solution among the candidates"
            break
        support = [order[i] for i in solved[0]]
        laterals = 0
        while len(support) > target and iterations < max_iterations:
            iterations += 1
            if time.monotonic() - start > timeout:
                break
            smaller = _exchange(system, cands, support, 2, rng, start, timeout)
            if smaller is not None:
                support, laterals = smaller, 0
                continue
            laterals += 1
            lateral = _exchange(system, cands, support, 1, rng, start, timeout) if laterals < 4 \
                else None
            if lateral is None:
                break
            support = lateral
        if best_support is None or len(support) < len(best_support):
            best_support = support
        if len(best_support) <= target:
            stopped = "reached the lower bound"
            break
        if time.monotonic() - start > timeout:
            stopped = "timeout"
            break
        if iterations >= max_iterations:
            break
        iterations += 1
        rng.shuffle(order)
    if best_support is not None:
        solved = system.solve([cands[i] for i in best_support])
        assert solved is not None
        best = ([best_support[i] for i in solved[0]], solved[1])
    if best is None:
        return SearchOutcome(None, False, iterations, time.monotonic() - start, stopped,
                             tuple(notes))
    support_ids, coords = best
    constant = data.terms.get((0,) * data.nvars, Fraction(0))
    construction = Construction(
        tuple(cands[i] for i in support_ids),
        {k: tuple(v) for k, v in coords.items()},
        model,
        constant if model == "output-bias" else Fraction(0),
        f"search (grid {grid}, {iterations} orderings)",
    )
    return SearchOutcome(construction, len(support_ids) <= target, iterations,
                         time.monotonic() - start, stopped, tuple(notes))


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
