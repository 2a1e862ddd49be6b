"""A sweep's rows and their records in the store.

Results are written to the :class:`symflat.verify.store.Store` as they arrive, as records of
kind ``"sweep"`` (:data:`STORE_KIND`), keyed by :func:`~symflat.verify.sweep.jobs.job_key`,
with the ``symflat width --json`` object (plus ``family``, ``seconds``, ``status``) as payload;
comparisons (``symflat sweep --compare``) as records of kind ``"compare"``
(:data:`COMPARE_KIND`) with the ``symflat compare --json`` object and the size ``n``.
A polynomial stored by one family and met again by another is stored once, its payload listing
every family it belongs to (``families``), so each family's table in the report shows it.
Jobs that ran out of time are stored too, with their time limit, and retried only by a rerun
with a longer ``timeout`` (or ``refresh``); questions the width machinery refuses are stored
as ``refused``; jobs that crashed are never stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any, ClassVar

from symflat.display import polynomial_html, table
from symflat.errors import SymflatError
from symflat.exact.polynomial import to_polynomial
from symflat.exact.printing import SHOWN_TERMS, counted, polynomial_text
from symflat.verify.sweep.jobs import COMPARE, MODELS, SweepJob, job_key

__all__ = ["COLUMNS", "COMPARE_COLUMNS", "COMPARE_KIND", "STATUSES", "STORE_KIND", "CompareRow",
           "SweepRow", "row_from_outcome", "row_from_store", "store_kind", "store_outcome",
           "width_span", "SweepTable", "cell_text", "shown"]

#: Status of a row: computed now, read from the store, out of time, refused by the width
#: machinery (e.g. matrices too large; the message says why), or crashed (never stored).
STATUSES = ("computed", "stored", "unfinished", "refused", "failed")
#: Kind of the store records a sweep writes (the report reads them).
STORE_KIND = "sweep"
#: Kind of the store records a comparison sweep writes (the report's "Depth against width").
COMPARE_KIND = "compare"
#: Columns of the printed table and of the md files (csv and json: every field of to_dict).
COLUMNS = ("polynomial", "model", "lower", "upper", "exact", "gap", "seconds", "status")
COMPARE_COLUMNS = ("polynomial", "n", "no-bias", "output-bias", "deep", "depth", "seconds",
                   "status")


def shown(polynomial: str) -> str:
    """A row's polynomial as the terminal shows it (``^``, natural order, abbreviated); a text
    that does not read as a polynomial (a refused line of a file) is shown as it is.

    Examples
    --------
    >>> shown("x1**2*x10 + x2"), shown("x1 +")
    ('x1^2*x10 + x2', 'x1 +')
    """
    try:
        return polynomial_text(to_polynomial(polynomial), shown=SHOWN_TERMS)
    except SymflatError:
        return polynomial


@dataclass(frozen=True)
class SweepRow:
    """One line of a sweep's table (``result`` is the ``symflat width --json`` object)."""

    columns: ClassVar[tuple[str, ...]] = COLUMNS
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

    @property
    def representable(self) -> bool:
        """False when no network of the row's model reaches the polynomial."""
        return self.result is None or self.result.get("representable", True) is not False

    def cells(self) -> dict[str, Any]:
        """The values of :attr:`columns` (``unreachable`` in the exact column when no network
        of the model reaches the polynomial), the polynomial as the terminal shows it."""
        cells = {**self.to_dict(), "polynomial": shown(self.polynomial)}
        if not self.representable:
            cells["exact"] = "unreachable"
        return cells

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
            message=str(outcome.get("message") or "")
            or ("not representable in this model: " + str(result.get("reason"))
                if result is not None and result.get("representable") is False else ""),
            result=result,
        )


def width_span(width: Mapping[str, Any] | None, to: str = "..", unknown: str = "-"
               ) -> str | None:
    """A width's bounds as text: ``"4"`` when exact, else ``"3..5"`` (``"3..-"`` without a
    construction); ``to`` and ``unknown`` replace ``..`` and ``-`` (the report's ``3–5``).

    Examples
    --------
    >>> width_span({"lower": 3, "upper": 5}), width_span({"lower": 3, "upper": None}, "–", "?")
    ('3..5', '3–?')
    """
    if width is None:
        return None
    lower, upper = width.get("lower"), width.get("upper")
    if upper is not None and upper == lower:
        return str(lower)
    return f"{lower}{to}{unknown if upper is None else upper}"


