"""The PDF report, built with latexmk (TeX Live and poppler-utils are installed by .ci/run)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from symflat.report import build_report

ARTIFACTS = Path(__file__).resolve().parents[1] / "reports" / "build" / "test-artifacts"

if shutil.which("latexmk") is None or shutil.which("pdflatex") is None:
    pytest.skip("latexmk/pdflatex not installed (apt-get install latexmk "
                "texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended)",
                allow_module_level=True)
if shutil.which("pdftotext") is None:
    pytest.skip("pdftotext not installed (apt-get install poppler-utils)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory, report_sample):
    out = tmp_path_factory.mktemp("pdf")
    data = report_sample.data()
    result = build_report(data, out, formats=("pdf",))
    pdf = out / "report.pdf"
    assert pdf in [p.resolve() for p in result.files] or pdf.is_file()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(pdf, ARTIFACTS / "report.pdf")
    return data, out, text


def test_pdf_has_every_claim_id_and_verdict(built):
    data, _, text = built
    lines = text.splitlines()
    squeezed = re.sub(r"\s+", "", text)
    for record in data.claims:
        assert re.sub(r"\s+", "", record["id"]) in squeezed, record["id"]
        # the summary row: the id and its verdict on one line
        assert any(record["id"] in line and record["status"] in line for line in lines), (
            record["id"], record["status"])
    for status in ("verified", "refuted", "conditional", "inconclusive"):
        assert status in text


def test_pdf_shows_hostile_text_and_reads_no_file(built):
    _, out, text = built
    assert "\\input{/etc/passwd}" in text
    assert "<script>window.__xss = 1</script>" in text
    passwd = Path("/etc/passwd")
    if passwd.is_file():
        first = passwd.read_text().splitlines()[0]
        assert first not in text and "root:x:0:0" not in text
    log = (out / "report.log").read_text(errors="replace")
    assert "/etc/passwd" not in log.replace("\\input{/etc/passwd}", "")
    assert not Path("/tmp/symflat-pwned").exists()


def test_pdf_has_the_figures_and_the_graph(built):
    _, out, text = built
    assert "Multiplication gate: relative error against" in text
    assert "Bit-product gate" in text and "Dependencies" in text
    info = subprocess.run(["pdfinfo", str(out / "report.pdf")], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 5 <= pages <= 60
    tex = (out / "report.tex").read_text()
    for record in built[0].claims:  # summary rows and graph nodes link to the claims
        assert tex.count(rf"\hyperlink{{{record['anchor']}}}") >= 2, record["id"]


def test_every_vetted_command_compiles(tmp_path, report_sample):
    """Whatever vet_math accepts, pdflatex typesets: the whitelist never breaks the PDF."""
    from symflat.report.data import report_data
    from symflat.report.texmath import vet_math

    formula = report_sample.every_vetted_command()
    assert vet_math(formula)
    data = report_data([{"id": "all", "title": "every command", "statement": formula}],
                       {"all": {"status": "verified", "evidence": "compiles"}})
    build_report(data, tmp_path, formats=("pdf",), figures=False)
    text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "every command" in text
    log = (tmp_path / "report.log").read_text(errors="replace")
    assert "Undefined control sequence" not in log


def test_pdf_has_the_network_drawings(built):
    """The stored drawings, converted by rsvg-convert, in their claims and in "Smallest deep
    networks"; without rsvg-convert the PDF says where they are instead."""
    from symflat.report.drawings import pdf_converter

    _, out, text = built
    squeezed = re.sub(r"\s+", " ", text)
    assert squeezed.count("The network checked.") == 4  # eq11, eq32, deep-4n, the hostile one
    assert "The gate: 4 neurons, depth 1, 12 synapses" in squeezed
    assert "A smallest depth-2 network for x1*x2 (no-bias)" in squeezed
    tex = (out / "report.tex").read_text()
    if pdf_converter() is None:
        assert squeezed.count("drawn in the HTML report only") == 6
        return
    assert "drawn in the HTML report only" not in squeezed
    for name in ("net-claim-eq11", "net-claim-eq32", "net-claim-deep-4n", "deep2-net-1"):
        assert f"{{figures/{name}.pdf}}" in tex
        assert (out / "figures" / f"{name}.pdf").read_bytes().startswith(b"%PDF")
    # the drawings' own text is in the PDF: weights, σ in the neurons, the inputs
    assert "±1/(8λ²σ₂)" in squeezed and "x₁" in squeezed
    assert "weights: on a line, or beside its rows;" in squeezed
    # the hostile network's name is not drawn (only its title, which pdftotext skips)
    assert "window.__xss = 4" not in text
