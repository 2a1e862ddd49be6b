"""The registry of checkers: name -> function deciding a claim, with its parameter schema."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from symflat.verify.claims import Claim, ClaimError, Verdict

__all__ = ["MAX_ITEMS", "Param", "Checker", "REGISTRY", "checker", "validate_parameters",
           "run_check"]

#: Most items a list parameter (or a matrix parameter, in rows and in each row) may hold.
MAX_ITEMS = 64

#: The kinds made of integers: each states its ``limit``.
_INTEGER_KINDS = ("int", "nonneg_int", "positive_int", "int_list", "int_range", "int_matrix")

_KINDS = {
    "int": "an integer",
    "nonneg_int": "a non-negative integer",
    "positive_int": "a positive integer",
    "int_list": "a list of integers",
    "int_range": "a range [lo, hi] of two integers with lo <= hi",
    "str": "a string",
    "str_list": "a list of strings",
    "bool": "true or false",
    "int_matrix": "a list of lists of integers",
    "table": "a table",
}


@dataclass(frozen=True)
class Param:
    """One parameter a checker reads from a claim's ``[claim.parameters]`` table.

    Attributes
    ----------
    kind : str
        ``int``, ``nonneg_int``, ``positive_int``, ``int_list``, ``int_range`` (``[lo, hi]``,
        inclusive and ascending: ``[8, 1]`` is refused, not read as the list 8, 1), ``str``
        (an expression string
        of :mod:`symflat.exact.expressions` unless documented otherwise), ``str_list``, ``bool``,
        ``int_matrix`` or ``table``.
    doc : str
        What it means.
    required : bool
        Whether a claim must give it.
    default : Any
        Its value when absent.
    limit : int or None
        The largest absolute value of the integer, or of each integer of the list or matrix,
        a claim may give: the checker's work grows with it (an ``[lo, hi]`` range holds at
        most ``2 * limit + 1`` values). Required for the integer kinds. Lists and matrices
        hold at most :data:`MAX_ITEMS` items (rows, and items per row).
    minimum : int or None
        The smallest integer the checker can check (a size below it is not a case of the
        claim: ``[-1, 3]`` numbers of variables is a mistake, refused when the claim is read
        rather than turned into a verdict). Only for the integer kinds.

    Examples
    --------
    >>> Param("int_list", "sizes", limit=8).problem([1, 9])
    'must be at most 8 in absolute value, not 9'
    >>> Param("int_range", "[lo, hi] sizes", limit=8, minimum=1).problem([-1, 3])
    'must be at least 1, not -1'
    >>> Param("int_range", "[lo, hi] sizes", limit=8).accepts([8, 1])
    False
    >>> Param("int", "a power")
    Traceback (most recent call last):
    ...
    ValueError: an int parameter needs a limit
    """

    kind: str
    doc: str
    required: bool = False
    default: Any = None
    limit: int | None = None
    minimum: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"unknown parameter kind {self.kind!r}")
        if (self.limit is None) == (self.kind in _INTEGER_KINDS):
            raise ValueError(f"an {self.kind} parameter needs a limit" if self.limit is None
                             else f"a {self.kind} parameter takes no limit")
        if self.minimum is not None and (self.kind not in _INTEGER_KINDS
                                         or not -self.limit <= self.minimum <= self.limit):
            raise ValueError(f"minimum {self.minimum} of a {self.kind} parameter")
        if self.default is not None and self.problem(self.default) is not None:
            raise ValueError(f"default {self.default!r}: {self.problem(self.default)}")

    def problem(self, value: Any) -> str | None:
        """Why a claim may not give ``value`` (of the right kind), or None if it may."""
        refusal = self.refusal(value)
        return None if refusal is None else refusal[0]

    def refusal(self, value: Any) -> tuple[str, str] | None:
        """``(what is wrong with value, why the checker has the rule)``, or None."""
        bounded = "which keeps its work bounded"
        items = value if isinstance(value, list) else []
        if len(items) > MAX_ITEMS or any(
                isinstance(row, list) and len(row) > MAX_ITEMS for row in items):
            return f"must hold at most {MAX_ITEMS} items", bounded
        if self.limit is None:
            return None
        rows = items if isinstance(value, list) else [value]
        numbers = [v for row in rows for v in (row if isinstance(row, list) else [row])]
        largest = max(map(abs, numbers), default=0)
        if largest > self.limit:
            return f"must be at most {self.limit} in absolute value, not {largest}", bounded
        smallest = min(numbers, default=None)
        if self.minimum is not None and smallest is not None and smallest < self.minimum:
            return (f"must be at least {self.minimum}, not {smallest}",
                    "the smallest case it can check")
        return None

    def accepts(self, value: Any) -> bool:
        """Whether ``value`` (a TOML value) has this parameter's kind."""

        def is_int(v: Any) -> bool:
            return isinstance(v, int) and not isinstance(v, bool)

        kind = self.kind
        if kind == "int":
            return is_int(value)
        if kind == "nonneg_int":
            return is_int(value) and value >= 0
        if kind == "positive_int":
            return is_int(value) and value > 0
        if kind == "int_list":
            return isinstance(value, list) and all(is_int(v) for v in value)
        if kind == "int_range":  # a reversed range would check its two ends only
            return (isinstance(value, list) and len(value) == 2 and all(map(is_int, value))
                    and value[0] <= value[1])
        if kind == "str":
            return isinstance(value, str) and bool(value.strip())
        if kind == "str_list":
            return isinstance(value, list) and all(isinstance(v, str) for v in value)
        if kind == "bool":
            return isinstance(value, bool)
        if kind == "int_matrix":
            return isinstance(value, list) and all(
                isinstance(row, list) and all(is_int(v) for v in row) for row in value
            )
        return isinstance(value, Mapping)


