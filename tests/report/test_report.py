"""The report: statements and escaping, data records, the dependency graph, HTML and LaTeX.

The browser tests are in test_report_browser.py, the PDF build in test_report_pdf.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from symflat.report import build_report
from symflat.report.data import claim_record, report_data, width_tables
from symflat.report.depgraph import anchor_for, layout
from symflat.report.drawings import pdf_converter
from symflat.report.figures import make_figures
from symflat.report.figures.general import width_series
from symflat.report.render import (
    TEX_INSTALL_HINT,
    ReportError,
    build_pdf,
    latex_environment,
    render_html,
    render_latex,
    templates_dir,
)
from symflat.report.texmath import escape_tex, split_statement, vet_math
from symflat.verify.checks import FIGURE_DATA
from symflat.verify.claims import load_claims


# -- statements: vetting and splitting --------------------------------------------------------
@pytest.mark.parametrize("formula", [
    r"\prod_{i\in K}x_{i}=\lim_{\beta\to\infty}\sigma\left[-\beta\left(k-\frac{1}{2}-"
    r"\sum_{x\in K}\,x_{i}\right)\right]",
    r"m(u,v) \equiv {\sigma(u+v)-\sigma(u-v)\over 4\sigma_{2}} = uv\left[1+\mathcal{O}"
    r"\left(u^{2}+v^{2}\right)\right]",
    r"\textbf{p}(\textbf{x})=\tilde{\boldsymbol{\sigma}}[-\textbf{H}(\textbf{x})]",
    r"\sqrt[3]{x} + \binom{n+d}{d} + \text{for all } n",
    r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}",
    r"2^{2^{n}} > 10^{78}",
])
def test_vet_math_accepts_the_papers_math(formula):
    assert vet_math(formula)


@pytest.mark.parametrize("formula", [
    r"\input{/etc/passwd}", r"\include{x}", r"\write18{ls}", r"\immediate\write18{ls}",
    r"\def\x{1}", r"\catcode`\^^5c=12", r"x^^5cinput{/etc/passwd}", r"\csname input\endcsname",
    r"\openin1=/etc/passwd", r"\href{javascript:alert(1)}{x}", r"\frac{1}", r"{a", r"a}",
    r"\left( x", r"x \right)", "a^b^c", "x_1_2", "a % comment", "#1", "$x$", "a & b",
    r"\\", r"\text{\input{x}}", r"\begin{document}", r"{a \over b \over c}",
    "", "λ", "x^",
])
def test_vet_math_rejects_anything_else(formula):
    assert not vet_math(formula)


def test_every_catalog_formula_is_vetted():
    """The paper's statements as the catalog writes them are all typeset, none shown as source."""
    for claim in load_claims():
        for text in (claim.statement, *claim.hypotheses):
            for segment in split_statement(text):
                assert segment.safe, (claim.id, segment.content)


def test_split_statement_prose_and_display():
    kinds = [(s.kind, s.content) for s in split_statement(
        r"Since \sigma decays, large \beta-values suffice: \beta>D\ln 10\approx 23.")]
    assert kinds == [("text", "Since "), ("math", r"\sigma"), ("text", " decays, large "),
                     ("math", r"\beta"), ("text", "-values suffice: "),
                     ("math", r"\beta>D\ln 10\approx 23"), ("text", ".")]
    assert [s.kind for s in split_statement(r"w_{j}\equiv{1\over 2^{n}n!\sigma_{n}}")] == [
        "display"]


def test_escape_tex_makes_everything_text():
    assert escape_tex(r"\input{/etc/passwd} $x$ 50% #1 a_b ^^5c ~ & <>|") == (
        r"\textbackslash{}input\{/etc/passwd\} \$x\$ 50\% \#1 a\_b "
        r"\textasciicircum{}\textasciicircum{}5c \textasciitilde{} \& "
        r"\textless{}\textgreater{}\textbar{}")
    assert escape_tex("σ ≤ 2") == r"\ensuremath{\sigma} \ensuremath{\leq} 2"
    assert escape_tex("日\x00") == "[U+65E5] "


