"""Many releases into one graph, streamed: memory grows with the entities, not the triples.

1. **Read.** Worker processes extract each file's facts (``kg.facts``), keep them in the cache
   (``OUTDIR/.kgcache``) and hand back a ``ReleaseSummary``: the few kilobytes resolution needs.
   Files whose content the cache knows are not read again.
2. **Resolve** the summaries into shared nodes (``kg.resolve``).
3. **Write.** Workers write each release's RDF from its cached facts and its ``Resolution.view``:
   the Turtle statements about the release's own nodes (mentions, sentences, memberships, quotes,
   events) go to a cache file; the triples about nodes releases share (persons, organizations,
   roles) and the release's part of the actor network (``kg.network``) come back. A release
   whose facts and view are unchanged is not written again.
4. **Assemble** graph.ttl (prefixes, the shared statements, each release's statements) and the
   actor network.

The graph equals ``facts_to_graph`` of all the facts with their resolution, and the network
``actor_network`` of that graph (tests/test_corpus_stream.py).
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from rdflib.namespace import FOAF, ORG, RDF

from kg.atomic import TEMPORARY_SUFFIX, write_atomic, write_temporary
from kg.cache import FactsCache, code_fingerprint
from kg.errors import InputError
from kg.iris import shared_node
from kg.network import (
    ActorNetwork,
    NetworkPart,
    NetworkTotal,
    assemble,
    describe,
    network_part,
)
from kg.rdf import TURTLE_PREFIXES, org_node_triples, release_triples
from kg.resolve import ReleaseSummary, Resolution, resolve, summarize
from kg.turtle import nt, nt_line, turtle_header, turtle_statements

RDF_CACHE = "rdf"  # OUTDIR/.kgcache/rdf: each release's statements and what it shares
# The ends of the N-Triples lines that type a node a person, an organization, a membership.
_PERSON_TYPE, _ORG_TYPE, _MEMBERSHIP_TYPE = (
    f" {nt(RDF.type)} {nt(c)} ." for c in (FOAF.Person, ORG.Organization, ORG.Membership)
)
MIN_POOL_TASKS = 32  # fewer tasks run in this process: starting workers (each imports spaCy) costs more

Progress = Callable[[int, int], None]  # progress(done, total)


@dataclass
class Skipped:
    """A file that is not a readable press release, left out of the build."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass
class ReleaseRDF:
    """What one release (or several files with one text) adds to a corpus graph, besides the
    Turtle statements about its own nodes (kept in a file)."""

    own: int  # triples about the release's own nodes (its statements)
    memberships: int
    shared: list[str]  # N-Triples lines about persons, organizations and roles
    labelled: set[str]  # OrgNode keys whose labels the graph needs
    typed: set[str]  # OrgNode keys whose kind class the graph needs
    part: NetworkPart


@dataclass
class Corpus:
    """A built corpus before its files are written."""

    releases: int  # distinct releases: files with the same text are one
    title: str | None  # the title of the first release
    turtle_path: Path  # graph.ttl, written to a temporary file
    resolution_path: Path  # resolution.json, written to a temporary file
    network: ActorNetwork
    persons: int
    organizations: int
    memberships: int
    triples: int
    skipped: list[Skipped] = field(default_factory=list)
    cached: int = 0  # releases whose facts came from the cache
    extracted: int = 0
    written: int = 0  # releases (texts) whose RDF was written in this run, not taken from the cache


# -- workers -----------------------------------------------------------------------------------


def _start_worker() -> None:
    """A worker process collects garbage as usual (the main process stops after reading) and
    leaves Ctrl-C to the main process, which stops the pool."""
    gc.enable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def read_one(task: tuple[str, str | None, str]) -> tuple[str, ReleaseSummary | None, str | None]:
    """Worker: extract the facts of ``path``, cache them, return their summary or the problem."""
    from kg.facts import release_facts
    from kg.ingest import read_release

    path, key, cache_folder = task
    try:
        facts = release_facts(read_release(path))
    except InputError as error:
        return path, None, error.problem
    summary = summarize(facts)
    if key is not None:
        FactsCache(cache_folder).put_facts(key, facts, summary)
    return path, summary, None


