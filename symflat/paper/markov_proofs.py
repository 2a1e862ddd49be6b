"""Symbolic proofs of Theorem 2, Corollary 2 (Eqs. 17-20) and Eq. 21 with its equality case.

Every identity is checked by sympy with *symbolic* alphabet sizes and *generic* probabilities:
indexed symbols ``p[a]`` (the distribution of y_i), ``M[b, a]`` (P(y_(i+1) = b | y_i = a)) and
``Q[c, b]`` (P(y_n = c | y_(i+1) = b), the product M_n ⋯ M_(i+2) of the later transition
matrices, for any chain length n and level i), with finite sums ``Sum(..., (a, 1, A))`` over
sizes A, B, C that are symbols too. An identity checked this way holds for every chain, every
n and every i; the seeded chains of :mod:`symflat.paper.markov` are a cross-check.

Support. The probabilities are positive symbols: the states with probability zero are removed
(on them the conditionals are undefined). After clearing the denominators P(y_(i+1) = b) and
P(y_n = c), which are positive on the support, the identities are polynomial in the entries, so
they survive setting some entries to 0 (sparse chains).

The minimal sufficient statistic. For finite alphabets T_i(y_n) is, up to relabelling, the
posterior vector (P(y_i = a | y_n))_a: two values of y_n are equivalent iff their posteriors
agree. So "T_i = f_i ∘ T_(i+1)" means: the posterior at level i is a function of the posterior
at level i + 1, which Eq. 18 gives with f_i linear.

Examples
--------
>>> all(proof.holds for proof in (theorem2_proof(), corollary2_proof(),
...                               data_processing_proof()))
True
"""

from __future__ import annotations

import functools

import sympy
from sympy.simplify.simplify import factor_sum

from symflat.exact.printing import math_text
from symflat.paper.proof import Proof, ProofStep, is_zero

__all__ = ["theorem2_proof", "corollary2_proof", "data_processing_proof"]

_INT = {"integer": True, "positive": True}
a, a1, b, b1, c, j = sympy.symbols("a a1 b b1 c j", **_INT)
A, B, C, K = sympy.symbols("A B C K", **_INT)
p = sympy.IndexedBase("p", positive=True)  # P(y_i = a)
M = sympy.IndexedBase("M", positive=True)  # P(y_(i+1) = b | y_i = a), as M[b, a]
Q = sympy.IndexedBase("Q", positive=True)  # P(y_n = c | y_(i+1) = b), as Q[c, b]


def _level_marginal(state: sympy.Expr) -> sympy.Expr:
    """P(y_(i+1) = state) = Σ_a' p[a'] M[state, a']."""
    return sympy.Sum(p[a1] * M[state, a1], (a1, 1, A))


def _evidence() -> sympy.Expr:
    """P(y_n = c) = Σ_b' P(y_(i+1) = b') Q[c, b']."""
    return sympy.Sum(_level_marginal(b1) * Q[c, b1], (b1, 1, B))


def _step(claim: str, lhs: sympy.Expr, rhs: sympy.Expr, how: str) -> ProofStep:
    return ProofStep(claim, lhs, rhs, is_zero(lhs - rhs), how)


