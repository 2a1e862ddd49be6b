"""Sweeps of the minimal hidden width over families of polynomials.

A *sweep* runs :func:`symflat.width.minimal_width` for every polynomial of a family and every
network model, and tabulates ``lower``, ``upper``, ``exact`` and the ``gap`` per job.

Families (:data:`FAMILIES`, built by :func:`family_polynomials`):

``monomials``          every monomial of degree <= D in <= n variables, one per orbit of the
                       variable permutations (exponents non-increasing; ``every=True``: all)
``elementary``         e_k(x1..xm) for 1 <= k <= m <= n
``power-sums``         x1^k + ... + xm^k for 1 <= m <= n, 1 <= k <= D
``chain``              x1 x2 + x2 x3 + ... + x(m-1) xm for 2 <= m <= n; ``periodic`` adds xm x1
                       (m >= 3): the Ising-type Hamiltonians of Section II.4
``disjoint-products``  x1..xb + x(b+1)..x(2b) + ... with 1..K blocks of size b
``determinant``        det of the 2x2 (and 3x3) matrix of x1..x4 (x1..x9), row by row
``file``               a user's list, one polynomial per line (``#`` comments, blank lines)

Jobs (polynomial x model) run in worker processes, and a job still running at ``timeout`` is
stopped by killing its worker (a fresh one takes its place): the width machinery's own
``timeout`` bounds only the construction search, not the exact ranks or the re-check by
expansion, so a hard deadline needs a process it can kill. Workers are forked (Linux, single
thread) or come from a ``forkserver`` that has imported the width machinery. On a Dask
cluster each task starts ``python -m symflat.verify.sweep`` and kills it at the deadline (the time
limit there includes the interpreter's start, about a second).

Results are written to the :class:`symflat.verify.store.Store` as they arrive, as records of kind
``"sweep"``, keyed by ``<canonical polynomial>|<model>|<symflat version>`` (:func:`job_key`),
with the ``symflat width --json`` object (plus ``family``, ``seconds``, ``status``) as payload.
A rerun skips what is stored (an interrupted sweep resumes), ``refresh=True`` recomputes.
Jobs that ran out of time are stored too, with their time limit, and retried only by a rerun
with a longer ``timeout`` (or ``refresh``); questions the width machinery refuses are stored
as ``refused``; jobs that crashed are never stored. The report (``symflat report``) shows
every stored result in its minimal-width tables and figure, grouped by family.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations, combinations_with_replacement
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from symflat.errors import SymflatError

__all__ = [
    "FAMILIES",
    "COLUMNS",
    "MODELS",
    "STATUSES",
    "STORE_KIND",
    "canonical_polynomial",
    "check_output_path",
    "default_workers",
    "run_local",
    "run_dask",
    "summary",
    "SweepError",
    "SweepJob",
    "SweepRow",
    "DASK_HINT",
    "family_polynomials",
    "read_polynomial_file",
    "make_jobs",
    "job_key",
    "compute",
    "run_sweep",
    "format_table",
    "write_results",
]

#: Status of a row: computed now, read from the store, out of time, refused by the width
#: machinery (e.g. matrices too large; the message says why), or crashed (never stored).
STATUSES = ("computed", "stored", "unfinished", "refused", "failed")
#: The network models (``both`` on the command line means these two).
MODELS = ("no-bias", "output-bias")
#: Columns of the printed table and of the csv / md files.
COLUMNS = ("polynomial", "model", "lower", "upper", "exact", "gap", "seconds", "status")
#: Limits on the family parameters (larger sweeps: several runs, or a file).
MAX_VARS = 10
MAX_DEGREE = 12
MAX_POLYNOMIALS = 5000
#: Kind of the store records a sweep writes (the report reads them).
STORE_KIND = "sweep"
DASK_HINT = ("--scheduler needs Dask: pip install 'dask[distributed]' (or pip install "
             "'symflat[dask]')")


class SweepError(SymflatError):
    """A sweep cannot be run as asked (unknown family, sizes too large, a bad file, ...)."""


# ------------------------------------------------------------------------------ families


@dataclass(frozen=True)
class Family:
    """A family of polynomials: a one-line description and the options it takes."""

    name: str
    description: str
    options: tuple[str, ...]
    build: Callable[..., list[str]]


def _x(i: int) -> str:
    return f"x{i}"


def _mono(exponents: Sequence[int]) -> str:
    """``x1^2*x3`` from exponents ``(2, 0, 1)``."""
    parts = [_x(i + 1) if e == 1 else f"{_x(i + 1)}^{e}" for i, e in enumerate(exponents) if e]
    return "*".join(parts)


def _limit(name: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise SweepError(f"--{name} must be between {low} and {high} (got {value})")
    return value


def _monomials(max_degree: int = 4, max_vars: int = 3, every: bool = False) -> list[str]:
    d = _limit("max-degree", max_degree, 1, MAX_DEGREE)
    n = _limit("max-vars", max_vars, 1, MAX_VARS)
    if every and math.comb(n + d, d) - 1 > MAX_POLYNOMIALS:
        raise SweepError(f"--every with degree <= {d} in {n} variables gives "
                         f"{math.comb(n + d, d) - 1:,} monomials; at most {MAX_POLYNOMIALS:,} "
                         f"per sweep")
    out = []
    for degree in range(1, d + 1):
        if every:
            # every exponent vector of this degree in exactly n variables (zeros allowed)
            for combo in combinations_with_replacement(range(n), degree):
                e = [0] * n
                for i in combo:
                    e[i] += 1
                out.append(_mono(e))
        else:
            out.extend(_mono(p) for p in _partitions(degree, n))
    return out


def _partitions(total: int, parts: int, largest: int | None = None) -> Iterator[tuple[int, ...]]:
    """Partitions of ``total`` into at most ``parts`` positive parts, largest first."""
    largest = total if largest is None else largest
    if total == 0:
        yield ()
        return
    if parts == 0:
        return
    for first in range(min(total, largest), 0, -1):
        for rest in _partitions(total - first, parts - 1, first):
            yield (first, *rest)


def _elementary(max_vars: int = 4) -> list[str]:
    n = _limit("max-vars", max_vars, 1, MAX_VARS)
    out = []
    for m in range(1, n + 1):
        for k in range(1, m + 1):
            out.append(" + ".join("*".join(_x(i) for i in c)
                                  for c in combinations(range(1, m + 1), k)))
    return out


def _power_sums(max_degree: int = 4, max_vars: int = 3) -> list[str]:
    d = _limit("max-degree", max_degree, 1, MAX_DEGREE)
    n = _limit("max-vars", max_vars, 1, MAX_VARS)
    return [" + ".join(_x(i) if k == 1 else f"{_x(i)}^{k}" for i in range(1, m + 1))
            for m in range(1, n + 1) for k in range(1, d + 1)]


def _chain(max_vars: int = 5, periodic: bool = False) -> list[str]:
    n = _limit("max-vars", max_vars, 3 if periodic else 2, MAX_VARS)
    out = []
    for m in range(3 if periodic else 2, n + 1):
        bonds = [(i, i + 1) for i in range(1, m)] + ([(m, 1)] if periodic else [])
        out.append(" + ".join(f"{_x(i)}*{_x(j)}" for i, j in bonds))
    return out


def _disjoint_products(block: int = 2, max_blocks: int = 3) -> list[str]:
    b = _limit("block", block, 2, MAX_VARS)
    k = _limit("max-blocks", max_blocks, 1, MAX_VARS // b)
    return [" + ".join("*".join(_x(j * b + i) for i in range(1, b + 1)) for j in range(m))
            for m in range(1, k + 1)]


def _determinant(max_size: int = 3) -> list[str]:
    import sympy

    size = _limit("max-size", max_size, 2, 3)
    out = []
    for s in range(2, size + 1):
        matrix = sympy.Matrix(s, s, [sympy.Symbol(_x(i)) for i in range(1, s * s + 1)])
        out.append(str(matrix.det(method="berkowitz").expand()))
    return out


def _file(path: str | os.PathLike | None = None) -> list[str]:
    if path is None:
        raise SweepError("the file family needs a FILE: symflat sweep file FILE")
    return read_polynomial_file(path)


FAMILIES: dict[str, Family] = {
    f.name: f
    for f in (
        Family("monomials", "every monomial of degree <= D in <= n variables (up to renaming)",
               ("max_degree", "max_vars", "every"), _monomials),
        Family("elementary", "elementary symmetric polynomials e_k(x1..xm), k <= m <= n",
               ("max_vars",), _elementary),
        Family("power-sums", "power sums x1^k + ... + xm^k, m <= n, k <= D",
               ("max_degree", "max_vars"), _power_sums),
        Family("chain", "nearest-neighbour chains x1*x2 + x2*x3 + ... (--periodic: rings)",
               ("max_vars", "periodic"), _chain),
        Family("disjoint-products", "sums of disjoint products x1*x2 + x3*x4 + ... (--block b)",
               ("block", "max_blocks"), _disjoint_products),
        Family("determinant", "determinants of the 2x2 and 3x3 matrices of variables",
               ("max_size",), _determinant),
        Family("file", "a list of polynomials from a file, one per line", ("path",), _file),
    )
}


def family_polynomials(family: str, **options: Any) -> list[str]:
    """The polynomials of a family, canonical and without repeats, in a fixed order.

    Options not given take the family's defaults; an option the family does not take, a size
    beyond the limits, or matrices the width machinery would refuse raise :class:`SweepError`.

    Examples
    --------
    >>> family_polynomials("monomials", max_degree=3, max_vars=2)
    ['x1', 'x1**2', 'x1*x2', 'x1**3', 'x1**2*x2']
    >>> family_polynomials("chain", max_vars=4, periodic=True)
    ['x1*x2 + x1*x3 + x2*x3', 'x1*x2 + x1*x4 + x2*x3 + x3*x4']
    >>> family_polynomials("elementary", max_vars=2)
    ['x1', 'x1 + x2', 'x1*x2']
    >>> family_polynomials("disjoint-products", max_blocks=2)
    ['x1*x2', 'x1*x2 + x3*x4']
    >>> family_polynomials("determinant", max_size=2)
    ['x1*x4 - x2*x3']
    >>> family_polynomials("cubes")
    Traceback (most recent call last):
    ...
    symflat.verify.sweep.SweepError: unknown family 'cubes'; choose one of monomials, elementary, \
