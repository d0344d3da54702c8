"""Entity resolution across releases: which organizations and persons of many releases are one
node, and the evidence (releases, character spans, shared organization) behind every merge.

``resolve(facts_list)`` is a pure function; ``kg.rdf`` mints IRIs from its keys and
``kg build`` writes it to ``resolution.json`` so that ``kg explain`` can say why nodes merged.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import ResolutionFileError, UnknownNameError
from kg.iris import canonical, org_iri, org_key, person_iri, release_iri
from kg.model import Mention, Release, ReleaseFacts

RESOLUTION_FILE = "resolution.json"  # written by kg build next to graph.ttl
_SPACE = re.compile(r"\s+")
# 가나도청 is the office of 가나도, 다라시청 of 다라시: one organization.
_OFFICE_SUFFIX = re.compile(r"^(.+[도시군구])청$")


@lru_cache(maxsize=1 << 16)
def normalize(name: str) -> str:
    """The name with no spaces and no ㈜/(주): ``"(주) 다라 전자"`` -> ``"다라전자"``."""
    text = unicodedata.normalize("NFC", name)
    return _SPACE.sub("", text).replace("㈜", "").replace("(주)", "")


@lru_cache(maxsize=1 << 16)
def base_form(name: str) -> str:
    """The form that spellings of one organization share across releases.

    Normalized, with 대 expanded to 대학교 (연세대 = 연세대학교) and the office suffix 청 of a
    province, city, county or district dropped (가나도청 = 가나도).

    >>> base_form("연세대"), base_form("가나도청"), base_form("다라 전자㈜")
    ('연세대학교', '가나도', '다라전자')
    """
    n = normalize(name)
    if len(n) > 1 and n.endswith("대"):
        return n + "학교"
    office = _OFFICE_SUFFIX.match(n)
    if office and len(office.group(1)) > 1:
        return office.group(1)
    return n


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
        self.key = org_key(self.path[-1], self.path[:-1])


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
        for summary in summaries:
            rel = summary.path
            names = [o.name for o in summary.organizations] + summary.referenced
            names += [a for o in summary.organizations for a in o.aliases]
            for name in names:
                key = self.org_of.get((rel, name))
                if key is not None:
                    out.org_of[(rel, name)] = key
                    out.organizations.setdefault(key, OrgNode(self.organizations[key].path, "", [], "", [], []))
                form = base_form(name)
                if form in self.by_form:
                    key = out.by_form[form] = self.by_form[form]
                    out.organizations.setdefault(key, OrgNode(self.organizations[key].path, "", [], "", [], []))
            for name in summary.person_names:
                key = self.person_of.get((rel, name))
                if key is not None:
                    node = self.persons[key]
                    out.person_of[(rel, name)] = key
                    out.persons.setdefault(key, PersonNode(node.name, node.anchor, [], []))
        return out

    def view_key(self) -> str:
        """A text that two views have in common exactly when they give the same RDF."""
        return json.dumps(
            [
                sorted((*k, v) for k, v in self.org_of.items()),
                sorted((*k, v) for k, v in self.person_of.items()),
                sorted(self.by_form.items()),
                sorted((k, n.path) for k, n in self.organizations.items()),
                sorted((k, n.name, n.anchor) for k, n in self.persons.items()),
            ],
            ensure_ascii=False,
        )

    def to_json(self) -> str:
        """The text of ``resolution.json``: every node (``to_dict``), one per line."""
        return "".join(self.json_chunks())

    def json_chunks(self) -> Iterator[str]:
        """``to_json`` in pieces, a node at a time, for writing a large corpus's file."""
        for n, kind in enumerate(("organizations", "persons")):
            yield ("{\n " if n == 0 else ",\n ") + f'"{kind}": ['
            empty = True
            for node in self._node_dicts(kind):
                yield ("\n  " if empty else ",\n  ") + json.dumps(node, ensure_ascii=False)
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

    def _node_dicts(self, kind: str) -> Iterator[dict]:
        if kind == "organizations":
            return (
                {
                    "iri": str(org_iri(n.path[-1], n.path[:-1])),
                    "key": n.key,
                    "label": n.label,
                    "alt_labels": n.alt_labels,
                    "kind": n.kind,
                    "occurrences": [_occurrence_dict(o) for o in n.occurrences],
                    "reasons": n.reasons,
                }
                for n in sorted(self.organizations.values(), key=lambda n: n.key)
            )
        return (
            {
                "iri": str(person_iri(n.name, n.anchor)),
                "key": n.key,
                "name": n.name,
                "occurrences": [_occurrence_dict(o) for o in n.occurrences],
                "reasons": n.reasons,
            }
            for n in sorted(self.persons.values(), key=lambda n: n.key)
        )


