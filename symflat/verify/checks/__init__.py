"""Checkers: functions that decide a :class:`~symflat.verify.claims.Claim` and return a
:class:`~symflat.verify.claims.Verdict`.

One module per topic of the paper:

- :mod:`symflat.verify.checks.bayes` — Bayes' theorem as a softmax (Eqs. 1-8);
- :mod:`symflat.verify.checks.counting` — counts of terms, parameters and Boolean functions
  (Eqs. 9, 12, Sec. II.3, II.4);
- :mod:`symflat.verify.checks.multiplication` — the multiplication gate, its scaling limit and
  accuracy, copy gates, the corollary on network size (Eqs. 10-11, Fig. 2);
- :mod:`symflat.verify.checks.bits` — the bit-product gate and its β (Eq. 13);
- :mod:`symflat.verify.checks.linear` — linear no-flattening theorems (FFT, Strassen, low rank,
  sparse matrices: Sec. III.7, Eq. 27);
- :mod:`symflat.verify.checks.products` — products of n numbers, flat and deep (Eqs. 28-32,
  Appendix A, Sec. III.8).

A verdict may keep the numbers a report figure draws under :data:`FIGURE_DATA` in its
certificate, and the drawing of a network it built (:func:`network_drawing`: the gate of
Eq. 11, the flat product, the product tree), which the report embeds.

A claim names its checker in its ``checker`` field; :data:`REGISTRY` maps those names to
:class:`Checker` entries, each with the parameters it reads (:class:`Param`). Use
:func:`run_check` to decide a claim. To add checkers, put a module in this package whose
functions are decorated with :func:`checker` (``@checker("name", param=Param(...))``, taking a
:class:`~symflat.verify.claims.Claim` and returning a :class:`~.Verdict`); it is
imported automatically.

Checkers are thin: they call the engine (:mod:`symflat.nets`, :mod:`symflat.paper`,
:mod:`symflat.width`, :mod:`symflat.exact`) and turn its results into verdicts with evidence.
They may import the claims (:mod:`symflat.verify.claims`), never the runner, the store, the
report or the command line.

Examples
--------
>>> from symflat.verify.claims import load_claims, select_claims
>>> claim = select_claims(load_claims(), ["eq12"])[0]
>>> run_check(claim).status
'verified'
"""

from __future__ import annotations

import importlib
import pkgutil

from symflat.verify.checks._common import FIGURE_DATA, network_drawing
from symflat.verify.checks._registry import (
    MAX_ITEMS,
    REGISTRY,
    Checker,
    Param,
    checker,
    run_check,
    validate_parameters,
)

# Importing the topic modules registers their checkers. Every public module of this package
# is imported, so a new topic is added by dropping a module here (no edit of this file).
for _module in pkgutil.iter_modules(__path__):
    if not _module.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["FIGURE_DATA", "MAX_ITEMS", "REGISTRY", "Checker", "Param", "checker", "network_drawing",
           "run_check", "validate_parameters"]
