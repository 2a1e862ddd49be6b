"""The tangent-space test of ``symflat.width.smoothable`` against the literature and against
exact ranks over Q."""

from __future__ import annotations

import random
from fractions import Fraction

import flint
import pytest

from symflat.exact.polynomial import Polynomial
from symflat.width import lower_bound
from symflat.width.polynomials import as_polynomial, monomials
from symflat.width.rigidity import rigidity_bound
from symflat.width.smoothable import PRIME, annihilator_basis, product_mod_p, tangent_bound


def random_form(n: int, d: int, seed: int) -> Polynomial:
    rng = random.Random(seed)
    return Polynomial(tuple(f"x{i + 1}" for i in range(n)),
                      {e: Fraction(rng.choice([-1, 1]) * rng.randint(1, 9)) for e in
                       monomials(n, d)})


@pytest.mark.parametrize("seed", range(3))
def test_general_cubic_in_six_variables_is_iarrobino_emsalem(seed):
    """H = (1, 6, 6, 1), dim T = 76 < 6 * 14 (Iarrobino and Emsalem 1978): width >= 15."""
    tb = tangent_bound(random_form(6, 3, seed))
    assert tb.hilbert == (1, 6, 6, 1)
    assert tb.tangent_at_most == 76 and tb.non_smoothable
    # symflat.width.rigidity proves the same bound independently (and runs first)
    assert rigidity_bound(random_form(6, 3, seed)).excludes_length
    assert lower_bound(random_form(6, 3, seed)).value == 15


def test_the_tangent_space_takes_over_where_the_lifts_prove_nothing(monkeypatch):
    monkeypatch.setattr("symflat.width.bounds.rigidity_bound", lambda *args, **kwargs: None)
    bound = lower_bound(random_form(6, 3, 0))
    assert (bound.value, bound.method) == (15, "apolarity + tangent space")
    assert "76" in bound.notes[-1]
    with_bias = lower_bound(random_form(6, 3, 0), "output-bias")
    assert (with_bias.value, with_bias.method) == (14, "apolarity + tangent space")


@pytest.mark.parametrize(("text", "generators"), [("x1*x2*x3", 3), ("x1^2*x2", 2),
                                                  ("x1*x2*x3*x4", 4), ("x1^3 + x2^3", 2)])
def test_complete_intersections_have_tangent_space_k_times_length(text, generators):
    """``I = (f_1..f_k)`` a complete intersection: ``I/I^2`` is free of rank ``k`` over ``A``;
    an upper bound that is also this value is exact (and such A are smoothable)."""
    tb = tangent_bound(as_polynomial(text))
    assert tb.tangent_at_most == generators * tb.length
    assert not tb.non_smoothable


@pytest.mark.parametrize(("n", "d"), [(2, 3), (2, 5), (3, 3), (3, 4), (4, 3), (5, 3)])
def test_no_false_alarm_where_every_algebra_is_smoothable(n, d):
    """Codimension <= 3 Gorenstein algebras and those of length <= 13 are smoothable
    (Buchsbaum-Eisenbud, Kleppe; Casnati-Jelisiejew-Notari): the test must never bite."""
    tb = tangent_bound(random_form(n, d, 7))
    assert tb.tangent_at_most >= tb.length * tb.nvars
    assert lower_bound(random_form(n, d, 7)).method == "apolarity"


def test_modular_ranks_equal_the_ranks_over_q_here():
    """The mod-p rank of the degree-4 products of a general cubic in 6 variables, against the
    exact integer rank (the mod-p rank may only be smaller; here it is equal)."""
    data = random_form(6, 3, 0)
    quadrics = annihilator_basis(data, 2)
    assert len(quadrics) == 21 - 6
    columns = {e: k for k, e in enumerate(monomials(6, 4))}
    rows = [product_mod_p(f, g, 10**60) for i, f in enumerate(quadrics) for g in quadrics[i:]]
    exact = flint.fmpz_mat(len(rows), len(columns),
                           [row.get(e, 0) for row in rows for e in columns]).rank()
    modular = flint.nmod_mat(len(rows), len(columns),
                             [row.get(e, 0) % PRIME for row in rows for e in columns],
                             PRIME).rank()
    assert exact == modular == 120


