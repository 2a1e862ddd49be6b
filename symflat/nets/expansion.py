"""Exact Taylor expansion of a network.

The output of a network is propagated through the graph in topological order as a *truncated*
multivariate polynomial in the inputs: every product drops the terms of total degree above
``degree``. A neuron whose pre-activation is ``u = p + v(x)`` (``p`` its value at ``x = 0``)
contributes ``Σ_k c_k(p) v^k`` with ``c_k(p)`` the activation's Taylor coefficients at ``p``;
since ``v`` has no constant term, powers beyond ``degree`` cannot contribute.

Inside, polynomials are python-flint ``fmpq_mpoly`` over generators that are the inputs and the
parameters (symbols in the weights, the generic activation's ``sigma_k``, their inverses for
negative powers, and opaque generators for exact non-rational numbers such as ``log(2)``). A
substitution maps each generator back to its value: it is a ring homomorphism, so the result
is exact. sympy expressions appear only at the edges.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import flint
import networkx as nx
import sympy

from symflat.errors import ExpansionError, NetworkError
from symflat.nets.activations import Activation, get_activation, is_sigma_symbol, sigma_symbol
from symflat.nets.network import Network

__all__ = ["Expansion", "expand", "polynomial_terms"]

Monomial = tuple[int, ...]


@dataclass(frozen=True)
class Expansion:
    """The Taylor polynomials of a network's outputs through total degree ``degree``.

    Attributes
    ----------
    network : str
        The network's name.
    degree : int
        Terms of total degree above this are dropped.
    activation : str
        The activation that replaced ``sigma``.
    variables : tuple of sympy.Symbol
        The inputs, in the network's order; exponent tuples follow it.
    outputs : mapping of str to sympy.Expr
        Each output's exact polynomial.
    """

    network: str
    degree: int
    activation: str
    variables: tuple[sympy.Symbol, ...]
    outputs: Mapping[str, sympy.Expr]
    _terms: Mapping[str, Mapping[Monomial, sympy.Expr]] = field(repr=False, compare=False)

    def terms(self, output: str | None = None) -> dict[Monomial, sympy.Expr]:
        """Non-zero coefficients of one output (the only one when ``None``) by exponent tuple."""
        if output is None:
            if len(self._terms) != 1:
                raise ExpansionError(f"the network has outputs {', '.join(self._terms)}: name one")
            output = next(iter(self._terms))
        if output not in self._terms:
            raise ExpansionError(f"no output named {output!r}")
        return dict(self._terms[output])

    def __getitem__(self, output: str) -> sympy.Expr:
        return self.outputs[output]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready description with every coefficient an exact expression string."""
        names = [str(v) for v in self.variables]
        return {
            "network": self.network,
            "degree": self.degree,
            "activation": self.activation,
            "outputs": [
                {
                    "name": name,
                    "terms": [
                        {"exponents": {x: e for x, e in zip(names, mono) if e},
                         "coefficient": str(coeff)}
                        for mono, coeff in sorted(terms.items(), key=_term_order)
                    ],
                }
                for name, terms in self._terms.items()
            ],
        }


def _term_order(item: tuple[Monomial, Any]) -> tuple[int, tuple[int, ...]]:
    mono = item[0]
    return sum(mono), tuple(-e for e in mono)


def polynomial_terms(expr: sympy.Expr, variables: tuple[sympy.Symbol, ...],
                     degree: int | None = None) -> dict[Monomial, sympy.Expr]:
    """Coefficients of ``expr`` as a polynomial in ``variables`` (others are coefficients).

    Terms above ``degree`` are dropped; coefficients are put in canonical form.

    Examples
    --------
    >>> x, y, a = sympy.symbols("x y a")
    >>> polynomial_terms((x + a*y)**2, (x, y), degree=2)
    {(2, 0): 1, (1, 1): 2*a, (0, 2): a**2}
    """
    poly = sympy.Poly(sympy.expand(expr), *variables)
    out: dict[Monomial, sympy.Expr] = {}
    for mono, coeff in poly.terms():
        if degree is not None and sum(mono) > degree:
            continue
        coeff = sympy.cancel(coeff)
        if coeff != 0:
            out[mono] = coeff
    return dict(sorted(out.items(), key=_term_order))