def _occurrence_dict(o: Occurrence) -> dict:
    return {"release": o.release, "name": o.name, "spans": [list(s) for s in o.spans]}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


def _source_spans(
    release: Release, mentions: Iterable[Mention], label: str
) -> list[tuple[int, int]]:
    spans = set()
    for m in mentions:
        if m.label == label:
            end = release.source_offset(m.end - 1) + 1 if m.end > m.start else m.end
            spans.add((release.source_offset(m.start), end))
    return sorted(spans)


def _who(a: str, ra: str, b: str, rb: str) -> str:
    return f"{a} in {ra} and {rb}" if a == b else f"{a} in {ra} and {b} in {rb}"


def _fullest(forms: Iterable[str]) -> str:
    # Longest shared form; among equals the one that is its own base (가나도 over 가나도청,
    # 가나대학교 over 가나대), then the spaced spelling a release wrote.
    return max(forms, key=lambda f: (len(base_form(f)), normalize(f) == base_form(f), " " in f, f))


@dataclass
class OrgEntry:
    """An organization as one release describes it (``kg.model.Organization`` without text)."""

    name: str
    kind: str
    aliases: list[str]
    parent: str | None
    spans: list[tuple[int, int]]  # where the release writes it, source offsets


@dataclass
class ReleaseSummary:
    """What resolution needs of one release: its names, their organizations and where they are
    written. A few kilobytes, so a corpus of thousands of releases resolves without holding
    their facts (``summarize``)."""

    path: str  # Release.path
    iri: str  # release_iri
    organizations: list[OrgEntry]
    referenced: list[str]  # organizations linked to but not described (``_referenced_orgs``)
    person_names: list[str]  # every name the RDF may make a person of (``_person_names``)
    person_spans: dict[str, list[tuple[int, int]]]  # where each person is written
    memberships: list[tuple[str, str]]  # (person, organization) of memberships with one
    title: str | None = None  # the release's title (graph.html's heading for one release)

    def organization(self, name: str) -> OrgEntry | None:
        by_name = self.__dict__.get("_by_name")
        if by_name is None:
            by_name = self.__dict__["_by_name"] = {}
            for o in reversed(self.organizations):  # the first of a name wins, as in a scan
                by_name[o.name] = o
        return by_name.get(name)


def summarize(facts: ReleaseFacts) -> ReleaseSummary:
    """The ``ReleaseSummary`` of one release's facts."""
    release = facts.release
    return ReleaseSummary(
        path=release.path,
        iri=str(release_iri(release)),
        organizations=[
            OrgEntry(o.name, o.kind, list(o.aliases), o.parent, _source_spans(release, o.mentions, "ORG"))
            for o in facts.organizations
        ],
        referenced=_referenced_orgs(facts),
        person_names=_person_names(facts),
        person_spans={p.name: _source_spans(release, p.mentions, "PERSON") for p in facts.persons},
        memberships=[(m.person, m.organization) for m in facts.memberships if m.organization is not None],
        title=release.title,
    )


def _referenced_orgs(facts: ReleaseFacts) -> list[str]:
    """Organization names the release links to without describing them (bare nodes in RDF)."""
    described = {o.name for o in facts.organizations}
    persons = {p.name for p in facts.persons}
    names = [o.parent for o in facts.organizations if o.parent is not None]
    names += [m.organization for m in facts.memberships if m.organization is not None]
    names += [n for p in facts.proposals for n in p.proposers if n not in persons]
    for event in facts.events:
        names += [n for n in (*event.organizers, *event.attendees) if n not in persons]
    return [n for n in dict.fromkeys(names) if n not in described]


