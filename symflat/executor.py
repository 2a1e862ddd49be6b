"""The one executor: worker processes that run jobs, each under a deadline that can kill it.

``symflat verify --jobs N``, ``symflat sweep`` and the exhaustive width checks run their jobs
here. A :class:`Executor` keeps up to ``workers`` reusable worker processes, each running one
job at a time. A job still running at its deadline (its time limit, counted from the moment its
worker begins it) is stopped by killing its worker (a fresh one takes its place): Python cannot
interrupt a computation inside sympy or flint, so a hard deadline needs a process it can kill.
A worker that dies (killed by the user or the kernel, a crash in C code) turns its job into a
``died`` outcome and the other jobs go on; nothing raises ``BrokenProcessPool``. With
``retries`` such a job is first run again in a fresh worker, and a worker that never begins its
job (it hangs while starting) counts as dead, not as a job out of time: a time limit is only
ever reported for a job that had it.

A forked worker inherits every lock of its parent, and a worker can be killed at any moment:
it must never share a lock with the parent or other workers. tqdm keeps one process-shared
lock for all its bars (created by the parent's progress bar, taken by every bar a job opens);
a worker killed while holding it left it held for ever, so that every later worker waited on it
until its deadline. Each forked worker therefore gives tqdm locks of its own
(:func:`_own_locks`).

Workers die with their parent: on Linux each asks the kernel for ``SIGKILL`` when the parent
dies (``PR_SET_PDEATHSIG``), and an interrupted or closed run kills them, so no orphan is left
computing. Workers are forked when this process has a single thread (fast, and they inherit
what the parent imported); otherwise they come from a ``forkserver`` that has imported the
``preload`` modules (forking a multi-threaded process is unsafe), or ``spawn`` where there is
no forkserver; a start method the program chose itself (``multiprocessing.set_start_method``
with ``spawn`` or ``forkserver``) is used as chosen. The last two pickle the job function by
reference, so it must be a module-level function. They also re-run the parent's script in every
worker unless it is hidden from them (:func:`_script_hidden`): it is, for a job function that is
not defined in the script, so ``symflat.sweep(...)`` works from a plain script with no
``if __name__ == "__main__":`` guard; a job function of the script itself still needs the guard.

This module imports nothing of symflat: every package may use it.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
import traceback
import types
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

__all__ = ["OUTCOMES", "Executor", "JobOutcome", "progress_bar", "start_context"]

#: What can become of a job: it returned, it raised, it ran out of time, its worker died.
OUTCOMES = ("done", "raised", "timeout", "died")

#: What a worker sends when it begins a job: the job's time limit counts from here, so a worker
#: slow to start (a forkserver or spawn worker imports the job's module first, and a loaded
#: machine can take seconds) does not eat into it.
_STARTED = "started"

#: Seconds a worker may take to begin a job, on top of the job's time limit, before it counts
#: as a timeout all the same.
STARTUP_GRACE = 120.0


@dataclass(frozen=True)
class JobOutcome:
    """What became of one job.

    Attributes
    ----------
    status : str
        One of :data:`OUTCOMES`.
    value : Any
        The job's return value (``done``) or the exception it raised (``raised``); else None.
    seconds : float
        Wall-clock time of the job (its time limit for ``timeout``).
    message : str
        Why a job did not return: the exception's last line, the time limit, the exit code.
    """

    status: str
    value: Any = None
    seconds: float = 0.0
    message: str = ""


def start_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: ``spawn`` or ``forkserver`` if the program set that start
    method, else ``fork`` when safe, else ``forkserver``, else ``spawn``.

    Examples
    --------
    >>> start_context().get_start_method() in ("fork", "forkserver", "spawn")
    True
    """
    chosen = multiprocessing.get_start_method(allow_none=True)
    if chosen in ("spawn", "forkserver"):
        return multiprocessing.get_context(chosen)
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def progress_bar(total: int, desc: str, unit: str, *, enabled: bool | None = None,
                 initial: int = 0, delay: float = 0.0) -> Any:
    """A tqdm bar on stderr without tqdm's monitor thread, so workers can still be forked.

    ``enabled`` None shows the bar only when stderr is a terminal; ``delay`` seconds pass
    before it appears (a short computation shows none).

    Examples
    --------
    >>> bar = progress_bar(3, "demo", "job", enabled=False)
    >>> bar.total, bar.disable, type(bar).monitor_interval
    (3, True, 0)
    >>> bar.close()
    """
    from tqdm import tqdm

    class _Bar(tqdm):
        monitor_interval = 0  # a monitor thread would make forking workers unsafe

    return _Bar(total=total, initial=initial, desc=desc, unit=unit, file=sys.stderr,
                disable=None if enabled is None else not enabled, dynamic_ncols=True,
                leave=False, delay=delay)


def _die_with_parent(parent: int | None) -> None:
    """Ask Linux for SIGKILL when the parent dies; exit now if it is already gone.

    ``parent`` is the forking process's id (None when a forkserver or spawn started us: the
    parent is then the forkserver, which itself ends with the process that owns the pool).
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    if parent is not None and os.getppid() != parent:  # it died before prctl took effect
        os._exit(1)


def _defined_in_script(function: Callable[[Any], Any]) -> bool:
    """Whether unpickling ``function`` needs the parent's ``__main__`` module."""
    while isinstance(function, functools.partial):
        function = function.func
    return getattr(function, "__module__", "__main__") == "__main__"


