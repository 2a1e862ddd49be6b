"""Linear networks of Sec. III.7 built as real :class:`~symflat.nets.network.Network` graphs.

A *linear network* has identity neurons and no biases, so it computes a matrix
(:meth:`Network.linear_map`). Flattening it to no hidden layer (ℓ = ε = 0 in the paper) leaves a
single weight matrix, the product of the layers, so the flat synapse count is the number of
non-zero entries of that product; the factored count is read from the graph.

Networks
    :func:`fft` (radix-2 Cooley–Tukey, log2 n butterfly layers, exact roots of unity),
    :func:`walsh_hadamard` (the fast Walsh–Hadamard transform), :func:`low_rank` (A = BC),
    :func:`chain_network` (any product of matrices), :func:`flat_network` (one weight matrix).
Exact comparison
    :func:`compare_matrices` decides equality of matrices over the cyclotomic field Q(ζ_N): every
    entry is reduced modulo the cyclotomic polynomial Φ_N, which is exact.
Sparse products (Eq. 27)
    :func:`expected_nonzeros_proof` (the symbolic proof, each step checked by sympy),
    :func:`enumerated_expected_nonzeros` (exhaustive over all sparsity patterns, exact in p),
    :func:`monte_carlo_nonzeros` (seeded, numerical), :func:`sparse_flattening_cost`.
Plots
    :func:`synapse_count_rows`, :func:`plot_synapse_counts`, :func:`sparse_cost_rows`,
    :func:`plot_sparse_cost`.

The DFT here is unnormalised, F_jk = ω^(jk) with ω = exp(-2πi/n) (numpy's sign convention).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from statistics import NormalDist
from typing import Any

import sympy

from symflat.errors import NetworkError
from symflat.exact.expressions import to_expression
from symflat.nets.network import Network, exact

__all__ = [
    "root_of_unity",
    "dft_matrix",
    "hadamard_matrix",
    "bit_reverse",
    "fft",
    "walsh_hadamard",
    "low_rank",
    "low_rank_factors",
    "chain_network",
    "flat_network",
    "with_weight",
    "MatrixCheck",
    "compare_matrices",
    "check_network_matrix",
    "nonzero_count",
    "SynapseComparison",
    "compare_synapses",
    "ProofStep",
    "SparseProof",
    "expected_nonzeros",
    "sparse_flattening_cost",
    "expected_nonzeros_proof",
    "enumerated_expected_nonzeros",
    "MonteCarloResult",
    "monte_carlo_nonzeros",
    "sparse_bound_table",
    "synapse_count_rows",
    "plot_synapse_counts",
    "sparse_cost_rows",
    "plot_sparse_cost",
]

P = sympy.Symbol("p", positive=True)
N = sympy.Symbol("n", positive=True, integer=True)


# -- sizes and exact matrices -------------------------------------------------------------------
def _log2(n: Any, what: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 2 or n & (n - 1):
        raise NetworkError(f"{what} needs n = 2^k points with k >= 1, not {n!r}")
    return n.bit_length() - 1


def root_of_unity(n: int, k: int) -> sympy.Expr:
    """ω_n^k = exp(-2πi k/n) as an exact sympy number (sympy's own simplified form).

    Examples
    --------
    >>> root_of_unity(4, 1), root_of_unity(8, 3), root_of_unity(8, 8)
    (-I, exp(-3*I*pi/4), 1)
    """
    return sympy.exp(-2 * sympy.pi * sympy.I * sympy.Rational(k % n, n))


def dft_matrix(n: int) -> sympy.Matrix:
    """The unnormalised DFT matrix F_jk = ω^(jk), ω = exp(-2πi/n).

    Examples
    --------
    >>> dft_matrix(2)
    Matrix([
    [1,  1],
    [1, -1]])
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise NetworkError(f"dft_matrix needs a positive integer n, not {n!r}")
    return sympy.Matrix(n, n, lambda j, k: root_of_unity(n, j * k))


def hadamard_matrix(n: int) -> sympy.Matrix:
    """Sylvester's Hadamard matrix H_jk = (-1)^popcount(j AND k), n = 2^k.

    Examples
    --------
    >>> hadamard_matrix(4)[3, :]
    Matrix([[1, -1, -1, 1]])
    """
    _log2(n, "hadamard_matrix")
    return sympy.Matrix(n, n, lambda j, k: (-1) ** bin(j & k).count("1"))


def bit_reverse(i: int, bits: int) -> int:
    """The integer whose ``bits``-bit binary digits are those of ``i`` reversed.

    Examples
    --------
    >>> [bit_reverse(i, 3) for i in range(8)]
    [0, 4, 2, 6, 1, 5, 3, 7]
    """
    return int(format(i, f"0{bits}b")[::-1], 2) if bits else 0


# -- butterfly networks -------------------------------------------------------------------------
def _butterfly_network(name: str, n: int, first: list[str],
                       stages: list[list[tuple[int, int, sympy.Expr, sympy.Expr]]]) -> Network:
    """Stages of butterflies; stage s maps positions (a, b) to (v_a + t v_b, v_a - t v_b).

    ``first[p]`` is the input at position p before the first stage. Every stage but the last
    is a layer of identity neurons ``s{stage}_{p}``; the last stage is the outputs ``y{p}``.
    """
    net = Network(name)
    for j in range(n):
        net.add_input(f"x{j}")
    previous = list(first)
    for s, butterflies in enumerate(stages, start=1):
        last = s == len(stages)
        current = [f"y{p}" if last else f"s{s}_{p}" for p in range(n)]
        for node in current:
            if last:
                net.add_output(node)
            else:
                net.add_neuron(node, activation="identity")
        for a, b, top, bottom in butterflies:
            net.add_edge(previous[a], current[a], 1)
            net.add_edge(previous[b], current[a], top)
            net.add_edge(previous[a], current[b], 1)
            net.add_edge(previous[b], current[b], bottom)
        previous = current
    return net


def fft(n: int = 8) -> Network:
    """The radix-2 decimation-in-time FFT on n = 2^k points as a linear network.

    The inputs ``x0..x{n-1}`` enter in bit-reversed order (a wiring, not a layer); stage
    s = 1..k combines pairs at distance 2^(s-1) with twiddles ω_(2^s)^j = exp(-2πi j/2^s):
    (a, b) -> (a + ω b, a - ω b). The k = log2 n butterfly weight layers are k - 1 hidden
    layers of n identity neurons and the output layer ``y0..y{n-1}``; every layer has 2n
    non-zero weights, so the network has 2 n log2 n synapses. It computes the unnormalised DFT
    y_k = Σ_j ω^(jk) x_j, ω = exp(-2πi/n) (:func:`dft_matrix`).

    Examples
    --------
    >>> net = fft(8)
    >>> net.synapse_count, net.neuron_count, net.depth
    (48, 16, 2)
    >>> check_network_matrix(net, dft_matrix(8)).equal
    True
    """
    k = _log2(n, "fft")
    stages = []
    for s in range(1, k + 1):
        half = 2 ** (s - 1)
        stage = []
        for block in range(0, n, 2 * half):
            for j in range(half):
                twiddle = root_of_unity(n, j * (n // (2 * half)))
                stage.append((block + j, block + j + half, twiddle, -twiddle))
        stages.append(stage)
    first = [f"x{bit_reverse(p, k)}" for p in range(n)]
    return _butterfly_network(f"fft_{n}", n, first, stages)


def walsh_hadamard(n: int = 8) -> Network:
    """The fast Walsh–Hadamard transform on n = 2^k points: k butterfly layers (a+b, a-b).

    Natural (Sylvester) order: it computes y = H x with :func:`hadamard_matrix`; like
    :func:`fft` it has k - 1 hidden layers of identity neurons and 2 n log2 n synapses.

    Examples
    --------
    >>> net = walsh_hadamard(4)
    >>> net.synapse_count, net.linear_map() == hadamard_matrix(4)
    (16, True)
    """
    k = _log2(n, "walsh_hadamard")
    stages = []
    for s in range(1, k + 1):
        half = 2 ** (s - 1)
        stages.append([(block + j, block + j + half, sympy.Integer(1), sympy.Integer(-1))
                       for block in range(0, n, 2 * half) for j in range(half)])
    return _butterfly_network(f"walsh_hadamard_{n}", n, [f"x{j}" for j in range(n)], stages)


def with_weight(net: Network, source: str, target: str, weight: Any) -> Network:
    """A copy of ``net`` whose edge ``source -> target`` carries ``weight`` instead.

    Used to plant a deliberate error (a wrong twiddle) and see that the checks catch it.

    Examples
    --------
    >>> bad = with_weight(fft(4), "s1_3", "y3", root_of_unity(4, 0))
    >>> check_network_matrix(bad, dft_matrix(4)).mismatches
    ((3, 1), (3, 3))
    """
    if not net.graph.has_edge(source, target):
        raise NetworkError(f"{net.name} has no edge {source} -> {target}")
    other = net.copy(f"{net.name}_altered")
    other.graph.edges[source, target]["weight"] = exact(weight, f"weight of {source}->{target}")
    return other


# -- matrices as networks -----------------------------------------------------------------------
def _as_matrix(matrix: Any, what: str) -> sympy.Matrix:
    m = sympy.Matrix(matrix)
    return m.applyfunc(lambda v: exact(v, what))


def chain_network(matrices: Sequence[Any], name: str = "chain") -> Network:
    """The linear network x -> M_L ⋯ M_2 M_1 x with one layer per matrix (``matrices[0]`` first).

    Edges are added for the non-zero entries only, so the synapse count is Σ nnz(M_l). A row of
    zeros still gets its neuron (or output), fed by one zero-weight edge so that the graph keeps
    the matrix's shape; a zero weight is not a synapse.

    Examples
    --------
    >>> net = chain_network([[[1, 1]], [[2], [3]]])
    >>> net.linear_map(), net.synapse_count, net.neuron_count
    (Matrix([
    [2, 2],
    [3, 3]]), 4, 1)
    """
    mats = [_as_matrix(m, f"entry of layer {i + 1}") for i, m in enumerate(matrices)]
    if not mats:
        raise NetworkError("chain_network needs at least one matrix")
    for i in range(1, len(mats)):
        if mats[i].cols != mats[i - 1].rows:
            raise NetworkError(f"layer {i + 1} has {mats[i].cols} columns but layer {i} has "
                               f"{mats[i - 1].rows} rows")
    net = Network(name)
    previous = [f"x{j}" for j in range(mats[0].cols)]
    for node in previous:
        net.add_input(node)
    for layer, m in enumerate(mats, start=1):
        last = layer == len(mats)
        current = [f"y{i}" if last else f"h{layer}_{i}" for i in range(m.rows)]
        for i, node in enumerate(current):
            if last:
                net.add_output(node)
            else:
                net.add_neuron(node, activation="identity")
            fed = False
            for j, src in enumerate(previous):
                if m[i, j] != 0:
                    net.add_edge(src, node, m[i, j])
                    fed = True
            if not fed:
                net.add_edge(previous[0], node, 0)
        previous = current
    return net


def flat_network(matrix: Any, name: str = "flat") -> Network:
    """The ℓ = 0 network y = A x: one weight matrix, synapses = non-zero entries of A.

    Examples
    --------
    >>> flat_network(dft_matrix(4)).synapse_count
    16
    """
    return chain_network([matrix], name)


def low_rank_factors(n: int, k: int) -> tuple[sympy.Matrix, sympy.Matrix]:
    """Default dense factors: B (n×k) with B_ij = (i+1)^j and C (k×n) with C_ij = (j+1)^i.

    Both are Vandermonde matrices on the distinct nodes 1..n, so rank(BC) = k, and every entry
    of A = BC, A_ab = Σ_j ((a+1)(b+1))^j, is positive: A has n² non-zero entries.

    Examples
    --------
    >>> B, C = low_rank_factors(3, 2)
    >>> (B * C).rank(), B.shape, C.shape
    (2, (3, 2), (2, 3))
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise NetworkError(f"low_rank needs a positive integer n, not {n!r}")
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= n:
        raise NetworkError(f"low_rank needs a rank k with 1 <= k <= n = {n}, not {k!r}")
    B = sympy.Matrix(n, k, lambda i, j: sympy.Integer(i + 1) ** j)
    C = sympy.Matrix(k, n, lambda i, j: sympy.Integer(j + 1) ** i)
    return B, C


def low_rank(n: int = 8, k: int = 2, B: Any = None, C: Any = None) -> Network:
    """A = BC through k identity neurons: x -> Cx (C is k×n) -> B(Cx) (B is n×k).

    Without ``B`` and ``C`` the dense Vandermonde factors of :func:`low_rank_factors` are used.
    The network has 2nk synapses when B and C are dense; the flat network has nnz(A) <= n².

    Examples
    --------
    >>> net = low_rank(8, 2)
    >>> net.synapse_count, flat_network(net.linear_map()).synapse_count
    (32, 64)
    """
    if B is None and C is None:
        B, C = low_rank_factors(n, k)
    elif B is None or C is None:
        raise NetworkError("low_rank: give both factors B and C, or neither")
    B, C = _as_matrix(B, "entry of B"), _as_matrix(C, "entry of C")
    if B.shape != (n, k) or C.shape != (k, n):
        raise NetworkError(f"low_rank: B must be {n}x{k} and C {k}x{n} (A = BC is {n}x{n}); "
                           f"got B {B.rows}x{B.cols} and C {C.rows}x{C.cols}")
    return chain_network([C, B], f"low_rank_{n}_{k}")


# -- exact comparison ---------------------------------------------------------------------------
def _cyclotomic_order(*exprs: sympy.Expr) -> int:
    order = 4
    for e in exprs:
        for atom in to_expression(e).atoms(sympy.exp):
            r = atom.args[0] / (sympy.I * sympy.pi)
            if r.is_Rational:
                order = math.lcm(order, 2 * int(r.q))
    return order


def _cyclotomic_residue(expr: sympy.Expr, order: int) -> tuple[sympy.Rational, ...] | None:
    """``expr`` ∈ Q(ζ), ζ = exp(2πi/order), as its coefficients modulo Φ_order; None if not."""
    z = sympy.Dummy("z")
    expr = sympy.expand(to_expression(expr))

    def to_power(atom: sympy.Expr) -> sympy.Expr:
        r = atom.args[0] / (sympy.I * sympy.pi)
        if not r.is_Rational or (r * order / 2).q != 1:
            raise ValueError(atom)
        return z ** int((r * order / 2) % order)

    try:
        expr = expr.replace(lambda e: isinstance(e, sympy.exp), to_power)
    except ValueError:
        return None
    expr = expr.subs(sympy.I, z ** (order // 4))
    if expr.free_symbols - {z}:
        return None
    try:
        poly = sympy.Poly(expr, z, domain="QQ")
    except (sympy.PolynomialError, sympy.CoercionFailed):
        return None
    rem = poly.rem(sympy.Poly(sympy.cyclotomic_poly(order, z), z, domain="QQ"))
    return tuple(rem.all_coeffs()) if not rem.is_zero else ()


@dataclass(frozen=True)
class MatrixCheck:
    """The exact comparison of two matrices.

    Attributes
    ----------
    equal : bool
        Whether every entry is equal (proven, see ``method``).
    mismatches : tuple of (int, int)
        Positions of entries proven different (the first 20).
    undecided : tuple of (int, int)
        Positions neither proven equal nor different (empty when the check is decisive).
    method : str
        How equality was decided.
    """

    equal: bool
    mismatches: tuple[tuple[int, int], ...] = ()
    undecided: tuple[tuple[int, int], ...] = ()
    method: str = ""


def compare_matrices(actual: sympy.Matrix, expected: sympy.Matrix) -> MatrixCheck:
    """Decide ``actual == expected`` exactly, entry by entry.

    Each difference is expanded; a non-zero remainder built from rationals, ``I`` and
    ``exp(iπ r)`` (r rational) is reduced modulo the cyclotomic polynomial Φ_N of a common
    order N: as Φ_N is the minimal polynomial of ζ_N over Q, the residue is zero if and only if
    the entries are equal. Anything else is left ``undecided`` (never guessed from floats).

    Examples
    --------
    >>> w = root_of_unity(8, 1)
    >>> compare_matrices(sympy.Matrix([[w**2 + 1]]), sympy.Matrix([[1 - sympy.I]])).equal
    True
    >>> compare_matrices(sympy.Matrix([[w]]), sympy.Matrix([[w**3]])).mismatches
    ((0, 0),)
    """
    if actual.shape != expected.shape:
        raise NetworkError(f"cannot compare a {actual.shape} matrix with a {expected.shape} one")
    order = _cyclotomic_order(*actual, *expected)
    mismatches, undecided = [], []
    for i in range(actual.rows):
        for j in range(actual.cols):
            diff = sympy.expand(actual[i, j] - expected[i, j])
            if diff == 0:
                continue
            residue = _cyclotomic_residue(diff, order)
            if residue is None:
                undecided.append((i, j))
            elif residue != ():
                mismatches.append((i, j))
    return MatrixCheck(
        equal=not mismatches and not undecided,
        mismatches=tuple(mismatches[:20]),
        undecided=tuple(undecided[:20]),
        method=f"expanded differences reduced modulo the cyclotomic polynomial Phi_{order}",
    )


def check_network_matrix(net: Network, expected: sympy.Matrix) -> MatrixCheck:
    """Compare ``net.linear_map()`` with ``expected`` exactly (:func:`compare_matrices`).

    Examples
    --------
    >>> check_network_matrix(walsh_hadamard(8), hadamard_matrix(8)).equal
    True
    """
    return compare_matrices(net.linear_map(), expected)


def nonzero_count(matrix: sympy.Matrix) -> int:
    """Number of entries that are exactly non-zero (cyclotomic test when expansion is unclear).

    Examples
    --------
    >>> nonzero_count(sympy.Matrix([[1, 0], [root_of_unity(8, 1), 0]]))
    2
    """
    order = _cyclotomic_order(*matrix)
    count = 0
    for value in matrix:
        value = sympy.expand(value)
        if value == 0:
            continue
        residue = _cyclotomic_residue(value, order)
        if residue is None:
            raise NetworkError(f"cannot decide exactly whether {value} is zero")
        count += residue != ()
    return count


# -- synapse counts: factored against flat ------------------------------------------------------
@dataclass(frozen=True)
class SynapseComparison:
    """Synapse counts of a factored linear network and of its ℓ = 0 flattening.

    Attributes
    ----------
    name : str
        The network.
    n : int
        Its size.
    factored : int
        Synapses of the network (non-zero weights of the graph).
    flat : int
        Synapses of the flat network (non-zero entries of its matrix, read from the graph of
        :func:`flat_network`).
    matrix_ok : bool
        Whether the network's matrix was proven equal to the intended one.
    """

    name: str
    n: int
    factored: int
    flat: int
    matrix_ok: bool

    @property
    def cost(self) -> Fraction:
        """The flattening cost C_s = flat / factored, exact."""
        return Fraction(self.flat, self.factored)


def compare_synapses(net: Network, expected: sympy.Matrix | None = None) -> SynapseComparison:
    """Count the synapses of ``net`` and of its flattening, checking the matrix if given.

    Examples
    --------
    >>> c = compare_synapses(fft(16), dft_matrix(16))
    >>> c.factored, c.flat, c.cost, c.matrix_ok
    (128, 256, Fraction(2, 1), True)
    """
    matrix = net.linear_map()
    ok = compare_matrices(matrix, expected).equal if expected is not None else True
    flat = flat_network(matrix, f"{net.name}_flat")
    # The flat graph keeps zero entries out; cyclotomic zeros that did not expand to 0 are
    # excluded by nonzero_count, which must agree with the graph's count.
    count = nonzero_count(matrix)
    if count != flat.synapse_count:
        raise NetworkError(f"{net.name}: {flat.synapse_count} flat edges but {count} non-zero "
                           "entries")
    return SynapseComparison(net.name, len(net.inputs), net.synapse_count, count, ok)


# -- the sparse product of Eq. 27 ---------------------------------------------------------------
def expected_nonzeros(n: Any = N, p: Any = P) -> sympy.Expr:
    """(1 - (1 - p²)^n) n²: the expected number of non-zero entries of AB (Eq. 27).

    Examples
    --------
    >>> expected_nonzeros(2, sympy.Rational(1, 2))
    7/4
    """
    return (1 - (1 - to_expression(p) ** 2) ** n) * to_expression(n) ** 2


def sparse_flattening_cost(n: Any = N, p: Any = P) -> sympy.Expr:
    """C_s = (1 - (1 - p²)^n) / (2p): expected flat synapses over expected factored ones.

    Examples
    --------
    >>> sparse_flattening_cost(1, sympy.Rational(1, 2))
    1/4
    """
    p = to_expression(p)
    return (1 - (1 - p**2) ** n) / (2 * p)


@dataclass(frozen=True)
class ProofStep:
    """One step of a symbolic proof: ``lhs = rhs`` (or ``lhs >= 0``), checked by sympy."""

    claim: str
    lhs: sympy.Expr
    rhs: sympy.Expr
    holds: bool
    how: str

    def line(self) -> str:
        """The step as one line of text."""
        mark = "ok" if self.holds else "FAILED"
        return (f"[{mark}] {self.claim}: {sympy.sstr(self.lhs)} = {sympy.sstr(self.rhs)} "
                f"({self.how})")


@dataclass(frozen=True)
class SparseProof:
    """The symbolic proof of Eq. 27 and of the bound C_s <= 1/(2p).

    Attributes
    ----------
    steps : tuple of ProofStep
        Each checked by sympy.
    expected : sympy.Expr
        E[nnz(AB)] as derived.
    cost : sympy.Expr
        C_s as derived.
    """

    steps: tuple[ProofStep, ...]
    expected: sympy.Expr
    cost: sympy.Expr

    @property
    def holds(self) -> bool:
        """Whether every step was checked."""
        return all(step.holds for step in self.steps)


def _zero(expr: sympy.Expr) -> bool:
    expr = to_expression(expr)
    return sympy.simplify(sympy.expand(expr)) == 0


def expected_nonzeros_proof() -> SparseProof:
    """Prove E[nnz(AB)] = (1 - (1-p²)^n) n² and C_s <= 1/(2p) step by step, for symbolic n, p.

    A and B are n×n with independent entries, each 1 with probability p and 0 otherwise
    (0 < p <= 1). The steps:

    1. a pair (A_ik, B_kj) is (1, 1) with probability p² (sum over its four outcomes);
    2. F_ij = Σ_k A_ik B_kj is a sum of non-negative terms, so F_ij = 0 iff every product is
       0; the n pairs involve disjoint entries, hence are independent, and
       P(F_ij = 0) = Π_k (1 - p²) = (1 - p²)^n;
    3. linearity of expectation: E[nnz F] = Σ_ij P(F_ij ≠ 0) = n² (1 - (1 - p²)^n);
    4. E[nnz A + nnz B] = Σ 2n² p = 2n²p (the factored network's synapses);
    5. C_s = step 3 / step 4 = (1 - (1 - p²)^n) / (2p) (Eq. 27 as printed);
    6. 1/(2p) - C_s = (1 - p²)^n / (2p) >= 0: with p = 1/(1+t), t >= 0, it is a ratio of
       non-negative terms (sympy's sign reasoning);
    7. saturation: (1 - p²)^n <= exp(-n p²) because g(x) = -x - log(1 - x) has g(0) = 0 and
       g'(x) = x/(1 - x) >= 0 on [0, 1), so 1 - 2p C_s <= exp(-n p²) -> 0 for n >> 1/p².

    Examples
    --------
    >>> proof = expected_nonzeros_proof()
    >>> proof.holds, proof.cost
    (True, (1 - (1 - p**2)**n)/(2*p))
    """
    p, n = P, N
    i, j, k = sympy.symbols("i j k", integer=True, positive=True)
    steps = []
    a, b = sympy.symbols("a b")
    pair = sum(p**x * (1 - p) ** (1 - x) * p**y * (1 - p) ** (1 - y)
               for x in (0, 1) for y in (0, 1) if x * y == 1)
    steps.append(ProofStep("P(A_ik B_kj = 1)", pair, p**2, _zero(pair - p**2),
                           "sum over the outcomes of the independent pair"))
    total = sum(p**x * (1 - p) ** (1 - x) * p**y * (1 - p) ** (1 - y)
                for x in (0, 1) for y in (0, 1))
    steps.append(ProofStep("the four outcomes of a pair sum to 1", total, 1, _zero(total - 1),
                           "expand"))
    zero_prob = sympy.Product(1 - p**2, (k, 1, n)).doit()
    steps.append(ProofStep("P(F_ij = 0) = prod_k P(A_ik B_kj = 0)", zero_prob, (1 - p**2) ** n,
                           _zero(zero_prob - (1 - p**2) ** n),
                           "independence over k; sympy Product.doit"))
    expected = sympy.Sum(1 - zero_prob, (i, 1, n), (j, 1, n)).doit()
    target = expected_nonzeros(n, p)
    steps.append(ProofStep("E[nnz(AB)] = sum_ij P(F_ij != 0)", expected, target,
                           _zero(expected - target), "linearity of expectation; Sum.doit"))
    factored = sympy.Sum(2 * p, (i, 1, n), (j, 1, n)).doit()
    steps.append(ProofStep("E[nnz A + nnz B]", factored, 2 * n**2 * p,
                           _zero(factored - 2 * n**2 * p), "linearity of expectation"))
    cost = sympy.simplify(expected / factored)
    printed = sparse_flattening_cost(n, p)
    steps.append(ProofStep("C_s = E[nnz AB] / E[nnz A + nnz B] (Eq. 27)", cost, printed,
                           _zero(cost - printed), "simplify"))
    t = sympy.Symbol("t", nonnegative=True)
    gap = sympy.simplify(1 / (2 * p) - printed)
    gap_t = sympy.factor(gap.subs(p, 1 / (1 + t)))
    steps.append(ProofStep("1/(2p) - C_s", gap, (1 - p**2) ** n / (2 * p),
                           _zero(gap - (1 - p**2) ** n / (2 * p))
                           and bool(gap_t.is_nonnegative),
                           f"with p = 1/(1+t), t >= 0: {sympy.sstr(gap_t)} is non-negative"))
    x = sympy.Symbol("x")
    g = -x - sympy.log(1 - x)
    dg = sympy.simplify(sympy.diff(g, x))
    u = sympy.Symbol("u", nonnegative=True)  # x = u/(1+u) runs over [0, 1)
    steps.append(ProofStep("g(x) = -x - log(1-x): g(0) = 0, g'(x) = x/(1-x) >= 0 on [0,1)",
                           dg, x / (1 - x),
                           _zero(dg - x / (1 - x)) and g.subs(x, 0) == 0
                           and bool(sympy.simplify(dg.subs(x, u / (1 + u))).is_nonnegative),
                           "so (1-p^2)^n <= exp(-n p^2): the bound saturates for n >> 1/p^2"))
    return SparseProof(tuple(steps), expected, cost)


def enumerated_expected_nonzeros(n: int, p: Any = P) -> sympy.Expr:
    """E[nnz(AB)] by exhaustive enumeration of all 2^(2n²) sparsity patterns, exact in p.

    Each pattern with m ones has probability p^m (1-p)^(2n²-m); the count of non-zero entries
    of AB is computed for every pattern (exact integers). Feasible for n <= 3 (262144 patterns).

    Examples
    --------
    >>> sympy.expand(enumerated_expected_nonzeros(2) - expected_nonzeros(2))
    0
    """
    import numpy as np

    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 3:
        raise NetworkError(f"exhaustive enumeration needs n in 1..3, not {n!r}")
    cells = 2 * n * n
    codes = np.arange(2**cells, dtype=np.int64)
    bits = ((codes[:, None] >> np.arange(cells)) & 1).astype(np.int64)
    a = bits[:, : n * n].reshape(-1, n, n)
    b = bits[:, n * n:].reshape(-1, n, n)
    nonzero = (np.matmul(a, b) > 0).sum(axis=(1, 2))
    ones = bits.sum(axis=1)
    by_ones = np.bincount(ones, weights=None, minlength=cells + 1)
    totals = [int(nonzero[ones == m].sum()) for m in range(cells + 1)]
    assert int(by_ones.sum()) == 2**cells
    p = to_expression(p)
    return sympy.expand(sum(t * p**m * (1 - p) ** (cells - m) for m, t in enumerate(totals)))


@dataclass(frozen=True)
class MonteCarloResult:
    """A seeded Monte Carlo estimate of E[nnz(AB)] (numerical evidence only).

    Attributes
    ----------
    n, p, trials, seed
        The experiment.
    mean : float
        Sample mean of nnz(AB).
    half_width : float
        Half-width of the normal-approximation confidence interval at ``level``.
    level : float
        Confidence level (0.95 by default, z = 1.959964).
    exact : float
        The exact expectation (Eq. 27), for comparison.
    """

    n: int
    p: Fraction
    trials: int
    seed: int
    mean: float
    half_width: float
    level: float
    exact: float
    numerical: bool = field(default=True, init=False)

    @property
    def interval(self) -> tuple[float, float]:
        """The confidence interval (numerical)."""
        return self.mean - self.half_width, self.mean + self.half_width

    @property
    def covers_exact(self) -> bool:
        """Whether the interval contains the exact value (numerical evidence)."""
        lo, hi = self.interval
        return lo <= self.exact <= hi


def monte_carlo_nonzeros(n: int, p: Fraction | str, trials: int = 2000, seed: int = 0,
                         level: float = 0.95) -> MonteCarloResult:
    """Sample A, B with i.i.d. Bernoulli(p) entries; estimate E[nnz(AB)] with a CI.

    Numerical evidence: the result is labelled ``numerical`` and never proves anything.

    Examples
    --------
    >>> r = monte_carlo_nonzeros(6, "1/3", trials=4000, seed=1)
    >>> r.numerical, r.covers_exact
    (True, True)
    """
    import numpy as np

    p = Fraction(p)
    if not 0 < p <= 1:
        raise NetworkError(f"p must lie in (0, 1], not {p}")
    rng = np.random.default_rng(seed)
    a = rng.random((trials, n, n)) < float(p)
    b = rng.random((trials, n, n)) < float(p)
    counts = (np.matmul(a.astype(np.int64), b.astype(np.int64)) > 0).sum(axis=(1, 2))
    mean = float(counts.mean())
    sd = float(counts.std(ddof=1)) if trials > 1 else 0.0
    z = NormalDist().inv_cdf(0.5 + level / 2)
    exact_value = float(expected_nonzeros(n, sympy.Rational(p.numerator, p.denominator)))
    return MonteCarloResult(n, p, trials, seed, mean, z * sd / math.sqrt(trials), level,
                            exact_value)


def sparse_bound_table(ns: Sequence[int], ps: Sequence[Fraction | str]
                       ) -> list[tuple[int, Fraction, Fraction, Fraction]]:
    """Exact rows (n, p, C_s, 1/(2p)) with C_s <= 1/(2p) asserted in exact rationals.

    Examples
    --------
    >>> sparse_bound_table([1, 10], ["1/2"])[-1][2:]
    (Fraction(989527, 1048576), Fraction(1, 1))
    """
    rows = []
    for p in map(Fraction, ps):
        for n in ns:
            cost = (1 - (1 - p * p) ** n) / (2 * p)
            bound = 1 / (2 * p)
            if not cost <= bound:
                raise AssertionError(f"C_s > 1/(2p) at n={n}, p={p}")
            rows.append((n, p, cost, bound))
    return rows


# -- plot data ----------------------------------------------------------------------------------
_FAMILIES: dict[str, tuple[Callable[[int], Network], Callable[[int], sympy.Matrix] | None]] = {
    "fft": (fft, dft_matrix),
    "walsh_hadamard": (walsh_hadamard, hadamard_matrix),
    "low_rank_k1": (lambda n: low_rank(n, 1), None),
}


def synapse_count_rows(ns: Sequence[int] = (2, 4, 8, 16, 32),
                       families: Sequence[str] = ("fft", "walsh_hadamard", "low_rank_k1"),
                       ) -> list[SynapseComparison]:
    """Synapse counts, factored against flat, read from the graphs (matrices checked exactly).

    Examples
    --------
    >>> [(r.name, r.factored, r.flat) for r in synapse_count_rows([4], ["walsh_hadamard"])]
    [('walsh_hadamard_4', 16, 16)]
    """
    rows = []
    for family in families:
        if family not in _FAMILIES:
            raise NetworkError(f"unknown family {family!r}; known: {', '.join(_FAMILIES)}")
        builder, target = _FAMILIES[family]
        for n in ns:
            net = builder(n)
            rows.append(compare_synapses(net, target(n) if target else None))
    return rows


def plot_synapse_counts(rows: Sequence[SynapseComparison] | None = None) -> Any:
    """A log-log matplotlib figure: synapses against n, factored (solid) and flat (dashed).

    FFT and Walsh–Hadamard have identical counts (2n log2 n against n²): their curves coincide
    and are told apart by the markers.

    Returns the ``matplotlib.figure.Figure`` (Agg backend; nothing is shown).
    """
    from matplotlib.figure import Figure

    rows = synapse_count_rows() if rows is None else rows
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    families: dict[str, list[SynapseComparison]] = {}
    for r in rows:
        families.setdefault(r.name.rsplit("_", 1)[0].rstrip("_0123456789"), []).append(r)
    styles = itertools.cycle([("C0", "o", 9), ("C1", "D", 5), ("C2", "^", 6), ("C3", "v", 6)])
    for (family, group), (color, marker, size) in zip(families.items(), styles):
        ns = [r.n for r in group]
        ax.plot(ns, [r.factored for r in group], "-", marker=marker, markersize=size,
                fillstyle="none", color=color, label=f"{family}: factored")
        ax.plot(ns, [r.flat for r in group], "--", marker=marker, markersize=size,
                color=color, alpha=0.6, label=f"{family}: flat")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("n")
    ax.set_ylabel("synapses (non-zero weights)")
    ax.set_title("Linear networks: factored vs flattened")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def sparse_cost_rows(ns: Sequence[int] = tuple(range(1, 201)),
                     ps: Sequence[Fraction | str] = ("1/20", "1/10", "1/5", "1/2")
                     ) -> list[tuple[int, Fraction, Fraction, Fraction]]:
    """Exact C_s(n, p) of Eq. 27 with its bound 1/(2p): rows (n, p, C_s, 1/(2p)).

    Examples
    --------
    >>> sparse_cost_rows([1], ["1/2"])
    [(1, Fraction(1, 2), Fraction(1, 4), Fraction(1, 1))]
    """
    return sparse_bound_table(ns, ps)


def plot_sparse_cost(rows: Sequence[tuple[int, Fraction, Fraction, Fraction]] | None = None,
                     monte_carlo: Sequence[MonteCarloResult] = ()) -> Any:
    """C_s against n for several p (log x axis) with the asymptote 1/(2p) dotted.

    Monte Carlo results, if given, are drawn as error bars of the ratio of sample means
    (numerical).
    """
    from matplotlib.figure import Figure

    rows = sparse_cost_rows() if rows is None else rows
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    by_p: dict[Fraction, list[tuple[int, Fraction]]] = {}
    for n, p, cost, _ in rows:
        by_p.setdefault(p, []).append((n, cost))
    for (p, pts), color in zip(sorted(by_p.items()), itertools.cycle("C0 C1 C2 C3 C4".split())):
        ax.plot([n for n, _ in pts], [float(c) for _, c in pts], "-", color=color,
                label=f"p = {p}")
        ax.axhline(float(1 / (2 * p)), color=color, linestyle=":", linewidth=1)
    for r in monte_carlo:
        scale = 2 * r.n * r.n * float(r.p)
        ax.errorbar([r.n], [r.mean / scale], yerr=[r.half_width / scale], fmt="k.",
                    capsize=2)
    ax.set_xscale("log")
    ax.set_xlabel("n")
    ax.set_ylabel("C_s (Eq. 27)")
    ax.set_title("Flattening cost of a sparse product; dotted: 1/(2p)")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig
