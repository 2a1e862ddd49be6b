"""Information distillation on small Markov chains, exactly (Sec. III.3–III.4).

A chain y_0 -> y_1 -> ... -> y_n (Eq. 15-16) is given by a prior p_0 and column-stochastic
matrices M_i, (M_i)_(y', y) = P(y_i = y' | y_(i-1) = y), all exact rationals
(:class:`fractions.Fraction`). Everything below is computed exactly, in integers and
rationals.

Minimal sufficient statistics as partitions
    The data is x = y_n, ranging over its support X (P(x) > 0). A statistic is a partition of
    X; it is sufficient for y_i when P(y_i | x) = P(y_i | T(x)), the right side computed by
    aggregating the joint distribution over the block of x. The minimal sufficient statistic
    T_i groups x by its posterior vector P(y_i | x); :func:`check_theorem2` proves it minimal
    by enumerating *every* partition of X and checking that each sufficient one refines it.
Theorem 2
    T_i = f_i ∘ T_(i+1): the partition T_(i+1) refines T_i, and f_i (block of T_(i+1) -> block
    of T_i) is built and checked on every x. The two steps of the paper's proof, the backward
    Markov property (Eq. 17) and Eq. 18, are checked exactly too.
Corollary 2
    P(y_0 | y_n) = (f_0 ∘ f_1 ∘ ... ∘ f_n)(y_n) with f_0(T_0) = P(y_0 | T_0) and f_n = T_(n-1),
    checked on every x. The corollary's f_i (1 <= i <= n-1) maps T_i to T_(i-1) (Eq. 20: T_0 =
    f_1 ∘ ... ∘ T_(n-1)), i.e. it is Theorem 2's f_(i-1): the indices shift by one.
Eq. 21 (data processing inequality)
    In :mod:`symflat.paper.information`, with the per-chain summary of all three.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from symflat.errors import SymflatError
from symflat.exact.hints import fraction_hint

__all__ = [
    "MarkovError",
    "MarkovChain",
    "random_chain",
    "random_factored_chain",
    "refines",
    "block_labels",
    "Partition",
    "set_partitions",
    "posterior_partition",
    "is_sufficient",
    "TheoremCheck",
    "check_theorem2",
    "CorollaryCheck",
    "check_corollary2",
]

Vector = tuple[Fraction, ...]
Matrix = tuple[tuple[Fraction, ...], ...]
#: A partition of the support: blocks sorted, each a sorted tuple of states.
Partition = tuple[tuple[int, ...], ...]


class MarkovError(SymflatError):
    """A chain is malformed (not stochastic, not exact, wrong shapes)."""


def _fraction(value: Any, what: str) -> Fraction:
    if isinstance(value, float):
        raise MarkovError(f"{what} {value!r} is a float; give an exact fraction "
                          f"({fraction_hint(value)})")
    try:
        return Fraction(value)
    except (TypeError, ValueError):
        raise MarkovError(f"{what} {value!r} is not an exact number") from None


@dataclass(frozen=True)
class MarkovChain:
    """A finite Markov chain y_0 -> ... -> y_n with exact rational probabilities.

    Attributes
    ----------
    prior : tuple of Fraction
        p(y_0).
    matrices : tuple of matrices
        M_1..M_n, each a tuple of rows; ``M[y_new][y_old]`` = P(y_i = y_new | y_(i-1) = y_old);
        every column sums to 1.

    Examples
    --------
    >>> chain = MarkovChain([Fraction(1, 2)] * 2, [[[1, "1/3"], [0, "2/3"]]])
    >>> chain.levels, chain.marginal(1)
    (1, (Fraction(2, 3), Fraction(1, 3)))
    """

    prior: Vector
    matrices: tuple[Matrix, ...]

    def __init__(self, prior: Sequence[Any], matrices: Sequence[Sequence[Sequence[Any]]]) -> None:
        p = tuple(_fraction(v, "prior entry") for v in prior)
        mats = tuple(tuple(tuple(_fraction(v, f"entry of M_{i + 1}") for v in row) for row in m)
                     for i, m in enumerate(matrices))
        if not p or any(v < 0 for v in p) or sum(p) != 1:
            raise MarkovError("the prior must be non-negative and sum to 1")
        if not mats:
            raise MarkovError("a chain needs at least one transition matrix")
        cols = len(p)
        for i, m in enumerate(mats, start=1):
            if not m or any(len(row) != cols for row in m):
                raise MarkovError(f"M_{i} must have {cols} columns (the states of y_{i - 1})")
            for y in range(cols):
                column = [row[y] for row in m]
                if any(v < 0 for v in column) or sum(column) != 1:
                    raise MarkovError(f"column {y} of M_{i} must be non-negative and sum to 1")
            cols = len(m)
        object.__setattr__(self, "prior", p)
        object.__setattr__(self, "matrices", mats)

    @property
    def levels(self) -> int:
        """The number of transitions ``n`` (the chain is ``y_0 -> ... -> y_n``)."""
        return len(self.matrices)

    def size(self, i: int) -> int:
        """The number of states of y_i."""
        return len(self.prior) if i == 0 else len(self.matrices[i - 1])

    def marginal(self, i: int) -> Vector:
        """p(y_i) = M_i ⋯ M_1 p_0 (Eq. 16)."""
        p = self.prior
        for m in self.matrices[:i]:
            p = tuple(sum(row[y] * p[y] for y in range(len(p))) for row in m)
        return p

    def likelihood(self, i: int) -> Matrix:
        """L[x][y] = P(y_n = x | y_i = y) = (M_n ⋯ M_(i+1))[x, y]."""
        size = self.size(i)
        current: Matrix = tuple(tuple(Fraction(int(a == b)) for b in range(size))
                                for a in range(size))
        for m in self.matrices[i:]:
            current = tuple(tuple(sum(row[k] * current[k][y] for k in range(len(current)))
                                  for y in range(size)) for row in m)
        return current

    def joint(self, i: int) -> Matrix:
        """J[y][x] = P(y_i = y, y_n = x)."""
        p, L = self.marginal(i), self.likelihood(i)
        return tuple(tuple(p[y] * L[x][y] for x in range(len(L))) for y in range(len(p)))

    def support(self) -> tuple[int, ...]:
        """The states x of y_n with P(x) > 0."""
        return tuple(x for x, v in enumerate(self.marginal(self.levels)) if v > 0)

    def posterior(self, i: int) -> dict[int, Vector]:
        """P(y_i | y_n = x) for every x in the support, exact."""
        J = self.joint(i)
        px = self.marginal(self.levels)
        return {x: tuple(J[y][x] / px[x] for y in range(len(J))) for x in self.support()}

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form with fractions as strings."""
        return {"prior": [str(v) for v in self.prior],
                "matrices": [[[str(v) for v in row] for row in m] for m in self.matrices]}


