"""The recognisers on invented sentences, one class of KOREAN_FORMS.md at a time: exact facts
(this person holds this title in this organization). Names are invented; bodies are real."""

from __future__ import annotations

import pytest
import spacy
from rdflib import Literal, URIRef

from kg.facts.release import release_facts
from kg.model import Release, Span
from kg.nlp.lexicon import load as load_lexicon
from kg.nlp.tokenizer import MeCabTokenizer
from kg.rdf.mapping import facts_to_graph

SCHEMA_JOB = URIRef("https://schema.org/jobTitle")
KG = "https://w3id.org/kg-press/ontology#"


def _facts(text: str, **meta):
    return release_facts(
        Release(path="<test>", text=text + "\n", body=Span(0, len(text) + 1), **meta)
    )


def _posts(text: str, **meta) -> set[tuple]:
    return {(m.person, m.title, m.organization) for m in _facts(text, **meta).memberships}


@pytest.mark.parametrize(
    ("text", "posts"),
    [
        # §1 where the title and the organization stand
        ("한가람 한국개발연구원 연구위원이 발표했다.", {("한가람", "연구위원", "한국개발연구원")}),
        ("국토교통부 서나래 차관은 말했다.", {("서나래", "차관", "국토교통부")}),
        ("농림축산식품부 대변인 표세아 씨가 브리핑했다.", {("표세아", "대변인", "농림축산식품부")}),
        ("여성가족부(장관 서가윤)는 14일 대회를 연다.", {("서가윤", "장관", "여성가족부")}),
        ("한가람(가나전자 대표)은 이날 말했다.", {("한가람", "대표", "가나전자")}),
        (
            "이날 나윤택 부총리 겸 기획재정부 장관이 참석했다.",
            {("나윤택", "부총리", None), ("나윤택", "장관", "기획재정부")},
        ),
        (
            "한가람 국회의원(과학기술정보방송통신위원회 간사)이 말했다.",
            {("한가람", "국회의원", "국회"), ("한가람", "간사", "과학기술정보방송통신위원회")},
        ),
        # 인사 notices: the new post and the old one
        (
            "경제정책국장에는 곽은별(52) 기획재정부 정책조정국장이 임명됐다.",
            {("곽은별", "국장", "경제정책국"), ("곽은별", "국장", "정책조정국")},
        ),
        (
            "명도진(51) 재정기획국장은 복지예산심의관을 맡게 됐다.",
            {("명도진", "국장", "재정기획국"), ("명도진", "복지예산심의관", None)},
        ),
        (
            "신임 원장에 한가람 전 차관이 임명됐다.",
            {("한가람", "원장", None), ("한가람", "차관", None)},
        ),
        ("가나시 홍보대사로 한가람 씨가 위촉됐다.", {("한가람", "홍보대사", "가나시")}),
    ],
)
def test_orders_of_name_title_and_organization(text, posts):
    assert _posts(text) == posts


@pytest.mark.parametrize(
    ("text", "posts"),
    [
        # §2 titles fused with an organization, split by head rules
        (
            "설다인 경기도의원과 연태호 서초구청장이 참석했다.",
            {("설다인", "도의원", "경기도"), ("연태호", "구청장", "서초구")},
        ),
        ("채형우 과방위원장은 회의를 열었다.", {("채형우", "위원장", "과방위")}),
        ("곽은별 국가안보실 1차장이 브리핑했다.", {("곽은별", "1차장", "국가안보실")}),
        ("표세아 경제예산심의관이 설명했다.", {("표세아", "경제예산심의관", None)}),
        # §3 lists sharing a title or an organization
        (
            "한가람·서나래·명도진 의원이 법안을 냈다.",
            {("한가람", "의원", None), ("서나래", "의원", None), ("명도진", "의원", None)},
        ),
        (
            "한가람(56)·서나래(54) 서울고법 부장판사가 후보에 올랐다.",
            {("한가람", "부장판사", "서울고법"), ("서나래", "부장판사", "서울고법")},
        ),
        (
            "한빛대 한가람 총장, 두리대 서나래 총장이 협약을 맺었다.",
            {("한가람", "총장", "한빛대"), ("서나래", "총장", "두리대")},
        ),
        (
            "(왼쪽부터) 한가람 가나전자 대표, 서나래 다라화학 사장.",
            {("한가람", "대표", "가나전자"), ("서나래", "사장", "다라화학")},
        ),
        # §4 modifiers
        ("정부는 한가람 경찰청장 직무대리를 임명했다.", {("한가람", "청장 직무대리", "경찰청")}),
        ("서나래 전 장관은 말했다.", {("서나래", "장관", None)}),
        # §5 politics
        (
            "더불어민주당 표세아 의원과 국민의힘 서가윤 원내대표가 만났다.",
            {("표세아", "의원", "더불어민주당"), ("서가윤", "원내대표", "국민의힘")},
        ),
        ("국민의힘 명도진 후보는 유세를 했다.", {("명도진", "후보", "국민의힘")}),
        # §7 titles without an organization
        ("곽은별 변호사는 말했다.", {("곽은별", "변호사", None)}),
    ],
)
def test_fused_titles_lists_modifiers_and_politics(text, posts):
    assert _posts(text) == posts


