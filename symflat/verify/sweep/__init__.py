"""Sweeps of the minimal hidden width over families of polynomials.

A *sweep* runs :func:`symflat.width.minimal_width` for every polynomial of a family
(:mod:`symflat.width.families`) and every network model, and tabulates ``lower``, ``upper``,
``exact`` and the ``gap`` per job; in comparison mode (``compare=True``, ``symflat sweep
--compare``) it runs :func:`symflat.width.compare.compare` for every polynomial instead: the
certified shallow width in both models beside the compiled deep network, with the size ``n``.
:func:`sweep` is the Python API of ``symflat sweep``.

- :mod:`~symflat.verify.sweep.jobs`: the jobs and what one job computes;
- :mod:`~symflat.verify.sweep.records`: the rows, and their records in the store (an
  interrupted sweep resumes; ``refresh=True`` recomputes);
- :mod:`~symflat.verify.sweep.runner`: running the jobs in the executor
  (:mod:`symflat.executor`, a hard deadline per job) or on a Dask cluster
  (:mod:`~symflat.verify.sweep.cluster`);
- :mod:`~symflat.verify.sweep.output`: the printed table, csv / json / md files, the summary.

The report (``symflat report``) shows every stored result in its minimal-width tables and
figure, grouped by family, and every stored comparison in its section "Depth against width".
The sweep imports the width machinery, the store and the executor; never the report.
"""

from symflat.verify.sweep.cluster import DASK_HINT, run_dask
from symflat.verify.sweep.jobs import (
    COMPARE,
    MODELS,
    SweepError,
    SweepJob,
    compute,
    job_key,
    make_jobs,
)
from symflat.verify.sweep.output import (
    COLUMNS,
    check_output_path,
    format_table,
    render,
    summary,
    write_results,
)
from symflat.verify.sweep.records import COMPARE_KIND, STATUSES, STORE_KIND, CompareRow, SweepRow
from symflat.verify.sweep.runner import (
    default_workers,
    run_local,
    run_sweep,
    search_time,
    sweep,
)

__all__ = [
    "COLUMNS",
    "COMPARE",
    "COMPARE_KIND",
    "CompareRow",
    "DASK_HINT",
    "MODELS",
    "STATUSES",
    "STORE_KIND",
    "SweepError",
    "SweepJob",
    "SweepRow",
    "check_output_path",
    "compute",
    "default_workers",
    "format_table",
    "job_key",
    "make_jobs",
    "render",
    "run_dask",
    "run_local",
    "run_sweep",
    "search_time",
    "summary",
    "sweep",
    "write_results",
]
