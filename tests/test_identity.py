"""Identity across releases (kg.resolve.identity): each feature of a pair, the four cases of
issue 11, clustering without chaining, and the modes. Releases are invented summaries (invented
people, real public bodies); no text is read, so no spaCy.
"""

from __future__ import annotations

import pytest

from kg.errors import IdentityModeError
from kg.resolve.config import identity_config
from kg.resolve.evidence import Profile
from kg.resolve.features import compare
from kg.resolve.resolution import resolve
from kg.resolve.summary import OrgEntry, ReleaseSummary

KINDS = {"국회": "legislature", "청주시의회": "legislature", "충주시의회": "legislature",
         "충청북도의회": "legislature", "충북도의회": "legislature", "충북대학교": "university",
         "청주대학교": "university", "국민의힘": "other", "더불어민주당": "other",
         "청주상공회의소": "association", "충북경제포럼": "association"}  # fmt: skip


def release(path: str, *roles, **context) -> ReleaseSummary:
    """A release naming ``roles`` (person, title, organization); ``context`` may give its
    ``date``, other ``orgs`` and ``people``, ``notes`` and ``events``."""
    named = list(dict.fromkeys([o for _, _, o in roles if o] + list(context.get("orgs", []))))
    persons = list(dict.fromkeys([p for p, _, _ in roles] + list(context.get("people", []))))
    return ReleaseSummary(
        path=path,
        iri=f"https://w3id.org/kg-press/id/release/{path}",
        organizations=[OrgEntry(o, KINDS.get(o, "government"), [], None, []) for o in named],
        referenced=[],
        person_names=persons,
        person_spans={p: [] for p in persons},
        memberships=[(p, o) for p, _, o in roles if o],
        date=context.get("date"),
        roles=[(p, t, o, None) for p, t, o in roles],
        notes=context.get("notes", {}),
        events=list(context.get("events", [])),
    )


def nodes(summaries, name="한가람", identity="default") -> list[list[str]]:
    """The releases of each node of ``name``."""
    res = resolve(summaries, identity=identity)
    found = {}
    for (rel, written), key in res.person_of.items():
        if written == name:
            found.setdefault(key, []).append(rel)
    return sorted(sorted(v) for v in found.values())


def decision(a: ReleaseSummary, b: ReleaseSummary, name="한가람", identity="default") -> dict:
    """The scored decision of the pair of releases (joined or kept apart)."""
    res = resolve([a, b], identity=identity)
    node = res.person(a.path, name)
    (record,) = node.decisions
    return record


def features(record: dict) -> dict[str, float]:
    return {f["feature"]: f["weight"] for f in record["features"]}


# -- the four cases of issue 11 --------------------------------------------------------------


def test_a_governor_named_with_and_without_the_province_is_one_person():
    a = release("a", ("한가람", "도지사", "충청북도"), date="2024-03-02")
    # 한가람 충북지사: the title names the province (충북 is a form of 충청북도)
    b = release("b", ("한가람", "충북지사", None), date="2024-05-10")
    record = decision(a, b)
    assert record["decision"] == "joined"
    assert features(record) == {"same_post": 8.0, "same_place": 2.0}
    assert record["features"][0]["detail"] == "도지사 of 충청북도 and 지사 of 충북도"
    # 한가람 지사 in a release whose only province is 충청북도: its body is inferred
    c = release("c", ("한가람", "지사", None), orgs=["충청북도"], date="2024-06-01")
    record = decision(a, c)
    assert record["decision"] == "joined"
    assert features(record)["inferred_org"] == 5.0
    assert "(충청북도: release)" in record["features"][0]["detail"]
    assert nodes([a, b, c]) == [["a", "b", "c"]]


def test_a_lawmaker_named_as_uiwon_and_as_gukhoe_uiwon_beside_the_same_rival_is_one_person():
    a = release("a", ("한가람", "의원", None), ("세나래", "의원", None),
                notes={"한가람": ["국민의힘", "청주시갑"]}, date="2024-03-02")  # fmt: skip
    b = release("b", ("한가람", "국회의원", "국회"), ("세나래", "국회의원", "국회"),
                notes={"한가람": ["청주시갑", "재선"]}, date="2024-04-01")  # fmt: skip
    record = decision(a, b)
    assert record["decision"] == "joined"
    assert features(record) == {"same_generic_title": 1.0, "same_place": 2.0, "co_person": 1.5}
    # the same name beside another rival, for another district, is another lawmaker
    c = release("c", ("한가람", "의원", None), ("두리안", "의원", None),
                notes={"한가람": ["충주시을"]}, date="2024-03-02")  # fmt: skip
    record = decision(b, c)
    assert record["decision"] == "apart"
    assert features(record) == {"same_generic_title": 1.0, "other_place": -2.0}


