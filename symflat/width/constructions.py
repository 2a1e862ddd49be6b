"""Which construction :func:`construct` uses: closed forms first, then the search.

- a monomial: sign vectors (Eq. 32) or mixed finite differences
  (:mod:`symflat.width.closed_forms`), fixed rational points;
- degree at most 2: the construction of :mod:`symflat.width.quadratic`, which meets the
  proven minimal width (fixed integer points for a quadratic form, points depending on sigma
  where the width needs them);
- otherwise :func:`symflat.width.search.search` over fixed integer points and, when that does
  not reach the lower bound and at most two homogeneous parts enter, the *joint* search at
  ``sigma_k = 1`` transferred to every sigma by the torus
  (:func:`~symflat.width.closed_forms.torus_transfer`): points that depend on sigma, which
  need not meet each part alone. The smaller construction is kept (fixed points on a tie).
"""

from __future__ import annotations

from dataclasses import replace

from symflat.width._budget import Clock
from symflat.width._poly import as_polydata
from symflat.width.closed_forms import (
    Construction,
    FormulaConstruction,
    check_construction,
    finite_differences,
    monomial_sum,
    relevant_parts,
    sign_vectors,
)
from symflat.width.quadratic import quadratic_construction
from symflat.width.search import SearchOutcome, search

__all__ = [
    "Construction",
    "FormulaConstruction",
    "SearchOutcome",
    "check_construction",
    "construct",
    "finite_differences",
    "monomial_sum",
    "search",
    "sign_vectors",
]


#: Share of the time the search over fixed points gets when a joint search may follow.
FIXED_SHARE = 0.5


def construct(poly: object, model: str = "no-bias", *, radicals: bool = True,
              **search_options) -> SearchOutcome:
    """The closed form for a monomial or a polynomial of degree <= 2, otherwise :func:`search`.

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
    data = as_polydata(poly)
    if data.is_monomial():
        ((r, c),) = data.terms.items()
        if model == "no-bias" and all(v == 1 for v in r):
            built = sign_vectors(len(r), c)
        else:
            built = finite_differences(r, c, model)
        return SearchOutcome(built, True, 0, 0.0, "closed form")
    if data.degree <= 2:
        return SearchOutcome(quadratic_construction(data, model), True, 0, 0.0, "closed form")
    parts = relevant_parts(data, model)
    if len(parts) != 2 or (not radicals and parts[1] - parts[0] > 1):
        return search(data, model, **search_options)
    clock = Clock.after(search_options.pop("timeout", 10.0))
    fixed = search(data, model, timeout=clock.left() * FIXED_SHARE, **search_options)
    if fixed.reached_lower or fixed.construction is None or clock.left() <= 0:
        return fixed
    joint = search(data, model, timeout=clock.left(), joint=True, **search_options)
    notes = (*fixed.notes, *(f"joint search: {note}" for note in joint.notes))
    best = fixed
    if joint.construction is not None and joint.construction.width < fixed.construction.width:
        best = joint
    return replace(best, notes=notes, iterations=fixed.iterations + joint.iterations,
                   elapsed=fixed.elapsed + joint.elapsed)
