"""The paper's networks and objects, built with :mod:`symflat.nets`.

Owns the gates and products of Sec. II (:mod:`~symflat.paper.networks`) and the series the
report draws over them (:mod:`~symflat.paper.gate_series`), Section III's linear networks
(:mod:`~symflat.paper.linear`, exact over Q(ζ_N) with :mod:`~symflat.paper.cyclotomic`), the
sparse product of Eq. 27 (:mod:`~symflat.paper.sparse`), Strassen
(:mod:`~symflat.paper.strassen`), the Markov chains of information distillation
(:mod:`~symflat.paper.markov`) with Eq. 21 (:mod:`~symflat.paper.information`), quick-look
plots of the Section III tables (:mod:`~symflat.paper.quicklook`) and the gallery of named
networks (:mod:`~symflat.paper.gallery`). It may import :mod:`symflat.nets` and
:mod:`symflat.exact`.
"""