def expand(network: Network, degree: int, activation: str | Activation = "generic") -> Expansion:
    """The exact Taylor polynomial of every output of ``network`` through total ``degree``.

    Parameters
    ----------
    network : Network
        Neurons whose activation is ``"sigma"`` use ``activation``; others keep their own.
    degree : int
        Total degree kept (terms above it are dropped).
    activation : str or Activation
        ``"generic"`` (free coefficients ``sigma0, sigma1, ...`` in the convention
        σ(u) = Σ σ_k u^k, at the point where the neurons operate), a named activation or an
        expression in ``x``. With an exact activation, symbols ``sigma_k`` in the weights are
        read as that activation's coefficients at the neurons' common operating point.

    Returns
    -------
    Expansion

    Examples
    --------
    >>> from symflat.paper.networks import multiplication_gate
    >>> e = expand(multiplication_gate(), 2)
    >>> e["y"]
    x1*x2
    >>> expand(multiplication_gate(lam=1), 4, "softplus")["y"]
    -x1**3*x2/12 - x1*x2**3/12 + x1*x2
    """
    if isinstance(degree, bool) or not isinstance(degree, int) or degree < 0:
        raise ExpansionError(f"degree must be a non-negative integer, not {degree!r}")
    if not isinstance(network, Network):
        raise ExpansionError(f"expand needs a Network, not {type(network).__name__}")
    act = activation if isinstance(activation, Activation) else get_activation(activation)
    network.validate()
    return _Expander(network, degree, act).run()


class _Generators:
    """The parameter generators of one expansion and the map back to sympy values."""

    def __init__(self, variables: tuple[sympy.Symbol, ...]) -> None:
        self.names: list[str] = [str(v) for v in variables]
        self.values: list[sympy.Expr] = list(variables)
        self._index: dict[Any, int] = {}
        self._inputs = set(variables)
        self._decomposed: dict[sympy.Expr, dict[Monomial, sympy.Rational]] = {}

    def index(self, key: Any, value: sympy.Expr) -> int:
        if key not in self._index:
            self._index[key] = len(self.values)
            self.names.append(f"g{len(self.values)}")
            self.values.append(value)
        return self._index[key]

    def decompose(self, value: sympy.Expr) -> dict[Monomial, sympy.Rational]:
        """``value`` as {exponent vector over generators: rational}, exact."""
        if value.is_Rational:
            return {(): value} if value != 0 else {}
        if value not in self._decomposed:
            self._decomposed[value] = self._decompose(value)
        return self._decomposed[value]

    def _decompose(self, value: sympy.Expr) -> dict[Monomial, sympy.Rational]:
        if value.free_symbols & self._inputs:
            raise NetworkError(f"weight or bias {value} uses an input name as a parameter")
        laurent = self._laurent(value)
        if laurent is not None:
            return laurent
        # Not a Laurent polynomial over Q (e.g. log(2), 1/(1+exp(1))): one opaque generator.
        return {((self.index(("opaque", value), value), 1),): sympy.Integer(1)}

    def _laurent(self, value: sympy.Expr) -> dict[Monomial, sympy.Rational] | None:
        symbols = sorted(value.free_symbols, key=str)
        if not symbols:
            return None
        numer, denom = sympy.fraction(sympy.together(value))
        try:
            pn = sympy.Poly(numer, *symbols)
            pd = sympy.Poly(denom, *symbols)
        except sympy.PolynomialError:
            return None
        if not (pn.domain.is_QQ or pn.domain.is_ZZ) or not (pd.domain.is_QQ or pd.domain.is_ZZ):
            return None
        if len(pd.terms()) != 1:
            return None
        (dmono, dcoeff), = pd.terms()
        out: dict[Monomial, sympy.Rational] = {}
        for nmono, ncoeff in pn.terms():
            key = []
            for sym, e in zip(symbols, (a - b for a, b in zip(nmono, dmono))):
                if e > 0:
                    key.append((self.index(("sym", sym), sym), e))
                elif e < 0:
                    key.append((self.index(("inv", sym), 1 / sym), -e))
            out[tuple(key)] = sympy.Rational(ncoeff) / sympy.Rational(dcoeff)
        return out


