"""Tests of symflat.width: bounds, closed forms, search, verification, exhaustive, CLI."""

from __future__ import annotations

import json
import random
import time
from dataclasses import replace
from fractions import Fraction
from itertools import product
from math import comb, prod

import pytest
import sympy

from symflat.cli import main
from symflat.exact.polynomial import Polynomial
from symflat.width import (
    WidthError,
    check_construction,
    finite_differences,
    lower_bound,
    minimal_width,
    search_construction,
    sign_vectors,
    verify_construction,
)
from symflat.width.constructions import monomial_sum
from symflat.width.exhaustive import exhaustive_check
from symflat.width.lower import _bound_from_g, _homogenized, _output_bias_bound
from symflat.width.quadratic import quadratic_width

X = sympy.symbols("x1:7")


def poly(expr: sympy.Expr) -> sympy.Poly:
    return sympy.Poly(expr, *sorted(expr.free_symbols, key=lambda s: int(str(s)[1:])))


def monomial_cases(max_degree: int = 6, nvars: int = 3):
    for r in product(range(max_degree + 1), repeat=nvars):
        if 0 < sum(r) <= max_degree:
            yield r


# ----------------------------------------------------------------------------- monomials


@pytest.mark.parametrize("model", ["no-bias", "output-bias"])
def test_every_monomial_degree_6_three_variables_is_exact(model):
    for r in monomial_cases():
        p = poly(sympy.Mul(*(X[i] ** r[i] for i in range(3))))
        result = minimal_width(p, model)
        closed = prod(k + 1 for k in r if k) - (model == "output-bias")
        assert (result.lower, result.upper) == (closed, closed), r
        assert result.exact and result.verified, r


@pytest.mark.parametrize("n", range(1, 7))
def test_product_of_n_variables_eq32(n):
    p = poly(sympy.Mul(*X[:n]))
    assert lower_bound(p).value == 2**n
    assert lower_bound(p, "output-bias").value == 2**n - 1
    assert check_construction(Polynomial(tuple(f"x{i+1}" for i in range(n)),
                                       {(1,) * n: Fraction(1)}), sign_vectors(n))


def _derivative_span(expr: sympy.Expr, variables) -> int:
    """Independent check: dimension of the span of all partial derivatives (sympy)."""
    derivs, frontier = {sympy.expand(expr)}, [sympy.expand(expr)]
    while frontier:
        nxt = []
        for f in frontier:
            for v in variables:
                g = sympy.expand(sympy.diff(f, v))
                if g != 0 and g not in derivs:
                    derivs.add(g)
                    nxt.append(g)
        frontier = nxt
    monos = sorted({m for f in derivs for m in sympy.Poly(f, *variables).monoms()})
    rows = [[sympy.Poly(f, *variables).coeff_monomial(m) for m in monos] for f in derivs]
    return sympy.Matrix(rows).rank()


@pytest.mark.parametrize(
    "expr",
    [X[0] * X[1] + X[2] * X[3], X[0] ** 2 + X[1] ** 2 + X[2] ** 2, X[0] ** 3 - 3 * X[0] * X[1] ** 2,
     X[0] * X[1] * X[2] + X[1] ** 3, sympy.Matrix(3, 3, list(X[:3]) * 3).det() + X[0] ** 3],
)
def test_homogeneous_no_bias_is_dimension_of_derivative_span(expr):
    p = poly(expr)
    assert lower_bound(p).value == _derivative_span(expr, p.gens)


# -------------------------------------------------------------------- sigma dependence


def test_bound_depends_on_sigma_with_three_parts():
    x = X[0]
    p = poly(1 + x + x**2)
    data = Polynomial(("x1",), {(0,): Fraction(1), (1,): Fraction(1), (2,): Fraction(1)})
    unit, _ = _bound_from_g(_homogenized(data.parts(), 2, {0: 1, 1: 1, 2: 1}), 1, 2)
    assert unit == 1  # sigma_k = 1: P is sigma itself, one neuron
    generic = lower_bound(p)
    assert (generic.value, generic.sigma) == (2, "generic")


def test_two_parts_bound_is_independent_of_sigma():
    data = Polynomial(("x1", "x2"), {(1, 1): Fraction(1), (1, 0): Fraction(2)})
    parts = data.parts()
    values = {
        _bound_from_g(_homogenized(parts, 2, {1: Fraction(a), 2: Fraction(b)}), 2, 2)[0]
        for a, b in [(1, 1), (3, 7), (-2, 5), (1, 100)]
    }
    assert values == {lower_bound(data).value}


# ------------------------------------------------------------------ output-bias model


