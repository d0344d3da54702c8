"""The cache database of a build folder, ``OUTDIR/.kgcache/kg.sqlite``, so that a rebuild does
again only what its changes need.

One SQLite database (WAL: worker processes write while the build reads) holds, as data
(JSON, and numbers as arrays of bytes), never pickled objects:

- ``facts``: each file's ``ReleaseFacts`` and ``ReleaseSummary``, keyed by the file's bytes,
  how it is read (.html as a page, anything else as text) and the extraction code
  (``kg.engine.fingerprint.facts_fingerprint``);
- ``releases``: each release's RDF: its own statements as Turtle, what it adds to the sums
  (``kg.engine.sums.ReleaseRDF``) and what it says of each actor for graph.html's panel
  (``kg.network.details``), keyed by the RDF code, the release's files and its view of the
  resolution (``kg.engine.plan``);
- ``state``: what the last build added up, and from what (``kg.engine.state``).

Rows are written a batch per transaction, so a build stopped at any moment leaves the database
as the last transaction left it. A database that is not kg's, or of another cache layout, is
removed and made again (``CacheDB.problem`` says why); a row that does not decode to the data
expected is taken as missing (``kg.engine.codec``).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import weakref
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg.engine.fingerprint import facts_fingerprint
from kg.errors import CacheFormatError, CacheRejected
from kg.network.details import PackedDetails

CACHE_DIR = ".kgcache"
DATABASE = "kg.sqlite"
APPLICATION_ID = 0x6B676361  # "kgca"
SCHEMA_VERSION = 2
# What earlier versions of kg kept in OUTDIR/.kgcache (pickled objects): removed unread.
_OLD_LAYOUT = ("*.facts", "*.summary", "corpus.snapshot", "rdf")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS facts (
    key TEXT PRIMARY KEY, facts BLOB NOT NULL, summary BLOB NOT NULL, summary_code TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS releases (
    chunk TEXT PRIMARY KEY, turtle BLOB NOT NULL, rdf BLOB NOT NULL, details BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value BLOB NOT NULL);
"""
_TABLES = {"facts", "releases", "state"}
_TABLE_NAMES = "SELECT name FROM sqlite_master WHERE type = 'table'"
_BUSY_MS = 120_000  # how long a writer waits for another's transaction


def facts_key(path: str) -> str:
    """The cache key of a file's facts: its bytes, how it is read, the extraction code.
    Raises ``OSError`` for a file that cannot be read."""
    digest = hashlib.sha1(facts_fingerprint().encode())
    digest.update(b"html\0" if Path(path).suffix.lower() in (".html", ".htm") else b"text\0")
    digest.update(Path(path).read_bytes())
    return digest.hexdigest()


_LIVE: weakref.WeakSet = weakref.WeakSet()  # the open CacheDBs of this process


_QUIET = threading.local()  # forking a child that never opens the database (see quiet_fork)


def _before_fork() -> None:
    # SQLite's locks do not pass to a forked child, but its bookkeeping of them does: a child
    # that opened the database with an inherited connection's state in memory would believe it
    # holds locks it does not. So no connection is open across a fork.
    if getattr(_QUIET, "on", False):
        return
    for db in list(_LIVE):
        db.suspend()


def _after_fork_in_parent() -> None:
    if getattr(_QUIET, "on", False):
        return
    for db in list(_LIVE):
        db.resume()


@contextmanager
def quiet_fork() -> Iterator[None]:
    """Forks in this block make children that never open the cache database (and leave with
    ``os._exit``): the connections of this process, some perhaps in use by another thread,
    stay open across them."""
    _QUIET.on = True
    try:
        yield
    finally:
        _QUIET.on = False


def _after_fork_in_child() -> None:
    for db in list(_LIVE):
        db.forked = True  # never reopened here: the child opens its own (open_cache)
    _LIVE.clear()


os.register_at_fork(
    before=_before_fork, after_in_parent=_after_fork_in_parent, after_in_child=_after_fork_in_child
)


