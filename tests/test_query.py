"""kg.rdf.query: SPARQL with pre-bound prefixes, one-line errors, and table/csv/json output."""

from __future__ import annotations

import json
import socket

import pytest
from factories import make_facts
from rdflib import Graph

from kg.errors import QueryError, ServiceRefusedError
from kg.rdf.graphs import read_turtle_text
from kg.rdf.mapping import facts_to_graph
from kg.rdf.query import QueryResult, display_width, format_result, run_query
from kg.rdf.store import to_store


@pytest.fixture(scope="module")
def graph() -> Graph:
    return facts_to_graph([make_facts()])


TITLES = """
SELECT ?name ?title WHERE {
    ?m org:member/foaf:name ?name ; org:role/skos:prefLabel ?title .
    FILTER (?name IN ("홍길동"@ko, "왕건우"@ko))
} ORDER BY DESC(?name)
"""


def test_select_without_prefix_lines(graph):
    result = run_query(graph, TITLES)
    assert result.kind == "select"
    assert result.columns == ["name", "title"]
    assert result.rows == [["홍길동", "도지사"], ["왕건우", "국회의원"]]


def test_iris_print_in_full_and_unbound_as_none(graph):
    result = run_query(
        graph,
        'SELECT ?org ?parent WHERE { ?org skos:prefLabel "미래산업국"@ko .'
        " OPTIONAL { ?org org:hasUnit/org:hasUnit ?parent } }",
    )
    ((org, parent),) = result.rows
    assert org.startswith("https://w3id.org/kg-press/id/org/")
    assert parent is None


def test_typed_literals_print_their_lexical_form(graph):
    result = run_query(
        graph, "SELECT ?views ?issued WHERE { ?r kg:viewCount ?views ; dcterms:issued ?issued }"
    )
    assert result.rows == [["42", "2024-03-03T10:30:00"]]


def test_ask(graph):
    assert run_query(graph, 'ASK { ?p foaf:name "홍길동"@ko }').boolean is True
    assert run_query(graph, 'ASK { ?p foaf:name "임꺽정"@ko }').boolean is False


def test_construct_returns_turtle(graph):
    result = run_query(
        graph,
        "CONSTRUCT { ?r a org:Role ; skos:prefLabel ?l } "
        "WHERE { ?r a org:Role ; skos:prefLabel ?l }",
    )
    assert result.kind == "graph"
    roles = read_turtle_text(result.turtle)
    assert sorted(str(o) for o in roles.objects()) == sorted(
        ["http://www.w3.org/ns/org#Role"] * 5 + ["교수", "국회의원", "도지사", "박사", "시장"]
    )
    assert "@prefix skos: <http://www.w3.org/2004/02/skos/core#> ." in result.turtle


def test_malformed_query_names_its_source(graph):
    with pytest.raises(QueryError) as e:
        run_query(graph, "SELECTT ?x WHERE { ?x ?y ?z }", source="titles.rq")
    assert str(e.value) == (
        "titles.rq: malformed SPARQL query: line 1, column 7: Expected SelectQuery, "
        "near 'T ?x WHERE { ?x ?y ?z }'"
    )
    assert e.value.source == "titles.rq"


def test_unknown_prefix(graph):
    with pytest.raises(QueryError) as e:
        run_query(graph, "SELECT ?x WHERE { ?x ex:p ?y }")
    assert str(e.value) == "<query>: malformed SPARQL query: Unknown namespace prefix : ex"


def test_unclosed_query_is_one_line(graph):
    with pytest.raises(QueryError) as e:
        run_query(graph, "SELECT ?x WHERE {\n  ?x ?y ?z\n", source="q.rq")
    message = str(e.value)
    assert message.startswith("q.rq: malformed SPARQL query: line ")
    assert "\n" not in message


# -- formatting -------------------------------------------------------------------------------

RESULT = QueryResult(
    kind="select",
    columns=["name", "title", "org"],
    rows=[["홍길동", "도지사", "가나특별자치도"], ["Kim, J.", None, "ABC"]],
)


def test_display_width_counts_hangul_twice():
    assert display_width("홍길동") == 6
    assert display_width("AI 협약") == 7


def test_table():
    assert format_result(RESULT, "table") == (
        "name     title   org\n"
        "-------  ------  --------------\n"
        "홍길동   도지사  가나특별자치도\n"
        "Kim, J.          ABC\n"
    )


def test_csv():
    assert format_result(RESULT, "csv") == (
        'name,title,org\n홍길동,도지사,가나특별자치도\n"Kim, J.",,ABC\n'
    )


def test_json():
    text = format_result(RESULT, "json")
    assert json.loads(text) == [
        {"name": "홍길동", "title": "도지사", "org": "가나특별자치도"},
        {"name": "Kim, J.", "title": None, "org": "ABC"},
    ]
    assert '"name": "홍길동"' in text  # not \ud64d escapes


def test_empty_select_table_has_header_only():
    empty = QueryResult(kind="select", columns=["name"], rows=[])
    assert format_result(empty, "table") == "name\n----\n"
    assert format_result(empty, "json") == "[]\n"


