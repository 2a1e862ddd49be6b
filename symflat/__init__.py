"""symflat: exact, symbolic checks of theorems about neural networks.

Every command of the ``symflat`` command line has a Python function here, with the same
options and defaults, returning values rather than text:

* ``symflat.network(name, n, **params)`` -- a gallery network (:func:`symflat.paper.gallery.build`);
* ``symflat.expand(network, degree, activation=...)`` -- its exact Taylor polynomials;
* ``symflat.width(poly, model=..., timeout=...)`` -- the minimal hidden width with certificates
  (:func:`symflat.width.minimal_width`);
* ``symflat.sweep(family, ...)`` -- widths over a family (:func:`symflat.verify.sweep.sweep`);
* ``symflat.verify(ids=None, proofs=None, store=None, jobs=1)`` -- verdicts on the paper's
  claims (:func:`symflat.verify.runner.verify`);
* ``symflat.report(format=..., out=...)`` -- the proof report (:func:`symflat.report.api.report`);
* ``symflat.compile(poly)`` and ``symflat.compare(poly)`` -- a deep network for a polynomial,
  beside the shallow width.

``symflat.width``, ``symflat.verify``, ``symflat.sweep`` and ``symflat.report`` are packages
that can be called: ``from symflat.width import lower_bound`` still imports from the package.
Errors are the :class:`SymflatError` subclasses that the command line prints as one line.
The other public names, each from a module with one topic:

* :mod:`symflat.nets.network` -- :class:`Network` and :func:`compose`;
* :mod:`symflat.nets.io` -- ``read_network``, and ``from_json``/``from_dot``, which read back
  ``net.to_json()`` and ``net.to_dot()``;
* :mod:`symflat.nets.activations` -- :func:`get_activation` and Taylor coefficients;
* :mod:`symflat.nets.expansion` -- :func:`expand`, the exact Taylor expansion of a network;
* :mod:`symflat.paper.networks` -- the paper's networks (gates, flat and deep products...);
* :mod:`symflat.exact.expressions` -- the restricted parser for untrusted expression strings;
* :mod:`symflat.exact.polynomial` -- :class:`Polynomial`, the one exact polynomial type (flint
  inside), and :func:`parse_polynomial`;
* :mod:`symflat.paper.compile` -- :func:`compile`, a verified network for any polynomial;
* :mod:`symflat.width.compare` -- :func:`compare`, that network beside the shallow width.

Examples
--------
>>> import symflat
>>> symflat.expand(symflat.flat_product(2), 2)["y"]
x1*x2
"""

from symflat import report, verify, width  # the packages, made callable below
from symflat._callable import make_callable
from symflat.errors import (
    ActivationError,
    ExpansionError,
    ExpressionError,
    NetworkError,
    SymflatError,
)
from symflat.exact.polynomial import Polynomial
from symflat.nets.activations import Activation, get_activation, sigma_symbol
from symflat.nets.expansion import Expansion, expand
from symflat.nets.network import Network, compose
from symflat.paper.compile import Compiled, compile
from symflat.paper.gallery import build as network
from symflat.paper.networks import (
    bit_product,
    copy_gate,
    deep_product,
    flat_product,
    multiplication_gate,
    shallow_network,
    squaring_gate,
)
from symflat.report.api import report as _report
from symflat.verify import sweep
from symflat.verify.runner import verify as _verify
from symflat.verify.sweep.runner import sweep as _sweep
from symflat.version import __version__
from symflat.width.compare import Comparison, compare
from symflat.width.result import minimal_width as _minimal_width

make_callable(width, _minimal_width)
make_callable(verify, _verify)
make_callable(sweep, _sweep)
make_callable(report, _report)


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
    "Polynomial",
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
    "network",
    "report",
    "shallow_network",
    "sigma_symbol",
    "squaring_gate",
    "sweep",
    "verify",
    "width",
]
