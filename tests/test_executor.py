"""The one executor: results, exceptions, deadlines, dead workers, no orphans."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

import symflat.executor
from symflat.executor import Executor


def _job(item):
    """A job for the tests: sleep, die, raise, or square."""
    kind, value = item
    if kind == "sleep":
        time.sleep(value)
        return "woke"
    if kind == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if kind == "exit":
        os._exit(value)
    if kind == "raise":
        raise KeyError(value)
    if kind == "unpicklable":
        error = ValueError(value)
        error.hook = lambda: None  # cannot be pickled back to the parent
        raise error
    return value * value


def _outcomes(items, **options):
    return dict(Executor(_job, **options).run(items))


@pytest.mark.parametrize("workers", [1, 3])
def test_results_match_a_plain_loop(workers):
    items = [("square", n) for n in range(7)]
    outcomes = _outcomes(items, workers=workers, timeout=60)
    assert {item: o.value for item, o in outcomes.items()} == {i: i[1] ** 2 for i in items}
    assert {o.status for o in outcomes.values()} == {"done"}
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
def test_every_start_method_gives_the_same_outcomes(method, monkeypatch):
    """Forked, forkserver and spawned workers (the last two: when the parent has threads)."""
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    monkeypatch.setattr(symflat.executor, "start_context",
                        lambda: multiprocessing.get_context(method))
    outcomes = _outcomes([("square", 4), ("exit", 5), ("square", 6)], workers=2, timeout=60)
    assert [outcomes[("square", n)].value for n in (4, 6)] == [16, 36]
    assert outcomes[("exit", 5)].status == "died"
    assert "exit code 5" in outcomes[("exit", 5)].message


def test_a_raised_exception_comes_back_as_a_value():
    (outcome,) = _outcomes([("raise", "boom")], timeout=60).values()
    assert outcome.status == "raised"
    assert isinstance(outcome.value, KeyError) and outcome.value.args == ("boom",)
    assert outcome.message == "KeyError: 'boom'"


def test_an_exception_that_cannot_travel_comes_back_as_its_text():
    (outcome,) = _outcomes([("unpicklable", "bad")], timeout=60).values()
    assert outcome.status == "raised"
    assert type(outcome.value) is RuntimeError and str(outcome.value) == "ValueError: bad"


def test_a_job_past_its_deadline_is_killed_and_the_others_go_on():
    start = time.monotonic()
    outcomes = _outcomes([("sleep", 60), ("square", 3), ("square", 4)], workers=1, timeout=1.0)
    assert time.monotonic() - start < 20  # the 60 s job was really stopped
    assert outcomes[("sleep", 60)].status == "timeout"
    assert outcomes[("sleep", 60)].message == "stopped at the time limit of 1 s"
    assert (outcomes[("square", 3)].value, outcomes[("square", 4)].value) == (9, 16)
    assert multiprocessing.active_children() == []


def test_the_time_limit_counts_from_the_start_of_the_job_not_of_the_worker(monkeypatch):
    """A worker slow to start (a forkserver worker importing the job's module on a loaded
    machine) must not eat into its job's time limit."""
    real = symflat.executor._die_with_parent

    def slow_start(parent):
        time.sleep(2.0)  # runs in the forked worker before it takes its first job
        real(parent)

    monkeypatch.setattr(symflat.executor, "_die_with_parent", slow_start)
    monkeypatch.setattr(symflat.executor, "start_context",
                        lambda: multiprocessing.get_context("fork"))
    outcomes = _outcomes([("square", 7), ("sleep", 60)], workers=2, timeout=1.0)
    assert outcomes[("square", 7)].status == "done" and outcomes[("square", 7)].value == 49
    assert outcomes[("sleep", 60)].status == "timeout"


def test_a_dead_worker_is_a_died_outcome_not_a_broken_pool():
    outcomes = _outcomes([("die", 0), ("exit", 3), ("square", 5), ("square", 6)], workers=2)
    assert outcomes[("die", 0)].status == "died"
    assert "killed by SIGKILL" in outcomes[("die", 0)].message
    assert outcomes[("exit", 3)].status == "died"
    assert "exit code 3" in outcomes[("exit", 3)].message
    assert [outcomes[("square", n)].value for n in (5, 6)] == [25, 36]


