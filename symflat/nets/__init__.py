"""Networks as exact computation graphs, and what can be done with any of them.

Owns :class:`~symflat.nets.network.Network` (a small core: graph, counts, validation), the
activations (:mod:`~symflat.nets.activations`), the one network evaluator, exact or in rigorous
intervals (:mod:`~symflat.nets.evaluate`), writing networks as JSON/DOT text
(:mod:`~symflat.nets.export`) and drawing them like the paper's Fig. 2
(:mod:`~symflat.nets.drawing`, laid out by :mod:`symflat.layout`, with weights typeset in
Unicode, :mod:`~symflat.nets.typeset`), reading them back (:mod:`~symflat.nets.io`),
and the exact Taylor expansion (:mod:`~symflat.nets.expansion`, on the polynomial ring of
:mod:`~symflat.nets.polyring` and :mod:`~symflat.nets.composition`).

It may import :mod:`symflat.exact`, :mod:`symflat.errors`, :mod:`symflat.files` and
:mod:`symflat.layout`. Inside, a module imports only those before it in: protocol, typeset,
activations, evaluate, export, drawing, network, io, polyring, composition, expansion. The
evaluator and the writers take any :class:`~symflat.nets.protocol.NetworkLike` (a name, a
graph, inputs and outputs), so ``network.py`` imports them for ``net.linear_map()``,
``net.to_json()``, ``net.to_dot()`` and the Jupyter drawing; the readers build a ``Network``
and come after it
(``symflat.nets.io.from_json``).
"""
