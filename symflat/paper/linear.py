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
    :func:`compare_matrices` and :func:`check_network_matrix` decide equality over the
    cyclotomic field Q(ζ_N) (:mod:`symflat.paper.cyclotomic`): every entry is a residue
    modulo the cyclotomic polynomial Φ_N, which is exact.
The DFT as sparse factors
    :func:`fft_factors` (F_n = B_m ⋯ B_1 P as matrices over Q(ζ_n)),
    :func:`convolution_by_fft` (F⁻¹ diag(F c) F = circulant(c)),
    :func:`shift_commutant_is_circulant`.
Plots
    :func:`synapse_count_rows` (drawn by the report: :mod:`symflat.report.figures.section3`,
    from the numbers the checker stores). The sparse product
    of Eq. 27 is in :mod:`symflat.paper.sparse`.

The DFT here is unnormalised, F_jk = ω^(jk) with ω = exp(-2πi/n) (numpy's sign convention).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from symflat.errors import NetworkError
from symflat.nets.network import Network, exact
from symflat.paper.cyclotomic import CyclotomicField, cyclotomic_order

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
    "FFTFactors",
    "fft_factors",
    "residue_nonzeros",
    "convolution_by_fft",
    "shift_commutant_is_circulant",
    "SynapseComparison",
    "compare_synapses",
    "synapse_count_rows",
]


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

    Entries built from rationals, ``I`` and ``exp(iπ r)`` (r rational) are read in the
    cyclotomic field Q(ζ_N) of a common order N (:class:`~symflat.paper.cyclotomic.
    CyclotomicField`, residues modulo Φ_N): as Φ_N is the minimal polynomial of ζ_N over Q,
    the residues are equal if and only if the entries are. Anything else is left
    ``undecided`` (never guessed from floats).

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
    field = CyclotomicField(cyclotomic_order(*actual, *expected))
    mismatches, undecided = [], []
    for i in range(actual.rows):
        for j in range(actual.cols):
            a, b = field.element(actual[i, j]), field.element(expected[i, j])
            if a is None or b is None:
                if sympy.expand(actual[i, j] - expected[i, j]) != 0:
                    undecided.append((i, j))
            elif a != b:
                mismatches.append((i, j))
    return _matrix_check(field, mismatches, undecided)


def _matrix_check(field: CyclotomicField, mismatches: list[tuple[int, int]],
                  undecided: Sequence[tuple[int, int]] = ()) -> MatrixCheck:
    return MatrixCheck(
        equal=not mismatches and not undecided,
        mismatches=tuple(mismatches[:20]),
        undecided=tuple(undecided[:20]),
        method=f"entries compared as residues modulo the cyclotomic polynomial "
               f"Phi_{field.order}",
    )


def check_network_matrix(net: Network, expected: sympy.Matrix) -> MatrixCheck:
    """Compare the matrix of a linear network with ``expected`` exactly, in Q(ζ_N).

    The network's graph is walked over the cyclotomic field of its weights and of
    ``expected`` (:meth:`~symflat.paper.cyclotomic.CyclotomicField.network_map`), which
    gives :meth:`~symflat.nets.network.Network.linear_map` entry by entry without sympy
    simplification.

    Examples
    --------
    >>> check_network_matrix(walsh_hadamard(8), hadamard_matrix(8)).equal
    True
    """
    field = _field_of(net, expected)
    actual, target = field.network_map(net), field.matrix(expected)
    if (len(actual), len(actual[0]) if actual else 0) != expected.shape:
        raise NetworkError(f"cannot compare a {len(actual)}-output network with a "
                           f"{expected.shape} matrix")
    mismatches = [(i, j) for i, row in enumerate(actual) for j, v in enumerate(row)
                  if v != target[i][j]]
    return _matrix_check(field, mismatches)


def _field_of(net: Network, *matrices: sympy.Matrix) -> CyclotomicField:
    """The cyclotomic field holding the weights of ``net`` and the entries of ``matrices``."""
    weights = [w for _, _, w in net.graph.edges(data="weight")]
    return CyclotomicField(cyclotomic_order(*weights, *(v for m in matrices for v in m)))


def nonzero_count(matrix: sympy.Matrix) -> int:
    """Number of entries that are exactly non-zero (cyclotomic residues when not rational).

    Examples
    --------
    >>> nonzero_count(sympy.Matrix([[1, 0], [root_of_unity(8, 1), 0]]))
    2
    """
    field = CyclotomicField(cyclotomic_order(*matrix))
    count = 0
    for value in matrix:
        residue = field.element(value)
        if residue is None:
            if sympy.expand(value) == 0:
                continue
            raise NetworkError(f"cannot decide exactly whether {value} is zero")
        count += residue != 0
    return count


