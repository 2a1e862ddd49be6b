"""Symbolic proofs as data: a list of steps, each an identity (or inequality) checked by sympy.

A :class:`Proof` is what a checker turns into a verdict of scope ``all``: every step holds for
symbolic parameters (sizes, indices, probabilities), so the statement holds for all of them.
Steps that are definitions or elementary facts of finite sums are stated in ``how`` and, where
sympy can, checked too. The modules that build proofs: :mod:`symflat.paper.sparse` (Eq. 27),
:mod:`symflat.paper.markov_proofs` (Theorem 2, Corollary 2, Eq. 21),
:mod:`symflat.paper.product_proofs` (the 2^n lower bound, the binary tree's counts).

Examples
--------
>>> x = sympy.Symbol("x")
>>> step = ProofStep("difference of squares", (x - 1) * (x + 1), x**2 - 1,
...                  is_zero((x - 1) * (x + 1) - (x**2 - 1)), "expand")
>>> proof = Proof("demo", (step,))
>>> proof.holds, proof.lines()
(True, ['[ok] difference of squares: (x - 1)*(x + 1) = x^2 - 1 (expand)'])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy

from symflat.exact.expressions import to_expression
from symflat.exact.printing import math_text

__all__ = ["Proof", "ProofStep", "is_zero"]


@dataclass(frozen=True)
class ProofStep:
    """One step of a symbolic proof: ``lhs = rhs`` (or ``lhs >= 0``), checked by sympy."""

    claim: str
    lhs: Any
    rhs: Any
    holds: bool
    how: str

    def line(self) -> str:
        """The step as one line of text."""
        mark = "ok" if self.holds else "FAILED"
        return f"[{mark}] {self.claim}: {_text(self.lhs)} = {_text(self.rhs)} ({self.how})"


def _text(side: Any) -> str:
    """A side of a step as the terminal shows it; words (``free of lambda``) as they are."""
    return side if isinstance(side, str) else math_text(side)


@dataclass(frozen=True)
class Proof:
    """A proof: its title, hypotheses and steps; it holds when every step does.

    Attributes
    ----------
    title : str
        What is proved.
    steps : tuple of ProofStep
        The steps, in order.
    hypotheses : tuple of str
        What the proof assumes (support conditions, the model).
    """

    title: str
    steps: tuple[ProofStep, ...]
    hypotheses: tuple[str, ...] = ()

    @property
    def holds(self) -> bool:
        """Whether every step was checked."""
        return bool(self.steps) and all(step.holds for step in self.steps)

    def lines(self) -> list[str]:
        """The hypotheses and steps as text, one line each."""
        return [f"hypothesis: {h}" for h in self.hypotheses] + [s.line() for s in self.steps]

    def failed(self) -> list[str]:
        """The claims of the steps that did not hold."""
        return [step.claim for step in self.steps if not step.holds]


def is_zero(expr: Any) -> bool:
    """Whether ``expr`` simplifies to 0 exactly (sympy canonical forms; never floats).

    Rational functions are decided by ``cancel`` (finite sums count as atoms), the rest by
    ``simplify``; where sympy fails on an expression the answer is False (not proven).

    Examples
    --------
    >>> is_zero(sympy.Symbol("x") - sympy.Symbol("x")), is_zero(sympy.Integer(1))
    (True, False)
    """
    expr = to_expression(expr)
    try:
        if sympy.cancel(sympy.expand(expr)) == 0:
            return True
        return sympy.simplify(sympy.expand(expr)) == 0
    except (StopIteration, TypeError, ValueError, RecursionError):
        return False  # sympy could not decide: not proven (never a proof by accident)
