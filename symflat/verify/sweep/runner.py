"""Running a sweep: stored rows first, the other jobs in the executor or on a Dask cluster.

Jobs run in :class:`symflat.executor.Executor` workers, and a job still running at ``timeout``
is stopped by killing its worker: the width machinery's own ``timeout`` bounds only the
construction search, not the exact ranks or the re-check by expansion, so a hard deadline needs
a process it can kill.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from symflat.executor import Executor, progress_bar
from symflat.verify.store import Store, open_store
from symflat.verify.sweep.cluster import require_dask, run_dask
from symflat.verify.sweep.jobs import MODELS, SweepError, SweepJob, make_jobs, run_job, unfinished
from symflat.verify.sweep.records import (
    CompareRow,
    SweepRow,
    SweepTable,
    row_from_outcome,
    row_from_store,
    store_outcome,
)
from symflat.width.families import family_label, family_polynomials

__all__ = ["default_workers", "run_local", "run_sweep", "search_time", "sweep"]

#: What a forkserver imports once before it starts the sweep's workers.
PRELOAD = ("symflat.verify.sweep", "symflat.width", "symflat.width.compare",
           "symflat.exact.expressions")


def default_workers(jobs: int) -> int:
    """Worker processes for ``jobs``: N as given, 0 = one per CPU.

    Examples
    --------
    >>> default_workers(3)
    3
    """
    if jobs < 0:
        raise SweepError("`jobs` must be 0 (one per CPU) or more")
    return jobs or (os.cpu_count() or 1)


def search_time(timeout: float, search_timeout: float | None = None) -> float:
    """Seconds for the construction search inside a job: as given, else ``min(10, timeout/2)``.

    Examples
    --------
    >>> search_time(60), search_time(4), search_time(60, 30)
    (10.0, 2.0, 30)
    """
    search = min(10.0, timeout / 2) if search_timeout is None else search_timeout
    if search <= 0:
        raise SweepError("`search_timeout` must be positive")
    return search


def run_local(jobs: Sequence[SweepJob], workers: int, timeout: float
              ) -> Iterator[tuple[SweepJob, dict[str, Any]]]:
    """Run jobs in at most ``workers`` worker processes, each stopped at ``timeout`` seconds.

    Yields ``(job, outcome)`` as jobs finish (not in order). Closing the generator (or an
    exception in the caller, such as Ctrl-C) kills the workers. A job whose worker died (killed,
    or hung before it began the job) runs once more in a fresh worker; a second death is a
    ``failed`` job, which is never stored, never an ``unfinished`` one: that status means the
    job used its whole time limit.

    Examples
    --------
    >>> from symflat.verify.sweep.jobs import make_jobs
    >>> [(job.model, out["status"], out["result"]["lower"])
    ...  for job, out in run_local(make_jobs("f", ["x1*x2"], ["no-bias"]), 1, 60)]
    [('no-bias', 'computed', 4)]
    """
    executor = Executor(run_job, workers=workers, timeout=timeout, preload=PRELOAD,
                        name="symflat-sweep", retries=1)
    for job, outcome in executor.run(jobs):
        if outcome.status == "done":
            yield job, outcome.value
        elif outcome.status == "timeout":
            yield job, unfinished(timeout)
        else:
            again = " (twice)" if outcome.status == "died" else ""
            yield job, {"status": "failed", "seconds": outcome.seconds, "result": None,
                        "message": f"the job failed{again}: {outcome.message}"}


def run_sweep(
    jobs: Sequence[SweepJob],
    *,
    store: Any = None,
    refresh: bool = False,
    workers: int = 1,
    scheduler: Any = None,
    timeout: float = 60.0,
    progress: bool = False,
    on_row: Callable[[SweepRow | CompareRow], None] | None = None,
) -> SweepTable:
    """Run a sweep's jobs and return their rows, in the order of ``jobs``.

    Parameters
    ----------
    jobs : sequence of SweepJob
        From :func:`~symflat.verify.sweep.jobs.make_jobs`.
    store : symflat.verify.store.Store, optional
        Where results are read from (unless ``refresh``) and written to as they finish.
    workers : int
        Local worker processes at once (ignored with ``scheduler``).
    scheduler : str or distributed.Client, optional
        Run on this Dask cluster instead of locally.
    timeout : float
        Seconds after which a job is stopped and reported ``unfinished``.
    progress : bool
        Show a tqdm progress bar on stderr (when stderr is a terminal).
    on_row : callable, optional
        Called with each row as it is known (stored rows first).

    Examples
    --------
    >>> from symflat.verify.sweep.jobs import make_jobs
    >>> rows = run_sweep(make_jobs("f", ["x1*x2", "x1"], ["output-bias"]), workers=2)
    >>> [(r.polynomial, r.status, r.lower, r.upper, r.exact) for r in rows]
    [('x1*x2', 'computed', 3, 3, True), ('x1', 'computed', 1, 1, True)]
    """
    if timeout <= 0:
        raise SweepError("`timeout` must be positive")
    rows: dict[int, SweepRow | CompareRow] = {}
    todo: list[SweepJob] = []
    index: dict[SweepJob, list[int]] = {}  # equal jobs run once
    for i, job in enumerate(jobs):
        row = None if store is None or refresh else row_from_store(store, job, timeout)
        if row is None:
            if job not in index:
                todo.append(job)
            index.setdefault(job, []).append(i)
        else:
            rows[i] = row
            if on_row:
                on_row(row)
    bar = progress_bar(len(jobs), "sweep", "job", enabled=None if progress else False,
                       initial=len(rows))
    try:
        if todo:
            stream = (run_dask(todo, scheduler, timeout) if scheduler is not None
                      else run_local(todo, workers, timeout))
            try:
                for job, outcome in stream:
                    row = row_from_outcome(job, outcome)
                    for i in index[job]:
                        rows[i] = row
                    if store is not None:
                        store_outcome(store, job, outcome, timeout)
                    if on_row:
                        on_row(row)
                    bar.update(len(index[job]))
                    bar.set_postfix_str(f"{job.polynomial[:30]} {row.status}", refresh=False)
            finally:
                stream.close()
    finally:
        bar.close()
    return SweepTable(rows[i] for i in range(len(jobs)))


def sweep(
    family: str,
    *,
    models: Sequence[str] = MODELS,
    store: Store | str | os.PathLike | None = None,
    refresh: bool = False,
    jobs: int = 1,
    scheduler: Any = None,
    timeout: float = 60.0,
    search_timeout: float | None = None,
    grid: int = 1,
    compare: bool = False,
    progress: bool = False,
    **options: Any,
) -> SweepTable:
    """The minimal hidden width of every polynomial of a family, for every model; with
    ``compare``, the certified shallow width in both models beside the compiled deep network
    (:func:`symflat.width.compare.compare`), one :class:`CompareRow` per polynomial.

    Parameters
    ----------
    family : str
        A family of :data:`symflat.width.families.FAMILIES`; ``options`` are its sizes
        (``max_degree``, ``max_vars``, ``every``, ``periodic``, ``block``, ``max_blocks``,
        ``max_size``, ``path``).
    models : sequence of str
        Network models (both by default).
    store : Store or path, optional
        Where results are read from (unless ``refresh``) and written to.
    jobs : int
        Worker processes (0: one per CPU); not used with ``scheduler``.
    timeout : float
        Seconds per job; a job still running is stopped and reported ``unfinished``.
    search_timeout : float, optional
        Seconds for the construction search inside a job (default ``min(10, timeout / 2)``).
    grid : int
        Search integer points in ``[-grid, grid]^n`` (0 to 5).
    compare : bool
        Compare depth against width (stored as records of kind ``"compare"``).

    Examples
    --------
    >>> [(r.polynomial, r.model, r.lower, r.upper) for r in sweep("monomials", max_degree=1,
    ...  max_vars=1, timeout=60)]
    [('x1', 'no-bias', 2, 2), ('x1', 'output-bias', 1, 1)]
    >>> [r.cells()["deep"] for r in sweep("products", max_vars=3, compare=True)]
    [0, 4, 8]
    """
    polynomials = family_polynomials(family, **options)
    if timeout <= 0:
        raise SweepError("`timeout` must be positive")
    search = search_time(timeout, search_timeout)
    if not 0 <= grid <= 5:
        raise SweepError("`grid` must be between 0 and 5")
    workers = default_workers(jobs)
    if scheduler is not None:
        require_dask()
    label = family_label(family, bool(options.get("periodic")))
    todo = make_jobs(label, polynomials, models, grid=grid, search_timeout=search,
                     compare=compare)
    with open_store(store, refresh=refresh) as opened:
        return run_sweep(todo, store=opened, refresh=refresh, workers=workers,
                         scheduler=scheduler, timeout=timeout, progress=progress)
