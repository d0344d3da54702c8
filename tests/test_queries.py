"""The research questions in queries/*.rq, answered on the bundled example (exact answers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.facts.release import release_facts
from kg.model import Release, Span
from kg.rdf.mapping import facts_to_graph
from kg.rdf.query import run_query

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
EXAMPLE = ROOT / "examples" / "gb-2023-07-14-ai-seminar.txt"
EVENT = "지역혁신을 위한 초거대 인공지능(AI) 기반 및 생태계 조성"
PANEL_TOPIC = "경북도 초거대 인공지능(AI) 기반 및 생태계 조성방안"


@pytest.fixture(scope="module")
def graph(example_graph):
    return example_graph


def answer(graph, name: str) -> list[tuple]:
    path = QUERIES / name
    result = run_query(graph, path.read_text(encoding="utf-8"), source=str(path))
    return [tuple(row) for row in result.rows]


def test_every_query_states_its_question_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 10
    for path in files:
        assert path.read_text(encoding="utf-8").startswith("# Question: "), path.name
        assert f"queries/{path.name}" in readme, path.name


def test_who_presented_what(graph):
    assert answer(graph, "who_presented_what.rq") == [
        (EVENT, "1", "초거대 인공지능(AI) 기반 필요성", "전병기"),
        (EVENT, "2", "초거대 인공지능(AI)와 지방소멸 극복", "김은주"),
        (EVENT, "3", "경북형 초거대 인공지능(AI) 생태계 활성화 방안", "서영주"),
        (EVENT, "4", "분산에너지 정책과 지역 디지털 활성화 기회", "유은정"),
    ]


def test_who_organized(graph):
    assert answer(graph, "who_organized.rq") == [
        (EVENT, "2023-07-14", "경산시", "organization"),
        (EVENT, "2023-07-14", "경상북도", "organization"),
        (EVENT, "2023-07-14", "윤두현", "person"),
    ]


def test_moderator_and_panel(graph):
    assert answer(graph, "moderator_and_panel.rq") == [
        (EVENT, PANEL_TOPIC, "moderator", "김현덕"),
        (EVENT, PANEL_TOPIC, "panelist", "김경훈"),
        (EVENT, PANEL_TOPIC, "panelist", "노주환"),
        (EVENT, PANEL_TOPIC, "panelist", "최동원"),
        (EVENT, PANEL_TOPIC, "panelist", "하정우"),
    ]


def test_who_attended(graph):
    assert answer(graph, "who_attended.rq") == [
        (EVENT, "LG유플러스", "organization"),
        (EVENT, "네이버 클라우드", "organization"),
        (EVENT, "카카오", "organization"),
        (EVENT, "박윤규", "person"),
        (EVENT, "윤두현", "person"),
        (EVENT, "이철우", "person"),
        (EVENT, "조현일", "person"),
    ]


def test_organizations_by_sector(graph):
    assert answer(graph, "organizations_by_sector.rq") == [
        ("Company", "LG유플러스", "1"),
        ("Company", "㈜SDPlex", "1"),
        ("Company", "네이버 클라우드", "1"),
        ("Company", "카카오", "1"),
        ("Government", "경산시", "1"),
        ("Government", "경상북도", "1"),
        ("Government", "과학기술정보통신부", "2"),
        ("Legislature", "국회", "1"),
        ("PublicAgency", "한국지능정보사회진흥원", "1"),
        ("University", "경북대학교", "1"),  # kg.resolve labels public bodies by their full name
        ("University", "연세대학교", "1"),
        ("University", "포항공과대학교", "1"),
    ]


def test_people_with_several_titles(graph):
    assert answer(graph, "people_with_several_titles.rq") == [
        ("서영주", "원장", None),
        ("서영주", "학장", "정보기술(IT)학부"),
        ("전병기", "그룹장", "AI․Data 사이언스 그룹"),
        ("전병기", "상무", "LG유플러스"),
    ]


def test_units_of_organizations(graph):
    assert answer(graph, "units_of_organizations.rq") == [
        ("LG유플러스", "AI․Data 사이언스 그룹"),
        ("경상북도", "메타버스과학국"),
        ("과학기술정보통신부", "인공지능기반정책과"),
        ("네이버 클라우드", "인공지능 이노베이션센터"),
        ("메타버스과학국", "4차산업기반과"),
        ("포항공과대학교", "정보기술(IT)학부"),
        ("한국지능정보사회진흥원", "클라우드-플랫폼기술단"),
    ]


def test_organizations_without_named_person(graph):
    # In the example every organization it names has a person of its own, or of one of its units.
    assert answer(graph, "organizations_without_named_person.rq") == []
    text = "김철수 가나도지사는 14일 다라전자, 마바협회와 협약을 맺었다고 밝혔다.\n"
    invented = facts_to_graph([release_facts(Release("<test>", text, Span(0, len(text))))])
    assert answer(invented, "organizations_without_named_person.rq") == [
        ("다라전자", "Company"),
        ("마바협회", "Association"),
    ]


def test_release_metadata(graph):
    assert answer(graph, "release_metadata.rq") == [
        (
            "경북형 초거대 인공지능(AI) 지역생태계 조성 국회세미나 개최",
            "2023-07-14T14:44:42",
            "경상북도",
            "김초혜",
            "4차산업기반과",
            "054-880-2481",
            "259",
        )
    ]


def test_who_said_what(graph):
    rows = answer(graph, "who_said_what.rq")
    assert [r[0] for r in rows] == ["윤두현", "윤두현", "이철우", "이철우"]
    assert (
        rows[0][1]
        == "초거대 인공지능(AI)은 규모도 방대하고 응용분야가 다양해 여러 분야가 연계돼야 한다"
    )
