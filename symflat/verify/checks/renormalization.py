"""Sec. III.5, Eq. 24: the power counting of the Gaussian image Hamiltonian under a b×b
coarse-graining (thin over :mod:`symflat.paper.renormalization`)."""

from __future__ import annotations

import sympy

from symflat.verify.checks._common import Scope, expr_param, fmt, int_range, param, verdict
from symflat.verify.checks._registry import Param, checker
from symflat.verify.claims import Claim, Verdict
from symflat.verify.scope import format_values


@checker(
    "rg-scaling",
    exponent=Param("str", "the printed exponent of b in y_i' = b^(...) y_i, an expression in i",
                   required=True),
    field_power=Param("int", "the printed reading of the coarse field: the block average "
                      "divided by b^this (Eq. 24's text: 'divides the result by b^2')",
                      default=2, limit=4),
)
def check_rg_scaling(claim: Claim) -> Verdict:
    """y_i' = b^(exponent) y_i for the coarse-graining read from the text, and which reading
    gives the printed exponents."""
    from symflat.paper.renormalization import B, coarse_parameters

    i = sympy.Symbol("i", integer=True, nonnegative=True)
    printed = expr_param(claim, "exponent", variables=["i"]).xreplace({sympy.Symbol("i"): i})
    power = param(claim, "field_power")
    want = [B ** printed.subs(i, k) for k in range(3)]
    readings = {s: coarse_parameters(s) for s in sorted({0, power})}
    details = ["change of variables r = b r': ∫ (∂^i φ)² d²r = b^(2 - 2i) ∫ (∂'^i φ')² d²r' "
               "for φ(r) = φ'(r/b), whatever the field; computed exactly for a Gaussian test "
               "field (symbolic b), y_i' = y_i I_i(b)/I_i(1)"]
    for s, ratios in readings.items():
        details.append(f"coarse field = block average / b^{s}: y_0'/y_0, y_1'/y_1, y_2'/y_2 = "
                       + ", ".join(map(fmt, ratios)))
    details.append("y_0 scales as b^2 (relevant) and y_1 as b^0: marginal, not relevant, in "
                   "the physicists' terms the text uses; y_i for i >= 2 decay as powers of b, "
                   "i.e. exponentially in the number of coarse-graining steps")
    scope = Scope.for_all("every block size b (the power counting, i = 0, 1, 2)")

    def matches(ratios: list[sympy.Expr]) -> bool:
        return all(sympy.simplify(r - w) == 0 for r, w in zip(ratios, want))

    if matches(readings[power]):
        return verdict(claim, "verified", f"y_i' = b^({fmt(printed)}) y_i exactly for the "
                       f"coarse field = block average / b^{power}", details=details,
                       scope=scope)
    if matches(readings[0]):
        return verdict(
            claim, "conditional",
            f"y_i' = b^({fmt(printed)}) y_i holds when the coarse field is the block average "
            f"itself (the 'divides by b^2' being the averaging); dividing the average by "
            f"b^{power} as well gives y_i' = " + ", ".join(map(fmt, readings[power]))
            + " y_i for i = 0, 1, 2",
            corrected=(r"\phi' = \text{block average: } y_i' = b^{2-2i} y_i\text{; average}/b^2"
                       r"\text{: } y_i' = b^{6-2i} y_i"),
            details=details, scope=scope,
        )
    return verdict(claim, "refuted", f"neither reading gives b^({fmt(printed)}): the block "
                   "average gives " + ", ".join(map(fmt, readings[0])), details=details,
                   scope=scope, corrected=r"y_i' = b^{2-2i} y_i")


