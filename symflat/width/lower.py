r"""Exact lower bounds on the hidden width of a shallow network (catalecticant ranks).

The question
------------
A single-hidden-layer network with ``m`` neurons and no input biases computes
``f(x) = b + sum_j w_j sigma(a_j . x)``; ``b = 0`` in the *no-bias* model (the paper's
Appendix A) and ``b`` is free in the *output-bias* model (an affine output layer, Eq. 6).
With ``sigma(u) = sum_k sigma_k u^k`` (power convention), ``f`` Taylor-approximates a
polynomial ``P = sum_k P_k`` (``P_k`` its homogeneous parts, ``d = deg P``) through degree
``d`` iff, with ``Q_k = P_k / sigma_k``,

    (E_k)   sum_j w_j (a_j . x)^k = Q_k        for k = 0..d  (no-bias),
                                                 for k = 1..d  (output-bias; E_0 is met by b).

Here every ``sigma_k`` (``k <= d``) is assumed non-zero, as in the paper's theorem; with
``sigma_k = 0`` the equation ``E_k`` would disappear and the bounds below need not hold.

Homogenisation
--------------
Multiply ``E_k`` by ``binom(d, k) z^(d-k)`` and add: the system is equivalent to

    G := sum_k binom(d, k) z^(d-k) Q_k  =  sum_j w_j (z + a_j . x)^d,

i.e. to writing the form ``G`` in ``n + 1`` variables as a sum of ``m`` ``d``-th powers of
linear forms whose ``z``-coefficient is non-zero (scale each form to make it 1). In the
output-bias model the coefficient ``c`` of ``z^d`` is free (it equals ``sum_j w_j``), so the
model asks for the best ``G_c = c z^d + sum_{k>=1} binom(d,k) z^(d-k) Q_k`` over all ``c``.

Theorem (lower bound; proved here)
----------------------------------
Let ``T = K[Z, X_1..X_n]`` act on forms by differentiation, ``Ann(G)`` the annihilator,
``Cat_t(G)`` the catalecticant (the matrix of ``T_t -> forms of degree d-t``,
``theta -> theta(G)``) and ``Cat^Z_t(G)`` its rows indexed by monomials divisible by ``Z``
(which is ``Cat_(t-1)(dG/dz)``). If ``G = sum_{j<=m} w_j (z + a_j . x)^d`` then

    m  >=  b(G) := sum_{t=0}^{d} [ rank Cat_t(G) - rank Cat^Z_t(G) ].

*Proof.* Merge equal points and drop zero weights: ``G = sum_{j<=m'} w_j l_j^d`` with
``m' <= m`` distinct points ``p_j = [1 : a_j]``. For ``theta`` in the ideal ``I`` of those
points and ``t <= d``, ``theta(l_j^d) = d!/(d-t)! theta(p_j) l_j^(d-t) = 0``, so
``I ⊂ Ann(G)`` (apolarity lemma; for ``t > d`` both are everything). ``Z`` vanishes at no
``p_j``, so it is a non-zero-divisor on ``T/I`` (``I`` is the intersection of the point
ideals, none containing ``Z``); hence ``dim (T/(I+Z))_t = h_I(t) - h_I(t-1)`` and these sum to
``lim h_I = m'``. As ``I + (Z) ⊂ Ann(G) + (Z)``,
``m >= m' >= sum_t dim (T/(Ann(G)+(Z)))_t``. Finally ``(T/(Ann(G)+(Z)))_t`` is
``T_t / (Ann(G)_t + Z T_(t-1))``, whose dimension is, applying ``theta -> theta(G)`` (kernel
``Ann(G)_t``), ``rank Cat_t(G) - dim span{theta(G) : theta in Z T_(t-1)}`` =
``rank Cat_t(G) - rank Cat^Z_t(G)``. The bound holds over any field of characteristic 0, so
complex points and weights do not beat it. ∎

Equivalently ``b(G) = sum_e dim(D(G) ∩ K[x]_e)``, the number of independent ``z``-free
derivatives of ``G`` (telescope the sum). For a homogeneous ``P`` in the no-bias model ``G`` is
``P / sigma_d``, every derivative is ``z``-free, and ``b`` is the dimension of the span of all
partial derivatives of ``P``: ``2^n`` for ``x1...xn``, ``prod (r_i + 1)`` for ``x^r``.

Dependence on the sigma_k (proved here)
---------------------------------------
``b`` depends on the ``sigma_k`` in general: for ``P = 1 + x + x^2`` with all ``sigma_k = 1``,
``G = (z + x)^2`` and ``b = 1`` (indeed ``P = sigma(x)`` to second order, one neuron), while
for generic ``sigma_k`` ``b = 2``. But the torus ``z -> lam z, x -> mu x, G -> kappa G`` maps
``Q_k`` to ``kappa lam^(d-k) mu^k Q_k``, preserves every rank above and the ``z``-free
subspaces, and maps sums of powers of forms with non-zero ``z``-coefficient to such sums. If
at most two parts ``k1 < k2`` enter ``G`` (``Q_k`` non-zero, counting ``k = 0`` only in the
no-bias model), ``kappa mu^k1 = s1, kappa mu^k2 = s2`` is solvable over ``C`` for every
non-zero ``s1, s2``; so ``b`` computed with every ``sigma_k = 1`` *is* ``b`` for **every**
``sigma`` with non-zero ``sigma_k`` (``k <= d``). This covers every homogeneous polynomial,
and a homogeneous polynomial plus a constant. With three or more parts two of the
``1/sigma_k`` are normalised to 1 by the torus and the others are kept as independent
parameters: the bound stated is for *generic* ``sigma`` (outside a proper algebraic subset), and
it is certified exactly by the combinatorial Nullstellensatz: each minor is a polynomial of
degree ``< D`` in each parameter, so the largest rank over a grid of ``D`` values per parameter
is the rank over the field of rational functions. When that grid is too large, only bounds
valid for every sigma are reported (see :func:`lower_bound`), and the certificate says so.

The output-bias model (proved here)
-----------------------------------
A network with an output bias gives, for ``c = sum_j w_j``, a decomposition of ``G_c`` with
the same ``m``; so ``m >= min_c b(G_c)`` over all complex ``c``. In every catalecticant ``c``
occurs in one entry only (row ``Z^t``, column ``Z^(d-t)``, value ``d! c``); so each rank, as a
function of ``c``, is ``rho - [c = c*]`` with at most one exceptional ``c*`` (Meyer's rank
formula for a rank-one update ``A + c u v^T``: ``rank A + 1`` for ``c != 0`` if ``u`` is not in
the column space and ``v`` not in the row space; ``rank A`` if exactly one is; if both are, with
``A y = u``, the rank drops to ``rank A - 1`` exactly at ``c = -1/(v . y)``). The minimum over
``c`` is therefore taken over the finitely many exceptional values and one generic value, all
computed exactly. Two further facts, used as checks: a neuron with ``a = 0`` is a constant, so
``m_out(P) <= m_nobias(P) <= m_out(P) + 1``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from itertools import product
from math import comb, factorial, prod

import flint

from symflat.exact.polynomial import Polynomial
from symflat.width._budget import Clock
from symflat.width.model import WidthModel
from symflat.width.polynomials import WidthError, count_monomials, monomials

__all__ = [
    "MAX_MATRIX_ENTRIES",
    "DegreeRanks",
    "LowerBound",
    "generic_bound",
    "check_size",
    "matrix_sizes",
    "catalecticant_matrix",
    "apolarity",
    "relevant",
    "left_out",
    "catalecticant_bound",
    "cat_seconds",
    "apolarity_for_scale",
]

#: Refuse (before starting) when one catalecticant would have more entries than this.
MAX_MATRIX_ENTRIES = 6_000_000
#: Largest number of rank evaluations spent certifying a generic-sigma rank on a grid.
MAX_GRID_EVALUATIONS = 400


@dataclass(frozen=True)
class DegreeRanks:
    """The ranks behind the contribution of derivative order ``t`` to the bound."""

    t: int
    rows: int
    cols: int
    rank: int
    rank_z: int

    @property
    def contribution(self) -> int:
        return self.rank - self.rank_z

    def to_dict(self) -> dict[str, int]:
        return {
            "t": self.t,
            "rows": self.rows,
            "cols": self.cols,
            "rank_cat": self.rank,
            "rank_cat_z": self.rank_z,
            "contribution": self.contribution,
        }


@dataclass(frozen=True)
class LowerBound:
    """A proven lower bound on the hidden width, with what was computed.

    ``sigma`` says for which activations the bound is proven: ``"every"`` (every sigma with
    non-zero sigma_k for the model's degrees), ``"generic"`` (outside a proper algebraic subset
    of sigma), ``"this activation"`` (the model's named activation, its exact coefficients);
    :attr:`hypothesis` says it in words. ``method`` is ``"apolarity"`` (the full bound of the
    module docstring), ``"apolarity + rigid lifts"`` and ``"apolarity + tangent space"`` (one
    more, by :mod:`symflat.width.rigidity` or :mod:`symflat.width.smoothable`),
    ``"filtered apolarity"`` (the bound of :mod:`symflat.width.zeros` for an
    activation with vanishing coefficients), ``"affine"`` (:mod:`symflat.width.affine`),
    ``"exhaustive"`` or ``"partial"`` (the best of the weaker bounds, when the full one was too
    expensive to certify).
    """

    value: int
    model: WidthModel
    degree: int
    method: str
    sigma: str
    ranks: tuple[DegreeRanks, ...] = ()
    bias_sum: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def hypothesis(self) -> str:
        """What the bound assumes of sigma, in words."""
        if self.method == "affine":
            return self.notes[0] if self.notes else "every sigma"
        if self.sigma == "this activation":
            return self.model.hypothesis()
        ks = self.model.degrees(self.degree)
        qualifier = "generic sigma (outside a proper algebraic subset) " if (
            self.sigma == "generic") else "every sigma "
        return qualifier + "with sigma_k != 0 for k in {" + ", ".join(map(str, ks)) + "}"

    def to_dict(self) -> dict[str, object]:
        return {
            "value": self.value,
            "model": self.model.to_dict(),
            "degree": self.degree,
            "method": self.method,
            "sigma": self.sigma,
            "hypothesis": self.hypothesis,
            "ranks": [r.to_dict() for r in self.ranks],
            "bias_sum": self.bias_sum,
            "notes": list(self.notes),
        }


# --------------------------------------------------------------------------- matrices


def matrix_sizes(nvars: int, degree: int) -> list[tuple[int, int]]:
    """``(rows, cols)`` of ``Cat_t(G)`` for ``t = 0..degree`` (``G`` has ``nvars + 1`` variables).

    Examples
    --------
    >>> max(r * c for r, c in matrix_sizes(4, 8))
    4900
    """
    return [
        (count_monomials(nvars + 1, t), count_monomials(nvars + 1, degree - t))
        for t in range(degree + 1)
    ]


def check_size(nvars: int, degree: int) -> None:
    biggest = max(r * c for r, c in matrix_sizes(nvars, degree))
    if biggest > MAX_MATRIX_ENTRIES:
        raise WidthError(
            f"degree {degree} in {nvars} variables needs catalecticant matrices with "
            f"{biggest:,} entries (limit {MAX_MATRIX_ENTRIES:,}); refusing before starting"
        )


def _homogenized(
    parts: dict[int, dict[tuple[int, ...], Fraction]], degree: int, scale: dict[int, Fraction]
) -> dict[tuple[int, ...], Fraction]:
    """Coefficients of ``G = sum_k binom(d,k) z^(d-k) scale_k P_k``; exponents ``(z, x...)``."""
    g: dict[tuple[int, ...], Fraction] = {}
    for k, terms in parts.items():
        s = scale.get(k, Fraction(0))
        if s == 0:
            continue
        for e, c in terms.items():
            g[(degree - k, *e)] = comb(degree, k) * s * c
    return g


@lru_cache(maxsize=16)
def _index(nvars: int, degree: int) -> dict[tuple[int, ...], int]:
    """Position of each monomial of ``degree`` in :func:`monomials` order."""
    return {m: i for i, m in enumerate(monomials(nvars, degree))}


@lru_cache(maxsize=8)
def _factorials(degree: int) -> tuple[int, ...]:
    out = [1]
    for i in range(1, degree + 1):
        out.append(out[-1] * i)
    return tuple(out)


def _divisors(beta: tuple[int, ...], t: int) -> list[tuple[int, ...]]:
    """The exponents ``alpha <= beta`` (entrywise) of total degree ``t``.

    Examples
    --------
    >>> _divisors((2, 0, 1), 2)
    [(2, 0, 0), (1, 0, 1)]
    """
    support = [i for i, b in enumerate(beta) if b]  # only these positions can be non-zero
    room = [0] * (len(support) + 1)  # room[k]: the most degree positions k.. can take
    for k in range(len(support) - 1, -1, -1):
        room[k] = room[k + 1] + beta[support[k]]
    out: list[tuple[int, ...]] = []
    alpha = [0] * len(beta)

    def fill(k: int, left: int) -> None:
        if left == 0:
            out.append(tuple(alpha))
            return
        if room[k] < left:
            return
        i = support[k]
        for a in range(min(beta[i], left), -1, -1):
            alpha[i] = a
            fill(k + 1, left - a)
        alpha[i] = 0

    fill(0, t)
    return out


class Catalecticant:
    """The catalecticant ``Cat_t(G)`` (entries ``(alpha+gamma)! g_(alpha+gamma)``) as flint data.

    Built term by term: each term ``g_beta`` of ``G`` fills the entries ``(alpha, beta-alpha)``
    for its divisors ``alpha`` of degree ``t`` (the matrix is a sparse Hankel-like matrix; a
    scan of every row against every term would cost ``rows * terms`` comparisons instead).
    """

    def __init__(self, g: dict[tuple[int, ...], Fraction], nvars1: int, degree: int, t: int):
        nr, nc = count_monomials(nvars1, t), count_monomials(nvars1, degree - t)
        row_index = _index(nvars1, t)
        col_index = _index(nvars1, degree - t)
        self.nz = count_monomials(nvars1, t - 1) if t >= 1 else 0  # Z-rows come first
        fact = _factorials(degree)
        entries: list[tuple[int, int, flint.fmpq]] = []
        for beta, coeff in g.items():
            value = coeff * prod(fact[b] for b in beta)
            v = flint.fmpq(value.numerator, value.denominator)
            for alpha in _divisors(beta, t):
                gamma = tuple(b - a for a, b in zip(alpha, beta, strict=True))
                entries.append((row_index[alpha], col_index[gamma], v))
        self.nr, self.nc = nr, nc
        self.entries = entries
        self.degree = degree
        self.t = t

    def matrix(self, z_rows_only: bool = False) -> flint.fmpq_mat:
        nr = self.nz if z_rows_only else self.nr
        m = flint.fmpq_mat(nr, self.nc)
        for i, j, v in self.entries:
            if i < nr:
                m[i, j] = v
        return m

    def zt_position(self) -> tuple[int, int]:
        """Row of ``Z^t`` and column of ``Z^(d-t)`` (where ``c`` enters)."""
        return 0, 0  # both are the first monomials of their degree in our order


def catalecticant_matrix(form: dict[tuple[int, ...], Fraction], nvars: int, degree: int,
                         t: int) -> flint.fmpq_mat:
    """``Cat_t`` of a form of ``degree`` in ``nvars`` variables (rows: derivatives of order
    ``t``; entries ``(alpha+gamma)! f_(alpha+gamma)``).

    Examples
    --------
    >>> catalecticant_matrix({(1, 1): Fraction(1)}, 2, 2, 1).rank()
    2
    """
    return Catalecticant(form, nvars, degree, t).matrix()


def matrix_rank(m: flint.fmpq_mat) -> int:
    """The exact rank over Q (0 for an empty matrix, which flint does not accept)."""
    if m.nrows() == 0 or m.ncols() == 0:
        return 0
    return m.rank()


def cat_seconds(nvars: int, degree: int, t: int, nterms: int, bits: int) -> float:
    """A deliberately pessimistic estimate of the seconds to build ``Cat_t(G)`` and take its
    two ranks (``G`` with ``nterms`` terms in ``nvars + 1`` variables, entries of ``bits``).

    Examples
    --------
    >>> cat_seconds(1, 1000, 500, 1, 8530) > 1
    True
    """
    nr, nc = count_monomials(nvars + 1, t), count_monomials(nvars + 1, degree - t)
    # building: each term enumerates its divisors of degree t, and each (divisor, term) pair
    # fills one entry, so there are at most min(rows * terms, rows * cols) pairs
    pairs = min(nr * nterms, nr * nc)
    return (3e-4 + nterms * 1e-5 + pairs * 4e-6 + nr * nc * 5e-7
            + 2 * nr * nc * min(nr, nc) * (1 + bits / 64) * 2.5e-10)


def _entry_bits(g: dict[tuple[int, ...], Fraction], degree: int) -> int:
    """Bits of the largest catalecticant entry ``(alpha+gamma)! g``, at most."""
    top = max((abs(c.numerator) * c.denominator for c in g.values()), default=1)
    return top.bit_length() + factorial(degree).bit_length()


def _orders(g: dict[tuple[int, ...], Fraction], nvars: int, degree: int, clock: Clock | None
            ) -> list[int]:
    """The orders ``t`` whose ranks fit in the time left, cheapest first (all without a clock).

    Every order contributes ``rank Cat_t - rank Cat_t^Z = dim (T/(Ann(G)+(Z)))_t >= 0``, so
    the sum over any subset of orders is still a lower bound: orders that do not fit are left
    out, and the bound says so."""
    if clock is None or clock.deadline is None:
        return list(range(degree + 1))
    bits = _entry_bits(g, degree)
    costs = sorted((cat_seconds(nvars, degree, t, len(g), bits), t) for t in range(degree + 1))
    chosen, spent = [], 0.0
    for cost, t in costs:
        if not clock.affords(spent + cost):
            break
        chosen.append(t)
        spent += cost
    return sorted(chosen)


def _bound_from_g(
    g: dict[tuple[int, ...], Fraction], nvars: int, degree: int, clock: Clock | None = None
) -> tuple[int, tuple[DegreeRanks, ...]]:
    """The bound and its ranks; with a ``clock``, only over the orders that fit in time (the
    ranks then miss the others: see :func:`_orders`)."""
    ranks = []
    for t in _orders(g, nvars, degree, clock):
        cat = Catalecticant(g, nvars + 1, degree, t)
        r = matrix_rank(cat.matrix())
        rz = matrix_rank(cat.matrix(z_rows_only=True))
        ranks.append(DegreeRanks(t, cat.nr, cat.nc, r, rz))
    return sum(r.contribution for r in ranks), tuple(ranks)


# ----------------------------------------------------------------- output-bias analysis


def _rref_pivots(m: flint.fmpq_mat) -> tuple[list[list[flint.fmpq]], list[int]]:
    r, rank = m.rref()
    rows = r.tolist()[:rank]
    pivots = [next(j for j, v in enumerate(row) if v != 0) for row in rows]
    return rows, pivots


def _rank_one_profile(a: flint.fmpq_mat, i: int, j: int, scale: int) -> tuple[int, Fraction | None]:
    """``rank(A + c*scale*E_ij)`` as ``(rho, c_star)``: ``rho`` except ``rho - 1`` at ``c_star``."""
    nr, nc = a.nrows(), a.ncols()
    if nr == 0 or nc == 0:
        return 0, None
    r0 = matrix_rank(a)
    e_i = flint.fmpq_mat(nr, 1, [1 if k == i else 0 for k in range(nr)])
    e_j = flint.fmpq_mat(nc, 1, [1 if k == j else 0 for k in range(nc)])
    aug_col = flint.fmpq_mat(nr, nc + 1, [v for row in _hstack(a, e_i) for v in row])
    in_col = matrix_rank(aug_col) == r0
    at = a.transpose()
    aug_row = flint.fmpq_mat(nc, nr + 1, [v for row in _hstack(at, e_j) for v in row])
    in_row = matrix_rank(aug_row) == r0
    if not in_col and not in_row:
        return r0 + 1, Fraction(0)
    if in_col != in_row:
        return r0, None
    rows, pivots = _rref_pivots(aug_col)
    y_j = Fraction(0)
    for row, p in zip(rows, pivots, strict=True):
        if p == j:
            v = row[nc]
            y_j = Fraction(int(v.p), int(v.q))
    if y_j == 0:
        return r0, None
    return r0, Fraction(-1) / (y_j * scale)


def _hstack(a: flint.fmpq_mat, b: flint.fmpq_mat) -> list[list[flint.fmpq]]:
    return [ra + rb for ra, rb in zip(a.tolist(), b.tolist(), strict=True)]


def _output_bias_bound(
    parts: dict[int, dict[tuple[int, ...], Fraction]],
    nvars: int,
    degree: int,
    scale: dict[int, Fraction],
    clock: Clock | None = None,
) -> tuple[int, tuple[DegreeRanks, ...], str]:
    """``min_c b(G_c)`` with ``G_c = c z^d + (the parts k >= 1)``; exact (see the docstring).
    With a ``clock``, only over the orders that fit in time (still a lower bound)."""
    h = _homogenized({k: v for k, v in parts.items() if k >= 1}, degree, scale)
    profiles = []  # per t: (t, rows, cols, (rho, c*), (rho_z, c*_z))
    for t in _orders(h, nvars, degree, clock):
        cat = Catalecticant(h, nvars + 1, degree, t)
        i, j = cat.zt_position()
        full = _rank_one_profile(cat.matrix(), i, j, factorial(degree))
        zrows = (
            _rank_one_profile(cat.matrix(z_rows_only=True), i, j, factorial(degree))
            if cat.nz
            else (0, None)
        )
        profiles.append((t, cat.nr, cat.nc, full, zrows))
    specials = {c for _, _, _, f, z in profiles for c in (f[1], z[1]) if c is not None}

    def ranks_at(c: Fraction | None) -> tuple[DegreeRanks, ...]:
        out = []
        for t, nr, nc, (rho, cs), (rhoz, csz) in profiles:
            r = rho - (1 if c is not None and c == cs else 0)
            rz = rhoz - (1 if c is not None and c == csz else 0)
            out.append(DegreeRanks(t, nr, nc, r, rz))
        return tuple(out)

    best_c: Fraction | None = None  # None = generic c
    best = ranks_at(None)
    for c in sorted(specials):
        cand = ranks_at(c)
        if sum(r.contribution for r in cand) < sum(r.contribution for r in best):
            best, best_c = cand, c
    label = "generic" if best_c is None else str(best_c)
    return sum(r.contribution for r in best), best, label


# ----------------------------------------------------------------------------- the API


def relevant(parts: dict[int, dict], model: WidthModel, degree: int) -> list[int]:
    """The degrees ``k`` of the model's conditions with ``P_k != 0``."""
    constrained = model.degrees(degree)
    return sorted(k for k in parts if k in constrained)


def catalecticant_bound(data: Polynomial, k: int, clock: Clock | None = None) -> int:
    """``max_t rank Cat_t(P_k)``: the classical bound on the Waring rank of the part ``P_k``.

    Every network meets ``sum_j w_j (a_j.x)^k = P_k / sigma_k``, so this bounds the width for
    *every* sigma with ``sigma_k != 0`` in both models.

    Examples
    --------
    >>> from fractions import Fraction
    >>> catalecticant_bound(Polynomial(("x1", "x2"), {(1, 1): Fraction(1)}), 2)
    2
    """
    part = data.parts().get(k)
    if not part:
        return 0
    g = {e: c for e, c in part.items()}
    best = 0
    bits = _entry_bits(g, k)
    for t in range(k // 2 + 1):
        if clock is not None and not clock.affords(cat_seconds(data.nvars - 1, k, t, len(g),
                                                               bits)):
            break
        cat = Catalecticant(g, data.nvars, k, t)
        best = max(best, matrix_rank(cat.matrix()))
    return best


def _unit_scale(parts: dict[int, dict]) -> dict[int, Fraction]:
    return {k: Fraction(1) for k in parts}


def generic_bound(data: Polynomial, model: WidthModel, clock: Clock) -> LowerBound:
    """The bound of this module for the generic activation (no free hidden biases)."""
    d, n = data.degree, data.nvars
    check_size(n, d)
    parts = data.parts()
    parts_in = relevant(parts, model, d)
    if len(parts_in) <= 2:
        value, ranks, bias = apolarity_for_scale(data, model, _unit_scale(parts), clock)
        notes = ("at most two parts enter G: by the torus argument the bound computed with every "
                 "sigma_k = 1 holds for every sigma with non-zero sigma_k, k <= d",)
        method = "apolarity"
        if len(ranks) < d + 1:
            method, notes = "partial", (*notes, left_out(ranks, d))
        return LowerBound(value, model, d, method, "every", ranks, bias, notes)
    if not model.output_bias:
        certified = _generic_by_grid(parts, parts_in, n, d, clock)
        if certified is not None:
            value, ranks, note = certified
            return LowerBound(value, model, d, "apolarity", "generic", ranks, None, (note,))
    return _partial(data, model, clock)


def apolarity(parts: dict[int, dict[tuple[int, ...], Fraction]], nvars: int, degree: int,
              scale: dict[int, Fraction], free_constant: bool, clock: Clock | None = None
              ) -> tuple[int, tuple[DegreeRanks, ...], str | None]:
    """``(b, ranks, c)``: the bound ``b(G)`` of the module docstring for ``G`` homogenised to
    ``degree`` from ``parts`` with ``1/sigma_k = scale[k]``; with ``free_constant`` the
    coefficient of ``z^degree`` is free and ``b`` is the minimum over it, attained at ``c``."""
    if free_constant:
        return _output_bias_bound(parts, nvars, degree, scale, clock)
    value, ranks = _bound_from_g(_homogenized(parts, degree, scale), nvars, degree, clock)
    return value, ranks, None


def apolarity_for_scale(data: Polynomial, model: WidthModel, scale: dict[int, Fraction],
                        clock: Clock | None = None
                        ) -> tuple[int, tuple[DegreeRanks, ...], str | None]:
    """``(bound, ranks, c)`` for the activation with ``1/sigma_k = scale[k]`` (exact): the
    full apolarity bound when every order fits in the clock's time, else the sum over the
    orders computed (``len(ranks) <= d``). ``c`` is where the output-bias minimum is attained.

    Examples
    --------
    >>> p = Polynomial(("x1",), {(2,): Fraction(1), (0,): Fraction(1)})
    >>> apolarity_for_scale(p, WidthModel(), {0: Fraction(1), 2: Fraction(1)})[0]
    2
    """
    return apolarity(data.parts(), data.nvars, data.degree, scale,
                     0 not in model.degrees(data.degree), clock)


def left_out(ranks: tuple[DegreeRanks, ...], d: int) -> str:
    done = {r.t for r in ranks}
    missing = [t for t in range(d + 1) if t not in done]
    return (f"time limit: the orders t in {_ranges(missing)} were left out (their ranks did not "
            f"fit in the time left); each order contributes a dimension >= 0, so the sum over "
            f"the {len(done)} computed orders is still a proven lower bound")


def _ranges(values: list[int]) -> str:
    """``[0, 1, 2, 5]`` as ``"0..2, 5"``."""
    out, start = [], None
    for i, v in enumerate(values):
        if start is None:
            start = v
        if i + 1 == len(values) or values[i + 1] != v + 1:
            out.append(str(v) if v == start else f"{start}..{v}")
            start = None
    return "{" + ", ".join(out) + "}"


def _generic_by_grid(
    parts: dict[int, dict[tuple[int, ...], Fraction]], parts_in: list[int], n: int, d: int,
    clock: Clock,
) -> tuple[int, tuple[DegreeRanks, ...], str] | None:
    """Generic ranks by the combinatorial Nullstellensatz, if the grid is small enough (and
    every evaluation fits in the time left)."""
    free = parts_in[2:]
    sizes = matrix_sizes(n, d)
    grid_size = max(min(r, c) for r, c in sizes) + 1  # a minor has degree < this in each s_k
    evaluations = grid_size ** len(free)
    if evaluations > MAX_GRID_EVALUATIONS:
        return None
    best_r = [0] * (d + 1)
    best_rz = [0] * (d + 1)
    started = time.monotonic()
    for done, values in enumerate(product(range(1, grid_size + 1), repeat=len(free))):
        if done and not clock.affords((time.monotonic() - started) / done):
            return None
        scale = _unit_scale(parts)
        scale.update({k: Fraction(v) for k, v in zip(free, values, strict=True)})
        _, ranks = _bound_from_g(_homogenized(parts, d, scale), n, d, clock)
        if len(ranks) < d + 1:
            return None
        for r in ranks:
            best_r[r.t] = max(best_r[r.t], r.rank)
            best_rz[r.t] = max(best_rz[r.t], r.rank_z)
    ranks = tuple(
        DegreeRanks(t, r, c, best_r[t], best_rz[t]) for t, (r, c) in enumerate(sizes)
    )
    note = (
        f"parts {parts_in}: 1/sigma_k normalised to 1 for k in {parts_in[:2]} (torus); "
        f"generic ranks in 1/sigma_k, k in {free}, certified as maxima over the grid "
        f"{{1..{grid_size}}}^{len(free)} (combinatorial Nullstellensatz)"
    )
    return sum(r.contribution for r in ranks), ranks, note


def _partial(data: Polynomial, model: WidthModel, clock: Clock | None = None) -> LowerBound:
    """Bounds valid for every sigma, when the full generic bound is too costly to certify."""
    parts = data.parts()
    d = data.degree
    notes = []
    best = 0
    for k in sorted(parts):
        if k == 0:
            continue
        v = catalecticant_bound(data, k, clock)
        notes.append(f"Waring-rank bound of P_{k}: {v}")
        best = max(best, v)
    for dprime in range(1, d):
        trunc = {e: c for e, c in data.terms.items() if sum(e) <= dprime}
        tparts = Polynomial(data.variables, trunc).parts()
        if not any(k >= 1 for k in tparts):
            continue
        if len(relevant(tparts, model, dprime)) > 2:
            break
        sub = generic_bound(Polynomial(data.variables, trunc), model, clock or Clock(None))
        notes.append(f"apolarity bound of the truncation to degree {dprime}: {sub.value}")
        best = max(best, sub.value)
    if best < 1:
        best = 1
        notes.append("P is not constant (in this model): at least one neuron")
    notes.append(
        "three or more homogeneous parts: the full generic-sigma apolarity bound was too "
        "costly to certify; this is the best of the bounds above, each valid for every sigma"
    )
    full = full_rank_bound(data, model, clock) if not model.output_bias else None
    if full is not None and full[0] > best:
        value, orders = full
        return LowerBound(value, model, d, "full-rank apolarity", "generic", (), None, (
            f"generic sigma: the derivatives of G span every form of degree e in (z, x) for "
            f"e in {_ranges(orders)} (full rank of Cat_(d-e) at a sample sigma, hence for "
            f"every sigma outside a proper algebraic subset), so each such e contributes all "
            f"z-free forms of degree e: b(G) >= {value}", *notes))
    return LowerBound(best, model, d, "partial", "every", (), None, tuple(notes))


#: The sample sigma of :func:`full_rank_bound`: 1/sigma_k = the k-th prime (any values do).
_PRIMES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73)


def full_rank_bound(data: Polynomial, model: WidthModel, clock: Clock | None = None
                    ) -> tuple[int, list[int]] | None:
    """A bound for the generic sigma that needs no grid: ``sum_e dim K[x]_e`` over the degrees
    ``e`` where ``Cat_(d-e)(G)`` has full column rank (``D(G)_e`` = every form of degree ``e``)
    at one sample sigma.

    *Proof.* ``b(G) = sum_e dim (D(G) ∩ K[x]_e)`` (module docstring). Where ``D(G)_e`` is every
    form of degree ``e`` in ``(z, x)``, its ``z``-free part is all of ``K[x]_e``. Full rank
    is a non-vanishing minor: a polynomial in the ``1/sigma_k`` that is non-zero at the sample,
    hence non-zero outside a proper algebraic subset. So the sum over those ``e`` bounds ``b``,
    and the width, for generic sigma. (Only for the no-bias model: with an output bias the
    constant of ``G`` is a further unknown.)

    Examples
    --------
    >>> from symflat.width.polynomials import as_polynomial
    >>> full_rank_bound(as_polynomial("(x1 + 1)^8"), WidthModel())
    (5, [0, 1, 2, 3, 4])
    """
    d, n = data.degree, data.nvars
    parts = data.parts()
    if len(parts) > len(_PRIMES):
        return None
    scale = {k: Fraction(_PRIMES[i]) for i, k in enumerate(sorted(parts))}
    g = _homogenized(parts, d, scale)
    orders, value = [], 0
    for e in range(d + 1):
        t = d - e
        if clock is not None and not clock.affords(cat_seconds(n, d, t, len(g),
                                                               _entry_bits(g, d))):
            continue
        cat = Catalecticant(g, n + 1, d, t)
        if matrix_rank(cat.matrix()) == cat.nc:  # the image is every form of degree e
            orders.append(e)
            value += count_monomials(n, e)
    return (value, orders) if orders else None