def test_two_mayors_of_two_cities_with_one_name_are_two_people():
    a = release("a", ("한가람", "시장", "청주시"), date="2024-03-02")
    b = release("b", ("한가람", "시장", "충주시"), date="2024-09-01")
    record = decision(a, b)
    assert (record["decision"], record["conflict"]) == ("apart", True)
    assert features(record) == {"rival_post": -10.0, "other_place": -2.0}
    assert record["features"][0]["detail"] == "시장 of 청주시 and 시장 of 충주시"
    res = resolve([a, b])
    assert res.person("a", "한가람").reasons == [
        "kept apart from the 한가람 of 충주시: 한가람 in a and b: conflicting posts, score -12.0 "
        "(threshold 4.0): rival_post 시장 of 청주시 and 시장 of 충주시 (-10.0); other_place 청주 "
        "and 충주 (-2.0)"
    ]


def test_one_person_holding_two_posts_at_different_dates_is_one_person_when_a_release_says_so():
    a = release("a", ("한가람", "시장", "청주시"), date="2016-05-02")
    # eight years on, 국회의원, and the release says he was 청주시장 (전 청주시장)
    b = release("b", ("한가람", "국회의원", "국회"), notes={"한가람": ["국민의힘", "전 청주시장"]},
                date="2024-05-02")  # fmt: skip
    record = decision(a, b)
    assert record["decision"] == "joined"
    assert record["features"][0] == {
        "feature": "same_post", "weight": 8.0, "detail": "시장 of 청주시 and 전 시장 of 청주시"
    }  # fmt: skip
    # without that, two posts with nothing in common are two people
    c = release("c", ("한가람", "국회의원", "국회"), date="2024-05-02")
    res = resolve([a, c])
    mayor = res.person("a", "한가람")
    assert mayor is not res.person("c", "한가람")
    assert mayor.reasons == [
        "kept apart from 1 other 한가람: no title, organization, place, party or event in common "
        "to compare"
    ]


# -- each feature ------------------------------------------------------------------------------


def test_same_org_joins_different_posts_of_one_body():
    a = release("a", ("한가람", "의원", "청주시의회"))
    b = release("b", ("한가람", "의장", "청주시의회"))
    assert features(decision(a, b)) == {"same_org": 6.0, "same_place": 2.0}


def test_an_organization_the_extraction_inferred_counts_as_inferred():
    a = release("a", ("한가람", "총장", "충북대학교"))
    b = release("b", ("한가람", "총장", "충북대학교"))
    b.roles = [("한가람", "총장", "충북대학교", "publisher")]
    record = decision(a, b)
    assert features(record) == {"inferred_org": 5.0}
    assert record["features"][0]["detail"] == "총장 of 충북대학교 in both (충북대학교: publisher)"


def test_no_organization_is_inferred_where_the_release_has_two_that_fit_or_another_holds_it():
    a = release("a", ("한가람", "시장", "청주시"))
    two = release("b", ("한가람", "시장", None), orgs=["청주시", "충주시"])
    assert features(decision(a, two)) == {"same_title": 3.0}
    held = release("c", ("한가람", "시장", None), ("두리안", "부시장", "청주시"))
    assert features(decision(a, held)) == {"same_title": 3.0}


def test_a_common_title_weighs_less_than_a_head_title():
    a = release("a", ("한가람", "교수", "충북대학교"))
    b = release("b", ("한가람", "교수", None))
    assert features(decision(a, b)) == {"same_generic_title": 1.0}
    c = release("c", ("한가람", "총장", "충북대학교"))
    d = release("d", ("한가람", "총장", None))
    assert features(decision(c, d)) == {"same_title": 3.0}


