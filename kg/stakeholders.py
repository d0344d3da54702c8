"""Stakeholder analytics: person-organization and person-event networks and their projections,
centrality by sector, communities and time slices by release date.

Every function is pure (an RDF or NetworkX graph in, a new graph, dict or table out); the files
Gephi and friends read are written by :mod:`kg.export`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

import networkx as nx
import rdflib
from networkx.algorithms import bipartite
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS
from rdflib.term import BNode, Literal, Node, URIRef

from kg.analysis import (
    ITSRDF,
    KG,
    NIF,
    TABLE_COLUMNS,
    actor_network,
    centrality,
    centrality_table,
)


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

#: Seed of Louvain community detection: the same graph always gives the same communities.
COMMUNITY_SEED = 0

SECTOR_COLUMNS = (
    "sector",
    "actors",
    "persons",
    "organizations",
    "pagerank_sum",
    "pagerank_mean",
    "betweenness_sum",
    "betweenness_mean",
    "top",
)
COMMUNITY_COLUMNS = ("community", "size", "persons", "organizations", "sectors", "members")
#: Columns right-aligned (and floats printed with 4 decimals) by ``kg.analysis.format_table``.
NUMERIC_COLUMNS = frozenset(
    {
        "rank",
        "degree",
        "betweenness",
        "pagerank",
        "mentions",
        "community",
        "size",
        "actors",
        "persons",
        "organizations",
        "pagerank_sum",
        "pagerank_mean",
        "betweenness_sum",
        "betweenness_mean",
    }
)

# A node is tied to a release through these links (child -> parent), or through the inverse
# links (parent -> child).
_TIE_UP = (PROV.wasDerivedFrom, SCHEMA.isPartOf, NIF.referenceContext, SCHEMA.superEvent)
_TIE_DOWN = (SCHEMA.subEvent, SCHEMA.hasPart)


# --- time slices ------------------------------------------------------------------------------


def _as_date(value: Node | None) -> dt.date | None:
    if not isinstance(value, Literal):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def release_dates(graph: rdflib.Graph) -> dict[str, dt.date | None]:
    """The date (``dcterms:issued``, time of day dropped) of every ``kg:PressRelease``.

    Examples
    --------
    >>> ttl = '''@prefix kg: <https://w3id.org/kg-press/ontology#> .
    ... @prefix dcterms: <http://purl.org/dc/terms/> .
    ... <http://example.org/r1> a kg:PressRelease ; dcterms:issued "2023-07-14T14:44:42" .
    ... <http://example.org/r2> a kg:PressRelease .'''
    >>> release_dates(rdflib.Graph().parse(data=ttl, format="turtle"))
    {'http://example.org/r1': datetime.date(2023, 7, 14), 'http://example.org/r2': None}
    """
    return {
        str(r): _as_date(graph.value(r, DCTERMS.issued))
        for r in sorted(graph.subjects(RDF.type, KG.PressRelease), key=str)
    }


def _release_ties(graph: rdflib.Graph, releases: set[Node]) -> dict[Node, set[Node]]:
    """Node -> the releases it is derived from or part of (directly or through its parents)."""
    parents: dict[Node, set[Node]] = defaultdict(set)
    for predicate in _TIE_UP:
        for child, parent in graph.subject_objects(predicate):
            parents[child].add(parent)
    for predicate in _TIE_DOWN:
        for parent, child in graph.subject_objects(predicate):
            parents[child].add(parent)
    ties: dict[Node, set[Node]] = {}
    for start in parents:
        found, seen, stack = set(), {start}, [start]
        while stack:
            node = stack.pop()
            for parent in parents.get(node, ()):
                if parent in releases:
                    found.add(parent)
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        if found:
            ties[start] = found
    return ties


def slice_by_date(
    graph: rdflib.Graph, since: dt.date | None = None, until: dt.date | None = None
) -> rdflib.Graph:
    """The part of ``graph`` that comes from the releases issued between two dates (inclusive).

    A release is kept when its ``dcterms:issued`` date is on or after ``since`` and on or before
    ``until`` (either may be ``None``: no bound); a release without a date is dropped when a bound
    is given. The slice holds:

    - the kept releases and every node derived from or part of one of them (memberships, quotes,
      proposals, events and their sub-events, NIF contexts, sentences and mentions), followed
      through ``prov:wasDerivedFrom``, ``schema:isPartOf``, ``nif:referenceContext``,
      ``schema:superEvent`` / ``schema:subEvent``;
    - every node those point to that no dropped release alone accounts for: the persons and
      organizations a kept release mentions, the members, organizations and roles of kept
      memberships, the parents (``org:unitOf``) of kept organizations, and so on;
    - the triples of the kept nodes, minus those that point to a dropped node (``org:hasUnit``
      of a unit only a dropped release names, for instance).

    Parameters
    ----------
    graph : rdflib.Graph
        A graph in the kg vocabulary (docs/vocabulary.md).
    since, until : datetime.date or None
        First and last issue date to keep.

    Returns
    -------
    rdflib.Graph
        A new graph; ``graph`` is not changed. With no bounds, a copy of ``graph``.

    Examples
    --------
    >>> ttl = '''@prefix kg: <https://w3id.org/kg-press/ontology#> .
    ... @prefix dcterms: <http://purl.org/dc/terms/> . @prefix schema: <https://schema.org/> .
    ... @prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix ex: <http://example.org/> .
    ... ex:r1 a kg:PressRelease ; dcterms:issued "2023-07-14" ; schema:mentions ex:hong .
    ... ex:r2 a kg:PressRelease ; dcterms:issued "2023-09-01" ; schema:mentions ex:kim .
    ... ex:hong a foaf:Person . ex:kim a foaf:Person .'''
    >>> g = rdflib.Graph().parse(data=ttl, format="turtle")
    >>> part = slice_by_date(g, since=dt.date(2023, 8, 1))
    >>> sorted(str(p) for p in part.subjects(RDF.type, FOAF.Person))
    ['http://example.org/kim']
    """
    sliced = rdflib.Graph()
    for prefix, namespace in graph.namespaces():
        sliced.bind(prefix, namespace, override=True)
    if since is None and until is None:
        for triple in graph:
            sliced.add(triple)
        return sliced

    releases = set(graph.subjects(RDF.type, KG.PressRelease))
    dates = {r: _as_date(graph.value(r, DCTERMS.issued)) for r in releases}
    kept_releases = {
        r
        for r, day in dates.items()
        if day is not None and (since is None or day >= since) and (until is None or day <= until)
    }
    ties = _release_ties(graph, set(dates))
    dropped = {n for n, found in ties.items() if not found & kept_releases}
    dropped |= set(dates) - kept_releases

    kept = set(kept_releases) | {n for n, found in ties.items() if found & kept_releases}
    stack = list(kept)
    while stack:
        node = stack.pop()
        for predicate, obj in graph.predicate_objects(node):
            # hasUnit points down to units; a unit counts only when something kept names it.
            if predicate == ORG.hasUnit or predicate == RDF.type:
                continue
            if isinstance(obj, (URIRef, BNode)) and obj not in kept and obj not in dropped:
                kept.add(obj)
                stack.append(obj)

    subjects = set(graph.subjects())
    for s, p, o in graph:
        if s not in kept or o in dropped:
            continue
        # A class stays even when the file also describes it (ontology triples merged in).
        if p == RDF.type or isinstance(o, Literal) or o in kept or o not in subjects:
            sliced.add((s, p, o))
    return sliced


# --- networks ---------------------------------------------------------------------------------


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

    Nodes are the actors of :func:`kg.analysis.actor_network` (same IRIs and attributes, plus
    ``sectors`` from :func:`node_sectors` and ``bipartite``: 0 for a person, 1 for an
    organization); actors without a membership stay as isolated nodes. An edge joins a person to
    the organization of each of their ``org:Membership`` nodes: ``weight`` is the number of
    membership nodes (the same fact stated in two releases is two), ``titles`` the sorted role
    labels, ``kinds`` is ``["membership"]``. A membership in a unit (과, 국) ties the person to the
    unit, not to its parent.

    Examples
    --------
    >>> ttl = '''@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix org: <http://www.w3.org/ns/org#> .
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

    Person nodes carry the attributes of :func:`kg.analysis.actor_network` plus ``sectors`` and
    ``bipartite=0``; event nodes carry ``label`` (``schema:name``, or the release's
    ``dcterms:title``), ``kind`` (``"event"`` or ``"release"``), ``date`` (``schema:startDate``
    or ``dcterms:issued``, ``YYYY-MM-DD`` or ``""``), ``sectors=[]`` and ``bipartite=1``. Edges
    carry ``roles`` (sorted) and ``weight``, the number of roles. Organizations are left out.

    Examples
    --------
    >>> ttl = '''@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix schema: <https://schema.org/> .
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

    roles: dict[tuple[str, Node], set[str]] = defaultdict(set)
    if events:
        kind = "event"
        containers: dict[Node, set[Node]] = defaultdict(set)
        for parent, child in graph.subject_objects(SCHEMA.subEvent):
            containers[child].add(parent)
        for child, parent in graph.subject_objects(SCHEMA.superEvent):
            containers[child].add(parent)

        def with_containers(event: Node) -> set[Node]:
            found, stack = {event}, [event]
            while stack:
                for parent in containers.get(stack.pop(), ()):
                    if parent not in found:
                        found.add(parent)
                        stack.append(parent)
            return found

        for predicate, role in PARTICIPATION.items():
            for s, o in graph.subject_objects(predicate):
                for event, person in ((s, o), (o, s)):
                    if event in events and str(person) in persons:
                        for target in with_containers(event):
                            roles[(str(person), target)].add(role)
    else:
        kind = "release"
        events = set(graph.subjects(RDF.type, KG.PressRelease))
        for release, person in graph.subject_objects(SCHEMA.mentions):
            if release in events and str(person) in persons:
                roles[(str(person), release)].add(MENTIONED)
        for mention, person in graph.subject_objects(ITSRDF.taIdentRef):
            if str(person) not in persons:
                continue
            context = graph.value(mention, NIF.referenceContext)
            for release in graph.objects(context, PROV.wasDerivedFrom) if context else ():
                if release in events:
                    roles[(str(person), release)].add(MENTIONED)

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
    >>> build_network(rdflib.Graph(), "friends")
    Traceback (most recent call last):
    ...
    ValueError: unknown network 'friends'; choose one of actors, person-org, person-event, org-projection, person-projection
    """
    try:
        builder = NETWORKS[name]
    except KeyError:
        raise ValueError(f"unknown network {name!r}; choose one of {', '.join(NETWORKS)}") from None
    return builder(graph)


