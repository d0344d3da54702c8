"""The streamed corpus build (kg.engine.corpus) makes the graph and network of the whole-graph path:
graph.ttl holds exactly the triples of facts_to_graph(facts, resolve(facts)), the network is
actor_network of that graph, and a rebuild after adding a file writes only the new release's RDF
and gives the bytes of a clean build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.engine.corpus import build_corpus
from kg.engine.pipeline import extract_facts
from kg.network.actors import actor_network
from kg.rdf.mapping import facts_to_graph
from kg.rdf.store import ox_triples
from kg.resolve.resolution import resolve

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
    # one release: the same triples, plus the second kg:sourceFile of the release
    assert (both.releases, one.releases) == (1, 1)
    assert both.triples == one.triples + 1
    assert len(_triples(both.turtle_path) - _triples(one.turtle_path)) == 2
    # and the same network: a membership both files state is one membership
    assert _network(both.network.graph()) == _network(one.network.graph())


def test_a_page_and_its_text_are_one_release_with_the_whole_graph_network(tmp_path):
    from kg.ingest.release import read_release

    page = FIXTURES / "board_page.html"
    text = tmp_path / "board_page.txt"
    text.write_text(read_release(str(page)).text, encoding="utf-8")
    paths = [str(page), str(text)]
    corpus = build_corpus(paths, tmp_path / "cache", jobs=1)
    facts = [extract_facts(p) for p in paths]
    whole = facts_to_graph(facts, resolution=resolve(facts))
    assert _triples(corpus.turtle_path) == set(ox_triples(whole))
    assert _network(corpus.network.graph()) == _network(actor_network(whole))


def _network(G) -> tuple[dict, dict]:
    return dict(G.nodes(data=True)), {frozenset((u, v)): d for u, v, d in G.edges(data=True)}


def test_a_stopped_build_leaves_no_temporary_files_and_the_outputs_as_they_were(
    tmp_path, monkeypatch
):
    import kg.engine.corpus

    out = tmp_path / "out"
    kg.build([str(p) for p in FILES[:3]], out, jobs=1)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (out / ".kgcache" / ".graph.ttl.left-by-a-crash.tmp").write_text("")

    def crash(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.engine.corpus, "assemble", crash)
    with pytest.raises(KeyboardInterrupt):
        kg.build([str(p) for p in FILES[:4]], out, jobs=1)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in out.rglob("*.tmp")) == []


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
    from kg.network.centrality import centrality

    assert centrality(corpus.network) == centrality(corpus.network.graph())


HEAD = (
    "보도자료\n\n가나도, 연구 협력 회의\n부서명\n미래산업국 디지털정책과\n전화번호\n012-345-6789\n"
    "작성자\n박담당\n작성일\n2026-04-0{day} 10:00:00\n조회수\n3\n\n가나도는 {day}일 연구 협력 "
    "회의를 "
    "열었다고 밝혔다.\n\n회의에는 {who}이 참석했다.\n\n담당부서 :\n가나도청\n"
)
AT_UNIVERSITY, AT_COMPANY = "한지민 가나대학교 교수", "한지민 다라전자 고문"


def test_a_release_whose_share_of_the_resolution_changes_is_written_again(tmp_path):
    """한지민 holds posts at 가나대학교 (a, b) and 다라전자 (b, c, d): one person, whose IRI is
    anchored at the organization most of the releases name. Adding c and d moves the anchor from
    가나대학교 to 다라전자, so the RDF of a and b changes although their files did not."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    texts = {
        "a.txt": HEAD.format(day=1, who=AT_UNIVERSITY),
        "b.txt": HEAD.format(day=2, who=f"{AT_UNIVERSITY}와 {AT_COMPANY}"),
        "c.txt": HEAD.format(day=3, who=AT_COMPANY),
        "d.txt": HEAD.format(day=4, who=AT_COMPANY),
    }
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(texts[name], encoding="utf-8")
    first = build_corpus(
        sorted(str(p) for p in folder.iterdir()), tmp_path / "out" / ".kgcache", jobs=1
    )
    first.turtle_path.unlink()
    first.resolution_path.unlink()
    for name in ("c.txt", "d.txt"):
        (folder / name).write_text(texts[name], encoding="utf-8")
    paths = sorted(str(p) for p in folder.iterdir())
    again = build_corpus(paths, tmp_path / "out" / ".kgcache", jobs=1)
    clean = build_corpus(paths, tmp_path / "clean", jobs=1)
    assert (again.extracted, again.written) == (2, 4)  # a and b are written again
    assert again.turtle_path.read_bytes() == clean.turtle_path.read_bytes()
    assert _network(again.network.graph()) == _network(clean.network.graph())
    name = ox.Literal("한지민", language="ko")
    people = {t.subject for t in _triples(again.turtle_path) if t.object == name}
    assert len(people) == 1


def test_kg_query_takes_a_build_folder(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    kg.build([str(EXAMPLE)], tmp_path / "out", jobs=1)
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?p a foaf:Person }"
    result = CliRunner().invoke(cli, ["query", str(tmp_path / "out"), query, "--format", "csv"])
    assert (result.exit_code, result.output) == (0, "n\n14\n")


def test_the_network_of_graph_ttl_read_back_is_the_builds(corpus):
    """kg analyze reads graph.ttl: actor_network of the file is the network the build made."""
    from kg.rdf.graphs import load_graph

    assert _network(actor_network(load_graph(corpus.turtle_path))) == _network(
        corpus.network.graph()
    )


def test_files_with_one_text_are_reported_as_duplicates(tmp_path):
    folder = tmp_path / "twins"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(EXAMPLE, folder / name)
    shutil.copy(FILES[0], folder / "c.txt")
    summary = kg.build([str(folder)], tmp_path / "out", jobs=1)
    assert summary.releases == 2
    assert summary.duplicates == [(str(folder / "a.txt"), str(folder / "b.txt"))]