@dataclass(frozen=True)
class Checker:
    """A registered checker: its name, function and parameter schema."""

    name: str
    function: Callable[[Claim], Verdict]
    params: Mapping[str, Param] = field(default_factory=dict)
    doc: str = ""


#: Checkers by the name claims use in their ``checker`` field.
REGISTRY: dict[str, Checker] = {}


def checker(name: str, **params: Param) -> Callable[[Callable[[Claim], Verdict]], Callable]:
    """Register ``function(claim) -> Verdict`` under ``name`` with its parameter schema."""

    def decorate(function: Callable[[Claim], Verdict]) -> Callable[[Claim], Verdict]:
        if name in REGISTRY:
            raise ValueError(f"checker {name!r} registered twice")
        doc = (function.__doc__ or "").strip().splitlines()
        REGISTRY[name] = Checker(name, function, dict(params), doc[0] if doc else "")
        return function

    return decorate


def validate_parameters(claim: Claim) -> None:
    """Check a claim's parameters against its checker's schema.

    Raises
    ------
    ClaimError
        Unknown checker, unknown parameter, missing required parameter or wrong kind; the
        message names the file, the claim and the field ``parameters.NAME``.
    """
    entry = REGISTRY.get(claim.checker)
    where = f"{claim.source}: claim '{claim.id}'"
    if entry is None:
        raise ClaimError(f"{where}: field 'checker': unknown checker {claim.checker!r}")
    for key, value in claim.parameters.items():
        if key not in entry.params:
            known = ", ".join(entry.params) or "none"
            raise ClaimError(
                f"{where}: field 'parameters.{key}': checker '{claim.checker}' takes no such "
                f"parameter (it takes: {known})"
            )
        spec = entry.params[key]
        if not spec.accepts(value):
            raise ClaimError(
                f"{where}: field 'parameters.{key}': must be {_KINDS[spec.kind]}, not "
                f"{_short(value)}"
            )
        refusal = spec.refusal(value)
        if refusal is not None:
            problem, why = refusal
            raise ClaimError(f"{where}: field 'parameters.{key}': {problem} (a limit of "
                             f"checker '{claim.checker}': {why})")
    for key, spec in entry.params.items():
        if spec.required and key not in claim.parameters:
            raise ClaimError(f"{where}: field 'parameters.{key}': missing (required: {spec.doc})")


def _short(value: Any) -> str:
    """``repr(value)``, cut to one short line (a hostile value may be huge)."""
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**50 else "a huge integer"
    return text if len(text) <= 80 else text[:77] + "..."


def run_check(claim: Claim) -> Verdict:
    """Decide ``claim`` with its checker; the verdict carries the time it took.

    Raises
    ------
    ClaimError
        The claim names an unknown checker or has parameters the checker rejects.
    """
    validate_parameters(claim)
    entry = REGISTRY[claim.checker]
    start = time.perf_counter()
    verdict = entry.function(claim)
    if verdict.claim_id != claim.id:
        raise AssertionError(f"checker {claim.checker} answered for {verdict.claim_id}")
    return verdict.with_seconds(time.perf_counter() - start)
