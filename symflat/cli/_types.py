"""Argument types shared by the sub-commands: values refused by argparse, in one line."""

from __future__ import annotations

import argparse
import math

__all__ = ["MAX_DEGREE", "MAX_SECONDS", "degree", "seconds"]

#: Longest time limit accepted (one week): a larger one is a typo, and ``inf`` or ``nan`` would
#: reach timers and sleeps that cannot take them.
MAX_SECONDS = 7 * 24 * 3600.0

#: Highest total degree ``expand --degree`` takes: the exact Taylor polynomial of even one
#: sigmoid neuron through degree 50 already has coefficients of about 50 digits.
MAX_DEGREE = 50


def seconds(text: str) -> float:
    """A time limit in seconds: a finite number, positive and at most :data:`MAX_SECONDS`.

    Examples
    --------
    >>> seconds("2.5")
    2.5
    >>> seconds("nan")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: 'nan' is not a number of seconds between 0 and 604800
    """
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value <= MAX_SECONDS:  # false for nan too
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of seconds between 0 and {MAX_SECONDS:.0f}")
    return value



def degree(text: str) -> int:
    """A total degree of expansion: an integer from 0 to :data:`MAX_DEGREE`.

    Examples
    --------
    >>> degree("3")
    3
    >>> degree("1000000000")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '1000000000' is not a degree from 0 to 50
    """
    digits = text.strip()
    value = int(digits) if digits.isascii() and digits.isdigit() and len(digits) < 10 else -1
    if not 0 <= value <= MAX_DEGREE:
        raise argparse.ArgumentTypeError(f"{text!r} is not a degree from 0 to {MAX_DEGREE}")
    return value
