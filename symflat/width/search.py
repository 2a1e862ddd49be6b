r"""The search for small constructions with fixed integer points (upper bounds on the width).

It looks for points ``a_j`` and per-degree weights as in :mod:`symflat.width.closed_forms`.

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
(:meth:`WeightSystem.solve`), with its zero coordinates dropped, and :func:`minimal_width` still
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
from math import prod

import flint
import numpy as np

from symflat.exact.polynomial import Polynomial
from symflat.width._budget import Clock
from symflat.width.closed_forms import (
    JOINT,
    Construction,
    FormulaConstruction,
    WeightSystem,
    int_columns,
    monomial_sum,
    relevant_parts,
    torus_transfer,
)
from symflat.width.model import WidthModel, as_model
from symflat.width.polynomials import WidthError, as_polynomial, count_monomials, monomials

__all__ = ["SearchOutcome", "search_construction"]

#: A set-up estimated below this many seconds is always built (the baseline is then reported
#: even with almost no time); larger ones only if they fit in the time left.
MIN_SETUP_SECONDS = 0.05
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
    """What :func:`search_construction` found: the best exact construction and why it stopped.

    ``grid`` is the grid whose search produced the construction (``None``: the sum of finite
    differences, no search improved on it); ``grids`` the grids tried, in order.
    """

    construction: Construction | FormulaConstruction | None
    reached_lower: bool
    iterations: int
    elapsed: float
    stopped: str
    notes: tuple[str, ...] = field(default_factory=tuple)
    grid: int | None = None
    grids: tuple[int, ...] = ()


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


def _box(n: int, grid: int, origin: bool, limit: int, rng: random.Random
         ) -> tuple[list[tuple[int, ...]], str]:
    """Up to ``limit`` points of ``[-grid, grid]^n`` (0 only with ``origin``: the point 0
    feeds the constant alone): the smallest first (by 1-norm, then max-norm), and if the box is
    larger, half of them small and half sampled at random."""
    def key(a):
        return (sum(map(abs, a)), max(map(abs, a), default=0), a)

    total = (2 * grid + 1) ** n - (not origin)
    if total <= _ENUMERATE:
        box = [a for a in product(range(-grid, grid + 1), repeat=n)
               if any(a) or origin]
        box.sort(key=key)
        if len(box) <= limit:
            return box, ""
        keep = box[: limit // 2]
        keep += rng.sample(box[limit // 2:], limit - len(keep))
    else:
        keep = []
        s = 0 if origin else 1
        while len(keep) < limit // 2 and s <= grid * n:
            layer = sorted(_layer(n, s, grid), key=key)
            keep.extend(layer[: limit // 2 - len(keep)])
            s += 1
        seen = set(keep)
        while len(keep) < limit:
            a = tuple(rng.randint(-grid, grid) for _ in range(n))
            if a not in seen and (any(a) or origin):
                seen.add(a)
                keep.append(a)
    return keep, (f"grid [-{grid},{grid}]^{n} has {total} points: searched {len(keep)} of them "
                  f"(the smallest half, the rest at random)")


def _simplex(n: int, d: int, origin: bool) -> list[tuple[int, ...]]:
    """The unisolvent grid ``{a >= 0, |a| <= d}`` (0 only with ``origin``)."""
    return [a for k in range(0 if origin else 1, d + 1) for a in monomials(n, k)]


@dataclass
class Coordinates:
    """The candidates in ``V = span(S)`` (columns of ``g``) and the targets (``t``) in
    coordinates on the current support mod ``p``: row ``k`` belongs to the candidate in
    column ``basis[k]``; ``cidx`` maps columns to candidate numbers."""

    g: np.ndarray
    t: np.ndarray
    cidx: np.ndarray
    basis: list[int]

    def support(self) -> list[int]:
        """The candidates of the current support."""
        return [int(self.cidx[b]) for b in self.basis]

    def step_seconds(self) -> float:
        """A pessimistic estimate of one move's cost."""
        s, width = len(self.basis), self.g.shape[1]
        return (s * width * 40 + s * s * 4) * 1e-8

    def drop_redundant(self) -> bool:
        """Drop the support points the targets do not use, and the candidates that leave the
        span with them; whether there were any."""
        zero = ~np.any(self.t != 0, axis=1)
        if not zero.any():
            return False
        keep_rows = ~zero
        keep_cols = ~np.any(self.g[zero] != 0, axis=0)
        self.g, self.t = self.g[keep_rows][:, keep_cols], self.t[keep_rows]
        self.cidx = self.cidx[keep_cols]
        self.basis = [int(np.searchsorted(np.flatnonzero(keep_cols), b))
                      for b, k in zip(self.basis, keep_rows, strict=True) if k]
        return True

    def shrinking_move(self, p: int) -> tuple[int, np.ndarray] | None:
        """The candidate that replaces the most support points at once (at least two) and
        the rows it replaces; None if no candidate replaces two.

        With ``g`` the candidate's coordinates and ``t`` the targets', a set ``R`` of rows
        can be replaced iff the rows ``t_r`` (r in R) are multiples ``lambda_r beta`` of one
        vector and ``g_r / lambda_r`` is one non-zero constant on ``R``: every such move of
        every candidate is read off one sorted table."""
        g, t = self.g, self.t
        s, width = len(self.basis), g.shape[1]
        # the class of each row of t (its direction) and its scale lambda
        lead = np.argmax(t != 0, axis=1)
        lam = t[np.arange(s), lead]
        inv = np.array([pow(int(v), -1, p) for v in lam], dtype=np.int64)
        direction = (t * inv[:, None]) % p
        _, klass = np.unique(direction, axis=0, return_inverse=True)
        klass = klass.reshape(-1).astype(np.int64)
        keys = ((g * inv[:, None]) % p) + klass[:, None] * p
        keys = np.where(g != 0, keys, -1 - np.arange(s, dtype=np.int64)[:, None])
        ordered = np.sort(keys, axis=0)
        dup = ((ordered[1:] == ordered[:-1]) & (ordered[1:] >= 0)).sum(axis=0)
        dup[self.basis] = 0
        best = int(np.argmax(dup)) if width else 0
        if not width or dup[best] <= 0:
            return None
        column = keys[:, best]
        values, counts = np.unique(column[column >= 0], return_counts=True)
        group = values[np.argmax(counts)]
        return best, np.flatnonzero(column == group)

    def exchange(self, best: int, removed: np.ndarray, p: int) -> list[int]:
        """Put candidate column ``best`` in place of the support rows ``removed`` (a pivot
        mod ``p``), dropping the candidates that leave the span; returns the candidates
        removed from the support."""
        g, t = self.g, self.t
        s = len(self.basis)
        gone = [int(self.cidx[self.basis[k]]) for k in removed]
        gc = g[:, best].copy()
        r0 = int(removed[0])
        inv0 = pow(int(gc[r0]), -1, p)
        mu = (g[r0] * inv0) % p
        mu_t = (t[r0] * inv0) % p
        stays = np.all((g[removed] - (gc[removed][:, None] * mu[None, :]) % p) % p == 0,
                       axis=0)
        others = np.setdiff1d(np.arange(s), removed)
        g = np.vstack([(g[others] - (gc[others][:, None] * mu[None, :]) % p) % p, mu])
        self.t = np.vstack([(t[others] - (gc[others][:, None] * mu_t[None, :]) % p) % p,
                            mu_t])
        basis = [self.basis[k] for k in others] + [best]
        positions = np.flatnonzero(stays)
        self.g, self.cidx = g[:, stays], self.cidx[stays]
        self.basis = [int(np.searchsorted(positions, b)) for b in basis]
        return gone