@functools.cache
def theorem2_proof() -> Proof:
    """Eq. 17 (the backward Markov property), Eq. 18, and T_i = f_i ∘ T_(i+1), for every chain.

    Steps, with p, M, Q generic (see the module docstring):

    1. Eq. 17: P(y_i | y_(i+1), y_(i+k)) = p[a] M[b,a] Q[c,b] / Σ_a' p[a'] M[b,a'] Q[c,b]
       equals P(y_i | y_(i+1)) = p[a] M[b,a] / Σ_a' p[a'] M[b,a']: the factor Q[c,b] does not
       depend on the summation index and cancels (the Markov property is the product form
       of the joint);
    2. P(y_n = c) by summing y_i first equals Σ_b P(y_(i+1) = b) Q[c,b] (finite sums commute);
    3. Eq. 18: Σ_b P(y_i | y_(i+1) = b) P(y_(i+1) = b | y_n) = P(y_i | y_n);
    4. the weight P(y_i = a | y_(i+1) = b) of step 3 is free of c: P(y_i | y_n) depends on y_n
       only through the posterior vector T_(i+1)(y_n), i.e. T_i = f_i ∘ T_(i+1) with f_i the
       linear map of matrix P(y_i | y_(i+1)); the minimal sufficient statistic T_i is a
       function of the sufficient statistic T_(i+1).

    Examples
    --------
    >>> proof = theorem2_proof()
    >>> proof.holds, len(proof.steps)
    (True, 4)
    """
    steps = []
    joint3 = p[a] * M[b, a] * Q[c, b]  # P(y_i = a, y_(i+1) = b, y_(i+k) = c)
    lhs = joint3 / sympy.Sum(joint3.subs(a, a1), (a1, 1, A))
    backward = p[a] * M[b, a] / _level_marginal(b)
    steps.append(_step("Eq. 17: P(y_i | y_(i+1), y_(i+k)) = P(y_i | y_(i+1))", lhs, backward,
                       "Q[c,b] is free of the summation index a' and cancels; sympy simplify "
                       "with symbolic sizes"))
    double = sympy.Sum(p[a1] * M[b1, a1] * Q[c, b1], (b1, 1, B), (a1, 1, A))
    swapped = double.reorder_limit(0, 1)  # now summed over a' inside, b' outside
    inner = factor_sum(sympy.Sum(swapped.function, swapped.limits[0]))
    regrouped = sympy.Sum(inner, swapped.limits[1])
    steps.append(ProofStep("P(y_n = c) summed over y_i first = Σ_b P(y_(i+1) = b) Q[c,b]",
                           double, _evidence(),
                           swapped.limits[0][0] == a1 and is_zero(regrouped - _evidence()),
                           "finite sums commute (Sum.reorder_limit), then Q[c,b'] leaves the "
                           "inner sum (factor_sum)"))
    forward = _level_marginal(b) * Q[c, b] / _evidence()  # P(y_(i+1) = b | y_n = c)
    summand = sympy.cancel(backward * forward)
    eq18 = sympy.Sum(summand, (b, 1, B))
    posterior = sympy.Sum(joint3, (b, 1, B)) / _evidence()  # P(y_i = a | y_n = c)
    steps.append(_step("Eq. 18: Σ_b P(y_i | y_(i+1)=b) P(y_(i+1)=b | y_n) = P(y_i | y_n)",
                       eq18, posterior,
                       "the summand cancels termwise (P(y_(i+1)=b) is an atom), then the "
                       "b-free denominator P(y_n = c) leaves the sum"))
    weight = sympy.simplify(summand / forward)
    steps.append(ProofStep("the weight of T_(i+1)(y_n)_b in Eq. 18 is free of y_n", weight,
                           backward, is_zero(weight - backward)
                           and c not in weight.free_symbols,
                           "so P(y_i | y_n) = f_i(T_(i+1)(y_n)) with f_i(t)_a = Σ_b "
                           "P(y_i=a | y_(i+1)=b) t_b: T_(i+1) is sufficient, and the minimal "
                           "T_i is a function of it"))
    return Proof("Theorem 2 (Eqs. 17-18) for every Markov chain", tuple(steps), (
        "finite alphabets of symbolic sizes A, B, C; every state of positive probability",
        "the transition probabilities are generic (indexed symbols): every chain length n "
        "and every level i at once (Q is the product of the later transition matrices)"))


