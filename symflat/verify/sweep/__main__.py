"""``python -m symflat.verify.sweep``: run one job (JSON on stdin), for the Dask tasks."""

import sys

from symflat.verify.sweep.cluster import serve_one_job

if __name__ == "__main__":  # pragma: no cover - run by the Dask tasks
    sys.exit(serve_one_job())
