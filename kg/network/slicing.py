"""Time slices of a graph: the releases issued in a date range and the facts they give."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import rdflib
from rdflib.namespace import DCTERMS, ORG, PROV, RDF
from rdflib.term import BNode, Literal, Node, URIRef

from kg.rdf.vocab import KG, NIF, SCHEMA

# A node is tied to a release through these links (child -> parent), or through the inverse
# links (parent -> child).
_TIE_UP = (PROV.wasDerivedFrom, SCHEMA.isPartOf, NIF.referenceContext, SCHEMA.superEvent)


_TIE_DOWN = (SCHEMA.subEvent, SCHEMA.hasPart)


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
        found = _ancestors(parents, start) & releases
        if found:
            ties[start] = found
    return ties


def _ancestors(parents: dict[Node, set[Node]], start: Node) -> set[Node]:
    """Every node reached from ``start`` by following ``parents``."""
    found: set[Node] = set()
    seen, stack = {start}, [start]
    while stack:
        for parent in parents.get(stack.pop(), ()):
            found.add(parent)
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return found


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
    >>> from rdflib.namespace import FOAF, RDF
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
    _follow_links(graph, kept, dropped)
    subjects = set(graph.subjects())
    for s, p, o in graph:
        if s not in kept or o in dropped:
            continue
        # A class stays even when the file also describes it (ontology triples merged in).
        if p == RDF.type or isinstance(o, Literal) or o in kept or o not in subjects:
            sliced.add((s, p, o))
    return sliced


def _follow_links(graph: rdflib.Graph, kept: set[Node], dropped: set[Node]) -> None:
    """Add to ``kept`` every node a kept node links to that is not ``dropped``."""
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
