"""What releases add to the actor network: ties with their weights and kinds, and each actor's evidence."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

from rdflib.namespace import FOAF, ORG, RDF
from rdflib.term import Node

from kg.rdf.turtle import nt_literal, nt_node, nt_split
from kg.rdf.vocab import ITSRDF, KG, NIF, ORG_CLASSES, SCHEMA

if TYPE_CHECKING:  # NumPy and NetworkX load on first use: a corpus build starts sooner
    pass


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


class NetworkTotal:
    """The sum of the ``NetworkPart`` of many releases, its actors numbered so that a corpus of
    thousands of releases (millions of ties) stays small: a tie is one int key, ``i << 32 | j``.

    A part can be taken out again (``subtract``: a release changed). Weights and counts come
    back exactly (the weights are sums of halves); what the sum keeps as a union of bits or a
    least value cannot always be taken apart, so ``subtract`` notes it as ``unsure`` until the
    parts added next give the same bits or values back. A total that stays unsure has to be
    summed again from its parts.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []  # IRI of each number
        self.weights: dict[int, float] = {}
        self.kinds: dict[int, int] = {}  # bits of TIE_KINDS
        self.mentions: dict[int, int] = {}
        self.first_mention: dict[int, tuple[int, str, str]] = {}
        self.evidence: dict[int, tuple[str, str]] = {}
        self.givers: dict[int, list[int]] = {}  # actor -> parts giving [first_mention, evidence]
        self.roles: dict[int, dict[int, int]] = {}  # person -> role -> parts naming it
        self.member_of: dict[int, dict[int, int]] = {}  # person -> organization -> parts
        # what subtract took out and the parts added since have not given back
        self.unsure_kinds: dict[int, int] = {}  # tie -> kind bits
        self.unsure_least: dict[tuple[int, int], tuple] = {}  # (actor, 0 or 1) -> value

    @property
    def unsure(self) -> bool:
        return bool(self.unsure_kinds or self.unsure_least)

    def id(self, iri: str) -> int:
        number = self.ids.get(iri)
        if number is None:
            number = self.ids[iri] = len(self.names)
            self.names.append(iri)
        return number

    def add(self, part: NetworkPart) -> None:
        """Add the part of one more release (or of any triples disjoint from those added)."""
        ids, names, weights, kinds = self.ids, self.names, self.weights, self.kinds
        part_kinds = part.kinds
        for (a, b), weight in part.weights.items():  # self.tie, inlined: the hot loop of a corpus
            i = ids.get(a)
            if i is None:
                i = ids[a] = len(names)
                names.append(a)
            j = ids.get(b)
            if j is None:
                j = ids[b] = len(names)
                names.append(b)
            key = i << 32 | j if i < j else j << 32 | i
            weights[key] = weights.get(key, 0.0) + weight
            kinds[key] = kinds.get(key, 0) | part_kinds[(a, b)]
        for actor, count in part.mentions.items():
            i = self.id(actor)
            self.mentions[i] = self.mentions.get(i, 0) + count
        for n, (mine, theirs) in enumerate(
            ((self.first_mention, part.first_mention), (self.evidence, part.evidence))
        ):
            for actor, value in theirs.items():
                i = self.id(actor)
                self.givers.setdefault(i, [0, 0])[n] += 1
                if i not in mine or value < mine[i]:
                    mine[i] = value
        for mine, theirs in ((self.roles, part.roles), (self.member_of, part.member_of)):
            for actor, values in theirs.items():
                counts = mine.setdefault(self.id(actor), {})
                for value in values:
                    j = self.id(value)
                    counts[j] = counts.get(j, 0) + 1
        if self.unsure:
            self._give_back(part)

    def subtract(self, part: NetworkPart) -> None:
        """Take out a part added before."""
        ids, weights, kinds = self.ids, self.weights, self.kinds
        for (a, b), weight in part.weights.items():
            i, j = ids[a], ids[b]
            key = i << 32 | j if i < j else j << 32 | i
            left = weights[key] - weight
            if left == 0:  # no other part gave this tie: it goes, bits and all
                del weights[key], kinds[key]
                self.unsure_kinds.pop(key, None)
            else:
                weights[key] = left
                self.unsure_kinds[key] = self.unsure_kinds.get(key, 0) | part.kinds[(a, b)]
        for actor, count in part.mentions.items():
            i = ids[actor]
            left = self.mentions[i] - count
            if left:
                self.mentions[i] = left
            else:
                del self.mentions[i]
        for n, (mine, theirs) in enumerate(
            ((self.first_mention, part.first_mention), (self.evidence, part.evidence))
        ):
            for actor, value in theirs.items():
                i = ids[actor]
                givers = self.givers[i]
                givers[n] -= 1
                if givers[n] == 0:
                    del mine[i]
                    self.unsure_least.pop((i, n), None)
                elif mine[i] == value:  # the least value goes; the next is not known
                    self.unsure_least[(i, n)] = value
        for mine, theirs in ((self.roles, part.roles), (self.member_of, part.member_of)):
            for actor, values in theirs.items():
                i = ids[actor]
                counts = mine[i]
                for value in values:
                    j = ids[value]
                    counts[j] -= 1
                    if counts[j] == 0:
                        del counts[j]
                if not counts:
                    del mine[i]

    def _give_back(self, part: NetworkPart) -> None:
        """Settle what ``subtract`` left unsure that ``part`` gives again: the same kind bits of
        a tie, or a value no greater than the least one taken out."""
        ids, unsure_kinds = self.ids, self.unsure_kinds
        if unsure_kinds:
            for (a, b), mask in part.kinds.items():
                i, j = ids[a], ids[b]
                key = i << 32 | j if i < j else j << 32 | i
                bits = unsure_kinds.get(key)
                if bits is not None:
                    if bits & ~mask:
                        unsure_kinds[key] = bits & ~mask
                    else:
                        del unsure_kinds[key]
        for n, theirs in enumerate((part.first_mention, part.evidence)):
            for actor, value in theirs.items():
                taken = self.unsure_least.get((ids[actor], n))
                if taken is not None and value <= taken:
                    del self.unsure_least[(ids[actor], n)]


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
    # a triple made twice (two files, one text) counts once
    return part_of_triples(nt_split(line) for line in dict.fromkeys(lines))


