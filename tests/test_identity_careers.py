"""Identity across releases, second round (kg.resolve): candidacies with their office, former
posts, public offices of one place (progression), districts tied to their city, and inference
weighed below statement. Releases are invented summaries (invented people, real public bodies);
no text is read, so no spaCy.
"""

from __future__ import annotations

from test_identity import decision, features, nodes, release

from kg.model import Mention, Person, Release, ReleaseFacts, Span
from kg.resolve.summary import person_notes

# -- a candidacy and the office it is for ------------------------------------------------------


def test_a_candidate_for_an_office_who_holds_it_later_is_one_person():
    # 한가람 더불어민주당 청주시장 후보: 후보 of the party, and the office (시장 후보 of 청주시)
    a = release("a", ("한가람", "후보", "더불어민주당"), ("한가람", "시장 후보", "청주시"),
                date="2018-05-20")  # fmt: skip
    b = release("b", ("한가람", "시장", "청주시"), date="2019-08-12")
    record = decision(a, b)
    assert record["decision"] == "joined"
    assert features(record) == {"candidacy": 5.0, "same_place": 2.0}
    assert record["features"][0]["detail"] == "시장 후보 of 청주시 and 시장 of 청주시"
    # a candidate for another city's mayor is another person
    c = release("c", ("한가람", "후보", "더불어민주당"), ("한가람", "시장 후보", "충주시"),
                date="2018-05-20")  # fmt: skip
    record = decision(b, c)
    assert record["decision"] == "apart"
    assert features(record) == {"rival_post_apart": -5.0, "other_place": -2.0}


# -- former posts ------------------------------------------------------------------------------


def test_a_former_post_written_in_a_career_matches_the_post_held_in_another_release():
    a = release("a", ("한가람", "의장", "청주시의회"), date="2014-07-07")
    # 제7대 청주시의회 전반기 의장을 역임하고: kg.resolve.summary writes it 전 의장
    b = release("b", ("한가람", "도의원", "충청북도"), ("한가람", "전 의장", "청주시의회"),
                date="2026-02-04")  # fmt: skip
    record = decision(a, b)
    assert record["decision"] == "joined"
    assert (record["features"][0]["feature"], record["features"][0]["weight"]) == ("same_post", 8.0)
    assert record["features"][0]["detail"] == "의장 of 청주시의회 and 전 의장 of 청주시의회"


def test_a_provincial_seat_named_with_its_province_is_a_seat_of_its_council():
    # 한가람 충북도의원: 도의원 of 충청북도, which is 의원 of 충청북도의회
    a = release("a", ("한가람", "도의원", "충청북도"), date="2026-02-04")
    b = release("b", ("한가람", "의원", "충청북도의회"), date="2026-02-18")
    assert nodes([a, b]) == [["a", "b"]]
    b.roles = [("한가람", "의원", "충청북도의회", "context")]  # scored, not one at once
    assert features(decision(a, b)) == {"inferred_org": 5.0, "same_place": 2.0}


# -- public offices of one place ---------------------------------------------------------------


def test_a_city_councillor_later_a_provincial_councillor_for_its_district_is_one_career():
    a = release("a", ("한가람", "의원", "청주시의회"), date="2014-07-01")
    b = release(
        "b", ("한가람", "의원", "충청북도의회"), notes={"한가람": ["국민의힘", "청주3", "재선"]},
        date="2022-07-01",
    )  # fmt: skip
    record = decision(a, b)
    assert record["decision"] == "joined"
    assert features(record) == {"progression": 2.0, "same_place": 2.0}
    # for a district of another city it is another person
    c = release("c", ("한가람", "의원", "충청북도의회"), notes={"한가람": ["충주2"]},
                date="2022-07-01")  # fmt: skip
    record = decision(a, c)
    assert record["decision"] == "apart"
    assert features(record) == {"career": 1.0, "other_place": -2.0}


def test_a_mayor_later_a_lawmaker_for_a_seat_of_the_same_city_is_one_career():
    a = release("a", ("한가람", "시장", "청주시"), date="2016-07-13")
    b = release("b", ("한가람", "국회의원", "국회"), notes={"한가람": ["청주시갑"]},
                date="2025-12-07")  # fmt: skip
    record = decision(a, b)
    assert record["decision"] == "joined"
    assert features(record) == {"progression": 2.0, "same_place": 2.0}
    assert record["features"][0]["detail"] == "시장 of 청주시 and 의원 of 국회"
    # a post that is no public office of the place is no progression
    c = release("c", ("한가람", "주무관", "청주시"), date="2016-07-13")
    assert "progression" not in features(decision(b, c))


