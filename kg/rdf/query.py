"""Run SPARQL over a kg graph with the project's prefixes pre-bound, and format the results.

>>> from kg.rdf.vocab import new_graph
>>> result = run_query(new_graph(), "ASK { ?s a foaf:Person }")
>>> result.boolean
False
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from pyparsing import ParseBaseException
from rdflib import BNode, Graph, Literal
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from kg.errors import QueryError, ServiceRefusedError
from kg.rdf.mapping import TURTLE_PREFIXES
from kg.rdf.store import ox_turtle_bytes, rdflib_triples
from kg.rdf.vocab import PREFIXES, XSD, bind_prefixes
from kg.render.tables import format_records

OX_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
FAILED = "the query failed"

Format = TypingLiteral["table", "csv", "json", "jsonl"]
FORMATS: tuple[str, ...] = ("table", "csv", "json", "jsonl")

# Literals that JSON gives as numbers or booleans; every type derived from xsd:integer (the
# NIF offsets' xsd:nonNegativeInteger) is an integer.
_INTEGER_TYPES = {
    str(XSD[name])
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte",
    )
}  # fmt: skip
_FLOAT_TYPES = {str(XSD.decimal), str(XSD.double), str(XSD.float)}
_BOOLEAN = str(XSD.boolean)


@dataclass
class QueryResult:
    """A SELECT result (``columns``, ``rows``), an ASK result (``boolean``) or a CONSTRUCT or
    DESCRIBE result (``turtle``).

    ``rows`` hold lexical forms (an IRI in full, a literal's text, ``_:id`` for a blank node,
    ``None`` when unbound); ``datatypes`` holds, cell by cell, the datatype IRI of a typed
    literal (else ``None``), which :meth:`values` uses to give numbers as numbers.
    """

    kind: TypingLiteral["select", "ask", "graph"]
    columns: list[str] = field(default_factory=list)
    rows: list[list[str | None]] = field(default_factory=list)
    boolean: bool | None = None
    turtle: str | None = None
    datatypes: list[list[str | None]] | None = None

    def values(self) -> list[list[object]]:
        """The rows with numbers as ``int`` or ``float`` and booleans as ``bool``.

        >>> QueryResult("select", ["n"], [["3"]], datatypes=[[str(XSD.integer)]]).values()
        [[3]]
        """
        if self.datatypes is None:
            return [list(row) for row in self.rows]
        return [
            [typed_value(v, t) for v, t in zip(row, types)]
            for row, types in zip(self.rows, self.datatypes)
        ]


def typed_value(lexical: str | None, datatype: str | None) -> object:
    """A literal's value as JSON wants it: numbers and booleans typed, anything else its text.

    >>> typed_value("0.25", str(XSD.decimal)), typed_value("true", str(XSD.boolean))
    (0.25, True)
    """
    if lexical is None or datatype is None:
        return lexical
    try:
        if datatype in _INTEGER_TYPES:
            return int(lexical)
        if datatype in _FLOAT_TYPES:
            return float(lexical)
    except ValueError:  # an ill-typed literal ("abc"^^xsd:integer) stays text
        return lexical
    if datatype == _BOOLEAN and lexical in ("true", "false", "1", "0"):
        return lexical in ("true", "1")
    return lexical


def _one_line(e: Exception) -> str:
    if isinstance(e, ParseBaseException):
        return f"line {e.lineno}, column {e.col}: {e.msg}, near {_near(e)}"
    return (str(e).strip().splitlines() or [type(e).__name__])[0]


def _near(e: ParseBaseException) -> str:
    rest = e.line[e.col - 1 :].strip()
    return repr(rest[:30]) if rest else "the end of the query"


def service_endpoints(algebra: object) -> list[str]:
    """The endpoints that the ``SERVICE`` clauses of a parsed query (rdflib's algebra) call, as
    SPARQL writes them (``<http://host/sparql>``, or ``?var`` for a variable), in query order.

    >>> service_endpoints(prepareQuery(
    ...     "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://x.test/q> { ?s ?q ?r } } }"
    ... ).algebra)
    ['<http://x.test/q>']
    """
    return [
        node["term"].n3()
        for node in _walk(algebra)
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern"
    ]


def _walk(node: object) -> Iterator[object]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, dict):  # CompValue is an OrderedDict
            stack.extend(reversed(list(current.values())))
        elif isinstance(current, (list, tuple)):
            stack.extend(reversed(current))


def run_query(
    graph: Graph | ox.Store,
    sparql: str,
    source: str = "<query>",
    allow_service: bool = False,
) -> QueryResult:
    """Run ``sparql`` on ``graph``; kg, kgid, foaf, org, skos, schema, prov, dcterms, nif, itsrdf,
    rdfs, rdf, xsd and owl need no PREFIX lines. ``source`` names the query in a ``QueryError``.

    A query with a ``SERVICE`` clause would send (part of) itself to another server: it raises
    ``ServiceRefusedError`` unless ``allow_service``. Any failure while the query runs, such as
    an endpoint that cannot be reached, is a ``QueryError`` naming ``source``.

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
    endpoints = service_endpoints(prepared.algebra)
    if endpoints and not allow_service:
        raise ServiceRefusedError(source, endpoints[0])
    try:
        if not isinstance(graph, ox.Store):
            return _rdflib_result(graph, prepared)
        try:
            return _ox_result(graph.query(sparql, prefixes=OX_PREFIXES))
        except SyntaxError:
            # rdflib accepts a few things Oxigraph's stricter parser does not; rdflib answers.
            copy = Graph(bind_namespaces="none")
            copy.addN((s, p, o, copy) for s, p, o in rdflib_triples(graph))
            return _rdflib_result(copy, prepared)
    # Evaluation errors (a bad regex, a SERVICE that cannot be reached) surface as assorted
    # Python exceptions, Oxigraph's as OSError or ValueError while the rows are read.
    except Exception as e:
        problem = _one_line(e)
        if endpoints:
            problem += f" (the query calls SERVICE {', '.join(endpoints)})"
        raise QueryError(source, problem, what=FAILED) from e


def _ox_result(answer) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        turtle = ox_turtle_bytes(answer, TURTLE_PREFIXES).decode("utf-8")
        return QueryResult(kind="graph", turtle=turtle)
    columns = [v.value for v in answer.variables]
    solutions = [[row[i] for i in range(len(columns))] for row in answer]
    return QueryResult(
        kind="select",
        columns=columns,
        rows=[[_ox_lexical(term) for term in row] for row in solutions],
        datatypes=[[_ox_datatype(term) for term in row] for row in solutions],
    )


def _ox_lexical(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _ox_datatype(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str | None:
    if isinstance(term, ox.Literal) and not term.language:
        return term.datatype.value
    return None


def _lexical(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, BNode):
        return f"_:{node}"
    # URIRef and Literal are str subclasses: str() is the full IRI or the lexical form.
    return str(node)


def _datatype(node: Node | None) -> str | None:
    if isinstance(node, Literal) and node.datatype is not None:
        return str(node.datatype)
    return None


def _rdflib_result(graph: Graph, prepared: Query) -> QueryResult:
    result = graph.query(prepared)
    if result.type == "ASK":
        return QueryResult(kind="ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        out = bind_prefixes(Graph(bind_namespaces="none"))
        for triple in result:
            out.add(triple)
        return QueryResult(kind="graph", turtle=out.serialize(format="turtle"))
    columns = [str(v) for v in result.vars or []]
    solutions = [[row[i] for i in range(len(columns))] for row in result]
    return QueryResult(
        kind="select",
        columns=columns,
        rows=[[_lexical(node) for node in row] for row in solutions],
        datatypes=[[_datatype(node) for node in row] for row in solutions],
    )


def display_width(text: str) -> int:
    """Terminal columns of ``text``: East Asian wide and fullwidth characters (한글) count 2."""
    from kg.render.tables import display_width as width

    return width(text)


def format_result(result: QueryResult, fmt: Format = "table") -> str:
    """Render ``result`` as ``table`` (aligned columns), ``csv``, ``json`` (an array of objects)
    or ``jsonl`` (an object per line).

    Unbound values are empty in table and csv and ``null`` in json; json gives numbers and
    booleans typed (``"views": 42``), table and csv the lexical form. An ASK result is one
    column ``ask`` (in json, ``true`` or ``false`` alone); a CONSTRUCT/DESCRIBE result is its
    Turtle text whatever ``fmt`` is.

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
        if fmt in ("json", "jsonl"):
            return json.dumps(result.boolean) + "\n"
        columns, rows = ["ask"], [["true" if result.boolean else "false"]]
    else:
        columns = result.columns
        rows = result.values() if fmt in ("json", "jsonl") else result.rows
    records = [dict(zip(columns, row)) for row in rows]
    return format_records(records, columns, fmt)
