"""The one exact polynomial type, :class:`Polynomial`, and the ways to read one.

Every module that passes a polynomial to another passes a :class:`Polynomial`: a polynomial
over Q in named variables. Inside it is a python-flint ``fmpq_mpoly`` (FLINT's sparse
multivariate polynomials over Q, in C), in the context of its variable names with lexicographic
order; ``+``, ``-``, ``*`` and integer powers run there. This representation is chosen on
purpose: it is exact, and FLINT's arithmetic is much faster than sympy's ``PolyRing`` on the
sizes the parser accepts (``nets.polyring`` uses the same backend for the expansion engine).

Conversions happen only at the edges, as sympy.polys does between its rings and domains:

- in: :func:`parse_polynomial` (untrusted text, through the restricted parser of
  :mod:`symflat.exact.expressions`, never ``sympify``), :meth:`Polynomial.from_sympy`
  (a ``sympy.Poly`` over QQ or ZZ, or a sympy expression with rational coefficients),
  ``Polynomial(variables, terms)``, and :func:`to_polynomial`, which takes any of these;
- out: :attr:`Polynomial.terms` (``{exponents: Fraction}``), :meth:`Polynomial.to_expr`,
  :meth:`Polynomial.to_poly` (a ``sympy.Poly`` over QQ), :meth:`Polynomial.to_text`, and
  evaluation at rational points (``p(1, 2)``).
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import flint
import sympy
from sympy.core.function import Application
from sympy.polys.domains import QQ

from symflat.errors import ExpressionError, SymflatError
from symflat.exact.constants import check_constant
from symflat.exact.expressions import check_variable_name, natural_sort_key, parse_expression

__all__ = ["TEXT_VIA_SYMPY", "Polynomial", "parse_polynomial", "to_polynomial"]

#: Polynomials with more terms are printed without sympy (see :meth:`Polynomial.to_text`).
TEXT_VIA_SYMPY = 300
#: Limits of :func:`parse_polynomial`: total degree, number of terms, work of one product.
_MAX_POLY_DEGREE = 1000
_MAX_POLY_TERMS = 100_000
_MAX_POLY_WORK = 4_000_000
_MAX_POLY_VARIABLES = 100
#: The monomial order of the flint contexts: terms come out as sympy's ``Poly.terms()`` lists
#: them (lexicographic, largest first), so code that walks the terms keeps its order.
_ORDERING = "lex"

Exponents = tuple[int, ...]


def _context(names: tuple[str, ...]) -> flint.fmpq_mpoly_ctx:
    return flint.fmpq_mpoly_ctx.get(names, _ORDERING)


def _fraction(value: object) -> Fraction | None:
    """``value`` as a Fraction if it is an exact rational (int, Fraction, sympy.Rational,
    flint.fmpq, gmpy2.mpq, ...), else ``None``; floats and bools are not."""
    if isinstance(value, bool | float):
        return None
    numerator = getattr(value, "numerator", None)
    denominator = getattr(value, "denominator", None)
    if numerator is None or denominator is None:
        return None
    return Fraction(int(numerator), int(denominator))


def _coefficient(value: object) -> Fraction:
    q = _fraction(value)
    if q is None:
        raise ExpressionError(f"coefficient {value} is not an exact rational number")
    return q


def _exponents(e: object, n: int) -> Exponents:
    try:
        out = tuple(operator.index(k) for k in e)  # type: ignore[attr-defined]
    except TypeError:
        raise ExpressionError(f"exponents {e!r} are not a tuple of integers") from None
    if len(out) != n:
        raise ExpressionError("exponent tuples do not match the number of variables")
    if any(k < 0 for k in out):
        raise ExpressionError(f"negative exponent in {out}: not a polynomial")
    return out


class Polynomial:
    """A polynomial with rational coefficients in named variables (immutable, hashable).

    Parameters
    ----------
    variables : sequence of str
        The variable names, in the order of the exponent tuples.
    terms : mapping
        ``{exponents: coefficient}``; coefficients are exact rationals (int, Fraction,
        sympy.Rational, flint.fmpq); zero coefficients are dropped.

    Examples
    --------
    >>> p = Polynomial(("x1", "x2"), {(1, 1): 1, (0, 0): Fraction(3)})
    >>> p
    Polynomial(x1*x2 + 3, variables=('x1', 'x2'))
    >>> p.degree, sorted(p.parts())
    (2, [0, 2])
    >>> (p - 3) ** 2 + p
    Polynomial(x1^2*x2^2 + x1*x2 + 3, variables=('x1', 'x2'))
    >>> p(2, Fraction(1, 2)), p.terms[(1, 1)]
    (Fraction(4, 1), Fraction(1, 1))
    >>> p == parse_polynomial("3 + x2*x1")
    True
    """

    __slots__ = ("_variables", "_flint", "_terms", "_degree", "_hash")

    def __init__(self, variables: Sequence[str], terms: Mapping[Sequence[int], object]) -> None:
        names = tuple(str(v) for v in variables)
        if len(set(names)) != len(names):
            raise ExpressionError(f"the variables {names} repeat a name")
        for name in names:
            check_variable_name(name)
        if not isinstance(terms, Mapping):
            raise ExpressionError(f"terms must be a mapping {{exponents: coefficient}}, not "
                                  f"{type(terms).__name__}")
        clean: dict[Exponents, Fraction] = {}
        for e, c in terms.items():
            key = _exponents(e, len(names))
            clean[key] = clean.get(key, Fraction(0)) + _coefficient(c)
        clean = {e: c for e, c in clean.items() if c}
        mpoly = _context(names).from_dict(
            {e: flint.fmpq(c.numerator, c.denominator) for e, c in clean.items()})
        self._set(names, mpoly, clean)

    @classmethod
    def _from_flint(cls, names: tuple[str, ...], mpoly: flint.fmpq_mpoly) -> Polynomial:
        out = cls.__new__(cls)
        out._set(names, mpoly, None)
        return out

    def _set(self, names: tuple[str, ...], mpoly: flint.fmpq_mpoly,
             terms: dict[Exponents, Fraction] | None) -> None:
        # Terms given in by the caller are kept in their order (the width search walks them).
        set_ = object.__setattr__
        set_(self, "_variables", names)
        set_(self, "_flint", mpoly)
        set_(self, "_terms", None if terms is None else MappingProxyType(terms))
        set_(self, "_degree", max(int(mpoly.total_degree()), 0))
        set_(self, "_hash", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Polynomial is immutable")

    __delattr__ = __setattr__  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return Polynomial, (self._variables, dict(self.terms))

    # -- conversions in ----------------------------------------------------------------------

    @classmethod
    def from_sympy(cls, value: sympy.Poly | sympy.Expr) -> Polynomial:
        """A ``sympy.Poly`` over QQ or ZZ (its generators must be symbols), or a sympy
        expression that is a polynomial with rational coefficients in its symbols (taken in
        natural order, ``x2`` before ``x10``).

        Examples
        --------
        >>> x, y = sympy.symbols("x y")
        >>> Polynomial.from_sympy(sympy.Poly(x*y/2 - 1, y, x)).variables
        ('y', 'x')
        >>> Polynomial.from_sympy((x + y)**2).to_text()
        'x**2 + 2*x*y + y**2'
        >>> Polynomial.from_sympy(sympy.pi * x)
        Traceback (most recent call last):
        ...
        symflat.errors.ExpressionError: the coefficients of pi*x must be exact rationals (domain ZZ[pi])
        """  # noqa: E501
        if isinstance(value, sympy.Expr):  # a Poly is not an Expr
            gens = sorted(value.free_symbols, key=lambda s: natural_sort_key(str(s)))
            if not gens:
                return cls((), {(): _coefficient(value)})
            try:
                value = sympy.Poly(value, *gens)
            except sympy.PolynomialError:
                raise ExpressionError(f"{value} is not a polynomial in "
                                      f"{', '.join(map(str, gens))}") from None
        if not isinstance(value, sympy.Poly):
            raise ExpressionError(f"cannot read a {type(value).__name__} as a polynomial")
        if not (value.domain.is_QQ or value.domain.is_ZZ):
            raise ExpressionError(f"the coefficients of {value.as_expr()} must be exact "
                                  f"rationals (domain {value.domain})")
        for gen in value.gens:
            if not isinstance(gen, sympy.Symbol):
                raise ExpressionError(f"the generator {gen} is not a variable")
        return cls(tuple(g.name for g in value.gens), dict(value.terms()))

    # -- what it is ----------------------------------------------------------------------------

    @property
    def variables(self) -> tuple[str, ...]:
        """The variable names, in the order of the exponent tuples."""
        return self._variables

    @property
    def nvars(self) -> int:
        """The number of variables."""
        return len(self._variables)

    @property
    def terms(self) -> Mapping[Exponents, Fraction]:
        """The non-zero coefficients ``{exponents: Fraction}`` (read-only)."""
        if self._terms is None:
            terms = {tuple(map(int, e)): Fraction(int(c.p), int(c.q))
                     for e, c in zip(self._flint.monoms(), self._flint.coeffs(), strict=True)}
            object.__setattr__(self, "_terms", MappingProxyType(terms))
        return self._terms  # type: ignore[return-value]

    @property
    def degree(self) -> int:
        """The total degree (0 for a constant, also for zero)."""
        return self._degree

    def parts(self) -> dict[int, dict[Exponents, Fraction]]:
        """The non-zero homogeneous parts ``{k: {exponents: coefficient}}``.

        Examples
        --------
        >>> parse_polynomial("x^2 + x*y - 1").parts()
        {2: {(2, 0): Fraction(1, 1), (1, 1): Fraction(1, 1)}, 0: {(0, 0): Fraction(-1, 1)}}
        """
        out: dict[int, dict[Exponents, Fraction]] = {}
        for e, c in self.terms.items():
            out.setdefault(sum(e), {})[e] = c
        return out

    def __call__(self, *values: object) -> Fraction:
        """The value at rational ``values``, one per variable.

        Examples
        --------
        >>> parse_polynomial("x^2*y/3 + 1")(3, Fraction(1, 2))
        Fraction(5, 2)
        """
        if len(values) != self.nvars:
            raise TypeError(f"{self.nvars} values are needed, one per variable, not "
                            f"{len(values)}")
        qs = [_coefficient(v) for v in values]
        value = self._flint(*(flint.fmpq(q.numerator, q.denominator) for q in qs))
        return Fraction(int(value.p), int(value.q))

    # -- arithmetic (in flint) ---------------------------------------------------------------

    def derivative(self, index: int) -> Polynomial:
        """The partial derivative in the variable ``index`` (0-based).

        Examples
        --------
        >>> parse_polynomial("x1^2*x2 + x2").derivative(1)
        Polynomial(x1^2 + 1, variables=('x1', 'x2'))
        """
        return Polynomial._from_flint(self._variables, self._flint.derivative(index))

    def linear_substitution(self, matrix: Sequence[Sequence[object]],
                            names: Sequence[str]) -> Polynomial:
        """``P(M y)``: every variable ``x_i`` replaced by ``sum_j M[i][j] y_j`` (exact
        rationals; ``M`` has a row per variable of ``P`` and a column per name of ``y``).

        Examples
        --------
        >>> parse_polynomial("(x1 + x2)^2").linear_substitution([[1], [1]], ["y1"])
        Polynomial(4*y1^2, variables=('y1',))
        """
        names = tuple(str(v) for v in names)
        if len(matrix) != self.nvars or any(len(row) != len(names) for row in matrix):
            raise ExpressionError(f"the substitution needs {self.nvars} rows of {len(names)} "
                                  f"entries")
        ctx = _context(names)
        gens = ctx.gens()
        forms = []
        for row in matrix:
            form = ctx.from_dict({})
            for g, value in zip(gens, row, strict=True):
                q = _coefficient(value)
                if q:
                    form = form + g * flint.fmpq(q.numerator, q.denominator)
            forms.append(form)
        if self.nvars == 0:
            return Polynomial(names, {(0,) * len(names): self.terms.get((), Fraction(0))})
        return Polynomial._from_flint(names, self._flint.compose(*forms, ctx=ctx))

    def _operands(self, other: object) -> tuple[tuple[str, ...], Any, Any] | None:
        """Both sides in one flint context: the same variables, or the union in natural
        order; a rational number is a constant."""
        if isinstance(other, Polynomial):
            if other._variables == self._variables:
                return self._variables, self._flint, other._flint
            names = tuple(sorted(set(self._variables) | set(other._variables),
                                 key=natural_sort_key))
            return names, self._embed(names), other._embed(names)
        q = _fraction(other)
        if q is None:
            return None
        return self._variables, self._flint, flint.fmpq(q.numerator, q.denominator)

    def _embed(self, names: tuple[str, ...]) -> flint.fmpq_mpoly:
        where = [names.index(v) for v in self._variables]
        terms = {}
        for e, c in zip(self._flint.monoms(), self._flint.coeffs(), strict=True):
            full = [0] * len(names)
            for i, k in zip(where, e, strict=True):
                full[i] = int(k)
            terms[tuple(full)] = c
        return _context(names).from_dict(terms)

    def __add__(self, other: object) -> Polynomial:
        ops = self._operands(other)
        return NotImplemented if ops is None else Polynomial._from_flint(ops[0], ops[1] + ops[2])

    __radd__ = __add__

    def __sub__(self, other: object) -> Polynomial:
        ops = self._operands(other)
        return NotImplemented if ops is None else Polynomial._from_flint(ops[0], ops[1] - ops[2])

    def __rsub__(self, other: object) -> Polynomial:
        ops = self._operands(other)
        return NotImplemented if ops is None else Polynomial._from_flint(ops[0], ops[2] - ops[1])

    def __mul__(self, other: object) -> Polynomial:
        ops = self._operands(other)
        return NotImplemented if ops is None else Polynomial._from_flint(ops[0], ops[1] * ops[2])

    __rmul__ = __mul__

    def __neg__(self) -> Polynomial:
        return Polynomial._from_flint(self._variables, -self._flint)

    def __pow__(self, n: int) -> Polynomial:
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError(f"a polynomial's power must be a non-negative integer, not {n!r}")
        return Polynomial._from_flint(self._variables, self._flint**n)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Polynomial):
            return NotImplemented
        return self._variables == other._variables and self._flint == other._flint

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash",
                               hash((self._variables, frozenset(self.terms.items()))))
        return self._hash  # type: ignore[return-value]

    # -- conversions out ---------------------------------------------------------------------

    def to_expr(self) -> sympy.Expr:
        """The sympy expression, in plain ``sympy.Symbol`` variables.

        Examples
        --------
        >>> Polynomial(("x", "y"), {(2, 1): Fraction(-1, 2)}).to_expr()
        -x**2*y/2
        """
        xs = [sympy.Symbol(v) for v in self._variables]
        return sympy.Add(*(
            sympy.Rational(c.numerator, c.denominator)
            * sympy.Mul(*(x**k for x, k in zip(xs, e, strict=True)))
            for e, c in self.terms.items()
        ))

    def to_poly(self) -> sympy.Poly:
        """The ``sympy.Poly`` over QQ with generators ``sympy.Symbol(name)``.

        Examples
        --------
        >>> parse_polynomial("x10*x2 + x1^2/2").to_poly()
        Poly(1/2*x1**2 + x2*x10, x1, x2, x10, domain='QQ')
        """
        if not self._variables:
            raise ExpressionError("a polynomial without variables has no sympy.Poly; use "
                                  "to_expr()")
        return sympy.Poly.from_dict(
            {e: QQ(c.numerator, c.denominator) for e, c in self.terms.items()},
            *(sympy.Symbol(v) for v in self._variables), domain=QQ)

    def to_text(self) -> str:
        """``str(to_expr())``, or for more than ``TEXT_VIA_SYMPY`` terms (where sympy's
        canonical ordering and printing cost minutes) the terms in a fixed order, same syntax.

        Examples
        --------
        >>> Polynomial(("x1", "x2"), {(1, 1): Fraction(-1, 2), (0, 0): 3}).to_text()
        '-x1*x2/2 + 3'
        """
        if len(self.terms) <= TEXT_VIA_SYMPY:
            return str(self.to_expr())
        out = []
        for e, c in sorted(self.terms.items(), key=lambda item: (-sum(item[0]), item[0])):
            mono = "*".join(v if k == 1 else f"{v}**{k}"
                            for v, k in zip(self._variables, e, strict=True) if k)
            num = abs(c.numerator)
            body = "*".join(([str(num)] if num != 1 or not mono else []) + ([mono] if mono else []))
            if c.denominator != 1:
                body += f"/{c.denominator}"
            out.append(("-" if c < 0 else "+", body))
        text = " ".join(f"{sign} {body}" for sign, body in out)
        return text[2:] if text.startswith("+ ") else "-" + text[2:]

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        # The printer reads Polynomials, so it is imported here, not at the top.
        from symflat.exact.printing import SHOWN_TERMS, polynomial_text

        return (f"Polynomial({polynomial_text(self, shown=SHOWN_TERMS)}, "
                f"variables={self._variables!r})")

    def _repr_latex_(self) -> str:
        """The polynomial typeset (Jupyter), its leading terms when it is long."""
        from symflat.exact.printing import SHOWN_TERMS, polynomial_latex

        return f"${polynomial_latex(self, shown=SHOWN_TERMS)}$"


# ----------------------------------------------------------------------------------------------
# Reading a polynomial from text
# ----------------------------------------------------------------------------------------------


class _Builder:
    """Convert a parsed expression into a flint polynomial, refusing anything else; every
    product and power is bounded before it is computed."""

    def __init__(self, text: str, gens: list[sympy.Symbol]) -> None:
        self.text = text
        self.ctx = _context(tuple(g.name for g in gens))
        self.gens = dict(zip(gens, self.ctx.gens(), strict=True))

    def fail(self, why: str) -> ExpressionError:
        return ExpressionError(f"{self.text.strip()!r} is not a polynomial: {why}")

    def too_big(self, why: str) -> ExpressionError:
        return ExpressionError(f"{self.text.strip()!r} is too large a polynomial: {why}")

    def check(self, p: flint.fmpq_mpoly) -> flint.fmpq_mpoly:
        if len(p) > _MAX_POLY_TERMS:
            raise self.too_big(f"it has more than {_MAX_POLY_TERMS} terms")
        if p.total_degree() > _MAX_POLY_DEGREE:
            raise self.too_big(f"its total degree exceeds {_MAX_POLY_DEGREE}")
        return p

    def mul(self, a: flint.fmpq_mpoly, b: flint.fmpq_mpoly) -> flint.fmpq_mpoly:
        if len(a) * len(b) > _MAX_POLY_WORK:
            raise self.too_big("expanding it would take too much work")
        if a and b and a.total_degree() + b.total_degree() > _MAX_POLY_DEGREE:
            raise self.too_big(f"its total degree exceeds {_MAX_POLY_DEGREE}")
        return self.check(a * b)

    def power(self, a: flint.fmpq_mpoly, n: int) -> flint.fmpq_mpoly:
        result = self.ctx.constant(1)
        square = a
        while n:
            if n & 1:
                result = self.mul(result, square)
            n >>= 1
            if n:
                square = self.mul(square, square)
        return result

    def convert(self, e: sympy.Expr) -> flint.fmpq_mpoly:
        if e.is_Rational:
            return self.ctx.constant(flint.fmpq(int(e.p), int(e.q)))
        if e.is_Symbol:
            return self.gens[e]
        if e.is_Add:
            total = self.ctx.constant(0)
            for arg in e.args:
                total = self.check(total + self.convert(arg))
            return total
        if e.is_Mul:
            product = self.ctx.constant(1)
            for arg in e.args:
                product = self.mul(product, self.convert(arg))
            return product
        if e.is_Pow:
            base, exponent = e.args
            if not e.free_symbols:
                raise self.fail(f"its coefficient {e} is not rational")
            if not exponent.is_Integer:
                raise self.fail(f"{e} is not an integer power")
            if exponent < 0:
                raise self.fail(f"it divides by {base} (negative power {e})")
            return self.power(self.convert(base), int(exponent))
        if e in (sympy.pi, sympy.E):
            raise self.fail(f"its coefficients must be rational, and it contains {e}")
        if e.is_number:
            raise self.fail(f"its coefficient {e} is not rational")
        if isinstance(e, Application):
            raise self.fail(f"it contains the function {e.func.__name__}: {e}")
        raise self.fail(f"it contains {e}")


def parse_polynomial(text: str) -> Polynomial:
    """Parse an untrusted string as a polynomial with rational coefficients.

    Parameters
    ----------
    text : str
        The polynomial, in the grammar of :func:`~symflat.exact.expressions.parse_expression`;
        it may only use ``+ - *``, division by non-zero numbers, non-negative integer powers,
        integers and variables.

    Returns
    -------
    Polynomial
        Its variables are those of the expression sorted naturally, so that ``x2 < x10``; it
        is expanded in flint, every product bounded before it is computed.

    Raises
    ------
    ExpressionError
        If the string does not parse, is not a polynomial (a function, a negative power or a
        division by a variable, an irrational coefficient such as ``pi``), is too large
        (total degree above 1000, more than 100 variables), or is a constant.

    Examples
    --------
    >>> p = parse_polynomial("x10*x2 + x1^2/2")
    >>> p.variables
    ('x1', 'x2', 'x10')
    >>> p.to_expr()
    x1**2/2 + x10*x2
    >>> parse_polynomial("1/x")
    Traceback (most recent call last):
    ...
    symflat.errors.ExpressionError: '1/x' is not a polynomial: it divides by x (negative power 1/x)
    >>> parse_polynomial("(x - 1)^2 - x^2 + 2*x")
    Traceback (most recent call last):
    ...
    symflat.errors.ExpressionError: '(x - 1)^2 - x^2 + 2*x' is a constant (1): a width question needs a non-constant polynomial
    """  # noqa: E501
    expr = check_constant(parse_expression(text), f"{text.strip()[:60]!r}")
    gens = sorted(expr.free_symbols, key=lambda s: natural_sort_key(s.name))
    if not gens:
        raise ExpressionError(
            f"{text.strip()!r} is a constant: a width question needs a non-constant polynomial"
        )
    if len(gens) > _MAX_POLY_VARIABLES:
        raise ExpressionError(
            f"the polynomial has {len(gens)} variables; the limit is {_MAX_POLY_VARIABLES}"
        )
    builder = _Builder(text, gens)
    try:
        element = builder.convert(expr)
    except RecursionError:
        raise builder.fail("it is nested too deeply") from None
    if element.is_constant():
        value = element.to_dict().get((0,) * len(gens), 0)
        raise ExpressionError(
            f"{text.strip()!r} is a constant ({value}): a width question needs a "
            "non-constant polynomial"
        )
    return Polynomial._from_flint(tuple(g.name for g in gens), element)


def to_polynomial(value: object, *,
                  error: type[SymflatError] = ExpressionError) -> Polynomial:
    """Read ``value`` as a :class:`Polynomial`: the one coercion of every public function
    that takes a polynomial.

    Parameters
    ----------
    value : str, Polynomial, sympy.Poly or tuple
        A string is read by :func:`parse_polynomial` (never sympified); a ``sympy.Poly`` must
        be over QQ or ZZ; a pair ``(variables, terms)`` is ``Polynomial(variables, terms)``.
    error : SymflatError subclass
        What to raise when ``value`` is not a polynomial (the caller's own error); a string
        that does not parse raises the parser's :class:`ExpressionError`.

    Examples
    --------
    >>> x1, x2 = sympy.symbols("x1 x2")
    >>> dict(to_polynomial(sympy.Poly(x1*x2 - 2, x1, x2)).terms)
    {(1, 1): Fraction(1, 1), (0, 0): Fraction(-2, 1)}
    >>> to_polynomial("x1*x2 - 2") == to_polynomial((["x1", "x2"], {(1, 1): 1, (0, 0): -2}))
    True
    >>> to_polynomial(1.5)
    Traceback (most recent call last):
    ...
    symflat.errors.ExpressionError: cannot read 1.5 as a polynomial: give a string, a sympy.Poly, a Polynomial or a (variables, terms) pair
    """  # noqa: E501
    if isinstance(value, Polynomial):
        return value
    if isinstance(value, str):  # untrusted text: the restricted parser, never sympify
        return parse_polynomial(value)
    try:
        if isinstance(value, sympy.Poly):
            return Polynomial.from_sympy(value)
        if isinstance(value, tuple) and len(value) == 2:
            return Polynomial(*value)
    except ExpressionError as failure:
        raise error(str(failure)) from None
    raise error(f"cannot read {value!r} as a polynomial: give a string, a sympy.Poly, a "
                "Polynomial or a (variables, terms) pair")
