"""Many releases into one graph, streamed: memory grows with the entities, not the triples.

1. **Read.** Worker processes extract each file's facts (``kg.facts``), keep them in the cache
   (``OUTDIR/.kgcache``) and hand back a ``ReleaseSummary``: the few kilobytes resolution needs.
   Files whose content the cache knows are not read again.
2. **Resolve** the summaries into shared nodes (``kg.resolve``); resolution.json is written by
   a child process meanwhile (``kg.engine.background``).
3. **Write.** Workers write each release's RDF from its cached facts and its ``Resolution.view``:
   the Turtle statements about the release's own nodes (mentions, sentences, memberships, quotes,
   events) go to a cache file; the triples about nodes releases share (persons, organizations,
   roles) and the release's part of the actor network (``kg.network.actors``) come back and are added
   up. A release whose facts and view are unchanged is not written again, and a rebuild starts
   from the last build's sums (``kg.engine.snapshot``): it takes out the releases that changed or went
   and adds the new ones, instead of adding up every release again.
4. **Assemble** graph.ttl (prefixes, the shared statements, each release's statements; written
   by a child process while the network is assembled) and the actor network.

The graph equals ``facts_to_graph`` of all the facts with their resolution, and the network
``actor_network`` of that graph (tests/test_corpus_stream.py); a rebuild gives the bytes of a
clean build (tests/test_snapshot.py).
"""

from __future__ import annotations

import errno
import gc
import hashlib
import os
import pickle
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path

from rdflib.namespace import ORG, RDF

from kg.engine.atomic import TEMPORARY_SUFFIX, new_temporary, write_atomic, write_into
from kg.engine.background import Background
from kg.engine.cache import FactsCache, code_fingerprint
from kg.engine.snapshot import (
    Groups,
    Lookups,
    ReleaseRDF,
    Snapshot,
    Totals,
    changed_releases,
    load_snapshot,
    save_snapshot,
)
from kg.engine.workers import Workers
from kg.errors import InputError
from kg.network.actors import ActorNetwork, Description, assemble, describe
from kg.network.ties import part_of_triples
from kg.rdf.iris import SHARED_TOKENS
from kg.rdf.mapping import TURTLE_PREFIXES, org_node_lines, release_statements
from kg.rdf.turtle import nt, turtle_header, turtle_statements, turtle_writer
from kg.resolve.resolution import Resolution, resolve
from kg.resolve.summary import ReleaseSummary, summarize

RDF_CACHE = "rdf"  # OUTDIR/.kgcache/rdf: each release's statements and what it shares
_RDF_TYPE, _MEMBERSHIP_CLASS = nt(RDF.type), nt(ORG.Membership)
_ORGANIZATION = str(ORG.Organization)

# Past this many releases graph.ttl, resolution.json and the snapshot are written by the build's
# own process, not beside it by a child: the child would copy too much memory (kg.engine.background).
BACKGROUND_MAX_RELEASES = 3_000

Progress = Callable[[int, int], None]  # progress(done, total)


