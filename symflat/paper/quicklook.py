"""Quick-look matplotlib figures of the paper's Section III tables (for notebooks).

Each function draws rows computed by the engine (:func:`~symflat.paper.linear.synapse_count_rows`,
:func:`~symflat.paper.sparse.sparse_cost_rows`, :func:`~symflat.paper.strassen.gate_count_rows`,
:func:`~symflat.paper.strassen.linear_synapse_rows`) and returns a ``matplotlib.figure.Figure``
(nothing is shown). The report draws its own figures from stored data
(:mod:`symflat.report.figures`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from symflat.paper.linear import SynapseComparison, synapse_count_rows
from symflat.paper.sparse import MonteCarloResult, sparse_cost_rows
from symflat.paper.strassen import gate_count_rows, linear_synapse_rows

__all__ = ["plot_synapse_counts", "plot_sparse_cost", "plot_gate_counts", "plot_matmul_synapses"]


def plot_synapse_counts(rows: Sequence[SynapseComparison] | None = None) -> Any:
    """A log-log matplotlib figure: synapses against n, factored (solid) and flat (dashed).

    FFT and Walsh–Hadamard have identical counts (2n log2 n against n²): their curves coincide
    and are told apart by the markers.

    Returns the ``matplotlib.figure.Figure`` (Agg backend; nothing is shown).
    """
    from matplotlib.figure import Figure

    rows = synapse_count_rows() if rows is None else rows
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    families: dict[str, list[SynapseComparison]] = {}
    for r in rows:
        families.setdefault(r.name.rsplit("_", 1)[0].rstrip("_0123456789"), []).append(r)
    styles = itertools.cycle([("C0", "o", 9), ("C1", "D", 5), ("C2", "^", 6), ("C3", "v", 6)])
    for (family, group), (color, marker, size) in zip(families.items(), styles):
        ns = [r.n for r in group]
        ax.plot(ns, [r.factored for r in group], "-", marker=marker, markersize=size,
                fillstyle="none", color=color, label=f"{family}: factored")
        ax.plot(ns, [r.flat for r in group], "--", marker=marker, markersize=size,
                color=color, alpha=0.6, label=f"{family}: flat")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("n")
    ax.set_ylabel("synapses (non-zero weights)")
    ax.set_title("Linear networks: factored vs flattened")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def plot_sparse_cost(rows: Sequence[tuple[int, Fraction, Fraction, Fraction]] | None = None,
                     monte_carlo: Sequence[MonteCarloResult] = ()) -> Any:
    """C_s against n for several p (log x axis) with the asymptote 1/(2p) dotted.

    Monte Carlo results, if given, are drawn as error bars of the ratio of sample means
    (numerical).
    """
    from matplotlib.figure import Figure

    rows = sparse_cost_rows() if rows is None else rows
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    by_p: dict[Fraction, list[tuple[int, Fraction]]] = {}
    for n, p, cost, _ in rows:
        by_p.setdefault(p, []).append((n, cost))
    for (p, pts), color in zip(sorted(by_p.items()), itertools.cycle("C0 C1 C2 C3 C4".split())):
        ax.plot([n for n, _ in pts], [float(c) for _, c in pts], "-", color=color,
                label=f"p = {p}")
        ax.axhline(float(1 / (2 * p)), color=color, linestyle=":", linewidth=1)
    for r in monte_carlo:
        scale = 2 * r.n * r.n * float(r.p)
        ax.errorbar([r.n], [r.mean / scale], yerr=[r.half_width / scale], fmt="k.",
                    capsize=2)
    ax.set_xscale("log")
    ax.set_xlabel("n")
    ax.set_ylabel("C_s (Eq. 27)")
    ax.set_title("Flattening cost of a sparse product; dotted: 1/(2p)")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def plot_gate_counts(rows: Sequence[tuple[int, int, int, str]] | None = None) -> Any:
    """Log-log figure: multiplication gates against n, Strassen (n^2.807) and naive (n³)."""
    from matplotlib.figure import Figure

    rows = gate_count_rows() if rows is None else rows
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    ns = [r[0] for r in rows]
    ax.plot(ns, [r[1] for r in rows], "o-", label="Strassen: 7^k = n^log2(7)")
    ax.plot(ns, [r[2] for r in rows], "s--", label="schoolbook: n^3")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("n (n×n matrices)")
    ax.set_ylabel("multiplication gates")
    ax.set_title("Matrix multiplication as multiplication gates")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def plot_matmul_synapses(rows: Sequence[dict[str, Any]] | None = None) -> Any:
    """Two panels: synapses of M -> N M (flat n³, full Strassen, best cut-off), and C_s.

    The right panel is the flattening cost C_s = flat / factored; it exceeds 1 (dotted) from
    n = 64 with the best cut-off and from n = 2^16 with the full recursion.
    """
    from matplotlib.figure import Figure

    rows = linear_synapse_rows(range(1, 21)) if rows is None else rows
    fig = Figure(figsize=(9, 4))
    ax, cost = fig.subplots(1, 2)
    ns = [r["n"] for r in rows]
    ax.plot(ns, [r["flat"] for r in rows], "s--", label="flat (ℓ = 0): n^3")
    ax.plot(ns, [r["strassen"] for r in rows], "o-", label="Strassen, full recursion")
    ax.plot(ns, [r["best"] for r in rows], "^-", label="Strassen, best cut-off")
    ax.set_yscale("log")
    ax.set_ylabel("synapses")
    ax.set_title("M -> N M: synapses")
    cost.plot(ns, [r["flat"] / r["strassen"] for r in rows], "o-", color="C1",
              label="flat / full recursion")
    cost.plot(ns, [r["flat"] / r["best"] for r in rows], "^-", color="C2",
              label="flat / best cut-off")
    cost.axhline(1, color="k", linestyle=":", linewidth=1)
    cost.set_ylabel("C_s")
    cost.set_title("flattening cost")
    for axis in (ax, cost):
        axis.set_xscale("log", base=2)
        axis.set_xlabel("n (n×n, N fixed)")
        axis.legend(fontsize="small")
    fig.tight_layout()
    return fig
