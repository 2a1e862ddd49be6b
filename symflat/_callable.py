"""Packages that can be called, so that ``symflat.width(poly)`` and ``symflat.width.lower``
both work.

Binding a function to the name ``symflat.width`` would hide the package: ``import
symflat.width.lower as m`` and attribute access through the package would then fail. Instead
the package module itself becomes callable (its ``__class__`` is set to a subclass of the
module type that defines ``__call__``, which Python allows for modules), and calling it runs the
package's main function, whose signature it shows.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Callable
from typing import Any

__all__ = ["make_callable"]


class CallablePackage(types.ModuleType):
    """A package whose call runs its main function (``__wrapped__``)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.__wrapped__(*args, **kwargs)


def make_callable(package: types.ModuleType, function: Callable[..., Any]) -> None:
    """Make calling ``package`` run ``function`` (signature shown by ``help`` and Jupyter)."""
    package.__class__ = CallablePackage
    package.__wrapped__ = function  # type: ignore[attr-defined]
    package.__signature__ = inspect.signature(function)  # type: ignore[attr-defined]
