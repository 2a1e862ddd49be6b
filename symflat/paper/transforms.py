"""The fast transforms Sec. III.7 names beside the FFT: Walsh–Hadamard and the wavelet transform.

"This argument applies also to many variants and generalizations of the FFT such as the Fast
Wavelet Transform and the Fast Walsh-Hadamard Transform." The argument: the fast algorithm is
a sparse factorisation with O(n log n) non-zero weights, the flat matrix has n² of them, so
flattening costs C_s = O(n/log n). This module gives both transforms as networks and proves
their exact synapse counts for every n = 2^m:

- :func:`walsh_hadamard_counts` / :func:`transform_count_proof`: the fast Walsh–Hadamard
  transform (:func:`symflat.paper.linear.walsh_hadamard`) has 2 n log2 n synapses and its flat
  matrix H_n has n² non-zero entries, C_s = n/(2 log2 n): the FFT's argument applies as is.
- :func:`haar_wavelet` / :func:`haar_matrix`: the Haar fast wavelet transform (unnormalised:
  pairwise sums and differences, the details going straight to the outputs) has 4(n − 1)
  synapses and its flat matrix n(log2 n + 1) non-zero entries: C_s = n(log2 n + 1)/(4(n − 1))
  = Θ(log n), not Θ(n/log n). Flattening still costs something that grows, but only
  logarithmically: the flat matrix of a wavelet transform is itself sparse.

Examples
--------
>>> net = haar_wavelet(8)
>>> net.synapse_count, net.linear_map() == haar_matrix(8)
(28, True)
>>> haar_counts(8), walsh_hadamard_counts(8)
((28, 32), (48, 64))
"""

from __future__ import annotations

import functools

import sympy

from symflat.errors import NetworkError
from symflat.exact.printing import math_text
from symflat.nets.network import Network
from symflat.paper.proof import Proof, ProofStep, is_zero

__all__ = ["fft_proof", "haar_counts", "haar_matrix", "haar_wavelet", "transform_count_proof",
           "walsh_hadamard_counts"]


def _levels(n: int, what: str) -> int:
    if not isinstance(n, int) or n < 2 or n & (n - 1):
        raise NetworkError(f"{what}: n must be a power of two >= 2, not {n!r}")
    return n.bit_length() - 1


