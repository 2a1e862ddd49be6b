"""The report's Section III figures, drawn from the numbers the Section III checkers stored:
synapse counts of the linear networks, the sparse product's flattening cost, Strassen's
synapses and gates, and the Markov chains' block counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from symflat.report.figures.common import (
    BLUES,
    COLORS,
    ORANGES,
    Figure,
    export,
    log2_ticks,
    panel_label,
    plain,
    plain_log_y,
    plain_none,
    pyplot,
    sequence,
)

__all__ = ["FAMILY_NAMES", "section3_figures"]

#: Display names of the linear networks' families.
FAMILY_NAMES = {"fft": "FFT", "walsh_hadamard": "Walsh–Hadamard", "low_rank_k1": "rank 1 (A = BC)"}


def _figure_synapses(data: Mapping[str, Any]) -> Figure:
    plt = pyplot()
    rows = data["synapses"]
    families = list(dict.fromkeys(r["family"] for r in rows))
    fig, ax = plt.subplots(figsize=(6.4, 3.7))
    styles = {"fft": ("o", 8.5, "none"), "walsh_hadamard": ("D", 4.2, "full"),
              "low_rank_k1": ("^", 6, "full")}
    for color, family in zip((COLORS[0], COLORS[4], COLORS[2]), families):
        mine = [r for r in rows if r["family"] == family]
        marker, size, fill = styles.get(family, ("o", 5, "full"))
        ax.plot([r["n"] for r in mine], [r["factored"] for r in mine], "-", marker=marker,
                ms=size, fillstyle=fill, mew=1.3, lw=1.4, color=color,
                label=f"{FAMILY_NAMES.get(family, family)}: factored")
    flats = {f: [(r["n"], r["flat"]) for r in rows if r["family"] == f] for f in families}
    if len({tuple(v) for v in flats.values()}) == 1:
        ns, counts = zip(*next(iter(flats.values())))
        ax.plot(ns, counts, "--", marker="s", ms=4.5, color=COLORS[1], lw=1.4,
                label="flattened, every family (n² = all entries)")
    else:
        for family, points in flats.items():
            ax.plot(*zip(*points), "--", marker="s", ms=4, lw=1, color=COLORS[1],
                    label=f"{FAMILY_NAMES.get(family, family)}: flattened")
    ax.set_yscale("log")
    log2_ticks(ax, sorted({r["n"] for r in rows}))
    ax.set_xlabel("n (inputs = outputs)")
    ax.set_ylabel("synapses (non-zero weights)")
    ax.legend(fontsize=8, loc="upper left")
    svg, pdf = export(fig, "sec3-synapses")
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


def _figure_sparse(data: Mapping[str, Any]) -> Figure:
    plt = pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.6, 3.7),
                                      gridspec_kw={"width_ratios": [1.25, 1], "wspace": 0.28})
    sparse = data["sparse_n"]
    ns = sparse["ns"]
    colors = dict(zip(sparse["ps"], sequence(BLUES, len(sparse["ps"]))))
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
    panel_label(left, "against n; dotted: the bound 1/(2p)")
    left.annotate("$C_s = 1$", xy=(ns[-1], 1), xytext=(-2, 3), textcoords="offset points",
                  ha="right", va="bottom", fontsize=8, color="#57606a")
    handles, labels = left.get_legend_handles_labels()
    left.legend(handles, labels, fontsize=7.5, loc="lower right")

    by_p = data["sparse_p"]
    pv = by_p["p_values"]
    for color, n in zip(sequence(ORANGES, len(by_p["ns"])), by_p["ns"]):
        right.plot(pv, by_p["cost"][str(n)], "-", color=color, lw=1.5, label=f"n = {n}")
    right.plot(pv, [1 / (2 * p) for p in pv], ":", color="#24292f", lw=1.3, label="1/(2p)")
    right.axhline(1, color="#57606a", lw=0.9, alpha=0.6)
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("p (probability of a non-zero entry)")
    right.set_ylabel("$C_s$")
    panel_label(right, "against p; dotted: the bound 1/(2p)")
    right.legend(fontsize=7.5, loc="lower right")
    for axis in (left, right):
        axis.xaxis.set_major_formatter(plain)
        axis.yaxis.set_major_formatter(plain)
    svg, pdf = export(fig, "sec3-sparse-cost")
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


def _figure_matmul(data: Mapping[str, Any]) -> Figure:
    plt = pyplot()
    rows = data["linear"]
    ns = [r["n"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.6, 3.7), gridspec_kw={"wspace": 0.3})
    graph = [r for r in rows if r["source"] == "graph"]
    small = [r for r in rows if r["n"] <= 256]
    small_ns = [r["n"] for r in small]
    left.plot(small_ns, [r["flat"] for r in small], "--", color=COLORS[1], lw=1.4,
              label="flat: n³")
    left.plot(small_ns, [r["strassen"] for r in small], "-", color=COLORS[0], lw=1.4,
              label="Strassen, full recursion")
    left.plot(small_ns, [r["best"] for r in small], "-", color=COLORS[2], lw=1.4,
              label="Strassen, best cut-off")
    for key, color, marker in (("flat", COLORS[1], "s"), ("strassen", COLORS[0], "o"),
                               ("best", COLORS[2], "^")):
        left.plot([r["n"] for r in graph], [r[key] for r in graph], marker, color=color,
                  ms=4.5)
    left.set_yscale("log")
    log2_ticks(left, small_ns)
    left.set_xlabel("n (M and N are n×n, N fixed)")
    left.set_ylabel("synapses")
    panel_label(left, f"synapses of M → NM, n ≤ {small_ns[-1]}")
    left.legend(fontsize=7.5, loc="upper left")

    right.plot(ns, [r["flat"] / r["strassen"] for r in rows], "-", color=COLORS[0], lw=1.4,
               label="flat / full recursion")
    right.plot(ns, [r["flat"] / r["best"] for r in rows], "-", color=COLORS[2], lw=1.4,
               label="flat / best cut-off")
    right.plot([r["n"] for r in graph], [r["flat"] / r["strassen"] for r in graph], "o",
               color=COLORS[0], ms=4.5)
    right.plot([r["n"] for r in graph], [r["flat"] / r["best"] for r in graph], "^",
               color=COLORS[2], ms=4.5)
    right.axhline(1, color="#57606a", lw=0.9, ls=":")
    for n, color in ((data["first_best"], COLORS[2]), (data["first_full"], COLORS[0])):
        if n is None:
            continue
        right.axvline(n, color=color, lw=0.9, ls="--", alpha=0.6)
        right.annotate(f"n = {_power(n)}", xy=(n, 1), xycoords="data", xytext=(3, 26),
                       textcoords="offset points", fontsize=8, color=color)
    plain_log_y(right)
    log2_ticks(right, ns)
    right.set_xlabel("n")
    right.set_ylabel("flattening cost $C_s$")
    panel_label(right, "$C_s$ = flat / Strassen; above 1 Strassen is smaller")
    right.legend(fontsize=7.5, loc="upper left")
    svg, pdf = export(fig, "sec3-matmul-synapses")
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


def _figure_gates(data: Mapping[str, Any]) -> Figure:
    plt = pyplot()
    gates = data["gates"]
    syn = data["gate_synapses"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.6, 3.7), gridspec_kw={"wspace": 0.3})
    ns = [g["n"] for g in gates]
    for key, color, marker, name in (("strassen", COLORS[0], "o", "Strassen"),
                                     ("schoolbook", COLORS[1], "s", "schoolbook")):
        label = f"{name}: {'7ᵏ' if key == 'strassen' else 'n³'} gates"
        left.plot(ns, [g[key] for g in gates], "-", color=color, lw=1.4, label=label)
        graph = [g for g in gates if g["source"] == "graph"]
        left.plot([g["n"] for g in graph], [g[key] for g in graph], marker, color=color, ms=5)
        left.plot([s["n"] for s in syn], [s[key] for s in syn], "--", marker=marker,
                  fillstyle="none", color=color, ms=5, lw=1.1,
                  label=f"{name}: synapses (graphs)")
    left.set_yscale("log")
    log2_ticks(left, ns)
    left.set_xlabel("n (n×n matrices)")
    left.set_ylabel("count")
    panel_label(left, "gates and synapses of C = AB")
    left.legend(fontsize=7.5, loc="upper left")

    right.plot(ns, [g["strassen"] / g["schoolbook"] for g in gates], "o-", color=COLORS[0],
               ms=4, lw=1.4, label="gates (= hidden neurons / 4)")
    right.plot([s["n"] for s in syn], [s["strassen"] / s["schoolbook"] for s in syn], "s--",
               color=COLORS[4], ms=5, lw=1.4, label="synapses")
    right.axhline(1, color="#57606a", lw=0.9, ls=":")
    log2_ticks(right, ns)
    right.set_xlabel("n")
    right.set_ylabel("Strassen / schoolbook")
    panel_label(right, "ratio; below 1 Strassen is smaller")
    right.legend(fontsize=7.5, loc="lower left")
    svg, pdf = export(fig, "sec3-gate-counts")
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


def _figure_distillation(data: Mapping[str, Any]) -> Figure:
    plt = pyplot()
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
        for color, (blocks, seeds) in zip(COLORS * 3, sorted(patterns.items())):
            levels = list(range(len(blocks)))
            ax.plot(levels, blocks, "-o", color=color, lw=0.8 + 0.7 * len(seeds),
                    ms=3 + 0.6 * len(seeds), alpha=0.85, solid_capstyle="round")
        n = max(len(b) for b in patterns) - 1
        ax.set_xticks(range(n + 1))
        ax.set_xticklabels([f"$T_{{{i}}}$" for i in range(n + 1)])
        ax.set_xlim(-0.25, n + 0.25)
        ax.set_yscale("log", base=2)
        ax.set_yticks([2**k for k in range(top.bit_length())])
        ax.yaxis.set_major_formatter(plain)
        ax.yaxis.set_minor_formatter(plain_none)
        ax.set_ylim(0.8, top * 1.25)
        total = sum(len(v) for v in patterns.values())
        ax.set_title(f"{family.replace(', ', ',')} · {total} chains", fontsize=8.5, loc="left",
                     color="#24292f")
    for ax in axes.flat[count:]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_ylabel("blocks of $T_i$")
    svg, pdf = export(fig, "sec3-distillation")
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


def section3_figures(data: Mapping[str, Any]) -> list[Figure]:
    """The Section III figures for the parts of :func:`symflat.report.data.section3_data`
    present."""
    figures = []
    if "linear" in data:
        figures += [_figure_synapses(data["linear"]), _figure_sparse(data["linear"])]
    if "matmul" in data:
        figures += [_figure_matmul(data["matmul"]), _figure_gates(data["matmul"])]
    if "markov" in data:
        figures.append(_figure_distillation(data["markov"]))
    return figures
