"""Helpers for the checker tests: the catalog's claims, and altered copies of them."""

from __future__ import annotations

import dataclasses
import functools

from symflat.verify.checks import run_check
from symflat.verify.claims import Claim, Verdict, load_claims


@functools.lru_cache(maxsize=1)
def catalog() -> dict[str, Claim]:
    return {claim.id: claim for claim in load_claims()}


def altered(claim_id: str, **parameters) -> Claim:
    """A copy of a catalog claim with some parameters changed (a deliberately edited spec)."""
    claim = catalog()[claim_id]
    return dataclasses.replace(claim, parameters={**claim.parameters, **parameters},
                               spec_hash="altered")


def check(claim_id: str, **parameters) -> Verdict:
    claim = altered(claim_id, **parameters) if parameters else catalog()[claim_id]
    return run_check(claim)
