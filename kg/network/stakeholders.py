"""Stakeholder networks of a graph: person-organization and person-event networks and their
projections, and the sector of each node.

Every function is pure (an RDF or NetworkX graph in, a new graph or dict out); reports on them
are in ``kg.network.reports``, files for Gephi and friends are written by ``kg.render.export``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

import networkx as nx
import rdflib
from networkx.algorithms import bipartite
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS
from rdflib.term import Literal, Node

from kg.network.actors import actor_network
from kg.network.slicing import _as_date
from kg.rdf.vocab import ITSRDF, KG, NIF


def _best_literal(values: Iterable[Node]) -> str | None:
    """Korean (``@ko``) first, then untagged, then any; ties broken by the string."""
    literals = [o for o in values if isinstance(o, Literal)]
    if not literals:
        return None
    return str(
        min(
            literals,
            key=lambda o: (0 if o.language == "ko" else 1 if not o.language else 2, str(o)),
        )
    )


def _literal_value(graph: rdflib.Graph, subject: Node, predicates: Sequence[Node]) -> str | None:
    """The first predicate's value that has one (``_best_literal`` of its values)."""
    for predicate in predicates:
        best = _best_literal(graph.objects(subject, predicate))
        if best is not None:
            return best
    return None


SCHEMA = rdflib.Namespace("https://schema.org/")


#: ``org_type`` of an organization -> its sector, in report order.
SECTORS = {
    "government": "government",
    "legislature": "legislature",
    "company": "industry",
    "university": "academia",
    "public_agency": "public_agency",
    "media": "media",
    "association": "association",
    "other": "other",
}


#: The sector of a person who holds no membership in any organization of the graph.
UNAFFILIATED = "unaffiliated"


SECTOR_ORDER = (*SECTORS.values(), UNAFFILIATED)


#: How a person takes part in a ``schema:Event``; the predicate may point either way.
PARTICIPATION = {
    SCHEMA.organizer: "organizer",
    SCHEMA.attendee: "attendee",
    SCHEMA.performer: "performer",
    KG.moderator: "moderator",
    KG.panelist: "panelist",
}


#: Role of a person in a release when the graph has no events (the release stands in for one).
MENTIONED = "mentioned"


def _membership_sectors(G: nx.Graph) -> dict[str, list[str]]:
    """Person -> sorted sectors of the organizations joined to it by a membership tie."""
    result = {}
    for node, data in G.nodes(data=True):
        if data.get("kind") != "person":
            continue
        found = {
            SECTORS.get(G.nodes[other].get("org_type") or "other", "other")
            for other, edge in G[node].items()
            if G.nodes[other].get("kind") == "organization"
            and "membership" in edge.get("kinds", ())
        }
        result[node] = [s for s in SECTOR_ORDER if s in found] or [UNAFFILIATED]
    return result


def node_sectors(G: nx.Graph) -> dict[str, list[str]]:
    """The sectors every actor of a network belongs to.

    An organization belongs to the sector of its ``org_type`` (company is ``industry``,
    university is ``academia``); a person belongs to the sectors of the organizations they are
    a member of, or to ``unaffiliated``. A node with a ``sectors`` attribute keeps it; events
    and releases belong to none.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("p", kind="person")
    >>> G.add_node("o", kind="organization", org_type="university")
    >>> G.add_node("q", kind="person")
    >>> G.add_edge("p", "o", kinds=["membership"], weight=3.0)
    >>> node_sectors(G)
    {'p': ['academia'], 'o': ['academia'], 'q': ['unaffiliated']}
    """
    persons = _membership_sectors(G)
    result = {}
    for node, data in G.nodes(data=True):
        if "sectors" in data:
            result[node] = list(data["sectors"])
        elif data.get("kind") == "organization":
            result[node] = [SECTORS.get(data.get("org_type") or "other", "other")]
        elif data.get("kind") == "person":
            result[node] = persons[node]
        else:
            result[node] = []
    return result


def _actors_with_sectors(graph: rdflib.Graph) -> nx.Graph:
    A = actor_network(graph)
    nx.set_node_attributes(A, node_sectors(A), "sectors")
    return A


