"""``symflat verify``: check the paper's claims (or a folder of your own) and print verdicts.

Verdicts are kept in the store (:mod:`~symflat.verify.store`) under the claim's id, the hash of its
spec and the symflat version, so a second run reads them back instantly and a changed claim is
checked again. The exit status is 0 whatever the verdicts are; ``--strict`` makes it 1 when a
claim is refuted or inconclusive.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from symflat.errors import SymflatError
from symflat.verify.claims import STATUSES, Claim, Verdict, load_claims, select_claims

__all__ = ["register", "run", "verify_claims", "Outcome"]


@dataclass(frozen=True)
class Outcome:
    """A claim, its verdict, and whether the verdict came from the store."""

    claim: Claim
    verdict: Verdict
    cached: bool

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` object of this claim."""
        c, v = self.claim, self.verdict
        return {
            "id": c.id,
            "title": c.title,
            "status": v.status,
            "statement": c.statement,
            "where": c.where(),
            "section": c.section,
            "equation": c.equation,
            "evidence": v.evidence,
            "corrected": v.corrected,
            "numerical": v.numerical,
            "details": list(v.details),
            "certificate": v.to_dict()["certificate"],
            "hypotheses": list(c.hypotheses),
            "depends": list(c.depends),
            "checker": c.checker,
            "parameters": c.to_dict()["parameters"],
            "source": c.source,
            "cached": self.cached,
            "seconds": round(v.seconds, 4),
        }


def _check(claim: Claim) -> Verdict:
    """Run a claim's checker; a crash of the checker (a bug) becomes an inconclusive verdict."""
    from symflat.verify.checks import run_check

    try:
        return run_check(claim)
    except SymflatError:
        raise
    except Exception as error:  # noqa: BLE001 - reported, not stored
        return Verdict(claim.id, "inconclusive",
                       f"the checker '{claim.checker}' failed: {type(error).__name__}: {error}",
                       certificate={"crashed": True})


def verify_claims(
    claims: Sequence[Claim],
    store: Any | None = None,
    *,
    jobs: int = 1,
    refresh: bool = False,
    progress: bool | None = None,
    on_result: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Decide ``claims``, reading and writing verdicts in ``store``.

    Parameters
    ----------
    claims : sequence of Claim
        What to check; outcomes come back in this order.
    store : symflat.verify.store.Store, optional
        Where verdicts are cached (nothing is cached without one).
    jobs : int
        Worker processes (1: in this process; <= 0: one per CPU).
    refresh : bool
        Ignore stored verdicts and check every claim again.
    progress : bool or None
        Show a progress bar on stderr (None: only when stderr is a terminal).
    on_result : callable, optional
        Called with each fresh :class:`Outcome` as it is decided.

    Examples
    --------
    >>> [o.verdict.status for o in verify_claims(select_claims(load_claims(), ["eq12"]))]
    ['verified']
    """
    from tqdm import tqdm

    results: dict[str, Outcome] = {}
    todo: list[Claim] = []
    for claim in claims:
        cached = None if (refresh or store is None) else store.get_verdict(claim)
        if cached is not None:
            results[claim.id] = Outcome(claim, cached, True)
        else:
            todo.append(claim)

    def record(claim: Claim, verdict: Verdict) -> None:
        outcome = Outcome(claim, verdict, False)
        results[claim.id] = outcome
        if store is not None and not verdict.certificate.get("crashed"):
            store.put_verdict(claim, verdict)
        if on_result is not None:
            on_result(outcome)

    if todo:
        workers = (os.cpu_count() or 1) if jobs <= 0 else jobs
        workers = min(workers, len(todo))
        bar = tqdm(total=len(todo), desc="verify", unit="claim", file=sys.stderr,
                   disable=(None if progress is None else not progress), leave=False)
        try:
            if workers <= 1:
                for claim in todo:
                    bar.set_postfix_str(claim.id)
                    record(claim, _check(claim))
                    bar.update()
            else:
                with ProcessPoolExecutor(max_workers=workers) as pool:
                    futures = {pool.submit(_check, claim): claim for claim in todo}
                    for future in as_completed(futures):
                        claim = futures[future]
                        record(claim, future.result())
                        bar.set_postfix_str(claim.id)
                        bar.update()
        finally:
            bar.close()
    return [results[claim.id] for claim in claims]


# ------------------------------------------------------------------------------------------
# command line
# ------------------------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``verify`` sub-command."""
    parser = subparsers.add_parser(
        "verify",
        help="check the paper's claims and print their verdicts",
        description=(
            "Check claims of Lin, Tegmark & Rolnick (2017) as printed, or claims of your own "
            "(--proofs DIR), and print one line per claim: id, verdict (verified, refuted, "
            "conditional, inconclusive) and evidence. Verdicts are cached in a SQLite store."
        ),
    )
    parser.add_argument("ids", nargs="*", metavar="ID",
                        help="claim ids to check (default: every claim of the catalog)")
    parser.add_argument("--proofs", metavar="DIR", type=Path,
                        help="folder of claim files (default: the paper's catalog)")
    parser.add_argument("--json", action="store_true",
                        help="print a JSON list of objects instead of the table")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="worker processes (default 1; 0 = one per CPU)")
    parser.add_argument("--refresh", action="store_true",
                        help="check every claim again, and rebuild an unreadable store")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a claim is refuted or inconclusive")
    parser.add_argument("--store", metavar="PATH", type=Path,
                        help="the SQLite store (default: $SYMFLAT_STORE, else "
                             "$XDG_CACHE_HOME/symflat/store.sqlite)")
    parser.set_defaults(run=run)


def _table(outcomes: Sequence[Outcome], width: int | None) -> str:
    id_w = max([len("id")] + [len(o.claim.id) for o in outcomes])
    st_w = max(len(s) for s in STATUSES) + 1  # room for the numerical mark
    lines = [f"{'id':<{id_w}}  {'verdict':<{st_w}}  evidence"]
    for o in outcomes:
        status = o.verdict.status + ("*" if o.verdict.numerical else "")
        evidence = " ".join(o.verdict.evidence.split())
        line = f"{o.claim.id:<{id_w}}  {status:<{st_w}}  {evidence}"
        if width is not None and len(line) > width:
            line = line[: max(width - 1, id_w + st_w + 8)] + "…"
        lines.append(line)
    return "\n".join(lines)


def _summary(outcomes: Sequence[Outcome]) -> str:
    counts = Counter(o.verdict.status for o in outcomes)
    parts = [f"{counts[s]} {s}" for s in STATUSES if counts[s]]
    cached = sum(o.cached for o in outcomes)
    line = f"{len(outcomes)} claims: " + ", ".join(parts)
    if cached:
        line += f" ({cached} from the store)"
    if any(o.verdict.numerical for o in outcomes):
        line += "; * = numerical evidence only"
    return line


def run(args: argparse.Namespace) -> int:
    """Run ``symflat verify``; returns the exit status."""
    from symflat.verify.store import Store

    claims = select_claims(load_claims(args.proofs), args.ids)
    with Store(args.store, refresh=args.refresh) as store:
        outcomes = verify_claims(claims, store, jobs=args.jobs, refresh=args.refresh)
    if args.json:
        json.dump([o.to_json() for o in outcomes], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        print(_table(outcomes, width))
        print(_summary(outcomes))
    if args.strict and any(o.verdict.status in ("refuted", "inconclusive") for o in outcomes):
        return 1
    return 0
