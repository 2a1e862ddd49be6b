"""Claims of the paper as data, and the verdicts reached on them.

A *claim* is one checkable mathematical statement, stored in a TOML file under ``proofs/``
(the schema is documented in ``proofs/README.md``): its statement exactly as printed, where it
is printed, its hypotheses, the parameters it is checked at, the checker that decides it and
the claims it depends on. :func:`load_claims` reads a folder of such files into :class:`Claim`
objects; a malformed file raises :class:`ClaimError` naming the file, the field and the problem.

A checker (:mod:`~symflat.verify.checks`) turns a claim into a :class:`Verdict`, whose ``status`` is
one of :data:`STATUSES`:

``verified``
    an exact proof was found (sympy canonical forms, exact rationals or integers, rigorous
    interval bounds);
``refuted``
    the statement as printed is false: the evidence gives the exact discrepancy or a
    counterexample, and ``corrected`` the corrected statement (itself checked) when one exists;
``conditional``
    the statement holds only under a hypothesis the paper does not state, which is named;
``sampled``
    the statement holds, exactly, on every one of a set of sampled instances (seeded random
    chains, distributions) but no proof of its generality was found: evidence, not a proof;
``inconclusive``
    nothing decisive: the evidence says what was tried and what would decide it.

Every verdict carries a :class:`~symflat.verify.scope.Scope`: how far it reaches (every
parameter, a named range, sampled instances). ``verified`` is only ever given with the scope
``all`` or ``range`` and displayed with it ("verified for all n", "verified for n = 2..8");
exact checks on sampled instances are ``sampled`` ("holds on all 50 instances"), with the
generator of the instances recorded so that they can be drawn again.

Numerical evidence (floating point, sampling) sets ``numerical`` and never makes ``verified``.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import re
import sys
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import sympy

from symflat.display import badge, prose_html, statement_html
from symflat.errors import SymflatError
from symflat.exact.printing import math_text
from symflat.files import read_text
from symflat.verify.scope import Scope, verdict_label

__all__ = [
    "STATUSES",
    "CONVENTIONS",
    "ClaimError",
    "Claim",
    "Scope",
    "MAX_CLAIMS_PER_FILE",
    "MAX_CLAIMS_PER_RUN",
    "MAX_CLAIM_FILE_BYTES",
    "Verdict",
    "default_proofs_dir",
    "load_claims",
    "load_claim_file",
    "parse_claims",
    "select_claims",
]

#: The possible verdict statuses, in the order summaries list them. ``sampled`` (exact on
#: sampled instances only) is evidence, never a proof.
STATUSES = ("verified", "sampled", "refuted", "conditional", "inconclusive")

#: Taylor-coefficient conventions a claim may be printed in: ``power`` is
#: sigma(u) = sum_k sigma_k u^k (Appendix A), ``derivative`` is sigma_k = sigma^(k)(0) (Eq. 10).
CONVENTIONS = ("power", "derivative")

#: Longest integer a claim file may hold, in digits (Python's default limit).
_MAX_DIGITS = 4300

#: Most claims one file may hold. A file is one topic or a small family (the paper's largest
#: holds 7); a file of 10^5 generated claims would be read, validated and checked for hours.
MAX_CLAIMS_PER_FILE = 100
#: Most claims one run may read (every file of a folder together). Checking is what costs:
#: 1000 claims of the cheapest checker take about 100 s on one core, and most checkers take
#: longer, so a larger run is hours of work that is better split into folders.
MAX_CLAIMS_PER_RUN = 1000
#: Largest claim file read, in bytes: 100 claims with long statements fit in a tenth of it, and
#: the limit is checked before the TOML is parsed.
MAX_CLAIM_FILE_BYTES = 2**20

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")

# field name -> (required, expected type description, validator)
_STR = "a string"
_STR_LIST = "a list of strings"
_TABLE = "a table"
_FIELDS: dict[str, tuple[bool, str]] = {
    "id": (True, _STR),
    "title": (True, _STR),
    "statement": (True, _STR),
    "section": (True, _STR),
    "checker": (True, _STR),
    "equation": (False, _STR),
    "page_text": (False, _STR),
    "hypotheses": (False, _STR_LIST),
    "depends": (False, _STR_LIST),
    "convention": (False, _STR),
    "notes": (False, _STR),
    "parameters": (False, _TABLE),
}


class ClaimError(SymflatError):
    """A claim file is malformed, or a claim cannot be found or checked as asked."""


@dataclass(frozen=True)
class Claim:
    """One checkable statement of the paper (or of a user's catalog).

    Attributes
    ----------
    id : str
        Unique identifier (lower case letters, digits, ``-`` and ``.``), e.g. ``"eq28"``.
    title : str
        A short human-readable name.
    statement : str
        The statement exactly as printed, LaTeX included.
    section : str
        The section it is printed in, e.g. ``"III.8"``.
    checker : str
        Name of the checker in :data:`symflat.verify.checks.REGISTRY` that decides it.
    equation : str or None
        The equation number, when it has one.
    page_text : str or None
        The sentence of the paper around it, to find it in the text.
    hypotheses : tuple of str
        The hypotheses as printed.
    depends : tuple of str
        Ids of the claims it depends on.
    convention : str or None
        ``"power"`` or ``"derivative"``: the Taylor-coefficient convention it is printed in.
    notes : str or None
        Free text (reading of an ambiguous notation, ...).
    parameters : Mapping
        The parameters it is checked at (plain TOML values), as read by its checker.
    source : str
        The file it was read from (``"<string>"`` for :func:`parse_claims` without a name).
    spec_hash : str
        SHA-256 of the claim's canonical JSON: any change of the claim changes it.

    Examples
    --------
    >>> claim = parse_claims('''
    ... [[claim]]
    ... id = "demo"
    ... title = "A demo"
    ... statement = "2^3 = 8"
    ... section = "none"
    ... checker = "eq12"
    ... ''')[0]
    >>> claim.id, claim.checker, len(claim.spec_hash)
    ('demo', 'eq12', 64)
    """

    id: str
    title: str
    statement: str
    section: str
    checker: str
    equation: str | None = None
    page_text: str | None = None
    hypotheses: tuple[str, ...] = ()
    depends: tuple[str, ...] = ()
    convention: str | None = None
    notes: str | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    source: str = "<string>"
    spec_hash: str = ""

    def param(self, name: str, default: Any = None) -> Any:
        """The parameter ``name`` (``default`` when absent).

        Examples
        --------
        >>> Claim("a", "t", "s", "II", "eq12", parameters={"n": [1, 3]}).param("n")
        [1, 3]
        """
        return self.parameters.get(name, default)

    def where(self) -> str:
        """Where it is printed, e.g. ``"Eq. 28, Sec. III.8"``.

        Examples
        --------
        >>> Claim("a", "t", "s", "III.8", "eq28", equation="28").where()
        'Eq. 28, Sec. III.8'
        """
        if self.equation:
            return f"Eq. {self.equation}, Sec. {self.section}"
        return f"Sec. {self.section}"

    def to_dict(self) -> dict[str, Any]:
        """The claim as plain JSON-able data (its fields, parameters included)."""
        return {
            "id": self.id,
            "title": self.title,
            "statement": self.statement,
            "section": self.section,
            "equation": self.equation,
            "page_text": self.page_text,
            "hypotheses": list(self.hypotheses),
            "depends": list(self.depends),
            "convention": self.convention,
            "notes": self.notes,
            "checker": self.checker,
            "parameters": dict(self.parameters),
            "source": self.source,
            "spec_hash": self.spec_hash,
        }


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one claim.

    Attributes
    ----------
    claim_id : str
        The claim checked.
    status : str
        One of :data:`STATUSES`.
    evidence : str
        One line: the proof, discrepancy, hypothesis or what was tried.
    corrected : str or None
        The corrected statement (LaTeX), when the printed one is refuted or conditional and a
        correction was derived and checked.
    numerical : bool
        True when the evidence is only numerical (then ``status`` is never ``verified``).
    details : tuple of str
        The steps of the proof or of the computation, one per line.
    certificate : Mapping
        Machine-readable evidence (JSON-able): exact coefficients, counts, bounds.
    seconds : float
        Time the check took.
    scope : Scope
        How far the verdict reaches (required): ``verified`` needs the scope ``all`` or
        ``range``, ``sampled`` the scope ``instances``, and only ``inconclusive`` may have
        the scope ``none``.

    Examples
    --------
    >>> v = Verdict("x", "verified", "2^3 = 8 exactly", scope=Scope.for_all())
    >>> Verdict.from_dict(v.to_dict()) == v, v.label
    (True, 'verified for the statement as printed')
    >>> Verdict("x", "verified", "on 50 seeded chains",
    ...         scope=Scope.for_instances(50, "seeded chains", {"seeds": [0, 49]}))
    Traceback (most recent call last):
    ...
    ValueError: claim x: a check on sampled instances is 'sampled', never 'verified'
    >>> Verdict("x", "verified", "sampled", numerical=True, scope=Scope.for_all())
    Traceback (most recent call last):
    ...
    ValueError: claim x: numerical evidence alone cannot make a claim verified
    """

    claim_id: str
    status: str
    evidence: str
    corrected: str | None = None
    numerical: bool = False
    details: tuple[str, ...] = ()
    certificate: Mapping[str, Any] = field(default_factory=dict, hash=False)
    seconds: float = field(default=0.0, compare=False)
    scope: Scope | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"claim {self.claim_id}: unknown status {self.status!r}")
        if self.numerical and self.status == "verified":
            raise ValueError(
                f"claim {self.claim_id}: numerical evidence alone cannot make a claim verified"
            )
        if not isinstance(self.scope, Scope):
            raise ValueError(f"claim {self.claim_id}: a verdict needs a scope (how far it "
                             "reaches)")
        kind = self.scope.kind
        if self.status == "verified" and kind == "instances":
            raise ValueError(f"claim {self.claim_id}: a check on sampled instances is "
                             "'sampled', never 'verified'")
        if self.status == "sampled" and kind != "instances":
            raise ValueError(f"claim {self.claim_id}: 'sampled' needs the scope 'instances', "
                             f"not {kind!r}")
        if kind == "none" and self.status != "inconclusive":
            raise ValueError(f"claim {self.claim_id}: only an inconclusive verdict reaches "
                             "nothing")
        object.__setattr__(self, "details", tuple(self.details))

    @property
    def label(self) -> str:
        """The verdict with its scope: ``verified for all n``, ``holds on all 50 ...``."""
        return verdict_label(self.status, self.scope)

    @property
    def proved(self) -> bool:
        """Whether the verdict is a proof of the printed generality (verified, scope all).

        Examples
        --------
        >>> Verdict("x", "verified", "e", scope=Scope.for_range("n", [1, 2])).proved
        False
        """
        return self.status == "verified" and self.scope is not None and self.scope.kind == "all"

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (inverse of :meth:`from_dict`)."""
        return {
            "id": self.claim_id,
            "status": self.status,
            "scope": self.scope.to_dict() if self.scope is not None else None,
            "label": self.label,
            "evidence": self.evidence,
            "corrected": self.corrected,
            "numerical": self.numerical,
            "details": list(self.details),
            "certificate": _jsonable(self.certificate),
            "seconds": self.seconds,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Verdict:
        """Rebuild a verdict from :meth:`to_dict` output.

        Raises
        ------
        KeyError
            ``data`` has no ``scope`` (a verdict stored before scopes existed).
        """
        return cls(
            claim_id=data["id"],
            status=data["status"],
            evidence=data["evidence"],
            corrected=data.get("corrected"),
            numerical=bool(data.get("numerical", False)),
            details=tuple(data.get("details", ())),
            certificate=data.get("certificate") or {},
            seconds=float(data.get("seconds", 0.0)),
            scope=Scope.from_dict(data["scope"]),
        )

    def __repr__(self) -> str:
        """One line: the claim and the verdict with its scope (the evidence is displayed).

        Examples
        --------
        >>> Verdict("eq12", "verified", "exactly", scope=Scope.for_all("every n"))
        Verdict('eq12', 'verified for every n')
        """
        return f"Verdict({self.claim_id!r}, {self.label!r})"

    def _repr_html_(self) -> str:
        """The verdict as Jupyter shows it: badge, scope, evidence (formulas typeset)."""
        scope = escape(self.scope.text()) if self.scope is not None else ""
        parts = [f"<div>{badge(self.status)} {scope} <code>{escape(self.claim_id)}</code>",
                 f"{' (numerical evidence)' if self.numerical else ''}: "
                 f"{prose_html(self.evidence)}</div>"]
        if self.corrected:
            parts.append(f"<div>Corrected statement: {statement_html(self.corrected)}</div>")
        return "".join(parts)

    def with_seconds(self, seconds: float) -> Verdict:
        """A copy with ``seconds`` set."""
        return dataclasses.replace(self, seconds=seconds)


def _jsonable(value: Any) -> Any:
    """Convert sympy numbers/expressions and tuples to JSON-able values (strings for exprs,
    in the input grammar with ``^`` that the rest of symflat's output uses)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, sympy.Basic):
        return math_text(value)
    return str(value)


def default_proofs_dir() -> Path:
    """The folder of the paper's claim catalog.

    An installed wheel carries it as package data (``symflat/_data/proofs``); a source
    checkout has it at the top of the repository (``proofs/`` next to the package).

    Examples
    --------
    >>> default_proofs_dir().name
    'proofs'
    """
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_data" / "proofs", package.parent / "proofs"):
        if candidate.is_dir():
            return candidate
    raise ClaimError(
        "cannot find the claim catalog: neither symflat/_data/proofs (an installed wheel) nor "
        "proofs/ next to the package (a source checkout) exists; pass --proofs DIR"
    )


def _canonical_hash(table: Mapping[str, Any]) -> str:
    text = json.dumps(_jsonable(table), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _suggest(name: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(options), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _claim_from_table(
    table: Any, source: str, where: str, known_checkers: Iterable[str] | None
) -> Claim:
    def fail(fieldname: str | None, problem: str) -> ClaimError:
        location = f"{source}: {where}"
        if fieldname is not None:
            location += f": field '{fieldname}'"
        return ClaimError(f"{location}: {problem}")

    if not isinstance(table, Mapping):
        raise fail(None, "a claim must be a table")
    if isinstance(table.get("id"), str):
        where = f"claim '{table['id']}'"
    for key in table:
        if key not in _FIELDS:
            raise fail(key, f"unknown field{_suggest(key, _FIELDS)}")
    values: dict[str, Any] = {}
    for key, (required, kind) in _FIELDS.items():
        if key not in table:
            if required:
                raise fail(key, "missing (required)")
            continue
        value = table[key]
        ok = (
            (kind == _STR and isinstance(value, str))
            or (
                kind == _STR_LIST
                and isinstance(value, list)
                and all(isinstance(v, str) for v in value)
            )
            or (kind == _TABLE and isinstance(value, Mapping))
        )
        if not ok:
            raise fail(key, f"must be {kind}, not {type(value).__name__} {value!r}")
        if kind == _STR and key != "page_text" and not value.strip():
            raise fail(key, "must not be empty")
        values[key] = value
    if not _ID_RE.match(values["id"]):
        raise fail(
            "id", f"{values['id']!r} is not a valid id (lower case letters, digits, '-', '.')"
        )
    convention = values.get("convention")
    if convention is not None and convention not in CONVENTIONS:
        raise fail("convention", f"must be one of {', '.join(CONVENTIONS)}, not {convention!r}")
    if known_checkers is not None:
        known = list(known_checkers)
        if values["checker"] not in known:
            raise fail(
                "checker",
                f"unknown checker {values['checker']!r}{_suggest(values['checker'], known)}",
            )
    return Claim(
        id=values["id"],
        title=values["title"],
        statement=values["statement"],
        section=values["section"],
        checker=values["checker"],
        equation=values.get("equation"),
        page_text=values.get("page_text"),
        hypotheses=tuple(values.get("hypotheses", ())),
        depends=tuple(values.get("depends", ())),
        convention=convention,
        notes=values.get("notes"),
        parameters=dict(values.get("parameters", {})),
        source=source,
        spec_hash=_canonical_hash(table),
    )


def parse_claims(
    text: str, source: str = "<string>", *, known_checkers: Iterable[str] | None = None
) -> list[Claim]:
    """Read the claims of one TOML document.

    The document holds either an array of tables ``[[claim]]`` or a single claim at top level.

    Parameters
    ----------
    text : str
        The TOML text.
    source : str
        The name used in error messages (the file path).
    known_checkers : iterable of str, optional
        When given, a claim naming another checker is an error.

    Raises
    ------
    ClaimError
        Invalid TOML, an unknown or missing field, a field of the wrong type; the message
        names the file, the claim and the field.

    Examples
    --------
    >>> parse_claims('[[claim]]\\nid = "x"\\ntitle = "t"\\nstatement = "s"\\n'
    ...              'section = "II"\\nchecker = "c"\\nchekcer = 1', "f.toml")
    Traceback (most recent call last):
    ...
    symflat.verify.claims.ClaimError: f.toml: claim 'x': field 'chekcer': unknown field \
(did you mean 'checker'?)
    """
    previous = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(_MAX_DIGITS)  # reading a longer integer takes quadratic time
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ClaimError(f"{source}: invalid TOML: {error}") from None
    except ValueError:  # only the integer limit: tomllib raises TOMLDecodeError otherwise
        raise ClaimError(f"{source}: invalid TOML: an integer of more than {_MAX_DIGITS} "
                         "digits") from None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise ClaimError(f"{source}: invalid TOML: arrays or tables nested too deeply") from None
    finally:
        sys.set_int_max_str_digits(previous)
    if "claim" in document:
        extra = [key for key in document if key != "claim"]
        if extra:
            raise ClaimError(
                f"{source}: field '{extra[0]}': unexpected at top level next to [[claim]] "
                "(put it inside a [[claim]] table)"
            )
        tables = document["claim"]
        if not isinstance(tables, list):
            raise ClaimError(f"{source}: field 'claim': must be an array of tables [[claim]]")
        if len(tables) > MAX_CLAIMS_PER_FILE:
            raise ClaimError(f"{source}: {len(tables)} claims; a file may hold at most "
                             f"{MAX_CLAIMS_PER_FILE} (split it into several files)")
        return [
            _claim_from_table(t, source, f"claim #{i + 1}", known_checkers)
            for i, t in enumerate(tables)
        ]
    if not document:
        raise ClaimError(f"{source}: no claim (expected [[claim]] tables)")
    return [_claim_from_table(document, source, "claim", known_checkers)]


def load_claim_file(
    path: str | Path, *, known_checkers: Iterable[str] | None = None
) -> list[Claim]:
    """Read the claims of one TOML file (see :func:`parse_claims`)."""
    path = Path(path)
    try:
        # A regular file of bounded size (never a FIFO or a device), refused before parsing.
        text = read_text(path, max_bytes=MAX_CLAIM_FILE_BYTES)
    except SymflatError as error:
        raise ClaimError(str(error)) from None
    return parse_claims(text, str(path), known_checkers=known_checkers)


def load_claims(
    directory: str | Path | None = None,
    *,
    known_checkers: Iterable[str] | None = None,
    validate: Callable[[Claim], None] | None = None,
) -> list[Claim]:
    """Read every ``*.toml`` claim file of a folder (sorted by file name), in order.

    Parameters
    ----------
    directory : path, optional
        The folder; the paper's catalog (:func:`default_proofs_dir`) by default.
    known_checkers : iterable of str, optional
        Reject claims whose checker is not one of these (none is rejected by default).
    validate : callable, optional
        Called with each claim; raises :class:`ClaimError` for parameters its checker does
        not accept. The checker registry supplies both:
        :func:`symflat.verify.runner.load_catalog` reads a folder with them.

    Raises
    ------
    ClaimError
        A malformed file, a duplicate id, a ``depends`` naming an unknown id or forming a
        cycle, bad parameters; a file of more than :data:`MAX_CLAIM_FILE_BYTES` bytes or
        :data:`MAX_CLAIMS_PER_FILE` claims, more than :data:`MAX_CLAIMS_PER_RUN` claims in all.

    Examples
    --------
    >>> claims = load_claims()
    >>> "eq28" in {c.id for c in claims}
    True
    """
    folder = Path(directory) if directory is not None else default_proofs_dir()
    if not folder.is_dir():
        raise ClaimError(f"{folder}: not a folder of claim files")
    known = None if known_checkers is None else list(known_checkers)
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise ClaimError(f"{folder}: no claim files (*.toml)")
    claims: list[Claim] = []
    seen: dict[str, str] = {}
    for path in files:
        file_claims = load_claim_file(path, known_checkers=known)
        if len(claims) + len(file_claims) > MAX_CLAIMS_PER_RUN:
            raise ClaimError(f"{folder}: more than {MAX_CLAIMS_PER_RUN} claims (the limit of "
                             f"one run, reached in {path.name}); split them into folders")
        for claim in file_claims:
            if claim.id in seen:
                raise ClaimError(
                    f"{path}: claim '{claim.id}': field 'id': duplicate id "
                    f"(also in {seen[claim.id]})"
                )
            seen[claim.id] = str(path)
            if validate is not None:
                validate(claim)
            claims.append(claim)
    for claim in claims:
        for dep in claim.depends:
            if dep not in seen:
                raise ClaimError(
                    f"{claim.source}: claim '{claim.id}': field 'depends': unknown claim id "
                    f"{dep!r}{_suggest(dep, seen)}"
                )
    _refuse_cycles(claims)
    return claims


def _refuse_cycles(claims: Sequence[Claim]) -> None:
    """Raise :class:`ClaimError` naming a cycle of ``depends`` (a claim naming itself too).

    Examples
    --------
    >>> _refuse_cycles([Claim("a", "t", "s", "I", "c", depends=("b",)),
    ...                 Claim("b", "t", "s", "I", "c", depends=("a",))])
    Traceback (most recent call last):
    ...
    symflat.verify.claims.ClaimError: <string>: claim 'a': field 'depends': the claims depend \
on each other in a cycle: a -> b -> a
    """
    import networkx as nx

    graph = nx.DiGraph((claim.id, dep) for claim in claims for dep in claim.depends)
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    first = next(claim for claim in claims if claim.id == cycle[0][0])
    where = f"{first.source}: claim '{first.id}': field 'depends'"
    if len(cycle) == 1:
        raise ClaimError(f"{where}: the claim depends on itself")
    names = " -> ".join([u for u, _ in cycle] + [cycle[0][0]])
    raise ClaimError(f"{where}: the claims depend on each other in a cycle: {names}")


def select_claims(claims: Sequence[Claim], ids: Sequence[str]) -> list[Claim]:
    """The claims with the given ids, in the given order (all of them when ``ids`` is empty).

    Raises
    ------
    ClaimError
        An id that is not in the catalog.

    Examples
    --------
    >>> claims = [Claim("a", "t", "s", "I", "c"), Claim("b", "t", "s", "I", "c")]
    >>> [c.id for c in select_claims(claims, ["b"])]
    ['b']
    >>> select_claims(claims, ["x"])
    Traceback (most recent call last):
    ...
    symflat.verify.claims.ClaimError: unknown claim id 'x'; known ids: a, b
    """
    if not ids:
        return list(claims)
    by_id = {claim.id: claim for claim in claims}
    chosen = []
    for ident in ids:
        if ident not in by_id:
            raise ClaimError(
                f"unknown claim id {ident!r}{_suggest(ident, by_id)}; known ids: "
                + ", ".join(by_id)
            )
        if by_id[ident] not in chosen:
            chosen.append(by_id[ident])
    return chosen
