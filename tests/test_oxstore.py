"""kg.rdf.store and the Oxigraph paths of kg.rdf and kg.rdf.query: same graphs, same answers."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from factories import make_facts
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kg.errors import GraphFileError
from kg.rdf.graphs import load_graph, load_store, turtle_text, write_turtle
from kg.rdf.mapping import facts_to_graph
from kg.rdf.query import run_query
from kg.rdf.store import from_ox, rdflib_triples, to_ox, to_store


@pytest.fixture(scope="module")
def graph() -> Graph:
    return facts_to_graph([make_facts()])


@pytest.fixture(scope="module")
def store(graph, tmp_path_factory) -> ox.Store:
    path = tmp_path_factory.mktemp("store") / "graph.ttl"
    write_turtle(graph, path)
    return load_store(path)


@pytest.mark.parametrize(
    "term",
    [
        URIRef("https://w3id.org/kg-press/id/person/0123"),
        Literal("홍길동", lang="ko"),
        Literal("plain"),
        Literal(42, datatype=XSD.integer),
        Literal("2024-03-03T10:30:00", datatype=XSD.dateTime),
        BNode("b0"),
    ],
)
def test_terms_survive_the_round_trip(term):
    back = from_ox(to_ox(term))
    assert back == term
    assert type(back) is type(term)


def test_a_plain_literal_stays_untyped():
    # Oxigraph types it xsd:string; rdflib's parser (and every lookup in kg) leaves it untyped.
    assert from_ox(ox.Literal("x")).datatype is None


def integers_as_xsd_integer(triples) -> set:
    """The triples with xsd:nonNegativeInteger literals typed xsd:integer, as Oxigraph stores
    every type derived from xsd:integer (same value, same lexical form)."""
    return {
        (s, p, Literal(str(o), datatype=XSD.integer))
        if isinstance(o, Literal) and o.datatype == XSD.nonNegativeInteger
        else (s, p, o)
        for s, p, o in triples
    }


def test_store_holds_the_same_triples(graph, store):
    assert len(store) == len(graph)
    assert integers_as_xsd_integer(rdflib_triples(store)) == integers_as_xsd_integer(graph)
    assert len(to_store(graph)) == len(graph)


def test_turtle_text_is_sorted_and_stable(graph):
    text = turtle_text(graph)
    assert text == turtle_text(facts_to_graph([make_facts()]))
    prefixes = [line for line in text.splitlines() if line.startswith("@prefix ")]
    assert prefixes == sorted(prefixes)
    assert "@prefix kgid:" not in text  # kgid IRIs are written in full
    assert "@prefix owl:" not in text  # declared only when used
    subjects = [line for line in text.splitlines() if line.startswith("<")]
    assert subjects == sorted(subjects)
    assert "\n    org:member <https://w3id.org/kg-press/id/person/" in text


TITLES = """
SELECT ?name ?title WHERE {
    ?m org:member/foaf:name ?name ; org:role/skos:prefLabel ?title .
    FILTER (?name IN ("홍길동"@ko, "왕건우"@ko))
} ORDER BY DESC(?name)
"""


@pytest.mark.parametrize(
    "sparql",
    [
        TITLES,
        "SELECT ?views ?issued WHERE { ?r kg:viewCount ?views ; dcterms:issued ?issued }",
        (
            'SELECT ?org ?parent WHERE { ?org skos:prefLabel "미래산업국"@ko .'
            " OPTIONAL { ?org org:hasUnit/org:hasUnit ?parent } }"
        ),
        "SELECT ?kind (COUNT(?o) AS ?n) WHERE { ?o a ?kind } GROUP BY ?kind ORDER BY ?kind",
    ],
)
def test_store_and_graph_answer_alike(graph, store, sparql):
    assert run_query(store, sparql) == run_query(graph, sparql)


def test_ask_and_construct_on_a_store(graph, store):
    assert run_query(store, 'ASK { ?p foaf:name "홍길동"@ko }').boolean is True
    assert run_query(store, 'ASK { ?p foaf:name "임꺽정"@ko }').boolean is False
    construct = "CONSTRUCT { ?r a org:Role } WHERE { ?r a org:Role }"
    result = run_query(store, construct)
    assert result.kind == "graph"
    assert result.turtle.startswith("@prefix org: <http://www.w3.org/ns/org#> .\n\n<https://")
    assert isomorphic(
        Graph().parse(data=result.turtle, format="turtle"),
        Graph().parse(data=run_query(graph, construct).turtle, format="turtle"),
    )


def test_load_store_reports_like_load_graph(tmp_path):
    missing = tmp_path / "nope.ttl"
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix a: <http://x/> .\na:b a:c a:d ;\n  a:e .\n", encoding="utf-8")
    for path in (missing, bad, tmp_path):
        with pytest.raises(GraphFileError) as from_store:
            load_store(path)
        with pytest.raises(GraphFileError) as from_graph:
            load_graph(path)
        assert str(from_store.value) == str(from_graph.value)


def test_relative_iris_still_load(tmp_path):
    # Oxigraph needs a base IRI for these; the rdflib fallback resolves them against the file.
    path = tmp_path / "relative.ttl"
    path.write_text('<a> <b> "c" .\n', encoding="utf-8")
    assert len(load_graph(path)) == 1
    assert len(load_store(path)) == 1