# -- records -------------------------------------------------------------------------------------
def test_claim_record_from_claim_and_verdict_objects():
    claims = {c.id: c for c in load_claims()}
    from symflat.verify.claims import Scope, Verdict

    record = claim_record(claims["eq13"], Verdict("eq13", "refuted", "e", corrected="x = 1",
                                                  details=("a", "b"), numerical=True,
                                                  scope=Scope.at(n=2)))
    assert record["status"] == "refuted" and record["numerical"] is True
    assert record["where"] == claims["eq13"].where()
    assert record["anchor"] == "claim-eq13"
    assert [s.kind for s in record["corrected_segments"]] == ["display"]
    assert [[s.content for s in step] for step in record["details"]] == [["a"], ["b"]]


def test_report_data_counts_and_dependents(report_sample):
    data = report_sample.data()
    assert data.total == len(report_sample.claims()) == (
        len(load_claims()) + len(report_sample.hostile) + 1)
    assert sum(data.counts.values()) == data.total
    eq11 = data.by_id("eq11")
    assert "passwd" in eq11["dependents"]
    assert data.width and data.width[0]["title"] == "monomials"


def test_every_verdict_shows_its_scope_and_the_summary_counts_the_reach(report_sample):
    data = report_sample.data()
    verdicts = [r for r in data.claims if r["status"] != "unchecked" and r["scope"]]
    assert {r["scope"]["kind"] for r in verdicts} == {"all", "range", "instances"}
    # counted from the stored scopes, never recomputed: sampled checks are never proofs
    proved = sum(r["status"] == "verified" and r["scope"]["kind"] == "all" for r in verdicts)
    ranged = sum(r["status"] == "verified" and r["scope"]["kind"] == "range" for r in verdicts)
    sampled = [r for r in data.claims if r["status"] == "sampled"]
    assert dict(data.reach) == {"proved": proved, "range": ranged, "instances": len(sampled)}
    assert sampled and all(r["label"] == "holds on all 50 seeded Markov chains"
                           for r in sampled)
    html = render_html(data, graph=None)
    tex = render_latex(data, graph=None)
    line = (f"{proved} proved for all parameters · {ranged} verified for a stated range only · "
            f"{len(sampled)} checked on sampled instances")
    assert line in html
    assert line.replace(" · ", r" \,·\, ") in tex
    assert len(re.findall(r'<span class="scope instances"[^>]*>on all 50 seeded Markov chains<',
                          html)) == 2 * len(sampled)  # the summary table and the claim header
    assert html.count('<span class="badge sampled">sampled</span>') >= len(sampled)
    assert tex.count(r"\textbf{holds on all 50 seeded Markov chains}") == len(sampled)


def test_claims_are_grouped_by_the_papers_sections_in_its_order(report_sample):
    from symflat.report.data import PAPER_SECTIONS

    data = report_sample.data()
    groups = data.sections
    known = [g["section"] for g in groups if g["section"] in PAPER_SECTIONS]
    assert known == sorted(known, key=list(PAPER_SECTIONS).index)
    assert sum(len(g["claims"]) for g in groups) == data.total
    assert {g["section"] for g in groups} >= {"II.1", "III.3", "III.8", "A"}
    html = render_html(data, graph=None)
    positions = [html.index(f'id="{g["anchor"]}"') for g in groups]
    assert positions == sorted(positions)  # the Claims section follows the paper
    for g in groups:  # every claim comes after its section's heading
        start = html.index(f'id="{g["anchor"]}"')
        assert all(html.index(f'id="{c["anchor"]}"') > start for c in g["claims"])
    tex = render_latex(data, graph=None)
    assert r"Sec.~III.3\quad Sufficient statistics and hierarchies" in tex


def test_unknown_status_becomes_unchecked():
    data = report_data([{"id": "a", "statement": "s"}], {"a": {"status": "bogus"}})
    assert data.by_id("a")["status"] == "unchecked"


