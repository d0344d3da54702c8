"""The classes the second round of issue 10 took on, on invented sentences: exact people and
posts. Names are invented (rarer surnames, given names that are words); bodies are real."""

from __future__ import annotations

import pytest

from kg.facts.release import release_facts
from kg.ingest.release import parse_release_text
from kg.model import Release, Span


def _facts(text: str, **meta):
    return release_facts(
        Release(path="<test>", text=text + "\n", body=Span(0, len(text) + 1), **meta)
    )


def _people(text: str) -> set[str]:
    return {p.name for p in _facts(text).persons}


def _posts(text: str, **meta) -> set[tuple]:
    return {(m.person, m.title, m.organization) for m in _facts(text, **meta).memberships}


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # rarer surnames and given names that are words, in person phrases
        ("탕하람 교수가 발표했다.", {"탕하람"}),
        ("국민의힘 남궁보미 대변인은 논평을 냈다.", {"남궁보미"}),
        ("행사에는 위해솔 전남도지사가 참석했다.", {"위해솔"}),
        # names MeCab reads as a verb or a copula form, where only a person stands
        ("국토연구원 옥다인 연구위원이 발표했다.", {"옥다인"}),
        ("한국관광공사 곽이든 사장이 참석했다.", {"곽이든"}),
        ("청년 대표 좌나은(27) 씨가 건의했다.", {"좌나은"}),
        ("벽화 봉사를 이끈 고등학생 온세나 양이 상을 받았다.", {"온세나"}),
        ("경찰은 차은서 전 대표를 소환했다.", {"차은서"}),
        # NAME 씨 and kin nouns after names
        ("무료 급식소를 운영해 온 편다솔·옥하늘 부부가 상을 받았다.", {"편다솔", "옥하늘"}),
        ("텃밭을 가꾼 표한솔·표두리 씨 남매가 받았다.", {"표한솔", "표두리"}),
        # running text: a subject, a noun of a person, an age, a list joined by 과
        ("견도하는 이날 기자회견에서 출마를 선언했다.", set()),  # MeCab does not know it
        ("연출을 맡은 모하린은 “관객과 함께 숨 쉬고 싶었다”고 말했다.", {"모하린"}),
        ("피고인 빈태오(45)에게는 징역 3년이 선고됐다.", {"빈태오"}),
        ("마을 주민 표순예 할머니는 물난리는 처음이라고 했다.", {"표순예"}),
        ("첼리스트 맹다은, 피아니스트 노윤서가 협연한다.", {"맹다은", "노윤서"}),
        ("배우 견다희의 첫 주연작이 개봉했다.", {"견다희"}),
        ("탁서윤이 후반 38분 결승골을 터뜨렸다.", {"탁서윤"}),
        ("감독 함지우의 신작이 초청됐다.", {"함지우"}),
        ("구단은 외국인 투수 라파엘 오르테가와 재계약했다.", {"라파엘 오르테가"}),
        ("탁씨의 변호인인 법무법인 다솜 견하영 변호사가 말했다.", {"견하영"}),
        # not people: dew, a headline's noun, a compound of the dictionary, a place
        ("들판에는 하얀 서리와 이슬이 맺혔다.", set()),
        ("경기도와 바이오 클러스터 조성에 협력한다.", set()),
        ("아시아 최초의 임상 데이터 센터를 세운다.", set()),
        ("청년 고용률 하락을 막겠다고 밝혔다.", set()),
        ("농민 단체의 집회가 이어졌다.", set()),
        ("본교 간호학과 졸업예정자 62명 전원이 올해 간호사 국가시험에 합격했다.", set()),
    ],
)
def test_people(text, people):
    assert _people(text) == people


