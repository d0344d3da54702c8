"""Fast RDF I/O through Oxigraph (pyoxigraph): rdflib <-> Oxigraph terms, Turtle and stores.

rdflib stays the API of the graph in memory; Oxigraph's Rust parser, serializer and SPARQL engine
do the heavy lifting at corpus scale (see docs/benchmark_rdf.md for the numbers).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

_XSD_STRING = str(XSD.string)

Triple = tuple[Node, Node, Node]


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The Oxigraph term of an rdflib term (IRI, blank node or literal)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(term, language=term.language)
        if term.datatype is not None:
            return ox.Literal(term, datatype=ox.NamedNode(term.datatype))
        return ox.Literal(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """The rdflib term of an Oxigraph term; a plain string literal stays untyped, as rdflib's own
    Turtle parser leaves it (``Literal("x")``, not ``Literal("x", datatype=xsd:string)``)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")


class _Cache(dict):
    """Memo of term conversions: IRIs (predicates, classes, shared nodes) repeat a lot."""

    def __init__(self, convert) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, term):
        value = self[term] = self.convert(term)
        return value


def ox_triples(triples: Iterable[Triple]) -> Iterator[ox.Triple]:
    """Oxigraph triples of rdflib triples."""
    # Inlined for the common cases: at 300k triples this loop is most of turtle_text's time, and
    # memoizing would cost more (rdflib terms hash in Python) than building the terms again.
    named, triple = ox.NamedNode, ox.Triple
    for s, p, o in triples:
        yield triple(
            named(s) if type(s) is URIRef else to_ox(s),
            named(p),
            named(o) if type(o) is URIRef else to_ox(o),
        )


def rdflib_triples(triples: Iterable[ox.Triple | ox.Quad]) -> Iterator[Triple]:
    """rdflib triples of Oxigraph triples (or quads, whose graph name is dropped)."""
    cache = _Cache(from_ox)
    for t in triples:
        yield cache[t.subject], cache[t.predicate], cache[t.object]


def to_store(graph: Graph) -> ox.Store:
    """An in-memory Oxigraph store holding the triples of ``graph`` in its default graph."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox_triples(graph))
    return store


def turtle_bytes(triples: Iterable[Triple], prefixes: Mapping[str, str]) -> bytes:
    """UTF-8 Turtle of rdflib ``triples``, the same bytes for the same set of triples."""
    return ox_turtle_bytes(ox_triples(triples), prefixes)


def ox_turtle_bytes(triples: Iterable[ox.Triple], prefixes: Mapping[str, str]) -> bytes:
    """UTF-8 Turtle of Oxigraph ``triples``, the same bytes for the same set of triples.

    The triples are sorted by their N-Triples form, so each subject's triples are adjacent and
    written once. The layout follows rdflib's: prefixes sorted by name, a blank line before each
    subject, four-space indents.
    """
    ordered = sorted(triples, key=str)
    data = ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=dict(prefixes))
    lines = data.split(b"\n")
    n = 0
    while n < len(lines) and lines[n].startswith(b"@prefix "):
        n += 1
    # Oxigraph escapes newlines and tabs inside literals, so " .\n" only ends a statement and
    # "\n\t" only starts a continuation line.
    body = b"\n".join(lines[n:]).replace(b" .\n", b" .\n\n").replace(b"\n\t", b"\n    ")
    # Like rdflib, declare only the prefixes in use ("name:" may also occur in a literal; then
    # an unused prefix stays, which is harmless).
    used = [line for line in lines[:n] if line.split()[1] in body]
    head = b"\n".join(sorted(used))
    return (head + b"\n\n" + body).strip(b"\n") + b"\n"


def parse_turtle(data: bytes | str, graph: Graph) -> Graph:
    """Add the triples of Turtle ``data`` to ``graph``; raises ``SyntaxError`` when it is not
    valid Turtle."""
    triples = rdflib_triples(ox.parse(data, format=ox.RdfFormat.TURTLE))
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def load_store(path: str | os.PathLike) -> ox.Store:
    """An Oxigraph store loaded straight from the Turtle file at ``path``: in memory, or, for a
    large graph.ttl of a build folder, the on-disk database ``saved_store`` keeps."""
    store = saved_store(path)
    if store is not None:
        return store
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


#: A build's graph.ttl of at least this many bytes (about 300 releases) is queried from an on-disk
#: database kept in OUTDIR/.kgcache/store: loading 10,000 releases' graph (9 million triples)
#: takes half a minute, once, and each query after it a fraction of a second.
SAVED_STORE_MIN_BYTES = 20_000_000
SAVED_STORE = "store"


def saved_store(path: str | os.PathLike) -> ox.Store | None:
    """The on-disk Oxigraph database of the graph.ttl at ``path`` when it is a large file of a
    build folder (one holding ``.kgcache``), opened read-only; made on first use and again
    whenever graph.ttl changes. None for any other file, or when the database cannot be made."""
    graph = Path(path)
    cache = graph.parent / ".kgcache"
    try:
        stat = graph.stat()
    except OSError:
        return None
    if graph.name != "graph.ttl" or not cache.is_dir() or stat.st_size < SAVED_STORE_MIN_BYTES:
        return None
    folder, stamp_file = cache / SAVED_STORE, cache / f"{SAVED_STORE}.stamp"
    stamp = f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ino}\n"
    try:
        current = stamp_file.is_file() and stamp_file.read_text() == stamp
        if not (current and folder.is_dir()):
            _make_saved_store(graph, folder, stamp_file, stamp)
        return ox.Store.read_only(str(folder))
    except (OSError, SyntaxError, ValueError):
        return None  # load it into memory instead, which reports a bad file as usual


def _make_saved_store(graph: Path, folder: Path, stamp_file: Path, stamp: str) -> None:
    stamp_file.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    for stale in folder.parent.glob(f".{SAVED_STORE}.*"):  # left by a load that was stopped
        shutil.rmtree(stale, ignore_errors=True)
    building = Path(tempfile.mkdtemp(prefix=f".{SAVED_STORE}.", dir=folder.parent))
    try:
        store = ox.Store(str(building))
        store.bulk_load(path=str(graph), format=ox.RdfFormat.TURTLE)
        store.flush()
        del store  # closes the database
        os.replace(building, folder)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    stamp_file.write_text(stamp)
