"""The gallery: every named network of symflat, by name, for the command line.

Examples
--------
>>> sorted(GALLERY)[:3]
['bit_product', 'copy_gate', 'deep_product']
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from symflat.errors import NetworkError
from symflat.nets.network import Network
from symflat.paper.linear import fft, low_rank, walsh_hadamard
from symflat.paper.networks import (
    bit_product,
    copy_gate,
    deep_product,
    flat_product,
    multiplication_gate,
    squaring_gate,
)
from symflat.paper.strassen import matmul_linear, naive_matmul, strassen

__all__ = ["GALLERY", "build"]

#: Gallery networks by name: (builder, what its n means or None, default n).
GALLERY: dict[str, tuple[Callable[..., Network], str | None, int | None]] = {
    "multiplication_gate": (multiplication_gate, None, None),
    "squaring_gate": (squaring_gate, None, None),
    "copy_gate": (copy_gate, None, None),
    "flat_product": (flat_product, "number of factors", 3),
    "deep_product": (deep_product, "number of factors", 4),
    "bit_product": (bit_product, "number of bits k", 3),
    "fft": (fft, "number of points n = 2^k", 8),
    "walsh_hadamard": (walsh_hadamard, "number of points n = 2^k", 8),
    "low_rank": (low_rank, "size n (rank --k, default 2)", 8),
    "strassen": (strassen, "matrix size n = 2^k", 2),
    "naive_matmul": (naive_matmul, "matrix size n", 2),
    "matmul_linear": (matmul_linear, "matrix size n = 2^k", 4),
}


def build(name: str, n: int | None = None, **options: Any) -> Network:
    """Build a gallery network by name (``-`` and ``_`` are interchangeable).

    Parameters
    ----------
    name : str
        A key of :data:`GALLERY`.
    n : int, optional
        The size, for the networks that have one.
    **options
        Keyword arguments of the builder (``lam``, ``shift``, ``beta``).

    Examples
    --------
    >>> build("flat-product", 2).neuron_count
    4
    >>> build("bit_product", 2, lam=1)
    Traceback (most recent call last):
    ...
    symflat.errors.NetworkError: bit_product does not take lam (it takes: k, beta)
    """
    key = name.replace("-", "_")
    if key not in GALLERY:
        raise NetworkError(f"unknown network {name!r}; the gallery has {', '.join(GALLERY)}")
    builder, meaning, default = GALLERY[key]
    params = list(inspect.signature(builder).parameters)
    for option in options:
        if option not in params[1 if meaning else 0:]:
            raise NetworkError(f"{key} does not take {option} (it takes: {', '.join(params)})")
    if meaning is None:
        if n is not None:
            raise NetworkError(f"{key} has a fixed size and takes no n")
        return builder(**options)
    return builder(default if n is None else n, **options)
