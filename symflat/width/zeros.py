r"""Lower bounds for a given activation, whose Taylor coefficients may vanish.

For a named or user-given sigma the conditions of :mod:`symflat.width.lower` hold only for the
degrees ``K = {k <= d : sigma_k != 0}`` (without ``k = 0`` when there is an output bias): a
degree with ``sigma_k = 0`` imposes nothing, and the form ``sum_j w_j (a_j . x)^k`` is then
free. tanh is odd (``K`` = the odd degrees), the logistic sigmoid is ``1/2`` plus an odd
function (``K = {0} ∪ odd``), softplus is ``u/2`` plus an even function.

Theorem (the filtered apolarity bound; proved here)
---------------------------------------------------
Let ``q >= 1`` and ``e`` in ``K`` with ``R = {k <= e : k ≡ e (mod q)}`` and every ``k >= 1``
of ``R`` in ``K``. Put ``Q_k = P_k / sigma_k`` and

    G_R = sum_{k in R} binom(e, k) z^(e-k) Q_k

(the term ``k = 0`` with a free coefficient when ``0`` is in ``R`` but not in ``K``). If
``m`` neurons Taylor-approximate ``P``, then ``m >= ceil(b(G_R) / q)``, ``b`` the bound of
:mod:`symflat.width.lower` (the minimum over the free coefficient, if there is one).

*Proof.* Let ``zeta`` be a primitive ``q``-th root of unity and ``u_j = a_j . x``. Since
``sum_{i<q} zeta^(i(e-k)) = q [e ≡ k (mod q)]``,

    sum_j w_j sum_{i<q} (zeta^i z + u_j)^e = q sum_{k ≡ e (q)} binom(e,k) z^(e-k) sum_j w_j u_j^k
                                          = q G_R,

because ``sum_j w_j u_j^k = Q_k`` for every ``k >= 1`` of ``R`` (those degrees are in
``K``), and the ``k = 0`` term is ``sum_j w_j`` (fixed to ``Q_0`` when ``0`` is in ``K``,
free otherwise). Each ``(zeta^i z + u_j)^e = zeta^(ie) (z + zeta^(-i) u_j)^e`` is a power of a
linear form with ``z``-coefficient 1, so ``G_R`` is a sum of at most ``q m`` such powers and
the theorem of :mod:`symflat.width.lower` (valid over ``C``) gives ``q m >= b(G_R)``. ∎

With ``q = 1`` and ``e = d`` (every ``sigma_k`` non-zero) this *is* the generic bound, computed
with the activation's exact coefficients. For tanh and ``x1 x2 x3``: ``q = 2``, ``e = 3``,
``R = {1, 3}``, ``G_R = 3 z^2 Q_1 + Q_3 = Q_3`` and ``b = 8`` (all derivatives of
``x1 x2 x3``), so ``m >= 4``; the four sign vectors with ``s1 s2 s3 = 1`` reach it.

The values of the ``sigma_k`` enter only through ``Q_k``. When at most two parts of ``G_R``
are non-zero the torus argument of :mod:`symflat.width.lower` makes ``b`` independent of them
(computed with ``sigma_k = 1``); otherwise the coefficients must be rational (else that ``R``
is skipped). Each part alone also gives the Waring bound ``max_t rank Cat_t(P_k)``,
``k`` in ``K``; the bound reported is the best of all of these.
"""

from __future__ import annotations

from fractions import Fraction
from math import ceil

from symflat.exact.polynomial import Polynomial
from symflat.width._budget import Clock
from symflat.width.lower import LowerBound, apolarity, catalecticant_bound, left_out
from symflat.width.model import WidthModel
from symflat.width.real import real_rank_exceeds

__all__ = ["activation_bound", "filters"]


