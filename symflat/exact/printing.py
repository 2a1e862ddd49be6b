"""The one printer of exact expressions and polynomials: input grammar, terminal and LaTeX.

Three ways out, one module:

- :func:`to_text` writes an expression back in the grammar that
  :mod:`symflat.exact.expressions` reads, checked to read back (files, JSON);
- :func:`math_text` and :func:`polynomial_text` write what a person reads in a terminal: the
  same grammar with ``^`` for powers, variables in natural order (``x2`` before ``x10``), a
  long polynomial abbreviated to its leading terms and a truncated expansion ending in
  ``+ O(|x|^(d+1))``;
- :func:`math_latex` and :func:`polynomial_latex` give the same as LaTeX, for KaTeX in HTML,
  the LaTeX article and Jupyter's ``_repr_latex_``.

``str(expr)`` is sympy's notation, not ours: it writes the imaginary unit as ``I`` (which our
parser reads as a variable named I), the unit step as ``Heaviside(x)`` (which it refuses) and
roots as ``x**(1/3)`` (a fractional exponent, which it refuses). :func:`to_text` prints every
value the parser can produce so that parsing the text gives the same expression back, and it
proves that for each value it writes: the text is parsed again and compared with the value
(structurally, else by exact expansion of the difference), and a value that does not come back
equal is refused instead of written wrongly.

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
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import cache

import sympy
from sympy.printing.str import StrPrinter

from symflat.errors import ExpressionError
from symflat.exact.expressions import natural_sort_key, parse_expression, to_expression

__all__ = ["SHOWN_TERMS", "counted", "math_latex", "math_text", "polynomial_latex",
           "polynomial_text", "prose_math", "to_text"]

#: Terms of a polynomial shown when it is abbreviated (``shown=SHOWN_TERMS``).
SHOWN_TERMS = 8
#: Width of the digit runs in the names that put variables in natural order while printing.
_PAD = 12


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
    # sympy distributes a sign over a sum as it builds (-(a + b) is -a - b), so the text may
    # read back in another form of the same value: that is proven by exact expansion.
    if back != expr and sympy.expand(back - expr) != 0:
        raise ExpressionError(f"cannot write {expr} exactly: {text!r} reads back as {back}")
    return text



# ----------------------------------------------------------------------------------------------
# What a person reads: the terminal (^, natural order) and LaTeX
# ----------------------------------------------------------------------------------------------


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun in the right number.

    Examples
    --------
    >>> counted(1, "claim"), counted(53, "claim"), counted(2, "matrix", "matrices")
    ('1 claim', '53 claims', '2 matrices')
    """
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _natural(expr: sympy.Expr) -> tuple[sympy.Expr, dict[sympy.Symbol, str]]:
    """``expr`` with its symbols renamed so that sympy's ordering of names is the natural one.

    sympy sorts terms and factors by the names of their symbols as strings (``x10 < x2``).
    Padding every run of digits (``x2 -> x000000000002``) makes that order the natural one;
    the printers then write each padded symbol under its own name (the returned map).
    Symbols whose padded names would collide are left as they are.
    """
    symbols = [s for s in expr.free_symbols if type(s) is sympy.Symbol]
    padded = {s: re.sub(r"\d+", lambda m: m.group().zfill(_PAD), s.name) for s in symbols}
    if len(set(padded.values())) != len(symbols):
        return expr, {}
    rename = {s: sympy.Symbol(name, **s.assumptions0) for s, name in padded.items()
              if name != s.name}
    return expr.xreplace(rename), {new: old.name for old, new in rename.items()}


class _TerminalPrinter(_GrammarPrinter):
    """The grammar printer with ``^`` for powers and the original names of padded symbols."""

    def __init__(self, names: Mapping[sympy.Symbol, str]) -> None:
        super().__init__({"order": "lex"})
        self._names = names

    def _print_Symbol(self, expr: sympy.Symbol) -> str:
        return self._names.get(expr, expr.name)

    def _print_Pow(self, expr: sympy.Expr, rational: bool = False) -> str:
        return super()._print_Pow(expr, rational).replace("**", "^")

    def _print_Float(self, expr: sympy.Expr) -> str:
        return sympy.StrPrinter._print_Float(self, expr)

    def _print_factorial(self, expr: sympy.Expr) -> str:
        # n! as printed in the paper (the grammar has no factorial: this is for reading).
        arg = expr.args[0]
        inner = self._print(arg)
        return f"{inner}!" if arg.is_Symbol or arg.is_Integer else f"({inner})!"


