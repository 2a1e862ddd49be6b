"""Networks as exact computation graphs, and what can be done with any of them.

Owns :class:`~symflat.nets.network.Network` (graph, counts, validation, JSON/DOT), the
activations (:mod:`~symflat.nets.activations`), the exact Taylor expansion
(:mod:`~symflat.nets.expansion`) and the one network evaluator, exact or in rigorous intervals
(:mod:`~symflat.nets.evaluate`). It may import :mod:`symflat.exact` and :mod:`symflat.errors`.
"""
