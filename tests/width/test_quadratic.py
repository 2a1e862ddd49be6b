"""Tests of symflat.width.quadratic and of sigma-dependent points: the theorem, the
constructions, independent re-expansions."""

from __future__ import annotations

import random
import time
from fractions import Fraction

import pytest
import sympy

from symflat.exact.polynomial import Polynomial
from symflat.width import lower_bound, minimal_width, quadratic_construction
from symflat.width.closed_forms import Construction, check_construction, torus_transfer
from symflat.width.exhaustive import exhaustive_check
from symflat.width.quadratic import decompose, quadratic_width
from symflat.width.search import search_construction

X = sympy.symbols("x1:13")
SIGMA = sympy.symbols("sigma0:6")


def poly(expr: sympy.Expr, n: int | None = None) -> sympy.Poly:
    gens = X[:n] if n else sorted(expr.free_symbols, key=lambda s: int(str(s)[1:]))
    return sympy.Poly(expr, *gens)


def chain(n: int) -> sympy.Expr:
    return sum(X[i] * X[i + 1] for i in range(n - 1))


def ring(n: int) -> sympy.Expr:
    return chain(n) + X[n - 1] * X[0]


def taylor_of(construction, n: int, degree: int) -> sympy.Expr:
    """Independent of symflat.nets: sum_j w_j sum_k sigma_k (a_j . x)^k + output bias."""
    xs = X[:n]
    total = construction.output_bias()
    for a, w in zip(construction.sympy_points(), construction.weights(), strict=True):
        u = sum(ai * xi for ai, xi in zip(a, xs, strict=True))
        total += w * sum(SIGMA[k] * u**k for k in range(degree + 1))
    return sympy.expand(sympy.cancel(sympy.together(sympy.expand(total))))


def assert_reproduces(construction, p: sympy.Poly) -> None:
    got = taylor_of(construction, len(p.gens), p.total_degree())
    want = p.as_expr().subs(dict(zip(p.gens, X, strict=False)))
    assert sympy.simplify(got - want) == 0


# ------------------------------------------------------------ chains and rings (Sec. II.4)


def path_rank(n: int) -> int:
    """Rank of the path graph's adjacency matrix: a perfect matching exists iff n is even."""
    return n if n % 2 == 0 else n - 1


def cycle_rank(n: int) -> int:
    """Eigenvalues 2 cos(2 pi k / n): zero (twice) exactly when 4 divides n."""
    return n - 2 if n % 4 == 0 else n


@pytest.mark.parametrize("n", [3, 4, 5, 6, 7, 8, 9, 12])
@pytest.mark.parametrize("shape", ["chain", "ring"])
def test_chains_and_rings_are_exact(shape, n):
    expr = chain(n) if shape == "chain" else ring(n)
    rank = path_rank(n) if shape == "chain" else cycle_rank(n)
    p = poly(expr, n)
    for model, extra in (("no-bias", 2), ("output-bias", 1)):
        start = time.monotonic()
        result = minimal_width(p, model, timeout=30)
        seconds = time.monotonic() - start
        assert (result.lower, result.upper) == (rank + extra, rank + extra), (shape, n, model)
        assert result.exact and result.verified
        assert result.construction.kind == "rational"
        assert seconds < 10  # about 0.02 s alone; generous for a loaded machine
        assert check_construction(Polynomial(tuple(f"x{i + 1}" for i in range(n)),
                                           {e: Fraction(c) for e, c in p.terms()}),
                                  result.construction)
        assert_reproduces(result.construction, p)


def test_form_points_are_integers_and_weights_scale_with_sigma2():
    c = quadratic_construction(poly(ring(6), 6))
    assert isinstance(c, Construction) and set(c.part_weights) == {2}
    assert all(v.denominator == 1 for a in c.points for v in a)
    assert all(w.free_symbols == {SIGMA[2]} for w in c.weights())


# ------------------------------------------------------------------ the theorem, checked


