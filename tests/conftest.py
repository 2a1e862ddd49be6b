"""Fixtures shared by every test folder: the paper's catalog, a checker runner, a view of the
processes a test starts (workers, parents killed on purpose), and an offline browser."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from symflat.verify.checks import run_check
from symflat.verify.claims import Claim, Verdict
from symflat.verify.runner import load_catalog

#: The system chromium the browser tests drive, and how: offline, no GPU, nothing in the
#: background (host names resolve to nothing, so even a stray request cannot leave).
CHROMIUM = os.environ.get("SYMFLAT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND"]
#: Where browser tests leave their screenshots (not committed).
ARTIFACTS = Path(__file__).resolve().parents[1] / "reports" / "build" / "test-artifacts"


@pytest.fixture(scope="session")
def catalog() -> dict[str, Claim]:
    """The catalog's claims by id (read once, checked against the registry)."""
    return {claim.id: claim for claim in load_catalog()}


@pytest.fixture(scope="session")
def check(catalog: dict[str, Claim]) -> Callable[..., Verdict]:
    """``check(claim_id, **parameters)``: run a catalog claim's checker, with some parameters
    changed when given (a deliberately edited spec)."""

    def run(claim_id: str, **parameters: object) -> Verdict:
        claim = catalog[claim_id]
        if parameters:
            claim = dataclasses.replace(claim, parameters={**claim.parameters, **parameters},
                                        spec_hash="altered")
        return run_check(claim)

    return run


class Processes:
    """What ``/proc`` says about processes (Linux): a parent's children, whether one lives."""

    @staticmethod
    def children(pid: int) -> set[int]:
        """The process ids whose parent is ``pid``."""
        found = set()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.add(int(entry.name))
        return found

    @staticmethod
    def alive(pid: int) -> bool:
        """Whether ``pid`` runs (a zombie does not)."""
        try:
            state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        return state != "Z"


@pytest.fixture
def processes() -> type[Processes]:
    """:class:`Processes`: children and liveness of processes, read from ``/proc``."""
    return Processes


@pytest.fixture(scope="session")
def offline_browser():
    """Debian's headless chromium driven by playwright, for pages that must work offline.

    Never ``playwright install`` (the machines are offline): the system chromium is launched,
    with every host name resolving to nothing; tests also abort every non-file request
    (:func:`open_offline`). Skips cleanly without playwright or chromium.
    """
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if path is None:
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_offline(offline_browser):
    """``open_offline(url, width=, height=)``: a fresh page at ``url`` with every request but
    ``file:``/``data:`` aborted; returns the page and the URLs it tried to fetch elsewhere
    (a test asserts that list empty). The pages are closed after the test."""
    contexts = []

    def open_page(url: str, *, width: int = 1280, height: int = 900):
        context = offline_browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        external: list[str] = []

        def route(request_route):
            if request_route.request.url.startswith(("file:", "data:")):
                request_route.continue_()
            else:
                external.append(request_route.request.url)
                request_route.abort()

        page.route("**/*", route)
        page.goto(url)
        return page, external

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where browser tests leave their screenshots (``reports/build/test-artifacts``, not
    committed)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


# For one network drawing in the page: texts outside the canvas, node labels outside their
# shape, raw notation (``**``, a literal ``\n``, TeX), weights covered by a node or a text,
# and the size it is drawn at.
_MEASURE_DRAWING = """svg => {
    svg.scrollIntoView({block: 'center', behavior: 'instant'});  // the page scrolls smoothly
    const [vx, vy, vw, vh] = svg.getAttribute('viewBox').split(' ').map(Number);
    const outside = [], spilled = [], raw = [], hidden = [];
    for (const t of svg.querySelectorAll('text')) {
        const b = t.getBBox();
        if (b.width <= 0 || b.x < vx || b.y < vy || b.x + b.width > vx + vw
            || b.y + b.height > vy + vh) outside.push(t.textContent);
        if (/\\*\\*|\\\\n|\\\\frac|\\$/.test(t.textContent)) raw.push(t.textContent);
        const shape = t.parentNode.querySelector(':scope > rect, :scope > ellipse');
        if (shape) {
            const s = shape.getBBox();
            if (b.x < s.x - 1 || b.x + b.width > s.x + s.width + 1) spilled.push(t.textContent);
        }
    }
    for (const t of svg.querySelectorAll('text.weight')) {
        const r = t.getBoundingClientRect();
        const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        if (top !== t) hidden.push(t.textContent);
    }
    const box = svg.getBoundingClientRect();
    return {outside, spilled, raw, hidden, texts: svg.querySelectorAll('text').length,
            width: box.width, height: box.height, ratio: vw / vh,
            figure: svg.closest('.figure') ? svg.closest('.figure').id : null,
            place: (svg.closest('article, section') || {id: null}).id};
}"""


@pytest.fixture(scope="session")
def measure_drawing():
    """``measure_drawing(page, svg)``: what a browser finds wrong with a network drawing
    (texts outside the canvas, labels outside their node, raw notation, covered weights), its
    text count, drawn size and where in the page it sits."""
    return lambda page, svg: page.evaluate(_MEASURE_DRAWING, svg)