def _person_names(facts: ReleaseFacts) -> list[str]:
    """Every name ``kg.rdf`` may make a person node of, in order of first appearance."""
    names = [p.name for p in facts.persons] + [m.person for m in facts.memberships]
    names += [q.speaker for q in facts.quotes if q.speaker is not None]
    for event in facts.events:
        for item in event.agenda:
            names += [*item.performers, *item.moderators, *item.panelists]
    return list(dict.fromkeys(names))


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
    by_path = {f.path: f for f in facts_list}

    # -- top-level organizations: union by public body and by shared base form ---------------
    tops: dict[tuple[str, str], list[str]] = {}  # (release, name) -> forms
    for f in facts_list:
        rel = f.path
        for o in f.organizations:
            if o.parent is None or o.parent == o.name:
                tops[(rel, o.name)] = [o.name, *o.aliases]
        for name in f.referenced:
            if f.organization(name) is None:
                tops.setdefault((rel, name), [name])
    uf = _UnionFind()
    owner: dict[str, tuple[tuple[str, str], str]] = {}  # token -> (first item, its form)
    reasons: list[tuple[tuple[str, str], str]] = []  # (item, reason) for each union
    body_of: dict[tuple[str, str], str] = {}
    for item, forms in tops.items():
        uf.find(item)
        for form in forms:
            body = lexicon.body(form) or lexicon.body(normalize(form))
            tokens = [(f"form:{base_form(form)}", f"share the form {base_form(form)}")]
            if body is not None:
                body_of[item] = body.name
                tokens.insert(0, (f"body:{body.name}", f"are forms of the public body {body.name}"))
            for token, why in tokens:
                if token not in owner:
                    owner[token] = (item, form)
                    continue
                first, first_form = owner[token]
                if uf.union(first, item):
                    who = _who(first_form, first[0], form, item[0])
                    reasons.append((item, f"merged: {who} {why}"))

    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for item in tops:
        groups.setdefault(uf.find(item), []).append(item)
    reasons_of = _by_root(uf, reasons)
    top_key: dict[tuple[str, str], str] = {}
    res = Resolution()
    for root, items in groups.items():
        forms = {canonical(f) for item in items for f in tops[item]}
        bodies = sorted({body_of[i] for i in items if i in body_of})
        label = bodies[0] if bodies else _fullest(forms)
        key = label if bodies else base_form(label)
        for item in items:
            top_key[item] = key
        body = lexicon.body_of_form.get(bodies[0]) if bodies else None
        for form in (*forms, *((body.name, *body.short_forms) if body else ())):
            res.by_form.setdefault(base_form(form), key)
        node = _org_node(res, (key,), label)
        node.alt_labels = sorted((set(node.alt_labels) | forms) - {label})
        node.reasons += reasons_of.get(root, [])

    # -- every organization (units included) gets its path and node ----------------------------
    def path_of(f: ReleaseSummary, name: str) -> tuple[str, ...]:
        chain = _chain(f, name)
        top = top_key.get((f.path, chain[0]), base_form(chain[0]))
        return (top, *(normalize(n) for n in chain[1:]))

    kinds: dict[str, Counter] = defaultdict(Counter)
    releases_of: dict[str, set[str]] = {}  # org key -> releases that name it
    for f in facts_list:
        rel = f.path
        names = [o.name for o in f.organizations] + f.referenced
        for name in names:
            path = path_of(f, name)
            org = f.organization(name)
            node = _org_node(res, path, canonical(name))
            if len(path) > 1:
                node.label = _fullest([node.label, canonical(name)])
                forms = {canonical(name), *(canonical(a) for a in (org.aliases if org else []))}
                node.alt_labels = sorted((set(node.alt_labels) | forms) - {node.label})
                seen = releases_of.setdefault(node.key, set())
                if seen and rel not in seen:
                    first = node.occurrences[0]
                    parent = " ".join(_labels(res, path[:-1]))
                    who = _who(first.name, first.release, name, rel)
                    node.reasons.append(f"merged: {who} are the same unit of {parent}")
            node.occurrences.append(Occurrence(rel, name, list(org.spans) if org else []))
            res.org_of[(rel, name)] = node.key
            releases_of.setdefault(node.key, set()).add(rel)
            if org is not None and org.kind != "other":
                kinds[node.key][org.kind] += 1
    for key, node in res.organizations.items():
        counts = kinds.get(key)
        node.kind = min(counts, key=lambda k: (-counts[k], k)) if counts else "other"
        node.alt_labels = [a for a in node.alt_labels if a != node.label]

    # -- persons: same name, shared resolved organization ---------------------------------------
    org_keys: dict[tuple[str, str], list[str]] = {}  # (release, name) -> org keys, specific first
    for f in facts_list:
        rel = f.path
        held: dict[str, list[str]] = {}
        for person, organization in f.memberships:
            path = path_of(f, organization)
            held.setdefault(person, []).extend(
                org_key(path[i - 1], path[: i - 1]) for i in range(len(path), 0, -1)
            )
        for name in f.person_names:
            org_keys[(rel, name)] = list(dict.fromkeys(held.get(name, ())))
    puf = _UnionFind()
    powner: dict[tuple[str, str], tuple[str, str]] = {}  # (name, org key) -> first item
    preasons: list[tuple[tuple[str, str], str]] = []
    for item, keys in org_keys.items():
        puf.find(item)
        name = canonical(item[1])
        for k in keys:
            token = (name, k)
            if token not in powner:
                powner[token] = item
            elif puf.union(powner[token], item):
                shared = " ".join(_labels(res, tuple(k.split("|"))))
                who = _who(item[1], powner[token][0], item[1], item[0])
                preasons.append((item, f"merged: {who} share {shared}"))
    pgroups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for item in org_keys:
        pgroups.setdefault(puf.find(item), []).append(item)
    preasons_of = _by_root(puf, preasons)
    for root, items in pgroups.items():
        counts = Counter(k for item in items for k in org_keys[item])
        order = list(dict.fromkeys(k for item in items for k in org_keys[item]))
        if order:
            anchor = min(order, key=lambda k: (-counts[k], order.index(k)))
        else:
            anchor = by_path[items[0][0]].iri
        node = PersonNode(canonical(root[1]), anchor, [], [])
        node = res.persons.setdefault(node.key, node)
        for rel, name in items:
            spans = by_path[rel].person_spans.get(name, [])
            node.occurrences.append(Occurrence(rel, name, list(spans)))
            res.person_of[(rel, name)] = node.key
        node.reasons += preasons_of.get(root, [])
    return res


