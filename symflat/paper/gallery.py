"""The gallery: every named network of symflat, by name, for the command line.

Examples
--------
>>> sorted(GALLERY)[:3]
['bit_product', 'copy_gate', 'deep_product']
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
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

__all__ = ["GALLERY", "MAX_SYNAPSES", "Entry", "build"]

#: Largest network :func:`build` makes by default, in synapses (a few seconds to build).
MAX_SYNAPSES = 250_000


@dataclass(frozen=True)
class Entry:
    """A gallery network: its builder, what its size ``n`` means, its default ``n``, and an
    upper bound on its synapse count as a function of ``n`` (checked against the built graphs
    in the tests), so that an oversized request is refused before anything is built."""

    builder: Callable[..., Network]
    meaning: str | None = None
    default: int | None = None
    synapses: Callable[[int], int] = lambda n: 64


def _log2(n: int) -> int:
    return max(n, 2).bit_length()


#: Gallery networks by name.
GALLERY: dict[str, Entry] = {
    "multiplication_gate": Entry(multiplication_gate),
    "squaring_gate": Entry(squaring_gate),
    "copy_gate": Entry(copy_gate),
    "flat_product": Entry(flat_product, "number of factors", 3, lambda n: (n + 1) << n),
    "deep_product": Entry(deep_product, "number of factors", 4, lambda n: 12 * n),
    "bit_product": Entry(bit_product, "number of bits k", 3, lambda n: n + 1),
    "fft": Entry(fft, "number of points n = 2^k", 8, lambda n: 2 * n * _log2(n)),
    "walsh_hadamard": Entry(walsh_hadamard, "number of points n = 2^k", 8,
                            lambda n: 2 * n * _log2(n)),
    "low_rank": Entry(low_rank, "size n (rank --k, default 2)", 8, lambda n: 2 * n * n),
    "strassen": Entry(strassen, "matrix size n = 2^k", 2, lambda n: 60 * n**3),
    "naive_matmul": Entry(naive_matmul, "matrix size n", 2, lambda n: 15 * n**3),
    "matmul_linear": Entry(matmul_linear, "matrix size n = 2^k", 4, lambda n: 6 * n**3),
}


def build(name: str, n: int | None = None, *, max_synapses: int = MAX_SYNAPSES,
          **options: Any) -> Network:
    """Build a gallery network by name (``-`` and ``_`` are interchangeable).

    Parameters
    ----------
    name : str
        A key of :data:`GALLERY`.
    n : int, optional
        The size, for the networks that have one.
    max_synapses : int
        Refuse (before building) a network that would have more synapses than this.
    **options
        Keyword arguments of the builder (``lam``, ``shift``, ``beta``, ``k``).

    Examples
    --------
    >>> build("flat-product", 2).neuron_count
    4
    >>> build("bit_product", 2, lam=1)
    Traceback (most recent call last):
    ...
    symflat.errors.NetworkError: bit_product does not take lam (it takes: beta)
    >>> build("flat_product", 30)
    Traceback (most recent call last):
    ...
    symflat.errors.NetworkError: flat_product with n = 30 would have more than 250000 synapses; \
choose a smaller n
    """
    key = name.replace("-", "_")
    if key not in GALLERY:
        raise NetworkError(f"unknown network {name!r}; the gallery has {', '.join(GALLERY)}")
    entry = GALLERY[key]
    params = list(inspect.signature(entry.builder).parameters)
    size, takes = (params[0], params[1:]) if entry.meaning else (None, params)
    for option in options:
        if option == size:
            raise NetworkError(f"{key} takes its {entry.meaning} as `n`, not as {option}")
        if option not in takes:
            listed = ", ".join(takes) if takes else "no options"
            raise NetworkError(f"{key} does not take {option} (it takes: {listed})")
    if entry.meaning is None:
        if n is not None:
            raise NetworkError(f"{key} has a fixed size and takes no n")
        return entry.builder(**options)
    n = entry.default if n is None else n
    if isinstance(n, bool) or not isinstance(n, int):
        raise NetworkError(f"{key}: n must be an integer, not {n!r}")
    # Sizes are checked by bits first, so that n = 10**9 costs nothing to refuse; a size below
    # 1 is left to the builder, which says what it accepts.
    if n >= 1 and (n.bit_length() > 40 or entry.synapses(n) > max_synapses):
        raise NetworkError(f"{key} with n = {n} would have more than {max_synapses} synapses; "
                           "choose a smaller n")
    return entry.builder(n, **options)
