"""What a corpus build added up, kept so that the next build of a grown folder adds only the new
releases to it instead of summing every release again.

``ReleaseRDF`` is what one release adds to a corpus graph besides its own statements; ``Totals``
is the sum over releases (order does not matter: sets, counts, and tie weights that are sums of
halves, exact in floating point). ``Snapshot`` keeps the totals of a build with the inputs and
the resolution they were written with; ``changed_releases`` finds the releases whose RDF a new
resolution changes. A snapshot is a cache: when it is missing, stale or unreadable the build
sums every release's cached parts, with the same result.
"""

from __future__ import annotations

import gc
import pickle
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from kg.engine.atomic import install, new_temporary
from kg.network.actors import Description
from kg.network.details import DetailsTotal, PackedDetails
from kg.network.ties import NetworkPart, NetworkTotal
from kg.resolve.forms import base_form
from kg.resolve.resolution import Resolution
from kg.resolve.summary import ReleaseSummary

SNAPSHOT_FILE = "corpus.snapshot"  # in OUTDIR/.kgcache
# release IRI -> its files ((path, cache key), ...) and the name of its RDF in the cache
Groups = dict[str, tuple[tuple[tuple[str, str | None], ...], str]]


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
    details: PackedDetails | None = None  # what it says of each actor (kg.details)


class Totals:
    """The sum of the ``ReleaseRDF`` of many releases; a release can be taken out again
    (``subtract``) as long as the sum stays ``exact``."""

    def __init__(self) -> None:
        self.before: dict[str, bool] | None = None  # see track
        self.shared: Counter[str] = Counter()  # line -> releases that have it
        self.labelled: Counter[str] = Counter()
        self.typed: Counter[str] = Counter()
        self.network = NetworkTotal()
        self.details = DetailsTotal()
        self.own = 0
        self.memberships = 0

    def __getstate__(self) -> dict:
        return {**self.__dict__, "before": None}

    def track(self) -> None:
        """Note from now on which shared lines are added or taken out (``touched``, ``had``)."""
        self.before = {}

    @property
    def touched(self) -> Iterable[str]:
        """The shared lines added or taken out since ``track``."""
        return (self.before or {}).keys()

    def had(self, line: str) -> bool:
        """Whether ``line`` was a shared line when ``track`` was called."""
        before = self.before or {}
        return before.get(line, line in self.shared)

    def _note(self, lines: Iterable[str]) -> None:
        before, shared = self.before, self.shared
        for line in lines:
            if line not in before:
                before[line] = line in shared

    @property
    def exact(self) -> bool:
        """Whether the sum is known to equal that of the releases added and not taken out."""
        return not self.network.unsure

    def add(self, result: ReleaseRDF) -> None:
        if self.before is not None:
            self._note(result.shared)
        self.shared.update(result.shared)
        self.labelled.update(result.labelled)
        self.typed.update(result.typed)
        self.network.add(result.part)
        if result.details is not None:
            self.details.add(result.details)
        self.own += result.own
        self.memberships += result.memberships

    def subtract(self, result: ReleaseRDF) -> None:
        if self.before is not None:
            self._note(result.shared)
        for mine, theirs in (
            (self.shared, result.shared),
            (self.labelled, result.labelled),
            (self.typed, result.typed),
        ):
            for value in theirs:
                left = mine[value] - 1
                if left:
                    mine[value] = left
                else:
                    del mine[value]
        self.network.subtract(result.part)
        if result.details is not None:
            self.details.subtract(result.details)
        self.own -= result.own
        self.memberships -= result.memberships


@dataclass
class Snapshot:
    """The totals of a build's releases, and what they were written from.

    ``groups`` maps each release IRI to its files ``((path, cache key), ...)`` and the name of
    its RDF in the cache. ``lookups`` is the pickled ``Lookups`` of the resolution that every
    release's ``Resolution.view`` read (pickled as soon as it is made, so that the build does not
    hold it as objects).
    """

    fingerprint: str  # kg's code_fingerprint: another kg starts from scratch
    groups: Groups
    lookups: bytes
    totals: Totals = field(default_factory=Totals)
    # OrgNode key -> (what its lines say, the lines): kg.rdf.org_node_triples of each organization
    org_lines: dict[str, tuple[tuple, list[str]]] = field(default_factory=dict)
    description: Description | None = None  # kg.network.actors.describe of the shared lines


