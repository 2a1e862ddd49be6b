"""The ``symflat`` command.

Each sub-command lives in its own module of :mod:`symflat.cli` and exposes
``register(subparsers)``, which adds its parser and sets ``run`` (a function of the parsed
arguments returning the exit status). A :class:`~symflat.errors.SymflatError` raised by a
command is a user mistake: it is printed as one line on stderr with exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from symflat.errors import SymflatError

#: Sub-command modules, in the order ``symflat --help`` lists them.
COMMANDS = ("network", "expand", "verify", "report", "width", "compile", "compare", "sweep")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line (exit status 2), like every mistake."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``symflat`` command, with every sub-command registered."""
    parser = _Parser(
        prog="symflat",
        description="Exact, symbolic checks of theorems about neural networks.",
    )
    from symflat.version import __version__

    parser.add_argument("--version", action="version", version=f"symflat {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"symflat.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``symflat`` command line; returns the exit status."""
    # Exact results may hold integers of more than 4300 digits, Python's default limit on
    # printing them; their size is bounded by the parser's and the engine's own limits.
    sys.set_int_max_str_digits(0)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, or a usage error already printed in one line
        return done.code if isinstance(done.code, int) else 2
    try:
        return int(args.run(args) or 0)
    except SymflatError as error:
        print(f"symflat {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"symflat {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