class _Stage:
    """The search on one grid: candidate columns modulo a prime ``p`` to *screen* supports and
    moves cheaply, and exact solves over Q (:meth:`WeightSystem.solve`) for every result."""

    def __init__(self, system: WeightSystem, cands: list[tuple[int, ...]], rng: random.Random):
        self.system, self.cands, self.rng = system, cands, rng
        self.index = {a: i for i, a in enumerate(cands)}
        self.nrows, self.nt = len(system.rows), len(system.target_cols)
        dens = {c.denominator for col in system.target_cols for c in col}
        self.p = p = next(q for q in _PRIMES if all(den % q for den in dens))
        table = int_columns(system.rows, system.coef, cands, system.data.nvars, system.d)
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
    def basis(self, order: list[int], clock: Clock, prefix: int | None = None
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

    def descend(self, support: list[int], target: int, clock: Clock,
                plateau: int = 8) -> list[int]:
        """Local search from a minimal support ``S``: exchanges that keep the targets in the
        span, shrinking ones first, lateral ones at random on a plateau.

        Every move stays in ``V = span(S)``: a support ``S' = S - R + {c}`` with the targets
        in its span needs ``c`` in ``V`` (the targets' coordinates on ``R`` are non-zero), so
        the moves are read off the coordinates on ``S`` (:meth:`coordinates`). A move with
        ``|R| >= 2`` shrinks the support (:meth:`Coordinates.shrinking_move`); ``|R| = 1``
        is a lateral move (:meth:`lateral_move`), taken when no shrinking move exists, at
        most ``plateau`` times in a row."""
        if len(support) <= target:
            return support
        coords = self.coordinates(support, clock)
        if coords is None:
            return support
        tabu: list[int] = []
        laterals = 0
        while len(coords.basis) > target:
            if not clock.affords(coords.step_seconds()):
                self.timed_out = True
                break
            if coords.drop_redundant():
                continue
            move = coords.shrinking_move(self.p)
            if move is not None:
                laterals = 0
            elif laterals < plateau:
                move = self.lateral_move(coords, tabu)
                laterals += 1
            if move is None:
                break
            self.moves += 1
            size = len(coords.basis)
            tabu = (tabu + coords.exchange(*move, self.p))[-max(4, size // 2):]
        return coords.support()

    def coordinates(self, support: list[int], clock: Clock) -> Coordinates | None:
        """The candidates in ``V = span(S)`` and the targets, in coordinates on ``S``
        (an elimination mod ``p``); None if it does not fit in the time left (``timed_out``
        is then set) or if ``S`` is not independent mod ``p``."""
        s0, nrows = len(support), self.nrows
        span_test = 2 * nrows * len(self.cands) * (1 / _MOD_OPS + _ENTRY_SECONDS)
        if not clock.affords(_rref_seconds(nrows, s0) + span_test):
            self.timed_out = True
            return None
        chosen = set(support)
        others = [j for j in self._in_span(support) if j not in chosen]
        if len(others) > max(2 * s0, MAX_MOVE_CANDIDATES):
            others = sorted(self.rng.sample(others, max(2 * s0, MAX_MOVE_CANDIDATES)))
        cols = support + others
        if not clock.affords(_rref_seconds(nrows, len(cols) + self.nt)):
            self.timed_out = True
            return None
        r, rank = self._mat(np.hstack([self.vals[:, cols], self.T])).rref()
        table = np.array([[int(v) for v in row] for row in r.tolist()[:rank]], dtype=np.int64)
        if rank < s0 or np.any(table[:s0, :s0] != np.eye(s0, dtype=np.int64)):
            return None  # the support was not independent mod p: leave it
        m = len(cols)
        ok = ~np.any(table[s0:, :m] != 0, axis=0)  # screening false positives drop out
        return Coordinates(table[:s0, :m][:, ok], table[:s0, m:], np.array(cols)[ok],
                           list(range(s0)))

    def lateral_move(self, coords: Coordinates, tabu: list[int]
                     ) -> tuple[int, np.ndarray] | None:
        """A random exchange of one support point for a candidate not in it (nor just
        removed: ``tabu``); None if there is none."""
        in_basis = np.zeros(coords.g.shape[1], dtype=bool)
        in_basis[coords.basis] = True
        eligible = [int(c) for c in np.flatnonzero(~in_basis)
                    if int(coords.cidx[c]) not in tabu]
        if not eligible:
            return None
        best = self.rng.choice(eligible)
        rows_nz = np.flatnonzero(coords.g[:, best] != 0)
        return best, np.array([self.rng.choice(list(rows_nz))])

    # -- exact
    def certify(self, support: list[int], clock: Clock
                ) -> tuple[list[int], dict[int, list[Fraction]]] | None:
        """Exact weights over Q for the support (its zero coordinates dropped), or ``None``."""
        if not clock.affords(_rref_seconds(self.nrows, len(support) + self.nt, _QQ_OPS)):
            self.timed_out = True
            return None
        solved = self.system.solve([self.cands[i] for i in support])
        if solved is None:
            return None
        return [support[i] for i in solved[0]], solved[1]


def _stage(system: WeightSystem, grid: int, model: WidthModel, required: list[tuple[int, ...]],
           clock: Clock, rng: random.Random) -> tuple[_Stage | None, str]:
    """Candidates for ``grid`` sized to the matrix-entry cap and to the time left, and their
    columns: the required points (the best construction so far), the box, the simplex."""
    n, rows = system.data.nvars, len(system.rows)
    fit = int(max(0.0, clock.left()) * _SETUP_SHARE / (rows * _ENTRY_SECONDS))
    cap = min(MAX_SEARCH_ENTRIES // rows, fit)
    if cap < len(required):
        return None, (f"grid {grid}: the candidate columns do not fit in the memory cap or the "
                      f"time left")
    origin = 0 in model.degrees(system.d)
    box, note = _box(n, grid, origin, max(0, min(MAX_CANDIDATES, cap - len(required))), rng)
    cands, seen = [], set()
    for a in box + required + _simplex(n, system.d, origin):
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

    def restart(self, target: int, clock: Clock, max_iterations: int) -> list[int] | None:
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


def _setup_seconds(data: Polynomial, model: WidthModel) -> float:
    """A pessimistic estimate of the time to build the rows and :func:`monomial_sum`."""
    d = data.degree
    rows = sum(count_monomials(data.nvars, k) for k in model.degrees(d))
    baseline = sum(prod(k + 1 for k in e) * (d - sum(e) + 1) for e in data.terms)
    return rows * 5e-6 + baseline * data.nvars * 5e-5


def search_construction(
    poly: object,
    model: object = "no-bias",
    *,
    target: int = 1,
    grid: int = 1,
    max_grid: int | None = None,
    timeout: float = 10.0,
    max_iterations: int = 2000,
    seed: int = 0,
    joint: bool = False,
    sign: int = 1,
) -> SearchOutcome:
    """Search a small construction: exact solves over orderings of small integer points.

    Starts from :func:`monomial_sum` (always available) and searches the grid ``grid``, then
    also the next ones up to ``max_grid`` (default ``max(grid, MAX_GRID)``) while the width is
    above ``target`` (normally the lower bound) and time is left (see the module docstring).
    Stops at ``target``, at ``timeout`` seconds (a step whose estimated cost does not fit in
    the time left is not started), or when every grid has had ``max_iterations`` orderings.
    Every returned construction comes from an exact solve over Q.

    With ``joint`` (at most two non-zero parts) one weight vector solves every degree at once
    at ``sigma_k1 = 1, sigma_k2 = sign`` and :func:`torus_transfer` turns it into points and
    weights depending on sigma (a :class:`FormulaConstruction`): fixed points must meet every
    part alone, these need not, so they can be fewer.

    Examples
    --------
    >>> import sympy
    >>> x1, x2 = sympy.symbols("x1 x2")
    >>> out = search_construction(sympy.Poly(x1**2 + x2**2, x1, x2), "no-bias", target=4)
    >>> out.construction.width, out.reached_lower, out.grid
    (4, True, 1)

    With an output bias, three neurons need a point outside ``[-1, 1]^2``: the grid escalates.

    >>> out = search_construction(sympy.Poly(x1**2 + x2**2, x1, x2), "output-bias", target=3)
    >>> out.construction.width, out.grids, out.grid
    (3, (1, 2), 2)

    ``x1^3 + x1^2`` with an output bias: fixed points must meet ``x1^3`` alone (three
    neurons); points depending on sigma reach the lower bound, two.

    >>> p = sympy.Poly(x1**3 + x1**2, x1)
    >>> search_construction(p, "output-bias", target=2).construction.width
    3
    >>> search_construction(p, "output-bias", target=2, joint=True).construction.points
    ((-sigma2/sigma3,), (2*sigma2/sigma3,))
    """
    data = as_polynomial(poly)
    model = as_model(model)
    start = time.monotonic()
    clock = Clock(start + timeout)
    setup = _setup_seconds(data, model)
    if setup > MIN_SETUP_SECONDS and not clock.affords(setup):
        return SearchOutcome(None, False, 0, time.monotonic() - start, "timeout",
                             (f"the search's set-up (the linear system and the baseline "
                              f"construction, estimated {setup:.1f} s) does not fit in the "
                              f"time left",))
    rng = random.Random(seed)
    if joint and len(relevant_parts(data, model)) > 2:
        raise WidthError("a joint search needs at most two non-zero parts in the model")
    system = WeightSystem(data, model, joint, sign)
    if not system.targets:
        raise WidthError("nothing to approximate in this model (only a constant)")
    top = max(grid, MAX_GRID if max_grid is None else max_grid)
    best, runs, iterations, stopped, notes = _improve(
        system, _baseline(data, model, joint, sign), target, range(grid, top + 1), clock, rng,
        max_iterations)
    for g, run in runs.items():
        notes.append(f"grid {g}: {len(run.stage.cands)} candidate points, {run.orderings} "
                     f"orderings, {run.stage.moves} moves, {run.seconds:.2f} s")
    construction = _construction(data, model, best, iterations, joint, sign)
    return SearchOutcome(construction, construction.width <= target, iterations,
                         time.monotonic() - start, stopped, tuple(notes), best.grid,
                         tuple(runs))


def _baseline(data: Polynomial, model: WidthModel, joint: bool, sign: int) -> _Best:
    """The construction every search starts from: :func:`monomial_sum` (with ``joint``,
    its per-degree weights added up at ``sigma = (1, sign)`` into one joint solution)."""
    baseline = monomial_sum(data, model)
    coords = dict(baseline.part_weights)
    if joint:
        signs = [1] * (len(coords) - 1) + [sign]
        coords = {JOINT: tuple(sum((s * w for s, w in zip(signs, ws, strict=True)),
                                   Fraction(0))
                               for ws in zip(*(coords[k] for k in sorted(coords)),
                                             strict=True))}
    return _Best([tuple(int(v) for v in a) for a in baseline.points], coords, None)


def _improve(system: WeightSystem, best: _Best, target: int, grids: range, clock: Clock,
             rng: random.Random, max_iterations: int
             ) -> tuple[_Best, dict[int, _Run], int, str, list[str]]:
    """Restarts on the ``grids``, opened one after the other as the newest goes stale, the
    open ones sharing the time equally, until ``best`` reaches ``target``, the time is up or
    every grid has had ``max_iterations`` orderings. Returns the best construction, the runs
    by grid, the orderings tried, why it stopped and the notes."""
    model = system.model
    notes: list[str] = []
    runs: dict[int, _Run] = {}
    iterations = 0
    stopped = "iterations"
    following = grids.start  # the next grid to open
    top = grids.stop - 1
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
    return best, runs, iterations, stopped, notes


def _construction(data: Polynomial, model: WidthModel, best: _Best, iterations: int,
                  joint: bool, sign: int) -> Construction | FormulaConstruction:
    """The construction of ``best``: exact rational points, or with ``joint`` points and
    weights depending on sigma (:func:`torus_transfer`)."""
    constant = data.terms.get((0,) * data.nvars, Fraction(0))
    method = ("sum of finite differences" if best.grid is None
              else f"search (grid {best.grid}, {iterations} orderings)")
    if joint:
        at = "sigma = 1" if sign == 1 else "sigma_k1 = 1, sigma_k2 = -1"
        return torus_transfer(data, model, best.points, list(best.coords[JOINT]),
                              f"{method}, joint at {at}, torus transfer", sign)
    return Construction(
        tuple(tuple(Fraction(v) for v in a) for a in best.points),
        best.coords,
        model,
        constant if model.output_bias else Fraction(0),
        method,
    )