class _Expander:
    def __init__(self, network: Network, degree: int, activation: Activation) -> None:
        self.net = network
        self.degree = degree
        self.activation = activation
        self.variables = tuple(sympy.Symbol(x) for x in network.inputs)
        self.order = list(nx.topological_sort(network.graph))

    # -- pass 1: values at x = 0, operating points, coefficients ----------------------------
    def _constants(self, substitution: Mapping[sympy.Symbol, sympy.Expr],
                   generic_sigma: bool) -> dict[str, Any]:
        """Per node: the pre-activation point (neurons) and the value at x = 0.

        With ``generic_sigma``, sigma neurons take the generic value sigma0 whatever the
        activation: that pass finds the operating point the symbols sigma_k refer to.
        """
        graph = self.net.graph
        value: dict[str, sympy.Expr] = {}
        point: dict[str, sympy.Expr] = {}
        for node in self.order:
            data = graph.nodes[node]
            if data["kind"] == "input":
                value[node] = sympy.Integer(0)
                continue
            pre = data["bias"].xreplace(substitution) + sum(
                w.xreplace(substitution) * value[p]
                for p, _, w in graph.in_edges(node, data="weight"))
            pre = sympy.cancel(pre)
            if data["kind"] != "neuron":
                value[node] = pre
                continue
            point[node] = pre
            act = self._activation_of(node)
            if act.is_generic or (generic_sigma and data["activation"] == "sigma"):
                value[node] = sigma_symbol(0)
            else:
                value[node] = act.coefficients(0, at=pre)[0]
        return {"value": value, "point": point}

    def _activation_of(self, node: str) -> Activation:
        name = self.net.graph.nodes[node]["activation"]
        return self.activation if name == "sigma" else get_activation(name)

    def _operating_point(self, points: Mapping[str, sympy.Expr]) -> sympy.Expr | None:
        sigma_points = {p for n, p in points.items()
                        if self.net.graph.nodes[n]["activation"] == "sigma"}
        if len(sigma_points) > 1:
            listed = ", ".join(sorted(map(str, sigma_points)))
            if self.activation.is_generic or self._sigma_in_weights():
                raise ExpansionError(
                    f"the sigma neurons operate at several points ({listed}); the generic "
                    "coefficients sigma_k stand for one point: use an exact activation, or give "
                    "every sigma neuron the same pre-activation constant")
            return None
        return next(iter(sigma_points), sympy.Integer(0))

    def _check_substitution(self, substitution: Mapping[sympy.Symbol, sympy.Expr],
                            at: sympy.Expr) -> None:
        """Refuse an activation whose coefficients make a weight or bias infinite."""
        graph = self.net.graph
        numbers = [w for _, _, w in graph.edges(data="weight")]
        numbers += [b for _, b in graph.nodes(data="bias") if b is not None]
        for value in numbers:
            used = value.free_symbols & substitution.keys()
            if not used:
                continue
            result = sympy.cancel(value.xreplace(substitution))
            if result.has(sympy.zoo, sympy.nan, sympy.oo):
                zero = sorted(str(s) for s in used if substitution[s] == 0)
                raise ExpansionError(
                    f"the network divides by {', '.join(zero) or 'a coefficient'}, which is 0 "
                    f"for {self.activation.name} at {at}: shift the neurons (--at B) to a "
                    "point where it is not zero")

    def _sigma_in_weights(self) -> bool:
        return any(map(is_sigma_symbol, self.net.symbols()))

    def _coefficient_table(self, points: Mapping[str, sympy.Expr]) -> dict[str, tuple]:
        table = {}
        for node, p in points.items():
            act = self._activation_of(node)
            if act.is_generic:
                table[node] = act.coefficients(self.degree)
            else:
                if any(map(is_sigma_symbol, p.free_symbols)):
                    raise ExpansionError(
                        f"neuron {node!r} operates at {p}, which depends on generic "
                        "coefficients; expand with the generic activation")
                table[node] = act.coefficients(self.degree, at=p)
        return table

    # -- pass 2: truncated propagation ------------------------------------------------------
    def run(self) -> Expansion:
        constants = self._constants({}, generic_sigma=True)
        at = self._operating_point(constants["point"])
        substitution: dict[sympy.Symbol, sympy.Expr] = {}
        if not self.activation.is_generic:
            if at is not None:
                coeffs = self.activation.coefficients(self.degree, at=at)
                substitution = {sigma_symbol(k): c for k, c in enumerate(coeffs)}
                self._check_substitution(substitution, at)
            constants = self._constants(substitution, generic_sigma=False)
        table = self._coefficient_table(constants["point"])
        gens = _Generators(self.variables)
        graph = self.net.graph
        n = len(self.variables)

        # Decompose every exact number first: the flint context needs all generators up front.
        weights = {(u, v): gens.decompose(w.xreplace(substitution))
                   for u, v, w in graph.edges(data="weight")}
        biases = {node: gens.decompose(b.xreplace(substitution))
                  for node, b in graph.nodes(data="bias") if b is not None}
        coeffs = {node: [gens.decompose(c) for c in cs] for node, cs in table.items()}
        ring = _Ring(gens, n, self.degree)
        values: dict[str, Any] = {}
        for node in self.order:
            kind = graph.nodes[node]["kind"]
            if kind == "input":
                values[node] = ring.gens[self.net.inputs.index(node)]
                continue
            incoming = [(p, weights[(p, node)]) for p, _ in graph.in_edges(node)]
            if kind == "neuron":
                first_layer = all(graph.nodes[p]["kind"] == "input" and all(not k for k in w)
                                  for p, w in incoming)
                if first_layer:
                    values[node] = _FirstLayerNeuron(ring, incoming, coeffs[node])
                    continue
            pre = ring.poly(biases[node]) + ring.weighted_sum(incoming, values,
                                                               group=kind != "neuron")
            if kind != "neuron":
                values[node] = pre
                continue
            values[node] = ring.activate(pre, [ring.poly(c) for c in coeffs[node]])
        values = {out: ring.materialize(values[out]) for out in self.net.outputs}
        result_terms = {out: self._to_sympy(values[out], gens, n) for out in self.net.outputs}
        outputs = {
            out: sympy.Add(*(c * sympy.Mul(*(v**e for v, e in zip(self.variables, m)))
                             for m, c in terms.items()))
            for out, terms in result_terms.items()
        }
        return Expansion(
            network=self.net.name,
            degree=self.degree,
            activation=self.activation.name,
            variables=self.variables,
            outputs=MappingProxyType(outputs),
            _terms=MappingProxyType({k: MappingProxyType(v) for k, v in result_terms.items()}),
        )

    def _to_sympy(self, poly: flint.fmpq_mpoly, gens: _Generators,
                  n: int) -> dict[Monomial, sympy.Expr]:
        grouped: dict[Monomial, list[sympy.Expr]] = {}
        params = gens.values[n:]
        for mono, coeff in poly.to_dict().items():
            if sum(mono[:n]) > self.degree:
                continue
            term = sympy.Rational(int(coeff.p), int(coeff.q)) * sympy.Mul(
                *(g ** int(e) for g, e in zip(params, mono[n:]) if e))
            grouped.setdefault(tuple(int(e) for e in mono[:n]), []).append(term)
        out = {}
        for mono, parts in grouped.items():
            coeff = _canonical(sympy.Add(*parts))
            if coeff != 0:
                out[mono] = coeff
        return dict(sorted(out.items(), key=_term_order))


