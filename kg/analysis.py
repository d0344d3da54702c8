"""Who works with whom: the actor network (persons and organizations) of a release graph,
its centralities, and the ranking table printed or saved as CSV.

Every function is pure: an RDF graph (read only through the vocabulary of docs/vocabulary.md)
or a NetworkX graph goes in, a new graph, dict or table comes out.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from itertools import combinations

import networkx as nx
import numpy as np
import rdflib
from rdflib.namespace import FOAF, ORG, RDF, RDFS, SKOS
from rdflib.term import Literal, Node

KG = rdflib.Namespace("https://w3id.org/kg-press/ontology#")
NIF = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = rdflib.Namespace("http://www.w3.org/2005/11/its/rdf#")
SCHEMA = rdflib.Namespace("https://schema.org/")

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

#: Edge weight each piece of evidence adds to the tie between two actors.
MEMBERSHIP_WEIGHT = 3.0  # one org:Membership, person -- organization
UNIT_WEIGHT = 2.0  # one org:unitOf, unit -- parent organization
CO_MENTION_WEIGHT = 1.0  # one NIF sentence that mentions both actors
CO_PRESENTER_WEIGHT = 1.5  # two presenters (발제) of one event
PANEL_WEIGHT = 2.0  # the moderator (좌장) and a panelist (토론자) of one panel
ORGANIZER_WEIGHT = 1.0  # an organizer and an attendee of one event

#: Columns of :func:`centrality_table`, in order.
TABLE_COLUMNS = (
    "rank",
    "name",
    "kind",
    "org_type",
    "titles",
    "organizations",
    "degree",
    "betweenness",
    "pagerank",
    "mentions",
)
_NUMERIC_COLUMNS = frozenset({"rank", "degree", "betweenness", "pagerank", "mentions"})

PAGERANK_ALPHA = 0.85
#: Up to this many actors betweenness is exact; past it, it is estimated from a sample of source
#: actors (seed 0) sized so that the shortest-path searches visit about BETWEENNESS_BUDGET ties
#: in all (at least BETWEENNESS_MIN_SAMPLE sources), so a corpus of thousands of releases stays
#: fast. An estimate ranks the brokers of a large network, but its small values are noisy.
EXACT_BETWEENNESS_LIMIT = 1000
BETWEENNESS_BUDGET = 5_000_000
BETWEENNESS_MIN_SAMPLE = 16


def _literal_value(graph: rdflib.Graph, subject: Node, predicates: Sequence[Node]) -> str | None:
    """The first predicate's value that has one; Korean (``@ko``) first, then untagged, then any.

    Ties are broken by the string so the choice never depends on the store's order.
    """
    for predicate in predicates:
        values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
        if values:
            best = min(
                values,
                key=lambda o: (0 if o.language == "ko" else 1 if not o.language else 2, str(o)),
            )
            return str(best)
    return None


def _person_label(graph: rdflib.Graph, node: Node) -> str:
    return _literal_value(graph, node, (FOAF.name, RDFS.label, SKOS.prefLabel)) or str(node)


def _org_label(graph: rdflib.Graph, node: Node) -> str:
    return _literal_value(graph, node, (SKOS.prefLabel, RDFS.label, FOAF.name)) or str(node)


def _org_type(graph: rdflib.Graph, node: Node) -> str:
    types = {ORG_TYPE_CLASSES[t] for t in graph.objects(node, RDF.type) if t in ORG_TYPE_CLASSES}
    # A node typed twice keeps the most specific kind (the order of ORG_TYPE_CLASSES).
    for kind in ORG_TYPE_CLASSES.values():
        if kind in types:
            return kind
    return "other"


def _add_tie(G: nx.Graph, a: str, b: str, kind: str, weight: float) -> None:
    if a == b:
        return
    if G.has_edge(a, b):
        data = G.edges[a, b]
        data["weight"] += weight
        if kind not in data["kinds"]:
            data["kinds"] = sorted([*data["kinds"], kind])
    else:
        G.add_edge(a, b, kinds=[kind], weight=weight)


def actor_network(graph: rdflib.Graph) -> nx.Graph:
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
    panelist (토론자), 1.0 for an organizer and an attendee. Actors without ties stay in the graph as isolated nodes.

    Parameters
    ----------
    graph : rdflib.Graph
        A graph in the kg vocabulary (one release or many merged).

    Returns
    -------
    networkx.Graph
        Nodes added in IRI order, so the result does not depend on the store's order.

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
    persons = {s for s in graph.subjects(RDF.type, FOAF.Person) if not isinstance(s, Literal)}
    org_classes = (ORG.Organization, ORG.OrganizationalUnit, *ORG_TYPE_CLASSES)
    organizations = {
        s for c in org_classes for s in graph.subjects(RDF.type, c) if not isinstance(s, Literal)
    } - persons
    actors = persons | organizations

    # Memberships: person -> (membership node, organization or None, role or None).
    memberships: dict[Node, list[tuple[Node, Node | None, Node | None]]] = defaultdict(list)
    for m in graph.subjects(RDF.type, ORG.Membership):
        org_node = graph.value(m, ORG.organization)
        role = graph.value(m, ORG.role)
        for member in graph.objects(m, ORG.member):
            memberships[member].append((m, org_node, role))

    # NIF mentions: entity -> [(begin, mention, sentence)].
    mentions: dict[Node, list[tuple[int, str, Node | None]]] = defaultdict(list)
    for mention, entity in graph.subject_objects(ITSRDF.taIdentRef):
        if entity in actors:
            begin = graph.value(mention, NIF.beginIndex)
            offset = int(begin) if isinstance(begin, Literal) and str(begin).isdigit() else 2**63
            mentions[entity].append((offset, str(mention), graph.value(mention, NIF.sentence)))

    def first_sentence(entity: Node) -> str:
        for _, _, sentence in sorted(mentions[entity], key=lambda t: (t[0], t[1])):
            text = graph.value(sentence, NIF.anchorOf) if sentence is not None else None
            if text is not None:
                return str(text)
        evidence_of = [m for m, _, _ in memberships.get(entity, [])]
        evidence_of += list(graph.subjects(ORG.organization, entity))
        for m in sorted(set(evidence_of), key=str):
            text = _literal_value(graph, m, (KG.evidenceText,))
            if text is not None:
                return text
        return ""

    G = nx.Graph()
    for node in sorted(actors, key=str):
        if node in persons:
            held = memberships.get(node, [])
            attrs = {
                "label": _person_label(graph, node),
                "kind": "person",
                "org_type": None,
                "titles": sorted({_org_label(graph, r) for _, _, r in held if r is not None}),
                "organizations": sorted(
                    {_org_label(graph, o) for _, o, _ in held if o is not None}
                ),
            }
        else:
            parents = set(graph.objects(node, ORG.unitOf)) | set(graph.subjects(ORG.hasUnit, node))
            attrs = {
                "label": _org_label(graph, node),
                "kind": "organization",
                "org_type": _org_type(graph, node),
                "titles": [],
                "organizations": sorted({_org_label(graph, p) for p in parents}),
            }
        attrs["sentence"] = first_sentence(node)
        attrs["mentions"] = len({m for _, m, _ in mentions[node]})
        G.add_node(str(node), **attrs)

    for person in sorted(persons, key=str):
        for _, org_node, _ in sorted(memberships.get(person, []), key=lambda t: str(t[0])):
            if org_node in organizations:
                _add_tie(G, str(person), str(org_node), "membership", MEMBERSHIP_WEIGHT)

    unit_links = set(graph.subject_objects(ORG.unitOf))
    unit_links |= {(unit, parent) for parent, unit in graph.subject_objects(ORG.hasUnit)}
    for unit, parent in sorted(unit_links, key=lambda t: (str(t[0]), str(t[1]))):
        if unit in organizations and parent in organizations:
            _add_tie(G, str(unit), str(parent), "unit", UNIT_WEIGHT)

    by_sentence: dict[Node, set[str]] = defaultdict(set)
    for entity, found in mentions.items():
        for _, _, sentence in found:
            if sentence is not None:
                by_sentence[sentence].add(str(entity))
    for sentence in sorted(by_sentence, key=str):
        for a, b in combinations(sorted(by_sentence[sentence]), 2):
            _add_tie(G, a, b, "co-mention", CO_MENTION_WEIGHT)
    _add_event_ties(G, graph, actors)
    return G


def _add_event_ties(G: nx.Graph, graph: rdflib.Graph, actors: set[Node]) -> None:
    """Ties an event creates: co-presenters, moderator-panelist, organizer-attendee."""
    for event in sorted(set(graph.subjects(RDF.type, SCHEMA.Event)), key=str):
        presenters = set()
        for part in graph.objects(event, SCHEMA.subEvent):
            if str(graph.value(part, KG.agendaKind)) == "발제":
                presenters |= set(graph.objects(part, SCHEMA.performer))
            for moderator in graph.objects(part, KG.moderator):
                for panelist in sorted(graph.objects(part, KG.panelist), key=str):
                    if moderator in actors and panelist in actors and moderator != panelist:
                        _add_tie(G, str(moderator), str(panelist), "panel", PANEL_WEIGHT)
        for a, b in combinations(sorted((p for p in presenters if p in actors), key=str), 2):
            _add_tie(G, str(a), str(b), "co-presenter", CO_PRESENTER_WEIGHT)
        organizers = sorted((o for o in graph.objects(event, SCHEMA.organizer) if o in actors), key=str)
        attendees = sorted((a for a in graph.objects(event, SCHEMA.attendee) if a in actors), key=str)
        for o in organizers:
            for a in attendees:
                if o != a:
                    _add_tie(G, str(o), str(a), "organizer-attendee", ORGANIZER_WEIGHT)


def _pagerank(G: nx.Graph, alpha: float = PAGERANK_ALPHA, tol: float = 1e-12) -> dict[str, float]:
    """Weighted PageRank by power iteration (NetworkX's definition; no SciPy needed).

    A node without ties spreads its rank evenly over all nodes, as NetworkX does. The iteration
    runs on NumPy arrays, so a corpus network of tens of thousands of actors takes seconds.
    """
    n = len(G)
    if n == 0:
        return {}
    nodes = list(G)
    index = {u: i for i, u in enumerate(nodes)}
    ends = [(index[u], index[v], d.get("weight", 1.0)) for u, v, d in G.edges(data=True) if u != v]
    loops = [(index[u], index[u], d.get("weight", 1.0)) for u, v, d in G.edges(data=True) if u == v]
    # every tie both ways (a self-loop once), as G[u] lists it
    src = np.array([a for a, b, _ in ends] + [b for a, b, _ in ends] + [a for a, _, _ in loops], dtype=np.int64)
    dst = np.array([b for a, b, _ in ends] + [a for a, b, _ in ends] + [b for _, b, _ in loops], dtype=np.int64)
    weight = np.array([w for *_, w in ends] * 2 + [w for *_, w in loops], dtype=np.float64)
    out_weight = np.bincount(src, weights=weight, minlength=n) if len(src) else np.zeros(n)
    dangling = out_weight == 0
    share = np.divide(weight, out_weight[src], out=np.zeros_like(weight), where=out_weight[src] > 0)
    rank = np.full(n, 1.0 / n)
    for _ in range(10_000):
        previous = rank
        rank = np.bincount(dst, weights=alpha * previous[src] * share, minlength=n) if len(src) else np.zeros(n)
        rank += (1.0 - alpha) / n + alpha * previous[dangling].sum() / n
        if np.abs(rank - previous).sum() < n * tol:
            return {u: float(rank[i]) for u, i in index.items()}
    raise nx.PowerIterationFailedConvergence(10_000)


def centrality(G: nx.Graph) -> dict[str, dict[str, float]]:
    """Degree, betweenness and PageRank of every actor.

    - ``degree``: number of ties / (n - 1); 0.0 when the graph has a single node
    - ``betweenness``: normalized shortest-path betweenness where a tie's length is
      1 / ``weight`` (a strong tie is a short path)
    - ``pagerank``: PageRank (damping 0.85) following ties in proportion to ``weight``

    Parameters
    ----------
    G : networkx.Graph
        An actor network (:func:`actor_network`); a missing ``weight`` counts as 1.0.

    Returns
    -------
    dict
        ``{node: {"degree": float, "betweenness": float, "pagerank": float}}``; empty for an
        empty graph.

    Raises
    ------
    ValueError
        If a tie's weight is not a positive number (its length would be undefined).

    Examples
    --------
    The path 홍길동 -- 가나도 -- 김철수: 가나도 lies on the only path between the other two.

    >>> G = nx.Graph([("홍길동", "가나도"), ("가나도", "김철수")])
    >>> c = centrality(G)
    >>> c["가나도"]["degree"], c["가나도"]["betweenness"], c["홍길동"]["betweenness"]
    (1.0, 1.0, 0.0)
    >>> round(c["가나도"]["pagerank"], 6), round(18 / 37, 6)
    (0.486486, 0.486486)
    >>> centrality(nx.Graph())
    {}
    """
    n = len(G)
    if n == 0:
        return {}
    distance = nx.Graph()
    distance.add_nodes_from(G)
    for u, v, d in G.edges(data=True):
        weight = d.get("weight", 1.0)
        if not isinstance(weight, (int, float)) or not weight > 0:
            raise ValueError(f"tie {u!r} -- {v!r} has weight {weight!r}; weights must be > 0")
        distance.add_edge(u, v, distance=1.0 / weight)
    # Exact betweenness costs actors x ties; past EXACT_BETWEENNESS_LIMIT actors it is estimated
    # from a sample of source actors drawn with a fixed seed (the same on every run).
    ties = max(1, distance.number_of_edges())
    sample = None if n <= EXACT_BETWEENNESS_LIMIT else min(n, max(BETWEENNESS_MIN_SAMPLE, BETWEENNESS_BUDGET // ties))
    betweenness = nx.betweenness_centrality(
        distance, k=sample, weight="distance", normalized=True, seed=0 if sample else None
    )
    pagerank = _pagerank(G)
    return {
        u: {
            "degree": G.degree(u) / (n - 1) if n > 1 else 0.0,
            "betweenness": betweenness[u],
            "pagerank": pagerank[u],
        }
        for u in G
    }


def centrality_table(G: nx.Graph, scores: Mapping[str, Mapping[str, float]] | None = None) -> list[dict]:
    """One row per actor, most central first: the ranking printed by ``kg analyze``.

    Columns are :data:`TABLE_COLUMNS`; ``titles`` and ``organizations`` are joined with ``"; "``,
    ``org_type`` is ``None`` for a person, floats are rounded to 4 places. Rows are sorted by
    (rounded) PageRank, highest first, then by name, then by IRI.

    Parameters
    ----------
    G : networkx.Graph
        An actor network from :func:`actor_network`.
    scores : mapping, optional
        :func:`centrality` of ``G`` when the caller has it already (it is computed otherwise).

    Returns
    -------
    list of dict

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("p", label="홍길동", kind="person", org_type=None, titles=["도지사"],
    ...            organizations=["가나도"], mentions=2)
    >>> G.add_node("o", label="가나도", kind="organization", org_type="government", titles=[],
    ...            organizations=[], mentions=1)
    >>> G.add_edge("p", "o", kinds=["membership"], weight=3.0)
    >>> [(r["rank"], r["name"], r["titles"], r["pagerank"]) for r in centrality_table(G)]
    [(1, '가나도', '', 0.5), (2, '홍길동', '도지사', 0.5)]
    """
    if scores is None:
        scores = centrality(G)
    rows = []
    for node, data in G.nodes(data=True):
        score = scores[node]
        rows.append(
            {
                "rank": 0,
                "name": data.get("label", str(node)),
                "kind": data.get("kind"),
                "org_type": data.get("org_type"),
                "titles": "; ".join(data.get("titles", [])),
                "organizations": "; ".join(data.get("organizations", [])),
                "degree": round(score["degree"], 4),
                "betweenness": round(score["betweenness"], 4),
                "pagerank": round(score["pagerank"], 4),
                "mentions": data.get("mentions", 0),
                "_key": str(node),
            }
        )
    rows.sort(key=lambda r: (-r["pagerank"], r["name"], r["_key"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
        del row["_key"]
    return rows


def table_to_csv(rows: Iterable[Mapping], columns: Sequence[str] = TABLE_COLUMNS) -> str:
    """The table as CSV text: a header line, then one line per row (``\\n`` line ends).

    ``None`` becomes an empty field. ``columns`` defaults to :data:`TABLE_COLUMNS`.

    Examples
    --------
    >>> print(table_to_csv([{"rank": 1, "name": "가나도", "kind": "organization",
    ...     "org_type": "government", "titles": "", "organizations": "", "degree": 1.0,
    ...     "betweenness": 0.0, "pagerank": 0.5, "mentions": 1}]), end="")
    rank,name,kind,org_type,titles,organizations,degree,betweenness,pagerank,mentions
    1,가나도,organization,government,,,1.0,0.0,0.5,1
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide and fullwidth characters count 2.

    Examples
    --------
    >>> display_width("가나도 ab")
    9
    """
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def _cell(column: str, value: object, numeric: Collection[str] = _NUMERIC_COLUMNS) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and column in numeric:
        return f"{value:.4f}"
    # A cell is one terminal line whatever the release text contains.
    return " ".join(str(value).split())


def format_table(
    rows: Iterable[Mapping],
    columns: Sequence[str] = TABLE_COLUMNS,
    numeric: Collection[str] = _NUMERIC_COLUMNS,
) -> str:
    """The table aligned for a terminal: header, a rule, one line per row.

    Numbers (the ``numeric`` columns) are right-aligned, text left-aligned; Korean characters
    count two columns. ``columns`` defaults to :data:`TABLE_COLUMNS`.

    Examples
    --------
    >>> rows = [{"rank": 1, "name": "가나도", "kind": "organization", "org_type": "government",
    ...          "titles": "", "organizations": "", "degree": 1.0, "betweenness": 0.0,
    ...          "pagerank": 0.5, "mentions": 1},
    ...         {"rank": 2, "name": "홍길동", "kind": "person", "org_type": None,
    ...          "titles": "도지사", "organizations": "가나도", "degree": 1.0, "betweenness": 0.0,
    ...          "pagerank": 0.5, "mentions": 2}]
    >>> print(format_table(rows))
    rank  name    kind          org_type    titles  organizations  degree  betweenness  pagerank  mentions
    ----  ------  ------------  ----------  ------  -------------  ------  -----------  --------  --------
       1  가나도  organization  government                         1.0000       0.0000    0.5000         1
       2  홍길동  person                    도지사  가나도         1.0000       0.0000    0.5000         2
    """
    cells = [[_cell(c, row.get(c), numeric) for c in columns] for row in rows]
    widths = [
        max([display_width(c)] + [display_width(line[i]) for line in cells])
        for i, c in enumerate(columns)
    ]

    def line(values: Sequence[str]) -> str:
        parts = []
        for column, value, width in zip(columns, values, widths):
            pad = " " * (width - display_width(value))
            parts.append(pad + value if column in numeric else value + pad)
        return "  ".join(parts).rstrip()

    lines = [line(columns), line(["-" * w for w in widths])]
    lines += [line(values) for values in cells]
    return "\n".join(lines)
