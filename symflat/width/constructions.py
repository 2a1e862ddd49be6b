"""Which construction :func:`construct` uses: closed forms first, then the search.

- a monomial: sign vectors (Eq. 32), their half ``s1...sn = 1`` for an odd activation, or mixed
  finite differences (:mod:`symflat.width.closed_forms`), fixed rational points;
- degree at most 2: the construction of :mod:`symflat.width.quadratic`, which meets the
  proven minimal width (fixed integer points for a quadratic form, points depending on sigma
  where the width needs them);
- a sum of parts of the full degree in disjoint variables: each part alone, merged
  (:mod:`symflat.width.blocks`), and the whole polynomial's search if that misses the bound;
- one variable (the generic sigma, three parts or more), when the lower bound is at most
  ``PRONY_MAX``: the points of the moment recurrence (:mod:`symflat.width.prony`), which
  depend on sigma;
- otherwise :func:`symflat.width.search.search_construction` over fixed integer points and,
  when that does not reach the lower bound and at most two homogeneous parts enter, the
  *joint* search at ``sigma_k = 1`` transferred to every sigma by the torus
  (:func:`~symflat.width.closed_forms.torus_transfer`): points that depend on sigma, which
  need not meet each part alone. The smaller construction is kept (fixed points on a tie).

Only the degrees the model constrains are met (:meth:`WidthModel.degrees`): for an activation
with vanishing coefficients the closed forms of the generic theory (degree <= 2) are not used,
the search solves for exactly those degrees. With free hidden biases the constructions are the
shared-point ones: every neuron at ``b = 0`` and at the first point of
:data:`symflat.width.model.SHIFTS` where every coefficient is non-zero; the smaller is kept.
"""

from __future__ import annotations

from dataclasses import replace
from math import prod

from symflat.exact.interval import rigorous_sign
from symflat.exact.polynomial import Polynomial
from symflat.width._budget import Clock
from symflat.width.blocks import block_polynomials, merge, share_origin, variable_blocks
from symflat.width.bounds import best_bound
from symflat.width.closed_forms import (
    Construction,
    FormulaConstruction,
    check_construction,
    finite_differences,
    monomial_sum,
    parity_half,
    relevant_parts,
    sign_vectors,
)
from symflat.width.model import SHIFTS, WidthModel, as_model
from symflat.width.polynomials import as_polynomial
from symflat.width.prony import univariate
from symflat.width.quadratic import quadratic_construction
from symflat.width.search import SearchOutcome, search_construction

__all__ = [
    "Construction",
    "FormulaConstruction",
    "SearchOutcome",
    "check_construction",
    "construct",
    "finite_differences",
    "monomial_sum",
    "search_construction",
    "sign_vectors",
]


#: Share of the time the search over fixed points gets when a joint search may follow.
FIXED_SHARE = 0.5
#: Share of the time the blocks of a polynomial in disjoint variables get (the rest goes to
#: the search on the whole polynomial, when the merged construction misses the bound); of a
#: block's share, BLOCK_BOUND_SHARE goes to its lower bound (the block search's target).
BLOCK_SHARE = 0.5
BLOCK_BOUND_SHARE = 0.2
#: Most neurons of the one-variable construction of :mod:`symflat.width.prony` tried here:
#: beyond two, its square roots make the exact re-check of the network's expansion (sympy)
#: take minutes, so the search is used instead.
PRONY_MAX = 2


