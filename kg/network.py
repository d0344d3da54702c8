"""Who works with whom: the actor network (persons and organizations) of kg's RDF.

The network is built from any split of the triples. A corpus build (``kg.corpus``) reads each
release's triples once, keeps what they add to the network (``network_part``: ties, mentions,
memberships) and drops them; the shared descriptions of persons, organizations and roles
(``describe``: labels, types, units) are read once for the whole corpus; ``assemble`` makes the
graph. ``actor_network(graph)`` is the same three steps over one graph, so both give one network.

Every function is pure: triples (rdflib terms, read only through the vocabulary of
docs/vocabulary.md) go in, new values come out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import FOAF, ORG, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.iris import ITSRDF, KG, NIF, SCHEMA
from kg.turtle import nt_line, nt_literal, nt_node, nt_split

if TYPE_CHECKING:  # NumPy and NetworkX load on first use: a corpus build starts sooner
    import networkx as nx
    import numpy as np

#: kg type class -> ``org_type`` value (the kinds of ``kg.model.ORG_KINDS``).
ORG_TYPE_CLASSES = {
    KG.Government: "government",
    KG.Legislature: "legislature",
    KG.Company: "company",
    KG.University: "university",
    KG.PublicAgency: "public_agency",
    KG.Association: "association",
    KG.MediaOrganization: "media",
    KG.OtherOrganization: "other",
}
ORG_CLASSES = frozenset((ORG.Organization, ORG.OrganizationalUnit, *ORG_TYPE_CLASSES))

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

Triple = tuple[Node, Node, Node]


# -- shared descriptions: persons, organizations, roles ---------------------------------------

_TYPE = str(RDF.type)
_PERSON = str(FOAF.Person)
_ORG_CLASS_NAMES = frozenset(map(str, ORG_CLASSES))
_ORG_TYPE_NAMES = {str(c): kind for c, kind in ORG_TYPE_CLASSES.items()}
_PERSON_LABELS = tuple(map(str, (FOAF.name, RDFS.label, SKOS.prefLabel)))
_ORG_LABELS = tuple(map(str, (SKOS.prefLabel, RDFS.label, FOAF.name)))
_LABEL_TOKENS = {f"<{p}>": p for p in _PERSON_LABELS}
_T_UNIT_OF, _T_HAS_UNIT = f"<{ORG.unitOf}>", f"<{ORG.hasUnit}>"


@dataclass
class Description:
    """Types, labels and unit links of the actors and roles in a set of triples (as strings)."""

    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[tuple[str, str], list[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    units: set[tuple[str, str]] = field(default_factory=set)  # (unit, parent)

    @property
    def persons(self) -> set[str]:
        return {s for s, t in self.types.items() if _PERSON in t}

    @property
    def organizations(self) -> set[str]:
        return {
            s
            for s, t in self.types.items()
            if not t.isdisjoint(_ORG_CLASS_NAMES) and _PERSON not in t
        }

    def label(self, node: str, predicates: Sequence[str]) -> str:
        for predicate in predicates:
            found = self.labels.get((node, predicate))
            if found:
                # Korean (@ko) first, then untagged, then any; ties broken by the string.
                return min(
                    found, key=lambda v: (0 if v[1] == "ko" else 1 if not v[1] else 2, v[0])
                )[0]
        return node

    def update(self, added: Iterable[str], removed: Iterable[str]) -> None:
        """Describe the lines ``added`` too and the lines ``removed`` no more (lines of the
        set described, each described once): the description of the new set.

        A unit link is one entry for its ``org:unitOf`` and ``org:hasUnit`` lines, which
        ``kg.rdf`` writes together: taking out either takes out the link."""
        for line in removed:
            said = _describe_line(line)
            if said is not None:
                what, (key, value) = said
                if what == "type":
                    self.types[key].discard(value)
                    if not self.types[key]:
                        del self.types[key]
                elif what == "label":
                    self.labels[key].remove(value)
                    if not self.labels[key]:
                        del self.labels[key]
                else:
                    self.units.discard((key, value))
        for line in added:
            said = _describe_line(line)
            if said is not None:
                what, (key, value) = said
                if what == "type":
                    self.types[key].add(value)
                elif what == "label":
                    self.labels[key].append(value)
                else:
                    self.units.add((key, value))

    def org_type(self, node: str) -> str:
        types = {_ORG_TYPE_NAMES[t] for t in self.types.get(node, ()) if t in _ORG_TYPE_NAMES}
        # A node typed twice keeps the most specific kind (the order of ORG_TYPE_CLASSES).
        return next((kind for kind in ORG_TYPE_CLASSES.values() if kind in types), "other")


def describe(lines: Iterable[str]) -> Description:
    """The ``Description`` of a set of triples (a whole graph, or the shared triples of a
    corpus) given as N-Triples lines (``kg.turtle.nt_line``)."""
    d = Description()
    d.update(lines, ())
    return d


def _describe_line(line: str) -> tuple[str, object] | None:
    """What one line says of a description: ``("type", (node, class))``, ``("label", ((node,
    predicate), (text, language)))`` or ``("unit", (unit, parent))``; None for anything else."""
    s, p, o = nt_split(line)
    if p == _T_TYPE:
        return ("type", (nt_node(s), nt_node(o))) if not o.startswith('"') else None
    if p in _LABEL_TOKENS:
        literal = nt_literal(o)
        return ("label", ((nt_node(s), _LABEL_TOKENS[p]), literal)) if literal is not None else None
    if p == _T_UNIT_OF:
        return "unit", (nt_node(s), nt_node(o))
    if p == _T_HAS_UNIT:
        return "unit", (nt_node(o), nt_node(s))
    return None


# -- what one release adds: ties, mentions, memberships ---------------------------------------


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
    triples are N-Triples lines as ``kg.turtle.nt_line`` writes them.

    Actors are the subjects the triples type as ``foaf:Person`` or as an organization; each
    release's triples type every actor they link to, so parts of releases add up to the part of
    their union.
    """
    types: dict[str, set[str]] = defaultdict(set)
    values: dict[str, dict[str, list[str]]] = {p: defaultdict(list) for p in _PART_PREDICATES}
    memberships: set[str] = set()
    events: set[str] = set()
    for line in dict.fromkeys(lines):  # a triple made twice (two files, one text) counts once
        s, p, o = nt_split(line)
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