# -- the DFT as sparse factors over Q(ζ_n) -----------------------------------------------------
@dataclass(frozen=True)
class FFTFactors:
    """Radix-2 decimation-in-time factors F_n = B_m ⋯ B_1 P (n = 2^m) over Q(ζ_N), N = max(n, 4).

    The butterfly stage B_s combines positions at distance 2^(s-1) with twiddles ω^j,
    ω = ζ_N^(N/n) a primitive n-th root of unity; P is the bit-reversal permutation. Entries
    are residues (:class:`~symflat.paper.cyclotomic.CyclotomicField`).
    """

    n: int
    field: CyclotomicField
    stages: tuple[list[list[Any]], ...]
    permutation: list[list[Any]]

    def omega(self, k: int) -> Any:
        """ω^k."""
        return self.field.power(k * (self.field.order // self.n))

    def product(self) -> list[list[Any]]:
        """B_m ⋯ B_1 P, multiplied out."""
        product = self.permutation
        for stage in self.stages:
            product = self.field.matmul(stage, product)
        return product

    def dft(self, sign: int = 1) -> list[list[Any]]:
        """The DFT matrix (ω^(sign·jk)) for this ω; ``sign = -1`` gives the inverse (times n)."""
        return [[self.omega(sign * j * k) for k in range(self.n)] for j in range(self.n)]


def fft_factors(m: int) -> FFTFactors:
    """The sparse factors of the DFT on n = 2^m points, exactly.

    Examples
    --------
    >>> f = fft_factors(3)
    >>> f.product() == f.dft(), [residue_nonzeros(s) for s in f.stages]
    (True, [16, 16, 16])
    """
    if isinstance(m, bool) or not isinstance(m, int) or m < 0:
        raise NetworkError(f"fft_factors needs m >= 0, not {m!r}")
    n = 2**m
    field = CyclotomicField(max(n, 4))
    zero, one = field.zero, field.one
    perm = [[zero] * n for _ in range(n)]
    for i in range(n):
        perm[i][bit_reverse(i, m)] = one
    factors = FFTFactors(n, field, (), perm)
    stages = []
    for s in range(1, m + 1):
        size = 2**s
        half = size // 2
        stage = [[zero] * n for _ in range(n)]
        for start in range(0, n, size):
            for j in range(half):
                twiddle = factors.omega(j * (n // size))
                top, bottom = start + j, start + j + half
                stage[top][top] = one
                stage[top][bottom] = twiddle
                stage[bottom][top] = one
                stage[bottom][bottom] = -twiddle
        stages.append(stage)
    return FFTFactors(n, field, tuple(stages), perm)


def residue_nonzeros(matrix: Sequence[Sequence[Any]]) -> int:
    """Non-zero entries of a matrix of residues (exact: a residue is 0 iff the number is).

    Examples
    --------
    >>> residue_nonzeros(fft_factors(2).permutation)
    4
    """
    return sum(1 for row in matrix for v in row if v != 0)


def convolution_by_fft(m: int, kernel: Sequence[int]) -> bool:
    """Whether F⁻¹ diag(F c) F = n · circulant(c) holds exactly on n = 2^m points.

    F is multiplied out from :func:`fft_factors`, F⁻¹ (times n) is (ω^(-jk)), and circulant(c)
    has entries c_((i - j) mod n): the FFT computes a circular convolution.

    Examples
    --------
    >>> convolution_by_fft(3, [1, 2, 5, 10, 17, 26, 37, 50])
    True
    """
    factors = fft_factors(m)
    field, n = factors.field, factors.n
    if len(kernel) != n:
        raise NetworkError(f"the kernel needs {n} entries, not {len(kernel)}")
    forward = factors.product()
    spectrum = [sum((kernel[j] * factors.omega(i * j) for j in range(n)), field.zero)
                for i in range(n)]
    diag = [[spectrum[i] if i == j else field.zero for j in range(n)] for i in range(n)]
    product = field.matmul(factors.dft(-1), field.matmul(diag, forward))
    circulant = [[field.one * (n * kernel[(i - j) % n]) for j in range(n)] for i in range(n)]
    return product == circulant


def shift_commutant_is_circulant(n: int) -> bool:
    """Every n × n matrix commuting with the cyclic shift is circulant (exact linear solve).

    Examples
    --------
    >>> shift_commutant_is_circulant(4)
    True
    """
    entries = sympy.symbols(f"f0:{n * n}")
    f = sympy.Matrix(n, n, entries)
    shift = sympy.Matrix(n, n, lambda i, j: 1 if j == (i + 1) % n else 0)
    solution = sympy.solve(list(f * shift - shift * f), entries, dict=True)
    general = f.subs(solution[0]) if solution else f
    free = general.free_symbols
    return len(free) == n and all(
        general[i, j] == general[(i + 1) % n, (j + 1) % n] for i in range(n) for j in range(n))


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

    The network's matrix is computed in Q(ζ_N) (:func:`check_network_matrix`); when it equals
    ``expected`` the flat network is built from ``expected`` (the same matrix, proven), else
    from :meth:`~symflat.nets.network.Network.linear_map`. The flat graph's edge count must
    agree with the number of non-zero residues.

    Examples
    --------
    >>> c = compare_synapses(fft(16), dft_matrix(16))
    >>> c.factored, c.flat, c.cost, c.matrix_ok
    (128, 256, Fraction(2, 1), True)
    """
    field = _field_of(net) if expected is None else _field_of(net, expected)
    residues = field.network_map(net)
    ok = True
    if expected is not None:
        ok = residues == field.matrix(expected)
    matrix = expected if expected is not None and ok else net.linear_map()
    flat = flat_network(matrix, f"{net.name}_flat")
    # The flat graph keeps zero entries out; cyclotomic zeros that did not expand to 0 are
    # excluded from the residue count, which must agree with the graph's count.
    count = sum(1 for row in residues for v in row if v != 0)
    if count != flat.synapse_count:
        raise NetworkError(f"{net.name}: {flat.synapse_count} flat edges but {count} non-zero "
                           "entries")
    return SynapseComparison(net.name, len(net.inputs), net.synapse_count, count, ok)


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
