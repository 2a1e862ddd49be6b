"""The ``symflat`` command line: it parses arguments, calls the Python API and prints.

One module per sub-command (``network``, ``expand``, ``verify``, ``report``, ``width``,
``sweep``), each exposing ``register(subparsers)``; :mod:`symflat.cli.main` assembles them.
This is the top layer: it may import every package below it, and nothing imports it.
"""

from symflat.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
