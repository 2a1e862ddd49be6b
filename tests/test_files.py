"""symflat.files: bounded reads of regular files only, atomic writes, output folders."""

from __future__ import annotations

import os

import pytest

from symflat.errors import SymflatError
from symflat.files import output_folder, read_text, write_text


def test_read_refuses_large_and_non_text_files(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 101)
    assert read_text(big, max_bytes=101) == "a" * 101
    with pytest.raises(SymflatError, match="larger than 100 bytes"):
        read_text(big, max_bytes=100)
    binary = tmp_path / "bin"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(SymflatError, match="not a UTF-8"):
        read_text(binary)


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(SymflatError, match="not a regular file"):
        read_text(fifo)


def test_write_replaces_atomically_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    write_text(target, "old")
    write_text(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.parametrize("where, message", [
    ("missing/out.txt", "does not exist"), (".", "is a folder")])
def test_write_refuses_bad_targets(tmp_path, where, message):
    with pytest.raises(SymflatError, match=message):
        write_text(tmp_path / where, "x")


def test_write_under_proc_is_one_line():
    with pytest.raises(SymflatError, match="cannot write"):
        write_text("/proc/symflat-test.txt", "x")


def test_output_folder(tmp_path):
    assert output_folder(tmp_path / "a" / "b").is_dir()
    (tmp_path / "file").write_text("x")
    with pytest.raises(SymflatError, match="is a file"):
        output_folder(tmp_path / "file")
