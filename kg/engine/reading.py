"""Stage 1 of a corpus build: every readable file's ``ReleaseSummary``, from the cache or from
worker processes extracting the files the cache lacks (``kg.engine.plan.ReadPlan``).

Workers start on the files to extract (even a few: a worker loads spaCy) while this process
reads the cached summaries; a cached entry that does not decode is extracted again.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

from kg.engine.cache import CacheDB
from kg.engine.fingerprint import summary_fingerprint
from kg.engine.plan import ReadPlan
from kg.engine.release import FACTS, SUMMARY, ReadTask, read_batch
from kg.engine.workers import Workers
from kg.errors import CacheFormatError, InputError
from kg.resolve.summary import ReleaseSummary, summarize


@dataclass
class Skipped:
    """A file that is not a readable press release, left out of the build."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass
class Reading:
    """The summary of every readable release, in input order, and what was read how."""

    summaries: list[ReleaseSummary]
    skipped: list[Skipped]
    cached: int  # files whose summary came from the cache
    extracted: int  # files read and extracted


def read_summaries(read: ReadPlan, db: CacheDB, pool: Workers, options) -> Reading:
    """The summaries of ``read.files``: ``options`` as ``kg.engine.corpus.CorpusOptions``
    (``strict``, ``explicit``, ``progress``, ``meanwhile``)."""
    folder = str(db.folder)
    tasks = [ReadTask(f.path, f.key, folder) for f in read.extract]
    outcomes = pool.map(read_batch, tasks, len(tasks), in_process_below=1)  # workers start now
    if options.meanwhile is not None:
        options.meanwhile()
    summaries, again = _cached_summaries(read, db)
    cached = done = len(summaries)
    total = len(read.files)
    progress = options.progress
    if progress is not None:
        progress(done, total)
    skipped: list[Skipped] = []
    retry = [ReadTask(f.path, f.key, folder) for f in again]
    for result in chain(outcomes, read_batch(retry) if retry else ()):
        if result.summary is None:
            if options.strict or result.path in options.explicit:
                raise InputError(result.path, result.problem)
            skipped.append(Skipped(result.path, result.problem))
        else:
            summaries[result.path] = result.summary
        done += 1
        if progress is not None:
            progress(done, total)
    ordered = [summaries[f.path] for f in read.files if f.path in summaries]
    return Reading(ordered, skipped, cached, len(tasks) + len(retry) - len(skipped))


def _cached_summaries(read: ReadPlan, db: CacheDB) -> tuple[dict[str, ReleaseSummary], list]:
    """The summaries the cache has for ``read.cached``, by path, and the files whose entry
    did not decode (or went): they are extracted again."""
    paths_of: dict[str, list] = {}
    for f in read.cached:
        paths_of.setdefault(f.key, []).append(f)
    code = summary_fingerprint()
    found: dict[str, ReleaseSummary] = {}
    for key, blob, summary_code in db.facts_rows(list(paths_of), "summary"):
        for f in paths_of[key]:
            summary = _summary(db, key, blob, summary_code == code, f.path)
            if summary is not None:
                found[f.path] = summary
    return found, [f for f in read.cached if f.path not in found]


def _summary(db: CacheDB, key: str, blob: bytes, current: bool, path: str):
    try:
        if current:
            summary = SUMMARY.loads(blob)
            summary.path = path
            return summary
        # made by other summary code: made again from the facts
        for _, facts_blob, _ in db.facts_rows([key], "facts"):
            facts = FACTS.loads(facts_blob)
            facts.release.path = path
            return summarize(facts)
    except CacheFormatError:
        return None
    return None
