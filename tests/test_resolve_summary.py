"""What resolution keeps of a release (kg.resolve.summary): the evidence of identity, and a
summary as plain data that reads back equal."""

from __future__ import annotations

import json

from kg.model import Membership, Mention, Person, Release, ReleaseFacts, Span
from kg.resolve.summary import ReleaseSummary, person_notes, release_date, summarize


def test_the_example_summary_holds_the_evidence_of_identity(example_facts):
    summary = summarize(example_facts)
    assert (summary.date, summary.publisher, summary.bylines) == (
        "2023-07-14",
        "경상북도",
        ["김초혜"],
    )
    assert summary.roles[:2] == [
        ("윤두현", "국회의원", "국회", None),
        ("이철우", "도지사", "경상북도", None),
    ]
    assert summary.events == [
        ("지역혁신을 위한 초거대 인공지능(AI) 기반 및 생태계 조성", "국회세미나", "2023-07-14")
    ]


def test_a_summary_is_plain_data_that_reads_back_equal(example_facts):
    summary = summarize(example_facts)
    data = json.loads(json.dumps(summary.to_data(), ensure_ascii=False))
    assert ReleaseSummary.from_data(data) == summary


def test_notes_are_the_parentheses_after_a_name_or_its_title():
    text = "한가람(가나당·다라2·재선) 의원과 두리안 의원(54·차선거구·4선), 세나래 시장(왼쪽)과 나래"
    persons = []
    for name in ("한가람", "두리안", "세나래", "나래"):
        start = text.index(name) if name != "나래" else text.rindex(name)
        persons.append(Person(name, [Mention(start, start + len(name), name, "PERSON")]))
    facts = ReleaseFacts(Release("a.txt", text, Span(0, len(text))), persons)
    assert person_notes(facts) == {
        "한가람": ["가나당", "다라2", "재선"],
        "두리안": ["54", "차선거구", "4선"],
        "세나래": ["왼쪽"],
    }


def test_the_date_is_the_published_one_else_the_first_written_near_the_top():
    assert release_date(Release("a", "가나일보 2016년 7월 13일 입력", Span(0, 0))) == "2016-07-13"
    assert release_date(Release("a", "등록 2024.07.01 18:31", Span(0, 0))) == "2024-07-01"
    assert release_date(Release("a", "날짜 없음 13월 2일", Span(0, 0))) is None


def test_the_roles_keep_the_inferred_membership():
    release = Release("a.txt", "한가람 총장", Span(0, 6))
    membership = Membership("한가람", "가나대학교", "총장", Span(0, 6))
    membership.inferred = "publisher"  # the field the extraction branch adds
    facts = ReleaseFacts(release, [Person("한가람")], memberships=[membership])
    assert summarize(facts).roles == [("한가람", "총장", "가나대학교", "publisher")]
