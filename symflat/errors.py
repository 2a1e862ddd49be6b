"""The exceptions symflat raises for a user's mistake.

Every error a user can cause (bad input, an impossible request) is a :class:`SymflatError`;
the command line prints its message as one line and exits non-zero. Anything else is a bug.
"""

from __future__ import annotations

__all__ = [
    "SymflatError",
    "ExpressionError",
    "NetworkError",
    "ActivationError",
    "ExpansionError",
]


class SymflatError(ValueError):
    """Base class of every error caused by the user's input."""


class ExpressionError(SymflatError):
    """A string could not be read as an expression of the restricted grammar."""


class NetworkError(SymflatError):
    """A network is malformed (a cycle, a dangling node, a non-exact weight, ...)."""


class ActivationError(SymflatError):
    """An activation is unknown, or has no Taylor expansion where one was asked for."""


class ExpansionError(SymflatError):
    """A Taylor expansion cannot be carried out as asked."""
