"""The best proven lower bound for a width model: the one entry point.

The theory lives beside this module: :mod:`symflat.width.lower` (the generic activation, the
apolarity bound), :mod:`symflat.width.zeros` (a given activation whose Taylor coefficients may
vanish: the filtered bound) and :mod:`symflat.width.affine` (a free bias on every hidden
neuron). :func:`best_bound` picks the one the model asks for; :func:`lower_bound` is its
public form. For a form in the no-bias model whose apolarity bound ``b`` is complete (every
degree constrained: the generic activation, or a given one whose ``sigma_k`` are proved
non-zero for ``k <= d``), :mod:`symflat.width.rigidity` (every first-order lift of the
apolar ideal is a translation) and :mod:`symflat.width.smoothable` (the
apolar algebra is not smoothable) then try to prove ``b`` neurons impossible: the bound
becomes ``b + 1``.
"""

from __future__ import annotations

from dataclasses import replace

from symflat.exact.polynomial import Polynomial
from symflat.width._budget import Clock
from symflat.width.affine import affine_bound
from symflat.width.lower import LowerBound, check_size, generic_bound
from symflat.width.model import WidthModel, as_model
from symflat.width.polynomials import as_polynomial
from symflat.width.rigidity import rigidity_bound
from symflat.width.smoothable import SMOOTHABLE_UP_TO, tangent_bound
from symflat.width.zeros import activation_bound

__all__ = ["best_bound", "lower_bound"]

#: Share of the time left that the tangent-space test may use (it only ever adds one).
TANGENT_SHARE = 0.5
#: The methods that prove the apolarity bound of a form one short (no bias).
BEYOND_LENGTH = ("apolarity + rigid lifts", "apolarity + tangent space")


def best_bound(data: Polynomial, model: WidthModel, clock: Clock) -> LowerBound:
    """The bound of the module ``model`` needs, within the clock's time."""
    check_size(data.nvars, data.degree)
    if model.hidden_bias == "free":
        return affine_bound(data, model, clock)
    bound = (generic_bound if model.generic else activation_bound)(data, model, clock)
    # "apolarity": every degree is constrained (for a given activation, its sigma_k are
    # proved non-zero), which is all the theorems below assume of sigma
    if bound.method != "apolarity" or len(data.parts()) != 1:
        return bound
    if not model.output_bias:
        return _beyond_length(data, bound, clock) or bound
    # one neuron at the origin turns an output bias into a no-bias network (proved in
    # symflat.width.smoothable): the no-bias bound less one holds here too
    without = best_bound(data, replace(model, output_bias=False), clock)
    if without.method in BEYOND_LENGTH and without.value - 1 > bound.value:
        return LowerBound(without.value - 1, model, data.degree, without.method, without.sigma,
                          (), None, (*without.notes,
                                     f"output bias: a neuron at the origin with weight -sum_j "
                                     f"w_j makes any network of this model a no-bias one with "
                                     f"one neuron more, so the no-bias bound {without.value} "
                                     f"less one holds (symflat.width.smoothable)"))
    return bound


def _beyond_length(data: Polynomial, bound: LowerBound, clock: Clock) -> LowerBound | None:
    """The apolarity bound ``b`` of a form, no bias, plus one if ``b`` neurons are proved
    impossible: by rigid lifts (cheap) or by the tangent space."""
    # for a form G = P / sigma_d the ranks of Cat_t(G) are the Hilbert function of A
    hilbert = tuple(r.rank for r in sorted(bound.ranks, key=lambda r: r.t)) or None
    rigid = rigidity_bound(data, clock.share(TANGENT_SHARE), hilbert=hilbert)
    if rigid is not None and rigid.excludes_length and rigid.length == bound.value:
        return replace(bound, value=bound.value + 1, method="apolarity + rigid lifts",
                       notes=(*bound.notes, rigid.note()))
    # (a monomial's apolar ideal (X_i^(a_i+1)) is a complete intersection, smoothable:
    # X_i^(a_i+1) deforms to prod_k (X_i - c_k), distinct points; the test cannot fire)
    if bound.value <= SMOOTHABLE_UP_TO or len(data.terms) == 1:
        return None
    tangent = tangent_bound(data, clock.share(TANGENT_SHARE),
                            give_up_at=bound.value * data.nvars, hilbert=hilbert)
    if tangent is not None and tangent.non_smoothable and tangent.length == bound.value:
        return replace(bound, value=bound.value + 1, method="apolarity + tangent space",
                       notes=(*bound.notes, tangent.note()))
    return None


def lower_bound(poly: object, model: object = "no-bias", *, activation: str | None = None,
                at: object = None, timeout: float | None = None) -> LowerBound:
    """A proven lower bound on the hidden width (see the module docstring for the proof).

    Parameters
    ----------
    poly : str, sympy.Poly, Polynomial or ``(variables, {exponents: coefficient})``
        The polynomial ``P`` (rational coefficients, not constant).
    model : WidthModel or str
        The network class (:class:`~symflat.width.model.WidthModel`), or its name
        (``"no-bias"``, ``"output-bias"``, ``"affine"``, ``"affine+output-bias"``) with
        ``activation`` and ``at``.
    timeout : float, optional
        Seconds. Every rank is estimated before it is computed and left out if it does not
        fit; the bound is then the (still proven) sum over the orders computed, with
        ``method = "partial"`` and a note listing what was left out.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.symbols("x1:4")
    >>> lower_bound(sympy.Poly(x[0]*x[1]*x[2], *x)).value
    8
    >>> lower_bound(sympy.Poly(x[0]*x[1]*x[2], *x), "output-bias").value
    7
    >>> lower_bound(sympy.Poly(x[0]**2*x[1], *x[:2])).value
    6

    An odd activation leaves the even degrees free: half of the sign vectors may do.

    >>> lower_bound("x1*x2*x3", activation="tanh").value
    4

    Under a time limit the orders that do not fit are left out, and the bound says so:

    >>> b = lower_bound(sympy.Poly(x[0]**400, x[0]), timeout=0.5)
    >>> b.method, b.value < 401, "left out" in b.notes[-1]
    ('partial', True, True)
    """
    return best_bound(as_polynomial(poly), as_model(model, activation, at), Clock.after(timeout))
