"""Compile a polynomial on bit inputs: one Eq. 13 sigmoid neuron per monomial (Sec. II.3).

On {0, 1}^n, x_i^2 = x_i, so a polynomial equals its multilinear form H = h + Σ_K h_K Π_K x_i
(Eq. 12). Each non-constant monomial K becomes one neuron ``σ(-β(|K| - 1/2 - Σ_K x_i))`` with the
logistic sigmoid (Eq. 13), and a linear output layer adds h + Σ h_K σ_K.

Verification, on every bit string, with the network evaluated from its graph by the one
network evaluator (:func:`~symflat.nets.evaluate.propagate`):

* exact: the multilinear form equals the polynomial, and as β -> ∞ every neuron tends to the
  product of its bits (its pre-activation is β times a non-zero rational), so the network tends
  to H exactly;
* at a numeric β: the error ``|network - H|`` on every bit string, enclosed by rigorous intervals
  (:mod:`symflat.exact.interval`, outward rounding); the largest upper end is the largest error.

The β needed for D correct decimals uses the corrected threshold of the eq13-beta claim: a gate
errs by at most σ(-β/2), so the network errs by at most S σ(-β/2) with ``S = Σ |h_K|``, which is
below 10^-D exactly when β > 2 ln(S 10^D - 1) (for S = 1 the claim's 2 ln(10^D - 1)).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from symflat.exact.interval import abs_max, bounds, endpoints, interval, precision, rational
from symflat.exact.polynomial import Polynomial
from symflat.exact.symbols import BETA, X
from symflat.nets.activations import NAMED
from symflat.nets.evaluate import propagate
from symflat.nets.network import Network, exact
from symflat.paper.compile_input import MAX_TERMS, CompileError, as_polynomial, output_name

__all__ = ["MAX_BIT_VARIABLES", "MAX_BIT_WORK", "MAX_BETA", "multilinear", "bit_network",
           "beta_for_decimals", "verify_bits", "compile_bits"]

#: Most variables of a bit-input polynomial (every one of the 2^n bit strings is checked).
MAX_BIT_VARIABLES = 16
#: Largest 2^n × synapses: the work of evaluating the network on every bit string.
MAX_BIT_WORK = 2**20
#: Largest numeric β accepted (the working precision grows with β).
MAX_BETA = 10_000


def multilinear(poly: Polynomial) -> dict[tuple[int, ...], Fraction]:
    """The multilinear form of ``poly`` on bits: every exponent e >= 1 becomes 1 (x^2 = x).

    Examples
    --------
    >>> multilinear(as_polynomial("x^2*y - x*y + 3*y^5"))
    {(0, 1): Fraction(3, 1)}
    """
    out: dict[tuple[int, ...], Fraction] = {}
    for mono, c in poly.terms.items():
        key = tuple(min(e, 1) for e in mono)
        out[key] = out.get(key, Fraction(0)) + c
    return {k: v for k, v in sorted(out.items(), key=lambda t: (sum(t[0]), t[0])) if v}


def bit_network(variables: tuple[str, ...], form: dict[tuple[int, ...], Fraction],
                beta: Any = BETA) -> Network:
    """``h + Σ_K h_K σ(-β(|K| - 1/2 - Σ_K x_i))``: one sigmoid neuron per non-constant monomial.

    Examples
    --------
    >>> net = bit_network(("x", "y"), {(1, 1): Fraction(2), (0, 0): Fraction(1)})
    >>> net.neuron_count, net.graph.nodes["b:x.y"]["bias"], net.graph.nodes["y:out"]["bias"]
    (1, -3*beta/2, 1)
    """
    beta = exact(beta, "beta")
    net = Network("compiled_bits")
    for x in variables:
        net.add_input(x)
    out = output_name(variables)
    net.add_output(out, bias=sympy.Rational(form.get((0,) * len(variables), 0)))
    for mono, h in form.items():
        support = [x for x, e in zip(variables, mono) if e]
        if not support:
            continue
        neuron = "b:" + ".".join(support)
        net.add_neuron(neuron, activation="sigmoid",
                       bias=-beta * (len(support) - sympy.Rational(1, 2)))
        for x in support:
            net.add_edge(x, neuron, beta)
        net.add_edge(neuron, out, sympy.Rational(h))
    net.validate()
    return net


def beta_for_decimals(total: Fraction, decimals: int) -> sympy.Expr:
    """The exact β above which S σ(-β/2) < 10^-D, ``S = Σ |h_K|`` (the corrected Eq. 13 bound).

    Examples
    --------
    >>> beta_for_decimals(Fraction(1), 10)
    2*log(9999999999)
    """
    return 2 * sympy.log(sympy.Rational(total) * sympy.Integer(10) ** decimals - 1)


@dataclass(frozen=True, slots=True)
class _Affine:
    """``slope·β + intercept (+ rest)``: a weight, bias, pre-activation or output of a bit
    network, as the values :func:`~symflat.nets.evaluate.propagate` adds and multiplies.

    ``slope`` and ``intercept`` are exact rationals, and stay exact times a bit. ``rest`` is the
    interval sum of the neurons' values at a number β: it is kept apart so that the exact part
    is enclosed (:func:`~symflat.exact.interval.rational`, which needs it free of β) only once,
    when :meth:`value` turns the output into a number.
    """

    slope: Fraction
    intercept: Fraction
    rest: Any = None

    @classmethod
    def of(cls, value: sympy.Expr) -> _Affine:
        poly = sympy.Poly(value, BETA)
        if poly.degree() > 1 or not (poly.domain.is_QQ or poly.domain.is_ZZ):
            raise CompileError(f"{value} is not a rational affine function of beta")
        a, b = (poly.all_coeffs() if poly.degree() == 1 else [0, poly.as_expr()])
        return cls(Fraction(str(sympy.Rational(a))), Fraction(str(sympy.Rational(b))))

    def constant(self) -> Fraction:
        if self.slope:
            raise RuntimeError(f"{self.slope}*beta + {self.intercept} depends on beta")
        return self.intercept

    def value(self, number: Any) -> Any:
        """The exact part turned into a number by ``number``, plus the rest."""
        exact = number(self.constant())
        return exact if self.rest is None else exact + self.rest

    def __add__(self, other: Any) -> _Affine:
        if other is _ZERO:
            return self
        if isinstance(other, _Affine):  # a weight times the bit 1
            return _Affine(self.slope + other.slope, self.intercept + other.intercept, self.rest)
        # an interval: a neuron's value at a number β times its read-out weight
        rest = other if self.rest is None else self.rest + other
        return _Affine(self.slope, self.intercept, rest)

    def __mul__(self, other: Any) -> Any:
        # ``self`` is a weight (propagate multiplies weight * value), so it has no rest.
        if isinstance(other, int):  # a bit, or a neuron's limit: 0 or 1, so no arithmetic in
            if other in (0, 1):     # the loop over the 2^n bit strings
                return self if other else _ZERO
            return _Affine(self.slope * other, self.intercept * other)
        return rational(self.constant()) * other  # an interval: read-outs have no β


#: 0·β + 0: a weight times the bit 0, which adds nothing.
_ZERO = _Affine(Fraction(0), Fraction(0))


def _affine_constants(net: Network) -> dict[sympy.Expr, _Affine]:
    """Every weight and bias of ``net`` as an :class:`_Affine`, once; a read-out's (a linear
    or output node's) must not depend on β."""
    graph = net.graph
    values = {w: _Affine.of(w) for _, _, w in graph.edges(data="weight")}
    values |= {b: _Affine.of(b) for _, b in graph.nodes(data="bias") if b is not None}
    for node, kind in graph.nodes(data="kind"):
        if kind in ("linear", "output") and (
                values[graph.nodes[node]["bias"]].slope
                or any(values[w].slope for _, _, w in graph.in_edges(node, data="weight"))):
            raise RuntimeError(f"the read-out {node} depends on beta")
    return values