def math_text(expr: object) -> str:
    """An exact expression as the terminal shows it: the input grammar, ``^`` for powers.

    Variables come in natural order (``x2`` before ``x10``), as in the rest of symflat's
    output; the text reads back to the same value with the restricted parser, except for
    what the grammar cannot write and the terminal shows as the paper does (``n!``).

    Parameters
    ----------
    expr : sympy.Basic, int, Fraction, str or tuple
        The value to show (a string is read by the restricted parser; a tuple is written
        as one, element by element).

    Returns
    -------
    str

    Examples
    --------
    >>> import sympy
    >>> x1, x2, x10 = sympy.symbols("x1 x2 x10")
    >>> math_text(x1*x10*x2**2 - sympy.Rational(3, 4)*x10**3)
    'x1*x2^2*x10 - 3*x10^3/4'
    >>> n, d = sympy.symbols("n d")
    >>> math_text(2**(2**n)), math_text(sympy.factorial(d + n) / sympy.factorial(n))
    ('2^(2^n)', '(d + n)!/n!')
    """
    if isinstance(expr, tuple | list):
        return "(" + ", ".join(math_text(e) for e in expr) + ")"
    natural, names = _natural(_value(expr))
    return _TerminalPrinter(names).doprint(natural)


def math_latex(expr: object) -> str:
    r"""An exact expression as LaTeX, variables in natural order (``x_{2}`` before ``x_{10}``).

    Examples
    --------
    >>> import sympy
    >>> x2, x10 = sympy.symbols("x2 x10")
    >>> math_latex(x10 * x2**2 / sympy.Symbol("sigma3"))
    '\\frac{x_{2}^{2} x_{10}}{\\sigma_{3}}'
    """
    if isinstance(expr, tuple | list):
        return r"\left(" + ", ".join(math_latex(e) for e in expr) + r"\right)"
    natural, names = _natural(_value(expr))
    return sympy.latex(natural, symbol_names={s: _symbol_latex(name) for s, name in names.items()})


def _value(expr: object) -> sympy.Basic:
    """A value to print: sympy objects as they are, exact numbers as sympy numbers, strings
    read by the restricted parser (never ``sympify`` of text)."""
    if isinstance(expr, int | Fraction):
        return sympy.sympify(expr)
    if isinstance(expr, sympy.Basic):
        return expr
    return to_expression(expr)


@cache
def _symbol_latex(name: str) -> str:
    return sympy.latex(sympy.Symbol(name))


def _ordered(terms: Mapping[tuple[int, ...], object], variables: Sequence[str],
             ascending: bool) -> tuple[list[int], list[tuple[tuple[int, ...], object]]]:
    """The variables' positions in natural order, and the terms in reading order: by total
    degree (descending for a polynomial, ascending for a Taylor expansion), then
    lexicographically in the natural order of the variables."""
    index = sorted(range(len(variables)), key=lambda i: natural_sort_key(variables[i]))
    sign = 1 if ascending else -1

    def key(item: tuple[tuple[int, ...], object]) -> tuple[int, tuple[int, ...]]:
        e = item[0]
        return sign * sum(e), tuple(-e[i] for i in index)

    return index, sorted(terms.items(), key=key)


def _rational(c: object) -> Fraction | None:
    if isinstance(c, int | Fraction):
        return Fraction(c)
    if isinstance(c, sympy.Rational):
        return Fraction(int(c.p), int(c.q))
    return None


def _term_text(c: object, e: tuple[int, ...], variables: Sequence[str],
               index: list[int]) -> tuple[bool, str]:
    """One term as (negative, text without its sign)."""
    q = _rational(c)
    if q is None:  # a symbolic coefficient: sympy writes the product (and its fraction)
        mono = sympy.Mul(*(sympy.Symbol(variables[i]) ** e[i] for i in index))
        text = math_text(_value(c) * mono)
        return (True, text[1:]) if text.startswith("-") else (False, text)
    mono = "*".join(variables[i] if e[i] == 1 else f"{variables[i]}^{e[i]}"
                    for i in index if e[i])
    num = abs(q.numerator)
    body = "*".join(([str(num)] if num != 1 or not mono else []) + ([mono] if mono else []))
    return q < 0, body + (f"/{q.denominator}" if q.denominator != 1 else "")


