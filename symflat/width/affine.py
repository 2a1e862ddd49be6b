r"""Lower bounds with a bias on every hidden neuron (the affine models, Eq. 6).

A network ``c + sum_j w_j sigma(a_j . x + b_j)`` expands, with
``tau_k(b) = sigma^(k)(b) / k!``, to ``sum_k sum_j w_j tau_k(b_j) (a_j . x)^k``: each neuron
brings its own coefficient to every degree, so the single form ``G`` of
:mod:`symflat.width.lower` no longer exists. What remains is that the *points* serve every
degree at once.

Theorem 1 (stacked catalecticants; every sigma)
-----------------------------------------------
For ``t >= 0`` let ``C_t`` be the matrix of ``theta -> (theta(P_k))_{k >= max(t, 1)}`` on the
forms ``theta`` of degree ``t`` in ``T = K[X_1..X_n]`` acting by differentiation (the
catalecticants ``Cat_t(P_k)`` side by side). Then ``m >= max_t rank C_t``, for every
activation, every bias and output bias, over ``C``.

*Proof.* Let ``p_1..p_s`` be the distinct directions ``[a_j]`` of the neurons with
``a_j != 0`` (``s <= m``) and ``I`` their homogeneous ideal. For ``k >= 1``,
``P_k = sum_j w_j tau_k(b_j) (a_j . x)^k`` lies in the span of the ``(p_i . x)^k``; for
``theta`` in ``I_t`` and ``t <= k``, ``theta((p . x)^k) = k!/(k-t)! theta(p) (p . x)^(k-t) = 0``,
so ``I_t`` is in the kernel of ``C_t``, and ``s >= dim (T/I)_t >= rank C_t`` (the Hilbert
function of ``s`` points is at most ``s``). ∎

Theorem 2 (no critical point; real networks)
--------------------------------------------
If ``sigma' != 0`` on the whole real line (``sigma`` strictly monotone: sigmoid, tanh,
softplus, exp) and ``P_1 = 0``, then a real network has ``m >= r_1 + 1``, ``r_1 = rank C_1``
(the number of essential variables of ``P``).

*Proof.* Drop the neurons with ``w_j = 0``. By Theorem 1 at ``t = 1``, ``m >= s >=
dim span{a_j} >= r_1``. If ``m = r_1`` the ``a_j`` are therefore linearly independent, and the
degree-1 condition ``sum_j w_j tau_1(b_j) a_j = P_1 = 0`` forces ``w_j sigma'(b_j) = 0``, so
``sigma'(b_j) = 0`` at a real ``b_j``: impossible. ∎

So with tanh, ``x1 x2`` needs 3 neurons with free biases (2 only with a critical point,
``sigma'(b) = 0``), against 4 at one shared bias point (Eq. 11). Constructions for these
models are the shared-point ones (every ``b_j`` equal), which these bounds need not meet:
the gap is printed.
"""

from __future__ import annotations

import flint

from symflat.exact.polynomial import Polynomial
from symflat.width._budget import Clock
from symflat.width.lower import DegreeRanks, LowerBound, cat_seconds, catalecticant_matrix
from symflat.width.model import MONOTONE, WidthModel

__all__ = ["affine_bound", "stacked_rank"]


def stacked_rank(data: Polynomial, t: int) -> tuple[int, int, int]:
    """``(rows, cols, rank C_t)`` of Theorem 1.

    Examples
    --------
    >>> from symflat.width.polynomials import as_polynomial
    >>> stacked_rank(as_polynomial("x1*x2*x3"), 1)
    (3, 6, 3)
    """
    parts = data.parts()
    blocks = [catalecticant_matrix(parts[k], data.nvars, k, t)
              for k in sorted(parts) if k >= max(t, 1)]
    if not blocks:
        return 0, 0, 0
    rows = blocks[0].nrows()
    cols = sum(b.ncols() for b in blocks)
    lists = [b.tolist() for b in blocks]
    entries = [v for i in range(rows) for rows_of_block in lists for v in rows_of_block[i]]
    matrix = flint.fmpq_mat(rows, cols, entries)
    return rows, cols, matrix.rank() if rows and cols else 0


def affine_bound(data: Polynomial, model: WidthModel, clock: Clock) -> LowerBound:
    """The better of Theorems 1 and 2 of the module docstring.

    Examples
    --------
    >>> from symflat.width.polynomials import as_polynomial
    >>> affine_bound(as_polynomial("x1*x2"), WidthModel("free"), Clock(None)).value
    2
    >>> affine_bound(as_polynomial("x1*x2"), WidthModel("free", activation="tanh"),
    ...              Clock(None)).value
    3
    """
    d = data.degree
    ranks = []
    nterms = len(data.terms)
    for t in range(d + 1):
        if ranks and not clock.affords(cat_seconds(data.nvars - 1, d, t, nterms, 64)):
            break
        rows, cols, rank = stacked_rank(data, t)
        ranks.append(DegreeRanks(t, rows, cols, rank, 0))
    value = max((r.rank for r in ranks), default=1)
    best_t = max(ranks, key=lambda r: r.rank).t if ranks else 0
    notes = [f"Theorem 1 (every sigma): max_t rank C_t = {value}, at t = {best_t}"]
    hypothesis = "every sigma, every bias"
    r1 = next((r.rank for r in ranks if r.t == 1), None)
    if (model.activation in MONOTONE and r1 and not data.parts().get(1)
            and r1 + 1 > value):
        value = r1 + 1
        hypothesis = (f"sigma = {model.activation}: sigma' > 0 on R (no critical point), "
                      "real biases")
        notes.append(f"Theorem 2 ({hypothesis}): P_1 = 0, so m >= r_1 + 1 = {value}")
    if len(ranks) < d + 1:
        notes.append(f"time limit: the orders t > {ranks[-1].t} were left out (the maximum "
                     "over the orders computed is still a proven bound)")
    return LowerBound(value, model, d, "affine", "every" if len(notes) == 1 else
                      "this activation", tuple(ranks), None, (hypothesis, *notes))
