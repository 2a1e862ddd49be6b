"""The SQLite store: records, verdict caching keyed by spec, corruption and --refresh."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from symflat.verify.claims import Scope, Verdict, load_claims, select_claims
from symflat.verify.runner import verify_claims
from symflat.verify.store import Record, Store, StoreError, default_store_path, verdict_key


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "store.sqlite") as s:
        yield s


def test_generic_records_round_trip(store):
    store.put("width", "x1*x2|no-bias", {"lower": 4, "upper": 4}, subject="x1*x2")
    store.put_many([Record("sweep", f"job{i}", {"i": i}, subject="monomials") for i in range(3)])
    assert store.get("width", "x1*x2|no-bias").payload == {"lower": 4, "upper": 4}
    assert store.get("width", "missing") is None
    assert [r.payload["i"] for r in store.records("sweep")] == [0, 1, 2]
    assert len(store.records("sweep", latest=True)) == 1
    assert store.counts() == {"sweep": 3, "width": 1}
    assert store.delete("sweep", "job0") == 1 and store.delete("sweep") == 2


def test_write_is_atomic(store):
    store.put("kind", "a", 1)
    with pytest.raises(RuntimeError), store._transaction() as conn:
        conn.execute("INSERT INTO records VALUES ('kind', 'b', NULL, NULL, 'v', 0, '2', NULL)")
        raise RuntimeError("crash mid-write")
    assert store.get("kind", "b") is None and store.get("kind", "a").payload == 1


def test_default_path_follows_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("SYMFLAT_STORE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_store_path() == tmp_path / "symflat" / "store.sqlite"
    monkeypatch.setenv("SYMFLAT_STORE", str(tmp_path / "x.sqlite"))
    assert default_store_path() == tmp_path / "x.sqlite"


def test_verdict_cache_and_changed_spec_is_rechecked(store):
    (claim,) = select_claims(load_claims(), ["eq12"])
    first = verify_claims([claim], store)
    assert not first[0].cached and first[0].verdict.status == "verified"
    second = verify_claims([claim], store)
    assert second[0].cached and second[0].verdict == first[0].verdict
    changed = dataclasses.replace(claim, parameters={"count_base": 3},
                                  spec_hash=claim.spec_hash[::-1])
    third = verify_claims([changed], store)
    assert not third[0].cached and third[0].verdict.status == "refuted"
    # the original spec is still cached; the newest verdict per claim is the changed one
    assert verify_claims([claim], store)[0].cached
    assert verify_claims([claim], store, refresh=True)[0].cached is False
    (latest,) = store.verdicts()
    assert latest[0]["id"] == "eq12"


def test_verdict_key_depends_on_version():
    (claim,) = select_claims(load_claims(), ["eq12"])
    assert verdict_key(claim, "0.1.0") != verdict_key(claim, "0.2.0")


def test_garbage_file_gives_clear_error_and_refresh_rebuilds(tmp_path):
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"unreadable.*delete.*with `refresh`"):
        Store(path)
    with Store(path, refresh=True) as rebuilt:
        rebuilt.put("kind", "k", {"ok": True})
        assert rebuilt.get("kind", "k").payload == {"ok": True}


def test_damaged_pages_give_clear_error(tmp_path):
    path = tmp_path / "store.sqlite"
    with Store(path) as s:
        s.put_many(Record("k", str(i), {"data": "x" * 500}) for i in range(200))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):  # scribble over every page but the header
        data[offset + 8: offset + 64] = b"\xff" * 56
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="`refresh`"):
        with Store(path) as s:
            s.records()
    with Store(path, refresh=True) as s:
        assert s.counts() == {}


def test_foreign_sqlite_file_is_not_taken_over(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a symflat store"):
        Store(path)


def test_crashed_checker_is_not_stored(store, monkeypatch):
    import symflat.verify.runner as runner

    (claim,) = select_claims(load_claims(), ["eq12"])

    def boom(c):
        return Verdict(c.id, "inconclusive", "the checker failed", certificate={"crashed": True},
                       scope=Scope.nothing("the checker failed"))

    monkeypatch.setattr(runner, "check_claim", boom)
    assert verify_claims([claim], store)[0].verdict.status == "inconclusive"
    assert store.get_verdict(claim) is None


def _edit_payload(path, key, change):
    """Edit a stored verdict's JSON by hand, as a user with the sqlite3 shell would."""
    conn = sqlite3.connect(path)
    (payload,) = conn.execute("SELECT payload FROM records WHERE key = ?", (key,)).fetchone()
    conn.execute("UPDATE records SET payload = ? WHERE key = ?", (change(payload), key))
    conn.commit()
    conn.close()


