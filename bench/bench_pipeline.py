"""Benchmark: the README's pipeline as whole processes, each on a fresh temporary store.

Three measurements, each a fresh ``symflat`` process (interpreter start-up and imports
included, as a user sees it), run in a temporary folder with ``SYMFLAT_STORE`` pointing at a
new store:

1. ``symflat verify`` from an empty store;
2. ``symflat report`` right after it (the verdicts and their figure data are stored, so the
   report only renders);
3. the main job ``symflat verify && symflat sweep monomials && symflat report`` from another
   empty store.

For each it prints the wall-clock seconds and the CPU seconds of the processes (user + system),
which are less sensitive to other load on the machine than the wall clock.

Run: ``python bench/bench_pipeline.py``. Targets (issue 11, two cores): verify <= 40 s, report
after verify <= 30 s, main job <= 120 s. Exit status 1 if a wall-clock target is missed.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

TARGETS = {"verify": 40.0, "report after verify": 30.0, "main job": 120.0}


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(commands: Sequence[Sequence[str]], folder: Path) -> tuple[float, float]:
    """Run ``symflat`` commands one after the other in ``folder`` on its own store; return
    (wall seconds, CPU seconds) of them all."""
    env = dict(os.environ, SYMFLAT_STORE=str(folder / "store.sqlite"))
    cpu, start = _cpu_seconds(), time.perf_counter()
    for command in commands:
        done = subprocess.run([sys.executable, "-m", "symflat.cli", *command], cwd=folder,
                              env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"symflat {' '.join(command)} failed ({done.returncode}): "
                             f"{done.stderr.strip()[-2000:]}")
    return time.perf_counter() - start, _cpu_seconds() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as first:
        results["verify"] = run([["verify"]], Path(first))
        results["report after verify"] = run([["report"]], Path(first))
    with tempfile.TemporaryDirectory() as second:
        results["main job"] = run([["verify"], ["sweep", "monomials"], ["report"]],
                                  Path(second))
    ok = True
    for name, (wall, cpu) in results.items():
        target = TARGETS[name]
        ok &= wall <= target
        print(f"{name:<20} {wall:7.1f} s wall  {cpu:7.1f} s CPU   target <= {target:.0f} s")
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
