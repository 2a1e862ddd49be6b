"""Exact objects that everything else is built from.

Owns the restricted expression parser (:mod:`~symflat.exact.expressions`), the one polynomial
type :class:`Polynomial` that modules pass each other, with its readers
(:mod:`~symflat.exact.polynomial`, flint inside), the one rigorous
interval evaluator (:mod:`~symflat.exact.interval`), the paper's symbols, each defined once
(:mod:`~symflat.exact.symbols`), and the one float-to-fraction hint
(:mod:`~symflat.exact.hints`). It imports only :mod:`symflat.errors` and third-party libraries
(sympy, mpmath, python-flint).
"""

from symflat.exact.polynomial import Polynomial

__all__ = ["Polynomial"]
