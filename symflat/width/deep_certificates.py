r"""Certificates that no two-hidden-layer network of a given shape exists, and their checker.

A certificate for ``P`` and a split ``(m1, m2)`` stores the relaxed system of
:mod:`symflat.width.deep_system` and cofactors ``h_i`` with ``sum_i h_i f_i = 1`` exactly
(computed by Singular's ``lift``). Such cofactors exist exactly when the system has no complex
solution (Hilbert's weak Nullstellensatz), and checking them needs only exact products and
sums: :meth:`Depth2Certificate.check` rebuilds the system from ``P`` and the split, compares it
with the stored one term by term, reads the cofactors with a strict reader of sums of
monomials (no ``eval``) and multiplies out. It never trusts the engine that found them.

Certificates are data: :func:`stored_certificates` reads the ones shipped in
``symflat/width/depth2_certificates/`` (one JSON file per polynomial, written by
:func:`save_certificates`), so the report and the tests re-check them in milliseconds instead
of recomputing Gröbner bases.

Examples
--------
>>> from symflat.width.polynomials import as_polynomial
>>> cert = prove_split(as_polynomial("x1^2"), 1, 1, timeout=30)
>>> cert.split, cert.check()
((1, 1), True)
>>> prove_split(as_polynomial("x1^2"), 2, 1, timeout=30)
'feasible'
>>> cert = prove_split(as_polynomial("x1^3"), 1, 2, "exp", timeout=30)
>>> cert, cert.check()
(Depth2Certificate('x1**3', split=(1, 2), sigma='exp', 3 equations in 5 unknowns), True)
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from symflat.exact.polynomial import Polynomial
from symflat.width.deep_system import depth2_system
from symflat.width.groebner import engine_available, run_singular, singular_polynomial
from symflat.width.polynomials import WidthError, as_polynomial

__all__ = ["CERTIFICATE_DIR", "Depth2Certificate", "prove_split", "save_certificates",
           "stored_certificates"]

#: Where the shipped certificates live (one JSON file per polynomial).
CERTIFICATE_DIR = Path(__file__).with_name("depth2_certificates")

#: What a certificate assumes of sigma (see :mod:`symflat.width.deep_system`).
HYPOTHESES = {
    "relaxed": ("every sigma with sigma_1 sigma_2 != 0 at 0 and sigma' != 0 at every "
                "second-layer neuron's point (every strictly monotone sigma)"),
    "exp": "sigma = exp",
}


@dataclass(frozen=True)
class Depth2Certificate:
    """``1 = sum_i cofactors[i] * equations[i]``: no network with the split ``(m1, m2)``."""

    polynomial: str
    split: tuple[int, int]
    sigma: str
    output_bias: bool
    unknowns: tuple[str, ...]
    equations: tuple[str, ...]
    cofactors: tuple[str, ...]
    engine: str = "singular lift"
    seconds: float = 0.0

    def __repr__(self) -> str:
        return (f"Depth2Certificate({self.polynomial!r}, split={self.split}, "
                f"sigma={self.sigma!r}, {len(self.equations)} equations in "
                f"{len(self.unknowns)} unknowns)")

    @property
    def key(self) -> tuple[str, bool, tuple[int, int]]:
        """What it proves: the system (sigma, and the degree-0 equation) and the split."""
        return (self.sigma, self.output_bias, self.split)

    @property
    def hypothesis(self) -> str:
        return HYPOTHESES[self.sigma]

    def check(self) -> bool:
        """Rebuild the system, compare, and verify ``sum h_i f_i = 1`` exactly."""
        data = as_polynomial(self.polynomial)
        equations, unknowns = depth2_system(data, *self.split, self.sigma,
                                            output_bias=self.output_bias)
        if tuple(unknowns) != tuple(self.unknowns) or len(equations) != len(self.equations):
            return False
        if len(self.cofactors) != len(equations):
            return False
        total = Polynomial(unknowns, {})
        for equation, stored, cofactor in zip(equations, self.equations, self.cofactors):
            if _read(stored, unknowns) != equation:
                return False
            total = total + _read(cofactor, unknowns) * equation
        return total == Polynomial(unknowns, {(0,) * len(unknowns): 1})

    def to_dict(self) -> dict[str, object]:
        return {"polynomial": self.polynomial, "split": list(self.split), "sigma": self.sigma,
                "output_bias": self.output_bias, "hypothesis": self.hypothesis,
                "unknowns": list(self.unknowns), "equations": list(self.equations),
                "cofactors": list(self.cofactors), "engine": self.engine,
                "seconds": self.seconds}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Depth2Certificate:
        try:
            m1, m2 = (int(v) for v in data["split"])
            if data["sigma"] not in HYPOTHESES:
                raise ValueError(f"unknown sigma {data['sigma']!r}")
            return cls(str(data["polynomial"]), (m1, m2), str(data["sigma"]),
                       bool(data["output_bias"]), tuple(map(str, data["unknowns"])),
                       tuple(map(str, data["equations"])),
                       tuple(map(str, data["cofactors"])), str(data.get("engine", "")),
                       float(data.get("seconds", 0.0)))
        except (KeyError, TypeError, ValueError) as error:
            raise WidthError(f"not a depth-2 certificate: {error}") from None


_TERM = re.compile(r"\s*([+-])?\s*([^+-]+)")
_FACTOR = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\^(\d+))?|(\d+)(?:/(\d+))?")


def _read(text: str, unknowns: tuple[str, ...]) -> Polynomial:
    """A stored polynomial in ``unknowns``: a sum of terms ``[+-] [p[/q]] [*name[^k]]...``,
    read by this strict reader (no eval, only these names; certificates hold polynomials
    far longer than the expression parser's limit).

    Examples
    --------
    >>> _read("-2/3*a^2*b + b - 1", ("a", "b")).to_text()
    '-2*a**2*b/3 + b - 1'
    """
    index = {name: i for i, name in enumerate(unknowns)}
    terms: dict[tuple[int, ...], Fraction] = {}
    position = 0
    compact = text.replace(" ", "")
    if not compact:
        raise WidthError("a certificate holds an empty polynomial")
    while position < len(compact):
        match = _TERM.match(compact, position)
        if match is None:
            raise WidthError(f"a certificate holds an unreadable polynomial near "
                             f"{compact[position:position + 30]!r}")
        sign, body = match.groups()
        position = match.end()
        coefficient, exponents = Fraction(-1 if sign == "-" else 1), [0] * len(unknowns)
        for factor in body.split("*"):
            found = _FACTOR.fullmatch(factor)
            if found is None:
                raise WidthError(f"a certificate holds an unreadable polynomial: {factor!r}")
            name, power, numerator, denominator = found.groups()
            if name is not None:
                if name not in index:
                    raise WidthError(f"a certificate names {name!r}, not one of its unknowns")
                exponents[index[name]] += int(power or 1)
            else:
                coefficient *= Fraction(int(numerator), int(denominator or 1))
        key = tuple(exponents)
        terms[key] = terms.get(key, Fraction(0)) + coefficient
    return Polynomial(unknowns, terms)


def _write(p: Polynomial) -> str:
    """``p`` in the form :func:`_read` reads (coefficient first, ``^`` for powers).

    Examples
    --------
    >>> _write(_read("-2/3*a^2*b + b - 1", ("a", "b")))
    '-2/3*a^2*b + b - 1'
    """
    parts = []
    for e, c in p.terms.items():
        factors = [n + (f"^{k}" if k > 1 else "") for n, k in zip(p.variables, e) if k]
        if abs(c) != 1 or not factors:
            factors.insert(0, str(abs(c)))
        parts.append(("-" if c < 0 else "+", "*".join(factors)))
    if not parts:
        return "0"
    (sign, first), rest = parts[0], parts[1:]
    return ("-" if sign == "-" else "") + first + "".join(f" {s} {body}" for s, body in rest)


def prove_split(data: object, m1: int, m2: int, sigma: str = "relaxed", *,
                output_bias: bool = True,
                timeout: float | None = 60.0) -> Depth2Certificate | str | None:
    """A certificate that no network with ``m1`` and ``m2`` neurons exists (for ``sigma``:
    ``relaxed`` or ``exp``, see :mod:`symflat.width.deep_system`); ``"feasible"`` when the
    system has a complex solution (nothing proved), ``None`` when Singular did not finish in
    ``timeout`` seconds."""
    if not engine_available("singular"):
        raise WidthError("depth-2 certificates need Singular (apt-get install singular)")
    poly = as_polynomial(data)
    equations, unknowns = depth2_system(poly, m1, m2, sigma, output_bias=output_bias)
    rename = {u: f"v{k + 1}" for k, u in enumerate(unknowns)}
    back = {v: u for u, v in rename.items()}
    ideal = ", ".join(singular_polynomial(e.terms.items()) for e in equations)
    script = (f"ring r = 0, ({', '.join(rename.values())}), dp;\n"
              f"ideal i = {ideal};\n"
              "if (reduce(1, std(i)) != 0) { print(\"FEASIBLE\"); quit; }\n"
              "matrix T = lift(i, ideal(1));\nint k;\n"
              "for (k = 1; k <= nrows(T); k++) { print(\"COFACTOR \" + string(T[k, 1])); }\n"
              "quit;\n")
    start = time.monotonic()
    try:
        done = run_singular(script, timeout)
    except subprocess.TimeoutExpired:
        return None
    seconds = time.monotonic() - start
    lines = done.stdout.split("\n")
    if done.returncode != 0:
        raise RuntimeError(f"Singular failed (exit {done.returncode}): {done.stderr[:300]}")
    if "FEASIBLE" in lines:
        return "feasible"
    cofactors = [line[len("COFACTOR "):] for line in lines if line.startswith("COFACTOR ")]
    pattern = re.compile(r"\bv\d+\b")
    cofactors = [pattern.sub(lambda m: back[m.group(0)], c) for c in cofactors]
    cert = Depth2Certificate(poly.to_text(), (m1, m2), sigma, output_bias, tuple(unknowns),
                             tuple(_write(e) for e in equations), tuple(cofactors),
                             seconds=round(seconds, 3))
    if not cert.check():
        raise RuntimeError("internal error: Singular's cofactors do not give 1")
    return cert


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text.replace("**", "^").replace("^", "p")).strip("_")


def stored_certificates(data: object, directory: Path | None = None
                        ) -> dict[tuple[str, bool, tuple[int, int]], Depth2Certificate]:
    """The shipped certificates for ``P`` by :attr:`Depth2Certificate.key` (none: an empty
    dict). Each is re-checked by the caller; reading does not check."""
    poly = as_polynomial(data)
    path = (directory or CERTIFICATE_DIR) / f"{_slug(poly.to_text())}.json"
    if not path.is_file():
        return {}
    try:
        rows = json.loads(path.read_text())
    except json.JSONDecodeError as error:
        raise WidthError(f"{path}: not JSON: {error}") from None
    certs = [Depth2Certificate.from_dict(row) for row in rows]
    return {c.key: c for c in certs if c.polynomial == poly.to_text()}


def save_certificates(certificates: list[Depth2Certificate],
                      directory: Path | None = None) -> Path:
    """Write the certificates of one polynomial (merged with those already stored)."""
    if not certificates:
        raise WidthError("no certificates to save")
    text = certificates[0].polynomial
    directory = directory or CERTIFICATE_DIR
    known = stored_certificates(text, directory)
    known.update({c.key: c for c in certificates})
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{_slug(text)}.json"
    path.write_text(json.dumps([known[s].to_dict() for s in sorted(known)], indent=1) + "\n")
    return path
