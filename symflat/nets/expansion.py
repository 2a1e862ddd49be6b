"""Exact Taylor expansion of a network.

The reference method propagates the output of a network through the graph in topological
order as a *truncated* multivariate polynomial in the inputs: every product drops the terms of
total degree above ``degree``. A neuron whose pre-activation is ``u = p + v(x)`` (``p`` its
value at ``x = 0``) contributes ``Σ_k c_k(p) v^k`` with ``c_k(p)`` the activation's Taylor
coefficients at ``p``; since ``v`` has no constant term, powers beyond ``degree`` cannot
contribute. The composed method (:mod:`symflat.nets.composition`) runs the same propagation on
each sub-network between linear nodes and composes the pieces, keeping at each node only the
degrees the outputs can use; it builds the same polynomials, so the terms are identical.

Inside, polynomials are python-flint ``fmpq_mpoly`` (:mod:`symflat.nets.polyring`) over the
inputs and the parameters (symbols in the weights, the generic activation's ``sigma_k``, their
inverses for negative powers, and opaque generators for exact non-rational numbers such as
``log(2)``). A substitution maps each parameter back to its value: it is a ring homomorphism,
so the result is exact. sympy expressions appear only at the edges.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import flint
import networkx as nx
import sympy

from symflat.errors import ExpansionError, ExpressionError
from symflat.exact.printing import SHOWN_TERMS, counted, polynomial_latex, to_text
from symflat.executor import Executor
from symflat.nets.activations import Activation, get_activation, is_sigma_symbol, sigma_symbol
from symflat.nets.composition import compose
from symflat.nets.network import Network
from symflat.nets.polyring import (
    DEFAULT_MAX_MEMORY,
    ExpansionTooLarge,
    _bar,
    _Generators,
    _Guard,
    _propagate,
    _Ring,
)

__all__ = ["DEFAULT_MAX_MEMORY", "Expansion", "ExpansionTimeout", "ExpansionTooLarge", "METHODS",
           "expand", "polynomial_terms"]

#: The expansion methods: both give the same terms (see :func:`expand`).
METHODS = ("auto", "composed", "reference")

Monomial = tuple[int, ...]


class ExpansionTimeout(ExpansionError):
    """An expansion that did not finish within its time limit (``expand(timeout=...)``)."""


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

    @classmethod
    def build(cls, network: str, degree: int, activation: str,
              variables: tuple[sympy.Symbol, ...], outputs: Mapping[str, sympy.Expr],
              terms: Mapping[str, Mapping[Monomial, sympy.Expr]]) -> Expansion:
        """An expansion from plain mappings, held read-only."""
        return cls(network, degree, activation, tuple(variables),
                   MappingProxyType(dict(outputs)),
                   MappingProxyType({k: MappingProxyType(dict(v)) for k, v in terms.items()}))

    def __reduce__(self) -> tuple[Any, ...]:
        # Read-only mappings do not pickle: travel as plain dicts (to and from workers).
        return (Expansion.build, (self.network, self.degree, self.activation, self.variables,
                                  dict(self.outputs),
                                  {k: dict(v) for k, v in self._terms.items()}))

    def __getitem__(self, output: str) -> sympy.Expr:
        return self.outputs[output]

    def __repr__(self) -> str:
        """One line: the network, the truncation and how many terms each output has.

        Examples
        --------
        >>> from symflat.paper.networks import multiplication_gate
        >>> expand(multiplication_gate(), 4)
        Expansion(multiplication_gate through degree 4, generic activation: y with 3 terms)
        """
        outputs = ", ".join(f"{name} with {counted(len(terms), 'term')}"
                            for name, terms in self._terms.items())
        return (f"Expansion({self.network} through degree {self.degree}, {self.activation} "
                f"activation: {outputs})")

    def _repr_latex_(self) -> str:
        """The outputs typeset (Jupyter), their leading terms when long, with the truncation:
        ``y = ... + O(|x|^{d+1})``."""
        names = [str(v) for v in self.variables]
        lines = [f"{sympy.latex(sympy.Symbol(name))} = "
                 + polynomial_latex(terms, names, shown=SHOWN_TERMS, through=self.degree,
                                    ascending=True)
                 for name, terms in self._terms.items()]
        return "$" + r",\quad ".join(lines) + "$"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready description with every coefficient an exact expression string.

        Coefficients are written in the grammar the parser reads back
        (:func:`~symflat.exact.printing.to_text`), not in sympy's notation, whose ``I`` for the
        imaginary unit reads as a name: the JSON writes ``sqrt(-1)``.
        """
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
                         "coefficient": _coefficient_text(coeff)}
                        for mono, coeff in sorted(terms.items(), key=_term_order)
                    ],
                }
                for name, terms in self._terms.items()
            ],
        }


def _coefficient_text(coeff: sympy.Expr) -> str:
    try:
        return to_text(coeff)
    except ExpressionError as error:
        raise ExpansionError(f"cannot write a coefficient in JSON: {error}") from None


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