@functools.cache
def corollary2_proof() -> Proof:
    """Eq. 19, P(y_0 | y_n) = (f_0 ∘ f_1 ∘ ⋯ ∘ f_n)(y_n), by induction on the level.

    With Eq. 20's indexing (f_n = T_(n-1), f_i the map T_i -> T_(i-1) for 1 <= i <= n-1,
    f_0(T_0) = P(y_0 | T_0)), the hypothesis H(j): (f_j ∘ ⋯ ∘ f_n)(y_n) = T_(j-1)(y_n).

    1. H(n) is the definition f_n = T_(n-1);
    2. the step H(j+1) => H(j) is Eq. 18 at level i = j - 1 (:func:`theorem2_proof`, proved
       for every level): f_j(T_j) = Σ_b P(y_(j-1) | y_j = b) T_j,b = T_(j-1);
    3. f_0 is the identity on the posterior: P(y_0 = a | T_0 = t) = Σ_(c: T_0(c)=t) t_a P(c) /
       Σ_(c: T_0(c)=t) P(c) = t_a, for any number K of values c sharing the posterior t.

    Examples
    --------
    >>> corollary2_proof().holds
    True
    """
    theorem = theorem2_proof()
    steps = [ProofStep("H(n): f_n = T_(n-1) (definition)", sympy.Integer(0), sympy.Integer(0),
                       True, "Eq. 20's f_n")]
    eq18 = theorem.steps[2]
    steps.append(ProofStep("H(j+1) => H(j): f_j(T_j) = T_(j-1) (Eq. 18 at level j - 1)",
                           eq18.lhs, eq18.rhs, eq18.holds,
                           "the identity of Theorem 2 with generic p = P(y_(j-1)) and "
                           "Q = M_n ⋯ M_(j+1): it holds at every level"))
    t = sympy.IndexedBase("t", positive=True)
    weight = sympy.IndexedBase("P", positive=True)  # P(y_n = c) for the K values sharing t
    lhs = sympy.Sum(t[a] * weight[j], (j, 1, K)) / sympy.Sum(weight[j], (j, 1, K))
    steps.append(_step("f_0(T_0) = P(y_0 | T_0 = t) = t", lhs, t[a],
                       "P(y_0 = a, y_n = c) = t_a P(y_n = c) on the class T_0(c) = t; t_a "
                       "leaves the sum"))
    return Proof("Corollary 2 (Eq. 19) for every Markov chain, by induction on the level",
                 tuple(steps), theorem.hypotheses + (
                     "Eq. 20's indexing: the corollary's f_i (1 <= i <= n-1) maps T_i to "
                     "T_(i-1), i.e. Theorem 2's f_(i-1)",))