@checker(
    "rg-block-spin",
    exponent=Param("str", "the printed exponent of b in y_i' = b^(...) y_i in two dimensions, "
                   "an expression in i", required=True),
    field_power=Param("int", "the reading of the coarse field: the block average divided by "
                      "b^this (0: the average itself)", default=0, limit=4),
    blocks=Param("int_range", "[lo, hi] block sides b", default=[2, 3], limit=3, minimum=2),
    sizes=Param("int_range", "[lo, hi] coarse sites of the periodic 1-D lattices",
                default=[3, 6], limit=8, minimum=3),
    sizes_2d=Param("int_range", "[lo, hi] coarse sites a side of the periodic 2-D lattices",
                   default=[3, 4], limit=5, minimum=3),
    couplings=Param("str_list", "y_0, y_1, y_2, ... of the fine lattices, exact rationals "
                    "(y_0 > 0)", default=["1", "1", "1/2"]),
)
def check_rg_block_spin(claim: Claim) -> Verdict:
    """Eq. 24 against exact Gaussian block-spin steps: the infinite-lattice kernel with
    symbolic couplings, cross-checked by exact steps on small periodic lattices (1-D, 2-D)."""
    from fractions import Fraction

    from symflat.paper.block_spin import (
        block_spin_step,
        coarse_kernel,
        kernel_coefficients,
        sample_kernel,
    )
    from symflat.verify.checks._common import parameter_error

    i = sympy.Symbol("i")
    printed = expr_param(claim, "exponent", variables=["i"])
    s = param(claim, "field_power")
    try:
        numbers = [Fraction(c) for c in param(claim, "couplings")]
    except (ValueError, ZeroDivisionError) as exc:
        raise parameter_error(claim, "couplings", f"must be exact rationals ({exc})") from None
    if not numbers or numbers[0] <= 0:
        raise parameter_error(claim, "couplings", "needs y_0 > 0 (a positive definite K)")
    blocks, sizes, sizes_2d = (int_range(claim, k) for k in ("blocks", "sizes", "sizes_2d"))
    ys = sympy.symbols("y0 y1 y2", positive=True)
    details = ["lattice Eq. 23: K = y0 + y1 D + y2 D^2 (D = -Δ, the periodic lattice "
               "Laplacian: differences for derivatives, a sum over pixels for d^2r); "
               f"coarse field = block average / b^{s}, coarse pixels of side 1; "
               "K' = (A K^-1 A^T)^-1 (the Gaussian marginal)",
               "Eq. 24 read in d dimensions as y_i' = b^(d - 2i + 2s) y_i (d = 2 as printed; "
               "d = 1 the same power counting on a line)"]
    details.append("on a finite lattice K' is the infinite lattice's kernel sampled at the "
                   "coarse momenta (checked where the cosines are rational), so its "
                   "D'-coordinates interpolate the kernel: they are not its long-wavelength "
                   "coefficients, which the symbolic kernel gives")
    for k in range(3):
        if sympy.simplify(printed.subs(i, k) - (2 - 2 * k + 2 * s)) != 0:
            details.append(f"the printed exponent at i = {k} is {fmt(printed.subs(i, k))}, "
                           f"the power counting for this reading gives {2 - 2 * k + 2 * s}")
    Y0, Y1 = "y0'", "y1'"  # noqa: N806
    failures, holds_y0, massless = [], True, True
    example = None
    for dim in (1, 2):
        for b in blocks:
            # y2 stays a symbol where the quotient ring is small (b^d <= 4); beyond, sympy's
            # rational-function algebra is slow and y2 = 0 (which already decides the claim)
            free = list(ys) if b**dim <= 4 else list(ys[:2])
            got = kernel_coefficients(coarse_kernel(b, dim, free, s), dim)
            kernel = coarse_kernel(b, dim, numbers, s)  # the lattices' couplings: sampled
            exps = [(printed.subs(i, k) if dim == 2 else dim - 2 * k + 2 * s)
                    for k in range(3)]
            want = [sympy.Integer(b) ** e * y for e, y in zip(exps, [*free, 0][:3])]
            gaps = [sympy.cancel(got[key] - w) for key, w in zip(("y0'", "y1'", "quartic"),
                                                                  want)]
            holds_y0 &= gaps[0] == 0
            massless &= sympy.cancel(gaps[1].subs(ys[0], 0)) == 0
            rest = "" if len(free) == 3 else ", y2 = 0"
            line = (f"d = {dim}, b = {b} (infinite lattice, every "
                    f"{', '.join(map(str, free))} > 0{rest}): y0' = "
                    f"{fmt(got[Y0])}; y1' = {fmt(sympy.factor(got[Y1]))} "
                    f"(Eq. 24: {fmt(want[1])}); quartic = {fmt(sympy.factor(got['quartic']))} "
                    f"(Eq. 24: {fmt(want[2])})")
            if dim == 2:
                line += f"; anisotropy = {fmt(sympy.factor(got['anisotropy']))}"
            details.append(line)
            if any(g != 0 for g in gaps) or (dim == 2 and got["anisotropy"] != 0):
                failures.append((dim, b))
                if example is None and dim == 2:
                    example = (b, got["y1'"], want[1])
            lattice_sizes = sizes if dim == 1 else sizes_2d
            for coarse in lattice_sizes:
                step = block_spin_step(coarse, b, dim, numbers, s)
                sampled, differ = sample_kernel(step, kernel)
                if differ:
                    return verdict(claim, "inconclusive", f"d = {dim}, b = {b}, {coarse} "
                                   f"coarse sites: the lattice and the kernel disagree at "
                                   f"k = {differ[0]}", details=details,
                                   scope=Scope("none", "the two methods disagree"))
                if not step.schur_agrees:
                    return verdict(claim, "inconclusive", f"d = {dim}, b = {b}, {coarse} "
                                   "coarse sites: Schur complement and (A K^-1 A^T)^-1 differ",
                                   details=details, scope=Scope("none", "methods disagree"))
                holds_y0 &= step.zero_mode == Fraction(b) ** (dim + 2 * s) * numbers[0]
                if step.matches:
                    continue
                failures.append((dim, b, coarse))
                details.append(
                    f"  lattice d = {dim}, b = {b}, {coarse}^{dim} coarse sites, y = "
                    f"{', '.join(map(str, numbers))}: zero mode {step.zero_mode}; "
                    + ("K' = " + " + ".join(f"({c}) D'^{j}" for j, c in
                                            enumerate(step.coarse_couplings) if c)
                       if step.in_form else "K' is no polynomial in D' (anisotropic)")
                    + f", Eq. 24: {', '.join(map(str, step.predicted))}; Schur = inverse; "
                    + (f"kernel = lattice at all {sampled} momenta" if sampled else
                       "kernel not sampled (irrational cosines)"))
    scope = Scope("range", f"b = {format_values(blocks)}, every y0, y1 > 0 and y2 >= 0 where "
                  "b^d <= 4, else y2 = 0 (infinite lattice, d = 1, 2); periodic lattices of "
                  f"{format_values(sizes)} coarse sites (1-D) and {format_values(sizes_2d)} a "
                  "side (2-D)")
    if not failures:
        return verdict(claim, "verified", "every exact block-spin step gives y_i' = "
                       f"b^({fmt(printed)}) y_i", details=details, scope=scope)
    b, y1p, want1 = example if example else (blocks[0], None, None)
    evidence = ("the exact block-average step does not keep Eq. 23 with y_i' = "
                f"b^({fmt(printed)}) y_i: "
                + (f"y0' = b^{2 + 2 * s} y0 holds exactly (the uniform mode); " if holds_y0
                   else "even y0' differs; ")
                + (f"in 2-D with b = {b}, y1' = {fmt(sympy.factor(y1p))}, not {fmt(want1)}"
                   + (", equal only at y0 = 0" if massless else "") + "; " if example else "")
                + "the step generates y2 (and every higher term: the coarse kernel is a "
                  "rational function of the momentum) and, in 2-D, anisotropic quartic terms "
                  "outside Eq. 23")
    corrected = (rf"y_0' = b^{{{2 + 2 * s}}} y_0 \text{{ exactly; }} y_1' = b^{{{2 * s}}} y_1 "
                 r"\text{ only at } y_0 = 0\text{; the other } y_i' \text{ mix all the "
                 r"parameters: Eq. 24 is the leading power counting, not the exact step}")
    return verdict(claim, "refuted", evidence, corrected=corrected, details=details,
                   scope=scope, certificate={"failures": [list(f) for f in failures]})