def test_closing_the_run_kills_the_running_workers():
    run = Executor(_job, workers=2).run([("square", 2), ("sleep", 60), ("sleep", 60)])
    assert next(run)[1].value == 4
    assert len(multiprocessing.active_children()) == 2
    run.close()
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_with_their_parent(tmp_path, processes):
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent("""
        import time
        from symflat.executor import Executor

        for _ in Executor(time.sleep, workers=2).run([600, 600]):
            pass
    """))
    parent = subprocess.Popen([sys.executable, str(script)])
    try:
        deadline = time.monotonic() + 60
        while len(workers := processes.children(parent.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(workers) == 2
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 10
    while any(processes.alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(processes.alive(w) for w in workers)


def _nested(item):
    """A job that itself runs jobs (as a width re-check inside a sweep worker does)."""
    ((_, outcome),) = Executor(_job, timeout=60).run([item])
    return outcome.status, outcome.value


def test_a_job_may_run_an_executor_of_its_own():
    ((item, outcome),) = Executor(_nested, timeout=120).run([("square", 7)])
    assert outcome.status == "done", outcome.message
    assert outcome.value == ("done", _job(("square", 7)))


def _die_holding_tqdms_lock(item):
    """Die while holding tqdm's write lock (every expansion opens a bar), else open a bar."""
    import tqdm

    if item == "die":
        with tqdm.tqdm.get_lock():
            os.kill(os.getpid(), signal.SIGKILL)
    with tqdm.tqdm(total=1, disable=True) as bar:
        bar.update()
    return item


def test_a_worker_killed_holding_a_lock_does_not_block_the_others(monkeypatch):
    """tqdm's lock is shared with every process forked after the parent's first bar: a worker
    killed holding it made every later job wait until its deadline (the sweep hang)."""
    monkeypatch.setattr(symflat.executor, "start_context",
                        lambda: multiprocessing.get_context("fork"))
    bar = symflat.executor.progress_bar(3, "test", "job", enabled=False)  # the parent's bar
    try:
        start = time.monotonic()
        outcomes = dict(Executor(_die_holding_tqdms_lock, workers=1, timeout=10).run(
            ["die", "after", "again"]))
    finally:
        bar.close()
    assert outcomes["die"].status == "died"
    assert [outcomes[i].status for i in ("after", "again")] == ["done", "done"]
    assert time.monotonic() - start < 8


def _die_once(path):
    """Die the first time (leaving a mark), answer the second time."""
    if not path.exists():
        path.write_text("died once")
        os.kill(os.getpid(), signal.SIGKILL)
    return "answered"


@pytest.mark.parametrize("retries", [0, 1])
def test_a_job_whose_worker_died_runs_again_with_retries(retries, tmp_path):
    ((_, outcome),) = Executor(_die_once, timeout=60, retries=retries).run(
        [tmp_path / "mark"])
    if retries:
        assert (outcome.status, outcome.value) == ("done", "answered")
    else:
        assert outcome.status == "died" and "SIGKILL" in outcome.message


def test_a_worker_that_never_begins_its_job_died_it_did_not_run_out_of_time(monkeypatch):
    """A worker hung before its job is not a job that used its time limit: a sweep must not
    store it as 'unfinished' under that limit."""
    monkeypatch.setattr(symflat.executor, "_die_with_parent", lambda parent: time.sleep(60))
    monkeypatch.setattr(symflat.executor, "start_context",
                        lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(symflat.executor, "STARTUP_GRACE", 0.5)
    start = time.monotonic()
    ((_, outcome),) = Executor(_job, timeout=0.5, retries=1).run([("square", 3)])
    assert time.monotonic() - start < 20
    assert outcome.status == "died"
    assert outcome.message == "its worker process did not begin the job within 0.5 s"
    assert multiprocessing.active_children() == []


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(),
                    reason="no forkserver here")
def test_a_thread_started_during_a_run_stops_forking(monkeypatch):
    """Forking a process with a second thread can deadlock the child: the start method is
    chosen for each worker, so a thread started mid-run is seen before the next fork."""
    import threading

    methods = []
    real = symflat.executor.start_context

    def recorded():
        methods.append(real().get_start_method())
        return real()

    monkeypatch.setattr(symflat.executor, "start_context", recorded)
    # earlier tests of the session may have left a thread (a Dask client's, a bar's): then
    # every worker is started without fork, which is the behaviour under test as well
    alone = threading.active_count() == 1
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    run = Executor(_job, workers=1, timeout=60).run([("exit", 3), ("square", 5)])
    try:
        assert next(run)[1].status == "died"
        thread.start()  # the died worker's replacement is forked after this
        assert next(run)[1].value == 25
    finally:
        run.close()
        release.set()
        thread.join()
    assert methods[-1] == "forkserver"
    assert methods[0] == ("fork" if alone else "forkserver")


@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
def test_a_plain_script_without_a_main_guard_sweeps_under_every_start_method(method, tmp_path):
    """``symflat.sweep`` from a script with no ``if __name__ == "__main__":``: spawn and
    forkserver workers (macOS, or a program that set them) used to run the script again,
    so every worker died and every row came back ``failed``."""
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    script = tmp_path / "plain.py"
    script.write_text(textwrap.dedent(f"""\
        import multiprocessing
        multiprocessing.set_start_method({method!r})
        print("script body ran", flush=True)
        import symflat
        import symflat.executor
        assert symflat.executor.start_context().get_start_method() == {method!r}
        rows = symflat.sweep("products", max_vars=2, store=None, jobs=2, timeout=60)
        print(" ".join(r.status for r in rows))
        """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["script body ran", "computed computed computed computed"]