@pytest.mark.parametrize(
    ("text", "name", "outlet"),
    [
        ("(서울=연합뉴스) 한가람 기자 = 정부는 14일 발표했다.", "한가람", "연합뉴스"),
        ("[세종=뉴스핌] 서나래 기자 = 고용노동부는 14일 밝혔다.", "서나래", "뉴스핌"),
        ("[가나일보 명도진 기자] 경기도는 14일 밝혔다.", "명도진", "가나일보"),
    ],
)
def test_bylines_and_their_outlets(text, name, outlet):
    f = _facts(text)
    assert f.person(name).role == "byline"
    assert (name, "기자", outlet) in {(m.person, m.title, m.organization) for m in f.memberships}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("남궁가람 교수는 말했다.", "남궁가람"),  # a two-syllable surname
        ("한가람(韓佳藍) 가나대학교 교수가 강연했다.", "한가람"),  # hanja after the name
        ("마이클 스미스 가나전자 대표가 방한했다.", "마이클 스미스"),  # a foreign name in Hangul
        ("서나래 씨가 참석했다.", "서나래"),  # neither title nor organization
    ],
)
def test_name_shapes(text, name):
    assert [p.name for p in _facts(text).persons] == [name]


@pytest.mark.parametrize(
    ("text", "posts"),
    [
        # §10 organization shapes: English names, stock codes, (이하 …), units under parents
        ("LG Energy Solution 한가람 대표가 참석했다.", {("한가람", "대표", "LG Energy Solution")}),
        ("한가람 가나전자(005930) 대표가 참석했다.", {("한가람", "대표", "가나전자")}),
        (
            "중소벤처기업부(이하 중기부)는 밝혔다. 중기부 한가람 차관은 말했다.",
            {("한가람", "차관", "중소벤처기업부")},
        ),
        (
            "한가람 가나대학교 부총장 겸 산학협력단장이 발표했다.",
            {("한가람", "부총장", "가나대학교"), ("한가람", "단장", "산학협력단")},
        ),
        (
            "서나래 경남도 행정부지사와 한가람 창원시 제1부시장이 참석했다.",
            {("서나래", "행정부지사", "경남도"), ("한가람", "제1부시장", "창원시")},
        ),
        ("한가람 가나시장 당선인이 인수위를 꾸렸다.", {("한가람", "시장 당선인", "가나시")}),
    ],
)
def test_organization_shapes(text, posts):
    assert _posts(text) == posts


def test_a_unit_in_a_second_post_hangs_under_the_first_posts_organization():
    f = _facts("한가람 가나대학교 부총장 겸 산학협력단장이 발표했다.")
    assert f.organization("산학협력단").parent == "가나대학교"


@pytest.mark.parametrize(
    "line", ["한가람 / 세종", "한가람 han@example.com", "【서울=가나뉴스】한가람 기자 = 정부는"]
)
def test_byline_lines(line):
    f = _facts("정부는 14일 발표했다.\n" + line)
    assert f.person("한가람").role == "byline"


def test_places_venues_and_common_words_are_not_organizations():
    f = _facts(
        "서울 중구 대한상공회의소에서 열린 간담회는 그랜드호텔에서 이어졌다. 경기 침체가 길다."
    )
    assert [o.name for o in f.organizations] == ["대한상공회의소"]


