"""The sparse product of Eq. 27 (Sec. III.7): two random sparse matrices and their product.

A and B are n×n with independent entries, each 1 with probability p. The factored network
(:func:`symflat.paper.linear.chain_network` of B then A) has nnz A + nnz B synapses, the
flattened one nnz(AB); the flattening cost is the ratio of their expectations.

Proof
    :func:`expected_nonzeros_proof` (the symbolic proof, each step checked by sympy),
    :func:`enumerated_expected_nonzeros` (exhaustive over all sparsity patterns, exact in p).
Evidence
    :func:`monte_carlo_nonzeros` (seeded, numerical).
Exact tables
    :func:`sparse_bound_table`, :func:`sparse_cost_rows`, :func:`sparse_flattening_cost`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from statistics import NormalDist
from typing import Any

import sympy

from symflat.errors import NetworkError
from symflat.exact.expressions import to_expression
from symflat.exact.printing import math_text
from symflat.exact.symbols import N, P
from symflat.paper.proof import ProofStep, is_zero

__all__ = [
    "ProofStep",
    "SparseProof",
    "expected_nonzeros",
    "sparse_flattening_cost",
    "expected_nonzeros_proof",
    "enumerated_expected_nonzeros",
    "enumerated_zero_probability",
    "MonteCarloResult",
    "monte_carlo_nonzeros",
    "sparse_bound_table",
    "sparse_cost_rows",
    "sparse_cost_curves",
    "COST_P_AXIS",
]



def expected_nonzeros(n: Any = N, p: Any = P) -> sympy.Expr:
    """(1 - (1 - p²)^n) n²: the expected number of non-zero entries of AB (Eq. 27).

    Examples
    --------
    >>> expected_nonzeros(2, sympy.Rational(1, 2))
    7/4
    """
    return (1 - (1 - to_expression(p) ** 2) ** n) * to_expression(n) ** 2


def sparse_flattening_cost(n: Any = N, p: Any = P) -> sympy.Expr:
    """C_s = (1 - (1 - p²)^n) / (2p): expected flat synapses over expected factored ones.

    Examples
    --------
    >>> sparse_flattening_cost(1, sympy.Rational(1, 2))
    1/4
    """
    p = to_expression(p)
    return (1 - (1 - p**2) ** n) / (2 * p)


@dataclass(frozen=True)
class SparseProof:
    """The symbolic proof of Eq. 27 and of the bound C_s <= 1/(2p).

    Attributes
    ----------
    steps : tuple of ProofStep
        Each checked by sympy.
    expected : sympy.Expr
        E[nnz(AB)] as derived.
    cost : sympy.Expr
        C_s as derived.
    """

    steps: tuple[ProofStep, ...]
    expected: sympy.Expr
    cost: sympy.Expr

    @property
    def holds(self) -> bool:
        """Whether every step was checked."""
        return all(step.holds for step in self.steps)


_zero = is_zero


def expected_nonzeros_proof() -> SparseProof:
    """Prove E[nnz(AB)] = (1 - (1-p²)^n) n² and C_s <= 1/(2p) step by step, for symbolic n, p.

    A and B are n×n with independent entries, each 1 with probability p and 0 otherwise
    (0 < p <= 1). The steps:

    1. a pair (A_ik, B_kj) is (1, 1) with probability p² (sum over its four outcomes);
    2. F_ij = Σ_k A_ik B_kj is a sum of non-negative terms, so F_ij = 0 iff every product is
       0; the n pairs involve disjoint entries, hence are independent, and
       P(F_ij = 0) = Π_k (1 - p²) = (1 - p²)^n;
    3. linearity of expectation: E[nnz F] = Σ_ij P(F_ij ≠ 0) = n² (1 - (1 - p²)^n);
    4. E[nnz A + nnz B] = Σ 2n² p = 2n²p (the factored network's synapses);
    5. C_s = step 3 / step 4 = (1 - (1 - p²)^n) / (2p) (Eq. 27 as printed);
    6. 1/(2p) - C_s = (1 - p²)^n / (2p) >= 0: with p = 1/(1+t), t >= 0, it is a ratio of
       non-negative terms (sympy's sign reasoning);
    7. saturation: (1 - p²)^n <= exp(-n p²) because g(x) = -x - log(1 - x) has g(0) = 0 and
       g'(x) = x/(1 - x) >= 0 on [0, 1), so 1 - 2p C_s <= exp(-n p²) -> 0 for n >> 1/p².

    Examples
    --------
    >>> proof = expected_nonzeros_proof()
    >>> proof.holds, proof.cost
    (True, (1 - (1 - p**2)**n)/(2*p))
    """
    p, n = P, N
    i, j, k = sympy.symbols("i j k", integer=True, positive=True)
    steps = []
    a, b = sympy.symbols("a b")
    pair = sum(p**x * (1 - p) ** (1 - x) * p**y * (1 - p) ** (1 - y)
               for x in (0, 1) for y in (0, 1) if x * y == 1)
    steps.append(ProofStep("P(A_ik B_kj = 1)", pair, p**2, _zero(pair - p**2),
                           "sum over the outcomes of the independent pair"))
    total = sum(p**x * (1 - p) ** (1 - x) * p**y * (1 - p) ** (1 - y)
                for x in (0, 1) for y in (0, 1))
    steps.append(ProofStep("the four outcomes of a pair sum to 1", total, 1, _zero(total - 1),
                           "expand"))
    zero_prob = sympy.Product(1 - p**2, (k, 1, n)).doit()
    steps.append(ProofStep("P(F_ij = 0) = prod_k P(A_ik B_kj = 0)", zero_prob, (1 - p**2) ** n,
                           _zero(zero_prob - (1 - p**2) ** n),
                           "independence over k; sympy Product.doit"))
    expected = sympy.Sum(1 - zero_prob, (i, 1, n), (j, 1, n)).doit()
    target = expected_nonzeros(n, p)
    steps.append(ProofStep("E[nnz(AB)] = sum_ij P(F_ij != 0)", expected, target,
                           _zero(expected - target), "linearity of expectation; Sum.doit"))
    factored = sympy.Sum(2 * p, (i, 1, n), (j, 1, n)).doit()
    steps.append(ProofStep("E[nnz A + nnz B]", factored, 2 * n**2 * p,
                           _zero(factored - 2 * n**2 * p), "linearity of expectation"))
    cost = sympy.simplify(expected / factored)
    printed = sparse_flattening_cost(n, p)
    steps.append(ProofStep("C_s = E[nnz AB] / E[nnz A + nnz B] (Eq. 27)", cost, printed,
                           _zero(cost - printed), "simplify"))
    t = sympy.Symbol("t", nonnegative=True)
    gap = sympy.simplify(1 / (2 * p) - printed)
    gap_t = sympy.factor(gap.subs(p, 1 / (1 + t)))
    steps.append(ProofStep("1/(2p) - C_s", gap, (1 - p**2) ** n / (2 * p),
                           _zero(gap - (1 - p**2) ** n / (2 * p))
                           and bool(gap_t.is_nonnegative),
                           f"with p = 1/(1+t), t >= 0: {math_text(gap_t)} is non-negative"))
    x = sympy.Symbol("x")
    g = -x - sympy.log(1 - x)
    dg = sympy.simplify(sympy.diff(g, x))
    u = sympy.Symbol("u", nonnegative=True)  # x = u/(1+u) runs over [0, 1)
    steps.append(ProofStep("g(x) = -x - log(1-x): g(0) = 0, g'(x) = x/(1-x) >= 0 on [0,1)",
                           dg, x / (1 - x),
                           _zero(dg - x / (1 - x)) and g.subs(x, 0) == 0
                           and bool(sympy.simplify(dg.subs(x, u / (1 + u))).is_nonnegative),
                           "so (1-p^2)^n <= exp(-n p^2): the bound saturates for n >> 1/p^2"))
    return SparseProof(tuple(steps), expected, cost)


def enumerated_expected_nonzeros(n: int, p: Any = P) -> sympy.Expr:
    """E[nnz(AB)] by exhaustive enumeration of all 2^(2n²) sparsity patterns, exact in p.

    Each pattern with m ones has probability p^m (1-p)^(2n²-m); the count of non-zero entries
    of AB is computed for every pattern (exact integers). Feasible for n <= 3 (262144 patterns).

    Examples
    --------
    >>> sympy.expand(enumerated_expected_nonzeros(2) - expected_nonzeros(2))
    0
    """
    import numpy as np

    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 3:
        raise NetworkError(f"exhaustive enumeration needs n in 1..3, not {n!r}")
    cells = 2 * n * n
    codes = np.arange(2**cells, dtype=np.int64)
    bits = ((codes[:, None] >> np.arange(cells)) & 1).astype(np.int64)
    a = bits[:, : n * n].reshape(-1, n, n)
    b = bits[:, n * n:].reshape(-1, n, n)
    nonzero = (np.matmul(a, b) > 0).sum(axis=(1, 2))
    ones = bits.sum(axis=1)
    by_ones = np.bincount(ones, weights=None, minlength=cells + 1)
    totals = [int(nonzero[ones == m].sum()) for m in range(cells + 1)]
    assert int(by_ones.sum()) == 2**cells
    p = to_expression(p)
    return sympy.expand(sum(t * p**m * (1 - p) ** (cells - m) for m, t in enumerate(totals)))


def enumerated_zero_probability(n: int, p: Any = P) -> sympy.Expr:
    """P(F_ij = 0) for F = AB, by enumerating row i of A and column j of B (2^(2n) patterns).

    F_ij = Σ_k A_ik B_kj is 0 iff every product is; each pattern with m ones has probability
    p^m (1-p)^(2n-m).

    Examples
    --------
    >>> sympy.factor(enumerated_zero_probability(2))
    (p - 1)**2*(p + 1)**2
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise NetworkError(f"enumeration needs a positive integer n, not {n!r}")
    p = to_expression(p)
    total = sympy.Integer(0)
    for entries in itertools.product((0, 1), repeat=2 * n):
        row, col = entries[:n], entries[n:]
        if all(a * b == 0 for a, b in zip(row, col)):
            ones = sum(entries)
            total += p**ones * (1 - p) ** (2 * n - ones)
    return total


@dataclass(frozen=True)
class MonteCarloResult:
    """A seeded Monte Carlo estimate of E[nnz(AB)] (numerical evidence only).

    Attributes
    ----------
    n, p, trials, seed
        The experiment.
    mean : float
        Sample mean of nnz(AB).
    half_width : float
        Half-width of the normal-approximation confidence interval at ``level``.
    level : float
        Confidence level (0.95 by default, z = 1.959964).
    exact : float
        The exact expectation (Eq. 27), for comparison.
    """

    n: int
    p: Fraction
    trials: int
    seed: int
    mean: float
    half_width: float
    level: float
    exact: float
    numerical: bool = field(default=True, init=False)

    @property
    def interval(self) -> tuple[float, float]:
        """The confidence interval (numerical)."""
        return self.mean - self.half_width, self.mean + self.half_width

    @property
    def covers_exact(self) -> bool:
        """Whether the interval contains the exact value (numerical evidence)."""
        lo, hi = self.interval
        return lo <= self.exact <= hi

    def as_row(self) -> dict[str, Any]:
        """Plain values (JSON): the run, and the same numbers divided by E[nnz A + nnz B]
        = 2n²p, i.e. as flattening costs.

        Examples
        --------
        >>> row = monte_carlo_nonzeros(4, "1/2", trials=50, seed=0).as_row()
        >>> row["p"], row["exact_cost"] == row["exact"] / 16
        ('1/2', True)
        """
        scale = 2 * self.n * self.n * float(self.p)
        return {"n": self.n, "p": _fraction_text(self.p), "trials": self.trials,
                "seed": self.seed, "level": self.level, "mean": self.mean,
                "half_width": self.half_width, "exact": self.exact,
                "covers": self.covers_exact, "cost": self.mean / scale,
                "cost_half_width": self.half_width / scale, "exact_cost": self.exact / scale}


def monte_carlo_nonzeros(n: int, p: Fraction | str, trials: int = 2000, seed: int = 0,
                         level: float = 0.95) -> MonteCarloResult:
    """Sample A, B with i.i.d. Bernoulli(p) entries; estimate E[nnz(AB)] with a CI.

    Numerical evidence: the result is labelled ``numerical`` and never proves anything.

    Examples
    --------
    >>> r = monte_carlo_nonzeros(6, "1/3", trials=4000, seed=1)
    >>> r.numerical, r.covers_exact
    (True, True)
    """
    import numpy as np

    p = Fraction(p)
    if not 0 < p <= 1:
        raise NetworkError(f"p must lie in (0, 1], not {p}")
    rng = np.random.default_rng(seed)
    a = rng.random((trials, n, n)) < float(p)
    b = rng.random((trials, n, n)) < float(p)
    counts = (np.matmul(a.astype(np.int64), b.astype(np.int64)) > 0).sum(axis=(1, 2))
    mean = float(counts.mean())
    sd = float(counts.std(ddof=1)) if trials > 1 else 0.0
    z = NormalDist().inv_cdf(0.5 + level / 2)
    exact_value = float(expected_nonzeros(n, sympy.Rational(p.numerator, p.denominator)))
    return MonteCarloResult(n, p, trials, seed, mean, z * sd / math.sqrt(trials), level,
                            exact_value)


def sparse_bound_table(ns: Sequence[int], ps: Sequence[Fraction | str]
                       ) -> list[tuple[int, Fraction, Fraction, Fraction]]:
    """Exact rows (n, p, C_s, 1/(2p)) with C_s <= 1/(2p) asserted in exact rationals.

    Examples
    --------
    >>> sparse_bound_table([1, 10], ["1/2"])[-1][2:]
    (Fraction(989527, 1048576), Fraction(1, 1))
    """
    rows = []
    for p in map(Fraction, ps):
        for n in ns:
            cost = (1 - (1 - p * p) ** n) / (2 * p)
            bound = 1 / (2 * p)
            if not cost <= bound:
                raise AssertionError(f"C_s > 1/(2p) at n={n}, p={p}")
            rows.append((n, p, cost, bound))
    return rows



def sparse_cost_rows(ns: Sequence[int] = tuple(range(1, 201)),
                     ps: Sequence[Fraction | str] = ("1/20", "1/10", "1/5", "1/2")
                     ) -> list[tuple[int, Fraction, Fraction, Fraction]]:
    """Exact C_s(n, p) of Eq. 27 with its bound 1/(2p): rows (n, p, C_s, 1/(2p)).

    Examples
    --------
    >>> sparse_cost_rows([1], ["1/2"])
    [(1, Fraction(1, 2), Fraction(1, 4), Fraction(1, 1))]
    """
    return sparse_bound_table(ns, ps)


def _fraction_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else (
        f"{value.numerator}/{value.denominator}")


#: The p axis of :func:`sparse_cost_curves` (roughly log-spaced in (0, 1]).
COST_P_AXIS = tuple(Fraction(k, 400) for k in (1, 2, 3, 4, 6, 8, 11, 16, 23, 32, 45, 64, 90,
                                                128, 180, 256, 320, 400))


def sparse_cost_curves(ps: Sequence[Fraction | str], n_max: int = 200,
                       p_ns: Sequence[int] = (2, 8, 32, 128)) -> dict[str, Any]:
    """The exact C_s(n, p) of Eq. 27 as plain curves: against n for each p (1/20 added), and
    against p (:data:`COST_P_AXIS`) for each n of ``p_ns``; costs as floats for drawing.

    ``first_above_one`` gives, per p, the first n with C_s > 1 (None when there is none up to
    ``n_max``); it is decided on the exact rationals.

    Examples
    --------
    >>> c = sparse_cost_curves(["1/2"], n_max=64, p_ns=(2,))
    >>> c["sparse_n"]["ps"], c["sparse_n"]["first_above_one"]
    (['1/20', '1/2'], {'1/20': 43, '1/2': None})
    >>> c["sparse_p"]["cost"]["2"][-1]   # p = 1: C_s = 1/2
    0.5
    """
    curve_p = sorted({Fraction(1, 20), *map(Fraction, ps)})
    n_axis = list(range(1, n_max + 1))
    by_p: dict[str, list[float]] = {}
    first_above: dict[str, int | None] = {_fraction_text(p): None for p in curve_p}
    for n, p, cost, _bound in sparse_cost_rows(n_axis, curve_p):
        by_p.setdefault(_fraction_text(p), []).append(float(cost))
        if cost > 1 and first_above[_fraction_text(p)] is None:
            first_above[_fraction_text(p)] = n
    by_n: dict[str, list[float]] = {}
    for n, _p, cost, _bound in sorted(sparse_cost_rows(p_ns, COST_P_AXIS),
                                      key=lambda r: (r[0], r[1])):
        by_n.setdefault(str(n), []).append(float(cost))
    return {
        "sparse_n": {"ns": n_axis, "ps": [_fraction_text(p) for p in curve_p], "cost": by_p,
                     "first_above_one": first_above},
        "sparse_p": {"ps": [_fraction_text(p) for p in COST_P_AXIS],
                     "p_values": [float(p) for p in COST_P_AXIS], "ns": list(p_ns),
                     "cost": by_n},
    }
