r"""Exact two-hidden-layer networks for a polynomial, and their exact re-check.

A :class:`DeepConstruction` is ``y = c + sum_k v_k sigma(u_k)``, ``u_k = sum_j B_kj
sigma(a_j . x)``, with exact entries that may be rational functions of the generic
coefficients ``sigma_i`` (at 0) and of ``tau{k}_{i}``, the Taylor coefficients
``sigma^(i)(c_k)/i!`` of sigma at the point ``c_k = sigma_0 sum_j B_kj`` where the second-layer
neuron ``k`` works. A neuron with ``sum_j B_kj = 0`` works at 0 and its ``tau`` are the
``sigma_i``; every other neuron needs ``v_k`` (or the output bias) in terms of its ``tau``.

**The re-check** (:func:`verify_deep`) never trusts the construction: the first layer and the
sums ``u_k`` are expanded exactly by :func:`symflat.nets.expansion.expand` (generic sigma, every
first-layer neuron at 0); ``c_k`` is read from that expansion, and
``y = c + sum_k v_k sum_{i<=d} T_ki (u_k - c_k)^i`` is formed in the field of rational
functions of the symbols, with ``T_ki = sigma_i`` when ``c_k = 0`` and the free symbols
``tau{k}_{i}`` otherwise; every coefficient through degree ``d`` must equal ``P``'s. An identity
with free ``tau`` holds for *every* sigma whose needed denominators do not vanish
(:attr:`DeepConstruction.requires`). When every ``c_k`` is 0 the whole network is also expanded
by ``expand`` (a second, independent path).

Constructions (each proved by the re-check, and the reason it works given here):

* :func:`lift_centred`: a one-layer no-bias network ``g ~ P`` has ``sum_j w_j = 0`` (its
  degree-0 condition), so ``u = g`` works at 0 and ``sigma(g) = sigma_0 + sigma_1 g + O(g^2)``;
  ``g^2`` starts at degree ``2 l > d`` (``l`` the lowest degree of ``P``). Output bias:
  ``(sigma(g) - sigma_0)/sigma_1``; no bias: ``(sigma(2g) - sigma(g))/sigma_1``.
* :func:`lift_offcentre`: a one-layer output-bias network ``c' + sum_j w_j sigma(a_j.x)``; the
  second layer reads ``u = sum_j w_j sigma(a_j.x)`` at ``c = sigma_0 sum_j w_j`` and
  ``v = 1/sigma'(c)``. Without output bias two neurons ``sigma(u)`` and ``sigma(-u)`` cancel
  the constant (needs ``sigma(c) sigma'(-c) + sigma(-c) sigma'(c) != 0``, true when
  ``sigma sigma' > 0``).
* :func:`gate_product`: ``P = Q1 Q2`` (a monomial split in two), the first layer computes
  ``p ~ Q1`` and ``q ~ Q2`` with one-layer no-bias networks, and the second layer is the
  paper's multiplication gate ``sigma(p+q) + sigma(-p-q) - sigma(p-q) - sigma(q-p) =
  8 sigma_2 p q + O(deg > d)``; for ``Q1 = Q2`` the squaring gate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import sympy

from symflat.exact.polynomial import Polynomial
from symflat.nets.activations import sigma_symbol
from symflat.nets.network import Network
from symflat.width.model import WidthModel
from symflat.width.polynomials import WidthError

__all__ = ["DeepConstruction", "factor_splits", "gate_product", "lift_centred",
           "lift_offcentre", "monomial_exponent", "monomial_factor", "tau_symbol", "verify_deep"]


def tau_symbol(k: int, i: int) -> sympy.Symbol:
    """``tau{k}_{i}``: sigma's ``i``-th Taylor coefficient at second-layer neuron ``k``'s point."""
    return sympy.Symbol(f"tau{k}_{i}")


def _text(value: sympy.Expr) -> str:
    return str(sympy.sympify(value))


@dataclass(frozen=True)
class DeepConstruction:
    """A two-hidden-layer network with exact entries (see the module docstring).

    ``points[j]`` is ``a_j``, ``inner[k][j]`` is ``B_kj``, ``outer[k]`` is ``v_k``; ``requires``
    lists what sigma must satisfy (besides the denominators' ``sigma_i != 0``).
    """

    points: tuple[tuple[sympy.Expr, ...], ...]
    inner: tuple[tuple[sympy.Expr, ...], ...]
    outer: tuple[sympy.Expr, ...]
    output_bias: sympy.Expr
    model: WidthModel
    method: str
    requires: tuple[str, ...] = field(default=())

    @property
    def split(self) -> tuple[int, int]:
        return (len(self.points), len(self.outer))

    @property
    def width(self) -> int:
        """Hidden neurons in both layers."""
        return len(self.points) + len(self.outer)

    def __repr__(self) -> str:
        return (f"DeepConstruction({self.method!r}, split={self.split}, "
                f"model={self.model.name!r})")

    def _inputs_and_first_layer(self, name: str) -> Network:
        net = Network(name)
        xs = [f"x{i}" for i in range(1, len(self.points[0]) + 1)]
        for x in xs:
            net.add_input(x)
        for j, a in enumerate(self.points, start=1):
            net.add_neuron(f"g{j}")
            for x, aij in zip(xs, a):
                if aij != 0 or not any(a):  # a neuron at a = 0 keeps an edge: sigma(0 x1)
                    net.add_edge(x, f"g{j}", aij)
        return net

    def first_layer(self) -> Network:
        """The first layer with outputs ``u1..um2`` (``u_k = sum_j B_kj sigma(a_j . x)``)."""
        net = self._inputs_and_first_layer("depth2-first-layer")
        for k, row in enumerate(self.inner, start=1):
            net.add_output(f"u{k}")
            for j, b in enumerate(row, start=1):
                if b != 0 or (j == 1 and not any(row)):
                    net.add_edge(f"g{j}", f"u{k}", b)
        return net

    def network(self, name: str = "depth2") -> Network:
        """The whole network (its second-layer weights may hold ``tau{k}_{i}`` symbols)."""
        net = self._inputs_and_first_layer(name)
        net.add_output("y", bias=self.output_bias)
        for k, (row, v) in enumerate(zip(self.inner, self.outer), start=1):
            net.add_neuron(f"h{k}")
            for j, b in enumerate(row, start=1):
                if b != 0 or (j == 1 and not any(row)):  # B_k = 0 keeps an edge: a constant
                    net.add_edge(f"g{j}", f"h{k}", b)
            net.add_edge(f"h{k}", "y", v)
        return net

    def to_dict(self) -> dict[str, object]:
        return {"method": self.method, "split": list(self.split), "width": self.width,
                "points": [[_text(v) for v in a] for a in self.points],
                "inner_weights": [[_text(v) for v in row] for row in self.inner],
                "outer_weights": [_text(v) for v in self.outer],
                "output_bias": _text(self.output_bias), "requires": list(self.requires),
                "second_layer_points": [_text(sympy.cancel(sigma_symbol(0) * sum(row)))
                                        for row in self.inner]}


# ----------------------------------------------------------------------------- the re-check


def verify_deep(data: Polynomial, construction: DeepConstruction) -> bool:
    """Whether the construction Taylor-approximates ``P`` through its degree, for every sigma
    (see the module docstring).

    Examples
    --------
    >>> from symflat.width.polynomials import as_polynomial
    >>> from symflat.width.result import minimal_width
    >>> P = as_polynomial("x1*x2")
    >>> shallow = minimal_width(P, "output-bias").construction
    >>> c = lift_offcentre(P, shallow, WidthModel.parse("output-bias", depth=2))
    >>> c.split, verify_deep(P, c)
    ((3, 1), True)
    >>> verify_deep(as_polynomial("2*x1*x2"), c)
    False
    """
    from symflat.nets.expansion import expand

    d = data.degree
    if not construction.points or len(construction.points[0]) != data.nvars:
        return False
    if construction.model.output_bias is False and construction.output_bias != 0:
        return False
    first = expand(construction.first_layer(), d)
    zero = (0,) * data.nvars
    layers = []
    for k in range(1, len(construction.outer) + 1):
        terms = first.terms(f"u{k}")
        c = sympy.cancel(terms.get(zero, 0))
        coefficients = ([sigma_symbol(i) for i in range(d + 1)] if c == 0
                        else [tau_symbol(k, i) for i in range(d + 1)])
        layers.append(({e: v for e, v in terms.items() if e != zero}, coefficients))
    values = [construction.output_bias, *construction.outer]
    values += [v for terms, _ in layers for v in terms.values()]
    values += [t for _, coeffs in layers for t in coeffs]
    symbols = sorted(set().union(*(sympy.sympify(v).free_symbols for v in values)), key=str)
    domain = sympy.QQ.frac_field(*symbols) if symbols else sympy.QQ
    ring, *_ = sympy.ring([f"x{i}" for i in range(1, data.nvars + 1)], domain)

    def element(terms: dict) -> object:
        return ring({e: domain.from_sympy(sympy.sympify(v)) for e, v in terms.items()})

    def truncate(p: object) -> object:
        return ring({e: v for e, v in p.items() if sum(e) <= d})

    y = element({zero: construction.output_bias})
    for (terms, coefficients), v in zip(layers, construction.outer):
        u, power = element(terms), ring.one
        total = element({zero: coefficients[0]})
        for i in range(1, d + 1):
            power = truncate(power * u)
            total += element({zero: coefficients[i]}) * power
        y += element({zero: v}) * total
    want = element({e: sympy.Rational(c.numerator, c.denominator)
                    for e, c in data.terms.items()})
    if truncate(y - want) != ring.zero:
        return False
    if all(coeffs[1] == sigma_symbol(1) for _, coeffs in layers):
        # every neuron works at 0: expand the whole network too (an independent path)
        whole = expand(construction.network(), d).terms("y")
        return truncate(element(whole) - want) == ring.zero
    return True


# ----------------------------------------------------------------------------- constructions


def _constant(data: Polynomial) -> sympy.Rational:
    """``P``'s constant term."""
    value = data.terms.get((0,) * data.nvars, 0)
    return sympy.Rational(value.numerator, value.denominator) if value else sympy.Integer(0)


def _lowest(data: Polynomial) -> int:
    return min(sum(e) for e in data.terms if sum(e) > 0)


def _liftable(data: Polynomial) -> None:
    if 2 * _lowest(data) <= data.degree:
        raise WidthError("a one-layer network lifts through sigma only when 2 l > d "
                         "(l the lowest positive degree of P)")


def lift_centred(data: Polynomial, shallow: object, model: WidthModel) -> DeepConstruction:
    """The one-layer **no-bias** network ``shallow`` read by one (output bias) or two (no
    bias) second-layer neurons at 0."""
    _liftable(data)
    s0, s1 = sigma_symbol(0), sigma_symbol(1)
    points = shallow.sympy_points()
    w = tuple(sympy.sympify(v) for v in shallow.weights())
    if sympy.cancel(sum(w)) != 0:
        raise WidthError("a centred lift needs a one-layer network with sum_j w_j = 0")
    p0 = _constant(data)
    if model.output_bias:
        return DeepConstruction(points, (w,), (1 / s1,), p0 - s0 / s1, model, "lift (centred)")
    if p0 != 0:
        raise WidthError("without output bias P must have no constant term")
    return DeepConstruction(points, (w, tuple(2 * v for v in w)), (-1 / s1, 1 / s1),
                            sympy.Integer(0), model, "lift (centred)")


def lift_offcentre(data: Polynomial, shallow: object, model: WidthModel) -> DeepConstruction:
    """The one-layer **output-bias** network ``shallow`` read by one second-layer neuron at
    ``c = sigma_0 sum_j w_j`` (output bias), or by ``sigma(u)`` and ``sigma(-u)`` (no bias)."""
    _liftable(data)
    points = shallow.sympy_points()
    w = tuple(sympy.sympify(v) for v in shallow.weights())
    p0 = _constant(data)
    if model.output_bias:
        t0, t1 = tau_symbol(1, 0), tau_symbol(1, 1)
        return DeepConstruction(points, (w,), (1 / t1,), p0 - t0 / t1, model,
                                "lift (off-centre)", ("sigma'(c_1) != 0",))
    t10, t11, t20, t21 = tau_symbol(1, 0), tau_symbol(1, 1), tau_symbol(2, 0), tau_symbol(2, 1)
    det = t11 * t20 + t21 * t10
    return DeepConstruction(points, (w, tuple(-v for v in w)),
                            ((p0 * t21 + t20) / det, (t11 * p0 - t10) / det), sympy.Integer(0),
                            model, "lift (off-centre)",
                            ("sigma(c_1) sigma'(-c_1) + sigma(-c_1) sigma'(c_1) != 0 "
                             "(true when sigma sigma' > 0)",))


def monomial_exponent(data: Polynomial) -> tuple[int, ...] | None:
    """``r`` when ``P = x^r`` (coefficient 1), else ``None``."""
    if len(data.terms) != 1:
        return None
    (e, c), = data.terms.items()
    return e if c == 1 else None


def factor_splits(data: Polynomial, limit: int = 8) -> list[tuple[tuple[int, ...],
                                                                  tuple[int, ...]]]:
    """Ways to write the monomial ``P = x^r`` as ``x^r1 x^r2`` (both non-constant), the most
    balanced first, at most ``limit``; one per shape (the exponents of each factor, sorted):
    a gate's size depends on nothing else."""
    r = monomial_exponent(data)
    if r is None or sum(r) < 2:
        return []
    factors = [i for i, k in enumerate(r) for _ in range(k)]
    seen, splits = set(), []
    for size in range(sum(r) // 2, 0, -1):
        for chosen in combinations(range(len(factors)), size):
            r1 = tuple(sum(1 for c in chosen if factors[c] == i) for i in range(len(r)))
            r2 = tuple(a - b for a, b in zip(r, r1))
            key = tuple(sorted((tuple(sorted(r1)), tuple(sorted(r2)))))
            if key not in seen:
                seen.add(key)
                splits.append((r1, r2))
            if len(splits) >= limit:
                return splits
    return splits


def gate_product(data: Polynomial, first: object, second: object | None,
                 model: WidthModel) -> DeepConstruction:
    """``P = Q1 Q2`` from one-layer no-bias networks ``first ~ Q1`` and ``second ~ Q2`` and
    the multiplication gate (``second`` None: ``Q1 = Q2`` and the squaring gate)."""
    s0, s2 = sigma_symbol(0), sigma_symbol(2)
    a1, w1 = first.sympy_points(), tuple(sympy.sympify(v) for v in first.weights())
    if sympy.cancel(sum(w1)) != 0:
        raise WidthError("the gate needs centred inputs (sum_j w_j = 0)")
    if second is None:
        if model.output_bias:  # (sigma(p) + sigma(-p))/(2 sigma_2) - sigma_0/sigma_2
            return DeepConstruction(a1, (w1, tuple(-v for v in w1)), (1 / (2 * s2),) * 2,
                                    -s0 / s2, model, "squaring gate")
        # a (sigma(p) + sigma(-p)) - a (sigma(2p) + sigma(-2p)) = -6 a sigma_2 p^2 + O(p^4)
        a = -1 / (6 * s2)
        rows = (w1, tuple(-v for v in w1), tuple(2 * v for v in w1), tuple(-2 * v for v in w1))
        return DeepConstruction(a1, rows, (a, a, -a, -a), sympy.Integer(0), model,
                                "squaring gate")
    a2, w2 = second.sympy_points(), tuple(sympy.sympify(v) for v in second.weights())
    if sympy.cancel(sum(w2)) != 0:
        raise WidthError("the gate needs centred inputs (sum_j w_j = 0)")
    rows = tuple(tuple(s * v for v in w1) + tuple(t * v for v in w2)
                 for s, t in ((1, 1), (-1, -1), (1, -1), (-1, 1)))
    g = 1 / (8 * s2)
    return DeepConstruction(a1 + a2, rows, (g, g, -g, -g), sympy.Integer(0), model,
                            "multiplication gate")


def monomial_factor(r: tuple[int, ...], variables: tuple[str, ...]) -> Polynomial:
    """The monomial ``x^r`` in ``variables``."""
    return Polynomial(variables, {r: 1})