# -- the graph ---------------------------------------------------------------------------------


@dataclass
class ActorNetwork:
    """An actor network in columns: node IRIs in sorted order with their attributes, and ties as
    arrays of node numbers (``i < j``, sorted), weights and kinds. A corpus network of hundreds of
    thousands of actors fits in a fraction of what NetworkX needs; ``graph()`` and ``subgraph()``
    give NetworkX graphs (nodes and ties in this order)."""

    node_names: list[str]
    attrs: list[dict]
    src: np.ndarray  # int64
    dst: np.ndarray  # int64
    weight: np.ndarray  # float64
    kinds: np.ndarray  # int64 bits of TIE_KINDS

    def __len__(self) -> int:
        return len(self.node_names)

    def __iter__(self) -> Iterator[str]:
        return iter(self.node_names)

    def nodes(self, data: bool = False) -> list:
        """Node IRIs, or ``(IRI, attributes)`` pairs with ``data=True`` (as NetworkX has it)."""
        return (
            list(zip(self.node_names, self.attrs, strict=True)) if data else list(self.node_names)
        )

    def number_of_edges(self) -> int:
        return len(self.src)

    def graph(self) -> nx.Graph:
        """The whole network as a NetworkX graph."""
        return self.subgraph(self.node_names)

    def subgraph(self, nodes: Iterable[str]) -> nx.Graph:
        """The NetworkX graph of ``nodes`` and the ties among them."""
        import networkx as nx
        import numpy as np

        index = {name: i for i, name in enumerate(self.node_names)}
        keep = sorted(index[n] for n in set(nodes))
        inside = np.zeros(len(self.node_names), dtype=bool)
        inside[keep] = True
        G = nx.Graph()
        G.add_nodes_from((self.node_names[i], self.attrs[i]) for i in keep)
        names = self.node_names
        lists: dict[int, list[str]] = {}  # one kinds list per combination, shared by its ties
        for i, j, w, mask in zip(
            self.src.tolist(),
            self.dst.tolist(),
            self.weight.tolist(),
            self.kinds.tolist(),
            strict=True,
        ):
            if inside[i] and inside[j]:
                if mask not in lists:
                    lists[mask] = [kind for kind in TIE_KINDS if mask & _BIT[kind]]
                G.add_edge(names[i], names[j], kinds=lists[mask], weight=w)
        return G


