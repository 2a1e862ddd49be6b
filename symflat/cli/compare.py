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
                    "network 'symflat compile' builds, and their ratio.")
    parser.add_argument("polynomial", metavar="POLY", help="the polynomial (^ or ** for powers)")
    parser.add_argument("--timeout", type=seconds, default=10.0, metavar="S",
                        help="seconds for each model's construction search (default 10)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = compare(args.polynomial, timeout=args.timeout)
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
    return 0
