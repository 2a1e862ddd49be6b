"""Render once per store state: a report folder remembers what it was rendered from.

``symflat report`` used to draw and render everything on every run (about 10 s), though the
store had not changed. The rendered files are now kept with a stamp, ``.symflat-report`` in
the output folder, holding a digest of everything the output depends on: the report data
(claims, verdicts, width results, comparisons: what the store and catalog hold, without the
time of rendering), the formats and options asked for, whether Graphviz and rsvg-convert
(the PDF's drawings) are installed, and symflat's code, templates and assets. A run whose
digest matches the stamp, with every file still there, renders nothing. The stamp is removed
before a render starts, so a render that fails half-way is never taken for a finished one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from symflat.files import write_text
from symflat.report.data import ReportData
from symflat.report.drawings import pdf_converter

__all__ = ["STAMP", "forget", "recall", "remember", "render_key"]

#: The stamp file of a rendered report folder.
STAMP = ".symflat-report"

#: The whole package: rendering uses more than symflat.report (the layouts, the printing of
#: formulas), and a change anywhere in the code should never leave an old render standing.
_CODE = Path(__file__).resolve().parent.parent


def _source_files(folders: Iterable[Path]) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def render_key(data: ReportData, formats: Sequence[str], *, figures: bool, graph_engine: str,
               templates: Path) -> str:
    """A digest of everything a render of ``data`` depends on (not the time it is made).

    Examples
    --------
    >>> from symflat.report.data import report_data
    >>> from symflat.report.render import templates_dir
    >>> a = report_data([{"id": "a", "statement": "s"}], generated="2026-01-01 00:00 UTC")
    >>> b = report_data([{"id": "a", "statement": "s"}], generated="2027-01-01 00:00 UTC")
    >>> c = report_data([{"id": "a", "statement": "t"}])
    >>> key = lambda d: render_key(d, ["html"], figures=True, graph_engine="auto",
    ...                            templates=templates_dir())
    >>> key(a) == key(b), key(a) == key(c)
    (True, False)
    """
    content = {f.name: getattr(data, f.name) for f in dataclasses.fields(data)
               if f.name != "generated"}
    options = {"formats": sorted(formats), "figures": figures, "graph_engine": graph_engine,
               "dot": shutil.which("dot") is not None,
               "rsvg-convert": pdf_converter() is not None}
    digest = hashlib.sha256()
    digest.update(json.dumps([content, options], sort_keys=True, default=repr).encode())
    for path in _source_files([_CODE, templates]):
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def recall(folder: Path, key: str) -> tuple[Path, ...] | None:
    """The files of a render of ``key`` in ``folder``, or None if it must render."""
    try:
        stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
        files = tuple(folder / name for name in stamp["files"])
        same = stamp["key"] == key
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return files if same and all(f.is_file() for f in files) else None


def forget(folder: Path) -> None:
    """Remove the stamp before a render (a render that fails leaves none)."""
    (folder / STAMP).unlink(missing_ok=True)


def remember(folder: Path, key: str, files: Sequence[Path]) -> None:
    """Stamp ``folder`` as holding the render of ``key``: ``files``, named relative to it."""
    names = [str(Path(f).relative_to(folder)) for f in files]
    write_text(folder / STAMP, json.dumps({"key": key, "files": names}) + "\n")
