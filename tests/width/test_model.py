"""Width models as values: named activations, vanishing coefficients, hidden biases.

Every bound is cross-checked: lower bounds against Gröbner exhaustion on tiny cases, every
construction against an expansion of the activation's closed form by ``sympy.series`` (not
symflat's expansion engine nor its coefficient code), lower bounds against constructions.
"""

from __future__ import annotations

import json

import pytest
import sympy

from symflat.cli import main
from symflat.nets.activations import NAMED
from symflat.width import WidthError, WidthModel, as_model, lower_bound, minimal_width
from symflat.width.exhaustive import exhaustive_check
from symflat.width.polynomials import as_polynomial

X = sympy.Symbol("x")


def independent_expansion(result) -> sympy.Expr:
    """The construction's network, Taylor-expanded through degree d from the activation's closed
    form by ``sympy.series`` (independent of symflat's expansion and coefficient code)."""
    c = result.construction
    model, d = c.model, result.degree
    xs = sympy.symbols(result.variables)
    s = sympy.Symbol("s")
    closed = NAMED[model.activation].xreplace({X: model.point + s})
    taylor = sympy.series(closed, s, 0, d + 1).removeO()
    weights = c.concrete(c.weights())
    total = c.concrete([c.output_bias()])[0]
    for a, w in zip(c.sympy_points(), weights, strict=True):
        a = c.concrete(a)
        u = sum((ai * xi for ai, xi in zip(a, xs, strict=True)), sympy.Integer(0))
        total += w * taylor.xreplace({s: u})
    poly = sympy.Poly(sympy.expand(total), *xs)
    kept = sum((coeff * sympy.prod(x**e for x, e in zip(xs, exps, strict=True))
                for exps, coeff in poly.terms() if sum(exps) <= d), sympy.Integer(0))
    return kept


def same_polynomial(expr: sympy.Expr, text: str, variables: tuple[str, ...]) -> bool:
    want = as_polynomial(text).to_expr()
    diff = sympy.expand(expr - want)
    return sympy.simplify(diff.rewrite(sympy.exp)) == 0


# ------------------------------------------------------------------- named activations


@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
@pytest.mark.parametrize("model", ["no-bias", "output-bias"])
@pytest.mark.parametrize(("text", "width"), [("x1*x2*x3", 4), ("x1^2*x2", 3), ("x1^3", 2),
                                              ("x1*x2*x3*x4*x5", 16)])
def test_odd_activations_exact_without_shift(activation, model, text, width):
    result = minimal_width(text, model, activation=activation, timeout=60)
    if activation == "sigmoid" and model == "no-bias" and text == "x1^3":
        # sigma_0 = 1/2 constrains the sum of the weights too: q = 1 filters add a neuron
        assert result.lower >= width
    else:
        assert (result.lower, result.upper, result.exact) == (width, width, True)
    assert result.model.point == 0 and result.construction.model.point == 0
    assert same_polynomial(independent_expansion(result), text, result.variables)


def test_generic_bound_is_the_filter_with_q_one():
    # exp has no vanishing coefficient: its bound is the generic one (x1x2x3: 2^3)
    assert lower_bound("x1*x2*x3", activation="exp").value == 8
    assert lower_bound("x1*x2*x3").value == 8


@pytest.mark.parametrize(("text", "activation", "model"), [
    ("x1^3", "tanh", "no-bias"),
    ("x1^2*x2", "tanh", "no-bias"),
    ("x1^2*x2", "tanh", "output-bias"),
    ("x1", "sigmoid", "no-bias"),
    ("x1^3 + x1", "tanh", "no-bias"),
    ("x1^4 + x1", "x + x^4", "no-bias"),
    ("x1^2", "softplus", "no-bias"),
])
def test_filtered_bound_agrees_with_exhaustion(text, activation, model):
    """Below the bound a Gröbner basis [1] (no complex network); at a verified construction's
    width never below the bound."""
    m = as_model(model, activation)
    bound = lower_bound(text, m).value
    below = exhaustive_check(text, m, bound, timeout=120)
    assert below.feasible is False, below
    result = minimal_width(text, m, timeout=60)
    assert result.upper is not None and result.upper >= bound
    if result.exact:
        at = exhaustive_check(text, m, bound, timeout=120, neurons=bound)
        assert at.feasible is not False


