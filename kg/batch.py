"""Extract the facts of many releases: unchanged files from the cache, the others in a pool of
worker processes (each loads the spaCy pipeline once); bad files found in folders are skipped.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from kg.cache import FactsCache, facts_from_json, facts_to_json
from kg.errors import InputError
from kg.model import ReleaseFacts

Progress = Callable[[int, int], None]  # (releases done, releases in all)


@dataclass
class Skipped:
    """A file that is not a readable press release, left out of the build."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass
class Extraction:
    """The facts of every readable release (in input order) and what was skipped or reused."""

    facts: list[ReleaseFacts] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    cached: int = 0  # releases taken from the cache
    extracted: int = 0  # releases read and analysed in this run
    keys: set[str] = field(default_factory=set)  # cache entries of the releases read


def _init_worker() -> None:
    from kg.nlp import load

    load()


def extract_json(path: str) -> tuple[str, str | None, str | None]:
    """``(path, facts as JSON, None)`` or ``(path, None, problem)`` for a bad input.

    Runs in a worker process: plain strings cross the process boundary, not exceptions.
    """
    from kg.facts import release_facts
    from kg.ingest import read_release

    try:
        facts = release_facts(read_release(path))
    except InputError as error:
        return path, None, error.problem
    return path, facts_to_json(facts), None


def extract_many(
    paths: Sequence[str],
    *,
    explicit: Collection[str] = (),
    cache: FactsCache | None = None,
    jobs: int | None = None,
    strict: bool = False,
    progress: Progress | None = None,
) -> Extraction:
    """Extract the facts of ``paths``; unchanged files come from ``cache``.

    A bad file named in ``explicit`` (given by the user rather than found in a folder), or any
    bad file when ``strict``, raises ``InputError`` naming it; other bad files are skipped and
    listed in ``Extraction.skipped``. ``jobs`` worker processes (default: all cores) read the
    files not in the cache. Every release passes through the cache's JSON form, so a cached and a
    freshly extracted release are the same facts.
    """
    jobs = jobs or os.cpu_count() or 1
    result = Extraction()
    by_path: dict[str, ReleaseFacts] = {}
    keys: dict[str, str] = {}
    todo: list[str] = []
    for path in paths:
        key = _key(cache, path)
        facts = cache.get(key, path) if cache is not None and key is not None else None
        if facts is None:
            todo.append(path)
            if key is not None:
                keys[path] = key
        else:
            by_path[path] = facts
            result.cached += 1
            result.keys.add(key)
    done = result.cached
    if progress is not None:
        progress(done, len(paths))
    executor = None
    if jobs > 1 and len(todo) > 1:
        # Load the pipeline once here: forked workers inherit it instead of each loading it
        # (about a second each); where fork is unavailable each worker loads it on start.
        _init_worker()
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        executor = ProcessPoolExecutor(
            max_workers=min(jobs, len(todo)), mp_context=context, initializer=_init_worker
        )
        outcomes = executor.map(extract_json, todo, chunksize=max(1, len(todo) // (jobs * 8)))
    else:
        outcomes = map(extract_json, todo)
    try:
        for path, text, problem in outcomes:
            if text is None:
                if strict or path in explicit:
                    raise InputError(path, problem)
                result.skipped.append(Skipped(path, problem))
            else:
                by_path[path] = facts_from_json(text)
                result.extracted += 1
                if cache is not None and path in keys:
                    cache.put(keys[path], text)
                    result.keys.add(keys[path])
            done += 1
            if progress is not None:
                progress(done, len(paths))
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
    result.facts = [by_path[p] for p in paths if p in by_path]
    return result


def _key(cache: FactsCache | None, path: str) -> str | None:
    if cache is None:
        return None
    try:
        return cache.key(path)
    except OSError:
        return None  # unreadable: extraction reports it with the usual message