def test_ask_formats():
    yes = QueryResult(kind="ask", boolean=True)
    assert format_result(yes, "table") == "ask\n----\ntrue\n"
    assert format_result(yes, "csv") == "ask\ntrue\n"
    assert format_result(yes, "json") == "true\n"


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format 'xml'; use one of table, csv, json"):
        format_result(RESULT, "xml")


def test_a_large_build_graph_is_queried_from_a_saved_database(tmp_path, monkeypatch):
    """A big graph.ttl of a build folder is loaded once into OUTDIR/.kgcache/store (on disk) and
    queried from there; rebuilding the folder loads it again."""
    from pathlib import Path

    import kg
    import kg.rdf.store
    from kg.rdf.graphs import load_store

    monkeypatch.setattr(kg.rdf.store, "SAVED_STORE_MIN_BYTES", 0)
    fixtures = Path(__file__).parent / "fixtures" / "corpus"
    out = tmp_path / "out"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    first = kg.build([str(fixtures / "01_gana_ai_center.txt")], out, jobs=1)
    assert run_query(load_store(out / "graph.ttl"), count).rows == [[str(first.triples)]]
    stamp = (out / ".kgcache" / "store.stamp").read_text()
    assert (out / ".kgcache" / "store").is_dir()
    assert run_query(load_store(out / "graph.ttl"), count).rows == [[str(first.triples)]]
    assert (out / ".kgcache" / "store.stamp").read_text() == stamp  # not loaded again
    both = kg.build([str(fixtures)], out, jobs=1)
    assert both.triples > first.triples
    assert run_query(load_store(out / "graph.ttl"), count).rows == [[str(both.triples)]]
    # a database whose loading was stopped (no stamp) is loaded again
    (out / ".kgcache" / "store.stamp").unlink()
    assert run_query(load_store(out / "graph.ttl"), count).rows == [[str(both.triples)]]
    assert (out / ".kgcache" / "store.stamp").is_file()
    # a graph.ttl outside a build folder is read into memory, as before
    loose = tmp_path / "graph.ttl"
    loose.write_bytes((out / "graph.ttl").read_bytes())
    assert run_query(load_store(loose), count).rows == [[str(both.triples)]]
    assert not (tmp_path / ".kgcache").exists()


# --- SERVICE: refused unless allowed; a failure is one QueryError ----------------------------


def refused_port() -> int:
    """A loopback port nothing listens on (bound, then closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVICE_QUERIES = [
    pytest.param("SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }", id="plain"),
    pytest.param("SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <{url}> { ?s ?x ?y } } }",
                 id="silent-in-optional"),
    pytest.param("SELECT ?s WHERE { { SELECT ?s WHERE { SERVICE <{url}> { ?s ?p ?o } } } }",
                 id="in-a-subquery"),
    pytest.param("ASK { FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } }", id="in-exists"),
]  # fmt: skip


@pytest.fixture(params=["rdflib", "oxigraph"])
def engine_graph(request, graph):
    return graph if request.param == "rdflib" else to_store(graph)


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_unless_allowed(engine_graph, template):
    url = f"http://127.0.0.1:{refused_port()}/sparql"
    with pytest.raises(ServiceRefusedError) as refused:
        run_query(engine_graph, template.replace("{url}", url), source="shared.rq")
    assert str(refused.value) == (
        f"shared.rq: refused: SERVICE <{url}> would send the query to another server; kg "
        "queries only the local graph unless you give --allow-service"
    )


def test_an_allowed_service_that_refuses_is_one_query_error(engine_graph):
    # Was: Oxigraph's lazy rows raised ConnectionRefusedError past run_query (a traceback).
    url = f"http://127.0.0.1:{refused_port()}/sparql"
    with pytest.raises(QueryError) as failed:
        run_query(
            engine_graph,
            f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
            source="shared.rq",
            allow_service=True,
        )
    message = str(failed.value)
    assert message.startswith("shared.rq: the query failed: ")
    assert "refused" in message.lower()
    assert message.endswith(f" (the query calls SERVICE <{url}>)")
    assert "\n" not in message


# --- JSON: numbers and booleans typed ---------------------------------------------------------


def test_json_gives_numbers_as_numbers(engine_graph):
    result = run_query(
        engine_graph,
        "SELECT ?views (COUNT(?p) AS ?persons) (1.5 AS ?share) (true AS ?flag) ?issued "
        "WHERE { ?r kg:viewCount ?views ; dcterms:issued ?issued . ?p a foaf:Person } "
        "GROUP BY ?views ?issued",
    )
    (record,) = json.loads(format_result(result, "json"))
    assert record == {
        "views": 42,
        "persons": 6,
        "share": 1.5,
        "flag": True,
        "issued": "2024-03-03T10:30:00",
    }
    # table and csv keep the lexical forms
    assert format_result(result, "csv").splitlines()[1] == "42,6,1.5,true,2024-03-03T10:30:00"


def test_jsonl_is_one_object_per_line(graph):
    result = run_query(graph, TITLES)
    assert format_result(result, "jsonl") == (
        '{"name": "홍길동", "title": "도지사"}\n{"name": "왕건우", "title": "국회의원"}\n'
    )
