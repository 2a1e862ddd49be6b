"""The polynomial ring of an exact expansion, and the truncated propagation through a graph.

Polynomials are python-flint ``fmpq_mpoly`` over generators that are some *variables* (the
network's inputs, or the frontier of a sub-network, see :mod:`symflat.nets.composition`)
followed by the *parameters*: symbols in the weights, the generic activation's ``sigma_k``,
their inverses for negative powers, and opaque generators for exact non-rational numbers such
as ``log(2)``. A substitution maps each parameter back to its value: it is a ring
homomorphism, so a result computed here and mapped back is exact. The parameters are shared by
every ring of one expansion, so a coefficient moves from one ring to another by re-indexing.

Every multiplication first estimates its size (the product of the factors' term counts bounds
the terms flint materialises) and refuses, with :class:`ExpansionTooLarge`, work that would not
fit the memory limit.
"""

from __future__ import annotations

import math
import os
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import flint
import networkx as nx
import sympy

from symflat.errors import ExpansionError, NetworkError
from symflat.executor import progress_bar

__all__ = ["DEFAULT_MAX_MEMORY", "ExpansionTooLarge", "Generators", "MemoryGuard", "Ring",
           "expansion_progress", "propagate", "truncate", "variable_part"]

Monomial = tuple[int, ...]

#: The default memory limit of one expansion: 4 GiB, which fits a laptop.
DEFAULT_MAX_MEMORY = 4 * 2**30


class ExpansionTooLarge(ExpansionError):
    """An expansion whose intermediate polynomials would not fit the memory limit."""


class Generators:
    """The parameter generators of one expansion and the map back to sympy values."""

    def __init__(self, variables: tuple[sympy.Symbol, ...]) -> None:
        self.names: list[str] = []
        self.values: list[sympy.Expr] = []
        self._index: dict[Any, int] = {}
        self._inputs = set(variables)
        self._decomposed: dict[sympy.Expr, dict[Monomial, sympy.Rational]] = {}

    def index(self, key: Any, value: sympy.Expr) -> int:
        if key not in self._index:
            self._index[key] = len(self.values)
            self.names.append(f"_p{len(self.values)}")
            self.values.append(value)
        return self._index[key]

    def decompose(self, value: sympy.Expr) -> dict[Monomial, sympy.Rational]:
        """``value`` as {((parameter index, exponent), ...): rational}, exact."""
        if value.is_Rational:
            return {(): value} if value != 0 else {}
        if value not in self._decomposed:
            self._decomposed[value] = self._decompose(value)
        return self._decomposed[value]

    def _decompose(self, value: sympy.Expr) -> dict[Monomial, sympy.Rational]:
        if value.free_symbols & self._inputs:
            raise NetworkError(f"weight or bias {value} uses an input name as a parameter")
        laurent = self._laurent(value)
        if laurent is not None:
            return laurent
        rational, rest = value.as_coeff_Mul()
        if rational != 1:
            # -w and w/2 share w's generator: a gate's ± readout weights then cancel in the
            # ring, which keeps the valuations of symflat.nets.composition tight.
            return {mono: rational * q for mono, q in self.decompose(rest).items()}
        # Not a Laurent polynomial over Q (e.g. log(2), 1/(1+exp(1))): one opaque generator.
        return {((self.index(("opaque", value), value), 1),): sympy.Integer(1)}

    def _laurent(self, value: sympy.Expr) -> dict[Monomial, sympy.Rational] | None:
        symbols = sorted(value.free_symbols, key=str)
        if not symbols:
            return None
        numer, denom = sympy.fraction(sympy.together(value))
        try:
            pn = sympy.Poly(numer, *symbols)
            pd = sympy.Poly(denom, *symbols)
        except sympy.PolynomialError:
            return None
        if not (pn.domain.is_QQ or pn.domain.is_ZZ) or not (pd.domain.is_QQ or pd.domain.is_ZZ):
            return None
        if len(pd.terms()) != 1:
            return None
        (dmono, dcoeff), = pd.terms()
        out: dict[Monomial, sympy.Rational] = {}
        for nmono, ncoeff in pn.terms():
            key = []
            for sym, e in zip(symbols, (a - b for a, b in zip(nmono, dmono))):
                if e > 0:
                    key.append((self.index(("sym", sym), sym), e))
                elif e < 0:
                    key.append((self.index(("inv", sym), 1 / sym), -e))
            out[tuple(key)] = sympy.Rational(ncoeff) / sympy.Rational(dcoeff)
        return out