def person_org_network(graph: rdflib.Graph) -> nx.Graph:
    """The bipartite network of persons and the organizations they are members of.

    Nodes are the actors of :func:`kg.network.actors.actor_network` (same IRIs and attributes, plus
    ``sectors`` from :func:`node_sectors` and ``bipartite``: 0 for a person, 1 for an
    organization); actors without a membership stay as isolated nodes. An edge joins a person to
    the organization of each of their ``org:Membership`` nodes: ``weight`` is the number of
    membership nodes (the same fact stated in two releases is two), ``titles`` the sorted role
    labels, ``kinds`` is ``["membership"]``. A membership in a unit (과, 국) ties the person to the
    unit, not to its parent.

    Examples
    --------
    >>> ttl = '''@prefix foaf: <http://xmlns.com/foaf/0.1/> .
    ... @prefix org: <http://www.w3.org/ns/org#> .
    ... @prefix kg: <https://w3id.org/kg-press/ontology#> . @prefix ex: <http://example.org/> .
    ... ex:hong a foaf:Person ; foaf:name "홍길동"@ko .
    ... ex:gana a org:Organization, kg:Government .
    ... ex:m1 a org:Membership ; org:member ex:hong ; org:organization ex:gana .
    ... ex:m2 a org:Membership ; org:member ex:hong ; org:organization ex:gana .'''
    >>> B = person_org_network(rdflib.Graph().parse(data=ttl, format="turtle"))
    >>> B.edges["http://example.org/hong", "http://example.org/gana"]["weight"]
    2
    >>> B.nodes["http://example.org/hong"]["sectors"], B.nodes["http://example.org/gana"]["bipartite"]
    (['government'], 1)
    """
    A = _actors_with_sectors(graph)
    B = nx.Graph()
    for node, data in A.nodes(data=True):
        B.add_node(node, **data, bipartite=0 if data["kind"] == "person" else 1)
    counts: Counter[tuple[str, str]] = Counter()
    titles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in sorted(graph.subjects(RDF.type, ORG.Membership), key=str):
        organization = graph.value(m, ORG.organization)
        role = graph.value(m, ORG.role)
        for member in graph.objects(m, ORG.member):
            key = (str(member), str(organization))
            if (
                key[0] in B
                and key[1] in B
                and B.nodes[key[0]]["kind"] == "person"
                and B.nodes[key[1]]["kind"] == "organization"
            ):
                counts[key] += 1
                if role is not None:
                    titles[key].add(_label(graph, role))
    for (person, organization), count in sorted(counts.items()):
        B.add_edge(
            person,
            organization,
            kinds=["membership"],
            titles=sorted(titles[(person, organization)]),
            weight=count,
        )
    return B


def _label(graph: rdflib.Graph, node: Node) -> str:
    return _literal_value(
        graph, node, (SCHEMA.name, RDFS.label, DCTERMS.title, SKOS.prefLabel, FOAF.name)
    ) or str(node)


def person_event_network(graph: rdflib.Graph) -> nx.Graph:
    """The bipartite network of persons and the events they take part in.

    Events are the ``schema:Event`` nodes; a person takes part through ``schema:organizer``,
    ``schema:attendee``, ``schema:performer``, ``kg:moderator`` or ``kg:panelist`` (event to
    person, or person to event). A part in a sub-event (개회사, 발제, 종합토론: ``schema:subEvent``)
    is also a part in every event that contains it, so the panelists of a seminar's panel are
    tied to the seminar too.

    **When the graph has no** ``schema:Event`` **nodes**, each ``kg:PressRelease`` stands in for
    the event: a person takes part in a release that mentions them (``schema:mentions``, or a
    NIF mention whose context is derived from the release), with the role ``"mentioned"``. So the
    network is useful on graphs built before events were extracted.

    Person nodes carry the attributes of :func:`kg.network.actors.actor_network` plus
    ``sectors`` and ``bipartite=0``; event nodes carry ``label`` (``schema:name``, or the release's
    ``dcterms:title``), ``kind`` (``"event"`` or ``"release"``), ``date`` (``schema:startDate``
    or ``dcterms:issued``, ``YYYY-MM-DD`` or ``""``), ``sectors=[]`` and ``bipartite=1``. Edges
    carry ``roles`` (sorted) and ``weight``, the number of roles. Organizations are left out.

    Examples
    --------
    >>> ttl = '''@prefix foaf: <http://xmlns.com/foaf/0.1/> .
    ... @prefix schema: <https://schema.org/> .
    ... @prefix kg: <https://w3id.org/kg-press/ontology#> . @prefix ex: <http://example.org/> .
    ... ex:hong a foaf:Person . ex:kim a foaf:Person .
    ... ex:seminar a schema:Event ; schema:name "가나 세미나"@ko ; schema:organizer ex:hong ;
    ...     schema:subEvent ex:panel .
    ... ex:panel a schema:Event ; kg:moderator ex:hong ; kg:panelist ex:kim .'''
    >>> B = person_event_network(rdflib.Graph().parse(data=ttl, format="turtle"))
    >>> B.edges["http://example.org/hong", "http://example.org/seminar"]["roles"]
    ['moderator', 'organizer']
    >>> B.edges["http://example.org/kim", "http://example.org/seminar"]["roles"]
    ['panelist']
    """
    A = _actors_with_sectors(graph)
    persons = {n for n, d in A.nodes(data=True) if d["kind"] == "person"}
    events = {e for e in graph.subjects(RDF.type, SCHEMA.Event)}
    events |= {e for pair in graph.subject_objects(SCHEMA.subEvent) for e in pair}
    events |= {e for pair in graph.subject_objects(SCHEMA.superEvent) for e in pair}
    if events:
        kind, roles = "event", _event_roles(graph, events, persons)
    else:
        kind = "release"
        events = set(graph.subjects(RDF.type, KG.PressRelease))
        roles = _release_roles(graph, events, persons)

    B = nx.Graph()
    for node in sorted(persons):
        B.add_node(node, **A.nodes[node], bipartite=0)
    for event in sorted(events, key=str):
        date = _as_date(graph.value(event, SCHEMA.startDate) or graph.value(event, DCTERMS.issued))
        B.add_node(
            str(event),
            label=_label(graph, event),
            kind=kind,
            org_type=None,
            date=date.isoformat() if date else "",
            sectors=[],
            bipartite=1,
        )
    for (person, event), found in sorted(roles.items(), key=lambda t: (t[0][0], str(t[0][1]))):
        B.add_edge(person, str(event), roles=sorted(found), weight=len(found))
    return B