@dataclass(frozen=True)
class CompareRow:
    """One line of a comparison sweep: the shallow width in both models beside the compiled
    deep network (``result`` is the ``symflat compare --json`` object with ``n``)."""

    columns: ClassVar[tuple[str, ...]] = COMPARE_COLUMNS
    family: str
    polynomial: str
    status: str
    seconds: float
    message: str = ""
    result: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def model(self) -> str:
        return COMPARE

    def shallow(self, model: str) -> Mapping[str, Any] | None:
        """``{"lower", "upper", "exact"}`` of one model (None without a result)."""
        return None if self.result is None else self.result["shallow"][model]

    @property
    def exact(self) -> bool | None:
        """Whether the width is exact in both models."""
        if self.result is None:
            return None
        return all(bool(self.shallow(m)["exact"]) for m in MODELS)

    def to_dict(self) -> dict[str, Any]:
        """Flat fields (csv, json): the bounds of both models and the deep network's counts.

        Examples
        --------
        >>> row = CompareRow("powers", "x1**2", "computed", 0.1, result={
        ...     "n": 2, "shallow": {"no-bias": {"lower": 3, "upper": 3, "exact": True},
        ...                         "output-bias": {"lower": 2, "upper": 2, "exact": True}},
        ...     "deep": {"neurons": 2, "depth": 1, "synapses": 4}})
        >>> row.to_dict()["no_bias_lower"], row.cells()["output-bias"], row.cells()["deep"]
        (3, '2', 2)
        """
        out: dict[str, Any] = {"family": self.family, "polynomial": self.polynomial,
                               "n": None if self.result is None else self.result.get("n")}
        for model in MODELS:
            width = self.shallow(model) or {}
            name = model.replace("-", "_")
            for bound in ("lower", "upper", "exact"):
                out[f"{name}_{bound}"] = width.get(bound)
        deep = {} if self.result is None else self.result["deep"]
        for count in ("neurons", "depth", "synapses"):
            out[f"deep_{count}"] = deep.get(count)
        out.update({"seconds": round(self.seconds, 3), "status": self.status,
                    "message": self.message})
        return out

    def cells(self) -> dict[str, Any]:
        """The values of :attr:`columns`: a model's width as ``4`` or ``3..5``."""
        flat = self.to_dict()
        return {"polynomial": shown(self.polynomial), "n": flat["n"],
                **{m: width_span(self.shallow(m)) for m in MODELS},
                "deep": flat["deep_neurons"], "depth": flat["deep_depth"],
                "seconds": self.seconds, "status": self.status}


def row_from_outcome(job: SweepJob, outcome: Mapping[str, Any],
                     status: str | None = None) -> SweepRow | CompareRow:
    """The row of a job's outcome (a :class:`CompareRow` for a comparison job)."""
    if job.model != COMPARE:
        return SweepRow.from_outcome(job, outcome, status)
    return CompareRow(job.family, job.polynomial, status or str(outcome["status"]),
                      float(outcome.get("seconds") or 0.0), str(outcome.get("message") or ""),
                      outcome.get("result"))


def store_kind(job: SweepJob) -> str:
    """The kind of a job's store records."""
    return COMPARE_KIND if job.model == COMPARE else STORE_KIND


def _has_result(job: SweepJob, payload: Mapping[str, Any]) -> bool:
    return ("shallow" if job.model == COMPARE else "lower") in payload


def _payload(job: SweepJob, outcome: Mapping[str, Any], timeout: float,
             families: list[str]) -> dict[str, Any]:
    """The store payload: the width JSON object (or the job) with family, seconds, status."""
    base = dict(outcome["result"]) if outcome.get("result") else {
        "polynomial": job.polynomial, "model": job.model}
    if isinstance(base.get("model"), Mapping):  # the width result's model object
        base["model_class"] = base["model"]
    base.update({"model": job.model, "family": job.family, "families": families,
                 "seconds": round(float(outcome["seconds"]), 3),
                 "status": outcome["status"], "message": outcome.get("message", ""),
                 "timeout": timeout, "grid": job.grid, "search_timeout": job.search_timeout})
    return base


