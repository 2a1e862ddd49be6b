"""The ``symflat`` command.

Each sub-command lives in its own module of :mod:`symflat.cli` and exposes
``register(subparsers)``, which adds its parser and sets ``run`` (a function of the parsed
arguments returning the exit status). A :class:`~symflat.errors.SymflatError` raised by a
command is a user mistake: it is printed as one line on stderr with exit status 2. The library
names a parameter in backquotes (`` `max_degree` must be between 1 and 8``); the message shows
the option of the command that sets it instead (``--max-degree must be between 1 and 8``).
"""

from __future__ import annotations

import argparse
import importlib
import re
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


def as_options(message: str, parser: argparse.ArgumentParser) -> str:
    """``message`` with each backquoted parameter that an option of ``parser`` sets shown as
    that option (its longest spelling); other backquoted names are left as they are.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> _ = parser.add_argument("-d", "--max-degree", dest="max_degree", type=int)
    >>> as_options("`max_degree` must be between 1 and 8; `path` is not used", parser)
    '--max-degree must be between 1 and 8; `path` is not used'
    """
    flags = {action.dest: max(action.option_strings, key=len)
             for action in parser._actions if action.option_strings}
    return re.sub(r"`(\w+)`", lambda m: flags.get(m.group(1), m.group(0)), message)


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
        command = parser._subparsers._group_actions[0].choices[args.command]
        print(f"symflat {args.command}: error: {as_options(str(error), command)}",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"symflat {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
