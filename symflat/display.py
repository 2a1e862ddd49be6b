"""How symflat's results show themselves in Jupyter: small, escaped HTML and LaTeX.

Every value a result displays is escaped (``html.escape``): a claim file or a polynomial
typed by a user cannot inject markup into a notebook. Formulas in evidence are typeset by
:func:`symflat.exact.printing.prose_math`. The verdict colours are defined here once; the
report's badges and dependency graph use the same ones.

Examples
--------
>>> badge("verified").startswith('<span style="background:#dafbe1;color:#0f3d1c')
True
>>> table(["a", "b"], [["<x>", 1]]).count("&lt;x&gt;")
1
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from symflat.errors import SymflatError
from symflat.exact.expressions import parse_expression
from symflat.exact.polynomial import to_polynomial
from symflat.exact.printing import SHOWN_TERMS, math_latex, polynomial_latex, prose_math

__all__ = ["STATUS_COLORS", "badge", "expression_html", "math_html", "polynomial_html",
           "prose_html", "statement_html", "table"]

#: Verdict -> (fill, stroke, text) colours.
STATUS_COLORS: dict[str, tuple[str, str, str]] = {
    "verified": ("#dafbe1", "#1a7f37", "#0f3d1c"),
    "sampled": ("#ddf4ff", "#0969da", "#0a3069"),
    "refuted": ("#ffebe9", "#cf222e", "#5c0e14"),
    "conditional": ("#fff8c5", "#9a6700", "#3d2a00"),
    "inconclusive": ("#eaeef2", "#57606a", "#24292f"),
    "unchecked": ("#ffffff", "#8c959f", "#57606a"),
}


def badge(status: str) -> str:
    """A verdict badge, coloured like the report's."""
    fill, stroke, ink = STATUS_COLORS.get(status, STATUS_COLORS["unchecked"])
    return (f'<span style="background:{fill};color:{ink};border:1px solid {stroke};'
            f'border-radius:1em;padding:0 .5em;font-size:.85em">{escape(status)}</span>')


def prose_html(text: str) -> str:
    """Prose with its formulas as ``$...$`` LaTeX, which Jupyter typesets; the rest escaped."""
    return "".join(escape(content) if kind == "text" else f"${escape(content)}$"
                   for kind, content in prose_math(text))


def math_html(latex: str) -> str:
    """A LaTeX formula as ``$...$`` (Jupyter and the report's KaTeX typeset it), escaped."""
    return f"${escape(latex)}$"


def polynomial_html(poly: object) -> str:
    """A polynomial (a Polynomial or its text) typeset, its leading terms only when it is long;
    text that is no polynomial is shown as escaped text.

    Examples
    --------
    >>> polynomial_html("x10*x2^2 + x1")
    '$x_{2}^{2} x_{10} + x_{1}$'
    >>> polynomial_html("<b>")
    '&lt;b&gt;'
    """
    try:
        return math_html(polynomial_latex(to_polynomial(poly), shown=SHOWN_TERMS))
    except SymflatError:
        return escape(str(poly))


def expression_html(text: str) -> str:
    r"""An exact expression in the input grammar (a weight, a point) typeset; text that does
    not parse is shown as escaped text.

    Examples
    --------
    >>> expression_html("-1/(6*sigma3)"), expression_html("1/2"), expression_html("a <")
    ('$- \\frac{1}{6 \\sigma_{3}}$', '$\\frac{1}{2}$', 'a &lt;')
    """
    try:
        return math_html(math_latex(parse_expression(text)))
    except SymflatError:
        return escape(text)


def statement_html(statement: str) -> str:
    r"""A statement written in LaTeX (a corrected statement) for Jupyter to typeset: with its
    own ``$`` delimiters as it is, else one formula when it looks like math (a backslash,
    ``^``, ``_`` or ``=``, the report's rule), else text; escaped either way.

    Examples
    --------
    >>> statement_html(r"y_i' = b^{2-2i} y_i"), statement_html("only for $n < 4$")
    ('$y_i&#x27; = b^{2-2i} y_i$', 'only for $n &lt; 4$')
    """
    if "$" not in statement and any(c in statement for c in "\\^_="):
        return math_html(statement)
    return escape(statement)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
          raw_columns: Iterable[int] = ()) -> str:
    """An HTML table; cells are escaped except those of ``raw_columns`` (already HTML)."""
    raw = set(raw_columns)
    head = "".join(f"<th style='text-align:left'>{escape(str(h))}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(
            f"<td style='text-align:left'>{cell if i in raw else escape(str(cell))}</td>"
            for i, cell in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
