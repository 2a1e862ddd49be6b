"""Depth against width: the compiled deep network beside the certified shallow width.

:func:`compare` puts the smallest one-hidden-layer width of a polynomial, in both models and
exactly as ``symflat width`` certifies it (a lower bound with proof, a construction verified by
exact expansion), beside the counts of the deep network :func:`symflat.paper.compile.compile`
builds and verifies, and gives their ratio. This is the paper's "why deep?" for one polynomial.

The shallow widths are taken in the class the compiled network lives in
(:func:`network_class`: its activation, its hidden biases, with and without an output bias), so
that the two sides answer the same question for the same activation. For the generic sigma
without hidden biases the depth-2 bounds (:mod:`symflat.width.deep`: the smallest network with
two hidden layers, both bounds proved) stand beside them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from fractions import Fraction
from html import escape
from typing import Any

import sympy

from symflat.display import polynomial_html, table
from symflat.exact.polynomial import Polynomial, to_polynomial
from symflat.exact.printing import polynomial_latex, polynomial_text
from symflat.nets.network import Network
from symflat.paper.compile import REPR_TERMS, Compiled, compile
from symflat.paper.compile_input import as_polynomial
from symflat.width import MAX_VARIABLES, WidthError, WidthModel, WidthResult, minimal_width
from symflat.width.deep import MAX_VARIABLES as DEPTH2_VARIABLES
from symflat.width.deep import (
    QUICK_VARIABLES,
    Depth2Result,
    class_hypothesis,
    minimal_depth2_width,
)

__all__ = ["Comparison", "compare", "network_class"]


def network_class(network: Network) -> WidthModel:
    """The one-hidden-layer class of ``network``'s neurons: their activation (``sigma``: the
    generic one), no hidden bias / one shared point / free biases, and its output bias.

    Examples
    --------
    >>> from symflat.paper.compile import compile
    >>> network_class(compile("x1*x2 + 1").network)
    WidthModel('output-bias')
    """
    graph = network.graph
    activations = {graph.nodes[h]["activation"] for h in network.neurons}
    if len(activations) > 1:
        raise WidthError(f"the network mixes activations {sorted(activations)}")
    activation = activations.pop() if activations else "generic"
    biases = {graph.nodes[h]["bias"] for h in network.neurons}
    output_bias = any(graph.nodes[o]["bias"] != 0 for o in network.outputs)
    name = "output-bias" if output_bias else "no-bias"
    if len(biases) > 1:
        name = "affine+output-bias" if output_bias else "affine"
    at = next(iter(biases)) if len(biases) == 1 and biases != {0} else None
    return WidthModel.parse(name, activation="generic" if activation == "sigma" else activation,
                            at=at)

@dataclass(frozen=True)
class Comparison:
    """The shallow width (both models) and the deep network of one polynomial.

    Attributes
    ----------
    polynomial : str
    shallow : dict of str to WidthResult
        By model name: the class of the compiled network without and with an output bias
        (``"no-bias"`` and ``"output-bias"`` for the generic sigma without hidden biases).
    deep : Compiled
        The verified deep network (real inputs).
    model : WidthModel
        The class the compiled network's neurons live in (:func:`network_class`).
    depth2 : dict of str to Depth2Result
        By model name, the bounds on the smallest network with two hidden layers (empty when
        they do not apply: a named activation, hidden biases, degree below 2, more than 8
        variables).

    Examples
    --------
    >>> c = compare("x1*x2*x3")
    >>> c
    Comparison(x1*x2*x3: shallow no-bias 8, output-bias 7; deep 8 neurons, depth 2)
    >>> c._repr_html_().count("<tr>")
    3
    """

    polynomial: str
    shallow: dict[str, WidthResult]
    deep: Compiled
    model: WidthModel
    depth2: dict[str, Depth2Result] = field(default_factory=dict)

    def ratio(self, model: str | None = None) -> dict[str, str | None]:
        """Shallow neurons over deep neurons, for the lower and upper width bounds (in the
        compiled network's own class unless ``model`` names the other)."""
        width = self.shallow[model or self.model.name]
        return {bound: None if value is None or not self.deep.neurons
                else str(Fraction(value, self.deep.neurons))
                for bound, value in (("lower", width.lower), ("upper", width.upper))}

    def width_text(self, model: str) -> str:
        """A model's certified width: ``4`` when exact, else ``3..5`` (``3..?`` without a
        construction)."""
        width = self.shallow[model]
        if width.exact:
            return str(width.lower)
        return f"{width.lower}..{'?' if width.upper is None else width.upper}"

    def ratio_text(self, model: str) -> str:
        """Shallow over deep neurons: ``4/3`` when the width is exact, else ``1..5/4``."""
        ratio = self.ratio(model)
        if self.shallow[model].exact:
            return str(ratio["lower"])
        return f"{ratio['lower']}..{'?' if ratio['upper'] is None else ratio['upper']}"

    def _widths(self) -> str:
        return ", ".join(f"{model} {self.width_text(model)}" for model in self.shallow)

    def _deep(self) -> str:
        return f"{self.deep.neurons} neurons, depth {self.deep.depth}"

    def __repr__(self) -> str:
        return (f"Comparison({polynomial_text(to_polynomial(self.polynomial), shown=REPR_TERMS)}"
                f": shallow "
                f"{self._widths()}; deep {self._deep()})")

    def _repr_latex_(self) -> str:
        return (f"${polynomial_latex(to_polynomial(self.polynomial), shown=REPR_TERMS)}$: "
                f"shallow "
                f"{escape(self._widths())}; deep {escape(self._deep())}")

    def _repr_html_(self) -> str:
        """The deep network's counts, then per model the certified width and the ratio."""
        rows = [(model, self.width_text(model), "exact" if r.exact else "not exact",
                 self.ratio_text(model)) for model, r in self.shallow.items()]
        return (f"<p>Depth against width for {polynomial_html(self.polynomial)}: the compiled "
                f"deep network (verified) has <b>{self.deep.neurons} neurons</b>, depth "
                f"{self.deep.depth}, {self.deep.synapses} synapses; one hidden layer "
                f"({escape(self.model.describe())}) needs:</p>"
                + table(["model", "width", "certificate", "shallow / deep neurons"], rows))

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``symflat compare --json``."""
        return {
            "polynomial": self.polynomial,
            "deep_model": self.model.to_dict(),
            "shallow": {model: {"lower": r.lower, "upper": r.upper, "exact": r.exact,
                                "model": r.model.to_dict()}
                        for model, r in self.shallow.items()},
            "deep": {"neurons": self.deep.neurons, "depth": self.deep.depth,
                     "synapses": self.deep.synapses},
            "ratio": {model: self.ratio(model) for model in self.shallow},
            "depth2": {model: {"lower": r.lower, "upper": r.upper, "exact": r.exact,
                               "splits": [list(s) for s in r.splits],
                               "sigma_class": class_hypothesis(r.model)}
                       for model, r in self.depth2.items()},
        }

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(), indent=indent)


def compare(poly: str | sympy.Poly | Polynomial, timeout: float = 10.0,
            seed: int = 0, depth2: str = "stored") -> Comparison:
    """The certified shallow width of ``poly`` in both models beside its compiled deep network.

    Parameters
    ----------
    poly : str, sympy.Poly or Polynomial
        A polynomial with rational coefficients, at most 10 variables.
    timeout : float
        Seconds for each model's construction search (as ``symflat width --timeout``).
    seed : int
        Seed of the construction search.
    depth2 : {"stored", "compute", "off"}
        The depth-2 bounds: from the shipped certificates (re-checked), for at most
        ``QUICK_VARIABLES`` variables (``stored``, the default: fast and the same on every run);
        with missing certificates computed within ``timeout`` per model (``compute``); none
        (``off``).

    Examples
    --------
    >>> c = compare("x1*x2")
    >>> {m: (r.lower, r.upper) for m, r in c.depth2.items()}
    {'no-bias': (5, 5), 'output-bias': (4, 4)}
    >>> c = compare("x1*x2*x3*x4", depth2="off")
    >>> c.shallow["no-bias"].lower, c.shallow["no-bias"].exact, c.deep.neurons
    (16, True, 12)
    >>> c.ratio("no-bias")
    {'lower': '4/3', 'upper': '4/3'}
    """
    poly = as_polynomial(poly)
    if poly.nvars > MAX_VARIABLES:
        raise WidthError(f"{poly.nvars} variables; the shallow width is computed for at most "
                         f"{MAX_VARIABLES}")
    if not timeout > 0:
        raise WidthError(f"timeout must be positive, not {timeout}")
    deep = compile(poly)
    own = network_class(deep.network)
    models = (replace(own, output_bias=False), replace(own, output_bias=True))
    shallow = {m.name: minimal_width(poly, m, timeout=timeout, seed=seed) for m in models}
    if depth2 not in ("compute", "stored", "off"):
        raise WidthError(f"depth2 must be compute, stored or off, not {depth2!r}")
    limit = DEPTH2_VARIABLES if depth2 == "compute" else QUICK_VARIABLES
    deeper = {}
    if (depth2 != "off" and own.generic and own.hidden_bias == "none" and poly.degree >= 2
            and poly.nvars <= limit):
        deeper = {m.name: minimal_depth2_width(poly, replace(m, depth=2), timeout=timeout,
                                               compute=depth2 == "compute")
                  for m in models}
    return Comparison(poly.to_text(), shallow, deep, own, deeper)
