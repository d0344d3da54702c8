"""What a rebuild does, decided in one place from its inputs, the cache and the last build.

``plan_reading`` says which files are extracted (new or changed content, or unreadable) and
which are taken from the cache; once their summaries are resolved (``resolve_releases``),
``plan_rebuild`` says which releases' RDF is written and which is taken from the cache, what
the sums start from (the last build's, or nothing), what is taken out of them and added, and
whether the network is ranked again. Both return frozen dataclasses that a test can make and
read without running a build.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from kg.engine.state import Files, LastBuild, Lookups
from kg.resolve.forms import base_form
from kg.resolve.incremental import IdentityState, resolve_incremental
from kg.resolve.resolution import Resolution
from kg.resolve.summary import ReleaseSummary


@dataclass(frozen=True)
class InputFile:
    """A file to build, and the cache key of its facts (None: it could not be read; reading it
    again reports why)."""

    path: str
    key: str | None


@dataclass(frozen=True)
class ReadPlan:
    """The files a build reads: all of them in input order, and those it extracts."""

    files: tuple[InputFile, ...]
    extract: tuple[InputFile, ...]

    @property
    def cached(self) -> tuple[InputFile, ...]:
        """The files whose facts come from the cache."""
        extracted = set(self.extract)
        return tuple(f for f in self.files if f not in extracted)


def plan_reading(files: Iterable[InputFile], cached: Collection[str]) -> ReadPlan:
    """Extract the files whose key the cache lacks (``cached``: the keys it has)."""
    files = tuple(files)
    return ReadPlan(files, tuple(f for f in files if f.key is None or f.key not in cached))


def resolve_releases(
    summaries: Sequence[ReleaseSummary], last: IdentityState | None, identity: str = "default"
) -> tuple[Resolution, IdentityState]:
    """The resolution of a build's releases, the one call of the resolver, in the ``identity``
    mode, and what the next build's call reuses: ``last`` is the identity state the last build
    left (``kg.resolve.incremental``), whose names with unchanged evidence are not scored
    again. The resolution equals ``kg.resolve.resolution.resolve`` of the summaries."""
    return resolve_incremental(summaries, last, identity=identity)


@dataclass(frozen=True)
class PlannedRelease:
    """A release (files with one text are one release) and where its RDF comes from: the
    cache (``chunk``, its name there), or this build writes it (``chunk`` None)."""

    iri: str
    files: Files
    chunk: str | None


@dataclass(frozen=True)
class RebuildPlan:
    """What a rebuild writes, takes out and adds, and whether it ranks the network again."""

    extract: tuple[str, ...]  # paths whose facts are extracted
    releases: tuple[PlannedRelease, ...]  # every release, in input order
    from_last: bool  # the sums start from the last build's; else from nothing
    take_out: tuple[str, ...]  # RDF (chunks) of the last build's sums that goes
    add_cached: tuple[str, ...]  # cached RDF added to the sums (from nothing: all of it)
    rerank: bool  # the network may have changed: centrality is computed again
    duplicates: tuple[tuple[str, ...], ...]  # files with one text, each group in input order

    @property
    def write(self) -> tuple[PlannedRelease, ...]:
        """The releases whose RDF this build writes."""
        return tuple(r for r in self.releases if r.chunk is None)

    @property
    def kept(self) -> tuple[str, ...]:
        """The RDF (chunks) taken from the cache, in input order."""
        return tuple(r.chunk for r in self.releases if r.chunk is not None)


def plan_rebuild(
    read: ReadPlan,
    summaries: Sequence[ReleaseSummary],
    changed: Collection[str],
    last: LastBuild | None,
    cached_chunks: Collection[str],
) -> RebuildPlan:
    """The plan of a build whose readable releases have ``summaries`` (input order).

    A release the last build wrote, whose files are the same (paths and contents), none of
    them in ``changed`` (``views_changed``: their view of the resolution may differ) and whose
    RDF the cache still has, keeps its RDF; the others are written. The sums start from the
    last build's when that is less work than adding up every release: the RDF the last build
    had and this one does not is taken out (it must still be in the cache).
    """
    keys = {f.path: f.key for f in read.files}
    groups: dict[str, list[ReleaseSummary]] = {}
    for summary in summaries:
        groups.setdefault(summary.iri, []).append(summary)
    before = last.groups if last is not None else {}
    releases = []
    for iri, group in groups.items():
        files = tuple((s.path, keys[s.path]) for s in group)
        was = before.get(iri)
        same = (
            was is not None
            and was.files == files
            and all(key is not None for _, key in files)  # a file not hashed is read again
            and not any(s.path in changed for s in group)
            and was.chunk in cached_chunks
        )
        releases.append(PlannedRelease(iri, files, was.chunk if same else None))
    kept = [r.chunk for r in releases if r.chunk is not None]
    gone = sorted({g.chunk for g in before.values()} - set(kept))
    from_last = (
        last is not None
        and len(gone) <= len(kept)
        and all(chunk in cached_chunks for chunk in gone)
    )
    written = any(r.chunk is None for r in releases)
    return RebuildPlan(
        extract=tuple(f.path for f in read.extract),
        releases=tuple(releases),
        from_last=from_last,
        take_out=tuple(gone) if from_last else (),
        add_cached=() if from_last else tuple(kept),
        rerank=written or bool(gone) or not from_last,
        duplicates=tuple(tuple(s.path for s in g) for g in groups.values() if len(g) > 1),
    )


def views_changed(last: Lookups, new: Resolution, summaries: Iterable[ReleaseSummary]) -> set[str]:
    """The paths of the releases whose ``Resolution.view`` in ``new`` may differ from their view
    in the resolution ``last`` was taken of: a name of theirs now has another node, or a form of
    one of their organization names now leads to another node (or to one where none was)."""
    changed = set()
    for before, after in ((last.org_of, new.org_of), (last.person_of, new.person_of)):
        for key, node in after.items():
            if before.get(key) != node:
                changed.add(key[0])
        changed.update(key[0] for key in before.keys() - after.keys())
    moved = {
        key
        for key, node in new.organizations.items()
        if last.org_paths.get(key, node.path) != node.path
    }
    forms = {
        form
        for form in last.by_form.keys() | new.by_form.keys()
        if last.by_form.get(form) != new.by_form.get(form) or new.by_form.get(form) in moved
    }
    if moved:
        changed.update(rel for (rel, _), key in new.org_of.items() if key in moved)
    if forms:
        for summary in summaries:
            if summary.path not in changed and not forms.isdisjoint(
                map(base_form, _org_names(summary))
            ):
                changed.add(summary.path)
    return changed


def _org_names(summary: ReleaseSummary) -> list[str]:
    """The organization names whose nodes ``Resolution.view`` looks up for a release."""
    names = [o.name for o in summary.organizations] + summary.referenced
    return names + [a for o in summary.organizations for a in o.aliases]
