"""Messages about files say what happened: a name too long, a read-only file system, permission
denied, a kernel file system (/proc, /sys), a file where a folder should be; a store that cannot
be kept somewhere is not called unreadable, and --refresh is not suggested where it cannot help.
"""

from __future__ import annotations

import errno
import sys
import tempfile
from pathlib import Path

import pytest

from symflat.cli.main import main
from symflat.errors import SymflatError
from symflat.files import check_output_file, read_text, why, write_text
from symflat.verify.store import Store, StoreError

LINUX = pytest.mark.skipif(not (sys.platform.startswith("linux") and Path("/proc/version")
                                .exists() and Path("/sys/kernel").is_dir()),
                           reason="needs Linux's /proc and /sys")
LONG = "a" * 300


def _error(capsys, *argv: str) -> str:
    assert main(list(argv)) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    return err


@LINUX
@pytest.mark.parametrize("command", [["width", "x1*x2"], ["compile", "x1*x2"]])
def test_save_network_into_proc_says_it_is_a_kernel_file_system(command, capsys):
    err = _error(capsys, *command, "--save-network", "/proc/version")
    assert "/proc is a proc file system" in err and "no file can be created" in err
    assert "No such file" not in err  # what strerror said: the folder exists


@LINUX
def test_sweep_out_under_proc_and_sys(capsys):
    assert "/proc is a proc file system" in _error(capsys, "sweep", "products", "--no-store",
                                                   "--out", "/proc/version.csv")
    assert "/sys is a sysfs file system" in _error(capsys, "sweep", "products", "--no-store",
                                                   "--out", "/sys/kernel/out.csv")


def test_an_over_long_name_says_so(tmp_path, capsys):
    err = _error(capsys, "width", "x1*x2", "--save-network", str(tmp_path / f"{LONG}.json"))
    assert "the name is too long (305 bytes; at most 255 here)" in err
    with pytest.raises(SymflatError, match="the name is too long"):
        read_text(tmp_path / LONG)
    with pytest.raises(SymflatError, match="cannot read .*: no such file"):
        read_text(tmp_path / "missing.txt")


def test_a_name_near_the_limit_is_written(tmp_path):
    """The temporary twin of the file once carried the whole name and overflowed the limit."""
    target = tmp_path / ("b" * 250)
    write_text(target, "near")
    assert target.read_text() == "near"


@pytest.mark.parametrize("refresh", [[], ["--refresh"]])
def test_an_over_long_store_name_is_not_an_unreadable_store(refresh, tmp_path, capsys):
    err = _error(capsys, "verify", "eq12", "--store", str(tmp_path / f"{LONG}.sqlite"), *refresh)
    assert "cannot keep the store at" in err and "the name is too long" in err
    assert "unreadable" not in err and "delete" not in err and "--refresh" not in err


@LINUX
@pytest.mark.parametrize("store, kind", [("/sys/kernel/store.sqlite", "sysfs"),
                                         ("/proc/version", "proc")])
@pytest.mark.parametrize("refresh", [[], ["--refresh"]])
def test_a_store_on_a_kernel_file_system_does_not_suggest_refresh(store, kind, refresh, capsys):
    err = _error(capsys, "verify", "eq12", "--store", store, *refresh)
    assert f"cannot keep the store at {store}: " in err and f"a {kind} file system" in err
    assert "--refresh" not in err and "unreadable" not in err


def test_a_file_where_the_store_folder_should_be(tmp_path):
    (tmp_path / "plain").write_text("x")
    with pytest.raises(StoreError, match=r"cannot create the folder of the store .*: "
                                         r".*plain is a file, not a folder"):
        Store(tmp_path / "plain" / "s.sqlite")


@pytest.mark.parametrize("number, words", [(errno.EROFS, "the file system is read-only"),
                                           (errno.EACCES, "permission denied"),
                                           (errno.ENOSPC, "the disk is full")])
def test_errors_that_cannot_be_staged_here_are_worded(number, words, tmp_path, monkeypatch):
    """A read-only mount or a folder root may write cannot be made in a test: the error is."""
    def refuse(*args, **kwargs):
        raise OSError(number, "strerror")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(SymflatError, match=f"cannot write .*out.json: {words}$"):
        check_output_file(tmp_path / "out.json")
    with pytest.raises(StoreError, match=f"cannot keep the store at .*: {words}$"):
        Store(tmp_path / "s.sqlite")
    assert why(tmp_path / "x", OSError(number, "strerror")) == words


def test_a_genuinely_unreadable_store_still_suggests_refresh(tmp_path):
    broken = tmp_path / "s.sqlite"
    broken.write_bytes(b"not an sqlite file" * 100)
    with pytest.raises(StoreError, match=r"unreadable.*with `refresh`"):
        Store(broken)
    with Store(broken, refresh=True) as store:  # and --refresh rebuilds it
        store.put("width", "k", 1)
