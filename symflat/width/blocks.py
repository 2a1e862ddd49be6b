r"""Polynomials that are sums of parts in disjoint sets of variables.

If ``P = P^(1)(x_B1) + ... + P^(s)(x_Bs)`` with disjoint blocks ``B_i`` of variables (the
connected components of the graph joining two variables that share a term), a network for each
``P^(i)`` in its own variables, with every point extended by zeros outside ``B_i``, gives a
network for ``P``: the sum of the networks, with neurons at equal points merged (their weights
add; the point ``0`` of several blocks, say, is one neuron), provided every ``P^(i)`` has the
degree ``d`` of ``P``: a construction for a part of lower degree ``k`` says nothing about the
degrees ``k < l <= d``, where the sum must vanish too. Each part is solved by
:func:`symflat.width.constructions.construct` in fewer variables, where the closed forms (a
quadratic block, a monomial block) and the search go much further than on ``P`` at once. The
constant term goes with the first block. Merging is exact in both forms of construction:
per-degree weights add degree by degree; weights that depend on sigma add as expressions, and
output biases ``P0^(i) - sigma0 sum_j w_j^(i)`` add up to ``P0 - sigma0 sum_j w_j``.

Blocks that share their constant (proved here). Points of different blocks coincide only at
the origin (a non-zero point of block ``B_i`` is non-zero in ``B_i``'s variables), and the
origin's neuron feeds the degree 0 alone. A block's construction may be replaced by its points
scaled by ``t != 0`` with per-degree weights ``w^(k) / t^k``: ``sum_j w_j^(k) t^-k (t a_j . x)^l
= t^(l-k) [l = k] P_k = [l = k] P_k``. :func:`share_origin` chooses such ``t`` per block
(signs and powers of 2) so that the origin's weights ``sum_i w_0^(i,k) / t_i^k`` vanish for
every degree ``k``: the origin's neuron is then not needed. For ``x1 x2 x3 + x4 x5 x6`` the
finite differences on ``{0,1}^3`` and on ``{0,-1}^3`` cancel at the origin: 14 neurons, the
apolarity bound, instead of 15.

Scaling one variable at a time (proved here). A uniform ``t`` multiplies the origin's
weight of degree ``k`` by ``t^-k``; for three equal cubic blocks the origin would need
``t1^-3 + t2^-3 + t3^-3 = 0``, which has no rational solution (Fermat). Scaling the variables
of a block one by one does more: if every monomial ``x^alpha`` of the block's part ``P_k`` has
the same ``h^alpha =: lambda_k`` (``h`` a vector of non-zero rationals), then
``P_k(h x) = lambda_k P_k(x)``, and the points ``h a_j`` with weights ``w^(k) / lambda_k``
meet the block: ``sum_j w_j^(k) lambda_k^-1 ((h a_j) . x)^l = lambda_k^-1 [l = k] P_k(h x) =
[l = k] P_k(x)``. For a monomial block ``lambda = h^alpha`` is any power product, so
``x1 x2 x3 + x4 x5 x6 + x7 x8 x9`` cancels its origin with the third block's ``x7`` scaled by
``-1/2`` (weights ``-1/6 - 1/6 + 1/3 = 0``): 21 neurons instead of 22. :func:`share_origin`
chooses one scaling per block by a subset-sum search over the blocks (the partial sums of the
origin's weights, one per degree, kept distinct), so ``s`` blocks cost ``s`` passes, not
``(scalings)^s`` trials.
"""

from __future__ import annotations

from fractions import Fraction
from math import prod

import sympy

from symflat.exact.polynomial import Polynomial
from symflat.width.closed_forms import Construction, FormulaConstruction
from symflat.width.model import as_model

__all__ = ["variable_blocks", "block_polynomials", "merge", "scaled", "share_origin"]

#: Scalings tried per block by :func:`share_origin`.
SCALES = (Fraction(1), Fraction(-1), Fraction(2), Fraction(-2), Fraction(1, 2), Fraction(-1, 2))
#: Most partial sums kept by the subset-sum search of :func:`share_origin`.
MAX_SCALINGS = 4096


