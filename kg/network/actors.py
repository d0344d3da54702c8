"""Who works with whom: the actor network (persons and organizations) of kg's RDF.

The network is built from any split of the triples. A corpus build reads each release's
triples once, keeps what they add to the network (``kg.network.ties.network_part``: ties,
mentions, memberships) and drops them; the shared descriptions of persons, organizations and
roles (``describe``: labels, types, units) are read once for the whole corpus; ``assemble``
makes the graph. ``actor_network(graph)`` is the same three steps over one graph, so both give
one network. Every function is pure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import FOAF, ORG, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.network.sums import NetworkTotal
from kg.network.ties import _BIT, _T_TYPE, TIE_KINDS, UNIT_WEIGHT, network_part
from kg.rdf.turtle import nt_line, nt_literal, nt_node, nt_split
from kg.rdf.vocab import KG

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


Triple = tuple[Node, Node, Node]


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
                self._forget(*said)
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

    def _forget(self, what: str, said: tuple) -> None:
        key, value = said
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

    def org_type(self, node: str) -> str:
        types = {_ORG_TYPE_NAMES[t] for t in self.types.get(node, ()) if t in _ORG_TYPE_NAMES}
        # A node typed twice keeps the most specific kind (the order of ORG_TYPE_CLASSES).
        return next((kind for kind in ORG_TYPE_CLASSES.values() if kind in types), "other")


def describe(lines: Iterable[str]) -> Description:
    """The ``Description`` of a set of triples (a whole graph, or the shared triples of a
    corpus) given as N-Triples lines (``kg.rdf.turtle.nt_line``)."""
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
