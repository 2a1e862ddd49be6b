"""Options shared by the commands that take a network: a gallery name or a JSON file."""

from __future__ import annotations

import argparse
from pathlib import Path

from symflat.errors import SymflatError
from symflat.nets.io import read_network
from symflat.nets.network import Network, exact
from symflat.paper.gallery import GALLERY, build

#: The exact constants among the gallery options, by the flag that gives them.
_EXACT_OPTIONS = {"lam": "--lambda", "shift": "--at", "beta": "--beta"}


def add_network_arguments(parser: argparse.ArgumentParser) -> None:
    """Add NAME, --network FILE, --n and the gallery's parameters to ``parser``."""
    parser.add_argument("name", nargs="?", metavar="NAME",
                        help=f"a gallery network: {', '.join(GALLERY)}")
    parser.add_argument("--network", metavar="FILE.json", type=Path,
                        help="read a network from a JSON file (node-link, as 'network "
                             "--format json' writes) instead of the gallery")
    parser.add_argument("--n", type=int, metavar="N", help="size of the gallery network")
    parser.add_argument("--lambda", dest="lam", metavar="L",
                        help="input scale λ of the gates (default: the symbol lambda)")
    parser.add_argument("--at", dest="shift", metavar="B",
                        help="the shift b: the point where the gates' σ is expanded (default 0)")
    parser.add_argument("--beta", metavar="BETA",
                        help="the steepness β of bit_product (default: the symbol beta)")
    parser.add_argument("--k", type=int, metavar="K", help="the rank k of low_rank")


def network_from_arguments(args: argparse.Namespace) -> Network:
    """The network the arguments name; a user mistake raises :class:`SymflatError`."""
    options = {key: getattr(args, key) for key in ("lam", "shift", "beta", "k")
               if getattr(args, key) is not None}
    for key, flag in _EXACT_OPTIONS.items():
        if key in options:  # read and guarded here, so that a refusal names the option
            options[key] = exact(options[key], flag)
    if args.network is not None:
        if args.name is not None:
            raise SymflatError("give either a gallery NAME or --network FILE, not both")
        if options or args.n is not None:
            raise SymflatError("--n, --lambda, --at, --beta and --k build gallery networks; "
                               "a network file sets its own weights and biases")
        return read_network(args.network)
    if args.name is None:
        raise SymflatError(f"name a gallery network ({', '.join(GALLERY)}) or give --network FILE")
    return build(args.name, args.n, **options)
