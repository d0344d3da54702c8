"""The ``kg`` command: parses options, calls the library, prints. Nothing else happens here."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError
from kg.resolve.config import IDENTITY_MODES
from kg.rdf.server import DEFAULT_PORT, Server, graph_file
from kg.rdf.server import push as push_graph
from kg.rdf.server import serve as serve_graph

# Each command imports what it needs: kg build starts its worker processes before NetworkX,
# PyVis and rdflib's SPARQL engine are loaded, and the other commands never load spaCy.

INLINE_QUERY = "SPARQL argument"


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn kg's errors and failed file access into one line ``Error: <path>: <problem>``."""
    try:
        yield
    except KgError as error:
        raise click.ClickException(str(error)) from error
    except OSError as error:
        # An error without a file name, such as a closed stdout pipe, is left to click.
        if error.filename is None:
            raise
        raise click.ClickException(
            f"{error.filename}: cannot read ({error.strerror or error}); "
            "check the path and its permissions"
        ) from error


def format_option(*choices: str) -> Callable:
    """The shared ``--format`` option; the first choice is the default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


class LazyChoice(click.Choice):
    """A ``click.Choice`` whose choices are asked for when first needed."""

    def __init__(self, choices: Callable[[], Iterable[str]]) -> None:
        self._choices = choices
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(self._choices())


def _network_names() -> list[str]:
    from kg.network.stakeholders import NETWORKS

    return list(NETWORKS)


def _report_names() -> list[str]:
    from kg.network.reports import REPORTS

    return list(REPORTS)


def with_user_errors(command: Callable) -> Callable:
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        with user_errors():
            return command(*args, **kwargs)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Build a knowledge graph from Korean public-sector press releases (보도자료).

    \b
    Example: kg build examples/ -o outputs
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--outdir",
    default="outputs",
    show_default=True,
    help="Folder for graph.ttl, centrality.csv, graph.html and resolution.json.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes that read releases (default: all cores).",
)
@click.option(
    "--strict", is_flag=True, help="Fail on the first bad file in a folder instead of skipping it."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress counter on stderr.")
@click.option(
    "--identity",
    type=click.Choice(IDENTITY_MODES),
    default="default",
    show_default=True,
    help="How much evidence makes two mentions of a name one person: strict joins only names "
    "that hold a post in one organization; loose joins on less evidence than default.",
)
@with_user_errors
def build(
    inputs: tuple[str, ...], outdir: str, jobs: int | None, strict: bool, quiet: bool, identity: str
) -> None:
    """Build graph.ttl, centrality.csv and graph.html from press releases.

    INPUT is a .txt or .html release, or a folder searched for them. The same organization or
    person in several releases is one node (kg explain NAME says why). Every input is read before
    anything is written, so a bad input leaves earlier outputs as they were. A rebuild reads only
    new or changed files (OUTDIR/.kgcache). A bad file found in a folder is skipped with a
    warning unless --strict; a bad file named on the command line fails the build.

    \b
    Example: kg build examples/ -o outputs
    """
    # Imported here: spaCy and MeCab take seconds to load, and query/analyze/validate skip them.
    from kg.engine.pipeline import build as build_graph

    try:
        summary = build_graph(
            inputs,
            outdir,
            jobs=jobs,
            strict=strict,
            progress=None if quiet else progress_counter("reading"),
            write_progress=None if quiet else progress_counter("writing"),
            identity=identity,
        )
    except OSError as error:
        # Inputs are read through kg.ingest, which reports them as KgError; an OSError here is a
        # failed write, and kg.engine.pipeline names the output file or folder in it.
        if error.filename is None:
            raise
        raise click.ClickException(
            f"{error.filename}: cannot write ({error.strerror or error}); "
            "choose a folder you can write to with -o"
        ) from error
    click.echo(f"releases: {summary.releases}")
    click.echo(f"persons: {summary.persons}")
    click.echo(f"organizations: {summary.organizations}")
    click.echo(f"memberships: {summary.memberships}")
    click.echo(f"triples: {summary.triples}")
    click.echo(f"seconds: {summary.seconds:.1f}")
    for path in summary.paths:
        click.echo(f"wrote: {path}")
    report_skipped(summary.skipped)


def report_skipped(skipped: list) -> None:
    """The files a folder held that were not releases, on stderr, after the results."""
    if len(skipped) == 1:
        click.echo(f"skipped 1 file: {skipped[0]}", err=True)
    elif skipped:
        click.echo(f"skipped {len(skipped)} files:", err=True)
        for one in skipped:
            click.echo(f"  {one}", err=True)


PROGRESS_MIN_FILES = 50  # below this, a counter shows only on a terminal


def progress_counter(stage: str) -> Callable[[int, int], None]:
    """``progress(done, total)`` that redraws "STAGE releases: done/total" on stderr."""

    def progress(done: int, total: int) -> None:
        if not (sys.stderr.isatty() or total > PROGRESS_MIN_FILES):
            return
        click.echo(f"\r{stage} releases: {done}/{total}", nl=done == total, err=True)

    return progress


@cli.command()
@click.argument("name")
@click.option(
    "-o",
    "--outdir",
    default="outputs",
    show_default=True,
    help="Folder kg build wrote (it holds resolution.json).",
)
@format_option("table", "json")
@with_user_errors
def explain(name: str, outdir: str, fmt: str) -> None:
    """Say why the persons or organizations called NAME are the nodes they are.

    For each node of that name: the releases and character spans behind it, the posts each
    release gives (and how an organization was inferred), and why they were merged (the shared
    organization, the public body, the scored evidence) or kept apart (the evidence and score).
    --format json prints one JSON record per node, for tools.

    \b
    Example: kg explain 경상북도 -o outputs
    """
    from kg.resolve.explain import explain as explain_name
    from kg.resolve.explain import explain_records

    if fmt == "json":
        click.echo(json.dumps(explain_records(name, outdir), ensure_ascii=False, indent=1))
    else:
        click.echo(explain_name(name, outdir), nl=False)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@format_option("jsonl")
@click.option("--strict", is_flag=True, help="Fail on the first bad file found in a folder.")
@with_user_errors
def extract(inputs: tuple[str, ...], fmt: str, strict: bool) -> None:
    """Print the entity mentions of press releases, one JSON object per line.

    Each line is {"doc", "start", "end", "text", "label"}: start and end are character offsets
    into the file's decoded text, label is PERSON, ORG, TITLE, LOC or DATE. As with kg build, a
    bad file found in a folder is skipped with a warning unless --strict. (jsonl is the only
    format for now.)

    \b
    Example: kg extract examples/gb-2023-07-14-ai-seminar.txt
    """
    from kg.engine.pipeline import extract as extract_mentions

    skipped: list = []
    for record in extract_mentions(inputs, strict=strict, skipped=skipped):
        click.echo(json.dumps(record, ensure_ascii=False))
    report_skipped(skipped)


@cli.command()
@click.argument("graph_path", metavar="GRAPH")
@click.argument("sparql", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    metavar="FILE.rq",
    help="Read the SPARQL query from this file instead of the command line.",
)
@format_option("table", "csv", "json")
@with_user_errors
def query(graph_path: str, sparql: str | None, query_file: str | None, fmt: str) -> None:
    """Run a SPARQL query on a graph written by kg build (GRAPH: its graph.ttl or its folder).

    Give the query inline or with -f, not both. The prefixes kg, kgid, foaf, org, skos, schema,
    prov, dcterms, nif, itsrdf, rdf, rdfs, xsd and owl are predefined. SELECT and ASK answers
    print as --format says; CONSTRUCT and DESCRIBE answers are graphs and always print as Turtle.

    \b
    Example: kg query outputs/graph.ttl "SELECT ?name WHERE { ?p foaf:name ?name }"
    """
    if sparql is not None and query_file is not None:
        raise click.UsageError("give the SPARQL query inline or with -f FILE.rq, not both")
    if sparql is None and query_file is None:
        raise click.UsageError("give a SPARQL query, inline or with -f FILE.rq")
    if query_file is not None:
        sparql, source = read_query_file(query_file), query_file
    else:
        source = INLINE_QUERY
    from kg.rdf.graphs import load_store
    from kg.rdf.query import format_result, run_query

    if Path(graph_path).is_dir():  # a build folder, as kg serve and kg push take
        graph_path = str(Path(graph_path) / "graph.ttl")
    result = run_query(load_store(graph_path), sparql, source=source)
    click.echo(format_result(result, fmt), nl=False)


def read_query_file(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise click.ClickException(f"{path}: no such query file; check the path") from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{path}: the query file is not UTF-8 text") from None
    except OSError as error:
        raise click.ClickException(
            f"{path}: cannot read the query file ({error.strerror})"
        ) from None


@cli.command()
@click.argument("graph_path", metavar="GRAPH")
@click.option(
    "--network",
    type=LazyChoice(_network_names),
    default="actors",
    show_default=True,
    help="actors: persons and organizations tied by memberships, units and co-mentions; "
    "person-org / person-event: bipartite; org-projection: organizations sharing members; "
    "person-projection: persons sharing events (releases while the graph has no events).",
)
@click.option(
    "--report",
    "report_name",
    type=LazyChoice(_report_names),
    default="centrality",
    show_default=True,
    help="centrality: one row per node; sectors: centrality by sector; "
    "communities: Louvain communities with their sector mix.",
)
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="DATE",
    help="Keep only releases issued on or after DATE (YYYY-MM-DD) and the facts they give.",
)
@click.option(
    "--until",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="DATE",
    help="Keep only releases issued on or before DATE (YYYY-MM-DD) and the facts they give.",
)
@click.option(
    "--export",
    "export_path",
    metavar="FILE",
    help="Also write the network, with centralities and communities, to FILE.graphml, "
    "FILE.gexf (Gephi) or FILE.csv (its ties); the suffix picks the format.",
)
@format_option("table", "csv")
@with_user_errors
def analyze(
    graph_path: str,
    network: str,
    report_name: str,
    since,
    until,
    export_path: str | None,
    fmt: str,
) -> None:
    """Rank and group the persons and organizations of a graph.

    Prints a report on a network of the graph, optionally on the releases of a date range only.
    The default, the centrality report on the actor network, has the columns rank, name, kind,
    org_type, titles, organizations, degree, betweenness, pagerank, mentions; the most central
    actor comes first.

    \b
    Example: kg analyze outputs/graph.ttl --report sectors --since 2023-07-01
    """
    from kg.network.reports import NUMERIC_COLUMNS, report
    from kg.network.slicing import slice_by_date
    from kg.network.stakeholders import build_network
    from kg.rdf.graphs import load_graph
    from kg.render.export import export_format, export_network, scored_network
    from kg.render.tables import format_table, table_to_csv

    if since and until and since > until:
        raise click.UsageError(
            f"--since {since:%Y-%m-%d} is after --until {until:%Y-%m-%d}; swap them"
        )
    if export_path is not None:
        export_format(export_path)  # a bad suffix fails before any work
    graph = load_graph(graph_path)
    if since or until:
        graph = slice_by_date(
            graph, since.date() if since else None, until.date() if until else None
        )
    G = build_network(graph, network)
    rows, columns = report(G, report_name)
    if fmt == "csv":
        click.echo(table_to_csv(rows, columns), nl=False)
    else:
        click.echo(format_table(rows, columns, NUMERIC_COLUMNS))
    if export_path is not None:
        try:
            export_network(scored_network(G), export_path)
        except OSError as error:
            raise click.ClickException(
                f"{export_path}: cannot write ({error.strerror or error}); "
                "choose a folder you can write to"
            ) from error
        click.echo(f"wrote: {export_path}", err=True)


@cli.command()
@click.argument("graph_path", metavar="GRAPH")
@click.pass_context
@with_user_errors
def validate(ctx: click.Context, graph_path: str) -> None:
    """Check a graph against the SHACL shapes in ontology/shapes.ttl.

    Prints "GRAPH conforms", or pySHACL's report of the violations and exits with status 1.

    \b
    Example: kg validate outputs/graph.ttl
    """
    from kg.rdf.graphs import load_graph
    from kg.rdf.validate import validate as validate_graph

    report = validate_graph(load_graph(graph_path))
    if report.conforms:
        click.echo(f"{graph_path} conforms")
        return
    click.echo(report.text, nl=not report.text.endswith("\n"))
    click.echo(f"{graph_path} does not conform: {report.violations} violation(s)")
    ctx.exit(1)


@cli.command()
@click.argument("outdir", metavar="OUT")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="TCP port to listen on.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default answers this machine only.",
)
@with_user_errors
def serve(outdir: str, port: int, host: str) -> None:
    """Serve the graph of a build folder as a SPARQL 1.1 endpoint until Ctrl-C.

    OUT is a folder written by kg build (its graph.ttl is loaded into a fresh Oxigraph database).
    Queries go to http://HOST:PORT/query; graphs can be added with kg push.

    \b
    Example: kg serve outputs --port 7878
    """

    def ready(server: Server) -> None:
        click.echo(f"SPARQL endpoint: {server.query_url}")
        click.echo(f"Graph Store: {server.url}/store  (stop with Ctrl-C)")

    code = serve_graph(outdir, port, host, ready=ready)
    if code != 0:
        raise click.ClickException(f"{host}:{port}: the oxigraph server exited with status {code}")


@cli.command()
@click.argument("outdir", metavar="OUT")
@click.argument("endpoint")
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    help="Named graph to write (default: the endpoint's default graph).",
)
@click.option(
    "--append",
    is_flag=True,
    help="Add the triples (HTTP POST) instead of replacing the graph (HTTP PUT).",
)
@with_user_errors
def push(outdir: str, endpoint: str, graph_iri: str | None, append: bool) -> None:
    """Send the graph of a build folder to a SPARQL endpoint's Graph Store.

    OUT is a folder written by kg build, or a Turtle file. ENDPOINT is the server's base URL; the
    graph goes to ENDPOINT/store by the SPARQL 1.1 Graph Store HTTP Protocol.

    \b
    Example: kg push outputs http://127.0.0.1:7878 --graph https://example.org/graph/gb
    """
    url = push_graph(outdir, endpoint, graph_iri, replace=not append)
    click.echo(f"pushed: {graph_file(outdir)} -> {url}")


main = cli
