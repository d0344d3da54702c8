"""Small hand-built ReleaseFacts for RDF, query and validation tests (all names are invented)."""

from __future__ import annotations

from datetime import datetime

from kg.model import Membership, Mention, Organization, Person, Release, ReleaseFacts, Span

HEADER = (
    "보도자료\n"
    "가나특별자치도, 다라시와 인공지능 협약 체결\n"
    "부서명\n"
    "미래산업국 디지털혁신과\n"
    "작성자\n"
    "김작성\n"
    "- 지역 인공지능 생태계 조성 -\n"
)
SENTENCES = (
    "가나특별자치도(이하 가나도)는 3일 다라시청에서 다라시와 인공지능 협약을 체결했다.",
    "홍길동 가나도 도지사와 이몽룡 다라시 시장이 협약서에 서명했다.",
    "협약식에는 왕건우 국회의원과 성춘향 마바대학교 교수가 참석했다.",
    "토론 좌장은 전우치 박사가 맡았다.",
)
TEXT = HEADER + " ".join(SENTENCES) + "\n"
BODY_START = len(HEADER)


def sentence_span(i: int) -> Span:
    """The span of ``SENTENCES[i]`` in ``TEXT``."""
    start = TEXT.index(SENTENCES[i])
    return Span(start, start + len(SENTENCES[i]))


def mention(needle: str, label: str, sentence: int | None = None, nth: int = 0) -> Mention:
    """The ``nth`` occurrence of ``needle`` in sentence ``sentence`` (None: the header)."""
    lo, hi = (
        (0, BODY_START)
        if sentence is None
        else (sentence_span(sentence).start, sentence_span(sentence).end)
    )
    start = lo - 1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1, hi)
    return Mention(start, start + len(needle), needle, label)


def make_facts(path: str = "examples/가나도-협약.txt") -> ReleaseFacts:
    """One release of 가나특별자치도 with five people, six organizations and five memberships."""
    author = mention("김작성", "PERSON")
    release = Release(
        path=path,
        text=TEXT,
        body=Span(BODY_START, len(TEXT)),
        title="가나특별자치도, 다라시와 인공지능 협약 체결",
        subtitles=["- 지역 인공지능 생태계 조성 -"],
        department=["미래산업국", "디지털혁신과"],
        publisher="가나특별자치도",
        phone="012-345-6789",
        author="김작성",
        author_span=Span(author.start, author.end),
        published=datetime(2024, 3, 3, 10, 30, 0),
        views=42,
        images=["협약식.jpg"],
        license="공공누리 제1유형",
    )
    m = {
        "김작성": author,
        "미래산업국": mention("미래산업국", "ORG"),
        "디지털혁신과": mention("디지털혁신과", "ORG"),
        "가나특별자치도": mention("가나특별자치도", "ORG", 0),
        "가나도@0": mention("가나도", "ORG", 0),
        "3일": mention("3일", "DATE", 0),
        "다라시@0": mention("다라시", "ORG", 0, nth=1),  # 다라시와, not 다라시청
        "홍길동": mention("홍길동", "PERSON", 1),
        "가나도@1": mention("가나도", "ORG", 1),
        "도지사": mention("도지사", "TITLE", 1),
        "이몽룡": mention("이몽룡", "PERSON", 1),
        "다라시@1": mention("다라시", "ORG", 1),
        "시장": mention("시장", "TITLE", 1),
        "왕건우": mention("왕건우", "PERSON", 2),
        "국회의원": mention("국회의원", "TITLE", 2),
        "성춘향": mention("성춘향", "PERSON", 2),
        "마바대학교": mention("마바대학교", "ORG", 2),
        "교수": mention("교수", "TITLE", 2),
        "전우치": mention("전우치", "PERSON", 3),
        "박사": mention("박사", "TITLE", 3),
    }
    persons = [
        Person("김작성", [m["김작성"]], role="author"),
        Person("홍길동", [m["홍길동"]]),
        Person("이몽룡", [m["이몽룡"]]),
        Person("왕건우", [m["왕건우"]]),
        Person("성춘향", [m["성춘향"]]),
        Person("전우치", [m["전우치"]]),
    ]
    organizations = [
        Organization(
            "가나특별자치도",
            kind="government",
            aliases=["가나도"],
            mentions=[m["가나특별자치도"], m["가나도@0"], m["가나도@1"]],
        ),
        Organization(
            "미래산업국", kind="government", parent="가나특별자치도", mentions=[m["미래산업국"]]
        ),
        Organization(
            "디지털혁신과", kind="government", parent="미래산업국", mentions=[m["디지털혁신과"]]
        ),
        Organization("다라시", kind="government", mentions=[m["다라시@0"], m["다라시@1"]]),
        Organization("마바대학교", kind="university", mentions=[m["마바대학교"]]),
        Organization("국회", kind="legislature", implied=True),
    ]
    memberships = [
        Membership("홍길동", "가나특별자치도", "도지사", sentence_span(1), m["도지사"]),
        Membership("이몽룡", "다라시", "시장", sentence_span(1), m["시장"]),
        Membership("왕건우", "국회", "국회의원", sentence_span(2), m["국회의원"]),
        Membership("성춘향", "마바대학교", "교수", sentence_span(2), m["교수"]),
        Membership("전우치", None, "박사", sentence_span(3), m["박사"]),
    ]
    return ReleaseFacts(
        release=release,
        persons=persons,
        organizations=organizations,
        memberships=memberships,
        mentions=sorted(m.values(), key=lambda x: (x.start, x.end)),
        sentences=[sentence_span(i) for i in range(len(SENTENCES))],
    )


# Prefixes for hand-written Turtle test graphs in the kg vocabulary (instance IRIs spelled out).
TURTLE_PREFIXES = """
@prefix kg:      <https://w3id.org/kg-press/ontology#> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema:  <https://schema.org/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix nif:     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf:  <http://www.w3.org/2005/11/its/rdf#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix person:  <https://w3id.org/kg-press/id/person/> .
@prefix orgid:   <https://w3id.org/kg-press/id/org/> .
@prefix role:    <https://w3id.org/kg-press/id/role/> .
@prefix ms:      <https://w3id.org/kg-press/id/membership/> .
@prefix release: <https://w3id.org/kg-press/id/release/> .
@prefix event:   <https://w3id.org/kg-press/id/event/> .
"""
