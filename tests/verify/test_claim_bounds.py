"""A catalog's size is bounded (claims per file, per run, bytes per file) and refused at load in
one line; loading the largest catalog allowed is fast."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from symflat.cli.main import main
from symflat.verify.claims import (
    MAX_CLAIM_FILE_BYTES,
    MAX_CLAIMS_PER_FILE,
    MAX_CLAIMS_PER_RUN,
    ClaimError,
)
from symflat.verify.runner import load_catalog

CLAIM = '''[[claim]]
id = "demo-{i}"
title = "A demo"
statement = "2^{{n}} terms"
section = "II.3.2"
checker = "multilinear-basis"

[claim.parameters]
count_base = 2
n = [1, 2]

'''


def _file(folder: Path, name: str, first: int, count: int) -> Path:
    path = folder / name
    path.write_text("".join(CLAIM.format(i=i) for i in range(first, first + count)))
    return path


def _folder(folder: Path, total: int) -> Path:
    for start in range(0, total, MAX_CLAIMS_PER_FILE):
        _file(folder, f"{start:06d}.toml", start, min(MAX_CLAIMS_PER_FILE, total - start))
    return folder


def test_the_largest_catalog_allowed_loads_fast(tmp_path):
    _folder(tmp_path, MAX_CLAIMS_PER_RUN)
    start = time.perf_counter()
    claims = load_catalog(tmp_path)
    seconds = time.perf_counter() - start
    assert len(claims) == MAX_CLAIMS_PER_RUN
    assert seconds < 5, f"loading {MAX_CLAIMS_PER_RUN} claims took {seconds:.1f} s"  # ~0.1 s


def test_one_claim_more_than_a_run_allows_is_refused_before_any_check(tmp_path, capsys):
    _folder(tmp_path, MAX_CLAIMS_PER_RUN)
    _file(tmp_path, "zzz.toml", MAX_CLAIMS_PER_RUN, 1)
    with pytest.raises(ClaimError) as info:
        load_catalog(tmp_path)
    assert str(info.value) == (f"{tmp_path}: more than {MAX_CLAIMS_PER_RUN} claims (the limit "
                               "of one run, reached in zzz.toml); split them into folders")
    assert main(["verify", "--proofs", str(tmp_path), "--store", str(tmp_path / "s.sqlite")]) == 2
    err = capsys.readouterr().err.strip()
    assert "more than 1000 claims" in err and "\n" not in err


def test_a_file_of_too_many_claims_is_refused(tmp_path):
    path = _file(tmp_path, "many.toml", 0, MAX_CLAIMS_PER_FILE + 1)
    with pytest.raises(ClaimError, match=rf"^{path}: {MAX_CLAIMS_PER_FILE + 1} claims; a file "
                                         rf"may hold at most {MAX_CLAIMS_PER_FILE} \(split it"):
        load_catalog(tmp_path)


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "huge.toml"
    with path.open("w") as out:  # 10^5 claims, as in the hostile run: 5.5 MB
        for i in range(0, 100_000, 1000):
            out.write("".join(CLAIM.format(i=j) for j in range(i, i + 1000)))
    assert path.stat().st_size > MAX_CLAIM_FILE_BYTES
    start = time.perf_counter()
    with pytest.raises(ClaimError, match=f"is larger than {MAX_CLAIM_FILE_BYTES} bytes"):
        load_catalog(tmp_path)
    assert time.perf_counter() - start < 2


def test_the_bounds_are_the_ones_the_readme_states():
    text = (Path(__file__).resolve().parents[2] / "proofs" / "README.md").read_text()
    section = text.split("### How many claims", 1)[1].split("###", 1)[0]
    assert f"at most **{MAX_CLAIMS_PER_FILE} claims** and **1 MiB**" in section
    assert MAX_CLAIM_FILE_BYTES == 2**20
    assert f"most **{MAX_CLAIMS_PER_RUN} claims**" in section
