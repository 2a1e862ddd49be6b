"""Running a sweep's jobs on a Dask distributed cluster.

Each task starts ``python -m symflat.verify.sweep`` (one job as JSON on stdin, its outcome on
stdout) and kills it at the deadline; the time limit there includes the interpreter's start,
about a second. A subprocess rather than the local executor's workers, because Dask's worker
processes are daemonic (and may not have multiprocessing children).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from symflat.verify.sweep.jobs import SweepError, SweepJob, compute, unfinished

__all__ = ["DASK_HINT", "require_dask", "run_dask", "serve_one_job"]

DASK_HINT = ("`scheduler` needs Dask: pip install 'dask[distributed]' (or pip install "
             "'symflat[dask]')")


def require_dask() -> Any:
    """The ``distributed`` module, or :class:`SweepError` saying how to install it."""
    try:
        import distributed
    except ImportError:
        raise SweepError(DASK_HINT) from None
    return distributed


def _dask_task(job: dict[str, Any], timeout: float) -> dict[str, Any]:
    """A Dask task: run the job in ``python -m symflat.verify.sweep``, killed at the deadline."""
    try:
        proc = subprocess.run([sys.executable, "-m", "symflat.verify.sweep"],
                              input=json.dumps(job), capture_output=True, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return unfinished(timeout)
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
    distributed = require_dask()
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


def serve_one_job() -> int:
    """``python -m symflat.verify.sweep``: one job as JSON on stdin, its outcome on stdout."""
    job = json.loads(sys.stdin.read())
    sys.stdout.write(json.dumps(compute(job)))
    return 0
