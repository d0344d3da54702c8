"""The posts identity needs of a text (issue 11, second round): former posts of career
sentences and 전, the office a candidacy is for, and a title after the publisher's own name for
itself (우리 대학). Invented sentences, real public bodies; exact facts."""

from __future__ import annotations

from kg.facts.release import release_facts
from kg.model import Release, Span
from kg.resolve.summary import summarize


def _facts(text: str, **meta):
    return release_facts(
        Release(path="<test>", text=text + "\n", body=Span(0, len(text) + 1), **meta)
    )


def _posts(text: str, **meta) -> set[tuple]:
    """(person, title, organization, former) of every membership."""
    return {(m.person, m.title, m.organization, m.former) for m in _facts(text, **meta).memberships}


def test_the_posts_a_career_verb_governs_are_former_and_a_current_one_is_not():
    text = (
        "청주시 흥덕구 출신인 한가람 신임 회장은 제7대 청주시의회 전반기 의장을 역임하고 "
        "현재 재선의 충북도의회 의원으로 활동하고 있다."
    )
    posts = _posts(text)
    assert ("한가람", "의장", "청주시의회", True) in posts
    assert not any(org == "충북도의회" for _, _, org, _ in posts)


def test_posts_listed_before_a_career_verb_share_it():
    assert _posts("한가람 교수는 청주대 총장, 충북도 교육감 등을 역임했다.") >= {
        ("한가람", "총장", "청주대", True),
        ("한가람", "교육감", "충북도", True),
    }
    assert _posts("한가람 의원은 청주시의회 의장과 충주시의회 부의장을 지냈다.") == {
        ("한가람", "의원", None, False),
        ("한가람", "의장", "청주시의회", True),
        ("한가람", "부의장", "충주시의회", True),
    }


def test_a_fused_title_a_career_verb_governs_and_posts_before_the_name():
    assert ("한가람", "도의원", "충북도", True) in _posts(
        "한가람 시장은 2010년부터 충북도의원을 역임했다."
    )
    assert _posts("충북도의원을 지낸 한가람 위원장은 말했다.") == {
        ("한가람", "위원장", None, False),
        ("한가람", "도의원", "충북도", True),
    }
    posts = _posts("청주대 총학생회장 출신인 한가람 시장은 말했다.")
    assert ("한가람", "시장", None, False) in posts
    assert any(t == "회장" and former for _, t, _, former in posts)


def test_the_career_of_a_short_form_is_former():
    text = (
        "한가람 충북도의회 의원이 사퇴했다. 청주시의회는 말했다. "
        "한 의원은 청주시의회 의장을 지냈다."
    )
    assert ("한가람", "의장", "청주시의회", True) in _posts(text)


def test_a_title_after_jeon_is_a_former_post():
    assert _posts("한가람 전 청주시장이 말했다.") == {("한가람", "시장", "청주시", True)}


def test_a_summary_writes_a_former_post_with_jeon():
    summary = summarize(_facts("충북도의원을 지낸 한가람 위원장은 말했다."))
    assert ("한가람", "전 도의원", "충북도", None) in summary.roles


def test_a_candidacy_keeps_the_office_it_is_for():
    f = _facts("한가람 더불어민주당 청주시장 후보가 개소식을 열었다.")
    (m,) = f.memberships
    assert (m.person, m.title, m.organization) == ("한가람", "후보", "더불어민주당")
    assert (m.office, m.office_organization) == ("시장", "청주시")
    assert summarize(f).roles == [
        ("한가람", "후보", "더불어민주당", None),
        ("한가람", "시장 후보", "청주시", None),
    ]


def test_the_publisher_naming_itself_is_not_another_body_of_the_text():
    # With no publisher known, 우리 대학 is a node of its own (never merged across releases by
    # its name: kg.resolve.organizations), not the other university the sentence names.
    text = "협약식에는 우리 대학 한가람 총장, 충북대학교 두리안 부총장 등이 참석했다."
    assert ("한가람", "총장", "우리 대학", False) in _posts(text)
    assert ("한가람", "총장", "청주대학교", False) in _posts(text, publisher="청주대학교")


def test_rdf_marks_a_former_post_and_the_shapes_allow_it():
    from rdflib import Literal, URIRef
    from rdflib.namespace import ORG, SKOS

    from kg.rdf.mapping import facts_to_graph
    from kg.rdf.validate import validate
    from kg.rdf.vocab import KG

    g = facts_to_graph([_facts("충북도의원을 지낸 한가람 위원장은 말했다.")])
    (former,) = g.subjects(URIRef(KG + "former"), Literal(True))
    (role,) = g.objects(former, ORG.role)
    assert g.value(role, SKOS.prefLabel) == Literal("도의원", lang="ko")
    assert validate(g).conforms
