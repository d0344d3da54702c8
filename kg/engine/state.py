"""What a build leaves for the next one (``LastBuild``): its releases and their RDF, what the
releases' views read of the resolution, and the sums of their RDF, kept in the cache
database's ``state`` table as data: JSON, and large arrays of numbers as their bytes.

A state is a cache: when it is missing, of other code (``sums_fingerprint``) or does not
decode, the build sums every release's cached RDF instead, with the same result.
"""

from __future__ import annotations

import os
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from kg.engine.codec import dumps, loads
from kg.engine.fingerprint import sums_fingerprint
from kg.engine.sums import Totals
from kg.errors import CacheFormatError
from kg.network.actors import Description
from kg.network.sums import NetworkTotal
from kg.resolve.incremental import IdentityState
from kg.resolve.resolution import Resolution

Files = tuple[tuple[str, "str | None"], ...]  # (path, facts key) of each file of a release


@dataclass(frozen=True)
class ReleaseGroup:
    """The files of one release (files with one text are one release) and the name of its RDF
    in the cache."""

    files: Files
    chunk: str


@dataclass(frozen=True)
class Lookups:
    """What ``Resolution.view`` reads of a resolution: the node of each (release, name), the
    node of each base form, and each organization node's path."""

    org_of: dict[tuple[str, str], str]
    person_of: dict[tuple[str, str], str]
    by_form: dict[str, str]
    org_paths: dict[str, tuple[str, ...]]  # OrgNode key -> path

    @classmethod
    def of(cls, resolution: Resolution) -> Lookups:
        return cls(
            dict(resolution.org_of),
            dict(resolution.person_of),
            dict(resolution.by_form),
            {key: node.path for key, node in resolution.organizations.items()},
        )


#: OrgNode key -> (what its lines say, as JSON text; its N-Triples lines)
OrgLines = dict[str, tuple[str, list[str]]]


@dataclass
class LastBuild:
    """The state a build leaves: its releases by IRI, the lookups their views read, the sum of
    their RDF, each organization's lines and the description of the shared lines."""

    groups: dict[str, ReleaseGroup]
    lookups: Lookups
    totals: Totals
    org_lines: OrgLines = field(default_factory=dict)
    description: Description | None = None
    id: str = field(default_factory=lambda: os.urandom(8).hex())  # which state scores are of


def save_state(last: LastBuild) -> Iterator[tuple[str, bytes]]:
    """The rows of the ``state`` table for ``last`` (its totals exact), made one at a time
    (at 10,000 releases they are hundreds of megabytes)."""
    totals, lookups = last.totals, last.lookups
    yield "fingerprint", sums_fingerprint().encode()
    yield "id", last.id.encode()
    yield "groups", dumps([[iri, g.files, g.chunk] for iri, g in last.groups.items()])
    yield from _pieces("org_of", ([*k, v] for k, v in lookups.org_of.items()))
    yield from _pieces("person_of", ([*k, v] for k, v in lookups.person_of.items()))
    yield "lookups", dumps([lookups.by_form, lookups.org_paths])
    labelled, typed = list(totals.labelled.items()), list(totals.typed.items())
    yield "sums", dumps([totals.own, totals.memberships, labelled, typed])
    yield from _pieces("shared.lines", totals.shared)
    yield "shared.counts", array("q", totals.shared.values()).tobytes()
    yield "org_lines", dumps({k: [says, lines] for k, (says, lines) in last.org_lines.items()})
    d = last.description
    yield "description", dumps(None if d is None else [_types(d), sorted(d.units)])
    if d is not None:
        yield from _pieces("labels", ([n, p, v] for (n, p), v in d.labels.items()))
    yield from _network_rows(totals.network)


#: Items of a long list per row: a row is made whole in memory before it is stored.
PIECE = 50_000


def _pieces(name: str, items) -> Iterator[tuple[str, bytes]]:
    """A long list as the rows ``name.0``, ``name.1``, ... and ``name`` (how many)."""
    items = iter(items)
    count = 0
    while piece := list(islice(items, PIECE)):
        yield f"{name}.{count}", dumps(piece)
        count += 1
    yield name, str(count).encode()


def _joined(rows: dict[str, bytes], name: str) -> list:
    out: list = []
    for k in range(int(rows[name])):
        piece = loads(rows[f"{name}.{k}"])
        if type(piece) is not list:
            raise ValueError(f"the state's {name} is not a list")
        out += piece
    return out


def _types(d: Description) -> dict[str, list[str]]:
    return {node: sorted(types) for node, types in d.types.items()}


def _network_rows(net: NetworkTotal) -> Iterator[tuple[str, bytes]]:
    yield "net.names", dumps(net.names)
    yield "net.ties", array("q", net.weights).tobytes()  # weights and kinds: the same keys
    yield "net.weights", array("d", net.weights.values()).tobytes()
    yield "net.kinds", array("q", (net.kinds[k] for k in net.weights)).tobytes()
    yield "net.mentions", array("q", (x for item in net.mentions.items() for x in item)).tobytes()
    givers = (x for i, (a, b) in net.givers.items() for x in (i, a, b))
    yield "net.givers", array("q", givers).tobytes()
    for name, counts in (("net.roles", net.roles), ("net.member_of", net.member_of)):
        flat = (x for i, c in counts.items() for j, n in c.items() for x in (i, j, n))
        yield name, array("q", flat).tobytes()
    yield from _pieces("net.first", ([i, *v] for i, v in net.first_mention.items()))
    yield from _pieces("net.evidence", ([i, *v] for i, v in net.evidence.items()))


