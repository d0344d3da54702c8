"""The work a corpus build gives its worker processes, a batch of releases at a time: extract
files' facts (``read_batch``) and write releases' RDF (``write_batch``), keeping what they
make in the cache database, one transaction per batch.

``write_batch`` receives ``WriteTask``s (a release's files and its ``Resolution.view``) and
returns ``WriteResult``s: the name of the release's RDF in the cache and its ``ReleaseRDF``
(what it adds to the sums: shared lines, the organizations it needs labels of, its part of
the actor network, taken from the triples as they are written). What the release says of each
actor (graph.html's details panel) stays in the cache, read when the page is made.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from rdflib.namespace import ORG, RDF

from kg.engine.cache import CacheDB
from kg.engine.codec import Codec
from kg.engine.fingerprint import rdf_fingerprint, summary_fingerprint
from kg.engine.state import Files
from kg.engine.sums import ReleaseRDF
from kg.errors import CacheFormatError, InputError
from kg.model import ReleaseFacts
from kg.network.details import pack, release_details
from kg.network.ties import part_of_statements
from kg.rdf.iris import SHARED_TOKENS
from kg.rdf.mapping import TURTLE_PREFIXES, release_statements
from kg.rdf.turtle import Tokens, turtle_writer
from kg.resolve.resolution import Resolution
from kg.resolve.summary import ReleaseSummary, summarize

FACTS = Codec(ReleaseFacts)
SUMMARY = Codec(ReleaseSummary)
_TYPED_MEMBERSHIP = (Tokens(RDF).type, Tokens(ORG).Membership)
_OPEN: dict[tuple[int, str], CacheDB] = {}


def open_cache(folder: str) -> CacheDB:
    """This process's connection to the cache database in ``folder``: the build's own
    (``using``) in the build's process, one per worker process in a worker (a connection is
    never used across a fork)."""
    key = (os.getpid(), folder)
    db = _OPEN.get(key)
    if db is None or not db.current():
        db = _OPEN[key] = CacheDB(folder)
    return db


class using:  # noqa: N801  (a context manager, read as "with using(db):")
    """``with using(db):`` batches run in this process use the connection ``db``."""

    def __init__(self, db: CacheDB) -> None:
        self.key = (os.getpid(), str(db.folder))
        self.db = db

    def __enter__(self) -> CacheDB:
        _OPEN[self.key] = self.db
        return self.db

    def __exit__(self, *exc) -> None:
        if _OPEN.get(self.key) is self.db:
            del _OPEN[self.key]
        self.db.close()


@dataclass(frozen=True)
class ReadTask:
    path: str
    key: str | None  # None: not hashed (unreadable): not cached
    cache_folder: str


@dataclass(frozen=True)
class ReadResult:
    path: str
    summary: ReleaseSummary | None
    problem: str | None  # why the file is not a readable release


def read_batch(tasks: list[ReadTask]) -> list[ReadResult]:
    """Extract the facts of each file, keep them and their summary in the cache, and return
    the summaries (or the problem with the file)."""
    from kg.facts.release import release_facts
    from kg.ingest.release import read_release

    results, rows = [], []
    for task in tasks:
        try:
            facts = release_facts(read_release(task.path))
        except InputError as error:
            results.append(ReadResult(task.path, None, error.problem))
            continue
        summary = summarize(facts)
        results.append(ReadResult(task.path, summary, None))
        if task.key is not None:
            code = summary_fingerprint()
            rows.append((task.key, FACTS.dumps(facts), SUMMARY.dumps(summary), code))
    if rows and tasks:
        open_cache(tasks[0].cache_folder).put_facts(rows)
    return results


def cached_facts(db: CacheDB, key: str | None, path: str) -> ReleaseFacts | None:
    """The cached facts of a file, read from ``path`` this time, or None."""
    if key is None:
        return None
    for _, blob, _ in db.facts_rows([key], "facts"):
        try:
            facts = FACTS.loads(blob)
        except CacheFormatError:
            return None
        facts.release.path = path
        return facts
    return None


@dataclass(frozen=True)
class WriteTask:
    iri: str
    files: Files
    view: Resolution
    cache_folder: str


@dataclass(frozen=True)
class WriteResult:
    iri: str
    chunk: str
    rdf: ReleaseRDF
    written: bool  # False: the cache had it under its name (its view came back)


def chunk_name(files: Files, view: Resolution) -> str:
    """The name of a release's RDF in the cache: the RDF code, its files and its view."""
    digest = hashlib.sha1(rdf_fingerprint().encode())
    for path, key in files:
        # a file that could not be hashed gets a name no later build reuses
        digest.update(f"{path}\0{key or os.urandom(16).hex()}\0".encode())
    digest.update(view.view_key().encode())
    return digest.hexdigest()


def write_batch(tasks: list[WriteTask]) -> list[WriteResult]:
    """Write each release's RDF (unless the cache has it under its name) into the cache."""
    if not tasks:
        return []
    db = open_cache(tasks[0].cache_folder)
    results, rows = [], []
    for task in tasks:
        chunk = chunk_name(task.files, task.view)
        found = db.release_rdf(chunk)
        rdf = None
        written = False
        if found is not None:
            try:
                rdf = ReleaseRDF.from_bytes(found)
            except CacheFormatError:
                rdf = None
        if rdf is None:
            facts = [_facts(db, path, key) for path, key in task.files]
            turtle, rdf, details = release_rdf(facts, task.view)
            rows.append((chunk, turtle, rdf.to_bytes(), details))
            written = True
        results.append(WriteResult(task.iri, chunk, rdf, written))
    if rows:
        db.put_releases(rows)
    return results


def _facts(db: CacheDB, path: str, key: str | None) -> ReleaseFacts:
    found = cached_facts(db, key, path)
    if found is None:  # the cache lost them: read the file again (loads spaCy)
        from kg.facts.release import release_facts
        from kg.ingest.release import read_release

        found = release_facts(read_release(path))
    return found


def release_rdf(facts: list[ReleaseFacts], view: Resolution) -> tuple[bytes, ReleaseRDF, bytes]:
    """The Turtle statements about a release's own nodes, its ``ReleaseRDF``, and what it says
    of each actor (``kg.network.details``, packed)."""
    made = release_statements(facts, view)
    statements = made.statements
    by_subject = statements.by_subject
    own = [s for s in by_subject if not s.startswith(SHARED_TOKENS)]
    shared = [s for s in by_subject if s.startswith(SHARED_TOKENS)]
    groups = statements.sorted_groups(own)
    rdf = ReleaseRDF(
        own=sum(len(pairs) for _, pairs in groups),
        memberships=sum(_TYPED_MEMBERSHIP in by_subject[s] for s in own),
        shared=tuple(statements.lines(shared)),
        labelled=frozenset(made.labelled),
        typed=frozenset(made.typed),
        part=part_of_statements(by_subject),
    )
    details = pack(release_details(facts[0], made.person_iris, made.org_iris)).data
    return turtle_writer(TURTLE_PREFIXES).statements(groups).encode("utf-8"), rdf, details