def assemble(description: Description, total: NetworkTotal) -> ActorNetwork:
    """The actor network of the described actors with the ties and evidence of ``total``.

    See ``actor_network`` for the node and edge attributes. ``total`` is left as it was.
    """
    import numpy as np

    persons = description.persons
    organizations = description.organizations
    node_names = sorted(persons | organizations)
    index = {key: n for n, key in enumerate(node_names)}
    parents_of: dict[str, set[str]] = defaultdict(set)
    units: list[tuple[int, int]] = []  # (unit, parent) positions: a unit tie each
    for unit, parent in description.units:
        parents_of[unit].add(parent)
        if unit in organizations and parent in organizations and unit != parent:
            units.append((index[unit], index[parent]))
    org_labels: dict[str, str] = {}  # a role or organization is named by many persons

    def org_label(node: str) -> str:
        found = org_labels.get(node)
        if found is None:
            found = org_labels[node] = description.label(node, _ORG_LABELS)
        return found

    names, ids = total.names, total.ids
    attrs = []
    for key in node_names:
        i = ids.get(key, -1)
        if key in persons:
            attrs.append(
                {
                    "label": description.label(key, _PERSON_LABELS),
                    "kind": "person",
                    "org_type": None,
                    "titles": sorted({org_label(names[r]) for r in total.roles.get(i, ())}),
                    "organizations": sorted(
                        {org_label(names[o]) for o in total.member_of.get(i, ())}
                    ),
                }
            )
        else:
            attrs.append(
                {
                    "label": org_label(key),
                    "kind": "organization",
                    "org_type": description.org_type(key),
                    "titles": [],
                    "organizations": sorted({org_label(p) for p in parents_of.get(key, ())}),
                }
            )
        first = total.first_mention.get(i)
        evidence = total.evidence.get(i)
        attrs[-1]["sentence"] = first[2] if first else evidence[1] if evidence else ""
        attrs[-1]["mentions"] = total.mentions.get(i, 0)

    # number -> position in node_names (-1: not an actor), then the ties among actors
    position = np.full(len(names) + 1, -1, dtype=np.int64)
    for n, key in enumerate(node_names):
        i = ids.get(key)
        if i is not None:
            position[i] = n
    count = len(total.weights)
    keys = np.fromiter(total.weights.keys(), dtype=np.int64, count=count)
    weight = np.fromiter(total.weights.values(), dtype=np.float64, count=count)
    kinds = np.fromiter((total.kinds[k] for k in total.weights), dtype=np.int64, count=count)
    a, b = position[keys >> 32], position[keys & 0xFFFFFFFF]
    among = (a >= 0) & (b >= 0)
    unit_ends = np.array(units, dtype=np.int64).reshape(-1, 2)
    a = np.concatenate([a[among], unit_ends[:, 0]])
    b = np.concatenate([b[among], unit_ends[:, 1]])
    weight = np.concatenate([weight[among], np.full(len(units), UNIT_WEIGHT)])
    kinds = np.concatenate([kinds[among], np.full(len(units), _BIT["unit"], dtype=np.int64)])
    return ActorNetwork(node_names, attrs, *_merged_ties(a, b, weight, kinds, len(node_names)))


