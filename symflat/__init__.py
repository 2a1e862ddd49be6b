"""symflat: exact, symbolic checks of theorems about neural networks.

The public names are gathered here; each lives in a module with one topic:

* :mod:`symflat.nets.network` -- :class:`Network` and :func:`compose`;
* :mod:`symflat.nets.activations` -- :func:`get_activation` and Taylor coefficients;
* :mod:`symflat.nets.expansion` -- :func:`expand`, the exact Taylor expansion of a network;
* :mod:`symflat.paper.networks` -- the paper's networks (gates, flat and deep products...);
* :mod:`symflat.exact.expressions` -- the restricted parser for untrusted expression strings;
* :mod:`symflat.paper.compile` -- :func:`compile`, a verified network for any polynomial;
* :mod:`symflat.width.compare` -- :func:`compare`, that network beside the shallow width.

Examples
--------
>>> import symflat
>>> symflat.expand(symflat.flat_product(2), 2)["y"]
x1*x2
"""

from symflat.errors import (
    ActivationError,
    ExpansionError,
    ExpressionError,
    NetworkError,
    SymflatError,
)
from symflat.nets.activations import Activation, get_activation, sigma_symbol
from symflat.nets.expansion import Expansion, expand
from symflat.nets.network import Network, compose
from symflat.paper.compile import Compiled, compile
from symflat.paper.networks import (
    bit_product,
    copy_gate,
    deep_product,
    flat_product,
    multiplication_gate,
    shallow_network,
    squaring_gate,
)
from symflat.width.compare import Comparison, compare

__version__ = "0.2.0"

__all__ = [
    "Activation",
    "ActivationError",
    "Comparison",
    "Compiled",
    "Expansion",
    "ExpansionError",
    "ExpressionError",
    "Network",
    "NetworkError",
    "SymflatError",
    "__version__",
    "bit_product",
    "compare",
    "compile",
    "compose",
    "copy_gate",
    "deep_product",
    "expand",
    "flat_product",
    "get_activation",
    "multiplication_gate",
    "shallow_network",
    "sigma_symbol",
    "squaring_gate",
]