def test_output_bias_gets_the_no_bias_bound_less_one():
    """min_c b(G_c) is 13 for a general cubic in 6 variables; a neuron at the origin turns an
    output-bias network into a no-bias one, so 15 - 1 = 14 holds with an output bias."""
    data = random_form(6, 3, 0)
    bound = lower_bound(data, "output-bias")
    assert (bound.value, bound.method) == (14, "apolarity + rigid lifts")
    assert bound.hypothesis.endswith("for k in {1, 2, 3}")
    # where the algebra is smoothable nothing changes
    assert lower_bound(random_form(5, 3, 0), "output-bias").method == "apolarity"


def test_not_homogeneous_is_left_alone():
    assert tangent_bound(as_polynomial("x1^3 + x2")) is None


def _span_basis(vectors: list[dict], keys: list) -> list[dict]:
    """A basis (reduced echelon rows) of the span of ``vectors`` (dicts over ``keys``)."""
    if not vectors:
        return []
    m = flint.fmpq_mat(len(vectors), len(keys), [v.get(k, 0) for v in vectors for k in keys])
    r, rank = m.rref()
    return [{k: r[i, j] for j, k in enumerate(keys) if r[i, j] != 0} for i in range(rank)]


def _coordinates(vector: dict, basis: list[dict], keys: list) -> list:
    """``vector`` in the reduced echelon ``basis``: its entries at the pivots."""
    pivots = [next(k for k in keys if k in b) for b in basis]
    return [vector.get(p, 0) for p in pivots]


def _derivative(form: dict, i: int) -> dict:
    out = {}
    for e, c in form.items():
        if e[i]:
            out[e[:i] + (e[i] - 1,) + e[i + 1:]] = c * e[i]
    return out


def _apply(theta: tuple, form: dict) -> dict:
    """The monomial operator ``X^theta`` applied to ``form`` (differentiation)."""
    for i, k in enumerate(theta):
        for _ in range(k):
            form = _derivative(form, i)
    return form


