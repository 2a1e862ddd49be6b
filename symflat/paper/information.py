"""Eq. 21, the data processing inequality, exactly; and the per-chain distillation summary.

I(x, y) >= I(x, f(y)) for every function f of y, over all ``|Y|^|Y|`` functions of a small
alphabet: the difference is I(x; y | f(y)) = Σ p(x,y) log[p(x|y) / p(x|f(y))]. It is exactly
0 when p(x|y) = p(x|f(y)) on the support (every logarithm is log 1; decided in exact
rationals), and otherwise strictly positive, proven by an interval lower bound > 0
(:mod:`symflat.exact.interval`). The equality cases are exactly the sufficient statistics (the
paper's remark after Eq. 22).

:func:`chain_summary` and :func:`summarize` gather, per chain of :mod:`symflat.paper.markov`,
the block counts of T_0, ..., T_n and whether Theorem 2, Corollary 2 and Eq. 21 hold.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from symflat.exact.interval import Interval, log_sum
from symflat.paper.markov import (
    MarkovChain,
    TheoremCheck,
    block_labels,
    check_corollary2,
    check_theorem2,
    set_partitions,
)

__all__ = [
    "mutual_information",
    "DPIResult",
    "dpi_difference",
    "DPICheck",
    "check_data_processing",
    "chain_summary",
    "summarize",
]


def mutual_information(joint: Sequence[Sequence[Fraction]], prec: int = 113) -> Interval:
    """An ``mpmath.iv`` interval containing I(x, y) = Σ p log[p(x,y) / (p(x) p(y))] (nats).

    ``joint[x][y]`` are exact rationals; every logarithm's argument is an exact rational
    enclosed before the (outward-rounded) interval log.

    Examples
    --------
    >>> h = Fraction(1, 2)
    >>> box = mutual_information([[h, 0], [0, h]])
    >>> bool(box.a > 0.69314718) and bool(box.b < 0.69314719), float(box.delta) < 1e-30
    (True, True)
    """
    joint = [[Fraction(v) for v in row] for row in joint]
    px = [sum(row) for row in joint]
    py = [sum(col) for col in zip(*joint)]
    return log_sum(((v, v / (px[x] * py[y])) for x, row in enumerate(joint)
                    for y, v in enumerate(row) if v), prec)


@dataclass(frozen=True)
class DPIResult:
    """I(x, y) - I(x, f(y)) for one function f, decided rigorously.

    Attributes
    ----------
    f : tuple of int
        f(y) for each y.
    equal : bool
        The difference is exactly 0 (p(x|y) = p(x|f(y)) on the support, exact rationals).
    lower : float
        A rigorous lower bound of the difference (0.0 when ``equal``), rounded down.
    upper : float
        A rigorous upper bound, rounded up.
    """

    f: tuple[int, ...]
    equal: bool
    lower: float
    upper: float

    @property
    def decided(self) -> bool:
        """Whether the inequality is proven: exact equality or a lower bound > 0."""
        return self.equal or self.lower > 0


def dpi_difference(joint: Sequence[Sequence[Fraction]], f: Sequence[int],
                   max_prec: int = 2000) -> DPIResult:
    """Decide I(x, y) >= I(x, f(y)) for one f: exact equality or a rigorous positive bound.

    The difference is Σ_(x,y) p(x,y) log[p(x|y) / p(x|f(y))] (= I(x; y | f(y))).

    Examples
    --------
    >>> q = Fraction(1, 4)
    >>> dpi_difference([[q, q], [q, q]], [0, 0]).equal
    True
    >>> r = dpi_difference([[Fraction(1, 2), 0], [0, Fraction(1, 2)]], [0, 0])
    >>> r.equal, r.lower > 0.69
    (False, True)
    """
    joint = [[Fraction(v) for v in row] for row in joint]
    # A y alone in its group has p(x|f(y)) = p(x|y): its terms are log 1 = 0, so only the
    # y sharing a group are looked at.
    group_sizes = Counter(f)
    shared = [y for y in range(len(joint[0])) if group_sizes[f[y]] > 1]
    py = {y: sum(row[y] for row in joint) for y in shared}
    merged: dict[int, list[Fraction]] = {}
    for y in shared:
        column = merged.setdefault(f[y], [Fraction(0)] * len(joint))
        for x in range(len(joint)):
            column[x] += joint[x][y]
    pf = {g: sum(col) for g, col in merged.items()}
    ratios = []
    for x, row in enumerate(joint):
        for y in shared:
            v = row[y]
            if v:
                ratio = (v / py[y]) / (merged[f[y]][x] / pf[f[y]])
                if ratio != 1:  # log 1 = 0 exactly: such terms add nothing
                    ratios.append((v, ratio))
    if not ratios:
        return DPIResult(tuple(f), True, 0.0, 0.0)
    prec = 53
    while True:
        total = log_sum(ratios, prec)
        if total.a > 0 or prec >= max_prec:
            return DPIResult(tuple(f), False, float(total.a), float(total.b))
        prec *= 2


@dataclass(frozen=True)
class DPICheck:
    """Eq. 21 for every function f of y on one joint distribution.

    Attributes
    ----------
    functions : int
        Functions tried: one per partition of Y (``Bell(|Y|)`` of them), which covers every
        function f of y, since I(x, f(y)) depends only on the partition f induces.
    covered : int
        The number ``|Y|^|Y|`` of functions Y -> Y these stand for.
    strict : int
        Functions with I(x, y) > I(x, f(y)), proven by an interval lower bound.
    equal : int
        Functions with exact equality.
    sufficient_iff_equal : bool
        Whether equality happens exactly for the f that are sufficient statistics.
    undecided : tuple of tuple of int
        Functions neither proven equal nor strictly smaller (empty when the check holds).
    smallest_gap : float
        The smallest rigorous lower bound among the strict cases (rounded down).
    information : tuple of float
        A rigorous enclosure of I(x, y) (rounded outward).
    """

    functions: int
    covered: int
    strict: int
    equal: int
    sufficient_iff_equal: bool
    undecided: tuple[tuple[int, ...], ...]
    smallest_gap: float
    information: tuple[float, float]
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def holds(self) -> bool:
        """Whether every function was decided and the equality cases are the sufficient f."""
        return not self.undecided and self.sufficient_iff_equal


def check_data_processing(joint: Sequence[Sequence[Any]]) -> DPICheck:
    """Eq. 21 exhaustively: every f on the y alphabet (up to relabelling), decided rigorously.

    ``joint[x][y]``: exact probabilities of (x, y). "f is sufficient" means p(x | y) =
    p(x | f(y)) for all (x, y) with p(y) > 0, computed from the aggregated joint.

    Examples
    --------
    >>> from symflat.paper.markov import random_chain
    >>> chain = random_chain([3, 3, 3], seed=2)
    >>> J = chain.joint(0)  # J[y0][y2]: x = y_0, y = y_2
    >>> result = check_data_processing(J)
    >>> result.holds, result.functions, result.covered
    (True, 5, 27)
    """
    joint = [[Fraction(v) for v in row] for row in joint]
    ny = len(joint[0])
    py = [sum(joint[x][y] for x in range(len(joint))) for y in range(ny)]
    strict = equal = 0
    undecided = []
    agree = True
    gaps = []
    blocks: dict[tuple[int, ...], tuple[DPIResult, bool]] = {}
    for partition in set_partitions(range(ny)):
        # The difference is a sum over the blocks of f, each term depending on its block only
        # (a block's term is the difference for f merging that block alone); sufficiency is a
        # condition per block too. So each block is decided once, and reused.
        parts = [_block_term(joint, py, tuple(block), blocks) for block in partition
                 if len(block) > 1]
        positive = [term for term, _ in parts if not term.equal]
        is_equal = not positive
        if is_equal:
            equal += 1
        elif all(term.lower > 0 for term in positive):
            # every block term is exactly 0 or rigorously positive, so the sum is positive
            strict += 1
            gaps.append(positive[0].lower if len(positive) == 1 else
                        _sum_down([term.lower for term in positive]))
        else:
            label = block_labels(partition)
            result = dpi_difference(joint, tuple(label[y] for y in range(ny)))
            if result.lower > 0:
                strict += 1
                gaps.append(result.lower)
            else:
                undecided.append(result.f)
        agree &= all(sufficient for _, sufficient in parts) == is_equal
    info = mutual_information(joint)
    return DPICheck(strict + equal + len(undecided), ny**ny, strict, equal, agree,
                    tuple(undecided), min(gaps, default=0.0), (float(info.a), float(info.b)))


def _sum_down(values: Sequence[float]) -> float:
    """A float at most the exact sum of ``values`` (the correctly rounded sum, one step down)."""
    return math.nextafter(math.fsum(values), -math.inf)


def _block_term(joint: list[list[Fraction]], py: list[Fraction], block: tuple[int, ...],
                memo: dict[tuple[int, ...], tuple[DPIResult, bool]]) -> tuple[DPIResult, bool]:
    """The difference term of one block (f merging ``block`` only) and its sufficiency."""
    if block not in memo:
        merged = block[0]
        f = [merged if y in block else y for y in range(len(py))]
        memo[block] = (dpi_difference(joint, f), _sufficient_function(joint, py, f))
    return memo[block]


def _sufficient_function(joint: list[list[Fraction]], py: list[Fraction],
                         f: Sequence[int]) -> bool:
    blocks: dict[int, list[int]] = {}
    for y in range(len(py)):
        blocks.setdefault(f[y], []).append(y)
    for ys in blocks.values():
        mass = sum(py[y] for y in ys)
        for x in range(len(joint)):
            pooled = sum(joint[x][y] for y in ys) / mass if mass else Fraction(0)
            for y in ys:
                if py[y] and joint[x][y] / py[y] != pooled:
                    return False
    return True


def chain_summary(chain: MarkovChain, theorem: TheoremCheck | None = None) -> dict[str, Any]:
    """Sizes and block counts of T_0..T_n of one chain, and whether Theorem 2, Corollary 2 and
    Eq. 21 (on the joint of y_0 and y_n) hold: plain values.

    ``theorem`` is the chain's :func:`~symflat.paper.markov.check_theorem2` when already
    computed.

    Examples
    --------
    >>> from symflat.paper.markov import random_factored_chain
    >>> chain_summary(random_factored_chain([1, 2, 2], seed=1))
    {'sizes': (2, 4, 4), 'blocks': (2, 2, 4), 'theorem2': True, 'corollary2': True, 'eq21': True}
    """
    theorem = check_theorem2(chain) if theorem is None else theorem
    return {
        "sizes": tuple(chain.size(i) for i in range(chain.levels + 1)),
        "blocks": theorem.block_counts,
        "theorem2": theorem.holds,
        "corollary2": check_corollary2(chain, theorem).holds,
        "eq21": check_data_processing(chain.joint(0)).holds,
    }


def summarize(chains: Mapping[Any, MarkovChain]) -> list[dict[str, Any]]:
    """Per key (a seed): :func:`chain_summary` with the key under ``seed``.

    Examples
    --------
    >>> from symflat.paper.markov import random_factored_chain
    >>> summarize({7: random_factored_chain([1, 2, 2, 2], seed=7)})[0]["blocks"]
    (1, 1, 2, 4)
    """
    return [{"seed": seed, **chain_summary(chain)} for seed, chain in chains.items()]
