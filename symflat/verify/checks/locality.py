"""Sec. II.4.2: the degree a local binary Hamiltonian can have (thin over
:mod:`symflat.paper.locality`)."""

from __future__ import annotations

import sympy

from symflat.verify.checks._common import Scope, expr_param, fmt, param, verdict
from symflat.verify.checks._registry import Param, checker
from symflat.verify.claims import Claim, ClaimError, Verdict

_READINGS = {
    "clique": "a term is local when its spins are pairwise coupled (a clique of the coupling "
              "graph): the largest degree is the clique number",
    "neighbourhood": "a term is local when its spins are one spin and spins coupled to it: the "
                     "largest degree is z + 1",
}


@checker(
    "locality-degree",
    bound=Param("str", "the printed largest degree, an expression in z (the number of "
                "neighbours of a spin)", required=True),
    reading=Param("str", "'clique' or 'neighbourhood': which terms count as local (not an "
                  "expression)", default="clique"),
)
def check_locality_degree(claim: Claim) -> Verdict:
    """Locality limits the degree d of a binary Hamiltonian by the printed bound in z."""
    from symflat.paper.locality import coupling_graphs, lemma_holds_up_to, local_degrees

    reading = param(claim, "reading").strip()
    if reading not in _READINGS:
        raise ClaimError(f"{claim.source}: claim '{claim.id}': field 'parameters.reading': "
                         f"must be one of {', '.join(_READINGS)}, not {reading!r}")
    z = sympy.Symbol("z", integer=True, positive=True)
    bound = expr_param(claim, "bound", variables=["z"]).xreplace({sympy.Symbol("z"): z})
    key = "clique" if reading == "clique" else "neighbourhood"
    lemma, atlas = lemma_holds_up_to(7)
    details = [f"reading: {_READINGS[reading]}",
               "lemma: a clique containing a spin v lies in {v} ∪ N(v), so the clique number "
               "is at most z + 1; it is z + 1 only when that clique is a whole component "
               "K_(z+1) (its spins have all their z neighbours inside it)",
               f"cross-check: the lemma holds on all {atlas} graphs with edges of the networkx "
               f"atlas (up to 7 vertices){'' if lemma else ' [FAILED]'}"]
    failures = []
    for name, graph in coupling_graphs().items():
        found = local_degrees(graph)
        allowed = bound.subs(z, found["z"])
        ok = found[key] <= allowed
        details.append(f"{name}: z = {found['z']}, largest local degree {found[key]} "
                       f"({'<=' if ok else '>'} printed {fmt(allowed)})")
        if not ok:
            failures.append((name, found))
    always = sympy.simplify(bound - (z + 1)).is_nonnegative  # bound >= z + 1 for every z
    scope = Scope.for_all("every coupling graph") if lemma else Scope.for_range(
        "vertices", range(1, 8))
    if not failures or always:
        return verdict(claim, "verified", f"the largest local degree is at most "
                       f"{fmt(bound)} for every coupling graph ({reading} reading)",
                       details=details, scope=scope)
    name, found = failures[0]
    if reading == "neighbourhood":
        return verdict(claim, "refuted", f"a spin with its z neighbours is a local term of "
                       f"degree z + 1 > {fmt(bound)} on every graph (e.g. {name}: "
                       f"{found['neighbourhood']})", corrected=r"d \le z + 1",
                       details=details, scope=scope)
    lattices = [n for n, g in coupling_graphs().items() if "complete" not in n]
    return verdict(
        claim, "conditional",
        f"d <= clique number <= z + 1 for every coupling graph; the printed d <= {fmt(bound)} "
        "holds unless z + 1 spins are all coupled to each other (a component K_(z+1), e.g. "
        f"{name}: d = {found['clique']} > z = {found['z']}); on the lattices "
        f"({', '.join(lattices)}) it holds, loosely (d <= 2 on bipartite lattices)",
        corrected=(r"d \le \omega(G) \le z + 1\text{, with } d \le z \text{ unless } z+1 "
                   r"\text{ spins are all coupled to each other; } d \le 2 \text{ on a "
                   r"rectangular lattice}"),
        details=details, scope=scope,
    )
