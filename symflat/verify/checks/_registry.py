"""The registry of checkers: name -> function deciding a claim, with its parameter schema."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from symflat.verify.claims import Claim, ClaimError, Verdict

__all__ = ["Param", "Checker", "REGISTRY", "checker", "validate_parameters", "run_check"]

_KINDS = {
    "int": "an integer",
    "nonneg_int": "a non-negative integer",
    "positive_int": "a positive integer",
    "int_list": "a list of integers",
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
        ``int``, ``nonneg_int``, ``positive_int``, ``int_list``, ``str`` (an expression string
        of :mod:`symflat.exact.expressions` unless documented otherwise), ``str_list``, ``bool``,
        ``int_matrix`` or ``table``.
    doc : str
        What it means.
    required : bool
        Whether a claim must give it.
    default : Any
        Its value when absent.
    """

    kind: str
    doc: str
    required: bool = False
    default: Any = None

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"unknown parameter kind {self.kind!r}")

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
                f"{where}: field 'parameters.{key}': must be {_KINDS[spec.kind]}, not {value!r}"
            )
    for key, spec in entry.params.items():
        if spec.required and key not in claim.parameters:
            raise ClaimError(f"{where}: field 'parameters.{key}': missing (required: {spec.doc})")


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
