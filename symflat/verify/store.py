"""The SQLite store of verdicts, certificates and sweep results.

One file holds every result symflat computes, so that a second run is instant and reports can
read everything. The schema is deliberately generic: a table of *records*, each identified by
``(kind, key)`` and carrying a JSON payload, plus the ``subject`` it is about (a claim id, a
polynomial), the content hash of the spec that produced it and the symflat version:

=============  =====================================================================
column         meaning
=============  =====================================================================
``kind``       what the record is: ``"verdict"``, ``"width"``, ``"sweep"``, ...
``key``        unique within the kind; for verdicts ``<claim id>@<hash>``
``subject``    what it is about (claim id, polynomial); indexed, for "latest per subject"
``spec_hash``  content hash of the input (claim spec, job parameters); may be NULL
``version``    the symflat version that wrote it
``created``    Unix time of the write
``payload``    JSON text
``checksum``   SHA-256 of the other columns (:func:`record_checksum`)
=============  =====================================================================

A verdict written before verdicts had a scope (:class:`~symflat.verify.scope.Scope`) counts as
missing in the same way: the claim is checked again and the new verdict replaces it.

A record whose checksum does not match (edited by hand, or written by a store of schema 1,
which had no checksum) is treated as missing: its result is computed again and stored over it.
The checksum guards against edits and damage, not against someone who recomputes it.

Every write is one SQLite transaction, so a crash mid-write leaves the file as it was before
the write. A file that is not a readable symflat store raises :class:`StoreError` telling the
user to delete it (it only caches results) or to rerun ``verify`` or ``sweep`` with
``--refresh``, which rebuilds it.

The default location is ``$SYMFLAT_STORE`` if set, else ``$XDG_CACHE_HOME/symflat/store.sqlite``,
else ``~/.cache/symflat/store.sqlite``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from symflat.errors import SymflatError
from symflat.files import check_output_file, why
from symflat.verify.claims import Claim, Verdict

__all__ = [
    "SCHEMA_VERSION",
    "StoreError",
    "Record",
    "Store",
    "default_store_path",
    "open_store",
    "record_checksum",
    "verdict_key",
]

_COLUMNS = "kind, key, subject, spec_hash, version, created, payload"

#: Version of the table layout; a store of version 1 is migrated (its records, which have no
#: checksum, are computed again), one of another layout is rebuilt by --refresh.
SCHEMA_VERSION = 2
_APPLICATION = "symflat"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    subject TEXT,
    spec_hash TEXT,
    version TEXT NOT NULL,
    created REAL NOT NULL,
    payload TEXT NOT NULL,
    checksum TEXT,
    PRIMARY KEY (kind, key)
);
CREATE INDEX IF NOT EXISTS records_subject ON records (kind, subject, created);
"""


class StoreError(SymflatError):
    """The store file cannot be used (corrupted, not a symflat store, busy, unwritable)."""


def default_store_path() -> Path:
    """Where the store lives unless ``--store PATH`` says otherwise.

    Examples
    --------
    >>> default_store_path().name
    'store.sqlite'
    """
    explicit = os.environ.get("SYMFLAT_STORE")
    if explicit:
        return Path(explicit).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME")
    base = Path(cache).expanduser() if cache else Path.home() / ".cache"
    return base / "symflat" / "store.sqlite"


def _version() -> str:
    from symflat.version import __version__

    return __version__


def verdict_key(claim: Claim, version: str | None = None) -> str:
    """The store key of a claim's verdict: its id and a hash of its spec and symflat's version.

    Examples
    --------
    >>> claim = Claim("eq8", "t", "s", "II", "c", spec_hash="ab")
    >>> verdict_key(claim, "1.0").startswith("eq8@")
    True
    """
    digest = hashlib.sha256(
        f"{claim.spec_hash}\n{version or _version()}".encode()
    ).hexdigest()[:20]
    return f"{claim.id}@{digest}"