@pytest.mark.parametrize(("text", "activation"), [("x1*x2", "tanh"), ("x1^3", "softplus"),
                                                  ("x1^2 + x1", "tanh")])
def test_unreachable_is_the_answer_not_a_shift(text, activation):
    result = minimal_width(text, activation=activation)
    assert result.representable is False and result.lower is None and result.upper is None
    assert "sigma_k = 0" in result.reason
    reaching = result.reaching
    assert reaching.unreachable(as_polynomial(text)) is None
    shifted = minimal_width(text, reaching, timeout=60)
    assert shifted.verified and shifted.model == reaching


def test_shift_only_when_asked_and_verified_with_the_real_sigma():
    result = minimal_width("x1*x2", "output-bias", activation="sigmoid", at="1/2", timeout=60)
    assert result.model.name == "shared-bias+output-bias" and result.exact
    assert same_polynomial(independent_expansion(result), "x1*x2", result.variables)


# ------------------------------------------------------------------------ affine models


def test_affine_bounds_and_their_exhaustive_cross_checks():
    generic = lower_bound("x1*x2", "affine")
    tanh = lower_bound("x1*x2", "affine", activation="tanh")
    assert (generic.value, tanh.value) == (2, 3)
    # the relaxation (a free coefficient per neuron and degree) with 2 neurons is feasible for
    # the generic bound, infeasible once sigma' != 0 (Theorem 2) is added
    assert exhaustive_check("x1*x2", "affine", 2, neurons=2).feasible is True
    assert exhaustive_check("x1*x2", "affine", 2, neurons=1).feasible is False
    assert exhaustive_check("x1*x2", as_model("affine", "tanh"), 3, neurons=2).feasible is False


@pytest.mark.parametrize("text", ["x1*x2", "x1^2 + x2^2", "x1*x2*x3", "x1^3 + x2", "x1^2*x2"])
@pytest.mark.parametrize("activation", ["generic", "tanh", "sigmoid"])
def test_affine_lower_bound_below_every_construction(text, activation):
    for name in ("affine", "affine+output-bias"):
        result = minimal_width(text, name, activation=activation, timeout=4)
        assert result.representable and result.verified
        assert result.lower <= result.upper
        # the affine class contains every shared-point class: its bound is below their widths
        for b in (0, "1/2"):
            shared = result.model.at_point(b)
            if shared.unreachable(as_polynomial(text)) is None:
                assert result.lower <= minimal_width(text, shared, timeout=4).lower


def test_affine_with_output_bias_tanh_x1x2_is_exact():
    result = minimal_width("x1*x2", "affine+output-bias", activation="tanh", timeout=30)
    assert (result.lower, result.upper, result.exact) == (3, 3, True)
    assert "sigma' > 0" in result.lower_certificate.hypothesis
    assert same_polynomial(independent_expansion(result), "x1*x2", result.variables)


# ------------------------------------------------------------------------- the value


def test_model_value_round_trips_and_refuses_nonsense():
    m = WidthModel.parse("output-bias", activation="sigmoid", at="1/2")
    assert WidthModel.from_key(m.key) == m
    assert WidthModel.from_dict(m.to_dict()) == m
    assert m.to_dict() == {"name": "shared-bias+output-bias", "hidden_bias": "shared",
                           "output_bias": True, "activation": "sigmoid", "at": "1/2",
                           "depth": 1}
    with pytest.raises(WidthError, match="affine models give every neuron its own bias"):
        WidthModel.parse("affine", at=1)
    with pytest.raises(WidthError, match="not analytic"):
        WidthModel.parse("no-bias", activation="relu")
    with pytest.raises(WidthError, match="unknown model"):
        as_model("bias")
    with pytest.raises(WidthError, match="one or two hidden layers"):
        WidthModel(depth=3)
    with pytest.raises(WidthError, match="depth 2 is supported for the generic activation"):
        WidthModel.parse("affine", depth=2)


