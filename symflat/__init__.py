"""symflat: exact, symbolic checks of theorems about neural networks."""

from symflat.errors import (
    ActivationError,
    ExpansionError,
    ExpressionError,
    NetworkError,
    SymflatError,
)

__version__ = "0.1.0"

__all__ = [
    "ActivationError",
    "ExpansionError",
    "ExpressionError",
    "NetworkError",
    "SymflatError",
    "__version__",
]
