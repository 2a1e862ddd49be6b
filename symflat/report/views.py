"""What the templates print for the Section III sections and for "Depth against width":
paragraphs and tables built from the stored figure data
(:func:`symflat.report.data.section3_data`) and the stored comparisons (:func:`depth_view`),
every number read from them, never typed in.

Three sections, each shown when the report holds its data:

* **Linear networks (Sec. III.7)** — synapse counts of the FFT, Walsh–Hadamard and rank-1
  networks against their flattenings, and the sparse product's exact flattening cost C_s
  against n and p with its bound 1/(2p) and the eq27 checker's seeded Monte Carlo points
  (numerical).
* **Matrix multiplication (Sec. III.7)** — synapses of M -> NM, flat against Strassen, and gates
  and synapses of the gate networks.
* **Information distillation (Sec. III.3–III.4)** — block counts of the minimal sufficient
  statistics and Theorem 2, Corollary 2 and Eq. 21 on the chains of the ``theorem2`` checker.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from symflat.report.texmath import split_statement
from symflat.verify.sweep.records import width_span

__all__ = ["DEEP2_NEW", "DEPTH_COMMAND", "LINEAR_CHECKERS", "MATMUL_CHECKERS", "MARKOV_CHECKERS",
           "deep2_view", "depth_view", "section3_views"]

#: Checkers whose claims each section lists.
LINEAR_CHECKERS = ("fft-network", "walsh-hadamard-network", "low-rank-network",
                   "sparse-product-networks")
MATMUL_CHECKERS = ("strassen-network", "strassen-synapses")
MARKOV_CHECKERS = ("markov-theorem2", "markov-corollary2")


def _fraction_text(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def _segments(text: str) -> list[Any]:
    return split_statement(text, display=False)


def _seed_ranges(seeds: Sequence[Any]) -> str:
    """``[0, 1, 2, 5]`` -> ``"0–2, 5"``."""
    numbers = [s for s in seeds if isinstance(s, int)]
    if len(numbers) != len(seeds):
        return ", ".join(map(str, seeds))
    parts: list[str] = []
    start = prev = None
    for s in sorted(numbers):
        if start is None:
            start = prev = s
        elif s == prev + 1:
            prev = s
        else:
            parts.append(str(start) if start == prev else f"{start}–{prev}")
            start = prev = s
    if start is not None:
        parts.append(str(start) if start == prev else f"{start}–{prev}")
    return ", ".join(parts)


def _math_n(n: int) -> str:
    k = n.bit_length() - 1
    return f"2^{{{k}}}" if n == 2**k and k > 10 else str(n)


def _linear_view(d: Mapping[str, Any]) -> dict[str, Any]:
    rows = d["synapses"]
    largest = max(r["n"] for r in rows)
    at = {r["family"]: r for r in rows if r["n"] == largest}
    sentences = []
    if "fft" in at:
        r = at["fft"]
        same = "walsh_hadamard" in at and at["walsh_hadamard"]["factored"] == r["factored"]
        sentences.append(
            f"At $n = {largest}$ the FFT{' and the Walsh–Hadamard transform' if same else ''} "
            f"{'need' if same else 'needs'} {r['factored']} synapses against {r['flat']} for the "
            f"flattened matrix, $C_s = {_fraction_text(Fraction(r['flat'], r['factored']))}$")
    if "low_rank_k1" in at:
        r = at["low_rank_k1"]
        sentences.append(
            f"the rank-1 product needs {r['factored']} against {r['flat']}, "
            f"$C_s = {_fraction_text(Fraction(r['flat'], r['factored']))}$")
    counts = "; ".join(sentences) + "." if sentences else ""
    sparse = d["sparse_n"]
    cheaper, costlier = [], []
    for p in sparse["ps"]:
        first = sparse["first_above_one"][p]
        if Fraction(p) >= Fraction(1, 2):
            cheaper.append(f"$p = {p}$")
        elif first is not None:
            costlier.append(f"from $n = {first}$ at $p = {p}$")
    sparse_text = (
        "For the product of two random sparse matrices (Eq. 27, each entry 1 with probability "
        "$p$) the exact flattening cost $C_s = [1-(1-p^{2})^{n}]/2p$ grows with $n$ towards "
        "its bound $1/2p$: the flattened product is the smaller network for every $n$ "
        + (f"at {' and '.join(cheaper)}" if cheaper else "when $p \\geq 1/2$")
        + (", and the larger one " + ", ".join(costlier) if costlier else "")
        + "."
    )
    mc = d["monte_carlo"]
    if mc:
        sparse_text += (
            f" The Monte Carlo points (numerical) are the eq27 checker's own samples; "
            f"{sum(r['covers'] for r in mc)} of their {len(mc)} 95% intervals contain the "
            "exact value.")
    return {
        "id": "sec3-linear",
        "title": "Linear networks",
        "where": "Sec. III.7",
        "lead": _segments(
            "Each transform is built as a linear network (identity neurons, no biases) and its "
            "matrix is checked exactly against the intended one. Its synapses are the non-zero "
            "weights of the graph; flattening it leaves one weight matrix, whose non-zero "
            "entries are counted from the flattened network's graph. The flattening cost is "
            "$C_s$ = flat / factored."),
        "paragraphs": [_segments(t) for t in (counts, sparse_text) if t],
        "finding": None,
        "checkers": LINEAR_CHECKERS,
        "figures": ["sec3-synapses", "sec3-sparse-cost"],
        "table": None,
    }


def _matmul_view(d: Mapping[str, Any]) -> dict[str, Any]:
    gates = [g for g in d["gates"] if g["source"] == "graph"] or d["gates"]
    syn = d["gate_synapses"]
    g = gates[-1]
    more = all(x["strassen"] >= x["schoolbook"] for x in syn)
    pairs = ", ".join(f"{x['strassen']} against {x['schoolbook']} at $n = {x['n']}$"
                      for x in syn)
    full, best, levels = d["first_full"], d["first_best"], d["first_best_levels"]
    if full is not None and best is not None:
        linear = (
            f"As a linear network it beats the flat $n^{{3}}$ synapses only from "
            f"$n = {_math_n(full)}$ with the full recursion, and from $n = {_math_n(best)}$ "
            f"with the best mix of Strassen levels over flat blocks ({levels} "
            f"level{'s' if levels != 1 else ''} there).")
    else:
        linear = (f"As a linear network it does not beat the flat $n^{{3}}$ synapses up to "
                  f"$n = {_math_n(d['largest'])}$.")
    gate_text = (f"In the one-hidden-layer gate network it needs fewer gates, {g['strassen']} "
                 f"against {g['schoolbook']} at $n = {g['n']}$,")
    finding = (
        f"Strassen saves gates, not synapses. {gate_text} but no fewer synapses: {pairs} "
        "(counted from the graphs), as each of its gates reads sums of matrix entries. "
        + linear
    ) if more else (
        f"Strassen saves gates and synapses. {gate_text} and synapses: {pairs} (counted "
        "from the graphs). " + linear)
    return {
        "id": "sec3-matmul",
        "title": "Matrix multiplication",
        "where": "Sec. III.7",
        "lead": _segments(
            "Matrix multiplication enters the paper in two ways. As a neural network for "
            "$\\textbf{C} = \\textbf{AB}$, each product is an Eq. 11 multiplication gate (four "
            "neurons in one hidden layer): the schoolbook product uses $n^{3}$ gates, "
            "Strassen's recursion $7^{k} = n^{\\log_{2} 7}$ for $n = 2^{k}$. As the linear "
            "network $\\textbf{M} \\mapsto \\textbf{NM}$ with $\\textbf{N}$ fixed, the products "
            "with $\\textbf{N}$ are weights: flat it has $n^{3}$ synapses, and Strassen's "
            "recursion makes it a deep linear network, one layer of identity neurons per "
            "block combination."),
        "paragraphs": [],
        "finding": _segments(finding),
        "checkers": MATMUL_CHECKERS,
        "figures": ["sec3-matmul-synapses", "sec3-gate-counts"],
        "table": None,
    }


def _markov_view(d: Mapping[str, Any]) -> dict[str, Any]:
    rows = d["rows"]
    families: dict[tuple, dict[tuple, list[Any]]] = {}
    for r in rows:
        outcome = (tuple(r["blocks"]), r["theorem2"], r["corollary2"], r["eq21"])
        families.setdefault((r["family"], tuple(r["sizes"])), {}).setdefault(
            outcome, []).append(r["seed"])
    table: list[dict[str, Any]] = []
    for (family, sizes), outcomes in families.items():
        for i, ((blocks, *checks), seeds) in enumerate(sorted(outcomes.items())):
            table.append({"chain": family, "first": i == 0, "index": i, "span": len(outcomes),
                          "sizes": ", ".join(map(str, sizes)),
                          "blocks": ", ".join(map(str, blocks)), "seeds": _seed_ranges(seeds),
                          "count": len(seeds), "checks": list(checks)})
    total = len(rows)
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r["family"].split(" ", 1)[0]] = kinds.get(r["family"].split(" ", 1)[0], 0) + 1
    coarsen = sum(1 for r in rows if len(set(r["blocks"])) > 1)
    holds = [sum(r[k] for r in rows) for k in ("theorem2", "corollary2", "eq21")]
    summary = (
        f"{total} chains ({', '.join(f'{n} {k}' for k, n in kinds.items())}): Theorem 2 holds "
        f"on {holds[0]}, Corollary 2 on {holds[1]} and Eq. 21 on {holds[2]}. The statistic "
        f"coarsens at least once going back up the chain on {coarsen} of them; on the others "
        "every $T_i$ is already the finest partition of the support of $y_n$.")
    return {
        "id": "sec3-markov",
        "title": "Information distillation",
        "where": "Sec. III.3–III.4",
        "lead": _segments(
            f"Theorem 2 and Corollary 2 on the seeded Markov chains "
            f"$y_{{0}} \\to y_{{1}} \\to \\cdots \\to y_{{n}}$ that the {d['claim']} checker "
            "uses (the same chains, built by the same function), with exact rational transition "
            "matrices. $T_{i}$, the minimal sufficient statistic of $P(y_{i}|y_{n})$, is the "
            "support of $y_{n}$ partitioned by the exact posterior; $T_{i} = f_{i}\\circ "
            "T_{i+1}$ means the block counts $|T_{0}| \\leq |T_{1}| \\leq \\cdots \\leq "
            "|T_{n}|$ can only shrink going back up the chain. Eq. 21 is the data processing "
            "inequality $I(y_{0}, y_{n}) \\geq I(y_{0}, f(y_{n}))$, checked for every function "
            "$f$ with exact rationals inside rigorous interval logarithms."),
        "paragraphs": [_segments(summary)],
        "finding": None,
        "checkers": MARKOV_CHECKERS + ("data-processing",),
        "figures": ["sec3-distillation"],
        "table": {"rows": table, "chains": total},
    }


def section3_views(section3: Mapping[str, Any], claims: Sequence[Mapping[str, Any]] = ()
                   ) -> list[dict[str, Any]]:
    """The sections as the templates print them: title, paragraphs (statement segments, math
    vetted like the claims'), the report's claims of the section, figure names, a table.

    Examples
    --------
    >>> matmul = {"gates": [{"n": 2, "strassen": 7, "schoolbook": 8, "source": "graph"}],
    ...           "gate_synapses": [{"n": 2, "strassen": 120, "schoolbook": 120}],
    ...           "first_full": None, "first_best": None, "first_best_levels": None,
    ...           "largest": 4}
    >>> views = section3_views({"matmul": matmul})
    >>> [v["id"] for v in views], views[0]["figures"]
    (['sec3-matmul'], ['sec3-matmul-synapses', 'sec3-gate-counts'])
    """
    builders = (("linear", _linear_view), ("matmul", _matmul_view), ("markov", _markov_view))
    views = []
    for part, build in builders:
        if part not in section3:
            continue
        view = build(section3[part])
        view["claims"] = [{"id": c["id"], "anchor": c["anchor"], "status": c["status"]}
                          for c in claims if c.get("checker") in view["checkers"]]
        views.append(view)
    return views


#: The command that fills "Depth against width" (the report says it when nothing is stored).
DEPTH_COMMAND = "symflat sweep products --compare"

#: The models, the one with the output bias (never more neurons) last.
_MODELS = ("no-bias", "output-bias")


def _shallow_cells(row: Mapping[str, Any]) -> list[str]:
    """A comparison row's one-layer widths as table cells (``4`` or ``3–5``), both models."""
    return [width_span(row["shallow"][m], "–", "?") for m in _MODELS]


def _shallow_series(row: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A comparison row's one-layer bounds for a figure's series, both models."""
    return {m: dict(row["shallow"][m]) for m in _MODELS}


def _winner(row: Mapping[str, Any]) -> str:
    """``deep`` when the deep network has fewer neurons than any shallow network of either
    model (certified by the lower bounds), ``shallow`` when a verified shallow construction
    has fewer, ``equal`` when the exact width equals it, else ``open``; ``linear`` when the
    polynomial needs no hidden neuron at all (the deep network is its linear output)."""
    deep = row["deep"]["neurons"]
    if deep == 0:
        return "linear"
    lowers = [row["shallow"][m]["lower"] for m in _MODELS]
    uppers = [row["shallow"][m]["upper"] for m in _MODELS if row["shallow"][m]["upper"]
              is not None]
    if deep < min(lowers):
        return "deep"
    if uppers and min(uppers) < deep:
        return "shallow"
    if uppers and min(uppers) == deep:
        return "equal"
    return "open"


def _family_sentence(family: str, rows: Sequence[Mapping[str, Any]]) -> str:
    rows = [r for r in rows if r["winner"] != "linear"]
    if not rows:
        return f"{family}: linear, no hidden neuron needed."
    ns = [r["n"] for r in rows]
    wins = [r["n"] for r in rows if r["winner"] == "deep"]
    tail = [n for n in ns if all(r["winner"] == "deep" for r in rows if r["n"] >= n)]
    where = f"$n = {min(ns)}$" + (f" to ${max(ns)}$" if max(ns) > min(ns) else "")
    if not wins:
        return (f"{family} ({where}): the deep network never needs fewer neurons than the "
                "smallest shallow one.")
    first = f"first at $n = {wins[0]}$"
    if tail:
        since = f"from $n = {tail[0]}$ on"
        text = since if tail[0] == wins[0] else f"{first}, and at every $n$ {since}"
    else:
        text = f"{first}, but not at $n = {max(ns)}$"
    return (f"{family} ({where}): the deep network needs fewer neurons than any shallow "
            f"network (both models, certified lower bounds) {text}.")


def depth_view(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """"Depth against width" as the templates print it, from stored comparisons: one table per
    family, sorted by ``n``, each row with its winner, and one sentence per family saying from
    which ``n`` depth wins; ``command`` is the command that fills it (the section shows it
    when ``families`` is empty).

    Each row needs ``family``, ``polynomial``, ``n``, ``shallow`` (by model: ``lower``,
    ``upper``, ``exact``) and ``deep`` (``neurons``, ``depth``, ``synapses``), as
    :func:`symflat.report.api.compare_rows` reads them from the store. A family with several
    polynomials of one size (``elementary``: e_k for every k <= n) is split by ``degree``.

    Examples
    --------
    >>> w = lambda n: {"lower": n, "upper": n, "exact": True}
    >>> rows = [{"family": "powers", "polynomial": f"x1**{d}", "n": d,
    ...          "shallow": {"no-bias": w(d + 1), "output-bias": w(d)},
    ...          "deep": {"neurons": deep, "depth": 2, "synapses": 8}}
    ...         for d, deep in ((2, 2), (3, 6), (4, 4), (8, 6))]
    >>> view = depth_view(rows)
    >>> [r["cells"][-1] for r in view["families"][0]["rows"]]
    ['equal', 'shallow', 'equal', 'deep']
    >>> view["families"][0]["sentence"][-1].content
    ' on.'
    >>> rows = [{**rows[0], "family": "e", "degree": k} for k in (1, 2)]
    >>> [f["title"] for f in depth_view(rows)["families"]]
    ['e, degree 1', 'e, degree 2']
    >>> depth_view([])["families"], depth_view([])["command"]
    ([], 'symflat sweep products --compare')
    """
    sizes: dict[str, list[Any]] = {}
    for row in rows:
        sizes.setdefault(str(row["family"]), []).append(row["n"])
    families: dict[tuple[int, Any, str], list[dict[str, Any]]] = {}
    order = {name: i for i, name in enumerate(sizes)}
    for row in rows:
        name, degree = str(row["family"]), None
        if len(set(sizes[name])) < len(sizes[name]):
            degree = row.get("degree") or 0
            name += f", degree {degree}"
        families.setdefault((order[str(row["family"])], degree, name), []).append(
            {**row, "winner": _winner(row)})
    out = []
    for (_, _, family), members in sorted(families.items(), key=lambda item: item[0][:2]):
        members.sort(key=lambda r: (r["n"], r["polynomial"]))
        out.append({
            "title": family,
            "rows": [{"polynomial": r["polynomial"],
                      "cells": [str(r["n"]),
                                *_shallow_cells(r),
                                str(r["deep"]["neurons"]), str(r["deep"]["depth"]),
                                r["winner"]]} for r in members],
            "series": [{"n": r["n"], "shallow": _shallow_series(r),
                        "deep": r["deep"]["neurons"]} for r in members],
            "sentence": _segments(_family_sentence(family, members)),
        })
    return {
        "id": "depth",
        "title": "Depth against width",
        "columns": ["polynomial", "n", "shallow, no bias", "shallow, output bias",
                    "deep neurons", "depth", "fewer neurons"],
        "lead": _segments(
            "For each polynomial of the comparison sweeps: the smallest width of a "
            "single-hidden-layer network in both models, as a certified lower bound and the "
            "width of a construction verified by exact expansion (one number when they meet), "
            "beside the hidden neurons and depth of the deep network compiled from Eq. 11 "
            "multiplication and squaring gates (Sec. II.3), verified by exact expansion. $n$ is "
            "the number of variables, or the degree of a power $x_{1}^{d}$. The last column "
            "says which needs fewer neurons: deep when the compiled network has fewer than "
            "the lower bound of either model, shallow when a verified shallow construction has "
            "fewer, equal when the exact width equals it, open otherwise (linear: no hidden "
            "neuron is needed at all)."),
        "families": out,
        "command": DEPTH_COMMAND,
    }


#: What the "Smallest deep networks" section adds to the literature, said plainly.
DEEP2_NEW = (
    "New here: exact minimal sizes of networks with two hidden layers and a smooth "
    "activation, with a certificate on each side. The upper bound is an explicit network "
    "re-checked by exact Taylor expansion; it works for every activation of the stated class "
    "($\\sigma_i \\neq 0$ at 0, $\\sigma' \\neq 0$ on the real line, and without output bias "
    "$\\sigma\\sigma' > 0$). The lower bound is a Nullstellensatz certificate "
    "$1 = \\sum_i h_i f_i$ (Singular's lift, stored and re-checked by exact products) that no "
    "network with one neuron fewer exists in any layer split: for $\\sigma = \\exp$, which lies "
    "in the class, so no smaller network works for every activation of the class; a second "
    "family of certificates holds for every activation of the class at once. The compiled "
    "network of the previous section is not in this class when it feeds inputs past the first "
    "layer; the gate networks here route every input through the first layer.")


#: How many stored depth-2 drawings the report shows (the first, smallest polynomials).
DEEP2_DRAWINGS = 4


def deep2_view(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """"Smallest deep networks" as the templates print it: one row per stored comparison that
    carries depth-2 bounds (``depth2`` by model: ``lower``, ``upper``, ``exact``, ``splits``),
    beside the one-layer width and the compiled network, and the series of the figure.

    Examples
    --------
    >>> w = lambda a, b: {"lower": a, "upper": b, "exact": a == b}
    >>> row = {"family": "products", "polynomial": "x1*x2", "n": 2,
    ...        "shallow": {"no-bias": w(4, 4), "output-bias": w(3, 3)},
    ...        "deep": {"neurons": 4, "depth": 1, "synapses": 8},
    ...        "depth2": {"no-bias": {**w(5, 5), "splits": [[3, 2]]},
    ...                   "output-bias": {**w(4, 4), "splits": [[3, 1]]}}}
    >>> view = deep2_view([row, {**row, "polynomial": "x1", "depth2": {}}])
    >>> view["rows"][0]["cells"]
    ['2', '4', '3', '5 (3+2)', '4 (3+1)', '4']
    >>> view["exact"]
    2
    """
    kept = [r for r in rows if r.get("depth2")]
    kept.sort(key=lambda r: (str(r["family"]), r["n"], r["polynomial"]))
    out, series, exact = [], [], 0

    def cell(bounds: Mapping[str, Any] | None) -> str:
        if not bounds:
            return "–"
        splits = ", ".join(f"{a}+{b}" for a, b in bounds.get("splits") or [])
        text = width_span(bounds, "–", "?")
        return f"{text} ({splits})" if splits and bounds.get("exact") else text

    drawings = []
    for r in kept:
        exact += sum(1 for m in _MODELS if (r["depth2"].get(m) or {}).get("exact"))
        for m in _MODELS:
            bounds = r["depth2"].get(m) or {}
            if bounds.get("drawing") and len(drawings) < DEEP2_DRAWINGS:
                splits = " or ".join(f"{a} + {b}" for a, b in bounds.get("splits") or [])
                smallest = "A smallest" if bounds.get("exact") else "A verified"
                drawings.append({
                    "figure": f"deep2-net-{len(drawings) + 1}", "svg": bounds["drawing"],
                    "title": f"{smallest} depth-2 network for {r['polynomial']} ({m})",
                    "caption": f"{bounds.get('upper')} hidden neurons"
                               + (f" (split {splits})" if splits else "")
                               + ("" if bounds.get("exact") else
                                  f", at least {bounds.get('lower')} needed")
                               + "; checked exactly and drawn when the sweep ran"})
        out.append({"polynomial": r["polynomial"],
                    "cells": [str(r["n"]),
                              *_shallow_cells(r),
                              *(cell(r["depth2"].get(m)) for m in _MODELS),
                              str(r["deep"]["neurons"])]})
        series.append({"family": r["family"], "n": r["n"],
                       "shallow": _shallow_series(r),
                       "depth2": {m: dict(r["depth2"].get(m) or {}) for m in _MODELS},
                       "deep": r["deep"]["neurons"]})
    return {
        "id": "deep2",
        "title": "Smallest deep networks",
        "columns": ["polynomial", "n", "one layer, no bias", "one layer, output bias",
                    "two layers, no bias", "two layers, output bias", "compiled"],
        "lead": _segments(
            "The smallest number of hidden neurons $m_1 + m_2$ of a network "
            "$y = [c +] \\sum_k v_k \\sigma(\\sum_j B_{kj} \\sigma(a_j \\cdot x))$ with two "
            "hidden layers that Taylor-approximates the polynomial through its degree, in both "
            "models, beside the one-layer width and the compiled network. One number: exact, "
            "with the layer split(s) $m_1 + m_2$ of the verified network; a range: the proved "
            "lower bound and the verified network."),
        "new": _segments(DEEP2_NEW),
        "rows": out,
        "series": series,
        "exact": exact,
        "drawings": drawings,
        "command": DEPTH_COMMAND + " (depth 2 from the shipped certificates; "
                   "symflat width POLY --depth 2 for any polynomial)",
    }
