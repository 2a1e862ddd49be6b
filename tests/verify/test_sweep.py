"""Tests of symflat.verify.sweep and ``symflat sweep``: closed forms, resume, Dask, outputs."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import shutil
import sys
import time
from math import prod

import pytest

from symflat.cli import main
from symflat.exact.polynomial import parse_polynomial, to_polynomial
from symflat.exact.printing import polynomial_text
from symflat.report.api import width_rows
from symflat.verify.store import Store
from symflat.verify.sweep import (
    COMPARE_KIND,
    STORE_KIND,
    SweepError,
    job_key,
    make_jobs,
    render,
    run_sweep,
    sweep,
    write_results,
)
from symflat.width import minimal_width
from symflat.width.families import family_polynomials

DET3 = "x1*x5*x9 - x1*x6*x8 - x2*x4*x9 + x2*x6*x7 + x3*x4*x8 - x3*x5*x7"


def exponents(text: str) -> tuple[int, ...]:
    (monom,) = parse_polynomial(text).terms
    return monom


def triples(rows):
    return [(r.polynomial, r.model, r.lower, r.upper, r.exact) for r in rows]


# ------------------------------------------------------------------------------ results


def test_monomials_match_the_closed_form():
    """Every monomial of degree <= 6 in <= 3 variables, both models, through the pool."""
    polys = family_polynomials("monomials", max_degree=6, max_vars=3, every=True)
    rows = run_sweep(make_jobs("monomials", polys), workers=2, timeout=60)
    assert len(rows) == 2 * 83
    for row in rows:
        count = prod(r + 1 for r in exponents(row.polynomial))
        want = count if row.model == "no-bias" else count - 1
        assert (row.status, row.lower, row.upper, row.exact, row.gap) == (
            "computed", want, want, True, 0), row


@pytest.mark.parametrize("family, options", [
    ("elementary", {"max_vars": 3}),
    ("chain", {"max_vars": 4}),
    ("chain", {"max_vars": 4, "periodic": True}),
])
def test_family_results_equal_the_width_machinery(family, options):
    polys = family_polynomials(family, **options)
    rows = run_sweep(make_jobs(family, polys, search_timeout=10), workers=2, timeout=60)
    for row in rows:
        direct = minimal_width(parse_polynomial(row.polynomial), row.model, timeout=10)
        assert row.status == "computed"
        assert (row.lower, row.upper, row.exact) == (direct.lower, direct.upper, direct.exact)
        assert row.result["lower_certificate"] == direct.lower_certificate.to_dict()
        assert row.result["verified_by_expansion"] is True


# ------------------------------------------------------------------------ store, resume


def test_resume_after_deleting_records_and_after_an_interruption(tmp_path):
    jobs = make_jobs("monomials", family_polynomials("monomials", max_degree=3, max_vars=2))
    with Store(tmp_path / "s.sqlite") as store:
        first = run_sweep(jobs, store=store, workers=2)
        assert {r.status for r in first} == {"computed"}
        assert store.counts()[STORE_KIND] == len(jobs) == 10
        # the report reads them
        reported = width_rows(store.records(STORE_KIND, latest=True))
        assert {(r["polynomial"], r["model"], r["lower"]) for r in reported} == {
            (r.polynomial, r.model, r.lower) for r in first}
        assert {r["family"] for r in reported} == {"monomials"}

        for job in jobs[2:5]:
            assert store.delete(STORE_KIND, job_key(job)) == 1
        second = run_sweep(jobs, store=store, workers=2)
        assert [r.status for r in second] == ["stored"] * 2 + ["computed"] * 3 + ["stored"] * 5
        assert triples(second) == triples(first)

        # an interruption after 4 results: those 4 are stored, the rerun computes the rest
        store.delete(STORE_KIND)
        seen = []

        def interrupt(row):
            seen.append(row)
            if len(seen) == 4:
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            run_sweep(jobs, store=store, workers=2, on_row=interrupt)
        assert store.counts()[STORE_KIND] == 4
        third = run_sweep(jobs, store=store, workers=2)
        assert sorted(r.status for r in third) == ["computed"] * 6 + ["stored"] * 4
        refreshed = run_sweep(jobs, store=store, refresh=True)
        assert {r.status for r in refreshed} == {"computed"}
        assert triples(third) == triples(refreshed) == triples(first)


def test_timeout_reports_unfinished_and_the_sweep_goes_on(tmp_path):
    jobs = make_jobs("determinant", ["x1*x2", DET3, "x1*x4 - x2*x3"], ["no-bias"],
                     search_timeout=30)
    with Store(tmp_path / "s.sqlite") as store:
        start = time.monotonic()
        rows = run_sweep(jobs, store=store, workers=1, timeout=1.0)
        assert time.monotonic() - start < 12  # the 3x3 job (about 15 s) was really stopped
        assert [r.status for r in rows] == ["computed", "unfinished", "computed"]
        assert (rows[1].lower, rows[1].upper, rows[1].exact, rows[1].seconds) == (
            None, None, None, 1.0)
        assert rows[2].lower == rows[2].upper == 6
        assert multiprocessing.active_children() == []  # the stopped worker was reaped
        stored = store.get(STORE_KIND, job_key(jobs[1])).payload
        assert stored["status"] == "unfinished" and stored["timeout"] == 1.0
        # the report ignores it; the same limit does not retry it, a longer one does
        assert len(width_rows(store.records(STORE_KIND, latest=True))) == 2
        again = run_sweep(jobs, store=store, timeout=1.0)
        assert [r.status for r in again] == ["stored", "unfinished", "stored"]
        assert time.monotonic() - start < 10
        run_sweep(jobs, store=store, timeout=1.5)
        assert store.get(STORE_KIND, job_key(jobs[1])).payload["timeout"] == 1.5


def test_a_crashing_job_is_failed_not_stored_and_the_sweep_goes_on(tmp_path, monkeypatch):
    import symflat.executor
    import symflat.verify.sweep.jobs as sweep_jobs

    real = sweep_jobs.compute

    def crash_on_x1(job):
        if job["polynomial"] == "x1":
            os._exit(3)
        return real(job)

    monkeypatch.setattr(sweep_jobs, "compute", crash_on_x1)
    monkeypatch.setattr(symflat.executor, "start_context",
                        lambda: multiprocessing.get_context("fork"))
    jobs = make_jobs("monomials", ["x1", "x1*x2", "x1**2"], ["no-bias"])
    with Store(tmp_path / "s.sqlite") as store:
        rows = run_sweep(jobs, store=store, workers=1)
        assert [r.status for r in rows] == ["failed", "computed", "computed"]
        assert "exit code 3" in rows[0].message
        assert store.get(STORE_KIND, job_key(jobs[0])) is None
        assert store.counts()[STORE_KIND] == 2


# --------------------------------------------------------------------------------- Dask


def test_dask_local_cluster_gives_the_local_results():
    distributed = pytest.importorskip("distributed")
    jobs = make_jobs("chain", family_polynomials("chain", max_vars=3)
                     + family_polynomials("monomials", max_degree=3, max_vars=2)[:3])
    local = run_sweep(jobs, workers=2)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=4, processes=False,
                                  dashboard_address=None, host="127.0.0.1",
                                  protocol="tcp://") as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        remote = run_sweep(jobs, scheduler=cluster.scheduler_address)
        stopped = run_sweep(make_jobs("determinant", [DET3], ["no-bias"], search_timeout=30),
                            scheduler=cluster.scheduler_address, timeout=2.0)
    assert [r.status for r in remote] == ["computed"] * len(jobs)
    assert triples(remote) == triples(local)
    assert [r.result["lower_certificate"] for r in remote] == [
        r.result["lower_certificate"] for r in local]
    assert stopped[0].status == "unfinished"


def test_missing_dask_is_one_line(monkeypatch, capsys):
    monkeypatch.setitem(__import__("sys").modules, "distributed", None)
    assert main(["sweep", "chain", "--max-vars", "2", "--no-store",
                 "--scheduler", "tcp://127.0.0.1:1"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "pip install 'dask[distributed]'" in err


# ------------------------------------------------------------------------------ outputs


def test_outputs_parse_back(tmp_path):
    jobs = make_jobs("chain", family_polynomials("chain", max_vars=3))
    rows = run_sweep(jobs, workers=2)
    for suffix in ("csv", "json", "md"):
        path = write_results(rows, tmp_path / f"r.{suffix}", {"family": "chain"})
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp left
        text = path.read_text()
        if suffix == "csv":
            back = list(csv.DictReader(io.StringIO(text)))
            got = [(b["polynomial"], b["model"], int(b["lower"]), int(b["upper"]),
                    b["exact"] == "True") for b in back]
        elif suffix == "json":
            data = json.loads(text)
            assert data["sweep"] == {"family": "chain"}
            got = [(b["polynomial"], b["model"], b["lower"], b["upper"], b["exact"])
                   for b in data["results"]]
            assert data["results"][0]["width"]["construction"]["points"]
        else:
            lines = text.strip().splitlines()
            assert lines[0].split("|")[1].strip() == "polynomial" and len(lines) == 2 + len(rows)
            cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]
            got = [(c[0].strip("`"), c[2], int(c[3]), int(c[4]), c[5] == "yes") for c in cells]
            assert [c[1] for c in cells] == [str(r.n) for r in rows]
        assert got == triples(rows), suffix
    with pytest.raises(SweepError, match="must end in .csv, .json or .md"):
        write_results(rows, tmp_path / "r.txt")
    assert "| `x1*x2` | 2 | no-bias | 4 | 4 | yes | 0 |" in render(rows, "md")


def test_a_result_shared_by_families_lists_them_all(tmp_path):
    """x1*x2 is a product, a chain and a disjoint product: stored once, with every family, so
    the report's table of each family shows it; rings are stored under their own name."""
    store_path = tmp_path / "s.sqlite"
    sweep("products", max_vars=2, store=store_path, models=("no-bias",))
    rows = sweep("chain", max_vars=3, store=store_path, models=("no-bias",))
    assert [(r.family, r.status) for r in rows] == [("chain", "stored"), ("chain", "computed")]
    sweep("disjoint-products", max_blocks=1, store=store_path, models=("no-bias",))
    ring = sweep("chain", max_vars=3, periodic=True, store=store_path, models=("no-bias",))
    assert [r.family for r in ring] == ["ring"]
    with Store(store_path) as store:
        payload = store.get(STORE_KIND, job_key(rows[0])).payload
        report_rows = width_rows(store.records(STORE_KIND, latest=True))
    assert payload["families"] == ["products", "chain", "disjoint-products"]
    assert sorted((r["family"], r["polynomial"]) for r in report_rows) == [
        ("chain", "x1*x2"), ("chain", "x1*x2 + x2*x3"), ("disjoint-products", "x1*x2"),
        ("products", "x1"), ("products", "x1*x2"), ("ring", "x1*x2 + x1*x3 + x2*x3")]


