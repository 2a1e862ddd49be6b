"""The report's Section III: linear networks, matrix multiplication, information distillation.

Three report sections, each shown when the report holds one of its claims (found by checker,
so a user's renamed copies count too):

* **Linear networks (Sec. III.7)** — synapse counts of the FFT, Walsh–Hadamard and rank-1
  networks against their flattenings (:func:`symflat.paper.linear.synapse_count_rows`), and the
  sparse product's exact flattening cost C_s against n and p with its bound 1/(2p)
  (:func:`symflat.paper.linear.sparse_cost_rows`) and the eq27 checker's seeded Monte Carlo points
  (:func:`symflat.paper.linear.monte_carlo_nonzeros`, numerical).
* **Matrix multiplication (Sec. III.7)** — synapses of M -> NM, flat against Strassen
  (:func:`symflat.paper.strassen.linear_synapse_rows`), and gates and synapses of the gate networks
  (:func:`symflat.paper.strassen.gate_count_rows`, graphs of :func:`~.strassen`).
* **Information distillation (Sec. III.3–III.4)** — :func:`symflat.paper.markov.summarize` on the
  chains the ``theorem2`` checker uses, built by the checker's own function.

:func:`section3_data` computes the plain (JSON) data, cached in the store per symflat version
and parameters (the Markov summary takes about a minute cold); :func:`section3_figures` draws
the figures with the pipeline of :mod:`symflat.report.plots` (SVG for HTML, PDF for LaTeX);
:func:`section3_views` turns the data into the paragraphs and tables both templates print.
Every number in the text is read from the data, never typed in.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from symflat.report.texmath import split_statement

#: Sequential palettes (light to dark) for ordered parameters (p, n).
_BLUES = ("#74a9cf", "#3690c0", "#0570b0", "#045a8d", "#023858")
_ORANGES = ("#fd8d3c", "#e6550d", "#c2410c", "#8c2d04", "#4a1702")


def _sequence(palette: Sequence[str], count: int) -> list[str]:
    """``count`` colours spread over a light-to-dark palette (the darkest last)."""
    if count <= 1:
        return [palette[-2]]
    first = max(0, len(palette) - 1 - count) if count < len(palette) else 0
    picks = [round(first + i * (len(palette) - 1 - first) / (count - 1)) for i in range(count)]
    return [palette[i] for i in picks]

__all__ = [
    "LINEAR_CHECKERS",
    "MATMUL_CHECKERS",
    "MARKOV_CHECKERS",
    "STORE_KIND",
    "linear_data",
    "matmul_data",
    "markov_data",
    "section3_data",
    "section3_figures",
    "section3_views",
]

#: Checkers whose claims bring in each section.
LINEAR_CHECKERS = ("fft-network", "walsh-hadamard-network", "low-rank-network",
                   "sparse-product-networks")
MATMUL_CHECKERS = ("strassen-network", "strassen-synapses")
#: The Markov summary uses the chains of the first of these claims (theorem2 preferred).
MARKOV_CHECKERS = ("markov-theorem2", "markov-corollary2")

#: Store kind of the cached section data.
STORE_KIND = "report-data"
#: Part of every cache key: raise it when the data computed here changes shape or content, so
#: stores written by the same symflat version recompute instead of serving stale data.
_DATA_REVISION = 1

_SPARSE_CHECKER = "sparse-product-networks"

#: Display names of the families of :func:`symflat.paper.linear.synapse_count_rows`.
_FAMILY_NAMES = {"fft": "FFT", "walsh_hadamard": "Walsh–Hadamard", "low_rank_k1": "rank 1 (A = BC)"}


# -- parameters, claims -----------------------------------------------------------------------
def _checker_param(claim: Any, checker: str, name: str) -> Any:
    """A parameter of ``claim`` (its checker's default applied), or the checker's default."""
    from symflat.verify.checks import REGISTRY
    from symflat.verify.checks._common import param

    if claim is not None:
        return param(claim, name)
    return REGISTRY[checker].params[name].default


def _as_claim(claim: Any) -> Any:
    """A :class:`~symflat.verify.claims.Claim` from a claim or a mapping with its fields."""
    from symflat.verify.claims import Claim

    if isinstance(claim, Claim) or not isinstance(claim, Mapping):
        return claim
    return Claim(str(claim.get("id", "")), str(claim.get("title", "")),
                 str(claim.get("statement", "")), str(claim.get("section", "")),
                 str(claim.get("checker", "")), parameters=dict(claim.get("parameters") or {}))


def _first(claims: Sequence[Any], checkers: Sequence[str]) -> Any:
    for wanted in checkers:
        for claim in claims:
            if getattr(claim, "checker", None) == wanted:
                return claim
    return None


def _fraction_text(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


# -- data -------------------------------------------------------------------------------------
def linear_data(sparse_claim: Any = None, *, quick: bool = False) -> dict[str, Any]:
    """Synapse counts of the linear networks and the sparse product's C_s (plain data).

    ``sparse_claim`` (the ``eq27-networks`` claim) gives the Monte Carlo samples, so the
    points drawn are the checker's own; without it the checker's defaults are used.

    Examples
    --------
    >>> d = linear_data(quick=True)
    >>> [(r["family"], r["n"], r["factored"], r["flat"]) for r in d["synapses"]][:2]
    [('fft', 2, 4, 4), ('fft', 4, 16, 16)]
    >>> d["sparse_n"]["first_above_one"]["1/2"] is None
    True
    """
    from symflat.paper.linear import synapse_count_rows
    from symflat.paper.sparse import monte_carlo_nonzeros, sparse_cost_rows

    ns = (2, 4, 8) if quick else (2, 4, 8, 16, 32)
    synapses = []
    for family in ("fft", "walsh_hadamard", "low_rank_k1"):
        for row in synapse_count_rows(ns, [family]):
            synapses.append({"family": family, "n": row.n, "factored": row.factored,
                             "flat": row.flat, "matrix_ok": row.matrix_ok})

    sample_p = [Fraction(p) for p in _checker_param(sparse_claim, _SPARSE_CHECKER, "sample_p")]
    curve_p = sorted({Fraction(1, 20), *sample_p})
    n_axis = list(range(1, 65 if quick else 201))
    by_p: dict[str, list[float]] = {}
    first_above: dict[str, int | None] = {}
    for n, p, cost, _bound in sparse_cost_rows(n_axis, curve_p):
        by_p.setdefault(_fraction_text(p), []).append(float(cost))
        if cost > 1 and first_above.get(_fraction_text(p)) is None:
            first_above[_fraction_text(p)] = n
    for p in curve_p:
        first_above.setdefault(_fraction_text(p), None)

    p_axis = [Fraction(k, 400) for k in (1, 2, 3, 4, 6, 8, 11, 16, 23, 32, 45, 64, 90, 128,
                                         180, 256, 320, 400)]
    p_ns = (2, 8, 32) if quick else (2, 8, 32, 128)
    by_n: dict[str, list[float]] = {}
    for n, _p, cost, _bound in sorted(sparse_cost_rows(p_ns, p_axis), key=lambda r: (r[0], r[1])):
        by_n.setdefault(str(n), []).append(float(cost))

    trials = _checker_param(sparse_claim, _SPARSE_CHECKER, "trials")
    seed = _checker_param(sparse_claim, _SPARSE_CHECKER, "seed")
    monte_carlo = []
    for n in _checker_param(sparse_claim, _SPARSE_CHECKER, "sample_n"):
        for p in sample_p:
            r = monte_carlo_nonzeros(n, p, trials, seed)
            scale = 2 * n * n * float(p)
            monte_carlo.append({"n": n, "p": _fraction_text(p), "trials": r.trials,
                                "seed": r.seed, "level": r.level, "mean": r.mean,
                                "half_width": r.half_width, "exact": r.exact,
                                "covers": r.covers_exact, "cost": r.mean / scale,
                                "cost_half_width": r.half_width / scale,
                                "exact_cost": r.exact / scale})
    return {
        "synapses": synapses,
        "sparse_n": {"ns": n_axis, "ps": [_fraction_text(p) for p in curve_p], "cost": by_p,
                     "first_above_one": first_above},
        "sparse_p": {"ps": [_fraction_text(p) for p in p_axis],
                     "p_values": [float(p) for p in p_axis], "ns": list(p_ns), "cost": by_n},
        "monte_carlo": monte_carlo,
        "sparse_claim": getattr(sparse_claim, "id", None),
    }


def matmul_data(*, quick: bool = False) -> dict[str, Any]:
    """Synapses of M -> NM (flat, Strassen, best cut-off), gates and gate-network synapses.

    Examples
    --------
    >>> d = matmul_data(quick=True)
    >>> d["gate_synapses"][0]
    {'n': 2, 'strassen': 120, 'schoolbook': 120}
    >>> d["first_full"], d["first_best"]
    (65536, 64)
    """
    from symflat.paper.strassen import gate_count_rows, linear_synapse_rows, naive_matmul, strassen

    linear = linear_synapse_rows(range(1, 18 if quick else 21), 8 if quick else 16)
    gates = [{"n": n, "strassen": s, "schoolbook": m, "source": source}
             for n, s, m, source in gate_count_rows(range(1, 7 if quick else 11),
                                                    4 if quick else 16)]
    gate_synapses = []
    for k in range(1, 3 if quick else 5):
        n = 2**k
        gate_synapses.append({"n": n, "strassen": strassen(n, lam=1).synapse_count,
                              "schoolbook": naive_matmul(n, lam=1).synapse_count})
    full = [r["n"] for r in linear if r["strassen"] < r["flat"]]
    best = [r for r in linear if r["best"] < r["flat"]]
    return {
        "linear": linear,
        "gates": gates,
        "gate_synapses": gate_synapses,
        "first_full": min(full) if full else None,
        "first_best": best[0]["n"] if best else None,
        "first_best_levels": best[0]["best_levels"] if best else None,
        "largest": linear[-1]["n"],
    }


def _summarize_one(item: tuple[str, Any]) -> dict[str, Any]:
    from symflat.paper.markov import summarize

    return summarize(dict([item]))[0]


def markov_data(claim: Any = None, *, jobs: int = 1) -> dict[str, Any]:
    """:func:`symflat.paper.markov.summarize` on the chains of the theorem2 checker.

    The chains come from the checker's own function (``verify.checks.section3.claim_chains``) at
    the claim's parameters (the checker's defaults without a claim). ``jobs`` > 1 (0 = one
    per CPU) spreads the chains over worker processes.

    Examples
    --------
    >>> from symflat.verify.claims import Claim
    >>> small = Claim("t2", "t", "s", "III.3", "markov-theorem2", parameters={
    ...     "factored": [[1, 2, 2]], "seeds": [0, 1], "sparse": [[2, 2, 3]],
    ...     "sparse_seeds": [0, 0]})
    >>> [(r["family"], r["seed"], r["theorem2"]) for r in markov_data(small)["rows"]]
    [('factored [1, 2, 2]', 0, True), ('factored [1, 2, 2]', 1, True),
     ('sparse [2, 2, 3]', 0, True)]
    """
    from symflat.verify.checks.section3 import claim_chains

    if claim is None:
        from symflat.verify.claims import Claim

        claim = Claim("theorem2", "Theorem 2", "", "III.3", MARKOV_CHECKERS[0])
    chains = claim_chains(claim)
    workers = (os.cpu_count() or 1) if jobs == 0 else max(1, jobs)
    if workers > 1 and len(chains) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(min(workers, len(chains))) as pool:
            summaries = list(pool.map(_summarize_one, chains))
    else:
        summaries = [_summarize_one(item) for item in chains]
    rows = []
    for (name, _chain), summary in zip(chains, summaries):
        family, _, seed = name.rpartition(" seed ")
        rows.append({
            "name": name,
            "family": family or name,
            "seed": int(seed) if seed.isdigit() else seed,
            "sizes": list(summary["sizes"]),
            "blocks": list(summary["blocks"]),
            "theorem2": bool(summary["theorem2"]),
            "corollary2": bool(summary["corollary2"]),
            "eq21": bool(summary["eq21"]),
        })
    return {"claim": claim.id, "checker": claim.checker, "rows": rows}


def _cached(store: Any, part: str, parameters: Mapping[str, Any],
            compute: Callable[[], dict[str, Any]], note: Callable[[str], None] | None
            ) -> dict[str, Any]:
    """``compute()`` through the store: key = part, symflat version and the parameters."""
    from symflat import __version__

    keyed = {"revision": _DATA_REVISION, **parameters}
    digest = hashlib.sha256(json.dumps(keyed, sort_keys=True, default=str).encode()
                            ).hexdigest()[:20]
    key = f"section3-{part}@{__version__}:{digest}"
    if store is not None:
        record = store.get(STORE_KIND, key)
        if record is not None:
            return record.payload
        if note is not None:
            note(part)
    value = json.loads(json.dumps(compute()))
    if store is not None:
        store.put(STORE_KIND, key, value, subject=f"section3-{part}")
    return value


def section3_data(claims: Iterable[Any], store: Any = None, *, quick: bool = False,
                  jobs: int = 1, note: Callable[[str], None] | None = None
                  ) -> dict[str, Any]:
    """The data of the Section III report sections the claims ask for (plain JSON values).

    Parameters
    ----------
    claims : iterable of Claim (or mappings with ``checker`` and ``parameters``)
        The report's claims: a section is computed only when one of its claims is there.
    store : Store, optional
        Results are read from and written to it (kind :data:`STORE_KIND`), keyed by the
        symflat version and the parameters; without a store everything is computed.
    quick : bool
        Coarser grids (tests).
    jobs : int
        Worker processes for the Markov summary (0 = one per CPU).
    note : callable, optional
        Called with the part's name before a part is computed because the store lacks it.

    A part whose claim has parameters its computation rejects (a
    :class:`~symflat.errors.SymflatError`) is left out, its message kept under ``errors``:
    one bad claim file does not stop the report.

    Examples
    --------
    >>> section3_data([{"id": "x", "checker": "eq12"}])
    {}
    >>> sorted(section3_data([{"id": "s", "checker": "strassen-network"}], quick=True))
    ['matmul']
    """
    from symflat.errors import SymflatError
    from symflat.verify.checks import REGISTRY
    from symflat.verify.checks._common import param

    claims = [_as_claim(c) for c in claims]
    present = {getattr(c, "checker", None) for c in claims}
    out: dict[str, Any] = {}
    errors: dict[str, str] = {}

    def part(name: str, make: Callable[[], dict[str, Any]]) -> None:
        try:
            out[name] = make()
        except SymflatError as error:
            errors[name] = str(error)

    if present & set(LINEAR_CHECKERS):
        sparse = _first(claims, [_SPARSE_CHECKER])

        def linear() -> dict[str, Any]:
            params = {name: _checker_param(sparse, _SPARSE_CHECKER, name)
                      for name in ("sample_n", "sample_p", "trials", "seed")}
            value = _cached(store, "linear", {"quick": quick, **params},
                            lambda: linear_data(sparse, quick=quick), note)
            return {**value, "sparse_claim": getattr(sparse, "id", None)}

        part("linear", linear)
    if present & set(MATMUL_CHECKERS):
        part("matmul", lambda: _cached(store, "matmul", {"quick": quick},
                                       lambda: matmul_data(quick=quick), note))
    chain_claim = _first(claims, MARKOV_CHECKERS)
    if chain_claim is not None:

        def markov() -> dict[str, Any]:
            params = {name: param(chain_claim, name)
                      for name in REGISTRY[chain_claim.checker].params}
            value = _cached(store, "markov", params,
                            lambda: markov_data(chain_claim, jobs=jobs), note)
            return {**value, "claim": chain_claim.id}

        part("markov", markov)
    if errors:
        out["errors"] = errors
    return out


# -- figures ----------------------------------------------------------------------------------
def _panel_label(ax: Any, text: str) -> None:
    ax.set_title(text, loc="left", fontsize=9.5, color="#24292f", pad=6)


def _log2_ticks(ax: Any, ns: Sequence[int]) -> None:
    """Base-2 log x axis with ticks at powers of two: all of them, or every 2nd or 4th."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    ax.set_xscale("log", base=2)
    ks = sorted({n.bit_length() - 1 for n in ns})
    step = 1 if len(ks) <= 7 else 2 if len(ks) <= 12 else 4
    ticks = [2**k for k in ks if k % step == 0]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())

    def label(value: float, _pos: int) -> str:
        k = round(math.log2(value))
        return str(2**k) if k <= 8 else f"2$^{{{k}}}$"

    ax.xaxis.set_major_formatter(FuncFormatter(label))