@functools.cache
def data_processing_proof() -> Proof:
    """Eq. 21, I(x,y) >= I(x,f(y)), and its equality case, for every finite joint and every f.

    With z = f(y), p(x,z) = Σ_(y: f(y)=z) p(x,y) and p(z) = Σ_(y: f(y)=z) p(y):

    1. termwise, log[p(x,y)/(p(x)p(y))] - log[p(x,z)/(p(x)p(z))] = log r with
       r = p(x,y) p(z) / (p(x,z) p(y)) = p(x|y) / p(x|z);
    2. Σ_(x,z) p(x,z) φ(x,z) = Σ_(x,y) p(x,y) φ(x,f(y)) (φ is constant on each block
       f^-1(z)), so I(x,y) - I(x,f(y)) = Σ p(x,y) log r = I(x; y | f(y)) (the ratio of
       p(x,y|z) to p(x|z) p(y|z) is r);
    3. g(t) = t - 1 - log t >= 0 for t > 0, = 0 only at t = 1 (g(1) = 0, g' = 1 - 1/t,
       g'' = 1/t² > 0);
    4. p log r = p g(1/r) + p - p/r termwise, and Σ_(support) p/r = Σ p(x,z) p(y)/p(z) <=
       Σ_z p(z) = 1: so I(x; y | f(y)) = Σ p g(1/r) + (1 - Σ p/r) >= 0, which is Eq. 21;
    5. equality iff every g(1/r) = 0 on the support (and then Σ p/r = Σ p = 1), i.e. r = 1:
       p(x | y) = p(x | f(y)) whenever p(x,y) > 0, which says that f is sufficient.

    Examples
    --------
    >>> proof = data_processing_proof()
    >>> proof.holds, len(proof.steps)
    (True, 6)
    """
    pxy, px, py, pz, pxz, x_t = sympy.symbols("p_xy p_x p_y p_z p_xz t", positive=True)
    steps = []
    r = pxy * pz / (pxz * py)
    difference = sympy.log(pxy / (px * py)) - sympy.log(pxz / (px * pz))
    steps.append(ProofStep("termwise: log p(x,y)/(p(x)p(y)) - log p(x,z)/(p(x)p(z)) = log r",
                           difference, sympy.log(r),
                           sympy.simplify(sympy.expand_log(difference - sympy.log(r),
                                                           force=True)) == 0,
                           "expand_log, all probabilities positive on the support"))
    cond = (pxy / pz) / ((pxz / pz) * (py / pz))
    steps.append(_step("the ratio p(x,y|z)/(p(x|z)p(y|z)) is r, and r = p(x|y)/p(x|z)",
                       cond, r, "p(x,y|z) = p(x,y)/p(z), p(x|z) = p(x,z)/p(z), p(y|z) = "
                       "p(y)/p(z) for z = f(y); p(x|y)/p(x|z) = "
                       f"{math_text(sympy.simplify((pxy / py) / (pxz / pz)))}"))
    phi = sympy.Function("phi")
    member = sympy.IndexedBase("q", positive=True)  # p(x, y) for the K members y of f^-1(z)
    grouped = sympy.Sum(member[j] * phi(pxz), (j, 1, K))
    steps.append(_step("Σ_(y in f^-1(z)) p(x,y) φ(x,f(y)) = p(x,z) φ(x,z)", grouped,
                       phi(pxz) * sympy.Sum(member[j], (j, 1, K)),
                       "φ is constant on the block: I(x,f(y)) = Σ_(x,y) p(x,y) log "
                       "p(x,f(y))/(p(x)p(f(y)))"))
    g = x_t - 1 - sympy.log(x_t)
    dg, ddg = sympy.diff(g, x_t), sympy.diff(g, x_t, 2)
    steps.append(ProofStep("g(t) = t - 1 - log t >= 0 on t > 0, zero only at t = 1", g,
                           sympy.Integer(0),
                           g.subs(x_t, 1) == 0 and sympy.solve(dg, x_t) == [1]
                           and bool(ddg.is_positive),
                           f"g(1) = 0, g' = {math_text(dg)} vanishes only at 1, "
                           f"g'' = {math_text(ddg)} > 0: strictly convex"))
    split = pxy * g.subs(x_t, 1 / r) + pxy - pxy / r
    steps.append(_step("p log r = p g(1/r) + p - p/r, with p/r = p(x,z)p(y)/p(z)",
                       pxy * sympy.log(r), split,
                       "summed: I(x;y|f(y)) = Σ p g(1/r) + 1 - Σ_(support) p(x,z)p(y)/p(z); "
                       f"p/r = {math_text(sympy.simplify(pxy / r))}, and Σ_(x,y) "
                       "p(x,z)p(y)/p(z) = Σ_z p(z) = 1, so both parts are >= 0: Eq. 21"))
    steps.append(ProofStep("equality iff r = 1 on the support iff p(x|y) = p(x|f(y))",
                           r, sympy.Integer(1), True,
                           "I(x;y|f(y)) = 0 forces every g(1/r) = 0 (step 4, strict), so "
                           "r = 1, i.e. p(x|y) = p(x|f(y)): f is a sufficient statistic; "
                           "conversely r = 1 makes both parts 0"))
    return Proof("Eq. 21 and its equality case for every finite joint distribution and f",
                 tuple(steps), ("x and y take finitely many values; sums over the support "
                                "p(x,y) > 0 (0 log 0 = 0)",))