# --- reports ----------------------------------------------------------------------------------


def _ranked(G: nx.Graph, scores: Mapping[str, Mapping[str, float]], nodes: Iterable[str]) -> list:
    return sorted(
        nodes,
        key=lambda n: (-round(scores[n]["pagerank"], 4), G.nodes[n].get("label", str(n)), n),
    )


def sector_table(G: nx.Graph, top: int = 3) -> list[dict]:
    """Centrality by sector: one row per sector of :data:`SECTOR_ORDER`, empty ones included.

    ``actors`` counts the nodes in the sector (a person with memberships in two sectors counts in
    both, so the rows may add up to more than the network), split into ``persons`` and
    ``organizations``; ``pagerank_*`` and ``betweenness_*`` are the sum and mean of
    :func:`kg.analysis.centrality` over them (rounded to 4 places, 0.0 for an empty sector);
    ``top`` lists the labels of the ``top`` highest-PageRank actors, ``"; "``-joined. Events and
    releases have no sector.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("p", label="홍길동", kind="person")
    >>> G.add_node("o", label="가나도", kind="organization", org_type="government")
    >>> G.add_edge("p", "o", kinds=["membership"], weight=3.0)
    >>> row = sector_table(G)[0]
    >>> row["sector"], row["actors"], row["pagerank_sum"], row["top"]
    ('government', 2, 1.0, '가나도; 홍길동')
    >>> [r["actors"] for r in sector_table(G)]
    [2, 0, 0, 0, 0, 0, 0, 0, 0]
    """
    scores = centrality(G)
    members: dict[str, list[str]] = defaultdict(list)
    for node, sectors in node_sectors(G).items():
        for sector in sectors:
            members[sector].append(node)
    rows = []
    for sector in SECTOR_ORDER:
        nodes = members.get(sector, [])
        n = len(nodes)
        pagerank = sum((scores[u]["pagerank"] for u in nodes), 0.0)
        betweenness = sum((scores[u]["betweenness"] for u in nodes), 0.0)
        rows.append(
            {
                "sector": sector,
                "actors": n,
                "persons": sum(G.nodes[u].get("kind") == "person" for u in nodes),
                "organizations": sum(G.nodes[u].get("kind") == "organization" for u in nodes),
                "pagerank_sum": round(pagerank, 4),
                "pagerank_mean": round(pagerank / n, 4) if n else 0.0,
                "betweenness_sum": round(betweenness, 4),
                "betweenness_mean": round(betweenness / n, 4) if n else 0.0,
                "top": "; ".join(
                    G.nodes[u].get("label", str(u)) for u in _ranked(G, scores, nodes)[:top]
                ),
            }
        )
    return rows


