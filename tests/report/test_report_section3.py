"""The report's Section III sections: data stored with the verdicts, figures, HTML, LaTeX, PDF.

The verdicts come from the Section III checkers themselves (the catalog's claims, the Markov
ones on a handful of small chains: the catalog's take several seconds); the report reads the
numbers they stored and computes nothing.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess

import pytest

from symflat.report import build_report
from symflat.report.data import report_data, section3_data
from symflat.report.views import (
    LINEAR_CHECKERS,
    MARKOV_CHECKERS,
    MATMUL_CHECKERS,
    section3_views,
)
from symflat.verify.checks import FIGURE_DATA, run_check
from symflat.verify.claims import load_claims
from symflat.verify.store import Store

SMALL_CHAINS = {"factored": [[1, 2, 2], [1, 1, 2]], "seeds": [0, 2], "sparse": [[2, 2, 3]],
                "sparse_seeds": [0, 1]}
SECTIONS = {
    "sec3-linear": ("Linear networks", ("sec3-synapses", "sec3-sparse-cost")),
    "sec3-matmul": ("Matrix multiplication", ("sec3-matmul-synapses", "sec3-gate-counts")),
    "sec3-markov": ("Information distillation", ("sec3-distillation",)),
}
SECTION3_CHECKERS = set(LINEAR_CHECKERS) | set(MATMUL_CHECKERS) | set(MARKOV_CHECKERS) | {
    "data-processing"}


def section3_claims():
    """The catalog's Section III claims, the Markov ones on a handful of small chains."""
    out = []
    for claim in load_claims():
        if claim.checker not in SECTION3_CHECKERS:
            continue
        if claim.checker in MARKOV_CHECKERS:
            claim = dataclasses.replace(claim, parameters=dict(SMALL_CHAINS))
        out.append(claim)
    return out


@pytest.fixture(scope="module")
def claims():
    return section3_claims()


@pytest.fixture(scope="module")
def verdicts(claims):
    return {c.id: run_check(c) for c in claims}


@pytest.fixture(scope="module")
def section3(claims, verdicts):
    return report_data(claims, verdicts).extra["section3"]