def direct_tangent_dimension(data: Polynomial) -> int:
    """``dim Hom_R(I, A)`` by its definition, degree by degree: maps ``phi_t : I_t -> A_(t+delta)``
    with ``phi_(t+1)(X_i f) = X_i phi_t(f)``; ``A_s`` is the span ``D_(d-s)`` of the
    derivatives of order ``s`` of ``P``, on which ``X_i`` acts as ``d/dx_i`` (no duality used)."""
    n, d = data.nvars, data.degree
    form = {e: flint.fmpq(c.numerator, c.denominator) for e, c in data.terms.items()}
    ideal, quotient = {}, {}
    for t in range(2 * d + 3):
        keys = monomials(n, t)
        if t <= d:
            images = [_apply(a, form) for a in keys]
            quotient[t] = _span_basis(images, monomials(n, d - t))
            # I_t: the kernel of alpha -> d^alpha P, as combinations of monomials
            cat = flint.fmpq_mat(len(keys), len(monomials(n, d - t)),
                                 [img.get(k, 0) for img in images for k in monomials(n, d - t)])
            rows = _left_kernel(cat)
            ideal[t] = _span_basis([{keys[i]: v for i, v in enumerate(r) if v} for r in rows],
                                   keys)
        else:
            quotient[t] = []
            ideal[t] = [{k: flint.fmpq(1)} for k in keys]
    t_min = min(t for t in ideal if ideal[t])
    total = 0
    # I is generated in degrees <= d + 1, so phi = 0 below delta = -d - 1
    for delta in range(-d - 1, d + 1):
        ts = [t for t in range(t_min, 2 * d + 2) if 0 <= t + delta <= d]
        if not ts:
            continue
        index = {}  # (t, r, c) -> unknown: phi_t(g_r) = sum_c u * quotient[t+delta][c]
        for t in ts:
            for r in range(len(ideal[t])):
                for c in range(len(quotient[t + delta])):
                    index[(t, r, c)] = len(index)
        equations = []
        for t in range(t_min, 2 * d + 2):
            target = d - t - delta - 1  # degree of the forms representing A_(t+delta+1)
            if target < 0 or t + delta + 1 < 0:
                continue
            keys_t1 = monomials(n, t + 1)
            for r, f in enumerate(ideal[t]):
                for i in range(n):
                    shifted = {}
                    for e, c in f.items():
                        e2 = e[:i] + (e[i] + 1,) + e[i + 1:]
                        shifted[e2] = shifted.get(e2, 0) + c
                    coords = _coordinates(shifted, ideal[t + 1], keys_t1)
                    rows: dict = {}  # monomial of degree `target` -> {unknown: coefficient}
                    if 0 <= t + 1 + delta <= d:
                        for r2, a in enumerate(coords):
                            if a == 0:
                                continue
                            for c, b in enumerate(quotient[t + 1 + delta]):
                                for mono, v in b.items():
                                    rows.setdefault(mono, {})
                                    key = index[(t + 1, r2, c)]
                                    rows[mono][key] = rows[mono].get(key, 0) + a * v
                    if 0 <= t + delta <= d:
                        for c, b in enumerate(quotient[t + delta]):
                            for mono, v in _derivative(b, i).items():
                                rows.setdefault(mono, {})
                                key = index[(t, r, c)]
                                rows[mono][key] = rows[mono].get(key, 0) - v
                    equations.extend(rows.values())
        rank = 0
        if equations and index:
            m = flint.fmpq_mat(len(equations), len(index),
                               [e.get(k, 0) for e in equations for k in range(len(index))])
            rank = m.rank()
        total += len(index) - rank
    return total


def _left_kernel(matrix: flint.fmpq_mat) -> list[list]:
    """Rows ``v`` with ``v matrix = 0`` (a basis), via the reduced echelon form of the
    transpose."""
    t = matrix.transpose()
    r, rank = t.rref()
    cols = t.ncols()
    pivots = []
    for i in range(rank):
        pivots.append(next(j for j in range(cols) if r[i, j] != 0))
    free = [j for j in range(cols) if j not in pivots]
    basis = []
    for f in free:
        v = [flint.fmpq(0)] * cols
        v[f] = flint.fmpq(1)
        for i, p in enumerate(pivots):
            v[p] = -r[i, f]
        basis.append(v)
    return basis


@pytest.mark.parametrize("text", ["x1*x2*x3", "x1^2*x2", "x1^2*x2 + x2^2*x3 + x3^2*x1",
                                  "x1^3 + x2^3 + x3^3", "x1^4 - 2*x1*x2^3 + 3*x2^4",
                                  "x1*x2*x3 + x1^3 - x2^2*x3 + 2*x3^3",
                                  "x1^3 + x2^3 + x3^3 + x4^3"])
def test_duality_formula_against_the_definition(text):
    """``dim I/I^2`` (Gorenstein duality, mod-p ranks) equals ``dim Hom_R(I, A)`` computed from
    its definition over Q; the last case is a singular point of the Hilbert scheme (45 > 40)."""
    data = as_polynomial(text)
    assert tangent_bound(data).tangent_at_most == direct_tangent_dimension(data)


def test_exp_has_no_vanishing_coefficient_and_gets_the_tangent_bound():
    assert lower_bound(random_form(6, 3, 0), activation="exp").value == 15
    assert lower_bound(random_form(6, 3, 0), "output-bias", activation="exp").value == 14