def test_quadratic_rows_carry_the_closed_form():
    rows = run_sweep(make_jobs("lattice", family_polynomials("lattice", max_vars=6)),
                     workers=2)
    for row in rows:
        closed = row.result["quadratic"]
        assert closed["case"].startswith("quadratic form")
        assert closed["width"] == row.lower == row.upper
        assert closed["rank"] + (2 if row.model == "no-bias" else 1) == row.lower


# ----------------------------------------------------------------------- comparison mode


@pytest.mark.parametrize("family, options", [
    ("products", {"max_vars": 5}),
    ("powers", {"max_degree": 9}),
    ("chain", {"max_vars": 6, "periodic": True}),
    ("elementary", {"max_vars": 3}),
    ("disjoint-products", {"max_blocks": 3}),
])
def test_compare_mode_equals_direct_calls(family, options, tmp_path):
    """Every row of a comparison sweep equals symflat.width.compare.compare and the counts of
    symflat.paper.compile.compile called here, and is read back from the store unchanged."""
    from symflat.paper.compile import compile as compile_poly
    from symflat.width.compare import compare

    polys = family_polynomials(family, **options)
    jobs = make_jobs(family, polys, search_timeout=10, compare=True)
    with Store(tmp_path / "s.sqlite") as store:
        rows = run_sweep(jobs, store=store, workers=2, timeout=60)
        again = run_sweep(jobs, store=store, workers=2, timeout=60)
        assert {r.kind for r in store.records()} == {COMPARE_KIND}
    assert [r.status for r in again] == ["stored"] * len(polys)
    assert [r.to_dict() | {"status": "", "seconds": 0} for r in again] == [
        r.to_dict() | {"status": "", "seconds": 0} for r in rows]
    for row in rows:
        assert row.status == "computed", row
        poly = parse_polynomial(row.polynomial)
        direct = compare(poly, timeout=10)
        for model in ("no-bias", "output-bias"):
            width = direct.shallow[model]
            assert dict(row.shallow(model)) == {"lower": width.lower, "upper": width.upper,
                                                "exact": width.exact,
                                                "model": width.model.to_dict()}
        deep = compile_poly(poly)
        flat = row.to_dict()
        assert (flat["deep_neurons"], flat["deep_depth"], flat["deep_synapses"]) == (
            deep.neurons, deep.depth, deep.synapses)
        nvars = poly.nvars
        assert flat["n"] == (poly.degree if nvars == 1 else nvars)


