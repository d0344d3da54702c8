"""Entity resolution across releases: which organizations and persons of many releases are one
node, and the evidence (releases, character spans, the scored features) behind every decision.

``resolve(summaries, identity=...)`` is a pure function of the whole corpus;
``kg.resolve.incremental.resolve_incremental`` gives the same from the last build's state,
revisiting only what changed. ``kg.rdf`` mints IRIs from the keys, and ``kg build`` writes the
resolution to ``resolution.json`` so that ``kg explain`` can say why nodes are what they are.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING

from kg.model import ReleaseFacts
from kg.resolve.config import identity_config
from kg.resolve.forms import base_form, canonical, org_key
from kg.resolve.summary import ReleaseSummary, summarize

if TYPE_CHECKING:
    from kg.resolve.persons import NameCache


RESOLUTION_FILE = "resolution.json"  # written by kg build next to graph.ttl


@dataclass
class Occurrence:
    """One release's name for a node, and where the release writes it (source offsets)."""

    release: str  # Release.path
    name: str  # the name the release's facts use
    spans: list[tuple[int, int]] = field(default_factory=list)
    # a person's posts in the release: (title, organization, how it was inferred or None)
    posts: list[tuple[str | None, str | None, str | None]] = field(default_factory=list)


@dataclass
class OrgNode:
    """A resolved organization: ``path`` is its top-level key, then its unit names."""

    path: tuple[str, ...]
    label: str
    alt_labels: list[str]
    kind: str
    occurrences: list[Occurrence]
    reasons: list[str]

    key: str = field(init=False, repr=False, compare=False)  # org_key of the path

    def __post_init__(self) -> None:
        self.key = _path_key(self.path)


@lru_cache(maxsize=1 << 16)
def _path_key(path: tuple[str, ...]) -> str:
    """``org_key`` of a node's path; cached, as every ``Resolution.view`` copies its nodes."""
    return org_key(path[-1], path[:-1])


@dataclass
class PersonNode:
    """A resolved person: the mentions of one name that the evidence makes one person."""

    name: str
    anchor: str  # org key most of its mentions hold, or a release IRI: unique for the name
    occurrences: list[Occurrence]
    reasons: list[str]
    # the scored pair decisions behind it (kg.resolve.identity.decision_record): joins, and
    # kept-apart pairs with "other", the key of the other node
    decisions: list[dict] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{canonical(self.name)}|{self.anchor}"


@dataclass
class Resolution:
    """Which node each (release path, name) of a corpus belongs to."""

    organizations: dict[str, OrgNode] = field(default_factory=dict)  # by OrgNode.key
    persons: dict[str, PersonNode] = field(default_factory=dict)  # by PersonNode.key
    org_of: dict[tuple[str, str], str] = field(default_factory=dict)
    person_of: dict[tuple[str, str], str] = field(default_factory=dict)
    by_form: dict[str, str] = field(default_factory=dict)  # base form -> top-level org key
    identity: str = "default"  # the mode persons were resolved with (IDENTITY_MODES)

    def org(self, release: str, name: str) -> OrgNode | None:
        """The node of the organization ``name`` of a release; a name the release's facts did
        not list falls back to the top-level node one of whose forms it is."""
        key = self.org_of.get((release, name)) or self.by_form.get(base_form(name))
        return self.organizations[key] if key is not None else None

    def person(self, release: str, name: str) -> PersonNode | None:
        key = self.person_of.get((release, name))
        return self.persons[key] if key is not None else None

    def view(self, summaries: Iterable[ReleaseSummary]) -> Resolution:
        """What the RDF of these releases reads of the resolution: the node of each of their
        names, without occurrences, reasons, labels or kinds (their IRIs depend on nothing
        else; ``kg.rdf`` leaves labels and kinds to ``org_node_triples``). Small, so it can go
        to a worker process; equal views give equal triples (the corpus cache's key)."""
        out = Resolution()
        org_of, by_form, organizations = self.org_of, self.by_form, self.organizations
        for summary in summaries:
            rel = summary.path
            names = [o.name for o in summary.organizations] + summary.referenced
            names += [a for o in summary.organizations for a in o.aliases]
            for name in names:
                key = org_of.get((rel, name))
                if key is not None:
                    out.org_of[(rel, name)] = key
                    if key not in out.organizations:
                        out.organizations[key] = _path_only(organizations[key])
                form = base_form(name)
                key = by_form.get(form)
                if key is not None:
                    out.by_form[form] = key
                    if key not in out.organizations:
                        out.organizations[key] = _path_only(organizations[key])
            for name in summary.person_names:
                key = self.person_of.get((rel, name))
                if key is not None:
                    out.person_of[(rel, name)] = key
                    if key not in out.persons:
                        node = self.persons[key]
                        out.persons[key] = PersonNode(node.name, node.anchor, [], [])
        return out

    def view_key(self) -> str:
        """A text that two views have in common exactly when they give the same RDF."""
        return _JSON.encode(
            [
                sorted((*k, v) for k, v in self.org_of.items()),
                sorted((*k, v) for k, v in self.person_of.items()),
                sorted(self.by_form.items()),
                sorted((k, n.path) for k, n in self.organizations.items()),
                sorted((k, n.name, n.anchor) for k, n in self.persons.items()),
            ]
        )

    def to_json(self) -> str:
        """The text of ``resolution.json``: every node (``to_dict``), one per line."""
        return "".join(self.json_chunks())

    def json_chunks(self) -> Iterator[str]:
        """``to_json`` in pieces, a node at a time, for writing a large corpus's file."""
        yield "{\n " + f'"identity": {_JSON.encode(self.identity)}'
        for kind in ("organizations", "persons"):
            yield ",\n " + f'"{kind}": ['
            empty = True
            for node in self._node_dicts(kind, plain=False):
                yield ("\n  " if empty else ",\n  ") + _JSON.encode(node)
                empty = False
            yield "]" if empty else "\n ]"
        yield "\n}\n"

    def slim(self) -> None:
        """Drop what only ``resolution.json`` and ``view`` need (occurrences, reasons, persons,
        the name index), keeping each organization's path, labels and kind."""
        for node in self.organizations.values():
            node.occurrences, node.reasons = [], []
        self.persons, self.org_of, self.person_of, self.by_form = {}, {}, {}, {}

    def to_dict(self) -> dict:
        """Plain JSON-ready data: every node with its IRI, occurrences, merge reasons and (for a
        person) the scored decisions behind it."""
        out: dict = {"identity": self.identity}
        out.update((kind, list(self._node_dicts(kind))) for kind in ("organizations", "persons"))
        return out

    def _node_dicts(self, kind: str, plain: bool = True) -> Iterator[dict]:
        """The ``to_dict`` of each node of a kind, by key (an organization's is the ``org_key``
        of its path: its IRI is ``org_iri``). ``plain=False`` leaves each span a tuple (the
        same JSON text, for ``json_chunks``)."""
        from kg.rdf.iris import node_iri_text  # the IRIs are minted there; the file shows them

        occurrence = _occurrence_dict if plain else _occurrence_json
        nodes = self.organizations if kind == "organizations" else self.persons
        keyed = sorted(((n.key, n) for n in nodes.values()), key=itemgetter(0))
        if kind == "organizations":
            return (
                {
                    "iri": node_iri_text("org", key),
                    "key": key,
                    "label": n.label,
                    "alt_labels": n.alt_labels,
                    "kind": n.kind,
                    "occurrences": [occurrence(o) for o in n.occurrences],
                    "reasons": n.reasons,
                }
                for key, n in keyed
            )
        return (
            {
                "iri": node_iri_text("person", key),
                "key": key,
                "name": n.name,
                "occurrences": [_with_posts(occurrence(o), o) for o in n.occurrences],
                "reasons": n.reasons,
                "decisions": n.decisions,
            }
            for key, n in keyed
        )


