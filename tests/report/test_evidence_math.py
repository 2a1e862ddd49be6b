"""Evidence is typeset: formulas written with Python operators become KaTeX/LaTeX math."""

from __future__ import annotations

import re

from symflat.report import build_report
from symflat.report.data import report_data
from symflat.verify.claims import Scope, Verdict, load_claims

EVIDENCE = "exact leading error sigma4*x1*x2*(x1**2 + x2**2)/(6*sigma2) for every σ"


def _data():
    claims = [c for c in load_claims() if c.id == "eq11"]
    verdict = Verdict("eq11", "verified", EVIDENCE, details=("then 3*n neurons",),
                      scope=Scope.for_all("every analytic σ"))
    return report_data(claims, {"eq11": verdict})


def test_html_typesets_the_evidence(tmp_path):
    build_report(_data(), tmp_path, formats=("html",), figures=False)
    html = (tmp_path / "report.html").read_text()
    body = html[html.index("<body"):]
    visible = re.sub(r'<span class="math[^"]*">.*?</span>', "", body, flags=re.S)
    visible = re.sub(r"<script.*?</script>|<style.*?</style>", "", visible, flags=re.S)
    assert "x1**2" not in visible and "sigma4*x1" not in visible
    assert r"\frac{\sigma_{4} x_{1} x_{2} \left(x_{1}^{2} + x_{2}^{2}\right)}{6 \sigma_{2}}" in body


def test_latex_typesets_the_evidence(tmp_path):
    build_report(_data(), tmp_path, formats=("latex",), figures=False)
    tex = (tmp_path / "report.tex").read_text()
    formula = r"\frac{\sigma_{4} x_{1} x_{2} \left(x_{1}^{2} + x_{2}^{2}\right)}{6 \sigma_{2}}"
    assert f"${formula}$" in tex
    assert "sigma4*x1" not in tex and "$3 n$" in tex


def test_titles_and_symbolic_powers_are_typeset(tmp_path):
    import dataclasses

    claim = dataclasses.replace([c for c in load_claims() if c.id == "eq11"][0],
                                title="2^(2^n) functions need 2^n bits")
    verdict = Verdict("eq11", "verified", "2^(2^n) functions; Θ(n^4) terms",
                      scope=Scope.for_all("every n"))
    build_report(report_data([claim], {"eq11": verdict}), tmp_path, formats=("html", "latex"),
                 figures=False)
    html = (tmp_path / "report.html").read_text()
    assert '<h3><span class="math inline">2^{2^{n}}</span> functions need' in html
    assert 'Θ(<span class="math inline">n^{4}</span>) terms' in html
    tex = (tmp_path / "report.tex").read_text()
    assert r"\quad $2^{2^{n}}$ functions need $2^{n}$ bits}" in tex
