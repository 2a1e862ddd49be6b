"""Networks as exact computation graphs, and what can be done with any of them.

Owns :class:`~symflat.nets.network.Network` (graph, counts, validation, JSON/DOT), the
activations (:mod:`~symflat.nets.activations`) and the exact Taylor expansion
(:mod:`~symflat.nets.expansion`). It may import :mod:`symflat.exact` and :mod:`symflat.errors`.
"""
