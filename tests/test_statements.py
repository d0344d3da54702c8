"""Quotes (who said what) and proposals (who proposed what), each traceable to its sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS

from kg.facts.release import release_facts
from kg.model import Release, Span
from kg.nlp.quotes import find_quotes
from kg.nlp.tokenizer import MeCabTokenizer
from kg.rdf.iris import release_iri
from kg.rdf.mapping import facts_to_graph
from kg.rdf.query import run_query
from kg.rdf.validate import validate
from kg.rdf.vocab import ITSRDF, KG, NIF, SCHEMA, new_graph

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "gb-2023-07-14-ai-seminar.txt"
QUERIES = ROOT / "queries"

# (speaker, how the quote starts): the four quotes of the example, in text order.
EXAMPLE_QUOTES = [
    ("윤두현", "초거대 인공지능(AI)은 규모도 방대하고 응용분야가 다양해 여러 분야가 연계돼야 한다"),
    ("윤두현", "경산은 벤처창업의 성지가 될 임당 유니콘파크와"),
    ("이철우", "초거대 인공지능(AI) 경쟁에 뒤쳐져서는 경북의 미래를 장담할 수 없다"),
    (
        "이철우",
        (
            "이번 국회 세미나를 계기로 경북형 초거대 인공지능(AI) 발전방안에 대한 논의가 "
            "활성화되고 "
            "구체화되길 바란다"
        ),
    ),
]

# Invented release: a governor quoted twice and continued with 이어, an official without a
# name, a quoted term that is not speech, and a minister quoted by short form (박 장관은).
INVENTED = (
    "김철수 가나도지사는 “우리 도가 앞장서겠다”며 “지역 기업과 함께 성장하겠다”고 말했다. "
    "이어 “협약이 결실을 맺길 바란다”고 덧붙였다.\n"
    "다라시 관계자는 “적극 지원하겠다”고 밝혔다. 임꺽정 다라시장은 행사에서 “AI”라는 말을 썼다.\n"
    "박민수 산업통상자원부 장관도 참석했다. "
    '박 장관은 대한상공회의소에 "기업이 앞장서 달라"고 당부했다. 또 "현장과 소통하겠다"고 말했다.\n'
    '대통령실은 박 장관에 대해 "정책 경험이 풍부하다"고 밝혔다. 이어 "기대가 크다"고 말했다.\n'
)

# (kind, proposers, label) of the example, in text order. The panel's proposals (토론자들은 ...,
# and the △ items of the next sentence, whose subject is elided) have no proposers: the
# panelists are not resolved yet.
# 토론자들은 ...: the group subject is the panel of the event (좌장 aside).
PANEL = ["김경훈", "노주환", "하정우", "최동원"]
EXAMPLE_PROPOSALS = [
    ("proposal", ["전병기"], "정부․지자체 주도 초거대 인공지능(AI) 기반 조성"),
    ("proposal", ["김은주"], "초거대 인공지능(AI) 클라우드 기반의 지역 디지털 혁신 생태계"),
    (
        "proposal",
        ["서영주"],
        (
            "인공지능(AI) 분야 핵심기업이 없는 경북에서는 초거대 인공지능(AI) 원천기술 확보 "
            "노력보다는 "
            "원천기술을 활용해 다양한 분야에 적용하는 중소벤처 기업 육성에 집중"
        ),
    ),
    ("proposal", ["서영주"], "지자체의 과감하고 발 빠른 지원"),
    (
        "claim",
        ["유은정"],
        (
            "원자력발전소가 밀집된 경북이야말로 초거대 인공지능(AI), 데이터센터, 반도체 등 "
            "전력 다소비 산업의 적지"
        ),
    ),
    ("proposal", PANEL, "경북에서 지역 특화형 초거대AI 모델을 개발해 전국으로 확산"),
    ("proposal", PANEL, "지역 중소벤처기업에게 초거대 인공지능(AI) 서비스를 지원하는 기반 조성"),
    ("proposal", PANEL, "지역 자원과 연계한 지역특화 서비스 발굴․실증"),
    ("proposal", PANEL, "산학연 협력 생태계 조성"),
    (
        "plan",
        ["경상북도"],
        "세미나에서 논의된 내용을 토대로 경북형 초거대 인공지능(AI) 정책을 구체화",
    ),
    ("plan", ["경상북도"], "전략적인 실행방안을 모색"),
]

# Invented proposals: a person's 것을 제안, a 필요성 강조 continued without a subject, a plan
# by an organization named by its short form, an agenda list without a cue (no proposals), and
# a △ list with a cue.
INVENTED_PROPOSALS = (
    "김철수 가나도지사는 지역 기업과 함께 인공지능 거점을 만들 것을 제안했다. "
    "이를 위해 정부의 과감한 투자가 필요함을 강조했다.\n"
    "행사는 △(발제1) 인공지능 현황 △(발제2) 지역 산업 순으로 진행됐다.\n"
    "임꺽정 다라시장은 △지역 인재 양성 △산학연 협력 강화에 집중할 필요성을 강조했다.\n"
    "산업통상자원부는 협약 내용을 토대로 지원 방안을 마련할 방침이다.\n"
)


def _release(text: str) -> Release:
    return Release(path="<test>", text=text, body=Span(0, len(text)))


@pytest.fixture(scope="module")
def facts(example_facts):
    return example_facts


@pytest.fixture(scope="module")
def invented():
    return release_facts(_release(INVENTED))


@pytest.fixture(scope="module")
def graph(facts):
    return facts_to_graph([facts])


# -- facts --------------------------------------------------------------------------------------


def test_example_has_exactly_the_four_quotes(facts):
    assert len(facts.quotes) == len(EXAMPLE_QUOTES)
    for quote, (speaker, start) in zip(facts.quotes, EXAMPLE_QUOTES, strict=True):
        assert quote.speaker == speaker
        assert quote.text.startswith(start)


def test_quote_spans_slice_back_to_their_text(facts, invented):
    for f in (facts, invented):
        for quote in f.quotes:
            assert f.release.text[quote.span.start : quote.span.end] == quote.text
            assert quote.text == quote.text.strip()
            assert quote.sentence.start <= quote.span.start < quote.span.end <= quote.sentence.end


def test_quotes_of_one_sentence_share_it(facts):
    yoon = [q.sentence for q in facts.quotes if q.speaker == "윤두현"]
    assert len(set(yoon)) == 1
    assert facts.release.text[yoon[0].start :].startswith("윤두현 의원은 “")


def test_invented_quotes_and_speakers(invented):
    assert [(q.speaker, q.text) for q in invented.quotes] == [
        ("김철수", "우리 도가 앞장서겠다"),
        ("김철수", "지역 기업과 함께 성장하겠다"),
        ("김철수", "협약이 결실을 맺길 바란다"),  # 이어: the previous sentence's speaker
        (None, "적극 지원하겠다"),  # 다라시 관계자는: no person named
        ("박민수", "기업이 앞장서 달라"),  # 박 장관은: the short form resolves
        ("박민수", "현장과 소통하겠다"),  # 또
        (None, "정책 경험이 풍부하다"),  # the subject is 대통령실, not 박 장관
        (None, "기대가 크다"),
    ]


def test_quoted_terms_are_not_quotes():
    text = "가나시는 “AI 도시”라는 이름으로 “스마트 가나”를 추진하고 있다고 말했다."
    assert find_quotes(text, 0, len(text)) == []


def test_unclosed_quote_is_not_a_quote():
    text = "김철수 시장은 “좋은 결과를 기대한다고 말했다."
    assert find_quotes(text, 0, len(text)) == []


def test_quote_component_is_registered_by_name():
    nlp = spacy.blank("xx")
    nlp.tokenizer = MeCabTokenizer(nlp.vocab)
    nlp.add_pipe("kg_quotes")
    doc = nlp("김철수 시장은 “좋다”고 말했다.")
    assert [doc.text[q.span.start : q.span.end] for q in doc._.kg_quotes] == ["좋다"]


def test_example_proposals(facts):
    found = [(p.kind, p.proposers, p.label) for p in facts.proposals]
    assert found == EXAMPLE_PROPOSALS
    for p in facts.proposals:
        assert facts.release.text[p.span.start : p.span.end] == p.label
        assert p.sentence.start <= p.span.start < p.span.end <= p.sentence.end


def test_example_proposals_hold_the_gold_keys(facts):
    gold = [
        "정부․지자체 주도 초거대 인공지능(AI) 기반 조성",
        "초거대 인공지능(AI) 클라우드 기반의 지역 디지털 혁신 생태계",
        "중소벤처 기업 육성에 집중",
        "지자체의 과감하고 발 빠른 지원",
        "전력 다소비 산업의 적지",
        "경북에서 지역 특화형 초거대AI 모델을 개발해 전국으로 확산",
        "지역 중소벤처기업에게 초거대 인공지능(AI) 서비스를 지원하는 기반 조성",
        "지역 자원과 연계한 지역특화 서비스 발굴․실증",
        "산학연 협력 생태계 조성",
        "경북형 초거대 인공지능(AI) 정책을 구체화",
    ]
    labels = [p.label for p in facts.proposals]
    assert all(any(key in label for label in labels) for key in gold)


def test_invented_proposals():
    f = release_facts(_release(INVENTED_PROPOSALS))
    assert [(p.kind, p.proposers, p.label) for p in f.proposals] == [
        ("proposal", ["김철수"], "지역 기업과 함께 인공지능 거점"),
        ("proposal", ["김철수"], "정부의 과감한 투자"),  # 이를 위해: the previous subject
        ("proposal", ["임꺽정"], "지역 인재 양성"),
        ("proposal", ["임꺽정"], "산학연 협력 강화"),
        ("plan", ["산업통상자원부"], "협약 내용을 토대로 지원 방안을 마련"),
    ]


def test_cues_inside_quotes_are_not_the_release_s_proposals():
    text = "김철수 가나도지사는 “기업이 함께 성장할 것을 제안한다”고 말했다.\n"
    f = release_facts(_release(text))
    assert [q.speaker for q in f.quotes] == ["김철수"]
    assert f.proposals == []


def test_proposal_component_is_registered_by_name():
    nlp = spacy.blank("xx")
    nlp.tokenizer = MeCabTokenizer(nlp.vocab)
    nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_proposals")
    doc = nlp("가나시는 지원 방안을 마련할 방침이다.")
    assert [(doc.text[h.span.start : h.span.end], h.kind) for h in doc._.kg_proposals] == [
        ("지원 방안을 마련", "plan")
    ]


# -- RDF ----------------------------------------------------------------------------------------


def test_quotes_in_rdf(graph, facts):
    release = release_iri(facts.release)
    quotes = set(graph.subjects(RDF.type, SCHEMA.Quotation))
    assert len(quotes) == 4
    for q in quotes:
        assert graph.value(q, SCHEMA.isPartOf) == release
        assert graph.value(q, SCHEMA.text).language == "ko"
        (span,) = graph.subjects(ITSRDF.taIdentRef, q)
        begin, end = (
            graph.value(span, NIF.beginIndex).toPython(),
            graph.value(span, NIF.endIndex).toPython(),
        )
        assert facts.release.text[begin:end] == str(graph.value(q, SCHEMA.text))
        assert graph.value(span, NIF.anchorOf) == Literal(facts.release.text[begin:end])
        assert graph.value(graph.value(span, NIF.sentence), NIF.anchorOf) is not None
    assert validate(graph).conforms


def test_proposals_in_rdf(graph, facts):
    proposals = set(graph.subjects(RDF.type, KG.Proposal))
    assert len(proposals) == len(EXAMPLE_PROPOSALS)
    kinds = sorted(str(graph.value(p, KG.proposalKind)) for p in proposals)
    assert kinds == sorted(kind for kind, _, _ in EXAMPLE_PROPOSALS)
    for p in proposals:
        assert graph.value(p, PROV.wasDerivedFrom) == release_iri(facts.release)
        assert graph.value(p, RDFS.label).language == "ko"


def test_quotation_needs_one_text(graph):
    g = new_graph()
    for triple in graph:
        g.add(triple)
    q = next(iter(g.subjects(RDF.type, SCHEMA.Quotation)))
    g.add((q, SCHEMA.text, Literal("또 다른 문장", lang="ko")))
    report = validate(g)
    assert report.violations == 1
    assert "exactly one schema:text" in report.text


# -- SPARQL -------------------------------------------------------------------------------------


def _query(graph, name: str):
    path = QUERIES / name
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Question: ")
    return run_query(graph, text, source=str(path))


def test_who_said_what(graph):
    result = _query(graph, "who_said_what.rq")
    assert result.columns[:2] == ["speaker", "quote"]
    assert [(row[0], row[1][:20]) for row in result.rows] == [
        (speaker, start[:20]) for speaker, start in EXAMPLE_QUOTES
    ]


def test_who_proposed_what(graph):
    result = _query(graph, "who_proposed_what.rq")
    assert result.columns[:3] == ["proposer", "kind", "proposal"]
    expected = [
        (proposer, kind, label)
        for kind, proposers, label in EXAMPLE_PROPOSALS
        for proposer in sorted(proposers) or [None]
    ]
    assert [tuple(row[:3]) for row in result.rows] == expected


def test_proposal_kind_must_be_one_of_three(graph):
    g = new_graph()
    for triple in graph:
        g.add(triple)
    p = next(iter(g.subjects(RDF.type, KG.Proposal)))
    g.set((p, KG.proposalKind, Literal("wish")))
    report = validate(g)
    assert report.violations == 1
    assert "kg:proposalKind" in report.text


def test_organizations_joined_in_the_subject_all_propose():
    text = "경상북도와 한국전력공사는 △인재 양성 △공동 연구에 협력할 예정이다.\n"
    f = release_facts(_release(text))
    assert [(p.kind, p.proposers, p.label) for p in f.proposals] == [
        ("plan", ["경상북도", "한국전력공사"], "인재 양성"),
        ("plan", ["경상북도", "한국전력공사"], "공동 연구"),
    ]