def test_anchors_are_distinct_and_safe():
    ids = ["a.b", "a.2e", "a", "a-b", "<script>", "x y", "é"]
    anchors = [anchor_for(i) for i in ids]
    assert len(set(anchors)) == len(ids)
    assert all(re.fullmatch(r"claim-[a-z0-9.-]+", a) for a in anchors)


def test_width_tables_and_series():
    tables = width_tables([{"polynomial": "x1", "model": "no-bias", "lower": 1, "upper": None}])
    assert tables[0]["rows"][0] == ["x1", "no-bias", "1", "—", "no"]
    assert width_series([{"polynomial": "p", "model": "m", "lower": 2, "upper": 3}])[
        "points"][0]["exact"] is False


# -- dependency graph --------------------------------------------------------------------------
@pytest.mark.parametrize("engine", ["builtin", "dot"])
def test_dependency_graph_links_every_claim(engine, report_sample):
    if engine == "dot" and shutil.which("dot") is None:
        pytest.skip("Graphviz dot is not installed")
    data = report_sample.data()
    graph = layout(data.claims, engine=engine)
    assert graph.engine == engine
    svg = graph.svg()
    for record in data.claims:
        assert f'href="#{record["anchor"]}"' in svg
    assert "<script" not in svg and "&lt;script&gt;" in svg
    edges = {(e.source, e.target) for e in graph.edges}
    assert ("eq11", "passwd") in edges
    # boxes do not overlap
    boxes = graph.nodes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert (abs(a.x - b.x) >= (a.w + b.w) / 2 - 0.5
                    or abs(a.y - b.y) >= (a.h + b.h) / 2 - 0.5), (a.key, b.key)
        assert 0 <= a.x - a.w / 2 and a.x + a.w / 2 <= graph.width + 0.5
        assert 0 <= a.y - a.h / 2 and a.y + a.h / 2 <= graph.height + 0.5
    tikz = graph.tikz()
    assert r"\hyperlink{claim-eq11}" in tikz and r"x\textless{}script\textgreater{}" in tikz


def test_graph_falls_back_to_the_builtin_layout_without_graphviz(tmp_path, monkeypatch,
                                                                 report_sample):
    monkeypatch.setenv("PATH", str(tmp_path))
    data = report_sample.data()
    assert layout(data.claims).engine == "builtin"
    html = render_html(data, graph=layout(data.claims))
    assert 'data-engine="builtin"' in html and "built-in layered layout" in html


def test_builtin_layout_survives_cycles():
    graph = layout([{"id": "a", "status": "verified", "depends_on": ["b"]},
                    {"id": "b", "status": "refuted", "depends_on": ["a"]}], engine="builtin")
    assert len(graph.nodes) == 2 and len(graph.edges) == 2


# -- figures ------------------------------------------------------------------------------------
def test_figures_are_drawn_from_the_stored_data_only(report_sample):
    data = report_sample.data()
    stored = data.extra["figures"]
    assert set(stored) == {"multiplication_error", "neuron_counts", "bit_product", "network"}
    figure = next(f for f in make_figures(data) if f.name == "neuron-counts")
    assert figure.data == stored["neuron_counts"][0][1]  # the stored numbers, as stored
    # the figure data is kept out of the certificate the report prints
    eq13 = data.by_id("eq13")
    assert "bit_product" in eq13["figure_data"]
    assert all(key != FIGURE_DATA for key, _ in eq13["certificate"])
    # without stored data there is nothing to draw but the width results
    bare = report_data(report_sample.claims(), {}, width_rows=[{"polynomial": "p", "model": "m",
                                                        "lower": 2, "upper": 2}])
    assert [f.name for f in make_figures(bare)] == ["width"]


def test_figure_order_survives_a_store_that_sorts_keys(report_sample):
    import json

    from symflat.report.figures.general import figure_multiplication

    series = report_sample.data().extra["figures"]["multiplication_error"][0][1]
    stored = json.loads(json.dumps(series, sort_keys=True))  # as the SQLite store keeps it
    assert list(stored["series"]) != series["activations"]  # the keys were reordered ...
    caption = figure_multiplication(stored).caption
    order = [caption.index(f"{name}: ") for name in series["activations"]]
    assert order == sorted(order)  # ... but the legend and caption keep the series' order


