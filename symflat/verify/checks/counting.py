"""Counting claims: polynomial terms (Eqs. 9, 12), Hamiltonian parameters (Sec. II.4.3),
Boolean functions and images (Sec. I.1, II.3)."""

from __future__ import annotations

import itertools
import math

import sympy

from symflat.verify.checks._common import Scope, expr_param, fmt, int_range, param, verdict
from symflat.verify.checks._registry import Param, checker
from symflat.verify.claims import Claim, Verdict

N, D, K = sympy.symbols("n d k", integer=True, nonnegative=True)


# ------------------------------------------------------------------------------------------
# Eq. 9: (n+d)!/(n!d!) terms of degree <= d
# ------------------------------------------------------------------------------------------


def _count_monomials(n: int, d: int) -> int:
    """Terms of Eq. 9 through degree d, enumerated as index tuples i <= j <= k <= ..."""
    return sum(
        sum(1 for _ in itertools.combinations_with_replacement(range(n), k)) for k in range(d + 1)
    )


def _factorial_ratio(claim: Claim) -> sympy.Expr:
    over = [expr_param(claim, "factorials_over", variables="nd", text=t)
            for t in param(claim, "factorials_over")]
    under = [expr_param(claim, "factorials_under", variables="nd", text=t)
             for t in param(claim, "factorials_under")]
    subs = {sympy.Symbol("n"): N, sympy.Symbol("d"): D}
    num = sympy.Mul(*(sympy.factorial(e.xreplace(subs)) for e in over))
    den = sympy.Mul(*(sympy.factorial(e.xreplace(subs)) for e in under))
    return num / den


@checker(
    "monomial-count",
    factorials_over=Param("str_list", "the printed count's numerator: factorials of these",
                          required=True),
    factorials_under=Param("str_list", "the printed count's denominator: factorials of these",
                           required=True),
    n=Param("int_range", "[lo, hi] numbers of variables enumerated", default=[0, 8], limit=10,
            minimum=0),
    d=Param("int_range", "[lo, hi] degrees enumerated", default=[0, 8], limit=10, minimum=0),
)
def check_monomial_count(claim: Claim) -> Verdict:
    """Number of monomials of degree <= d in n variables against a printed factorial ratio."""
    formula = _factorial_ratio(claim)
    truth = sympy.binomial(N + D, D)
    ns, ds = int_range(claim, "n"), int_range(claim, "d")
    mismatches = []
    for n in ns:
        for d in ds:
            counted = _count_monomials(n, d)
            printed = formula.subs({N: n, D: d})
            if printed != counted:
                mismatches.append((n, d, counted, printed))
    steps = [
        f"enumerated the index tuples i<=j<=... of Eq. 9 for n in {ns[0]}..{ns[-1]}, "
        f"d in {ds[0]}..{ds[-1]}",
        "recurrence: T(n,d) = T(n-1,d) + T(n,d-1) (split on whether x_n occurs), "
        "T(0,d) = T(n,0) = 1",
    ]
    if mismatches:
        n, d, counted, printed = mismatches[0]
        return verdict(
            claim, "refuted",
            f"at n={n}, d={d} there are {counted} terms but the printed formula gives {printed}",
            corrected=r"(n+d)!/(n!\,d!) = \binom{n+d}{d}",
            details=steps, certificate={"counterexample": [n, d, counted, str(printed)]},
            scope=Scope.at(n=n, d=d),
        )
    # The printed formula satisfies the recurrence and the boundary values for all n, d.
    recurrence = sympy.gammasimp(
        formula.subs(N, N - 1) + formula.subs(D, D - 1) - formula
    )
    boundary = (sympy.gammasimp(formula.subs(N, 0)), sympy.gammasimp(formula.subs(D, 0)))
    equal_binomial = sympy.gammasimp(sympy.expand_func(formula - truth)) == 0
    if sympy.simplify(recurrence) == 0 and boundary == (1, 1):
        steps.append(f"printed formula {fmt(formula)}: recurrence residue simplifies to 0, "
                     "boundary values 1 and 1: equal for all n, d by induction on n+d")
        return verdict(
            claim, "verified",
            f"{fmt(formula)} = C(n+d, d) for all n, d (Pascal recurrence and boundary values "
            f"proven symbolically; enumeration agrees for {len(ns) * len(ds)} cases)",
            details=steps, scope=Scope.for_all("all n, d ≥ 0"),
            certificate={"formula": str(formula), "equals_binomial": equal_binomial},
        )
    return verdict(
        claim, "inconclusive",
        f"the printed formula agrees on the enumerated cases but the recurrence residue "
        f"{fmt(recurrence)} was not proven zero",
        details=steps, scope=Scope.for_ranges(n=ns, d=ds),
    )