power-sums, chain, disjoint-products, determinant, file
    """
    spec = FAMILIES.get(family)
    if spec is None:
        raise SweepError(f"unknown family {family!r}; choose one of {', '.join(FAMILIES)}")
    given = {k: v for k, v in options.items() if v is not None and v is not False}
    extra = sorted(set(given) - set(spec.options))
    if extra:
        flag = "FILE" if extra[0] == "path" else "--" + extra[0].replace("_", "-")
        raise SweepError(f"{flag} does not apply to the {family} family "
                         f"(it takes: {_option_names(spec)})")
    texts = spec.build(**given)
    if len(texts) > MAX_POLYNOMIALS:
        raise SweepError(f"the {family} family with these sizes has {len(texts):,} polynomials; "
                         f"at most {MAX_POLYNOMIALS:,} per sweep")
    out, seen = [], set()
    for text in texts:
        canonical = canonical_polynomial(text, where="" if family == "file" else text)
        if canonical not in seen:
            seen.add(canonical)
            out.append(canonical)
    return out


def _option_names(spec: Family) -> str:
    names = ["FILE" if o == "path" else "--" + o.replace("_", "-") for o in spec.options]
    return ", ".join(names) or "no options"


def canonical_polynomial(text: str, *, where: str = "") -> str:
    """The canonical text of a polynomial (as ``symflat width --json`` prints it), checked.

    Refuses (:class:`SweepError`) non-polynomials, constants, more than :data:`MAX_VARS`
    variables and polynomials whose catalecticant matrices the width machinery would refuse.

    Examples
    --------
    >>> canonical_polynomial("x2^2*x1 + 3*x1*x2")
    'x1*x2**2 + 3*x1*x2'
    >>> canonical_polynomial("x1 + 1/2*x2^2")
    'x1 + x2**2/2'
    """
    from symflat.exact.expressions import parse_polynomial
    from symflat.width import as_polydata
    from symflat.width.lower import MAX_MATRIX_ENTRIES, matrix_sizes

    prefix = f"{where}: " if where else ""
    try:
        data = as_polydata(parse_polynomial(text))
    except SymflatError as error:
        raise SweepError(f"{prefix}{error}") from None
    if data.nvars > MAX_VARS:
        raise SweepError(f"{prefix}{data.nvars} variables; at most {MAX_VARS} are supported")
    biggest = max(r * c for r, c in matrix_sizes(data.nvars, data.degree))
    if biggest > MAX_MATRIX_ENTRIES:
        raise SweepError(f"{prefix}degree {data.degree} in {data.nvars} variables needs "
                         f"matrices with {biggest:,} entries (limit {MAX_MATRIX_ENTRIES:,})")
    return str(data.to_expr())


def read_polynomial_file(path: str | os.PathLike) -> list[str]:
    """The polynomials of a file, one per line; blank lines and ``#`` comments are skipped.

    A line that is not a polynomial the width machinery accepts raises :class:`SweepError`
    naming the file and the line number. Polynomials are parsed by
    :func:`symflat.exact.expressions.parse_polynomial` (never evaluated).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "p.txt"
    >>> _ = f.write_text("# two\\nx1*x2\\n\\nx1^2 + x2^2  # a comment\\n")
    >>> read_polynomial_file(f)
    ['x1*x2', 'x1**2 + x2**2']
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SweepError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SweepError(f"{path}: cannot read it: {error}") from None
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0].strip()
        if content:
            out.append(canonical_polynomial(content, where=f"{path}, line {number}"))
    if not out:
        raise SweepError(f"{path}: no polynomials in it (one per line; # starts a comment)")
    return out


