"""Provenance to the character: every NIF span in the example's graph slices back to its text."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import FOAF, RDF

from kg.facts.release import release_facts
from kg.ingest.release import read_release
from kg.rdf.mapping import facts_to_graph
from kg.rdf.vocab import ITSRDF, NIF, SCHEMA

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "gb-2023-07-14-ai-seminar.txt"


@pytest.fixture(scope="module")
def graph(example_graph):
    return example_graph


def _context_text(graph, node) -> str:
    return str(graph.value(graph.value(node, NIF.referenceContext), NIF.isString))


def test_every_span_slices_back_to_its_anchor(graph):
    decoded = EXAMPLE.read_text(encoding="utf-8")
    nodes = list(graph.subjects(NIF.anchorOf, None))
    assert len(nodes) > 50
    for node in nodes:
        begin, end = int(graph.value(node, NIF.beginIndex)), int(graph.value(node, NIF.endIndex))
        anchor = str(graph.value(node, NIF.anchorOf))
        assert decoded[begin:end] == anchor
        assert _context_text(graph, node)[begin:end] == anchor


def test_every_person_has_a_mention_of_their_name(graph):
    people = list(graph.subjects(RDF.type, FOAF.Person))
    assert len(people) == 14
    for person in people:
        name = str(graph.value(person, FOAF.name))
        anchors = {
            str(graph.value(m, NIF.anchorOf)) for m in graph.subjects(ITSRDF.taIdentRef, person)
        }
        assert name in anchors, name


def test_quotes_and_agenda_topics_point_to_their_characters(graph):
    for kind in (SCHEMA.Quotation,):
        for node in graph.subjects(RDF.type, kind):
            spans = list(graph.subjects(ITSRDF.taIdentRef, node))
            assert spans, node
            assert str(graph.value(spans[0], NIF.anchorOf)) == str(graph.value(node, SCHEMA.text))
    topics = 0
    for part in graph.objects(None, SCHEMA.subEvent):
        spans = list(graph.subjects(ITSRDF.taIdentRef, part))
        if spans:
            topics += 1
            assert str(graph.value(spans[0], NIF.anchorOf)) == str(graph.value(part, SCHEMA.name))
    assert topics == 5  # four presentations and the panel discussion state their topics


def test_html_spans_slice_the_decoded_html_source():
    path = Path(__file__).resolve().parent / "fixtures" / "board_page.html"
    graph = facts_to_graph([release_facts(read_release(str(path)))])
    decoded = path.read_text(encoding="utf-8")
    nodes = list(graph.subjects(NIF.anchorOf, None))
    assert nodes
    for node in nodes:
        begin, end = int(graph.value(node, NIF.beginIndex)), int(graph.value(node, NIF.endIndex))
        assert decoded[begin:end] == str(graph.value(node, NIF.anchorOf))
        assert _context_text(graph, node) == decoded
