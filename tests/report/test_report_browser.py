"""The HTML report in a real browser: playwright driving Debian's chromium (installed by .ci/run).

Never ``playwright install``: the machines are offline; the system chromium is launched (the
``offline_browser`` fixture of tests/conftest.py). Screenshots are saved under
reports/build/test-artifacts/ (not committed).
"""

from __future__ import annotations

import pytest

from symflat.report import build_report


@pytest.fixture(scope="module")
def report(tmp_path_factory, report_sample):
    out = tmp_path_factory.mktemp("report")
    data = report_sample.data()
    build_report(data, out, formats=("html",))
    return data, out / "report.html"


@pytest.fixture
def page(offline_browser, report):
    """The report opened in a fresh page; every non-file, non-data request fails the test."""
    _, html = report
    context = offline_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    external: list[str] = []

    def route(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            external.append(url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:"))
            else external.append(r.url))
    page.goto(html.as_uri())
    page.wait_for_function("document.documentElement.classList.contains('math-ready')",
                           timeout=20000)
    page.evaluate("document.fonts.ready")
    yield page
    assert not external, f"network requests: {external}"
    assert not problems, problems
    context.close()


def test_loads_offline_without_errors_and_every_claim_is_there(page, report, artifacts):
    data, _ = report
    for record in data.claims:
        found = page.evaluate(
            "a => { const e = document.getElementById(a); return e && e.tagName }",
            record["anchor"])
        assert found == "ARTICLE", record["id"]
        assert page.evaluate(
            "a => document.getElementById(a).dataset.status", record["anchor"]
        ) == record["status"]
    # one row per claim, under one heading row per section of the paper
    assert page.locator("table.summary tbody tr[data-claim]").count() == data.total
    assert page.locator("table.summary tbody tr.section-row").count() == len(data.sections)
    page.screenshot(path=str(artifacts / "report.png"), full_page=True)
    page.screenshot(path=str(artifacts / "report-top.png"))


def test_math_is_typeset_with_nonzero_size(page):
    total = page.locator(".math").count()
    assert total > 50  # the paper's formulas
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll('.math')).map(e => {
        const k = e.querySelector('.katex');
        if (!k) return [e.textContent, 0, 0, false];
        const r = k.getBoundingClientRect();
        return [e.textContent.slice(0, 40), r.width, r.height,
                !!k.querySelector('.katex-error')];
    })""")
    for text, width, height, error in sizes:
        assert width > 0 and height > 0, text
        assert not error, text
    # KaTeX's own fonts (inlined) are what the formulas use
    assert page.evaluate("document.fonts.check('12px KaTeX_Main')")


def test_dependency_graph_links_navigate(page, report, artifacts):
    data, _ = report
    target = data.by_id("eq13")
    page.locator('svg.depgraph a[data-claim="eq13"]').click()
    page.wait_for_function("location.hash === '#claim-eq13'")
    page.wait_for_function("""() => {
        const r = document.getElementById('claim-eq13').getBoundingClientRect();
        return r.top >= -1 && r.top < window.innerHeight;
    }""", timeout=5000)
    assert page.evaluate("document.querySelector(':target').id") == target["anchor"]
    # a node of a hostile id links to its (escaped) anchor too
    hostile = data.by_id("x<script>")
    page.locator("svg.depgraph a").filter(has_text="x<script>").click()
    page.wait_for_function("h => location.hash === '#' + h", arg=hostile["anchor"])
    page.screenshot(path=str(artifacts / "report-after-graph-click.png"))


def test_hostile_text_is_shown_never_run(page, report):
    data, _ = report
    assert page.evaluate("window.__xss === undefined")
    assert page.locator("script").count() == 2
    assert page.locator("img").count() == 0
    article = page.locator("id=" + data.by_id("x<script>")["anchor"])
    assert "<script>window.__xss = 1</script>" in article.locator("header h3").inner_text()
    assert "\\input{/etc/passwd}" in article.locator(".statement").inner_text()
    assert "<img src=x onerror=window.__xss=3>" in article.inner_text()
    passwd = page.locator("#claim-passwd")
    assert passwd.locator("code.tex-source").count() >= 3
    assert "root:" not in page.content()


def test_network_drawings_read_in_their_sections(page, report, artifacts, measure_drawing):
    data, _ = report
    drawings = page.locator("svg.symflat-network")
    assert drawings.count() == 6  # eq11, eq32, deep-4n, the hostile claim, 2 depth-2 networks
    places = []
    for i in range(drawings.count()):
        found = measure_drawing(page, drawings.nth(i).element_handle())
        assert found["texts"] > 5, found
        assert found["outside"] == [] and found["spilled"] == [] and found["raw"] == [], found
        assert found["hidden"] == [], found
        # drawn at a readable size, its proportions kept
        assert found["width"] > 150 and abs(found["width"] / found["height"] - found["ratio"]) \
            < 0.05 * found["ratio"], found
        places.append(found["place"])
        drawings.nth(i).screenshot(path=str(artifacts / f"report-{found['figure']}.png"))
    claims = {data.by_id(i)["anchor"] for i in ("eq11", "eq32", "deep-4n", "x<script>")}
    assert set(places) == claims | {"deep2"} and places.count("deep2") == 2
    assert page.evaluate("window.__xss === undefined")
