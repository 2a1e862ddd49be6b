"""Fixtures of the report tests: the paper's real claims with verdicts built here, plus
hostile claims.

The verdicts are constructed (every status, numerical evidence, corrected statements) so the
report tests need no checking; the hostile claims put ``<script>`` and ``\\input{/etc/passwd}``
into an id, a title, statements, notes and evidence. The ``report_sample`` fixture hands them
to the tests.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import pytest

from symflat.report.data import ReportData, report_data
from symflat.verify.checks import FIGURE_DATA
from symflat.verify.claims import Scope, Verdict, load_claims

STATUSES = ("verified", "sampled", "refuted", "conditional", "inconclusive")

HOSTILE = [
    {"id": "x<script>", "title": "<script>window.__xss = 1</script>", "section": "none",
     "statement": r"<script>window.__xss = 2</script> \input{/etc/passwd}",
     "checker": "none", "notes": r"\write18{touch /tmp/symflat-pwned} %"},
    {"id": "passwd", "title": r"\input{/etc/passwd}", "section": "none",
     "statement": r"$\input{/etc/passwd}$ and $$x^^5cinput{/etc/passwd}$$ then \input{/etc/passwd}",
     "hypotheses": [r"\def\x{\input{/etc/passwd}}\x"], "checker": "none", "depends": ["eq11"]},
]
HOSTILE_VERDICTS = {
    "x<script>": {"status": "inconclusive",
                  "evidence": "<img src=x onerror=window.__xss=3> \\input{/etc/passwd}",
                  "details": ["<b>not bold</b>"], "certificate": {"<k>": "</script>"}},
    "passwd": {"status": "refuted", "evidence": "see \\input{/etc/passwd}",
               "corrected": r"\input{/etc/passwd}"},
}


def every_vetted_command() -> str:
    """One formula using every command the math whitelist accepts."""
    from symflat.report import texmath

    parts = []
    for name in sorted(texmath.MATH_SYMBOLS):
        if name in ("over", "choose"):
            parts.append(rf"{{a \{name} b}}")
        elif name in ("limits", "nolimits"):
            parts.append(rf"{{\sum\{name}_i x}}")
        elif name == "not":
            parts.append(r"{a \not= b}")
        elif name.rstrip("lr") in ("big", "Big", "bigg", "Bigg"):
            parts.append(rf"{{\{name}( x \{name})}}")
        else:
            parts.append(rf"{{\{name}}}")
    for name, arity in sorted(texmath._MATH_ARGS.items()):
        parts.append("{\\" + name + "{x}" * arity + "}")
    for name in sorted(texmath._TEXT_ARGS):
        parts.append("{\\" + name + "{ab}}")
    for env in sorted(texmath._ENVIRONMENTS):
        parts.append(rf"{{\begin{{{env}}} a & b \\ c & d \end{{{env}}}}}")
    return " ".join(parts)


def sample_claims():
    """The catalog's claims, one using every vetted command, and the hostile ones (dicts)."""
    everything = {"id": "every-command", "title": "Every vetted command", "section": "none",
                  "statement": every_vetted_command(), "checker": "none"}
    return [*load_claims(), everything, *HOSTILE]


@functools.lru_cache(maxsize=1)
def stored_figures():
    """Figure data as the checkers store it, by checker (the engine's series on coarse grids)."""
    from symflat.paper.gate_series import (
        bit_product_series,
        multiplication_error_series,
        neuron_count_series,
    )
    from symflat.paper.networks import deep_product, flat_product, multiplication_gate
    from symflat.verify.checks import network_drawing

    return {
        "multiplication-approximator": {"network": network_drawing(multiplication_gate(),
                                                                   "The gate")},
        "appendix-a-weights": {"network": network_drawing(flat_product(3), "Flat, n = 3")},
        "deep-product-size": {"network": network_drawing(deep_product(4), "Tree, n = 4")},
        "scaling-accuracy": {"multiplication_error": multiplication_error_series(
            ["1", "1/10", "1/100", "1/1000"])},
        "deep-vs-shallow": {"neuron_counts": neuron_count_series(6, 12)},
        "bit-product-limit": {"bit_product": bit_product_series(list(range(2, 61, 6)),
                                                                ks=(1, 3))},
    }


@functools.lru_cache(maxsize=1)
def hostile_drawings():
    """Stored drawings a report must not trust: one drawn by symflat of a network whose name
    is markup (escaped in the SVG), one tampered with (a script: refused as a whole)."""
    from symflat.nets.drawing import to_svg
    from symflat.paper.networks import multiplication_gate

    gate = multiplication_gate()
    gate.name = "<script>window.__xss = 4</script>"
    svg = to_svg(gate, engine="builtin")
    tampered = ('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
                "<script>window.__xss = 5</script><text>tampered drawing</text></svg>")
    return ({"name": gate.name, "svg": svg, "caption": "<b>hostile</b> \\input{/etc/passwd}"},
            {"name": "tampered", "svg": tampered, "caption": "tampered"})


