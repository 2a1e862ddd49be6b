"""``symflat width``: the smallest hidden width of a shallow network for a polynomial."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from symflat.cli._text import echo
from symflat.cli._types import seconds
from symflat.exact.printing import math_text
from symflat.files import check_output_file, write_text
from symflat.width import MODEL_NAMES, WidthError, minimal_width

#: Rows of a rank table or of a construction printed (all of them with --json).
SHOWN = 40


def _more(total: int) -> None:
    if total > SHOWN:
        print(f"  ... {total - SHOWN} more (--json prints all)")


def _conditions(model, construction) -> tuple[str, ...]:
    """The conditions on sigma a construction needs (none for a named activation: its
    coefficients are numbers and the construction was re-checked with them)."""
    if not model.generic:
        return ()
    return (*getattr(construction, "requires", ()), *getattr(construction, "valid_unless", ()))


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "width", help="bound the hidden width of a one-layer network computing a polynomial",
        description="Lower bound (apolarity: exact catalecticant ranks) and an explicit exact "
                    "construction re-checked by Taylor expansion, for a polynomial with rational "
                    "coefficients such as 'x1*x2*x3' or 'x1^2 + x2^2'.")
    parser.add_argument("polynomial", metavar="POLY", help="the polynomial (^ or ** for powers)")
    parser.add_argument("--model", choices=tuple(MODEL_NAMES), default="no-bias",
                        help="no-bias: sum_j w_j sigma(a_j.x) (Appendix A; default); "
                             "output-bias: plus a free output bias; affine: a free bias on "
                             "every hidden neuron (the first layer of Eq. 6); "
                             "affine+output-bias: both")
    parser.add_argument("--activation", default="generic", metavar="ACT",
                        help="generic (default: symbols sigma_k, assumed non-zero), sigmoid, "
                             "tanh, softplus, exp, or an expression in x: its exact Taylor "
                             "coefficients are used, a vanishing one constrains nothing")
    parser.add_argument("--at", default=None, metavar="B",
                        help="put every neuron at one shared point B: sigma(B + a_j.x) "
                             "(no-bias and output-bias only; never chosen for you)")
    parser.add_argument("--depth", type=int, choices=(1, 2), default=1,
                        help="hidden layers: 1 (default) or 2 (smallest m1 + m2 of "
                             "sum_k v_k sigma(sum_j B_kj sigma(a_j.x)); generic sigma, models "
                             "no-bias and output-bias)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--exhaustive", action="store_true",
                        help="also decide width lower-1 by a Gröbner basis (tiny cases)")
    parser.add_argument("--grid", type=int, default=1, metavar="K",
                        help="search integer points in [-K, K]^n first (default 1), then larger "
                             "grids while time is left")
    parser.add_argument("--max-grid", type=int, default=None, metavar="K2",
                        help="largest grid the search escalates to (default max(K, 3); "
                             "K2 = K: no escalation)")
    parser.add_argument("--timeout", type=seconds, default=10.0, metavar="S",
                        help="seconds for the whole command (default 10): the lower bound "
                             "and the exact re-check included; what does not fit is reported")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the search")
    parser.add_argument("--save-network", metavar="FILE.json", type=Path,
                        help="write the construction's network as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from symflat.exact.polynomial import parse_polynomial

    start = time.monotonic()  # --timeout bounds the whole command, parsing included
    poly = parse_polynomial(args.polynomial)
    if args.grid < 0 or args.grid > 5:
        raise WidthError("--grid must be between 0 and 5")
    if args.max_grid is not None and not args.grid <= args.max_grid <= 5:
        raise WidthError("--max-grid must be between --grid and 5")
    if args.save_network is not None:
        check_output_file(args.save_network)
    result = minimal_width(poly, args.model, activation=args.activation, at=args.at,
                           grid=args.grid,
                           max_grid=args.max_grid,
                           timeout=max(0.0, args.timeout - (time.monotonic() - start)),
                           exhaustive=args.exhaustive, seed=args.seed, depth=args.depth)
    if args.save_network and result.construction is not None:
        write_text(args.save_network, result.construction.network().to_json())
    if args.json:
        print(result.to_json())
        return 0
    if args.depth == 2:
        return _print_depth2(poly, result)
    model = result.model
    print(f"P = {echo(poly)}   (degree {result.degree}, model {model.name}: "
          f"{model.describe()})")
    if result.reduction is not None:
        reduced = result.reduction.reduced
        print(f"essential variables: {result.reduction.rank} (P = f(L x), "
              f"f = {echo(reduced)}; --json gives L)")
    if not result.representable:
        print(f"not representable in this model: {result.reason}")
        if result.reaching is not None:
            print(f"  reachable with {result.reaching.name}: {result.reaching.describe()}")
        return 0
    if not model.generic and model.hidden_bias != "free":
        taylor = model.taylor(result.degree)
        print(f"sigma = {model.activation} at {model.point}: sigma_k = "
              f"{', '.join(math_text(c) for c in taylor.coefficients)} (k = 0..{result.degree})")
    cert = result.lower_certificate
    print(f"lower bound: {result.lower}   [{cert.method}; proved for {cert.hypothesis}]")
    if cert.ranks and cert.method == "affine":
        print("  t  rank C_t (Cat_t(P_k), k >= t, side by side)")
        for r in cert.ranks[:SHOWN]:
            print(f"  {r.t:<2} {r.rank:>13}")
        _more(len(cert.ranks))
    elif cert.ranks:
        print("  t  rank Cat_t(G)  rank Cat_t^Z(G)  contribution")
        for r in cert.ranks[:SHOWN]:
            print(f"  {r.t:<2} {r.rank:>13}  {r.rank_z:>15}  {r.contribution:>12}")
        _more(len(cert.ranks))
    if cert.bias_sum is not None:
        print(f"  minimum over c = sum_j w_j attained at c = {cert.bias_sum}")
    for note in cert.notes:
        print(f"  note: {note}")
    c = result.construction
    if c is not None and result.verified is None:
        print(f"upper bound: none claimed (a construction with {c.width} neurons was found "
              f"[{c.method}] but its exact re-check did not finish within --timeout)")
    elif c is None:
        print("upper bound: none found")
    else:
        print(f"upper bound: {result.upper}   [{c.method}; {c.kind} points; verified by exact "
              f"expansion with {c.model.describe()}: {result.verified}]")
        for condition in _conditions(model, c):
            print(f"  valid for every sigma with {condition}")
        for a, w in list(zip(c.points, c.concrete(c.weights()), strict=True))[:SHOWN]:
            print(f"  a = ({', '.join(math_text(v) for v in c.concrete(a))})   "
                  f"w = {math_text(w)}")
        _more(c.width)
        if model.output_bias:
            print(f"  output bias = {math_text(c.concrete([c.output_bias()])[0])}")
    if result.exact:
        conditions = _conditions(model, c)
        where = f" for every sigma with {', '.join(conditions)}" if conditions else ""
        print(f"minimal width = {result.lower} (exact{where})")
    else:
        grids = ", ".join(str(g) for g in result.search.get("grids", [])) or "none"
        print(f"not exact: gap {result.gap} (search stopped: {result.search['stopped']}; "
              f"grids tried: {grids})")
    for case in result.cases:
        upper = "none found" if case["upper"] is None else case["upper"]
        state = "exact" if case["exact"] else "gap open"
        print(f"case {case['condition']}: {case['lower']} <= width <= {upper} ({state})")
        print(f"  lower bound: {case['lower_note']}")
        if case["construction"] is not None:
            for a, w in list(zip(case["construction"]["points"],
                                 case["construction"]["weights"], strict=True))[:SHOWN]:
                print(f"  a = ({', '.join(math_text(v) for v in a)})   w = {math_text(w)}")
    if result.exhaustive is not None:
        for ex in result.exhaustive.get("checks", [result.exhaustive]):
            print(f"exhaustive ({ex['neurons']} neurons): feasible = {ex['feasible']} "
                  f"({ex['note']})")
    return 0



def _print_layers(data: dict, output_bias: bool, points: bool) -> None:
    """A depth-2 construction's points a_j, rows B_k and weights v_k (with each second-layer
    neuron's point c_k when ``points``), and the output bias in a model that has one."""
    for j, a in enumerate(data["points"][:SHOWN], start=1):
        print(f"  a_{j} = ({', '.join(a)})")
    _more(len(data["points"]))
    for k, (row, v) in enumerate(zip(data["inner_weights"], data["outer_weights"]), start=1):
        at = f"   (works at c_{k} = {data['second_layer_points'][k - 1]})" if points else ""
        print(f"  B_{k} = ({', '.join(row[:SHOWN])}{', ...' if len(row) > SHOWN else ''})"
              f"   v_{k} = {v}{at}")
    if output_bias:
        print(f"  output bias = {data['output_bias']}")