# ----------------------------------------------------------------------------- jobs


@dataclass(frozen=True)
class SweepJob:
    """One width computation: a canonical polynomial, a model and the search parameters."""

    family: str
    polynomial: str
    model: str
    grid: int = 1
    search_timeout: float = 10.0

    def to_dict(self) -> dict[str, Any]:
        return {"family": self.family, "polynomial": self.polynomial, "model": self.model,
                "grid": self.grid, "search_timeout": self.search_timeout}


def make_jobs(family: str, polynomials: Iterable[str], models: Sequence[str] = MODELS, *,
              grid: int = 1, search_timeout: float = 10.0) -> list[SweepJob]:
    """One job per polynomial and model, polynomial-major.

    Examples
    --------
    >>> [(j.polynomial, j.model) for j in make_jobs("f", ["x1"], MODELS)]
    [('x1', 'no-bias'), ('x1', 'output-bias')]
    """
    for model in models:
        if model not in MODELS:
            raise SweepError(f"unknown model {model!r}; choose no-bias, output-bias or both")
    return [SweepJob(family, p, m, grid, search_timeout) for p in polynomials for m in models]


def job_key(job: SweepJob, version: str | None = None) -> str:
    """The store key of a job: canonical polynomial, model and symflat version.

    Examples
    --------
    >>> job_key(SweepJob("monomials", "x1*x2", "no-bias"), "0.1.0")
    'x1*x2|no-bias|0.1.0'
    """
    if version is None:
        from symflat import __version__ as version
    return f"{job.polynomial}|{job.model}|{version}"


