"""``kg query`` and ``kg explain``: questions to a built graph and to its resolution."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import (
    RECORD_FORMATS,
    format_option,
    graph_argument,
    outdir_option,
    with_user_errors,
)
from kg.cli.output import echo_records

INLINE_QUERY = "SPARQL argument"
QUERY_LIST_COLUMNS = ("name", "question")
EXPLAIN_COLUMNS = ("type", "name", "iri", "forms", "releases", "spans", "reasons")


@click.command()
@graph_argument(required=False)
@click.argument("sparql", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    metavar="FILE.rq",
    help="Read the SPARQL query from this file instead of the command line.",
)
@click.option(
    "-n",
    "--named",
    metavar="NAME",
    help="Run the research query NAME that kg ships (kg query --list lists them).",
)
@click.option(
    "--list",
    "list_queries",
    is_flag=True,
    help="List the research queries kg ships, with their questions, and exit.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let SERVICE clauses send the query to the endpoints they name (refused by default).",
)
@format_option(*RECORD_FORMATS, "jsonl")
@with_user_errors
def query(  # noqa: PLR0913  (one parameter per option: click's way)
    graph_path: str | None,
    sparql: str | None,
    query_file: str | None,
    named: str | None,
    list_queries: bool,
    allow_service: bool,
    fmt: str,
) -> None:
    """Run a SPARQL query on a graph written by kg build (GRAPH: its graph.ttl or its folder).

    Give the query inline, with -f FILE.rq or as --named NAME, one of the three. The prefixes kg,
    kgid, foaf, org, skos, schema, prov, dcterms, nif, itsrdf, rdf, rdfs, xsd and owl are
    predefined. SELECT and ASK answers print as --format says (json with typed numbers);
    CONSTRUCT and DESCRIBE answers are graphs and always print as Turtle. A query that calls
    another server (SERVICE) is refused unless --allow-service. A graph.ttl of 20 MB or more in
    a build folder is loaded once into OUTDIR/.kgcache/store and queried from there.

    \b
    Example: kg query outputs "SELECT ?name WHERE { ?p foaf:name ?name }"
    Example: kg query outputs --named who_said_what --format json
    """
    from kg.rdf.bundled import bundled_queries

    if list_queries:
        records = [{"name": q.name, "question": q.question} for q in bundled_queries().values()]
        echo_records(records, QUERY_LIST_COLUMNS, fmt)
        return
    if graph_path is None:
        raise click.UsageError("give GRAPH, a graph.ttl or the folder kg build wrote")
    sparql, source = _the_query(sparql, query_file, named)
    from kg.rdf.graphs import load_store
    from kg.rdf.query import format_result, run_query

    result = run_query(load_store(graph_path), sparql, source=source, allow_service=allow_service)
    click.echo(format_result(result, fmt), nl=False)


def _the_query(sparql: str | None, query_file: str | None, named: str | None) -> tuple[str, str]:
    """The SPARQL text and how errors name it, from whichever of the three ways was given."""
    given = [way for way in (sparql, query_file, named) if way is not None]
    if len(given) > 1:
        raise click.UsageError(
            "give the SPARQL query inline, with -f FILE.rq or with --named, not several"
        )
    if not given:
        raise click.UsageError("give a SPARQL query, inline, with -f FILE.rq or with --named NAME")
    if named is not None:
        from kg.rdf.bundled import bundled_query

        bundled = bundled_query(named)
        return bundled.text, bundled.source
    if query_file is not None:
        return read_query_file(query_file), query_file
    return sparql, INLINE_QUERY


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


@click.command()
@click.argument("name")
@outdir_option("Folder kg build wrote (it holds resolution.json).")
@format_option(
    *RECORD_FORMATS,
    help="table: the explanation as text; csv: a line per node; json: an array of one object "
    "per node.",
)
@with_user_errors
def explain(name: str, outdir: str, fmt: str) -> None:
    """Say why the persons or organizations called NAME are the nodes they are.

    For each node of that name: the releases, character spans and posts behind it (and how an
    organization was inferred), and why they were merged (the shared organization, the public
    body, the scored evidence) or kept apart (the evidence and its score against the threshold).
    A json record has type (person or organization), name, iri, forms, releases, occurrences
    (release, name, spans, posts), reasons and a person's scored decisions; csv joins the lists
    with "; " and a span is RELEASE:START-END.

    \b
    Example: kg explain 경상북도 -o outputs
    """
    from kg.resolve.explain import explain as explain_name
    from kg.resolve.explain import explain_records

    if fmt == "table":
        click.echo(explain_name(name, outdir), nl=False)
        return
    records = explain_records(name, outdir)
    if fmt == "csv":
        records = [_flat_explanation(record) for record in records]
    echo_records(records, EXPLAIN_COLUMNS, fmt, numeric=("releases",))


def _flat_explanation(record: dict) -> dict:
    spans = [
        f"{o['release']}:{s}-{e}" for o in record.get("occurrences", []) for s, e in o["spans"]
    ]
    return {
        **record,
        "forms": "; ".join(record.get("forms", [])),
        "spans": "; ".join(spans),
        "reasons": "; ".join(record.get("reasons", [])),
    }
