"""Quotes (who said what), each traceable to its characters and its sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from rdflib import Literal
from rdflib.namespace import RDF

from kg.facts import release_facts
from kg.ingest import read_release
from kg.iris import ITSRDF, NIF, SCHEMA, new_graph, release_iri
from kg.model import Release, Span
from kg.nlp.quotes import find_quotes
from kg.nlp.tokenizer import MeCabTokenizer
from kg.query import run_query
from kg.rdf import facts_to_graph
from kg.validate import validate

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
            "이번 국회 세미나를 계기로 경북형 초거대 인공지능(AI) 발전방안에 대한 논의가 활성화되고 "
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


def _release(text: str) -> Release:
    return Release(path="<test>", text=text, body=Span(0, len(text)))


@pytest.fixture(scope="module")
def facts():
    return release_facts(read_release(str(EXAMPLE)))


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
