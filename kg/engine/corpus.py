"""Many releases into one graph, streamed: memory grows with the entities, not the triples.

1. **Read.** Worker processes extract the facts of the files the cache lacks
   (``kg.engine.plan.plan_reading``), keep them in the cache database (``kg.engine.cache``)
   and hand back a ``ReleaseSummary``: the few kilobytes resolution needs.
2. **Resolve** the summaries into shared nodes (``kg.engine.plan.resolve_releases``);
   resolution.json is written by a child process meanwhile (``kg.engine.background``).
3. **Plan** (``kg.engine.plan.plan_rebuild``): which releases' RDF is written, and what the
   sums start from: the last build's (``kg.engine.state``), less what went, or nothing.
4. **Write.** Workers write each release's RDF from its cached facts and its ``Resolution.view``
   (``kg.engine.release``): the Turtle statements about the release's own nodes go to the
   cache; what it shares (``kg.engine.sums.ReleaseRDF``: the triples about persons,
   organizations and roles, its part of the actor network) comes back and is added up.
5. **Assemble** graph.ttl and the actor network (``kg.engine.assembly``), and keep the state
   for the next build.

The graph equals ``facts_to_graph`` of all the facts with their resolution, and the network
``actor_network`` of that graph (tests/test_corpus_stream.py); a rebuild gives the bytes of a
clean build (tests/test_snapshot.py).
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain
from pathlib import Path

from kg.engine import assembly
from kg.engine.atomic import TEMPORARY_SUFFIX, new_temporary, write_into
from kg.engine.background import Background
from kg.engine.cache import CacheDB, CachedDetails, facts_key
from kg.engine.codec import dumps
from kg.engine.plan import (
    InputFile,
    RebuildPlan,
    plan_reading,
    plan_rebuild,
    resolve_releases,
    views_changed,
)
from kg.engine.reading import Skipped, read_summaries
from kg.engine.release import WriteTask, using, write_batch
from kg.engine.state import (
    IDENTITY,
    LastBuild,
    Lookups,
    ReleaseGroup,
    identity_changed,
    load_identity,
    load_state,
    save_state,
)
from kg.engine.sums import ReleaseRDF, Totals
from kg.engine.workers import Workers
from kg.errors import CacheFormatError, InputError
from kg.network.actors import ActorNetwork, assemble
from kg.resolve.resolution import Resolution

# Past this many releases graph.ttl, resolution.json and the state are written by the build's
# own process (resolution.json by a thread, while the releases are written), not by forked
# children: a child would copy too much memory (kg.engine.background). graph.ttl and the state
# are written before the network is assembled, their lines then freed: writing them beside
# the assembly and the ranking took the build past 2 GB at 10,000 releases.
BACKGROUND_MAX_RELEASES = 3_000

Progress = Callable[[int, int], None]  # progress(done, total)


@dataclass(frozen=True)
class CorpusOptions:
    """How ``build_corpus`` runs (see there)."""

    name: str = ""
    explicit: frozenset[str] = frozenset()
    jobs: int | None = None
    strict: bool = False
    progress: Progress | None = None
    write_progress: Progress | None = None
    background: bool = False
    meanwhile: Callable[[], None] | None = None
    identity: str = "default"  # kg.resolve.config.IDENTITY_MODES


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
    plan: RebuildPlan
    skipped: list[Skipped] = field(default_factory=list)
    cached: int = 0  # files whose facts came from the cache
    extracted: int = 0
    written: int = 0  # releases (texts) whose RDF was written in this run, not taken from the cache
    states: tuple[str, str] = ("", "")  # ids of the last build's state and of this one's
    details: CachedDetails | None = None  # what each release says of each actor (graph.html)
    cache_problem: str | None = None  # why the cache database was made again, if it was

    @property
    def resumed(self) -> bool:
        """Whether the last build's sums were the start, not every release."""
        return self.plan.from_last

    @property
    def duplicates(self) -> list[tuple[str, ...]]:
        """Groups of files with identical contents (each group is one release)."""
        return list(self.plan.duplicates)

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


