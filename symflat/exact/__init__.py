"""Exact objects that everything else is built from.

Owns the restricted expression parser (:mod:`~symflat.exact.expressions`), the rigorous interval
evaluator (:mod:`~symflat.exact.interval`) and the shared symbols. It imports only
:mod:`symflat.errors` and third-party libraries (sympy, python-flint).
"""