def random_quadratic(rng: random.Random) -> sympy.Poly:
    n = rng.randint(1, 4)
    expr = sympy.Integer(0)
    for i in range(n):
        for j in range(i, n):
            if rng.random() < 0.45:
                expr += rng.choice([1, -1, 2, sympy.Rational(1, 2), -3]) * X[i] * X[j]
    if expr == 0:
        expr = X[rng.randrange(n)] ** 2
    if rng.random() < 0.6:
        expr += sum(rng.choice([0, 0, 1, -2]) * X[i] for i in range(n))
    if rng.random() < 0.5:
        expr += rng.choice([1, -2, sympy.Rational(3, 2)])
    return poly(expr, n)


@pytest.mark.parametrize("seed", range(24))
def test_theorem_matches_apolarity_and_constructions(seed):
    p = random_quadratic(random.Random(seed))
    for model in ("no-bias", "output-bias"):
        theorem = quadratic_width(p, model)
        bound = lower_bound(p, model)
        assert bound.value == theorem.value, (p, model)
        construction = quadratic_construction(p, model)
        assert construction.width == theorem.value
        assert_reproduces(construction, p)


@pytest.mark.parametrize(
    "expr, model, width",
    [
        (X[0] ** 2 + X[1], "no-bias", 3),           # b outside col A: r + 2
        (X[0] ** 2 + X[1], "output-bias", 3),
        (X[0] * X[1] + X[0], "no-bias", 2),         # b = A h with b.h = 0, no constant: r
        (X[0] ** 2 + X[0], "no-bias", 2),           # b in col A, b.h != 0: r + 1
        (X[0] ** 2 + X[0], "output-bias", 1),       # the example: a = sigma1/sigma2
        (X[0] ** 2 + 1, "no-bias", 2),              # constant beside a form: r + 1
        (X[0] ** 2 + X[1] ** 2 + X[0], "output-bias", 2),
        (X[0] * X[1], "output-bias", 3),
    ],
)
def test_width_is_decided_by_groebner_on_tiny_cases(expr, model, width):
    # Independent of the theorem: no complex network with width - 1 neurons (basis [1]) and a
    # complex solution with width neurons (sigma_k = 1, the generic case for two parts).
    p = poly(expr)
    assert quadratic_width(p, model).value == width
    assert quadratic_construction(p, model).width == width
    assert exhaustive_check(p, model, width, timeout=120).feasible is False
    assert exhaustive_check(p, model, width, timeout=120, neurons=width).feasible is True


def test_three_parts_exception_locus():
    # 1 + x + x^2 without a bias: width 2 for every sigma except sigma1^2 = sigma0 sigma2 (where
    # sigma(x) itself, to second order, is one neuron).
    p = poly(1 + X[0] + X[0] ** 2)
    theorem = quadratic_width(p)
    assert theorem.value == 2 and theorem.exception == "sigma1^2 * (1) = sigma0 * sigma2 * (1)"
    c = quadratic_construction(p)
    assert c.width == 2 and c.kind == "sigma-dependent"
    assert_reproduces(c, p)


def test_sigma_dependent_validity_is_reported_and_true():
    p = poly(X[0] ** 2 + 1)
    c = quadratic_construction(p)
    assert c.kind == "sigma-dependent" and c.valid_unless == ("sigma0 + sigma2 != 0",)
    # at a sigma off the locus the identity holds with numbers
    values = {SIGMA[0]: sympy.Rational(2), SIGMA[1]: sympy.Rational(-3), SIGMA[2]: 5}
    numeric = sympy.expand(taylor_of(c, 1, 2).subs(values))
    assert numeric == X[0] ** 2 + 1


def test_linear_polynomials():
    for expr, model, width, kind in [
        (X[0] + 2 * X[1], "no-bias", 2, "rational"),
        (X[0] + 2 * X[1], "output-bias", 1, "rational"),
        (X[0] - 3, "no-bias", 1, "sigma-dependent"),
        (X[0] - 3, "output-bias", 1, "rational"),
    ]:
        p = poly(expr)
        c = quadratic_construction(p, model)
        assert (c.width, c.kind) == (width, kind)
        assert quadratic_width(p, model).value == lower_bound(p, model).value == width
        assert_reproduces(c, p)


# ----------------------------------------------------------------------- decomposition