@checker(
    "polynomial-order",
    degree=Param("positive_int", "the polynomial degree d", required=True, limit=20),
    order=Param("str", "the printed growth, an expression in n (e.g. n^4)", required=True),
)
def check_polynomial_order(claim: Claim) -> Verdict:
    """The (n+d)!/(n!d!) coefficients of a degree-d polynomial grow like the printed order."""
    d = param(claim, "degree")
    order = expr_param(claim, "order", variables=["n"]).xreplace({sympy.Symbol("n"): N})
    count = sympy.expand_func(sympy.binomial(N + d, d))
    ratio = sympy.limit(count / order, N, sympy.oo)
    details = [f"C(n+{d}, {d}) = {fmt(sympy.factor(count))}",
               f"lim_(n->oo) C(n+{d},{d}) / ({fmt(order)}) = {fmt(ratio)}"]
    if ratio.is_finite and ratio != 0:
        return verdict(claim, "verified",
                       f"C(n+{d},{d}) = {fmt(sympy.factor(count))} = Θ({fmt(order)}): "
                       f"the ratio tends to {fmt(ratio)}", details=details,
                       scope=Scope.for_all(f"n → ∞ at d = {d}"))
    grows = "faster" if ratio == 0 else "slower"
    return verdict(claim, "refuted",
                   f"C(n+{d},{d}) / ({fmt(order)}) -> {fmt(ratio)}: the printed order grows "
                   f"{grows} than the count",
                   corrected=f"O(n^{d})", details=details,
                   scope=Scope.for_all(f"n → ∞ at d = {d}"))


# ------------------------------------------------------------------------------------------
# Eq. 12: 2^n multilinear terms parametrize every function of n bits
# ------------------------------------------------------------------------------------------


@checker(
    "multilinear-basis",
    count_base=Param("positive_int", "the printed number of terms is count_base^n",
                     default=2, limit=16),
    n=Param("int_range", "[lo, hi] numbers of bits checked by building the matrix",
            default=[1, 6], limit=8, minimum=1),
)
def check_multilinear_basis(claim: Claim) -> Verdict:
    """Eq. 12 has base^n terms that parametrize an arbitrary function of n bits exactly."""
    base = param(claim, "count_base")
    terms = sympy.summation(sympy.binomial(N, K), (K, 0, N))  # one term per subset
    details = [f"terms of Eq. 12 = sum_k C(n,k) = {fmt(terms)} (one per subset of the bits)"]
    if sympy.simplify(terms - sympy.Integer(base) ** N) != 0:
        return verdict(
            claim, "refuted",
            f"Eq. 12 has sum_k C(n,k) = 2^n terms, not {base}^n (n=1: 2 vs {base})",
            corrected=r"2^n terms", details=details, scope=Scope.at(n=1),
        )
    kernel = sympy.Matrix([[1, 0], [1, 1]])  # rows x in {0,1}, columns S in {{}, {1}}
    for n in int_range(claim, "n"):
        bits = list(itertools.product((0, 1), repeat=n))
        matrix = sympy.Matrix(
            [[int(all(x[i] for i in subset)) for subset in bits_subsets(n)] for x in bits]
        )
        power = kernel
        for _ in range(n - 1):
            power = sympy.kronecker_product(power, kernel)
        if matrix != power:
            raise AssertionError("evaluation matrix is not the Kronecker power")
        if matrix.det() != 1:
            return verdict(claim, "refuted", f"the evaluation matrix is singular at n={n}",
                           scope=Scope.at(n=n))
    details += [
        "evaluation matrix M[x, S] = prod_{i in S} x_i over bit strings x and subsets S equals "
        "[[1,0],[1,1]]^(kron n) (checked for the listed n; the identity is the product "
        "structure prod_i x_i^[i in S])",
        "det(A kron B) = det(A)^m det(B)^k, so det M = 1 for every n: M is invertible over "
        "the integers and the 2^n h-parameters are unique for any H(x)",
    ]
    return verdict(
        claim, "verified",
        "2^n = sum_k C(n,k) terms; their evaluation matrix on {0,1}^n is the n-th Kronecker "
        "power of [[1,0],[1,1]], determinant 1: every function of n bits has exactly one set "
        "of h-parameters",
        details=details, scope=Scope.for_all("every number of bits n"),
    )


