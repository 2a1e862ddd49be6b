"""Compile a polynomial into a verified network (Sec. II.3): ``symflat compile``.

Real inputs go to :mod:`symflat.paper.compile_real` (Eq. 11 gates, exact as lambda -> 0), bit
inputs to :mod:`symflat.paper.compile_bits` (one Eq. 13 neuron per monomial). Either way the
network is returned only after it has been verified, with the evidence and counts read from
the graph.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

import sympy

from symflat.display import polynomial_html, table
from symflat.exact.polynomial import Polynomial, to_polynomial
from symflat.exact.printing import polynomial_latex, polynomial_text
from symflat.nets.network import Network
from symflat.paper.compile_bits import compile_bits
from symflat.paper.compile_input import CompileError, as_polynomial
from symflat.paper.compile_real import corollary, program, verify_real

__all__ = ["Compiled", "compile"]

#: Terms of the polynomial in a one-line repr (its display shows more).
REPR_TERMS = 3


@dataclass(frozen=True)
class Compiled:
    """A verified network for a polynomial, with its counts read from the graph.

    Attributes
    ----------
    polynomial : str
    inputs : str
        ``"real"`` (Eq. 11 gates, exact as lambda -> 0) or ``"bits"`` (Eq. 13 neurons).
    network : Network
    neurons, depth, synapses, multiplications : int
    verified : bool
        Always true: an unverified network is never returned.
    evidence : dict
        What was checked, JSON-ready.

    Examples
    --------
    >>> c = compile("x10*x2 + x1^2")
    >>> c
    Compiled(x1^2 + x2*x10, real inputs: 6 neurons, depth 1, 16 synapses, verified)
    >>> "$x_{1}^{2} + x_{2} x_{10}$" in c._repr_html_()
    True
    """

    polynomial: str
    inputs: str
    network: Network = field(repr=False)
    neurons: int
    depth: int
    synapses: int
    multiplications: int
    verified: bool
    evidence: Mapping[str, Any] = field(repr=False)

    def _counts(self) -> str:
        verified = "verified" if self.verified else "not verified"
        return (f"{self.inputs} inputs: {self.neurons} neurons, depth {self.depth}, "
                f"{self.synapses} synapses, {verified}")

    def __repr__(self) -> str:
        poly = to_polynomial(self.polynomial)
        return f"Compiled({polynomial_text(poly, shown=REPR_TERMS)}, {self._counts()})"

    def _repr_latex_(self) -> str:
        return (f"${polynomial_latex(to_polynomial(self.polynomial), shown=REPR_TERMS)}$: "
                f"{escape(self._counts())}")

    def _repr_html_(self) -> str:
        """The polynomial typeset, the counts read from the graph and how it was verified."""
        gates = ("Eq. 11 gates, exact as λ → 0" if self.inputs == "real"
                 else "one Eq. 13 neuron per monomial, exact as β → ∞")
        rows = [("neurons", self.neurons), ("depth (hidden layers)", self.depth),
                ("synapses", self.synapses), ("multiplications", self.multiplications)]
        method = self.evidence.get("method") or self.evidence.get("rule") or ""
        return (f"<p>Network compiled for {polynomial_html(self.polynomial)} "
                f"({escape(self.inputs)} inputs, {escape(gates)}), "
                f"<b>{'verified' if self.verified else 'not verified'}</b>"
                f"{': ' + escape(str(method)) if method else ''}.</p>"
                + table(["count", "value"], rows))

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``symflat compile --json``."""
        return {
            "polynomial": self.polynomial,
            "inputs": self.inputs,
            "neurons": self.neurons,
            "depth": self.depth,
            "synapses": self.synapses,
            "multiplications": self.multiplications,
            "verified": self.verified,
            "evidence": dict(self.evidence),
            "network": json.loads(self.network.to_json()),
        }


def compile(poly: str | sympy.Poly | Polynomial, inputs: str = "real", beta: Any = None,
            decimals: int = 10) -> Compiled:
    """Compile ``poly`` into a verified network.

    Parameters
    ----------
    poly : str, sympy.Poly or Polynomial
        A polynomial with rational coefficients (strings use the restricted grammar).
    inputs : {"real", "bits"}
        ``"real"``: Eq. 11 gates, exact as lambda -> 0. ``"bits"``: the multilinear form on
        {0, 1}^n, one Eq. 13 sigmoid neuron per monomial (:mod:`symflat.paper.compile_bits`).
    beta : exact number, optional
        Bits only: the steepness (default: the symbol ``beta``).
    decimals : int
        Bits only: D in "the beta needed for D correct decimals".

    Examples
    --------
    >>> c = compile("x1*x2*x3*x4 + x1*x2")
    >>> c.neurons, c.depth, c.multiplications, c.verified
    (12, 2, 3, True)
    >>> compile("x*y + y", inputs="bits").neurons
    2
    """
    if inputs not in ("real", "bits"):
        raise CompileError(f"inputs must be 'real' or 'bits', not {inputs!r}")
    poly = as_polynomial(poly)
    if inputs == "bits":
        net, evidence, multiplications = compile_bits(poly, beta=beta, decimals=decimals)
    else:
        if beta is not None:
            raise CompileError("beta is the steepness of bit inputs; real inputs use lambda")
        net = program(poly).to_network("compiled")
        evidence = verify_real(net, poly)
        evidence["corollary"] = corollary(net)
        multiplications = evidence["corollary"]["multiplications"]
        evidence["log2_degree"] = math.ceil(math.log2(poly.degree))
    return Compiled(poly.to_text(), inputs, net, net.neuron_count, net.depth,
                    net.synapse_count, multiplications, True, evidence)
