"""The kg command line: exact messages for bad input, exact facts for the bundled example."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run

from kg import __version__
from kg.model import MENTION_LABELS

ROOT = Path(__file__).parents[1]
EXAMPLE = str(ROOT / "examples" / "gb-2023-07-14-ai-seminar.txt")
EXAMPLE_BYTES = Path(EXAMPLE).read_bytes()
FIXTURES = Path(__file__).parent / "fixtures"
NO_SENTENCE = (
    "no Korean sentence in the body (3 or more Korean words with 10 or more Hangul syllables, "
    "ending in . ? ! or 다); give the text of a Korean press release or news article"
)
NOT_A_RELEASE = str(FIXTURES / "not_a_release.html")
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
# "보도자료 " in EUC-KR, then bytes that are neither UTF-8 nor CP949.
NEITHER_UTF8_NOR_CP949 = "보도자료 ".encode("cp949") + b"\xff\xfe\xff\xfe"

NOT_TEXT = "not a text file (binary, or neither UTF-8 nor CP949/EUC-KR); give .txt or .html"

ROLE_QUERY = """
SELECT ?title ?org WHERE {
  ?person foaf:name "이철우"@ko .
  ?membership org:member ?person ;
              org:role/skos:prefLabel ?title ;
              org:organization/skos:prefLabel ?org .
}
"""


def assert_one_line_error(result, message: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.output == f"Error: {message}\n"
    # No traceback: click turned the error into SystemExit(1), nothing escaped.
    assert isinstance(result.exception, SystemExit)


@pytest.fixture(scope="module")
def graph(example_built) -> str:
    return str(example_built / "graph.ttl")


# --- bad inputs: one line naming the file, exit 1 --------------------------------------------

COMMANDS = [
    pytest.param(["build", "-o", "{outdir}"], id="build"),
    pytest.param(["extract"], id="extract"),
]


def invoke_on(command: list[str], path: str, outdir: Path):
    return run(*(arg.format(outdir=outdir) for arg in command), path)


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_input(tmp_path, command):
    missing = str(tmp_path / "nope.txt")
    result = invoke_on(command, missing, tmp_path / "out")
    assert_one_line_error(result, f"{missing}: no such file or folder; check the path")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("data", [b"", b" \n\n"], ids=["empty", "blank"])
def test_empty_input(tmp_path, command, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    result = invoke_on(command, str(path), tmp_path / "out")
    assert_one_line_error(
        result, f"{path}: the file is empty; give a press release as .txt or .html"
    )


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    "data", [PNG_BYTES, NEITHER_UTF8_NOR_CP949], ids=["png", "neither-utf8-nor-cp949"]
)
def test_binary_input(tmp_path, command, data):
    path = tmp_path / "release.txt"
    path.write_bytes(data)
    result = invoke_on(command, str(path), tmp_path / "out")
    assert_one_line_error(result, f"{path}: {NOT_TEXT}")


@pytest.mark.parametrize("command", COMMANDS)
def test_html_page_that_is_not_a_release(tmp_path, command):
    result = invoke_on(command, NOT_A_RELEASE, tmp_path / "out")
    assert_one_line_error(
        result,
        f"{NOT_A_RELEASE}: not a press release: {NO_SENTENCE}",
    )


def test_folder_without_inputs(tmp_path):
    (tmp_path / "notes.md").write_text("메모", encoding="utf-8")
    result = run("build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert_one_line_error(result, f"{tmp_path}: no .txt, .html or .htm files in this folder")


def test_no_input_is_a_usage_error():
    result = run("build")
    assert result.exit_code == 2
    assert "Error: Missing argument 'INPUT...'." in result.output


def test_bad_input_leaves_earlier_outputs_intact(tmp_path):
    outdir = tmp_path / "out"
    assert run("build", EXAMPLE, "-o", str(outdir)).exit_code == 0
    # Files only: the facts cache (.kgcache/) may grow, the outputs must not change.
    before = {p.name: p.read_bytes() for p in outdir.iterdir() if p.is_file()}
    assert sorted(before) == ["centrality.csv", "graph.html", "graph.ttl", "resolution.json"]
    bad = tmp_path / "photo.txt"
    bad.write_bytes(PNG_BYTES)
    # The good release comes first: the bad one must still stop the build before any write.
    result = run("build", EXAMPLE, str(bad), "-o", str(outdir))
    assert_one_line_error(result, f"{bad}: {NOT_TEXT}")
    assert {p.name: p.read_bytes() for p in outdir.iterdir() if p.is_file()} == before


def test_output_folder_that_is_a_file(tmp_path):
    not_a_folder = tmp_path / "outputs"
    not_a_folder.write_text("", encoding="utf-8")
    result = run("build", EXAMPLE, "-o", str(not_a_folder))
    assert_one_line_error(
        result,
        f"{not_a_folder}: cannot write (it exists and is not a folder); "
        "choose a folder you can write to with -o",
    )


# --- graph files and queries -----------------------------------------------------------------


@pytest.mark.parametrize("command", ["query", "analyze", "validate"])
def test_missing_graph_file(tmp_path, command):
    missing = str(tmp_path / "graph.ttl")
    extra = ["ASK { ?s ?p ?o }"] if command == "query" else []
    result = run(command, missing, *extra)
    assert_one_line_error(result, f"{missing}: no such file")


def test_graph_file_that_is_not_turtle(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("this is not turtle\n", encoding="utf-8")
    result = run("analyze", str(path))
    assert result.exit_code == 1
    assert re.fullmatch(
        rf"Error: {re.escape(str(path))}: not valid Turtle: [^\n]+\n", result.output
    )


def test_malformed_inline_query(graph):
    result = run("query", graph, "SELECT ?x WHERE { ?x foaf:name }")
    assert result.exit_code == 1
    assert re.fullmatch(
        r"Error: SPARQL argument: malformed SPARQL query: line 1, column 19: [^\n]+, "
        r"near '\?x foaf:name \}'\n",
        result.output,
    )


def test_malformed_query_file(graph, tmp_path):
    query_file = tmp_path / "bad.rq"
    query_file.write_text("SELEC ?x WHERE { ?x ?p ?o }\n", encoding="utf-8")
    result = run("query", graph, "-f", str(query_file))
    assert result.exit_code == 1
    assert re.fullmatch(
        rf"Error: {re.escape(str(query_file))}: malformed SPARQL query: line 1, column 1: "
        r"[^\n]+, near 'SELEC \?x WHERE \{ \?x \?p \?o \}'\n",
        result.output,
    )


def test_unknown_prefix(graph):
    result = run("query", graph, "SELECT ?n WHERE { ?x nope:name ?n }")
    assert_one_line_error(
        result, "SPARQL argument: malformed SPARQL query: Unknown namespace prefix : nope"
    )


def test_missing_query_file(graph, tmp_path):
    missing = str(tmp_path / "q.rq")
    result = run("query", graph, "-f", missing)
    assert_one_line_error(result, f"{missing}: no such query file; check the path")


def test_query_needs_exactly_one_query(graph, tmp_path):
    query_file = tmp_path / "q.rq"
    query_file.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    both = run("query", graph, "ASK { ?s ?p ?o }", "-f", str(query_file))
    assert both.exit_code == 2
    assert both.output.endswith(
        "Error: give the SPARQL query inline, with -f FILE.rq or with --named, not several\n"
    )
    neither = run("query", graph)
    assert neither.exit_code == 2
    assert neither.output.endswith(
        "Error: give a SPARQL query, inline, with -f FILE.rq or with --named NAME\n"
    )


# --- the bundled example ---------------------------------------------------------------------


def test_build_summary(tmp_path):
    built = tmp_path / "built"
    result = run("build", EXAMPLE, "-o", str(built))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "releases: 1"
    assert [line.split(":")[0] for line in lines] == [
        "releases", "persons", "organizations", "memberships", "triples", "cached", "skipped",
        "duplicates", "seconds",
    ]  # fmt: skip
    assert all(re.fullmatch(r"\d+", line.split(": ")[1]) for line in lines[:8])
    assert lines[5:8] == ["cached: 0", "skipped: 0", "duplicates: 0"]
    # The files written are messages, on stderr: stdout holds the summary only.
    assert result.stderr.splitlines() == [
        f"wrote: {built / name}"
        for name in ("graph.ttl", "centrality.csv", "graph.html", "resolution.json")
    ]


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("table", "title   org\n------  --------\n도지사  경상북도\n"),
        ("csv", "title,org\n도지사,경상북도\n"),
        ("json", '[\n  {\n    "title": "도지사",\n    "org": "경상북도"\n  }\n]\n'),
    ],
)
def test_query_governor(graph, fmt, expected):
    result = run("query", graph, ROLE_QUERY, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.output == expected


def test_query_from_file(graph, tmp_path):
    query_file = tmp_path / "governor.rq"
    query_file.write_text(ROLE_QUERY, encoding="utf-8")
    result = run("query", graph, "-f", str(query_file), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output == "title,org\n도지사,경상북도\n"


def test_query_member_of_the_national_assembly(graph):
    query = """
    SELECT ?org WHERE {
      ?m org:member/foaf:name "윤두현"@ko ;
         org:role/skos:prefLabel "국회의원"@ko ;
         org:organization/skos:prefLabel ?org .
    }"""
    result = run("query", graph, query, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output == "org\n국회\n"


def test_query_ask(graph):
    result = run(
        "query", graph, 'ASK { ?o skos:prefLabel "경상북도"@ko ; skos:altLabel "경북도"@ko }'
    )
    assert result.exit_code == 0, result.output
    assert result.output == "ask\n----\ntrue\n"


def test_analyze_csv(graph):
    result = run("analyze", graph, "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "rank,name,kind,org_type,titles,organizations,degree,betweenness,pagerank,mentions"
    )
    governor = next(line.split(",") for line in lines[1:] if line.split(",")[1] == "이철우")
    assert governor[2:6] == ["person", "", "도지사", "경상북도"]
    province = next(line.split(",") for line in lines[1:] if line.split(",")[1] == "경상북도")
    assert province[2:4] == ["organization", "government"]
    assert [int(line.split(",")[0]) for line in lines[1:]] == list(range(1, len(lines)))


def test_analyze_table(graph):
    result = run("analyze", graph)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "rank", "name", "kind", "org_type", "titles", "organizations", "degree", "betweenness",
        "pagerank", "mentions",
    ]  # fmt: skip
    assert set(lines[1]) == {"-", " "}
    assert any(line.split()[1:4] == ["이철우", "person", "도지사"] for line in lines[2:])


def test_validate_conforms(graph):
    result = run("validate", graph)
    assert result.exit_code == 0, result.output
    assert result.output == f"{graph} conforms\n"


def test_validate_reports_violations(tmp_path):
    path = tmp_path / "nameless.ttl"
    path.write_text(
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        "<https://w3id.org/kg-press/id/person/x> a foaf:Person .\n",
        encoding="utf-8",
    )
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "Conforms: False" in result.output
    assert "Focus Node: <https://w3id.org/kg-press/id/person/x>" in result.output
    assert result.output.endswith(f"{path} does not conform: 1 violation(s)\n")


def test_extract_offsets_index_the_decoded_file():
    text = Path(EXAMPLE).read_text(encoding="utf-8")
    result = run("extract", EXAMPLE)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records
    for record in records:
        assert sorted(record) == ["doc", "end", "label", "start", "text"]
        assert record["doc"] == EXAMPLE
        assert record["label"] in MENTION_LABELS
        assert text[record["start"] : record["end"]] == record["text"]
    assert [r["start"] for r in records] == sorted(r["start"] for r in records)
    found = {(r["text"], r["label"]) for r in records}
    assert {("이철우", "PERSON"), ("윤두현", "PERSON"), ("경상북도", "ORG")} <= found


@pytest.mark.parametrize(
    ("name", "encoding"), [("board_page.html", "utf-8"), ("board_page_cp949.html", "cp949")]
)
def test_extract_html_offsets_index_the_decoded_source(name, encoding):
    path = str(FIXTURES / name)
    source = Path(path).read_bytes().decode(encoding)
    result = run("extract", path)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert any(r["label"] == "PERSON" for r in records)
    for record in records:
        assert source[record["start"] : record["end"]] == record["text"]


def test_extract_prints_korean_as_is():
    result = run("extract", EXAMPLE)
    assert '"text": "이철우"' in result.output
    assert "\\u" not in result.output


def test_extract_folder_names_each_file(tmp_path):
    folder = tmp_path / "releases"
    folder.mkdir()
    (folder / "a.txt").write_bytes(Path(EXAMPLE).read_bytes())
    result = run("extract", str(folder))
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["doc"] for line in result.output.splitlines()} == {
        str(folder / "a.txt")
    }


def test_version():
    result = run("--version")
    assert result.output == f"kg, version {__version__}\n"


def test_rebuild_in_the_input_folder_does_not_read_its_own_page(tmp_path):
    folder = tmp_path / "releases"
    folder.mkdir()
    (folder / "a.txt").write_bytes(EXAMPLE_BYTES)
    for _ in range(2):
        result = run("build", str(folder), "-o", str(folder / "outputs"), "-q")
        assert result.exit_code == 0, result.output
        assert "releases: 1" in result.output
    # named twice (a file and its folder): read once
    result = run("build", str(folder / "a.txt"), str(folder), "-o", str(tmp_path / "o"), "-q")
    assert "releases: 1" in result.output


def test_a_graph_page_is_not_a_release(tmp_path):
    page = tmp_path / "graph.html"
    page.write_bytes((ROOT / "outputs" / "graph.html").read_bytes())
    result = run(*["extract", str(page)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {page}: not a press release: a graph page written by kg build, not a press "
        "release\n"
    )


def test_an_empty_graph_file_is_an_error(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    commands = (["validate", str(empty)], ["analyze", str(empty)], ["query", str(empty), "ASK {}"])
    for command in commands:
        result = run(*command)
        assert result.exit_code == 1
        assert result.output == (
            f"Error: {empty}: holds no triples; give a graph.ttl written by kg build\n"
        )


def test_extract_skips_a_bad_file_in_a_folder_unless_strict(tmp_path):
    (tmp_path / "a.txt").write_bytes(EXAMPLE_BYTES)
    (tmp_path / "readme.txt").write_text("readme only\n", encoding="utf-8")
    result = run(*["extract", str(tmp_path)])
    assert result.exit_code == 0
    assert all(json.loads(line)["doc"].endswith("a.txt") for line in result.stdout.splitlines())
    assert "skipped 1 file: " in result.stderr
    assert run(*["extract", str(tmp_path), "--strict"]).exit_code == 1


def test_a_failed_first_build_leaves_no_output_folder(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(EXAMPLE_BYTES)
    (tmp_path / "in" / "readme.txt").write_text("readme only\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(*["build", str(tmp_path / "in"), "--strict", "-o", str(out), "-q"])
    assert result.exit_code == 1
    assert not out.exists()
