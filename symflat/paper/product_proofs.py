"""Proofs for every n about the product x1⋯xn: the 2^n lower bound, and the binary tree's counts.

:func:`derivative_span_proof` proves, for symbolic n, that the partial derivatives of x1⋯xn
span a space of dimension 2^n, with the order-t catalecticant of rank C(n, t): the apolarity
lower bound of Appendix A (no output bias) is 2^n for every n. :func:`catalecticant_ranks`
computes the same ranks by exact linear algebra for small n, a second method to check it by.

:func:`binary_tree_proof` proves the counts of :func:`symflat.paper.networks.deep_product`
for every n from the recurrence its construction follows (each level of L factors has ⌊L/2⌋
multiplication gates, L mod 2 copy gates, and passes ⌈L/2⌉ factors up): n − 1 gates,
⌈log2 n⌉ layers, and for n = 2^k no copy gate, 4(n − 1) neurons. :func:`tree_counts` runs
the recurrence for one n, to compare with the graph.

Examples
--------
>>> derivative_span_proof().holds, binary_tree_proof().holds
(True, True)
>>> catalecticant_ranks(4)
[1, 4, 6, 4, 1]
>>> tree_counts(5)
{'gates': 4, 'copies': 2, 'depth': 3, 'neurons': 18}
"""

from __future__ import annotations

import functools
import itertools
import math

import sympy

from symflat.paper.proof import Proof, ProofStep, is_zero

__all__ = ["binary_tree_proof", "catalecticant_ranks", "derivative_span_proof", "tree_counts"]

_N, _T, _K, _M = sympy.symbols("n t k m", integer=True, nonnegative=True)


@functools.cache
def derivative_span_proof() -> Proof:
    """The derivatives of x1⋯xn: C(n, t) of order t, 2^n in all, for every n.

    Steps (R stands for the product of the other variables, free of x_i):

    1. ∂_i (x_i R) = R and ∂_i² (x_i R) = 0: x1⋯xn is of degree 1 in each variable, so
       ∂^α(x1⋯xn) = 0 as soon as some α_i >= 2;
    2. hence the only non-zero derivatives of order t are ∂_S(x1⋯xn) = x_(complement of S) for
       the C(n, t) subsets S of size t (step 1, once per variable of S);
    3. S -> complement of S is injective, so these are C(n, t) distinct monomials: in the
       catalecticant Cat_t (rows: derivatives of order t, columns: monomials of degree n − t)
       the non-zero rows are distinct unit vectors, rank Cat_t = C(n, t);
    4. Σ_t C(n, t) = 2^n: the span of all the derivatives has dimension 2^n;
    5. without an output bias x1⋯xn is homogeneous, G = x1⋯xn/σ_n and ∂_z G = 0, so the
       apolarity lower bound Σ_t [rank Cat_t(G) − rank Cat_(t−1)(∂_z G)]
       (:mod:`symflat.width.lower`) is 2^n: no single hidden layer of fewer than 2^n neurons.

    Examples
    --------
    >>> [step.holds for step in derivative_span_proof().steps]
    [True, True, True, True, True]
    """
    x = sympy.Symbol("x_i")
    rest = sympy.Function("R")(sympy.Symbol("x_j"))
    product = x * rest
    steps = [ProofStep("∂_i (x_i R) = R, ∂_i² (x_i R) = 0", sympy.diff(product, x),
                       rest, sympy.diff(product, x) == rest and sympy.diff(product, x, 2) == 0,
                       "degree 1 in each variable: a derivative with some α_i >= 2 vanishes")]
    n, t = sympy.symbols("n t", integer=True, positive=True)
    pascal = sympy.binomial(n - 1, t) + sympy.binomial(n - 1, t - 1)
    steps.append(ProofStep("non-zero derivatives of order t: ∂_S(x1⋯xn) = x_(S complement), "
                           "one per t-subset S, and there are C(n, t) of them", pascal,
                           sympy.binomial(n, t),
                           steps[0].holds and is_zero(sympy.gammasimp(sympy.expand_func(
                               pascal - sympy.binomial(n, t)))),
                           "step 1 once per variable of S; the t-subsets of n variables "
                           "(x_n in S or not) satisfy Pascal's rule, as C(n, t) does, with "
                           "the same boundary values 1"))
    steps.append(ProofStep("rank Cat_t(x1⋯xn) = C(n, t)", sympy.binomial(_N, _T),
                           sympy.binomial(_N, _T), steps[-1].holds,
                           "the complement is injective on subsets: the non-zero rows of "
                           "Cat_t are C(n, t) distinct unit vectors (a partial permutation "
                           "matrix); cross-checked by exact ranks (catalecticant_ranks)"))
    total = sympy.summation(sympy.binomial(_N, _T), (_T, 0, _N))
    steps.append(ProofStep("Σ_t C(n, t) = 2^n", total, 2**_N, is_zero(total - 2**_N),
                           "sympy summation with symbolic n"))
    z = sympy.Symbol("z")
    sigma_n = sympy.Symbol("sigma_n", nonzero=True)
    homogeneous = sympy.Symbol("P") / sigma_n  # G has no z: only the degree-n part of P
    steps.append(ProofStep("no output bias: ∂_z G = 0, so the apolarity bound is Σ_t rank "
                           "Cat_t = 2^n", sympy.diff(homogeneous, z), sympy.Integer(0),
                           sympy.diff(homogeneous, z) == 0,
                           "G = Σ_k C(d,k) z^(d−k) P_k/σ_k with P = P_n homogeneous of degree "
                           "n; the bound of symflat.width.lower"))
    return Proof("the derivative span of x1⋯xn has dimension 2^n, for every n", tuple(steps),
                 ("the model of Eq. 29: one hidden layer, no biases, no output bias",
                  "σ generic: σ_n ≠ 0 (Appendix A's hypothesis σ_k ≠ 0 for k <= n)"))


