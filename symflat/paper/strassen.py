"""Strassen's algorithm as a neural network of multiplication gates (Sec. III.7).

A *bilinear algorithm* of rank r for n×n matrix multiplication is a triple (U, V, W): r products
m_t = (U_t · vec A)(V_t · vec B), and C = AB read out as vec C = W m. Strassen (1969) gives
rank 7 for n = 2; its k-fold tensor (Kronecker) power, the recursion on 2×2 blocks, gives rank
7^k for n = 2^k, against n³ = 8^k for the schoolbook algorithm.

:func:`strassen` builds the network: per product t, two summation nodes ``u{t}`` and ``v{t}``
(the linear combinations), one multiplication gate of Eq. 11 (four neurons with the generic
activation, read out with 1/(8 σ_2 λ²)), and the outputs ``c{i}{j}`` = Σ_t W_(ij),t m_t. It is a
real network with one hidden layer of 4·7^k neurons.

What "checked exactly against matrix multiplication by Taylor expansion" means here
    For the generic activation (free coefficients σ_k, σ_2 ≠ 0) and a symbolic λ, the Taylor
    polynomial of every output c_ij through total degree 2 in the 2n² inputs equals
    Σ_k a_ik b_kj exactly (:func:`check_expansion`). In fact each gate is
    uv + 2 (σ_4/σ_2) λ² (u³v + uv³) + O(λ⁴): the degree-3 part vanishes and the degree-4 part
    is λ² times an explicit polynomial (:func:`check_error_terms`), so at fixed inputs the
    error is O(λ²) and vanishes as λ → 0.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from symflat.errors import NetworkError
from symflat.exact.symbols import LAMBDA, sigma_symbol
from symflat.nets.expansion import expand
from symflat.nets.network import Network, exact

__all__ = [
    "BilinearAlgorithm",
    "STRASSEN",
    "NAIVE_2",
    "strassen_algorithm",
    "naive_algorithm",
    "altered",
    "bilinear_network",
    "strassen",
    "naive_matmul",
    "matrix_symbols",
    "default_fixed_matrix",
    "strassen_linear",
    "matmul_linear",
    "linear_synapse_rows",
    "strassen_identity_holds",
    "flat_product_synapses",
    "ExpansionCheck",
    "check_bilinear",
    "check_expansion",
    "check_error_terms",
    "log2_bracket",
    "ExponentFacts",
    "exponent_facts",
    "gate_count_rows",
    "gate_synapse_rows",
]


@dataclass(frozen=True)
class BilinearAlgorithm:
    """r products m_t = (U_t · vec A)(V_t · vec B) and vec C = W m (row-major vec).

    Attributes
    ----------
    name : str
    size : int
        The matrices are size × size.
    U, V : tuple of tuple of int
        r rows of size² coefficients.
    W : tuple of tuple of int
        size² rows of r coefficients.

    Examples
    --------
    >>> STRASSEN.rank, (STRASSEN @ STRASSEN).rank, (STRASSEN @ STRASSEN).size
    (7, 49, 4)
    """

    name: str
    size: int
    U: tuple[tuple[int, ...], ...]
    V: tuple[tuple[int, ...], ...]
    W: tuple[tuple[int, ...], ...]

    def __post_init__(self) -> None:
        s2, r = self.size**2, len(self.U)
        if len(self.V) != r or any(len(row) != s2 for row in self.U + self.V):
            raise NetworkError(f"{self.name}: U and V need {r} rows of {s2} coefficients")
        if len(self.W) != s2 or any(len(row) != r for row in self.W):
            raise NetworkError(f"{self.name}: W needs {s2} rows of {r} coefficients")

    @property
    def rank(self) -> int:
        """The number of products (multiplication gates)."""
        return len(self.U)

    def __matmul__(self, inner: BilinearAlgorithm) -> BilinearAlgorithm:
        """The recursion: ``self`` on blocks, ``inner`` inside each block (a tensor product).

        Entry (I, J) of the big matrix, I = i1·s2 + i2 and J = j1·s2 + j2, lies in block
        (i1, j1) at position (i2, j2); product (t1, t2) has coefficients U1[t1]·U2[t2].
        """
        s1, s2 = self.size, inner.size
        size = s1 * s2

        def index(i1: int, j1: int, i2: int, j2: int) -> int:
            return (i1 * s2 + i2) * size + (j1 * s2 + j2)

        cells = list(itertools.product(range(s1), range(s1), range(s2), range(s2)))
        pairs = list(itertools.product(range(self.rank), range(inner.rank)))

        def side(outer: tuple, inn: tuple) -> tuple:
            rows = []
            for t1, t2 in pairs:
                row = [0] * size**2
                for i1, j1, i2, j2 in cells:
                    row[index(i1, j1, i2, j2)] = outer[t1][i1 * s1 + j1] * inn[t2][i2 * s2 + j2]
                rows.append(tuple(row))
            return tuple(rows)

        w = [[0] * len(pairs) for _ in range(size**2)]
        for i1, j1, i2, j2 in cells:
            for t, (t1, t2) in enumerate(pairs):
                w[index(i1, j1, i2, j2)][t] = self.W[i1 * s1 + j1][t1] * inner.W[i2 * s2 + j2][t2]
        return BilinearAlgorithm(f"{self.name}@{inner.name}", size, side(self.U, inner.U),
                                 side(self.V, inner.V), tuple(map(tuple, w)))


#: Strassen (1969) for 2×2, vec order (11, 12, 21, 22):
#: M1 = (A11+A22)(B11+B22), M2 = (A21+A22)B11, M3 = A11(B12-B22), M4 = A22(B21-B11),
#: M5 = (A11+A12)B22, M6 = (A21-A11)(B11+B12), M7 = (A12-A22)(B21+B22);
#: C11 = M1+M4-M5+M7, C12 = M3+M5, C21 = M2+M4, C22 = M1-M2+M3+M6.
STRASSEN = BilinearAlgorithm(
    "strassen",
    2,
    U=((1, 0, 0, 1), (0, 0, 1, 1), (1, 0, 0, 0), (0, 0, 0, 1), (1, 1, 0, 0), (-1, 0, 1, 0),
       (0, 1, 0, -1)),
    V=((1, 0, 0, 1), (1, 0, 0, 0), (0, 1, 0, -1), (-1, 0, 1, 0), (0, 0, 0, 1), (1, 1, 0, 0),
       (0, 0, 1, 1)),
    W=((1, 0, 0, 1, -1, 0, 1), (0, 0, 1, 0, 1, 0, 0), (0, 1, 0, 1, 0, 0, 0),
       (1, -1, 1, 0, 0, 1, 0)),
)


def _check_size(n: Any, power_of_two: bool = True) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1 or (
            power_of_two and (n < 2 or n & (n - 1))):
        need = "n = 2^k with k >= 1" if power_of_two else "a positive integer n"
        raise NetworkError(f"matrix multiplication needs {need}, not {n!r}")
    return n


def naive_algorithm(n: int) -> BilinearAlgorithm:
    """The schoolbook algorithm: n³ products a_ik b_kj.

    Examples
    --------
    >>> naive_algorithm(2).rank
    8
    """
    _check_size(n, power_of_two=False)
    triples = list(itertools.product(range(n), repeat=3))
    U = tuple(tuple(int(e == i * n + k) for e in range(n * n)) for i, k, j in triples)
    V = tuple(tuple(int(e == k * n + j) for e in range(n * n)) for i, k, j in triples)
    W = tuple(tuple(int(i * n + j == c) for i, k, j in triples) for c in range(n * n))
    return BilinearAlgorithm(f"naive_{n}", n, U, V, W)


NAIVE_2 = naive_algorithm(2)


def strassen_algorithm(n: int) -> BilinearAlgorithm:
    """Strassen recursively on n×n, n = 2^k: rank 7^k.

    Examples
    --------
    >>> strassen_algorithm(8).rank
    343
    """
    k = _check_size(n).bit_length() - 1
    alg = STRASSEN
    for _ in range(k - 1):
        alg = STRASSEN @ alg
    return alg


def altered(alg: BilinearAlgorithm, product: int, side: str = "V", entry: int | None = None
            ) -> BilinearAlgorithm:
    """A copy with one product altered: the sign of one coefficient of ``U`` or ``V`` flipped.

    ``entry`` defaults to the last non-zero coefficient of that product's row (for Strassen's
    M1 = (A11+A22)(B11+B22) this gives (A11+A22)(B11-B22)).

    Examples
    --------
    >>> altered(STRASSEN, 0).V[0]
    (1, 0, 0, -1)
    """
    if side not in ("U", "V") or not 0 <= product < alg.rank:
        raise NetworkError(f"alter side U or V of a product 0..{alg.rank - 1}")
    rows = [list(r) for r in getattr(alg, side)]
    if entry is None:
        entry = max(e for e, c in enumerate(rows[product]) if c)
    rows[product][entry] = -rows[product][entry]
    new = {"U": alg.U, "V": alg.V, side: tuple(map(tuple, rows))}
    return BilinearAlgorithm(f"{alg.name}_altered_{side}{product + 1}", alg.size, new["U"],
                             new["V"], alg.W)


# -- networks -----------------------------------------------------------------------------------
def _entry(letter: str, i: int, j: int, n: int) -> str:
    return f"{letter}{i + 1}{j + 1}" if n < 10 else f"{letter}{i + 1}_{j + 1}"


def matrix_symbols(letter: str, n: int) -> sympy.Matrix:
    """The n×n matrix of the input symbols ``a11, a12, ...`` the networks read.

    Examples
    --------
    >>> matrix_symbols("a", 2)
    Matrix([
    [a11, a12],
    [a21, a22]])
    """
    return sympy.Matrix(n, n, lambda i, j: sympy.Symbol(_entry(letter, i, j, n)))


def bilinear_network(alg: BilinearAlgorithm, lam: Any = LAMBDA, shift: Any = 0,
                     name: str | None = None) -> Network:
    """A network of ``alg.rank`` multiplication gates (Eq. 11) computing C = AB.

    Inputs ``a{i}{j}`` then ``b{i}{j}`` (row-major, 1-based); outputs ``c{i}{j}``.

    Examples
    --------
    >>> net = bilinear_network(STRASSEN)
    >>> net.neuron_count, net.depth, len(net.inputs), len(net.outputs)
    (28, 1, 8, 4)
    """
    from symflat.paper.networks import add_product_gate

    n = alg.size
    net = Network(name or alg.name)
    a = [_entry("a", i, j, n) for i in range(n) for j in range(n)]
    b = [_entry("b", i, j, n) for i in range(n) for j in range(n)]
    for x in a + b:
        net.add_input(x)
    for t in range(alg.rank):
        for node, coeffs, xs in ((f"u{t + 1}", alg.U[t], a), (f"v{t + 1}", alg.V[t], b)):
            net.add_linear(node)
            for x, c in zip(xs, coeffs):
                if c:
                    net.add_edge(x, node, c)
        add_product_gate(net, f"u{t + 1}", f"v{t + 1}", f"m{t + 1}", "linear", lam, shift,
                          f"g{t + 1}.")
    for c_index in range(n * n):
        out = _entry("c", c_index // n, c_index % n, n)
        net.add_output(out)
        for t, w in enumerate(alg.W[c_index]):
            if w:
                net.add_edge(f"m{t + 1}", out, w)
    return net


def strassen(n: int = 2, lam: Any = LAMBDA, shift: Any = 0) -> Network:
    """Strassen's algorithm for n×n matrices (n = 2^k) as 7^k multiplication gates.

    Examples
    --------
    >>> strassen(4).neuron_count // 4
    49
    """
    return bilinear_network(strassen_algorithm(n), lam, shift, f"strassen_{n}")


def naive_matmul(n: int = 2, lam: Any = LAMBDA, shift: Any = 0) -> Network:
    """The schoolbook product as n³ multiplication gates (the comparison for :func:`strassen`).

    Examples
    --------
    >>> naive_matmul(2).neuron_count
    32
    """
    return bilinear_network(naive_algorithm(n), lam, shift, f"naive_matmul_{n}")


# -- the linear network M -> N M of Sec. III.7 --------------------------------------------------
class _LinearBuilder:
    """Builds M -> N M with Strassen's recursion on fixed N, sums kept as layers of neurons."""

    def __init__(self, net: Network, alg: BilinearAlgorithm) -> None:
        self.net, self.alg, self.count = net, alg, 0

    def node(self, sources: list[tuple[str, Any]], output: str | None = None) -> str:
        """A summation Σ w·source as an identity neuron (or the output ``output``)."""
        live = [(s, w) for s, w in sources if w != 0]
        if output is None and len(live) == 1 and live[0][1] == 1:
            return live[0][0]  # the same value: no new neuron, no synapse
        if output is None:
            self.count += 1
            name = f"s{self.count}"
            self.net.add_neuron(name, activation="identity")
        else:
            name = output
            self.net.add_output(name)
        for s, w in live or sources[:1]:
            self.net.add_edge(s, name, w if live else 0)
        return name

    def product(self, X: sympy.Matrix, Y: list[list[str]], levels: int,
                outputs: list[list[str]] | None = None) -> list[list[str]]:
        size = X.rows
        if levels == 0 or size == 1:
            return [[self.node([(Y[k][j], X[i, k]) for k in range(size)],
                               outputs[i][j] if outputs else None)
                     for j in range(size)] for i in range(size)]
        h, s = size // 2, self.alg.size

        def blocks_of(matrix: Any) -> list[Any]:
            return [matrix[bi * h:(bi + 1) * h, bj * h:(bj + 1) * h] if isinstance(
                matrix, sympy.Matrix) else [row[bj * h:(bj + 1) * h]
                                            for row in matrix[bi * h:(bi + 1) * h]]
                    for bi in range(s) for bj in range(s)]

        xs, ys = blocks_of(X), blocks_of(Y)
        products = []
        for t in range(self.alg.rank):
            Xt = sum((c * xs[e] for e, c in enumerate(self.alg.U[t]) if c), sympy.zeros(h, h))
            Yt = [[self.node([(ys[e][i][j], c) for e, c in enumerate(self.alg.V[t]) if c])
                   for j in range(h)] for i in range(h)]
            products.append(self.product(Xt, Yt, levels - 1))
        out = [[""] * size for _ in range(size)]
        for e in range(s * s):
            bi, bj = divmod(e, s)
            for i in range(h):
                for j in range(h):
                    terms = [(products[t][i][j], c) for t, c in enumerate(self.alg.W[e]) if c]
                    name = outputs[bi * h + i][bj * h + j] if outputs else None
                    out[bi * h + i][bj * h + j] = self.node(terms, name)
        return out