def random_chain(sizes: Sequence[int], seed: int, zero_weight: int = 2, top: int = 3
                 ) -> MarkovChain:
    """A seeded random chain with ``|y_i| = sizes[i]`` and sparse exact rational transitions.

    Each transition probability is proportional to a random integer in 0..``top``, where 0 has
    ``zero_weight`` extra chances (zeros make posteriors coincide, so that the minimal sufficient
    statistics are non-trivial partitions); a column of zeros is redrawn. The prior is positive.

    Examples
    --------
    >>> random_chain([2, 3, 3], seed=1) == random_chain([2, 3, 3], seed=1)
    True
    """
    if len(sizes) < 2 or any(not isinstance(s, int) or s < 1 for s in sizes):
        raise MarkovError("sizes must list at least two positive state counts")
    rng = random.Random(seed)
    weights = list(range(top + 1)) + [0] * zero_weight
    prior = [rng.randint(1, top) for _ in range(sizes[0])]
    matrices = []
    for old, new in itertools.pairwise(sizes):
        columns = []
        for _ in range(old):
            column = [0] * new
            while not any(column):
                column = [rng.choice(weights) for _ in range(new)]
            columns.append([Fraction(v, sum(column)) for v in column])
        matrices.append([[columns[y][x] for y in range(old)] for x in range(new)])
    return MarkovChain([Fraction(v, sum(prior)) for v in prior], matrices)


# -- partitions ---------------------------------------------------------------------------------
def _canonical(blocks: Sequence[Sequence[int]]) -> Partition:
    return tuple(sorted(tuple(sorted(b)) for b in blocks if b))


def set_partitions(items: Sequence[int]) -> Iterator[Partition]:
    """Every partition of ``items`` (Bell-number many), canonical form.

    Examples
    --------
    >>> len(list(set_partitions(range(4))))
    15
    """
    items = list(items)
    if not items:
        yield ()
        return
    first, rest = items[0], items[1:]
    for smaller in set_partitions(rest):
        yield _canonical(((first,), *smaller))
        for k in range(len(smaller)):
            yield _canonical((*smaller[:k], (first, *smaller[k]), *smaller[k + 1:]))


def block_labels(partition: Partition) -> dict[int, int]:
    """Each element's block number: the function that ``partition`` induces.

    Examples
    --------
    >>> block_labels(((0, 2), (1,)))
    {0: 0, 2: 0, 1: 1}
    """
    return {x: b for b, block in enumerate(partition) for x in block}


