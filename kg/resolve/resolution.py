"""Entity resolution across releases: which organizations and persons of many releases are one
node, and the evidence (releases, character spans, shared organization) behind every merge.

``resolve(summaries)`` is a pure function; ``kg.rdf`` mints IRIs from its keys and
``kg build`` writes it to ``resolution.json`` so that ``kg explain`` can say why nodes merged.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING

from kg.model import ReleaseFacts
from kg.rdf.iris import node_iri_text, org_key
from kg.resolve.forms import base_form, canonical, normalize
from kg.resolve.summary import OrgEntry, ReleaseSummary, summarize

if TYPE_CHECKING:
    from kg.nlp.lexicon import Lexicon


RESOLUTION_FILE = "resolution.json"  # written by kg build next to graph.ttl


@dataclass
class Occurrence:
    """One release's name for a node, and where the release writes it (source offsets)."""

    release: str  # Release.path
    name: str  # the name the release's facts use
    spans: list[tuple[int, int]] = field(default_factory=list)


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
    """A resolved person: the same name in releases that share an organization."""

    name: str
    anchor: str  # org key of the shared organization, or the release IRI
    occurrences: list[Occurrence]
    reasons: list[str]

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
        for n, kind in enumerate(("organizations", "persons")):
            yield ("{\n " if n == 0 else ",\n ") + f'"{kind}": ['
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
        """Plain JSON-ready data: every node with its IRI, occurrences and merge reasons."""
        return {kind: list(self._node_dicts(kind)) for kind in ("organizations", "persons")}

    def _node_dicts(self, kind: str, plain: bool = True) -> Iterator[dict]:
        """The ``to_dict`` of each node of a kind, by key (an organization's is the ``org_key``
        of its path: its IRI is ``org_iri``). ``plain=False`` leaves each span a tuple (the
        same JSON text, for ``json_chunks``)."""
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
                "occurrences": [occurrence(o) for o in n.occurrences],
                "reasons": n.reasons,
            }
            for key, n in keyed
        )


def _path_only(node: OrgNode) -> OrgNode:
    """A node with the path (and key) of ``node`` and nothing else, as views keep it."""
    return OrgNode(node.path, "", [], "", [], [])


def _occurrence_dict(o: Occurrence) -> dict:
    return {"release": o.release, "name": o.name, "spans": [list(s) for s in o.spans]}


def _occurrence_json(o: Occurrence) -> dict:
    """``_occurrence_dict`` for ``_JSON`` only: the spans as they are (tuples encode as lists)."""
    return {"release": o.release, "name": o.name, "spans": o.spans}


#: ``json.dumps(..., ensure_ascii=False)`` without setting up an encoder on every call.
_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False)


class _UnionFind:
    """Disjoint sets of items; the root of a set is its least item."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        """The root of ``x``'s set (a new item is a set of its own)."""
        parent = self.parent
        up = parent.setdefault(x, x)
        while up != x:  # halve the path on the way up
            grand = parent[up]
            parent[x] = grand
            x, up = grand, parent[grand]
        return x

    def link(self, ra, rb):
        """Join the sets of two different roots; the new root (the lesser)."""
        if ra < rb:
            self.parent[rb] = ra
            return ra
        self.parent[ra] = rb
        return rb


def _who(a: str, ra: str, b: str, rb: str) -> str:
    return f"{a} in {ra} and {rb}" if a == b else f"{a} in {ra} and {b} in {rb}"


def _fullest(forms: Iterable[str]) -> str:
    # Longest shared form; among equals the one that is its own base (가나도 over 가나도청,
    # 가나대학교 over 가나대), then the spaced spelling a release wrote.
    return max(forms, key=lambda f: (len(base_form(f)), normalize(f) == base_form(f), " " in f, f))


def _chain(facts: ReleaseSummary, name: str) -> list[str]:
    """``name`` and its parents, outermost first, as ``kg.rdf`` walks them (stops at a cycle)."""
    chain = [name]
    org = facts.organization(name)
    parent = org.parent if org is not None and org.parent != name else None
    while parent is not None and parent not in chain:
        chain.insert(0, parent)
        known = facts.organization(parent)
        parent = known.parent if known else None
    return chain


