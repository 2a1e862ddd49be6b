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

import re

import sympy
from sympy.printing.str import StrPrinter

from symflat.errors import ExpressionError
from symflat.exact.expressions import parse_expression, to_expression

__all__ = ["prose_math", "to_text"]


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


# Pieces of prose: a number or name, an operator, a parenthesis or comma, a run of spaces, or
# any other single character (which ends a formula: '=', ':', ';', unicode, ...).
_PIECE = re.compile(r"(?P<operand>[A-Za-z_][A-Za-z0-9_]*|\d+)|(?P<op>\*\*|[-+*/^])"
                    r"|(?P<paren>[(),])|(?P<space>\s+)|(?P<other>.)", re.DOTALL)
#: Formulas in prose longer than this (in characters) are left as text.
_MAX_FORMULA = 400


def prose_math(text: str) -> list[tuple[str, str]]:
    r"""Cut prose into text and the formulas written in it with Python operators, as LaTeX.

    Evidence strings are prose with formulas in the parser's grammar, such as
    ``sigma4*x1*x2*(x1**2 + x2**2)/(6*sigma2)``. A formula is a maximal run of numbers, names,
    operators and parentheses in which no two operands stand side by side (``the error is``
    is three words, not a product); a run that contains ``*`` and that the restricted parser
    reads becomes ``("math", latex)``; everything else stays ``("text", ...)``, with any
    ``**`` left in it shown as ``^`` and ``*`` as ``·``. A name glued to other prose (the
    ``xn`` of ``x1⋯xn``) stays with the prose, so that a formula never takes half of a word.
    Nothing is evaluated beyond what the parser does.

    Examples
    --------
    >>> prose_math("error sigma4*x1**2/(6*sigma2) as λ -> 0")
    [('text', 'error '), ('math', '\\frac{\\sigma_{4} x_{1}^{2}}{6 \\sigma_{2}}'),
     ('text', ' as λ -> 0')]
    >>> prose_math("holds for n >= 1")
    [('text', 'holds for n >= 1')]
    """
    pieces = [(m.lastgroup, m.group()) for m in _PIECE.finditer(text)]
    out: list[tuple[str, str]] = []
    run: list[tuple[str, str]] = []

    def emit(kind: str, content: str) -> None:
        if out and out[-1][0] == kind == "text":
            out[-1] = ("text", out[-1][1] + content)
        elif content:
            out.append((kind, content))

    def flush() -> None:
        for kind, content in _formula(run):
            emit(kind, content)
        run.clear()

    last = None  # the kind of the last non-space piece of the run
    glued = False  # the previous piece was other prose, with no space after it
    for kind, content in pieces:
        if kind == "other":
            tail = run.pop() if run and run[-1][0] == "operand" else None
            flush()
            emit("text", (tail[1] if tail else "") + content)
            last, glued = None, True
            continue
        if glued and kind == "operand":
            emit("text", content)
            glued = False
            continue
        glued = False
        if kind == "space":
            run.append((kind, content))
            continue
        opens = kind == "operand" or content == "("
        if opens and last in ("operand", ")") and run and run[-1][0] == "space":
            flush()  # two operands side by side: prose, not a product
        run.append((kind, content))
        last = "operand" if kind == "operand" else (")" if content == ")" else "op")
    flush()
    return [(kind, content.replace("**", "^").replace("*", "·") if kind == "text" else content)
            for kind, content in out]


def _formula(run: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A run of pieces as text, or as text around one LaTeX formula when it reads as one."""
    text = "".join(content for _, content in run)
    # A leading minus sign belongs to the formula; other operators at its ends join it to prose.
    core = text.lstrip(" \t\n+*/^,").rstrip(" \t\n+-*/^,")
    if "*" not in core or len(core) > _MAX_FORMULA:
        return [("text", text)]
    # Parentheses that open before the formula or close after it belong to the prose.
    while core.count("(") > core.count(")") and core.startswith("("):
        core = core[1:].lstrip()
    while core.count(")") > core.count("(") and core.endswith(")"):
        core = core[:-1].rstrip()
    try:
        value = parse_expression(core)
    except ExpressionError:
        return [("text", text)]
    start = text.index(core)
    return [("text", text[:start]), ("math", sympy.latex(value)),
            ("text", text[start + len(core):])]