def test_compare_mode_known_values():
    """x1^d needs d + 1 shallow neurons (no bias) and d (output bias); x1...xn needs 2^n
    (2^n - 1) and the tree of gates 4(n - 1)."""
    rows = run_sweep(make_jobs("powers", family_polynomials("powers", max_degree=6),
                               compare=True), workers=2)
    for d, row in enumerate(rows, start=1):
        assert row.cells()["no-bias"] == str(d + 1) and row.cells()["output-bias"] == str(d)
    rows = run_sweep(make_jobs("products", family_polynomials("products", max_vars=5),
                               compare=True), workers=2)
    for n, row in enumerate(rows, start=1):
        assert row.cells()["no-bias"] == str(2**n)
        assert row.cells()["deep"] == 4 * (n - 1)


def test_cli_sweep_compare(tmp_path, capsys):
    out = tmp_path / "r.csv"
    args = ["sweep", "products", "--max-vars", "4", "--compare", "--store",
            str(tmp_path / "s.sqlite"), "--out", str(out)]
    assert main(args) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split() == ["n", "no-bias", "output-bias", "deep", "depth", "seconds",
                                "status", "polynomial"]
    assert lines[4].split()[:5] + lines[4].split()[-1:] == ["4", "16", "15", "12", "2",
                                                            "x1*x2*x3*x4"]
    back = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [(b["n"], b["no_bias_lower"], b["deep_neurons"]) for b in back] == [
        ("1", "2", "0"), ("2", "4", "4"), ("3", "8", "8"), ("4", "16", "12")]
    assert main([*args, "--model", "no-bias"]) == 2
    assert "--compare takes the compiled network's own class" in capsys.readouterr().err


