"""The bit-product gate of Eq. 13 and the β that gives D decimal places (Sec. II.3.2).

With bits x_i and s = Σ_{i∈K} x_i ∈ {0..k}, the gate computes σ(β(s - k + 1/2)) with the
logistic sigmoid. Its error is σ(-β|s - k + 1/2|) for every bit string, largest (σ(-β/2)) at
s = k and s = k - 1: everything below is exact or decided with rigorous interval bounds.
"""

from __future__ import annotations

import itertools

import sympy

from symflat.exact.interval import bounds, rigorous_sign
from symflat.exact.symbols import BETA
from symflat.nets.activations import get_activation
from symflat.nets.evaluate import evaluate
from symflat.paper.gate_series import bit_product_series
from symflat.verify.checks._common import (
    Scope,
    expr_param,
    fmt,
    int_range,
    param,
    verdict,
    with_figure_data,
)
from symflat.verify.checks._registry import Param, checker
from symflat.verify.claims import Claim, Verdict

#: The logistic sigmoid σ(z) of Eq. 13, in closed form from the activation table.
_sigmoid = get_activation("sigmoid")


@checker(
    "bit-product-limit",
    offset=Param("str", "printed offset c in sigma[-beta(k - c - sum x_i)] (Eq. 13: 1/2)",
                 required=True),
    k=Param("int_range", "[lo, hi] numbers of bits checked on every bit string",
            default=[1, 6], limit=10, minimum=1),
)
def check_bit_product_limit(claim: Claim) -> Verdict:
    """lim_{β→∞} σ[-β(k - c - Σ x_i)] = Π x_i on every bit string (logistic σ)."""
    return with_figure_data(_bit_product_limit(claim), bit_product=bit_product_series())


def _bit_product_limit(claim: Claim) -> Verdict:
    from symflat.paper.networks import bit_product

    c = expr_param(claim, "offset", variables=[])
    details = []
    neurons = set()
    for k in int_range(claim, "k"):
        net = bit_product(k)
        neurons.add(net.neuron_count)
        # The gallery gate uses the printed offset 1/2; rebuild the printed one from its bias.
        weights = {p for p, _, _ in net.graph.in_edges("h", data="weight")}
        if len(weights) != k:
            raise AssertionError("bit_product: wrong fan-in")
        limits = {s: sympy.limit(_sigmoid(-BETA * (k - c - s)), BETA, sympy.oo)
                  for s in range(k + 1)}
        for bits in itertools.product((0, 1), repeat=k):
            limit = limits[sum(bits)]
            target = int(all(bits))
            if limit != target:
                return verdict(
                    claim, "refuted",
                    f"k={k}, bits {bits}: the limit is {limit}, the product is {target}",
                    corrected=r"\prod_{i\in K}x_i = \lim_{\beta\to\infty}\sigma\left[-\beta"
                              r"\left(k-\frac{1}{2}-\sum_{i\in K}x_i\right)\right]",
                    details=details, scope=Scope.at(k=k, bits="".join(map(str, bits))),
                )
        # the gallery's network computes the printed function when c = 1/2
        if c == sympy.Rational(1, 2):
            for bits in itertools.product((0, 1), repeat=k):
                argument = -BETA * (k - c - sum(bits))
                value = evaluate(net, {f"x{i + 1}": b for i, b in enumerate(bits)})["y"]
                if sympy.simplify(value - _sigmoid(argument)) != 0:
                    raise AssertionError("bit_product network differs from Eq. 13")
        details.append(f"k={k}: limit equals the product on all {2**k} bit strings")
    general = []
    if c.is_Rational and 0 < c < 1:
        general = [f"for every k: k - {c} - s is a non-integer, positive iff s <= k - 1, so "
                   "σ[-β(...)] -> 1 iff s = k iff every bit is 1, else -> 0 (σ(-∞) = 0, "
                   "σ(∞) = 1)"]
        return verdict(
            claim, "verified",
            f"for every k the argument β(s - k + {c}) has the sign of s - k + {c} ≠ 0, "
            f"positive iff all k bits are 1; one neuron ({sorted(neurons)} from the graph)",
            details=details + general, scope=Scope.for_all("every number of bits k"),
        )
    return verdict(claim, "conditional",
                   f"holds for the listed k; offset {c} is not strictly between 0 and 1, so the "
                   "general argument does not apply", details=details,
                   scope=Scope.for_range("k", int_range(claim, "k")))