def _direct_output_bias(data: Polynomial, c: Fraction) -> int:
    parts = {k: v for k, v in data.parts().items() if k >= 1}
    parts[0] = {(0,) * data.nvars: c}
    scale = {k: Fraction(1) for k in parts}
    return _bound_from_g(_homogenized(parts, data.degree, scale), data.nvars, data.degree)[0]


@pytest.mark.parametrize("seed", range(12))
def test_output_bias_minimum_matches_brute_force(seed):
    rng = random.Random(seed)
    n, d = rng.choice([(1, 3), (2, 2), (2, 3), (3, 2)])
    terms = {}
    for _ in range(rng.randint(1, 4)):
        k = rng.choice([d, d, rng.randint(1, d)])
        e = [0] * n
        for _ in range(k):
            e[rng.randrange(n)] += 1
        terms[tuple(e)] = Fraction(rng.choice([1, -1, 2, 3]))
    data = Polynomial(tuple(f"x{i+1}" for i in range(n)), {e: c for e, c in terms.items() if c})
    if len([k for k in data.parts() if k >= 1]) > 2 or data.degree == 0:
        pytest.skip("three parts")
    value, _, where = _output_bias_bound(data.parts(), n, d if data.degree == d else data.degree,
                                         {k: Fraction(1) for k in data.parts()})
    candidates = [Fraction(v, 7) for v in range(-40, 41)]
    if where != "generic":
        candidates.append(Fraction(where))
    brute = min(_direct_output_bias(data, c) for c in candidates)
    assert value == brute


def test_models_differ_by_at_most_one():
    for expr in [X[0] * X[1], X[0] ** 2 + X[1], X[0] * X[1] + X[2] ** 2, X[0] ** 3 + X[0]]:
        p = poly(expr)
        a, b = lower_bound(p).value, lower_bound(p, "output-bias").value
        assert b <= a <= b + 1


# ------------------------------------------------------------------------ constructions


def test_finite_difference_weights():
    c = finite_differences((2, 1))
    assert c.width == 6
    assert sorted(c.part_weights[3]) == sorted(
        Fraction((-1) ** (3 - i - j) * comb(2, i) * comb(1, j), 6)
        for i in range(3) for j in range(2))


@pytest.mark.parametrize("model", ["no-bias", "output-bias"])
@pytest.mark.parametrize(
    "expr, exact_width",
    [
        (X[0] * X[1] + X[2] * X[3], {"no-bias": 6, "output-bias": 5}),
        (X[0] ** 2 + X[1] ** 2 + X[2] ** 2, {"no-bias": 5, "output-bias": 4}),
        (X[0] * X[3] - X[1] * X[2], {"no-bias": 6, "output-bias": 5}),
        (X[0] * X[1] + X[1] * X[2] + X[2] * X[0], {"no-bias": 5, "output-bias": 4}),
    ],
)
def test_search_reaches_the_bound(expr, exact_width, model):
    # The search over integer points (not the closed form of width.quadratic) meets the
    # apolarity bound and the quadratic theorem on these forms: three methods agree.
    p = poly(expr)
    assert lower_bound(p, model).value == exact_width[model] == quadratic_width(p, model).value
    out = search_construction(p, model, target=exact_width[model], timeout=20)
    assert out.construction.width == exact_width[model]
    assert verify_construction(p, out.construction)
    assert minimal_width(p, model).exact


def test_fixed_points_need_one_more_neuron_than_sigma_dependent_ones():
    # x + x^2 with an output bias: one neuron at a = sigma1/sigma2; points that do not depend
    # on sigma must meet x^2 alone, a form of rank 1 (2 neurons).
    p = poly(X[0] + X[0] ** 2)
    out = search_construction(p, "output-bias", target=1, timeout=2)
    assert out.construction.width == 2 and not out.reached_lower
    result = minimal_width(p, "output-bias", timeout=2)
    assert (result.lower, result.upper, result.exact) == (1, 1, True)
    assert result.construction.kind == "sigma-dependent"
    assert json.loads(result.to_json())["construction"]["points"] == [["sigma1/sigma2"]]


DET3 = "x1*x5*x9 - x1*x6*x8 - x2*x4*x9 + x2*x6*x7 + x3*x4*x8 - x3*x5*x7"


@pytest.mark.parametrize("model", ["no-bias", "output-bias"])
def test_search_honours_the_time_limit(model):
    # A 3x3 determinant: 220 rows, thousands of candidate points; the exact steps used to be
    # started whatever the time left (about 20 s on a 2 s budget).
    from symflat.exact.polynomial import parse_polynomial

    start = time.monotonic()
    result = minimal_width(parse_polynomial(DET3), model, timeout=2)
    assert time.monotonic() - start < 8
    assert result.search["seconds"] <= 2 + 1
    assert not result.exact and result.gap is not None and result.gap > 0
    assert result.upper == result.construction.width and result.verified
    assert check_construction(Polynomial(tuple(f"x{i}" for i in range(1, 10)),
                                         dict(parse_polynomial(DET3).terms)),
                              result.construction)