def default_fixed_matrix(n: int) -> sympy.Matrix:
    """N_ij = 3^(i·n + j + 1): a generic exact N.

    Every block combination Strassen forms is Σ ±3^a over distinct a >= 1, which is never 0
    or ±1 (the largest power exceeds twice the sum of the others), so no weight vanishes or
    becomes a plain copy: the synapse counts are those of a generic N.

    Examples
    --------
    >>> default_fixed_matrix(2)
    Matrix([
    [ 3,  9],
    [27, 81]])
    """
    return sympy.Matrix(n, n, lambda i, j: sympy.Integer(3) ** (i * n + j + 1))


def strassen_linear(N: Any = None, levels: int | None = None, n: int = 4) -> Network:
    """The linear network M -> N M of Sec. III.7 (N fixed), by Strassen's recursion.

    ``levels`` recursion steps on 2×2 blocks (default: all the way down, log2 n); the blocks
    left are multiplied by the flat (schoolbook) layer. Each linear combination of blocks is a
    layer of identity neurons (a combination that is a single block is reused, not copied), and
    each product with a fixed block of N is a weight. Inputs ``m11..`` (row-major), outputs
    ``c11..``; the matrix is N ⊗ I (vec row-major). ``levels=0`` is the flat network, with
    n·nnz(N) synapses (n³ for a dense N).

    Examples
    --------
    >>> net = strassen_linear(n=2)
    >>> net.synapse_count, strassen_linear(n=2, levels=0).synapse_count
    (29, 8)
    >>> net.linear_map() == sympy.kronecker_product(default_fixed_matrix(2), sympy.eye(2))
    True
    """
    N = default_fixed_matrix(n) if N is None else sympy.Matrix(N).applyfunc(
        lambda v: exact(v, "entry of N"))
    n = _check_size(N.rows)
    if N.cols != n:
        raise NetworkError("strassen_linear needs a square matrix N")
    k = n.bit_length() - 1
    levels = k if levels is None else levels
    if isinstance(levels, bool) or not isinstance(levels, int) or not 0 <= levels <= k:
        raise NetworkError(f"levels must be an integer in 0..{k}, not {levels!r}")
    net = Network(f"strassen_linear_{n}_{levels}")
    M = [[_entry("m", i, j, n) for j in range(n)] for i in range(n)]
    for row in M:
        for x in row:
            net.add_input(x)
    outputs = [[_entry("c", i, j, n) for j in range(n)] for i in range(n)]
    _LinearBuilder(net, STRASSEN).product(N, M, levels, outputs)
    # outputs were added in block order; the Network orders outputs by insertion
    return _reorder_outputs(net, [x for row in outputs for x in row])