def record_checksum(kind: str, key: str, subject: str | None, spec_hash: str | None,
                    version: str, created: float, payload: str) -> str:
    """SHA-256 of a record's columns as stored (``payload`` is its JSON text).

    Examples
    --------
    >>> one = record_checksum("width", "k", None, None, "0.2.0", 1.5, "4")
    >>> one == record_checksum("width", "k", None, None, "0.2.0", 1.5, "5")
    False
    """
    text = json.dumps([kind, key, subject, spec_hash, version, repr(float(created)), payload],
                      ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Record:
    """One stored record (see the module docstring for the fields)."""

    kind: str
    key: str
    payload: Any
    subject: str | None = None
    spec_hash: str | None = None
    version: str = ""
    created: float = 0.0


_CORRUPT_HINTS = ("not a database", "malformed", "disk image", "encrypted", "file is not")


class Store:
    """A SQLite store of records and verdicts.

    Parameters
    ----------
    path : path, optional
        The file (created with its folder if missing); :func:`default_store_path` by default.
    refresh : bool
        Rebuild the file from scratch if it is unreadable or of another schema version
        (instead of raising :class:`StoreError`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = tempfile.mkdtemp()
    >>> with Store(pathlib.Path(folder) / "s.sqlite") as store:
    ...     store.put("width", "x1*x2|no-bias", {"lower": 4, "upper": 4}, subject="x1*x2")
    ...     store.get("width", "x1*x2|no-bias").payload
    {'lower': 4, 'upper': 4}
    """

    def __init__(self, path: str | os.PathLike | None = None, *, refresh: bool = False) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        self._conn: sqlite3.Connection | None = None
        self._check_place()  # a place no store can be kept: --refresh would not help there
        try:
            self._open()
        except StoreError:
            if not refresh:
                raise
            self._rebuild()

    def _check_place(self) -> None:
        """Refuse, saying what happened, a path where no SQLite file can be kept: a name too
        long, a folder that cannot be created or takes no new files (SQLite writes a journal
        beside the store), read-only, ``/proc``, ``/sys``, a folder or a device."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder of the store {self.path}: "
                             f"{why(self.path.parent, error)}") from None
        try:
            check_output_file(self.path, doing="keep the store at")
        except StoreError:
            raise
        except SymflatError as error:
            raise StoreError(str(error)) from None

    # -- opening, corruption ---------------------------------------------------------------
    def _corrupt(self, detail: str) -> StoreError:
        return StoreError(
            f"the store {self.path} is unreadable ({detail}); it only caches results: delete "
            f"it (or open it with `refresh`, as 'symflat verify --refresh' does) and they are "
            f"computed again"
        )

    def _open(self) -> None:
        try:
            conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        except sqlite3.Error as error:
            raise self._corrupt(str(error)) from None
        self._conn = conn
        try:
            with self._guard():
                conn.execute("PRAGMA busy_timeout = 30000")
                tables = {row[0] for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}
                if tables and "meta" not in tables:
                    raise self._corrupt("it is an SQLite file but not a symflat store")
                if not tables:
                    conn.execute("PRAGMA journal_mode = WAL")
                    with self._transaction():
                        for statement in _SCHEMA.strip().split(";"):
                            if statement.strip():
                                conn.execute(statement)
                        conn.execute("INSERT OR REPLACE INTO meta VALUES ('application', ?)",
                                     (_APPLICATION,))
                        conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)",
                                     (str(SCHEMA_VERSION),))
                meta = dict(conn.execute("SELECT key, value FROM meta"))
                if meta.get("application") != _APPLICATION:
                    raise self._corrupt("it is an SQLite file but not a symflat store")
                if meta.get("schema") == "1":
                    self._migrate_from_1()
                    meta["schema"] = str(SCHEMA_VERSION)
                if meta.get("schema") != str(SCHEMA_VERSION):
                    raise self._corrupt(
                        f"schema version {meta.get('schema')}, this symflat reads "
                        f"{SCHEMA_VERSION}")
                check = conn.execute("PRAGMA quick_check").fetchone()
                if not check or check[0] != "ok":
                    raise self._corrupt(f"integrity check: {check[0] if check else 'failed'}")
        except StoreError:
            self.close()
            raise

    def _migrate_from_1(self) -> None:
        """Add the checksum column; the old records keep none, so they count as mismatched."""
        with self._transaction() as conn:
            columns = {row[1] for row in conn.execute("PRAGMA table_info(records)")}
            if "checksum" not in columns:  # another process may have migrated it meanwhile
                conn.execute("ALTER TABLE records ADD COLUMN checksum TEXT")
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),))

    def _rebuild(self) -> None:
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            candidate = Path(str(self.path) + suffix)
            try:
                candidate.unlink()
            except FileNotFoundError:
                pass
            except OSError as error:
                raise StoreError(f"cannot delete the unreadable store {candidate}: "
                                 f"{why(candidate, error)}") from None
        self._open()

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as error:
            text = str(error)
            if any(hint in text.lower() for hint in _CORRUPT_HINTS):
                raise self._corrupt(text) from None
            if "locked" in text or "busy" in text:
                raise StoreError(f"the store {self.path} is busy (another symflat is writing "
                                 f"it): {text}") from None
            raise StoreError(f"the store {self.path}: {text}") from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._connection
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @property
    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the store {self.path} is closed")
        return self._conn

    def close(self) -> None:
        """Close the connection (the store can no longer be used)."""
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- generic records -------------------------------------------------------------------
    def put(self, kind: str, key: str, payload: Any, *, subject: str | None = None,
            spec_hash: str | None = None) -> None:
        """Insert or replace one record, atomically."""
        self.put_many([Record(kind, key, payload, subject, spec_hash)])

    def put_many(self, records: Iterable[Record]) -> int:
        """Insert or replace several records in one transaction; returns how many."""
        version, now = _version(), time.time()
        rows = [(r.kind, r.key, r.subject, r.spec_hash, r.version or version, now,
                 json.dumps(r.payload, sort_keys=True, ensure_ascii=False)) for r in records]
        with self._guard(), self._transaction() as conn:
            conn.executemany(f"INSERT OR REPLACE INTO records ({_COLUMNS}, checksum) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             [(*row, record_checksum(*row)) for row in rows])
        return len(rows)

    def get(self, kind: str, key: str) -> Record | None:
        """The record ``(kind, key)``, or None (also when its checksum does not match)."""
        with self._guard():
            row = self._connection.execute(
                f"SELECT {_COLUMNS}, checksum FROM records WHERE kind = ? AND key = ?",
                (kind, key)).fetchone()
        return self._record(row) if row else None

    def records(self, kind: str | None = None, subject: str | None = None,
                latest: bool = False) -> list[Record]:
        """Records of a kind (all kinds if None), optionally about one subject, oldest first.

        With ``latest`` only the newest record of each subject is returned. Records whose
        checksum does not match are left out.
        """
        query = f"SELECT {_COLUMNS}, checksum FROM records WHERE 1 = 1"
        args: list[Any] = []
        if kind is not None:
            query += " AND kind = ?"
            args.append(kind)
        if subject is not None:
            query += " AND subject = ?"
            args.append(subject)
        query += " ORDER BY created, rowid"
        with self._guard():
            rows = self._connection.execute(query, args).fetchall()
        out = [record for record in map(self._record, rows) if record is not None]
        if latest:
            newest: dict[tuple[str, str | None], Record] = {}
            for record in out:
                newest[(record.kind, record.subject or record.key)] = record
            out = list(newest.values())
        return out

    def delete(self, kind: str, key: str | None = None) -> int:
        """Delete one record, or every record of a kind; returns how many."""
        with self._guard(), self._transaction() as conn:
            if key is None:
                cursor = conn.execute("DELETE FROM records WHERE kind = ?", (kind,))
            else:
                cursor = conn.execute("DELETE FROM records WHERE kind = ? AND key = ?",
                                      (kind, key))
        return cursor.rowcount

    def counts(self) -> dict[str, int]:
        """How many records of each kind."""
        with self._guard():
            return dict(self._connection.execute(
                "SELECT kind, COUNT(*) FROM records GROUP BY kind ORDER BY kind"))

    def _record(self, row: tuple) -> Record | None:
        """The record of a row, or None when its checksum does not match its columns."""
        *columns, checksum = row
        if checksum != record_checksum(*columns):
            return None
        kind, key, subject, spec_hash, version, created, payload = columns
        try:
            data = json.loads(payload)
        except json.JSONDecodeError as error:
            raise self._corrupt(f"record {kind}/{key} holds invalid JSON: {error}") from None
        return Record(kind, key, data, subject, spec_hash, version, created)

    # -- verdicts --------------------------------------------------------------------------
    def get_verdict(self, claim: Claim) -> Verdict | None:
        """The stored verdict for exactly this claim spec and symflat version, or None."""
        record = self.get("verdict", verdict_key(claim))
        if record is None or record.spec_hash != claim.spec_hash or _unscoped(record):
            return None
        try:
            return Verdict.from_dict(record.payload["verdict"])
        except (KeyError, TypeError, ValueError) as error:
            raise self._corrupt(f"verdict of {claim.id} is malformed: {error}") from None

    def put_verdict(self, claim: Claim, verdict: Verdict) -> None:
        """Store a claim's verdict (with the claim, so reports need not reload the catalog)."""
        self.put_verdicts([(claim, verdict)])

    def put_verdicts(self, pairs: Iterable[tuple[Claim, Verdict]]) -> int:
        """Store several verdicts in one transaction."""
        return self.put_many(
            Record("verdict", verdict_key(claim),
                   {"claim": claim.to_dict(), "verdict": verdict.to_dict()},
                   subject=claim.id, spec_hash=claim.spec_hash)
            for claim, verdict in pairs
        )

    def verdicts(self) -> list[tuple[Mapping[str, Any], Verdict]]:
        """The newest stored verdict of every claim id, as (claim dict, verdict) pairs."""
        out = []
        for record in self.records("verdict", latest=True):
            if not _unscoped(record):
                out.append((record.payload["claim"],
                            Verdict.from_dict(record.payload["verdict"])))
        return out


def _unscoped(record: Record) -> bool:
    """Whether a verdict record was written before verdicts had a scope (schema 2 rows of
    symflat 0.x): it is treated as missing, so the claim is checked again and the new verdict,
    with its scope, replaces it under the same key. No old verdict is ever shown without one.
    """
    verdict = record.payload.get("verdict") if isinstance(record.payload, Mapping) else None
    return not isinstance(verdict, Mapping) or not isinstance(verdict.get("scope"), Mapping)


@contextlib.contextmanager
def open_store(store: Store | str | os.PathLike | None, *,
               refresh: bool = False) -> Iterator[Store | None]:
    """The store an API call uses: a :class:`Store` as given (left open), a path opened for the
    ``with`` block (``refresh`` rebuilds an unreadable file), or None (nothing is stored).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "s.sqlite"
    >>> with open_store(path) as store:
    ...     store.put("width", "k", 1)
    >>> with Store(path) as mine, open_store(mine) as same:
    ...     same is mine, same.get("width", "k").payload
    (True, 1)
    >>> with open_store(None) as nothing:
    ...     nothing is None
    True
    """
    if store is None or isinstance(store, Store):
        yield store
        return
    with Store(store, refresh=refresh) as opened:
        yield opened