class MemoryGuard:
    """The memory limit of one expansion: refuses a product before flint builds it.

    The estimate of a product is its largest possible size, ``len(a) * len(b)`` terms (what
    flint materialises before anything is dropped), at the bytes a term takes in flint and,
    when the product is truncated, in the Python dictionary truncation reads; a large one
    adds the memory the process already holds.
    """

    def __init__(self, max_memory: int | None, degree: int) -> None:
        self.max_memory = max_memory
        self.degree = degree

    def check(self, ring: Ring, a: flint.fmpq_mpoly, b: flint.fmpq_mpoly, where: str,
              truncated: bool = False) -> None:
        if self.max_memory is None:
            return
        terms = len(a) * len(b)
        size = terms * (ring.bytes_per_term + (ring.python_bytes_per_term if truncated else 0))
        held = _resident() if size > 2**20 else 0  # small products: not worth the read
        if size + held > self.max_memory:
            raise ExpansionTooLarge(
                f"expanding {where} through degree {self.degree} would need about "
                f"{terms:.2g} terms ({_gib(size)}{f' beside {_gib(held)} in use' if held else ''}"
                f"), over the memory limit of {_gib(self.max_memory)}: lower the degree, or "
                "raise the limit (`max_memory`)")


def _resident() -> int:
    """Bytes this process holds now (Linux; 0 where /proc is not available)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _gib(size: float) -> str:
    return f"{size / 2**30:.3g} GiB"


class Ring:
    """One flint context (variables, then the parameters) and the truncated operations on it.

    ``degree`` is the total degree in the variables beyond which terms are dropped.
    """

    def __init__(self, variables: list[str], gens: Generators, degree: int,
                 guard: MemoryGuard) -> None:
        self.n, self.degree, self.guard = len(variables), degree, guard
        self.nvars = self.n + len(gens.names)
        # Generated names: a node may be called anything, a generator name must be unique.
        names = tuple(f"_v{i}" for i in range(self.n))
        self.ctx = flint.fmpq_mpoly_ctx.get(names + tuple(gens.names), "deglex")
        self.x_ctx = flint.fmpq_mpoly_ctx.get(names, "deglex")
        self.gens = self.ctx.gens()[:self.n]
        self.index = {node: i for i, node in enumerate(variables)}
        # flint packs an exponent vector in at least 8 bits a field; a small rational is 16
        # bytes; the rest is a margin for larger coefficients and flint's own arrays.
        self.bytes_per_term = 8 * math.ceil(self.nvars / 8) + 32
        # to_dict: a tuple of nvars small ints, an fmpq object and a dictionary slot.
        self.python_bytes_per_term = 8 * self.nvars + 200
        self._cache: dict[tuple, flint.fmpq_mpoly] = {}

    def poly(self, decomposed: dict) -> flint.fmpq_mpoly:
        """The ring element of a decomposed exact number."""
        key = tuple(sorted(decomposed.items()))
        if key not in self._cache:
            terms = {}
            for mono, coeff in decomposed.items():
                exps = [0] * self.nvars
                for i, e in mono:
                    exps[self.n + i] += e
                terms[tuple(exps)] = flint.fmpq(int(coeff.p), int(coeff.q))
            self._cache[key] = self.ctx.from_dict(terms)
        return self._cache[key]

    def zero(self) -> flint.fmpq_mpoly:
        return self.ctx.from_dict({})

    def mul(self, a: flint.fmpq_mpoly, b: flint.fmpq_mpoly, where: str,
            degree: int | None = None) -> flint.fmpq_mpoly:
        """``a * b`` without the terms of variable-degree above ``degree`` (the ring's)."""
        self.guard.check(self, a, b, where, truncated=True)
        return truncate(a * b, self.n, self.degree if degree is None else degree)

    def x_poly(self, coefficients: Mapping[str, sympy.Rational]) -> flint.fmpq_mpoly:
        """Σ r_i x_i in the variables-only context (``coefficients`` by variable name)."""
        terms = {}
        for node, r in coefficients.items():
            exps = [0] * self.n
            exps[self.index[node]] = 1
            terms[tuple(exps)] = flint.fmpq(int(r.p), int(r.q))
        return self.x_ctx.from_dict(terms)

    def lift(self, poly: flint.fmpq_mpoly) -> flint.fmpq_mpoly:
        """A variables-only polynomial as an element of the full context."""
        pad = (0,) * (self.nvars - self.n)
        return self.ctx.from_dict({tuple(m) + pad: c for m, c in poly.to_dict().items()})

    def materialize(self, value: Any) -> flint.fmpq_mpoly:
        return value.value() if isinstance(value, _FirstLayerNeuron) else value

    def weighted_sum(self, incoming: list, values: Mapping[str, Any],
                     group: bool) -> flint.fmpq_mpoly:
        """Σ w_p · value(p); first-layer neurons are grouped when ``group`` (a linear node)."""
        total = self.zero()
        groups: dict[tuple, list] = {}
        for p, w in incoming:
            value = values[p]
            if group and isinstance(value, _FirstLayerNeuron) and len(w) == 1:
                ((mono, r),) = w.items()
                groups.setdefault((value.key, mono), []).append(
                    (flint.fmpq(int(r.p), int(r.q)), value))
            else:
                total += self.poly(w) * self.materialize(value)
        for (_, mono), members in groups.items():
            scale = self.poly({mono: sympy.Integer(1)})
            total += scale * self.combine(members[0][1].coeffs, [(r, m.v) for r, m in members])
        return total

    def combine(self, coeffs: list, members: list) -> flint.fmpq_mpoly:
        """Σ_k c_k Σ_j r_j v_j^k for variables-only linear forms v_j (no truncation needed)."""
        sums = [self.x_ctx.from_dict({}) for _ in coeffs]
        for r, v in members:
            power = self.x_ctx.from_dict({(0,) * self.n: r})
            sums[0] += power
            for k in range(1, len(coeffs)):
                self.guard.check(self, power, v, "the first layer")
                power = power * v
                sums[k] += power
        total = self.zero()
        for c, s in zip(coeffs, sums):
            if c and not s.is_zero():
                total += self.poly(c) * self.lift(s)
        return total

    def activate(self, pre: flint.fmpq_mpoly, coeffs: list, where: str) -> flint.fmpq_mpoly:
        """Σ_k c_k v^k truncated, where v is ``pre`` without its variable-free part."""
        n = self.n
        v = variable_part(pre, n)
        linear = all(sum(m[:n]) == 1 for m in v.monoms())
        total = coeffs[0]
        power = self.zero()
        power += 1
        for c in coeffs[1:]:
            if linear:  # the powers of a linear v stop at the table's length: no truncation
                self.guard.check(self, power, v, where)
                power = power * v
            else:
                power = self.mul(power, v, where)
            if power.is_zero():
                break
            if not c.is_zero():
                total += c * power
        return total


class _FirstLayerNeuron:
    """σ(p + Σ r_i x_i) with rational r_i over the ring's variables, kept unexpanded.

    A linear read-out of many such neurons with the same Taylor coefficients c_k is
    Σ_k c_k Σ_j w_j v_j^k: the inner sums are formed over the variables alone (a small flint
    context, much faster than the one with every parameter) and multiplied by c_k once.
    """

    def __init__(self, ring: Ring, incoming: list, coeffs: list) -> None:
        self.ring = ring
        self.v = ring.x_poly({p: w.get((), sympy.Integer(0)) for p, w in incoming})
        self.coeffs = coeffs
        self.key = tuple(tuple(sorted(c.items())) for c in coeffs)
        self._value: flint.fmpq_mpoly | None = None

    def value(self) -> flint.fmpq_mpoly:
        if self._value is None:
            self._value = self.ring.combine(self.coeffs, [(flint.fmpq(1), self.v)])
        return self._value


def propagate(ring: Ring, graph: nx.DiGraph, nodes: Sequence[str], values: dict[str, Any],
               data: Mapping[str, Mapping], keep: Collection[str],
               progress: Any = None) -> dict[str, Any]:
    """The truncated propagation: every node of ``nodes`` (in topological order) from its parents.

    ``values`` holds the ring's variables' nodes and receives the others, of which only
    ``keep`` stays once its consumers in ``nodes`` are done (the rest is freed on the way);
    ``data`` has the decomposed ``weights`` by edge, ``biases`` and activation ``coeffs``
    (c_0..c_degree) by node. A neuron whose parents are all variables with rational weights
    is kept unexpanded (:class:`_FirstLayerNeuron`); call ``ring.materialize`` on a value
    before using it.
    """
    weights, biases, coeffs = data["weights"], data["biases"], data["coeffs"]
    inside = set(nodes)
    pending = {node: sum(s in inside for s in graph.successors(node))
               for node in inside | values.keys()}
    for node in nodes:
        for p in graph.predecessors(node):
            pending[p] -= 1
        _step(ring, graph, node, values, weights, biases, coeffs)
        for p in graph.predecessors(node):
            if not pending[p] and p not in keep:
                del values[p]
        if progress is not None:
            progress.update()
    return values


def _step(ring: Ring, graph: nx.DiGraph, node: str, values: dict[str, Any],
          weights: Mapping, biases: Mapping, coeffs: Mapping) -> None:
    """One node of :func:`propagate` from its parents' values."""
    kind = graph.nodes[node]["kind"]
    incoming = [(p, weights[(p, node)]) for p, _ in graph.in_edges(node)]
    if kind == "neuron":
        cs = coeffs[node][:ring.degree + 1]
        if all(p in ring.index and all(not k for k in w) for p, w in incoming):
            values[node] = _FirstLayerNeuron(ring, incoming, cs)
            return
    pre = ring.poly(biases[node]) + ring.weighted_sum(incoming, values, group=kind != "neuron")
    if kind == "neuron":
        pre = ring.activate(pre, [ring.poly(c) for c in cs], f"neuron {node!r}")
    values[node] = pre


def variable_part(poly: flint.fmpq_mpoly, n: int) -> flint.fmpq_mpoly:
    """The terms of ``poly`` that contain at least one variable."""
    return poly.context().from_dict({m: c for m, c in poly.to_dict().items() if any(m[:n])})


def truncate(poly: flint.fmpq_mpoly, n: int, degree: int) -> flint.fmpq_mpoly:
    """Drop the terms of variable-degree above ``degree``."""
    terms = poly.to_dict()
    kept = {m: c for m, c in terms.items() if sum(m[:n]) <= degree}
    return poly if len(kept) == len(terms) else poly.context().from_dict(kept)


def expansion_progress(progress: bool, total: int, what: str) -> Any:
    """A progress bar on stderr that appears only after a few seconds (a no-op if not asked).

    The executor's bar: tqdm's own would start a monitor thread in this process, and a process
    with a second thread can no longer fork its workers (they then start slower).
    """
    return progress_bar(total, what, "node", enabled=progress, delay=3)