def _term_latex(c: object, e: tuple[int, ...], variables: Sequence[str],
                index: list[int]) -> tuple[bool, str]:
    q = _rational(c)
    if q is None:
        mono = sympy.Mul(*(sympy.Symbol(variables[i]) ** e[i] for i in index))
        text = math_latex(_value(c) * mono)
        return (True, text[1:].lstrip()) if text.startswith("-") else (False, text)
    mono = " ".join(_symbol_latex(variables[i]) + (f"^{{{e[i]}}}" if e[i] != 1 else "")
                    for i in index if e[i])
    num, den = abs(q.numerator), q.denominator
    coeff = rf"\frac{{{num}}}{{{den}}}" if den != 1 else (str(num) if num != 1 or not mono
                                                          else "")
    return q < 0, " ".join(part for part in (coeff, mono) if part)


def _join(pieces: list[tuple[bool, str]]) -> str:
    out = ""
    for negative, body in pieces:
        out += (f" - {body}" if negative else f" + {body}") if out else (
            f"-{body}" if negative else body)
    return out or "0"


def _polynomial(poly: object, variables: Sequence[str] | None, shown: int | None,
                through: int | None, ascending: bool, term, more: str, big_o: str) -> str:
    if variables is None:  # a Polynomial
        variables, terms = poly.variables, poly.terms  # type: ignore[attr-defined]
    else:
        terms = poly
    index, ordered = _ordered(terms, variables, ascending)
    # Abbreviate only when it saves something: a polynomial of up to 2 * shown terms is whole.
    cut = shown if shown is not None and len(ordered) > 2 * shown else len(ordered)
    text = _join([term(c, e, variables, index) for e, c in ordered[:cut]])
    if cut < len(ordered):
        text += more.format(len(ordered) - cut)
    if through is not None:
        text = (big_o.format(through + 1) if text == "0"
                else text + " + " + big_o.format(through + 1))
    return text


def polynomial_text(poly: object, variables: Sequence[str] | None = None, *,
                    shown: int | None = None, through: int | None = None,
                    ascending: bool = False) -> str:
    """A polynomial as the terminal shows it, in the input grammar (``^`` for powers).

    Parameters
    ----------
    poly : Polynomial or mapping
        A :class:`~symflat.exact.polynomial.Polynomial` (text that results store is read by
        :func:`~symflat.exact.polynomial.to_polynomial` first), or
        ``{exponents: coefficient}`` with ``variables`` (coefficients exact: rationals or
        sympy expressions such as those of a Taylor expansion in the generic σ).
    variables : sequence of str, optional
        The names of the exponents' positions (with a mapping only).
    shown : int, optional
        Abbreviate a polynomial of more than ``2 * shown`` terms to its ``shown`` leading
        terms and ``… and N more terms``. All terms when ``None``.
    through : int, optional
        The polynomial is a Taylor expansion exact through this total degree: it ends in
        ``+ O(|x|^(through + 1))``.
    ascending : bool
        Terms by increasing total degree (a Taylor expansion) instead of decreasing.

    Returns
    -------
    str
        Variables in natural order (``x2`` before ``x10``), terms by total degree and then
        lexicographically. Without abbreviation or ``O`` term the text reads back to the same
        polynomial.

    Examples
    --------
    >>> from symflat.exact.polynomial import parse_polynomial
    >>> polynomial_text(parse_polynomial("x10*x2 + x1^2/2 - 3"))
    'x1^2/2 + x2*x10 - 3'
    >>> polynomial_text(parse_polynomial("(x1 + x2 + 1)^3"), shown=3)
    'x1^3 + 3*x1^2*x2 + 3*x1*x2^2 … and 7 more terms'
    >>> import sympy
    >>> polynomial_text({(1, 1): 1, (3, 1): sympy.Symbol("sigma3") / 2}, ["x1", "x2"],
    ...                 through=4, ascending=True)
    'x1*x2 + sigma3*x1^3*x2/2 + O(|x|^5)'
    """
    return _polynomial(poly, variables, shown, through, ascending, _term_text,
                       " … and {} more terms", "O(|x|^{})")