@dataclass
class Lookups:
    """What ``Resolution.view`` reads of a resolution: the node of each (release, name), the
    node of each base form, and each organization node's path."""

    org_of: dict[tuple[str, str], str]
    person_of: dict[tuple[str, str], str]
    by_form: dict[str, str]
    org_paths: dict[str, tuple[str, ...]]  # OrgNode key -> path

    @classmethod
    def pickled(cls, resolution: Resolution) -> bytes:
        lookups = cls(
            resolution.org_of,
            resolution.person_of,
            resolution.by_form,
            {key: node.path for key, node in resolution.organizations.items()},
        )
        return pickle.dumps(lookups, protocol=pickle.HIGHEST_PROTOCOL)


# The largest parts of a snapshot, pickled one after the other: a pickle is made whole in memory
# before it is written, and at 10,000 releases the snapshot's would be hundreds of megabytes.
_PARTS = (
    ("totals", "shared"),
    ("totals", "network", "weights"),
    ("totals", "network", "kinds"),
    ("totals", "network", "first_mention"),
    ("totals", "network", "evidence"),
    ("description",),
    ("org_lines",),
)
_SLICE = 50_000  # items of a large dict per pickle
_UNREADABLE = (
    OSError,
    pickle.UnpicklingError,
    EOFError,
    AttributeError,
    ImportError,
    TypeError,
    ValueError,
)


def load_snapshot(folder: Path, fingerprint: str) -> Snapshot | None:
    """The snapshot in ``folder`` if kg's code (``fingerprint``) made it, else None."""
    collecting = gc.isenabled()
    gc.disable()  # a snapshot is hundreds of thousands of objects and no cycles
    try:
        with open(folder / SNAPSHOT_FILE, "rb") as file:
            if pickle.load(file) != fingerprint:
                return None
            snapshot = pickle.load(file)
            for path in _PARTS:
                _set(snapshot, path, _load_part(file))
    except _UNREADABLE:
        return None
    finally:
        if collecting:
            gc.enable()
    return snapshot if isinstance(snapshot, Snapshot) else None


def save_snapshot(folder: Path, snapshot: Snapshot) -> None:
    """Keep ``snapshot`` for the next build; failing to costs that build speed only."""
    parts = [_get(snapshot, path) for path in _PARTS]
    try:
        temporary = new_temporary(folder, SNAPSHOT_FILE)
        try:
            with open(temporary, "wb") as out:
                pickle.dump(snapshot.fingerprint, out)
                for path in _PARTS:
                    _set(snapshot, path, None)
                pickle.dump(snapshot, out, protocol=pickle.HIGHEST_PROTOCOL)
                for part in parts:
                    _dump_part(part, out)
            install(temporary, folder / SNAPSHOT_FILE)
        finally:
            temporary.unlink(missing_ok=True)
    except OSError:
        (folder / SNAPSHOT_FILE).unlink(missing_ok=True)
    finally:
        for path, part in zip(_PARTS, parts, strict=True):
            _set(snapshot, path, part)


def _dump_part(part, out: BinaryIO) -> None:
    """Pickle ``part`` into ``out``; a large dict as slices of its items, one pickle each."""
    if type(part) not in (dict, Counter) or len(part) <= _SLICE:
        pickle.dump((None, 0), out)
        pickle.dump(part, out, protocol=pickle.HIGHEST_PROTOCOL)
        return
    pickle.dump((type(part).__name__, len(part)), out)
    items = iter(part.items())
    while piece := list(islice(items, _SLICE)):
        pickle.dump(piece, out, protocol=pickle.HIGHEST_PROTOCOL)


def _load_part(file: BinaryIO):
    kind, size = pickle.load(file)
    if kind is None:
        return pickle.load(file)
    part = Counter() if kind == "Counter" else {}
    while len(part) < size:
        dict.update(part, pickle.load(file))
    return part


def _get(snapshot: Snapshot, path: tuple[str, ...]):
    value = snapshot
    for name in path:
        value = getattr(value, name)
    return value


def _set(snapshot: Snapshot, path: tuple[str, ...], value) -> None:
    setattr(_get(snapshot, path[:-1]), path[-1], value)


def changed_releases(
    old: Snapshot, new: Resolution, summaries: Iterable[ReleaseSummary]
) -> set[str]:
    """The paths of the releases whose ``Resolution.view`` in ``new`` may differ from their view
    in the resolution ``old`` was made with: a name of theirs now has another node, or a form of
    one of their organization names now leads to another node (or to one where none was)."""
    last: Lookups = pickle.loads(old.lookups)
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
