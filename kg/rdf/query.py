"""Run SPARQL over a kg graph with the project's prefixes pre-bound, and format the results.

>>> from kg.rdf.vocab import new_graph
>>> result = run_query(new_graph(), "ASK { ?s a foaf:Person }")
>>> result.boolean
False
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from pyparsing import ParseBaseException
from rdflib import BNode, Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from kg.errors import QueryError
from kg.rdf.mapping import TURTLE_PREFIXES
from kg.rdf.store import ox_turtle_bytes, rdflib_triples
from kg.rdf.vocab import PREFIXES, bind_prefixes

OX_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}

Format = TypingLiteral["table", "csv", "json"]
FORMATS: tuple[str, ...] = ("table", "csv", "json")


@dataclass
class QueryResult:
    """A SELECT result (``columns``, ``rows``), an ASK result (``boolean``) or a CONSTRUCT or
    DESCRIBE result (``turtle``)."""

    kind: TypingLiteral["select", "ask", "graph"]
    columns: list[str] = field(default_factory=list)
    rows: list[list[str | None]] = field(default_factory=list)
    boolean: bool | None = None
    turtle: str | None = None


def _one_line(e: Exception) -> str:
    if isinstance(e, ParseBaseException):
        return f"line {e.lineno}, column {e.col}: {e.msg}, near {_near(e)}"
    return (str(e).strip().splitlines() or [type(e).__name__])[0]


def _near(e: ParseBaseException) -> str:
    rest = e.line[e.col - 1 :].strip()
    return repr(rest[:30]) if rest else "the end of the query"


def _lexical(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, BNode):
        return f"_:{node}"
    # URIRef and Literal are str subclasses: str() is the full IRI or the lexical form.
    return str(node)


def run_query(graph: Graph | ox.Store, sparql: str, source: str = "<query>") -> QueryResult:
    """Run ``sparql`` on ``graph``; kg, kgid, foaf, org, skos, schema, prov, dcterms, nif, itsrdf,
    rdfs, rdf, xsd and owl need no PREFIX lines. ``source`` names the query in a ``QueryError``.

    ``graph`` is an rdflib graph, which rdflib's engine answers, or an Oxigraph store
    (``kg.rdf.load_store``), which Oxigraph answers 6 to 14 times faster on a corpus; copying an
    rdflib graph into a store costs more than that gains (docs/benchmark_rdf.md). rdflib parses
    the query first either way, so a malformed query gets the same message.
    """
    try:
        prepared = prepareQuery(sparql, initNs=PREFIXES)
    # Besides pyparsing's errors, rdflib reports an unknown prefix as a bare Exception.
    except Exception as e:
        raise QueryError(source, _one_line(e)) from e
    if not isinstance(graph, ox.Store):
        return _rdflib_result(graph, prepared, source)
    store = graph
    try:
        answer = store.query(sparql, prefixes=OX_PREFIXES)
    except SyntaxError:
        # rdflib accepts a few things Oxigraph's stricter parser does not; rdflib answers those.
        graph = Graph(bind_namespaces="none")
        graph.addN((s, p, o, graph) for s, p, o in rdflib_triples(store))
        return _rdflib_result(graph, prepared, source)
    except Exception as e:  # evaluation errors (a bad regex, a timeout) are OSError/ValueError
        raise QueryError(source, _one_line(e)) from e
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        turtle = ox_turtle_bytes(answer, TURTLE_PREFIXES).decode("utf-8")
        return QueryResult(kind="graph", turtle=turtle)
    columns = [v.value for v in answer.variables]
    rows = [[_ox_lexical(row[i]) for i in range(len(columns))] for row in answer]
    return QueryResult(kind="select", columns=columns, rows=rows)


def _ox_lexical(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _rdflib_result(graph: Graph, prepared: Query, source: str) -> QueryResult:
    try:
        result = graph.query(prepared)
    except Exception as e:  # evaluation errors surface as assorted rdflib/Python exceptions
        raise QueryError(source, _one_line(e)) from e
    if result.type == "ASK":
        return QueryResult(kind="ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        out = bind_prefixes(Graph(bind_namespaces="none"))
        for triple in result:
            out.add(triple)
        return QueryResult(kind="graph", turtle=out.serialize(format="turtle"))
    columns = [str(v) for v in result.vars or []]
    rows = [[_lexical(row[i]) for i in range(len(columns))] for row in result]
    return QueryResult(kind="select", columns=columns, rows=rows)


def display_width(text: str) -> int:
    """Terminal columns of ``text``: East Asian wide and fullwidth characters (한글) count 2."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _table(columns: list[str], rows: list[list[str]]) -> str:
    widths = [
        max([display_width(c), *(display_width(r[i]) for r in rows)]) for i, c in enumerate(columns)
    ]
    lines = [
        "  ".join(_pad(c, w) for c, w in zip(columns, widths)),
        "  ".join("-" * w for w in widths),
        *("  ".join(_pad(v, w) for v, w in zip(r, widths)) for r in rows),
    ]
    return "".join(line.rstrip() + "\n" for line in lines)


def format_result(result: QueryResult, fmt: Format = "table") -> str:
    """Render ``result`` as ``table`` (aligned columns), ``csv`` or ``json`` (list of objects).

    Unbound values are empty in table and csv and ``null`` in json. An ASK result is one column
    ``ask``; a CONSTRUCT/DESCRIBE result is its Turtle text whatever ``fmt`` is.

    >>> print(format_result(QueryResult("select", ["name"], [["홍길동"]])), end="")
    name
    ------
    홍길동
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        return result.turtle or ""
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps(result.boolean) + "\n"
        columns, rows = ["ask"], [["true" if result.boolean else "false"]]
    else:
        columns, rows = result.columns, result.rows
    if fmt == "json":
        objects = [dict(zip(columns, row)) for row in rows]
        return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
    cells = [["" if v is None else v for v in row] for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(cells)
        return buffer.getvalue()
    return _table(columns, cells)