def _forward(net: Network, bits: dict[str, int], constants: dict[sympy.Expr, _Affine],
             neuron: Any, number: Any) -> Any:
    """The output on ``bits``, by the one network evaluator
    (:func:`~symflat.nets.evaluate.propagate`) with the exact ``constants``:
    ``neuron(a, b)`` maps a pre-activation a β + b to a value, ``number(q)`` turns a rational
    output into the arithmetic of the values."""
    def activate(node: str, name: str, pre: _Affine) -> Any:
        if pre.rest is not None:
            raise RuntimeError(f"neuron {node} is fed by a neuron: a bit network has one layer")
        return neuron(pre.slope, pre.intercept)

    return propagate(net, bits, constants.__getitem__, activate)[net.outputs[0]].value(number)


def _limit(a: Fraction, b: Fraction) -> int:
    # lim_{β→∞} σ(aβ + b): 1 or 0 by the sign of a; a = 0 would leave σ(b), not a bit.
    if a == 0:
        raise RuntimeError("a neuron's pre-activation does not grow with beta")
    return 1 if a > 0 else 0


def verify_bits(poly: Polynomial, limit_net: Network, numeric_net: Network | None = None,
                beta: Any = BETA, decimals: int = 10) -> dict[str, Any]:
    """Check the bit networks of ``poly`` on every bit string; the evidence, or raise.

    ``limit_net`` has the symbol ``beta``: as β -> ∞ it must give P exactly. ``numeric_net``,
    the same network at the number ``beta``, has its error enclosed by rigorous intervals.

    Examples
    --------
    >>> p = as_polynomial("x*y")
    >>> form = multilinear(p)
    >>> e = verify_bits(p, bit_network(("x", "y"), form), bit_network(("x", "y"), form, 40), 40)
    >>> e["limit_exact"], e["correct_decimals"], e["beta_for_decimals"]["approx"]
    (True, 8, '46.0517')
    """
    variables = poly.variables
    form = multilinear(poly)
    limit_constants = _affine_constants(limit_net)
    numeric_constants = None if numeric_net is None else _affine_constants(numeric_net)
    errors = []
    # σ(-β/2) ~ e^(-β/2) must stand out of the rounding: about β/(2 ln 2) more bits.
    prec = 113 + (math.ceil(beta) if numeric_net is not None else 0)
    sigmoid = _sigmoid_at(beta, prec) if numeric_net is not None else None
    with precision(prec):
        for values in itertools.product((0, 1), repeat=len(variables)):
            bits = dict(zip(variables, values))
            target = poly(*values)
            if target != sum((h for m, h in form.items() if all(v for v, e in zip(values, m)
                                                                 if e)), Fraction(0)):
                raise RuntimeError(f"the multilinear form differs from P at {values}")
            limit = _forward(limit_net, bits, limit_constants, _limit, lambda q: q)
            if limit != target:
                raise RuntimeError(f"as beta -> oo the network gives {limit} at {values}, "
                                   f"not {target}")
            if numeric_constants is not None:
                out = _forward(numeric_net, bits, numeric_constants, sigmoid, rational)
                errors.append(out - rational(target))
        worst = abs_max(errors)
    total = sum((abs(h) for m, h in form.items() if any(m)), Fraction(0))
    needed = beta_for_decimals(total, decimals)
    lo, hi = bounds(needed)
    evidence: dict[str, Any] = {
        "method": "the network evaluated from its graph on every bit string: exact limit "
                  "beta -> oo, rigorous interval bounds at a numeric beta",
        "multilinear": str(sympy.Add(*(sympy.Rational(h) * sympy.Mul(
            *(sympy.Symbol(x) for x, e in zip(variables, m) if e)) for m, h in form.items()))),
        "bit_strings": 2 ** len(variables),
        "limit_exact": True,
        "beta": str(beta),
        "max_error": None,
        "correct_decimals": None,
        "beta_for_decimals": {
            "decimals": decimals,
            "beta": str(needed),
            "approx": f"{float((lo + hi) / 2):.4f}",
            "rule": f"error <= S sigma(-beta/2) with S = sum |h_K| = {total}; below 10^-D "
                    "iff beta > 2 ln(S 10^D - 1)",
        },
    }
    if numeric_net is not None:
        upper = endpoints(worst)[1]
        evidence["max_error"] = {"upper": _round_up(upper), "upper_exact": str(upper)}
        evidence["correct_decimals"] = (None if upper == 0 else
                                        max(0, math.floor(-math.log10(float(upper)))))
    return evidence


