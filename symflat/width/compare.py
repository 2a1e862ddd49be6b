"""Depth against width: the compiled deep network beside the certified shallow width.

:func:`compare` puts the smallest one-hidden-layer width of a polynomial, in both models and
exactly as ``symflat width`` certifies it (a lower bound with proof, a construction verified by
exact expansion), beside the counts of the deep network :func:`symflat.paper.compile.compile`
builds and verifies, and gives their ratio. This is the paper's "why deep?" for one polynomial.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from symflat.exact.polynomial import Polynomial
from symflat.paper.compile import Compiled, compile
from symflat.paper.compile_input import as_polynomial
from symflat.width import MAX_VARIABLES, MODELS, WidthError, WidthResult, minimal_width

__all__ = ["Comparison", "compare"]

@dataclass(frozen=True)
class Comparison:
    """The shallow width (both models) and the deep network of one polynomial.

    Attributes
    ----------
    polynomial : str
    shallow : dict of str to WidthResult
        By model: ``"no-bias"`` and ``"output-bias"``.
    deep : Compiled
        The verified deep network (real inputs).
    """

    polynomial: str
    shallow: dict[str, WidthResult]
    deep: Compiled

    def ratio(self, model: str) -> dict[str, str | None]:
        """Shallow neurons over deep neurons, for the lower and upper width bounds."""
        width = self.shallow[model]
        return {bound: None if value is None or not self.deep.neurons
                else str(Fraction(value, self.deep.neurons))
                for bound, value in (("lower", width.lower), ("upper", width.upper))}

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``symflat compare --json``."""
        return {
            "polynomial": self.polynomial,
            "shallow": {model: {"lower": r.lower, "upper": r.upper, "exact": r.exact}
                        for model, r in self.shallow.items()},
            "deep": {"neurons": self.deep.neurons, "depth": self.deep.depth,
                     "synapses": self.deep.synapses},
            "ratio": {model: self.ratio(model) for model in self.shallow},
        }

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(), indent=indent)


def compare(poly: str | sympy.Poly | Polynomial, timeout: float = 10.0,
            seed: int = 0) -> Comparison:
    """The certified shallow width of ``poly`` in both models beside its compiled deep network.

    Parameters
    ----------
    poly : str, sympy.Poly or Polynomial
        A polynomial with rational coefficients, at most 10 variables.
    timeout : float
        Seconds for each model's construction search (as ``symflat width --timeout``).
    seed : int
        Seed of the construction search.

    Examples
    --------
    >>> c = compare("x1*x2*x3*x4")
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
    shallow = {model: minimal_width(poly, model, timeout=timeout, seed=seed) for model in MODELS}
    return Comparison(poly.to_text(), shallow, deep)
