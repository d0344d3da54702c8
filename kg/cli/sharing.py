"""``kg serve`` and ``kg push``: a built graph as a SPARQL endpoint, or sent to one."""

from __future__ import annotations

import click

from kg.cli.options import with_user_errors
from kg.cli.output import message
from kg.rdf.server import DEFAULT_PORT, Server, graph_file, open_to_network_warning


@click.command()
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
    help="Address to listen on; the default answers this machine only, any other is warned of.",
)
@click.option(
    "--writable",
    is_flag=True,
    help="Also take SPARQL UPDATE (/update) and Graph Store writes (/store, kg push); "
    "without it the endpoint only answers queries.",
)
@with_user_errors
def serve(outdir: str, port: int, host: str, writable: bool) -> None:
    """Serve the graph of a build folder as a SPARQL 1.1 endpoint until Ctrl-C.

    OUT is a folder written by kg build (its graph.ttl is loaded into a fresh Oxigraph database
    that is deleted when the server stops). Queries go to http://HOST:PORT/query. The endpoint
    is read-only unless --writable, which lets anyone who can reach it change the graph with
    SPARQL UPDATE or kg push. The addresses and any warning print on stderr.

    \b
    Example: kg serve outputs --port 7878
    """
    from kg.rdf.server import serve as serve_graph

    warning = open_to_network_warning(host, port, writable)
    if warning is not None:
        message(warning)

    def ready(server: Server) -> None:
        message(f"SPARQL endpoint: {server.query_url}")
        if server.writable:
            message(f"SPARQL update: {server.url}/update, Graph Store: {server.url}/store")
        else:
            message("read-only: no SPARQL UPDATE, no kg push (give --writable to allow them)")
        message("stop with Ctrl-C")

    code = serve_graph(outdir, port, host, ready=ready, writable=writable)
    if code != 0:
        raise click.ClickException(f"{host}:{port}: the oxigraph server exited with status {code}")


@click.command()
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
    graph goes to ENDPOINT/store by the SPARQL 1.1 Graph Store HTTP Protocol (a kg serve
    endpoint takes it only when started with --writable). "pushed:" prints on stderr.

    \b
    Example: kg push outputs http://127.0.0.1:7878 --graph https://example.org/graph/gb
    """
    from kg.rdf.server import push as push_graph

    url = push_graph(outdir, endpoint, graph_iri, replace=not append)
    message(f"pushed: {graph_file(outdir)} -> {url}")
