"""The Korean spaCy pipeline: tokenizer offsets and registered components on invented text."""

from __future__ import annotations

import pytest
import spacy

from kg.facts.release import release_facts
from kg.model import Release, Span
from kg.nlp import load
from kg.nlp.tokenizer import MeCabTokenizer


def _release(text: str) -> Release:
    return Release(path="<test>", text=text, body=Span(0, len(text)))


def test_tokenizer_keeps_text_and_offsets():
    text = "\n\n김철수 가나도지사는  14일  “좋다”고 밝혔다.\n"
    nlp = spacy.blank("xx")
    nlp.tokenizer = MeCabTokenizer(nlp.vocab)
    doc = nlp(text)
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx : tok.idx + len(tok.text)] == tok.text


def test_tokenizer_splits_particles():
    nlp = spacy.blank("xx")
    nlp.tokenizer = MeCabTokenizer(nlp.vocab)
    doc = nlp("과학기술정보통신부는")
    assert [t.text for t in doc][-1] == "는"
    assert doc[-1].tag_.startswith("J")


def test_components_are_registered_by_name():
    nlp = load()
    assert nlp.pipe_names == [
        "kg_sentences",
        "kg_people",
        "kg_dates",
        "kg_quotes",
        "kg_proposals",
        "kg_events",
    ]
    fresh = spacy.blank("xx")
    fresh.tokenizer = MeCabTokenizer(fresh.vocab)
    fresh.add_pipe("kg_sentences")
    fresh.add_pipe("kg_people")
    doc = fresh("김철수 가나도지사는 말했다. 임꺽정 다라시장도 참석했다.")
    assert len(doc._.kg_sentences) == 2
    assert [p.name for hits in doc._.kg_hits for p in hits.persons] == ["김철수", "임꺽정"]


def test_fused_titles_split_into_title_and_organization():
    f = release_facts(_release("김철수 가나시장과 임꺽정 다라군수, 박민수 마바부군수가 참석했다."))
    posts = {(m.person, m.title, m.organization) for m in f.memberships}
    assert posts == {
        ("김철수", "시장", "가나시"),
        ("임꺽정", "군수", "다라군"),
        ("박민수", "부군수", "마바"),
    }


def test_parenthesised_affiliation_with_unit():
    f = release_facts(_release("김철수 단장(가나진흥원 미래기술단)은 발표했다."))
    assert {(m.person, m.title, m.organization) for m in f.memberships} == {
        ("김철수", "단장", "미래기술단")
    }
    assert f.organization("미래기술단").parent == "가나진흥원"


def test_org_title_name_in_parentheses():
    f = release_facts(_release("가나대학교(총장 김철수)는 협약을 맺었다."))
    assert {(m.person, m.title, m.organization) for m in f.memberships} == {
        ("김철수", "총장", "가나대학교")
    }


def test_short_form_without_full_person_is_dropped():
    f = release_facts(_release("김 단장은 말했다. 김철수 국장은 동의했다."))
    assert [p.name for p in f.persons] == ["김철수"]


def test_byline_gets_outlet_from_bracket():
    f = release_facts(_release("[가나일보 김철수 기자] 임꺽정 다라시장은 14일 밝혔다."))
    assert f.person("김철수").role == "byline"
    assert ("김철수", "기자", "가나일보") in {
        (m.person, m.title, m.organization) for m in f.memberships
    }


def test_person_named_with_ssi_and_age():
    f = release_facts(_release("가나전자 김철수 씨와 박민수(45) 다라전자 대표가 참석했다."))
    posts = {(m.person, m.title, m.organization) for m in f.memberships}
    assert posts == {("김철수", None, "가나전자"), ("박민수", "대표", "다라전자")}


