"""A sweep's rows as text: the printed table, csv / json / md files, the one-line summary."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from symflat.files import write_text
from symflat.verify.sweep.jobs import SweepError
from symflat.verify.sweep.records import STATUSES, SweepRow

__all__ = ["COLUMNS", "OUTPUT_FORMATS", "check_output_path", "format_table", "render", "summary",
           "write_results"]

#: Columns of the printed table and of the csv / md files.
COLUMNS = ("polynomial", "model", "lower", "upper", "exact", "gap", "seconds", "status")



def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def format_table(rows: Sequence[SweepRow]) -> str:
    """The rows as an aligned plain-text table (``-`` where a value is unknown).

    Examples
    --------
    >>> print(format_table([SweepRow("m", "x1*x2", "no-bias", "computed", 0.01, 4, 4, True)]))
    polynomial  model    lower  upper  exact  gap  seconds  status
    x1*x2       no-bias      4      4  yes      0     0.01  computed
    """
    body = [[_cell(r.to_dict()[c]) for c in COLUMNS] for r in rows]
    widths = [max(len(c), *(len(b[i]) for b in body)) if body else len(c)
              for i, c in enumerate(COLUMNS)]
    right = {"lower", "upper", "gap", "seconds"}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.rjust(w) if name in right else cell.ljust(w)
                         for cell, w, name in zip(cells, widths, COLUMNS)).rstrip()

    header = "  ".join(c.rjust(w) if c in right else c.ljust(w)
                       for c, w in zip(COLUMNS, widths)).rstrip()
    return "\n".join([header, *(line(b) for b in body)])


OUTPUT_FORMATS = (".csv", ".json", ".md")


def check_output_path(path: str | os.PathLike) -> Path:
    """Refuse an output file of an unknown kind, or in a missing folder, before any work."""
    path = Path(path)
    if path.suffix.lower() not in OUTPUT_FORMATS:
        raise SweepError(f"--out {path}: the name must end in .csv, .json or .md")
    if not path.parent.is_dir():
        raise SweepError(f"--out {path}: the folder {path.parent} does not exist")
    return path


def render(rows: Sequence[SweepRow], fmt: str, meta: Mapping[str, Any] | None = None) -> str:
    """The rows as ``csv``, ``json`` or ``md`` text.

    The JSON is ``{"sweep": meta, "results": [...]}``; each result is a row with the full
    width object under ``"width"`` (None when there is none).

    Examples
    --------
    >>> rows = [SweepRow("m", "x1*x2", "no-bias", "computed", 0.01, 4, 4, True)]
    >>> print(render(rows, "md"))
    | polynomial | model | lower | upper | exact | gap | seconds | status |
    |---|---|---:|---:|---|---:|---:|---|
    | `x1*x2` | no-bias | 4 | 4 | yes | 0 | 0.01 | computed |
    """
    fmt = fmt.lstrip(".").lower()
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["family", *COLUMNS, "message"])
        for r in rows:
            d = r.to_dict()
            writer.writerow([d["family"], *("" if d[c] is None else d[c] for c in COLUMNS),
                             d["message"]])
        return buffer.getvalue()
    if fmt == "json":
        results = [{**r.to_dict(), "width": None if r.result is None else dict(r.result)}
                   for r in rows]
        return json.dumps({"sweep": dict(meta or {}), "results": results}, indent=2) + "\n"
    if fmt == "md":
        align = {"lower": "---:", "upper": "---:", "gap": "---:", "seconds": "---:"}
        lines = ["| " + " | ".join(COLUMNS) + " |",
                 "|" + "|".join(align.get(c, "---") for c in COLUMNS) + "|"]
        for r in rows:
            cells = [_cell(r.to_dict()[c]) for c in COLUMNS]
            cells[0] = f"`{cells[0]}`"
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)
    raise SweepError(f"unknown output format {fmt!r}; use .csv, .json or .md")


def write_results(rows: Sequence[SweepRow], path: str | os.PathLike,
                  meta: Mapping[str, Any] | None = None) -> Path:
    """Write the rows to ``path`` (format by extension), atomically
    (:func:`symflat.files.write_text`)."""
    path = check_output_path(path)
    text = render(rows, path.suffix, meta)
    write_text(path, text if text.endswith("\n") else text + "\n")
    return path


def summary(rows: Sequence[SweepRow]) -> str:
    """``"12 jobs: 10 computed, 2 stored; 9 exact"``-style one-liner.

    Examples
    --------
    >>> summary([SweepRow("m", "x1", "no-bias", "computed", 0.1, 2, 2, True)])
    '1 job: 1 computed; 1 exact'
    """
    counts = {s: sum(r.status == s for r in rows) for s in STATUSES}
    parts = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    exact = sum(bool(r.exact) for r in rows)
    total = len(rows)
    return f"{total} job{'s' if total != 1 else ''}: {parts or 'none'}; {exact} exact"