@checker(
    "bit-product-beta",
    places=Param("positive_int", "D, the number of decimal places", required=True, limit=100),
    threshold=Param("str", "printed lower bound on beta, an expression in D", required=True),
    approximation=Param("str", "printed value of the threshold (≈ 23)", required=True),
    tolerance=Param("str", "what 'correct to D places' means: worst error below this "
                    "(expression in D)", default="10^(-D)"),
)
def check_bit_product_beta(claim: Claim) -> Verdict:
    """Does β > threshold make the bit-product gate correct to D decimal places?"""
    places = param(claim, "places")
    threshold = expr_param(claim, "threshold", variables=["D"], values={"D": places})
    approx = expr_param(claim, "approximation", variables=[])
    tol = expr_param(claim, "tolerance", variables=["D"], values={"D": places})
    worst = _sigmoid(-BETA / 2)  # error at s = k and at s = k - 1
    details = [
        "error on a bit string with sum s: |σ(β(s-k+1/2)) - [s=k]| = σ(-β|s-k+1/2|), largest "
        "when |s-k+1/2| = 1/2 (s = k or s = k-1): worst error σ(-β/2) = 1/(1+e^(β/2))",
        "σ(-β/2) decreases in β, so 'β > T suffices' iff σ(-T/2) <= tolerance",
    ]
    exact_threshold = 2 * sympy.log(1 / tol - 1)  # σ(-β/2) < tol  <=>  β > 2 ln(1/tol - 1)
    lo, hi = bounds(threshold)
    approx_ok = abs(approx - (lo + hi) / 2) <= sympy.Rational(1, 2)
    details.append(f"T = {fmt(threshold)} ∈ [{float(lo):.6f}, {float(hi):.6f}]; printed "
                   f"≈ {approx} {'agrees' if approx_ok else 'does not agree'} to the nearest "
                   "integer")
    e_lo, e_hi = bounds(exact_threshold)
    details.append(f"exact requirement: β > 2 ln(1/tol - 1) = {fmt(exact_threshold)} "
                   f"∈ [{float(e_lo):.6f}, {float(e_hi):.6f}]")
    sign = rigorous_sign(worst.subs(BETA, threshold) - tol)
    cert = {"worst_error": "1/(1+exp(beta/2))", "exact_threshold": str(exact_threshold),
            "exact_threshold_bounds": [str(e_lo), str(e_hi)]}
    if sign is None:
        return verdict(claim, "inconclusive", "could not decide σ(-T/2) against the tolerance",
                       details=details, scope=Scope.for_range("D", [places]))
    if sign <= 0:
        if not approx_ok:
            return verdict(claim, "refuted",
                           f"β > {fmt(threshold)} suffices, but {fmt(threshold)} ≈ "
                           f"{float(lo):.4f}, not {approx}", details=details, certificate=cert,
                           scope=Scope.for_range("D", [places]))
        return verdict(
            claim, "verified",
            f"worst error σ(-β/2) <= {fmt(tol)} for every β > {fmt(threshold)} "
            f"(exact requirement β > {fmt(exact_threshold)} ≈ {float(e_lo):.4f})",
            details=details, certificate=cert,
            scope=Scope.for_all(f"every β above the threshold and every k, at D = {places}"),
        )
    # A rational counterexample just above the printed threshold: β = ceil(T).
    beta_c = sympy.ceiling(hi) if sympy.ceiling(hi) > hi else sympy.ceiling(hi) + 1
    error_c = worst.subs(BETA, beta_c)
    if rigorous_sign(error_c - tol) != 1:
        beta_c = (threshold + exact_threshold) / 2
        error_c = worst.subs(BETA, beta_c)
    c_lo, _ = bounds(error_c)
    at_t_lo, at_t_hi = bounds(worst.subs(BETA, threshold))
    digits = sympy.floor(-sympy.log(at_t_hi, 10))
    details.append(f"counterexample β = {fmt(beta_c)} > T: worst error = 1/(1+e^({fmt(beta_c)}"
                   f"/2)) >= {float(c_lo):.3e} > {fmt(tol)} (rigorous interval)")
    details.append(f"at β = T the worst error is σ(-T/2) ∈ [{float(at_t_lo):.4e}, "
                   f"{float(at_t_hi):.4e}]: only {digits} correct decimal places")
    cert["counterexample_beta"] = str(beta_c)
    return verdict(
        claim, "refuted",
        f"β = {fmt(beta_c)} > {fmt(threshold)} ≈ {float(lo):.2f} leaves worst error "
        f"σ(-β/2) >= {float(c_lo):.2e} > {fmt(tol)}; D = {places} places need "
        f"β > 2 ln(10^D - 1) ≈ {float(e_lo):.2f} (β >= 2 D ln 10 suffices)",
        corrected=(r"\beta > 2\ln(10^D - 1) \approx 2D\ln 10 \approx " + f"{float(e_lo):.0f}"
                   if tol == sympy.Integer(10) ** -places
                   else r"\beta > " + sympy.latex(exact_threshold)),
        details=details, certificate=cert, scope=Scope.at(D=places, beta=fmt(beta_c)),
    )


