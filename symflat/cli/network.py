"""``symflat network``: build a gallery network and print it as JSON, DOT, SVG or a summary."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys

from symflat.cli._networks import add_network_arguments, network_from_arguments
from symflat.errors import SymflatError

INSTALL_GRAPHVIZ = ("graphviz's 'dot' program is not installed; install it (Debian/Ubuntu: "
                    "apt-get install graphviz, macOS: brew install graphviz) or use --format dot")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "network", help="print a network (gallery or file) as JSON, DOT, SVG or a summary",
        description="Print a network as node-link JSON with exact weights, Graphviz DOT, an SVG "
                    "drawing (needs graphviz) or a summary of its counts.")
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
        sys.stdout.write(render_svg(net.to_dot()))
    return 0


def render_svg(dot_text: str) -> str:
    """Draw DOT text as SVG with graphviz's ``dot`` (no shell involved)."""
    dot = shutil.which("dot")
    if dot is None:
        raise SymflatError(INSTALL_GRAPHVIZ)
    done = subprocess.run([dot, "-Tsvg"], input=dot_text, capture_output=True, text=True,
                          check=False, timeout=120)
    if done.returncode != 0:
        raise SymflatError(f"graphviz failed: {done.stderr.strip().splitlines()[-1:]}")
    return done.stdout