def test_report_modules_do_not_import_the_engine():
    """The report renders stored data: no report module imports symflat.paper, symflat.nets
    or symflat.width, nor a checker module."""
    import ast

    import symflat.report

    folder = Path(symflat.report.__file__).parent
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else (
                [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                assert not name.startswith(("symflat.paper", "symflat.nets", "symflat.width",
                                            "symflat.verify.checks.")), (path.name, name)


# -- rendering ----------------------------------------------------------------------------------
def test_templates_are_found():
    folder = templates_dir()
    for name in ("report.html.j2", "report.tex.j2", "partials/claim.html.j2",
                 "partials/claim.tex.j2", "partials/preamble.tex.j2", "partials/report.css"):
        assert (folder / name).is_file(), name


def test_html_escapes_user_text_and_is_self_contained(report_sample):
    data = report_sample.data()
    html = render_html(data, graph=layout(data.claims, engine="builtin"))
    assert "window.__xss" in html  # the text is there ...
    assert "<script>window.__xss" not in html  # ... but never as markup
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert html.count("<script>") == 2  # KaTeX and the call that typesets the formulas
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)
    assert "url(fonts/" not in html and "font/woff2;base64," in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    for record in data.claims:
        assert f'id="{record["anchor"]}"' in html
    # an unvetted formula is shown as source, never handed to KaTeX
    assert '<code class="tex-source"' in html
    assert re.search(r'<span class="math[^"]*">[^<]*input\{/etc/passwd', html) is None


def test_latex_escapes_user_text(report_sample):
    data = report_sample.data()
    tex = render_latex(data, graph=layout(data.claims, engine="builtin"))
    assert r"\input{/etc/passwd}" not in tex
    assert r"\textbackslash{}input\{/etc/passwd\}" in tex
    assert r"\write18" not in tex and "^^5c" not in tex
    assert r"\def\x" not in tex
    for record in data.claims:
        assert rf"\hypertarget{{{record['anchor']}}}" in tex
    # the paper's formulas are typeset
    assert r"\lim_{\beta\to\infty}" in tex


def test_latex_environment_escapes_by_default(tmp_path):
    (tmp_path / "t.tex.j2").write_text(r"\section{((( title )))} ((( title | tex )))")
    env = latex_environment(tmp_path)
    out = env.get_template("t.tex.j2").render(title=r"50% \input{x}")
    assert out == (r"\section{50\% \textbackslash{}input\{x\}} "
                   r"50\% \textbackslash{}input\{x\}")


def test_build_report_html_and_latex(tmp_path, report_sample):
    result = build_report(report_sample.data(), tmp_path, formats=("html", "latex"))
    names = {p.name for p in result.files}
    assert {"report.html", "report.tex", "multiplication-error.pdf", "neuron-counts.pdf",
            "bit-product-error.pdf", "width.pdf", "depth-width.pdf"} <= names
    html = (tmp_path / "report.html").read_text()
    # the four figures of the Figures section and the depth figures in their sections
    assert html.count('<svg class="plot"') == 6 and 'class="depgraph"' in html
    assert (tmp_path / "figures" / "width.pdf").read_bytes().startswith(b"%PDF")
    # the stored network drawings: three claims', a hostile one (escaped), two depth-2 ones;
    # the tampered one is left out
    assert html.count('class="symflat-network"') == 6
    if pdf_converter() is not None:
        assert {"net-claim-eq11.pdf", "deep2-net-1.pdf", "deep2-net-2.pdf"} <= names


def test_unknown_format_is_an_error(tmp_path, report_sample):
    with pytest.raises(ReportError, match="unknown report format"):
        build_report(report_sample.data(), tmp_path, formats=("docx",), figures=False)


def test_pdf_without_tex_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReportError) as error:
        build_pdf(tmp_path / "report.tex")
    assert str(error.value) == TEX_INSTALL_HINT and "\n" not in TEX_INSTALL_HINT
    assert "TeX Live" in TEX_INSTALL_HINT


