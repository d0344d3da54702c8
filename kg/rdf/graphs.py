"""Read and write graph files: Turtle text, files and Oxigraph stores, with one-line errors."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.engine.atomic import write_atomic
from kg.errors import GraphFileError
from kg.rdf.store import load_store as load_turtle_store
from kg.rdf.store import parse_turtle, to_store, turtle_bytes
from kg.rdf.vocab import TURTLE_PREFIXES, new_graph


def turtle_text(graph: Graph) -> str:
    """The graph as Turtle with the project's prefixes: the same triples give the same text.

    Oxigraph writes it (triples sorted), several times faster than rdflib's serializer at
    corpus scale; see docs/benchmark_rdf.md.
    """
    return turtle_bytes(graph, TURTLE_PREFIXES).decode("utf-8")


def write_turtle(graph: Graph, path: str | os.PathLike) -> None:
    """Write ``graph`` as Turtle to ``path``; an earlier file survives any failure intact."""
    write_atomic(path, turtle_text(graph))


def read_turtle_text(text: str, source: str = "<string>") -> Graph:
    """Parse Turtle ``text``; ``source`` names it in a ``GraphFileError``."""
    try:
        # Oxigraph's parser is the fast path; rdflib's (below) names the line of an error, and
        # resolves relative IRIs, which Oxigraph rejects without a base IRI.
        return parse_turtle(text, new_graph())
    except SyntaxError:
        pass
    graph = new_graph()
    try:
        graph.parse(data=text, format="turtle")
    except BadSyntax as e:
        raise GraphFileError(source, f"not valid Turtle: line {e.lines + 1}: {e._why}") from e
    except AssertionError as e:
        # rdflib's Turtle parser reports some lexical errors (unclosed strings) by assert.
        first = (str(e).splitlines() or ["syntax error"])[0]
        raise GraphFileError(source, f"not valid Turtle: {first}") from e
    return graph


def load_graph(path: str | os.PathLike) -> Graph:
    """Load a Turtle file written by ``write_turtle`` (or any Turtle file)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as e:
        raise GraphFileError(str(path), "no such file") from e
    except IsADirectoryError as e:
        raise GraphFileError(str(path), "is a folder; give a Turtle (.ttl) file") from e
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise GraphFileError(str(path), "not valid Turtle: not UTF-8 text") from e
    graph = read_turtle_text(text, str(path))
    if not len(graph):
        raise GraphFileError(str(path), "holds no triples; give a graph.ttl written by kg build")
    return graph


def load_store(path: str | os.PathLike) -> ox.Store:
    """Load a Turtle file into an Oxigraph store for SPARQL (``kg query``), skipping rdflib.

    Raises the same ``GraphFileError`` as ``load_graph`` for a missing, unreadable or invalid file.
    Oxigraph stores every type derived from xsd:integer (the NIF offsets' xsd:nonNegativeInteger)
    as xsd:integer: values and lexical forms are kept, ``DATATYPE()`` says xsd:integer.
    """
    try:
        store = load_turtle_store(path)
    except (SyntaxError, OSError, ValueError):
        # load_graph names the problem (no such file, a folder, the bad line); a file only it
        # reads (relative IRIs) is converted.
        return to_store(load_graph(path))
    if not len(store):
        raise GraphFileError(str(path), "holds no triples; give a graph.ttl written by kg build")
    return store