def _plain(value: float, _pos: int = 0) -> str:
    """A log-axis tick as a plain number: 0.01, 1, 100 (not 10⁻², 10⁰, 10²)."""
    return f"{value:g}"


def _plain_log_y(ax: Any) -> None:
    """Log y axis labelled 0.25, 0.5, 1, 2, 4 instead of 2.5×10⁻¹ (small ranges only)."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    ax.set_yscale("log", base=2)
    ax.yaxis.set_major_locator(LogLocator(base=2))
    ax.yaxis.set_major_formatter(FuncFormatter(_plain))
    ax.yaxis.set_minor_formatter(NullFormatter())


def _figure_synapses(data: Mapping[str, Any]) -> Any:
    from symflat.report.plots import _COLORS, Figure, _export, _pyplot

    plt = _pyplot()
    rows = data["synapses"]
    families = list(dict.fromkeys(r["family"] for r in rows))
    fig, ax = plt.subplots(figsize=(6.4, 3.7))
    styles = {"fft": ("o", 8.5, "none"), "walsh_hadamard": ("D", 4.2, "full"),
              "low_rank_k1": ("^", 6, "full")}
    for color, family in zip((_COLORS[0], _COLORS[4], _COLORS[2]), families):
        mine = [r for r in rows if r["family"] == family]
        marker, size, fill = styles.get(family, ("o", 5, "full"))
        ax.plot([r["n"] for r in mine], [r["factored"] for r in mine], "-", marker=marker,
                ms=size, fillstyle=fill, mew=1.3, lw=1.4, color=color,
                label=f"{_FAMILY_NAMES.get(family, family)}: factored")
    flats = {f: [(r["n"], r["flat"]) for r in rows if r["family"] == f] for f in families}
    if len({tuple(v) for v in flats.values()}) == 1:
        ns, counts = zip(*next(iter(flats.values())))
        ax.plot(ns, counts, "--", marker="s", ms=4.5, color=_COLORS[1], lw=1.4,
                label="flattened, every family (n² = all entries)")
    else:
        for family, points in flats.items():
            ax.plot(*zip(*points), "--", marker="s", ms=4, lw=1, color=_COLORS[1],
                    label=f"{_FAMILY_NAMES.get(family, family)}: flattened")
    ax.set_yscale("log")
    _log2_ticks(ax, sorted({r["n"] for r in rows}))
    ax.set_xlabel("n (inputs = outputs)")
    ax.set_ylabel("synapses (non-zero weights)")
    ax.legend(fontsize=8, loc="upper left")
    svg, pdf = _export(fig, "sec3-synapses")
    plt.close(fig)
    largest = max(r["n"] for r in rows)
    caption = (
        "Synapses of the linear networks (identity neurons, no biases) against n, counted from "
        "the graphs: the FFT and Walsh–Hadamard butterfly networks (log₂ n layers; their counts "
        "coincide, told apart by the markers) and the two-layer rank-1 product, each against "
        "the single weight matrix left after flattening (square markers, counted from the "
        f"flattened network's graph). Every network's matrix was checked exactly; n ≤ {largest}."
    )
    return Figure("sec3-synapses", "Synapses against n: factored and flattened", caption,
                  svg, pdf, numerical=False, data=data, section="sec3-linear")


def _figure_sparse(data: Mapping[str, Any]) -> Any:
    from symflat.report.plots import Figure, _export, _pyplot

    plt = _pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.6, 3.7),
                                      gridspec_kw={"width_ratios": [1.25, 1], "wspace": 0.28})
    sparse = data["sparse_n"]
    ns = sparse["ns"]
    colors = dict(zip(sparse["ps"], _sequence(_BLUES, len(sparse["ps"]))))
    for p in sparse["ps"]:
        value = Fraction(p)
        left.plot(ns, sparse["cost"][p], "-", color=colors[p], lw=1.5, label=f"p = {p}")
        left.axhline(float(1 / (2 * value)), color=colors[p], ls=":", lw=1.1)
    mc = data["monte_carlo"]
    for i, r in enumerate(mc):
        left.errorbar([r["n"]], [r["cost"]], yerr=[r["cost_half_width"]], fmt="o", ms=4,
                      mfc="white", mec="#24292f", ecolor="#24292f", mew=1, capsize=2.5,
                      elinewidth=1, zorder=5,
                      label="Monte Carlo, 95% CI (numerical)" if i == 0 else None)
    left.axhline(1, color="#57606a", lw=0.9, ls="-", alpha=0.6)
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlim(ns[0], ns[-1])
    left.set_xlabel("n")
    left.set_ylabel("flattening cost $C_s$")
    _panel_label(left, "against n; dotted: the bound 1/(2p)")
    left.annotate("$C_s = 1$", xy=(ns[-1], 1), xytext=(-2, 3), textcoords="offset points",
                  ha="right", va="bottom", fontsize=8, color="#57606a")
    handles, labels = left.get_legend_handles_labels()
    left.legend(handles, labels, fontsize=7.5, loc="lower right")

    by_p = data["sparse_p"]
    pv = by_p["p_values"]
    for color, n in zip(_sequence(_ORANGES, len(by_p["ns"])), by_p["ns"]):
        right.plot(pv, by_p["cost"][str(n)], "-", color=color, lw=1.5, label=f"n = {n}")
    right.plot(pv, [1 / (2 * p) for p in pv], ":", color="#24292f", lw=1.3, label="1/(2p)")
    right.axhline(1, color="#57606a", lw=0.9, alpha=0.6)
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("p (probability of a non-zero entry)")
    right.set_ylabel("$C_s$")
    _panel_label(right, "against p; dotted: the bound 1/(2p)")
    right.legend(fontsize=7.5, loc="lower right")
    for axis in (left, right):
        axis.xaxis.set_major_formatter(_plain)
        axis.yaxis.set_major_formatter(_plain)
    svg, pdf = _export(fig, "sec3-sparse-cost")
    plt.close(fig)
    seeds = sorted({r["seed"] for r in mc})
    trials = sorted({r["trials"] for r in mc})
    covered = sum(r["covers"] for r in mc)
    caption = (
        "Flattening cost of the product of two random sparse n×n matrices (Eq. 27), "
        "[1 − (1 − p²)ⁿ]/(2p) in exact rationals (lines), with its bound 1/(2p) dotted; below "
        "the grey line at 1 the flattened product is the smaller network. "
        f"Circles: the eq27 checker's seeded Monte Carlo (seed {', '.join(map(str, seeds))}, "
        f"{', '.join(map(str, trials))} sampled pairs each) with 95% confidence intervals — "
        f"numerical, a cross-check only; {covered} of {len(mc)} intervals contain the exact "
        "value."
    )
    return Figure("sec3-sparse-cost", "Sparse product: flattening cost against n and p", caption,
                  svg, pdf,
                  numerical=True, data=data, section="sec3-linear", wide=True)


def _power(n: int) -> str:
    """n for a matplotlib label: 64, or a large power of two as 2$^{16}$ (mathtext)."""
    k = n.bit_length() - 1
    return f"2$^{{{k}}}$" if n == 2**k and k > 10 else str(n)


def _figure_matmul(data: Mapping[str, Any]) -> Any:
    from symflat.report.plots import _COLORS, Figure, _export, _pyplot

    plt = _pyplot()
    rows = data["linear"]
    ns = [r["n"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.6, 3.7), gridspec_kw={"wspace": 0.3})
    graph = [r for r in rows if r["source"] == "graph"]
    small = [r for r in rows if r["n"] <= 256]
    small_ns = [r["n"] for r in small]
    left.plot(small_ns, [r["flat"] for r in small], "--", color=_COLORS[1], lw=1.4,
              label="flat: n³")
    left.plot(small_ns, [r["strassen"] for r in small], "-", color=_COLORS[0], lw=1.4,
              label="Strassen, full recursion")
    left.plot(small_ns, [r["best"] for r in small], "-", color=_COLORS[2], lw=1.4,
              label="Strassen, best cut-off")
    for key, color, marker in (("flat", _COLORS[1], "s"), ("strassen", _COLORS[0], "o"),
                               ("best", _COLORS[2], "^")):
        left.plot([r["n"] for r in graph], [r[key] for r in graph], marker, color=color,
                  ms=4.5)
    left.set_yscale("log")
    _log2_ticks(left, small_ns)
    left.set_xlabel("n (M and N are n×n, N fixed)")
    left.set_ylabel("synapses")
    _panel_label(left, f"synapses of M → NM, n ≤ {small_ns[-1]}")
    left.legend(fontsize=7.5, loc="upper left")

    right.plot(ns, [r["flat"] / r["strassen"] for r in rows], "-", color=_COLORS[0], lw=1.4,
               label="flat / full recursion")
    right.plot(ns, [r["flat"] / r["best"] for r in rows], "-", color=_COLORS[2], lw=1.4,
               label="flat / best cut-off")
    right.plot([r["n"] for r in graph], [r["flat"] / r["strassen"] for r in graph], "o",
               color=_COLORS[0], ms=4.5)
    right.plot([r["n"] for r in graph], [r["flat"] / r["best"] for r in graph], "^",
               color=_COLORS[2], ms=4.5)
    right.axhline(1, color="#57606a", lw=0.9, ls=":")
    for n, color in ((data["first_best"], _COLORS[2]), (data["first_full"], _COLORS[0])):
        if n is None:
            continue
        right.axvline(n, color=color, lw=0.9, ls="--", alpha=0.6)
        right.annotate(f"n = {_power(n)}", xy=(n, 1), xycoords="data", xytext=(3, 26),
                       textcoords="offset points", fontsize=8, color=color)
    _plain_log_y(right)
    _log2_ticks(right, ns)
    right.set_xlabel("n")
    right.set_ylabel("flattening cost $C_s$")
    _panel_label(right, "$C_s$ = flat / Strassen; above 1 Strassen is smaller")
    right.legend(fontsize=7.5, loc="upper left")
    svg, pdf = _export(fig, "sec3-matmul-synapses")
    plt.close(fig)
    last_graph = graph[-1]["n"] if graph else None
    caption = (
        "Synapses of the linear network M → NM with N fixed and generic: the flat network "
        "(n³ weights), Strassen's recursion down to 1×1 blocks, and the best number of "
        "Strassen levels over flat blocks, with each block combination a layer of identity "
        "neurons. Markers: counted from the graphs"
        + (f" (n ≤ {last_graph}, each network's matrix checked to be N ⊗ I)" if graph else "")
        + "; lines: the exact recurrence the graphs confirm. Dashed verticals: the first n "
        "where each beats the flat network."
    )
    return Figure("sec3-matmul-synapses", "Matrix multiplication as a linear network: synapses",
                  caption, svg, pdf, numerical=False, data=data, section="sec3-matmul",
                  wide=True)


def _figure_gates(data: Mapping[str, Any]) -> Any:
    from symflat.report.plots import _COLORS, Figure, _export, _pyplot

    plt = _pyplot()
    gates = data["gates"]
    syn = data["gate_synapses"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.6, 3.7), gridspec_kw={"wspace": 0.3})
    ns = [g["n"] for g in gates]
    for key, color, marker, name in (("strassen", _COLORS[0], "o", "Strassen"),
                                     ("schoolbook", _COLORS[1], "s", "schoolbook")):
        label = f"{name}: {'7ᵏ' if key == 'strassen' else 'n³'} gates"
        left.plot(ns, [g[key] for g in gates], "-", color=color, lw=1.4, label=label)
        graph = [g for g in gates if g["source"] == "graph"]
        left.plot([g["n"] for g in graph], [g[key] for g in graph], marker, color=color, ms=5)
        left.plot([s["n"] for s in syn], [s[key] for s in syn], "--", marker=marker,
                  fillstyle="none", color=color, ms=5, lw=1.1,
                  label=f"{name}: synapses (graphs)")
    left.set_yscale("log")
    _log2_ticks(left, ns)
    left.set_xlabel("n (n×n matrices)")
    left.set_ylabel("count")
    _panel_label(left, "gates and synapses of C = AB")
    left.legend(fontsize=7.5, loc="upper left")

    right.plot(ns, [g["strassen"] / g["schoolbook"] for g in gates], "o-", color=_COLORS[0],
               ms=4, lw=1.4, label="gates (= hidden neurons / 4)")
    right.plot([s["n"] for s in syn], [s["strassen"] / s["schoolbook"] for s in syn], "s--",
               color=_COLORS[4], ms=5, lw=1.4, label="synapses")
    right.axhline(1, color="#57606a", lw=0.9, ls=":")
    _log2_ticks(right, ns)
    right.set_xlabel("n")
    right.set_ylabel("Strassen / schoolbook")
    _panel_label(right, "ratio; below 1 Strassen is smaller")
    right.legend(fontsize=7.5, loc="lower left")
    svg, pdf = _export(fig, "sec3-gate-counts")
    plt.close(fig)
    graph_n = [g["n"] for g in gates if g["source"] == "graph"]
    caption = (
        "C = AB as a neural network of Eq. 11 multiplication gates (four neurons each, one "
        "hidden layer, generic activation): Strassen's 7ᵏ gates for n = 2ᵏ against the "
        "schoolbook n³, read from the networks' graphs"
        + (f" for n ≤ {max(graph_n)}" if graph_n else "")
        + " (filled markers) and 7ᵏ, 8ᵏ beyond; the synapses (hollow markers) are counted "
        f"from the graphs for n ≤ {max(s['n'] for s in syn)}."
    )
    return Figure("sec3-gate-counts", "Matrix multiplication as multiplication gates",
                  caption, svg, pdf, numerical=False, data=data, section="sec3-matmul",
                  wide=True)


def _figure_distillation(data: Mapping[str, Any]) -> Any:
    from symflat.report.plots import _COLORS, Figure, _export, _pyplot

    plt = _pyplot()
    families: dict[str, dict[tuple[int, ...], list[Any]]] = {}
    for r in data["rows"]:
        families.setdefault(r["family"], {}).setdefault(tuple(r["blocks"]), []).append(r["seed"])
    count = len(families)
    cols = min(3, count)
    rows = (count + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(9.6, 2.5 * rows + 0.3), squeeze=False,
                             sharey=True, gridspec_kw={"hspace": 0.55, "wspace": 0.12})
    top = max(max(b) for patterns in families.values() for b in patterns)
    for ax, (family, patterns) in zip(axes.flat, families.items()):
        for color, (blocks, seeds) in zip(_COLORS * 3, sorted(patterns.items())):
            levels = list(range(len(blocks)))
            ax.plot(levels, blocks, "-o", color=color, lw=0.8 + 0.7 * len(seeds),
                    ms=3 + 0.6 * len(seeds), alpha=0.85, solid_capstyle="round")
        n = max(len(b) for b in patterns) - 1
        ax.set_xticks(range(n + 1))
        ax.set_xticklabels([f"$T_{{{i}}}$" for i in range(n + 1)])
        ax.set_xlim(-0.25, n + 0.25)
        ax.set_yscale("log", base=2)
        ax.set_yticks([2**k for k in range(top.bit_length())])
        ax.yaxis.set_major_formatter(_plain)
        ax.yaxis.set_minor_formatter(_plain_none)
        ax.set_ylim(0.8, top * 1.25)
        total = sum(len(v) for v in patterns.values())
        ax.set_title(f"{family.replace(', ', ',')} · {total} chains", fontsize=8.5, loc="left",
                     color="#24292f")
    for ax in axes.flat[count:]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_ylabel("blocks of $T_i$")
    svg, pdf = _export(fig, "sec3-distillation")
    plt.close(fig)
    caption = (
        "How the minimal sufficient statistics coarsen going back up each chain: the number of "
        "blocks of T₀, …, Tₙ (distinct exact posteriors P(yᵢ | yₙ) on the support of yₙ), one "
        "line per distinct outcome, thicker when more seeds share it. Every line rises or stays "
        "level from left to right, as Theorem 2 requires (each Tᵢ is a function of the next); the "
        "table below lists the seeds."
    )
    return Figure("sec3-distillation", "Information distillation: blocks of T₀, …, Tₙ per chain",
                  caption, svg, pdf, numerical=False, data=data, section="sec3-markov",
                  wide=True)


def _plain_none(_value: float, _pos: int = 0) -> str:
    return ""


def section3_figures(data: Mapping[str, Any]) -> list[Any]:
    """The Section III figures (:class:`symflat.report.plots.Figure`) for the data present."""
    figures = []
    if "linear" in data:
        figures += [_figure_synapses(data["linear"]), _figure_sparse(data["linear"])]
    if "matmul" in data:
        figures += [_figure_matmul(data["matmul"]), _figure_gates(data["matmul"])]
    if "markov" in data:
        figures.append(_figure_distillation(data["markov"]))
    return figures


# -- what the templates print ------------------------------------------------------------------
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
    >>> views = section3_views(section3_data([{"id": "s", "checker": "strassen-synapses"}],
    ...                                      quick=True))
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


def progress(part: str) -> None:
    """The default ``note`` of :func:`section3_data` for the command line (stderr)."""
    seconds = {"markov": "about a minute", "linear": "a few seconds", "matmul": "a few seconds"}
    print(f"computing the Section III {part} data for the report ({seconds.get(part, '')}, "
          "stored for the next run)", file=sys.stderr)
