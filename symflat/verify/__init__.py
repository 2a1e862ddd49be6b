"""The pipeline: claims, their checkers, the store, sweeps.

Owns the claim catalog reader (:mod:`~symflat.verify.claims`), the thin checkers
(:mod:`~symflat.verify.checks`), the SQLite store (:mod:`~symflat.verify.store`) and width sweeps
(:mod:`~symflat.verify.sweep`). It may import :mod:`symflat.width`, :mod:`symflat.paper`,
:mod:`symflat.nets` and :mod:`symflat.exact`; never the report or the command line.
"""