def construct(poly: object, model: object = "no-bias", *, radicals: bool = True,
              **search_options) -> SearchOutcome:
    """The closed form for a monomial or a polynomial of degree <= 2, otherwise
    :func:`~symflat.width.search.search_construction`.

    ``radicals=False`` leaves out the joint search when its transfer would need a root of a
    ratio of sigma_k (whose sign is then a condition): for a given activation, where the
    condition may fail.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.symbols("x1:4")
    >>> construct(sympy.Poly(2*x[0]*x[1]*x[2], *x)).construction.method
    'sign vectors (Eq. 32)'
    >>> construct(sympy.Poly(x[0]*x[1] + x[1]*x[2], *x)).construction.width
    4
    """
    data = as_polynomial(poly)
    model = as_model(model)
    if model.hidden_bias == "free":
        return _at_shared_points(data, model, radicals, search_options)
    standard = model.standard(data.degree)
    if len(data.terms) == 1:
        ((r, c),) = data.terms.items()
        built = None
        if all(v == 1 for v in r):
            built = (sign_vectors(len(r), c, model) if standard and not model.output_bias
                     else None if standard else parity_half(len(r), c, model))
        if built is None and standard:
            built = finite_differences(r, c, model)
        if built is not None:
            return SearchOutcome(built, True, 0, 0.0, "closed form")
    if data.degree <= 2 and standard:
        return SearchOutcome(quadratic_construction(data, model), True, 0, 0.0, "closed form")
    blocks = variable_blocks(data)
    subs = [(b, q) for b, q in zip(blocks, block_polynomials(data, blocks), strict=True)
            if q.terms]
    # a block of lower degree would also have to vanish in the degrees above its own, which its
    # construction does not ensure: blocks are used only when all have the full degree
    if len(subs) > 1 and all(q.degree == data.degree for _, q in subs):
        return _by_blocks(data, model, subs, radicals, search_options)
    target = search_options.get("target", 0)
    # with at most two parts the torus transfer and its sign cases (below) already give
    # sigma-dependent points; the recurrence is for three parts or more
    if (data.nvars == 1 and model.generic and model.hidden_bias == "none"
            and 1 <= target <= PRONY_MAX and len(relevant_parts(data, model)) >= 3):
        for m in range(target, PRONY_MAX + 1):
            built = univariate(data, model, m)
            if built is not None and (radicals or not built.requires):
                return SearchOutcome(built, m == target, 0, 0.0, "closed form")
    return _search(data, model, radicals, search_options)


def _search(data: Polynomial, model: WidthModel, radicals: bool, search_options: dict
            ) -> SearchOutcome:
    """The search over fixed points, then (two parts, gap still open) the joint search at the
    sign of ``sigma_k1 sigma_k2`` (the activation's, or ``sign`` for the generic one: a case)."""
    search_options = dict(search_options)
    sign = search_options.pop("sign", None)
    parts = relevant_parts(data, model)
    if sign is None:
        sign = real_sign(model, data.degree, parts)
    if len(parts) != 2 or (not radicals and model.generic and parts[1] - parts[0] > 1):
        return search_construction(data, model, **search_options)
    clock = Clock.after(search_options.pop("timeout", 10.0))
    fixed = search_construction(data, model, timeout=clock.left() * FIXED_SHARE, **search_options)
    if fixed.reached_lower or fixed.construction is None or clock.left() <= 0:
        return fixed
    joint = search_construction(data, model, timeout=clock.left(), joint=True, sign=sign,
                                **search_options)
    notes = (*fixed.notes, *(f"joint search: {note}" for note in joint.notes))
    best = fixed
    if joint.construction is not None and joint.construction.width < fixed.construction.width:
        best = joint
    return replace(best, notes=notes, iterations=fixed.iterations + joint.iterations,
                   elapsed=fixed.elapsed + joint.elapsed)


def _grid_size(data: Polynomial) -> int:
    """Neurons of the finite differences of a monomial ``x^r``: ``prod (r_i + 1)``."""
    ((r, _),) = data.terms.items()
    return prod(v + 1 for v in r)


def real_sign(model: WidthModel, degree: int, parts: list[int]) -> int:
    """The sign of ``sigma_k1 sigma_k2`` for two parts of a named activation (proved by
    :func:`symflat.exact.interval.rigorous_sign`); 1 otherwise."""
    if model.generic or len(parts) != 2:
        return 1
    taylor = model.taylor(degree)
    product = taylor.coefficients[parts[0]] * taylor.coefficients[parts[1]]
    return -1 if rigorous_sign(product) == -1 else 1


