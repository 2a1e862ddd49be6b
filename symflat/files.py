"""Files a user names: read only regular files of bounded size, write atomically.

A path on the command line or in a claim folder is untrusted. Opening a FIFO for reading blocks
until someone writes to it, and ``/dev/zero`` never ends, so a file is opened without blocking,
checked to be a regular file, and read up to a limit. Results are written to a temporary file
in the same folder and renamed over the target, so a crash mid-write leaves either the old file
or the new one, never half of one.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text(folder / "a.txt", "exact")
>>> read_text(folder / "a.txt")
'exact'
>>> read_text(folder)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
symflat.errors.SymflatError: ... is a folder, not a file
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from symflat.errors import SymflatError

__all__ = ["MAX_READ_BYTES", "read_text", "write_text", "check_output_file",
           "check_output_folder", "output_folder"]

#: Largest file read by default (network files, claim files, polynomial lists), in bytes.
MAX_READ_BYTES = 16 * 2**20


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_READ_BYTES) -> str:
    """The UTF-8 text of the regular file ``path``, refusing anything else in one line.

    Parameters
    ----------
    path : path-like
        The file to read.
    max_bytes : int
        Refuse a file larger than this.

    Raises
    ------
    SymflatError
        If ``path`` is missing, unreadable, not a regular file (a folder, a FIFO, a device),
        larger than ``max_bytes`` or not UTF-8 text.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except IsADirectoryError:
        raise SymflatError(f"{path} is a folder, not a file") from None
    except OSError as error:
        raise SymflatError(f"cannot read {path}: {error.strerror}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise SymflatError(f"{path} is a folder, not a file")
        raise SymflatError(f"{path} is not a regular file (a pipe or a device); give a file")
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SymflatError(f"{path} is larger than {max_bytes} bytes; give a smaller file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SymflatError(f"{path} is not a UTF-8 text file") from None


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` atomically (a temporary file renamed over it).

    Raises
    ------
    SymflatError
        If the folder is missing or not writable, or ``path`` is a folder.
    """
    path = Path(path)
    fd, temporary = _temporary_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise SymflatError(f"cannot write {path}: {error.strerror}") from None


def check_output_file(path: str | os.PathLike[str]) -> Path:
    """Refuse, before any work, an output file :func:`write_text` could not write.

    A temporary file is created beside ``path`` and removed, so that a folder that exists but
    takes no files (``/proc``, a read-only mount) is refused too; nothing is left behind. An
    existing regular file is accepted: it will be replaced.

    Raises
    ------
    SymflatError
        If ``path`` is a folder, a pipe or a device, or its folder is missing or not writable.

    Examples
    --------
    >>> check_output_file("/proc/result.json")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    symflat.errors.SymflatError: cannot write /proc/result.json: ...
    """
    path = Path(path)
    fd, temporary = _temporary_beside(path)
    os.close(fd)
    Path(temporary).unlink(missing_ok=True)
    return path


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new temporary file in ``path``'s folder, after refusing targets that are no file."""
    folder = path.parent
    if path.is_dir():
        raise SymflatError(f"{path} is a folder; give a file name")
    if path.exists() and not path.is_file():
        raise SymflatError(f"{path} is not a regular file (a pipe or a device); give a file")
    if not folder.is_dir():
        raise SymflatError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        return tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise SymflatError(f"cannot write {path}: {error.strerror}") from None


def check_output_folder(path: str | os.PathLike[str]) -> Path:
    """Refuse, before any work and creating nothing, a folder :func:`output_folder` would refuse.

    The folder, or its nearest existing ancestor when it is missing, must be a folder in which
    a file can be created (probed with a temporary folder, removed at once).

    Raises
    ------
    SymflatError
        If ``path`` or an ancestor is a file, or nothing can be created where it would go.

    Examples
    --------
    >>> check_output_folder("/proc/report")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    symflat.errors.SymflatError: cannot create the folder /proc/report: ...
    """
    path = Path(path)
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing == path and not path.is_dir():
        raise SymflatError(f"{path} is a file; give a folder to write into")
    if not existing.is_dir():
        raise SymflatError(f"cannot create the folder {path}: {existing} is a file")
    try:
        os.rmdir(tempfile.mkdtemp(dir=existing, prefix=".symflat-probe-"))
    except OSError as error:
        verb = "write into" if existing == path else "create the folder"
        raise SymflatError(f"cannot {verb} {path}: {error.strerror}") from None
    return path


def output_folder(path: str | os.PathLike[str]) -> Path:
    """``path`` as a folder to write into, created if missing; refused in one line otherwise.

    Raises
    ------
    SymflatError
        If ``path`` is an existing file, or cannot be created or written.
    """
    path = check_output_folder(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SymflatError(f"cannot create the folder {path}: {error.strerror}") from None
    return path