def build_corpus(
    paths: Sequence[str],
    cache_folder: Path,
    options: CorpusOptions | None = None,
    workers: Workers | None = None,
    **given,
) -> Corpus:
    """Read, resolve and write the releases at ``paths``; graph.ttl and resolution.json go to
    temporary files in ``cache_folder`` (``Corpus.turtle_path``, ``Corpus.resolution_path``),
    which the caller renames into place. ``options`` (or its fields as keywords) say how:

    With ``background``, child processes may still be writing the files when this returns,
    while the caller ranks the network: ``Corpus.wait()``. ``meanwhile()`` is called once the
    worker processes are reading. ``workers`` (default: ``jobs`` of them, started as needed)
    are stopped when this returns. A bad file named in ``explicit``, or any bad file when
    ``strict``, raises ``InputError``; other bad files are skipped (``Corpus.skipped``), and
    when no file is left, ``InputError`` names the inputs as ``name`` (default: the paths).
    ``progress(done, total)`` is called as files are read, ``write_progress(done, total)`` as
    releases are written. The cache keeps the facts and RDF of the releases read; entries of
    other releases are removed.
    """
    options = replace(options or CorpusOptions(), **given)
    cache_folder = Path(cache_folder)
    _sweep(cache_folder)
    pool = workers or Workers(options.jobs or os.cpu_count() or 1)
    collecting = gc.isenabled()
    try:
        with using(CacheDB(cache_folder)) as db:
            corpus = _Build(paths, db, pool, options).run()
        if not options.background:
            corpus.wait()
        return corpus
    except BaseException:
        pool.abort()
        raise
    finally:
        pool.close()
        if collecting:
            gc.enable()


