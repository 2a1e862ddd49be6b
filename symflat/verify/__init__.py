"""The pipeline: claims, their checkers, the runner, the store, sweeps.

Owns the claim catalog reader (:mod:`~symflat.verify.claims`), the thin checkers and their
registry (:mod:`~symflat.verify.checks`), the runner that decides claims
(:mod:`~symflat.verify.runner`: :func:`~symflat.verify.runner.verify`, the Python API of
``symflat verify``), the SQLite store (:mod:`~symflat.verify.store`) and width sweeps
(:mod:`~symflat.verify.sweep`: :func:`~symflat.verify.sweep.sweep`). Claims know no checker:
the runner validates them against the registry. It may import :mod:`symflat.width`,
:mod:`symflat.paper`, :mod:`symflat.nets`, :mod:`symflat.exact` and the modules beside them
(:mod:`symflat.errors`, :mod:`symflat.executor`); never the report or the command line.
"""
