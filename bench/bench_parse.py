"""Benchmark: reading a large polynomial from text, with a naive sympy baseline in the same run.

:func:`symflat.exact.polynomial.parse_polynomial` expands in flint (``fmpq_mpoly``), bounding
every product before it is computed. The baseline is what a user would write with sympy on the
same parsed expression: ``sympy.Poly(expr, *gens, domain="QQ")``. Both results must be the same
polynomial.

Run: ``python bench/bench_parse.py [--repeat R]``.
"""

from __future__ import annotations

import argparse
import time

import sympy

from symflat.exact.expressions import natural_sort_key, parse_expression
from symflat.exact.polynomial import Polynomial, parse_polynomial

CASES = [
    "(" + " + ".join(f"x{i}" for i in range(1, 11)) + " + 1)^8",
    "(x1 - 2*x2 + x3/3 + x4 - 1)^12 - (x1 + x2)^15",
    "x1*x5*x9 - x1*x6*x8 - x2*x4*x9 + x2*x6*x7 + x3*x4*x8 - x3*x5*x7",
]


def best_of(repeat: int, function, *args):
    """``(result, seconds)``: the fastest of ``repeat`` calls."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return result, min(times)


def naive(text: str) -> sympy.Poly:
    expr = parse_expression(text)
    gens = sorted(expr.free_symbols, key=lambda s: natural_sort_key(s.name))
    return sympy.Poly(expr, *gens, domain="QQ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5,
                        help="parse_polynomial: best of R runs (default 5)")
    args = parser.parse_args()
    for text in CASES:
        fast, t_fast = best_of(args.repeat, parse_polynomial, text)
        slow, t_slow = best_of(1, naive, text)  # seconds to minutes: once is enough
        assert fast == Polynomial.from_sympy(slow), text
        label = text if len(text) <= 50 else text[:47] + "..."
        print(f"{label:50s} {len(fast.terms):6d} terms  parse_polynomial {t_fast:8.4f} s   "
              f"sympy.Poly {t_slow:8.3f} s   ratio {t_slow / t_fast:7.1f}x")


if __name__ == "__main__":
    main()
