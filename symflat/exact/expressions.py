"""Read untrusted expression strings into exact sympy objects.

Expression strings come from users (the command line, claim files, network files), so they are
never handed to ``eval``, ``sympify`` or ``parse_expr``. A small tokenizer and a recursive-descent
parser read a restricted grammar and build sympy objects directly:

- integer literals (``12``); decimals such as ``0.5`` are rejected because they are not exact,
  with a hint naming the exact fraction (``write 1/2``);
- identifiers ``[A-Za-z_][A-Za-z0-9_]*`` become plain ``sympy.Symbol(name)``; names that start
  with ``_`` or contain ``__`` are refused; ``pi`` and ``E`` are the constants; the names sympy
  reads as something else (:data:`RESERVED`: ``I``, ``oo``, ``nan``, ``S``, ``N``, ...) are
  refused as variables (:func:`check_variable_name`), so that no printed expression can be
  read with a variable where sympy meant a constant;
- ``+ - * /``, unary ``+ -``, powers ``**`` or ``^`` (right-associative and binding tighter
  than a unary minus on their left, as in Python: ``-x**2`` is ``-(x**2)``); an exponent must
  evaluate to an integer of absolute value at most 1000;
- parentheses, and calls of a fixed set of functions: ``exp log sqrt sin cos tan sinh cosh tanh
  atan erf`` and the non-analytic ``relu`` (``Max(0, x)``), ``max``, ``abs``, ``step`` /
  ``heaviside`` and ``sign``.

Anything else raises :class:`symflat.errors.ExpressionError` with a one-line message saying what
is wrong and where (positions are 0-based character offsets into the string). Polynomials
are read by :func:`symflat.exact.polynomial.parse_polynomial`, on top of this parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from fractions import Fraction

import sympy

from symflat.errors import ExpressionError
from symflat.exact.hints import MAX_DIGITS, fraction_hint

__all__ = [
    "CONSTANTS",
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "RESERVED",
    "check_variable_name",
    "natural_sort_key",
    "parse_expression",
    "to_expression",
]

#: Longest accepted expression string, in characters.
MAX_LENGTH = 10_000
#: Deepest accepted nesting of parentheses, calls, powers and unary signs.
MAX_DEPTH = 200
#: Largest accepted absolute value of an exponent.
MAX_EXPONENT = 1000
#: Largest number of bits of an exact number raised to a power (guards ``(2^1000)^1000``).
_MAX_POWER_BITS = 100_000
#: Calls with this many levels of calls nested inside their arguments are built unevaluated:
#: sympy's automatic evaluation of, e.g., tanh(tanh(...(x + 1)...) + 1) takes exponential time.
_EVALUATE_CALL_HEIGHT = 4


def _relu(x: sympy.Expr, *, evaluate: bool = True) -> sympy.Expr:
    return sympy.Max(0, x, evaluate=evaluate)


#: The callable functions: name -> (sympy constructor, fewest arguments, most arguments or None).
FUNCTIONS: dict[str, tuple[Callable[..., sympy.Expr], int, int | None]] = {
    "exp": (sympy.exp, 1, 1),
    "log": (sympy.log, 1, 1),
    "sqrt": (sympy.sqrt, 1, 1),
    "sin": (sympy.sin, 1, 1),
    "cos": (sympy.cos, 1, 1),
    "tan": (sympy.tan, 1, 1),
    "sinh": (sympy.sinh, 1, 1),
    "cosh": (sympy.cosh, 1, 1),
    "tanh": (sympy.tanh, 1, 1),
    "atan": (sympy.atan, 1, 1),
    "erf": (sympy.erf, 1, 1),
    "relu": (_relu, 1, 1),
    "max": (sympy.Max, 2, None),
    "abs": (sympy.Abs, 1, 1),
    "step": (sympy.Heaviside, 1, 1),
    "heaviside": (sympy.Heaviside, 1, 1),
    "sign": (sympy.sign, 1, 1),
}

#: The named constants.
CONSTANTS: dict[str, sympy.Expr] = {"pi": sympy.pi, "E": sympy.E}

_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)

#: Names that sympy reads as something other than a variable, with what it reads: its
#: constants and special values (printed under these names, so ``I`` in a printed coefficient
#: is the imaginary unit), and the objects ``from sympy import *`` binds to single letters
#: (``sympy.abc._clash1``), which make ``sympify`` of a printed expression mean something else.
#: None of them may name a variable; ``pi`` and ``E`` are this grammar's constants.
RESERVED: dict[str, str] = {
    "I": "the imaginary unit (write sqrt(-1))",
    "E": "the constant e",
    "pi": "the constant pi",
    "oo": "infinity",
    "zoo": "complex infinity",
    "nan": "not a number",
    "EulerGamma": "Euler's constant",
    "Catalan": "Catalan's constant",
    "GoldenRatio": "the golden ratio",
    "TribonacciConstant": "the tribonacci constant",
    "S": "the registry of its singletons (S.Half, S.One, ...)",
    "N": "the function N(...) of numerical evaluation",
    "O": "the order term O(...)",
    "Q": "the object Q of its assumptions",
    "true": "the logical true",
    "false": "the logical false",
    "True": "the logical true",
    "False": "the logical false",
    "None": "Python's None",
}


def check_variable_name(name: str, where: str = "") -> None:
    """Refuse a name that cannot be a variable: one sympy reads as something else
    (:data:`RESERVED`), or a function of the grammar.

    Parameters
    ----------
    name : str
        The variable's name.
    where : str
        Where it was met, for the message (`` at position 3``, `` (input of the network)``).

    Raises
    ------
    ExpressionError
        One line naming the name and what sympy reads instead.

    Examples
    --------
    >>> check_variable_name("x1")
    >>> check_variable_name("I", " at position 4")
    Traceback (most recent call last):
    ...
    symflat.errors.ExpressionError: 'I' at position 4 cannot be a variable: sympy reads it as the imaginary unit (write sqrt(-1)); choose another name
    """  # noqa: E501
    if name in RESERVED:
        raise ExpressionError(f"{name!r}{where} cannot be a variable: sympy reads it as "
                              f"{RESERVED[name]}; choose another name")
    if name in FUNCTIONS:
        raise ExpressionError(f"{name!r}{where} cannot be a variable: it is the function "
                              f"{name}(...); choose another name")


def natural_sort_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders the digit runs in a name by value, so that ``x2 < x10``.

    Parameters
    ----------
    name : str
        A variable name.

    Returns
    -------
    tuple
        A key comparing text runs as strings and digit runs as integers.

    Examples
    --------
    >>> sorted(["x10", "x2", "x1", "y", "beta"], key=natural_sort_key)
    ['beta', 'x1', 'x2', 'x10', 'y']
    """
    parts = re.split(r"(\d+)", name)
    return tuple((1, int(p)) if p.isdigit() else (0, p) for p in parts if p)


