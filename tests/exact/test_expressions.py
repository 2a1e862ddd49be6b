"""Tests of symflat.exact.expressions: the restricted parser of untrusted expression strings."""

from __future__ import annotations

import pytest
import sympy
from sympy import (
    Abs,
    E,
    Heaviside,
    Integer,
    Max,
    Rational,
    Symbol,
    atan,
    cos,
    cosh,
    erf,
    exp,
    log,
    pi,
    sign,
    sin,
    sinh,
    sqrt,
    tan,
    tanh,
)

from symflat.errors import ExpressionError, SymflatError
from symflat.exact.expressions import (
    MAX_DEPTH,
    MAX_LENGTH,
    natural_sort_key,
    parse_expression,
    to_expression,
)
from symflat.exact.polynomial import parse_polynomial

x, y, z, a, b, c = (Symbol(n) for n in "xyzabc")
x1, x2, x10 = Symbol("x1"), Symbol("x2"), Symbol("x10")
lam = Symbol("lambda")

# Expected values are built from sympy objects directly, never by sympifying the same string.
ROUND_TRIPS = [
    ("0", Integer(0)),
    ("42", Integer(42)),
    ("007", Integer(7)),
    ("x", x),
    ("lambda", lam),
    ("lambda*x1 + x2", lam * x1 + x2),
    ("x + y", x + y),
    ("x - y", x - y),
    ("x*y", x * y),
    ("x/y", x / y),
    ("1/2", Rational(1, 2)),
    ("-3/4*x", Rational(-3, 4) * x),
    ("x^2", x**2),
    ("x**2", x**2),
    ("x^-1", 1 / x),
    ("x**(-2)", x**-2),
    ("(x + 1)^3", (x + 1) ** 3),
    ("2*(x + y)", 2 * (x + y)),
    ("+x", x),
    ("--x", x),
    ("x - -y", x + y),
    ("x * -y", -x * y),
    ("  x\t+\n y ", x + y),
    ("exp(x)", exp(x)),
    ("log(1 + exp(x))", log(1 + exp(x))),
    ("1/(1 + exp(-x))", 1 / (1 + exp(-x))),
    ("sqrt(x)", sqrt(x)),
    ("sqrt(4)", Integer(2)),
    ("sin(x)*cos(y) + tan(z)", sin(x) * cos(y) + tan(z)),
    ("sinh(x) - cosh(x) + tanh(x)", sinh(x) - cosh(x) + tanh(x)),
    ("atan(x) + erf(x)", atan(x) + erf(x)),
    ("relu(x)", Max(0, x)),
    ("max(x, y)", Max(x, y)),
    ("abs(x - 1)", Abs(x - 1)),
    ("step(x)", Heaviside(x)),
    ("heaviside(x)", Heaviside(x)),
    ("sign(x)", sign(x)),
    ("pi*x", pi * x),
    ("E^2*x", E**2 * x),
    ("exp(0)", Integer(1)),
    ("sin(pi)", Integer(0)),
    ("x1*x2*x10", x1 * x2 * x10),
    ("sigma0 + sigma1*u", Symbol("sigma0") + Symbol("sigma1") * Symbol("u")),
    ("import + lambda", Symbol("import") + lam),
]


@pytest.mark.parametrize(("text", "expected"), ROUND_TRIPS)
def test_round_trip(text: str, expected: sympy.Expr) -> None:
    result = parse_expression(text)
    assert result == expected
    assert sympy.simplify(result - expected) == 0


