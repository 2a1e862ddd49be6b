"""Benchmark: exact expansion of deep networks, composed method against the reference.

Each figure is one whole process (``symflat expand`` as a user runs it: import, build,
expand, print), for the default method and for the reference propagation, in the same run:
wall time, peak memory (the child's own maximum resident set) and whether the two results
agree term by term. The reference gets ``--timeout`` seconds and a memory cap so that the
bench always finishes; a capped run is shown as ``>T s``.

Run: ``python bench/bench_deep.py [--timeout S] [--cap-gib G]``. Targets (issue 9): the deep
product n = 32 through degree 32 in at most 10 s and 1 GB, n = 64 through degree 64 in at most
60 s, n = 16 through degree 18 in at most 10 s; the flat product n = 9 through degree 11 no
slower than the reference.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import time
from contextlib import redirect_stdout
from io import StringIO

CASES = [
    ("deep_product", 8, 8),
    ("deep_product", 8, 10),
    ("deep_product", 12, 14),
    ("deep_product", 16, 16),
    ("deep_product", 16, 18),
    ("deep_product", 32, 32),
    ("deep_product", 64, 64),
    ("flat_product", 9, 11),
]


def child(name: str, n: int, degree: int, method: str) -> None:
    """Run one expansion in this process and print its figures as JSON."""
    from symflat.cli import main

    out = StringIO()
    with redirect_stdout(out):
        status = main(["expand", name, "--n", str(n), "--degree", str(degree),
                       "--method", method, "--max-memory", "0"])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
    print(json.dumps({"status": status, "rss": rss, "lines": out.getvalue().count("\n"),
                      "digest": hashlib.sha256(out.getvalue().encode()).hexdigest()}))


def measure(name: str, n: int, degree: int, method: str, timeout: float | None,
            cap: int | None) -> dict:
    def limit() -> None:
        if cap is not None:
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    start = time.perf_counter()
    try:
        run = subprocess.run([sys.executable, __file__, "--child", name, str(n), str(degree),
                              method], capture_output=True, text=True, timeout=timeout,
                             preexec_fn=limit)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "why": f">{timeout:.0f} s"}
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        over = run.returncode < 0 or "MemoryError" in run.stderr or "alloc" in run.stderr
        return {"seconds": None, "why": "over the memory cap" if over else
                f"failed: {run.stderr.strip().splitlines()[-1:]}"}
    return {"seconds": seconds, **json.loads(run.stdout.strip().splitlines()[-1])}


def cell(result: dict) -> str:
    if result["seconds"] is None:
        return f"{result['why']:>20}"
    return f"{result['seconds']:>8.2f} s {result['rss'] / 2**20:>6.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120, help="seconds for the reference")
    parser.add_argument("--cap-gib", type=float, default=3, help="memory cap of the reference")
    parser.add_argument("--child", nargs=4, metavar=("NAME", "N", "D", "METHOD"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        name, n, degree, method = args.child
        child(name, int(n), int(degree), method)
        return
    cap = int(args.cap_gib * 2**30)
    print(f"{'network':<14} {'n':>3} {'D':>3} {'default (composed)':>20} "
          f"{'reference':>20} {'ratio':>8}  same")
    for name, n, degree in CASES:
        ours = measure(name, n, degree, "auto", None, None)
        ref = measure(name, n, degree, "reference", args.timeout, cap)
        if ref["seconds"] is None or ours["seconds"] is None:
            timed_out = ours["seconds"] and ref.get("why", "").startswith(">")
            ratio = f">{args.timeout / ours['seconds']:.0f}x" if timed_out else "-"
            same = "-"
        else:
            ratio = f"{ref['seconds'] / ours['seconds']:.1f}x"
            same = "yes" if ref["digest"] == ours["digest"] else "NO"
        print(f"{name:<14} {n:>3} {degree:>3} {cell(ours)} {cell(ref)} {ratio:>8}  {same}",
              flush=True)


if __name__ == "__main__":
    main()