def _by_blocks(data: Polynomial, model: WidthModel, subs: list[tuple[tuple[int, ...], Polynomial]],
               radicals: bool, search_options: dict) -> SearchOutcome:
    """Each block alone, merged (:mod:`symflat.width.blocks`); then, if that misses the
    target, the search on the whole polynomial in the time left; the smaller is kept."""
    options = dict(search_options)
    clock = Clock.after(options.pop("timeout", 10.0))
    target = options.pop("target", 1)
    built, notes, iterations = [], [], 0
    for i, (_, sub) in enumerate(subs):
        share = clock.left() * BLOCK_SHARE / (len(subs) - i)
        bound = best_bound(sub, model, Clock.after(share * BLOCK_BOUND_SHARE)).value
        out = construct(sub, model, radicals=radicals, target=bound,
                        timeout=max(0.0, share * (1 - BLOCK_BOUND_SHARE)), **options)
        if out.construction is None:
            return _search(data, model, radicals, {**options, "target": target,
                                                   "timeout": clock.left()})
        built.append(out.construction)
        iterations += out.iterations
        notes.append(f"block {', '.join(sub.variables)}: {out.construction.width} neurons "
                     f"({out.construction.method}; lower bound of the block {bound})")
    if all(isinstance(c, Construction) for c in built):
        # a monomial block's finite differences (as many neurons as its sign vectors) have the
        # origin, which blocks may share: try them where the sign vectors have none
        with_origin = [finite_differences(*next(iter(sub.terms.items())), model)
                       if len(sub.terms) == 1 and c.width == _grid_size(sub) else c
                       for c, (_, sub) in zip(built, subs, strict=True)]
        shared = share_origin(with_origin, [sub for _, sub in subs])
        if shared is not None:
            built = shared
            notes.append("blocks scaled so that their weights at the origin cancel "
                         "(symflat.width.blocks.share_origin)")
    merged = merge(built, [b for b, _ in subs], data, model)
    by_blocks = SearchOutcome(merged, merged.width <= target, iterations, 0.0,
                              "disjoint blocks", tuple(notes))
    if by_blocks.reached_lower or clock.left() <= 0:
        return by_blocks
    whole = _search(data, model, radicals, {**options, "target": target,
                                            "timeout": clock.left()})
    if whole.construction is not None and whole.construction.width < merged.width:
        return replace(whole, notes=(*notes, *whole.notes))
    return replace(by_blocks, notes=(*notes, *whole.notes),
                   iterations=iterations + whole.iterations, stopped=whole.stopped)


def _at_shared_points(data: Polynomial, model: WidthModel, radicals: bool,
                      search_options: dict) -> SearchOutcome:
    """A construction for the affine model: every neuron at one shared point (see the module
    docstring); the construction's own model says which point."""
    options = dict(search_options)
    clock = Clock.after(options.pop("timeout", 10.0))
    if model.generic:  # the symbols sigma_k stand for the coefficients at any one point
        points = [SHIFTS[0]]
    else:  # b = 0 where it reaches P, and the first point with no vanishing coefficient
        reaching = [b for b in SHIFTS if model.at_point(b).unreachable(data) is None]
        points = [b for b in reaching if b == 0] + [
            b for b in reaching if b != 0 and model.at_point(b).standard(data.degree)][:1]
    best: SearchOutcome | None = None
    for i, b in enumerate(points):
        out = construct(data, model.at_point(b), radicals=radicals,
                        timeout=clock.left() / (len(points) - i), **options)
        if out.construction is not None and (best is None
                                             or out.construction.width
                                             < best.construction.width):
            best = out
    if best is None:
        return SearchOutcome(None, False, 0, 0.0, "no shared point reaches P")
    note = f"free hidden biases: constructions with every neuron at b in {points}"
    return replace(best, notes=(*best.notes, note))