def refines(fine: Partition, coarse: Partition) -> bool:
    """Whether every block of ``fine`` lies inside a block of ``coarse``.

    Examples
    --------
    >>> refines(((0,), (1,), (2,)), ((0, 1), (2,))), refines(((0, 1), (2,)), ((0,), (1, 2)))
    (True, False)
    """
    label = block_labels(coarse)
    return all(len({label[x] for x in block}) == 1 for block in fine)


def posterior_partition(chain: MarkovChain, i: int) -> Partition:
    """T_i: the support of y_n grouped by the exact posterior vector P(y_i | y_n = x).

    Examples
    --------
    >>> chain = MarkovChain([Fraction(1, 2)] * 2, [[[1, 0], [0, "1/2"], [0, "1/2"]]])
    >>> posterior_partition(chain, 0)
    ((0,), (1, 2))
    """
    groups: dict[Vector, list[int]] = {}
    for x, post in chain.posterior(i).items():
        groups.setdefault(post, []).append(x)
    return _canonical(groups.values())


def _aggregated_posterior(chain: MarkovChain, i: int, partition: Partition,
                          joint: Matrix | None = None) -> dict[int, Vector]:
    """P(y_i | T(x)) computed from the joint by summing over the block of x."""
    J = chain.joint(i) if joint is None else joint
    out = {}
    for block in partition:
        mass = sum(J[y][x] for y in range(len(J)) for x in block)
        post = tuple(sum(J[y][x] for x in block) / mass for y in range(len(J)))
        for x in block:
            out[x] = post
    return out


def _integer_joint(joint: Matrix) -> list[list[int]]:
    """The joint times the common denominator of its entries: exact integers."""
    common = math.lcm(*(v.denominator for row in joint for v in row))
    return [[int(v * common) for v in row] for row in joint]


def _sufficient_scaled(scaled: list[list[int]], partition: Partition,
                       blocks: dict[tuple[int, ...], bool] | None = None) -> bool:
    """P(y | x) = P(y | T(x)) for all y and x, with the aggregated posterior of the definition.

    With J the joint scaled to integers, P(y | x) = J[y][x] / Σ_y J[y][x] and P(y | T(x)) =
    Σ_(x' in block) J[y][x'] / Σ_(y, x' in block) J[y][x']; the equality is decided by
    cross-multiplication in exact integers (stopping at the first mismatch). It is a condition
    on each block alone, so ``blocks`` (for one ``scaled``) keeps each block's answer: the
    exhaustive minimality check meets the same blocks in thousands of partitions.
    """
    blocks = {} if blocks is None else blocks
    for block in partition:
        if len(block) > 1 and block not in blocks:
            blocks[block] = _sufficient_block(scaled, block)
        if len(block) > 1 and not blocks[block]:
            return False
    return True


def _sufficient_block(scaled: list[list[int]], block: tuple[int, ...]) -> bool:
    """P(y | x) = P(y | block) for every x of the block (see :func:`_sufficient_scaled`)."""
    ys = range(len(scaled))
    pooled = [sum(scaled[y][x] for x in block) for y in ys]
    mass = sum(pooled)
    for x in block:
        px = sum(scaled[y][x] for y in ys)
        if any(scaled[y][x] * mass != pooled[y] * px for y in ys):
            return False
    return True


def is_sufficient(chain: MarkovChain, i: int, partition: Partition) -> bool:
    """Whether P(y_i | x) = P(y_i | T(x)) for every x in the support (exact).

    Examples
    --------
    >>> chain = MarkovChain([Fraction(1, 2)] * 2, [[[1, 0], [0, "1/2"], [0, "1/2"]]])
    >>> is_sufficient(chain, 0, ((0,), (1, 2))), is_sufficient(chain, 0, ((0, 1, 2),))
    (True, False)
    """
    return _aggregated_posterior(chain, i, partition) == chain.posterior(i)