def compute(job: Mapping[str, Any]) -> dict[str, Any]:
    """Run one job in this process: ``{"status", "seconds", "result", "message"}``.

    ``status`` is ``computed`` (``result`` is the ``symflat width --json`` object),
    ``refused`` (the width machinery refused the question; ``message`` says why) or
    ``failed`` (an unexpected error, with its traceback's last line).

    Examples
    --------
    >>> out = compute({"polynomial": "x1*x2", "model": "no-bias"})
    >>> out["status"], out["result"]["lower"], out["result"]["upper"]
    ('computed', 4, 4)
    """
    from symflat.exact.expressions import parse_polynomial
    from symflat.width import minimal_width

    start = time.perf_counter()
    try:
        result = minimal_width(parse_polynomial(job["polynomial"]), job["model"],
                               grid=int(job.get("grid", 1)),
                               timeout=float(job.get("search_timeout", 10.0)))
    except SymflatError as error:
        return {"status": "refused", "seconds": time.perf_counter() - start, "result": None,
                "message": str(error)}
    except Exception as error:  # noqa: BLE001 - reported as a failed job, the sweep goes on
        last = traceback.format_exception_only(type(error), error)[-1].strip()
        return {"status": "failed", "seconds": time.perf_counter() - start, "result": None,
                "message": last}
    return {"status": "computed", "seconds": time.perf_counter() - start,
            "result": result.to_dict(), "message": ""}