def _sigmoid_at(beta: Any, prec: int) -> Any:
    """σ(aβ + b) as an interval at ``prec`` bits, at the number ``beta``, cached by the exact
    argument."""
    B = Fraction(str(sympy.Rational(beta)))
    cache: dict[Fraction, Any] = {}

    def sigmoid(a: Fraction, b: Fraction) -> Any:
        z = a * B + b
        if z not in cache:
            cache[z] = interval(NAMED["sigmoid"], {X: rational(z)}, prec=prec)
        return cache[z]

    return sigmoid


def _round_up(q: sympy.Rational) -> str:
    """``q`` > 0 in 7 significant digits, rounded up so that it stays an upper bound.

    Examples
    --------
    >>> _round_up(sympy.Rational(1, 3)), _round_up(sympy.Integer(2))
    ('3.333334e-1', '2.000000e0')
    """
    if q == 0:
        return "0"
    q = Fraction(int(q.p), int(q.q))
    e = len(str(q.numerator)) - len(str(q.denominator))  # within one of floor(log10 q)
    while Fraction(10) ** e > q:
        e -= 1
    while Fraction(10) ** (e + 1) <= q:
        e += 1
    digits = math.ceil(q / Fraction(10) ** (e - 6))
    if digits == 10**7:
        digits, e = 10**6, e + 1
    return f"{digits // 10**6}.{digits % 10**6:06d}e{e}"