def haar_matrix(n: int) -> sympy.Matrix:
    """The unnormalised Haar analysis matrix, rows in the order of :func:`haar_wavelet`'s
    outputs: the n/2 finest details x_2i − x_(2i+1), then those of the pairwise sums, ...,
    and last the sum of all inputs.

    Examples
    --------
    >>> haar_matrix(4)
    Matrix([
    [1, -1, 0,  0],
    [0,  0, 1, -1],
    [1,  1, -1, -1],
    [1,  1, 1,  1]])
    """
    _levels(n, "haar_matrix")
    rows = []
    sums = [sympy.Matrix(1, n, lambda _, k, j=j: int(k == j)) for j in range(n)]
    while len(sums) > 1:
        rows += [sums[2 * i] - sums[2 * i + 1] for i in range(len(sums) // 2)]
        sums = [sums[2 * i] + sums[2 * i + 1] for i in range(len(sums) // 2)]
    return sympy.Matrix.vstack(*rows, sums[0])


def haar_wavelet(n: int = 8) -> Network:
    """The Haar fast wavelet transform on n = 2^m points as a linear network.

    Level j pairs the L current sums: each pair gives a detail output ``d{j}_{i}`` (weights
    1, −1) and a sum (weights 1, 1), an identity neuron ``s{j}_{i}`` until the last level,
    whose sum is the output ``s``. The details skip the later levels (edges straight to the
    outputs), so every level of L sums has 2L synapses: 4(n − 1) in all, m − 1 hidden layers.

    Examples
    --------
    >>> net = haar_wavelet(4)
    >>> net.synapse_count, net.neuron_count, net.depth
    (12, 2, 1)
    """
    m = _levels(n, "haar_wavelet")
    net = Network(f"haar_wavelet_{n}")
    current = [f"x{j}" for j in range(n)]
    for name in current:
        net.add_input(name)
    for level in range(1, m + 1):
        nxt = []
        for i in range(len(current) // 2):
            left, right = current[2 * i], current[2 * i + 1]
            detail = f"d{level}_{i}"
            net.add_output(detail)
            net.add_edge(left, detail, 1)
            net.add_edge(right, detail, -1)
            total = "s" if level == m else f"s{level}_{i}"
            nxt.append(total)
        for i, total in enumerate(nxt):  # after the level's details: "s" is the last output
            if level < m:
                net.add_neuron(total, activation="identity")
            else:
                net.add_output(total)
            net.add_edge(current[2 * i], total, 1)
            net.add_edge(current[2 * i + 1], total, 1)
        current = nxt
    return net


def haar_counts(n: int) -> tuple[int, int]:
    """(synapses of the Haar network, non-zero entries of its flat matrix) by the formulas
    4(n − 1) and n(log2 n + 1) that :func:`transform_count_proof` proves.

    Examples
    --------
    >>> haar_counts(1024)
    (4092, 11264)
    """
    m = _levels(n, "haar_counts")
    return 4 * (n - 1), n * (m + 1)


def walsh_hadamard_counts(n: int) -> tuple[int, int]:
    """(synapses of the fast Walsh–Hadamard network, non-zero entries of H_n): 2 n log2 n, n².

    Examples
    --------
    >>> walsh_hadamard_counts(1024)
    (20480, 1048576)
    """
    m = _levels(n, "walsh_hadamard_counts")
    return 2 * n * m, n * n


@functools.cache
def transform_count_proof() -> Proof:
    """Exact synapse counts and flattening costs of both transforms, for symbolic m (n = 2^m).

    Walsh–Hadamard: H_n = H_2^(⊗m) = Π_s (I_(2^s) ⊗ H_2 ⊗ I_(2^(m−s−1))) (mixed products);
    nnz(A ⊗ B) = nnz(A) nnz(B), so each stage has 2^s · 4 · 2^(m−s−1) = 2n non-zeros and H_n
    has 4^m = n² (every entry ±1). Haar: level j has L = 2^(m−j) sums in, 2L synapses out;
    the flat matrix has one row of n ones and, per level k = 1..m, n/2^k detail rows with
    2^k non-zeros each.

    Examples
    --------
    >>> proof = transform_count_proof()
    >>> proof.holds, len(proof.steps)
    (True, 6)
    """
    m = sympy.Symbol("m", integer=True, positive=True)
    s, j, k = sympy.symbols("s j k", integer=True, nonnegative=True)
    n = 2**m
    steps = []
    stage = 2**s * 4 * 2 ** (m - s - 1)
    steps.append(ProofStep("Walsh–Hadamard: nnz(I_(2^s) ⊗ H_2 ⊗ I_(2^(m−s−1))) = 2n", stage,
                           2 * n, is_zero(stage - 2 * n),
                           "nnz is multiplicative under ⊗: (A⊗B)_(ik,jl) = A_ij B_kl"))
    deep = sympy.Sum(stage, (s, 0, m - 1)).doit()
    steps.append(ProofStep("Walsh–Hadamard: m stages, 2 n log2 n synapses; flat H_n: n²",
                           deep, 2 * n * m, is_zero(deep - 2 * n * m) and is_zero(4**m - n**2),
                           "H_n = H_2^(⊗m) has 4^m entries, all ±1"))
    wh_cost = sympy.simplify(n**2 / deep)
    steps.append(ProofStep("Walsh–Hadamard: C_s = n/(2 log2 n)", wh_cost, n / (2 * m),
                           is_zero(wh_cost - n / (2 * m)), "the FFT's cost, exactly"))
    haar_deep = sympy.Sum(2 * 2 ** (m - j), (j, 0, m - 1)).doit()
    steps.append(ProofStep("Haar: Σ_levels 2L = 4(n − 1) synapses", haar_deep, 4 * (n - 1),
                           is_zero(haar_deep - 4 * (n - 1)),
                           "level j: L = 2^(m−j) sums, each pair gives a detail and a sum "
                           "(4 synapses per pair)"))
    haar_flat = n + sympy.Sum((n / 2**k) * 2**k, (k, 1, m)).doit()
    steps.append(ProofStep("Haar: the flat matrix has n(log2 n + 1) non-zero entries",
                           haar_flat, n * (m + 1), is_zero(haar_flat - n * (m + 1)),
                           "the total row (n ones) and n/2^k detail rows of 2^k non-zeros "
                           "at each level k = 1..m"))
    haar_cost = n * (m + 1) / (4 * (n - 1))
    against_log = sympy.limit(haar_cost / m, m, sympy.oo)
    against_fft = sympy.limit(haar_cost / (n / m), m, sympy.oo)
    steps.append(ProofStep("Haar: C_s = n(log2 n + 1)/(4(n − 1)) = Θ(log n), o(n/log n)",
                           (against_log, against_fft), (sympy.Rational(1, 4), 0),
                           against_log == sympy.Rational(1, 4) and against_fft == 0,
                           "C_s/log2 n -> 1/4 and C_s/(n/log2 n) -> 0 as n -> oo"))
    return Proof("exact synapse counts of the fast Walsh–Hadamard and Haar wavelet transforms",
                 tuple(steps), ("n = 2^m; linear networks (identity neurons, no biases); "
                                "the Haar details reach the outputs by skip connections",))


@functools.cache
def fft_proof() -> Proof:
    """The radix-2 FFT for every n = 2^m: the Danielson–Lanczos step and the counts.

    With ω_N = exp(−2πi/N), N = 2M:

    1. ω_N^(k·2j) = ω_M^(kj): the even inputs meet an M-point DFT;
    2. ω_N^(k(2j+1)) = ω_N^k ω_M^(kj): the odd inputs an M-point DFT times the twiddle ω_N^k;
    3. ω_M^((k+M)j) = ω_M^(kj) and ω_N^(k+M) = −ω_N^k: y_k = E_k + ω_N^k O_k,
       y_(k+M) = E_k − ω_N^k O_k, i.e. F_N = B_N (I_2 ⊗ F_M) P_N with the butterfly
       B_N = [[I, D], [I, −D]] (two non-zeros per row) and P_N the even/odd split; by
       induction on m, F_(2^m) = m butterfly stages after the bit reversal;
    4. abs(ω_N^k) = 1: every DFT entry is non-zero (n² flat synapses); each stage has 2n, so
       2n log2 n in all and C_s = n/(2 log2 n).

    Examples
    --------
    >>> fft_proof().holds
    True
    """
    k, j = sympy.symbols("k j", integer=True, nonnegative=True)
    half = sympy.Symbol("M", integer=True, positive=True)
    size = 2 * half

    def omega(n: sympy.Expr, power: sympy.Expr) -> sympy.Expr:
        return sympy.exp(-2 * sympy.pi * sympy.I * power / n)

    steps = [
        ProofStep("even inputs: ω_N^(k·2j) = ω_M^(kj)", omega(size, 2 * k * j),
                  omega(half, k * j), is_zero(omega(size, 2 * k * j) - omega(half, k * j)),
                  "N = 2M, exact exponentials"),
        ProofStep("odd inputs: ω_N^(k(2j+1)) = ω_N^k ω_M^(kj)", omega(size, k * (2 * j + 1)),
                  omega(size, k) * omega(half, k * j),
                  is_zero(omega(size, k * (2 * j + 1)) - omega(size, k) * omega(half, k * j)),
                  "the twiddle ω_N^k"),
        ProofStep("second half: ω_M^((k+M)j) = ω_M^(kj), ω_N^(k+M) = −ω_N^k",
                  omega(size, k + half), -omega(size, k),
                  is_zero(omega(half, (k + half) * j) - omega(half, k * j))
                  and is_zero(omega(size, k + half) + omega(size, k)),
                  "so F_N = B_N (I_2 ⊗ F_M) P_N, B_N = [[I, D], [I, −D]]: induction on m"),
    ]
    modulus = sympy.simplify(sympy.Abs(omega(size, k)))
    m = sympy.Symbol("m", integer=True, positive=True)
    steps.append(ProofStep("counts: flat n², fast 2n log2 n, C_s = n/(2 log2 n)",
                           sympy.simplify((2**m) ** 2 / (m * 2 * 2**m)), 2**m / (2 * m),
                           modulus == 1 and is_zero((2**m) ** 2 / (m * 2 * 2**m)
                                                    - 2**m / (2 * m)),
                           f"|ω_N^k| = {math_text(modulus)}: no DFT entry vanishes; every "
                           "butterfly stage has two non-zeros per row"))
    return Proof("the radix-2 FFT factorisation and its synapse counts for every n = 2^m",
                 tuple(steps), ("n = 2^m; the unnormalised DFT F_jk = ω^(jk), "
                                "ω = exp(−2πi/n)",))
