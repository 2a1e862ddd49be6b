"""Fig. 2's caption: "The left gate requires σ''(0) ≠ 0, which can always be arranged by
biasing the input to σ" — for which activations a bias gives σ''(b) ≠ 0."""

from __future__ import annotations

import sympy

from symflat.exact.interval import rigorous_sign
from symflat.exact.symbols import X
from symflat.verify.checks._common import Scope, fmt, param, verdict
from symflat.verify.checks._registry import Param, checker
from symflat.verify.claims import Claim, Verdict

#: Biases tried, in order, when σ''(0) = 0 (log(2 + √3) is where the sigmoid's σ'' peaks).
_BIASES = (sympy.Integer(1), sympy.Rational(1, 2), sympy.log(2 + sympy.sqrt(3)))


def _bias_for(expression: sympy.Expr) -> tuple[sympy.Expr | None, sympy.Expr]:
    """A bias b with σ''(b) ≠ 0 (rigorously), or None when σ'' vanishes identically."""
    second = sympy.simplify(sympy.diff(expression, X, 2))
    if second == 0:
        return None, second
    for b in (sympy.Integer(0), *_BIASES):
        if rigorous_sign(second.subs(X, b)) not in (0, None):
            return b, second
    return None, second


@checker(
    "curvature-bias",
    activations=Param("str_list", "activations to try: names (sigmoid, tanh, softplus, exp, "
                      "identity, relu, ...) or expressions in x", required=True),
)
def check_curvature_bias(claim: Claim) -> Verdict:
    """σ''(b) ≠ 0 for some bias b: for which activations the printed 'always' holds."""
    from symflat.errors import ActivationError
    from symflat.nets.activations import get_activation

    f = sympy.Function("f")
    solution = sympy.dsolve(sympy.Derivative(f(X), X, 2), f(X)).rhs
    affine = sympy.Poly(solution, X).degree() <= 1
    details = [f"lemma: σ'' = 0 everywhere gives σ = {fmt(solution)} (sympy dsolve): exactly the "
               "affine σ; so a σ that is twice differentiable and not affine has some b with "
               "σ''(b) ≠ 0 (an analytic one at all b but isolated zeros)"]
    exceptions, shifted, unshifted = [], [], []
    for name in param(claim, "activations"):
        try:
            activation = get_activation(name)
            expression = activation.expression
        except ActivationError as error:
            exceptions.append(name)
            details.append(f"{name}: {error}; where it is twice differentiable it is affine "
                           "(σ'' = 0), so no bias helps")
            continue
        if expression is None:  # a kink: not analytic, σ'' = 0 off the kink
            exceptions.append(name)
            details.append(f"{name}: piecewise linear, σ'' = 0 wherever it exists: no bias "
                           "gives σ''(b) ≠ 0")
            continue
        b, second = _bias_for(expression)
        if b is None:
            exceptions.append(name)
            details.append(f"{name}: σ'' = {fmt(second)}: no bias helps")
        else:
            at_zero = second.subs(X, 0)
            (unshifted if b == 0 else shifted).append(name)
            details.append(f"{name}: σ''(0) = {fmt(sympy.simplify(at_zero))}"
                           + ("" if b == 0 else f"; σ''({fmt(b)}) ≠ 0 (rigorous sign)"))
    if not affine:
        return verdict(claim, "inconclusive", "the lemma (σ'' ≡ 0 iff σ affine) was not "
                       "confirmed", details=details, scope=Scope.nothing("no lemma"))
    if not exceptions:
        return verdict(claim, "verified", "every activation listed has σ''(b) ≠ 0 at some "
                       "bias b, and every twice-differentiable non-affine σ does",
                       details=details, scope=Scope.for_all("every twice-differentiable "
                                                            "non-affine σ"))
    return verdict(
        claim, "conditional",
        "a bias b with σ''(b) ≠ 0 exists iff σ is not affine (σ'' ≡ 0 integrates to an affine "
        f"σ): it fails for {', '.join(exceptions)}"
        + (f"; {', '.join(shifted)} have σ''(0) = 0 and need the bias" if shifted else "")
        + (f"; {', '.join(unshifted)} do not" if unshifted else ""),
        corrected=(r"\text{for a twice-differentiable } \sigma\text{, some bias } b \text{ gives "
                   r"} \sigma''(b) \neq 0 \text{ iff } \sigma \text{ is not affine}"),
        details=details, scope=Scope.for_all("every twice-differentiable σ"),
    )
