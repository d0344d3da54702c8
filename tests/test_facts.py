"""Exact facts extracted from the bundled example release (경상북도, 2023-07-14)."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "gb-2023-07-14-ai-seminar.txt"

# (person, title, organization): every title and organization the release states.
EXPECTED_POSTS = {
    ("윤두현", "국회의원", "국회"),
    ("이철우", "도지사", "경상북도"),
    ("조현일", "시장", "경산시"),
    ("박윤규", "2차관", "과학기술정보통신부"),
    ("전병기", "상무", "LG유플러스"),
    ("전병기", "그룹장", "AI․Data 사이언스 그룹"),
    ("김은주", "단장", "클라우드-플랫폼기술단"),
    ("서영주", "원장", None),
    ("서영주", "학장", "정보기술(IT)학부"),
    ("유은정", "교수", "연세대"),
    ("김현덕", "교수", "경북대"),
    ("김경훈", "이사", "카카오"),
    ("노주환", "대표", "㈜SDPlex"),
    ("하정우", "센터장", "인공지능 이노베이션센터"),
    ("최동원", "과장", "인공지능기반정책과"),
    ("김초혜", None, "4차산업기반과"),
}


@pytest.fixture(scope="module")
def facts(example_facts):
    return example_facts


def test_every_post_and_no_other(facts):
    posts = {(m.person, m.title, m.organization) for m in facts.memberships}
    assert posts == EXPECTED_POSTS


def test_fourteen_people_and_no_invented_one(facts):
    assert sorted(p.name for p in facts.persons) == sorted({p for p, _, _ in EXPECTED_POSTS})
    assert facts.person("김초혜").role == "author"


def test_units_hang_under_their_parents(facts):
    parent = {o.name: o.parent for o in facts.organizations}
    assert parent["인공지능기반정책과"] == "과학기술정보통신부"
    assert parent["클라우드-플랫폼기술단"] == "한국지능정보사회진흥원"
    assert parent["정보기술(IT)학부"] == "포항공과대학교"
    assert parent["인공지능 이노베이션센터"] == "네이버 클라우드"
    assert parent["AI․Data 사이언스 그룹"] == "LG유플러스"
    assert parent["4차산업기반과"] == "메타버스과학국"
    assert parent["메타버스과학국"] == "경상북도"


def test_short_forms_merge_into_one_organization(facts):
    gb = facts.organization("경상북도")
    assert {"경북도", "경북"} <= set(gb.aliases)
    assert facts.organization("네이버 클라우드").aliases == ["네이버클라우드"]
    assert not facts.organization("경북도") and not facts.organization("네이버클라우드")


def test_organization_types(facts):
    kind = {o.name: o.kind for o in facts.organizations}
    assert kind["경상북도"] == "government"
    assert kind["국회"] == "legislature"
    assert kind["카카오"] == "company"
    assert kind["포항공과대학교"] == "university"
    assert kind["한국지능정보사회진흥원"] == "public_agency"


def test_implied_legislature(facts):
    assert facts.organization("국회") is not None
    assert ("윤두현", "국회의원", "국회") in {
        (m.person, m.title, m.organization) for m in facts.memberships
    }


def test_short_mentions_resolve_to_the_full_person(facts):
    kim = facts.person("김은주")
    assert "김 단장" in {m.text for m in kim.mentions}
    yoon = facts.person("윤두현")
    assert "윤 의원" not in {p.name for p in facts.persons}
    assert any(m.text == "윤두현" for m in yoon.mentions)


def test_every_mention_slices_back_to_its_text(facts):
    text = facts.release.text
    assert facts.mentions
    for m in facts.mentions:
        assert text[m.start : m.end] == m.text
    for p in facts.persons:
        assert p.mentions, p.name
        assert all(text[m.start : m.end] == m.text for m in p.mentions)


def test_footer_and_image_names_are_not_entities(facts):
    names = {o.name for o in facts.organizations} | {p.name for p in facts.persons}
    assert not any(".jpg" in n for n in names)
    footer_start = facts.release.text.index("OPEN 공공누리")
    assert all(m.start < footer_start for m in facts.mentions)