def row_from_store(store: Any, job: SweepJob, timeout: float) -> SweepRow | CompareRow | None:
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
    record = store.get(store_kind(job), job_key(job))
    if record is None or not isinstance(record.payload, Mapping):
        return None
    payload = record.payload
    status = payload.get("status")
    if status == "unfinished":
        if float(payload.get("timeout") or 0) < timeout:
            return None  # a longer time limit now: try again
        outcome = {"status": "unfinished", "seconds": payload.get("seconds", 0.0),
                   "result": None, "message": payload.get("message", "")}
        return row_from_outcome(job, outcome)
    if status == "refused":
        return row_from_outcome(job, {"status": "refused", "result": None,
                                      "seconds": payload.get("seconds", 0.0),
                                      "message": payload.get("message", "")})
    if not _has_result(job, payload):
        return None
    _join_family(store, job, record)
    return row_from_outcome(job, {"status": "stored", "result": payload,
                                  "seconds": payload.get("seconds", 0.0)})


def _families(payload: Mapping[str, Any]) -> list[str]:
    return [str(f) for f in payload.get("families") or [payload.get("family")] if f]


def _join_family(store: Any, job: SweepJob, record: Any) -> None:
    """Add the job's family to a stored result's ``families`` (a result shared by families)."""
    families = _families(record.payload)
    if job.family not in families:
        store.put(record.kind, record.key, {**record.payload, "families": [*families, job.family]},
                  subject=record.subject)


def store_outcome(store: Any, job: SweepJob, outcome: Mapping[str, Any], timeout: float) -> None:
    """Write a job's outcome to the store (a crash is not written: it is retried next time).

    An ``unfinished`` outcome never replaces a stored result (see :func:`row_from_store`).
    """
    status = outcome["status"]
    if status == "failed":
        return  # a crash says nothing about the polynomial: retry next time
    key, kind = job_key(job), store_kind(job)
    old = store.get(kind, key)
    old = old.payload if old is not None and isinstance(old.payload, Mapping) else None
    if status == "unfinished" and old is not None and _has_result(job, old):
        return  # never replace a result by "out of time" (a --refresh that timed out)
    families = _families(old) if old is not None else []
    families += [job.family] if job.family not in families else []
    store.put(kind, key, _payload(job, outcome, timeout, families),
              subject=f"{job.polynomial}|{job.model}")


class SweepTable(tuple):
    """The rows of a sweep, in the order of its jobs (a tuple), shown in Jupyter as a table.

    Examples
    --------
    >>> row = SweepRow("monomials", "x1**2", "no-bias", "computed", 0.1, 3, 3, True)
    >>> table = SweepTable([row, row])
    >>> table
    SweepTable(2 rows: 2 exact)
    >>> "<td style='text-align:left'>$x_{1}^{2}$</td>" in table._repr_html_()
    True
    """

    __slots__ = ()

    def __repr__(self) -> str:
        exact = sum(bool(row.exact) for row in self)
        counts = Counter(row.status for row in self if row.status not in ("computed", "stored"))
        others = "".join(f", {n} {status}" for status, n in counts.items())
        return f"SweepTable({counted(len(self), 'row')}: {exact} exact{others})"

    def _repr_html_(self) -> str:
        if not self:
            return "<p>no rows</p>"
        columns = self[0].columns
        rows = [[polynomial_html(row.polynomial) if c == "polynomial"
                 else escape(cell_text(row.cells()[c])) for c in columns] for row in self]
        return (f"<p>{escape(repr(self))}</p>"
                + table(columns, rows, raw_columns=range(len(columns))))


def cell_text(value: Any) -> str:
    """A cell of a sweep's table as text: ``-`` for unknown, ``yes``/``no``, seconds to two
    decimals."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)