# ----------------------------------------------------------------------------------------------
# Tokenizer
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # "int", "name", "op", "end"
    text: str
    pos: int


_DECIMAL = re.compile(r"(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+", re.ASCII)
_INTEGER = re.compile(r"\d+", re.ASCII)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SPACE = " \t\r\n"
_OPERATORS = ("**", "+", "-", "*", "/", "^", "(", ")", ",")


def _describe(char: str) -> str:
    return repr(char) if char.isprintable() else f"U+{ord(char):04X}"


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _SPACE:
            i += 1
            continue
        m = _DECIMAL.match(text, i)
        if m:
            lit = m.group()
            raise ExpressionError(
                f"{lit} is not exact: {fraction_hint(lit)} (decimal number at position {i}; "
                "decimals are not allowed)"
            )
        if "0" <= c <= "9":
            m = _INTEGER.match(text, i)
            assert m is not None
            if len(m.group()) > MAX_DIGITS:
                raise ExpressionError(
                    f"integer literal at position {i} has more than {MAX_DIGITS} digits"
                )
            tokens.append(_Token("int", m.group(), i))
            i = m.end()
            continue
        m = _NAME.match(text, i)
        if m:
            tokens.append(_Token("name", m.group(), i))
            i = m.end()
            continue
        for op in _OPERATORS:
            if text.startswith(op, i):
                tokens.append(_Token("op", op, i))
                i += len(op)
                break
        else:
            if c == ".":
                msg = f"attribute access '.' at position {i} is not allowed"
            elif c in "[]{}":
                msg = f"brackets {c!r} at position {i} are not allowed: use parentheses"
            elif c in "'\"":
                msg = f"strings are not allowed (quote {c!r} at position {i})"
            else:
                msg = f"unexpected character {_describe(c)} at position {i}"
            raise ExpressionError(msg)
    tokens.append(_Token("end", "", n))
    return tokens


# ----------------------------------------------------------------------------------------------
# Parser
# ----------------------------------------------------------------------------------------------


def _token_text(tok: _Token) -> str:
    return "the end of the expression" if tok.kind == "end" else repr(tok.text)


