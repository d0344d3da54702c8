"""The ``kg`` command: parses options, calls the library, prints. Nothing else happens here."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from kg import __version__
from kg.analysis import actor_network, centrality_table, format_table, table_to_csv
from kg.errors import KgError
from kg.query import format_result, run_query
from kg.rdf import load_graph
from kg.validate import validate as validate_graph

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
    help="Folder for graph.ttl, centrality.csv and graph.html.",
)
@with_user_errors
def build(inputs: tuple[str, ...], outdir: str) -> None:
    """Build graph.ttl, centrality.csv and graph.html from press releases.

    INPUT is a .txt or .html release, or a folder searched for them. Every input is read before
    anything is written, so a bad input leaves earlier outputs as they were.

    \b
    Example: kg build examples/ -o outputs
    """
    # Imported here: spaCy and MeCab take seconds to load, and query/analyze/validate skip them.
    from kg.pipeline import build as build_graph

    try:
        summary = build_graph(inputs, outdir)
    except OSError as error:
        # Inputs are read through kg.ingest, which reports them as KgError; an OSError here is a
        # failed write, and kg.pipeline names the output file or folder in it.
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


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@format_option("jsonl")
@with_user_errors
def extract(inputs: tuple[str, ...], fmt: str) -> None:
    """Print the entity mentions of press releases, one JSON object per line.

    Each line is {"doc", "start", "end", "text", "label"}: start and end are character offsets
    into the file's decoded text, label is PERSON, ORG, TITLE, LOC or DATE.

    \b
    Example: kg extract examples/gb-2023-07-14-ai-seminar.txt
    """
    from kg.pipeline import extract as extract_mentions

    for record in extract_mentions(inputs):
        click.echo(json.dumps(record, ensure_ascii=False))


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
    """Run a SPARQL query on a graph written by kg build.

    Give the query inline or with -f, not both. The prefixes kg, kgid, foaf, org, skos, schema,
    prov, dcterms, nif, itsrdf, rdf, rdfs, xsd and owl are predefined.

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
    result = run_query(load_graph(graph_path), sparql, source=source)
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
@format_option("table", "csv")
@with_user_errors
def analyze(graph_path: str, fmt: str) -> None:
    """Rank the persons and organizations of a graph by centrality.

    Columns: rank, name, kind, org_type, titles, organizations, degree, betweenness, pagerank,
    mentions; the most central actor comes first.

    \b
    Example: kg analyze outputs/graph.ttl --format csv
    """
    rows = centrality_table(actor_network(load_graph(graph_path)))
    if fmt == "csv":
        click.echo(table_to_csv(rows), nl=False)
    else:
        click.echo(format_table(rows))


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
    report = validate_graph(load_graph(graph_path))
    if report.conforms:
        click.echo(f"{graph_path} conforms")
        return
    click.echo(report.text, nl=not report.text.endswith("\n"))
    click.echo(f"{graph_path} does not conform: {report.violations} violation(s)")
    ctx.exit(1)


main = cli
