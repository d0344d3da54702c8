"""The whole run from files to outputs: read releases, extract facts, write graph.ttl,
centrality.csv and graph.html. ``kg build`` and ``kg extract`` are thin wrappers over this.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.engine.atomic import install, write_atomic
from kg.engine.cache import CACHE_DIR
from kg.engine.corpus import Corpus, CorpusOptions, Progress, Skipped, build_corpus
from kg.engine.workers import Workers
from kg.errors import InputError
from kg.ingest.release import find_inputs, read_release
from kg.model import Release, ReleaseFacts
from kg.resolve.config import identity_config
from kg.resolve.resolution import RESOLUTION_FILE, gc_paused

GRAPH_FILE = "graph.ttl"
CENTRALITY_FILE = "centrality.csv"
HTML_FILE = "graph.html"
OUTPUTS = (GRAPH_FILE, CENTRALITY_FILE, HTML_FILE, RESOLUTION_FILE)  # in the order written


@dataclass
class BuildSummary:
    """What ``build`` read and wrote. Counts are of distinct nodes in the merged graph."""

    releases: int
    persons: int
    organizations: int
    memberships: int
    triples: int
    seconds: float
    paths: list[str] = field(default_factory=list)  # files written, in the order written
    skipped: list[Skipped] = field(default_factory=list)  # bad files found in folders
    cached: int = 0  # files whose facts came from OUTDIR/.kgcache instead of being read again
    # files with identical contents, each group in input order (each group is one release)
    duplicates: list[tuple[str, ...]] = field(default_factory=list)
    cache_problem: str | None = None  # why OUTDIR/.kgcache was made again, if it was


@dataclass(frozen=True)
class BuildOptions:
    """How ``build`` runs (see there)."""

    jobs: int | None = None
    strict: bool = False
    progress: Progress | None = None
    write_progress: Progress | None = None
    identity: str = "default"  # kg.resolve.config.IDENTITY_MODES


def extract_facts(path: str) -> ReleaseFacts:
    """Read the release at ``path`` (.txt or .html) and extract its facts.

    Raises an ``InputError`` subclass (``kg.errors``) naming ``path`` when the file is missing,
    empty, binary or not a press release.
    """
    from kg.facts.release import release_facts  # imports spaCy: only where a release is read

    return release_facts(read_release(path))


def mention_records(facts: ReleaseFacts) -> list[dict]:
    """One record per entity mention of ``facts``, offsets into the file's decoded text.

    ``text`` is the mention's surface form. For ``.txt`` input it equals
    ``decoded_file_text[start:end]``; for HTML input the offsets span the mention's characters in
    the HTML source, so markup or a character reference (``&amp;``) inside it is included.
    """
    release = facts.release
    return [
        {
            "doc": release.path,
            "start": release.source_offset(m.start),
            "end": _source_end(release, m.end),
            "text": m.text,
            "label": m.label,
        }
        for m in facts.mentions
    ]


def _source_end(release: Release, end: int) -> int:
    # The offset map is per character: map the last character, not the position after it,
    # which in HTML may sit past a closing tag.
    return release.source_offset(end - 1) + 1 if end > 0 else release.source_offset(0)


def extract(
    inputs: Sequence[str], *, strict: bool = False, skipped: list | None = None
) -> Iterator[dict]:
    """Yield a mention record for every entity mention in ``inputs`` (files or folders).

    Each record is ``{"doc", "start", "end", "text", "label"}`` where ``doc`` is the input path
    (as given, or joined to the folder given) and ``label`` is one of PERSON, ORG, TITLE, LOC,
    DATE. Files are read one at a time, in sorted order. As in ``build``, a bad file found in a
    folder is skipped (appended to ``skipped`` as an ``InputError``) unless ``strict``; a bad file
    named in ``inputs`` raises.
    """
    explicit = {given for given in inputs if not Path(given).is_dir()}
    for path in find_inputs(inputs):
        try:
            facts = extract_facts(path)
        except InputError as error:
            if strict or path in explicit:
                raise
            if skipped is not None:
                skipped.append(error)
            continue
        yield from mention_records(facts)


def build(
    inputs: Sequence[str],
    outdir: str | os.PathLike = "outputs",
    options: BuildOptions | None = None,
    **given,
) -> BuildSummary:
    """Build the knowledge graph of ``inputs`` (files or folders) and write it to ``outdir``.

    Writes ``graph.ttl`` (RDF, Turtle), ``centrality.csv`` (the actor ranking), ``graph.html``
    (the actor network, viewable offline) and ``resolution.json`` (which names of which releases
    are one node, and why: ``kg explain``). One organization or person named in several releases
    is one node (``kg.resolve``; ``identity`` "strict", "default" or "loose" says how much
    evidence joins two mentions of a name). Every input is read and every output rendered before
    the first file is written, so a bad input leaves earlier outputs untouched; each file is
    replaced atomically.

    ``options`` (or its fields as keywords: ``jobs``, ``strict``, ``progress``,
    ``write_progress``, ``identity``) say how. Facts and RDF of unchanged releases come from
    ``outdir/.kgcache`` (a database of data, never code: ``kg.engine.cache``); the others are
    read and written by ``jobs`` worker processes (default: all cores); ``progress(done,
    total)`` is called as files are read and ``write_progress(done, total)`` as releases are
    written. The graph is streamed to disk release by release (``kg.engine.corpus``), never
    held whole in memory. A bad file found in a folder is skipped (``BuildSummary.skipped``)
    unless ``strict``; a bad file named in ``inputs`` always fails the build.

    Raises ``kg.errors.KgError`` for a bad input and ``OSError`` (with ``filename`` set to the
    output path) when ``outdir`` cannot be written.
    """
    started = time.perf_counter()
    options = replace(options or BuildOptions(), **given)
    identity_config(options.identity)  # an unknown mode fails before anything is read
    out = Path(outdir)
    # The whole build holds millions of objects and no reference cycles worth the cyclic
    # collector's scans (kg.engine.corpus); what it leaves is freed by reference counts.
    with gc_paused():
        corpus = _build_into(inputs, out, options)
    return BuildSummary(
        releases=corpus.releases,
        persons=corpus.persons,
        organizations=corpus.organizations,
        memberships=corpus.memberships,
        triples=corpus.triples,
        seconds=time.perf_counter() - started,
        paths=[str(out / name) for name in OUTPUTS],
        skipped=corpus.skipped,
        cached=corpus.cached,
        duplicates=corpus.duplicates,
        cache_problem=corpus.cache_problem,
    )


def _build_into(inputs: Sequence[str], out: Path, options: BuildOptions) -> Corpus:
    """``build``'s work: the corpus read, its outputs written into ``out``."""
    workers = Workers(options.jobs or os.cpu_count() or 1)
    workers.warm_up()  # a worker loads spaCy while the inputs are found and hashed
    fresh = not out.exists()
    temporary: dict[Path, Path] = {}
    corpus = None
    try:
        paths = find_inputs(inputs, exclude=out)
        _make_folder(out)
        _make_folder(out / CACHE_DIR)
        corpus = build_corpus(paths, out / CACHE_DIR, _corpus_options(inputs, options), workers)
        temporary = {
            out / GRAPH_FILE: corpus.turtle_path,
            out / RESOLUTION_FILE: corpus.resolution_path,
        }
        contents = _rendered(corpus, out)
        corpus.wait()  # for graph.ttl and resolution.json, written meanwhile
        for path, written in temporary.items():
            _rename(written, path)
        for path, text in contents.items():
            _write(path, text)
    except BaseException:
        workers.abort()  # when build_corpus was not reached (it stops them itself)
        if corpus is not None:
            corpus.stop()
        for written in temporary.values():
            written.unlink(missing_ok=True)
        if fresh:  # a failed first build leaves no folder behind (only the cache was in it)
            shutil.rmtree(out, ignore_errors=True)
        raise
    return corpus


