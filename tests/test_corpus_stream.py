"""The streamed corpus build (kg.corpus) makes the graph and network of the whole-graph path:
graph.ttl holds exactly the triples of facts_to_graph(facts, resolve(facts)), the network is
actor_network of that graph, and a rebuild after adding a file writes only the new release's RDF
and gives the bytes of a clean build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.analysis import actor_network
from kg.corpus import build_corpus
from kg.oxstore import ox_triples
from kg.pipeline import extract_facts
from kg.rdf import facts_to_graph
from kg.resolve import resolve

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = Path(__file__).parents[1] / "examples" / "gb-2023-07-14-ai-seminar.txt"
FILES = sorted((FIXTURES / "corpus").glob("*.txt")) + sorted((FIXTURES / "invented").glob("*.txt"))
FILES += [EXAMPLE, FIXTURES / "board_page.html"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stream")
    return build_corpus([str(p) for p in FILES], folder, jobs=1)


@pytest.fixture(scope="module")
def whole_graph():
    facts = [extract_facts(str(p)) for p in FILES]
    return facts_to_graph(facts, resolution=resolve(facts))


def _triples(turtle: Path) -> set:
    return {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE)
    }


def test_streamed_graph_is_the_whole_graph(corpus, whole_graph):
    streamed = _triples(corpus.turtle_path)
    assert streamed == set(ox_triples(whole_graph))
    assert corpus.triples == len(whole_graph) == len(streamed)


def test_streamed_network_is_the_network_of_the_whole_graph(corpus, whole_graph):
    expected = actor_network(whole_graph)
    streamed = corpus.network.graph()
    assert list(streamed.nodes(data=True)) == list(expected.nodes(data=True))
    ties = {frozenset((u, v)): d for u, v, d in streamed.edges(data=True)}
    assert ties == {frozenset((u, v)): d for u, v, d in expected.edges(data=True)}
    assert corpus.network.number_of_edges() == streamed.number_of_edges() > 100


def test_counts_are_of_distinct_nodes(corpus, whole_graph):
    from rdflib.namespace import FOAF, ORG, RDF

    assert corpus.persons == len(set(whole_graph.subjects(RDF.type, FOAF.Person)))
    assert corpus.organizations == len(set(whole_graph.subjects(RDF.type, ORG.Organization)))
    assert corpus.memberships == len(set(whole_graph.subjects(RDF.type, ORG.Membership)))


def test_two_files_with_one_text_are_one_release(tmp_path):
    folder = tmp_path / "twins"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.txt")
    shutil.copy(EXAMPLE, folder / "b.txt")
    both = build_corpus([str(folder / "a.txt"), str(folder / "b.txt")], tmp_path / "cache", jobs=1)
    one = build_corpus([str(EXAMPLE)], tmp_path / "cache1", jobs=1)
    # the same triples, plus the second kg:sourceFile of the release
    assert both.triples == one.triples + 1
    assert len(_triples(both.turtle_path) - _triples(one.turtle_path)) == 2


def test_adding_a_file_writes_only_its_rdf_and_equals_a_clean_build(tmp_path):
    grown = tmp_path / "corpus"
    grown.mkdir()
    for path in FILES[:-3]:
        shutil.copy(path, grown)
    first = kg.build([str(grown)], tmp_path / "out", jobs=1)
    assert first.cached == 0
    shutil.copy(FILES[-3], grown)  # an invented release
    corpus = build_corpus(
        sorted(str(p) for p in grown.iterdir()), tmp_path / "out" / ".kgcache", jobs=1
    )
    corpus.turtle_path.unlink()
    assert (corpus.cached, corpus.extracted) == (len(FILES) - 3, 1)
    assert (
        corpus.written == 1
    )  # the others' view of the resolution is unchanged: their RDF is reused
    again = kg.build([str(grown)], tmp_path / "out", jobs=1)
    clean = kg.build([str(grown)], tmp_path / "clean", jobs=1)
    assert (again.triples, again.persons, again.organizations) == (
        clean.triples,
        clean.persons,
        clean.organizations,
    )
    for name in ("graph.ttl", "centrality.csv", "resolution.json", "graph.html"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), (
            name
        )


def test_centrality_of_the_columns_is_that_of_the_networkx_graph(corpus):
    from kg.analysis import centrality

    assert centrality(corpus.network) == centrality(corpus.network.graph())