def test_hypothesis_names_what_the_proof_needs():
    generic = lower_bound("x1*x2*x3")
    assert generic.hypothesis == "every sigma with sigma_k != 0 for k in {0, 1, 2, 3}"
    assert "tanh" in lower_bound("x1*x2*x3", activation="tanh").hypothesis


# ------------------------------------------------------------------------------ CLI


def test_cli_unreachable_json_exit_zero(capsys):
    status = main(["width", "x1*x2", "--activation", "tanh", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert status == 0 and data["representable"] is False
    assert data["model"] == {"name": "no-bias", "hidden_bias": "none", "output_bias": False,
                             "activation": "tanh", "at": None, "depth": 1}
    assert data["reaching_model"]["hidden_bias"] == "shared"


def test_cli_text_names_class_and_sigma(capsys):
    assert main(["width", "x1*x2*x3", "--activation", "tanh"]) == 0
    out = capsys.readouterr().out
    assert "sum_j w_j tanh(a_j.x)" in out and "minimal width = 4 (exact)" in out
    assert main(["width", "x1*x2", "--model", "affine", "--activation", "tanh"]) == 0
    out = capsys.readouterr().out
    assert "sigma' > 0 on R" in out and "gap 1" in out


# --------------------------------------------------------------------- signs of sigma


def test_generic_answer_splits_by_the_sign_of_sigma1_sigma3():
    """x^3 - x without bias: 2 real neurons when sigma1 sigma3 < 0 (a = +-sqrt(-sigma1/sigma3)),
    3 when sigma1 sigma3 > 0 (Sylvester: the apolar quadric has no real root)."""
    result = minimal_width("x1^3 - x1", timeout=20)
    cases = {case["condition"]: case for case in result.cases}
    assert set(cases) == {"sigma1*sigma3 > 0", "sigma1*sigma3 < 0"}
    assert (cases["sigma1*sigma3 < 0"]["lower"], cases["sigma1*sigma3 < 0"]["upper"]) == (2, 2)
    assert (cases["sigma1*sigma3 > 0"]["lower"], cases["sigma1*sigma3 > 0"]["upper"]) == (3, 3)
    assert "Sylvester" in cases["sigma1*sigma3 > 0"]["lower_note"]
    # over every sigma: at most 3 neurons, by case
    assert result.upper == 3


def test_two_real_neurons_are_impossible_when_sigma1_sigma3_is_positive():
    """An independent check of the Sylvester bound: the 2-neuron system at sigma_k = 1 has
    only non-real solutions (sympy.solve), while it has real ones at sigma3 = -1."""
    w1, w2, a1, a2 = sympy.symbols("w1 w2 a1 a2")

    def solutions(s3):
        eqs = [w1 + w2, w1 * a1 + w2 * a2 + 1, w1 * a1**2 + w2 * a2**2,
               s3 * (w1 * a1**3 + w2 * a2**3) - 1]
        return sympy.solve(eqs, [w1, w2, a1, a2], dict=True)

    def real(sol):
        return all(sympy.im(sympy.N(v)) == 0 for v in sol.values())

    assert solutions(1) and not any(real(s) for s in solutions(1))
    assert any(real(s) for s in solutions(-1))


@pytest.mark.parametrize(("activation", "width"), [("exp", 3), ("1 + x + x^2 - x^3", 2),
                                                   ("1 + x + x^2 + x^3", 3), ("tanh", 1)])
def test_a_named_activation_resolves_the_case(activation, width):
    result = minimal_width("x1^3 - x1", activation=activation, timeout=20)
    assert (result.lower, result.upper, result.exact) == (width, width, True)
    assert result.cases == ()
    if activation.isidentifier():
        assert same_polynomial(independent_expansion(result), "x1^3 - x1", result.variables)