def _corpus_options(inputs: Sequence[str], options: BuildOptions) -> CorpusOptions:
    return CorpusOptions(
        name=", ".join(inputs),
        explicit=frozenset(name for name in inputs if not Path(name).is_dir()),
        jobs=options.jobs,
        strict=options.strict,
        progress=options.progress,
        write_progress=options.write_progress,
        background=True,
        meanwhile=_load_analysis,
        identity=options.identity,
    )


def _rendered(corpus: Corpus, out: Path) -> dict[Path, str]:
    """centrality.csv and graph.html of the corpus's network, ranked once for both (or the
    last build's scores, when the plan says the network is the last build's)."""
    from kg.engine.ranking import rank
    from kg.network.centrality import centrality_table
    from kg.render.html import render_html
    from kg.render.tables import table_to_csv

    network = corpus.network
    scores = rank(network, str(out / CACHE_DIR), corpus.states, corpus.plan.rerank)
    return {
        out / CENTRALITY_FILE: table_to_csv(centrality_table(network, scores)),
        out / HTML_FILE: render_html(network, page_title(corpus), scores, corpus.details),
    }


def _load_analysis() -> None:
    """Import what ranks and draws the network (NumPy, NetworkX, igraph, PyVis): done while
    the worker processes read, which start sooner for it."""
    import kg.network.centrality
    import kg.render.html  # noqa: F401

    try:
        import igraph  # noqa: F401  (kg.network.centrality loads it on first use)
    except ImportError:
        pass


def page_title(corpus: Corpus) -> str:
    """The heading of graph.html: the release's title, or how many releases are drawn."""
    if corpus.releases == 1:
        return corpus.title or "보도자료"
    return f"보도자료 {corpus.releases}건"


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "it exists and is not a folder", str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(folder)) from error


def _rename(temporary: Path, path: Path) -> None:
    try:
        install(temporary, path)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from error


def _write(path: Path, text: str) -> None:
    # write_atomic names the folder it failed in; the user needs the output's own name.
    try:
        write_atomic(path, text)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from error
