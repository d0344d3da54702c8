"""The conventions every kg command shares: --format (typed JSON), records on stdout and
messages on stderr, progress, --quiet, Ctrl-C, and bad files in a folder skipped and listed."""

from __future__ import annotations

import csv
import io
import json
import socket
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import EXAMPLE, run

from kg.cli.output import Progress
from kg.ingest.release import MAX_TEXT_CHARS
from kg.rdf.bundled import bundled_queries

EXAMPLE_BYTES = EXAMPLE.read_bytes()
SENTENCE = "새봄군은 청년 창업 지원센터를 열었다고 밝혔다.\n"
SUMMARY_FIELDS = [
    "releases", "persons", "organizations", "memberships", "triples", "cached", "skipped",
    "duplicates", "seconds",
]  # fmt: skip


@pytest.fixture(scope="module")
def built(example_built) -> str:
    return str(example_built)


def huge_release(path: Path) -> int:
    """A release of more characters than spaCy reads at once; its length."""
    path.write_text(SENTENCE * (MAX_TEXT_CHARS // len(SENTENCE) + 1), encoding="utf-8")
    return len(path.read_text(encoding="utf-8"))


# --- robust input: bad files in a folder are skipped and listed ------------------------------


def test_a_folder_build_skips_a_file_too_long_to_read(tmp_path):
    # Was: spaCy's E088 traceback stopped the whole folder's build.
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(EXAMPLE_BYTES)
    length = huge_release(folder / "huge.txt")
    result = run("build", str(folder), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "releases: 1"
    assert "skipped: 1" in result.stdout.splitlines()
    assert result.stderr.splitlines()[-1] == (
        f"skipped 1 file: {folder / 'huge.txt'}: too long to read: {length:,} characters of "
        "text, more than the 1,000,000 kg reads in one piece; split it into smaller files"
    )


def test_a_named_file_too_long_to_read_is_a_one_line_error(tmp_path):
    path = tmp_path / "huge.txt"
    length = huge_release(path)
    result = run("extract", str(path))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {path}: too long to read: {length:,} characters of text, more than the "
        "1,000,000 kg reads in one piece; split it into smaller files\n"
    )


def fake_build(summary, calls=None):
    """A stand-in for kg.engine.pipeline.build that reports progress and returns ``summary``."""

    def build(inputs, outdir, **options):
        for key in ("progress", "write_progress"):
            if options.get(key) is not None:
                for done in range(0, 301, 3):
                    options[key](done, 300)
        if calls is not None:
            calls.append(options)
        if isinstance(summary, BaseException):
            raise summary
        return summary

    return build


def a_summary(**fields) -> SimpleNamespace:
    values = dict(
        releases=2, persons=3, organizations=4, memberships=5, triples=60, seconds=1.234,
        cached=1, paths=["out/graph.ttl"], skipped=[],
    )  # fmt: skip
    return SimpleNamespace(**{**values, **fields})


def test_files_with_one_text_are_listed_once(monkeypatch, tmp_path):
    # BuildSummary.duplicates (groups of paths with one text) comes with the engine's rewrite.
    summary = a_summary(duplicates=[["in/a.txt", "in/copy of a.txt", "in/b.txt"]])
    monkeypatch.setattr("kg.engine.pipeline.build", fake_build(summary))
    result = run("build", "in", "-o", str(tmp_path), "--format", "json", "-q")
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert record["duplicates"] == 1
    assert record["duplicate_files"] == [["in/a.txt", "in/copy of a.txt", "in/b.txt"]]
    assert result.stderr.splitlines() == [
        "wrote: out/graph.ttl",
        "same text, read once: in/a.txt (also in/copy of a.txt, in/b.txt)",
    ]


# --- --format: the build summary, explain, analyze, query, extract ---------------------------


def test_build_summary_as_json_has_typed_numbers(tmp_path):
    result = run("build", str(EXAMPLE), "-o", str(tmp_path / "out"), "--format", "json", "-q")
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert list(record) == [*SUMMARY_FIELDS, "skipped_files", "duplicate_files", "outputs"]
    assert record["releases"] == 1 and record["persons"] == 14 and record["skipped"] == 0
    assert all(type(record[f]) is int for f in SUMMARY_FIELDS if f != "seconds")
    assert type(record["seconds"]) is float
    assert record["outputs"] == [
        str(tmp_path / "out" / name)
        for name in ("graph.ttl", "centrality.csv", "graph.html", "resolution.json")
    ]


def test_build_summary_as_csv(monkeypatch, tmp_path):
    monkeypatch.setattr("kg.engine.pipeline.build", fake_build(a_summary()))
    result = run("build", "in", "-o", str(tmp_path), "--format", "csv", "-q")
    assert result.stdout == (
        "releases,persons,organizations,memberships,triples,cached,skipped,duplicates,seconds\n"
        "2,3,4,5,60,1,0,0,1.23\n"
    )


def test_explain_as_json(built):
    result = run("explain", "경북도", "-o", built, "--format", "json")
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert (record["type"], record["kind"]) == ("organization", "government")
    assert record["name"] == "경상북도"
    assert record["forms"] == ["경상북도", "경북", "경북도", "경상북도청"]
    assert record["iri"].startswith("https://w3id.org/kg-press/id/org/")
    assert record["releases"] == 1
    (occurrence,) = record["occurrences"]
    assert occurrence["release"] == "examples/gb-2023-07-14-ai-seminar.txt"
    text = EXAMPLE.read_text(encoding="utf-8")
    assert {text[s:e] for s, e in occurrence["spans"]} <= {
        "경상북도",
        "경북",
        "경북도",
        "경상북도청",
    }
    assert len(occurrence["spans"]) == 12


def test_explain_as_csv_and_table(built):
    out = run("explain", "이철우", "-o", built, "--format", "csv").stdout
    header, row = csv.reader(io.StringIO(out))
    assert header == ["type", "name", "iri", "forms", "releases", "spans", "reasons"]
    assert row[:2] == ["person", "이철우"] and row[3:5] == ["이철우", "1"]
    text = EXAMPLE.read_text(encoding="utf-8")
    for span in row[5].split("; "):  # release:start-end
        release, offsets = span.rsplit(":", 1)
        start, end = map(int, offsets.split("-"))
        assert release == "examples/gb-2023-07-14-ai-seminar.txt"
        assert text[start:end] == "이철우"
    table = run("explain", "이철우", "-o", built).stdout
    assert table.startswith("person 이철우 <https://w3id.org/kg-press/id/person/")


def test_analyze_as_json_has_typed_numbers(built):
    result = run("analyze", built, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1))
    governor = next(row for row in rows if row["name"] == "이철우")
    assert governor["kind"] == "person" and governor["titles"] == "도지사"
    assert type(governor["pagerank"]) is float and type(governor["mentions"]) is int


def test_analyze_and_validate_take_a_build_folder(built):
    assert run("validate", built).stdout == f"{built}/graph.ttl conforms\n"
    folder = run("analyze", built, "--format", "csv").stdout
    assert folder == run("analyze", f"{built}/graph.ttl", "--format", "csv").stdout


def test_query_json_numbers_are_numbers(built):
    # Was: "n": "14", a string.
    result = run(
        "query", built, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a foaf:Person }",
        "--format", "json",
    )  # fmt: skip
    assert result.stdout == '[\n  {\n    "n": 14\n  }\n]\n'