# -- the command --------------------------------------------------------------------------------
def test_report_command_checks_missing_claims_then_renders(tmp_path, capsys):
    from symflat.cli import main

    store = tmp_path / "store.sqlite"
    out = tmp_path / "out"
    assert main(["report", "--claims", "eq12", "eq9-count", "--store", str(store),
                 "--out", str(out), "--no-figures"]) == 0
    captured = capsys.readouterr()
    assert "checked 2 claims missing from the store" in captured.err
    html = (out / "report.html").read_text()
    assert 'id="claim-eq12"' in html and 'id="claim-eq9-count"' in html
    assert 'id="claim-eq8"' not in html
    # second run: from the store, nothing checked
    assert main(["report", "--claims", "eq12", "--store", str(store), "--out", str(out),
                 "--no-figures"]) == 0
    assert "checked" not in capsys.readouterr().err


def test_report_command_default_output_folder(tmp_path, monkeypatch):
    from symflat.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["report", "--claims", "eq12", "--store", str(tmp_path / "s.sqlite"),
                 "--no-figures", "--format", "latex"]) == 0
    assert (tmp_path / "reports" / "build" / "report.tex").is_file()


def test_report_command_pdf_without_tex_is_one_line(tmp_path, monkeypatch, capsys):
    from symflat.cli import main

    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["report", "--format", "pdf", "--out", str(tmp_path),
                 "--store", str(tmp_path / "s.sqlite")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "install TeX Live" in err


def test_report_command_unknown_claim(tmp_path, capsys):
    from symflat.cli import main

    assert main(["report", "--claims", "nope", "--store", str(tmp_path / "s.sqlite"),
                 "--out", str(tmp_path)]) == 2
    assert "unknown claim id 'nope'" in capsys.readouterr().err


def test_width_rows_from_the_store(tmp_path):
    from symflat.report.api import width_rows
    from symflat.verify.store import Store

    with Store(tmp_path / "s.sqlite") as store:
        store.put("width", "x1*x2|no-bias", {"polynomial": "x1*x2", "model": "no-bias",
                                            "lower": 4, "upper": 4, "exact": True},
                  subject="x1*x2")
        store.put("sweep", "monomials", {"family": "monomials", "results": [
            {"polynomial": "x1^2", "model": "output-bias", "lower": 2, "upper": 2}]})
        rows = width_rows(store.records("width") + store.records("sweep"))
    assert [(r["family"], r["polynomial"]) for r in rows] == [("width", "x1*x2"),
                                                              ("monomials", "x1^2")]



def test_report_command_on_a_users_hostile_proofs_folder(tmp_path):
    """A user's claim file with TeX and HTML in its text: rendered as text in both reports."""
    from symflat.cli import main

    proofs = tmp_path / "proofs"
    proofs.mkdir()
    (proofs / "mine.toml").write_text(r'''
[[claim]]
id = "mine"
title = "<script>alert(1)</script> \\input{/etc/passwd}"
statement = "\\input{/etc/passwd} <b>x</b> and 2^{n} terms"
section = "II.3.2"
notes = "\\immediate\\write18{touch /tmp/symflat-pwned}"
hypotheses = ["\\openin1=/etc/passwd"]
checker = "multilinear-basis"
parameters = {count_base = 2}
''')
    out = tmp_path / "out"
    formats = ["--format", "html", "--format", "latex"]
    if shutil.which("latexmk") and shutil.which("pdflatex"):
        formats += ["--format", "pdf"]
    assert main(["report", "--proofs", str(proofs), "--store", str(tmp_path / "s.sqlite"),
                 "--out", str(out), "--no-figures", *formats]) == 0
    html = (out / "report.html").read_text()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>x</b>" not in html
    tex = (out / "report.tex").read_text()
    assert r"\input{/etc/passwd}" not in tex and r"\write18" not in tex
    assert r"\openin" not in tex
    assert not Path("/tmp/symflat-pwned").exists()
    if (out / "report.pdf").exists():
        assert b"root:x:0:0" not in (out / "report.pdf").read_bytes()
