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

import errno
import os
import stat
import tempfile
from pathlib import Path

from symflat.errors import SymflatError

__all__ = ["MAX_READ_BYTES", "read_text", "write_text", "check_output_file",
           "check_output_folder", "output_folder", "why"]

#: Largest file read by default (network files, claim files, polynomial lists), in bytes.
MAX_READ_BYTES = 16 * 2**20


#: What an error number means for a file a user named, said as what happened.
_MEANING = {
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder",
    errno.ELOOP: "the path loops through symbolic links",
}

#: File systems of the kernel: their folders take no new files whatever the permissions say.
_VIRTUAL = {"proc": "the kernel's process information", "sysfs": "the kernel's devices",
            "devtmpfs": "devices", "cgroup": "control groups", "cgroup2": "control groups",
            "debugfs": "kernel debugging", "securityfs": "kernel security",
            "configfs": "kernel configuration", "tracefs": "kernel tracing", "bpf": "BPF",
            "pstore": "kernel crash records"}


def _file_system(folder: Path) -> tuple[str, str] | None:
    """The mount point and type of the file system holding ``folder`` (Linux), else None."""
    try:
        mounts = Path("/proc/self/mounts").read_text().splitlines()
        target = str(folder.resolve())
    except (OSError, RuntimeError):
        return None
    best: tuple[str, str] | None = None
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > len(best[0])):
            best = (point, fields[2])
    return best


def _name_too_long(path: Path) -> str | None:
    """Why ``path``'s name cannot exist on its file system, or None if its length is fine."""
    folder = path.parent
    try:
        name_max = os.pathconf(folder if folder.is_dir() else "/", "PC_NAME_MAX")
        path_max = os.pathconf(folder if folder.is_dir() else "/", "PC_PATH_MAX")
    except (OSError, ValueError):
        name_max, path_max = 255, 4096
    longest = max((len(os.fsencode(part)) for part in path.parts), default=0)
    if longest > name_max:
        return f"the name is too long ({longest} bytes; at most {name_max} here)"
    if len(os.fsencode(str(path))) >= path_max:
        return f"the path is too long ({len(os.fsencode(str(path)))} bytes; at most {path_max})"
    return None


def why(path: str | os.PathLike[str], error: OSError) -> str:
    """What went wrong with ``path``, in words: the error's meaning, how long the name is when
    it is too long, and the kind of file system when it takes no new files (``/proc``).

    ``strerror`` alone misleads: creating a file in ``/proc`` fails with "No such file or
    directory", though the folder exists.

    Examples
    --------
    >>> print(why("/proc/version", FileNotFoundError(errno.ENOENT, "No such file")))
    /proc is a proc file system (the kernel's process information), where no file can be created
    >>> why("/tmp/" + "a" * 300, OSError(errno.ENAMETOOLONG, "File name too long"))
    'the name is too long (300 bytes; at most 255 here)'
    """  # noqa: E501
    path = Path(path)
    if error.errno == errno.ENAMETOOLONG:
        return _name_too_long(path) or "the name is too long"
    folder = path if path.is_dir() else path.parent
    virtual = _file_system(folder) if folder.is_dir() else None
    if virtual is not None and virtual[1] in _VIRTUAL and error.errno in (
            errno.ENOENT, errno.EACCES, errno.EPERM, errno.EINVAL, errno.EROFS):
        point, kind = virtual
        return (f"{point} is a {kind} file system ({_VIRTUAL[kind]}), where no file can be "
                "created")
    if error.errno == errno.ENOENT and not folder.is_dir():
        return f"the folder {folder} does not exist"
    if error.errno == errno.EEXIST and path.exists() and not path.is_dir():
        return f"{path} is a file, not a folder"
    return _MEANING.get(error.errno or 0, error.strerror or str(error))


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
    except FileNotFoundError:
        raise SymflatError(f"cannot read {path}: no such file") from None
    except OSError as error:
        raise SymflatError(f"cannot read {path}: {why(path, error)}") from None
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
        raise SymflatError(f"cannot write {path}: {why(path, error)}") from None


def check_output_file(path: str | os.PathLike[str], *, doing: str = "write") -> Path:
    """Refuse, before any work, an output file :func:`write_text` could not write.

    A temporary file is created beside ``path`` and removed, so that a folder that exists but
    takes no files (``/proc``, a read-only mount) is refused too; nothing is left behind. An
    existing regular file is accepted: it will be replaced.

    ``doing`` words the refusal: ``cannot {doing} {path}: {what happened}``.

    Raises
    ------
    SymflatError
        If ``path`` is a folder, a pipe or a device, its name is too long, or its folder is
        missing or takes no new files (read-only, permission denied, ``/proc``).

    Examples
    --------
    >>> check_output_file("/proc/result.json")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    symflat.errors.SymflatError: cannot write /proc/result.json: ...
    """
    path = Path(path)
    fd, temporary = _temporary_beside(path, doing)
    os.close(fd)
    Path(temporary).unlink(missing_ok=True)
    return path


def _temporary_beside(path: Path, doing: str = "write") -> tuple[int, str]:
    """A new temporary file in ``path``'s folder, after refusing targets that are no file."""
    folder = path.parent
    too_long = _name_too_long(path)
    if too_long:
        raise SymflatError(f"cannot {doing} {path}: {too_long}")
    if path.is_dir():
        raise SymflatError(f"{path} is a folder; give a file name")
    if path.exists() and not path.is_file():
        raise SymflatError(f"{path} is not a regular file (a pipe or a device); give a file")
    if not folder.is_dir():
        if folder.exists():
            raise SymflatError(f"cannot {doing} {path}: {folder} is a file, not a folder")
        raise SymflatError(f"cannot {doing} {path}: the folder {folder} does not exist")
    try:
        # The prefix is cut so that a name near the length limit still has a temporary twin.
        return tempfile.mkstemp(dir=folder, prefix=f".{path.name[:100]}.", suffix=".tmp")
    except OSError as error:
        raise SymflatError(f"cannot {doing} {path}: {why(path, error)}") from None


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
        raise SymflatError(f"cannot {verb} {path}: {why(existing, error)}") from None
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
        raise SymflatError(f"cannot create the folder {path}: {why(path, error)}") from None
    return path
