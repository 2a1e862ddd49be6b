"""Bayes' theorem as a softmax (Sec. II.1-II.2, Eqs. 1-8).

Classes y = 1..K have likelihoods q_y = p(x|y) > 0 and priors pi_y = p(y) > 0 (symbols), so
H_y = -ln q_y and mu_y = -ln pi_y (Eq. 2). Every identity is decided by exact simplification
with positive symbols; the argument is termwise, so it holds for every K.
"""

from __future__ import annotations

import sympy

from symflat.verify.checks._common import int_range, param, verdict
from symflat.verify.checks._registry import Param, checker
from symflat.verify.claims import Claim, Verdict


def _classes(k: int) -> tuple[list[sympy.Symbol], list[sympy.Symbol]]:
    q = list(sympy.symbols(f"q1:{k + 1}", positive=True))
    prior = list(sympy.symbols(f"pi1:{k + 1}", positive=True))
    return q, prior


def _bayes(q: list, prior: list, y: int) -> sympy.Expr:
    return q[y] * prior[y] / sum(a * b for a, b in zip(q, prior))


def _zero(expr: sympy.Expr) -> bool:
    return sympy.simplify(sympy.expand_log(expr, force=False)) == 0


@checker(
    "bayes-softmax",
    sign_h=Param("int", "printed coefficient of H inside the softmax (Eq. 8: -1)",
                 required=True, limit=100),
    sign_mu=Param("int", "printed coefficient of mu inside the softmax (Eq. 8: -1)",
                  required=True, limit=100),
    classes=Param("int_range", "[lo, hi] numbers of classes checked explicitly",
                  default=[1, 5], limit=20, minimum=1),
)
def check_bayes_softmax(claim: Claim) -> Verdict:
    """p(x) = softmax(a H(x) + b mu) with H = -ln p(x|y), mu = -ln p(y) is Bayes' theorem."""
    a, b = param(claim, "sign_h"), param(claim, "sign_mu")
    details = []
    # Termwise identity, independent of K: exp(a H_y + b mu_y) = q_y^(-a) pi_y^(-b).
    qs, ps = sympy.symbols("q pi", positive=True)
    term = sympy.exp(a * -sympy.log(qs) + b * -sympy.log(ps))
    termwise = sympy.simplify(term - qs * ps) == 0
    details.append(f"exp({a}*H_y + {b}*mu_y) = {sympy.simplify(term)} (exact, q, pi > 0)")
    for k in int_range(claim, "classes"):
        q, prior = _classes(k)
        exps = [sympy.exp(-a * sympy.log(qi) - b * sympy.log(pi)) for qi, pi in zip(q, prior)]
        total = sum(exps)
        for y in range(k):
            if not _zero(exps[y] / total - _bayes(q, prior, y)):
                return verdict(
                    claim, "refuted",
                    f"with K={k} classes, softmax({a}H {'+' if b >= 0 else '-'} "
                    f"{abs(b)}mu)_{y + 1} = {sympy.simplify(exps[y] / total)} is not "
                    f"p(x|y)p(y)/sum p(x|y')p(y')",
                    corrected=r"\textbf{p}(\textbf{x}) = \tilde{\boldsymbol{\sigma}}"
                              r"[-\textbf{H}(\textbf{x}) - \boldsymbol{\mu}]",
                    details=details,
                )
        details.append(f"K={k}: every component equals Bayes' posterior exactly")
    if not termwise:
        return verdict(claim, "inconclusive", "termwise identity not proven", details=details)
    return verdict(
        claim, "verified",
        "exp(-H_y - mu_y) = p(x|y)p(y) termwise, so the softmax normalisation is Bayes' "
        "denominator for any number of classes (explicitly for the listed K)",
        details=details,
    )


@checker(
    "boltzmann-form",
    prior_subscript=Param("str", "printed subscript of mu in the exponent (Eq. 3 prints x)",
                          required=True),
    classes=Param("positive_int", "number of classes of the counterexample", default=2, limit=20),
)
def check_boltzmann_form(claim: Claim) -> Verdict:
    """Eq. 3, ``p(y|x) = e^{-[H_y + mu_?]} / N(x)``, with ``N(x)`` of Eq. 4."""
    sub = param(claim, "prior_subscript").strip()
    k = param(claim, "classes")
    q, prior = _classes(k)
    norm = sum(a * b for a, b in zip(q, prior))  # N(x) of Eq. 4 = sum_y e^{-H_y - mu_y}
    if sub == "y":
        ok = all(_zero(q[y] * prior[y] / norm - _bayes(q, prior, y)) for y in range(k))
        if ok:
            return verdict(claim, "verified",
                           "e^{-[H_y + mu_y]}/N(x) = p(x|y)p(y)/sum_y' p(x|y')p(y') exactly")
    # mu_x: a quantity that does not depend on the class y (it is indexed by the data x).
    mu_x = sympy.Symbol("mu_x", real=True)
    printed = [sympy.exp(sympy.log(q[y]) - mu_x) / norm for y in range(k)]
    total = sympy.simplify(sum(printed))
    ratio = sympy.simplify(printed[0] / printed[1]) if k > 1 else None
    details = [
        f"with mu_{sub} independent of y: sum_y p(y|x) = {total}, not 1 in general",
        f"p(1|x)/p(2|x) = {ratio}, but Bayes gives q1*pi1/(q2*pi2): the prior is lost",
    ]
    return verdict(
        claim, "refuted",
        f"with mu_{sub} (not mu_y) in the exponent the prior p(y) drops out and the "
        f"probabilities sum to {total} under Eq. 4's N(x): a typo for mu_y",
        corrected=r"p(y|\textbf{x}) = \frac{1}{N(\textbf{x})} e^{-[H_y(\textbf{x}) + \mu_y]}",
        details=details,
    )


@checker(
    "softmax-definition",
    denominator_variable=Param("str", "the vector summed in the printed denominator "
                               "(Eq. 7 prints y)", required=True),
    size=Param("positive_int", "vector length of the counterexample", default=2, limit=20),
)
def check_softmax_definition(claim: Claim) -> Verdict:
    """Eq. 7: softmax(x) = e^x / sum_i e^{?_i} sums to one."""
    var = param(claim, "denominator_variable").strip()
    k = param(claim, "size")
    xs = sympy.symbols(f"x1:{k + 1}", real=True)
    ys = sympy.symbols(f"y1:{k + 1}", real=True) if var != "x" else xs
    total = sympy.simplify(sum(sympy.exp(x) for x in xs) / sum(sympy.exp(y) for y in ys))
    if total == 1:
        return verdict(claim, "verified", "the components sum to 1 exactly for every x")
    example = {x: 0 for x in xs} | {y: 1 for y in ys}
    return verdict(
        claim, "refuted",
        f"the components sum to {total}, e.g. {total.subs(example)} at x = 0, {var} = 1: the "
        f"denominator must run over the same vector (a typo for x_i)",
        corrected=r"\tilde{\boldsymbol{\sigma}}(\textbf{x}) \equiv "
                  r"\frac{e^{\textbf{x}}}{\sum_i e^{x_i}}",
        details=[f"sum_j e^(x_j) / sum_i e^({var}_i) = {total}"],
    )