def _path_only(node: OrgNode) -> OrgNode:
    """A node with the path (and key) of ``node`` and nothing else, as views keep it."""
    return OrgNode(node.path, "", [], "", [], [])


def _occurrence_dict(o: Occurrence) -> dict:
    return {"release": o.release, "name": o.name, "spans": [list(s) for s in o.spans]}


def _with_posts(record: dict, o: Occurrence) -> dict:
    """A person's occurrence record with its posts (title, organization, inferred)."""
    record["posts"] = [{"title": t, "organization": org, "inferred": i} for t, org, i in o.posts]
    return record


def _occurrence_json(o: Occurrence) -> dict:
    """``_occurrence_dict`` for ``_JSON`` only: the spans as they are (tuples encode as lists)."""
    return {"release": o.release, "name": o.name, "spans": o.spans}


#: ``json.dumps(..., ensure_ascii=False)`` without setting up an encoder on every call.
_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def resolve(
    releases: Sequence[ReleaseFacts | ReleaseSummary], identity: str = "default"
) -> Resolution:
    """Resolve the organizations and persons of all releases into shared nodes.

    Organizations merge by their forms (``kg.resolve.organizations``). Persons: ``identity``
    "strict" joins the same name in two releases when both hold a membership in one resolved
    organization (or its parent), the rule kg had before; "default" and "loose" weigh all the
    evidence of each pair (``kg.resolve.identity``, ``kg/data/identity.toml``) against their
    threshold. A name without evidence stays one node per release. Releases are keyed by
    ``Release.path``; each may be given as its facts or as their ``summarize``.
    """
    facts_list = sorted(
        (r if isinstance(r, ReleaseSummary) else summarize(r) for r in releases),
        key=lambda f: f.path,
    )
    identity_config(identity)  # an unknown mode fails before any work
    with gc_paused():
        return resolve_sorted(facts_list, identity)[0]


def resolve_sorted(
    facts_list: list[ReleaseSummary], identity: str, cache: NameCache | None = None
) -> tuple[Resolution, NameCache]:
    """``resolve`` of summaries sorted by path, and the results of the names (``cache``: the
    earlier ones, reused where a name's evidence is unchanged). Its intermediate tables are
    gone when it returns, so the collector (``gc_paused``) only ever walks the resolution."""
    from kg.nlp.lexicon import load as load_lexicon
    from kg.resolve.organizations import org_paths, resolve_tops, resolve_units
    from kg.resolve.persons import scored_persons, strict_persons

    res = Resolution(identity=identity)
    top_paths = resolve_tops(facts_list, load_lexicon(), res)
    paths = [org_paths(f, top_paths) for f in facts_list]
    resolve_units(res, facts_list, paths)
    if identity == "strict":
        strict_persons(res, facts_list, paths)
        return res, {}
    return res, scored_persons(res, facts_list, paths, identity_config(identity), cache)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector. Resolving allocates a few hundred thousand objects,
    all kept (the resolution) and none in a cycle; as the heap grew, the collector walked every
    live object again each time it had grown by a quarter, which took longer than resolving."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