def scaled(construction: Construction, t: Fraction | tuple[Fraction, ...],
           data: Polynomial | None = None) -> Construction:
    """The same network up to the scale of its points: ``t a_j``, weights ``w^(k) / t^k``; or,
    for a vector ``t = h`` (one scale per variable), ``h a_j`` with weights ``w^(k) /
    lambda_k`` where ``P_k(h x) = lambda_k P_k(x)`` for the parts of ``data`` (module
    docstring; a ``ValueError`` if some part is not a multiple of itself under ``h``).

    Examples
    --------
    >>> from symflat.width.closed_forms import check_construction, finite_differences
    >>> p = Polynomial(("x1", "x2"), {(1, 1): Fraction(1)})
    >>> check_construction(p, scaled(finite_differences((1, 1)), Fraction(-2)))
    True
    >>> check_construction(p, scaled(finite_differences((1, 1)), (Fraction(3), Fraction(1)), p))
    True
    """
    if isinstance(t, tuple):
        if data is None:
            raise ValueError("a scale per variable needs the polynomial it is to meet")
        factors = _part_factors(data, t)
        if factors is None:
            raise ValueError(f"some part of {data.to_text()} is not a multiple of itself "
                             f"under x -> {[str(v) for v in t]} x")
        points = tuple(tuple(h * v for h, v in zip(t, a, strict=True))
                       for a in construction.points)
        label = "(" + ", ".join(map(str, t)) + ")"
    else:
        factors = {k: t**k for k in construction.part_weights}
        points = tuple(tuple(t * v for v in a) for a in construction.points)
        label = str(t)
    weights = {k: tuple(w / factors[k] for w in ws)
               for k, ws in construction.part_weights.items()}
    return Construction(points, weights, construction.model, construction.constant,
                        f"{construction.method}, points scaled by {label}")


def _part_factors(data: Polynomial, h: tuple[Fraction, ...]) -> dict[int, Fraction] | None:
    """``{k: lambda_k}`` with ``P_k(h x) = lambda_k P_k(x)``, or ``None`` if there is none."""
    factors: dict[int, Fraction] = {}
    for e in data.terms:
        value = prod((v**a for v, a in zip(h, e, strict=True)), start=Fraction(1))
        if factors.setdefault(sum(e), value) != value:
            return None
    return factors


def _scalings(nvars: int) -> list[Fraction | tuple[Fraction, ...]]:
    """Uniform scalings first (the identity first of all), then one variable at a time."""
    one = Fraction(1)
    single = [tuple(s if j == i else one for j in range(nvars))
              for i in range(nvars) for s in SCALES[1:]]
    return [*SCALES, *single]


def share_origin(parts: list[Construction], polys: list[Polynomial] | None = None
                 ) -> list[Construction] | None:
    """Scalings of the blocks' constructions whose weights at the origin cancel in every degree
    (module docstring), or ``None`` when no block has the origin or none of the tried
    scalings cancels them. With the blocks' polynomials ``polys``, a block may also be scaled
    one variable at a time.

    Examples
    --------
    >>> from symflat.width.closed_forms import finite_differences
    >>> out = share_origin([finite_differences((1, 1, 1)), finite_differences((1, 1, 1))])
    >>> [c.points[1] for c in out]
    [(Fraction(0, 1), Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(0, 1), \
Fraction(-1, 1))]
    """
    origins = []
    for c in parts:
        at = [j for j, a in enumerate(c.points) if not any(a)]
        origins.append({k: ws[at[0]] for k, ws in c.part_weights.items()} if at else {})
    if sum(1 for o in origins if any(o.values())) < 2:
        return None
    degrees = sorted({k for o in origins for k in o})
    # per block: the distinct origin-weight vectors its scalings give (first scaling kept)
    options: list[dict[tuple[Fraction, ...], Fraction | tuple[Fraction, ...]]] = []
    for i, (c, o) in enumerate(zip(parts, origins, strict=True)):
        nvars = len(c.points[0])
        choices = _scalings(nvars) if polys is not None else list(SCALES)
        vectors: dict[tuple[Fraction, ...], Fraction | tuple[Fraction, ...]] = {}
        for t in choices:
            if isinstance(t, tuple):
                factors = _part_factors(polys[i], t)
                if factors is None:
                    continue
            else:
                factors = {k: t**k for k in degrees}
            vector = tuple(o.get(k, Fraction(0)) / factors.get(k, Fraction(1)) for k in degrees)
            vectors.setdefault(vector, t)
            if not any(o.values()):
                break  # no origin: the block contributes nothing, unscaled
        options.append(vectors)
    # subset-sum over the blocks: partial sums of the origin's weights -> the scalings
    sums: dict[tuple[Fraction, ...], tuple] = {(Fraction(0),) * len(degrees): ()}
    for vectors in options:
        grown: dict[tuple[Fraction, ...], tuple] = {}
        for total, chosen in sums.items():
            for vector, t in vectors.items():
                key = tuple(a + b for a, b in zip(total, vector, strict=True))
                grown.setdefault(key, (*chosen, t))
            if len(grown) >= MAX_SCALINGS:  # a cut-off search: fewer sums, still exact
                break
        sums = grown
    choice = sums.get((Fraction(0),) * len(degrees))
    if choice is None:
        return None
    return [c if t == 1 else scaled(c, t, None if polys is None else polys[i])
            for i, (c, t) in enumerate(zip(parts, choice, strict=True))]


