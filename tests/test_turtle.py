"""kg.rdf.turtle: the N-Triples and Turtle text the corpus build writes parses back (Oxigraph) to
the triples it was made of, escapes and all, and its line reader gives the terms back."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import FOAF, RDF, XSD

from kg.rdf.mapping import TURTLE_PREFIXES
from kg.rdf.store import ox_triples
from kg.rdf.turtle import nt_line, nt_literal, nt_node, nt_split, turtle_header, turtle_statements

KGID = "https://w3id.org/kg-press/id/"
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
subjects = st.sampled_from(
    [URIRef(KGID + "person/1"), URIRef(KGID + "org/2"), URIRef(KGID + "x#char=1,2")]
)
predicates = st.sampled_from(
    [RDF.type, FOAF.name, URIRef("http://example.org/a-b_c"), URIRef("http://example.org/x.y")]
)
objects = st.one_of(
    subjects,
    st.sampled_from([FOAF.Person, URIRef("http://example.org/o")]),
    texts.map(Literal),
    texts.map(lambda t: Literal(t, lang="ko")),
    st.integers(min_value=-(10**12), max_value=10**12).map(
        lambda n: Literal(n, datatype=XSD.integer)
    ),
    st.integers(min_value=0, max_value=10**6).map(
        lambda n: Literal(n, datatype=XSD.nonNegativeInteger)
    ),
    st.dates().map(lambda d: Literal(d.isoformat(), datatype=XSD.date)),
)
triples = st.lists(st.tuples(subjects, predicates, objects), max_size=25)


def _parsed(text: str, fmt) -> set:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text, format=fmt)}


@settings(max_examples=200, deadline=None)
@given(triples)
def test_turtle_and_n_triples_parse_back_to_the_triples(ts):
    lines = sorted({nt_line(t) for t in ts})
    expected = set(ox_triples(ts))
    assert _parsed("\n".join(lines), ox.RdfFormat.N_TRIPLES) == expected
    turtle = turtle_header(TURTLE_PREFIXES) + turtle_statements(lines, TURTLE_PREFIXES)
    assert _parsed(turtle, ox.RdfFormat.TURTLE) == expected


@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from(["", "ko", "en"]))
def test_a_literal_reads_back(text, language):
    line = nt_line((URIRef(KGID + "s"), FOAF.name, Literal(text, lang=language or None)))
    s, p, o = nt_split(line)
    assert (nt_node(s), nt_node(p), nt_literal(o)) == (KGID + "s", str(FOAF.name), (text, language))


def test_the_statements_of_a_subject_are_grouped_with_its_types_first():
    s = URIRef(KGID + "person/1")
    lines = sorted(
        nt_line(t)
        for t in [
            (s, FOAF.name, Literal("홍길동", lang="ko")),
            (s, RDF.type, FOAF.Person),
            (s, FOAF.knows, BNode("b1")),
        ]
    )
    assert turtle_statements(lines, TURTLE_PREFIXES) == (
        f'<{KGID}person/1> a foaf:Person ;\n    foaf:knows _:b1 ;\n    foaf:name "홍길동"@ko .\n\n'
    )
