"""Organizations across releases (kg.resolve.organizations): forms of one body merge, bodies
that only share a word do not. Invented summaries of real public bodies; no spaCy."""

from __future__ import annotations

from kg.resolve.forms import base_form, status_form
from kg.resolve.resolution import resolve
from kg.resolve.summary import OrgEntry, ReleaseSummary


def release(
    path: str, *orgs: str | tuple[str, list[str]], kind: str = "government"
) -> ReleaseSummary:
    entries = [
        OrgEntry(o, kind, [], None, [])
        if isinstance(o, str)
        else OrgEntry(o[0], kind, o[1], None, [])
        for o in orgs
    ]
    return ReleaseSummary(
        path, f"https://w3id.org/kg-press/id/release/{path}", entries, [], [], {}, []
    )


def same(res, a: tuple[str, str], b: tuple[str, str]) -> bool:
    return res.org(*a) is res.org(*b)


def test_a_province_written_three_ways_is_one_node():
    res = resolve([release("a", "경북도"), release("b", "경상북도"), release("c", "경북")])
    node = res.org("a", "경북도")
    assert node is res.org("b", "경상북도") is res.org("c", "경북")
    assert (node.label, node.alt_labels) == ("경상북도", ["경북", "경북도"])


def test_a_city_with_and_without_its_status_is_one_node():
    res = resolve([release("a", "수원특례시"), release("b", "수원시"), release("c", "수원시청")])
    node = res.org("a", "수원특례시")
    assert node is res.org("b", "수원시") is res.org("c", "수원시청")
    assert node.reasons[0] == "merged: 수원특례시 in a and 수원시 in b share the form 수원시"
    assert status_form("다라광역시교육청") == "다라시교육청"
    assert base_form("수원특례시") == "수원특례시"  # keys keep the written status


def test_a_city_written_after_its_province_is_the_city():
    res = resolve(
        [release("a", "경기 수원시"), release("b", "수원시"), release("c", "경기도 수원시")]
    )
    node = res.org("a", "경기 수원시")
    assert node is res.org("b", "수원시") is res.org("c", "경기도 수원시")
    assert node.label == "수원시"


def test_a_county_two_provinces_have_stays_apart_from_its_bare_name():
    # 고성군 is a county of 강원 and of 경남: the province tells them apart
    res = resolve(
        [release("a", "강원 고성군"), release("b", "경남 고성군"), release("c", "고성군")]
    )
    assert not same(res, ("a", "강원 고성군"), ("b", "경남 고성군"))
    assert not same(res, ("a", "강원 고성군"), ("c", "고성군"))
    assert not same(res, ("b", "경남 고성군"), ("c", "고성군"))


def test_bodies_that_only_share_a_word_stay_apart():
    res = resolve(
        [
            release("a", "수원시", "울산대학교"),
            release("b", "수원시의회", "울산과학대학교"),
        ]
    )
    assert not same(res, ("a", "수원시"), ("b", "수원시의회"))
    assert not same(res, ("a", "울산대학교"), ("b", "울산과학대학교"))


def test_a_generic_alias_does_not_join_two_councils():
    # each release calls its own council 시의회 too
    res = resolve(
        [
            release("a", ("청주시의회", ["시의회"]), kind="legislature"),
            release("b", ("충주시의회", ["시의회"]), kind="legislature"),
            release("c", ("한국교원대학교", ["우리 대학"]), kind="university"),
            release("d", ("충북대학교", ["우리 대학"]), kind="university"),
        ]
    )
    assert not same(res, ("a", "청주시의회"), ("b", "충주시의회"))
    assert not same(res, ("c", "한국교원대학교"), ("d", "충북대학교"))


def test_a_short_form_ending_in_dae_is_a_university_unless_it_is_not():
    assert base_form("충북대") == "충북대학교"
    assert base_form("청와대") == "청와대"
    assert base_form("가나소방대") == "가나소방대"


def test_a_party_and_its_short_forms_are_one_node():
    res = resolve(
        [release("a", "더불어민주당", kind="other"), release("b", "더민주", kind="other"),
         release("c", "민주당", kind="other")]
    )  # fmt: skip
    node = res.org("a", "더불어민주당")
    assert node is res.org("b", "더민주") is res.org("c", "민주당")
    assert node.label == "더불어민주당"