def matmul_linear(n: int = 4, levels: int | None = None) -> Network:
    """Gallery form of :func:`strassen_linear`: M -> N M for the generic N of size n.

    Examples
    --------
    >>> matmul_linear(4, 1).synapse_count
    144
    """
    return strassen_linear(None, levels, n)


def _reorder_outputs(net: Network, order: list[str]) -> Network:
    other = Network(net.name)
    graph = other.graph
    for node, data in net.graph.nodes(data=True):
        if data["kind"] != "output":
            graph.add_node(node, **data)
    for node in order:
        graph.add_node(node, **net.graph.nodes[node])
    graph.add_edges_from(net.graph.edges(data=True))
    return other


def linear_synapse_rows(ks: Sequence[int] = tuple(range(1, 6)), graphs_up_to: int = 16
                        ) -> list[dict[str, Any]]:
    """Synapses of M -> N M: flat (n³), full Strassen recursion, and the best cut-off.

    The full recursion beats the flat network only from n = 2^16 on; one level of Strassen
    over flat blocks beats it from n = 64 on (6n² + 7n³/8 < n³ iff n > 48).

    Counts are read from the graphs up to n = ``graphs_up_to`` and from the exact recurrence
    beyond (the recurrence is checked against every graph built).

    Examples
    --------
    >>> row = linear_synapse_rows([2])[0]
    >>> row["n"], row["flat"], row["strassen"], row["best"], row["best_levels"]
    (4, 64, 291, 64, 0)
    >>> [(r["n"], r["best_levels"], r["best"] < r["flat"]) for r in linear_synapse_rows([5, 6])]
    [(32, 0, False), (64, 1, True)]
    """
    rows = []
    for k in ks:
        n = 2**k
        counts = {}
        for levels in range(k + 1):
            predicted = _linear_synapses(n, levels)
            if n <= graphs_up_to:
                got = strassen_linear(n=n, levels=levels).synapse_count
                if got != predicted:
                    raise AssertionError(f"n={n}, levels={levels}: graph {got}, recurrence "
                                         f"{predicted}")
            counts[levels] = predicted
        best = min(counts, key=lambda lv: (counts[lv], lv))
        rows.append({"n": n, "flat": counts[0], "strassen": counts[k], "best": counts[best],
                     "best_levels": best, "source": "graph" if n <= graphs_up_to else
                     "recurrence"})
    return rows


