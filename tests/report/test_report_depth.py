"""Tests of the report's "Depth against width" and of the quadratic families' width tables:
rendered from stored rows only, every number read from them."""

from __future__ import annotations

import re

import pytest

from symflat.exact.polynomial import to_polynomial
from symflat.exact.printing import polynomial_latex
from symflat.report.api import compare_rows, width_rows
from symflat.report.data import report_data
from symflat.report.figures import make_figures
from symflat.report.render import render_html, render_latex
from symflat.report.texmath import escape_tex
from symflat.report.views import DEPTH_COMMAND, deep2_view, depth_view


def depth_section(html: str) -> str:
    start = html.index('<section class="block" id="depth">')
    return html[start:html.index("</section>", start)]


def table_rows(section: str, title: str) -> list[list[str]]:
    """The cells of the table after ``<h3>title</h3>`` (tags stripped)."""
    start = section.index(f"<h3>{title}</h3>")
    body = section[start:section.index("</table>", start)]
    return [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", row)]
            for row in re.findall(r"<tr class=\"winner-[a-z]+\">(.*?)</tr>", body)]


def test_depth_section_renders_the_stored_rows(report_sample):
    data = report_sample.data()
    figures = make_figures(data)
    assert "depth-width" in [f.name for f in figures]
    html = render_html(data, figures=figures)
    section = depth_section(html)
    assert 'id="fig-depth-width"' in section
    got = table_rows(section, "products")
    stored = [r for r in report_sample.compare_rows() if r["family"] == "products"]
    assert len(got) == len(stored)
    for cells, row in zip(got, stored, strict=True):
        # the polynomial typeset (natural order, LaTeX for KaTeX), the numbers as stored
        assert cells[:7] == [polynomial_latex(to_polynomial(row["polynomial"]), shown=8),
                             str(row["n"]),
                             str(row["shallow"]["no-bias"]["lower"]),
                             str(row["shallow"]["output-bias"]["lower"]),
                             str(row["deep"]["neurons"]), str(row["deep"]["depth"]), cells[6]]
        deep, best = row["deep"]["neurons"], row["shallow"]["output-bias"]["lower"]
        want = "linear" if deep == 0 else "deep" if deep < best else (
            "shallow" if best < deep else "equal")
        assert cells[6] == want
    # 4(n - 1) < 2^n - 1 from n = 4 on; n = 1 is linear
    assert "from <span class=\"math inline\">n = 4</span> on" in section
    # a gap is a range, a missing construction a question mark; markup is escaped
    (gap,) = table_rows(section, "chain&lt;b&gt;")
    assert gap[:4] == ["x1*x2 + x2*x3 &lt;i&gt;", "3", "4–5", "3–?"] and gap[6] == "open"
    assert "<b>" not in section and "<i>" not in section


def test_depth_section_without_comparisons_names_the_command(report_sample):
    data = report_data(report_sample.claims(), {})
    assert data.extra["depth"]["families"] == []
    assert "depth-width" not in [f.name for f in make_figures(data)]
    section = depth_section(render_html(data))
    assert f"<code>{DEPTH_COMMAND}</code>" in section and "<table" not in section
    assert r"\texttt{" + escape_tex(DEPTH_COMMAND) + "}" in render_latex(data)


