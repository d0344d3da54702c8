"""kg.rdf and kg.rdf.iris: the graph of the invented 가나특별자치도 release, read through the
vocabulary."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from factories import TEXT, make_facts, sentence_span
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS

from kg.errors import GraphFileError
from kg.model import (
    ORG_KINDS,
    Membership,
    Mention,
    Organization,
    Person,
    Release,
    ReleaseFacts,
    Span,
)
from kg.rdf.graphs import load_graph, read_turtle_text, turtle_text, write_turtle
from kg.rdf.iris import (
    context_iri,
    mention_iri,
    org_iri,
    person_iri,
    release_iri,
    role_iri,
    sentence_iri,
)
from kg.rdf.mapping import ORG_KIND_CLASSES, facts_to_graph
from kg.rdf.query import run_query
from kg.rdf.vocab import ITSRDF, KG, KGID, NIF, new_graph
from kg.resolve.forms import canonical

# Plain namespaces: pytest's collection probes module globals, and rdflib's closed XSD and SDO
# namespaces warn on every unknown attribute it asks for.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SCHEMA = Namespace("https://schema.org/")


def h(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@pytest.fixture
def facts() -> ReleaseFacts:
    return make_facts()


@pytest.fixture
def graph(facts):
    return facts_to_graph([facts])


@pytest.fixture
def rel(facts) -> URIRef:
    return release_iri(facts.release)


def ko(text: str) -> Literal:
    return Literal(text, lang="ko")


def org(graph, label: str) -> URIRef:
    (node,) = graph.subjects(SKOS.prefLabel, ko(label))
    return node


def person(graph, name: str) -> URIRef:
    (node,) = graph.subjects(FOAF.name, ko(name))
    return node


# -- IRIs -------------------------------------------------------------------------------------


def test_iris_follow_the_contract(facts, rel):
    assert rel == URIRef(f"https://w3id.org/kg-press/id/release/{h(TEXT)}")
    assert org_iri("가나특별자치도") == KGID[f"org/{h('가나특별자치도')}"]
    assert (
        org_iri("디지털혁신과", ["가나특별자치도", "미래산업국"])
        == KGID[f"org/{h('가나특별자치도|미래산업국|디지털혁신과')}"]
    )
    assert person_iri("홍길동", "가나특별자치도") == KGID[f"person/{h('홍길동|가나특별자치도')}"]
    assert role_iri("도지사") == KGID[f"role/{h('도지사')}"]
    assert context_iri(rel) == URIRef(f"{rel}#context")
    assert mention_iri(rel, 121, 124) == URIRef(f"{rel}#char=121,124")
    assert sentence_iri(rel, 121, 156) == URIRef(f"{rel}#sentence=121,156")


def test_names_are_canonicalised_before_hashing():
    decomposed = "\u1112\u1169\u11bc길동"  # 홍 as conjoining jamo (NFD)
    assert canonical(f"  {decomposed}\t ") == "홍길동"
    assert person_iri(decomposed, "가나도") == person_iri("홍길동", "가나도")
    assert org_iri("가나 특별자치도") == org_iri("가나  특별자치도 ")


def test_same_facts_give_the_same_graph():
    first, second = facts_to_graph([make_facts()]), facts_to_graph([make_facts()])
    assert set(first) == set(second)
    assert turtle_text(first) == turtle_text(second)


def test_people_are_anchored_by_their_first_organization_else_the_release(graph, rel):
    assert person(graph, "홍길동") == person_iri("홍길동", "가나특별자치도")
    assert person(graph, "전우치") == person_iri("전우치", str(rel))  # 박사, no organization
    assert person(graph, "김작성") == person_iri("김작성", str(rel))


def test_units_are_keyed_by_their_parent_chain(graph):
    assert org(graph, "디지털혁신과") == org_iri("디지털혁신과", ["가나특별자치도", "미래산업국"])
    assert org(graph, "미래산업국") == org_iri("미래산업국", ["가나특별자치도"])


# -- memberships ------------------------------------------------------------------------------

MEMBERSHIPS = """
SELECT ?name ?org ?title WHERE {
    ?m a org:Membership ; org:member/foaf:name ?name .
    OPTIONAL { ?m org:organization/skos:prefLabel ?org }
    OPTIONAL { ?m org:role/skos:prefLabel ?title }
} ORDER BY ?name
"""


def test_memberships_read_through_the_vocabulary(graph):
    assert run_query(graph, MEMBERSHIPS).rows == [
        ["성춘향", "마바대학교", "교수"],
        ["왕건우", "국회", "국회의원"],
        ["이몽룡", "다라시", "시장"],
        ["전우치", None, "박사"],
        ["홍길동", "가나특별자치도", "도지사"],
    ]


def test_membership_provenance_and_evidence(graph, rel):
    (m,) = graph.subjects(ORG.member, person(graph, "홍길동"))
    assert set(graph.objects(m, PROV.wasDerivedFrom)) == {rel}
    assert set(graph.objects(m, KG.evidenceText)) == {
        ko("홍길동 가나도 도지사와 이몽룡 다라시 시장이 협약서에 서명했다.")
    }
    assert graph.value(m, ORG.role) == role_iri("도지사")
    assert (role_iri("도지사"), RDF.type, ORG.Role) in graph


def test_same_membership_in_two_releases_is_two_nodes_sharing_the_person(rel):
    other = make_facts("other.txt")
    other.release.text = TEXT + "\n"  # another release, same facts
    graph = facts_to_graph([make_facts(), other])
    hong = person_iri("홍길동", "가나특별자치도")
    memberships = set(graph.subjects(ORG.member, hong))
    assert len(memberships) == 2
    assert {graph.value(m, PROV.wasDerivedFrom) for m in memberships} == {
        rel,
        release_iri(other.release),
    }
    # 홍길동 and the other members are shared, and so is 전우치 박사 (the same title among the
    # same people in both); 김작성 has no title or organization there, so each release has its own.
    assert len(set(graph.subjects(RDF.type, FOAF.Person))) == 4 + 1 + 2


# -- organizations ----------------------------------------------------------------------------


def test_organization_types_aliases_and_implied(graph):
    gana = org(graph, "가나특별자치도")
    assert set(graph.objects(gana, RDF.type)) == {ORG.Organization, KG.Government}
    assert set(graph.objects(gana, SKOS.altLabel)) == {ko("가나도")}
    assert KG.University in set(graph.objects(org(graph, "마바대학교"), RDF.type))
    assembly = org(graph, "국회")
    assert KG.Legislature in set(graph.objects(assembly, RDF.type))
    assert set(graph.objects(assembly, KG.impliedBy)) == {ko("국회의원")}
    assert set(graph.objects(gana, KG.impliedBy)) == set()


def test_units_chain_up_to_the_publisher(graph):
    gana, bureau, division = (
        org(graph, "가나특별자치도"),
        org(graph, "미래산업국"),
        org(graph, "디지털혁신과"),
    )
    assert (division, ORG.unitOf, bureau) in graph
    assert (bureau, ORG.unitOf, gana) in graph
    assert (gana, ORG.hasUnit, bureau) in graph
    assert (bureau, ORG.hasUnit, division) in graph
    assert set(graph.objects(division, RDF.type)) == {
        ORG.Organization,
        ORG.OrganizationalUnit,
        KG.Government,
    }
    assert (gana, RDF.type, ORG.OrganizationalUnit) not in graph


def test_every_org_kind_maps_to_a_class():
    assert set(ORG_KIND_CLASSES) == set(ORG_KINDS)


def test_unknown_org_kind_is_refused(facts):
    facts.organizations.append(Organization("라마협회", kind="club"))
    graph = new_graph()
    with pytest.raises(ValueError, match="organization '라마협회': unknown kind 'club'"):
        facts_to_graph([facts], graph)
    assert len(graph) == 0


def test_organization_only_named_by_a_membership_gets_a_bare_node(facts):
    facts.organizations = [o for o in facts.organizations if o.name != "다라시"]
    graph = facts_to_graph([facts])
    dara = org_iri("다라시")
    assert set(graph.objects(dara, RDF.type)) == {ORG.Organization}
    assert set(graph.objects(dara, SKOS.prefLabel)) == {ko("다라시")}


# -- release metadata -------------------------------------------------------------------------


def test_release_metadata(graph, rel):
    def one(p):
        (value,) = graph.objects(rel, p)
        return value

    assert one(RDF.type) == KG.PressRelease
    assert one(DCTERMS.title) == ko("가나특별자치도, 다라시와 인공지능 협약 체결")
    assert one(KG.subtitle) == ko("- 지역 인공지능 생태계 조성 -")
    assert one(DCTERMS.issued) == Literal("2024-03-03T10:30:00", datatype=XSD.dateTime)
    assert one(DCTERMS.issued).toPython() == datetime(2024, 3, 3, 10, 30)
    assert one(DCTERMS.publisher) == org(graph, "가나특별자치도")
    assert one(DCTERMS.creator) == person(graph, "김작성")
    assert one(KG.department) == org(graph, "디지털혁신과")
    assert one(SCHEMA.telephone) == Literal("012-345-6789")
    assert one(KG.viewCount) == Literal(42, datatype=XSD.integer)
    assert one(KG.imageFile) == Literal("협약식.jpg")
    assert one(DCTERMS.license) == ko("공공누리 제1유형")
    assert one(KG.sourceFile) == Literal("examples/가나도-협약.txt")


def test_release_mentions_every_person_and_organization(graph, rel, facts):
    mentioned = {
        graph.value(n, FOAF.name) or graph.value(n, SKOS.prefLabel)
        for n in graph.objects(rel, SCHEMA.mentions)
    }
    assert mentioned == {ko(p.name) for p in facts.persons} | {
        ko(o.name) for o in facts.organizations
    }


def test_missing_metadata_adds_no_triples(rel):
    facts = make_facts()
    r = facts.release
    r.title, r.subtitles, r.published, r.publisher, r.department = None, [], None, None, []
    r.phone, r.views, r.images, r.license = None, None, [], None
    graph = facts_to_graph([facts])
    assert {p for p, _ in graph.predicate_objects(rel)} == {
        RDF.type,
        KG.sourceFile,
        DCTERMS.creator,
        SCHEMA.mentions,
    }


# -- NIF --------------------------------------------------------------------------------------


def nif_phrases(graph):
    return set(graph.subjects(RDF.type, NIF.Phrase))


def test_every_mention_node_anchors_its_span_of_the_context(graph, rel):
    context = context_iri(rel)
    text = str(graph.value(context, NIF.isString))
    assert text == TEXT
    assert graph.value(context, NIF.endIndex) == Literal(len(TEXT), datatype=XSD.nonNegativeInteger)
    for node in nif_phrases(graph) | set(graph.subjects(RDF.type, NIF.Sentence)):
        begin = graph.value(node, NIF.beginIndex)
        end = graph.value(node, NIF.endIndex)
        assert begin.datatype == XSD.nonNegativeInteger
        assert text[begin.toPython() : end.toPython()] == str(graph.value(node, NIF.anchorOf))
        assert graph.value(node, NIF.referenceContext) == context


def test_only_resolved_person_and_org_mentions_get_nodes(graph, facts):
    # 20 mentions: 5 TITLE and 1 DATE get no node; the 14 PERSON/ORG ones all resolve.
    assert len(facts.mentions) == 20
    assert len(nif_phrases(graph)) == 14
    labels = {str(graph.value(n, KG.mentionLabel)) for n in nif_phrases(graph)}
    assert labels == {"PERSON", "ORG"}


def test_unresolved_mention_gets_no_node(facts):
    stray = Mention(TEXT.index("다라시청"), TEXT.index("다라시청") + 4, "다라시청", "ORG")
    facts.mentions.append(stray)
    graph = facts_to_graph([facts])
    assert len(nif_phrases(graph)) == 14


def test_person_mention_node(graph, rel):
    span = sentence_span(1)
    start = TEXT.index("홍길동")
    node = mention_iri(rel, start, start + 3)
    assert graph.value(node, ITSRDF.taIdentRef) == person(graph, "홍길동")
    assert graph.value(node, KG.mentionLabel) == Literal("PERSON")
    assert graph.value(node, NIF.anchorOf) == Literal("홍길동")
    sentence = graph.value(node, NIF.sentence)
    assert sentence == sentence_iri(rel, span.start, span.end)
    assert graph.value(sentence, NIF.anchorOf) == Literal(
        "홍길동 가나도 도지사와 이몽룡 다라시 시장이 협약서에 서명했다."
    )


def test_alias_mentions_point_to_the_organization(graph, rel):
    gana = org(graph, "가나특별자치도")
    anchors = sorted(
        str(graph.value(n, NIF.anchorOf)) for n in graph.subjects(ITSRDF.taIdentRef, gana)
    )
    assert anchors == ["가나도", "가나도", "가나특별자치도"]


def test_header_mention_has_no_sentence(graph, rel):
    start = TEXT.index("김작성")
    node = mention_iri(rel, start, start + 3)
    assert graph.value(node, ITSRDF.taIdentRef) == person(graph, "김작성")
    assert graph.value(node, NIF.sentence) is None


def test_html_offsets_map_into_the_source():
    # As if the text came from "<p>홍길동 <b>도지사</b>는</p>": text offsets shift into the markup.
    source = "<p>홍길동 <b>도지사</b>는</p>"
    text = "홍길동 도지사는"
    source_positions = [3, 4, 5, 6, 10, 11, 12, 17]
    hong = Mention(0, 3, "홍길동", "PERSON")
    facts = ReleaseFacts(
        release=Release(
            "x.html", text, Span(0, len(text)), offset_map=source_positions, source_text=source
        ),
        persons=[Person("홍길동", [hong])],
        mentions=[hong],
        sentences=[Span(0, len(text))],
    )
    graph = facts_to_graph([facts])
    rel = release_iri(facts.release)
    node = mention_iri(rel, 3, 6)
    assert graph.value(node, NIF.anchorOf) == Literal("홍길동")
    assert graph.value(node, NIF.sentence) == sentence_iri(rel, 3, 18)
    # the sentence's anchor is what the source holds there, markup included
    assert graph.value(sentence_iri(rel, 3, 18), NIF.anchorOf) == Literal("홍길동 <b>도지사</b>는")
    assert graph.value(context_iri(rel), NIF.isString) == Literal(source)
    assert graph.value(context_iri(rel), NIF.endIndex).toPython() == len(source)


# -- Turtle files -----------------------------------------------------------------------------


def test_turtle_round_trip(graph, tmp_path):
    path = tmp_path / "out" / "graph.ttl"
    write_turtle(graph, path)
    assert isomorphic(load_graph(path), graph)
    assert path.read_text(encoding="utf-8").startswith("@prefix dcterms: ")


hangul = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
korean_name = st.text(hangul, min_size=1, max_size=8)


@settings(max_examples=40, deadline=None)
@given(name=korean_name, organization=korean_name, title=korean_name, body=st.text(max_size=40))
def test_turtle_round_trip_property(name, organization, title, body):
    text = f"{name} {organization} {title}. {body}"
    mention = Mention(0, len(name), name, "PERSON")
    facts = ReleaseFacts(
        release=Release("r.txt", text, Span(0, len(text)), title=title),
        persons=[Person(name, [mention])],
        organizations=[Organization(organization, kind="company", aliases=[title])],
        memberships=[Membership(name, organization, title, Span(0, len(text)))],
        mentions=[mention],
        sentences=[Span(0, len(text))],
    )
    graph = facts_to_graph([facts])
    assert isomorphic(read_turtle_text(turtle_text(graph)), graph)


def test_load_missing_file(tmp_path):
    path = tmp_path / "nope.ttl"
    with pytest.raises(GraphFileError) as e:
        load_graph(path)
    assert str(e.value) == f"{path}: no such file"


def test_load_invalid_turtle(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("@prefix a: <http://x/> .\na:b a:c a:d ;\n  a:e .\n", encoding="utf-8")
    with pytest.raises(GraphFileError) as e:
        load_graph(path)
    assert str(e.value) == f"{path}: not valid Turtle: line 3: objectList expected"


def test_load_unclosed_string(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text('<http://x/a> <http://x/b> "x', encoding="utf-8")
    with pytest.raises(GraphFileError, match="not valid Turtle: Quote expected in string"):
        load_graph(path)


def test_load_a_folder(tmp_path):
    with pytest.raises(GraphFileError) as e:
        load_graph(tmp_path)
    assert str(e.value) == f"{tmp_path}: is a folder; give a Turtle (.ttl) file"
