"""Fixtures shared by every test folder: the paper's catalog, a checker runner, and a view
of the processes a test starts (workers, parents killed on purpose)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

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


class Processes:
    """What ``/proc`` says about processes (Linux): a parent's children, whether one lives."""

    @staticmethod
    def children(pid: int) -> set[int]:
        """The process ids whose parent is ``pid``."""
        found = set()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.add(int(entry.name))
        return found

    @staticmethod
    def alive(pid: int) -> bool:
        """Whether ``pid`` runs (a zombie does not)."""
        try:
            state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        return state != "Z"


@pytest.fixture
def processes() -> type[Processes]:
    """:class:`Processes`: children and liveness of processes, read from ``/proc``."""
    return Processes
