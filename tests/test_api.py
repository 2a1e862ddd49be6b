"""The Python API at the top of the package: one function per command, same options and
defaults, values returned; the callable packages keep working as packages."""

from __future__ import annotations

import inspect

import pytest

import symflat
from symflat.errors import SymflatError
from symflat.width import minimal_width


def test_packages_are_callable_and_still_packages():
    import symflat.width.lower as lower

    assert lower.__name__ == "symflat.width.lower"
    assert symflat.width.lower is lower
    assert inspect.signature(symflat.width) == inspect.signature(minimal_width)
    from symflat.verify.runner import verify

    assert inspect.signature(symflat.verify) == inspect.signature(verify)


def test_width_reads_strings_like_the_command():
    result = symflat.width("x1*x2*x3", model="output-bias", timeout=30)
    assert (result.lower, result.upper, result.exact) == (7, 7, True)
    assert "<table>" in result._repr_html_() and "exact" in result._repr_html_()


@pytest.mark.parametrize("kwargs, message", [
    ({"poly": "x1 +* 2"}, "position"), ({"poly": "1/2*x1", "model": "bias"}, "unknown model"),
    ({"poly": "x1", "grid": 9}, "grid"), ({"poly": "x1", "timeout": float("nan")}, "timeout"),
    ({"poly": "+".join(f"x{i}^3" for i in range(1, 12))}, "at most 10"),
    ({"poly": "+".join(f"x{i}^2" for i in range(1, 102))}, "100")])
def test_width_mistakes_are_symflat_errors(kwargs, message):
    with pytest.raises(SymflatError, match=message):
        symflat.width(**kwargs)


def test_verify_returns_verdicts_with_their_fields(tmp_path):
    result = symflat.verify(["eq11", "eq28"], store=tmp_path / "s.sqlite")
    assert [(v.id, v.status) for v in result] == [("eq11", "verified"), ("eq28", "refuted")]
    assert result[1].corrected and result[1].evidence == result.verdicts["eq28"].evidence
    html = result._repr_html_()
    assert html.count("<tr>") == 3 and "refuted</span>" in html and "**" not in html


def test_network_is_the_gallery():
    assert symflat.network("deep_product", 4).neuron_count == 4 * 3
    with pytest.raises(SymflatError, match="smaller n"):
        symflat.network("flat_product", 40)


def test_sweep_returns_rows(tmp_path):
    rows = symflat.sweep("monomials", max_degree=2, max_vars=1, store=tmp_path / "s.sqlite")
    assert [(r.polynomial, r.model, r.upper) for r in rows] == [
        ("x1", "no-bias", 2), ("x1", "output-bias", 1),
        ("x1**2", "no-bias", 3), ("x1**2", "output-bias", 2)]


def test_sweep_and_report_display_and_accept_plain_arguments(tmp_path):
    rows = symflat.sweep("powers", max_degree=3, store=tmp_path / "s.sqlite")
    html = rows._repr_html_()
    assert html.count("<tr>") == len(rows) + 1 and "$x_{1}^{3}$" in html
    run = symflat.report("html", out=tmp_path / "out", claims=["eq12"],
                         store=tmp_path / "s.sqlite", figures=False)
    assert [p.name for p in run.files] == ["report.html"]


def test_every_result_has_a_short_repr_and_a_display(tmp_path):
    store = tmp_path / "s.sqlite"
    results = [symflat.width("x10*x2*x3", timeout=30),
               symflat.compare("x1*x2*x3"),
               symflat.compile("*".join(f"x{i}" for i in range(1, 12))),
               symflat.verify(["eq11", "eq28"], store=store),
               symflat.sweep("powers", max_degree=3, store=store),
               symflat.report("html", out=tmp_path / "out", claims=["eq12"], store=store,
                              figures=False)]
    verification = results[3]
    results += [verification[0], verification[0].verdict]
    for result in results:
        text = repr(result)
        assert "\n" not in text and len(text) < 160 and "**" not in text, text
        html = result._repr_html_()
        assert "**" not in html, type(result)
    assert repr(results[0]) == "WidthResult(x2*x3*x10, no-bias: 8 <= w <= 8, exact)"
    assert repr(verification).startswith("Verification(2 claims: 1 verified")
    assert repr(verification[1].verdict) == "Verdict('eq28', 'refuted for every n ≥ 1')"
    # the corrected statement is typeset by Jupyter, not shown as TeX source
    assert "Corrected statement: $\\prod_{i=1}^n" in verification[1].verdict._repr_html_()
    report = results[5]
    assert repr(report).startswith(f"ReportRun({tmp_path / 'out' / 'report.html'}: 1 claim, ")
    assert report.check_seconds + report.render_seconds == pytest.approx(report.seconds)
