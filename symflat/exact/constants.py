"""The one size and shape guard of exact constants, passed before any algebra.

A weight, a bias, ``--at``, ``--lambda``, a claim's parameter, a polynomial read from text: an
exact constant a user gives can make sympy's canonical forms run without end. A tower of
exponentials is the case met: ``exp(exp(exp(5)))`` is e^(10^64), and deciding anything about a
number built from it (``cancel`` evaluates numerically to tell zero from not zero) needs its
exponent to 10^64 digits. :func:`check_constant` refuses such a constant in one line naming the
limit it passes:

- :data:`MAX_NODES` parts (what the parser can read from its longest string);
- functions nested at most :data:`MAX_TOWER` deep (``E`` counts as ``exp(1)``), the limit the
  activations have too;
- at most :data:`MAX_FUNCTIONS` distinct function values (each is one more generator of the
  rational functions that ``cancel`` simplifies);
- every number a function is applied to, and the constant itself (an activation is applied to
  a bias), at most 2^:data:`MAX_MAGNITUDE_BITS` in absolute value, bounded rigorously by
  interval arithmetic, innermost first, so that no evaluation meets a number larger than that.

An activation applied to a constant (:meth:`symflat.nets.activations.Activation.coefficients`)
is bounded the same way, with the two towers' limits added.

Examples
--------
>>> check_constant(sympy.exp(sympy.exp(sympy.E)) / 3)
exp(exp(E))/3
>>> check_constant(sympy.exp(sympy.exp(sympy.exp(5))), "--at")
Traceback (most recent call last):
...
symflat.errors.ExpressionError: --at: exp(exp(exp(5))) is larger than 2^4096 in absolute value (exp(exp(exp(5))) is about 2^(4.1e+64)); exact algebra on such numbers does not end
"""  # noqa: E501

from __future__ import annotations

import sympy

from symflat.errors import ExpressionError
from symflat.exact.interval import magnitude_bits

__all__ = ["MAX_FUNCTIONS", "MAX_MAGNITUDE_BITS", "MAX_NODES", "MAX_TOWER", "check_constant",
           "tower_height"]

#: Most parts (sympy nodes) of a constant.
MAX_NODES = 10_000
#: Deepest nesting of functions in a constant (and in an activation): exp(exp(exp(E))) is 4.
MAX_TOWER = 3
#: Most distinct function values (exp(2), log(3), E, ...) in a constant.
MAX_FUNCTIONS = 8
#: Largest magnitude of a constant, and of every number a function in it is applied to, in
#: bits: e^2839 fits, exp(exp(11)) = e^59874 (46 s to expand through a sigmoid) does not.
MAX_MAGNITUDE_BITS = 4096

_SHORT = 60


def _short(value: sympy.Basic) -> str:
    # Unordered: sympy's printer orders the terms of a sum by evaluating them numerically,
    # which is what does not end on the values refused here.
    text = sympy.sstr(value, order="none")
    return text if len(text) <= _SHORT else text[:_SHORT - 3] + "..."


def _is_function(node: sympy.Basic) -> bool:
    return isinstance(node, sympy.Function) or node is sympy.E


def tower_height(expr: sympy.Basic) -> int:
    """How many functions (exp, log, tanh, ...) are applied one inside another, at most; ``E``
    counts as ``exp(1)``.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> tower_height(sympy.exp(sympy.tanh(x)) + x), tower_height(sympy.exp(sympy.E))
    (2, 2)
    """
    height: dict[sympy.Basic, int] = {}
    for node in sympy.postorder_traversal(expr):  # children first, without recursion
        if node not in height:
            inner = max((height[arg] for arg in node.args), default=0)
            height[node] = inner + _is_function(node)
    return height[expr]


def check_constant(value: sympy.Expr, what: str = "constant", *, tower: int = MAX_TOWER,
                   functions: int = MAX_FUNCTIONS, bound_value: bool = True) -> sympy.Expr:
    """Return ``value`` if its size and shape are within the limits, else refuse it.

    Parameters
    ----------
    value : sympy.Expr
        The constant (it may contain symbols: only its numbers are bounded in magnitude).
    what : str
        How to name it in the message (``"weight of x1->h"``, ``"--at"``).
    tower, functions : int
        The limits on nesting and on distinct function values (the module's by default; a
        caller bounding an activation applied to a constant adds the two towers).
    bound_value : bool
        Bound the magnitude of ``value`` itself, not only of what its functions are applied
        to: a constant is what an activation is later applied to; σ(b), whose derivatives are
        taken, is not.

    Raises
    ------
    ExpressionError
        One line: what the constant is, which limit it passes.
    """
    if value.is_Rational or value.is_Symbol:
        return value  # the common case, and nothing to bound (rationals are bounded when read)
    nodes = 0
    for _ in sympy.preorder_traversal(value):
        nodes += 1
        if nodes > MAX_NODES:
            raise ExpressionError(f"{what}: the expression has more than {MAX_NODES} parts; "
                                  "give a smaller one")
    height = tower_height(value)
    if height > tower:
        raise ExpressionError(
            f"{what}: {_short(value)} nests functions {height} deep; the limit is {tower} "
            "(a tower such as exp(exp(exp(exp(1)))) makes exact algebra run without end)")
    applied = {node for node in sympy.preorder_traversal(value) if _is_function(node)}
    if len(applied) > functions:
        raise ExpressionError(
            f"{what}: {_short(value)} holds {len(applied)} different function values; the "
            f"limit is {functions} (each one makes exact simplification slower)")
    # Innermost first: a number is evaluated only once every number inside it is bounded.
    numbers = [node for node in sympy.postorder_traversal(value)
               if (_is_function(node) or node.is_Pow) and not node.free_symbols]
    arguments = [arg for node in numbers if isinstance(node, sympy.Function)
                 for arg in node.args]
    if bound_value and not value.free_symbols:
        numbers.append(value)
    checked = set()
    for node in [*arguments, *numbers]:
        if node in checked or node.is_Rational:
            continue
        checked.add(node)
        bits = magnitude_bits(node)
        if bits is not None and bits > MAX_MAGNITUDE_BITS:
            size = "too large to bound" if bits == float("inf") else f"about 2^({bits:.2g})"
            raise ExpressionError(
                f"{what}: {_short(value)} is larger than 2^{MAX_MAGNITUDE_BITS} in absolute "
                f"value ({_short(node)} is {size}); exact algebra on such numbers does not end")
    return value
