"""What a report shows, as plain data: claims with their verdicts, counts, width tables.

The templates see only plain dicts and lists built here, never store rows or checker objects,
so the HTML and LaTeX templates stay simple and the same for both. :func:`claim_record` turns
a claim and its verdict (:class:`~symflat.verify.claims.Claim` / :class:`~.Verdict`, or
mappings with the same fields, e.g. rows of ``symflat verify --json``) into one record:

``id, anchor, title, status, scope (kind, detail, count, generator; None without a
verdict), scope_text ("for all n", "for n = 2..8", "on all 50 seeded Markov chains"), label
(the verdict with its scope), statement, statement_segments, where, section, equation,
page_text, hypotheses (list of segment lists), checker, convention, parameters, notes,
evidence, evidence_segments, details (segment lists), certificate, corrected, corrected_segments,
numerical, depends_on, dependents, seconds, source, figure_data``

``figure_data`` is what the checker stored for the report's figures and tables (the
certificate's ``FIGURE_DATA`` entry, which is not displayed with the certificate).
:func:`report_data` gathers the records (adding ``dependents``), the verdict counts, the width
tables and the figure data (:func:`figure_data`, :func:`section3_data`) into a
:class:`ReportData`. Nothing here computes: every number comes from the verdicts and the store.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from symflat.report.depgraph import anchor_for
from symflat.report.texmath import Segment, prose_segments, split_statement
from symflat.report.views import deep2_view, depth_view
from symflat.verify.checks import FIGURE_DATA
from symflat.verify.scope import Scope, verdict_label

__all__ = [
    "STATUS_ORDER",
    "STATUS_TEXT",
    "ReportData",
    "claim_record",
    "reach_counts",
    "section_groups",
    "PAPER_SECTIONS",
    "figure_data",
    "report_data",
    "section3_data",
    "width_tables",
]

#: Verdicts in the order the summary lists them; ``unchecked`` = no verdict available.
STATUS_ORDER = ("verified", "sampled", "refuted", "conditional", "inconclusive", "unchecked")

#: One-line meaning of each verdict (shown in the legend of both reports).
STATUS_TEXT = {
    "verified": "an exact proof (canonical forms, exact rationals or integers, rigorous bounds)"
                " for the scope beside it: every parameter, or the range named",
    "sampled": "holds exactly on every sampled instance (generator recorded); evidence, not a "
               "proof",
    "refuted": "false as printed; the exact discrepancy or a counterexample is given",
    "conditional": "true only under a hypothesis the paper does not state, which is named",
    "inconclusive": "nothing decisive yet: what was tried and what would decide it",
    "unchecked": "no verdict in the store",
}


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    """The first of ``names`` present on ``obj`` (a mapping or an object)."""
    for name in names:
        if isinstance(obj, Mapping):
            if name in obj and obj[name] is not None:
                return obj[name]
        elif getattr(obj, name, None) is not None:
            return getattr(obj, name)
    return default


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _value_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


def relative_path(path: str, folder: str) -> str:
    """``path`` relative to ``folder`` when it lies inside, else its last name: a report
    names no folder of the machine it was made on.

    Examples
    --------
    >>> relative_path("/home/me/proofs/06-products.toml", "/home/me/proofs")
    '06-products.toml'
    >>> relative_path("/elsewhere/mine.toml", "/home/me/proofs"), relative_path("<string>", "")
    ('mine.toml', '<string>')
    """
    if not path:
        return ""
    try:
        return Path(path).relative_to(folder).as_posix() if folder else Path(path).name
    except ValueError:
        return Path(path).name


def claim_record(claim: Any, verdict: Any = None) -> dict[str, Any]:
    """One claim and its verdict as the plain dict the templates use.

    Parameters
    ----------
    claim : Claim or mapping
        Needs ``id`` and ``statement``; the other fields are optional.
    verdict : Verdict or mapping, optional
        Its ``status``, ``evidence``, ``corrected``, ``numerical``, ``details``,
        ``certificate``, ``seconds``. Without one the status is ``unchecked``.

    Examples
    --------
    >>> r = claim_record({"id": "eq12", "statement": "$2^n$ terms", "section": "II.3.2",
    ...                   "equation": "12"}, {"status": "verified", "evidence": "counted"})
    >>> r["status"], r["where"], r["anchor"], [s.kind for s in r["statement_segments"]]
    ('verified', 'Eq. 12, Sec. II.3.2', 'claim-eq12', ['math', 'text'])
    >>> claim_record({"id": "x", "statement": "s"})["status"]
    'unchecked'
    """
    ident = _text(_get(claim, "id", "claim_id"))
    statement = _text(_get(claim, "statement", "statement_latex"))
    section = _text(_get(claim, "section"))
    equation = _text(_get(claim, "equation"))
    where = _get(claim, "where_text")
    if where is None:
        where_attr = _get(claim, "where")
        if callable(where_attr):
            where = where_attr()
        elif where_attr is not None:
            where = str(where_attr)
        elif equation:
            where = f"Eq. {equation}, Sec. {section}" if section else f"Eq. {equation}"
        else:
            where = f"Sec. {section}" if section else ""
    status = _text(_get(verdict, "status", default="unchecked")) if verdict is not None else (
        "unchecked")
    if status not in STATUS_ORDER:
        status = "unchecked"
    scope = _scope(verdict) if status != "unchecked" else None
    corrected = _get(verdict, "corrected") if verdict is not None else None
    certificate = _get(verdict, "certificate", default={}) if verdict is not None else {}
    if not isinstance(certificate, Mapping):
        certificate = {"value": certificate}
    figures = certificate.get(FIGURE_DATA) or {}
    certificate = {k: v for k, v in certificate.items() if k != FIGURE_DATA}
    parameters = _get(claim, "parameters", default={})
    if not isinstance(parameters, Mapping):
        parameters = {}
    hypotheses = [_text(h) for h in _get(claim, "hypotheses", default=()) or ()]
    depends = [_text(d) for d in _get(claim, "depends_on", "depends", default=()) or ()]
    details = _get(verdict, "details", default=()) if verdict is not None else ()
    if isinstance(details, str):
        details = [details]
    return {
        "id": ident,
        "anchor": anchor_for(ident),
        "title": _text(_get(claim, "title")) or ident,
        "status": status,
        "scope": scope.to_dict() if scope is not None else None,
        "scope_text": scope.text() if scope is not None else "",
        "label": _label(status, scope),
        "statement": statement,
        "statement_segments": split_statement(statement) if statement else [],
        "where": _text(where),
        "section": section,
        "equation": equation,
        "page_text": _text(_get(claim, "page_text")),
        "hypotheses": [split_statement(h, display=False) for h in hypotheses],
        "hypotheses_text": hypotheses,
        "checker": _text(_get(claim, "checker")),
        "convention": _text(_get(claim, "convention")),
        "parameters": [(str(k), _value_text(v)) for k, v in parameters.items()],
        "notes": _text(_get(claim, "notes")),
        "evidence": _text(_get(verdict, "evidence")) if verdict is not None else "",
        "evidence_segments": (prose_segments(_text(_get(verdict, "evidence")))
                              if verdict is not None else []),
        "details": [prose_segments(_text(d)) for d in details],
        "certificate": [(str(k), _value_text(v)) for k, v in certificate.items()],
        "corrected": _text(corrected) if corrected else "",
        "corrected_segments": split_statement(str(corrected)) if corrected else [],
        "numerical": bool(_get(verdict, "numerical", default=False)) if verdict else False,
        "depends_on": depends,
        "dependents": [],
        "seconds": float(_get(verdict, "seconds", default=0.0) or 0.0) if verdict else 0.0,
        "source": _text(_get(claim, "source")),
        "figure_data": dict(figures) if isinstance(figures, Mapping) else {},
    }


def _scope(verdict: Any) -> Scope | None:
    """The verdict's scope (a :class:`Scope` or its dict), None when it has none."""
    scope = _get(verdict, "scope")
    if isinstance(scope, Scope) or scope is None:
        return scope
    try:
        return Scope.from_dict(scope)
    except (KeyError, TypeError, ValueError):
        return None


