r"""The smallest network with two hidden layers: ``minimal_width(P, depth=2)``.

The class (:class:`~symflat.width.model.WidthModel` with ``depth=2``) is
``y = [c +] sum_k v_k sigma(sum_j B_kj sigma(a_j . x))``, ``m1 + m2`` hidden neurons, with the
generic activation. Unlike one hidden layer, the answer may depend on sigma away from 0: the
second layer works at the points ``c_k = sigma_0 sum_j B_kj``. What is proved, and for which
sigma:

**The class of sigma.** ``sigma_i != 0`` at 0 for the degrees the one-layer construction
uses, ``sigma' != 0`` on the real line (strictly monotone) and, without output bias,
``sigma sigma' > 0`` (so sigma has no real zero). ``exp`` is such a sigma.

**Upper bound** ``U``: an explicit network (:mod:`symflat.width.deep_constructions`) that works
for *every* sigma of the class, its weights exact expressions in sigma's Taylor coefficients
at 0 and at the second-layer points; it is re-checked by exact expansion before it is reported.

**Lower bounds**, each a proof (:mod:`symflat.width.deep_certificates`, stored and re-checked):

* *for every sigma of the class* (``every_sigma``): structural (``m1`` at least the number of
  essential variables, since the output depends on ``x`` only through the ``a_j . x``;
  ``m2 >= 1``, and ``m2 >= 2`` without output bias because ``sum_k v_k sigma(c_k) = 0`` is
  impossible with one neuron when sigma has no real zero), then Gröbner certificates of the
  relaxed system for every split of ``m - 1`` neurons;
* *for sigma = exp* (``exp``): certificates of the exp system: no network with ``m - 1``
  neurons computes ``P`` with ``sigma = exp``. Since exp is in the class, no construction that
  works for every sigma of the class is smaller.

``lower`` is the larger of the two; ``exact`` means ``lower == upper``: then ``upper`` is the
smallest size of a network that works for every sigma of the class, and exactly the smallest
size for ``sigma = exp``.

**sigma = exp alone** (``exp_upper``, ``exp_exact``): a network whose weights are solved for
``sigma = exp`` (:mod:`symflat.width.deep_solve`: numeric, made rational, re-checked by exact
expansion with exp) is searched at the size of the exp lower bound when that is below
``upper``. It works for ``sigma = exp`` only, so it leaves ``upper`` (every sigma of the class)
alone; with the exp certificates it gives the exact minimum *for sigma = exp*:
``exp_exact`` means ``exp.value == exp_upper``, both sides about ``sigma = exp``.

Examples
--------
>>> r = minimal_depth2_width("x1*x2", "output-bias")
>>> (r.lower, r.upper, r.exact, r.splits)
(4, 4, True, ((3, 1),))
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from math import comb

from symflat.exact.polynomial import Polynomial
from symflat.width._budget import Clock
from symflat.width.bounds import best_bound
from symflat.width.closed_forms import finite_differences
from symflat.width.constructions import construct
from symflat.width.deep_certificates import (
    HYPOTHESES,
    Depth2Certificate,
    prove_split,
    stored_certificates,
)
from symflat.width.deep_constructions import (
    DeepConstruction,
    factor_splits,
    gate_product,
    lift_centred,
    lift_offcentre,
    monomial_exponent,
    monomial_factor,
    verify_deep,
)
from symflat.width.deep_solve import solve_exp_split, verify_exp
from symflat.width.essential import essential_variables
from symflat.width.model import WidthModel, as_model
from symflat.width.polynomials import WidthError, as_polynomial

__all__ = ["Depth2Bound", "Depth2Result", "class_hypothesis", "minimal_depth2_width"]

#: Most variables the depth-2 search takes (the one-layer constructions it lifts grow as 2^n).
MAX_VARIABLES = 8
#: Most variables for the quick depth-2 bounds of sweeps (stored certificates only): the
#: constructions up to here re-check in about 2 s (x1 x2 x3 x4), x1...x8 takes 25 s.
QUICK_VARIABLES = 4
#: Largest number of monomials of degree <= d for which a certificate is attempted
#: (x1 x2 x3 x4: 70; x1...x8: 12870).
MAX_SYSTEM_MONOMIALS = 300
#: Most seconds the numeric search for a sigma = exp network spends on one split.
SOLVE_SECONDS = 240.0
#: Random starts per split of the exp search (seed 0), taken in rounds of ``ROUND``.
STARTS, ROUND = 60, 10
#: Share of the exp lower bound's time the numeric search may use at each size.
SOLVE_SHARE = 0.8
#: Share of the time the constructions may use; the certificates get the rest.
CONSTRUCTION_SHARE = 0.4


def class_hypothesis(model: WidthModel) -> str:
    """The class of sigma the depth-2 result is about (the module docstring)."""
    base = "sigma_i != 0 at 0, sigma' != 0 on the real line"
    return base if model.output_bias else base + ", sigma sigma' > 0 (no real zero)"



@dataclass(frozen=True)
class Depth2Bound:
    """A proved lower bound ``value`` for ``hypothesis``: structural up to ``structural``,
    then one certificate per split of each size below ``value``."""

    value: int
    hypothesis: str
    structural: int
    certificates: tuple[Depth2Certificate, ...] = ()
    stopped: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"value": self.value, "hypothesis": self.hypothesis,
                "structural": self.structural,
                "certificates": [{"split": list(c.split), "sigma": c.sigma,
                                  "equations": len(c.equations), "unknowns": len(c.unknowns),
                                  "seconds": c.seconds} for c in self.certificates],
                "stopped": self.stopped}


@dataclass(frozen=True)
class Depth2Result:
    """Both bounds on ``m1 + m2`` for ``P`` in a depth-2 ``model`` (see the module docstring).

    ``splits`` are the layer splits of the verified constructions with ``upper`` neurons;
    ``tried`` lists every construction built, with its size and re-check. ``exp_upper`` and
    ``exp_construction`` are the smallest network known for ``sigma = exp``: ``construction``
    (it works for every sigma of the class), or a network solved for exp alone
    (:mod:`symflat.width.deep_solve`), which leaves ``upper`` alone.
    """

    polynomial: str
    variables: tuple[str, ...]
    model: WidthModel
    degree: int
    lower: int
    upper: int | None
    every_sigma: Depth2Bound
    exp: Depth2Bound
    construction: DeepConstruction | None
    splits: tuple[tuple[int, int], ...] = ()
    tried: tuple[dict[str, object], ...] = ()
    one_layer: int | None = None
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default=())
    exp_upper: int | None = None
    exp_construction: DeepConstruction | None = None

    @property
    def exp_exact(self) -> bool:
        """The exact minimum for ``sigma = exp``: exp certificates meet a network (a
        construction for every sigma of the class, or one solved for exp)."""
        return self.exp_upper is not None and self.exp_upper == self.exp.value

    @property
    def exact(self) -> bool:
        return self.upper is not None and self.upper == self.lower

    @property
    def gap(self) -> int | None:
        return None if self.upper is None else self.upper - self.lower

    @property
    def verified(self) -> bool | None:
        return None if self.construction is None else True

    def __repr__(self) -> str:
        upper = "?" if self.upper is None else self.upper
        exp = (f"; sigma = exp: exactly {self.exp_upper}"
               if self.exp_exact and not self.exact else "")
        return (f"Depth2Result({self.polynomial!r}, {self.model.name!r}: "
                f"{self.lower} <= m1 + m2 <= {upper}{', exact' if self.exact else ''}{exp})")

    def to_dict(self) -> dict[str, object]:
        return {
            "polynomial": self.polynomial,
            "variables": list(self.variables),
            "model": self.model.to_dict(),
            "network_class": self.model.describe(),
            "sigma_class": class_hypothesis(self.model),
            "degree": self.degree,
            "lower": self.lower,
            "upper": self.upper,
            "exact": self.exact,
            "gap": self.gap,
            "splits": [list(s) for s in self.splits],
            "lower_certificate": {"every_sigma": self.every_sigma.to_dict(),
                                  "exp": self.exp.to_dict()},
            "construction": None if self.construction is None else self.construction.to_dict(),
            "verified_by_expansion": self.verified,
            "constructions_tried": list(self.tried),
            "one_layer_width": self.one_layer,
            "exp": {"lower": self.exp.value, "upper": self.exp_upper, "exact": self.exp_exact,
                    "construction": (None if self.exp_construction is None
                                     else self.exp_construction.to_dict()),
                    "verified_by_expansion_with_exp": (None if self.exp_construction is None
                                                       else True)},
            "seconds": round(self.seconds, 3),
            "notes": list(self.notes),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)


# ----------------------------------------------------------------------------- upper bounds


def _constructions(data: Polynomial, model: WidthModel, clock: Clock
                   ) -> tuple[list[DeepConstruction], list[dict[str, object]], int | None]:
    """Every construction that applies, each re-checked; the one-layer width of ``model``.

    A monomial's one-layer networks are the mixed finite differences (minimal in both models,
    :mod:`symflat.width.closed_forms`); other polynomials take the one-layer search from its
    lower bound up (:func:`~symflat.width.constructions.construct`). A one-layer network is not
    trusted: the depth-2 network built on it is re-checked by exact expansion."""
    built: list[DeepConstruction] = []
    tried: list[dict[str, object]] = []
    cache: dict[tuple[str, str], object] = {}

    def shallow(poly: Polynomial, name: str) -> object:
        key = (poly.to_text(), name)
        if key not in cache:
            r = monomial_exponent(poly)
            if r is not None:
                cache[key] = finite_differences(r, model=name)
            else:
                one = as_model(name)
                lower = best_bound(poly, one, clock.share(0.1))
                cache[key] = construct(poly, one, target=lower.value,
                                       timeout=max(0.5, clock.left() / 4)).construction
        if cache[key] is None:
            raise WidthError(f"no one-layer {name} network found for {poly.to_text()}")
        return cache[key]

    def attempt(method: str, make) -> None:
        if clock.left() <= 0:
            tried.append({"method": method, "note": "not tried: no time left"})
            return
        try:
            c = make()
        except WidthError as error:
            tried.append({"method": method, "note": f"does not apply: {error}"})
            return
        if not verify_deep(data, c):  # a one-layer search result is not trusted either
            tried.append({"method": c.method, "split": list(c.split), "width": c.width,
                          "verified_by_expansion": False})
            return
        tried.append({"method": c.method, "split": list(c.split), "width": c.width,
                      "verified_by_expansion": True, "requires": list(c.requires)})
        built.append(c)

    for r1, r2 in factor_splits(data, limit=4):
        def gate(r1: tuple[int, ...] = r1, r2: tuple[int, ...] = r2) -> DeepConstruction:
            first = shallow(monomial_factor(r1, data.variables), "no-bias")
            second = (None if r1 == r2
                      else shallow(monomial_factor(r2, data.variables), "no-bias"))
            return gate_product(data, first, second, model)
        attempt("gate", gate)
    attempt("lift (off-centre)", lambda: lift_offcentre(data, shallow(data, "output-bias"),
                                                         model))
    attempt("lift (centred)", lambda: lift_centred(data, shallow(data, "no-bias"), model))
    name = "output-bias" if model.output_bias else "no-bias"
    one_layer = None
    if (data.to_text(), name) in cache or monomial_exponent(data) is not None:
        try:
            one_layer = shallow(data, name).width
        except WidthError:
            pass
    return built, tried, one_layer


# ----------------------------------------------------------------------------- lower bounds


def _lower(data: Polynomial, model: WidthModel, sigma: str, essential: int,
           upper: int | None, clock: Clock, compute: bool,
           solved: list[DeepConstruction] | None = None) -> Depth2Bound:
    """Structural bound, then certificates for every split while below ``upper``.

    With ``solved`` (a list, for ``sigma = exp``): before Singular is asked about a size, a
    network of that size is searched for exp (:func:`_solve_exp`); one found is appended to
    ``solved`` and ends the search (no certificate can exist at that size)."""
    least2 = 1 if model.output_bias else 2
    output_bias = True if sigma == "relaxed" else model.output_bias
    hypothesis = (class_hypothesis(model) if sigma == "relaxed"
                  else f"{HYPOTHESES['exp']} (in the class: {class_hypothesis(model)})")
    structural = essential + least2
    stored = stored_certificates(data)
    certificates: list[Depth2Certificate] = []
    m = structural
    stopped = ""
    # the system has one equation per monomial of degree <= d; beyond this Singular has no
    # chance and building it alone would outlast any time limit
    small = comb(data.nvars + data.degree, data.degree) <= MAX_SYSTEM_MONOMIALS
    while upper is None or m < upper:
        found = []
        splits = range(essential, m - least2 + 1)
        if (solved is not None and compute and clock.left() > 0
                and any(stored.get((sigma, output_bias, (m1, m - m1))) is None
                        for m1 in splits)):
            network = _solve_exp(data, model, essential, m, clock.share(SOLVE_SHARE))
            if network is not None:
                solved.append(network)
                stopped = f"size {m}: a network solved for sigma = exp has {m} neurons"
                break
        for m1 in splits:
            split = (m1, m - m1)
            cert = stored.get((sigma, output_bias, split))
            if cert is not None and not cert.check():
                raise WidthError(f"the stored certificate for {data.to_text()}, split {split}, "
                                 f"does not check")
            if cert is None and compute and clock.left() > 0 and small:
                cert = prove_split(data, *split, sigma, output_bias=output_bias,
                                   timeout=clock.left())
            if not isinstance(cert, Depth2Certificate):
                why = ("the system has a complex solution" if cert == "feasible"
                       else "not decided within the time limit" if small or not compute
                       else f"the system is too large (more than {MAX_SYSTEM_MONOMIALS} "
                            "monomials of degree <= d)")
                stopped = f"split {split}: {why}"
                break
            found.append(cert)
        if stopped:
            break
        certificates += found
        m += 1
    return Depth2Bound(m, hypothesis, structural, tuple(certificates), stopped)


def _solve_exp(data: Polynomial, model: WidthModel, essential: int, size: int,
               clock: Clock) -> DeepConstruction | None:
    """A network of ``size`` neurons solved for ``sigma = exp`` (every split, the one-layer
    widths ``m1`` from the essential variables up), re-checked with exp; or ``None``."""
    least2 = 1 if model.output_bias else 2
    splits = sorted(((m1, size - m1) for m1 in range(essential, size - least2 + 1)),
                    key=lambda s: (abs(s[0] - s[1]), -s[0]))  # balanced, wide first
    # in rounds of ROUND starts, every split in turn: no split eats the whole budget
    for skip in range(0, STARTS, ROUND):
        for m1, m2 in splits:
            left = clock.left()
            if left <= 0:
                return None
            try:
                found = solve_exp_split(data, m1, m2, model, starts=ROUND, skip=skip,
                                        timeout=min(left, SOLVE_SECONDS))
            except WidthError:
                continue
            if found is not None and verify_exp(data, found):
                return found
    return None


# ----------------------------------------------------------------------------- driver


def minimal_depth2_width(poly: object, model: object = "no-bias", *, timeout: float = 10.0,
                         compute: bool = True) -> Depth2Result:
    """Lower and upper bounds on the hidden neurons ``m1 + m2`` of a depth-2 network for ``P``.

    Parameters
    ----------
    poly : str, sympy.Poly or Polynomial
        The polynomial (degree 2 or more, at most 8 variables).
    model : WidthModel or str
        ``no-bias`` or ``output-bias`` (``depth=2`` is set), or a depth-2 WidthModel.
    timeout : float
        Seconds for everything; bounds not finished in time are reported as partial.
    compute : bool
        Compute missing certificates with Singular (else only the stored ones are used).
    """
    start = time.monotonic()
    if isinstance(model, str):
        model = as_model(model, depth=2)
    model = as_model(model)
    if model.depth != 2:
        raise WidthError("minimal_depth2_width needs a model with depth 2")
    data = as_polynomial(poly)
    if data.degree < 2:
        raise WidthError("depth 2 is studied for polynomials of degree 2 or more")
    if data.nvars > MAX_VARIABLES:
        raise WidthError(f"{data.nvars} variables; at most {MAX_VARIABLES} at depth 2")
    clock = Clock.after(timeout)
    reduction = essential_variables(data)
    essential = data.nvars if reduction is None else reduction.rank
    built, tried, one_layer = _constructions(data, model, clock.share(CONSTRUCTION_SHARE))
    best = min(built, key=lambda c: c.width, default=None)
    upper = None if best is None else best.width
    every = _lower(data, model, "relaxed", essential, upper, clock.share(0.5), compute)
    found: list[DeepConstruction] = []
    exp = _lower(data, model, "exp", essential, upper, clock, compute, found)
    lower = max(every.value, exp.value)
    if upper is not None and lower > upper:
        raise RuntimeError("internal error: a depth-2 lower bound exceeds a verified network")
    exp_upper, exp_best = upper, best
    for solved in found:
        exp_upper, exp_best = solved.width, solved
        tried.append({"method": solved.method, "split": list(solved.split),
                      "width": solved.width, "verified_by_expansion": True,
                      "requires": list(solved.requires)})
    if exp_upper is not None and exp.value > exp_upper:
        raise RuntimeError("internal error: an exp certificate excludes a verified exp network")
    splits = tuple(sorted({c.split for c in built if c.width == upper}))
    notes = []
    if every.stopped:
        notes.append(f"every sigma: stopped at {every.stopped}")
    if exp.stopped:
        notes.append(f"sigma = exp: stopped at {exp.stopped}")
    return Depth2Result(data.to_text(), data.variables, model, data.degree, lower, upper,
                        every, exp, best, splits, tuple(tried), one_layer,
                        time.monotonic() - start, tuple(notes), exp_upper, exp_best)