@pytest.mark.parametrize(
    ("text", "posts"),
    [
        # names MeCab does not know, split into odd pieces
        (
            "이날 나윤택 한결제약 대표이사, 도하람 셀로젠바이오 대표이사가 참석했다.",
            {("나윤택", "대표이사", "한결제약"), ("도하람", "대표이사", "셀로젠바이오")},
        ),
        ("곽도현 총장은 취임했다.", {("곽도현", "총장", None)}),
        # a ministry MeCab splits (행정 + 안 + 전부) and a company behind ㈜
        (
            "이날 김민수 행정안전부 장관과 박민수 ㈜가나웨이브 대표가 참석했다.",
            {("김민수", "장관", "행정안전부"), ("박민수", "대표", "가나웨이브")},
        ),
        # a department between the organization and the title
        ("김영호 부산대학교 행정학과 교수가 발제했다.", {("김영호", "교수", "행정학과")}),
        ("보건복지부 노인정책과 서가윤 과장이 설명했다.", {("서가윤", "과장", "노인정책과")}),
        # ORG TITLE NAME, with or without 씨, and a personnel notice line
        (
            "축사는 광주시 경제부시장 김민수, 전남도 부지사 이영희가 했다.",
            {("김민수", "경제부시장", "광주시"), ("이영희", "부지사", "전남도")},
        ),
        ("협약식에는 우주항공청 국장 김민수 씨가 참석했다.", {("김민수", "국장", "우주항공청")}),
        ("▲ 보건의료정책실장 연태호", {("연태호", "실장", "보건의료정책실")}),
        # ORG NAME TITLE with an organization the lexicon does not know
        ("최우수상은 한빛테크 설다인 대표가 차지했다.", {("설다인", "대표", "한빛테크")}),
        # a plural noun before a title is not a person
        ("수상 기업들이 세계 시장으로 나아가도록 지원한다.", set()),
    ],
)
def test_person_patterns_beyond_the_example(text, posts):
    f = release_facts(_release(text + "\n"))
    assert {(m.person, m.title, m.organization) for m in f.memberships} == posts


def test_units_take_their_parents_type():
    f = release_facts(
        _release("김철수 국회 보건복지위원회 위원장과 김민수 한전 부산울산본부장이 만났다.\n")
    )
    kinds = {o.name: (o.kind, o.parent) for o in f.organizations}
    assert kinds["보건복지위원회"] == ("legislature", "국회")
    assert kinds["부산울산본부"] == ("public_agency", "한전")


@pytest.mark.parametrize(
    ("text", "posts"),
    [
        (
            "이날 만난 사람은 김철수 도지사.",
            {("김철수", "도지사", None)},
        ),  # title before the full stop
        ("그러나 김철수 교수는 반대했다.", {("김철수", "교수", None)}),  # a conjunction is no org
        ("한편 김철수 교수는 반대했다.", {("김철수", "교수", None)}),
    ],
)
def test_sentence_edges(text, posts):
    f = release_facts(_release(text + "\n"))
    assert {(m.person, m.title, m.organization) for m in f.memberships} == posts


def test_an_office_is_its_government():
    f = release_facts(_release("경기도청은 14일 새 정책을 발표했다고 밝혔다.\n"))
    assert [(o.name, o.aliases) for o in f.organizations] == [("경기도", ["경기도청"])]


@pytest.mark.parametrize(
    ("text", "posts"),
    [
        # names MeCab splits with a particle-like last syllable, inside a list
        (
            "진세라 가나연구원 연구위원, 석민아 충남도 행정부지사가 참석했다.",
            {("진세라", "연구위원", "가나연구원"), ("석민아", "행정부지사", "충남도")},
        ),
        # ORG TITLE NAME with the subject particle fused into the name
        ("축사는 광주시 경제부시장 명도진이 했다.", {("명도진", "경제부시장", "광주시")}),
        # nouns with a real case particle before a title are not names
        ("담당 부서에 시장 표창이 수여됐다.", set()),
        ("김철수 가나대학교 화학과 교수가 발표했다.", {("김철수", "교수", "화학과")}),
    ],
)
def test_names_misread_by_mecab(text, posts):
    f = release_facts(_release(text + "\n"))
    assert {(m.person, m.title, m.organization) for m in f.memberships} == posts


def test_a_list_with_one_organization_is_a_list_of_organizations():
    f = release_facts(
        _release("산단에 입주하는 가나기업·다라베스트·정테크놀로지는 부품을 만든다.\n")
    )
    assert sorted((o.name, o.kind) for o in f.organizations) == [
        ("가나기업", "company"),
        ("다라베스트", "company"),
        ("정테크놀로지", "company"),
    ]
