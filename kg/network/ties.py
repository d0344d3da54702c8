"""What releases add to the actor network: ties with their weights and kinds, and each actor's
evidence (``NetworkPart``), read from their triples."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from rdflib.namespace import FOAF, ORG, RDF
from rdflib.term import Node

from kg.rdf.turtle import nt_literal, nt_node, nt_split
from kg.rdf.vocab import ITSRDF, KG, NIF, ORG_CLASSES, SCHEMA

#: Edge weight each piece of evidence adds to the tie between two actors.
MEMBERSHIP_WEIGHT = 3.0  # one org:Membership, person -- organization


UNIT_WEIGHT = 2.0  # one org:unitOf, unit -- parent organization


CO_MENTION_WEIGHT = 1.0  # one NIF sentence that mentions both actors


CO_PRESENTER_WEIGHT = 1.5  # two presenters (발제) of one event


PANEL_WEIGHT = 2.0  # the moderator (좌장) and a panelist (토론자) of one panel


ORGANIZER_WEIGHT = 1.0  # an organizer and an attendee of one event


TIE_KINDS = ("co-mention", "co-presenter", "membership", "organizer-attendee", "panel", "unit")


_BIT = {kind: 1 << i for i, kind in enumerate(TIE_KINDS)}


_NO_OFFSET = 2**63


@dataclass
class NetworkPart:
    """Ties and per-actor evidence of a set of triples; parts of disjoint releases ``add`` up.

    Nodes are IRIs as strings; a tie is keyed by its two ends in sorted order.
    """

    weights: dict[tuple[str, str], float] = field(default_factory=dict)
    kinds: dict[tuple[str, str], int] = field(default_factory=dict)  # bits of TIE_KINDS
    mentions: Counter = field(default_factory=Counter)  # actor -> NIF mention nodes
    first_mention: dict[str, tuple[int, str, str]] = field(
        default_factory=dict
    )  # (offset, mention, sentence)
    evidence: dict[str, tuple[str, str]] = field(default_factory=dict)  # (membership, text)
    roles: dict[str, set[str]] = field(default_factory=dict)  # person -> role IRIs
    member_of: dict[str, set[str]] = field(default_factory=dict)  # person -> organization IRIs

    def tie(self, a: str, b: str, kind: str, weight: float) -> None:
        if a == b:
            return
        key = (a, b) if a < b else (b, a)
        self.weights[key] = self.weights.get(key, 0.0) + weight
        self.kinds[key] = self.kinds.get(key, 0) | _BIT[kind]


def _token(iri: Node) -> str:
    return f"<{iri}>"


_T_TYPE = _token(RDF.type)


_T_PERSON = _token(FOAF.Person)


_T_ORG_CLASSES = frozenset(map(_token, ORG_CLASSES))


_T_MEMBERSHIP, _T_EVENT = _token(ORG.Membership), _token(SCHEMA.Event)


_T_MEMBER, _T_ORGANIZATION, _T_ROLE = _token(ORG.member), _token(ORG.organization), _token(ORG.role)


_T_IDENT, _T_BEGIN = _token(ITSRDF.taIdentRef), _token(NIF.beginIndex)


_T_SENTENCE, _T_ANCHOR = _token(NIF.sentence), _token(NIF.anchorOf)


_T_EVIDENCE, _T_SUB_EVENT, _T_AGENDA = (
    _token(KG.evidenceText),
    _token(SCHEMA.subEvent),
    _token(KG.agendaKind),
)


_T_PERFORMER, _T_MODERATOR, _T_PANELIST = (
    _token(SCHEMA.performer),
    _token(KG.moderator),
    _token(KG.panelist),
)


_T_ORGANIZER, _T_ATTENDEE = _token(SCHEMA.organizer), _token(SCHEMA.attendee)


_PART_PREDICATES = (
    _T_MEMBER, _T_ORGANIZATION, _T_ROLE, _T_IDENT, _T_BEGIN, _T_SENTENCE, _T_ANCHOR, _T_EVIDENCE,
    _T_SUB_EVENT, _T_AGENDA, _T_PERFORMER, _T_MODERATOR, _T_PANELIST, _T_ORGANIZER, _T_ATTENDEE,
)  # fmt: skip


def _best(tokens: Iterable[str]) -> str | None:
    """Korean (``@ko``) literal first, then untagged, then any; ties broken by the string."""
    literals = [v for v in map(nt_literal, tokens) if v is not None]
    if not literals:
        return None
    return min(literals, key=lambda v: (0 if v[1] == "ko" else 1 if not v[1] else 2, v[0]))[0]


def network_part(lines: Iterable[str]) -> NetworkPart:
    """What a set of triples (one release's, or a whole graph's) adds to the actor network; the
    triples are N-Triples lines as ``kg.rdf.turtle.nt_line`` writes them.

    Actors are the subjects the triples type as ``foaf:Person`` or as an organization; each
    release's triples type every actor they link to, so parts of releases add up to the part of
    their union.
    """
    by_subject: dict[str, set[tuple[str, str]]] = {}
    for line in lines:  # a triple made twice (two files, one text) counts once
        s, p, o = nt_split(line)
        by_subject.setdefault(s, set()).add((p, o))
    return part_of_statements(by_subject)


def part_of_statements(by_subject: dict[str, Iterable[tuple[str, str]]]) -> NetworkPart:
    """``network_part`` of triples given as N-Triples tokens grouped by subject, each triple
    once (``kg.rdf.turtle.Statements.by_subject``): a corpus build takes each release's part
    from the triples as they are written, without reading lines back."""
    index = _Index(by_subject)
    part = NetworkPart()
    _memberships(index, part)
    _mentions(index, part)
    for event in index.events:
        _event_ties(index, event, part)
    return part


class _Index:
    """The triples a network part reads: types, and the objects of the predicates it follows."""

    def __init__(self, by_subject: dict[str, Iterable[tuple[str, str]]]) -> None:
        types: dict[str, set[str]] = defaultdict(set)
        values: dict[str, dict[str, list[str]]] = {p: defaultdict(list) for p in _PART_PREDICATES}
        memberships, events = set(), set()
        followed = values.get
        for s, pairs in by_subject.items():
            for p, o in pairs:
                if p == _T_TYPE:
                    types[s].add(o)
                    if o == _T_MEMBERSHIP:
                        memberships.add(s)
                    elif o == _T_EVENT:
                        events.add(s)
                else:
                    found = followed(p)
                    if found is not None:
                        found[s].append(o)
        self.values, self.memberships, self.events = values, memberships, events
        self.persons = {s for s, t in types.items() if _T_PERSON in t}
        orgs = {s for s, t in types.items() if not t.isdisjoint(_T_ORG_CLASSES)}
        self.organizations = orgs - self.persons
        self.actors = self.persons | self.organizations

    def objects(self, node: str, predicate: str) -> list[str]:
        return self.values[predicate].get(node, [])

    def value(self, node: str, predicate: str) -> str | None:
        found = self.values[predicate].get(node)
        return min(found) if found else None


def _memberships(index: _Index, part: NetworkPart) -> None:
    """Membership ties, each person's roles and organizations, each actor's evidence text."""
    evidence_of: dict[str, set[str]] = defaultdict(set)  # actor -> memberships naming it
    for m, org_nodes in index.values[_T_ORGANIZATION].items():
        for org_node in org_nodes:
            evidence_of[org_node].add(m)
    for m in index.memberships:
        org_node, role = index.value(m, _T_ORGANIZATION), index.value(m, _T_ROLE)
        for member in index.objects(m, _T_MEMBER):
            evidence_of[member].add(m)
            key = nt_node(member)
            if role is not None:
                part.roles.setdefault(key, set()).add(nt_node(role))
            if org_node is None:
                continue
            part.member_of.setdefault(key, set()).add(nt_node(org_node))
            if member in index.persons and org_node in index.organizations:
                part.tie(key, nt_node(org_node), "membership", MEMBERSHIP_WEIGHT)
    for actor, found in evidence_of.items():
        if actor in index.actors:
            _evidence(index, actor, found, part)


def _evidence(index: _Index, actor: str, memberships: set[str], part: NetworkPart) -> None:
    """The evidence text of the first of an actor's memberships (by IRI) that has one."""
    for m in sorted(memberships, key=nt_node):
        text = _best(index.objects(m, _T_EVIDENCE))
        if text is not None:
            part.evidence[nt_node(actor)] = (nt_node(m), text)
            return


