"""``kg analyze`` and ``kg validate``: reports on a built graph and its SHACL check."""

from __future__ import annotations

import click

from kg.cli.options import (
    RECORD_FORMATS,
    LazyChoice,
    format_option,
    graph_argument,
    with_user_errors,
)
from kg.cli.output import echo_records, wrote


def _network_names() -> list[str]:
    from kg.network.stakeholders import NETWORKS

    return list(NETWORKS)


def _report_names() -> list[str]:
    from kg.network.reports import REPORTS

    return list(REPORTS)


@click.command()
@graph_argument()
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
@format_option(*RECORD_FORMATS, "jsonl")
@with_user_errors
def analyze(  # noqa: PLR0913  (one parameter per option: click's way)
    graph_path: str,
    network: str,
    report_name: str,
    since,
    until,
    export_path: str | None,
    fmt: str,
) -> None:
    """Rank and group the persons and organizations of a graph (GRAPH: graph.ttl or its folder).

    Prints a report on a network of the graph, optionally on the releases of a date range only.
    The default, the centrality report on the actor network, has the columns rank, name, kind,
    org_type, titles, organizations, degree, betweenness, pagerank, mentions; the most central
    actor comes first. json gives the same records with numbers as numbers.

    \b
    Example: kg analyze outputs/graph.ttl --report sectors --since 2023-07-01
    """
    from kg.network.reports import NUMERIC_COLUMNS, report
    from kg.network.slicing import slice_by_date
    from kg.network.stakeholders import build_network
    from kg.rdf.graphs import load_graph
    from kg.render.export import export_format, export_network, scored_network

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
    echo_records(rows, columns, fmt, NUMERIC_COLUMNS)
    if export_path is not None:
        try:
            export_network(scored_network(G), export_path)
        except OSError as error:
            raise click.ClickException(
                f"{export_path}: cannot write ({error.strerror or error}); "
                "choose a folder you can write to"
            ) from error
        wrote(export_path)


@click.command()
@graph_argument()
@click.pass_context
@with_user_errors
def validate(ctx: click.Context, graph_path: str) -> None:
    """Check a graph (graph.ttl or its build folder) against the SHACL shapes kg ships.

    Prints "GRAPH conforms", or pySHACL's report of the violations and exits with status 1.
    The shapes and the ontology are ontology/shapes.ttl and ontology/kg.ttl of kg's source,
    installed inside the package.

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