class _Parser:
    """Recursive descent over the token list.

    Grammar::

        sum     := product (("+" | "-") product)*
        product := operand (("*" | "/") operand)*
        operand := ("+" | "-")* atom [("**" | "^") operand]
        atom    := INT | NAME | NAME "(" sum ("," sum)* ")" | "(" sum ")"

    ``sum`` and ``product`` are one loop, and ``atom`` is inlined in ``operand``, so that one
    level of nesting (parentheses, a call, an exponent) costs at most two Python frames.
    """

    def __init__(self, tokens: list[_Token], variables: frozenset[str] | None,
                 symbolic_exponents: bool = False) -> None:
        self.tokens = tokens
        self.symbolic_exponents = symbolic_exponents
        self.i = 0
        self.depth = 0
        self.variables = variables
        self.call_level = 0
        self.deepest_call = 0

    # -- helpers ---------------------------------------------------------------------------------
    @property
    def tok(self) -> _Token:
        return self.tokens[self.i]

    def _is_op(self, *ops: str) -> bool:
        tok = self.tokens[self.i]
        return tok.kind == "op" and tok.text in ops

    def _enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(
                f"expression is nested more than {MAX_DEPTH} levels deep (at position {pos})"
            )

    def _expect_close(self, opening: _Token) -> None:
        tok = self.tok
        if not self._is_op(")"):
            if self._is_op(","):
                raise ExpressionError(f"',' at position {tok.pos} outside a function call")
            raise ExpressionError(
                f"expected ')' at position {tok.pos} to close the '(' at position "
                f"{opening.pos}, found {_token_text(tok)}"
            )
        self.i += 1

    # -- grammar ---------------------------------------------------------------------------------
    def parse(self) -> sympy.Expr:
        expr = self.sum()
        tok = self.tok
        if tok.kind != "end":
            if tok.kind == "op" and tok.text == ",":
                raise ExpressionError(f"',' at position {tok.pos} outside a function call")
            if tok.kind == "op" and tok.text == ")":
                raise ExpressionError(f"unmatched ')' at position {tok.pos}")
            raise ExpressionError(
                f"expected an operator at position {tok.pos}, found {_token_text(tok)} "
                "(implicit multiplication is not allowed: write '*')"
            )
        return expr

    def sum(self) -> sympy.Expr:
        terms: list[sympy.Expr] = []
        negative = False
        while True:
            factors = [self.operand()]
            while self._is_op("*", "/"):
                op = self.tok
                self.i += 1
                factor = self.operand()
                if op.text == "/":
                    if factor == 0:
                        raise ExpressionError(f"division by zero at position {op.pos}")
                    factor = sympy.Pow(factor, -1)
                factors.append(factor)
            term = factors[0] if len(factors) == 1 else sympy.Mul(*factors)
            terms.append(-term if negative else term)
            if not self._is_op("+", "-"):
                break
            negative = self.tok.text == "-"
            self.i += 1
        return terms[0] if len(terms) == 1 else sympy.Add(*terms)

    def operand(self) -> sympy.Expr:
        negate = False
        signs = 0
        start = self.tok.pos
        while self._is_op("+", "-"):
            negate ^= self.tok.text == "-"
            signs += 1
            if signs > MAX_DEPTH:
                raise ExpressionError(
                    f"more than {MAX_DEPTH} unary signs in a row at position {start}"
                )
            self.i += 1
        tok = self.tok
        if tok.kind == "int":
            self.i += 1
            base: sympy.Expr = sympy.Integer(int(tok.text))
        elif tok.kind == "name":
            self.i += 1
            if self._is_op("("):
                opening = self.tok
                self.i += 1
                self._enter(opening.pos)
                self.call_level += 1
                saved_deepest, self.deepest_call = self.deepest_call, self.call_level
                if self._is_op(")"):
                    raise ExpressionError(
                        f"{tok.text}() at position {tok.pos} needs an argument"
                    )
                self._check_callee(tok)
                args = [self.sum()]
                while self._is_op(","):
                    self.i += 1
                    args.append(self.sum())
                self._expect_close(opening)
                height = self.deepest_call - self.call_level
                self.deepest_call = max(saved_deepest, self.deepest_call)
                self.call_level -= 1
                self.depth -= 1
                base = self._apply(tok, args, evaluate=height < _EVALUATE_CALL_HEIGHT)
            else:
                base = self._name(tok)
        elif tok.kind == "op" and tok.text == "(":
            self.i += 1
            self._enter(tok.pos)
            if self._is_op(")"):
                raise ExpressionError(f"empty parentheses at position {tok.pos}")
            base = self.sum()
            self._expect_close(tok)
            self.depth -= 1
        elif tok.kind == "op" and tok.text == ",":
            raise ExpressionError(f"',' at position {tok.pos} outside a function call")
        else:
            raise ExpressionError(
                f"expected a number, a variable, a function call or '(' at position {tok.pos}, "
                f"found {_token_text(tok)}"
            )
        if self._is_op("**", "^"):
            op = self.tok
            self.i += 1
            self._enter(op.pos)
            exp_pos = self.tok.pos
            exponent = self.operand()
            self.depth -= 1
            if self.symbolic_exponents and exponent.free_symbols:
                base = sympy.Pow(base, exponent)  # 2^n: a formula to show, never evaluated
            else:
                base = _power(base, exponent, op.pos, exp_pos)
        return -base if negate else base

    def _name(self, tok: _Token) -> sympy.Expr:
        name = tok.text
        _check_name(name, tok.pos)
        if name in CONSTANTS:
            return CONSTANTS[name]
        if name in FUNCTIONS:
            raise ExpressionError(
                f"{name!r} at position {tok.pos} is a function: call it as {name}(...)"
            )
        check_variable_name(name, f" at position {tok.pos}")
        if self.variables is not None and name not in self.variables:
            allowed = ", ".join(sorted(self.variables, key=natural_sort_key)) or "none"
            raise ExpressionError(
                f"unknown variable {name!r} at position {tok.pos}; allowed variables: {allowed} "
                "(and the constants pi, E)"
            )
        return sympy.Symbol(name)

    @staticmethod
    def _check_callee(tok: _Token) -> None:
        name = tok.text
        _check_name(name, tok.pos)
        if name in CONSTANTS:
            raise ExpressionError(
                f"{name!r} at position {tok.pos} is a constant, not a function "
                f"(write {name}*(...) to multiply)"
            )
        if name not in FUNCTIONS:
            raise ExpressionError(
                f"unknown function {name!r} at position {tok.pos}; allowed functions: "
                + ", ".join(sorted(FUNCTIONS))
            )

    @staticmethod
    def _apply(tok: _Token, args: list[sympy.Expr], *, evaluate: bool) -> sympy.Expr:
        name = tok.text
        func, fewest, most = FUNCTIONS[name]
        if len(args) < fewest or (most is not None and len(args) > most):
            if most == fewest:
                wanted = f"{fewest} argument" + ("" if fewest == 1 else "s")
            elif most is None:
                wanted = f"at least {fewest} arguments"
            else:
                wanted = f"{fewest} to {most} arguments"
            raise ExpressionError(
                f"{name}() at position {tok.pos} takes {wanted}, got {len(args)}"
            )
        try:
            result = func(*args, evaluate=evaluate)
        except (ValueError, TypeError) as error:  # e.g. max() of a non-real number
            raise ExpressionError(
                f"{name}(...) at position {tok.pos} is not defined for these arguments ({error})"
            ) from None
        if result.has(*_UNDEFINED):
            raise ExpressionError(
                f"{name}(...) at position {tok.pos} is undefined ({result}) for this argument"
            )
        return result