def _label(status: str, scope: Scope | None) -> str:
    """The verdict with its scope, as the command line prints it."""
    return verdict_label(status, scope) if status != "unchecked" else status


def reach_counts(records: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """How far the verified and sampled verdicts reach: ``proved`` (verified for every
    parameter), ``range`` (verified for a named range), ``instances`` (sampled: never a proof).

    Examples
    --------
    >>> reach_counts([{"status": "verified", "scope": {"kind": "all"}},
    ...               {"status": "sampled", "scope": {"kind": "instances"}},
    ...               {"status": "refuted", "scope": {"kind": "all"}}])
    {'proved': 1, 'range': 0, 'instances': 1}
    """
    counts = {"proved": 0, "range": 0, "instances": 0}
    names = {"all": "proved", "range": "range", "instances": "instances"}
    for record in records:
        kind = (record.get("scope") or {}).get("kind")
        if record.get("status") in ("verified", "sampled") and kind in names:
            counts[names[kind]] += 1
    return counts


#: The paper's sections, in its order, with their printed titles (the report groups the
#: claims under them; a claim of another section goes after them, sorted by name).
PAPER_SECTIONS = {
    "I": "Introduction",
    "I.1": "The swindle: why does “cheap learning” work?",
    "II": "Expressibility and efficiency of shallow neural networks",
    "II.1": "Probabilities and Hamiltonians",
    "II.2": "Bayes theorem as a softmax",
    "II.3": "What Hamiltonians can be approximated by feasible neural networks?",
    "II.3.1": "Continuous input variables",
    "II.3.2": "Discrete input variables",
    "II.4": "What Hamiltonians do we want to approximate?",
    "II.4.1": "Low polynomial order",
    "II.4.2": "Locality",
    "II.4.3": "Symmetry",
    "III": "Why deep?",
    "III.1": "Hierarchical processes",
    "III.2": "Resolving the swindle",
    "III.3": "Sufficient statistics and hierarchies",
    "III.4": "Approximate information distillation",
    "III.5": "Distillation and renormalization",
    "III.6": "No-flattening theorems",
    "III.7": "Linear no-flattening theorems",
    "III.8": "A polynomial no-flattening theorem",
    "IV": "Conclusions",
    "A": "Appendix A: The polynomial no-flattening theorem",
    "A.1": "Proof that 2^n neurons are sufficient",
}


def section_groups(records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The records grouped by the paper's section, in the paper's order, each group with its
    title, anchor and :func:`reach_counts`.

    Examples
    --------
    >>> groups = section_groups([{"id": "b", "section": "III.3"}, {"id": "a", "section": "II.1"},
    ...                          {"id": "c", "section": "mine"}, {"id": "d", "section": "II.1"}])
    >>> [(g["section"], g["title"], [r["id"] for r in g["claims"]]) for g in groups]
    [('II.1', 'Probabilities and Hamiltonians', ['a', 'd']), ('III.3', 'Sufficient statistics \
and hierarchies', ['b']), ('mine', '', ['c'])]
    """
    order = {name: i for i, name in enumerate(PAPER_SECTIONS)}
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for record in records:
        groups.setdefault(_text(record.get("section")), []).append(record)
    names = sorted(groups, key=lambda name: (order.get(name, len(order)), name))
    return [{"section": name, "title": PAPER_SECTIONS.get(name, ""),
             "anchor": "section-" + "".join(ch if ch.isalnum() else "-" for ch in name or "none"),
             "claims": groups[name], "reach": reach_counts(groups[name])} for name in names]


@dataclass(frozen=True)
class ReportData:
    """Everything a template renders.

    Attributes
    ----------
    claims : tuple of dict
        :func:`claim_record` records, in catalog order, with ``dependents`` filled in.
    counts : dict
        Verdict -> number of claims (every status of :data:`STATUS_ORDER`).
    generated : str
        When the report was rendered (UTC, ISO 8601 to the minute).
    version : str
        The symflat version.
    proofs : str
        The name of the claims folder read (never its absolute path).
    store : str
        The file name of the store the verdicts came from.
    width : tuple of dict
        Width tables (``title``, ``columns``, ``rows``); empty when the store has none.
    width_rows : tuple of dict
        The width results as plain rows (for the width figure).
    reach : dict
        :func:`reach_counts`: proofs for every parameter, verified ranges, sampled checks.
    extra : dict
        Further results by name: ``figures`` (:func:`figure_data`) and ``section3``
        (:func:`section3_data`), both read from the verdicts, and ``depth``
        (:func:`symflat.report.views.depth_view` of the stored comparisons).
    """

    claims: tuple[dict[str, Any], ...]
    counts: Mapping[str, int]
    generated: str
    version: str
    proofs: str = ""
    store: str = ""
    width: tuple[dict[str, Any], ...] = ()
    width_rows: tuple[dict[str, Any], ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    reach: Mapping[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Number of claims."""
        return len(self.claims)

    @property
    def sections(self) -> list[dict[str, Any]]:
        """The claims grouped by the paper's section (:func:`section_groups`)."""
        return section_groups(self.claims)

    def by_id(self, ident: str) -> dict[str, Any]:
        """The record of one claim."""
        for record in self.claims:
            if record["id"] == ident:
                return record
        raise KeyError(ident)


def report_data(
    claims: Sequence[Any],
    verdicts: Mapping[str, Any] | Sequence[Any] = (),
    *,
    width_rows: Sequence[Mapping[str, Any]] = (),
    compare_rows: Sequence[Mapping[str, Any]] = (),
    proofs: str = "",
    store: str = "",
    generated: str | None = None,
) -> ReportData:
    """Gather claims, verdicts (by claim id, or a list of verdicts), width results and
    comparisons of depth against width (``compare_rows``, see
    :func:`symflat.report.api.compare_rows`).

    ``proofs`` (the claims folder) and ``store`` (the store file) are paths on this machine:
    the report keeps only their names, and each claim's source file relative to ``proofs``.

    The figure data stored with the verdicts is kept in ``extra``: ``figures`` (by figure)
    and ``section3`` (the Section III sections whose data is there).

    Examples
    --------
    >>> data = report_data([{"id": "a", "statement": "x"}, {"id": "b", "statement": "y",
    ...                      "depends": ["a"]}], {"a": {"status": "refuted", "evidence": "e"}})
    >>> data.counts["refuted"], data.counts["unchecked"], data.by_id("a")["dependents"]
    (1, 1, ['b'])
    """
    from symflat.version import __version__

    if not isinstance(verdicts, Mapping):
        verdicts = {_text(_get(v, "claim_id", "id")): v for v in verdicts}
    records = [claim_record(c, verdicts.get(_text(_get(c, "id", "claim_id")))) for c in claims]
    for record in records:
        record["source"] = relative_path(record["source"], proofs)
    index = {r["id"]: r for r in records}
    for record in records:
        for dep in record["depends_on"]:
            if dep in index and record["id"] not in index[dep]["dependents"]:
                index[dep]["dependents"].append(record["id"])
    counts = {status: 0 for status in STATUS_ORDER}
    for record in records:
        counts[record["status"]] += 1
    if generated is None:
        generated = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    rows = tuple(dict(r) for r in width_rows)
    return ReportData(
        claims=tuple(records),
        counts=counts,
        generated=generated,
        version=__version__,
        proofs=Path(proofs).name if proofs else "",
        store=Path(store).name if store else "",
        width=tuple(width_tables(rows)),
        width_rows=rows,
        extra={"figures": figure_data(records), "section3": section3_data(records),
               "depth": depth_view(compare_rows), "deep2": deep2_view(compare_rows)},
        reach=reach_counts(records),
    )


def figure_data(records: Sequence[Mapping[str, Any]]) -> dict[str, list[tuple[str, Any]]]:
    """The stored figure data of the records, by figure: ``(claim id, data)`` in claim order.

    Examples
    --------
    >>> figure_data([{"id": "a", "figure_data": {"bits": [1]}}, {"id": "b", "figure_data": {}}])
    {'bits': [('a', [1])]}
    """
    found: dict[str, list[tuple[str, Any]]] = {}
    for record in records:
        for name, value in (record.get("figure_data") or {}).items():
            found.setdefault(name, []).append((record["id"], value))
    return found


#: The order of the linear networks' families in the synapse figure and its text.
_FAMILY_ORDER = ("fft", "walsh_hadamard", "low_rank_k1")


def section3_data(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The Section III sections whose stored data the records hold (plain JSON values).

    ``linear`` needs the ``synapses`` rows and the ``sparse_cost`` data, ``matmul`` the
    ``matmul_linear`` and ``matmul_gates`` rows, ``markov`` the per-chain summary; the first
    claim holding a piece supplies it (synapse rows are merged over the claims, one per family
    and n).

    Examples
    --------
    >>> section3_data([{"id": "t2", "figure_data": {"markov": {"rows": []}}}])
    {'markov': {'rows': [], 'claim': 't2'}}
    """
    found = figure_data(records)
    out: dict[str, Any] = {}
    if "synapses" in found and "sparse_cost" in found:
        rows: dict[tuple[str, int], dict[str, Any]] = {}
        for _, part in found["synapses"]:
            for row in part:
                rows.setdefault((row["family"], row["n"]), row)
        order = {family: i for i, family in enumerate(_FAMILY_ORDER)}
        synapses = sorted(rows.values(), key=lambda r: (order.get(r["family"], len(order)),
                                                        r["family"], r["n"]))
        claim, sparse = found["sparse_cost"][0]
        out["linear"] = {"synapses": synapses, **sparse, "sparse_claim": claim}
    if "matmul_linear" in found and "matmul_gates" in found:
        out["matmul"] = {**found["matmul_linear"][0][1], **found["matmul_gates"][0][1]}
    if "markov" in found:
        claim, markov = found["markov"][0]
        out["markov"] = {**markov, "claim": claim}
    return out


def width_tables(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Group width results into one table per family (or one table), for the templates.

    Each row needs ``polynomial``, ``model``, ``lower``, ``upper``; ``family`` groups them. A
    family whose every row carries the quadratic theorem's closed form (``quadratic``, stored
    by the sweep: chains, rings, lattices) is sorted by ``n`` and gets the columns ``n``,
    ``rank r`` and ``closed form`` (r + 2 without a bias, r + 1 with one).

    Examples
    --------
    >>> t = width_tables([{"family": "monomials", "polynomial": "x1*x2", "model": "no-bias",
    ...                    "lower": 4, "upper": 4}])
    >>> t[0]["title"], t[0]["rows"][0]
    ('monomials', ['x1*x2', 'no-bias', '4', '4', 'yes'])
    >>> t = width_tables([{"family": "chain", "polynomial": "x1*x2", "model": "no-bias",
    ...                    "lower": 4, "upper": 4, "n": 2, "quadratic": {"rank": 2, "width": 4}}])
    >>> t[0]["columns"][-3:], t[0]["rows"][0][-3:]
    (['n', 'rank r', 'closed form'], ['2', '2', '4'])
    """
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault(_text(row.get("family")) or "width results", []).append(row)
    return [_width_table(title, members) for title, members in groups.items()]


def _width_table(title: str, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    closed = all(row.get("quadratic") and row.get("n") is not None for row in rows)
    if closed:
        rows = sorted(rows, key=lambda r: (r["n"], _text(r.get("polynomial")),
                                           _text(r.get("model"))))
    columns = ["polynomial", "model", "lower bound", "construction", "exact"]
    body = []
    for row in rows:
        upper = row.get("upper")
        lower = row.get("lower")
        exact = row.get("exact")
        if exact is None:
            exact = upper is not None and lower is not None and int(upper) == int(lower)
        cells = [_text(row.get("polynomial")), _text(row.get("model")), _text(lower),
                 "—" if upper is None else _text(upper), "yes" if exact else "no"]
        if row.get("representable") is False:  # no network of the model reaches P
            cells[2:] = ["—", "—", "not reachable in this model"]
        if closed:
            quadratic = row["quadratic"]
            cells += [_text(row["n"]), _text(quadratic.get("rank")), _text(quadratic.get("width"))]
        body.append(cells)
    if closed:
        columns += ["n", "rank r", "closed form"]
    return {"title": title, "columns": columns, "rows": body, "closed_form": closed}


def segments_text(segments: Sequence[Segment]) -> str:
    """The source text of segments (for plain-text output)."""
    return "".join(s.content if s.kind == "text" else f"${s.content}$" for s in segments)