def catalecticant_ranks(n: int) -> list[int]:
    """Exact ranks of Cat_t(x1⋯xn) for t = 0..n, from the derivatives themselves.

    The second method beside :func:`derivative_span_proof`: every derivative ∂^α (of total order t,
    α_i <= t) is computed by sympy and written in the monomials of degree n − t; the rank of
    that matrix is taken exactly.

    Examples
    --------
    >>> catalecticant_ranks(3)
    [1, 3, 3, 1]
    """
    xs = sympy.symbols(f"x1:{n + 1}")
    product = sympy.Mul(*xs)
    ranks = []
    for t in range(n + 1):
        columns = {mono: i for i, mono in enumerate(
            m for m in itertools.product(range(n - t + 1), repeat=n) if sum(m) == n - t)}
        rows = []
        for alpha in itertools.product(range(t + 1), repeat=n):
            if sum(alpha) != t:
                continue
            derivative = product
            for variable, times in zip(xs, alpha):
                derivative = sympy.diff(derivative, variable, times)
            row = [0] * len(columns)
            for mono, coeff in sympy.Poly(derivative, *xs).terms() if derivative != 0 else ():
                row[columns[mono]] = coeff
            rows.append(row)
        ranks.append(sympy.Matrix(rows).rank())
    return ranks


