"""Compute the depth-2 table and store its Gröbner certificates as package data.

Run from the repository root (Singular needed)::

    python bench/depth2_certificates.py [SECONDS] [POLY ...]

Every certificate is re-checked by exact products before it is written to
``symflat/width/depth2_certificates/``; the table (bounds, splits, seconds) is printed.
"""

from __future__ import annotations

import sys

from symflat.width.deep import minimal_depth2_width
from symflat.width.deep_certificates import save_certificates

TABLE = ("x1^2", "x1*x2", "x1^3", "x1*x2*x3", "x1^4", "x1^2*x2", "x1*x2*x3*x4",
         "x1*x2*x3*x4*x5*x6*x7*x8")


def main(argv: list[str]) -> None:
    seconds = float(argv[0]) if argv else 120.0
    for text in argv[1:] or TABLE:
        for model in ("no-bias", "output-bias"):
            r = minimal_depth2_width(text, model, timeout=seconds)
            certs = [*r.every_sigma.certificates, *r.exp.certificates]
            if certs:
                save_certificates([c for c in certs if c.check()])
            print(f"{text:28} {model:12} {r.lower:>3} {r.upper!s:>4} exact={r.exact!s:5} "
                  f"every-sigma={r.every_sigma.value} exp={r.exp.value}..{r.exp_upper} "
                  f"exp-exact={r.exp_exact} "
                  f"splits={list(r.splits)} one-layer={r.one_layer} {r.seconds:.1f}s "
                  f"{'; '.join(r.notes)}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