# -- Theorem 2 ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class TheoremCheck:
    """Theorem 2 on one chain.

    Attributes
    ----------
    partitions : tuple of Partition
        T_0, ..., T_(n-1), then T_n (singletons: y_n itself).
    maps : tuple of dict
        f_i: block index of T_(i+1) -> block index of T_i, for i = 0..n-1 (``None`` where T_(i+1)
        does not refine T_i, which would refute the theorem).
    sufficient : tuple of bool
        Whether each T_i is sufficient (aggregated posterior = posterior).
    minimal : tuple of bool
        Whether every sufficient partition of the support refines T_i (exhaustive).
    partitions_tried : int
        Number of partitions of the support enumerated per level.
    backward_markov : bool
        Eq. 17: P(y_i | y_(i+1), y_(i+k)) = P(y_i | y_(i+1)) wherever defined, for all i, k.
    eq18 : bool
        Eq. 18: P(y_i | x) = Σ_(y_(i+1)) P(y_i | y_(i+1)) P(y_(i+1) | T_(i+1)(x)) for all i, x.
    composition : bool
        T_i(x) = f_i(T_(i+1)(x)) for every x and i.
    """

    partitions: tuple[Partition, ...]
    maps: tuple[dict[int, int] | None, ...]
    sufficient: tuple[bool, ...]
    minimal: tuple[bool, ...]
    partitions_tried: int
    backward_markov: bool
    eq18: bool
    composition: bool

    @property
    def holds(self) -> bool:
        """Whether every part of the check succeeded."""
        return (all(m is not None for m in self.maps) and all(self.sufficient)
                and all(self.minimal) and self.backward_markov and self.eq18
                and self.composition)

    @property
    def block_counts(self) -> tuple[int, ...]:
        """Number of blocks of T_0, ..., T_n."""
        return tuple(len(p) for p in self.partitions)


def _backward_markov(chain: MarkovChain) -> bool:
    """Eq. 17 for every i, every k >= 1 with i + k <= n, every defined conditioning."""
    n = chain.levels
    for i in range(n - 1):
        p = chain.marginal(i)
        step = chain.matrices[i]
        for k in range(2, n - i + 1):
            far = MarkovChain(_unit(chain.size(i + 1), 0), chain.matrices[i + 1:i + k])
            L = far.likelihood(0)  # P(y_(i+k) | y_(i+1))
            for y1 in range(chain.size(i + 1)):
                pair = [p[y] * step[y1][y] for y in range(len(p))]  # P(y_i, y_(i+1) = y1)
                if sum(pair) == 0:
                    continue
                near = [v / sum(pair) for v in pair]
                for z in range(len(L)):
                    triple = [v * L[z][y1] for v in pair]
                    if sum(triple) == 0:
                        continue
                    if [v / sum(triple) for v in triple] != near:
                        return False
    return True


def _unit(size: int, at: int) -> list[Fraction]:
    return [Fraction(int(j == at)) for j in range(size)]


def _eq18(chain: MarkovChain, partitions: Sequence[Partition]) -> bool:
    n = chain.levels
    for i in range(n - 1):
        p = chain.marginal(i)
        step = chain.matrices[i]
        back = {}
        for y1 in range(chain.size(i + 1)):
            pair = [p[y] * step[y1][y] for y in range(len(p))]
            if sum(pair):
                back[y1] = [v / sum(pair) for v in pair]
        upper = _aggregated_posterior(chain, i + 1, partitions[i + 1])
        want = chain.posterior(i)
        for x, post in want.items():
            got = [sum(back[y1][y] * upper[x][y1] for y1 in back) for y in range(len(p))]
            if tuple(got) != post:
                return False
    return True


@functools.lru_cache(maxsize=256)
def check_theorem2(chain: MarkovChain, exhaustive_limit: int = 8) -> TheoremCheck:
    """Check Theorem 2 exactly on ``chain`` (see the module docstring).

    Minimality is checked over all partitions of the support when it has at most
    ``exhaustive_limit`` states (Bell(8) = 4140 partitions). A chain is checked once per
    process (chains are immutable and compare by value): the Theorem 2 and Corollary 2 claims
    are checked on the same chains.

    Examples
    --------
    >>> check = check_theorem2(random_factored_chain([1, 2, 2, 3], seed=7))
    >>> check.holds, check.block_counts, check.partitions_tried
    (True, (1, 2, 4, 8), 4140)
    """
    n = chain.levels
    if n < 2:
        raise MarkovError("Theorem 2 needs a chain with at least two transitions")
    support = chain.support()
    if len(support) > exhaustive_limit:
        raise MarkovError(f"the support of y_n has {len(support)} states; exhaustive "
                          f"minimality is limited to {exhaustive_limit}")
    partitions = tuple(posterior_partition(chain, i) for i in range(n)) + (
        tuple((x,) for x in support),)
    maps: list[dict[int, int] | None] = []
    composition = True
    for i in range(n):
        fine, coarse = partitions[i + 1], partitions[i]
        if not refines(fine, coarse):
            maps.append(None)
            composition = False
            continue
        label = block_labels(coarse)
        f = {b: label[block[0]] for b, block in enumerate(fine)}
        fine_label = block_labels(fine)
        composition &= all(f[fine_label[x]] == label[x] for x in support)
        maps.append(f)
    everything = list(set_partitions(support))
    sufficient, minimal = [], []
    for i in range(n):
        scaled = _integer_joint(chain.joint(i))
        blocks: dict[tuple[int, ...], bool] = {}
        sufficient.append(_sufficient_scaled(scaled, partitions[i], blocks))
        minimal.append(all(refines(s, partitions[i]) for s in everything
                           if _sufficient_scaled(scaled, s, blocks)))
    return TheoremCheck(partitions, tuple(maps), tuple(sufficient), tuple(minimal),
                        len(everything), _backward_markov(chain), _eq18(chain, partitions),
                        composition)