@contextlib.contextmanager
def _script_hidden(ctx: Any, function: Callable[[Any], Any]) -> Iterator[None]:
    """Start a ``spawn`` or ``forkserver`` worker without running the parent's script again.

    Such a worker imports the module ``__main__`` of its parent before its first job: for a
    plain script that is the whole script again, and one that calls ``symflat.sweep(...)``
    without an ``if __name__ == "__main__":`` guard then tries to start workers while its
    worker starts, which multiprocessing forbids: every worker died and the jobs came back
    ``failed``. multiprocessing reads ``sys.modules["__main__"]`` only to tell the worker what
    to import, so while the worker starts it is shown an empty module instead, unless the job
    function lives in the script (the worker then needs it, and the guard).
    """
    main = sys.modules.get("__main__")
    if ctx.get_start_method() == "fork" or main is None or _defined_in_script(function):
        yield
        return
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _own_locks() -> None:
    """Replace the tqdm locks a forked worker inherited by locks of its own.

    tqdm's write lock holds a multiprocessing lock (a semaphore in shared memory) that the
    parent created with its first bar; a worker killed while holding it would block every
    process that shares it, for ever. A worker's bars only ever write to its own stderr, so a
    lock of its own is enough.
    """
    std = sys.modules.get("tqdm.std")
    if std is None:
        return
    std.TqdmDefaultWriteLock.mp_lock = None  # None: create_mp_lock never makes a shared one
    std.TqdmDefaultWriteLock.th_lock = threading.RLock()
    classes = [std.tqdm]
    while classes:
        cls = classes.pop()
        classes.extend(cls.__subclasses__())
        if "_lock" in vars(cls):
            delattr(cls, "_lock")  # the next bar makes a lock from the fresh parts above


