"""The Python API of ``symflat report``: verify what the store lacks, then render.

:func:`report` reads the claims, takes their verdicts from the store (checking first, with
:func:`symflat.verify.runner.verify_claims`, those it lacks), gathers the stored width results
(:func:`width_rows`) and comparisons of depth against width (:func:`compare_rows`), and
renders the report with :func:`symflat.report.build_report`. The command line only prints
what it returns.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from symflat.display import badge
from symflat.exact.printing import counted
from symflat.report import build_report
from symflat.report.data import report_data
from symflat.report.render import require_tex
from symflat.verify.claims import default_proofs_dir, select_claims
from symflat.verify.runner import load_catalog, verify_claims
from symflat.verify.store import Store, open_store

__all__ = ["ReportRun", "compare_rows", "report", "width_rows"]


@dataclass(frozen=True)
class ReportRun:
    """What :func:`report` did.

    Attributes
    ----------
    files : tuple of Path
        Every file written (``report.html``, ``report.tex``, figures, ``report.pdf``).
    checked : int
        Claims checked now because the store had no verdict for them.
    counts : dict
        Number of claims per status.
    seconds : float
        Wall-clock time of the whole run.
    reach : dict
        How far the verified and sampled verdicts reach (``proved``, ``range``,
        ``instances``: :func:`symflat.report.data.reach_counts`).
    check_seconds : float
        The part of ``seconds`` spent reading the store and checking what it lacked; the
        rest is rendering.
    cached : bool
        The folder already held the render of this very store state: nothing was written.

    Examples
    --------
    >>> ReportRun((Path("out/report.html"),), 1, {"verified": 1}, 2.5, check_seconds=2.0)
    ReportRun(out/report.html: 1 claim, 1 checked now; 2.0 s checking, 0.5 s rendering)
    """

    files: tuple[Path, ...]
    checked: int
    counts: Mapping[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    reach: Mapping[str, int] = field(default_factory=dict)
    check_seconds: float = 0.0
    cached: bool = False

    @property
    def total(self) -> int:
        """Number of claims in the report."""
        return sum(self.counts.values())

    @property
    def render_seconds(self) -> float:
        """Wall-clock time spent rendering (the whole run less the checking)."""
        return max(0.0, self.seconds - self.check_seconds)

    def timing(self) -> str:
        """``2.0 s checking, 0.5 s rendering`` (or ``nothing rendered``: the files were current)."""
        rendering = "nothing rendered" if self.cached else f"{self.render_seconds:.1f} s rendering"
        return f"{self.check_seconds:.1f} s checking, {rendering}"

    def __repr__(self) -> str:
        reports = ", ".join(str(p) for p in self.files if p.name.startswith("report."))
        return (f"ReportRun({reports or 'no report'}: {counted(self.total, 'claim')}, "
                f"{self.checked} checked now; {self.timing()})")

    def _repr_html_(self) -> str:
        """The files written (linked), the verdicts counted, the time split."""
        links = ", ".join(f"<a href='{escape(p.as_uri() if p.is_absolute() else str(p))}'>"
                          f"{escape(p.name)}</a>" for p in self.files
                          if p.name.startswith("report."))
        counts = ", ".join(f"{n} {badge(status)}" for status, n in self.counts.items() if n)
        return (f"<p>Report {links or '(no file)'}: {escape(counted(self.total, 'claim'))} "
                f"({counts}); {self.checked} checked now; {escape(self.timing())}.</p>")


def width_rows(records: Iterable[Any]) -> list[dict[str, Any]]:
    """Minimal-width results from store records (``width`` or ``sweep`` kinds), as plain rows.

    A payload is a width result (a mapping with ``lower``, as printed by ``symflat width
    --json``) or holds a list of them under ``results`` or ``rows``. A result shared by several
    sweep families (``families``) gives one row per family; ``n`` is its number of variables,
    ``quadratic`` the quadratic theorem's closed form when the sweep stored it.

    Examples
    --------
    >>> from types import SimpleNamespace as R
    >>> width_rows([R(kind="width", payload={"polynomial": "x1*x2", "model": "no-bias",
    ...                                      "lower": 4, "upper": 4, "exact": True})])
    [{'family': 'width', 'polynomial': 'x1*x2', 'model': 'no-bias', 'lower': 4, 'upper': 4, \
'exact': True, 'n': None, 'quadratic': None, 'representable': True}]
    """
    rows: list[dict[str, Any]] = []

    def take(payload: Any, family: str) -> None:
        if isinstance(payload, Mapping):
            if "lower" in payload and "polynomial" in payload:
                variables = payload.get("variables")
                row = {
                    "polynomial": str(payload["polynomial"]),
                    "model": str(payload.get("model", "")),
                    "lower": payload.get("lower"),
                    "upper": payload.get("upper"),
                    "exact": payload.get("exact"),
                    "n": len(variables) if isinstance(variables, list) else None,
                    "quadratic": payload.get("quadratic"),
                    "representable": payload.get("representable", True) is not False,
                }
                names = payload.get("families") or [payload.get("family") or family]
                rows.extend({"family": str(name), **row} for name in names)
                return
            for name in ("results", "rows"):
                if isinstance(payload.get(name), list):
                    inner = str(payload.get("family") or family)
                    for item in payload[name]:
                        take(item, inner)
        elif isinstance(payload, list):
            for item in payload:
                take(item, family)

    for record in records:
        take(getattr(record, "payload", None), str(getattr(record, "kind", "width")))
    seen, unique = set(), []
    for row in rows:
        key = (row["family"], row["polynomial"], row["model"])
        if key in seen:
            continue
        seen.add(key)
        unique.append(row)
    return unique


def compare_rows(records: Iterable[Any]) -> list[dict[str, Any]]:
    """Comparisons of depth against width from store records (kind ``compare``, written by
    ``symflat sweep --compare``), as plain rows: one per family the polynomial was swept in.

    Examples
    --------
    >>> from types import SimpleNamespace as R
    >>> shallow = {"lower": 2, "upper": 2, "exact": True}
    >>> compare_rows([R(payload={"family": "powers", "polynomial": "x1", "n": 1,
    ...     "shallow": {"no-bias": shallow, "output-bias": shallow},
    ...     "deep": {"neurons": 0, "depth": 0, "synapses": 1}})])[0]["deep"]
    {'neurons': 0, 'depth': 0, 'synapses': 1}
    """
    rows, seen = [], set()
    for record in records:
        payload = getattr(record, "payload", None)
        if not isinstance(payload, Mapping) or not {"shallow", "deep", "n"} <= set(payload):
            continue
        for family in payload.get("families") or [payload.get("family") or "compare"]:
            key = (str(family), str(payload.get("polynomial")))
            if key in seen:
                continue
            seen.add(key)
            rows.append({"family": key[0], "polynomial": key[1], "n": payload["n"],
                         "degree": payload.get("degree"),
                         "shallow": dict(payload["shallow"]), "deep": dict(payload["deep"]),
                         "depth2": dict(payload.get("depth2") or {})})
    return rows


def report(
    format: str | Sequence[str] = "html",
    out: str | os.PathLike = Path("reports") / "build",
    claims: Sequence[str] = (),
    proofs: str | os.PathLike | None = None,
    store: Store | str | os.PathLike | None = None,
    *,
    jobs: int = 1,
    figures: bool = True,
    graph_layout: str = "auto",
) -> ReportRun:
    """Render the report of ``claims`` (all by default) into the folder ``out``.

    Parameters
    ----------
    format : {"html", "latex", "pdf", "all"} or a sequence of them
        What to write, as ``symflat report --format``.
    out : path
        The output folder (created if needed).
    claims : sequence of str
        Claim ids (every claim of the catalog, or of ``proofs``, when empty).
    proofs : path, optional
        A folder of claim files (the paper's catalog by default).
    store : Store or path, optional
        Verdicts (with the figure data the checkers stored) and width results are read from
        it; the verdicts it lacks are computed and written to it.
    jobs : int
        Worker processes for the claims that must be checked first (0: one per CPU).
    figures : bool
        Draw the figures.
    graph_layout : {"auto", "dot", "builtin"}
        Layout of the dependency graph.

    Raises
    ------
    ReportError
        A PDF asked for without TeX (before any work), a LaTeX failure.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:
    ...     run = report(out=out, claims=["eq12"], figures=False)
    ...     [p.name for p in run.files], run.checked, run.counts["verified"]
    (['report.html'], 1, 1)
    """
    started = time.perf_counter()
    formats = (format,) if isinstance(format, str) else tuple(format)
    if "pdf" in formats or "all" in formats:
        require_tex()  # before any claim is checked
    chosen = select_claims(load_catalog(proofs), list(claims))
    with open_store(store) as opened:
        outcomes = verify_claims(chosen, opened, jobs=jobs)
        rows = [] if opened is None else width_rows(
            opened.records("width", latest=True) + opened.records("sweep", latest=True))
        compared = [] if opened is None else compare_rows(opened.records("compare",
                                                                         latest=True))
        where = "" if opened is None else str(opened.path)
    check_seconds = time.perf_counter() - started
    data = report_data([o.claim for o in outcomes], outcomes.verdicts, width_rows=rows,
                       compare_rows=compared,
                       proofs=str(proofs if proofs else default_proofs_dir()), store=where)
    result = build_report(data, out, formats, figures=figures, graph_engine=graph_layout)
    return ReportRun(tuple(result.files), outcomes.checked, dict(data.counts),
                     time.perf_counter() - started, dict(data.reach), check_seconds,
                     cached=result.cached)
