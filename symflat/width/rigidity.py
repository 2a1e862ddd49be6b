r"""One neuron more than the apolarity bound, when the only first-order lifts are translations.

Setting
-------
As in :mod:`symflat.width.smoothable`: ``P`` a form of degree ``d >= 2`` in ``n`` variables,
the no-bias model, an activation with ``sigma_k != 0`` for ``k <= d`` (the generic one, or a
given one such as exp), ``K = C``.
``S = K[X_1..X_n]`` acts on ``K[x]`` by differentiation, ``I = Ann(P)``, ``A = S/I`` and
``b = dim A`` is the apolarity bound. ``D_v`` is the derivative along ``v``.

Let ``H`` be the space of linear maps ``lambda : I_2 -> S_1`` such that
``sum_j m_j lambda(q_j)`` lies in ``I_2`` for every linear syzygy ``sum_j m_j q_j = 0``
(``q_j`` a basis of ``I_2``, ``m_j`` linear forms). It holds the *translations*
``lambda_v(q) = D_v q``: applying ``D_v`` to a syzygy gives
``sum_j m_j D_v q_j = -sum_j (D_v m_j) q_j``, in ``I_2`` as ``D_v m_j`` are constants.

Theorem (proved here)
---------------------
Suppose (i) ``H`` is the space of translations, (ii) ``I_1 = 0`` (``P`` has ``n`` essential
variables) and (iii) either

(a) some variable ``x_i`` appears at most linearly in ``P`` and never in a term with another
    variable ``x_j`` (``X_i^2`` and ``X_i X_j`` lie in ``I``), or
(b) the only constants ``c_j`` with ``sum_j c_j m_j = 0`` for every linear syzygy
    ``sum_j m_j q_j = 0`` are zero, and the quadrics of ``I`` generate every form of some
    degree ``t`` (their only common zero is the origin): a condition that does not depend on
    the coordinates.

Then every network needs at least ``b + 1`` neurons.

*Proof.* Take a network with ``m <= b`` neurons; merge equal points and drop zero weights:
distinct points ``Z = {a_j}`` with weights ``w_j``. The conditions ``(E_k)`` of
:mod:`symflat.width.lower` say ``sum_j w_j g(a_j) = 0`` for every form ``g`` of degree
``k < d`` and ``sum_j w_j g(a_j) = (g o P) / (d! sigma_d)`` for every form of degree ``d``
(``g o P`` the action; ``g(D)(a . x)^d = d! g(a)``).

1. *Top forms.* Let ``I_Z`` be the ideal of ``Z`` and ``gr(I_Z)`` the ideal of the top-degree
   forms of its elements. For ``f`` in ``I_Z`` of degree ``e <= d`` with top form ``f_e`` and
   any form ``h`` of degree ``d - e``, ``0 = sum_j w_j (h f)(a_j) = (h f_e o P) / (d! sigma_d)``
   (the lower-degree parts of ``h f`` have vanishing sums), so the form ``f_e o P`` of degree
   ``d - e`` is killed by every ``h`` of its degree: ``f_e o P = 0``. Forms of degree above
   ``d`` lie in ``I`` anyway, so ``gr(I_Z) ⊂ I``. As ``dim K[x]/gr(I_Z) = dim K[x]/I_Z = |Z|``,
   ``b <= |Z| <= m``: with ``m = b``, ``gr(I_Z) = I`` and ``|Z| = b``.
2. *The lifts are a translation.* Each ``q`` in ``I_2`` is then the top form of some
   ``f_q = q + l_q + c_q`` in ``I_Z`` (``l_q`` linear, ``c_q`` constant); choose them on the
   basis ``q_j`` and extend linearly. For a linear syzygy, ``sum_j m_j f_(q_j) =
   sum_j m_j l_(q_j) + sum_j m_j c_(q_j)`` lies in ``I_Z``; its degree-2 part is 0 or its top
   form, in ``I`` either way. So ``q -> l_q`` is in ``H``: by (i) ``l_q = D_v q`` for one ``v``.
3. *Constant quadrics.* ``f_q(x - v) = q(x) - q(v) + c_q``, since ``D_v q(v) = 2 q(v)``. It
   vanishes on ``Z' = Z + v``: every ``q`` in ``I_2`` is constant on ``Z'``. A translation does
   not change top forms, so ``gr(I_(Z')) = I``.
4. *A linear form.* Under (a), ``x_i^2 = s`` and ``x_i x_j = t`` on ``Z'`` for constants
   ``s``, ``t``. If ``s = 0``, ``x_i`` vanishes on ``Z'`` and its top form ``x_i`` lies in
   ``I_1``, against (ii). Otherwise ``x_j = t x_i / s`` on ``Z'`` (divide ``x_i x_j = t`` by
   ``x_i``, using ``x_i^2 = s``), so the non-zero linear form ``s x_j - t x_i`` vanishes on
   ``Z'`` and lies in ``gr(I_(Z')) = I``: again against (ii).
   Under (b), let ``c_j`` be the value of ``q_j`` on ``Z'``. For a linear syzygy,
   ``sum_j m_j (q_j - c_j) = -sum_j c_j m_j`` is a linear form vanishing on ``Z'``, so it is
   0 by (ii): the ``c_j`` are such constants, hence all 0, and every quadric of ``I``
   vanishes on ``Z'``. Then so does every form of degree ``t``, ``x_i^t`` among them:
   ``Z' ⊂ {0}``, against ``|Z'| = b >= 2``. ∎

The output bias is handled as in :mod:`symflat.width.smoothable` (a neuron at the origin
turns an output-bias network into a no-bias one with one neuron more).

Computing ``dim H`` (proved here)
---------------------------------
An integer basis of ``I_2`` and of the linear syzygies (the kernel of
``I_2 ⊗ S_1 -> S_3``) is computed exactly (flint's ``fmpz_mat.nullspace``). The unknowns are
the ``n dim I_2`` coefficients of ``lambda``; ``g`` lies in ``I_2`` iff ``g o P = 0``, so each
syzygy gives the ``dim S_(d-2)`` integer equations
``sum_(j,i,i') k_(j,i) lambda_(j,i') D_i D_(i') P = 0``. The rank modulo a prime of random
integer combinations of these equations is at most their rank over ``Q``, so the nullity
modulo ``p`` bounds ``dim H`` from above. The syzygies must be exact: a kernel taken modulo
``p`` may hold vectors that are not reductions of syzygies over ``Q``, whose equations would
be too many.
``H`` contains the translations, whose rank is computed exactly; when the nullity modulo
``p`` equals that rank, (i) is proved. For (b) the constants are one more modular rank (of
integer equations: it may only be too small, so a full rank proves that only 0 is left), and
the quadrics' products with the monomials of degree ``t - 2`` are ranked modulo ``p`` (random
combinations of them, still forms of the ideal) for ``t = d + 1, d + 2``.

Cross-checks in the tests: the translations solve the equations; where a verified network of
``b`` neurons exists for a form satisfying (i), its points are translated onto one level set
of ``I_2`` (step 3); the 3×3 determinant (``b = 20``; (a) with ``x1`` and ``x2``, and (b):
it holds in any coordinates) needs 21 neurons; a general cubic in 6 variables needs 15, as
the tangent space of :mod:`symflat.width.smoothable` also proves (Iarrobino and Emsalem),
and in 8 and 9 variables ``2 n + 3``, where the tangent space proves nothing (in 7 one lift
beyond the translations is left).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from math import comb, lcm

import flint

from symflat.exact.polynomial import Polynomial
from symflat.width._budget import Clock
from symflat.width.polynomials import monomials
from symflat.width.smoothable import (
    PRIME,
    annihilator_basis,
    apolar_hilbert,
    prime_text,
    product_mod_p,
    rank_mod_p,
)

__all__ = ["RigidityBound", "linear_pair", "rigidity_bound"]

#: Give up (no claim) rather than rank more unknowns than this.
MAX_UNKNOWNS = 2000
#: Random combinations of the equations taken beyond the number of unknowns at first.
EXTRA_ROWS = 24

Exponents = tuple[int, ...]


@dataclass(frozen=True)
class RigidityBound:
    """The computation behind :func:`rigidity_bound` (see the module docstring).

    ``lifts_at_most`` bounds ``dim H`` from above (a nullity modulo ``prime``),
    ``translations`` is the exact rank of the translations inside ``H``, ``pair`` the
    variables ``(i, j)`` of condition (iii a), counted from 0 (``None`` if there are none);
    ``constants`` bounds the dimension of the constants of (iii b) from above and
    ``vanishing`` is its degree ``t`` (``None`` when not computed or not found).
    """

    nvars: int
    length: int
    quadrics: int
    syzygies: int
    equations: int
    lifts_at_most: int
    translations: int
    pair: tuple[int, int] | None
    constants: int | None = None
    vanishing: int | None = None
    prime: int = PRIME

    @property
    def rigid(self) -> bool:
        """``H`` is the space of translations (condition (i))."""
        return self.lifts_at_most == self.translations

    @property
    def excludes_length(self) -> bool:
        """No network of ``b`` neurons exists: width at least ``b + 1``."""
        return self.rigid and (self.pair is not None or self.origin_only)

    @property
    def origin_only(self) -> bool:
        """Condition (iii b): the quadrics would vanish on the points, which then collapse."""
        return self.constants == 0 and self.vanishing is not None

    def note(self) -> str:
        if not self.rigid:
            return (f"first-order lifts of Ann(P)_2: dim H <= {self.lifts_at_most}, above the "
                    f"{self.translations} translations: no conclusion")
        verdict = f"b = {self.length} neurons cannot work: width >= b + 1"
        if self.pair is not None:
            i, j = (k + 1 for k in self.pair)
            reason = (f"x{i} is linear in P and shares no term with x{j}, so x{i}^2 = s and "
                      f"x{i} x{j} = t there, and s x{j} - t x{i} would be a linear form "
                      f"vanishing on the points")
        elif self.origin_only:
            reason = (f"the syzygies leave no level but 0, and the quadrics generate every form "
                      f"of degree {self.vanishing}, so the points would all be the origin")
        else:
            reason, verdict = "neither (iii a) nor (iii b) holds", "no conclusion"
        return (f"the {self.quadrics} quadrics of Ann(P), {self.syzygies} linear syzygies "
                f"({self.equations} equations, ranks mod {prime_text(self.prime)}): every "
                f"first-order lift is one of the {self.translations} translations, so after a "
                f"translation the points of a network with b = {self.length} neurons lie on one "
                f"level set of every quadric of Ann(P); {reason}: {verdict} "
                f"(symflat.width.rigidity)")


def linear_pair(data: Polynomial) -> tuple[int, int] | None:
    """Variables ``(i, j)`` (from 0) with ``x_i`` at most linear in ``P`` and no term holding
    both, or ``None``: condition (iii a) of the module docstring.

    Examples
    --------
    >>> from symflat.width.polynomials import as_polynomial
    >>> linear_pair(as_polynomial("x1*x2*x3")) is None, linear_pair(as_polynomial("x1*x2 + x3*x4"))
    (True, (0, 2))
    >>> linear_pair(as_polynomial("x1^2*x2 + x3^2*x4"))
    (1, 2)
    """
    for i in range(data.nvars):
        if all(e[i] <= 1 for e in data.terms):
            for j in range(data.nvars):
                if j != i and not any(e[i] and e[j] for e in data.terms):
                    return i, j
    return None


def _second_derivatives(data: Polynomial) -> dict[tuple[int, int], dict]:
    """``D_i D_j P`` for every ``i, j``, each ``{exponent: integer coefficient}``, of ``P``
    scaled once to integer coefficients (which leaves ``Ann(P)`` and the equations' kernel
    as they are)."""
    scaled = data * lcm(1, *(Fraction(c).denominator for c in data.terms.values()))
    out: dict[tuple[int, int], dict] = {}
    for i in range(data.nvars):
        first = scaled.derivative(i)
        for j in range(i, data.nvars):
            second = {e: int(c) for e, c in first.derivative(j).terms.items()}
            out[i, j] = out[j, i] = second
    return out


def _syzygies(quadrics: list[dict], n: int) -> list[list[int]]:
    """An integer basis of the linear syzygies ``sum_(j,i) k_(j,i) x_i q_j = 0`` (exact)."""
    cubics = {e: r for r, e in enumerate(monomials(n, 3))}
    columns = []
    for q in quadrics:
        for i in range(n):
            column = [0] * len(cubics)
            for e, c in q.items():
                column[cubics[tuple(a + (k == i) for k, a in enumerate(e))]] += c
            columns.append(column)
    matrix = flint.fmpz_mat(len(cubics), len(columns),
                            [column[r] for r in range(len(cubics)) for column in columns])
    kernel, nullity = matrix.nullspace()
    return [[int(v) for v in column] for column in kernel.transpose().tolist()[:nullity]]


def _translations(quadrics: list[dict], n: int) -> list[dict]:
    """``lambda_v`` for ``v = e_t``: the coefficient of ``x_(i')`` in ``D_t q_j``."""
    out = []
    for t in range(n):
        row: dict[tuple[int, int], int] = {}
        for j, q in enumerate(quadrics):
            for e, c in q.items():
                if e[t]:
                    rest = list(e)
                    rest[t] -= 1
                    row[j, rest.index(1)] = row.get((j, rest.index(1)), 0) + c * e[t]
        out.append(row)
    return out


def _equations(syzygies: list[list[int]], second: dict, n: int) -> list[dict]:
    """One integer row ``{(j, i'): value}`` per syzygy and monomial of degree ``d - 2``."""
    rows = []
    for k in syzygies:
        by_monomial: dict[Exponents, dict] = {}
        for (j, i), kk in ((divmod(index, n), kk) for index, kk in enumerate(k) if kk):
            for i2 in range(n):
                for r, c in second[i, i2].items():
                    row = by_monomial.setdefault(r, {})
                    row[j, i2] = row.get((j, i2), 0) + kk * c
        rows.extend(by_monomial.values())
    return rows


def _combined(rows: list[dict], buckets: int, rng: random.Random) -> list[dict]:
    """``buckets`` random combinations of the integer ``rows``, modulo ``PRIME``: each row goes
    to one bucket with a random coefficient. A combination of equations is an equation (an
    integer one, reduced), so the nullity of any such set still bounds ``dim H`` from above;
    a few more random combinations than unknowns almost always reach the full rank."""
    if buckets >= len(rows):
        return [{key: v % PRIME for key, v in row.items()} for row in rows]
    out: list[dict] = [{} for _ in range(buckets)]
    for row in rows:
        target, c = out[rng.randrange(buckets)], rng.randrange(1, PRIME)
        for key, v in row.items():
            target[key] = (target.get(key, 0) + c * v) % PRIME
    return out


def _constants_left(syzygies: list[list[int]], nq: int, n: int) -> int:
    """An upper bound on the dimension of the constants of (iii b): the nullity modulo
    ``PRIME`` of the integer equations ``sum_j c_j k_(j,i) = 0``, one per syzygy and ``i``."""
    rows = [{j: k[j * n + i] % PRIME for j in range(nq) if k[j * n + i]}
            for k in syzygies for i in range(n)]
    return nq - rank_mod_p([row for row in rows if row], {j: j for j in range(nq)}, PRIME)


def _vanishing_degree(quadrics: list[dict], n: int, d: int, rng: random.Random,
                      clock: Clock | None) -> int | None:
    """``t`` in ``(d + 1, d + 2)`` with ``(I_2) S_(t-2) = S_t`` proved modulo ``PRIME``, or
    ``None`` (not found, too large, or out of time)."""
    for t in (d + 1, d + 2):
        columns = {e: k for k, e in enumerate(monomials(n, t))}
        if len(columns) > MAX_UNKNOWNS or (clock is not None and not clock.affords(
                1e-9 * (len(columns) + EXTRA_ROWS) * len(columns) ** 2)):
            return None
        products = [product_mod_p(q, {f: 1}, PRIME) for q in quadrics for f in monomials(n, t - 2)]
        rows = _combined(products, len(columns) + EXTRA_ROWS, rng)
        if rank_mod_p(rows, columns, PRIME) == len(columns):
            return t
    return None


def rigidity_bound(data: Polynomial, clock: Clock | None = None,
                   hilbert: tuple[int, ...] | None = None) -> RigidityBound | None:
    """Decide the conditions of the module docstring's theorem for the form ``data``, or
    ``None`` if it is not a form of degree at least 2, has fewer essential variables than
    variables, is too large, or the clock runs out. ``hilbert`` (``dim A_t``) saves the ranks
    if the caller has them.

    Examples
    --------
    >>> from symflat.width.polynomials import as_polynomial
    >>> det3 = as_polynomial("x1*x5*x9 - x1*x6*x8 - x2*x4*x9 + x2*x6*x7 + x3*x4*x8 - x3*x5*x7")
    >>> r = rigidity_bound(det3)
    >>> r.length, r.lifts_at_most, r.translations, r.pair, r.excludes_length
    (20, 9, 9, (0, 1), True)

    The product ``x1 x2 x3`` has width exactly ``b = 8``: every two variables share its term.

    >>> rigidity_bound(as_polynomial("x1*x2*x3")).excludes_length
    False
    """
    n, d = data.nvars, data.degree
    if d < 2 or any(sum(e) != d for e in data.terms):
        return None
    quadrics = annihilator_basis(data, 2)
    if not quadrics:
        return None
    if hilbert is None and (hilbert := apolar_hilbert(data, clock)) is None:
        return None
    if hilbert[1] < n or n * len(quadrics) > MAX_UNKNOWNS:
        return None
    nq = len(quadrics)
    columns = {(j, i): j * n + i for j in range(nq) for i in range(n)}
    moves = _translations(quadrics, n)
    translations = flint.fmpz_mat(n, len(columns),
                                  [row.get(key, 0) for row in moves for key in columns]).rank()
    if clock is not None and not clock.affords(1e-9 * comb(n + 2, 3) * len(columns) ** 2):
        return None
    syzygies = _syzygies(quadrics, n)
    rows = _equations(syzygies, _second_derivatives(data), n)
    rng = random.Random(0)
    nullity = len(columns)
    for buckets in (len(columns) + EXTRA_ROWS, 2 * len(columns), len(rows)):
        if clock is not None and not clock.affords(1e-9 * buckets * len(columns) ** 2):
            return None
        nullity = len(columns) - rank_mod_p(_combined(rows, buckets, rng), columns, PRIME)
        if nullity == translations or buckets >= len(rows):
            break
    pair = linear_pair(data)
    constants = vanishing = None
    if nullity == translations and pair is None:
        constants = _constants_left(syzygies, nq, n)
        if constants == 0:
            vanishing = _vanishing_degree(quadrics, n, d, rng, clock)
    return RigidityBound(n, sum(hilbert), nq, len(syzygies), len(rows), nullity, translations,
                         pair, constants, vanishing)
