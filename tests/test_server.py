"""kg serve and kg push against a real oxigraph server on a free loopback port.

Skips when the ``oxigraph`` binary (pip install oxigraph) is missing. Every wait is bounded and
every server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.errors import EndpointError, GraphFileError
from kg.rdf.graphs import load_graph
from kg.rdf.server import (
    graph_file,
    is_loopback,
    open_to_network_warning,
    push,
    running_server,
)

ROOT = Path(__file__).parents[1]
EXAMPLE = "examples/gb-2023-07-14-ai-seminar.txt"
READY_SECONDS = 20
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPH_IRI = "https://example.org/graph/gb"


def oxigraph_missing() -> bool:
    beside = Path(sys.executable).with_name("oxigraph")
    return not beside.is_file() and shutil.which("oxigraph") is None


pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(
        oxigraph_missing(), reason="needs the oxigraph binary: pip install oxigraph"
    ),
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nothing_listens(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(2)
        return s.connect_ex(("127.0.0.1", port)) != 0


def sparql_select(base_url: str, query: str, timeout: float = 10) -> list[dict]:
    """The bindings of a SELECT query sent over HTTP (SPARQL 1.1 protocol, GET)."""
    url = f"{base_url}/query?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)["results"]["bindings"]


def count(base_url: str, query: str = COUNT_ALL) -> int:
    (row,) = sparql_select(base_url, query)
    return int(row["n"]["value"])


def wait_until_ready(base_url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, f"server exited with status {process.returncode}"
        try:
            sparql_select(base_url, "SELECT * WHERE {} LIMIT 1", timeout=2)
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    pytest.fail(f"{base_url} did not answer within {READY_SECONDS} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("built")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        kg.build([EXAMPLE], outdir)
    return outdir


@pytest.fixture(scope="module")
def triples(built) -> int:
    return len(load_graph(built / "graph.ttl"))


@pytest.fixture
def oxigraph(tmp_path):
    """A bare, empty ``oxigraph serve`` on a free loopback port; yields its base URL."""
    binary = str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).is_file():
        binary = shutil.which("oxigraph")
    url = f"http://127.0.0.1:{free_port()}"
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "db"), "--bind", url[len("http://") :]],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_ready(url, process)
        yield url
    finally:
        stop(process)


def test_push_to_the_default_graph(built, triples, oxigraph):
    assert push(built, oxigraph) == f"{oxigraph}/store?default"
    assert count(oxigraph) == triples


def test_push_to_a_named_graph_replaces_it_and_append_adds(built, triples, oxigraph):
    in_graph = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH_IRI}> {{ ?s ?p ?o }} }}"
    url = push(built / "graph.ttl", oxigraph, GRAPH_IRI)
    assert url == f"{oxigraph}/store?graph=https%3A%2F%2Fexample.org%2Fgraph%2Fgb"
    push(built, oxigraph, GRAPH_IRI)  # PUT again: replaced, not doubled
    assert count(oxigraph, in_graph) == triples
    assert count(oxigraph) == 0  # the default graph is untouched

    extra = built.parent / "extra.ttl"
    extra.write_text('<https://example.org/a> <https://example.org/b> "c" .\n', encoding="utf-8")
    push(extra, oxigraph, GRAPH_IRI, replace=False)
    assert count(oxigraph, in_graph) == triples + 1


def test_push_to_an_endpoint_that_is_not_running(built):
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(EndpointError) as e:
        push(built, url)
    assert str(e.value) == (
        f"{url}/store?default: cannot reach the endpoint ([Errno 111] Connection refused); "
        "is it running? start one with kg serve"
    )


def test_push_a_folder_without_a_graph(tmp_path):
    with pytest.raises(GraphFileError) as e:
        push(tmp_path, "http://127.0.0.1:9")
    assert str(e.value) == (
        f"{tmp_path / 'graph.ttl'}: no such file; build it first with kg build INPUT... "
        f"-o {tmp_path}"
    )


def test_push_refused_by_the_endpoint_names_the_url(tmp_path, oxigraph):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(EndpointError) as e:
        push(bad, oxigraph)
    assert str(e.value).startswith(
        f"{oxigraph}/store?default: the endpoint refused the graph (HTTP 400 Bad Request"
    )


def test_running_server_answers_and_stops(built, triples):
    port = free_port()
    with running_server(built, port) as server:
        assert server.url == f"http://127.0.0.1:{port}"
        assert count(server.url) == triples
    assert server.process.poll() is not None
    assert nothing_listens(port)


def test_kg_serve_answers_sparql_until_terminated(built):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "serve", str(built)]
        + ["--port", str(port)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        wait_until_ready(url, process)
        persons = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a foaf:Person }"
        prefixed = "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n" + persons
        assert count(url, prefixed) == 14
        # kg prints the URL (a message: on stderr) once its own readiness check passes, a
        # moment after ours.
        readable, _, _ = select.select([process.stderr], [], [], 10)
        assert readable, "kg serve printed nothing"
        assert process.stderr.readline() == f"SPARQL endpoint: {url}/query\n"
        assert process.stderr.readline() == (
            "read-only: no SPARQL UPDATE, no kg push (give --writable to allow them)\n"
        )
    finally:
        stop(process)
    process.communicate(timeout=10)
    assert process.returncode == 0
    # kg serve stopped its oxigraph child too: the port is free again.
    deadline = time.monotonic() + 10
    while not nothing_listens(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert nothing_listens(port)


def test_kg_serve_without_a_build(tmp_path):
    result = CliRunner().invoke(cli, ["serve", str(tmp_path), "--port", str(free_port())])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {tmp_path / 'graph.ttl'}: no such file; build it first with kg build INPUT... "
        f"-o {tmp_path}\n"
    )


def test_graph_file_accepts_a_turtle_file(built):
    assert graph_file(built) == graph_file(built / "graph.ttl") == built / "graph.ttl"


def test_kg_serve_on_a_port_in_use(built):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", str(built), "--port", str(port)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: 127.0.0.1:{port}: cannot listen there (Address already in use); "
        "choose another --port\n"
    )


def test_kg_push_prints_where_it_sent_the_graph(built, oxigraph):
    result = CliRunner().invoke(cli, ["push", str(built), oxigraph, "--graph", GRAPH_IRI])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == (
        f"pushed: {built / 'graph.ttl'} -> "
        f"{oxigraph}/store?graph=https%3A%2F%2Fexample.org%2Fgraph%2Fgb\n"
    )


WIPE = "DELETE WHERE { ?s ?p ?o }"


def sparql_update(base_url: str, update: str) -> int:
    """POST a SPARQL UPDATE (SPARQL 1.1 protocol); the HTTP status."""
    request = urllib.request.Request(
        f"{base_url}/update",
        data=update.encode("utf-8"),
        method="POST",
        headers={"Content-Type": "application/sparql-update"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def test_served_graph_is_read_only_by_default(built, triples):
    # Was: anonymous SPARQL UPDATE wiped the served graph.
    with running_server(built, free_port()) as server:
        assert sparql_update(server.url, WIPE) >= 400
        assert count(server.url) == triples
        with pytest.raises(EndpointError) as refused:
            push(built, server.url)
    assert "the endpoint refused the graph (HTTP " in str(refused.value)


def test_writable_server_takes_updates(built, triples):
    with running_server(built, free_port(), writable=True) as server:
        assert server.writable
        assert sparql_update(server.url, WIPE) in (200, 204)
        assert count(server.url) == 0
        push(built, server.url)
        assert count(server.url) == triples


def test_kg_serve_warns_when_open_to_the_network(monkeypatch, built):
    # Nothing is bound: the library's serve is replaced, only the warning is checked.
    monkeypatch.setattr("kg.rdf.server.serve", lambda *args, **kwargs: 0)
    result = CliRunner().invoke(cli, ["serve", str(built), "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == (
        "warning: 0.0.0.0:7878 is open to the network: anyone who can reach this machine can "
        "query the graph and make the server fetch URLs (SPARQL SERVICE), without a password; "
        "use --host 127.0.0.1 to serve this machine only\n"
    )
    quiet = CliRunner().invoke(cli, ["serve", str(built), "--host", "localhost"])
    assert quiet.stderr == ""


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True),
     ("localhost", True), ("0.0.0.0", False), ("::", False), ("192.0.2.7", False)],
)  # fmt: skip
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_a_writable_open_endpoint_says_it_can_be_changed():
    assert "can query and change the graph" in open_to_network_warning("0.0.0.0", 1, True)
    assert open_to_network_warning("127.0.0.1", 1, True) is None
