"""Whether a polynomial system has no complex solution: a Gröbner basis equal to ``[1]``.

Two engines decide the same question, ``1`` in the ideal over QQ (Hilbert's weak
Nullstellensatz: exactly when the system has no complex solution):

``singular``
    Singular's ``std`` (Debian package ``singular``), run as a child process on a script this
    module writes: the unknowns renamed ``v1, v2, ...``, the coefficients exact rationals, no
    text of the user's. It reaches systems sympy's ``groebner`` does not finish.
``sympy``
    ``sympy.groebner`` over QQ (grevlex), always available.

``"auto"`` takes Singular when its binary is on the ``PATH``. The answer is the same by
construction (both compute in the same ideal over QQ); the tests cross-check them.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from fractions import Fraction

import sympy

__all__ = ["ENGINES", "basis_is_one", "engine_available", "run_singular", "singular_polynomial",
           "singular_script"]

ENGINES = ("auto", "singular", "sympy")
_SINGULAR = "Singular"


def engine_available(engine: str) -> bool:
    """Whether ``engine`` can run here (``sympy`` always can)."""
    if engine == "singular":
        return shutil.which(_SINGULAR) is not None
    return engine in ("auto", "sympy")


def basis_is_one(equations: list[sympy.Expr], unknowns: list[sympy.Symbol],
                 engine: str = "auto", timeout: float | None = None) -> bool:
    """Whether the reduced Gröbner basis of ``equations`` over QQ is ``[1]``.

    Examples
    --------
    >>> a, w = sympy.symbols("a w")
    >>> basis_is_one([a * w, a**2 * w - 1], [a, w], "sympy")
    True
    >>> basis_is_one([a * w - 1], [a, w], "sympy")
    False
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown Gröbner engine {engine!r}; choose one of {ENGINES}")
    if engine == "auto":
        engine = "singular" if engine_available("singular") else "sympy"
    if engine == "singular":
        return _singular(equations, unknowns, timeout)
    basis = sympy.groebner(equations, *unknowns, order="grevlex", domain="QQ")
    return list(basis.exprs) == [1]


def singular_polynomial(terms: Iterable[tuple[tuple[int, ...], object]]) -> str:
    """A polynomial for Singular from its terms ``(exponents, rational coefficient)`` in the
    variables ``v1, v2, ...``: every coefficient a bracketed rational in front, because
    Singular reads ``v1^2/3`` as ``v1^(2/3)`` and refuses it (``poly ^ number failed``).

    Examples
    --------
    >>> from fractions import Fraction
    >>> singular_polynomial([((2, 1), Fraction(-1, 2)), ((0, 0), 1)])
    '(-1/2)*v1^2*v2 + (1/1)'
    """
    texts = []
    for exponents, coefficient in terms:
        c = Fraction(int(sympy.numer(coefficient)), int(sympy.denom(coefficient)))
        factors = [f"({c.numerator}/{c.denominator})"]
        factors += [f"v{i + 1}" + (f"^{k}" if k > 1 else "") for i, k in enumerate(exponents)
                    if k]
        texts.append("*".join(factors))
    return " + ".join(texts) or "0"


def singular_script(equations: list[sympy.Expr], unknowns: list[sympy.Symbol]) -> str:
    """The Singular program deciding ``1 in I``: it prints 1 or 0.

    Examples
    --------
    >>> a, w = sympy.symbols("a w")
    >>> print(singular_script([a**2 * w / 2 - sympy.Rational(1, 3)], [a, w]))
    ring r = 0, (v1, v2), dp;
    ideal i = (1/2)*v1^2*v2 + (-1/3);
    print(reduce(1, std(i)) == 0);
    quit;
    """
    texts = []
    for equation in equations:
        expr = sympy.expand(sympy.sympify(equation))
        if expr.free_symbols - set(unknowns):
            raise ValueError(f"equation {equation} has symbols that are not unknowns")
        terms = sympy.Poly(expr, *unknowns, domain="QQ").terms() if expr != 0 else []
        texts.append(singular_polynomial(terms))
    ring = ", ".join(f"v{k + 1}" for k in range(len(unknowns)))
    body = ", ".join(texts) if texts else "0"
    return (f"ring r = 0, ({ring}), dp;\nideal i = {body};\n"
            f"print(reduce(1, std(i)) == 0);\nquit;")


def run_singular(script: str, timeout: float | None) -> subprocess.CompletedProcess:
    """Run Singular on ``script`` (text; stdout and stderr captured), killed at ``timeout``
    seconds (:class:`subprocess.TimeoutExpired`) and, through ``setpriv --pdeathsig`` where
    util-linux has it, when this process dies: a killed sweep or notebook leaves no Gröbner
    basis running. :class:`RuntimeError` if Singular is not installed."""
    binary = shutil.which(_SINGULAR)
    if binary is None:
        raise RuntimeError("Singular is not installed (apt-get install singular)")
    guard = shutil.which("setpriv")
    command = [binary, "-q", "--no-rc"]
    if guard is not None:
        command = [guard, "--pdeathsig", "KILL", "--", *command]
    return subprocess.run(command, input=script, capture_output=True, text=True,
                          timeout=timeout, check=False)


def _singular(equations: list[sympy.Expr], unknowns: list[sympy.Symbol],
              timeout: float | None) -> bool:
    done = run_singular(singular_script(equations, unknowns), timeout)
    answer = done.stdout.strip().splitlines()[-1:] if done.stdout.strip() else []
    if done.returncode != 0 or answer not in (["0"], ["1"]):
        raise RuntimeError(f"Singular failed (exit {done.returncode}): "
                           f"{(done.stderr or done.stdout).strip()[:300]}")
    return answer == ["1"]
