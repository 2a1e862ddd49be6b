"""The paper's networks and objects, built with :mod:`symflat.nets`.

Owns the gates and products of Sec. II (:mod:`~symflat.paper.networks`) and the series the
report draws over them (:mod:`~symflat.paper.gate_series`), Section III's linear networks
(:mod:`~symflat.paper.linear`, exact over Q(ζ_N) with :mod:`~symflat.paper.cyclotomic`), the
sparse product of Eq. 27 (:mod:`~symflat.paper.sparse`), Strassen
(:mod:`~symflat.paper.strassen`), the Markov chains of information distillation
(:mod:`~symflat.paper.markov`) with Eq. 21 (:mod:`~symflat.paper.information`) and the
gallery of named networks (:mod:`~symflat.paper.gallery`). The Section III tables are drawn
once, by the report (:mod:`symflat.report.figures.section3`, from the numbers the checkers
store). It may import :mod:`symflat.nets` and
:mod:`symflat.exact`.
"""