def _event_roles(
    graph: rdflib.Graph, events: set[Node], persons: set[str]
) -> dict[tuple[str, Node], set[str]]:
    """(person, event) -> the person's roles in the event or in any event inside it."""
    containers: dict[Node, set[Node]] = defaultdict(set)
    for parent, child in graph.subject_objects(SCHEMA.subEvent):
        containers[child].add(parent)
    for child, parent in graph.subject_objects(SCHEMA.superEvent):
        containers[child].add(parent)
    roles: dict[tuple[str, Node], set[str]] = defaultdict(set)
    for predicate, role in PARTICIPATION.items():
        for s, o in graph.subject_objects(predicate):
            for event, person in ((s, o), (o, s)):
                if event in events and str(person) in persons:
                    for target in _with_containers(containers, event):
                        roles[(str(person), target)].add(role)
    return roles


def _with_containers(containers: dict[Node, set[Node]], event: Node) -> set[Node]:
    """``event`` and every event that holds it, directly or through others."""
    found, stack = {event}, [event]
    while stack:
        for parent in containers.get(stack.pop(), ()):
            if parent not in found:
                found.add(parent)
                stack.append(parent)
    return found


def _release_roles(
    graph: rdflib.Graph, releases: set[Node], persons: set[str]
) -> dict[tuple[str, Node], set[str]]:
    """(person, release) -> {"mentioned"} for each release that mentions the person."""
    roles: dict[tuple[str, Node], set[str]] = defaultdict(set)
    for release, person in graph.subject_objects(SCHEMA.mentions):
        if release in releases and str(person) in persons:
            roles[(str(person), release)].add(MENTIONED)
    for mention, person in graph.subject_objects(ITSRDF.taIdentRef):
        if str(person) not in persons:
            continue
        context = graph.value(mention, NIF.referenceContext)
        for release in graph.objects(context, PROV.wasDerivedFrom) if context else ():
            if release in releases:
                roles[(str(person), release)].add(MENTIONED)
    return roles


def projected_network(B: nx.Graph, kind: str) -> nx.Graph:
    """Project a bipartite network onto its nodes of one ``kind`` (``"person"``,
    ``"organization"``, ...).

    Two nodes are tied when they share a neighbour in ``B``; ``weight`` is the number of shared
    neighbours (``networkx.algorithms.bipartite.weighted_projected_graph``). Node attributes are
    kept; nodes without a shared neighbour stay as isolated nodes.

    Examples
    --------
    Two organizations sharing two members, one sharing none:

    >>> B = nx.Graph()
    >>> B.add_nodes_from(["p1", "p2"], kind="person")
    >>> B.add_nodes_from(["gana", "dara", "mabu"], kind="organization")
    >>> B.add_edges_from([("p1", "gana"), ("p1", "dara"), ("p2", "gana"), ("p2", "dara")])
    >>> P = projected_network(B, "organization")
    >>> P.edges["gana", "dara"]["weight"], sorted(P), P.degree("mabu")
    (2, ['dara', 'gana', 'mabu'], 0)
    """
    side = [n for n, d in B.nodes(data=True) if d.get("kind") == kind]
    if not side:  # a time slice may hold no organization (or no person) at all
        return nx.Graph()
    P = bipartite.weighted_projected_graph(B, side)
    for node in P:
        P.nodes[node].pop("bipartite", None)
    return P


def org_projection(graph: rdflib.Graph) -> nx.Graph:
    """Organizations tied by shared members: :func:`person_org_network` projected on them."""
    return projected_network(person_org_network(graph), "organization")


def person_projection(graph: rdflib.Graph) -> nx.Graph:
    """Persons tied by shared events (or, with no events, shared releases):
    :func:`person_event_network` projected on them."""
    return projected_network(person_event_network(graph), "person")


#: ``kg analyze --network`` name -> builder of that network from an RDF graph.
NETWORKS: dict[str, Callable[[rdflib.Graph], nx.Graph]] = {
    "actors": _actors_with_sectors,
    "person-org": person_org_network,
    "person-event": person_event_network,
    "org-projection": org_projection,
    "person-projection": person_projection,
}


def build_network(graph: rdflib.Graph, name: str = "actors") -> nx.Graph:
    """The network ``name`` (a key of :data:`NETWORKS`) of an RDF graph.

    Raises
    ------
    ValueError
        If ``name`` is not a key of :data:`NETWORKS`.

    Examples
    --------
    >>> build_network(rdflib.Graph(), "friends")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown network 'friends'; choose one of actors, person-org, ...
    """
    try:
        builder = NETWORKS[name]
    except KeyError:
        raise ValueError(f"unknown network {name!r}; choose one of {', '.join(NETWORKS)}") from None
    return builder(graph)
