"""Benchmark: ``symflat verify`` on the whole catalog, from an empty store and from a warm one.

Each run is a fresh ``symflat verify`` process (interpreter start-up and imports included, as a
user sees it) on a store in a temporary folder: first from an empty store (every claim is
checked), then several times from the warm store (every verdict is read back).

Run: ``python bench/bench_verify.py [--jobs N] [--warm-runs K]``. Targets (issue 3): under
180 s from an empty store, under 2 s from a warm one. Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLD_TARGET = 180.0
WARM_TARGET = 2.0


def run_verify(store: Path, jobs: int) -> tuple[float, list[dict]]:
    env = dict(os.environ, SYMFLAT_STORE=str(store))
    command = [sys.executable, "-m", "symflat.cli", "verify", "--json", "--jobs", str(jobs)]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"symflat verify failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed, json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the cold run")
    parser.add_argument("--warm-runs", type=int, default=5, help="warm runs (median reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "store.sqlite"
        cold, outcomes = run_verify(store, args.jobs)
        slowest = sorted(outcomes, key=lambda o: o["seconds"], reverse=True)[:5]
        warm_times = []
        for _ in range(args.warm_runs):
            elapsed, warm = run_verify(store, args.jobs)
            if not all(o["cached"] for o in warm):
                raise SystemExit("a warm run re-checked a claim")
            warm_times.append(elapsed)
    warm = statistics.median(warm_times)
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome["status"]] = counts.get(outcome["status"], 0) + 1
    print(f"claims: {len(outcomes)} ({', '.join(f'{v} {k}' for k, v in counts.items())})")
    print(f"cold (empty store, --jobs {args.jobs}): {cold:7.2f} s   target < {COLD_TARGET:.0f} s")
    print(f"warm (median of {len(warm_times)}):        {warm:7.2f} s   target < "
          f"{WARM_TARGET:.0f} s   (min {min(warm_times):.2f} s, max {max(warm_times):.2f} s)")
    print("slowest checks: " + ", ".join(f"{o['id']} {o['seconds']:.2f} s" for o in slowest))
    ok = cold < COLD_TARGET and warm < WARM_TARGET
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
