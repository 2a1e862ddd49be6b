"""How far a verdict reaches: every parameter, a stated range, or sampled instances.

A :class:`Scope` is part of every :class:`~symflat.verify.claims.Verdict`. Its ``kind`` is

``all``
    the check is a proof for every value of the claim's parameters (a symbolic identity, an
    induction whose step is checked symbolically), or the claim has no parameter at all;
``range``
    the check is exact for the parameter values named in ``detail`` (``n = 2..8``) and says
    nothing beyond them;
``instances``
    the check is exact on ``count`` instances drawn by a generator (``generator``: its name,
    seeds and sizes, enough to draw them again), or on the single instance of a
    counterexample;
``none``
    nothing was decided (a checker that crashed or did not finish): only for ``inconclusive``.

How it combines with the verdict (enforced by ``Verdict``): ``verified`` needs ``all`` or
``range`` and is always displayed with its scope (``verified for all n``, ``verified for
n = 2..8``); exact checks on sampled instances get the status ``sampled``, displayed as
``holds on all 50 instances``, never ``verified``, and never counted as proofs.

Examples
--------
>>> Scope.for_all("all n ≥ 1").text()
'for all n ≥ 1'
>>> Scope.for_range("n", [2, 3, 4, 5, 8]).text()
'for n = 2..5, 8'
>>> s = Scope.for_instances(50, "seeded Markov chains", {"seeds": [0, 9]})
>>> s.text(), Scope.from_dict(s.to_dict()) == s
('on all 50 seeded Markov chains', True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["SCOPE_KINDS", "Scope", "format_values", "verdict_label"]

#: The kinds of scope, widest first.
SCOPE_KINDS = ("all", "range", "instances", "none")


def format_values(values: Iterable[int]) -> str:
    """Integers as runs: ``2..5, 8`` (sorted, duplicates dropped).

    Examples
    --------
    >>> format_values([8, 2, 3, 4, 5, 3])
    '2..5, 8'
    >>> format_values([2, 4, 8, 16])
    '2, 4, 8, 16'
    >>> format_values([])
    '(none)'
    """
    numbers = sorted(set(values))
    if not numbers:
        return "(none)"
    runs: list[list[int]] = [[numbers[0], numbers[0]]]
    for value in numbers[1:]:
        if value == runs[-1][1] + 1:
            runs[-1][1] = value
        else:
            runs.append([value, value])
    parts = []
    for lo, hi in runs:
        if lo == hi:
            parts.append(str(lo))
        elif hi == lo + 1:
            parts.append(f"{lo}, {hi}")
        else:
            parts.append(f"{lo}..{hi}")
    return ", ".join(parts)


@dataclass(frozen=True)
class Scope:
    """How far a verdict reaches (see the module docstring).

    Attributes
    ----------
    kind : str
        One of :data:`SCOPE_KINDS`.
    detail : str
        What it reaches, as words that follow "for" (``all n ≥ 1``, ``n = 2..8``) or, for
        instances, "on all N" (``seeded Markov chains``).
    count : int or None
        The number of instances (``instances`` only).
    generator : Mapping
        How the instances were drawn (name, seeds, sizes): enough to draw them again.

    Examples
    --------
    >>> Scope("instances", "chains", count=3)
    Traceback (most recent call last):
    ...
    ValueError: a scope of instances needs the generator that drew them
    """

    kind: str
    detail: str
    count: int | None = None
    generator: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if self.kind not in SCOPE_KINDS:
            raise ValueError(f"unknown scope kind {self.kind!r}")
        if not self.detail.strip():
            raise ValueError("a scope needs a detail")
        if self.kind == "instances":
            if self.count is None or self.count < 1:
                raise ValueError("a scope of instances needs their count (at least 1)")
            if not self.generator:
                raise ValueError("a scope of instances needs the generator that drew them")
        elif self.count is not None:
            raise ValueError(f"a scope of kind {self.kind} has no count")

    @classmethod
    def for_all(cls, detail: str = "the statement as printed") -> Scope:
        """A proof for every parameter value (``detail``: ``all n ≥ 1``, ...)."""
        return cls("all", detail)

    @classmethod
    def for_range(cls, name: str, values: Iterable[int]) -> Scope:
        """Exact for the values of one parameter: ``n = 2..8``."""
        return cls("range", f"{name} = {format_values(values)}")

    @classmethod
    def for_ranges(cls, **ranges: Iterable[int]) -> Scope:
        """Exact for the values of several parameters: ``n = 0..8, d = 0..8``.

        Examples
        --------
        >>> Scope.for_ranges(n=range(0, 9), d=[2]).detail
        'n = 0..8, d = 2'
        """
        return cls("range", ", ".join(f"{k} = {format_values(v)}" for k, v in ranges.items()))

    @classmethod
    def for_instances(cls, count: int, detail: str, generator: Mapping[str, Any]) -> Scope:
        """Exact on ``count`` instances drawn by ``generator``."""
        return cls("instances", detail, count, dict(generator))

    @classmethod
    def at(cls, **values: Any) -> Scope:
        """The single instance of a counterexample: ``Scope.at(n=3)``.

        Examples
        --------
        >>> Scope.at(n=3, d=2).text()
        'at n = 3, d = 2'
        """
        detail = ", ".join(f"{k} = {v}" for k, v in values.items())
        return cls("instances", detail, 1, {"counterexample": dict(values)})

    @classmethod
    def nothing(cls, why: str) -> Scope:
        """Nothing decided (``why``: the checker crashed, the worker died)."""
        return cls("none", why)

    def text(self) -> str:
        """The words after the verdict: ``for all n``, ``for n = 2..8``, ``on all 50 ...``."""
        if self.kind == "instances":
            if self.count == 1 and "counterexample" in self.generator:
                return f"at {self.detail}"
            return f"on all {self.count} {self.detail}"
        if self.kind == "none":
            return f"({self.detail})"
        return f"for {self.detail}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (inverse of :meth:`from_dict`)."""
        data: dict[str, Any] = {"kind": self.kind, "detail": self.detail}
        if self.count is not None:
            data["count"] = self.count
        if self.generator:
            data["generator"] = dict(self.generator)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scope:
        """Rebuild a scope from :meth:`to_dict` output."""
        return cls(str(data["kind"]), str(data["detail"]), data.get("count"),
                   dict(data.get("generator") or {}))


def verdict_label(status: str, scope: Scope | None) -> str:
    """How a verdict reads with its scope: ``verified for all n``, ``holds on all 50 ...``.

    Examples
    --------
    >>> verdict_label("verified", Scope.for_range("n", range(2, 9)))
    'verified for n = 2..8'
    >>> verdict_label("sampled", Scope.for_instances(30, "joint distributions", {"seed": 0}))
    'holds on all 30 joint distributions'
    >>> verdict_label("refuted", Scope.at(n=3))
    'refuted at n = 3'
    """
    if scope is None:
        return status
    if status == "sampled":
        return f"holds {scope.text()}"
    return f"{status} {scope.text()}"
