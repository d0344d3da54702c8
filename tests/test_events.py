"""The main event, its agenda and who presented, moderated and sat on the panel."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from kg.facts.release import release_facts
from kg.ingest.release import read_release
from kg.model import Release, Span

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "gb-2023-07-14-ai-seminar.txt"

INVENTED = (
    "충청남도는 3일 ‘미래 산업과 지역 혁신’을 주제로 정책포럼을 가나컨벤션센터 대회의실에서 "
    "개최했다.\n"
    "김철수 국회의원과 충남도가 공동주최하는 이번 포럼에는 김철수 국회의원, 박민수 다라시장과 "
    "마바전자, 사아화학 등 지역 기업 대표들이 참석했다.\n"
    "포럼은 김철수 국회의원의 개회사를 시작으로 △(발제1) 지역 산업 전환 △(발제2) 인재 양성 방안에 "
    "대한 "
    "주제발표에 이어 △(종합토론) 충남도 산업 전략에 대한 토론 순으로 진행됐다.\n"
    "첫 발제자로 나선 이영희 교수(가나대학교)는 산업 전환을 설명했다.\n"
    "마지막으로 최지훈 연구위원(다라연구원)은 인재 양성을 강조했다.\n"
    "이어진 토론에서는 정우성 가나대학교 교수가 좌장을 맡고, 한지민 대표(마바전자), "
    "오세훈 과장(충남도 산업정책과)이 토론자로 참석했다.\n"
)


@pytest.fixture(scope="module")
def example():
    return release_facts(read_release(str(EXAMPLE)))


@pytest.fixture(scope="module")
def invented():
    return release_facts(
        Release("<test>", INVENTED, Span(0, len(INVENTED)), published=datetime(2024, 5, 2, 10, 0))
    )


def test_example_event(example):
    (event,) = example.events
    assert event.name == "지역혁신을 위한 초거대 인공지능(AI) 기반 및 생태계 조성"
    assert event.kind == "국회세미나"
    assert event.start_date == "2023-07-14"
    assert set(event.organizers) == {"윤두현", "경상북도", "경산시"}
    assert event.attendees == [
        "윤두현",
        "이철우",
        "조현일",
        "박윤규",
        "네이버 클라우드",
        "카카오",
        "LG유플러스",
    ]


def test_example_agenda(example):
    agenda = [(a.kind, a.position, a.topic, a.performers) for a in example.events[0].agenda]
    assert agenda[:5] == [
        ("개회사", None, None, ["윤두현"]),
        ("발제", 1, "초거대 인공지능(AI) 기반 필요성", ["전병기"]),
        ("발제", 2, "초거대 인공지능(AI)와 지방소멸 극복", ["김은주"]),
        ("발제", 3, "경북형 초거대 인공지능(AI) 생태계 활성화 방안", ["서영주"]),
        ("발제", 4, "분산에너지 정책과 지역 디지털 활성화 기회", ["유은정"]),
    ]
    panel = example.events[0].agenda[5]
    assert (panel.kind, panel.topic) == (
        "종합토론",
        "경북도 초거대 인공지능(AI) 기반 및 생태계 조성방안",
    )
    assert panel.moderators == ["김현덕"]
    assert panel.panelists == ["김경훈", "노주환", "하정우", "최동원"]


def test_topics_slice_back_to_the_text(example):
    text = example.release.text
    for item in example.events[0].agenda:
        if item.topic:
            assert text[item.span.start : item.span.end] == item.topic


def test_invented_event(invented):
    (event,) = invented.events
    assert (event.name, event.kind, event.start_date) == (
        "미래 산업과 지역 혁신",
        "정책포럼",
        "2024-05-03",
    )
    assert event.location == "가나컨벤션센터 대회의실"
    assert event.organizers[0] == "충청남도"
    assert "김철수" in event.organizers
    assert {"김철수", "박민수", "마바전자", "사아화학"} <= set(event.attendees)


def test_invented_agenda_by_ordinals(invented):
    agenda = {(a.kind, a.position): a for a in invented.events[0].agenda}
    assert agenda[("개회사", None)].performers == ["김철수"]
    assert agenda[("발제", 1)].performers == ["이영희"]
    assert agenda[("발제", 2)].performers == ["최지훈"]  # 마지막으로: the last presentation
    panel = agenda[("종합토론", None)]
    assert panel.moderators == ["정우성"]
    assert panel.panelists == ["한지민", "오세훈"]


def test_no_event_without_one(example):
    text = "김철수 가나도지사는 14일 기자들과 만나 예산안을 설명했다.\n"
    assert release_facts(Release("<test>", text, Span(0, len(text)))).events == []


def _facts(text: str):
    return release_facts(Release("<test>", text, Span(0, len(text))))


def test_listed_presentations_and_a_moderator_named_after_the_word():
    text = (
        "경상북도는 3일 ‘에너지 신산업 상생협력 포럼’을 개최했다.\n"
        "포럼은 김민수 행정안전부 1차관의 개회사로 시작됐다.\n"
        "발제는 △이영희 부산대학교 교수의 ‘지역 에너지 전환’ △박민수 한결에너지 대표의 ‘수소 산업’ "
        "순으로 진행됐다.\n"
        "토론에는 좌장인 정우성 전남대 교수를 비롯해 한지민 경남로보틱스 대표, 오세훈 한국전력공사 "
        "처장이 참여했다.\n"
    )
    (event,) = _facts(text).events
    assert event.name == "에너지 신산업 상생협력 포럼"
    assert [(a.kind, a.position, a.topic, a.performers) for a in event.agenda[:3]] == [
        ("개회사", None, None, ["김민수"]),
        ("발제", 1, "지역 에너지 전환", ["이영희"]),
        ("발제", 2, "수소 산업", ["박민수"]),
    ]
    panel = event.agenda[3]
    assert (panel.moderators, panel.panelists) == (["정우성"], ["한지민", "오세훈"])


def test_openings_named_after_the_word_ordinals_without_a_list_and_a_chair():
    text = (
        "창원시는 5일 시청에서 스마트시티 정책토론회를 열었다.\n"
        "개회사는 한종석 한국전력공사 사장이 맡았고, 축사는 김민수 창원시장이 했다.\n"
        "첫 번째 발제는 이영희 창원대학교 교수가 ‘스마트시티와 데이터’를 주제로 맡았다.\n"
        "두 번째 발제자로 나선 박민수 가나테크 대표는 ‘도시 플랫폼’을 소개했다.\n"
        "토론은 국현준 전남대 교수 주재로 진행됐으며 단태오 가나전자 이사가 참여했다.\n"
    )
    (event,) = _facts(text).events
    assert event.organizers == ["창원시"]
    agenda = [(a.kind, a.position, a.topic, a.performers) for a in event.agenda]
    assert agenda[:4] == [
        ("개회사", None, None, ["한종석"]),
        ("축사", None, None, ["김민수"]),
        ("발제", 1, "스마트시티와 데이터", ["이영희"]),
        ("발제", 2, "도시 플랫폼", ["박민수"]),
    ]
    assert (event.agenda[4].moderators, event.agenda[4].panelists) == (["국현준"], ["단태오"])


def test_mou_partners_are_organizers_and_the_parties_propose():
    text = (
        "경상북도는 3일 한국전력공사와 업무협약식을 가졌다.\n"
        "양 기관은 협약에 따라 △인재 양성 △공동 연구를 추진하기로 했다.\n"
    )
    f = _facts(text)
    assert f.events[0].organizers == ["경상북도", "한국전력공사"]
    assert [(p.kind, p.proposers, p.label) for p in f.proposals] == [
        ("plan", ["경상북도", "한국전력공사"], "인재 양성"),
        ("plan", ["경상북도", "한국전력공사"], "공동 연구"),
    ]


def test_headline_partners_in_parentheses_and_presentations_told_one_by_one():
    text = (
        "경상남도, 가나대학교와 인재양성 업무협약 체결\n"
        "경상남도(도지사 김철수)는 9일 도청에서 가나대학교(총장 이영희), 다라산업(주)(대표이사 "
        "박민수)와 "
        "‘인재양성을 위한 업무협약’을 체결했다.\n"
        "이어 정우성 가나대학교 교수가 ‘우주항공 인재 양성’에 대해 발표했다.\n"
    )
    (event,) = _facts(text).events
    assert event.name == "인재양성을 위한 업무협약"  # the full sentence, not the headline
    assert event.organizers == ["경상남도", "가나대학교", "다라산업(주)"]
    assert [(a.kind, a.position, a.topic, a.performers) for a in event.agenda] == [
        ("발제", 1, "우주항공 인재 양성", ["정우성"])
    ]


def test_an_event_attended_is_an_event():
    (event,) = _facts(
        "취임식에는 김철수 교육부 차관, 박민수 부산시장 등 500여 명이 참석했다.\n"
    ).events
    assert event.kind == "취임식"
    assert event.attendees == ["김철수", "박민수"]
