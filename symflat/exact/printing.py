"""Write exact expressions back in the grammar that :mod:`symflat.exact.expressions` reads.

``str(expr)`` is sympy's notation, not ours: it writes the imaginary unit as ``I`` (which our
parser reads as a variable named I), the unit step as ``Heaviside(x)`` (which it refuses) and
roots as ``x**(1/3)`` (a fractional exponent, which it refuses). :func:`to_text` prints every
value the parser can produce so that parsing the text gives the same expression back, and it
proves that for each value it writes: the text is parsed again and compared structurally, and
a value that does not come back unchanged is refused instead of written wrongly.

Examples
--------
>>> import sympy
>>> to_text(sympy.sqrt(-1) * sympy.Symbol("x"))
'sqrt(-1)*x'
>>> to_text(sympy.Heaviside(sympy.Symbol("u") - 1))
'step(u - 1)'
>>> to_text(sympy.Integer(2) ** sympy.Rational(1, 3))
'exp(log(2)/3)'
"""

from __future__ import annotations

import sympy
from sympy.printing.str import StrPrinter

from symflat.errors import ExpressionError
from symflat.exact.expressions import parse_expression, to_expression

__all__ = ["to_text"]


class _GrammarPrinter(StrPrinter):
    """sympy's string printer with the names and forms of the restricted grammar."""

    def _print_ImaginaryUnit(self, expr: sympy.Expr) -> str:
        return "sqrt(-1)"

    def _print_Exp1(self, expr: sympy.Expr) -> str:
        return "E"

    def _print_Heaviside(self, expr: sympy.Expr) -> str:
        # step(x) is Heaviside(x, 1/2); another value at 0 is not in the grammar (caught below).
        return f"step({self._print(expr.args[0])})"

    def _print_Max(self, expr: sympy.Expr) -> str:
        return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Abs(self, expr: sympy.Expr) -> str:
        return f"abs({self._print(expr.args[0])})"

    def _print_Pow(self, expr: sympy.Expr, rational: bool = False) -> str:
        base, exponent = expr.args
        if exponent.is_Rational and not exponent.is_Integer:
            if exponent == sympy.S.Half:
                return f"sqrt({self._print(base)})"
            if exponent == -sympy.S.Half:
                return f"1/sqrt({self._print(base)})"
            # Any other root: exp(q*log(b)), which sympy evaluates back to b**q.
            return f"exp({self._print(exponent * sympy.log(base, evaluate=False))})"
        return super()._print_Pow(expr, rational)

    def _print_Float(self, expr: sympy.Expr) -> str:
        raise ExpressionError(f"{expr} is a float, not an exact number")


def to_text(expr: sympy.Expr) -> str:
    """The text of ``expr`` in the restricted grammar, checked to read back to ``expr``.

    Parameters
    ----------
    expr : sympy.Expr
        An exact expression (as produced by :func:`~symflat.exact.expressions.parse_expression`
        or built from sympy numbers, symbols and the grammar's functions).

    Returns
    -------
    str
        Text that :func:`~symflat.exact.expressions.parse_expression` reads back to ``expr``.

    Raises
    ------
    ExpressionError
        If ``expr`` has no such text (a float, a function outside the grammar, a symbol name
        the grammar refuses).

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> to_text(sympy.Rational(-3, 4) * x**2 + sympy.exp(x))
    '-3*x**2/4 + exp(x)'
    >>> to_text(sympy.cot(x))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    symflat.errors.ExpressionError: cannot write cot(x) exactly: unknown function 'cot' ...
    """
    expr = to_expression(expr)
    try:
        text = _GrammarPrinter({"order": "lex"}).doprint(expr)
        back = parse_expression(text)
    except ExpressionError as error:
        raise ExpressionError(f"cannot write {expr} exactly: {error}") from None
    if back != expr:
        raise ExpressionError(f"cannot write {expr} exactly: {text!r} reads back as {back}")
    return text