def test_verdict_edited_by_hand_is_checked_again(tmp_path):
    (claim,) = select_claims(load_claims(), ["eq12"])
    path = tmp_path / "store.sqlite"
    with Store(path) as store:
        assert verify_claims([claim], store)[0].verdict.status == "verified"
    _edit_payload(path, verdict_key(claim), lambda p: p.replace('"verified"', '"refuted"'))
    with Store(path) as store:
        assert store.get_verdict(claim) is None and store.verdicts() == []
        again = verify_claims([claim], store)
        assert not again[0].cached and again[0].verdict.status == "verified"
        # the recomputed verdict replaced the edited one and is trusted again
        assert verify_claims([claim], store)[0].cached


def test_checksum_covers_every_column(store):
    store.put("width", "k", {"lower": 4}, subject="x1*x2")
    conn = store._connection
    for column, value in [("subject", "'x1'"), ("version", "'9.9'"), ("created", "created + 1"),
                          ("spec_hash", "'ab'"), ("payload", "'{\"lower\": 3}'")]:
        conn.execute(f"UPDATE records SET {column} = {value}")
        assert store.get("width", "k") is None and store.records("width") == [], column
        store.put("width", "k", {"lower": 4}, subject="x1*x2")
        assert store.get("width", "k").payload == {"lower": 4}


def test_store_of_schema_1_is_migrated_and_its_records_recomputed(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE records (kind TEXT NOT NULL, key TEXT NOT NULL, subject TEXT,
            spec_hash TEXT, version TEXT NOT NULL, created REAL NOT NULL,
            payload TEXT NOT NULL, PRIMARY KEY (kind, key));
        INSERT INTO meta VALUES ('application', 'symflat'), ('schema', '1');
        INSERT INTO records VALUES ('width', 'k', NULL, NULL, '0.1.0', 0, '4');
    """)
    conn.close()
    with Store(path) as store:
        assert store.get("width", "k") is None  # no checksum: not trusted
        store.put("width", "k", 5)
        assert store.get("width", "k").payload == 5
    with Store(path) as store:  # the migrated store opens as a current one
        assert store.get("width", "k").payload == 5
    schema = sqlite3.connect(path).execute("SELECT value FROM meta WHERE key = 'schema'")
    assert schema.fetchone() == ("2",)


def test_verdict_stored_before_scopes_is_checked_again_and_replaced(tmp_path):
    """A verdict row of the previous release (valid checksum, no scope) is never shown
    without a scope: it counts as missing, and the new verdict overwrites it."""
    (claim,) = select_claims(load_claims(), ["eq12"])
    path = tmp_path / "store.sqlite"
    with Store(path) as store:
        fresh = verify_claims([claim], store)[0].verdict
        old = fresh.to_dict()
        del old["scope"], old["label"]
        store.put("verdict", verdict_key(claim), {"claim": claim.to_dict(), "verdict": old},
                  subject=claim.id, spec_hash=claim.spec_hash)  # a valid checksum
        assert store.get("verdict", verdict_key(claim)) is not None
        assert store.get_verdict(claim) is None and store.verdicts() == []
        again = verify_claims([claim], store)[0]
        assert not again.cached and again.verdict.scope == fresh.scope
        (stored,) = store.verdicts()
        assert stored[1].scope == fresh.scope
        assert verify_claims([claim], store)[0].cached
