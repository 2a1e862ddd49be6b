"""A sweep's rows and their records in the store.

Results are written to the :class:`symflat.verify.store.Store` as they arrive, as records of
kind ``"sweep"`` (:data:`STORE_KIND`), keyed by :func:`~symflat.verify.sweep.jobs.job_key`,
with the ``symflat width --json`` object (plus ``family``, ``seconds``, ``status``) as payload.
Jobs that ran out of time are stored too, with their time limit, and retried only by a rerun
with a longer ``timeout`` (or ``refresh``); questions the width machinery refuses are stored
as ``refused``; jobs that crashed are never stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from symflat.verify.sweep.jobs import SweepJob, job_key

__all__ = ["STATUSES", "STORE_KIND", "SweepRow", "row_from_store", "store_outcome"]

#: Status of a row: computed now, read from the store, out of time, refused by the width
#: machinery (e.g. matrices too large; the message says why), or crashed (never stored).
STATUSES = ("computed", "stored", "unfinished", "refused", "failed")
#: Kind of the store records a sweep writes (the report reads them).
STORE_KIND = "sweep"


@dataclass(frozen=True)
class SweepRow:
    """One line of a sweep's table (``result`` is the ``symflat width --json`` object)."""

    family: str
    polynomial: str
    model: str
    status: str
    seconds: float
    lower: int | None = None
    upper: int | None = None
    exact: bool | None = None
    message: str = ""
    result: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def gap(self) -> int | None:
        if self.lower is None or self.upper is None:
            return None
        return self.upper - self.lower

    def to_dict(self) -> dict[str, Any]:
        return {"family": self.family, "polynomial": self.polynomial, "model": self.model,
                "lower": self.lower, "upper": self.upper, "exact": self.exact, "gap": self.gap,
                "seconds": round(self.seconds, 3), "status": self.status,
                "message": self.message}

    @classmethod
    def from_outcome(cls, job: SweepJob, outcome: Mapping[str, Any],
                     status: str | None = None) -> SweepRow:
        result = outcome.get("result")
        return cls(
            family=job.family,
            polynomial=job.polynomial,
            model=job.model,
            status=status or str(outcome["status"]),
            seconds=float(outcome.get("seconds") or 0.0),
            lower=None if result is None else result.get("lower"),
            upper=None if result is None else result.get("upper"),
            exact=None if result is None else bool(result.get("exact")),
            message=str(outcome.get("message") or ""),
            result=result,
        )


def _payload(job: SweepJob, outcome: Mapping[str, Any], timeout: float) -> dict[str, Any]:
    """The store payload: the width JSON object (or the job) with family, seconds, status."""
    base = dict(outcome["result"]) if outcome.get("result") else {
        "polynomial": job.polynomial, "model": job.model}
    base.update({"family": job.family, "seconds": round(float(outcome["seconds"]), 3),
                 "status": outcome["status"], "message": outcome.get("message", ""),
                 "timeout": timeout, "grid": job.grid, "search_timeout": job.search_timeout})
    return base


def row_from_store(store: Any, job: SweepJob, timeout: float) -> SweepRow | None:
    """The row the store answers for ``job``, or None when the job must run (again).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from symflat.verify.store import Store
    >>> job = SweepJob("monomials", "x1*x2", "no-bias")
    >>> with Store(pathlib.Path(tempfile.mkdtemp()) / "s.sqlite") as store:
    ...     before = row_from_store(store, job, timeout=60)
    ...     store_outcome(store, job, {"status": "unfinished", "seconds": 5.0, "result": None,
    ...                                "message": "stopped"}, timeout=5.0)
    ...     same, longer = row_from_store(store, job, 5.0), row_from_store(store, job, 60.0)
    >>> before, same.status, longer
    (None, 'unfinished', None)
    """
    record = store.get(STORE_KIND, job_key(job))
    if record is None or not isinstance(record.payload, Mapping):
        return None
    payload = record.payload
    status = payload.get("status")
    if status == "unfinished":
        if float(payload.get("timeout") or 0) < timeout:
            return None  # a longer time limit now: try again
        outcome = {"status": "unfinished", "seconds": payload.get("seconds", 0.0),
                   "result": None, "message": payload.get("message", "")}
        return SweepRow.from_outcome(job, outcome)
    if status == "refused":
        return SweepRow.from_outcome(job, {"status": "refused", "result": None,
                                           "seconds": payload.get("seconds", 0.0),
                                           "message": payload.get("message", "")})
    if "lower" not in payload:
        return None
    return SweepRow.from_outcome(job, {"status": "stored", "result": payload,
                                       "seconds": payload.get("seconds", 0.0)})


def store_outcome(store: Any, job: SweepJob, outcome: Mapping[str, Any], timeout: float) -> None:
    """Write a job's outcome to the store (a crash is not written: it is retried next time).

    An ``unfinished`` outcome never replaces a stored result (see :func:`row_from_store`).
    """
    status = outcome["status"]
    if status == "failed":
        return  # a crash says nothing about the polynomial: retry next time
    key = job_key(job)
    if status == "unfinished":
        old = store.get(STORE_KIND, key)
        if old is not None and isinstance(old.payload, Mapping) and "lower" in old.payload:
            return  # never replace a result by "out of time" (a --refresh that timed out)
    store.put(STORE_KIND, key, _payload(job, outcome, timeout),
              subject=f"{job.polynomial}|{job.model}")