def _unfinished(timeout: float) -> dict[str, Any]:
    return {"status": "unfinished", "seconds": timeout, "result": None,
            "message": f"stopped at the time limit of {timeout:g} s"}


# --------------------------------------------------------------------------- local pool


def _serve(conn: Any) -> None:
    """Body of a worker process: compute the jobs it is sent until it gets None.

    Ctrl-C is left to the parent, which kills its workers when interrupted; on Linux a worker
    is also killed if the parent dies without doing so (``PR_SET_PDEATHSIG``).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    try:
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                return
            if job is None:
                return
            conn.send(compute(job))
    finally:
        conn.close()


class _Worker:
    """A worker process and the job it is running (None when idle)."""

    def __init__(self, ctx: Any, number: int) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_serve, args=(child,), daemon=True,
                                name=f"symflat-sweep-{number}")
        self.proc.start()
        child.close()
        self.job: SweepJob | None = None
        self.deadline = 0.0

    def start(self, job: SweepJob, timeout: float) -> None:
        self.job, self.deadline = None, 0.0
        self.conn.send(job.to_dict())
        self.job, self.deadline = job, time.monotonic() + timeout

    def stop(self, kill: bool = False) -> None:
        """End the process: ask it to exit (or kill it), then reap it."""
        if not kill and self.proc.is_alive():
            with contextlib.suppress(OSError, BrokenPipeError):
                self.conn.send(None)
            self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1


def _context() -> multiprocessing.context.BaseContext:
    """How job processes start.

    ``fork`` on Linux when this process has a single thread (the command line's case: fast,
    and the children inherit the imported width machinery); otherwise a ``forkserver`` that
    imports the width machinery once (forking a multi-threaded process is unsafe), or
    ``spawn`` where there is no forkserver. The last two import the main module in every
    child: a script calling :func:`run_sweep` needs an ``if __name__ == "__main__":`` guard.
    """
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(
            ["symflat.verify.sweep", "symflat.width", "symflat.exact.expressions"])
        return ctx
    return multiprocessing.get_context("spawn")


def run_local(jobs: Sequence[SweepJob], workers: int, timeout: float
              ) -> Iterator[tuple[SweepJob, dict[str, Any]]]:
    """Run jobs in at most ``workers`` worker processes; a job still running at ``timeout``
    seconds is stopped by killing its worker (a fresh one takes its place).

    Yields ``(job, outcome)`` as jobs finish (not in order). Closing the generator (or an
    exception in the caller, such as Ctrl-C) kills the workers.
    """
    ctx = _context()
    pending = deque(jobs)
    pool: list[_Worker] = []
    started = 0
    try:
        while pending or any(w.job is not None for w in pool):
            for worker in [w for w in pool if w.job is None]:
                if pending:
                    job = pending.popleft()
                    try:
                        worker.start(job, timeout)
                    except OSError:  # the idle worker died: replace it, keep the job
                        pending.appendleft(job)
                        worker.stop(kill=True)
                        pool.remove(worker)
            while pending and len(pool) < max(1, workers):
                started += 1
                pool.append(_Worker(ctx, started))
                pool[-1].start(pending.popleft(), timeout)
            busy = [w for w in pool if w.job is not None]
            nearest = min(w.deadline for w in busy)
            wait([w.conn for w in busy], timeout=max(0.0, nearest - time.monotonic()))
            now = time.monotonic()
            for worker in busy:
                job = worker.job
                assert job is not None
                if worker.conn.poll():
                    try:
                        outcome = worker.conn.recv()
                    except (EOFError, OSError):
                        worker.proc.join(timeout=5)
                        outcome = {"status": "failed", "seconds": 0.0, "result": None,
                                   "message": f"the job's process died (exit code "
                                              f"{worker.proc.exitcode})"}
                        worker.stop(kill=True)
                        pool.remove(worker)
                elif now >= worker.deadline:
                    worker.stop(kill=True)
                    pool.remove(worker)
                    outcome = _unfinished(timeout)
                else:
                    continue
                worker.job = None
                yield job, outcome
    finally:
        for worker in pool:
            worker.stop(kill=worker.job is not None)


# ------------------------------------------------------------------------------- Dask


def _dask_task(job: dict[str, Any], timeout: float) -> dict[str, Any]:
    """A Dask task: run the job in ``python -m symflat.verify.sweep``, killed at the deadline.

    A subprocess rather than a multiprocessing child, because Dask's worker processes are
    daemonic (and may not have multiprocessing children).
    """
    try:
        proc = subprocess.run([sys.executable, "-m", "symflat.verify.sweep"],
                              input=json.dumps(job), capture_output=True, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return _unfinished(timeout)
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"status": "failed", "seconds": 0.0, "result": None,
                "message": f"the job's process exited with code {proc.returncode}: {tail}"}


def run_dask(jobs: Sequence[SweepJob], address: Any, timeout: float
             ) -> Iterator[tuple[SweepJob, dict[str, Any]]]:
    """Run jobs on the Dask distributed cluster whose scheduler is at ``address``.

    ``address`` may also be a ``distributed.Client`` (used as is, not closed). Yields
    ``(job, outcome)`` as tasks finish. Workers need symflat installed.
    """
    try:
        import distributed
    except ImportError:
        raise SweepError(DASK_HINT) from None
    own = not isinstance(address, distributed.Client)
    if own:
        try:
            client = distributed.Client(address, timeout=10, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise SweepError(f"cannot connect to the Dask scheduler at {address}: "
                             f"{error}") from None
    else:
        client = address
    try:
        futures = {}
        for job in jobs:
            future = client.submit(_dask_task, job.to_dict(), timeout, pure=False)
            futures[future] = job
        for future in distributed.as_completed(list(futures), loop=client.loop):
            job = futures[future]
            try:
                outcome = future.result()
            except Exception as error:  # noqa: BLE001 - a lost task is a failed job
                outcome = {"status": "failed", "seconds": 0.0, "result": None,
                           "message": f"Dask task failed: {type(error).__name__}: {error}"}
            yield job, outcome
    finally:
        if own:
            client.close()


# ------------------------------------------------------------------------------ rows


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


def _from_store(job: SweepJob, payload: Mapping[str, Any], timeout: float) -> SweepRow | None:
    """The row a stored payload answers, or None when the job must run again."""
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


def run_sweep(
    jobs: Sequence[SweepJob],
    *,
    store: Any = None,
    refresh: bool = False,
    workers: int = 1,
    scheduler: Any = None,
    timeout: float = 60.0,
    progress: bool = False,
    on_row: Callable[[SweepRow], None] | None = None,
) -> list[SweepRow]:
    """Run a sweep's jobs and return their rows, in the order of ``jobs``.

    Parameters
    ----------
    jobs : sequence of SweepJob
        From :func:`make_jobs`.
    store : symflat.verify.store.Store, optional
        Where results are read from (unless ``refresh``) and written to as they finish.
    workers : int
        Local child processes at once (ignored with ``scheduler``).
    scheduler : str or distributed.Client, optional
        Run on this Dask cluster instead of locally.
    timeout : float
        Seconds after which a job is stopped and reported ``unfinished``.
    progress : bool
        Show a tqdm progress bar on stderr (when stderr is a terminal).
    on_row : callable, optional
        Called with each row as it is known (stored rows first).
    """
    from tqdm import tqdm

    class _Bar(tqdm):
        monitor_interval = 0  # no monitor thread: job processes can then be forked safely

    if timeout <= 0:
        raise SweepError("--timeout must be positive")
    rows: dict[int, SweepRow] = {}
    todo: list[SweepJob] = []
    index: dict[SweepJob, list[int]] = {}  # equal jobs run once
    for i, job in enumerate(jobs):
        row = None
        if store is not None and not refresh:
            record = store.get(STORE_KIND, job_key(job))
            if record is not None and isinstance(record.payload, Mapping):
                row = _from_store(job, record.payload, timeout)
        if row is None:
            if job not in index:
                todo.append(job)
            index.setdefault(job, []).append(i)
        else:
            rows[i] = row
            if on_row:
                on_row(row)
    bar = _Bar(total=len(jobs), initial=len(rows), desc="sweep", unit="job", file=sys.stderr,
               disable=None if progress else True, dynamic_ncols=True)
    try:
        if todo:
            stream = (run_dask(todo, scheduler, timeout) if scheduler is not None
                      else run_local(todo, workers, timeout))
            try:
                for job, outcome in stream:
                    row = SweepRow.from_outcome(job, outcome)
                    for i in index[job]:
                        rows[i] = row
                    if store is not None:
                        _store(store, job, outcome, timeout)
                    if on_row:
                        on_row(row)
                    bar.update(len(index[job]))
                    bar.set_postfix_str(f"{job.polynomial[:30]} {row.status}", refresh=False)
            finally:
                close = getattr(stream, "close", None)
                if close:
                    close()
    finally:
        bar.close()
    return [rows[i] for i in range(len(jobs))]


def _store(store: Any, job: SweepJob, outcome: Mapping[str, Any], timeout: float) -> None:
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


# ---------------------------------------------------------------------------- output


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def format_table(rows: Sequence[SweepRow]) -> str:
    """The rows as an aligned plain-text table (``-`` where a value is unknown).

    Examples
    --------
    >>> print(format_table([SweepRow("m", "x1*x2", "no-bias", "computed", 0.01, 4, 4, True)]))
    polynomial  model    lower  upper  exact  gap  seconds  status
    x1*x2       no-bias      4      4  yes      0     0.01  computed
    """
    body = [[_cell(r.to_dict()[c]) for c in COLUMNS] for r in rows]
    widths = [max(len(c), *(len(b[i]) for b in body)) if body else len(c)
              for i, c in enumerate(COLUMNS)]
    right = {"lower", "upper", "gap", "seconds"}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.rjust(w) if name in right else cell.ljust(w)
                         for cell, w, name in zip(cells, widths, COLUMNS)).rstrip()

    header = "  ".join(c.rjust(w) if c in right else c.ljust(w)
                       for c, w in zip(COLUMNS, widths)).rstrip()
    return "\n".join([header, *(line(b) for b in body)])


OUTPUT_FORMATS = (".csv", ".json", ".md")


def check_output_path(path: str | os.PathLike) -> Path:
    """Refuse an output file of an unknown kind, or in a missing folder, before any work."""
    path = Path(path)
    if path.suffix.lower() not in OUTPUT_FORMATS:
        raise SweepError(f"--out {path}: the name must end in .csv, .json or .md")
    if not path.parent.is_dir():
        raise SweepError(f"--out {path}: the folder {path.parent} does not exist")
    return path


def render(rows: Sequence[SweepRow], fmt: str, meta: Mapping[str, Any] | None = None) -> str:
    """The rows as ``csv``, ``json`` or ``md`` text.

    The JSON is ``{"sweep": meta, "results": [...]}``; each result is a row with the full
    width object under ``"width"`` (None when there is none).

    Examples
    --------
    >>> rows = [SweepRow("m", "x1*x2", "no-bias", "computed", 0.01, 4, 4, True)]
    >>> print(render(rows, "md"))
    | polynomial | model | lower | upper | exact | gap | seconds | status |
    |---|---|---:|---:|---|---:|---:|---|
    | `x1*x2` | no-bias | 4 | 4 | yes | 0 | 0.01 | computed |
    """
    fmt = fmt.lstrip(".").lower()
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["family", *COLUMNS, "message"])
        for r in rows:
            d = r.to_dict()
            writer.writerow([d["family"], *("" if d[c] is None else d[c] for c in COLUMNS),
                             d["message"]])
        return buffer.getvalue()
    if fmt == "json":
        results = [{**r.to_dict(), "width": None if r.result is None else dict(r.result)}
                   for r in rows]
        return json.dumps({"sweep": dict(meta or {}), "results": results}, indent=2) + "\n"
    if fmt == "md":
        align = {"lower": "---:", "upper": "---:", "gap": "---:", "seconds": "---:"}
        lines = ["| " + " | ".join(COLUMNS) + " |",
                 "|" + "|".join(align.get(c, "---") for c in COLUMNS) + "|"]
        for r in rows:
            cells = [_cell(r.to_dict()[c]) for c in COLUMNS]
            cells[0] = f"`{cells[0]}`"
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)
    raise SweepError(f"unknown output format {fmt!r}; use .csv, .json or .md")


def write_results(rows: Sequence[SweepRow], path: str | os.PathLike,
                  meta: Mapping[str, Any] | None = None) -> Path:
    """Write the rows to ``path`` (format by extension), atomically: a temp file, then
    ``os.replace``."""
    path = check_output_path(path)
    text = render(rows, path.suffix, meta)
    if not text.endswith("\n"):
        text += "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def summary(rows: Sequence[SweepRow]) -> str:
    """``"12 jobs: 10 computed, 2 stored; 9 exact"``-style one-liner.

    Examples
    --------
    >>> summary([SweepRow("m", "x1", "no-bias", "computed", 0.1, 2, 2, True)])
    '1 job: 1 computed; 1 exact'
    """
    counts = {s: sum(r.status == s for r in rows) for s in STATUSES}
    parts = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    exact = sum(bool(r.exact) for r in rows)
    total = len(rows)
    return f"{total} job{'s' if total != 1 else ''}: {parts or 'none'}; {exact} exact"


def default_workers(jobs: int) -> int:
    """``--jobs``: N as given, 0 = one per CPU."""
    if jobs < 0:
        raise SweepError("--jobs must be 0 (one per CPU) or more")
    return jobs or (os.cpu_count() or 1)


def _subprocess_main() -> int:
    """``python -m symflat.verify.sweep``: one job as JSON on stdin, its outcome on stdout."""
    job = json.loads(sys.stdin.read())
    outcome = compute(job)
    sys.stdout.write(json.dumps(outcome))
    return 0


if __name__ == "__main__":  # pragma: no cover - run by the Dask tasks
    sys.exit(_subprocess_main())