@functools.cache
def binary_tree_proof() -> Proof:
    """The counts of the binary tree of multiplication gates, for every n, from its recurrence.

    A level of L >= 2 factors gets ⌊L/2⌋ gates (4 neurons each), L mod 2 copy gates (1 neuron)
    and passes ⌈L/2⌉ factors to the next level, until one is left.

    1. even L = 2m: ⌊L/2⌋ = ⌈L/2⌉ = m, no copy; odd L = 2m + 1: ⌊L/2⌋ = m, ⌈L/2⌉ = m + 1, one
       copy: in both cases gates = L − (factors passed up);
    2. the gates telescope: Σ_levels (L_j − L_(j+1)) = n − 1;
    3. if 2^(k−1) < L <= 2^k (k >= 2) then 2^(k−2) < ⌈L/2⌉ <= 2^(k−1): each level lowers
       ⌈log2 L⌉ by exactly one, so there are ⌈log2 n⌉ layers;
    4. n = 2^k: every level 2^(k−j) is even, no copy gate; neurons N(k) = 4(2^k − 1) solve
       N(k) = 2 N(k − 1) + 4, N(0) = 0: 4(n − 1) neurons, n − 1 gates, log2 n layers.

    Examples
    --------
    >>> [step.holds for step in binary_tree_proof().steps]
    [True, True, True, True, True]
    """
    half = sympy.Rational(1, 2)
    even, odd = 2 * _M, 2 * _M + 1
    steps = [ProofStep("L = 2m: ⌊L/2⌋ = ⌈L/2⌉ = m, gates = L − passed",
                       sympy.floor(even * half) + sympy.ceiling(even * half), even,
                       sympy.floor(even * half) == _M and sympy.ceiling(even * half) == _M,
                       "sympy floor/ceiling with m an integer; L mod 2 = 0 copies"),
             ProofStep("L = 2m+1: ⌊L/2⌋ = m, ⌈L/2⌉ = m + 1, gates = L − passed",
                       sympy.floor(odd * half) + sympy.ceiling(odd * half), odd,
                       is_zero(sympy.floor(odd * half) - _M)
                       and is_zero(sympy.ceiling(odd * half) - _M - 1),
                       "sympy floor/ceiling with m an integer; L mod 2 = 1 copy")]
    level = sympy.Function("L")
    j, depth = sympy.symbols("j D", integer=True, nonnegative=True)
    telescoped = sympy.Sum(level(j) - level(j + 1), (j, 0, depth - 1))
    closed = level(0) - level(depth)
    check = sympy.Sum(level(j) - level(j + 1), (j, 0, 3)).doit() == level(0) - level(4)
    steps.append(ProofStep("Σ_levels gates = L_0 − L_D = n − 1", telescoped, closed,
                           check and is_zero(closed.subs({level(0): _N, level(depth): 1})
                                             - (_N - 1)),
                           "a telescoping sum (L_0 = n factors, L_D = 1 product)"))
    k = sympy.Symbol("k", integer=True, positive=True)
    # the largest odd L <= 2^k is 2^k - 1 (2^k even), the smallest odd L > 2^(k-1) is
    # 2^(k-1) + 1; their halves rounded up are the extremes of ⌈L/2⌉ on odd levels
    top, bottom = sympy.ceiling((2**k - 1) * half), sympy.ceiling((2 ** (k - 1) + 1) * half)
    steps.append(ProofStep("2^(k−1) < L <= 2^k  =>  2^(k−2) < ⌈L/2⌉ <= 2^(k−1)",
                           (bottom, top), (2 ** (k - 2), 2 ** (k - 1)),
                           is_zero(2**k * half - 2 ** (k - 1))
                           and is_zero((2**k - 1 - 1) * half + 1 - 2 ** (k - 1))
                           and is_zero((2 ** (k - 1) + 1 - 1) * half - 2 ** (k - 2))
                           and bool(sympy.simplify(2 ** (k - 1) * half + half
                                                   - 2 ** (k - 2)).is_positive),
                           "even L: divide by 2; odd L: 2^(k−1) + 1 <= L <= 2^k − 1 gives "
                           "2^(k−2) + 1 <= ⌈L/2⌉ <= 2^(k−1) (k >= 2); so ⌈log2 L⌉ drops by one "
                           "per level: ⌈log2 n⌉ layers"))
    neurons = 4 * (2**k - 1)
    steps.append(ProofStep("n = 2^k: N(k) = 4(2^k − 1) solves N(k) = 2N(k−1) + 4, N(0) = 0",
                           neurons, 2 * neurons.subs(k, k - 1) + 4,
                           is_zero(neurons - 2 * neurons.subs(k, k - 1) - 4)
                           and neurons.subs(k, 0) == 0,
                           "every level is even: no copy gate; 4(n − 1) neurons, n − 1 "
                           "gates, k = log2 n layers"))
    return Proof("the binary tree of multiplication gates: n − 1 gates, ⌈log2 n⌉ layers, "
                 "4(n − 1) neurons for n = 2^k", tuple(steps),
                 ("the construction of symflat.paper.networks.deep_product: per level, "
                  "⌊L/2⌋ multiplication gates of 4 neurons, L mod 2 copy gates of 1 neuron",))


def tree_counts(n: int) -> dict[str, int]:
    """Gates, copy gates, depth and neurons of the tree for x1⋯xn, by running the recurrence.

    Examples
    --------
    >>> tree_counts(8)
    {'gates': 7, 'copies': 0, 'depth': 3, 'neurons': 28}
    """
    gates = copies = depth = 0
    level = n
    while level > 1:
        gates, copies, depth = gates + level // 2, copies + level % 2, depth + 1
        level = math.ceil(level / 2)
    return {"gates": gates, "copies": copies, "depth": depth, "neurons": 4 * gates + copies}
