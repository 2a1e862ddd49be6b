"""``symflat network``: build a gallery network and print it as JSON, DOT, SVG or a summary."""

from __future__ import annotations

import argparse
import sys

from symflat.cli._networks import add_network_arguments, network_from_arguments
from symflat.nets.drawing import to_svg


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "network", help="print a network (gallery or file) as JSON, DOT, SVG or a summary",
        description="Print a network as node-link JSON with exact weights, Graphviz DOT, an SVG "
                    "drawing (laid out by graphviz when installed) or a summary of its counts.")
    add_network_arguments(parser)
    parser.add_argument("--format", choices=("summary", "json", "dot", "svg"), default="summary")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    net = network_from_arguments(args)
    if args.format == "summary":
        print(net.summary())
    elif args.format == "json":
        print(net.to_json())
    elif args.format == "dot":
        sys.stdout.write(net.to_dot())
    else:
        sys.stdout.write(to_svg(net))
    return 0
