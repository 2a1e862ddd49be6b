"""The documentation in a real browser with the network off: every formula typeset by the KaTeX
copy the docs ship, no raw TeX, ``**`` or literal ``\\n`` where a reader looks.

The built tree ``docs/_build/html`` is used when its tested pages are newer than every source
of the docs and of symflat (CI builds it, with the command README.md names, before the tests);
otherwise the docs are built once for the session (a minute or two: the notebooks are
executed).
Skips cleanly without Sphinx (``pip install ".[docs]"``), playwright or chromium.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BUILT = DOCS / "_build" / "html"
PAGES = ["index.html", "tutorial.html", "deep-vs-width.html", "_generated/claims.html"]

# Text a reader sees in the article (not code, not the formulas' own MathML/TeX, not tooltips),
# the executed outputs, every .math element that is not typeset, and the network drawings.
READ = """() => {
    const article = document.querySelector('article') || document.body;
    const texts = [];
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (!node.parentElement.closest('pre, code, .katex, script, style, title')) {
            texts.push(node.nodeValue);
        }
    }
    const untypeset = Array.from(document.querySelectorAll('.math'))
        .filter(e => !e.querySelector('.katex') || e.querySelector('.katex-error'))
        .map(e => e.textContent.slice(0, 60));
    const outputs = Array.from(document.querySelectorAll('.cell_output'))
        .map(e => e.innerText).join(' ');
    return {text: texts.join(' '), outputs, maths: document.querySelectorAll('.math').length,
            untypeset, drawings: document.querySelectorAll('svg.symflat-network').length,
            katex_font: document.fonts.check('12px KaTeX_Main')};
}"""


def _newest_source() -> float:
    sources = [*DOCS.glob("*.md"), *DOCS.glob("*.py"), *DOCS.glob("_ext/*"),
               *DOCS.glob("_static/*"), *(ROOT / "symflat").rglob("*.py"),
               *(ROOT / "symflat" / "report" / "static").rglob("*"), *(ROOT / "proofs").rglob("*")]
    return max(path.stat().st_mtime for path in sources)


@pytest.fixture(scope="session")
def docs_html(tmp_path_factory) -> Path:
    # Every tested page written after the last change of any source (an incremental build
    # that skipped a page may have kept outputs of older code).
    pages = [BUILT / name for name in PAGES]
    if all(p.is_file() for p in pages) and min(
            p.stat().st_mtime for p in pages) >= _newest_source():
        return BUILT
    pytest.importorskip("sphinx", reason='the docs need pip install ".[docs]"')
    pytest.importorskip("myst_nb", reason='the docs need pip install ".[docs]"')
    out = tmp_path_factory.mktemp("docs-html")
    done = subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html",
                           str(DOCS), str(out)], capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@pytest.mark.parametrize("name", PAGES)
def test_docs_page_reads_offline(open_offline, artifacts, docs_html, name):
    page, external = open_offline((docs_html / name).as_uri())
    page.wait_for_function("document.documentElement.classList.contains('math-ready')",
                           timeout=30000)
    page.evaluate("document.fonts.ready")
    found = page.evaluate(READ)
    assert not external, external
    assert found["untypeset"] == []
    for raw in ("\\frac", "\\lambda", "\\sigma", "$", "**", "\\n"):
        assert raw not in found["text"], raw
    # Executed outputs, plain text included: no Python powers, no escaped newlines.
    assert "**" not in found["outputs"] and "\\n" not in found["outputs"]
    if name in ("tutorial.html", "_generated/claims.html"):
        assert found["maths"] > 5 and found["katex_font"]
    if name in ("tutorial.html", "deep-vs-width.html"):
        assert found["drawings"] >= 1
    page.screenshot(path=str(artifacts / f"docs-{name.replace('/', '-')}.png"), full_page=True)