def test_symbols_are_plain() -> None:
    (s,) = parse_expression("x").free_symbols
    assert s == Symbol("x")
    assert s.assumptions0 == Symbol("x").assumptions0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-x**2", -(x**2)),
        ("-x^2", -(x**2)),
        ("-2^2", Integer(-4)),
        ("(-2)^2", Integer(4)),
        ("2^3^2", Integer(2) ** 9),
        ("2**3**2", Integer(512)),
        ("(2^3)^2", Integer(64)),
        ("2^-1", Rational(1, 2)),
        ("2^-1^2", Rational(1, 2)),  # 2**(-(1**2))
        ("a/b/c", a / (b * c)),
        ("a - b - c", a - b - c),
        ("a - (b - c)", a - b + c),
        ("a*b^2", a * b**2),
        ("a + b*c", a + b * c),
        ("(a + b)*c", (a + b) * c),
        ("-a*b", -a * b),
        ("a/b*c", a * c / b),
        ("x^(1 + 1)", x**2),
        ("x^(4/2)", x**2),
        ("x^(-(3))", x**-3),
    ],
)
def test_precedence(text: str, expected: sympy.Expr) -> None:
    assert parse_expression(text) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("0.5", "0.5 is not exact: write 1/2"),
        ("x*0.25", "0.25 is not exact: write 1/4"),
        ("1.0", "1.0 is not exact: write 1"),
        ("3.", "3. is not exact: write 3"),
        (".75", ".75 is not exact: write 3/4"),
        ("0.1", "0.1 is not exact: write 1/10"),
        ("1e3", "1e3 is not exact: write 1000"),
        ("2.5e-2", "2.5e-2 is not exact: write 1/40"),
        ("0.333", "0.333 is not exact: write 333/1000"),
        ("1e999999999", "write the number as a fraction of integers"),
    ],
)
def test_decimal_rejected_with_exact_hint(text: str, hint: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression(text)
    assert hint in str(info.value)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty expression"),
        ("   ", "empty expression"),
        ("foo(x)", "unknown function 'foo' at position 0"),
        ("lambda(x)", "unknown function 'lambda'"),
        ("import(os)", "unknown function 'import'"),
        ("pi(2)", "'pi' at position 0 is a constant"),
        ("sin", "'sin' at position 0 is a function"),
        ("x + exp", "'exp' at position 4 is a function"),
        ("x.y", "attribute access '.' at position 1"),
        ("x[0]", "brackets '[' at position 1"),
        ("{x}", "brackets '{' at position 0"),
        ("'x'", "strings are not allowed"),
        ('"x"', "strings are not allowed"),
        ("x, y", "',' at position 1 outside a function call"),
        ("(x, y)", "',' at position 2 outside a function call"),
        (",", "',' at position 0 outside a function call"),
        ("x y", "expected an operator at position 2"),
        ("2x", "expected an operator at position 1"),
        ("x)", "unmatched ')' at position 1"),
        ("(x", "expected ')' at position 2"),
        ("sin(x", "expected ')' at position 5"),
        ("()", "empty parentheses at position 0"),
        ("sin()", "sin() at position 0 needs an argument"),
        ("sin(x, y)", "sin() at position 0 takes 1 argument, got 2"),
        ("max(x)", "max() at position 0 takes at least 2 arguments, got 1"),
        ("x +", "at position 3, found the end of the expression"),
        ("* x", "at position 0, found '*'"),
        ("2//3", "at position 2, found '/'"),
        ("x = 1", "unexpected character '=' at position 2"),
        ("x % 2", "unexpected character '%'"),
        ("x @ y", "unexpected character '@'"),
        ("lambda: 0", "unexpected character ':' at position 6"),
        ("x λ", "unexpected character 'λ' at position 2"),
        ("x\x00", "unexpected character U+0000 at position 1"),
        ("_x", "name '_x' at position 0 is not allowed"),
        ("a__b", "name 'a__b' at position 0 is not allowed"),
        ("x^y", "must be an integer, not the symbolic y"),
        ("x^(1/2)", "must be an integer, not the fraction 1/2 (use sqrt"),
        ("x^pi", "must be an integer, not the non-integer pi"),
        ("E^x", "must be an integer, not the symbolic x"),
        ("x^1001", "the exponent 1001 at position 2 is too large"),
        ("x^-1001", "the exponent -1001"),
        ("(2^1000)^1000", "bits"),
        ("1/0", "division by zero at position 1"),
        ("x/(y - y)", "division by zero at position 1"),
        ("0^-1", "zero raised to the negative power -1"),
        ("log(0)", "log(...) at position 0 is undefined"),
        ("tan(pi/2)", "tan(...) at position 0 is undefined"),
        ("1" * 1001, "more than 1000 digits"),
        ("x" + "-" * (MAX_DEPTH + 2) + "x", "unary signs"),
    ],
)
def test_errors(text: str, fragment: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression(text)
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message
    assert isinstance(info.value, SymflatError)


def test_variables_restriction() -> None:
    assert parse_expression("x1 + x2*pi", variables=["x1", "x2"]) == x1 + x2 * pi
    assert parse_expression("exp(x)", variables={"x"}) == exp(x)
    with pytest.raises(ExpressionError, match=r"unknown variable 'y' at position 5.*x1, x2, x10"):
        parse_expression("x1 + y", variables=["x10", "x2", "x1"])
    with pytest.raises(ExpressionError, match="allowed variables: none"):
        parse_expression("x", variables=[])


def test_type_error_for_non_string() -> None:
    with pytest.raises(TypeError):
        parse_expression(3)  # type: ignore[arg-type]


INJECTIONS = [
    "__import__('os').system('touch pwned')",
    "__import__(\"os\").system(\"touch pwned\")",
    "().__class__.__bases__[0]",
    "().__class__.__bases__[0].__subclasses__()",
    'exec("import os")',
    "exec(compile('open(\"pwned\", \"w\")', 'f', 'exec'))",
    "eval('1')",
    "x.__class__",
    "lambda: 0",
    "lambda: open('pwned', 'w')",
    "open('f').read()",
    "open('pwned', 'w')",
    "__builtins__",
    "globals()",
    "getattr(x, 'evalf')",
    "Symbol('x')",
    "sympify('x')",
    "import os",
    "x; import os",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    "f'{x}'",
    "x if 1 else y",
    "os.system",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_strings_are_rejected_without_side_effect(
    text: str, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExpressionError):
        parse_expression(text)
    with pytest.raises(ExpressionError):
        parse_polynomial(text)
    assert list(tmp_path.iterdir()) == []
    assert not (tmp_path / "pwned").exists()


def test_limits_never_raise_recursion_error() -> None:
    deep = "(" * 100_000 + "x" + ")" * 100_000
    with pytest.raises(ExpressionError, match="characters long"):
        parse_expression(deep)
    within_length = "(" * 4000 + "x" + ")" * 4000
    with pytest.raises(ExpressionError, match=f"nested more than {MAX_DEPTH} levels"):
        parse_expression(within_length)
    calls = "sin(" * 1000 + "x" + ")" * 1000
    with pytest.raises(ExpressionError, match="nested"):
        parse_expression(calls)
    tower = "2^" * 1000 + "2"
    with pytest.raises(ExpressionError, match="nested"):
        parse_expression(tower)
    with pytest.raises(ExpressionError, match="characters long"):
        parse_expression("x+" * MAX_LENGTH + "x")
    with pytest.raises(ExpressionError, match="unary signs"):
        parse_expression("-" * 5000 + "x")


def test_nesting_at_the_limit_is_accepted() -> None:
    depth = MAX_DEPTH
    assert parse_expression("(" * depth + "x" + ")" * depth) == x
    nested = "x"
    for _ in range(depth):
        nested = f"tanh({nested} + 1)"
    result = parse_expression(nested)  # must be fast: deep calls are built unevaluated
    assert result.free_symbols == {x}


def test_huge_numbers_are_bounded() -> None:
    assert parse_expression("2^1000") == Integer(2) ** 1000
    with pytest.raises(ExpressionError, match="too large"):
        parse_expression("2^100000")
    with pytest.raises(ExpressionError, match="bits"):
        parse_expression("(2^1000*x)^1000")


def test_to_expression() -> None:
    from fractions import Fraction

    assert to_expression(x) is x
    assert to_expression(7) == Integer(7)
    assert to_expression(Fraction(2, 6)) == Rational(1, 3)
    assert to_expression("lambda/2") == lam / 2
    with pytest.raises(ExpressionError, match="unknown variable"):
        to_expression("y", variables=["x"])
    with pytest.raises(ExpressionError, match="write 1/4"):
        to_expression(0.25)
    with pytest.raises(ExpressionError):
        to_expression(True)
    with pytest.raises(ExpressionError):
        to_expression([1])
    with pytest.raises(ExpressionError):
        to_expression("__import__('os').system('touch pwned')")


# -- names -----------------------------------------------------------------------------------


def test_natural_sort_key() -> None:
    names = ["x10", "x2", "x1", "y1", "x", "beta"]
    assert sorted(names, key=natural_sort_key) == ["beta", "x", "x1", "x2", "x10", "y1"]