def _print_depth2(poly, result) -> int:
    """``symflat width --depth 2``: both bounds, their certificates, the network."""
    model = result.model
    print(f"P = {echo(poly)}   (degree {result.degree}, depth 2, model {model.name}: "
          f"{model.describe()})")
    print(f"sigma class: {result.to_dict()['sigma_class']}")
    for bound in (result.every_sigma, result.exp):
        certs = bound.certificates
        print(f"lower bound {bound.value}   [for {bound.hypothesis}: structural "
              f"{bound.structural}, then {len(certs)} Gröbner certificate(s) 1 = sum h_i f_i, "
              f"re-checked]")
        for c in certs[:SHOWN]:
            print(f"  no network with split {c.split}: {len(c.equations)} equations, "
                  f"{len(c.unknowns)} unknowns")
        if bound.stopped:
            print(f"  stopped: {bound.stopped}")
    c = result.construction
    if c is None:
        print("upper bound: none found")
    else:
        print(f"upper bound: {result.upper}   [{c.method}; split m1 + m2 = {c.split[0]} + "
              f"{c.split[1]}; verified by exact expansion]")
        for condition in c.requires:
            print(f"  valid for every sigma of the class ({condition})")
        _print_layers(c.to_dict(), model.output_bias, points=True)
        print("  (tau{k}_{i}: sigma's i-th Taylor coefficient at second-layer neuron k's point)")
    e = result.exp_construction
    if e is not None and e is not c:
        print(f"sigma = exp only: {result.exp_upper}   [{e.method}; split m1 + m2 = "
              f"{e.split[0]} + {e.split[1]}; verified by exact expansion with sigma = exp]")
        _print_layers(e.to_dict(), model.output_bias, points=False)
    if result.exact:
        splits = ", ".join(f"{a} + {b}" for a, b in result.splits)
        print(f"minimal depth-2 size = {result.lower} (exact; split {splits})")
    else:
        upper = "?" if result.upper is None else result.upper
        print(f"not exact for every sigma of the class: {result.lower} <= m1 + m2 <= {upper}")
        if result.exp_exact:
            print(f"minimal depth-2 size for sigma = exp = {result.exp_upper} (exact: the exp "
                  f"certificates above, a network solved for exp at this size)")
    if result.one_layer is not None:
        print(f"one hidden layer ({model.name}): {result.one_layer} neurons")
    return 0