def compile_bits(poly: str | sympy.Poly | Polynomial, beta: Any = None,
                 decimals: int = 10) -> tuple[Network, dict[str, Any], int]:
    """The bit network of ``poly``, its evidence and its multiplications, once verified.

    Examples
    --------
    >>> net, evidence, multiplications = compile_bits("x1*x2*x3 + x1^2", beta=30)
    >>> net.neuron_count, multiplications, evidence["max_error"]["upper"]
    (2, 2, '6.118045e-7')
    """
    poly = as_polynomial(poly)
    n = poly.nvars
    if n > MAX_BIT_VARIABLES:
        raise CompileError(f"{n} variables; bit inputs are checked on all 2^n strings and the "
                           f"limit is {MAX_BIT_VARIABLES}")
    if len(poly.terms) > MAX_TERMS:
        raise CompileError(f"{len(poly.terms)} terms; the limit is {MAX_TERMS}")
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 1 <= decimals <= 1000:
        raise CompileError(f"decimals must be an integer from 1 to 1000, not {decimals!r}")
    if beta is not None:
        beta = exact(beta, "beta")
        if beta.free_symbols or not beta.is_Rational or not 0 < beta <= MAX_BETA:
            raise CompileError(f"beta must be a rational number in (0, {MAX_BETA}], not {beta}")
    form = multilinear(poly)
    if all(not any(m) for m in form):
        raise CompileError(f"on bits, {poly.to_text()} is the constant "
                           f"{form.get((0,) * n, 0)}: no network is needed")
    variables = poly.variables
    limit_net = bit_network(variables, form)
    if 2**n * limit_net.synapse_count > MAX_BIT_WORK:
        raise CompileError(f"2^{n} bit strings × {limit_net.synapse_count} synapses exceeds the "
                           f"limit {MAX_BIT_WORK}")
    net = limit_net if beta is None else bit_network(variables, form, beta)
    evidence = verify_bits(poly, limit_net, None if beta is None else net,
                           BETA if beta is None else beta, decimals)
    products = sum(sum(m) - 1 for m in form if sum(m) > 1)
    evidence["multiplications_rule"] = "a neuron on k bits does k - 1 multiplications at once"
    return net, evidence, products