def test_extract_formats_give_the_same_records():
    lines = run("extract", str(EXAMPLE)).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert json.loads(run("extract", str(EXAMPLE), "--format", "json").stdout) == records
    csv_lines = run("extract", str(EXAMPLE), "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == "doc,start,end,text,label"
    assert len(csv_lines) == len(records) + 1
    first = records[0]
    assert csv_lines[1] == ",".join(str(first[k]) for k in ("doc", "start", "end", "text", "label"))


# --- kg query: bundled queries and SERVICE ---------------------------------------------------


def test_query_list(built):
    result = run("query", "--list", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "name,question"
    assert "who_said_what,Who said what?" in lines
    assert len(lines) == len(bundled_queries()) + 1 == 12


def test_query_named_runs_the_bundled_query(built):
    result = run("query", built, "--named", "who_said_what", "--format", "json")
    assert result.exit_code == 0, result.output
    speakers = {row["speaker"] for row in json.loads(result.stdout)}
    assert {"윤두현", "이철우"} <= speakers


def test_query_named_unknown(built):
    result = run("query", built, "--named", "who_met_whom")
    assert result.exit_code == 1
    assert result.output.startswith(
        "Error: who_met_whom: no bundled query of that name; kg query --list lists them "
        "(moderator_and_panel, organizations_by_sector, "
    )


def test_query_without_a_graph_is_a_usage_error():
    result = run("query", "--named", "who_said_what")
    assert result.exit_code == 2
    assert result.output.endswith("Error: give GRAPH, a graph.ttl or the folder kg build wrote\n")


def refused_url() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/sparql"


def test_query_refuses_service(built):
    url = refused_url()
    result = run("query", built, f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: SPARQL argument: refused: SERVICE <{url}> would send the query to another "
        "server; kg queries only the local graph unless you give --allow-service\n"
    )


def test_query_allowed_service_that_refuses_is_one_line(built):
    # Was: a ConnectionRefusedError traceback, and exit status 1 only by accident.
    url = refused_url()
    query = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
    result = run("query", built, query, "--allow-service")
    assert result.exit_code == 1
    assert result.output.startswith("Error: SPARQL argument: the query failed: ")
    assert result.output.endswith(f" (the query calls SERVICE <{url}>)\n")
    assert result.output.count("\n") == 1


# --- progress, --quiet, Ctrl-C ---------------------------------------------------------------


def test_progress_into_a_file_is_a_few_plain_lines():
    # Was: "\r"-redrawn counters, hundreds of them, in a log file.
    stream = io.StringIO()
    progress = Progress("reading releases", stream, terminal=False)
    for done in range(301):
        progress(done, 300)
    assert stream.getvalue() == (
        "reading releases: 0/300\nreading releases: 75/300\nreading releases: 150/300\n"
        "reading releases: 225/300\nreading releases: 300/300\n"
    )


def test_progress_on_a_terminal_is_a_bar():
    stream = io.StringIO()
    progress = Progress("writing releases", stream, terminal=True)
    progress(1, 3)
    progress(3, 3)
    assert stream.getvalue() == (
        "\rwriting releases [##########....................] 1/3"
        "\rwriting releases [##############################] 3/3\n"
    )


def test_no_progress_into_a_file_for_a_few_files():
    stream = io.StringIO()
    progress = Progress("reading releases", stream, terminal=False)
    progress(1, 1)
    assert stream.getvalue() == ""


def test_build_progress_goes_to_stderr_unless_quiet(monkeypatch, tmp_path):
    monkeypatch.setattr("kg.engine.pipeline.build", fake_build(a_summary()))
    loud = run("build", "in", "-o", str(tmp_path))
    assert "\r" not in loud.stderr
    assert loud.stderr.splitlines()[:5] == [
        f"reading releases: {n}/300" for n in (0, 75, 150, 225, 300)
    ]
    assert loud.stdout.splitlines()[0] == "releases: 2"
    quiet = run("build", "in", "-o", str(tmp_path), "--quiet")
    assert quiet.stderr == "wrote: out/graph.ttl\n"


def test_ctrl_c_exits_130(monkeypatch, tmp_path):
    # Was: exit status 1 ("Aborted!"), as for any failure.
    monkeypatch.setattr("kg.engine.pipeline.build", fake_build(KeyboardInterrupt()))
    result = run("build", "in", "-o", str(tmp_path), "-q")
    assert result.exit_code == 130
    assert result.stderr == "Interrupted.\n"
    assert result.stdout == ""


def test_a_reader_that_stops_early_ends_the_stream_quietly(tmp_path):
    import subprocess
    import sys

    text = EXAMPLE.read_text(encoding="utf-8")
    for n in range(12):  # more records than a pipe holds (about 9 KB each)
        (tmp_path / f"r{n:02}.txt").write_text(text + f"\n({n})\n", encoding="utf-8")
    code = "import sys; from kg.cli import cli; sys.argv = ['kg'] + sys.argv[1:]; cli()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "extract", str(tmp_path), "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout.readline().startswith(b"{")
    proc.stdout.close()  # kg extract ... | head -1
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""