def polynomial_latex(poly: object, variables: Sequence[str] | None = None, *,
                     shown: int | None = None, through: int | None = None,
                     ascending: bool = False) -> str:
    r"""A polynomial as LaTeX (no ``$``), with the options of :func:`polynomial_text`.

    Examples
    --------
    >>> from symflat.exact.polynomial import parse_polynomial
    >>> polynomial_latex(parse_polynomial("x10*x2 - x1^2/2"))
    '-\\frac{1}{2} x_{1}^{2} + x_{2} x_{10}'
    >>> polynomial_latex(parse_polynomial("(x1 + 1)^5"), shown=2, through=5)
    'x_{1}^{5} + 5 x_{1}^{4} + \\dots \\text{ and 4 more terms} + O(|x|^{6})'
    """
    return _polynomial(poly, variables, shown, through, ascending, _term_latex,
                       r" + \dots \text{{ and {} more terms}}", "O(|x|^{{{}}})")


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
    is three words, not a product); a run that contains ``*`` or ``^`` and that the restricted
    parser reads becomes ``("math", latex)`` (unless the parser evaluated it to a longer
    number, as ``2^260``); everything else stays ``("text", ...)``, with any
    ``**`` left in it shown as ``^`` and ``*`` as ``·``. A name glued to other prose (the
    ``xn`` of ``x1⋯xn``) stays with the prose, so that a formula never takes half of a word.
    Nothing is evaluated beyond what the parser does.

    Examples
    --------
    >>> prose_math("error sigma4*x1**2/(6*sigma2) as λ -> 0")
    [('text', 'error '), ('math', '\\frac{\\sigma_{4} x_{1}^{2}}{6 \\sigma_{2}}'),
     ('text', ' as λ -> 0')]
    >>> prose_math("holds for n >= 1 with y1^2 terms")
    [('text', 'holds for n >= 1 with '), ('math', 'y_{1}^{2}'), ('text', ' terms')]
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
        if content == "," and _balance(run) <= 0:  # a comma outside a call separates prose
            flush()
            emit("text", content)
            last = None
            continue
        opens = kind == "operand" or content == "("
        if opens and last in ("operand", ")") and run and run[-1][0] == "space":
            flush()  # two operands side by side: prose, not a product
        run.append((kind, content))
        last = "operand" if kind == "operand" else (")" if content == ")" else "op")
    flush()
    return [(kind, content.replace("**", "^").replace("*", "·") if kind == "text" else content)
            for kind, content in out]


def _balance(run: list[tuple[str, str]]) -> int:
    """Parentheses opened and not closed in a run of pieces."""
    return sum({"(": 1, ")": -1}.get(content, 0) for _, content in run)


def _closing(text: str) -> int:
    """The index of the parenthesis that closes the one ``text`` starts with (-1: none)."""
    depth = 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return i
    return -1


def _formula(run: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A run of pieces as text, or as text around one LaTeX formula when it reads as one."""
    text = "".join(content for _, content in run)
    # A leading minus sign belongs to the formula; other operators at its ends join it to prose.
    core = text.lstrip(" \t\n+*/^,").rstrip(" \t\n+-*/^,")
    if not ("*" in core or "^" in core) or len(core) > _MAX_FORMULA:
        return [("text", text)]
    # Parentheses that open before the formula or close after it belong to the prose.
    while core.count("(") > core.count(")") and core.startswith("("):
        core = core[1:].lstrip()
    while core.count(")") > core.count("(") and core.endswith(")"):
        core = core[:-1].rstrip()
    # Parentheses around the whole formula are prose (the Θ(...) of Θ(n^4)).
    while core.startswith("(") and core.endswith(")") and _closing(core) == len(core) - 1:
        core = core[1:-1].strip()
    try:
        value = parse_expression(core, symbolic_exponents=True)
    except ExpressionError:
        return [("text", text)]
    if value.is_Number and len(str(value)) > len(core):
        return [("text", text)]  # arithmetic the parser evaluated (2^260): the prose's form
    start = text.index(core)
    return [("text", text[:start]), ("math", sympy.latex(value)),
            ("text", text[start + len(core):])]