def variable_blocks(data: Polynomial) -> list[tuple[int, ...]]:
    """The connected components of the variables (two are joined when a term has both).

    Examples
    --------
    >>> p = Polynomial(("x1", "x2", "x3"), {(1, 1, 0): Fraction(1), (0, 0, 3): Fraction(1)})
    >>> variable_blocks(p)
    [(0, 1), (2,)]
    """
    parent = list(range(data.nvars))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for e in data.terms:
        used = [i for i, k in enumerate(e) if k]
        for i in used[1:]:
            parent[root(i)] = root(used[0])
    groups: dict[int, list[int]] = {}
    for i in range(data.nvars):
        groups.setdefault(root(i), []).append(i)
    return sorted(tuple(g) for g in groups.values())


def block_polynomials(data: Polynomial, blocks: list[tuple[int, ...]]) -> list[Polynomial]:
    """``P^(i)`` in the variables of block ``i`` (the constant term with the first block)."""
    out = []
    for index, block in enumerate(blocks):
        terms = {tuple(e[i] for i in block): c for e, c in data.terms.items()
                 if any(e) and all(e[i] == 0 for i in range(data.nvars) if i not in block)}
        constant = data.terms.get((0,) * data.nvars)
        if index == 0 and constant is not None:
            terms[(0,) * len(block)] = constant
        out.append(Polynomial(tuple(data.variables[i] for i in block), terms))
    return out


def _embed(point: tuple, block: tuple[int, ...], nvars: int, zero: object) -> tuple:
    full = [zero] * nvars
    for i, v in zip(block, point, strict=True):
        full[i] = v
    return tuple(full)


def merge(parts: list[Construction | FormulaConstruction], blocks: list[tuple[int, ...]],
          data: Polynomial, model: object) -> Construction | FormulaConstruction:
    """The sum of the blocks' constructions, points extended by zeros, equal points merged.

    Examples
    --------
    >>> from symflat.width.closed_forms import finite_differences
    >>> p = Polynomial(("x1", "x2"), {(2, 0): Fraction(1), (0, 3): Fraction(1)})
    >>> c = merge([finite_differences((2,)), finite_differences((3,))], [(0,), (1,)], p,
    ...           "no-bias")
    >>> c.width  # 3 + 4 points, the origin shared
    6
    """
    model = as_model(model)
    method = "disjoint blocks: " + "; ".join(c.method for c in parts)
    if all(isinstance(c, Construction) for c in parts):
        index: dict[tuple, int] = {}
        weights: dict[int, dict[int, Fraction]] = {}
        for c, block in zip(parts, blocks, strict=True):
            for j, a in enumerate(c.points):
                at = index.setdefault(_embed(a, block, data.nvars, Fraction(0)), len(index))
                for k, ws in c.part_weights.items():
                    weights.setdefault(k, {})
                    weights[k][at] = weights[k].get(at, Fraction(0)) + ws[j]
        kept = [j for j in range(len(index)) if any(ws.get(j) for ws in weights.values())]
        points = tuple(a for a, j in sorted(index.items(), key=lambda item: item[1]) if j in kept)
        part_weights = {k: tuple(ws.get(j, Fraction(0)) for j in kept)
                        for k, ws in weights.items()}
        constant = data.terms.get((0,) * data.nvars, Fraction(0))
        return Construction(points, part_weights, model,
                            constant if model.output_bias else Fraction(0), method)
    merged: dict[tuple, sympy.Expr] = {}
    for c, block in zip(parts, blocks, strict=True):
        for a, w in zip(c.sympy_points(), c.weights(), strict=True):
            key = _embed(a, block, data.nvars, sympy.Integer(0))
            merged[key] = merged.get(key, sympy.Integer(0)) + w
    merged = {a: sympy.factor(sympy.cancel(w)) for a, w in merged.items()}
    merged = {a: w for a, w in merged.items() if w != 0}  # cancelled neurons are dropped
    bias = sympy.factor(sympy.cancel(sympy.Add(*(c.output_bias() for c in parts))))
    requires = tuple(sorted({r for c in parts for r in getattr(c, "requires", ())}))
    return FormulaConstruction(tuple(merged), tuple(merged.values()), bias, model, method,
                               requires)