class _Build:
    """One run of ``build_corpus``."""

    def __init__(self, paths, db: CacheDB, pool: Workers, options: CorpusOptions) -> None:
        self.paths, self.db, self.pool, self.options = list(paths), db, pool, options
        self.folder = db.folder
        self.db.sweep_old_layout()
        self.writing: list[Background] = []
        self.written = 0

    def run(self) -> Corpus:
        # The build makes millions of small objects that live to its end and hold no reference
        # cycles (the summaries read, the state, the resolution): the cyclic garbage collector
        # would scan them again and again (reading 10,000 cached summaries took 5.2 s with it,
        # 2.2 s without). Workers collect as usual.
        gc.disable()
        files = [InputFile(path, _key(path)) for path in self.paths]
        read = plan_reading(files, self.db.facts_keys())
        reading = read_summaries(read, self.db, self.pool, self.options)
        if not reading.summaries:
            problems = "; ".join(str(s) for s in reading.skipped)
            raise InputError(
                self.options.name or ", ".join(self.paths),
                f"no file could be read as a press release; {problems}",
            )
        last = load_state(self.db.state())
        known = load_identity(self.db.state_row(IDENTITY))
        resolution, identity = resolve_releases(reading.summaries, known, self.options.identity)
        if identity_changed(known, identity):
            self.db.put_state({IDENTITY: dumps(identity.to_data())})
        del known, identity
        changed = views_changed(last.lookups, resolution, reading.summaries) if last else set()
        plan = plan_rebuild(read, reading.summaries, changed, last, self.db.release_chunks())
        resolution_path = new_temporary(self.folder, "resolution.json")
        chunks = resolution.json_chunks()
        self.writing.append(
            Background(
                lambda: write_into(resolution_path, chunks),
                what="resolution.json",
                folder=str(self.folder),
                fork=len(plan.releases) < BACKGROUND_MAX_RELEASES,
                thread=True,  # while this process mostly waits for the workers
            )
        )
        try:
            return self._write_and_assemble(plan, reading, resolution, last, resolution_path)
        except BaseException:
            for job in self.writing:
                job.stop()
            resolution_path.unlink(missing_ok=True)
            raise

    def _start_totals(self, plan: RebuildPlan, last: LastBuild | None) -> Totals:
        """The sum the written releases are added to: the last build's less what went, or the
        cached RDF of the releases kept."""
        if plan.from_last and last is not None:
            totals = last.totals
            totals.track()
            try:
                for chunk in plan.take_out:
                    totals.subtract(self._rdf(chunk))
                return totals
            except CacheFormatError:  # a row went since the plan: add everything up instead
                pass
        return self._sum(plan.kept if plan.from_last else plan.add_cached)

    def _sum(self, chunks) -> Totals:
        totals = Totals()
        for chunk in chunks:
            totals.add(self._rdf(chunk))
        return totals

    def _rdf(self, chunk: str) -> ReleaseRDF:
        blob = self.db.release_rdf(chunk)
        if blob is None:
            raise CacheFormatError(f"the RDF of release {chunk} is missing")
        return ReleaseRDF.from_bytes(blob)

    def _write(self, plan: RebuildPlan, resolution: Resolution, groups: dict) -> Totals:
        """Write the releases the plan says to, adding them to the sums as they come."""
        summaries = self._summaries_of(plan)
        last = self._last
        totals = self._start_totals(plan, last)
        del self._last
        done, total = len(plan.releases) - len(plan.write), len(plan.releases)
        progress = self.options.write_progress
        if progress is not None:
            progress(done, total)
        folder = str(self.folder)
        tasks = (
            WriteTask(r.iri, r.files, resolution.view(summaries[r.iri]), folder) for r in plan.write
        )
        for result in self.pool.map(write_batch, tasks, len(plan.write)):
            totals.add(result.rdf)  # each release's results are added up as they come, not kept
            self.written += result.written
            groups[result.iri] = ReleaseGroup(groups[result.iri].files, result.chunk)
            done += 1
            if progress is not None:
                progress(done, total)
        self.pool.close()  # the workers' memory is not needed any more
        if not totals.exact:  # the last build's sum could not be taken apart
            totals = self._sum(g.chunk for g in groups.values())
        return totals

    def _summaries_of(self, plan: RebuildPlan) -> dict:
        written = {r.iri for r in plan.write}
        out: dict[str, list] = {}
        for summary in self._reading.summaries:
            if summary.iri in written:
                out.setdefault(summary.iri, []).append(summary)
        return out

    def _write_and_assemble(self, plan, reading, resolution, last, resolution_path) -> Corpus:
        first = reading.summaries[0]
        self._reading, self._last = reading, last
        lookups = Lookups.of(resolution)
        groups = {r.iri: ReleaseGroup(r.files, r.chunk or "") for r in plan.releases}
        totals = self._write(plan, resolution, groups)
        reading.summaries.clear()
        if self.writing[0].threaded:  # it reads the resolution that slim() takes apart
            self.writing.pop(0).wait()
        resolution.slim()
        resumed = plan.from_last and totals is (last.totals if last else None)
        last_lines = last.org_lines if last is not None else {}
        lines = assembly.org_lines(resolution, totals, last_lines)
        org_only = assembly.org_only_lines(lines, totals)
        description = assembly.described(
            totals, lines, org_only, last.description if resumed else None, last_lines
        )
        state = LastBuild(groups, lookups, totals, lines, description)
        # Nothing written, taken out or relabelled: the last state is this one's (kept as it is)
        same = last is not None and not plan.rerank and lines == last_lines
        if same:
            state.id = last.id
        self.states = (last.id if last is not None else "", state.id)
        del last
        chunks = [g.chunk for g in groups.values()]
        turtle_path = new_temporary(self.folder, "graph.ttl")
        shared = chain(totals.shared, org_only)
        work = partial(
            _write_graph, str(self.folder), turtle_path, shared, chunks, None if same else state
        )
        # A large corpus writes here and frees its lines before the network is assembled.
        self.writing.append(
            Background(
                work,
                what="graph.ttl",
                folder=str(self.folder),
                fork=len(chunks) < BACKGROUND_MAX_RELEASES,
            )
        )
        triples = totals.own + len(totals.shared) + len(org_only)
        del shared, work, state, lookups
        totals.shared = Counter()  # written (or in the writing child's copy): not needed here
        try:
            network = assemble(description, totals.network)
        except BaseException:
            self.writing[-1].stop()
            turtle_path.unlink(missing_ok=True)
            raise
        return Corpus(
            releases=len(chunks),
            title=first.title or Path(first.path).name,
            turtle_path=turtle_path,
            resolution_path=resolution_path,
            writing=self.writing,
            network=network,
            persons=len(description.persons),
            organizations=sum(_ORGANIZATION in t for t in description.types.values()),
            memberships=totals.memberships,
            triples=triples,
            plan=plan,
            skipped=reading.skipped,
            cached=reading.cached,
            extracted=reading.extracted,
            written=self.written,
            states=self.states,
            cache_problem=self.db.problem,
            details=CachedDetails(
                str(self.folder), sorted((i, g.chunk) for i, g in groups.items())
            ),
        )


_ORGANIZATION = "http://www.w3.org/ns/org#Organization"


def _write_graph(
    folder: str, turtle_path: Path, shared, chunks: list[str], state: LastBuild | None
) -> None:
    """Write graph.ttl to ``turtle_path``, then keep the state for the next build (with the
    rows it needs: the others are dropped); None: the last build's state stays."""
    write_into(turtle_path, assembly.turtle_pieces(folder, shared, chunks))
    if state is None:
        return
    db = CacheDB(folder)
    try:
        keep_facts = {key for g in state.groups.values() for _, key in g.files if key is not None}
        db.finish(save_state(state), keep_facts, set(chunks))
    finally:
        db.close()


def _sweep(cache_folder: Path) -> None:
    """Remove the temporary files a build stopped by Ctrl-C or a crash left in the cache."""
    for stale in cache_folder.glob(f".*{TEMPORARY_SUFFIX}"):
        stale.unlink(missing_ok=True)


def _key(path: str) -> str | None:
    try:
        return facts_key(path)
    except OSError:
        return None  # unreadable: reading it reports the usual message


__all__ = ["BACKGROUND_MAX_RELEASES", "Corpus", "CorpusOptions", "Skipped", "build_corpus"]