@pytest.mark.parametrize("seed", range(30))
def test_decompose_rank_terms_off_the_hyperplane(seed):
    rng = random.Random(seed)
    k = sympy.QQ
    size = rng.randint(2, 5)
    rank = rng.randint(1, size)
    vecs = [[k(rng.randint(-2, 2)) for _ in range(size)] for _ in range(rank)]
    signs = [k(rng.choice([1, -1, 2])) for _ in range(rank)]
    m = [[sum((s * v[i] * v[j] for s, v in zip(signs, vecs, strict=True)), k.zero)
          for j in range(size)] for i in range(size)]
    if not any(m[0]):
        pytest.skip("first row zero")
    terms = decompose(m, k)
    true_rank = sympy.Matrix(m).rank()
    assert len(terms) == true_rank
    assert all(v[0] != 0 for v, _ in terms)
    assert [[sum((w * v[i] * v[j] for v, w in terms), k.zero) for j in range(size)]
            for i in range(size)] == m


# ------------------------------------------- joint search at sigma = 1, torus transfer


@pytest.mark.parametrize(
    "expr, model, width, kind",
    [
        (X[0] ** 3 + X[0] ** 2, "output-bias", 2, "sigma-dependent"),
        (X[0] ** 3 + X[0], "output-bias", 2, "sigma-algebraic"),
        (X[0] ** 4 + X[0] ** 2, "output-bias", 2, "sigma-algebraic"),
        (X[0] ** 3 + X[0] ** 2, "no-bias", 3, "sigma-dependent"),
    ],
)
def test_sigma_dependent_points_close_the_gap(expr, model, width, kind):
    p = poly(expr)
    fixed = search_construction(p, model, target=width, timeout=5)
    assert fixed.construction.width > width  # fixed points meet each part alone
    result = minimal_width(p, model, timeout=10)
    if kind == "sigma-algebraic":
        # the radicand must be positive: the answer splits by the sign of sigma_k1 sigma_k2,
        # and the case where it is positive is closed by the sigma-algebraic points
        case = next(c for c in result.cases if c["condition"].endswith("> 0"))
        assert (case["lower"], case["upper"], case["exact"]) == (width, width, True)
        assert case["construction"]["kind"] == kind
        assert result.upper >= width and result.lower == width
        return
    assert (result.lower, result.upper, result.exact) == (width, width, True)
    assert result.construction.kind == kind and result.verified
    assert_reproduces(result.construction, p)


def test_torus_transfer_checks_every_degree():
    # a joint solution at sigma = 1 for x^3 + x^2 (output bias): a = -1, 2 with w = 1/3, 1/6
    # gives 0 x, x^2 and x^3; the transfer scales a by sigma2/sigma3
    data = Polynomial(("x1",), {(3,): Fraction(1), (2,): Fraction(1)})
    c = torus_transfer(data, "output-bias", [(-1,), (2,)], [Fraction(1, 3), Fraction(1, 6)], "")
    assert_reproduces(c, poly(X[0] ** 3 + X[0] ** 2))
    bad = torus_transfer(data, "output-bias", [(-1,), (2,)], [Fraction(1, 6), Fraction(1, 3)],
                         "")
    with pytest.raises(AssertionError):
        assert_reproduces(bad, poly(X[0] ** 3 + X[0] ** 2))


def test_radical_points_for_a_given_activation_use_its_sign():
    # tanh: sigma1 sigma3 < 0 is known, so the joint search runs at that sign and the root it
    # takes is of a positive number: real points, re-checked with tanh itself
    p = poly(X[0] ** 3 + X[0])
    result = minimal_width(p, "output-bias", activation="tanh", timeout=5)
    assert result.verified and result.cases == ()
    assert result.construction.kind in ("rational", "algebraic")
    generic = minimal_width(p, "output-bias", timeout=10)
    conditions = sorted(c["condition"] for c in generic.cases)
    assert conditions == ["sigma1*sigma3 < 0", "sigma1*sigma3 > 0"]
    positive = next(c for c in generic.cases if c["condition"] == "sigma1*sigma3 > 0")
    assert positive["construction"]["requires"] == ["sigma1/sigma3 > 0"]