def _serve(conn: Any, function: Callable[[Any], Any], parent: int | None) -> None:
    """Body of a worker process: run ``function`` on the items it is sent until it gets None.

    Ctrl-C is left to the parent, which kills its workers when interrupted.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _own_locks()
    _die_with_parent(parent)
    try:
        while True:
            try:
                item = conn.recv()
            except (EOFError, OSError):
                return
            if item is None:
                return
            conn.send(_STARTED)
            conn.send(_call(function, item))
    finally:
        conn.close()


def _call(function: Callable[[Any], Any], item: Any) -> tuple[str, Any, float, str]:
    """Run one job: ``(status, value, seconds, message)``, an exception sent back as a value."""
    start = time.perf_counter()
    try:
        value = function(item)
    except Exception as error:  # noqa: BLE001 - handed to the caller, who decides
        last = traceback.format_exception_only(type(error), error)[-1].strip()
        try:
            pickle.dumps(error)
        except Exception:  # noqa: BLE001 - an exception that cannot travel: send its text
            error = RuntimeError(last)
        return "raised", error, time.perf_counter() - start, last
    return "done", value, time.perf_counter() - start, ""


class _Worker:
    """A worker process and the job it is running (None when idle)."""

    def __init__(self, ctx: Any, function: Callable[[Any], Any], name: str) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        parent = os.getpid() if ctx.get_start_method() == "fork" else None
        self.proc = ctx.Process(target=_serve, args=(child, function, parent), daemon=True,
                                name=name)
        with _script_hidden(ctx, function):
            self.proc.start()
        child.close()  # so that the worker's death reads as end of file here
        self.job: tuple[int, Any] | None = None
        self.started = 0.0
        self.begun = False
        self.timeout: float | None = None
        self.deadline = float("inf")

    def start(self, job: tuple[int, Any], timeout: float | None) -> None:
        """Send the worker a job (``OSError`` if it has died)."""
        self.job, self.started, self.timeout, self.begun = job, time.monotonic(), timeout, False
        self.deadline = (float("inf") if timeout is None
                         else self.started + timeout + STARTUP_GRACE)
        self.conn.send(job[1])

    def begin(self, now: float) -> None:
        """The worker says it has begun the job: its time limit runs from ``now``."""
        self.started, self.begun = now, True
        if self.timeout is not None:
            self.deadline = now + self.timeout

    def stop(self, kill: bool = False) -> None:
        """End the process: ask it to exit (or kill it), then reap it."""
        if not kill and self.proc.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()


def _died(proc: Any) -> str:
    code = proc.exitcode
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"its worker process was killed by {signal.Signals(-code).name}"
    return f"its worker process died (exit code {code})"


class Executor:
    """Run ``function(item)`` for many items in worker processes, each with a deadline.

    Parameters
    ----------
    function : callable
        Runs in the workers; module-level unless workers are forked (see the module docs).
    workers : int
        Worker processes at once (at least one).
    timeout : float, optional
        Seconds a job may run before its worker is killed (None: no limit).
    preload : sequence of str
        Modules a ``forkserver`` imports once, before it forks the workers.
    name : str
        Prefix of the worker processes' names.
    retries : int
        How many times a job whose worker died (or never began it) is run again in a fresh
        worker before it is reported ``died``. Only for jobs that are safe to run twice.

    Examples
    --------
    >>> import math
    >>> runs = Executor(math.factorial, workers=2, timeout=60).run([3, 4, -1])
    >>> sorted((item, o.status, o.value if o.status == "done" else o.message)
    ...        for item, o in runs)
    [(-1, 'raised', 'ValueError: factorial() not defined for negative values'), \
(3, 'done', 6), (4, 'done', 24)]
    """

    def __init__(self, function: Callable[[Any], Any], *, workers: int = 1,
                 timeout: float | None = None, preload: Sequence[str] = (),
                 name: str = "symflat-worker", retries: int = 0) -> None:
        if timeout is not None and timeout <= 0:
            raise ValueError("timeout must be positive")
        if retries < 0:
            raise ValueError("retries must be 0 or more")
        self.function = function
        self.workers = max(1, workers)
        self.timeout = timeout
        self.preload = tuple(preload)
        self.name = name
        self.retries = retries

    def _context(self) -> Any:
        ctx = start_context()
        if ctx.get_start_method() == "forkserver" and self.preload:
            ctx.set_forkserver_preload(list(self.preload))
        return ctx

    def run(self, items: Iterable[Any]) -> Iterator[tuple[Any, JobOutcome]]:
        """Yield ``(item, outcome)`` as jobs finish (not in order).

        Closing the generator (or an exception in the caller, such as Ctrl-C) kills the
        workers still running.
        """
        if multiprocessing.current_process().daemon:
            # A daemonic worker (this executor's or Dask's) may not start processes: the jobs
            # run here, one after the other, bounded by the deadline of the job running this.
            for item in items:
                yield item, JobOutcome(*_call(self.function, item))
            return
        pending = deque(enumerate(items))
        deaths: dict[int, int] = {}  # job number -> workers that died running it
        pool: list[_Worker] = []
        started = 0

        def ended(worker: _Worker, outcome: JobOutcome) -> bool:
            """Retire the worker of a job that died or ran out of time; whether to yield."""
            assert worker.job is not None
            number, item = worker.job
            worker.job = None
            if outcome.status in ("died", "timeout"):
                worker.stop(kill=True)
                pool.remove(worker)
            if outcome.status == "died":
                deaths[number] = deaths.get(number, 0) + 1
                if deaths[number] <= self.retries:
                    pending.appendleft((number, item))  # a fresh worker runs it again
                    return False
            return True

        try:
            while pending or any(w.job is not None for w in pool):
                while pending and len(pool) < self.workers:
                    started += 1
                    # Decided for each worker, not once per run: a thread started since the
                    # last one (a caller's, a library's) makes forking unsafe from then on.
                    pool.append(_Worker(self._context(), self.function,
                                        f"{self.name}-{started}"))
                for worker in [w for w in pool if w.job is None]:
                    if not pending:
                        break
                    job = pending.popleft()
                    try:
                        worker.start(job, self.timeout)
                    except OSError:  # the worker died before it could take the job
                        worker.proc.join(timeout=5)
                        outcome = JobOutcome("died", None, 0.0, _died(worker.proc))
                        if ended(worker, outcome):
                            yield job[1], outcome
                for worker, outcome in self._collect(pool):
                    item = worker.job[1] if worker.job is not None else None
                    if ended(worker, outcome):
                        yield item, outcome
        finally:
            for worker in pool:
                worker.stop(kill=worker.job is not None)

    def _collect(self, pool: list[_Worker]) -> Iterator[tuple[_Worker, JobOutcome]]:
        """Wait for an answer or the nearest deadline; yield the workers whose job ended."""
        busy = [w for w in pool if w.job is not None]
        if not busy:  # every worker died before taking its job: the caller starts new ones
            return
        nearest = min(w.deadline for w in busy)
        delay = None if nearest == float("inf") else max(0.0, nearest - time.monotonic())
        wait([w.conn for w in busy], timeout=delay)
        now = time.monotonic()
        for worker in busy:
            if worker.conn.poll():
                try:
                    answer = worker.conn.recv()
                    if answer == _STARTED:
                        worker.begin(now)
                        if not worker.conn.poll():
                            continue
                        answer = worker.conn.recv()
                    status, value, seconds, message = answer
                    yield worker, JobOutcome(status, value, seconds, message)
                except (EOFError, OSError):
                    worker.proc.join(timeout=5)
                    yield worker, JobOutcome("died", None, now - worker.started,
                                             _died(worker.proc))
            elif now >= worker.deadline and not worker.begun:
                # Not a job out of time: its worker never began it (hung while starting).
                yield worker, JobOutcome("died", None, now - worker.started,
                                         f"its worker process did not begin the job within "
                                         f"{STARTUP_GRACE:g} s")
            elif now >= worker.deadline:
                yield worker, JobOutcome("timeout", None, float(self.timeout or 0.0),
                                         f"stopped at the time limit of {self.timeout:g} s")
