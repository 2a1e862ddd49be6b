"""The pipeline's Python API: verify() in this process and in workers, a worker that dies."""

from __future__ import annotations

import multiprocessing
import os
import signal

import symflat.executor
import symflat.verify.runner as runner
from symflat.cli import main
from symflat.verify.runner import verify
from symflat.verify.store import Store

CHEAP = ["eq12", "eq8", "eq28", "eq3", "images-count"]


def test_workers_give_the_verdicts_of_a_single_process(tmp_path):
    here = verify(CHEAP)
    pooled = verify(CHEAP, jobs=2)
    assert [o.claim.id for o in pooled] == CHEAP
    assert [o.verdict.to_dict() | {"seconds": 0} for o in pooled] == [
        o.verdict.to_dict() | {"seconds": 0} for o in here]
    assert here.checked == pooled.checked == len(CHEAP)
    assert sum(here.counts.values()) == len(CHEAP) and here.counts["refuted"] >= 1
    assert set(here.verdicts) == set(CHEAP)


def test_the_store_answers_the_second_run(tmp_path):
    path = tmp_path / "s.sqlite"
    first = verify(["eq12", "eq8"], store=path)
    second = verify(["eq12", "eq8"], store=path)
    assert (first.checked, second.checked) == (2, 0)
    assert [o.cached for o in second] == [True, True]
    assert second.verdicts == first.verdicts
    assert verify(["eq12"], store=path, refresh=True).checked == 1


def test_a_killed_worker_makes_its_claim_unfinished_and_the_run_goes_on(
        tmp_path, monkeypatch, capsys):
    real = runner.run_check

    def killed_on_eq8(claim):
        if claim.id == "eq8":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(claim)

    monkeypatch.setattr(runner, "run_check", killed_on_eq8)
    monkeypatch.setattr(symflat.executor, "start_context",
                        lambda: multiprocessing.get_context("fork"))
    path = tmp_path / "s.sqlite"
    outcomes = verify(["eq12", "eq8", "eq28"], store=path, jobs=2).verdicts
    assert outcomes["eq8"].status == "inconclusive"
    assert outcomes["eq8"].evidence == (
        "the check did not finish: its worker process was killed by SIGKILL")
    assert (outcomes["eq12"].status, outcomes["eq28"].status) == ("verified", "refuted")
    assert multiprocessing.active_children() == []
    with Store(path) as store:  # the unfinished check is not stored, the others are
        assert sorted(v.claim_id for _, v in store.verdicts()) == ["eq12", "eq28"]
    assert main(["verify", "eq8", "eq12", "--jobs", "2", "--refresh", "--store", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "BrokenProcessPool" not in out + err
    assert "eq8" in out and "killed by SIGKILL" in out
