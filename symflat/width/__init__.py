"""The smallest hidden width of a shallow network that Taylor-approximates a polynomial.

See :mod:`symflat.width.lower` (the lower bound and its proof),
:mod:`symflat.width.closed_forms` (closed forms, constructions whose points depend on sigma),
:mod:`symflat.width.quadratic` (degree <= 2: the minimal width proved and constructed),
:mod:`symflat.width.search` (the search over integer points),
:mod:`symflat.width.blocks` (sums of parts in disjoint variables),
:mod:`symflat.width.constructions` (which of them is used), :mod:`symflat.width.exhaustive`
(Gröbner cross-check) and :mod:`symflat.width.result` (:func:`minimal_width`,
:class:`WidthResult`). Every module works on :class:`symflat.exact.polynomial.Polynomial`;
:func:`as_polynomial` reads what a user passes (a string, a ``sympy.Poly``, a ``Polynomial``).

The package is callable: ``symflat.width("x1*x2", model="output-bias")`` is
:func:`minimal_width`, the Python form of ``symflat width``. Every function takes the network
class as a :class:`WidthModel` (:mod:`symflat.width.model`: hidden biases, output bias,
activation, depth) or as a model name with ``activation`` and ``at``; :mod:`symflat.width.zeros`
(activations with vanishing coefficients) and :mod:`symflat.width.affine` (a bias per hidden
neuron) hold the lower bounds beyond the generic theory.

It may import :mod:`symflat.paper` (the compiled deep network that
:mod:`~symflat.width.compare` sets beside the shallow width), :mod:`symflat.nets`,
:mod:`symflat.exact` and the modules beside them (:mod:`symflat.errors`,
:mod:`symflat.executor`, :mod:`symflat.files`, :mod:`symflat.display`); never the pipeline,
the report or the command line.
"""

from symflat.width.bounds import lower_bound
from symflat.width.constructions import (
    Construction,
    FormulaConstruction,
    check_construction,
    construct,
    finite_differences,
    search_construction,
    sign_vectors,
)
from symflat.width.lower import DegreeRanks, LowerBound
from symflat.width.model import MODEL_NAMES, WidthModel, as_model
from symflat.width.polynomials import WidthError, as_polynomial
from symflat.width.quadratic import quadratic_construction, quadratic_width
from symflat.width.result import (
    MAX_VARIABLES,
    WidthResult,
    minimal_width,
    verify_construction,
)

__all__ = [
    "MAX_VARIABLES",
    "MODEL_NAMES",
    "Construction",
    "DegreeRanks",
    "FormulaConstruction",
    "LowerBound",
    "WidthError",
    "WidthModel",
    "WidthResult",
    "as_model",
    "as_polynomial",
    "check_construction",
    "construct",
    "finite_differences",
    "lower_bound",
    "minimal_width",
    "quadratic_construction",
    "quadratic_width",
    "search_construction",
    "sign_vectors",
    "verify_construction",
]
