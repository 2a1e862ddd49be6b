"""Options that several sub-commands share (``--proofs``, ``--store``, ``--jobs``), each
defined once so that their spelling, type, default and help never drift apart."""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["add_jobs", "add_proofs", "add_store", "workers"]


def workers(text: str) -> int:
    """A number of worker processes: 0 (one per CPU) or more.

    Examples
    --------
    >>> workers("0"), workers(" 3 ")
    (0, 3)
    >>> workers("-1")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '-1' is not a number of worker processes (0 = one per CPU)
    """
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit() and len(digits) < 6):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of worker processes (0 = one per CPU)")
    return int(digits)


def add_proofs(parser: argparse.ArgumentParser) -> None:
    """``--proofs DIR``: a folder of claim files instead of the paper's catalog."""
    parser.add_argument("--proofs", metavar="DIR", type=Path,
                        help="folder of claim files (default: the paper's catalog)")


def add_store(parser: argparse.ArgumentParser) -> None:
    """``--store PATH``: the SQLite store of verdicts and results."""
    parser.add_argument("--store", metavar="PATH", type=Path,
                        help="the SQLite store (default: $SYMFLAT_STORE, else "
                             "$XDG_CACHE_HOME/symflat/store.sqlite)")


def add_jobs(parser: argparse.ArgumentParser, what: str = "worker processes") -> None:
    """``--jobs N``: worker processes, one per CPU by default (0)."""
    parser.add_argument("--jobs", type=workers, default=0, metavar="N",
                        help=f"{what} (default 0: one per CPU)")