def _power(base: sympy.Expr, exponent: sympy.Expr, op_pos: int, exp_pos: int) -> sympy.Expr:
    if not isinstance(exponent, sympy.Integer):
        hint = ""
        if exponent.is_Rational:
            what = f"the fraction {exponent}"
            if exponent.q == 2:
                hint = " (use sqrt(...) for a square root)"
        elif exponent.free_symbols:
            what = f"the symbolic {exponent}"
        else:
            what = f"the non-integer {exponent}"
        raise ExpressionError(
            f"the exponent at position {exp_pos} must be an integer, not {what}{hint}"
        )
    e = int(exponent)
    if abs(e) > MAX_EXPONENT:
        raise ExpressionError(
            f"the exponent {e} at position {exp_pos} is too large "
            f"(the limit is {MAX_EXPONENT} in absolute value)"
        )
    coeff = base.as_coeff_Mul()[0] if base.is_Mul else base
    if coeff.is_Rational:
        if coeff == 0 and e < 0:
            raise ExpressionError(
                f"zero raised to the negative power {e} at position {op_pos} (division by zero)"
            )
        bits = max(int(coeff.p).bit_length(), int(coeff.q).bit_length())
        if bits * abs(e) > _MAX_POWER_BITS:
            raise ExpressionError(
                f"the power at position {op_pos} would be a number of about {bits * abs(e)} "
                f"bits (the limit is {_MAX_POWER_BITS})"
            )
    return sympy.Pow(base, exponent)


