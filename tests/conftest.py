"""Fixtures shared by every test folder: the paper's catalog and a checker runner."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from symflat.verify.checks import run_check
from symflat.verify.claims import Claim, Verdict
from symflat.verify.runner import load_catalog


@pytest.fixture(scope="session")
def catalog() -> dict[str, Claim]:
    """The catalog's claims by id (read once, checked against the registry)."""
    return {claim.id: claim for claim in load_catalog()}


@pytest.fixture(scope="session")
def check(catalog: dict[str, Claim]) -> Callable[..., Verdict]:
    """``check(claim_id, **parameters)``: run a catalog claim's checker, with some parameters
    changed when given (a deliberately edited spec)."""

    def run(claim_id: str, **parameters: object) -> Verdict:
        claim = catalog[claim_id]
        if parameters:
            claim = dataclasses.replace(claim, parameters={**claim.parameters, **parameters},
                                        spec_hash="altered")
        return run_check(claim)

    return run