def test_one_holder_in_the_country_makes_the_same_post():
    a = release("a", ("한가람", "대통령", None))
    b = release("b", ("한가람", "대통령", None))
    assert features(decision(a, b)) == {"same_post": 8.0}


def test_the_body_of_one_named_in_the_other_release_with_its_post_free():
    a = release("a", ("한가람", "의장", "청주시의회"))
    b = release("b", ("한가람", "회장", "청주상공회의소"), orgs=["청주시의회"])
    assert features(decision(a, b)) == {"unrelated_posts": -1.5, "org_named": 2.0}
    taken = release("c", ("한가람", "회장", "청주상공회의소"), ("두리안", "의장", "청주시의회"))
    assert features(decision(a, taken)) == {"unrelated_posts": -1.5}


def test_party_agreement_and_disagreement():
    a = release("a", ("한가람", "위원", None), ("한가람", None, "국민의힘"), date="2024-01-01")
    b = release("b", ("한가람", "위원", None), notes={"한가람": ["국힘"]}, date="2024-02-01")
    assert features(decision(a, b)) == {"same_generic_title": 1.0, "same_party": 2.0}
    c = release("c", ("한가람", "위원", None), ("한가람", None, "더불어민주당"), date="2025-01-01")
    assert features(decision(a, c)) == {"same_generic_title": 1.0, "other_party": -4.0}
    d = release("d", ("한가람", "위원", None), ("한가람", None, "더불어민주당"), date="2032-01-01")
    assert features(decision(a, d)) == {"same_generic_title": 1.0, "other_party_later": -1.0}
    # a party renamed is the same party (one lineage)
    e = release("e", ("한가람", "위원", None), notes={"한가람": ["새누리당"]}, date="2015-01-01")
    assert features(decision(a, e))["same_party"] == 2.0


def test_people_organizations_and_events_around_them():
    around = {
        "people": ["두리안", "세나래"],
        "orgs": ["청주시", "충주시", "국회"],
        "events": [("가나 포럼", "포럼", "2024-03-02")],
    }
    a = release("a", ("한가람", "위원", None), **around)
    b = release("b", ("한가람", "위원", None), **around)
    record = decision(a, b)
    # 국회 is named everywhere: a national body of the lexicon does not count
    assert features(record) == {
        "same_generic_title": 1.0, "co_persons": 3.0, "co_orgs": 1.0, "same_event": 3.0
    }  # fmt: skip
    assert record["decision"] == "joined"


def test_surroundings_alone_never_join():
    a = release("a", ("한가람", None, None), people=["두리안", "세나래"], orgs=["청주시", "충주시"])
    b = release("b", ("한가람", None, None), people=["두리안", "세나래"], orgs=["청주시", "충주시"])
    assert nodes([a, b]) == [["a"], ["b"]]
    assert resolve([a, b]).person("a", "한가람").reasons == [
        "kept apart from 1 other 한가람: no title, organization, place, party or event in common "
        "to compare"
    ]
    # scored anyway, the two people and two cities named in both reach the threshold, and
    # still do not join: nothing is said of the person
    around = {
        "co_persons": {"두리안", "세나래"},
        "co_orgs": {"청주시": "청주시", "충주시": "충주시"},
    }
    comparison = compare(Profile([("a", "한가람")], **around), Profile([("b", "한가람")], **around),
                         identity_config())  # fmt: skip
    assert (comparison.score, comparison.personal) == (4.0, False)
    assert not comparison.joins(identity_config())


def test_a_common_title_in_two_bodies_of_one_kind_and_level():
    a = release("a", ("한가람", "의원", "청주시의회"))
    b = release("b", ("한가람", "의원", "충주시의회"))
    assert features(decision(a, b)) == {"other_org": -3.0, "other_place": -2.0}


def test_a_post_at_another_level_is_a_career():
    a = release("a", ("한가람", "의원", "청주시의회"), date="2014-07-01")
    b = release("b", ("한가람", "의원", "충청북도의회"), date="2022-07-01")
    record = decision(a, b)
    assert features(record) == {"career": 1.0}
    assert record["decision"] == "apart"
    # for a district of the same city it is a career in one place: tests/test_identity_careers.py