def bits_subsets(n: int) -> list[tuple[int, ...]]:
    """Subsets of range(n) in the order matching the Kronecker product (binary counting).

    Examples
    --------
    >>> bits_subsets(2)
    [(), (1,), (0,), (0, 1)]
    """
    return [tuple(i for i in range(n) if b[i]) for b in itertools.product((0, 1), repeat=n)]


# ------------------------------------------------------------------------------------------
# Boolean functions and the atoms of the universe
# ------------------------------------------------------------------------------------------


@checker(
    "boolean-functions",
    functions_base=Param("positive_int", "printed count of functions: base^(2^n)",
                         default=2, limit=16),
    threshold=Param("nonneg_int", "printed: more bits than atoms if n > threshold",
                    required=True, limit=10_000),
    atoms=Param("str", "the number of atoms (an exact expression)", required=True),
    n=Param("int_range", "[lo, hi] numbers of variables enumerated", default=[1, 3], limit=4,
            minimum=0),
)
def check_boolean_functions(claim: Claim) -> Verdict:
    """2^(2^n) Boolean functions, 2^n bits, and the n beyond which 2^n exceeds the atoms."""
    base = param(claim, "functions_base")
    threshold = param(claim, "threshold")
    atoms = expr_param(claim, "atoms", variables=[])
    if not atoms.is_Integer or atoms <= 0:
        return verdict(claim, "inconclusive", f"atoms must be a positive integer, not {atoms}",
                       scope=Scope.nothing("the number of atoms is not a positive integer"))
    atoms = int(atoms)
    details = []
    for n in int_range(claim, "n"):
        tables = set(itertools.product((0, 1), repeat=2**n))  # truth tables
        if len(tables) != base ** (2**n):
            return verdict(
                claim, "refuted",
                f"n={n}: there are {len(tables)} Boolean functions, not {base}^(2^{n})",
                corrected=r"2^{2^n} Boolean functions", scope=Scope.at(n=n),
            )
        details.append(f"n={n}: {len(tables)} truth tables = {base}^(2^{n})")
    details.append("in general: functions {0,1}^n -> {0,1} are 2^(2^n); log2 of that is 2^n "
                   "bits")
    first = atoms.bit_length()  # least n with 2^n > atoms: 2^(first-1) <= atoms < 2^first
    details.append(f"2^{first - 1} <= {atoms:.3e} < 2^{first}: 2^n exceeds the atoms exactly "
                   f"when n >= {first}")
    cert = {"least_n": first, "atoms": str(atoms)}
    if threshold + 1 < first:
        return verdict(
            claim, "refuted",
            f"n = {threshold + 1} > {threshold} gives 2^{threshold + 1} < atoms; 2^n exceeds "
            f"{atoms:.0e} only from n = {first}",
            corrected=f"more bits than there are atoms if n \\geq {first}",
            details=details, certificate=cert, scope=Scope.at(n=threshold + 1),
        )
    tight = "tight" if threshold + 1 == first else (
        f"not tight: already true for n >= {first} (2^{first} = {1 << first:.3e})")
    return verdict(
        claim, "verified",
        f"{base}^(2^n) functions need 2^n bits; 2^n > {atoms:.0e} for every n > {threshold} "
        f"({tight})",
        details=details, certificate=cert, scope=Scope.for_all("every n"),
    )


