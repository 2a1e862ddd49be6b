"""The smallest hidden width of a shallow network that Taylor-approximates a polynomial."""

from symflat.width._poly import PolyData, WidthError, as_polydata
from symflat.width.lower import MODELS, DegreeRanks, LowerBound, lower_bound

__all__ = [
    "MODELS",
    "DegreeRanks",
    "LowerBound",
    "PolyData",
    "WidthError",
    "as_polydata",
    "lower_bound",
]