@checker(
    "bits-posterior",
    classes=Param("positive_int", "classes y of the sampled posteriors", default=2, limit=6),
    n=Param("int_range", "[lo, hi] numbers of bits of the sampled instances", default=[1, 3],
            limit=4, minimum=1),
    seed=Param("int", "seed of the sampled Hamiltonians H_y(x) (rational values in -3..3)",
               default=0, limit=2**32),
    places=Param("positive_int", "D: decimals of H_y the beta is sized for", default=10,
                 limit=100),
)
def check_bits_posterior(claim: Claim) -> Verdict:
    """Any p_y(x) on bits by sigmoid products (Eq. 12-13) and a softmax (Eq. 8)."""
    import random

    from symflat.exact.polynomial import Polynomial
    from symflat.paper.compile_bits import compile_bits, multilinear

    k, places, seed = param(claim, "classes"), param(claim, "places"), param(claim, "seed")
    rng = random.Random(seed)
    details = ["composition (every n and number of classes): any H_y: {0,1}^n -> R is "
               "multilinear (claim eq12, every n), each product is the β -> oo limit of one "
               "sigmoid (claim eq13, every k), and softmax(-H - mu) is Bayes' posterior "
               "(claim eq8, every K); H_y = -ln p(x|y) is finite iff p(x|y) > 0",
               "the softmax of finite inputs is > 0: a posterior with p(y|x) = 0 (or 1) is "
               "reached only as a limit of unbounded weights"]
    sizes, betas, shared = [], [], {}
    for n in int_range(claim, "n"):
        names = tuple(f"x{i}" for i in range(1, n + 1))
        monomials = set()
        for y in range(k):
            values = {bits: sympy.Rational(rng.randint(-12, 12), 4)
                      for bits in itertools.product((0, 1), repeat=n)}
            poly = Polynomial(names, {bits: v for bits, v in values.items() if v})
            form = multilinear(poly)
            if not any(any(m) for m in form):
                continue  # a constant H_y needs no neuron
            net, evidence, _ = compile_bits(poly, decimals=places)
            if not evidence["limit_exact"]:
                return verdict(claim, "refuted", f"n={n}, class {y + 1}: the bit network "
                               "differs from H_y on some bit string", details=details,
                               scope=Scope.at(n=n, seed=seed))
            monomials |= {m for m in form if any(m)}
            betas.append(sympy.sympify(evidence["beta_for_decimals"]["approx"]))
        shared[n] = len(monomials)
        sizes.append(n)
        details.append(f"n={n}: {k} sampled H_y compiled (compile --inputs bits), each exact "
                       f"on all {2**n} bit strings in the limit; one middle layer of "
                       f"{len(monomials)} <= 2^n - 1 = {2**n - 1} shared sigmoid neurons")
    details.append(f"cross-check generator: seed {seed}, H_y(x) in {{-3, -11/4, ..., 3}}, "
                   f"classes {k}, n = {sizes[0]}..{sizes[-1]}; β for {places} decimals of H "
                   f"in [{min(betas):.2f}, {max(betas):.2f}]" if betas else "")
    return verdict(
        claim, "conditional",
        "a 3-layer network (sigmoid bit products, linear sums, softmax) gives p_y(x) exactly "
        "in the β -> oo limit for every n and number of classes, provided every p(x|y) > 0 "
        "(H_y finite); a zero probability is only approached as weights grow without bound",
        corrected=(r"\text{any } p_y(\textbf{x}) > 0 \text{ on } \{0,1\}^n \text{ is the "
                   r"}\beta\to\infty\text{ limit of a 3-layer network with at most } 2^n - 1 "
                   r"\text{ sigmoid neurons}"),
        details=details, scope=Scope.for_all("every n and number of classes"),
        certificate={"shared_neurons": {str(n): c for n, c in shared.items()},
                     "beta_for_decimals": [str(b) for b in betas]},
    )
