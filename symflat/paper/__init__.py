"""The paper's networks and objects, built with :mod:`symflat.nets`.

Owns the gates and products of Sec. II (:mod:`~symflat.paper.networks`), Section III's linear
networks (:mod:`~symflat.paper.linear`, :mod:`~symflat.paper.strassen`), the Markov chains of
information distillation (:mod:`~symflat.paper.markov`) and the gallery of named networks
(:mod:`~symflat.paper.gallery`). It may import :mod:`symflat.nets` and :mod:`symflat.exact`.
"""