def test_the_named_command_fills_the_section(tmp_path, capsys, report_sample):
    """The command the empty section prints, run on a store, gives the rows it then shows;
    they equal what the store holds."""
    from symflat.cli import main
    from symflat.verify.store import Store

    store = tmp_path / "s.sqlite"
    assert main([*DEPTH_COMMAND.split()[1:], "--max-vars", "4", "--store", str(store)]) == 0
    capsys.readouterr()
    with Store(store) as opened:
        # in the order the jobs finished (they run in parallel): sorted by n here
        records = sorted(opened.records("compare", latest=True), key=lambda r: r.payload["n"])
    rows = compare_rows(records)
    assert [(r["polynomial"], r["n"]) for r in rows] == [
        ("x1", 1), ("x1*x2", 2), ("x1*x2*x3", 3), ("x1*x2*x3*x4", 4)]
    for row, record in zip(rows, records, strict=True):
        assert row["shallow"] == record.payload["shallow"]
        assert row["deep"] == record.payload["deep"]
    view = depth_view(rows)
    (family,) = view["families"]
    assert [r["cells"][3] for r in family["rows"]] == ["0", "4", "8", "12"]
    assert [r["cells"][-1] for r in family["rows"]] == ["linear", "shallow", "shallow", "deep"]
    # "Smallest deep networks": the depth-2 bounds the sweep stored (shipped certificates)
    deep2 = deep2_view(rows)
    assert [r["polynomial"] for r in deep2["rows"]] == ["x1*x2", "x1*x2*x3", "x1*x2*x3*x4"]
    assert deep2["rows"][0]["cells"][3:] == ["5 (3+2)", "4 (3+1)", "4"]
    for row, stored in zip(deep2["rows"], rows[1:], strict=True):
        for cell, model in zip(row["cells"][3:5], ("no-bias", "output-bias")):
            assert cell.startswith(str(stored["depth2"][model]["lower"]))
    data = report_data(report_sample.claims()[:1], {}, compare_rows=rows)
    figures = make_figures(data)
    assert "deep2-width" in [f.name for f in figures]
    html = render_html(data, figures=figures)
    start = html.index('<section class="block" id="deep2">')
    section = html[start:html.index("</section>", start)]
    assert "5 (3+2)" in section and "New here" in section and 'id="fig-deep2-width"' in section
    # the sweep drew the verified depth-2 networks; the section embeds the first four
    assert section.count('class="symflat-network"') == 4
    assert "A smallest depth-2 network for x1*x2 (output-bias)" in section
    assert "A verified depth-2 network for x1*x2*x3 (output-bias)" in section
    assert "8 hidden neurons (split 7 + 1), at least 5 needed" in section
    assert "Smallest deep networks" in render_latex(data, figures=figures)


@pytest.mark.parametrize("fmt", ["html", "latex"])
def test_quadratic_families_get_the_closed_form_columns(report_sample, fmt):
    from types import SimpleNamespace as R

    payloads = [{"polynomial": p, "model": m, "lower": low, "upper": low, "exact": True,
                 "variables": [f"x{i}" for i in range(1, n + 1)], "families": ["ring"],
                 "quadratic": {"rank": low - extra, "width": low, "case": "quadratic form"}}
                for p, n, low, m, extra in [
                    ("x1*x2 + x1*x4 + x2*x3 + x3*x4", 4, 4, "no-bias", 2),
                    ("x1*x2 + x1*x3 + x2*x3", 3, 5, "no-bias", 2),
                    ("x1*x2 + x1*x3 + x2*x3", 3, 4, "output-bias", 1)]]
    rows = width_rows([R(kind="sweep", payload=p) for p in payloads])
    data = report_data(report_sample.claims()[:1], {}, width_rows=rows)
    (table,) = data.width
    assert table["columns"][-3:] == ["n", "rank r", "closed form"]
    # sorted by n, then polynomial and model
    assert [(r[0], r[1], r[-3], r[-2], r[-1]) for r in table["rows"]] == [
        ("x1*x2 + x1*x3 + x2*x3", "no-bias", "3", "3", "5"),
        ("x1*x2 + x1*x3 + x2*x3", "output-bias", "3", "3", "4"),
        ("x1*x2 + x1*x4 + x2*x3 + x3*x4", "no-bias", "4", "2", "4")]
    figures = make_figures(data)
    quadratic = next(f for f in figures if f.name == "width-quadratic")
    assert quadratic.data["series"]["ring"]["no-bias"] == [(3, 5, 5, 5), (4, 4, 4, 4)]
    text = render_html(data, figures=figures) if fmt == "html" else render_latex(data)
    assert "closed form" in text and "rank" in text
