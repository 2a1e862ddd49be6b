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
from symflat.verify.sweep.records import COLUMNS, STATUSES, CompareRow, SweepRow, cell_text

__all__ = ["COLUMNS", "OUTPUT_FORMATS", "check_output_path", "format_table", "render", "summary",
           "write_results"]

Row = SweepRow | CompareRow
#: Right-aligned columns (numbers).
_RIGHT = {"lower", "upper", "gap", "seconds", "n", "no-bias", "output-bias", "deep", "depth"}


def _columns(rows: Sequence[Row]) -> tuple[str, ...]:
    """The columns of the rows' kind (a width sweep's when there are none)."""
    return type(rows[0]).columns if rows else COLUMNS


def format_table(rows: Sequence[Row]) -> str:
    """The rows as an aligned plain-text table (``-`` where a value is unknown).

    Examples
    --------
    >>> print(format_table([SweepRow("m", "x1*x2", "no-bias", "computed", 0.01, 4, 4, True)]))
    polynomial  model    lower  upper  exact  gap  seconds  status
    x1*x2       no-bias      4      4  yes      0     0.01  computed
    """
    columns = _columns(rows)
    body = [[cell_text(r.cells()[c]) for c in columns] for r in rows]
    widths = [max(len(c), *(len(b[i]) for b in body)) if body else len(c)
              for i, c in enumerate(columns)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.rjust(w) if name in _RIGHT else cell.ljust(w)
                         for cell, w, name in zip(cells, widths, columns)).rstrip()

    header = line(columns)
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


def render(rows: Sequence[Row], fmt: str, meta: Mapping[str, Any] | None = None) -> str:
    """The rows as ``csv``, ``json`` or ``md`` text.

    The JSON is ``{"sweep": meta, "results": [...]}``; each result is a row with the full
    width object under ``"width"`` (a comparison sweep: the comparison object under
    ``"compare"``; None when there is none). The csv has every field of the rows.

    Examples
    --------
    >>> rows = [SweepRow("m", "x1*x2", "no-bias", "computed", 0.01, 4, 4, True)]
    >>> print(render(rows, "md"))
    | polynomial | model | lower | upper | exact | gap | seconds | status |
    |---|---|---:|---:|---|---:|---:|---|
    | `x1*x2` | no-bias | 4 | 4 | yes | 0 | 0.01 | computed |
    """
    fmt = fmt.lstrip(".").lower()
    columns = _columns(rows)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        fields = list(rows[0].to_dict()) if rows else ["family", *COLUMNS, "message"]
        writer.writerow(fields)
        for r in rows:
            d = r.to_dict()
            writer.writerow(["" if d[c] is None else d[c] for c in fields])
        return buffer.getvalue()
    if fmt == "json":
        name = "compare" if columns != COLUMNS else "width"
        results = [{**r.to_dict(), name: None if r.result is None else dict(r.result)}
                   for r in rows]
        return json.dumps({"sweep": dict(meta or {}), "results": results}, indent=2) + "\n"
    if fmt == "md":
        lines = ["| " + " | ".join(columns) + " |",
                 "|" + "|".join("---:" if c in _RIGHT else "---" for c in columns) + "|"]
        for r in rows:
            cells = [cell_text(r.cells()[c]) for c in columns]
            cells[0] = f"`{cells[0]}`"
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)
    raise SweepError(f"unknown output format {fmt!r}; use .csv, .json or .md")


def write_results(rows: Sequence[Row], path: str | os.PathLike,
                  meta: Mapping[str, Any] | None = None) -> Path:
    """Write the rows to ``path`` (format by extension), atomically
    (:func:`symflat.files.write_text`)."""
    path = check_output_path(path)
    text = render(rows, path.suffix, meta)
    write_text(path, text if text.endswith("\n") else text + "\n")
    return path


def summary(rows: Sequence[Row]) -> str:
    """``"12 jobs: 10 computed, 2 stored; 9 exact"``-style one-liner (a comparison job is
    exact when both models are).

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