@checker(
    "images-count",
    values=Param("positive_int", "values per pixel", required=True, limit=2**32),
    pixels=Param("positive_int", "number of pixels", required=True, limit=10**9),
    atoms=Param("str", "the number of atoms (an exact expression)", required=True),
)
def check_images_count(claim: Claim) -> Verdict:
    """values^pixels probabilities exceed the number of atoms."""
    values, pixels = param(claim, "values"), param(claim, "pixels")
    atoms = expr_param(claim, "atoms", variables=[])
    atoms_int = int(atoms)
    # values^pixels > atoms  <=>  pixels * log2(values) > log2(atoms); exact via bit lengths.
    bits_lower = pixels * (values.bit_length() - 1)  # values^pixels >= 2^bits_lower
    if bits_lower >= atoms_int.bit_length():
        return verdict(
            claim, "verified",
            f"{values}^{pixels} >= 2^{bits_lower} > {param(claim, 'atoms')} (which is < 2^"
            f"{atoms_int.bit_length()})",
            certificate={"log2_lower": bits_lower, "atoms_bits": atoms_int.bit_length()},
            scope=Scope.for_all(),
        )
    exact = values**pixels if pixels * math.log2(values) < 10_000 else None
    if exact is not None and exact <= atoms_int:
        return verdict(claim, "refuted", f"{values}^{pixels} = {exact} <= {atoms}",
                       scope=Scope.for_all())
    return verdict(claim, "inconclusive", "bounds by bit lengths were not decisive",
                   scope=Scope.nothing("bounds by bit lengths were not decisive"))


# ------------------------------------------------------------------------------------------
# Sec. II.4.3: parameters of a d = 2 Hamiltonian, locality, translation symmetry
# ------------------------------------------------------------------------------------------

_READINGS = [
    # (name, keep constant, keep linear, keep on-site squares, boundary); among the readings
    # that reproduce the printed counts the first is reported, so the physically sound ones
    # (e^-H normalisable: on-site squares kept) come before those that drop h_ii x_i^2
    ("all terms, open chain", True, True, True, "open"),
    ("all terms, periodic chain", True, True, True, "periodic"),
    ("without the constant, open chain", False, True, True, "open"),
    ("without the constant, periodic chain", False, True, True, "periodic"),
    ("without linear terms h_i x_i (H even in x: pressures about their mean), open chain",
     True, False, True, "open"),
    ("without linear terms h_i x_i (H even in x: pressures about their mean), periodic chain",
     True, False, True, "periodic"),
    ("without on-site squares h_ii x_i^2, open chain", True, True, False, "open"),
    ("without on-site squares h_ii x_i^2, periodic chain", True, True, False, "periodic"),
    ("without constant and on-site squares, open chain", False, True, False, "open"),
    ("without constant and on-site squares, periodic chain", False, True, False, "periodic"),
]


def _monomials(n: int, degree: int) -> list[tuple[int, ...]]:
    """Sorted index tuples of the monomials of degree <= ``degree`` in n variables."""
    return [m for k in range(degree + 1)
            for m in itertools.combinations_with_replacement(range(n), k)]


def _local(m: tuple[int, ...], n: int, boundary: str) -> bool:
    if len(set(m)) <= 1:
        return True
    i, j = min(m), max(m)
    return j - i == 1 or (boundary == "periodic" and n > 2 and (i, j) == (0, n - 1))


def _shape(m: tuple[int, ...], n: int, boundary: str) -> tuple:
    """Class of a monomial under translation (the same coefficient for all translates)."""
    if not m:
        return ()
    if boundary == "open":
        return tuple(i - m[0] for i in m)
    return min(tuple(sorted((i - s) % n for i in m)) for s in range(n))


def _kept(m: tuple[int, ...], constant: bool, linear: bool, onsite: bool) -> bool:
    if not m:
        return constant
    if len(m) == 1:
        return linear
    if len(set(m)) == 1:
        return onsite
    return True


def _onsite_note() -> str:
    """Why a reading that drops the on-site squares h_ii x_i^2 is not a distribution: the
    quadratic form of nearest-neighbour couplings alone has a zero diagonal, trace 0, so it
    is indefinite (here its 2x2 block, eigenvalues ±J/2) and e^-H is not normalisable."""
    coupling = sympy.Symbol("J", nonzero=True, real=True)
    block = sympy.Matrix([[0, coupling / 2], [coupling / 2, 0]])
    eigen = sorted(block.eigenvals(), key=sympy.default_sort_key)
    return ("without the on-site squares the quadratic part has a zero diagonal: the coupling "
            f"J x_1 x_2 alone is the form [[0, J/2], [J/2, 0]] with eigenvalues "
            f"{', '.join(map(fmt, eigen))} (one negative for J ≠ 0), so H is unbounded "
            "below and e^-H cannot be normalised: that reading is not a Gaussian for the "
            "pressures")