@pytest.mark.parametrize(
    ("text", "posts"),
    [
        # an English name of several words is one organization
        (
            "협약식에는 크리스토퍼 벨로 Acme Health Korea 대표가 참석했다.",
            {("크리스토퍼 벨로", "대표", "Acme Health Korea")},
        ),
        (
            "미국 Blue Harbor Media Group의 제니퍼 콜트 부사장이 참석했다.",
            {("제니퍼 콜트", "부사장", "Blue Harbor Media Group")},
        ),
        # a unit after its parent's short form, after another unit
        (
            "한국콘텐츠진흥원(이하 콘진원)은 상담회를 열었다. 콘진원 해외사업본부 글로벌센터"
            " 탁세린 센터장이 말했다.",
            {("탁세린", "센터장", "글로벌센터")},
        ),
        # 협회장 of the association written before the name
        (
            "한국여성경제인협회 편소윤 협회장과 한국무역협회 탁지호 부회장이 참석했다.",
            {("편소윤", "회장", "한국여성경제인협회"), ("탁지호", "부회장", "한국무역협회")},
        ),
        # 법무법인 before a firm's name is part of it
        ("법무법인 새솔 모세린 변호사가 토론했다.", {("모세린", "변호사", "법무법인 새솔")}),
        # a university's page names itself
        (
            "이날 협약식에는 우리 대학 편소담 총장과 본교 좌하율 기획처장이 참석했다.",
            {("편소담", "총장", "우리 대학"), ("좌하율", "처장", "기획처")},
        ),
        # careers: a former post before the name, posts listed after it, a new post after 신임
        (
            "앞서 전반기 산업경제위원장을 지낸 빈하람 의원은 이날 부의장으로 선출됐다.",
            {
                ("빈하람", "위원장", "산업경제위"),
                ("빈하람", "의원", None),
                ("빈하람", "부의장", None),
            },
        ),
        (
            "가나로지스는 이사회를 열고 탕준서 부사장을 신임 대표이사로 선임했다.",
            {("탕준서", "부사장", None), ("탕준서", "대표이사", None)},
        ),
        ("간호사 모보늬 씨가 대상을 받았다.", {("모보늬", "간호사", None)}),
        # a constituency in parentheses; the party before a title fused with its council
        ("같은 당 좌시원(대덕구) 국회의원이 참석했다.", {("좌시원", "국회의원", "국회")}),
        (
            "국민의힘 소속 모재헌 대전시의원(서구2)은 출마를 선언했다.",
            {("모재헌", "시의원", "대전시"), ("모재헌", None, "국민의힘")},
        ),
        # award grades are no names; a verb-like reading before a fused title is a name
        ("▲국민훈장 동백장 빈소원 한빛복지관장", {("빈소원", "관장", "한빛복지관")}),
        # a regional office of a national agency
        (
            "현판식에는 한강유역환경청 빈가을 청장이 참석했다.",
            {("빈가을", "청장", "한강유역환경청")},
        ),
        # a presiding judge in ORG(TITLE NAME); an English executive title from context
        (
            "수원지법 형사12부(재판장 모세윤 부장판사)는 징역 2년을 선고했다.",
            {("모세윤", "재판장", "형사12부"), ("모세윤", "부장판사", None)},
        ),
        (
            "㈜셀다온은 상장 심사를 통과했다. 최고기술책임자(CTO)인 제이슨 웰링턴 박사가 말했다.",
            {("제이슨 웰링턴", "최고기술책임자", "셀다온"), ("제이슨 웰링턴", "박사", None)},
        ),
        # 위원장 of the committee the text names
        (
            "세종특별자치시의회 행정복지위원회는 위원장을 뽑았다. 모해린 위원장은 말했다.",
            {("모해린", "위원장", "행정복지위원회")},
        ),
        # 【…】 separates words: the outlet of a dateline byline
        (
            "【서울=한빛뉴스】 견하나 기자 = 가나시는 협약을 체결했다.",
            {("견하나", "기자", "한빛뉴스")},
        ),
        # a slot naming the kind of post leaves each person the post their phrase names
        (
            "상임위원장에는 행정문화위원장 표하진 의원, 산업경제위원장 봉슬기 의원이 선출됐다.",
            {
                ("표하진", "위원장", "행정문화위"),
                ("표하진", "의원", None),
                ("봉슬기", "위원장", "산업경제위"),
                ("봉슬기", "의원", None),
            },
        ),
    ],
)
def test_posts(text, posts):
    assert _posts(text) == posts


def test_a_noun_mecab_splits_like_a_name_is_no_subject_person():
    # 신 + 인상: a given name of syllables names seldom have
    assert _people("배우 견다희에게 신인상이 돌아갔다.") == {"견다희"}


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        (
            "해양수산부는 주한 노르웨이 대사관과 양해각서를 체결했다.",
            {"해양수산부", "주한 노르웨이 대사관"},
        ),
        ("기념식은 국립공원공단 탐방지원센터 앞 광장에서 열렸다.", {"국립공원공단"}),
        ("경기도-Acme Health Korea, 바이오 협력 업무협약", {"경기도", "Acme Health Korea"}),
    ],
)
def test_organizations(text, orgs):
    assert {o.name for o in _facts(text).organizations} == orgs


def test_a_foreign_surname_alone_is_the_full_name_said_before():
    facts = _facts(
        "크리스토퍼 벨로 Acme Health Korea 대표가 참석했다. 벨로 대표는 “투자하겠다”고 말했다."
    )
    assert [p.name for p in facts.persons] == ["크리스토퍼 벨로"]
    assert "벨로 대표" in {m.text for m in facts.persons[0].mentions}


def test_a_short_form_s_career_hangs_fused_units_under_the_person_s_organization():
    facts = _facts(
        "㈜다온로지스는 탕준서 부사장을 대표이사로 선임했다. "
        "탕 신임 대표는 해외사업본부장과 경영지원실장을 거쳤다."
    )
    posts = {(m.person, m.title, m.organization) for m in facts.memberships}
    assert ("탕준서", "본부장", "해외사업본부") in posts
    assert ("탕준서", "실장", "경영지원실") in posts
    parents = {o.name: o.parent for o in facts.organizations}
    assert parents["해외사업본부"] == parents["경영지원실"] == "다온로지스"


def test_a_board_page_s_headline_names_the_body_of_a_bare_title():
    text = (
        "보도자료\n\n충청남도, 서해안 관광벨트 조성 전략 보고회\n부서명\n관광진흥과\n"
        "도는 22일 보고회를 개최했다.\n보고회에는 온누리 지사가 참석했다.\n"
    )
    facts = release_facts(parse_release_text("<test>", text))
    assert {(m.person, m.title, m.organization, m.inferred) for m in facts.memberships} == {
        ("온누리", "지사", "충청남도", "headline")
    }


def test_the_footer_names_the_publisher_of_a_county_release():
    text = (
        "보도자료\n\n군, 귀농 청년 간담회 개최\n부서명\n농업정책과\n작성자\n탁해솔\n"
        "군은 1일 간담회를 열었다.\n이날 간담회에는 봉다온 군수와 견우림 부군수가 참석했다.\n"
        "공공누리 제1유형\n담당부서 : 영월군 농업정책과\n"
    )
    release = parse_release_text("<test>", text)
    assert (release.publisher, release.department) == ("영월군", ["농업정책과"])
    facts = release_facts(release)
    posts = {(m.person, m.title, m.organization, m.inferred) for m in facts.memberships}
    assert ("봉다온", "군수", "영월군", "publisher") in posts
    assert ("견우림", "부군수", "영월군", "publisher") in posts