def _by_root(uf: _UnionFind, reasons: list[tuple[tuple[str, str], str]]) -> dict:
    out: dict[tuple[str, str], list[str]] = {}
    for item, why in reasons:
        out.setdefault(uf.find(item), []).append(why)
    return out


def _org_node(res: Resolution, path: tuple[str, ...], label: str) -> OrgNode:
    key = org_key(path[-1], path[:-1])
    if key not in res.organizations:
        res.organizations[key] = OrgNode(path, label, [], "other", [], [])
    return res.organizations[key]


def _labels(res: Resolution, path: tuple[str, ...]) -> list[str]:
    """The labels of the nodes along ``path`` (outermost first)."""
    out = []
    for i in range(1, len(path) + 1):
        node = res.organizations.get(org_key(path[i - 1], path[: i - 1]))
        out.append(node.label if node else path[i - 1])
    return out


# -- explain --------------------------------------------------------------------------------


def explain_lines(data: dict, name: str) -> list[str]:
    """The nodes called ``name`` in resolution data (``Resolution.to_dict()``), with the releases
    and character spans behind each and why they were merged. Empty when no node has the name.
    """
    wanted = normalize(name)
    lines: list[str] = []
    persons = [n for n in data.get("persons", []) if normalize(n["name"]) == wanted]
    for node in persons:
        lines += [f"person {node['name']} <{node['iri']}>", *_evidence_lines(node)]
        if len(persons) > 1:
            lines.append(
                f"  kept apart from the other {len(persons) - 1} {node['name']}: "
                "no organization in common (same name, no shared affiliation)"
            )
    for node in data.get("organizations", []):
        forms = [node["label"], *node["alt_labels"]]
        if wanted in {normalize(f) for f in forms} or wanted == normalize(node["key"]):
            also = f" (also: {', '.join(node['alt_labels'])})" if node["alt_labels"] else ""
            lines += [f"organization {node['label']} <{node['iri']}>{also}", *_evidence_lines(node)]
    return lines


def _evidence_lines(node: dict) -> list[str]:
    lines = []
    for o in node["occurrences"]:
        spans = ", ".join(f"{s}-{e}" for s, e in o["spans"]) or "no span (named by a link only)"
        lines.append(f"  {o['release']}: {o['name']} at {spans}")
    lines += [f"  {why}" for why in node["reasons"]]
    if len({o["release"] for o in node["occurrences"]}) == 1:
        lines.append("  one release only: nothing merged")
    return lines


def explain(name: str, outdir: str | os.PathLike = "outputs") -> str:
    """Why the nodes called ``name`` in the graph ``kg build`` wrote to ``outdir`` are what they
    are: for each node, the releases and character spans behind it and the merge reasons.

    Reads ``outdir/resolution.json``. Raises ``ResolutionFileError`` when it is missing or
    unreadable and ``UnknownNameError`` when no node has the name.
    """
    path = Path(outdir) / RESOLUTION_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ResolutionFileError(
            str(path), f"no such file; run kg build INPUT... -o {outdir} first"
        ) from error
    except (OSError, ValueError) as error:
        raise ResolutionFileError(
            str(path), f"cannot read it ({error}); run kg build again to rewrite it"
        ) from error
    lines = explain_lines(data, name)
    if not lines:
        raise UnknownNameError(name, str(path))
    return "\n".join(lines) + "\n"