def _mentions(index: _Index, part: NetworkPart) -> None:
    """Each actor's mentions and first mention, and the co-mention ties of each sentence."""
    by_sentence: dict[str, set[str]] = defaultdict(set)
    seen: dict[str, set[str]] = defaultdict(set)
    first = part.first_mention
    for mention, entities in index.values[_T_IDENT].items():
        for entity in entities:
            if entity not in index.actors:
                continue
            key = nt_node(entity)
            seen[key].add(mention)
            begin = nt_literal(index.value(mention, _T_BEGIN) or "")
            offset = int(begin[0]) if begin is not None and begin[0].isdigit() else _NO_OFFSET
            sentence = index.value(mention, _T_SENTENCE)
            if sentence is None:
                continue
            by_sentence[sentence].add(key)
            text = nt_literal(index.value(sentence, _T_ANCHOR) or "")
            if text is not None:
                candidate = (offset, nt_node(mention), text[0])
                if key not in first or candidate < first[key]:
                    first[key] = candidate
    for key, mentions in seen.items():
        part.mentions[key] += len(mentions)
    for together in by_sentence.values():
        for a, b in combinations(sorted(together), 2):
            part.tie(a, b, "co-mention", CO_MENTION_WEIGHT)


def _event_ties(index: _Index, event: str, part: NetworkPart) -> None:
    """An event's ties: its presenters (발제), each panel's moderator and panelists, its
    organizers and attendees."""
    actors = index.actors
    presenters = set()
    for item in index.objects(event, _T_SUB_EVENT):
        kind = nt_literal(index.value(item, _T_AGENDA) or "")
        if kind is not None and kind[0] == "발제":
            presenters |= set(index.objects(item, _T_PERFORMER))
        for moderator in index.objects(item, _T_MODERATOR):
            for panelist in index.objects(item, _T_PANELIST):
                if moderator in actors and panelist in actors:
                    part.tie(nt_node(moderator), nt_node(panelist), "panel", PANEL_WEIGHT)
    for a, b in combinations(sorted(nt_node(p) for p in presenters if p in actors), 2):
        part.tie(a, b, "co-presenter", CO_PRESENTER_WEIGHT)
    organizers = {nt_node(o) for o in index.objects(event, _T_ORGANIZER) if o in actors}
    attendees = {nt_node(a) for a in index.objects(event, _T_ATTENDEE) if a in actors}
    for o in organizers:
        for a in attendees:
            part.tie(o, a, "organizer-attendee", ORGANIZER_WEIGHT)