def part_of_triples(triples: Iterable[tuple[str, str, str]]) -> NetworkPart:
    """``network_part`` of triples given as N-Triples tokens ``(s, p, o)``, each once (as
    ``kg.rdf.turtle.Statements.triples`` gives them): a corpus build takes each release's
    part from the triples as they are written, without reading lines back."""
    types: dict[str, set[str]] = defaultdict(set)
    values: dict[str, dict[str, list[str]]] = {p: defaultdict(list) for p in _PART_PREDICATES}
    memberships: set[str] = set()
    events: set[str] = set()
    for s, p, o in triples:
        if p == _T_TYPE:
            types[s].add(o)
            if o == _T_MEMBERSHIP:
                memberships.add(s)
            elif o == _T_EVENT:
                events.add(s)
        elif p in values:
            values[p][s].append(o)
    persons = {s for s, t in types.items() if _T_PERSON in t}
    organizations = {s for s, t in types.items() if not t.isdisjoint(_T_ORG_CLASSES)} - persons
    actors = persons | organizations

    def value(node: str, predicate: str) -> str | None:
        found = values[predicate].get(node)
        return min(found) if found else None

    part = NetworkPart()
    evidence_of: dict[str, set[str]] = defaultdict(set)  # actor -> memberships naming it
    for m, org_nodes in values[_T_ORGANIZATION].items():
        for org_node in org_nodes:
            evidence_of[org_node].add(m)
    for m in memberships:
        org_node, role = value(m, _T_ORGANIZATION), value(m, _T_ROLE)
        for member in values[_T_MEMBER].get(m, ()):
            evidence_of[member].add(m)
            key = nt_node(member)
            if role is not None:
                part.roles.setdefault(key, set()).add(nt_node(role))
            if org_node is not None:
                part.member_of.setdefault(key, set()).add(nt_node(org_node))
                if member in persons and org_node in organizations:
                    part.tie(key, nt_node(org_node), "membership", MEMBERSHIP_WEIGHT)
    for actor, found in evidence_of.items():
        if actor not in actors:
            continue
        for m in sorted(found, key=nt_node):
            text = _best(values[_T_EVIDENCE].get(m, ()))
            if text is not None:
                part.evidence[nt_node(actor)] = (nt_node(m), text)
                break

    by_sentence: dict[str, set[str]] = defaultdict(set)
    seen: dict[str, set[str]] = defaultdict(set)
    for mention, entities in values[_T_IDENT].items():
        for entity in entities:
            if entity not in actors:
                continue
            key = nt_node(entity)
            seen[key].add(mention)
            begin = nt_literal(value(mention, _T_BEGIN) or "")
            offset = int(begin[0]) if begin is not None and begin[0].isdigit() else _NO_OFFSET
            sentence = value(mention, _T_SENTENCE)
            if sentence is None:
                continue
            by_sentence[sentence].add(key)
            text = nt_literal(value(sentence, _T_ANCHOR) or "")
            if text is not None:
                candidate = (offset, nt_node(mention), text[0])
                if key not in part.first_mention or candidate < part.first_mention[key]:
                    part.first_mention[key] = candidate
    for key, mentions in seen.items():
        part.mentions[key] += len(mentions)
    for together in by_sentence.values():
        for a, b in combinations(sorted(together), 2):
            part.tie(a, b, "co-mention", CO_MENTION_WEIGHT)

    for event in events:
        presenters = set()
        for item in values[_T_SUB_EVENT].get(event, ()):
            kind = nt_literal(value(item, _T_AGENDA) or "")
            if kind is not None and kind[0] == "발제":
                presenters |= set(values[_T_PERFORMER].get(item, ()))
            for moderator in values[_T_MODERATOR].get(item, ()):
                for panelist in values[_T_PANELIST].get(item, ()):
                    if moderator in actors and panelist in actors:
                        part.tie(nt_node(moderator), nt_node(panelist), "panel", PANEL_WEIGHT)
        for a, b in combinations(sorted(nt_node(p) for p in presenters if p in actors), 2):
            part.tie(a, b, "co-presenter", CO_PRESENTER_WEIGHT)
        organizers = {nt_node(o) for o in values[_T_ORGANIZER].get(event, ()) if o in actors}
        attendees = {nt_node(a) for a in values[_T_ATTENDEE].get(event, ()) if a in actors}
        for o in organizers:
            for a in attendees:
                part.tie(o, a, "organizer-attendee", ORGANIZER_WEIGHT)
    return part