def resolve(releases: Sequence[ReleaseFacts | ReleaseSummary]) -> Resolution:
    """Resolve the organizations and persons of all releases into shared nodes.

    Top-level organizations merge when any of their forms is the same public body (lexicon:
    경북도 = 경상북도) or has the same ``base_form`` (연세대 = 연세대학교); units merge when their
    parents do and their names match. A person merges with the same name in another release when
    both hold a membership in one resolved organization (or its parent); a name without an
    organization stays one node per release. Releases are keyed by ``Release.path``; each may
    be given as its facts or as their ``summarize``.
    """
    from kg.nlp.lexicon import load as load_lexicon  # lazy: kg.nlp imports spaCy

    lexicon = load_lexicon()
    facts_list = sorted(
        (r if isinstance(r, ReleaseSummary) else summarize(r) for r in releases),
        key=lambda f: f.path,
    )
    with _gc_paused():
        return _resolve_sorted(facts_list, lexicon)


def _resolve_sorted(facts_list: list[ReleaseSummary], lexicon: Lexicon) -> Resolution:
    """``resolve`` of summaries sorted by path. Its intermediate tables are gone when it returns,
    so the collector (``_gc_paused``) only ever walks the resolution."""
    res, top_paths = _resolve_tops(facts_list, lexicon)
    paths = [_org_paths(f, top_paths) for f in facts_list]
    _resolve_orgs(res, facts_list, paths)
    _resolve_persons(res, facts_list, paths)
    return res


@contextmanager
def _gc_paused() -> Iterator[None]:
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


_Path = tuple[tuple[str, ...], list[str]]  # a node's path and its _prefix_keys


_OrgPaths = dict[str, tuple[tuple[str, ...], list[str], OrgEntry | None]]  # _org_paths


def _top_forms(facts_list: list[ReleaseSummary]) -> dict[tuple[str, str], list[str]]:
    """(release, name) -> forms (name, then aliases) of every top-level organization: those
    without a parent, and those a release links to without describing them."""
    tops: dict[tuple[str, str], list[str]] = {}
    for f in facts_list:
        rel = f.path
        for o in f.organizations:
            if o.parent is None or o.parent == o.name:
                tops[(rel, o.name)] = [o.name, *o.aliases]
        for name in f.referenced:
            if f.organization(name) is None:
                tops.setdefault((rel, name), [name])
    return tops


# what two top-level organizations with the same token share, by the kind of token
_SHARING = {"body": "are forms of the public body", "form": "share the form"}


