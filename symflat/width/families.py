"""Families of polynomials whose minimal hidden width a sweep tabulates.

The families::

    monomials              every monomial of degree <= D in <= n variables, one per orbit of the
                           variable permutations (exponents non-increasing; every=True: all)
    elementary             e_k(x1..xm) for 1 <= k <= m <= n
    power-sums             x1^k + ... + xm^k for 1 <= m <= n, 1 <= k <= D
    chain                  x1 x2 + x2 x3 + ... + x(m-1) xm for 2 <= m <= n; periodic adds xm x1
                           (m >= 3): the Ising-type Hamiltonians of Section II.4
    lattice                nearest-neighbour bonds x_{i,j} x_{i+1,j} + x_{i,j} x_{i,j+1} of every
                           a x b grid (2 <= a <= b, a b <= n), sites numbered row by row;
                           periodic wraps both ways (a, b >= 3: a torus): the grids of II.4
    products               x1 x2 ... xm for 1 <= m <= n (symflat sweep --compare: Appendix A
                           against the tree of gates)
    powers                 x1^d for 1 <= d <= D (a shallow network needs d + 1 neurons)
    disjoint-products      x1..xb + x(b+1)..x(2b) + ... with 1..K blocks of size b
    determinant            det of the 2x2 (and 3x3) matrix of x1..x4 (x1..x9), row by row
    file                   a user's list, one polynomial per line (# comments, blank lines)

:func:`family_polynomials` builds a family's polynomials in canonical form
(:func:`canonical_polynomial`), refusing those the width machinery would refuse.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations, combinations_with_replacement
from pathlib import Path
from typing import Any

from symflat.errors import SymflatError
from symflat.files import read_text

__all__ = [
    "FAMILIES",
    "MAX_DEGREE",
    "MAX_POLYNOMIALS",
    "MAX_QUADRATIC_VARS",
    "MAX_VARS",
    "Family",
    "FamilyError",
    "canonical_polynomial",
    "family_label",
    "family_polynomials",
    "lattice_bonds",
    "read_polynomial_file",
]

#: Limits on the family parameters (larger sweeps: several runs, or a file).
MAX_VARS = 10
#: Chains, rings and lattices are quadratic forms, solved exactly by the quadratic theorem
#: (:mod:`symflat.width.quadratic`) in well under a second: they may have more variables.
MAX_QUADRATIC_VARS = 30
MAX_DEGREE = 12
MAX_POLYNOMIALS = 5000


class FamilyError(SymflatError):
    """A family cannot be built as asked (unknown family, sizes too large, a bad file, ...)."""



@dataclass(frozen=True)
class Family:
    """A family of polynomials: a one-line description and the options it takes."""

    name: str
    description: str
    options: tuple[str, ...]
    build: Callable[..., list[str]]


def _x(i: int) -> str:
    return f"x{i}"


def _mono(exponents: Sequence[int]) -> str:
    """``x1^2*x3`` from exponents ``(2, 0, 1)``."""
    parts = [_x(i + 1) if e == 1 else f"{_x(i + 1)}^{e}" for i, e in enumerate(exponents) if e]
    return "*".join(parts)


def _limit(name: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise FamilyError(f"`{name}` must be between {low} and {high} (got {value})")
    return value


def _monomials(max_degree: int = 4, max_vars: int = 3, every: bool = False) -> list[str]:
    d = _limit("max_degree", max_degree, 1, MAX_DEGREE)
    n = _limit("max_vars", max_vars, 1, MAX_VARS)
    if every and math.comb(n + d, d) - 1 > MAX_POLYNOMIALS:
        raise FamilyError(f"`every` with degree <= {d} in {n} variables gives "
                         f"{math.comb(n + d, d) - 1:,} monomials; at most {MAX_POLYNOMIALS:,} "
                         f"per sweep")
    out = []
    for degree in range(1, d + 1):
        if every:
            # every exponent vector of this degree in exactly n variables (zeros allowed)
            for combo in combinations_with_replacement(range(n), degree):
                e = [0] * n
                for i in combo:
                    e[i] += 1
                out.append(_mono(e))
        else:
            out.extend(_mono(p) for p in _partitions(degree, n))
    return out


def _partitions(total: int, parts: int, largest: int | None = None) -> Iterator[tuple[int, ...]]:
    """Partitions of ``total`` into at most ``parts`` positive parts, largest first."""
    largest = total if largest is None else largest
    if total == 0:
        yield ()
        return
    if parts == 0:
        return
    for first in range(min(total, largest), 0, -1):
        for rest in _partitions(total - first, parts - 1, first):
            yield (first, *rest)


def _elementary(max_vars: int = 4) -> list[str]:
    n = _limit("max_vars", max_vars, 1, MAX_VARS)
    out = []
    for m in range(1, n + 1):
        for k in range(1, m + 1):
            out.append(" + ".join("*".join(_x(i) for i in c)
                                  for c in combinations(range(1, m + 1), k)))
    return out


def _power_sums(max_degree: int = 4, max_vars: int = 3) -> list[str]:
    d = _limit("max_degree", max_degree, 1, MAX_DEGREE)
    n = _limit("max_vars", max_vars, 1, MAX_VARS)
    return [" + ".join(_x(i) if k == 1 else f"{_x(i)}^{k}" for i in range(1, m + 1))
            for m in range(1, n + 1) for k in range(1, d + 1)]


def _chain(max_vars: int = 5, periodic: bool = False) -> list[str]:
    n = _limit("max_vars", max_vars, 3 if periodic else 2, MAX_QUADRATIC_VARS)
    out = []
    for m in range(3 if periodic else 2, n + 1):
        bonds = [(i, i + 1) for i in range(1, m)] + ([(m, 1)] if periodic else [])
        out.append(_bond_sum(bonds))
    return out


def lattice_bonds(rows: int, cols: int, periodic: bool = False) -> list[tuple[int, int]]:
    """The nearest-neighbour bonds of a ``rows x cols`` grid, sites numbered 1.. row by row.

    ``periodic`` wraps both directions (for ``rows, cols >= 3``; a wrap of length 2 would
    repeat a bond).

    Examples
    --------
    >>> lattice_bonds(2, 2)
    [(1, 2), (1, 3), (2, 4), (3, 4)]
    >>> len(lattice_bonds(3, 3, periodic=True))
    18
    """
    def site(i: int, j: int) -> int:
        return (i % rows) * cols + (j % cols) + 1

    bonds = []
    for i in range(rows):
        for j in range(cols):
            if periodic or j + 1 < cols:
                bonds.append((site(i, j), site(i, j + 1)))
            if periodic or i + 1 < rows:
                bonds.append((site(i, j), site(i + 1, j)))
    return sorted(tuple(sorted(b)) for b in bonds)


def _bond_sum(bonds: Sequence[tuple[int, int]]) -> str:
    return " + ".join(f"{_x(i)}*{_x(j)}" for i, j in bonds)


def _lattice(max_vars: int = 9, periodic: bool = False) -> list[str]:
    low = 3 if periodic else 2
    n = _limit("max_vars", max_vars, low * low, MAX_QUADRATIC_VARS)
    shapes = sorted(((a, b) for a in range(low, n + 1) for b in range(a, n // a + 1)),
                    key=lambda ab: (ab[0] * ab[1], ab[0]))
    return [_bond_sum(lattice_bonds(a, b, periodic)) for a, b in shapes]


def _products(max_vars: int = 5) -> list[str]:
    n = _limit("max_vars", max_vars, 1, MAX_VARS)
    return ["*".join(_x(i) for i in range(1, m + 1)) for m in range(1, n + 1)]


def _powers(max_degree: int = 8) -> list[str]:
    d = _limit("max_degree", max_degree, 1, MAX_DEGREE)
    return [_x(1) if k == 1 else f"{_x(1)}^{k}" for k in range(1, d + 1)]


def _disjoint_products(block: int = 2, max_blocks: int = 3) -> list[str]:
    b = _limit("block", block, 2, MAX_VARS)
    k = _limit("max_blocks", max_blocks, 1, MAX_VARS // b)
    return [" + ".join("*".join(_x(j * b + i) for i in range(1, b + 1)) for j in range(m))
            for m in range(1, k + 1)]


def _determinant(max_size: int = 3) -> list[str]:
    import sympy

    size = _limit("max_size", max_size, 2, 3)
    out = []
    for s in range(2, size + 1):
        matrix = sympy.Matrix(s, s, [sympy.Symbol(_x(i)) for i in range(1, s * s + 1)])
        out.append(str(matrix.det(method="berkowitz").expand()))
    return out


def _file(path: str | os.PathLike | None = None) -> list[str]:
    if path is None:
        raise FamilyError("the file family needs a FILE: symflat sweep file FILE")
    return read_polynomial_file(path)


FAMILIES: dict[str, Family] = {
    f.name: f
    for f in (
        Family("monomials", "every monomial of degree <= D in <= n variables (up to renaming)",
               ("max_degree", "max_vars", "every"), _monomials),
        Family("elementary", "elementary symmetric polynomials e_k(x1..xm), k <= m <= n",
               ("max_vars",), _elementary),
        Family("power-sums", "power sums x1^k + ... + xm^k, m <= n, k <= D",
               ("max_degree", "max_vars"), _power_sums),
        Family("chain", "nearest-neighbour chains x1*x2 + x2*x3 + ... (--periodic: rings)",
               ("max_vars", "periodic"), _chain),
        Family("lattice", "nearest-neighbour bonds of a x b grids, a*b <= n (--periodic: tori)",
               ("max_vars", "periodic"), _lattice),
        Family("products", "products x1*x2*...*xm, m <= n", ("max_vars",), _products),
        Family("powers", "powers x1^d, d <= D", ("max_degree",), _powers),
        Family("disjoint-products", "sums of disjoint products x1*x2 + x3*x4 + ... (--block b)",
               ("block", "max_blocks"), _disjoint_products),
        Family("determinant", "determinants of the 2x2 and 3x3 matrices of variables",
               ("max_size",), _determinant),
        Family("file", "a list of polynomials from a file, one per line", ("path",), _file),
    )
}


def family_polynomials(family: str, **options: Any) -> list[str]:
    """The polynomials of a family, canonical and without repeats, in a fixed order.

    Options not given take the family's defaults; an option the family does not take, a size
    beyond the limits, or matrices the width machinery would refuse raise :class:`FamilyError`.

    Examples
    --------
    >>> family_polynomials("monomials", max_degree=3, max_vars=2)
    ['x1', 'x1**2', 'x1*x2', 'x1**3', 'x1**2*x2']
    >>> family_polynomials("chain", max_vars=4, periodic=True)
    ['x1*x2 + x1*x3 + x2*x3', 'x1*x2 + x1*x4 + x2*x3 + x3*x4']
    >>> family_polynomials("elementary", max_vars=2)
    ['x1', 'x1 + x2', 'x1*x2']
    >>> family_polynomials("lattice", max_vars=4)
    ['x1*x2 + x1*x3 + x2*x4 + x3*x4']
    >>> family_polynomials("products", max_vars=3), family_polynomials("powers", max_degree=2)
    (['x1', 'x1*x2', 'x1*x2*x3'], ['x1', 'x1**2'])
    >>> family_polynomials("disjoint-products", max_blocks=2)
    ['x1*x2', 'x1*x2 + x3*x4']
    >>> family_polynomials("determinant", max_size=2)
    ['x1*x4 - x2*x3']
    >>> family_polynomials("cubes")
    Traceback (most recent call last):
    ...
    symflat.width.families.FamilyError: unknown family 'cubes'; choose one of monomials, \
