"""The everyday loop: a report renders once per store state, names no folder of the machine,
and draws PDFs only for LaTeX."""

from __future__ import annotations

import pytest

from symflat.cli import main
from symflat.report import build_report
from symflat.report.api import report
from symflat.report.cache import STAMP
from symflat.verify.runner import verify
from symflat.verify.store import Store

CLAIMS = ["eq12", "eq9-count"]


@pytest.fixture(autouse=True)
def _verified(tmp_path):
    """The store holds the verdicts (a fresh verdict lists its certificate in the checker's
    order, a stored one sorted: a report from fresh verdicts differs, and renders again)."""
    verify(CLAIMS, store=tmp_path / "s.sqlite")


def _run(tmp_path, **options):
    return report(out=tmp_path / "out", claims=CLAIMS, store=tmp_path / "s.sqlite",
                  figures=False, **options)


def test_an_unchanged_store_is_not_rendered_again_and_a_changed_one_is(tmp_path):
    first = _run(tmp_path)
    html = tmp_path / "out" / "report.html"
    assert not first.cached and (tmp_path / "out" / STAMP).is_file()
    html.write_text("marker")  # a second render would overwrite it
    again = _run(tmp_path)
    assert again.cached and again.files == first.files and html.read_text() == "marker"
    with Store(tmp_path / "s.sqlite") as store:  # the store changes: a width result arrives
        store.put("width", "x1*x2|no-bias", {"polynomial": "x1*x2", "model": "no-bias",
                                            "lower": 4, "upper": 4, "exact": True})
    changed = _run(tmp_path)
    assert not changed.cached and 'id="claim-eq12"' in html.read_text()
    assert _run(tmp_path).cached


def test_other_options_or_a_missing_file_render_again(tmp_path):
    _run(tmp_path)
    assert not _run(tmp_path, format=["html", "latex"]).cached  # other formats
    assert _run(tmp_path, format=["html", "latex"]).cached
    (tmp_path / "out" / "report.tex").unlink()
    assert not _run(tmp_path, format=["html", "latex"]).cached


def test_the_command_says_the_report_is_unchanged(tmp_path, capsys):
    args = ["report", "--claims", *CLAIMS, "--store", str(tmp_path / "s.sqlite"),
            "--out", str(tmp_path / "out"), "--no-figures"]
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("wrote ")
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("unchanged (the store is as at its last render)")


def test_the_report_names_no_folder_of_the_machine(tmp_path):
    """Claims from a folder of one's own and a store: only their names reach the report."""
    proofs = tmp_path / "my-claims"
    proofs.mkdir()
    (proofs / "mine.toml").write_text('''
[[claim]]
id = "mine"
title = "Mine"
statement = "2^{n} terms"
section = "II.3.2"
checker = "multilinear-basis"
parameters = {count_base = 2}
''')
    report(["html", "latex"], tmp_path / "out", proofs=proofs, store=tmp_path / "s.sqlite",
           figures=False)
    for name in ("report.html", "report.tex"):
        text = (tmp_path / "out" / name).read_text()
        assert str(tmp_path) not in text, name
        assert "my-claims" in text and "s.sqlite" in text, name
    assert "mine.toml" in (tmp_path / "out" / "report.html").read_text()  # each claim's file


@pytest.mark.parametrize("formats, pdf", [(("html",), False), (("html", "latex"), True)])
def test_figures_get_a_pdf_only_for_latex(tmp_path, report_sample, formats, pdf):
    result = build_report(report_sample.data(), tmp_path, formats=formats)
    assert result.files and not result.cached
    assert any(p.suffix == ".pdf" for p in result.files) is pdf


def test_a_change_in_symflats_code_renders_again(tmp_path, monkeypatch):
    """Rendering uses more than symflat.report (layouts, formula printing): the digest covers
    the package's code, so an edited module outside symflat.report is never left stale."""
    import symflat.report.cache as cache

    _run(tmp_path)
    assert _run(tmp_path).cached
    code = tmp_path / "code"
    (code / "symflat").mkdir(parents=True)
    (code / "symflat" / "layout.py").write_text("EDGE = 1\n")
    monkeypatch.setattr(cache, "_CODE", code)
    assert not _run(tmp_path).cached
    assert _run(tmp_path).cached
    (code / "symflat" / "layout.py").write_text("EDGE = 2\n")
    assert not _run(tmp_path).cached


def test_a_newly_installed_drawing_converter_renders_again(tmp_path, monkeypatch):
    """Without rsvg-convert the PDF says its drawings are in the HTML only; once it is
    installed, the old render must not stand."""
    import symflat.report.cache as cache

    monkeypatch.setattr(cache, "pdf_converter", lambda: None)
    _run(tmp_path)
    assert _run(tmp_path).cached
    monkeypatch.setattr(cache, "pdf_converter", lambda: "/usr/bin/rsvg-convert")
    assert not _run(tmp_path).cached
