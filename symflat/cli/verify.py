"""``symflat verify``: check the paper's claims (or a folder of your own) and print verdicts.

Verdicts are kept in the store (:mod:`~symflat.verify.store`) under the claim's id, the hash of its
spec and the symflat version, so a second run reads them back instantly and a changed claim is
checked again. The exit status is 0 whatever the verdicts are; ``--strict`` makes it 1 when a
claim is refuted or inconclusive.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from symflat.cli._options import add_jobs, add_proofs, add_store

if TYPE_CHECKING:
    from symflat.verify.runner import Outcome, Verification

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``verify`` sub-command."""
    parser = subparsers.add_parser(
        "verify",
        help="check the paper's claims and print their verdicts",
        description=(
            "Check claims of Lin, Tegmark & Rolnick (2017) as printed, or claims of your own "
            "(--proofs DIR), and print one line per claim: id, verdict with its scope (verified "
            "for all n, verified for n = 2..8, holds on all 50 sampled instances, refuted, "
            "conditional, inconclusive) and evidence. Verdicts are cached in a SQLite store."
        ),
    )
    parser.add_argument("ids", nargs="*", metavar="ID",
                        help="claim ids to check (default: every claim of the catalog)")
    add_proofs(parser)
    parser.add_argument("--json", action="store_true",
                        help="print a JSON list of objects instead of the table")
    add_jobs(parser)
    parser.add_argument("--refresh", action="store_true",
                        help="check every claim again, and rebuild an unreadable store")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a claim is refuted or inconclusive")
    add_store(parser)
    parser.set_defaults(run=run)


def _table(outcomes: Sequence[Outcome], width: int | None) -> str:
    """One line per claim: id, the verdict with its scope (``verified for all n``, ``holds on
    all 50 seeded Markov chains``; ``*`` marks numerical evidence), and the evidence."""
    id_w = max([len("id")] + [len(o.claim.id) for o in outcomes])
    labels = [o.verdict.label + ("*" if o.verdict.numerical else "") for o in outcomes]
    st_w = min(max([len("verdict")] + [len(label) for label in labels]), 48)
    lines = [f"{'id':<{id_w}}  {'verdict':<{st_w}}  evidence"]
    for o, label in zip(outcomes, labels):
        evidence = " ".join(o.verdict.evidence.split())
        line = f"{o.claim.id:<{id_w}}  {label:<{st_w}}  {evidence}"
        if width is not None and len(line) > width:
            line = line[: max(width - 1, id_w + st_w + 8)] + "…"
        lines.append(line)
    return "\n".join(lines)


def _summary(outcomes: Verification) -> str:
    line = outcomes.summary()
    cached = len(outcomes) - outcomes.checked
    if cached:
        line += f" ({cached} from the store)"
    if any(o.verdict.numerical for o in outcomes):
        line += "; * = numerical evidence only"
    return line


def run(args: argparse.Namespace) -> int:
    """Run ``symflat verify``; returns the exit status."""
    from symflat.verify.runner import verify
    from symflat.verify.store import default_store_path

    outcomes = verify(args.ids, args.proofs, args.store or default_store_path(), jobs=args.jobs,
                      refresh=args.refresh)
    if args.json:
        json.dump([o.to_json() for o in outcomes], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        print(_table(outcomes, width))
        print(_summary(outcomes))
    failing = {status: [o.verdict.claim_id for o in outcomes if o.verdict.status == status]
               for status in ("refuted", "inconclusive")}
    if args.strict and any(failing.values()):
        reasons = "; ".join(f"{status}: {', '.join(ids)}" for status, ids in failing.items()
                            if ids)
        print(f"symflat verify --strict: exit status 1 ({reasons})", file=sys.stderr)
        return 1
    return 0