def _merged_ties(a, b, weight, kinds, n: int) -> tuple:
    """Ties ``a[k] -- b[k]`` sorted by their ends (lower first), one per pair of ends: weights
    added, kinds joined."""
    import numpy as np

    src, dst = np.minimum(a, b), np.maximum(a, b)
    if not len(src):
        return src, dst, weight, kinds
    pair = src * n + dst
    order = np.argsort(pair, kind="stable")
    pair = pair[order]
    starts = np.flatnonzero(np.concatenate([[True], pair[1:] != pair[:-1]]))
    return (
        src[order][starts],
        dst[order][starts],
        np.add.reduceat(weight[order], starts),
        np.bitwise_or.reduceat(kinds[order], starts),
    )


def actor_network(graph: rdflib.Graph | Iterable[Triple]) -> nx.Graph:
    """Build the weighted network of persons and organizations named in a release graph.

    Nodes are the IRIs (as strings) of every ``foaf:Person`` and ``org:Organization`` (units and
    nodes typed only with a kg organization class count too). Node attributes:

    - ``label``: ``foaf:name`` of a person, ``skos:prefLabel`` of an organization
    - ``kind``: ``"person"`` or ``"organization"``
    - ``org_type``: government, legislature, company, university, public_agency, association,
      media or other, from the kg type class; ``None`` for a person
    - ``titles``: sorted role labels (직함) of the person's memberships
    - ``organizations``: sorted labels of the organizations the person is a member of; for an
      organization, the label of the organization it is a unit of (``org:unitOf``)
    - ``sentence``: the sentence of the entity's first mention (lowest ``nif:beginIndex`` among the
      mentions whose sentence has text), else the ``kg:evidenceText`` of one of its memberships,
      else ``""``
    - ``mentions``: number of NIF mention nodes whose ``itsrdf:taIdentRef`` is the entity

    Edges carry ``kinds`` (sorted list of ``"co-mention"``, ``"membership"``, ``"unit"``,
    ``"co-presenter"``, ``"panel"``, ``"organizer-attendee"``) and ``weight``, the sum of 3.0 per
    membership, 2.0 per ``org:unitOf`` link, 1.0 per sentence mentioning both actors, and per
    ``schema:Event``: 1.5 for two presenters (발제) of it, 2.0 for its moderator (좌장) and a
    panelist (토론자), 1.0 for an organizer and an attendee. Actors without ties stay in the
    graph as isolated nodes.

    Parameters
    ----------
    graph : rdflib.Graph or iterable of triples
        A graph in the kg vocabulary (one release or many merged).

    Returns
    -------
    networkx.Graph
        Nodes and ties added in IRI order, so the result does not depend on the store's order.

    Examples
    --------
    >>> ttl = '''
    ... @prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix org: <http://www.w3.org/ns/org#> .
    ... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ... @prefix kg: <https://w3id.org/kg-press/ontology#> . @prefix ex: <http://example.org/> .
    ... ex:hong a foaf:Person ; foaf:name "홍길동"@ko .
    ... ex:gana a org:Organization, kg:Government ; skos:prefLabel "가나도"@ko .
    ... ex:m1 a org:Membership ; org:member ex:hong ; org:organization ex:gana ;
    ...     org:role ex:r1 ; kg:evidenceText "홍길동 가나도지사는 말했다."@ko .
    ... ex:r1 a org:Role ; skos:prefLabel "도지사"@ko .
    ... '''
    >>> G = actor_network(rdflib.Graph().parse(data=ttl, format="turtle"))
    >>> G.nodes["http://example.org/hong"]["titles"], G.nodes["http://example.org/hong"]["sentence"]
    (['도지사'], '홍길동 가나도지사는 말했다.')
    >>> G.edges["http://example.org/hong", "http://example.org/gana"]
    {'kinds': ['membership'], 'weight': 3.0}
    """
    lines = [nt_line(t) for t in graph]
    total = NetworkTotal()
    total.add(network_part(lines))
    return assemble(describe(lines), total).graph()