@pytest.mark.parametrize("model, bound", [("output-bias", 3), ("no-bias", 4)])
def test_grid_escalation(model, bound):
    # x1^2 + x2^2 with an output bias: three neurons at integer points need a point outside
    # [-1, 1]^2 (the closed form of width.quadratic is not used by search_construction()).
    p = poly(X[0] ** 2 + X[1] ** 2)
    out = search_construction(p, model, target=bound)
    assert out.construction.width == bound and verify_construction(p, out.construction)
    if model == "output-bias":
        assert out.grid == 2 and out.grids == (1, 2)
        assert "grid 2" in out.construction.method
        assert max(abs(v) for a in out.construction.points for v in a) == 2
        pinned = search_construction(p, model, target=bound, max_grid=1, timeout=1)
        assert pinned.construction.width == 4 and pinned.grids == (1,)
    else:
        assert out.grids == (1,)


def test_cli_max_grid(capsys):
    cubic = "x1^3 + x2^3 + x1*x2*x3"
    assert main(["width", cubic, "--json", "--timeout", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["search"]["requested_grid"] == 1 and data["search"]["grids"][0] == 1
    assert main(["width", cubic, "--max-grid", "1", "--timeout", "1"]) == 0
    out = capsys.readouterr().out
    assert "minimal width" in out or "grids tried: 1" in out
    assert main(["width", "x1^2", "--grid", "2", "--max-grid", "1"]) == 2


def test_search_with_almost_no_time_still_reports_an_exact_construction():
    p = poly(X[0] ** 3 + X[1] ** 3 + X[0] * X[1] * X[2])
    out = search_construction(p, "no-bias", target=1, timeout=1e-6)
    assert out.stopped == "timeout" and out.construction is not None
    assert verify_construction(p, out.construction)


@pytest.mark.parametrize("seed", range(40))
def test_monomial_sum_is_a_construction(seed):
    rng = random.Random(seed)
    n, d = rng.randint(1, 3), rng.randint(1, 4)
    terms = {}
    for _ in range(rng.randint(1, 5)):
        e = [0] * n
        for _ in range(rng.randint(0, d)):
            e[rng.randrange(n)] += 1
        terms[tuple(e)] = Fraction(rng.choice([1, -2, 3]), rng.choice([1, 2, 5]))
    if all(sum(e) == 0 for e in terms):
        terms[(1,) + (0,) * (n - 1)] = Fraction(1)
    data = Polynomial(tuple(f"x{i + 1}" for i in range(n)), terms)
    for model in ("no-bias", "output-bias"):
        assert check_construction(data, monomial_sum(data, model)), (terms, model)


def test_corrupted_construction_is_rejected():
    p = poly(X[0] * X[1] * X[2])
    good = sign_vectors(3)
    assert verify_construction(p, good)
    weights = list(good.part_weights[3])
    weights[0] += Fraction(1, 1000)
    bad_weight = replace(good, part_weights={3: tuple(weights)})
    points = list(good.points)
    points[1] = (Fraction(1), Fraction(1), Fraction(0))
    bad_point = replace(good, points=tuple(points))
    for bad in (bad_weight, bad_point):
        assert not verify_construction(p, bad)
        assert not check_construction(Polynomial(("x1", "x2", "x3"), {(1, 1, 1): Fraction(1)}), bad)


def test_search_outcome_weights_are_exact_and_sigma_symbolic():
    out = search_construction(poly(X[0] ** 2 + X[0] * X[1] + 1), "no-bias", target=1, timeout=2)
    weights = out.construction.weights()
    assert all(w.free_symbols <= {sympy.Symbol("sigma0"), sympy.Symbol("sigma2")} for w in weights)
    assert verify_construction(poly(X[0] ** 2 + X[0] * X[1] + 1), out.construction)


# ---------------------------------------------------------------------- activations


def test_tanh_is_shifted_only_when_asked():
    unshifted = minimal_width(poly(X[0] * X[1]), "no-bias", activation="tanh")
    assert not unshifted.representable and unshifted.lower is None
    shifted = minimal_width(poly(X[0] * X[1]), "no-bias", activation="tanh", at="1/2")
    assert shifted.model.point == sympy.Rational(1, 2)
    assert shifted.verified and shifted.exact and shifted.lower == 4


def test_rational_activation_uses_its_own_coefficients():
    result = minimal_width(poly(X[0] * X[1] + X[0]), "no-bias", activation="exp")
    assert result.lower_certificate.sigma == "this activation"
    assert result.verified


# ------------------------------------------------------------------------ exhaustive


@pytest.mark.parametrize("model", ["no-bias", "output-bias"])
@pytest.mark.parametrize("expr", [X[0] ** 2, X[0] ** 3, X[0] * X[1], X[0] ** 2 + X[1] ** 2,
                                  X[0] * X[1] + X[0], X[0] ** 2 + 1])
def test_exhaustive_agrees_with_lower_bound(expr, model):
    p = poly(expr)
    lower = lower_bound(p, model).value
    below = exhaustive_check(p, model, lower, timeout=60)
    at = exhaustive_check(p, model, lower, timeout=60, neurons=lower)
    assert below.feasible is False
    assert at.feasible is True


# ------------------------------------------------------------------------------ CLI


@pytest.mark.parametrize(
    "text, message",
    [("sin(x1)", "not a polynomial"), ("1/x1", "x1"), ("0.5*x1", "write 1/2"),
     ("3", "constant"), ("0", "constant"),
     ("x1^12*x2^12*x3^12*x4^12*x5^12*x6^12", "refusing"),
     ("+".join(f"y{i}^3" for i in range(1, 13)), "variables")],
)
def test_cli_bad_input_is_one_line(text, message, capsys):
    assert main(["width", text]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and message in err


def test_cli_json_and_save_network(tmp_path, capsys):
    out = tmp_path / "net.json"
    assert main(["width", "x1^2*x2", "--model", "output-bias", "--json",
                 "--save-network", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["lower"], data["upper"], data["exact"]) == (5, 5, True)
    assert all(isinstance(v, str) for a in data["construction"]["points"] for v in a)
    assert all(isinstance(w, str) for w in data["construction"]["weights"])
    assert data["lower_certificate"]["ranks"][1]["rank_cat"] >= 1
    from symflat.nets.io import from_json

    assert from_json(out.read_text()).neuron_count == 5


def test_cli_text_output(capsys):
    assert main(["width", "x1*x2 + x3*x4", "--exhaustive", "--model", "output-bias"]) == 0
    text = capsys.readouterr().out
    assert "lower bound: 5" in text and "minimal width = 5 (exact)" in text
    # 4 neurons are 20 unknowns: past sympy's limit, within Singular's (symflat.width.groebner)
    from symflat.width.groebner import engine_available

    if engine_available("singular"):
        assert "exhaustive (4 neurons): feasible = False (basis [1] (singular)" in text
    else:
        assert "not run" in text
    assert main(["width", "x1^2 + x2^2", "--exhaustive"]) == 0
    assert "feasible = False" in capsys.readouterr().out


def test_bad_model():
    with pytest.raises(WidthError):
        lower_bound(poly(X[0] ** 2), "bias")


def test_exhaustive_raises_the_lower_bound_where_apolarity_is_not_tight():
    # x1^3 + x1*x2 with an output bias: apolarity gives 3, but no complex network with 3
    # neurons exists (Gröbner basis [1] at sigma = 1, every sigma by the torus); 4 are enough.
    p = poly(X[0] ** 3 + X[0] * X[1])
    assert lower_bound(p, "output-bias").value == 3
    plain = minimal_width(p, "output-bias", timeout=20)
    result = minimal_width(p, "output-bias", timeout=20, exhaustive=True)
    assert result.lower == 4 and result.lower_certificate.method == "exhaustive"
    assert [c["feasible"] for c in result.exhaustive["checks"]][:2] == [False, False]
    assert result.upper == plain.upper
    assert result.exact == (result.upper == 4)


@pytest.mark.parametrize("text", ["x1^3 + x1^2 + x1", "x1^4 + x1^2 + x1 + 1",
                                  "x1^3 + x2^2 + x1 + 1", "x1^2*x2 + x1*x2 + x2 + 3"])
def test_full_rank_bound_never_exceeds_the_certified_generic_bound(text):
    """The grid-free generic bound (full-rank orders at one sample sigma) is below the generic
    bound the combinatorial Nullstellensatz certifies, wherever that one fits."""
    from symflat.width import as_polynomial
    from symflat.width.lower import full_rank_bound
    from symflat.width.model import WidthModel

    data = as_polynomial(text)
    certified = lower_bound(data)
    assert certified.sigma == "generic" and certified.method == "apolarity"
    value, _ = full_rank_bound(data, WidthModel())
    assert value <= certified.value


def test_the_search_module_is_not_hidden_by_a_function():
    """``symflat.width`` once re-exported the function ``search`` over its submodule, so
    ``import symflat.width.search`` gave a function; the function is ``search_construction``."""
    import types

    import symflat.width
    import symflat.width.search as module

    assert isinstance(module, types.ModuleType) and symflat.width.search is module
    assert symflat.width.search_construction is module.search_construction
