"""What the 2^n no-flattening theorem needs: its hypothesis sigma_k != 0, decided per activation.

Appendix A proves ``2^n`` neurons minimal for ``x1...xn`` under the hypothesis
``sigma_k != 0 for 0 <= k <= n``; Sec. III.8 repeats the result without it. The checker
``product-width-model`` computes the certified minimal width of ``x1...xn`` for a given
network class (a :class:`symflat.width.WidthModel`: activation, hidden biases, output bias) with
:func:`symflat.width.minimal_width` (a proven lower bound, a construction re-checked by exact
expansion with the real activation) and compares it with the count the claim states, or with
the claim that no network of the class reaches ``x1...xn`` at all.
"""

from __future__ import annotations

from symflat.verify.checks._common import expr_param, int_range, param, verdict
from symflat.verify.checks._registry import Param, checker
from symflat.verify.claims import Claim, ClaimError, Verdict
from symflat.verify.scope import Scope
from symflat.width import WidthError, WidthModel, minimal_width

__all__ = ["check_product_width_model"]


def _model(claim: Claim) -> WidthModel:
    try:
        return WidthModel.parse(param(claim, "model"), activation=param(claim, "activation"))
    except WidthError as error:
        raise ClaimError(f"{claim.source}: claim '{claim.id}': field 'parameters': "
                         f"{error}") from None


@checker(
    "product-width-model",
    activation=Param("str", "the activation (a name such as tanh or sigmoid, or 'generic')",
                     default="generic"),
    model=Param("str", "the network class: no-bias, output-bias, affine or "
                "affine+output-bias", default="no-bias"),
    n=Param("int_range", "[lo, hi] numbers of factors", default=[1, 5], limit=6, minimum=1),
    parity=Param("str", "which n the statement is about: 'all', 'odd' or 'even'",
                 default="all"),
    neurons=Param("str", "the stated minimal width, an expression in n", default="2^n"),
    unreachable=Param("bool", "the statement is instead that no network of the class reaches "
                      "x1...xn", default=False),
)
def check_product_width_model(claim: Claim) -> Verdict:
    """The minimal width of x1⋯xn in a stated class is the stated count (or unreachable)."""
    model = _model(claim)
    parity = param(claim, "parity")
    if parity not in ("all", "odd", "even"):
        raise ClaimError(f"{claim.source}: claim '{claim.id}': field 'parameters.parity': "
                         f"'all', 'odd' or 'even', not {parity!r}")
    ns = [n for n in int_range(claim, "n")
          if parity == "all" or (n % 2 == 1) == (parity == "odd")]
    formula = None if param(claim, "unreachable") else str(param(claim, "neurons"))
    details, certificate = [], {}
    for n in ns:
        text = "*".join(f"x{i}" for i in range(1, n + 1))
        result = minimal_width(text, model, timeout=60)
        if formula is None:
            certificate[str(n)] = "unreachable" if not result.representable else result.lower
            if result.representable:
                return verdict(claim, "refuted",
                               f"n={n}: {model.describe()} reaches x1⋯xn with "
                               f"{result.lower}..{result.upper} neurons",
                               details=details, certificate=certificate,
                               scope=Scope.at(n=n))
            details.append(f"n={n}: not representable: {result.reason}")
            continue
        want = int(expr_param(claim, "neurons", values={"n": n}))
        certificate[str(n)] = [result.lower, result.upper]
        if not result.representable:
            return verdict(claim, "refuted", f"n={n}: {result.reason}", details=details,
                           certificate=certificate, scope=Scope.at(n=n))
        if result.upper is not None and result.upper < want:
            return verdict(claim, "refuted",
                           f"n={n}: a network of {result.upper} < {want} neurons, verified by "
                           f"exact expansion with {model.activation}",
                           details=details, certificate=certificate,
                           scope=Scope.at(n=n))
        if result.lower > want:
            return verdict(claim, "refuted", f"n={n}: at least {result.lower} > {want} "
                           f"neurons ({result.lower_certificate.method})",
                           details=details, certificate=certificate,
                           scope=Scope.at(n=n))
        if not result.exact or result.lower != want:
            return verdict(claim, "inconclusive",
                           f"n={n}: {result.lower} <= width <= {result.upper}; stated {want}",
                           details=details, certificate=certificate,
                           scope=Scope.nothing(f"the width at n = {n} is not exact"))
        details.append(f"n={n}: minimal width {want} ({result.lower_certificate.method} bound "
                       f"for {result.lower_certificate.hypothesis}; "
                       f"{result.construction.method}, re-checked by exact expansion)")
    which = f"n = {ns[0]}..{ns[-1]}" + ("" if parity == "all" else f", {parity}")
    if formula is None:
        summary = f"{which}: no network {model.describe()} reaches x1⋯xn"
    else:
        summary = (f"{which}: minimal width of x1⋯xn in {model.describe()} = "
                   f"{formula}, certified on both sides")
    return verdict(claim, "verified", summary, details=details, certificate=certificate,
                   scope=Scope.for_range("n", ns))
