"""A sweep's jobs: one width computation per polynomial and network model, or (comparison
mode) one comparison of depth against width per polynomial.

A job runs :func:`symflat.width.minimal_width` or :func:`symflat.width.compare.compare`
(:func:`compute`) and answers with an outcome mapping ``{"status", "seconds", "result",
"message"}``; :func:`job_key` is its key in the store.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from symflat.errors import SymflatError

__all__ = ["COMPARE", "MODELS", "SweepError", "SweepJob", "compute", "job_key", "make_jobs",
           "draw_depth2", "run_job", "unfinished"]

#: The network models (``both`` on the command line means these two).
MODELS = ("no-bias", "output-bias")
#: The ``model`` of a comparison job: it computes both models (and the deep network).
COMPARE = "compare"


class SweepError(SymflatError):
    """A sweep cannot be run as asked (a bad time limit, model, output file, no Dask, ...)."""


@dataclass(frozen=True)
class SweepJob:
    """One width computation: a canonical polynomial, a model and the search parameters.

    A job whose model is :data:`COMPARE` compares the certified shallow width (both models)
    with the compiled deep network instead.
    """

    family: str
    polynomial: str
    model: str
    grid: int = 1
    search_timeout: float = 10.0

    def to_dict(self) -> dict[str, Any]:
        return {"family": self.family, "polynomial": self.polynomial, "model": self.model,
                "grid": self.grid, "search_timeout": self.search_timeout}


def make_jobs(family: str, polynomials: Iterable[str], models: Sequence[str] = MODELS, *,
              grid: int = 1, search_timeout: float = 10.0, compare: bool = False
              ) -> list[SweepJob]:
    """One job per polynomial and model, polynomial-major; with ``compare``, one comparison
    job per polynomial (``models`` must then be both models).

    Examples
    --------
    >>> [(j.polynomial, j.model) for j in make_jobs("f", ["x1"], MODELS)]
    [('x1', 'no-bias'), ('x1', 'output-bias')]
    >>> [(j.polynomial, j.model) for j in make_jobs("f", ["x1"], compare=True)]
    [('x1', 'compare')]
    """
    if compare:
        if tuple(_model_key(m) for m in models) != MODELS:
            raise SweepError("`compare` computes both models; leave out `models`")
        models = (COMPARE,)
    keys = [COMPARE] if compare else [_model_key(m) for m in models]
    return [SweepJob(family, p, m, grid, search_timeout) for p in polynomials for m in keys]


def _model_key(model: Any) -> str:
    """The key of a :class:`~symflat.width.model.WidthModel`, or of a model key or name."""
    from symflat.width.model import WidthModel, as_model
    from symflat.width.polynomials import WidthError

    try:
        value = model if isinstance(model, WidthModel) else WidthModel.from_key(model)
        return as_model(value).key
    except WidthError as error:
        raise SweepError(f"{error} (or both)") from None


def job_key(job: SweepJob, version: str | None = None) -> str:
    """The store key of a job: canonical polynomial, model and symflat version.

    Examples
    --------
    >>> job_key(SweepJob("monomials", "x1*x2", "no-bias"), "0.1.0")
    'x1*x2|no-bias|0.1.0'
    """
    if version is None:
        from symflat.version import __version__ as version
    return f"{job.polynomial}|{job.model}|{version}"


def compute(job: Mapping[str, Any]) -> dict[str, Any]:
    """Run one job in this process: ``{"status", "seconds", "result", "message"}``.

    ``status`` is ``computed`` (``result`` is the ``symflat width --json`` object, or for a
    comparison job the ``symflat compare --json`` object with the size ``n``: the number of
    variables, or the degree of a polynomial in one variable), ``refused`` (the width or
    compile machinery refused the question; ``message`` says why) or ``failed`` (an
    unexpected error, with its traceback's last line).

    Examples
    --------
    >>> out = compute({"polynomial": "x1*x2", "model": "no-bias"})
    >>> out["status"], out["result"]["lower"], out["result"]["upper"]
    ('computed', 4, 4)
    >>> out = compute({"polynomial": "x1^4", "model": "compare"})
    >>> out["result"]["n"], out["result"]["shallow"]["no-bias"]["lower"], out["result"]["deep"]
    (4, 5, {'neurons': 4, 'depth': 2, 'synapses': 8})
    """
    start = time.perf_counter()
    try:
        result = _run(job)
    except SymflatError as error:
        return {"status": "refused", "seconds": time.perf_counter() - start, "result": None,
                "message": str(error)}
    except Exception as error:  # noqa: BLE001 - reported as a failed job, the sweep goes on
        last = traceback.format_exception_only(type(error), error)[-1].strip()
        return {"status": "failed", "seconds": time.perf_counter() - start, "result": None,
                "message": last}
    return {"status": "computed", "seconds": time.perf_counter() - start, "result": result,
            "message": ""}


def _run(job: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON object of one job: a width result, or a comparison with its size ``n``."""
    from symflat.exact.polynomial import parse_polynomial
    from symflat.width import minimal_width

    poly = parse_polynomial(job["polynomial"])
    timeout = float(job.get("search_timeout", 10.0))
    if job["model"] != COMPARE:
        from symflat.width.model import WidthModel

        model = WidthModel.from_key(job["model"])
        result = minimal_width(poly, model, grid=int(job.get("grid", 1)),
                               timeout=timeout).to_dict()
        if poly.degree == 2 and model.generic and model.hidden_bias == "none":
            result["quadratic"] = _quadratic(poly, model)
        return result
    from symflat.width.compare import compare

    nvars, degree = poly.nvars, poly.degree
    # depth 2 from the shipped certificates only (compare's default): the same on every run
    comparison = compare(poly, timeout=timeout)
    payload = {**comparison.to_dict(), "variables": nvars, "degree": degree,
               "n": degree if nvars == 1 else nvars}
    draw_depth2(comparison, payload)
    return payload


#: The most hidden neurons of a depth-2 network whose drawing a sweep stores for the report.
DRAWN_NEURONS = 12


def draw_depth2(comparison: Any, payload: dict[str, Any]) -> None:
    """Store the drawing of each small verified depth-2 network beside its bounds
    (``depth2`` → model → ``drawing``): drawn here, at sweep time, so the report only embeds
    it (:mod:`symflat.report.drawings`). Networks of more than :data:`DRAWN_NEURONS` hidden
    neurons are not drawn.

    Examples
    --------
    >>> from symflat.width.compare import compare
    >>> comparison = compare("x1*x2")
    >>> payload = comparison.to_dict()
    >>> draw_depth2(comparison, payload)
    >>> payload["depth2"]["no-bias"]["drawing"].count("<rect")   # 3 + 2 neurons
    5
    """
    from symflat.nets.drawing import to_svg

    for model, result in comparison.depth2.items():
        construction = result.construction
        if construction is None or construction.width > DRAWN_NEURONS:
            continue
        net = construction.network(f"depth2 {comparison.polynomial}")
        payload["depth2"][model]["drawing"] = to_svg(net)


def _quadratic(poly: Any, model: Any) -> dict[str, Any]:
    """The quadratic theorem's closed form for the report's width tables: rank of the
    quadratic part's matrix, the width it gives, and which case of the theorem applies."""
    from symflat.width import quadratic_width
    from symflat.width.quadratic import quadratic_parts

    closed = quadratic_width(poly, model)
    return {"rank": quadratic_parts(poly).rank, "width": closed.value, "case": closed.case}


def run_job(job: SweepJob) -> dict[str, Any]:
    """:func:`compute` of a :class:`SweepJob` (what a worker process runs)."""
    return compute(job.to_dict())


def unfinished(timeout: float) -> dict[str, Any]:
    """The outcome of a job stopped at its time limit.

    Examples
    --------
    >>> unfinished(2.0)["message"]
    'stopped at the time limit of 2 s'
    """
    return {"status": "unfinished", "seconds": timeout, "result": None,
            "message": f"stopped at the time limit of {timeout:g} s"}