def _form_tokens(form: str, lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    """What top-level organizations with this form share: ("body", the public body it names)
    if any, then ("form", its ``base_form``)."""
    body = lexicon.body(form) or lexicon.body(normalize(form))
    base = ("form", base_form(form))
    return (base,) if body is None else (("body", body.name), base)


def _resolve_tops(
    facts_list: list[ReleaseSummary], lexicon: Lexicon
) -> tuple[Resolution, dict[tuple[str, str], _Path]]:
    """Union the top-level organizations by public body and by shared base form: a resolution
    with their nodes, reasons and ``by_form``, and the ``_top_path`` of each (release, name)."""
    tops = _top_forms(facts_list)
    uf = _UnionFind()
    tokens_of: dict[str, tuple[tuple[str, str], ...]] = {}  # form -> _form_tokens
    # token -> (first item, its form)
    owner: dict[tuple[str, str], tuple[tuple[str, str], str]] = {}
    reasons: list[tuple[tuple[str, str], str]] = []  # (item, reason) for each union
    body_of: dict[tuple[str, str], str] = {}
    for item, forms in tops.items():
        root = uf.find(item)  # kept up to date: only this item's unions change its set
        for form in forms:
            tokens = tokens_of.get(form)
            if tokens is None:
                tokens = tokens_of[form] = _form_tokens(form, lexicon)
            if tokens[0][0] == "body":
                body_of[item] = tokens[0][1]
            for token in tokens:
                first = owner.get(token)
                if first is None:
                    owner[token] = (item, form)
                elif (other := uf.find(first[0])) != root:
                    root = uf.link(other, root)
                    who = _who(first[1], first[0][0], form, item[0])
                    reasons.append((item, f"merged: {who} {_SHARING[token[0]]} {token[1]}"))

    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    root_of: dict[tuple[str, str], tuple[str, str]] = {}
    for item in tops:
        root = root_of[item] = uf.find(item)
        groups.setdefault(root, []).append(item)
    reasons_of = _by_root(root_of.__getitem__, reasons)
    top_paths: dict[tuple[str, str], _Path] = {}
    res = Resolution()
    for root, items in groups.items():
        forms = {canonical(f) for item in items for f in tops[item]}
        bodies = sorted({body_of[i] for i in items if i in body_of})
        label = bodies[0] if bodies else _fullest(forms)
        key = label if bodies else base_form(label)
        top_path = _top_path(key)
        for item in items:
            top_paths[item] = top_path
        body = lexicon.body_of_form.get(bodies[0]) if bodies else None
        for form in (*forms, *((body.name, *body.short_forms) if body else ())):
            res.by_form.setdefault(base_form(form), key)
        node = _org_node(res, (key,), label)
        node.alt_labels = sorted((set(node.alt_labels) | forms) - {label})
        node.reasons += reasons_of.get(root, [])
    return res, top_paths


def _org_paths(f: ReleaseSummary, top_paths: dict[tuple[str, str], _Path]) -> _OrgPaths:
    """name -> (path, its ``_prefix_keys``, its entry) of every organization a release names.
    The path is the key of its top-level node (``top_paths``, else its ``base_form``), then the
    normalized names of the units down to it (``_chain``); the entry is ``f.organization(name)``."""
    rel = f.path
    out: _OrgPaths = {}
    described = [o.name for o in f.organizations]
    for names in (described, f.referenced, [org for _, org in f.memberships]):
        for name in names:
            if name in out:
                continue
            org = f.organization(name)
            # ``_chain`` of a name without a parent is the name alone.
            chain = [name] if org is None or org.parent in (None, name) else _chain(f, name)
            top = top_paths.get((rel, chain[0])) or _top_path(base_form(chain[0]))
            if len(chain) > 1:
                path = (*top[0], *map(normalize, chain[1:]))
                top = (path, _prefix_keys(path))
            out[name] = (*top, org)
    return out


def _top_path(key: str) -> _Path:
    """The path of a top-level node and its ``_prefix_keys``."""
    return (key,), [canonical(key)]


def _prefix_keys(path: tuple[str, ...]) -> list[str]:
    """The ``org_key`` of each prefix of ``path``, outermost first (the last is the path's)."""
    keys = [canonical(path[0])]
    for name in path[1:]:
        keys.append(f"{keys[-1]}|{canonical(name)}")
    return keys


def _resolve_orgs(
    res: Resolution,
    facts_list: list[ReleaseSummary],
    paths: list[_OrgPaths],
) -> None:
    """Give every organization of every release (units included) its node (``res.org_of``):
    occurrences, a unit's fullest label, alt labels and merge reasons, and each node's kind
    (the most frequent other than "other"). ``paths`` are the ``_org_paths`` of the releases."""
    organizations, org_of = res.organizations, res.org_of
    kinds: dict[str, dict[str, int]] = {}  # org key -> kind (but "other") -> count
    unit_alts: dict[str, set[str]] = {}  # unit key -> its alt labels (sorted once, at the end)
    for f, org_paths in zip(facts_list, paths):
        rel = f.path
        for name in [o.name for o in f.organizations] + f.referenced:
            path, keys, org = org_paths[name]
            key = keys[-1]
            node = organizations.get(key)
            if node is None:
                node = organizations[key] = OrgNode(path, canonical(name), [], "other", [], [])
            occurrences = node.occurrences
            if len(path) > 1:
                label = canonical(name)
                if label != node.label:
                    node.label = _fullest([node.label, label])
                alts = unit_alts.get(key)
                if alts is None:
                    alts = unit_alts[key] = set(node.alt_labels)
                alts.add(label)
                if org is not None:
                    alts.update(map(canonical, org.aliases))
                alts.discard(node.label)
                # Releases come in order, so the last occurrence tells whether this one is new.
                if occurrences and occurrences[-1].release != rel:
                    first = occurrences[0]
                    parent = " ".join(_labels(res, path[:-1], keys[:-1]))
                    who = _who(first.name, first.release, name, rel)
                    node.reasons.append(f"merged: {who} are the same unit of {parent}")
            occurrences.append(Occurrence(rel, name, list(org.spans) if org is not None else []))
            org_of[(rel, name)] = key
            if org is not None and org.kind != "other":
                counts = kinds.get(key)
                if counts is None:
                    counts = kinds[key] = {}
                counts[org.kind] = counts.get(org.kind, 0) + 1
    for key, alts in unit_alts.items():
        organizations[key].alt_labels = sorted(alts)
    for key, node in organizations.items():
        counts = kinds.get(key)
        node.kind = min(counts, key=lambda k: (-counts[k], k)) if counts else "other"
        node.alt_labels = [a for a in node.alt_labels if a != node.label]


def _resolve_persons(
    res: Resolution,
    facts_list: list[ReleaseSummary],
    paths: list[_OrgPaths],
) -> None:
    """Merge the persons of all releases (``res.persons``, ``res.person_of``): the same name in
    two releases is one node when both hold a membership in one resolved organization; its
    anchor is the organization most of its names hold (first seen among equals)."""
    by_path = {f.path: f for f in facts_list}
    org_keys: dict[tuple[str, str], list[str]] = {}  # (release, name) -> org keys, specific first
    for f, org_paths in zip(facts_list, paths):
        rel = f.path
        held: dict[str, list[str]] = {}
        for person, organization in f.memberships:
            held.setdefault(person, []).extend(reversed(org_paths[organization][1]))
        for name in f.person_names:
            keys = held.get(name, [])
            org_keys[(rel, name)] = keys if len(keys) < 2 else list(dict.fromkeys(keys))
    puf = _UnionFind()  # holds only the names that share an organization with another
    powner: dict[tuple[str, str], tuple[str, str]] = {}  # (name, org key) -> first item
    preasons: list[tuple[tuple[str, str], str]] = []
    for item, keys in org_keys.items():
        root = item  # a new item is a set of its own; only its own unions change that set
        name = canonical(item[1])
        for k in keys:
            first = powner.setdefault((name, k), item)
            if first is not item and (other := puf.find(first)) != root:
                root = puf.link(other, root)
                shared = " ".join(_labels(res, tuple(k.split("|"))))
                who = _who(item[1], first[0], item[1], item[0])
                preasons.append((item, f"merged: {who} share {shared}"))
    pgroups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    linked = puf.parent
    for item in org_keys:
        pgroups.setdefault(puf.find(item) if item in linked else item, []).append(item)
    preasons_of = _by_root(puf.find, preasons)
    persons, person_of = res.persons, res.person_of
    for root, items in pgroups.items():
        anchor = _anchor(items, org_keys)
        if anchor is None:  # no organization: the node is the release's own
            anchor = by_path[items[0][0]].iri
        node = PersonNode(canonical(root[1]), anchor, [], [])
        key = node.key
        node = persons.setdefault(key, node)
        for item in items:
            spans = by_path[item[0]].person_spans.get(item[1], [])
            node.occurrences.append(Occurrence(item[0], item[1], list(spans)))
            person_of[item] = key
        node.reasons += preasons_of.get(root, [])


def _anchor(items: list[tuple[str, str]], org_keys: dict[tuple[str, str], list[str]]) -> str | None:
    """The org key most of the items hold, the first seen among equals; None without any."""
    if len(items) == 1:
        keys = org_keys[items[0]]
        return keys[0] if keys else None
    counts: dict[str, int] = {}  # in order of first appearance
    for item in items:
        for k in org_keys[item]:
            counts[k] = counts.get(k, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _by_root(root_of: Callable, reasons: list[tuple[tuple[str, str], str]]) -> dict:
    """The reasons of each set, by its root (``root_of`` an item), in their order."""
    out: dict[tuple[str, str], list[str]] = {}
    for item, why in reasons:
        root = root_of(item)
        found = out.get(root)
        if found is None:
            out[root] = [why]
        else:
            found.append(why)
    return out


def _org_node(res: Resolution, path: tuple[str, ...], label: str) -> OrgNode:
    key = org_key(path[-1], path[:-1])
    if key not in res.organizations:
        res.organizations[key] = OrgNode(path, label, [], "other", [], [])
    return res.organizations[key]


def _labels(res: Resolution, path: tuple[str, ...], keys: list[str] | None = None) -> list[str]:
    """The labels of the nodes along ``path`` (outermost first); ``keys`` are its
    ``_prefix_keys`` when known."""
    nodes = res.organizations
    out = []
    for name, key in zip(path, _prefix_keys(path) if keys is None else keys):
        node = nodes.get(key)
        out.append(node.label if node else name)
    return out