class CacheDB:
    """The cache database in ``folder`` (made if missing, made again if it is not kg's)."""

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)
        self.path = self.folder / DATABASE
        self.problem: str | None = None  # why an unusable database was replaced
        try:
            self.db = self._open()
        except CacheRejected as rejected:
            self.problem = str(rejected)
            self._remove()
            self.db = self._open()
        self.inode = self.path.stat().st_ino
        self.forked = False  # this object came to a forked child: its connection is not its own
        _LIVE.add(self)

    def current(self) -> bool:
        """Whether this connection may be used: in the process that opened it, and the file
        still the one opened (not removed or replaced)."""
        if self.forked:
            return False
        try:
            return self.path.stat().st_ino == self.inode
        except OSError:
            return False

    def suspend(self) -> None:
        """Close the connection for a while (a fork)."""
        if self.db is not None:
            self.db.close()
            self.db = None

    def resume(self) -> None:
        if self.db is None and not self.forked:
            self.db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=_BUSY_MS / 1000, isolation_level=None)
        db.execute("PRAGMA synchronous=NORMAL")
        return db

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=_BUSY_MS / 1000, isolation_level=None)
        try:
            with closing(db.cursor()) as cursor:
                found = cursor.execute("PRAGMA application_id").fetchone()[0]
                if found not in (0, APPLICATION_ID):
                    raise CacheRejected(str(self.path), "not a kg cache database")
                tables = {row[0] for row in cursor.execute(_TABLE_NAMES)}
                if found == 0 and tables:
                    raise CacheRejected(str(self.path), "not a kg cache database")
                layout = cursor.execute("PRAGMA user_version").fetchone()[0]
                if found == APPLICATION_ID and (layout != SCHEMA_VERSION or tables != _TABLES):
                    raise CacheRejected(str(self.path), "a cache of another version of kg")
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
                if found == 0:
                    cursor.executescript(
                        f"BEGIN; PRAGMA application_id={APPLICATION_ID};"
                        f"PRAGMA user_version={SCHEMA_VERSION}; {_SCHEMA} COMMIT;"
                    )
        except sqlite3.DatabaseError as error:  # not a database at all
            db.close()
            raise CacheRejected(str(self.path), f"not a kg cache database ({error})") from None
        except BaseException:
            db.close()
            raise
        return db

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        _LIVE.discard(self)
        if self.db is not None and not self.forked:
            self.db.close()
        self.db = None

    def transaction(self) -> _Transaction:
        """``with db.transaction() as cursor:`` one write transaction (rolled back on error)."""
        return _Transaction(self.db)

    # -- facts ---------------------------------------------------------------------------------
    def facts_keys(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT key FROM facts")}

    def facts_rows(self, keys: Iterable[str], column: str) -> Iterator[tuple[str, bytes, str]]:
        """``(key, blob, summary_code)`` of the ``column`` ("facts" or "summary") of ``keys``."""
        query = f"SELECT key, {column}, summary_code FROM facts WHERE key = ?"  # noqa: S608
        for key in keys:
            row = self.db.execute(query, (key,)).fetchone()
            if row is not None:
                yield row

    def put_facts(self, rows: Iterable[tuple[str, bytes, bytes, str]]) -> None:
        """Store ``(key, facts, summary, summary_code)`` rows, in one transaction."""
        with self.transaction() as cursor:
            cursor.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?)", rows)

    # -- releases ------------------------------------------------------------------------------
    def release_chunks(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT chunk FROM releases")}

    def release_rdf(self, chunk: str) -> bytes | None:
        row = self.db.execute("SELECT rdf FROM releases WHERE chunk = ?", (chunk,)).fetchone()
        return None if row is None else row[0]

    def turtle(self, chunk: str) -> bytes:
        """A release's statements; ``CacheFormatError`` if the row went."""
        row = self.db.execute("SELECT turtle FROM releases WHERE chunk = ?", (chunk,)).fetchone()
        if row is None or type(row[0]) is not bytes:
            raise CacheFormatError(f"the RDF of release {chunk} is missing")
        return row[0]

    def details(self, chunk: str) -> bytes:
        """What a release says of each actor (``kg.network.details.pack``); ``CacheFormatError``
        if the row went."""
        row = self.db.execute("SELECT details FROM releases WHERE chunk = ?", (chunk,)).fetchone()
        if row is None or type(row[0]) is not bytes:
            raise CacheFormatError(f"the details of release {chunk} are missing")
        return row[0]

    def put_releases(self, rows: Iterable[tuple[str, bytes, bytes, bytes]]) -> None:
        """Store ``(chunk, turtle, rdf, details)`` rows, in one transaction."""
        with self.transaction() as cursor:
            cursor.executemany("INSERT OR REPLACE INTO releases VALUES (?, ?, ?, ?)", rows)

    # -- the last build ------------------------------------------------------------------------
    def state(self, prefix: str = "") -> dict[str, bytes]:
        """The rows of the state (those whose name starts with ``prefix``)."""
        query = "SELECT name, value FROM state WHERE substr(name, 1, ?) = ?"
        return dict(self.db.execute(query, (len(prefix), prefix)))

    def state_row(self, name: str) -> bytes | None:
        """One row of the state, or None."""
        row = self.db.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return None if row is None or type(row[0]) is not bytes else row[0]

    def put_state(self, rows: dict[str, bytes]) -> None:
        """Set some rows of the state, in one transaction."""
        with self.transaction() as cursor:
            cursor.executemany("INSERT OR REPLACE INTO state VALUES (?, ?)", rows.items())

    def finish(
        self, state: Iterable[tuple[str, bytes]], keep_facts: set[str], keep_chunks: set[str]
    ) -> None:
        """Replace the state (but the last scores, which say which state they are of, and the
        resolver's state, which stands on its own) and drop the rows no longer needed, in one
        transaction: a build stopped before it leaves the last build's state with every row
        it refers to."""
        with self.transaction() as cursor:
            cursor.execute(
                "DELETE FROM state WHERE name NOT LIKE 'scores.%' AND name != 'identity'"
            )
            cursor.executemany("INSERT INTO state VALUES (?, ?)", state)
            _drop_others(cursor, "facts", "key", keep_facts)
            _drop_others(cursor, "releases", "chunk", keep_chunks)

    def sweep_old_layout(self) -> None:
        """Remove what an earlier kg kept in the folder (pickles), without reading it."""
        import shutil

        for pattern in _OLD_LAYOUT:
            for old in self.folder.glob(pattern):
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    old.unlink(missing_ok=True)


def _drop_others(cursor: sqlite3.Cursor, table: str, column: str, keep: set[str]) -> None:
    have = {row[0] for row in cursor.execute(f"SELECT {column} FROM {table}")}  # noqa: S608
    gone = [(key,) for key in have - keep]
    cursor.executemany(f"DELETE FROM {table} WHERE {column} = ?", gone)  # noqa: S608


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Cursor:
        self.cursor = self.db.cursor()
        self.cursor.execute("BEGIN IMMEDIATE")
        return self.cursor

    def __exit__(self, kind, error, trace) -> None:
        try:
            self.cursor.execute("COMMIT" if kind is None else "ROLLBACK")
        finally:
            self.cursor.close()


@dataclass(frozen=True)
class CachedDetails:
    """What each release of a build says of each actor (``kg.network.details``), read from the
    cache database when graph.html is made, one release at a time, in release IRI order: a
    rebuild's page is then a clean build's, and no build holds them all in memory."""

    folder: str
    releases: list[tuple[str, str]]  # (release IRI, the name of its RDF in the cache), sorted

    def rows(self) -> Iterator[list]:
        """Each release's part as plain lists (``PackedDetails.row``)."""
        db = CacheDB(self.folder)
        try:
            for iri, chunk in self.releases:
                yield PackedDetails(iri, db.details(chunk)).row()
        finally:
            db.close()