def filters(constrained: tuple[int, ...], degree: int) -> list[tuple[int, int, tuple[int, ...]]]:
    """The ``(q, e, R)`` of the theorem with at least two degrees in ``R``, largest ``e`` first.

    Examples
    --------
    >>> filters((1, 3), 3)          # tanh through degree 3
    [(2, 3, (1, 3)), (3, 3, (0, 3)), (1, 1, (0, 1))]
    """
    allowed = set(constrained)
    out, seen = [], set()
    for e in sorted((k for k in allowed if k >= 1), reverse=True):
        for q in range(1, e + 1):
            r = tuple(k for k in range(e + 1) if (e - k) % q == 0)
            if len(r) < 2 or r in seen or any(k >= 1 and k not in allowed for k in r):
                continue
            seen.add(r)
            out.append((q, e, r))
    return out


def activation_bound(data: Polynomial, model: WidthModel, clock: Clock) -> LowerBound:
    """The best bound of the module docstring for ``model``'s activation (no free biases).

    Examples
    --------
    >>> from symflat.width.polynomials import as_polynomial
    >>> b = activation_bound(as_polynomial("x1*x2*x3"), WidthModel(activation="tanh"),
    ...                      Clock(None))
    >>> b.value, b.method
    (4, 'filtered apolarity')
    >>> activation_bound(as_polynomial("x1*x2*x3"), WidthModel(activation="exp"),
    ...                  Clock(None)).value
    8
    """
    d = data.degree
    constrained = model.degrees(d)
    taylor = model.taylor(d)
    parts = data.parts()
    # (bound, method, ranks, c, complete) of every bound tried; one neuron at least
    found: list[tuple[int, str, tuple, str | None, bool]] = [(1, "non-constant", (), None,
                                                               True)]
    notes: list[str] = []
    for q, e, r in filters(constrained, d):
        if not clock.affords(0.0):
            notes.append("time limit: further filters were not tried")
            break
        free = 0 in r and 0 not in constrained
        present = [k for k in r if parts.get(k) and not (k == 0 and free)]
        if not any(k >= 1 for k in present):
            continue
        if len(present) <= 2:
            scale = {k: Fraction(1) for k in r}
            how = "at most two parts: by the torus argument any non-zero sigma_k give this b"
        elif all(taylor.rational(k) for k in present):
            scale = {k: 1 / taylor.fraction(k) for k in present}
            how = "with the activation's exact rational coefficients"
        else:
            continue
        sub = {k: parts.get(k, {}) for k in r if not (k == 0 and free)}
        value, ranks, c = apolarity(sub, data.nvars, e, scale, free, clock)
        bound, complete = ceil(value / q), len(ranks) == e + 1
        notes.append(f"q = {q}, e = {e}, R = {{{', '.join(map(str, r))}}}: b(G_R) = {value}"
                     + (f" (minimum over the free constant, at c = {c})" if free else "")
                     + f", so m >= ceil({value}/{q}) = {bound}; {how}"
                     + ("" if complete else "; " + left_out(ranks, e)))
        method = "filtered apolarity" if q > 1 or taylor.zeros else "apolarity"
        found.append((bound, method if complete else "partial", ranks,
                      str(c) if free else None, True))
    for k in constrained:
        if k >= 1 and parts.get(k):
            waring = catalecticant_bound(data, k, clock)
            notes.append(f"Waring bound of P_{k} alone (max_t rank Cat_t(P_{k})): {waring}")
            found.append((waring, "catalecticant", (), None, True))
    value, method, ranks, c, _ = max(found, key=lambda f: f[0])
    if (data.nvars == 1 and 0 in constrained and model.standard(d)
            and all(taylor.rational(k) for k in range(d + 1))):
        scale = {k: 1 / taylor.fraction(k) for k in range(d + 1)}
        reason = real_rank_exceeds(data, scale, value)
        if reason is not None:  # symflat.width.real: real networks need one more neuron
            value, method = value + 1, "real apolarity"
            notes.append(f"real networks (Sylvester, symflat.width.real): {reason}, so "
                         f"m >= {value}")
    zeros = taylor.zeros
    head = (f"{model.activation} at {model.point}: sigma_k = 0 for k in "
            f"{{{', '.join(map(str, zeros))}}}, so those degrees impose nothing" if zeros else
            f"{model.activation} at {model.point}: every sigma_k (k <= {d}) is non-zero")
    return LowerBound(value, model, d, method, "this activation", ranks, c, (head, *notes))