def communities(G: nx.Graph, seed: int = COMMUNITY_SEED) -> list[set[str]]:
    """Louvain communities of a network (ties weighted by ``weight``), largest first.

    The seed is fixed, so the same graph always gives the same communities. Ties in size are
    broken by the smallest node. An isolated node is a community of its own.

    Examples
    --------
    Two triangles joined by one weak tie:

    >>> G = nx.Graph()
    >>> G.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z")],
    ...                  weight=3.0)
    >>> G.add_edge("c", "x", weight=1.0)
    >>> [sorted(c) for c in communities(G)]
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    if len(G) == 0:
        return []
    found = nx.community.louvain_communities(G, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


def community_table(G: nx.Graph, seed: int = COMMUNITY_SEED) -> list[dict]:
    """One row per community of :func:`communities`: size, sector mix and members.

    ``sectors`` counts the community's actors per sector (``"government 3; media 1"``, in
    :data:`SECTOR_ORDER`); ``members`` lists the labels, highest PageRank first.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("p", label="홍길동", kind="person")
    >>> G.add_node("o", label="가나도", kind="organization", org_type="government")
    >>> G.add_node("n", label="마바일보", kind="organization", org_type="media")
    >>> G.add_edge("p", "o", kinds=["membership"], weight=3.0)
    >>> for row in community_table(G):
    ...     print(row["community"], row["size"], row["sectors"], row["members"])
    1 2 government 2 가나도; 홍길동
    2 1 media 1 마바일보
    """
    scores = centrality(G)
    sectors = node_sectors(G)
    rows = []
    for index, community in enumerate(communities(G, seed=seed), start=1):
        mix = Counter(s for u in community for s in sectors[u])
        rows.append(
            {
                "community": index,
                "size": len(community),
                "persons": sum(G.nodes[u].get("kind") == "person" for u in community),
                "organizations": sum(G.nodes[u].get("kind") == "organization" for u in community),
                "sectors": "; ".join(f"{s} {mix[s]}" for s in SECTOR_ORDER if mix[s]),
                "members": "; ".join(
                    G.nodes[u].get("label", str(u)) for u in _ranked(G, scores, community)
                ),
            }
        )
    return rows


#: ``kg analyze --report`` name -> (table function, its columns).
REPORTS: dict[str, tuple[Callable[[nx.Graph], list[dict]], Sequence[str]]] = {
    "centrality": (centrality_table, TABLE_COLUMNS),
    "sectors": (sector_table, SECTOR_COLUMNS),
    "communities": (community_table, COMMUNITY_COLUMNS),
}


def report(G: nx.Graph, name: str = "centrality") -> tuple[list[dict], Sequence[str]]:
    """The rows and columns of the report ``name`` (a key of :data:`REPORTS`) on a network.

    Examples
    --------
    >>> rows, columns = report(nx.Graph(), "sectors")
    >>> len(rows), columns[:2]
    (9, ('sector', 'actors'))
    """
    try:
        table, columns = REPORTS[name]
    except KeyError:
        raise ValueError(f"unknown report {name!r}; choose one of {', '.join(REPORTS)}") from None
    return table(G), columns
