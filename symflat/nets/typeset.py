"""Exact expressions as one line of Unicode, for text that cannot run a math renderer (SVG).

A drawing's weights are exact sympy values; SVG text cannot run KaTeX, so they are typeset in
Unicode: Greek names become letters (``lambda`` → λ), trailing digits subscripts
(``sigma2`` → σ₂, ``x1`` → x₁), integer powers superscripts (λ²), products juxtaposition, and
the minus sign is U+2212. The value is unchanged; only its spelling is.

Examples
--------
>>> import sympy
>>> lam, s2 = sympy.symbols("lambda sigma2")
>>> unicode_math(-1 / (8 * lam**2 * s2))
'−1/(8λ²σ₂)'
>>> unicode_name("x12"), unicode_name("beta")
('x₁₂', 'β')
"""

from __future__ import annotations

import re

import sympy
from sympy.printing.str import StrPrinter

from symflat.errors import ExpressionError
from symflat.exact.expressions import parse_expression

__all__ = ["GREEK", "activation_text", "unicode_math", "unicode_name"]

#: Names printed as Greek letters (the spelling of :mod:`symflat.exact.expressions`).
GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "chi": "χ", "psi": "ψ",
    "omega": "ω",
}
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_NAME = re.compile(r"([A-Za-z]+?)_?(\d*)(?:_(\d+))?")


def unicode_name(name: str) -> str:
    """A variable's name typeset: Greek letters for Greek names, trailing digits as subscripts
    (two indices, as in ``tau2_0``, separated by a comma).

    Names of other shapes are returned unchanged (they are still escaped where they are used).

    Examples
    --------
    >>> unicode_name("tau2_0"), unicode_name("sigma_3"), unicode_name("x1_y")
    ('τ₂,₀', 'σ₃', 'x1_y')
    """
    match = _NAME.fullmatch(name)
    if match is None:
        return name
    base, digits, second = match.groups()
    if second is not None and not digits:
        return name
    text = GREEK.get(base, base) + digits.translate(_SUB)
    return text + "," + second.translate(_SUB) if second is not None else text


class _UnicodePrinter(StrPrinter):
    """sympy's one-line printer with typeset names, superscript powers and roots."""

    def _print_Symbol(self, expr: sympy.Symbol) -> str:
        return unicode_name(expr.name)

    def _print_Pi(self, expr: sympy.Expr) -> str:
        return "π"

    def _print_Exp1(self, expr: sympy.Expr) -> str:
        return "e"

    def _print_ImaginaryUnit(self, expr: sympy.Expr) -> str:
        return "i"

    def _print_Pow(self, expr: sympy.Expr, rational: bool = False) -> str:
        base, exponent = expr.args
        if exponent == sympy.S.Half:
            inner = self._print(base)
            return "√" + (inner if base.is_Atom else f"({inner})")
        if exponent.is_Integer and exponent > 0:
            inner = self.parenthesize(base, sympy.printing.precedence.PRECEDENCE["Pow"])
            return inner + str(exponent).translate(_SUP)
        # A negative power prints as 1/..., other exponents keep a visible (non-** ) caret.
        text = super()._print_Pow(expr, rational)
        return text.replace("**", "^")


# After printing, '*' is a product: a thin dot keeps 2·3, 2·exp(x) and √2·λ readable (not
# √(2λ)); elsewhere the factors are juxtaposed (8λ²σ₂).
_TIMES_DOT = re.compile(r"\*(?=\d|[A-Za-z]{2,}\()|(?<=√\d)\*|(?<=√\d\d)\*")


def unicode_math(expr: sympy.Expr) -> str:
    """The one-line Unicode text of an exact expression (no ``**``, no ``*``, minus as −).

    Examples
    --------
    >>> import sympy
    >>> unicode_math(sympy.Rational(-3, 4) * sympy.Symbol("beta"))
    '−3β/4'
    >>> unicode_math(2 * sympy.exp(sympy.Symbol("x")))
    '2·exp(x)'
    """
    text = _UnicodePrinter({"order": "lex"}).doprint(sympy.sympify(expr))
    return _TIMES_DOT.sub("·", text).replace("*", "").replace("-", "−")


def activation_text(name: str) -> str:
    """An activation as a drawing shows it: σ for the generic one, else its name or formula.

    Examples
    --------
    >>> activation_text("sigma"), activation_text("tanh"), activation_text("x**3 + x")
    ('σ', 'tanh', 'x³ + x')
    """
    if name in ("sigma", "generic"):
        return "σ"
    if name.isidentifier():  # a named activation (tanh, softplus, relu, ...)
        return name
    try:
        return unicode_math(parse_expression(name))
    except ExpressionError:  # text the grammar does not read is shown as given (escaped)
        return name
