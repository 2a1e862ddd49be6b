"""``symflat compile``: a verified network for a polynomial (Eq. 11 gates, or Eq. 13 on bits)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from symflat.cli._text import echo
from symflat.exact.printing import counted
from symflat.files import check_output_file, write_text
from symflat.nets.drawing import to_svg
from symflat.paper.compile import Compiled, compile


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "compile", help="build and verify a network for a polynomial (Sec. II.3)",
        description="Compile a polynomial with rational coefficients into a network. Real "
                    "inputs: Eq. 11 multiplication and squaring gates on a straight-line program "
                    "(shared products, balanced trees, repeated squaring), verified by exact "
                    "expansion to be P + O(lambda). Bit inputs: one Eq. 13 sigmoid neuron per "
                    "monomial of the multilinear form, verified on every bit string.")
    parser.add_argument("polynomial", metavar="POLY", help="the polynomial (^ or ** for powers)")
    parser.add_argument("--inputs", choices=("real", "bits"), default="real",
                        help="real (default): Eq. 11 gates; bits: x_i in {0, 1}, Eq. 13 neurons")
    parser.add_argument("--beta", metavar="B",
                        help="bits: the steepness, an exact number (default: the symbol beta)")
    parser.add_argument("--decimals", type=int, default=10, metavar="D",
                        help="bits: report the beta needed for D correct decimals (default 10)")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object: counts, evidence and the network")
    parser.add_argument("--save-network", metavar="FILE.json", type=Path,
                        help="write the network as JSON (read by 'symflat expand --network')")
    parser.add_argument("--format", choices=("summary", "json", "dot", "svg"), default="summary",
                        help="how to print the network (default: a summary with the evidence)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.save_network is not None:
        check_output_file(args.save_network)
    result = compile(args.polynomial, inputs=args.inputs, beta=args.beta, decimals=args.decimals)
    if args.save_network:
        write_text(args.save_network, result.network.to_json())
    if args.json:
        print(json.dumps(result.to_dict(), indent=1))
    elif args.format == "json":
        print(result.network.to_json())
    elif args.format == "dot":
        sys.stdout.write(result.network.to_dot())
    elif args.format == "svg":
        sys.stdout.write(to_svg(result.network))
    else:
        print(summary(result))
    return 0


def summary(result: Compiled) -> str:
    """The counts, what was verified and how, and the network's shape."""
    ev = result.evidence
    lines = [f"P = {echo(result.polynomial)}   (inputs: {result.inputs})",
             f"neurons {result.neurons}, depth {result.depth}, synapses {result.synapses}, "
             f"multiplications {result.multiplications}"]
    if result.inputs == "real":
        lines.append(f"verified: {ev['statement']} ({ev['method']}; "
                     f"{counted(ev['coefficients_checked'], 'coefficient')}, "
                     f"{ev['lambda_dependent']} depending on lambda)")
        lines.append(f"Corollary (about 4 neurons per multiplication): "
                     f"{ev['corollary']['verdict']}")
        lines.append(f"depth {result.depth} against ceil(log2 degree) = {ev['log2_degree']}")
    else:
        lines.append(f"on bits P = {echo(ev['multilinear'])}; verified on all "
                     f"{ev['bit_strings']} bit strings: exact as beta -> oo")
        if ev["max_error"] is not None:
            lines.append(f"at beta = {ev['beta']}: largest error <= {ev['max_error']['upper']} "
                         f"(rigorous), {ev['correct_decimals']} correct decimals")
        need = ev["beta_for_decimals"]
        lines.append(f"D = {need['decimals']} correct decimals need beta > {need['beta']} "
                     f"≈ {need['approx']}   [{need['rule']}]")
    lines.append(result.network.summary())
    return "\n".join(lines)
