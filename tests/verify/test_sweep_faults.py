"""Fault injection: ``symflat sweep --jobs 2`` with workers and the parent killed at random
moments. A run whose workers are killed still gives the clean run's table (a job whose worker
died runs again); after any fault, a rerun resumes to exactly the clean run's table, with no job
stored as out of time; no run hangs and no worker outlives its parent.

The seed is printed on failure; set ``SYMFLAT_FAULT_SEED`` to replay a run.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from symflat.verify.sweep import sweep

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="reads /proc; workers die with their parent on Linux")

#: The family: 30 jobs of milliseconds, about half a second of work for two workers, so that
#: random moments fall before, during and after the jobs.
FAMILY = ["monomials", "--max-degree", "5", "--max-vars", "3"]
#: Fault rounds (each: one faulted run, one resumed run; about 3 s on a loaded 2-core machine).
ROUNDS = 8
#: Seconds a run may take before it counts as hung (a clean one takes 1 to 3 s).
HANG = 60


def _key(row: dict) -> tuple:
    return row["polynomial"], row["model"], row["lower"], row["upper"], row["exact"]


@pytest.fixture(scope="module")
def clean() -> list[tuple]:
    """The clean run's table, in order, without timings."""
    rows = sweep("monomials", max_degree=5, max_vars=3, timeout=60)
    assert {row.status for row in rows} == {"computed"}
    return [_key(row.to_dict()) for row in rows]


def _start(store: Path, out: Path) -> subprocess.Popen:
    # The child imports symflat from where this test did (a worktree, not an installed copy).
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [root, os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen(
        [sys.executable, "-m", "symflat", "sweep", *FAMILY, "--jobs", "2", "--timeout", "30",
         "--store", str(store), "--out", str(out)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _stderr_of(run: subprocess.Popen, hung: str) -> str:
    """What ``run`` wrote on stderr once it ended; the test fails with ``hung`` (and the run is
    killed) if it does not end within ``HANG`` seconds."""
    try:
        return run.communicate(timeout=HANG)[1]
    except subprocess.TimeoutExpired:
        run.kill()
        run.communicate()
        pytest.fail(hung)


def _rows(out: Path) -> list[dict]:
    return json.loads(out.read_text())["results"]


def test_resume_after_random_kills_equals_a_clean_run(clean, tmp_path, processes):
    seed = int(os.environ.get("SYMFLAT_FAULT_SEED", random.randrange(2**32)))
    rng = random.Random(seed)
    print(f"SYMFLAT_FAULT_SEED={seed}")
    for round_ in range(ROUNDS):
        store, out = tmp_path / f"store{round_}.sqlite", tmp_path / f"out{round_}.json"
        kill_parent = round_ % 2 == 1
        run = _start(store, out)
        start = time.monotonic()
        while not processes.children(run.pid) and run.poll() is None:
            if time.monotonic() - start > HANG:
                break
            time.sleep(0.002)
        workers: set[int] = set()
        time.sleep(rng.uniform(0.0, 0.6))
        if (children := sorted(processes.children(run.pid))):
            workers.update(children)
            os.kill(rng.choice(children), signal.SIGKILL)
        if kill_parent:
            time.sleep(rng.uniform(0.0, 0.4))
            workers.update(processes.children(run.pid))
            run.kill()
        context = f"round {round_}, seed {seed}"
        err = _stderr_of(run, f"the faulted run hung ({context})")
        if kill_parent:
            deadline = time.monotonic() + 10
            while any(processes.alive(w) for w in workers) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert not any(processes.alive(w) for w in workers), f"orphan workers ({context})"
        elif run.returncode is not None and run.returncode >= 0:
            # Only a worker was killed: its job ran again, the table is the clean one.
            assert run.returncode == 0, f"{err} ({context})"
            assert [_key(r) for r in _rows(out)] == clean, context
        resumed = _start(store, out)
        err = _stderr_of(resumed, f"the resumed run hung ({context})")
        assert resumed.returncode == 0, f"{err} ({context})"
        rows = _rows(out)
        assert {r["status"] for r in rows} <= {"computed", "stored"}, context
        assert [_key(r) for r in rows] == clean, context
