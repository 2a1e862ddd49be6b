"""The ``symflat verify`` command."""

from __future__ import annotations

import json

import pytest

from symflat.cli import main

FIELDS = {"id", "status", "scope", "label", "statement", "evidence", "corrected", "numerical"}


@pytest.fixture
def store(tmp_path):
    return str(tmp_path / "store.sqlite")


def test_json_fields(capsys, store):
    assert main(["verify", "eq12", "eq28", "--json", "--store", store]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in data] == ["eq12", "eq28"]
    for item in data:
        assert FIELDS <= set(item)
        assert item["status"] in ("verified", "sampled", "refuted", "conditional", "inconclusive")
        assert isinstance(item["numerical"], bool)
        assert item["scope"]["kind"] in ("all", "range", "instances", "none")
    eq12, eq28 = data
    assert eq12["scope"] == {"kind": "all", "detail": "every number of bits n"}
    assert eq12["label"] == "verified for every number of bits n"
    assert eq28["scope"] == {"kind": "all", "detail": "every n ≥ 1"}
    assert eq12["status"] == "verified" and eq12["corrected"] is None
    assert eq28["status"] == "refuted" and eq28["corrected"]
    assert eq28["statement"].startswith(r"\prod_{i=1}^{n}x_{i}={1\over 2^{n}}")


def test_table_summary_cache_and_strict(capsys, store):
    assert main(["verify", "eq12", "eq8", "--store", store]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["id", "verdict", "evidence"]
    assert "2 claims: 2 verified (2 for all parameters, 0 for a range)" in out
    assert "verified for every number of bits n" in out  # the scope beside the verdict
    assert main(["verify", "eq12", "eq8", "--store", store, "--strict"]) == 0
    assert "(2 from the store)" in capsys.readouterr().out
    capsys.readouterr()
    assert main(["verify", "eq28", "--store", store, "--strict"]) == 1
    assert "--strict: exit status 1 (refuted: eq28)" in capsys.readouterr().err
    assert main(["verify", "eq28", "--store", store]) == 0


def test_jobs_and_user_folder(tmp_path, capsys, store):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "mine.toml").write_text(
        '[[claim]]\nid = "my-count"\ntitle = "t"\nstatement = "3^n terms"\nsection = "me"\n'
        'checker = "multilinear-basis"\n[claim.parameters]\ncount_base = 3\n'
        '[[claim]]\nid = "my-bayes"\ntitle = "t"\nstatement = "s"\nsection = "me"\n'
        'checker = "bayes-softmax"\n[claim.parameters]\nsign_h = -1\nsign_mu = -1\n',
        encoding="utf-8")
    assert main(["verify", "--proofs", str(folder), "--jobs", "2", "--json",
                 "--store", store]) == 0
    data = {d["id"]: d["status"] for d in json.loads(capsys.readouterr().out)}
    assert data == {"my-count": "refuted", "my-bayes": "verified"}


def test_unknown_id_and_corrupt_store(tmp_path, capsys, store):
    assert main(["verify", "eq99", "--store", store]) == 2
    assert "unknown claim id 'eq99'" in capsys.readouterr().err
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"\x00garbage" * 512)
    assert main(["verify", "eq12", "--store", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "--refresh" in err and len(err.strip().splitlines()) == 1
    assert main(["verify", "eq12", "--store", str(bad), "--refresh"]) == 0
    assert main(["verify", "eq12", "--store", str(bad)]) == 0


def test_malformed_user_claim_is_one_line(tmp_path, capsys, store):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "x.toml").write_text('[[claim]]\nid = "x"\ntitle = "t"\nstatement = "s"\n'
                                   'section = "me"\nchecker = "eq12"\n', encoding="utf-8")
    assert main(["verify", "--proofs", str(folder), "--store", store]) == 2
    err = capsys.readouterr().err
    assert "x.toml" in err and "field 'checker'" in err
