"""Benchmark: ``symflat.width`` (issue 4 targets), with a naive sympy baseline in the same run.

1. x1...x6, both models, exact (lower bound, Eq. 32 / finite-difference construction, network
   re-checked by exact expansion): target < 10 s each.
2. The lower bound of a dense degree-8 polynomial in 4 variables: target < 5 s. "Dense" is
   taken two ways: (a) every monomial of degree exactly 8 (homogeneous: the full apolarity bound,
   valid for every sigma), (b) every monomial of degree <= 8 (nine homogeneous parts: the
   generic-sigma bound is too costly to certify, so the partial bound is computed; see lower.py).
3. The same catalecticant ranks with a naive ``sympy.Matrix.rank`` (the way a user would write
   it), compared with the python-flint ranks used by symflat: times and the ratio are printed,
   and the ranks must agree.

Run: ``python bench/bench_width.py [--naive-max-t T]``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import time
from fractions import Fraction
from itertools import product
from math import factorial, prod

import sympy

from symflat.exact.polynomial import Polynomial
from symflat.width import lower_bound, minimal_width
from symflat.width.lower import _bound_from_g, _homogenized
from symflat.width.polynomials import monomials


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def dense(n: int, d: int, homogeneous: bool, seed: int = 1) -> Polynomial:
    rng = random.Random(seed)
    terms = {}
    for e in product(range(d + 1), repeat=n):
        if sum(e) == d or (not homogeneous and sum(e) <= d):
            terms[e] = Fraction(rng.choice([-3, -2, -1, 1, 2, 3]), rng.choice([1, 2, 3]))
    return Polynomial(tuple(f"x{i + 1}" for i in range(n)), terms)


def naive_bound(data: Polynomial) -> int:
    """The same apolarity bound (sigma_k = 1), ranks by sympy.Matrix.rank."""
    d, n = data.degree, data.nvars
    g = _homogenized(data.parts(), d, {k: Fraction(1) for k in data.parts()})
    total = 0
    for t in range(d + 1):
        rows_m, cols_m = monomials(n + 1, t), monomials(n + 1, d - t)
        nz = len(monomials(n + 1, t - 1)) if t else 0

        def entry(alpha, gamma):
            beta = tuple(a + c for a, c in zip(alpha, gamma, strict=True))
            c = g.get(beta, 0)
            return sympy.Rational(c * prod(factorial(b) for b in beta)) if c else 0

        m = sympy.Matrix([[entry(a, c) for c in cols_m] for a in rows_m])
        total += m.rank() - (m[:nz, :].rank() if nz else 0)
    return total


def _naive_child(data, queue):  # runs in a child process
    queue.put(naive_bound(data))


def naive_with_timeout(data: Polynomial, timeout: float):
    """``(bound, seconds)``, or ``(None, timeout)`` if sympy did not finish in time."""
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    start = time.perf_counter()
    proc = ctx.Process(target=_naive_child, args=(data, queue), daemon=True)
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return None, timeout
    return queue.get(), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--naive-timeout", type=float, default=60.0, metavar="S",
                        help="stop the naive sympy computation after S seconds (default 60)")
    args = parser.parse_args()
    print("1. x1...x6 exact (lower bound + construction + exact expansion check)")
    x = sympy.symbols("x1:7")
    p6 = sympy.Poly(sympy.Mul(*x), *x)
    for model in ("no-bias", "output-bias"):
        result, seconds = timed(minimal_width, p6, model)
        status = "OK" if seconds < 10 and result.exact and result.verified else "MISSED"
        print(f"   {model:12s} lower={result.lower} upper={result.upper} exact={result.exact} "
              f"verified={result.verified}  {seconds:.3f} s  (target < 10 s: {status})")

    print("2. lower bound of a dense degree-8 polynomial in 4 variables")
    homogeneous = dense(4, 8, True)
    full = dense(4, 8, False)
    for label, data in (("(a) all 165 monomials of degree 8", homogeneous),
                        (f"(b) all {len(full.terms)} monomials of degree <= 8", full)):
        for model in ("no-bias", "output-bias"):
            bound, seconds = timed(lower_bound, data, model)
            status = "OK" if seconds < 5 else "MISSED"
            print(f"   {label} {model:12s} lower={bound.value} [{bound.method}, sigma: "
                  f"{bound.sigma}]  {seconds:.3f} s  (target < 5 s: {status})")

    print("3. flint ranks vs naive sympy Matrix.rank (same bound, same matrices, sigma_k = 1)")
    product4 = Polynomial(tuple(f"x{i}" for i in range(1, 5)), {(1,) * 4: Fraction(1)})
    cases = [("x1*x2*x3*x4", product4),
             ("dense degree 4, 3 vars", dense(3, 4, True)),
             ("dense degree 6, 3 vars", dense(3, 6, True)),
             ("dense degree 8, 4 vars", homogeneous)]
    for label, data in cases:
        fast, t_fast = timed(lambda d=data: _bound_from_g(
            _homogenized(d.parts(), d.degree, {k: Fraction(1) for k in d.parts()}),
            d.nvars, d.degree)[0])
        slow, t_slow = naive_with_timeout(data, args.naive_timeout)
        if slow is None:
            print(f"   {label:26s} bound={fast:5d}  flint {t_fast:8.4f} s   sympy > "
                  f"{args.naive_timeout:.0f} s (stopped)  ratio > {t_slow / t_fast:8.0f}x")
            continue
        assert fast == slow, (label, fast, slow)
        print(f"   {label:26s} bound={fast:5d}  flint {t_fast:8.4f} s   sympy {t_slow:8.3f} s   "
              f"ratio {t_slow / t_fast:8.1f}x")


if __name__ == "__main__":
    main()