class _FirstLayerNeuron:
    """σ(p + Σ r_i x_i) with rational r_i, kept unexpanded.

    A linear read-out of many such neurons with the same Taylor coefficients c_k is
    Σ_k c_k Σ_j w_j v_j^k: the inner sums are formed over the inputs alone (a small flint
    context, much faster than the one with every parameter) and multiplied by c_k once.
    """

    def __init__(self, ring: _Ring, incoming: list, coeffs: list) -> None:
        self.ring = ring
        self.v = ring.x_poly({p: w.get((), sympy.Integer(0)) for p, w in incoming})
        self.coeffs = coeffs
        self.key = tuple(tuple(sorted(c.items())) for c in coeffs)
        self._value: flint.fmpq_mpoly | None = None

    def value(self) -> flint.fmpq_mpoly:
        if self._value is None:
            self._value = self.ring.combine(self.coeffs, [(flint.fmpq(1), self.v)])
        return self._value


class _Ring:
    """The flint context of one expansion and the truncated operations on it."""

    def __init__(self, gens: _Generators, n: int, degree: int) -> None:
        self.n, self.degree = n, degree
        self.nvars = len(gens.names)
        self.ctx = flint.fmpq_mpoly_ctx.get(tuple(gens.names), "deglex")
        self.x_ctx = flint.fmpq_mpoly_ctx.get(tuple(gens.names[:n]), "deglex")
        self.gens = self.ctx.gens()[:n]
        self._inputs: dict[str, int] = {}
        self._cache: dict[tuple, flint.fmpq_mpoly] = {}

    def poly(self, decomposed: dict) -> flint.fmpq_mpoly:
        """The ring element of a decomposed exact number."""
        key = tuple(sorted(decomposed.items()))
        if key not in self._cache:
            terms = {}
            for mono, coeff in decomposed.items():
                exps = [0] * self.nvars
                for i, e in mono:
                    exps[i] += e
                terms[tuple(exps)] = flint.fmpq(int(coeff.p), int(coeff.q))
            self._cache[key] = self.ctx.from_dict(terms)
        return self._cache[key]

    def x_poly(self, coefficients: Mapping[str, sympy.Rational]) -> flint.fmpq_mpoly:
        """Σ r_i x_i in the inputs-only context (``coefficients`` by input node name)."""
        terms = {}
        for node, r in coefficients.items():
            exps = [0] * self.n
            exps[self._input_index(node)] = 1
            terms[tuple(exps)] = flint.fmpq(int(r.p), int(r.q))
        return self.x_ctx.from_dict(terms)

    def _input_index(self, node: str) -> int:
        if not self._inputs:
            self._inputs = {str(g): i for i, g in enumerate(self.x_ctx.gens())}
        return self._inputs[node]

    def lift(self, poly: flint.fmpq_mpoly) -> flint.fmpq_mpoly:
        """An inputs-only polynomial as an element of the full context."""
        pad = (0,) * (self.nvars - self.n)
        return self.ctx.from_dict({tuple(m) + pad: c for m, c in poly.to_dict().items()})

    def materialize(self, value: Any) -> flint.fmpq_mpoly:
        return value.value() if isinstance(value, _FirstLayerNeuron) else value

    def weighted_sum(self, incoming: list, values: Mapping[str, Any],
                     group: bool) -> flint.fmpq_mpoly:
        """Σ w_p · value(p); first-layer neurons are grouped when ``group`` (a linear node)."""
        total = self.ctx.from_dict({})
        groups: dict[tuple, list] = {}
        for p, w in incoming:
            value = values[p]
            if group and isinstance(value, _FirstLayerNeuron) and len(w) == 1:
                ((mono, r),) = w.items()
                groups.setdefault((value.key, mono), []).append(
                    (flint.fmpq(int(r.p), int(r.q)), value))
            else:
                total += self.poly(w) * self.materialize(value)
        for (_, mono), members in groups.items():
            scale = self.poly({mono: sympy.Integer(1)})
            total += scale * self.combine(members[0][1].coeffs, [(r, m.v) for r, m in members])
        return total

    def combine(self, coeffs: list, members: list) -> flint.fmpq_mpoly:
        """Σ_k c_k Σ_j r_j v_j^k for inputs-only linear forms v_j (truncation not needed)."""
        sums = [self.x_ctx.from_dict({}) for _ in coeffs]
        for r, v in members:
            power = self.x_ctx.from_dict({(0,) * self.n: r})
            sums[0] += power
            for k in range(1, len(coeffs)):
                power = power * v
                sums[k] += power
        total = self.ctx.from_dict({})
        for c, s in zip(coeffs, sums):
            if c and not s.is_zero():
                total += self.poly(c) * self.lift(s)
        return total

    def activate(self, pre: flint.fmpq_mpoly, coeffs: list) -> flint.fmpq_mpoly:
        """Σ_k c_k v^k truncated, where v is ``pre`` without its input-free part."""
        n = self.n
        v = _x_part(pre, n)
        linear = all(sum(m[:n]) == 1 for m in v.monoms())
        total = coeffs[0]
        power = self.ctx.from_dict({})
        power += 1
        for c in coeffs[1:]:
            power = power * v
            if not linear:
                power = _truncate(power, n, self.degree)
            if power.is_zero():
                break
            if not c.is_zero():
                total += c * power
        return total


def _x_part(poly: flint.fmpq_mpoly, n: int) -> flint.fmpq_mpoly:
    """The terms of ``poly`` that contain at least one input variable."""
    return poly.context().from_dict({m: c for m, c in poly.to_dict().items() if any(m[:n])})


def _truncate(poly: flint.fmpq_mpoly, n: int, degree: int) -> flint.fmpq_mpoly:
    """Drop the terms of input-degree above ``degree``."""
    terms = poly.to_dict()
    kept = {m: c for m, c in terms.items() if sum(m[:n]) <= degree}
    return poly if len(kept) == len(terms) else poly.context().from_dict(kept)


def _canonical(value: sympy.Expr) -> sympy.Expr:
    # A rational function in the parameters, over a common denominator, is canonical: two
    # equal coefficients print the same and zero is recognised as zero.
    if value.is_Rational:
        return value
    return sympy.factor(sympy.cancel(sympy.expand(value)))