# ---------------------------------------------------------------------------------- CLI


def test_cli_sweep(tmp_path, capsys):
    store = tmp_path / "s.sqlite"
    out = tmp_path / "r.json"
    args = ["sweep", "disjoint-products", "--max-blocks", "1", "--model", "output-bias",
            "--store", str(store), "--out", str(out), "--jobs", "0"]
    assert main(args) == 0
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert lines[0].split() == ["n", "model", "lower", "upper", "exact", "gap", "seconds",
                                "status", "polynomial"]
    assert lines[1].split() == ["2", "output-bias", "3", "3", "yes", "0", lines[1].split()[6],
                                "computed", "x1*x2"]
    assert "1 job: 1 computed; 1 exact" in captured.err
    assert json.loads(out.read_text())["results"][0]["lower"] == 3
    assert main(args) == 0
    assert capsys.readouterr().out.strip().splitlines()[1].split()[-2] == "stored"
    assert main(["sweep", "chain", "--periodic", "--max-vars", "4", "--list"]) == 0
    assert capsys.readouterr().out.splitlines() == family_polynomials(
        "chain", max_vars=4, periodic=True)


@pytest.mark.parametrize("argv, message", [
    (["sweep", "cubes"], "unknown family 'cubes'"),
    (["sweep", "monomials", "--max-degree", "40"], "--max-degree must be between"),
    (["sweep", "chain", "--block", "3"], "--block does not apply to the chain family"),
    (["sweep", "file"], "the file family needs a FILE"),
    (["sweep", "chain", "extra.txt"], "only the file family takes a FILE"),
    (["sweep", "chain", "--out", "r.txt"], "must end in .csv, .json or .md"),
    (["sweep", "chain", "--timeout", "0"], "--timeout: '0' is not a number of seconds"),
    (["sweep", "chain", "--jobs", "-1"], "--jobs: '-1' is not a number of worker processes"),
])
def test_cli_bad_input_is_one_line(argv, message, capsys, tmp_path):
    assert main([*argv, "--store", str(tmp_path / "s.sqlite")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and err.startswith("symflat sweep: error: ") and message in err


def test_cli_bad_file_names_the_line(tmp_path, capsys):
    bad = tmp_path / "list.txt"
    bad.write_text("x1*x2\n# fine\nx1 +* x2\n")
    assert main(["sweep", "file", str(bad), "--no-store"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and f"{bad}, line 3: " in err


def test_a_sweep_fits_the_terminal_and_the_file_has_it_whole(tmp_path, capsys, monkeypatch):
    """Rings of 30 variables: the polynomial is the last column, so no line is padded to the
    longest one; in a terminal the long lines are cut to its width; --out keeps them whole."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *a: os.terminal_size((100, 24)))
    args = ["sweep", "chain", "--periodic", "--max-vars", "30", "--no-store"]
    assert main(args) == 0
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert max(len(line) for line in lines) == 100 and lines[-1].endswith("…")
    assert lines[1].split()[0] == "3" and lines[1].endswith("x1*x2 + x1*x3 + x2*x3")  # not cut
    assert "--out FILE.md" in captured.err
    out = tmp_path / "r.md"
    assert main([*args, "--out", str(out)]) == 0
    assert "--out" not in capsys.readouterr().err
    whole = family_polynomials("chain", max_vars=30, periodic=True)[-1]
    assert f"| `{polynomial_text(to_polynomial(whole))}` | 30 |" in out.read_text()