def test_rival_posts_years_apart_are_no_conflict_but_weigh_against():
    a = release("a", ("한가람", "총장", "충북대학교"), date="2010-03-01")
    b = release("b", ("한가람", "총장", "청주대학교"), date="2011-03-01")
    assert decision(a, b)["conflict"] is True
    c = release("c", ("한가람", "총장", "청주대학교"), date="2020-03-01")
    record = decision(a, c)
    assert (record["conflict"], features(record)) == (False, {"rival_post_apart": -5.0})


def test_heads_of_two_associations_do_not_conflict():
    a = release("a", ("한가람", "회장", "청주상공회의소"), date="2024-01-01")
    b = release("b", ("한가람", "회장", "충북경제포럼"), date="2024-02-01")
    record = decision(a, b)
    assert (record["conflict"], features(record)) == (False, {"unrelated_posts": -1.5})


# -- clustering --------------------------------------------------------------------------------


def test_a_weak_third_link_never_chains_two_people():
    a = release("a", ("한가람", "시장", "청주시"), people=["두리안"], date="2024-01-01")
    b = release("b", ("한가람", "시장", "충주시"), people=["세나래"], date="2024-01-01")
    # 한가람 시장 beside the people of both: joined to one of them, never to both
    c = release("c", ("한가람", "시장", None), people=["두리안", "세나래"], date="2024-01-01")
    assert nodes([a, b, c]) == [["a", "c"], ["b"]]
    res = resolve([a, b, c])
    (join,) = res.person("c", "한가람").decisions[:1]
    assert join["decision"] == "joined"


def test_a_cluster_whose_posts_conflict_is_split():
    # one body and title in common puts a and b together at once; c holds the rival post
    # beside a's, and joins nobody's cluster that would then hold both cities' mayors
    a = release(
        "a", ("한가람", "위원", "충북경제포럼"), ("한가람", "시장", "청주시"), date="2024-01-01"
    )
    b = release(
        "b", ("한가람", "위원", "충북경제포럼"), ("한가람", "시장", "충주시"), date="2024-01-01"
    )
    assert nodes([a, b]) == [["a"], ["b"]]


def test_the_same_name_twice_in_one_body_is_one_person_at_once():
    a = release("a", ("한가람", "교수", "충북대학교"))
    b = release("b", ("한가람", "교수", "충북대학교"))
    res = resolve([a, b])
    node = res.person("a", "한가람")
    assert node is res.person("b", "한가람")
    assert node.reasons == [
        "merged: 한가람 in a and b share 충북대학교: same_post 교수 in both (+8.0, threshold 4.0)"
    ]
    assert node.anchor == "충북대학교"


def test_anchors_of_one_name_are_unique():
    # two people of one name, both holding 국회 among their posts: each node its own anchor
    a = release("a", ("한가람", "의원", "국회"), ("한가람", "시장", "청주시"), date="2024-01-01")
    b = release("b", ("한가람", "의원", "국회"), ("한가람", "시장", "충주시"), date="2024-01-01")
    res = resolve([a, b])
    one, two = res.person("a", "한가람"), res.person("b", "한가람")
    assert one is not two
    assert {one.anchor, two.anchor} == {"국회", "충주시"}


def test_resolution_is_the_same_in_any_order():
    a = release("a", ("한가람", "시장", "청주시"), people=["두리안"], date="2024-01-01")
    b = release("b", ("한가람", "시장", "충주시"), people=["세나래"], date="2024-01-01")
    c = release("c", ("한가람", "시장", None), people=["두리안", "세나래"], date="2024-01-01")
    assert resolve([c, b, a]).to_dict() == resolve([a, b, c]).to_dict()


# -- modes ---------------------------------------------------------------------------------------


def test_strict_joins_only_a_shared_organization():
    a = release("a", ("한가람", "도지사", "충청북도"))
    b = release("b", ("한가람", "충북지사", None))
    assert nodes([a, b], identity="strict") == [["a"], ["b"]]
    assert nodes([a, b], identity="default") == [["a", "b"]]
    c = release("c", ("한가람", "교수", "충청북도"))
    assert nodes([a, c], identity="strict") == [["a", "c"]]


def test_an_unknown_mode_is_an_error():
    with pytest.raises(IdentityModeError, match="^lenient: no such identity mode; use one of "):
        resolve([], identity="lenient")