# -- districts ---------------------------------------------------------------------------------


def test_a_district_written_with_a_ditto_mark_is_of_the_city_written_before_it():
    text = "오른쪽부터 한가람(청주시갑)·두리안(〃을)·세나래(〃병) 의원."
    release_ = Release("r.txt", text, Span(0, len(text)))
    persons = [
        Person(name, [Mention(text.index(name), text.index(name) + 3, name, "PERSON")])
        for name in ("한가람", "두리안", "세나래")
    ]
    notes = person_notes(ReleaseFacts(release_, persons))
    assert notes == {"한가람": ["청주시갑"], "두리안": ["청주시을"], "세나래": ["청주시병"]}


def test_a_district_by_letter_is_of_the_city_of_the_council_the_release_names():
    # 한가람 의원(54·파선거구·4선) in a release naming 청주시의회 (and 국회: no body is inferred)
    a = release("a", ("한가람", "의원", None), orgs=["청주시의회", "국회"],
                notes={"한가람": ["54", "파선거구", "4선"]})  # fmt: skip
    b = release("b", ("한가람", "의원", "충주시의회"))
    assert features(decision(a, b)) == {"same_generic_title": 1.0, "other_place": -2.0}


# -- inference weighed below statement ---------------------------------------------------------


def test_an_inferred_body_weighs_less_against_a_stated_one():
    a = release("a", ("한가람", "총장", "충북대학교"), date="2023-03-01")
    b = release("b", ("한가람", "총장", "청주대학교"), date="2023-06-01")
    b.roles = [("한가람", "총장", "청주대학교", "context")]
    record = decision(a, b)
    assert (record["conflict"], features(record)) == (False, {"rival_post_inferred": -1.5})
    assert record["decision"] == "apart"


def test_an_inference_into_a_body_another_person_holds_says_little_of_the_body():
    # 우리 대학 한가람 총장, 청주대학교 두리안 부총장: the extraction read 총장 of 청주대학교
    a = release("a", ("한가람", "총장", "충북대학교"), orgs=["충북경제포럼", "청주상공회의소"])
    b = release("b", ("한가람", "총장", "청주대학교"), ("두리안", "부총장", "청주대학교"),
                orgs=["충북경제포럼", "청주상공회의소"])  # fmt: skip
    b.roles = [
        ("한가람", "총장", "청주대학교", "context"),
        ("두리안", "부총장", "청주대학교", None),
    ]
    record = decision(a, b)
    assert features(record) == {"same_title_contested": 1.5, "co_orgs": 1.0}
    assert record["features"][0]["detail"] == (
        "총장 of 충북대학교 and 총장 of 청주대학교 (청주대학교: context, contested)"
    )
    assert nodes([a, b]) == [["a"], ["b"]]
    assert nodes([a, b], identity="loose") == [["a", "b"]]


# -- the scorer on a folder of texts with their gold side by side ------------------------------


def test_the_scorer_reads_texts_and_gold_side_by_side_with_links_kept_apart(tmp_path):
    import importlib.util
    import json
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "identity_score.py"
    spec = importlib.util.spec_from_file_location("identity_score_side", script)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    texts = {"a": "한가람 청주시장은 말했다.", "b": "한가람 시장은 청주시에서 말했다.",
             "c": "한가람 충주시장은 말했다."}  # fmt: skip
    for stem, text in texts.items():
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
        city = "충주시" if stem == "c" else "청주시"
        gold = {"persons": [{"name": "한가람", "mentions": ["한가람"],
                             "affiliations": [{"title": "시장", "org": city}]}],
                "organizations": [{"name": city, "aliases": [], "type": "government"}]}  # fmt: skip
        (tmp_path / f"{stem}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    links = tmp_path.parent / "links.json"
    links.write_text(json.dumps({
        "same_person": [{"name": "한가람", "docs": ["a.txt", "b.txt"]}],
        "different_people": [{"name": "한가람", "groups": [["a.txt", "b.txt"], ["c.txt"]]}],
    }), encoding="utf-8")  # fmt: skip
    scores = scorer.identity_scores(tmp_path, gold=True, links=links)
    assert scores["same_person"] == {"pairs": 1, "joined": 1}
    assert scores["different_people"] == {"pairs": 2, "apart": 2}