#: The row of the state table that keeps the resolver's state (``IdentityState``): each
#: repeated name's evidence digest and result. It stands on its own (the resolver checks the
#: digests, the mode and its data files) and is kept across states.
IDENTITY = "identity"


def load_identity(blob: bytes | None) -> IdentityState | None:
    """The identity state of the ``IDENTITY`` row, or None (missing, or not one)."""
    if blob is None:
        return None
    try:
        return IdentityState.from_data(loads(blob))
    except (CacheFormatError, KeyError, TypeError, ValueError, AttributeError):
        return None


def identity_changed(last: IdentityState | None, new: IdentityState) -> bool:
    """Whether ``new`` differs from ``last``: a name was scored, came or went (a name not
    scored took its result, digest and all, from ``last``)."""
    return (
        last is None
        or bool(new.scored)
        or (last.identity, last.fingerprint) != (new.identity, new.fingerprint)
        or last.names.keys() != new.names.keys()
    )


def load_state(rows: dict[str, bytes]) -> LastBuild | None:
    """The ``LastBuild`` of the ``state`` rows, or None when there is none of this code or
    the rows do not decode."""
    if rows.get("fingerprint") != sums_fingerprint().encode():
        return None
    try:
        return _load(rows)
    except (CacheFormatError, KeyError, TypeError, ValueError, IndexError):
        return None


def _load(rows: dict[str, bytes]) -> LastBuild:
    groups = {
        iri: ReleaseGroup(tuple((p, k) for p, k in files), chunk)
        for iri, files, chunk in loads(rows["groups"])
    }
    by_form, org_paths = loads(rows["lookups"])
    lookups = Lookups(
        {(r, n): k for r, n, k in _joined(rows, "org_of")},
        {(r, n): k for r, n, k in _joined(rows, "person_of")},
        dict(by_form),
        {k: tuple(v) for k, v in org_paths.items()},
    )
    totals = Totals()
    totals.own, totals.memberships, labelled, typed = loads(rows["sums"])
    totals.labelled.update(dict(labelled))
    totals.typed.update(dict(typed))
    lines = [str(line) for line in _joined(rows, "shared.lines")]
    counts = _ints(rows["shared.counts"])
    if len(lines) != len(counts):
        raise ValueError("shared lines and their counts differ in number")
    totals.shared = Counter(dict(zip(lines, counts, strict=True)))
    totals.network = _network(rows)
    org_lines = {k: (says, lines) for k, (says, lines) in loads(rows["org_lines"]).items()}
    description = _description(loads(rows["description"]), rows)
    return LastBuild(groups, lookups, totals, org_lines, description, rows["id"].decode())


def _ints(blob: bytes) -> list[int]:
    numbers = array("q")
    numbers.frombytes(blob)
    return numbers.tolist()


def _triples(blob: bytes, size: int) -> list[list[int]]:
    flat = _ints(blob)
    if len(flat) % size:
        raise ValueError("an array of the state is cut short")
    return [flat[k : k + size] for k in range(0, len(flat), size)]


def _network(rows: dict[str, bytes]) -> NetworkTotal:
    net = NetworkTotal()
    net.names = [str(name) for name in loads(rows["net.names"])]
    net.ids = {name: i for i, name in enumerate(net.names)}
    keys = _ints(rows["net.ties"])
    weights = array("d")
    weights.frombytes(rows["net.weights"])
    kinds = _ints(rows["net.kinds"])
    if not len(keys) == len(weights) == len(kinds):
        raise ValueError("the ties of the state differ in number")
    net.weights = dict(zip(keys, weights.tolist(), strict=True))
    net.kinds = dict(zip(keys, kinds, strict=True))
    net.mentions = dict(_triples(rows["net.mentions"], 2))
    net.givers = {i: [a, b] for i, a, b in _triples(rows["net.givers"], 3)}
    for name, mine in (("net.roles", net.roles), ("net.member_of", net.member_of)):
        for i, j, n in _triples(rows[name], 3):
            mine.setdefault(i, {})[j] = n
    net.first_mention = {i: (o, m, s) for i, o, m, s in _joined(rows, "net.first")}
    net.evidence = {i: (m, t) for i, m, t in _joined(rows, "net.evidence")}
    return net


def _description(data, rows: dict[str, bytes]) -> Description | None:
    if data is None:
        return None
    types, units = data
    d = Description()
    for node, classes in types.items():
        d.types[node] = set(classes)
    for node, predicate, values in _joined(rows, "labels"):
        d.labels[(node, predicate)] = [tuple(v) for v in values]
    d.units = {tuple(u) for u in units}
    return d
