"""Benchmark: the apolarity lower bound's catalecticant ranks, symflat against Macaulay2.

For each polynomial ``P`` the bound of :mod:`symflat.width.lower` needs, for ``G`` the form
``P`` homogenised with ``z`` (every ``sigma_k = 1``, the no-bias model) and every order ``t``,
``rank Cat_t(G)`` and ``rank Cat_(t-1)(dG/dz)``. Macaulay2 computes the same ranks the way an
algebraist would write them (``rank last coefficients(diff(basis(t, R), G), Monomials =>
basis(d - t, R))`` over ``QQ``); symflat computes them with :func:`symflat.width.lower.apolarity`
(build the matrices from ``G``, exact ranks). Both are timed in CPU seconds inside their own
process (M2's ``cpuTime()`` around the loop, Python's ``process_time`` around the call;
start-up, ring and polynomial reading excluded on both sides), median of ``--repeat`` runs, and
the ranks must agree order by order. The last column is the whole public call
``symflat.width.lower_bound(P)`` (reading ``P`` included, wall clock) for scale.

Run: ``python bench/bench_width_m2.py [--repeat N]`` (needs ``M2`` on the PATH:
``apt-get install macaulay2``).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from fractions import Fraction
from itertools import combinations
from pathlib import Path

from symflat.exact.polynomial import Polynomial
from symflat.width import lower_bound
from symflat.width.lower import _homogenized, apolarity
from symflat.width.polynomials import monomials


def dense(n: int, d: int, homogeneous: bool, seed: int = 1) -> Polynomial:
    """Every monomial of degree ``d`` (or ``<= d``), random small rational coefficients."""
    rng = random.Random(seed)
    terms = {}
    for k in range(0 if not homogeneous else d, d + 1):
        for e in monomials(n, k):
            terms[e] = Fraction(rng.choice([-3, -2, -1, 1, 2, 3]), rng.choice([1, 2, 3]))
    return Polynomial(tuple(f"x{i + 1}" for i in range(n)), terms)


def elementary(n: int, k: int) -> Polynomial:
    """``e_k(x1..xn)``."""
    terms = {tuple(1 if i in c else 0 for i in range(n)): Fraction(1)
             for c in combinations(range(n), k)}
    return Polynomial(tuple(f"x{i + 1}" for i in range(n)), terms)


def _m2_term(exps: tuple[int, ...], coeff: Fraction) -> str:
    names = ["z"] + [f"x_{i}" for i in range(1, len(exps))]
    factors = [f"{v}^{e}" for v, e in zip(names, exps, strict=True) if e]
    return f"({coeff.numerator}/{coeff.denominator})" + "".join("*" + f for f in factors)


def m2_ranks(g: dict[tuple[int, ...], Fraction], n: int, d: int) -> tuple[list, float]:
    """``([(rank Cat_t, rank Cat^Z_t) for t], seconds)`` computed by Macaulay2."""
    body = " +\n  ".join(_m2_term(e, c) for e, c in g.items())
    script = f"""R = QQ[z,x_1..x_{n}];
G = {body};
d = {d};
Gz = diff(z, G);
t0 = cpuTime();
r = for t from 0 to d list (
  C = last coefficients(diff(basis(t, R), G), Monomials => basis(d - t, R));
  Cz = if t == 0 then 0 else rank last coefficients(diff(basis(t - 1, R), Gz),
                                                    Monomials => basis(d - t, R));
  {{rank C, Cz}});
s = cpuTime() - t0;
print toString r;
print toString s;
exit 0
"""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ranks.m2"
        path.write_text(script)
        out = subprocess.run(["M2", "--script", str(path)], capture_output=True, text=True,
                             check=True).stdout.split("\n")
    ranks = [tuple(int(v) for v in pair.strip(" {}").split(","))
             for pair in out[0].strip()[1:-1].split("}, {")]
    return ranks, float(out[1])


def symflat_ranks(data: Polynomial) -> tuple[list, float, int]:
    """``(ranks, seconds, bound)`` from :func:`symflat.width.lower.apolarity` (sigma_k = 1)."""
    scale = {k: Fraction(1) for k in data.parts()}
    start = time.process_time()
    value, ranks, _ = apolarity(data.parts(), data.nvars, data.degree, scale, False)
    seconds = time.process_time() - start
    return [(r.rank, r.rank_z) for r in ranks], seconds, value


def m2_parser(doc: str) -> argparse.ArgumentParser:
    """The command line of a benchmark against Macaulay2 (``--repeat``); it stops at once
    when ``M2`` is not installed."""
    if shutil.which("M2") is None:
        raise SystemExit("M2 (Macaulay2) is not on the PATH: apt-get install macaulay2")
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, metavar="N",
                        help="runs per side; the median is reported (default 3)")
    return parser


def main() -> None:
    args = m2_parser(__doc__).parse_args()
    cases = [
        ("x1*x2*x3", elementary(3, 3)),
        ("dense cubic, 4 vars", dense(4, 3, True)),
        ("e_3, 6 vars", elementary(6, 3)),
        ("dense deg <= 3, 6 vars", dense(6, 3, False)),
        ("dense quartic, 12 vars", dense(12, 4, True)),
        ("e_5, 12 vars", elementary(12, 5)),
        ("dense deg <= 4, 12 vars", dense(12, 4, False)),
    ]
    print(f"{'case':26s} {'bound':>5s} {'symflat':>10s} {'Macaulay2':>10s} {'M2/symflat':>10s} "
          f"{'lower_bound()':>14s}")
    for label, data in cases:
        g = _homogenized(data.parts(), data.degree, {k: Fraction(1) for k in data.parts()})
        ours, m2 = [], []
        for _ in range(args.repeat):
            ranks, seconds, value = symflat_ranks(data)
            ours.append(seconds)
            m2_r, m2_s = m2_ranks(g, data.nvars, data.degree)
            m2.append(m2_s)
            assert ranks == m2_r, (label, ranks, m2_r)
        t_ours, t_m2 = statistics.median(ours), statistics.median(m2)
        start = time.perf_counter()
        lower_bound(data)
        whole = time.perf_counter() - start
        print(f"{label:26s} {value:5d} {t_ours:9.4f}s {t_m2:9.4f}s {t_m2 / t_ours:9.1f}x "
              f"{whole:13.3f}s")


if __name__ == "__main__":
    main()
