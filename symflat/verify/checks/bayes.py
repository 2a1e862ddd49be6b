"""Bayes' theorem as a softmax (Sec. II.1-II.2, Eqs. 1-8).

Classes y = 1..K have likelihoods q_y = p(x|y) > 0 and priors pi_y = p(y) > 0 (symbols), so
H_y = -ln q_y and mu_y = -ln pi_y (Eq. 2). Every identity is decided by exact simplification
with positive symbols; the argument is termwise, so it holds for every K.
"""

from __future__ import annotations

import sympy

from symflat.verify.checks._common import Scope, fmt, int_range, param, verdict
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
    details.append(f"exp({a}*H_y + {b}*mu_y) = {fmt(sympy.simplify(term))} (exact, q, pi > 0)")
    for k in int_range(claim, "classes"):
        q, prior = _classes(k)
        exps = [sympy.exp(-a * sympy.log(qi) - b * sympy.log(pi)) for qi, pi in zip(q, prior)]
        total = sum(exps)
        for y in range(k):
            if not _zero(exps[y] / total - _bayes(q, prior, y)):
                return verdict(
                    claim, "refuted",
                    f"with K={k} classes, softmax({a}H {'+' if b >= 0 else '-'} "
                    f"{abs(b)}mu)_{y + 1} = {fmt(sympy.simplify(exps[y] / total))} is not "
                    f"p(x|y)p(y)/sum p(x|y')p(y')",
                    corrected=r"\textbf{p}(\textbf{x}) = \tilde{\boldsymbol{\sigma}}"
                              r"[-\textbf{H}(\textbf{x}) - \boldsymbol{\mu}]",
                    details=details, scope=Scope.at(K=k),
                )
        details.append(f"K={k}: every component equals Bayes' posterior exactly")
    if not termwise:
        return verdict(claim, "inconclusive", "termwise identity not proven", details=details,
                       scope=Scope.for_range("K", int_range(claim, "classes")))
    return verdict(
        claim, "verified",
        "exp(-H_y - mu_y) = p(x|y)p(y) termwise, so the softmax normalisation is Bayes' "
        "denominator for any number of classes (explicitly for the listed K)",
        details=details, scope=Scope.for_all("every number of classes K"),
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
                           "e^{-[H_y + mu_y]}/N(x) = p(x|y)p(y)/sum_y' p(x|y')p(y') exactly",
                           scope=Scope.for_range("K", [k]))
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
        details=details, scope=Scope.at(K=k),
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
        return verdict(claim, "verified", "the components sum to 1 exactly for every x",
                       scope=Scope.for_range("size", [k]))
    example = {x: 0 for x in xs} | {y: 1 for y in ys}
    return verdict(
        claim, "refuted",
        f"the components sum to {total}, e.g. {total.subs(example)} at x = 0, {var} = 1: the "
        f"denominator must run over the same vector (a typo for x_i)",
        corrected=r"\tilde{\boldsymbol{\sigma}}(\textbf{x}) \equiv "
                  r"\frac{e^{\textbf{x}}}{\sum_i e^{x_i}}",
        details=[f"sum_j e^(x_j) / sum_i e^({var}_i) = {total}"], scope=Scope.at(size=k),
    )


@checker(
    "bayes-rule",
    denominator=Param("str", "the printed summand of the denominator over y', in q = p(x|y'), "
                      "prior = p(y') and y = the label y' (Bayes: q*prior)", required=True),
    classes=Param("positive_int", "number of classes of the counterexample", default=2,
                  limit=20),
)
def check_bayes_rule(claim: Claim) -> Verdict:
    """Eq. 1: p(y|x) = p(x|y) p(y) / Σ_y' (printed summand), against the product rule."""
    from symflat.verify.checks._common import expr_param

    summand = expr_param(claim, "denominator", variables=["q", "prior", "y"])
    q, pi, label = sympy.symbols("q prior y")
    if _zero(summand - q * pi):
        return verdict(claim, "verified", "p(x) = Σ_y' p(x|y') p(y') (total probability), so "
                       "p(y|x) = p(x, y)/p(x) is the printed ratio, termwise for any K",
                       scope=Scope.for_all("every number of classes K"))
    k = param(claim, "classes")
    likelihood, prior = _classes(k)
    terms = [summand.subs({q: likelihood[i], pi: prior[i], label: i + 1}) for i in range(k)]
    printed = [likelihood[y] * prior[y] / sum(terms) for y in range(k)]
    total = sympy.simplify(sum(printed))
    example = {**{s: sympy.Rational(1, 2) for s in likelihood},
               **{s: sympy.Rational(1, k) for s in prior}}
    return verdict(
        claim, "refuted",
        f"with the summand {fmt(summand)} the denominator is not p(x) = Σ p(x|y')p(y'): with "
        f"K = {k} classes the posteriors sum to {fmt(total)} (= {total.subs(example)} at "
        f"p(x|y) = 1/2, p(y) = 1/{k}), not 1",
        corrected=r"p(y|\textbf{x}) = \frac{p(\textbf{x}|y)p(y)}{\sum_{y'}p(\textbf{x}|y')"
                  r"p(y')}",
        details=[f"printed p(y|x) for y = 1..{k}: " + ", ".join(map(fmt, printed))],
        scope=Scope.at(K=k),
    )