elementary, power-sums, chain, lattice, products, powers, disjoint-products, determinant, file
    """
    spec = FAMILIES.get(family)
    if spec is None:
        raise FamilyError(f"unknown family {family!r}; choose one of {', '.join(FAMILIES)}")
    given = {k: v for k, v in options.items() if v is not None and v is not False}
    extra = sorted(set(given) - set(spec.options))
    if extra:
        raise FamilyError(f"`{extra[0]}` does not apply to the {family} family "
                         f"(it takes: {_option_names(spec)})")
    texts = spec.build(**given)
    if len(texts) > MAX_POLYNOMIALS:
        raise FamilyError(f"the {family} family with these sizes has {len(texts):,} polynomials; "
                         f"at most {MAX_POLYNOMIALS:,} per sweep")
    out, seen = [], set()
    for text in texts:
        canonical = canonical_polynomial(text, where="" if family == "file" else text)
        if canonical not in seen:
            seen.add(canonical)
            out.append(canonical)
    return out


def family_label(family: str, periodic: bool = False) -> str:
    """The name results are stored and reported under: ``ring`` for a periodic chain,
    ``torus`` for a periodic lattice, else the family's name.

    Examples
    --------
    >>> family_label("chain", periodic=True), family_label("lattice", True), family_label("chain")
    ('ring', 'torus', 'chain')
    """
    if periodic:
        return {"chain": "ring", "lattice": "torus"}.get(family, family)
    return family


def _option_names(spec: Family) -> str:
    return ", ".join(f"`{o}`" for o in spec.options) or "no options"


def canonical_polynomial(text: str, *, where: str = "") -> str:
    """The canonical text of a polynomial (as ``symflat width --json`` prints it), checked.

    Refuses (:class:`FamilyError`) non-polynomials, constants, more than :data:`MAX_VARS`
    variables (:data:`MAX_QUADRATIC_VARS` at degree <= 2) and polynomials whose
    catalecticant matrices the width machinery would refuse.

    Examples
    --------
    >>> canonical_polynomial("x2^2*x1 + 3*x1*x2")
    'x1*x2**2 + 3*x1*x2'
    >>> canonical_polynomial("x1 + 1/2*x2^2")
    'x1 + x2**2/2'
    """
    from symflat.width import as_polynomial
    from symflat.width.lower import MAX_MATRIX_ENTRIES, matrix_sizes

    prefix = f"{where}: " if where else ""
    try:
        data = as_polynomial(text)
    except SymflatError as error:
        raise FamilyError(f"{prefix}{error}") from None
    limit = MAX_QUADRATIC_VARS if data.degree <= 2 else MAX_VARS
    if data.nvars > limit:
        raise FamilyError(f"{prefix}{data.nvars} variables; at most {limit} are supported"
                         + (" at degree 3 or more" if limit == MAX_VARS else ""))
    biggest = max(r * c for r, c in matrix_sizes(data.nvars, data.degree))
    if biggest > MAX_MATRIX_ENTRIES:
        raise FamilyError(f"{prefix}degree {data.degree} in {data.nvars} variables needs "
                         f"matrices with {biggest:,} entries (limit {MAX_MATRIX_ENTRIES:,})")
    return str(data.to_expr())


def read_polynomial_file(path: str | os.PathLike) -> list[str]:
    """The polynomials of a file, one per line; blank lines and ``#`` comments are skipped.

    A line that is not a polynomial the width machinery accepts raises :class:`FamilyError`
    naming the file and the line number; so does a file that is not a regular UTF-8 text file
    of bounded size (:func:`symflat.files.read_text`). Polynomials are parsed by
    :func:`symflat.exact.polynomial.parse_polynomial` (never evaluated).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "p.txt"
    >>> _ = f.write_text("# two\\nx1*x2\\n\\nx1^2 + x2^2  # a comment\\n")
    >>> read_polynomial_file(f)
    ['x1*x2', 'x1**2 + x2**2']
    """
    path = Path(path)
    try:
        text = read_text(path)
    except SymflatError as error:  # missing, not a regular file, too large, not UTF-8
        raise FamilyError(str(error)) from None
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0].strip()
        if content:
            out.append(canonical_polynomial(content, where=f"{path}, line {number}"))
    if not out:
        raise FamilyError(f"{path}: no polynomials in it (one per line; # starts a comment)")
    return out
