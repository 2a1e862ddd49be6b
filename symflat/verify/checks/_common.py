"""Helpers shared by the checkers: reading parameters, exact formatting, building verdicts."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import sympy

from symflat.errors import ExpressionError
from symflat.exact.expressions import to_expression
from symflat.exact.printing import math_text
from symflat.verify.claims import Claim, ClaimError, Verdict
from symflat.verify.scope import Scope

__all__ = [
    "param",
    "parameter_error",
    "expr_param",
    "instantiate",
    "int_range",
    "verdict",
    "Scope",
    "fmt",
    "proven_equal",
]

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def param(claim: Claim, name: str) -> Any:
    """A parameter with its checker's default applied."""
    from symflat.verify.checks._registry import REGISTRY

    spec = REGISTRY[claim.checker].params.get(name)
    default = spec.default if spec is not None else None
    return claim.parameters.get(name, default)


def parameter_error(claim: Claim, name: str, problem: str) -> ClaimError:
    """The error of a claim's parameter ``name`` (where it is, and what is wrong)."""
    return ClaimError(f"{claim.source}: claim '{claim.id}': field 'parameters.{name}': {problem}")


def expr_param(
    claim: Claim,
    name: str,
    *,
    variables: Collection[str] | None = None,
    values: Mapping[str, int] | None = None,
    text: str | None = None,
) -> sympy.Expr:
    """Read the expression-string parameter ``name`` with :func:`parse_expression`.

    ``values`` substitutes integers for whole identifiers *before* parsing (so that a formula
    such as ``2^n`` can be read at n = 5); the result is still read by the restricted grammar.
    Errors name the claim's file and the field.
    """
    from symflat.exact.constants import check_constant
    from symflat.exact.expressions import parse_expression

    raw = param(claim, name) if text is None else text
    if not isinstance(raw, str):
        raise parameter_error(claim, name, "missing expression")
    source = instantiate(raw, values) if values else raw
    allowed = None
    if variables is not None:
        allowed = [v for v in variables if not values or v not in values]
    try:
        return check_constant(parse_expression(source, variables=allowed), "the formula")
    except ExpressionError as error:
        raise parameter_error(claim, name, f"{raw!r}: {error}") from None


def instantiate(text: str, values: Mapping[str, int]) -> str:
    """Replace whole identifiers of ``text`` by parenthesised integers.

    Examples
    --------
    >>> instantiate("2^n + nn*n", {"n": 3})
    '2^(3) + nn*(3)'
    """

    def repl(match: re.Match[str]) -> str:
        name = match.group(0)
        return f"({int(values[name])})" if name in values else name

    return _IDENT.sub(repl, text)


def int_range(claim: Claim, name: str) -> list[int]:
    """The values of an ``int_range`` parameter ``[lo, hi]`` (inclusive; its kind, checked at
    load, makes it ascending), or of an ``int_list`` parameter, as a list."""
    from symflat.verify.checks._registry import REGISTRY

    value = param(claim, name)
    if not isinstance(value, list) or not value:
        raise parameter_error(claim, name, "must be a non-empty list of integers")
    if REGISTRY[claim.checker].params[name].kind == "int_range":
        return list(range(value[0], value[1] + 1))
    return list(value)


def fmt(value: Any) -> str:
    """A short exact text form of a sympy value for evidence lines: the input grammar with
    ``^`` and variables in natural order (:func:`~symflat.exact.printing.math_text`), which
    the report and Jupyter read back and typeset.

    Examples
    --------
    >>> fmt(sympy.Rational(1, 3) * sympy.Symbol("x")**2), fmt("n = 2")
    ('x^2/3', 'n = 2')
    """
    if isinstance(value, sympy.Basic):
        return math_text(value)
    return str(value)


def proven_equal(a: sympy.Expr, b: sympy.Expr) -> bool:
    """Whether ``a - b`` is zero in exact canonical form (rational functions, exp/log rules).

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> proven_equal((x**2 - 1) / (x - 1), x + 1)
    True
    """
    diff = sympy.cancel(sympy.expand(to_expression(a) - to_expression(b)))
    if diff == 0:
        return True
    return sympy.simplify(diff) == 0


#: Certificate key of the plain numbers stored for the report's figures and tables, by figure
#: (``{"synapses": [...], "markov": {...}}``): computed when the claim is checked, so the report
#: renders them and computes nothing. The report does not display this entry.
FIGURE_DATA = "figure_data"


def verdict(
    claim: Claim,
    status: str,
    evidence: str,
    *,
    scope: Scope,
    corrected: str | None = None,
    numerical: bool = False,
    details: Sequence[str] = (),
    certificate: Mapping[str, Any] | None = None,
) -> Verdict:
    """Build the claim's :class:`Verdict`; ``scope`` says how far it reaches (required).

    Examples
    --------
    >>> claim = Claim("x", "t", "s", "II", "c")
    >>> verdict(claim, "verified", "exact", scope=Scope.for_range("n", [1, 2, 3])).label
    'verified for n = 1..3'
    """
    return Verdict(
        scope=scope,
        claim_id=claim.id,
        status=status,
        evidence=evidence,
        corrected=corrected,
        numerical=numerical,
        details=tuple(details),
        certificate=dict(certificate or {}),
    )


def network_drawing(net: Any, what: str) -> dict[str, Any]:
    """The figure data of a network the checker built: its drawing (:func:`symflat.nets.drawing.
    to_svg`, computed here, at check time, so the report only embeds it) and its caption.

    Examples
    --------
    >>> from symflat.paper.networks import multiplication_gate
    >>> data = network_drawing(multiplication_gate(), "the gate")
    >>> data["caption"], data["svg"].startswith("<svg")
    ('the gate: 4 neurons, depth 1, 12 synapses', True)
    """
    from symflat.nets.drawing import to_svg

    return {"name": net.name, "svg": to_svg(net),
            "caption": f"{what}: {net.neuron_count} neurons, depth {net.depth}, "
                       f"{net.synapse_count} synapses"}


def with_figure_data(result: Verdict, **figures: Any) -> Verdict:
    """``result`` with plain figure data added under :data:`FIGURE_DATA` of its certificate.

    Examples
    --------
    >>> from symflat.verify.claims import Verdict
    >>> result = Verdict("x", "verified", "e", scope=Scope.for_all())
    >>> with_figure_data(result, counts=[1, 2]).certificate
    {'figure_data': {'counts': [1, 2]}}
    """
    certificate = dict(result.certificate)
    certificate[FIGURE_DATA] = {**certificate.get(FIGURE_DATA, {}), **figures}
    return dataclasses.replace(result, certificate=certificate)