def sample_verdicts(claims):
    """A verdict for every claim, cycling through the statuses; the claims whose checkers store
    figure data carry it (:func:`stored_figures`)."""
    verdicts = {}
    for i, claim in enumerate(claims):
        ident = claim["id"] if isinstance(claim, dict) else claim.id
        if ident in HOSTILE_VERDICTS:
            drawing = hostile_drawings()[0 if ident == "x<script>" else 1]
            verdict = dict(HOSTILE_VERDICTS[ident])
            verdict["certificate"] = {**verdict.get("certificate", {}),
                                      FIGURE_DATA: {"network": drawing}}
            verdicts[ident] = verdict
            continue
        status = STATUSES[i % len(STATUSES)]
        verdicts[ident] = Verdict(
            ident, status, f"evidence for {ident}: x1*x2 + lambda**2*sigma4/sigma2 ≥ 0",
            corrected=r"\beta > 2\ln(10^D - 1)" if status == "refuted" else None,
            numerical=status == "inconclusive" and i % 8 == 3,
            details=(f"step one of {ident}", "step two: σ(−β/2) ≤ 10^−10"),
            certificate={"n": [1, 2, 3], "value": "1/3",
                         **_figures_of(claim)}, seconds=0.25, scope=_sample_scope(status, i))
    return verdicts


def _sample_scope(status, i):
    """A scope of every kind: instances for sampled, all or a range for the others."""
    if status == "sampled":
        return Scope.for_instances(50, "seeded Markov chains", {"seeds": [0, 49]})
    return Scope.for_all("all n") if i % 2 else Scope.for_range("n", range(2, 9))


def _figures_of(claim):
    checker = claim.get("checker") if isinstance(claim, dict) else claim.checker
    figures = stored_figures().get(checker)
    return {FIGURE_DATA: figures} if figures else {}


WIDTH_ROWS = [
    {"family": "monomials", "polynomial": "x1*x2", "model": "no-bias", "lower": 4, "upper": 4},
    {"family": "monomials", "polynomial": "x1*x2*x3", "model": "no-bias", "lower": 8,
     "upper": 8},
    {"family": "chains", "polynomial": "x1*x2 + x2*x3", "model": "output-bias", "lower": 5,
     "upper": 6},
]


def _shallow(lower, upper):
    return {"lower": lower, "upper": upper, "exact": lower == upper}


#: Comparisons as ``symflat sweep --compare`` stores them (the products' numbers are the real
#: ones; the chain has a gap and a polynomial name with markup, to test escaping).
COMPARE_ROWS = [
    *({"family": "products", "polynomial": "*".join(f"x{i}" for i in range(1, n + 1)), "n": n,
       "degree": n, "shallow": {"no-bias": _shallow(2**n, 2**n),
                                "output-bias": _shallow(2**n - 1, 2**n - 1)},
       "deep": {"neurons": 4 * (n - 1), "depth": (n - 1).bit_length(), "synapses": 12 * (n - 1)}}
      for n in range(1, 6)),
    {"family": "chain<b>", "polynomial": "x1*x2 + x2*x3 <i>", "n": 3, "degree": 2,
     "shallow": {"no-bias": _shallow(4, 5), "output-bias": _shallow(3, None)},
     "deep": {"neurons": 4, "depth": 1, "synapses": 16}},
]


@functools.lru_cache(maxsize=1)
def compare_rows_with_depth2():
    """:data:`COMPARE_ROWS` with the depth-2 bounds and drawings a sweep stores for x1*x2."""
    from symflat.verify.sweep.jobs import draw_depth2
    from symflat.width.compare import compare

    comparison = compare("x1*x2")
    payload = comparison.to_dict()
    draw_depth2(comparison, payload)
    return tuple({**row, "depth2": payload["depth2"]} if row["polynomial"] == "x1*x2" else row
                 for row in COMPARE_ROWS)


def sample_data():
    """ReportData of the sample (fixed date, so outputs are reproducible)."""
    claims = sample_claims()
    return report_data(claims, sample_verdicts(claims), width_rows=WIDTH_ROWS,
                       compare_rows=compare_rows_with_depth2(),
                       proofs="proofs/", store="/tmp/store.sqlite",
                       generated="2024-01-01 00:00 UTC")


@dataclass(frozen=True)
class ReportSample:
    """The sample's parts; ``claims()`` and ``data()`` build fresh objects on each call."""

    hostile: tuple[dict[str, Any], ...] = tuple(HOSTILE)

    def claims(self) -> list[Any]:
        return sample_claims()

    def data(self) -> ReportData:
        return sample_data()

    def compare_rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in compare_rows_with_depth2()]

    def every_vetted_command(self) -> str:
        return every_vetted_command()


@pytest.fixture(scope="session")
def report_sample() -> ReportSample:
    """The report tests' sample claims, verdicts and data."""
    return ReportSample()
