"""Sec. III.7's 'variants of the FFT': the fast Walsh–Hadamard and wavelet transforms.

Thin checker over :mod:`symflat.paper.transforms`: the exact synapse counts are proved for
every n = 2^m (:func:`~symflat.paper.transforms.transform_count_proof`), the networks are built
and their matrices compared exactly for the sizes of the claim (the cross-check), and the
printed orders of growth are compared with the exact counts by limits.
"""

from __future__ import annotations

import sympy

from symflat.exact.symbols import N
from symflat.verify.checks._common import Scope, expr_param, fmt, int_range, param, verdict
from symflat.verify.checks._registry import Param, checker
from symflat.verify.claims import Claim, ClaimError, Verdict

_LOG2 = sympy.log(N) / sympy.log(2)

#: transform -> (exact synapses of the fast network, of the flat matrix), n = 2^m.
_EXACT = {
    "walsh-hadamard": (2 * N * _LOG2, N**2),
    "haar": (4 * (N - 1), N * (_LOG2 + 1)),
}


def _orders(claim: Claim) -> dict[str, sympy.Expr]:
    plain = {sympy.Symbol("n"): N}
    return {key: expr_param(claim, key, variables=["n"]).xreplace(plain)
            for key in ("deep_order", "flat_order", "cost_order")}


@checker(
    "fast-transform-flattening",
    transform=Param("str", "'walsh-hadamard' or 'haar' (the Haar fast wavelet transform); "
                    "not an expression", required=True),
    deep_order=Param("str", "printed order of the fast network's synapses (in n)",
                     default="n*log(n)"),
    flat_order=Param("str", "printed order of the flat network's synapses (in n)",
                     default="n^2"),
    cost_order=Param("str", "printed order of the flattening cost (in n)",
                     default="n/log(n)"),
    m=Param("int_range", "[lo, hi]: n = 2^m networks built and compared exactly",
            default=[1, 5], limit=7, minimum=1),
)
def check_fast_transform(claim: Claim) -> Verdict:
    """The FFT's flattening argument for another fast transform: exact counts for every n."""
    from symflat.paper.linear import compare_synapses, hadamard_matrix, walsh_hadamard
    from symflat.paper.transforms import (
        haar_counts,
        haar_matrix,
        haar_wavelet,
        transform_count_proof,
        walsh_hadamard_counts,
    )

    name = param(claim, "transform").strip()
    if name not in _EXACT:
        raise ClaimError(f"{claim.source}: claim '{claim.id}': field 'parameters.transform': "
                         f"must be one of {', '.join(_EXACT)}, not {name!r}")
    build, target, counts = {
        "walsh-hadamard": (walsh_hadamard, hadamard_matrix, walsh_hadamard_counts),
        "haar": (haar_wavelet, haar_matrix, haar_counts)}[name]
    proof = transform_count_proof()
    details = proof.lines()
    sizes = [2**m for m in int_range(claim, "m")]
    for n in sizes:
        row = compare_synapses(build(n), target(n))
        if not row.matrix_ok:
            raise AssertionError(f"{name} network differs from its matrix at n={n}")
        if (row.factored, row.flat) != counts(n):
            return verdict(claim, "refuted", f"n={n}: the graphs have {row.factored} and "
                           f"{row.flat} synapses, the formulas {counts(n)}", details=details,
                           scope=Scope.at(n=n))
        details.append(f"n={n}: network = matrix exactly; synapses {row.factored} fast, "
                       f"{row.flat} flat, C_s = {row.cost} (graphs)")
    deep, flat = _EXACT[name]
    exact = {"deep_order": deep, "flat_order": flat, "cost_order": flat / deep}
    ratios = {key: sympy.limit(exact[key] / order, N, sympy.oo)
              for key, order in _orders(claim).items()}
    wrong = [key for key, r in ratios.items() if not (r.is_finite and r != 0)]
    scope = (Scope.for_all("every n = 2^m") if proof.holds
             else Scope.for_range("n", sizes))
    counted = f"{name}: {fmt(deep)} synapses, flat {fmt(flat)}, C_s = ({fmt(flat)})/({fmt(deep)})"
    details.append("exact / printed orders as n -> oo: "
                   + ", ".join(f"{key.replace('_', ' ')} {fmt(r)}" for key, r in ratios.items()))
    if not wrong:
        return verdict(claim, "verified", f"{counted}: the printed orders hold "
                       "(ratios tend to finite non-zero limits)", details=details, scope=scope)
    said = ", ".join(f"{key.replace('_order', '')} is not of the printed order (exact/printed "
                     f"-> {fmt(ratios[key])})" for key in wrong)
    upper = all(r.is_finite for r in ratios.values())
    if upper:
        said += ("; read as upper bounds (O) the printed orders hold, but then they say "
                 "nothing about a cost of flattening: read as the FFT's orders of growth they fail")
    grows = sympy.limit(flat / deep, N, sympy.oo) == sympy.oo
    return verdict(
        claim, "refuted",
        f"{counted}; {said}" + ("; flattening still costs a factor that grows without bound, "
                                "only logarithmically" if grows else ""),
        corrected=(r"\text{Haar FWT: } N_s = 4(n-1) \to n(\log_2 n + 1),\ C_s = "
                   r"\frac{n(\log_2 n+1)}{4(n-1)} = \Theta(\log n)" if name == "haar"
                   else None),
        details=details, scope=scope,
    )