def test_a_bare_title_takes_the_organization_the_text_is_about():
    f = _facts("충청남도는 27일 시상식을 열었다. 서나래 지사는 수상자를 격려했다.")
    assert [(m.person, m.title, m.organization, m.inferred) for m in f.memberships] == [
        ("서나래", "지사", "충청남도", "context")
    ]


def test_a_bare_title_takes_the_publisher():
    f = _facts("한가람 지사는 14일 도정 현안을 점검했다.", publisher="충청북도")
    assert [(m.person, m.title, m.organization, m.inferred) for m in f.memberships] == [
        ("한가람", "지사", "충청북도", "publisher")
    ]


def test_a_unit_named_alone_hangs_under_the_organization_the_text_is_about():
    f = _facts("가나대학교는 1일 보직 인사를 했다. 교학부총장에는 한가람 사회학과 교수가 임명됐다.")
    assert ("한가람", "교수", "사회학과") in {
        (m.person, m.title, m.organization) for m in f.memberships
    }
    assert f.organization("사회학과").parent == "가나대학교"


def test_career_posts_of_the_sentences_person():
    assert _posts("한가람 의원은 가나시의회 의장과 다라시의회 부의장을 지냈다.") == {
        ("한가람", "의원", None),
        ("한가람", "의장", "가나시의회"),
        ("한가람", "부의장", "다라시의회"),
    }


def test_career_posts_of_a_short_form():
    text = "한가람 가나시의회 의원이 사퇴했다. 한 의원은 다라위원회 위원장을 지냈다."
    assert ("한가람", "위원장", "다라위원회") in _posts(text)


def test_a_title_of_several_councils_is_not_given_one():
    text = "가나시의회와 다라시의회가 만났다. 한가람 의원은 말했다."
    assert _posts(text) == {("한가람", "의원", None)}


def test_rdf_marks_inferred_memberships_and_job_titles():
    f = _facts("충청남도는 27일 시상식을 열었다. 서나래 지사는 격려했다. 곽은별 변호사도 참석했다.")
    g = facts_to_graph([f])
    inferred = list(g.subjects(URIRef(KG + "inferred"), Literal(True)))
    assert len(inferred) == 1
    assert list(g.objects(inferred[0], URIRef(KG + "inferredFrom"))) == [Literal("context")]
    assert set(g.objects(None, SCHEMA_JOB)) == {Literal("변호사", lang="ko")}


def test_people_component_reads_the_lexicon_its_config_names(tmp_path):
    data = load_lexicon()  # the package data, copied: the component reads the copy's titles
    folder = tmp_path / "data"
    folder.mkdir()
    from importlib import resources

    for src in resources.files("kg").joinpath("data").iterdir():
        (folder / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "titles.txt").write_text("# only one\n가나장\n", encoding="utf-8")
    nlp = spacy.blank("xx")
    nlp.tokenizer = MeCabTokenizer(nlp.vocab)
    nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_people", config={"data_dir": str(folder)})
    doc = nlp("한가람 가나장이 말했다. 서나래 교수가 말했다.")
    names = [p.name for hits in doc._.kg_hits for p in hits.persons]
    assert names == ["한가람"] and "교수" in data.titles


def test_a_short_form_of_the_surnames_do_and_gu_is_the_person():
    for name in ("도한솔", "구한솔"):
        f = _facts(f"{name} 가나공사 대표가 참석했다. {name[0]} 대표는 인사말을 했다.")
        (person,) = f.persons
        assert [m.text for m in person.mentions] == [name, f"{name[0]} 대표"]


def test_a_foreign_short_form_is_one_mention():
    f = _facts("로버트 벨러미 가나공사 대표가 참석했다. 벨러미 대표는 인사말을 했다.")
    (person,) = [p for p in f.persons if p.name == "로버트 벨러미"]
    spans = [(m.start, m.end) for m in person.mentions]
    assert len(spans) == len(set(spans)) == 2


def test_a_career_verb_of_the_past_tense_governs_the_posts_before_it():
    assert ("한가람", "본부장", "기획본부") in _posts("한가람 대표는 가나공사 기획본부장을 거쳤다.")