@checker(
    "gaussian-form",
    linear_index=Param("str", "the printed index of h in the linear term Σ_i h_? x_i (Eq. 14 "
                       "prints j); not an expression", required=True),
    n=Param("int_range", "[lo, hi] dimensions expanded with explicit symmetric matrices (the "
            "cross-check of the matrix identity)", default=[1, 3], limit=5, minimum=1),
)
def check_gaussian_form(claim: Claim) -> Verdict:
    """Eq. 14: a multivariate Gaussian is e^(h + Σ_i h_i x_i − Σ_ij h_ij x_i x_j)."""
    from symflat.exact.symbols import input_symbols

    x, mu = sympy.MatrixSymbol("x", sympy.Symbol("n"), 1), sympy.MatrixSymbol(
        "mu", sympy.Symbol("n"), 1)
    a = sympy.MatrixSymbol("A", sympy.Symbol("n"), sympy.Symbol("n"))  # A = Σ^-1, symmetric
    quadratic = sympy.expand((x - mu).T * a * (x - mu))
    form = x.T * a * x - 2 * mu.T * a * x + mu.T * a * mu
    proved = _symmetric_cross_check(quadratic, form, x, mu, a)
    details = ["-(x-mu)^T A (x-mu)/2 - ln Z = -x^T A x/2 + (A mu)^T x - mu^T A mu/2 - ln Z "
               "(A = Sigma^-1 symmetric): h = -mu^T A mu/2 - ln Z, h_i = (A mu)_i, h_ij = "
               "A_ij/2, for every n (matrix identity; x^T A mu = mu^T A x as A = A^T)"]
    for n in int_range(claim, "n"):
        xs = sympy.Matrix(input_symbols(n))
        means = sympy.Matrix(sympy.symbols(f"m1:{n + 1}"))
        entries = sympy.Matrix(n, n, lambda i, j: sympy.Symbol(f"a{min(i, j)}{max(i, j)}"))
        exponent = sympy.expand((-(xs - means).T * entries * (xs - means) / 2)[0])
        h = sympy.expand(-(means.T * entries * means)[0] / 2)
        linear = entries * means
        rebuilt = h + sum(linear[i] * xs[i] for i in range(n)) - sum(
            entries[i, j] / 2 * xs[i] * xs[j] for i in range(n) for j in range(n))
        if sympy.expand(exponent - rebuilt) != 0:
            raise AssertionError(f"Gaussian expansion fails at n={n}")
        details.append(f"n={n}: explicit symmetric A, the exponent is h + Σ h_i x_i - Σ_ij "
                       "h_ij x_i x_j exactly")
    index = param(claim, "linear_index").strip()
    scope = Scope.for_all("every dimension n")
    if not proved:
        return verdict(claim, "inconclusive", "the matrix identity was not confirmed",
                       details=details, scope=Scope.for_range("n", int_range(claim, "n")))
    if index == "i":
        return verdict(claim, "verified", "a Gaussian's -ln p is h + Σ_i h_i x_i - Σ_ij h_ij "
                       "x_i x_j + const: a quadratic polynomial, for every n", details=details,
                       scope=scope)
    return verdict(
        claim, "refuted",
        f"as printed the linear term Σ_i h_{index} x_i has the free index {index} (it would be "
        f"h_{index} Σ_i x_i, one coefficient for all x_i): a Gaussian needs h_i x_i, with h_i "
        "= (Σ^-1 mu)_i; with that the form and 'H = -ln p is quadratic' hold for every n",
        corrected=r"p(\textbf{x}) = e^{h + \sum_i h_i x_i - \sum_{ij} h_{ij} x_i x_j}",
        details=details, scope=scope,
    )


def _symmetric_cross_check(quadratic: sympy.Expr, form: sympy.Expr, x: sympy.MatrixSymbol,
                           mu: sympy.MatrixSymbol, a: sympy.MatrixSymbol) -> bool:
    """The matrix identity by its terms: (x-mu)^T A (x-mu) expands to x^T A x - x^T A mu -
    mu^T A x + mu^T A mu, and x^T A mu = (x^T A mu)^T = mu^T A^T x = mu^T A x for A = A^T."""
    expected = x.T * a * x - x.T * a * mu - mu.T * a * x + mu.T * a * mu
    transposed = (x.T * a * mu).T

    def vanishes(expr: sympy.Expr) -> bool:
        expr = sympy.simplify(expr)
        return expr == 0 or isinstance(expr, sympy.ZeroMatrix)

    return (vanishes(quadratic - expected)
            and transposed.subs(a.T, a) == mu.T * a * x
            and vanishes(expected.subs(x.T * a * mu, mu.T * a * x) - form)
            and not vanishes(quadratic - form))  # the symmetry of A is needed, and used
