"""``symflat expand``: the exact Taylor polynomial of a network's outputs."""

from __future__ import annotations

import argparse
import json
import math
import sys

from symflat.cli._networks import add_network_arguments, network_from_arguments
from symflat.cli._text import echo
from symflat.cli._types import MAX_DEGREE, degree, seconds
from symflat.errors import ExpansionError
from symflat.nets.expansion import DEFAULT_MAX_MEMORY, METHODS, expand

#: Seconds an expansion may run by default (``--timeout`` overrides): every expansion of the
#: gallery and of the README takes seconds, and a run past this is stopped in one line, its
#: worker process killed, rather than left to run without end.
DEFAULT_TIMEOUT = 300.0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "expand", help="print the exact Taylor polynomial of a network through a degree",
        description="Expand a network's outputs exactly through total degree D. Inputs are "
                    "x1, x2, ...; the generic activation's coefficients are sigma0, sigma1, ... "
                    "in the convention sigma(u) = sum_k sigma_k u^k.")
    add_network_arguments(parser)
    parser.add_argument("--degree", type=degree, required=True, metavar="D",
                        help=f"keep terms of total degree <= D (at most {MAX_DEGREE})")
    parser.add_argument("--activation", default="generic", metavar="ACT",
                        help="generic (default), sigmoid, tanh, softplus, exp, identity, or an "
                             "expression in x such as 'x + x^2/2'")
    parser.add_argument("--method", choices=METHODS, default="auto",
                        help="composed: each sub-network once, each node only to the degree the "
                             "output uses; reference: every node through D; auto (default): "
                             "composed when a linear node feeds another node")
    parser.add_argument("--max-memory", type=float, default=DEFAULT_MAX_MEMORY / 2**30,
                        metavar="GIB", help="refuse an expansion estimated to need more memory "
                                            "than this many GiB (default %(default)g; 0: no limit)")
    parser.add_argument("--timeout", type=seconds, default=DEFAULT_TIMEOUT, metavar="S",
                        help="stop the expansion after S seconds with a one-line message "
                             f"(default {DEFAULT_TIMEOUT:g}; at most a week)")
    parser.add_argument("--json", action="store_true",
                        help="print JSON with exact coefficient strings")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not math.isfinite(args.max_memory) or args.max_memory < 0:
        raise ExpansionError(f"--max-memory must be a non-negative number of GiB, "
                             f"not {args.max_memory:g}")
    limit = max(1, int(args.max_memory * 2**30)) if args.max_memory else None
    net = network_from_arguments(args)
    result = expand(net, args.degree, args.activation, method=args.method, max_memory=limit,
                    progress=sys.stderr.isatty(), timeout=args.timeout)
    if args.json:
        print(json.dumps(result.to_json(), indent=1))
        return 0
    for name in result.outputs:
        print(f"{name} = " + echo(result.terms(name), [str(v) for v in result.variables],
                                  through=result.degree, ascending=True))
    return 0