def write_one(task: tuple[str, list[tuple[str, str | None]], Resolution, str]) -> ReleaseRDF:
    """Worker: the RDF of one release group, its statements written to the RDF cache."""
    from kg.facts import release_facts
    from kg.ingest import read_release

    chunk, files, view, cache_folder = task
    cache = FactsCache(cache_folder)
    facts = []
    for path, key in files:
        found = cache.get(key, path) if key is not None else None
        facts.append(found if found is not None else release_facts(read_release(path)))
    triples, labelled, typed = release_triples(facts, view)
    lines = [nt_line(triple) for triple in triples]
    own: set[str] = set()
    shared: set[str] = set()
    for triple, line in zip(triples, lines, strict=True):
        (shared if shared_node(triple[0]) else own).add(line)
    memberships = sum(line.endswith(_MEMBERSHIP_TYPE) for line in own)
    result = ReleaseRDF(
        own=len(own),
        memberships=memberships,
        shared=sorted(shared),
        labelled=labelled,
        typed=typed,
        part=network_part(lines),
    )
    rdf = Path(cache_folder) / RDF_CACHE
    write_atomic(rdf / f"{chunk}.ttl", turtle_statements(sorted(own), TURTLE_PREFIXES).encode("utf-8"))
    write_atomic(rdf / f"{chunk}.pickle", pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result


class _Totals:
    """The sum of the ``ReleaseRDF`` of many releases."""

    def __init__(self) -> None:
        self.shared: set[str] = set()
        self.labelled: set[str] = set()
        self.typed: set[str] = set()
        self.network = NetworkTotal()
        self.own = 0
        self.memberships = 0

    def add(self, result: ReleaseRDF) -> None:
        self.shared.update(result.shared)
        self.labelled |= result.labelled
        self.typed |= result.typed
        self.network.add(result.part)
        self.own += result.own
        self.memberships += result.memberships


def _cached_rdf(cache_folder: Path, chunk: str) -> ReleaseRDF | None:
    rdf = cache_folder / RDF_CACHE
    if not (rdf / f"{chunk}.ttl").is_file():
        return None
    try:
        return pickle.loads((rdf / f"{chunk}.pickle").read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        return None


# -- the build ---------------------------------------------------------------------------------


class _Pool:
    """Worker processes, forked on first use; each loads the spaCy pipeline when it first reads
    a release (about a second, while this process reads the cache)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.executor: Executor | None = None

    def map(self, fn, tasks: list) -> Iterator:
        if not tasks:
            return iter(())
        if self.jobs <= 1 or len(tasks) < MIN_POOL_TASKS:
            return map(fn, tasks)
        if self.executor is None:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            self.executor = ProcessPoolExecutor(
                self.jobs, mp_context=context, initializer=_start_worker
            )
        chunksize = max(1, min(64, len(tasks) // (self.jobs * 8)))
        return self.executor.map(fn, tasks, chunksize=chunksize)

    def close(self) -> None:
        """Stop the workers once they have finished their tasks."""
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    def abort(self) -> None:
        """Stop the workers now (the build failed or was interrupted): waiting for an executor
        whose results are no longer read can hang on Ctrl-C."""
        if self.executor is not None:
            processes = list(getattr(self.executor, "_processes", {}).values())
            self.executor.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(timeout=5)
            self.executor = None


def build_corpus(
    paths: Sequence[str],
    cache_folder: Path,
    *,
    name: str = "",
    explicit: Collection[str] = (),
    jobs: int | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    write_progress: Progress | None = None,
) -> Corpus:
    """Read, resolve and write the releases at ``paths``; graph.ttl goes to a temporary file in
    ``cache_folder`` (``Corpus.turtle_path``), which the caller renames into place.

    A bad file named in ``explicit``, or any bad file when ``strict``, raises ``InputError``;
    other bad files are skipped (``Corpus.skipped``), and when no file is left, ``InputError``
    names the inputs as ``name`` (default: the paths). ``progress(done, total)`` is called as
    files are read, ``write_progress(done, total)`` as releases are written. The cache keeps the facts and RDF of the
    releases read; entries of other releases are removed.
    """
    _sweep(cache_folder)
    pool = _Pool(jobs or os.cpu_count() or 1)
    collecting = gc.isenabled()
    try:
        return _build(
            paths, cache_folder, pool, name, set(explicit), strict, progress, write_progress
        )
    except BaseException:
        pool.abort()
        raise
    finally:
        pool.close()
        if collecting:
            gc.enable()


@dataclass
class _Reading:
    """Stage 1's result: the summary of every readable release, in input order."""

    summaries: list[ReleaseSummary]
    keys: dict[str, str | None]  # path -> cache key (None: the file could not be read)
    skipped: list[Skipped]
    cached: int
    extracted: int


def _build(
    paths, cache_folder: Path, pool: _Pool, name, explicit, strict, progress, write_progress
) -> Corpus:
    reading = _read(paths, cache_folder, pool, explicit, strict, progress)
    if not reading.summaries:
        problems = "; ".join(str(s) for s in reading.skipped)
        raise InputError(
            name or ", ".join(paths), f"no file could be read as a press release; {problems}"
        )
    # From here on the build makes millions of small objects that live to its end and hold no
    # reference cycles: the cyclic garbage collector would scan them again and again (half the
    # time of resolving 2,000 releases). Workers forked from here collect as usual.
    gc.disable()
    plan = _plan(reading, resolve(reading.summaries), cache_folder)
    resolution_path = write_temporary(cache_folder, "resolution.json", plan.resolution.json_chunks())
    try:
        return _write_and_assemble(plan, resolution_path, cache_folder, pool, write_progress)
    except BaseException:
        resolution_path.unlink(missing_ok=True)
        raise


@dataclass
class _Plan:
    """After resolving: the cache name of every release's RDF (in input order), the tasks for
    those the cache lacks, and the sum of those it has."""

    reading: _Reading
    resolution: Resolution
    chunks: list[str]
    tasks: list
    total: _Totals


def _write_and_assemble(
    plan: _Plan, resolution_path: Path, cache_folder: Path, pool: _Pool, write_progress
) -> Corpus:
    """Stages 3 and 4: write the releases the cache lacks, then graph.ttl and the network."""
    reading, resolution, chunks, tasks, total = (
        plan.reading, plan.resolution, plan.chunks, plan.tasks, plan.total
    )  # fmt: skip
    releases, first = len(chunks), reading.summaries[0]  # files with one text are one release
    keep = {key for key in reading.keys.values() if key is not None}
    reading.summaries.clear()  # the tasks hold what the rest needs of them and of the resolution
    resolution.slim()
    written = len(chunks) - len(tasks)
    if write_progress is not None:
        write_progress(written, len(chunks))
    for result in pool.map(write_one, tasks):
        total.add(result)  # each release's results are added up as they come, not kept
        written += 1
        if write_progress is not None:
            write_progress(written, len(chunks))
    pool.close()  # the workers' memory is not needed any more
    n_tasks = len(tasks)
    tasks.clear()

    for key in total.labelled | total.typed:
        node = resolution.organizations[key]
        triples = org_node_triples(node, labels=key in total.labelled, kind=key in total.typed)
        total.shared.update(nt_line(t) for t in triples)
    shared_lines = sorted(total.shared)
    total.shared = set()
    turtle_path = _write_turtle(cache_folder, shared_lines, chunks)
    try:
        persons = sum(line.endswith(_PERSON_TYPE) for line in shared_lines)
        organizations = sum(line.endswith(_ORG_TYPE) for line in shared_lines)
        description = describe(shared_lines)
        triples = total.own + len(shared_lines)
        del shared_lines
        network = assemble(description, total.network)
        FactsCache(cache_folder).prune(keep=keep)
        _prune_rdf(cache_folder, set(chunks))
    except BaseException:
        turtle_path.unlink(missing_ok=True)
        raise
    return Corpus(
        releases=releases,
        title=first.title or Path(first.path).name,
        turtle_path=turtle_path,
        resolution_path=resolution_path,
        network=network,
        persons=persons,
        organizations=organizations,
        memberships=total.memberships,
        triples=triples,
        skipped=reading.skipped,
        cached=reading.cached,
        extracted=reading.extracted,
        written=n_tasks,
    )


def _read(paths, cache_folder: Path, pool: _Pool, explicit, strict, progress) -> _Reading:
    """Stage 1: summaries from the cache, or from worker processes reading the files."""
    cache = FactsCache(cache_folder)
    keys = {path: _key(cache, path) for path in paths}
    todo = [(p, k, str(cache_folder)) for p, k in keys.items() if k is None or not cache.has(k)]
    outcomes = iter(pool.map(read_one, todo))  # workers start on these now
    summaries: dict[str, ReleaseSummary] = {}
    again = []  # cache entries that cannot be read after all: read their files again
    for path, key in keys.items():
        if key is not None and cache.has(key):
            summary = cache.get_summary(key, path)
            if summary is None:
                again.append((path, key, str(cache_folder)))
            else:
                summaries[path] = summary
    cached = done = len(summaries)
    if progress is not None:
        progress(done, len(paths))
    skipped: list[Skipped] = []
    for path, summary, problem in chain(outcomes, map(read_one, again)):
        if summary is None:
            if strict or path in explicit:
                raise InputError(path, problem)
            skipped.append(Skipped(path, problem))
        else:
            summaries[path] = summary
        done += 1
        if progress is not None:
            progress(done, len(paths))
    ordered = [summaries[p] for p in paths if p in summaries]
    return _Reading(ordered, keys, skipped, cached, len(todo) + len(again) - len(skipped))


def _plan(reading: _Reading, resolution: Resolution, cache_folder: Path) -> _Plan:
    """Stage 3's work: one task per release text (files with the same text are one release)
    whose RDF the cache lacks; the cached ones are added up."""
    total = _Totals()
    groups: dict[str, list[ReleaseSummary]] = {}
    for summary in reading.summaries:
        groups.setdefault(summary.iri, []).append(summary)
    fingerprint = code_fingerprint()
    chunks: list[str] = []
    tasks = []
    for group in groups.values():
        view = resolution.view(group)
        files = [(s.path, reading.keys[s.path]) for s in group]
        digest = hashlib.sha1(fingerprint.encode())
        for path, key in files:
            digest.update(f"{path}\0{key}\0".encode())
        digest.update(view.view_key().encode())
        chunk = digest.hexdigest()
        chunks.append(chunk)
        found = _cached_rdf(cache_folder, chunk)
        if found is None:
            tasks.append((chunk, files, view, str(cache_folder)))
        else:
            total.add(found)
    return _Plan(reading, resolution, chunks, tasks, total)


def _write_turtle(cache_folder: Path, shared_lines: list[str], chunks: list[str]) -> Path:
    """graph.ttl in a temporary file: prefixes, shared statements, each release's statements."""

    def pieces() -> Iterator[bytes]:
        yield turtle_header(TURTLE_PREFIXES).encode("utf-8")
        yield turtle_statements(shared_lines, TURTLE_PREFIXES).encode("utf-8")
        for chunk in chunks:
            yield (cache_folder / RDF_CACHE / f"{chunk}.ttl").read_bytes()

    return write_temporary(cache_folder, "graph.ttl", pieces())


def _sweep(cache_folder: Path) -> None:
    """Remove the temporary files a build stopped by Ctrl-C or a crash left in the cache."""
    for folder in (cache_folder, cache_folder / RDF_CACHE):
        for stale in folder.glob(f".*{TEMPORARY_SUFFIX}"):
            stale.unlink(missing_ok=True)


def _prune_rdf(cache_folder: Path, keep: set[str]) -> None:
    for entry in (cache_folder / RDF_CACHE).glob("*"):
        if entry.name.split(".")[0] not in keep:
            entry.unlink(missing_ok=True)


def _key(cache: FactsCache, path: str) -> str | None:
    try:
        return cache.key(path)
    except OSError:
        return None  # unreadable: reading it reports the usual message
