"""``symflat compare``: the compiled deep network beside the certified shallow width."""

from __future__ import annotations

import argparse

from symflat.cli._text import echo
from symflat.cli._types import seconds
from symflat.width.compare import compare


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "compare", help="a polynomial's deep network against its smallest shallow one",
        description="The certified shallow width in both models (exactly as 'symflat width' "
                    "computes it) beside the neurons, depth and synapses of the verified deep "
                    "network 'symflat compile' builds, and their ratio; for the generic sigma "
                    "the proved bounds on the smallest network with two hidden layers too.")
    parser.add_argument("polynomial", metavar="POLY", help="the polynomial (^ or ** for powers)")
    parser.add_argument("--timeout", type=seconds, default=10.0, metavar="S",
                        help="seconds for each model's construction search (default 10), and "
                             "for each model's depth-2 bounds")
    parser.add_argument("--depth2", choices=("stored", "compute", "off"), default="stored",
                        help="depth-2 bounds from the shipped certificates (default; at most 4 "
                             "variables), computing missing ones within --timeout, or none")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = compare(args.polynomial, timeout=args.timeout, depth2=args.depth2)
    if args.json:
        print(result.to_json())
        return 0
    deep = result.deep
    print(f"P = {echo(result.polynomial)}")
    print(f"deep (compiled, verified): {deep.neurons} neurons, depth {deep.depth}, "
          f"{deep.synapses} synapses")
    print("shallow (one hidden layer):")
    for model, width in result.shallow.items():
        print(f"  {model:<12} width {result.width_text(model):<8} "
              f"{'exact' if width.exact else 'not exact'}   "
              f"shallow/deep neurons = {result.ratio_text(model)}")
    if result.depth2:
        print("two hidden layers (m1 + m2, both bounds proved; sigma class per model):")
    for model, r in result.depth2.items():
        upper = "?" if r.upper is None else r.upper
        bounds = str(r.lower) if r.exact else f"{r.lower}..{upper}"
        splits = ", ".join(f"{a}+{b}" for a, b in r.splits) or "-"
        print(f"  {model:<12} size  {bounds:<8} {'exact' if r.exact else 'not exact'}   "
              f"split {splits}   [{r.to_dict()['sigma_class']}]")
    return 0
