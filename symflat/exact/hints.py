"""The one suggestion shown when a user writes a float where an exact number is needed.

A decimal typed as text (``"0.1"``) is converted from its digits, so the hint is its exact value;
a float already in binary (``0.1`` read from JSON or passed from Python) is replaced by the
simplest fraction within 10^-12 of it (``Fraction.limit_denominator``), which is what the user
meant in practice.
"""

from __future__ import annotations

import math
from fractions import Fraction

__all__ = ["fraction_hint", "nearby_fraction"]

#: Longest accepted number literal, in digits; a longer decimal gets a generic hint (its exact
#: value would be an enormous fraction).
MAX_DIGITS = 1000

#: Largest denominator suggested for a binary float.
MAX_DENOMINATOR = 10**12

#: A suggested fraction longer than this (digits of numerator and denominator) is no help.
MAX_HINT_DIGITS = 60


def nearby_fraction(value: float | str) -> Fraction | None:
    """The exact fraction to suggest for a float or a decimal literal; ``None`` if none helps.

    Parameters
    ----------
    value : float or str
        A float, or the text of a decimal literal such as ``"2.5e-2"``.

    Examples
    --------
    >>> nearby_fraction("2.5e-2"), nearby_fraction(1 / 3), nearby_fraction(float("nan"))
    (Fraction(1, 40), Fraction(1, 3), None)
    >>> nearby_fraction("1e400") is None    # 401 digits are no help
    True
    """
    if isinstance(value, str):
        mantissa, _, exponent = value.lower().partition("e")
        digits = exponent.lstrip("+-").lstrip("0")
        if len(mantissa) > MAX_DIGITS or len(digits) > 4 or (digits and int(digits) > MAX_DIGITS):
            return None
        exact = Fraction(value)
    elif math.isfinite(value):
        exact = Fraction(value).limit_denominator(MAX_DENOMINATOR)
    else:
        return None
    return exact if len(str(exact)) <= MAX_HINT_DIGITS else None


def fraction_hint(value: float | str) -> str:
    """``"write p/q"``: what to write instead of a float or a decimal literal.

    Examples
    --------
    >>> fraction_hint("0.25"), fraction_hint("1e3"), fraction_hint(0.1), fraction_hint(1 / 3)
    ('write 1/4', 'write 1000', 'write 1/10', 'write 1/3')
    >>> fraction_hint("0.333"), fraction_hint(float("inf"))
    ('write 333/1000', 'write an exact, finite number')
    >>> fraction_hint("1e400")
    'write the number as a fraction of integers'
    """
    exact = nearby_fraction(value)
    if exact is not None:
        return f"write {exact}"
    if isinstance(value, float):
        return "write an exact, finite number"
    return "write the number as a fraction of integers"