# -- Corollary 2 --------------------------------------------------------------------------------
@dataclass(frozen=True)
class CorollaryCheck:
    """Corollary 2 on one chain: P(y_0 | x) = (f_0 ∘ f_1 ∘ ... ∘ f_n)(x) for every x.

    Attributes
    ----------
    values : dict of int to Vector
        The composition at each x.
    holds : bool
        Whether it equals P(y_0 | x) exactly at every x of the support.
    """

    values: dict[int, Vector]
    holds: bool


def check_corollary2(chain: MarkovChain, theorem: TheoremCheck | None = None) -> CorollaryCheck:
    """Compose f_n = T_(n-1), the maps T_i -> T_(i-1), and f_0(T_0) = P(y_0 | T_0).

    Examples
    --------
    >>> check_corollary2(random_chain([3, 3, 4, 4], seed=3)).holds
    True
    """
    theorem = theorem or check_theorem2(chain)
    if any(m is None for m in theorem.maps):
        return CorollaryCheck({}, False)
    n = chain.levels
    partitions = theorem.partitions
    f_n = block_labels(partitions[n - 1])
    # the corollary's f_i, 1 <= i <= n-1, is theorem.maps[i-1]: block of T_i -> block of T_(i-1)
    aggregated = _aggregated_posterior(chain, 0, partitions[0])
    f_0 = {b: aggregated[block[0]] for b, block in enumerate(partitions[0])}
    values = {}
    for x in chain.support():
        t = f_n[x]
        for i in range(n - 1, 0, -1):
            t = theorem.maps[i - 1][t]
        values[x] = f_0[t]
    return CorollaryCheck(values, values == chain.posterior(0))


def random_factored_chain(components: Sequence[int], seed: int, fresh: Fraction | str = "1/4"
                          ) -> MarkovChain:
    """A seeded chain whose states are tuples of bits, to make distillation visible.

    Level i has ``components[i]`` binary components (2^c states, bit j of the state index is
    component j). Each component of level i+1 is fresh noise with probability ``fresh``
    (independent of the past), and otherwise depends on a random non-empty set of components of
    level i through P(bit = 1 | parents) drawn from {1/5, 2/5, 3/5, 4/5}. Components of y_n
    that descend only from noise injected after level i carry no information about y_i, so the
    minimal sufficient statistics T_i coarsen as i decreases.

    Examples
    --------
    >>> chain = random_factored_chain([1, 2, 2, 3], seed=0)
    >>> [chain.size(i) for i in range(4)]
    [2, 4, 4, 8]
    """
    if len(components) < 2 or any(not isinstance(c, int) or c < 1 for c in components):
        raise MarkovError("components must list at least two positive bit counts")
    rng = random.Random(seed)
    fresh = Fraction(fresh)
    levels = [Fraction(k, 5) for k in range(1, 5)]
    prior_bits = [rng.choice(levels) for _ in range(components[0])]
    prior = [_bits_probability(state, prior_bits) for state in range(2 ** components[0])]
    matrices = []
    for old, new in itertools.pairwise(components):
        specs = []
        for _ in range(new):
            if rng.random() < fresh:
                specs.append(((), {(): rng.choice(levels)}))
            else:
                parents = tuple(sorted(rng.sample(range(old), rng.randint(1, old))))
                table = {bits: rng.choice(levels)
                         for bits in itertools.product((0, 1), repeat=len(parents))}
                specs.append((parents, table))
        rows = []
        for target in range(2**new):
            row = []
            for source in range(2**old):
                prob = Fraction(1)
                for j, (parents, table) in enumerate(specs):
                    one = table[tuple((source >> q) & 1 for q in parents)]
                    prob *= one if (target >> j) & 1 else 1 - one
                row.append(prob)
            rows.append(row)
        matrices.append(rows)
    return MarkovChain(prior, matrices)


def _bits_probability(state: int, ones: Sequence[Fraction]) -> Fraction:
    prob = Fraction(1)
    for j, one in enumerate(ones):
        prob *= one if (state >> j) & 1 else 1 - one
    return prob