@pytest.fixture(scope="module")
def built(claims, verdicts, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    data = report_data(claims, verdicts, generated="2024-01-01 00:00 UTC")
    result = build_report(data, out, formats=("html", "latex"))
    html = (out / "report.html").read_text(encoding="utf-8")
    tex = (out / "report.tex").read_text(encoding="utf-8")
    return data, out, result, html, tex


def _section_html(html: str, ident: str) -> str:
    match = re.search(rf'<section class="block sec3" id="{ident}">(.*?)</section>', html,
                      re.DOTALL)
    assert match, ident
    return match.group(1)


def _section_tex(tex: str, title: str) -> str:
    start = tex.index(rf"\section*{{{title}")
    end = tex.find(r"\section*{", start + 10)
    return tex[start:end]


# -- data ---------------------------------------------------------------------------------------
def test_sections_follow_the_stored_data(claims, verdicts):
    assert section3_data([]) == {}
    records = report_data(claims, verdicts).claims
    only = [r for r in records if r["checker"] in MATMUL_CHECKERS]
    assert sorted(section3_data(only)) == ["matmul"]
    # half of a section's data is not enough: no section rather than a broken one
    half = [r for r in records if r["checker"] == "strassen-network"]
    assert section3_data(half) == {}
    # a verdict without figure data (a refuted claim, an old store) brings nothing in
    bare = [dict(r, figure_data={}) for r in records]
    assert section3_data(bare) == {}


def test_markov_summary_is_the_checkers_chains_summarized(claims, section3):
    from symflat.paper.information import summarize
    from symflat.verify.checks.section3 import claim_chains

    theorem2 = next(c for c in claims if c.checker == "markov-theorem2")
    chains = claim_chains(theorem2)
    rows = section3["markov"]["rows"]
    assert [r["name"] for r in rows] == [name for name, _ in chains]
    assert section3["markov"]["claim"] == theorem2.id
    expected = summarize(dict(chains))
    for row, want in zip(rows, expected):
        assert tuple(row["blocks"]) == tuple(want["blocks"])
        assert tuple(row["sizes"]) == tuple(want["sizes"])
        assert (row["theorem2"], row["corollary2"], row["eq21"]) == (
            want["theorem2"], want["corollary2"], want["eq21"])
    # the seeds are the claim's: [0, 2] per factored family, [0, 1] for the sparse one
    assert [r["seed"] for r in rows] == [0, 1, 2, 0, 1, 2, 0, 1]


def test_numbers_are_the_engines(section3):
    from symflat.paper.linear import synapse_count_rows
    from symflat.paper.strassen import linear_synapse_rows, naive_matmul, strassen

    matmul = section3["matmul"]
    direct = linear_synapse_rows(range(1, 21), 16)
    assert matmul["linear"] == direct
    assert matmul["first_full"] == min(r["n"] for r in direct if r["strassen"] < r["flat"])
    assert matmul["first_best"] == min(r["n"] for r in direct if r["best"] < r["flat"])
    assert matmul["gate_synapses"][1] == {"n": 4, "strassen": strassen(4, lam=1).synapse_count,
                                          "schoolbook": naive_matmul(4, lam=1).synapse_count}
    for family in ("fft", "walsh_hadamard", "low_rank_k1"):
        got = [(r["n"], r["factored"], r["flat"]) for r in section3["linear"]["synapses"]
               if r["family"] == family]
        assert got == [(r.n, r.factored, r.flat)
                       for r in synapse_count_rows((2, 4, 8, 16, 32), [family])], family
    mc = section3["linear"]["monte_carlo"]
    assert mc and all(r["trials"] == 2000 and r["seed"] == 0 for r in mc)  # the checker's
    assert section3["linear"]["sparse_n"]["first_above_one"]["1/20"] == 43


def test_finding_text_is_built_from_the_data(claims, verdicts, section3):
    records = report_data(claims, verdicts).claims
    views = {v["id"]: v for v in section3_views(section3, records)}
    finding = "".join(s.content for s in views["sec3-matmul"]["finding"])
    assert finding.startswith("Strassen saves gates, not synapses.")
    assert "n = 2^{16}" in finding and "n = 64" in finding
    for row in section3["matmul"]["gate_synapses"]:
        assert f"{row['strassen']} against {row['schoolbook']}" in finding
    # a different (made-up) crossing point shows up in the text: nothing is typed in
    fake = dict(section3["matmul"], first_full=2**12, first_best=32)
    changed = section3_views({"matmul": fake}, records)[0]
    text = "".join(s.content for s in changed["finding"])
    assert "n = 4096" not in text and "n = 2^{12}" in text and "n = 32" in text
    assert {c["id"] for c in views["sec3-markov"]["claims"]} >= {"theorem2", "corollary2"}


def test_the_data_survives_the_store(claims, verdicts, section3, tmp_path):
    """The report after ``symflat verify`` reads the figure data back from the store."""
    with Store(tmp_path / "s.sqlite") as store:
        for claim in claims:
            store.put_verdict(claim, verdicts[claim.id])
        stored = {c.id: store.get_verdict(c) for c in claims}
    assert all(FIGURE_DATA in stored[c.id].certificate for c in claims
               if c.checker in ("fft-network", "markov-theorem2", "strassen-synapses"))
    assert report_data(claims, stored).extra["section3"] == section3


# -- rendering ----------------------------------------------------------------------------------
def test_html_has_the_three_sections_each_with_its_figures(built):
    data, _, _, html, _ = built
    for ident, (title, figures) in SECTIONS.items():
        body = _section_html(html, ident)
        assert f"<h2>{title} " in body
        assert body.count('<svg class="plot"') == len(figures), ident
        for name in figures:
            assert f'id="fig-{name}"' in body
        assert f'href="#{ident}"' in html  # in the table of contents
    # the Section III figures are in their sections: these claims store no general figure,
    # so there is no general Figures section for them to land in
    assert 'id="figures"' not in html
    matmul = _section_html(html, "sec3-matmul")
    assert 'class="finding"' in matmul and "Strassen saves gates, not synapses" in matmul
    markov = _section_html(html, "sec3-markov")
    assert markov.count("<tr") >= 4 and "✗" not in markov
    linear = _section_html(html, "sec3-linear")
    assert "partly numerical" in linear and "Monte Carlo, 95% CI (numerical)" in linear
    for record in data.claims:  # every section links its claims
        if record["checker"] in LINEAR_CHECKERS:
            assert f'href="#{record["anchor"]}"' in linear


def test_latex_has_the_sections_and_their_graphics(built):
    _, out, _, _, tex = built
    for ident, (title, figures) in SECTIONS.items():
        body = _section_tex(tex, title)
        assert rf"\hypertarget{{{ident}}}" in body
        for name in figures:
            assert r"\includegraphics[width=" in body
            assert f"{{figures/{name}.pdf}}" in body
            assert (out / "figures" / f"{name}.pdf").read_bytes().startswith(b"%PDF")
    assert r"\begin{findingbox}" in _section_tex(tex, "Matrix multiplication")
    assert r"\begin{longtable}" in _section_tex(tex, "Information distillation")
    assert r"n = 2^{16}" in tex


def test_without_figures_the_sections_keep_text_and_table(claims, verdicts, tmp_path):
    data = report_data(claims, verdicts)
    build_report(data, tmp_path, formats=("html", "latex"), figures=False)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    tex = (tmp_path / "report.tex").read_text(encoding="utf-8")
    for ident, (title, _) in SECTIONS.items():
        body = _section_html(html, ident)
        assert "<svg" not in body and "--no-figures" in body
        assert rf"\section*{{{title}" in tex
    assert "<table class=\"markov\">" in html and r"\includegraphics" not in tex
    assert not (tmp_path / "figures").exists()


def test_report_without_section3_data_has_no_such_sections(claims, tmp_path):
    data = report_data(claims, {c.id: {"status": "verified", "evidence": "e"} for c in claims})
    build_report(data, tmp_path, formats=("html", "latex"), figures=False)
    assert "sec3-" not in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert r"\section*{Linear networks" not in (tmp_path / "report.tex").read_text()


def test_report_command_renders_the_sections_and_reuses_the_store(tmp_path, capsys):
    from symflat.cli import main

    proofs = tmp_path / "proofs"
    proofs.mkdir()
    (proofs / "mine.toml").write_text('''
[[claim]]
id = "small-theorem2"
title = "Theorem 2 on two small chains"
statement = "T_{i}=f_{i}\\\\circ T_{i+1}"
section = "III.3"
checker = "markov-theorem2"

[claim.parameters]
factored = [[1, 2, 2]]
seeds = [0, 1]
sparse = [[2, 2, 3]]
sparse_seeds = [0, 0]
''', encoding="utf-8")
    store, out = tmp_path / "s.sqlite", tmp_path / "out"
    args = ["report", "--proofs", str(proofs), "--store", str(store), "--out", str(out),
            "--no-figures"]
    assert main(args) == 0
    assert "checked 1 claim missing from the store" in capsys.readouterr().err
    html = (out / "report.html").read_text(encoding="utf-8")
    body = _section_html(html, "sec3-markov")
    assert "small-theorem2" in body and "3 chains in all" in body
    assert 'id="sec3-linear"' not in html
    # the second run reads the verdict and its figure data back: nothing is checked again
    assert main(args) == 0
    assert "checked" not in capsys.readouterr().err.split("\n")[0]
    again = (out / "report.html").read_text(encoding="utf-8")
    assert _section_html(again, "sec3-markov") == body


# -- PDF and browser (skipped without TeX / chromium) --------------------------------------------
@pytest.mark.skipif(shutil.which("latexmk") is None or shutil.which("pdflatex") is None
                    or shutil.which("pdftotext") is None,
                    reason="latexmk/pdflatex/pdftotext not installed")
def test_pdf_has_the_sections(claims, verdicts, tmp_path):
    data = report_data(claims, verdicts)
    build_report(data, tmp_path, formats=("pdf",))
    text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    for title, _ in SECTIONS.values():
        assert title in text
    assert "Strassen saves gates, not synapses" in text
    assert "Sparse product: flattening cost against n and p" in text
    # nothing in the Section III part of the .tex sticks out into the margin
    lines = (tmp_path / "report.tex").read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines, 1) if line.startswith(r"\section*{Linear"))
    last = next(i for i, line in enumerate(lines, 1) if line.startswith(r"\section*{Claims"))
    log = (tmp_path / "report.log").read_text(errors="replace")
    for start, end in re.findall(r"Overfull \\hbox .*? at lines (\d+)--(\d+)", log):
        assert not first <= int(start) <= last, (start, end)


def test_sections_render_in_a_browser(built, offline_browser):
    # the session's browser (tests/conftest.py): a second Playwright in the same process fails
    _, out, _, _, _ = built
    problems = []
    context = offline_browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text)
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto((out / "report.html").as_uri())
        page.wait_for_function("document.documentElement.classList.contains('math-ready')",
                               timeout=20000)
        for ident in SECTIONS:
            sizes = page.evaluate("""id => Array.from(document.querySelectorAll(
                '#' + id + ' .math')).map(e => {
                    const k = e.querySelector('.katex');
                    const r = k ? k.getBoundingClientRect() : {width: 0, height: 0};
                    return [e.textContent, r.width, r.height,
                            !!(k && k.querySelector('.katex-error'))];
                })""", ident)
            assert sizes, ident
            for text, width, height, error in sizes:
                assert width > 0 and height > 0 and not error, (ident, text)
            box = page.locator(f"#{ident} svg.plot").first.bounding_box()
            assert box and box["width"] > 500 and box["height"] > 150, ident
    finally:
        context.close()
    assert not problems, problems
