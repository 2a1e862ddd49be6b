"""What the templates print for the Section III sections: paragraphs and tables built from the
stored figure data (:func:`symflat.report.data.section3_data`), every number read from it,
never typed in.

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

__all__ = ["LINEAR_CHECKERS", "MATMUL_CHECKERS", "MARKOV_CHECKERS", "section3_views"]

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