@dataclass
class Skipped:
    """A file that is not a readable press release, left out of the build."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass
class Corpus:
    """A built corpus before its files are written."""

    releases: int  # distinct releases: files with the same text are one
    title: str | None  # the title of the first release
    turtle_path: Path  # graph.ttl, written to a temporary file
    resolution_path: Path  # resolution.json, written to a temporary file
    writing: list[Background]  # the processes writing them (``wait``)
    network: ActorNetwork
    persons: int
    organizations: int
    memberships: int
    triples: int
    skipped: list[Skipped] = field(default_factory=list)
    cached: int = 0  # releases whose facts came from the cache
    extracted: int = 0
    written: int = 0  # releases (texts) whose RDF was written in this run, not taken from the cache
    resumed: bool = False  # the last build's sums (kg.engine.snapshot) were the start, not every release

    def wait(self) -> None:
        """Wait until graph.ttl and resolution.json are written (raises what failed)."""
        while self.writing:
            self.writing[0].wait()
            self.writing.pop(0)

    def stop(self) -> None:
        """Stop writing them (the build failed or was stopped)."""
        for job in self.writing:
            job.stop()
        self.writing.clear()


# -- workers -----------------------------------------------------------------------------------


def read_one(task: tuple[str, str | None, str]) -> tuple[str, ReleaseSummary | None, str | None]:
    """Worker: extract the facts of ``path``, cache them, return their summary or the problem."""
    from kg.facts.release import release_facts
    from kg.ingest.release import read_release

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
    chunk, files, view, cache_folder = task
    cache = FactsCache(cache_folder)
    facts = []
    for path, key in files:
        found = cache.get(key, path) if key is not None else None
        if found is None:  # the cache lost them: read the file again (loads spaCy)
            from kg.facts.release import release_facts
            from kg.ingest.release import read_release

            found = release_facts(read_release(path))
        facts.append(found)
    made = release_statements(facts, view)
    statements = made.statements
    own = [s for s in statements.by_subject if not s.startswith(SHARED_TOKENS)]
    shared = [s for s in statements.by_subject if s.startswith(SHARED_TOKENS)]
    groups = statements.sorted_groups(own)
    typed_membership = (_RDF_TYPE, _MEMBERSHIP_CLASS)
    memberships = sum(typed_membership in statements.by_subject[s] for s in own)
    result = ReleaseRDF(
        own=sum(len(pairs) for _, pairs in groups),
        memberships=memberships,
        shared=statements.lines(shared),
        labelled=made.labelled,
        typed=made.typed,
        part=part_of_triples(statements.triples()),
    )
    turtle = turtle_writer(TURTLE_PREFIXES).statements(groups)
    rdf = Path(cache_folder) / RDF_CACHE
    write_atomic(rdf / f"{chunk}.ttl", turtle.encode("utf-8"))
    write_atomic(rdf / f"{chunk}.pickle", pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result


def _cached_rdf(cache_folder: Path, chunk: str) -> ReleaseRDF | None:
    rdf = cache_folder / RDF_CACHE
    if not (rdf / f"{chunk}.ttl").is_file():
        return None
    try:
        return pickle.loads((rdf / f"{chunk}.pickle").read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        return None


# -- the build ---------------------------------------------------------------------------------


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
    background: bool = False,
    meanwhile: Callable[[], None] | None = None,
    workers: Workers | None = None,
) -> Corpus:
    """Read, resolve and write the releases at ``paths``; graph.ttl and resolution.json go to
    temporary files in ``cache_folder`` (``Corpus.turtle_path``, ``Corpus.resolution_path``),
    which the caller renames into place. With ``background``, child processes may still be
    writing them when this returns, while the caller ranks the network: ``Corpus.wait()``.
    ``meanwhile()`` is called once the worker processes are reading. ``workers`` (default:
    ``jobs`` of them, started as needed) are stopped when this returns.

    A bad file named in ``explicit``, or any bad file when ``strict``, raises ``InputError``;
    other bad files are skipped (``Corpus.skipped``), and when no file is left, ``InputError``
    names the inputs as ``name`` (default: the paths). ``progress(done, total)`` is called as
    files are read, ``write_progress(done, total)`` as releases are written. The cache keeps the facts and RDF of the
    releases read; entries of other releases are removed.
    """
    _sweep(cache_folder)
    pool = workers or Workers(jobs or os.cpu_count() or 1)
    collecting = gc.isenabled()
    try:
        corpus = _build(
            paths, cache_folder, pool, name, set(explicit), strict, progress, write_progress, meanwhile
        )
        if not background:
            corpus.wait()
        return corpus
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
    paths, cache_folder: Path, pool: Workers, name, explicit, strict, progress, write_progress, meanwhile
) -> Corpus:
    reading, snapshot = _read(paths, cache_folder, pool, explicit, strict, progress, meanwhile)
    if not reading.summaries:
        problems = "; ".join(str(s) for s in reading.skipped)
        raise InputError(
            name or ", ".join(paths), f"no file could be read as a press release; {problems}"
        )
    # From here on the build makes millions of small objects that live to its end and hold no
    # reference cycles: the cyclic garbage collector would scan them again and again (half the
    # time of resolving 2,000 releases). Workers forked from here collect as usual.
    gc.disable()
    plan = _plan(reading, resolve(reading.summaries), cache_folder, snapshot)
    del snapshot
    resolution_path = new_temporary(cache_folder, "resolution.json")
    chunks = plan.resolution.json_chunks()
    writing = [
        Background(
            lambda: write_into(resolution_path, chunks),
            what="resolution.json",
            folder=str(cache_folder),
            fork=_in_background(plan),
        )
    ]
    try:
        return _write_and_assemble(plan, resolution_path, writing, cache_folder, pool, write_progress)
    except BaseException:
        for job in writing:
            job.stop()
        resolution_path.unlink(missing_ok=True)
        raise


@dataclass
class _Plan:
    """After resolving: the cache name of every release's RDF (in input order), the tasks for
    those the cache lacks, the sum of those it has, and what the next build's ``Snapshot``
    needs of the resolution."""

    reading: _Reading
    resolution: Resolution
    chunks: list[str]
    groups: Groups  # Snapshot.groups
    tasks: list
    total: Totals
    from_snapshot: bool  # total is the last build's sum, not made from scratch
    last_org_lines: dict  # Snapshot.org_lines of the last build
    last_description: Description | None  # of the last build's shared lines, if from_snapshot


def _in_background(plan: _Plan) -> bool:
    """Whether a child process writes the files (``BACKGROUND_MAX_RELEASES``)."""
    return len(plan.chunks) < BACKGROUND_MAX_RELEASES


def _write_and_assemble(
    plan: _Plan,
    resolution_path: Path,
    writing: list[Background],
    cache_folder: Path,
    pool: Workers,
    write_progress,
) -> Corpus:
    """Stages 3 and 4: write the releases the cache lacks, then graph.ttl (in the background,
    with the snapshot, added to ``writing``) and the network."""
    reading, resolution, chunks, tasks, total = (
        plan.reading, plan.resolution, plan.chunks, plan.tasks, plan.total
    )  # fmt: skip
    releases, first = len(chunks), reading.summaries[0]  # files with one text are one release
    keep = {key for key in reading.keys.values() if key is not None}
    snapshot = Snapshot(code_fingerprint(), plan.groups, Lookups.pickled(resolution), total)
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
    description, resumed = plan.last_description, plan.from_snapshot
    if not total.exact:  # the snapshot's sum could not be taken apart
        total = snapshot.totals = _sum_again(chunks, cache_folder)
        description, resumed = None, False

    org_lines = _org_lines(resolution, total, plan.last_org_lines)
    org_only = {line for _, lines in org_lines.values() for line in lines} - total.shared.keys()
    if description is None:
        description = describe(chain(total.shared, org_only))
    else:
        description.update(*_shared_changes(total, plan.last_org_lines, org_only))
    snapshot.org_lines, snapshot.description = org_lines, description
    triples = total.own + len(total.shared) + len(org_only)
    turtle_path = new_temporary(cache_folder, "graph.ttl")
    shared = chain(total.shared, org_only)  # every shared line once, sorted by the writer
    work = partial(_write_graph, cache_folder, turtle_path, shared, chunks, snapshot)
    # A large corpus writes here and frees its lines before the network is assembled.
    writing.append(
        Background(work, what="graph.ttl", folder=str(cache_folder), fork=_in_background(plan))
    )
    del shared, work, snapshot
    total.shared = Counter()
    try:
        persons = len(description.persons)
        organizations = sum(_ORGANIZATION in types for types in description.types.values())
        network = assemble(description, total.network)
        FactsCache(cache_folder).prune(keep=keep)
        _prune_rdf(cache_folder, set(chunks))
    except BaseException:
        writing[-1].stop()
        turtle_path.unlink(missing_ok=True)
        raise
    return Corpus(
        releases=releases,
        title=first.title or Path(first.path).name,
        turtle_path=turtle_path,
        resolution_path=resolution_path,
        writing=writing,
        network=network,
        persons=persons,
        organizations=organizations,
        memberships=total.memberships,
        triples=triples,
        skipped=reading.skipped,
        cached=reading.cached,
        extracted=reading.extracted,
        written=n_tasks,
        resumed=resumed,
    )


def _read(
    paths, cache_folder: Path, pool: Workers, explicit, strict, progress, meanwhile
) -> tuple[_Reading, Snapshot | None]:
    """Stage 1: summaries from the cache, or from worker processes reading the files (even a
    few: a worker loads spaCy while this process loads the cached summaries and the last
    build's snapshot, also returned)."""
    cache = FactsCache(cache_folder)
    keys = {path: _key(cache, path) for path in paths}
    todo = [(p, k, str(cache_folder)) for p, k in keys.items() if k is None or not cache.has(k)]
    outcomes = iter(pool.map(read_one, todo, in_process_below=1))  # workers start on these now
    if meanwhile is not None:
        meanwhile()
    snapshot = load_snapshot(cache_folder, code_fingerprint())
    summaries: dict[str, ReleaseSummary] = {}
    again = []  # cache entries that cannot be read after all: read their files again
    reading = {task[0] for task in todo}  # the workers may be adding these to the cache now
    for path, key in keys.items():
        if path not in reading and key is not None and cache.has(key):
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
    extracted = len(todo) + len(again) - len(skipped)
    return _Reading(ordered, keys, skipped, cached, extracted), snapshot


def _plan(
    reading: _Reading, resolution: Resolution, cache_folder: Path, snapshot: Snapshot | None
) -> _Plan:
    """Stage 3's work: one task per release text (files with the same text are one release)
    whose RDF the cache lacks; the others are added up.

    A release the last build wrote, whose files are the same and whose view the resolution
    leaves alone (``changed_releases``), keeps its RDF without its view being made again. The
    last build's totals (``Snapshot``) are the start: the releases it had and this build has
    not are taken out, the others added.
    """
    groups: dict[str, list[ReleaseSummary]] = {}
    for summary in reading.summaries:
        groups.setdefault(summary.iri, []).append(summary)
    before = snapshot.groups if snapshot is not None else {}
    changed = changed_releases(snapshot, resolution, reading.summaries) if snapshot else set()
    fingerprint = code_fingerprint()
    chunks: list[str] = []
    named: Groups = {}
    views: dict[str, Resolution] = {}
    for iri, group in groups.items():
        files = tuple((s.path, reading.keys[s.path]) for s in group)
        last = before.get(iri)
        if (
            last is not None
            and last[0] == files
            and all(key is not None for _, key in files)  # a file not hashed is read again
            and not any(s.path in changed for s in group)
        ):  # (a release whose cached RDF is gone is written again: _start_total)
            chunk = last[1]
        else:
            view = resolution.view(group)
            digest = hashlib.sha1(fingerprint.encode())
            for path, key in files:
                # a file that could not be hashed gets a name no later build reuses
                digest.update(f"{path}\0{key or os.urandom(16).hex()}\0".encode())
            digest.update(view.view_key().encode())
            chunk = digest.hexdigest()
            views[chunk] = view
        chunks.append(chunk)
        named[iri] = (files, chunk)

    total, kept = _start_total(snapshot, set(chunks), cache_folder)
    tasks = []
    for (files, chunk), group in zip(named.values(), groups.values(), strict=True):
        if chunk in kept:
            continue
        found = _cached_rdf(cache_folder, chunk)
        if found is not None:
            total.add(found)
        else:
            view = views.pop(chunk, None) or resolution.view(group)
            tasks.append((chunk, list(files), view, str(cache_folder)))
    from_snapshot = bool(kept)
    return _Plan(
        reading,
        resolution,
        chunks,
        named,
        tasks,
        total,
        from_snapshot,
        snapshot.org_lines if snapshot is not None else {},
        snapshot.description if from_snapshot else None,
    )


def _start_total(
    snapshot: Snapshot | None, chunks: set[str], cache_folder: Path
) -> tuple[Totals, set[str]]:
    """The sum to add the releases' RDF to, and the RDF (cache names) it already holds: the
    snapshot's totals without the releases no longer in ``chunks`` (or whose cached RDF is
    gone: they are written again), or nothing when that is more work than starting afresh."""
    if snapshot is None:
        return Totals(), set()
    rdf = cache_folder / RDF_CACHE
    last = {chunk for _, chunk in snapshot.groups.values()}
    kept = {chunk for chunk in last & chunks if (rdf / f"{chunk}.ttl").is_file()}
    if len(last) - len(kept) > len(kept):
        return Totals(), set()
    total = snapshot.totals
    total.track()
    for chunk in last - kept:
        found = _cached_rdf(cache_folder, chunk)
        if found is None:
            return Totals(), set()
        total.subtract(found)
    return total, kept


def _sum_again(chunks: list[str], cache_folder: Path) -> Totals:
    """The sum of every release's RDF, from the cache (where this build wrote its releases')."""
    total = Totals()
    for chunk in chunks:
        found = _cached_rdf(cache_folder, chunk)
        if found is None:
            path = cache_folder / RDF_CACHE / f"{chunk}.pickle"
            raise OSError(errno.EIO, "the cache changed during the build; run kg build again", str(path))
        total.add(found)
    return total


def _org_lines(resolution: Resolution, total: Totals, cached: dict) -> dict[str, tuple[tuple, list[str]]]:
    """The labels and kind class of every organization the releases need them of
    (``org_node_triples``) as N-Triples lines, by OrgNode key, with what they say; lines
    ``cached`` (``Snapshot.org_lines``) that still say the same are not made again."""
    out = {}
    for key in total.labelled.keys() | total.typed.keys():
        node = resolution.organizations[key]
        labels, kind = key in total.labelled, key in total.typed
        says = (node.path, labels, kind, node.label, tuple(node.alt_labels), node.kind)
        found = cached.get(key)
        if found is None or found[0] != says:
            found = (says, org_node_lines(node, labels=labels, kind=kind))
        out[key] = found
    return out


def _shared_changes(total: Totals, last_org_lines: dict, org_only: set[str]) -> tuple[list, list]:
    """The shared lines (the releases' in ``total``, and the organizations' ``org_only``) that
    came and went since the snapshot: what its description needs to describe them now."""
    old_org = {line for _, lines in last_org_lines.values() for line in lines}

    def was(line: str) -> bool:
        return total.had(line) or line in old_org

    def is_(line: str) -> bool:
        return line in total.shared or line in org_only

    candidates = total.touched | old_org | org_only
    came = [line for line in candidates if is_(line) and not was(line)]
    went = [line for line in candidates if was(line) and not is_(line)]
    return came, went


def _write_graph(
    cache_folder: Path, turtle_path: Path, shared: Iterable[str], chunks: list[str], snapshot: Snapshot
) -> None:
    """Keep the snapshot for the next build, then write graph.ttl to ``turtle_path``."""
    save_snapshot(cache_folder, snapshot)
    write_into(turtle_path, _turtle_pieces(cache_folder, sorted(shared), chunks))


def _turtle_pieces(cache_folder: Path, shared_lines: list[str], chunks: list[str]) -> Iterator[bytes]:
    """graph.ttl: prefixes, shared statements, each release's statements."""
    yield turtle_header(TURTLE_PREFIXES).encode("utf-8")
    yield turtle_statements(shared_lines, TURTLE_PREFIXES).encode("utf-8")
    for chunk in chunks:
        yield (cache_folder / RDF_CACHE / f"{chunk}.ttl").read_bytes()


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
