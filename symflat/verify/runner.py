"""Deciding claims: the Python API of ``symflat verify``.

:func:`verify` reads the catalog (or a folder of claims), takes each verdict from the store
when it holds one for the claim's current spec, and checks the others, in this process or in
:class:`symflat.executor.Executor` workers (``jobs``). Fresh verdicts go to the store, except
those of a checker that crashed or a worker that died (they say nothing about the claim, and
are retried next time). This module also validates claims against the checker registry
(:func:`load_catalog`), so that :mod:`symflat.verify.claims` needs no checker.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from symflat.display import badge, prose_html, table
from symflat.errors import SymflatError
from symflat.exact.printing import counted
from symflat.executor import Executor, progress_bar
from symflat.verify.checks import REGISTRY, run_check, validate_parameters
from symflat.verify.claims import STATUSES, Claim, Verdict, load_claims, select_claims
from symflat.verify.scope import Scope
from symflat.verify.store import Store, open_store

__all__ = ["Outcome", "Verification", "check_claim", "load_catalog", "verify", "verify_claims"]


@dataclass(frozen=True)
class Outcome:
    """A claim, its verdict, and whether the verdict came from the store."""

    claim: Claim
    verdict: Verdict
    cached: bool

    @property
    def id(self) -> str:
        """The claim's id."""
        return self.claim.id

    @property
    def status(self) -> str:
        """The verdict: ``verified``, ``refuted``, ``conditional`` or ``inconclusive``."""
        return self.verdict.status

    @property
    def evidence(self) -> str:
        """One line of evidence for the verdict."""
        return self.verdict.evidence

    @property
    def corrected(self) -> str | None:
        """The corrected statement (LaTeX), when the printed one is refuted or conditional."""
        return self.verdict.corrected

    def __repr__(self) -> str:
        source = "stored" if self.cached else "checked now"
        return f"Outcome({self.id!r}, {self.verdict.label!r}, {source})"

    def _repr_html_(self) -> str:
        return f"<div><b>{escape(self.claim.title)}</b></div>" + self.verdict._repr_html_()

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` object of this claim."""
        c, v = self.claim, self.verdict
        return {
            "id": c.id,
            "title": c.title,
            "status": v.status,
            "scope": v.scope.to_dict() if v.scope is not None else None,
            "label": v.label,
            "statement": c.statement,
            "where": c.where(),
            "section": c.section,
            "equation": c.equation,
            "evidence": v.evidence,
            "corrected": v.corrected,
            "numerical": v.numerical,
            "details": list(v.details),
            "certificate": v.to_dict()["certificate"],
            "hypotheses": list(c.hypotheses),
            "depends": list(c.depends),
            "checker": c.checker,
            "parameters": c.to_dict()["parameters"],
            "source": c.source,
            "cached": self.cached,
            "seconds": round(v.seconds, 4),
        }


class Verification(tuple[Outcome, ...]):
    """The outcomes of a run, in the order of the claims asked for (a tuple of Outcome).

    Examples
    --------
    >>> result = verify_claims(select_claims(load_catalog(), ["eq28", "eq12"]))
    >>> [o.claim.id for o in result], result.checked
    (['eq28', 'eq12'], 2)
    >>> {s: n for s, n in result.counts.items() if n}, result.verdicts["eq12"].status
    ({'verified': 1, 'refuted': 1}, 'verified')
    >>> result
    Verification(2 claims: 1 verified (1 for all parameters, 0 for a range), 1 refuted)
    >>> result[0]
    Outcome('eq28', 'refuted for every n ≥ 1', checked now)
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Verification({self.summary()})"

    @property
    def checked(self) -> int:
        """How many verdicts were computed now (not read from the store)."""
        return sum(not o.cached for o in self)

    @property
    def counts(self) -> dict[str, int]:
        """Number of verdicts per status, in the order of :data:`STATUSES`."""
        counts = Counter(o.verdict.status for o in self)
        return {status: counts[status] for status in STATUSES}

    def _repr_html_(self) -> str:
        """The report's summary table: id, claim, where, verdict badge, evidence."""
        rows = [(escape(o.id), escape(o.claim.title), escape(o.claim.where()),
                 f"{badge(o.status)} {escape(o.verdict.scope.text()) if o.verdict.scope else ''}",
                 prose_html(o.evidence)) for o in self]
        return (f"<p>{escape(self.summary())}</p>"
                + table(["Id", "Claim", "Where", "Verdict", "Evidence"], rows,
                        raw_columns=range(5)))

    @property
    def reach(self) -> dict[str, int]:
        """How far the verified and sampled verdicts reach: ``proved`` (verified for all
        parameters), ``range`` (verified for a named range) and ``instances`` (sampled).

        Examples
        --------
        >>> verify_claims(select_claims(load_catalog(), ["eq12", "low-rank"])).reach
        {'proved': 1, 'range': 0, 'instances': 0}
        """
        kinds = Counter(o.verdict.scope.kind for o in self
                        if o.verdict.status in ("verified", "sampled") and o.verdict.scope)
        return {"proved": kinds["all"], "range": kinds["range"], "instances": kinds["instances"]}

    def summary(self) -> str:
        """One line: the verdicts counted, proofs for all parameters apart from ranges and
        sampled instances (which are never counted as proofs).

        Examples
        --------
        >>> verify_claims(select_claims(load_catalog(), ["eq28", "eq12"])).summary()
        '2 claims: 1 verified (1 for all parameters, 0 for a range), 1 refuted'
        """
        reach = self.reach
        parts = []
        for status, n in self.counts.items():
            if not n:
                continue
            if status == "verified":
                parts.append(f"{n} verified ({reach['proved']} for all parameters, "
                             f"{reach['range']} for a range)")
            elif status == "sampled":
                parts.append(f"{n} sampled (holds on every instance checked, not a proof)")
            else:
                parts.append(f"{n} {status}")
        return f"{counted(len(self), 'claim')}: " + ", ".join(parts)

    @property
    def verdicts(self) -> dict[str, Verdict]:
        """The verdicts by claim id."""
        return {o.claim.id: o.verdict for o in self}


def load_catalog(proofs: str | os.PathLike | None = None) -> list[Claim]:
    """The claims of a folder (the paper's catalog by default), checked against the registry.

    Raises
    ------
    ClaimError
        A malformed file, an unknown checker, parameters the checker does not accept.

    Examples
    --------
    >>> len(load_catalog()) == len(load_claims())
    True
    """
    return load_claims(proofs, known_checkers=REGISTRY, validate=validate_parameters)


def check_claim(claim: Claim) -> Verdict:
    """Run a claim's checker; a crash of the checker (a bug) becomes an inconclusive verdict.

    Examples
    --------
    >>> check_claim(select_claims(load_catalog(), ["eq12"])[0]).status
    'verified'
    """
    try:
        return run_check(claim)
    except SymflatError:
        raise
    except Exception as error:  # noqa: BLE001 - reported, not stored
        return Verdict(claim.id, "inconclusive",
                       f"the checker '{claim.checker}' failed: {type(error).__name__}: {error}",
                       certificate={"crashed": True}, scope=Scope.nothing("the checker failed"))


def _unfinished(claim: Claim, why: str) -> Verdict:
    """The verdict of a claim whose check did not finish (its worker died): not stored."""
    return Verdict(claim.id, "inconclusive", f"the check did not finish: {why}",
                   certificate={"crashed": True}, scope=Scope.nothing("the check did not finish"))


def verify_claims(
    claims: Sequence[Claim],
    store: Store | None = None,
    *,
    jobs: int = 1,
    refresh: bool = False,
    progress: bool | None = None,
    on_result: Callable[[Outcome], None] | None = None,
) -> Verification:
    """Decide ``claims``, reading and writing verdicts in ``store``.

    Parameters
    ----------
    claims : sequence of Claim
        What to check; outcomes come back in this order.
    store : symflat.verify.store.Store, optional
        Where verdicts are cached (nothing is cached without one).
    jobs : int
        Worker processes (1: in this process; <= 0: one per CPU).
    refresh : bool
        Ignore stored verdicts and check every claim again.
    progress : bool or None
        Show a progress bar on stderr (None: only when stderr is a terminal).
    on_result : callable, optional
        Called with each fresh :class:`Outcome` as it is decided.

    Examples
    --------
    >>> [o.verdict.status for o in verify_claims(select_claims(load_catalog(), ["eq12"]))]
    ['verified']
    """
    results: dict[str, Outcome] = {}
    todo: list[Claim] = []
    for claim in claims:
        cached = None if (refresh or store is None) else store.get_verdict(claim)
        if cached is not None:
            results[claim.id] = Outcome(claim, cached, True)
        else:
            todo.append(claim)

    def record(claim: Claim, verdict: Verdict) -> None:
        outcome = Outcome(claim, verdict, False)
        results[claim.id] = outcome
        if store is not None and not verdict.certificate.get("crashed"):
            store.put_verdict(claim, verdict)
        if on_result is not None:
            on_result(outcome)

    if todo:
        workers = min((os.cpu_count() or 1) if jobs <= 0 else jobs, len(todo))
        bar = progress_bar(len(todo), "verify", "claim", enabled=progress)
        try:
            for claim, verdict in _decide(todo, workers):
                record(claim, verdict)
                bar.set_postfix_str(claim.id)
                bar.update()
        finally:
            bar.close()
    return Verification(results[claim.id] for claim in claims)


def _decide(claims: Sequence[Claim], workers: int) -> Iterator[tuple[Claim, Verdict]]:
    """Yield ``(claim, verdict)`` as claims are decided, here or in ``workers`` processes."""
    if workers <= 1:
        for claim in claims:
            yield claim, check_claim(claim)
        return
    # A claim whose worker was killed is checked once more in a fresh worker (retries).
    executor = Executor(check_claim, workers=workers, preload=("symflat.verify.runner",),
                        name="symflat-verify", retries=1)
    for claim, outcome in executor.run(claims):
        if outcome.status == "raised":
            raise outcome.value  # a user's mistake in the claim (SymflatError)
        if outcome.status == "done":
            yield claim, outcome.value
        else:
            yield claim, _unfinished(claim, outcome.message)


def verify(
    ids: Sequence[str] | None = None,
    proofs: str | os.PathLike | None = None,
    store: Store | str | os.PathLike | None = None,
    jobs: int = 1,
    refresh: bool = False,
    progress: bool | None = None,
) -> Verification:
    """Decide the claims ``ids`` (all by default) of the catalog or of the folder ``proofs``.

    Parameters
    ----------
    ids : sequence of str, optional
        Claim ids, in the order wanted (every claim when empty).
    proofs : path, optional
        A folder of claim files (the paper's catalog by default).
    store : Store or path, optional
        Where verdicts are read from and written to (``refresh`` rebuilds an unreadable file
        given by its path); nothing is cached without one.
    jobs : int
        Worker processes (1: in this process; <= 0: one per CPU).
    refresh : bool
        Check every claim again.
    progress : bool or None
        Show a progress bar on stderr (None: only when stderr is a terminal).

    Examples
    --------
    >>> result = verify(["eq12", "eq8"])
    >>> [o.verdict.status for o in result], result.checked
    (['verified', 'verified'], 2)
    """
    claims = select_claims(load_catalog(proofs), list(ids or ()))
    with open_store(store, refresh=refresh) as opened:
        return verify_claims(claims, opened, jobs=jobs, refresh=refresh, progress=progress)