def _check_name(name: str, pos: int) -> None:
    if name.startswith("_") or "__" in name:
        raise ExpressionError(
            f"name {name!r} at position {pos} is not allowed: names may not start with '_' "
            "or contain '__'"
        )


def parse_expression(text: str, *, variables: Collection[str] | None = None,
                     symbolic_exponents: bool = False) -> sympy.Expr:
    """Parse an untrusted expression string into an exact sympy expression.

    The string is read by a restricted grammar (see the module docstring); it is never
    evaluated, sympified or compiled.

    Parameters
    ----------
    text : str
        The expression, at most ``MAX_LENGTH`` characters, nested at most ``MAX_DEPTH`` deep.
    variables : collection of str, optional
        If given, the only identifiers allowed as variables (the constants ``pi`` and ``E`` and
        the function names are always allowed).
    symbolic_exponents : bool
        Also read exponents with variables (``2^(2^n)``), as unevaluated powers: for formulas
        that are only shown (:func:`symflat.exact.printing.prose_math`), never for values
        that are computed with.

    Returns
    -------
    sympy.Expr
        The expression; identifiers are plain ``sympy.Symbol(name)`` (no assumptions).

    Raises
    ------
    ExpressionError
        If the string is not in the grammar, uses a decimal number, an unknown function or
        variable, a reserved name (:data:`RESERVED`) as a variable, a non-integer or too large exponent, divides by zero, or is too long or too
        deeply nested. The message is one line and gives the 0-based character position.

    Examples
    --------
    >>> parse_expression("x1*x2 - 3/4*lambda^2")
    -3*lambda**2/4 + x1*x2
    >>> parse_expression("-x**2")
    -x**2
    >>> parse_expression("2^3^2")
    512
    >>> parse_expression("relu(x) + exp(-x)")
    Max(0, x) + exp(-x)
    >>> parse_expression("0.5*x")
    Traceback (most recent call last):
    ...
    symflat.errors.ExpressionError: 0.5 is not exact: write 1/2 (decimal number at position 0; decimals are not allowed)
    >>> parse_expression("x + y", variables=["x"])
    Traceback (most recent call last):
    ...
    symflat.errors.ExpressionError: unknown variable 'y' at position 4; allowed variables: x (and the constants pi, E)
    """  # noqa: E501
    if not isinstance(text, str):
        raise TypeError(f"parse_expression() needs a str, not {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"expression is {len(text)} characters long; the limit is {MAX_LENGTH}"
        )
    if not text.strip():
        raise ExpressionError("empty expression")
    allowed = None if variables is None else frozenset(variables)
    tokens = _tokenize(text)
    try:
        return _Parser(tokens, allowed, symbolic_exponents).parse()
    except RecursionError:  # a safety net: MAX_DEPTH keeps the parser far from the limit
        raise ExpressionError(
            "expression is nested too deeply to be read"
        ) from None


def to_expression(value: object, *, variables: Collection[str] | None = None) -> sympy.Expr:
    """Convert a user-supplied exact value to a sympy expression, safely.

    Use this instead of ``sympy.sympify`` wherever a value may be a string: ``sympify`` of a
    string evaluates it as Python code.

    Parameters
    ----------
    value : sympy.Basic, int, fractions.Fraction or str
        Sympy objects are returned unchanged; ``int`` and ``Fraction`` become exact rationals;
        strings are read by :func:`parse_expression`. Floats and ``bool`` are refused.
    variables : collection of str, optional
        Passed to :func:`parse_expression` for strings.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    ExpressionError
        For a string that does not parse, a float, or a value of another type.

    Examples
    --------
    >>> to_expression("1/2*lambda"), to_expression(3), to_expression(Fraction(-1, 3))
    (lambda/2, 3, -1/3)
    >>> to_expression(0.5)
    Traceback (most recent call last):
    ...
    symflat.errors.ExpressionError: 0.5 is not exact: write 1/2 (floats are not allowed)
    """
    if isinstance(value, sympy.Basic):
        return value  # type: ignore[return-value]
    if isinstance(value, bool):
        raise ExpressionError(f"{value!r} is not a number")
    if isinstance(value, int):
        return sympy.Integer(value)
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, str):
        return parse_expression(value, variables=variables)
    if isinstance(value, float):
        raise ExpressionError(f"{value!r} is not exact: {fraction_hint(value)} (floats are not "
                              "allowed)")
    raise ExpressionError(f"cannot read a {type(value).__name__} as an exact expression")