def _linear_synapses(n: int, levels: int) -> int:
    """Synapses of :func:`strassen_linear` with the default N (dense blocks, no cancellation).

    One level on size s: the V-side combinations with more than one block cost
    (Σ_t |V_t| over those t)·(s/2)² synapses, the W side Σ_e |W_e|·(s/2)² (every C block is a
    sum of >= 2 products), plus 7 products of size s/2; the flat layer costs s³.
    """
    if levels == 0 or n == 1:
        return n**3
    h2 = (n // 2) ** 2
    v_side = sum(sum(1 for c in row if c) for row in STRASSEN.V if sum(1 for c in row if c) > 1)
    w_side = sum(sum(1 for c in row if c) for row in STRASSEN.W)
    return (v_side + w_side) * h2 + STRASSEN.rank * _linear_synapses(n // 2, levels - 1)


# -- checks -------------------------------------------------------------------------------------
def _product_terms(n: int) -> dict[str, sympy.Expr]:
    A, B = matrix_symbols("a", n), matrix_symbols("b", n)
    C = A * B
    return {_entry("c", i, j, n): sympy.expand(C[i, j]) for i in range(n) for j in range(n)}


def strassen_identity_holds() -> bool:
    """Strassen's seven products give the 2×2 block product over a non-commutative ring.

    Non-commuting symbols stand for the blocks, so the identity holds for blocks of any size
    and the recursion on 2×2 blocks is valid.

    Examples
    --------
    >>> strassen_identity_holds()
    True
    """
    a11, a12, a21, a22, b11, b12, b21, b22 = sympy.symbols(
        "a11 a12 a21 a22 b11 b12 b21 b22", commutative=False)
    m1 = (a11 + a22) * (b11 + b22)
    m2 = (a21 + a22) * b11
    m3 = a11 * (b12 - b22)
    m4 = a22 * (b21 - b11)
    m5 = (a11 + a12) * b22
    m6 = (a21 - a11) * (b11 + b12)
    m7 = (a12 - a22) * (b21 + b22)
    c11 = m1 + m4 - m5 + m7
    c12 = m3 + m5
    c21 = m2 + m4
    c22 = m1 - m2 + m3 + m6
    target = (a11 * b11 + a12 * b21, a11 * b12 + a12 * b22,
              a21 * b11 + a22 * b21, a21 * b12 + a22 * b22)
    return all(sympy.expand(c - t) == 0 for c, t in zip((c11, c12, c21, c22), target))


def flat_product_synapses(n: int) -> int:
    """Synapses of the one-layer network M -> NM for a dense N: non-zeros of I ⊗ N.

    Examples
    --------
    >>> [flat_product_synapses(n) for n in (1, 2, 3)]
    [1, 8, 27]
    """
    dense = sympy.Matrix(n, n, lambda i, j: i + j + 1)
    return sum(1 for v in sympy.kronecker_product(sympy.eye(n), dense) if v != 0)


def check_bilinear(alg: BilinearAlgorithm) -> dict[str, sympy.Expr]:
    """The exact discrepancy Σ_t W_ct (U_t·a)(V_t·b) - (AB)_c per output (zero when correct).

    Examples
    --------
    >>> set(check_bilinear(strassen_algorithm(4)).values())
    {0}
    >>> check_bilinear(altered(STRASSEN, 0))["c11"]
    -2*a11*b22 - 2*a22*b22
    """
    n = alg.size
    a = list(matrix_symbols("a", n))
    b = list(matrix_symbols("b", n))
    m = [sum(c * x for c, x in zip(alg.U[t], a)) * sum(c * x for c, x in zip(alg.V[t], b))
         for t in range(alg.rank)]
    want = _product_terms(n)
    out = {}
    for c_index, (name, target) in enumerate(want.items()):
        got = sum(w * m[t] for t, w in enumerate(alg.W[c_index]) if w)
        out[name] = sympy.expand(got - target)
    return out


@dataclass(frozen=True)
class ExpansionCheck:
    """The network's Taylor polynomials against C = AB.

    Attributes
    ----------
    network : str
    degree : int
        Total degree of the Taylor polynomials compared.
    discrepancy : dict of str to sympy.Expr
        Output minus (AB)_ij, exact, per output (all zero when the check holds).
    """

    network: str
    degree: int
    discrepancy: dict[str, sympy.Expr]

    @property
    def holds(self) -> bool:
        """Whether every output's Taylor polynomial equals the matrix product exactly."""
        return all(d == 0 for d in self.discrepancy.values())


def check_expansion(net: Network, n: int, degree: int = 2) -> ExpansionCheck:
    """Expand ``net`` (generic σ, symbolic λ) through ``degree`` and subtract (AB)_ij.

    Examples
    --------
    >>> check_expansion(strassen(2), 2).holds
    True
    >>> check_expansion(bilinear_network(altered(STRASSEN, 0)), 2).discrepancy["c22"]
    -2*a11*b22 - 2*a22*b22
    """
    expansion = expand(net, degree)
    want = _product_terms(n)
    missing = set(want) - set(expansion.outputs)
    if missing:
        raise NetworkError(f"{net.name} lacks outputs {', '.join(sorted(missing))}")
    return ExpansionCheck(net.name, degree,
                          {c: sympy.expand(expansion.outputs[c] - want[c]) for c in want})


def check_error_terms(alg: BilinearAlgorithm, lam: Any = LAMBDA) -> dict[str, sympy.Expr]:
    """Output minus the predicted Taylor polynomial through degree 4; zero when it holds.

    The prediction: c = (AB)_c + 2 (σ_4/σ_2) λ² Σ_t W_ct (u_t³ v_t + u_t v_t³), with
    u_t = U_t·a, v_t = V_t·b (each gate's σ_0, σ_1 and σ_3 terms cancel by symmetry).

    Examples
    --------
    >>> set(check_error_terms(STRASSEN).values())
    {0}
    """
    n = alg.size
    lam = exact(lam, "lambda")
    net = bilinear_network(alg, lam=lam)
    expansion = expand(net, 4)
    a, b = list(matrix_symbols("a", n)), list(matrix_symbols("b", n))
    u = [sum(c * x for c, x in zip(alg.U[t], a)) for t in range(alg.rank)]
    v = [sum(c * x for c, x in zip(alg.V[t], b)) for t in range(alg.rank)]
    ratio = 2 * sigma_symbol(4) / sigma_symbol(2) * lam**2
    want = _product_terms(n)
    out = {}
    for c_index, (name, target) in enumerate(want.items()):
        error = sum(w * (u[t] ** 3 * v[t] + u[t] * v[t] ** 3)
                    for t, w in enumerate(alg.W[c_index]) if w)
        predicted = target + ratio * error
        out[name] = sympy.expand(sympy.cancel(sympy.expand(expansion.outputs[name] - predicted)))
    return out


# -- exponent arithmetic ------------------------------------------------------------------------
def log2_bracket(value: int, digits: int) -> tuple[Fraction, Fraction]:
    """Exact decimal bracket lo <= log2(value) < lo + 10^-digits, by integer bit lengths.

    floor(10^d log2 v) = bit_length(v^(10^d)) - 1, an exact integer computation.

    Examples
    --------
    >>> log2_bracket(7, 3)
    (Fraction(2807, 1000), Fraction(351, 125))
    """
    if value < 1 or digits < 0:
        raise ValueError("log2_bracket needs value >= 1 and digits >= 0")
    scale = 10**digits
    floor = (value**scale).bit_length() - 1
    return Fraction(floor, scale), Fraction(floor + 1, scale)


@dataclass(frozen=True)
class ExponentFacts:
    """Exact facts behind the exponents of Sec. III.7.

    Attributes
    ----------
    log2_7 : tuple of Fraction
        A bracket [lo, hi) of log2 7 of width 10^-digits.
    rounds_to_2_81 : bool
        Whether 2.805 <= log2 7 < 2.815 (the paper's "ω = log2 7 ≈ 2.81").
    rounds_to_2_807 : bool
        Whether 2.8065 <= log2 7 < 2.8075.
    le_gall_gap : Fraction
        3 - 2.3728639 as an exact rational.
    le_gall_gap_matches : bool
        Whether it equals the printed 0.6271361.
    strassen_gap : tuple of Fraction
        A bracket of 3 - log2 7 (the flattening exponent with Strassen's ω).
    gates : dict of int to (int, int)
        n -> (gates of the Strassen network, gates of the naive one), read from the graphs.
    """

    log2_7: tuple[Fraction, Fraction]
    rounds_to_2_81: bool
    rounds_to_2_807: bool
    le_gall_gap: Fraction
    le_gall_gap_matches: bool
    strassen_gap: tuple[Fraction, Fraction]
    gates: dict[int, tuple[int, int]]


def exponent_facts(digits: int = 6, sizes: Sequence[int] = (2, 4)) -> ExponentFacts:
    """Decide the exponent arithmetic exactly (integers and rationals only).

    Examples
    --------
    >>> facts = exponent_facts(digits=4)
    >>> facts.rounds_to_2_81, facts.rounds_to_2_807, facts.le_gall_gap
    (True, True, Fraction(6271361, 10000000))
    >>> facts.gates
    {2: (7, 8), 4: (49, 64)}
    """
    lo, hi = log2_bracket(7, digits)
    # lo <= log2 7 < hi, with lo, hi multiples of 10^-digits; x <= log2 7 iff 2^x <= 7.
    within = _log2_7_within
    gap = Fraction(3) - Fraction("2.3728639")
    gates = {}
    for n in sizes:
        gates[n] = (strassen(n, lam=1).neuron_count // 4, naive_matmul(n, lam=1).neuron_count // 4)
    return ExponentFacts(
        log2_7=(lo, hi),
        rounds_to_2_81=within(Fraction("2.805"), Fraction("2.815")),
        rounds_to_2_807=within(Fraction("2.8065"), Fraction("2.8075")),
        le_gall_gap=gap,
        le_gall_gap_matches=gap == Fraction("0.6271361"),
        strassen_gap=(3 - hi, 3 - lo),
        gates=gates,
    )


def _log2_7_within(lo: Fraction, hi: Fraction) -> bool:
    """lo <= log2 7 < hi, decided by 2^(lo q) <= 7^q < 2^(hi q) with a common denominator q."""
    q = math.lcm(lo.denominator, hi.denominator)
    return 2 ** int(lo * q) <= 7**q < 2 ** int(hi * q)


# -- plot data ----------------------------------------------------------------------------------
def gate_count_rows(ks: Sequence[int] = tuple(range(1, 11)), graphs_up_to: int = 4
                    ) -> list[tuple[int, int, int, str]]:
    """Rows (n, Strassen gates, naive gates, source) for n = 2^k.

    Up to n = ``graphs_up_to`` the counts are read from the networks' graphs; beyond, they are
    7^k and 8^k, which the graphs confirm where built (source ``"graph"`` or ``"formula"``).

    Examples
    --------
    >>> gate_count_rows([1, 2, 3])
    [(2, 7, 8, 'graph'), (4, 49, 64, 'graph'), (8, 343, 512, 'formula')]
    """
    rows = []
    for k in ks:
        n = 2**k
        if n <= graphs_up_to:
            s, m = (counts[0] // 4 for counts in _gate_network_counts(n))
            if (s, m) != (7**k, 8**k):
                raise AssertionError(f"n={n}: graphs give {s}, {m} gates, not 7^k, 8^k")
            rows.append((n, s, m, "graph"))
        else:
            rows.append((n, 7**k, 8**k, "formula"))
    return rows


def gate_synapse_rows(ks: Sequence[int] = (1, 2, 3, 4)) -> list[dict[str, int]]:
    """Synapses of the one-hidden-layer gate networks (λ = 1) for n = 2^k, read from the graphs.

    Examples
    --------
    >>> gate_synapse_rows([1])
    [{'n': 2, 'strassen': 120, 'schoolbook': 120}]
    """
    rows = []
    for k in ks:
        (_, strassen_synapses), (_, naive_synapses) = _gate_network_counts(2**k)
        rows.append({"n": 2**k, "strassen": strassen_synapses, "schoolbook": naive_synapses})
    return rows


@functools.lru_cache(maxsize=8)
def _gate_network_counts(n: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """(neurons, synapses) of the Strassen and the schoolbook gate networks (λ = 1), each
    built once: the n = 16 networks take about a second each."""
    built = strassen(n, lam=1), naive_matmul(n, lam=1)
    return tuple((net.neuron_count, net.synapse_count) for net in built)