def expand(network: Network, degree: int, activation: str | Activation = "generic", *,
           method: str = "auto", max_memory: int | None = DEFAULT_MAX_MEMORY,
           progress: bool = False, timeout: float | None = None) -> Expansion:
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
    method : {"auto", "composed", "reference"}
        ``"reference"`` propagates every node through ``degree``; ``"composed"`` expands each
        sub-network between linear nodes once in its own inputs and composes, keeping at each
        node only the degrees the output can use (:mod:`symflat.nets.composition`). Both give
        the same terms; ``"auto"`` composes when a linear node feeds another node.
    max_memory : int or None
        Bytes the intermediate polynomials may take (default 4 GiB); an expansion estimated
        to need more raises :class:`~symflat.nets.polyring.ExpansionTooLarge` before it
        starts the product. ``None``: no limit.
    progress : bool
        Show a progress bar on stderr when the expansion takes more than a few seconds.
    timeout : float, optional
        Seconds the expansion may take: it then runs in a worker process that is killed at
        the limit (sympy and flint cannot be interrupted otherwise), and
        :class:`ExpansionTimeout` is raised. ``None`` (default): no limit, run here.

    Returns
    -------
    Expansion

    Examples
    --------
    >>> from symflat.paper.networks import deep_product, multiplication_gate
    >>> e = expand(multiplication_gate(), 2)
    >>> e["y"]
    x1*x2
    >>> expand(multiplication_gate(lam=1), 4, "softplus")["y"]
    -x1**3*x2/12 - x1*x2**3/12 + x1*x2
    >>> e = expand(deep_product(4), 6)
    >>> e.terms()[(1, 1, 1, 1)], e.terms()[(3, 1, 1, 1)], len(e.terms())
    (1, 2*lambda**2*sigma4/sigma2, 5)
    """
    if isinstance(degree, bool) or not isinstance(degree, int) or degree < 0:
        raise ExpansionError(f"degree must be a non-negative integer, not {degree!r}")
    if not isinstance(network, Network):
        raise ExpansionError(f"expand needs a Network, not {type(network).__name__}")
    if method not in METHODS:
        raise ExpansionError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    if max_memory is not None and (isinstance(max_memory, bool) or not isinstance(max_memory, int)
                                   or max_memory <= 0):
        raise ExpansionError(f"max_memory must be a positive number of bytes, not {max_memory!r}")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, int | float)
                                or not math.isfinite(timeout) or timeout <= 0):
        raise ExpansionError(f"timeout must be a positive number of seconds, not {timeout!r}")
    act = activation if isinstance(activation, Activation) else get_activation(activation)
    network.validate()
    job = (network, degree, act, method, max_memory, progress)
    return _expand_job(job) if timeout is None else _expand_with_deadline(job, float(timeout))


def _expand_job(job: tuple[Any, ...]) -> Expansion:
    # Module level: a forkserver or spawn worker imports it by reference; a call without a time
    # limit runs it here.
    network, degree, activation, method, max_memory, progress = job
    return _Expander(network, degree, activation).run(method, _Guard(max_memory, degree),
                                                       progress)


def _expand_with_deadline(job: tuple[Any, ...], timeout: float) -> Expansion:
    (_, outcome), = Executor(_expand_job, timeout=timeout, name="symflat-expand").run([job])
    if outcome.status == "done":
        return outcome.value
    if outcome.status == "raised":
        raise outcome.value
    if outcome.status == "timeout":
        raise ExpansionTimeout(f"the expansion did not finish within {timeout:g} s; allow more "
                               "time or ask for a lower degree")
    raise ExpansionError(f"the expansion stopped: {outcome.message}")


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

    # -- pass 2: truncated propagation, or composition ------------------------------------
    def _prepare(self) -> tuple[_Generators, dict[str, Any]]:
        """The parameter generators and every exact number of the network, decomposed."""
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
        # Decompose every exact number first: the flint contexts need all generators up front.
        data = {
            "weights": {(u, v): gens.decompose(w.xreplace(substitution))
                        for u, v, w in graph.edges(data="weight")},
            "biases": {node: gens.decompose(b.xreplace(substitution))
                       for node, b in graph.nodes(data="bias") if b is not None},
            "coeffs": {node: [gens.decompose(c) for c in cs] for node, cs in table.items()},
        }
        return gens, data

    def _composes(self, method: str) -> bool:
        if method != "auto":
            return method == "composed"
        graph = self.net.graph
        return any(graph.nodes[u]["kind"] not in ("input", "neuron") for u, _ in graph.edges)

    def run(self, method: str, guard: _Guard, progress: bool) -> Expansion:
        gens, data = self._prepare()
        graph, inputs = self.net.graph, list(self.net.inputs)
        if self._composes(method):
            ring, values = compose(graph, self.order, inputs, self.net.outputs, data,
                                   gens, self.degree, guard, progress)
        else:
            ring = _Ring(inputs, gens, self.degree, guard)
            values = dict(zip(inputs, ring.gens))
            with _bar(progress, len(self.order) - len(inputs), "expand") as bar:
                _propagate(ring, graph, [v for v in self.order if v not in ring.index], values,
                           data, set(self.net.outputs), bar)
            values = {out: ring.materialize(values[out]) for out in self.net.outputs}
        n = len(inputs)
        result_terms = {out: self._to_sympy(values[out], gens, n) for out in self.net.outputs}
        outputs = {
            out: sympy.Add(*(c * sympy.Mul(*(v**e for v, e in zip(self.variables, m)))
                             for m, c in terms.items()))
            for out, terms in result_terms.items()
        }
        return Expansion.build(self.net.name, self.degree, self.activation.name, self.variables,
                               outputs, result_terms)

    def _to_sympy(self, poly: flint.fmpq_mpoly, gens: _Generators,
                  n: int) -> dict[Monomial, sympy.Expr]:
        grouped: dict[Monomial, list[sympy.Expr]] = {}
        params = gens.values
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


def _canonical(value: sympy.Expr) -> sympy.Expr:
    # A rational function in the parameters, over a common denominator, is canonical: two
    # equal coefficients print the same and zero is recognised as zero.
    if value.is_Rational:
        return value
    return sympy.factor(sympy.cancel(sympy.expand(value)))