@checker(
    "hamiltonian-parameters",
    quadratic=Param("str", "printed count for d = 2 (expression in n)", required=True),
    local=Param("str", "printed count with nearest-neighbour couplings only", required=True),
    symmetric=Param("str", "printed count with translational symmetry too", required=True),
    n=Param("int_range", "[lo, hi] lengths of the chain enumerated (a site needs a neighbour)",
            default=[3, 12], limit=24, minimum=2),
)
def check_hamiltonian_parameters(claim: Claim) -> Verdict:
    """Parameter counts of a quadratic Hamiltonian: all, local, translation invariant."""
    n_sym = sympy.Symbol("n")
    printed = {key: expr_param(claim, key, variables=["n"])
               for key in ("quadratic", "local", "symmetric")}
    ns = int_range(claim, "n")
    details = []
    # 1. all terms of degree <= 2: enumerated and compared with the printed formula.
    for n in ns:
        count = len(_monomials(n, 2))
        if count != printed["quadratic"].subs(n_sym, n):
            return verdict(claim, "refuted",
                           f"n={n}: {count} terms of degree <= 2, printed "
                           f"{printed['quadratic'].subs(n_sym, n)}",
                           corrected="N = (n+1)(n+2)/2", scope=Scope.at(n=n))
    quad_ok = sympy.expand(printed["quadratic"] - (n_sym + 1) * (n_sym + 2) / 2) == 0
    details.append(f"d = 2: (n+1)(n+2)/2 terms (enumerated for n = {ns[0]}..{ns[-1]}; "
                   f"= C(n+2, 2), Eq. 9 with d = 2){'' if quad_ok else ' [formula differs]'}")
    # 2. each reading of locality and symmetry: enumerate and fit a formula.
    matches, table = [], {}
    for name, constant, linear, onsite, boundary in _READINGS:
        local_counts, sym_counts = [], []
        for n in ns:
            kept = [m for m in _monomials(n, 2)
                    if _kept(m, constant, linear, onsite) and _local(m, n, boundary)]
            local_counts.append(len(kept))
            sym_counts.append(len({_shape(m, n, boundary) for m in kept}))
        local_ok = all(c == printed["local"].subs(n_sym, n) for c, n in zip(local_counts, ns))
        sym_ok = all(c == printed["symmetric"].subs(n_sym, n) for c, n in zip(sym_counts, ns))
        fit = sympy.interpolate(list(zip(ns[:2], local_counts[:2])), n_sym)
        table[name] = (sympy.expand(fit), sym_counts[-1])
        if local_ok and sym_ok:
            matches.append(name)
    natural = "all terms, open chain"
    for name, (local_formula, sym_count) in table.items():
        details.append(f"{name}: local N = {fmt(local_formula)}, translation-invariant "
                       f"N = {sym_count}")
    cert = {name: [str(f), s] for name, (f, s) in table.items()}
    if natural in matches:
        return verdict(claim, "verified",
                       "(n+1)(n+2)/2, then the printed local and symmetric counts, for all terms "
                       "of an open chain", details=details, certificate=cert,
                       scope=Scope.for_range("n", ns))
    nat_local, nat_sym = table[natural]
    details.append(_onsite_note())
    if matches:
        dropped = [m for m in matches if "on-site" in m]
        sound = [m for m in matches if "on-site" not in m]
        if sound and dropped:
            details.append(f"the printed counts also follow from '{dropped[0]}', which is not "
                           "a Hamiltonian of a distribution (see above); the reading kept is "
                           f"'{sound[0]}'")
        return verdict(
            claim, "conditional",
            f"(n+1)(n+2)/2 holds; {fmt(printed['local'])} and {fmt(printed['symmetric'])} hold "
            f"only {matches[0].replace('without', 'if locality also drops the')}; keeping "
            f"every local term gives N = {fmt(nat_local)} and then N = {nat_sym}",
            corrected=(f"N = (n+1)(n+2)/2 \\to N = {sympy.latex(nat_local)} "
                       f"\\to N = {nat_sym}"),
            details=details + [f"readings reproducing the printed counts: {', '.join(matches)}"],
            certificate=cert, scope=Scope.for_range("n", ns),
        )
    return verdict(
        claim, "refuted",
        f"no reading reproduces {fmt(printed['local'])} and {fmt(printed['symmetric'])}; "
        f"all local terms give N = {fmt(nat_local)} and then {nat_sym}",
        corrected=f"N = {sympy.latex(nat_local)} \\to N = {nat_sym}",
        details=details, certificate=cert, scope=Scope.for_range("n", ns),
    )
