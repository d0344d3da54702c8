"""The data graph.html carries (kg.render.page_data): actors by rank with their kind, sectors and
names, each text once, and each release's facts as rows. Invented names only."""

from __future__ import annotations

import networkx as nx
import pytest

import kg.render.page_data
from kg.network.details import ActorDetails, Appearance, Post, ReleaseDetails, Said
from kg.render.html import PALETTE
from kg.render.page_data import page_data

KEYS = list(kg.render.page_data.KINDS)
SHARED = "가나도와 다라대학교는 3일 협약을 맺었다."


def graph() -> nx.Graph:
    G = nx.Graph()
    G.add_node("o:gana", label="가나도", kind="organization", org_type="government", mentions=2)
    G.add_node(
        "o:dara",
        label="다라대학교",
        kind="organization",
        org_type="university",
        alt_labels=["다라대"],
        sentence=f"  {SHARED}\n",
    )
    G.add_node(
        "p:hong", label="홍길동", kind="person", titles=["교수"], organizations=["다라대학교"]
    )
    G.add_node("p:lone", label="세나래", kind="person")
    G.add_edge("o:gana", "o:dara", kinds=["co-mention"], weight=1.0)
    G.add_edge("p:hong", "o:dara", kinds=["membership", "co-mention"], weight=4.0)
    G.add_edge("p:hong", "p:lone", kinds=["co-mention"], weight=1.5)
    return G


def details() -> list[ReleaseDetails]:
    return [
        ReleaseDetails(
            "https://w3id.org/kg-press/id/release/1",
            "가나도 협약",
            "2024-03-03",
            (SHARED, "홍길동 교수는 “함께 하겠다”고 말했다."),
            {
                "o:gana": ActorDetails(
                    ("가나특별자치도", "가나도"),
                    0,
                    None,
                    (),
                    (Said("plan", "협약 이행", 0),),
                    (Appearance("협약식", "organizer", None, None, "2024-03-03", 0),),
                ),
                "o:dara": ActorDetails(("다라대학교",), 0),
                "p:hong": ActorDetails(
                    ("홍길동",),
                    1,
                    "author",
                    (Post("교수", "o:dara", 1),),
                    (Said("quote", "함께 하겠다", 1),),
                ),
                "p:gone": ActorDetails(("두리안",), 1),  # not an actor of the graph: left out
            },
        ),
        ReleaseDetails(
            "https://w3id.org/kg-press/id/release/2",
            "다라대학교 세미나",
            "2024-05-01",
            (SHARED,),
            {
                "o:dara": ActorDetails(
                    ("다라대",),
                    None,
                    None,
                    (),
                    (),
                    (Appearance("세미나", "attendee", "종합토론", "혁신", None, 0),),
                )
            },
        ),
    ]


@pytest.fixture(scope="module")
def data() -> dict:
    G = graph()
    scores = {u: {"pagerank": p} for u, p in zip(G, (0.3, 0.4, 0.2, 0.1), strict=True)}
    return page_data(G, scores, details())


def test_actors_are_numbered_by_rank_with_their_kind_and_sectors(data):
    actors = data["actors"]
    assert actors["label"] == ["다라대학교", "가나도", "홍길동", "세나래"]
    assert actors["kind"] == [KEYS.index("university"), KEYS.index("government"), 0, 0]
    # a person's sectors are its organizations' (a membership tie); with none, "other"
    assert actors["sector"] == [
        1 << KEYS.index("university"),
        1 << KEYS.index("government"),
        1 << KEYS.index("university"),
        1 << KEYS.index("other"),
    ]
    assert actors["degree"] == [2, 1, 2, 1]
    assert actors["iri_base"] == "" and actors["iri"] == ["o:dara", "o:gana", "p:hong", "p:lone"]


def test_every_text_is_stored_once(data):
    texts = data["texts"]
    assert texts.count(SHARED) == 1  # an actor's sentence and two releases' sentence
    assert texts[data["actors"]["sentence"][0]] == SHARED  # whitespace made one space
    assert [texts[t] for t in data["actors"]["titles"][2]] == ["교수"]
    assert len(texts) == len(set(texts))


def test_the_other_forms_of_a_name_are_searchable(data):
    # from the graph's alt_labels and from the forms each release writes
    assert data["actors"]["forms"] == [[0, "다라대"], [1, "가나특별자치도"]]


def test_each_release_is_a_row_of_its_facts(data):
    texts, rows = data["texts"], data["details"]["releases"]
    number = {text: k for k, text in enumerate(texts)}
    said = data["details"]["said"].index
    role = data["details"]["roles"].index
    first, second = rows
    assert first[:3] == ["가나도 협약", "2024-03-03", "https://w3id.org/kg-press/id/release/1"]
    assert first[3] == [number[SHARED], number["홍길동 교수는 “함께 하겠다”고 말했다."]]
    assert first[4] == [
        [
            1,
            0,
            "",
            [],
            [[said("plan"), number["협약 이행"], 0]],
            [[number["협약식"], role("organizer"), -1, -1, "", 0]],
        ],  # "": on the release's date
        [0, 0],  # trailing empty fields left out
        [2, 1, "author", [[number["교수"], 0, 1]], [[said("quote"), number["함께 하겠다"], 1]]],
    ]
    assert second[3] == [number[SHARED]]
    assert second[4] == [
        [
            0,
            -1,
            "",
            [],
            [],
            [[number["세미나"], role("attendee"), number["종합토론"], number["혁신"], "", 0]],
        ]
    ]
    assert data["details"]["days"] == ["2024-03-03", "2024-05-01"]


def test_kinds_are_the_colours_of_the_legend():
    assert kg.render.page_data.KINDS == tuple(PALETTE)


def test_lists_are_cut_in_the_page_not_in_the_data(data):
    assert data["listed"] == kg.render.page_data.MAX_LISTED == 20
    assert data["neighbours"] == kg.render.page_data.NEIGHBOURS


def test_without_details_there_is_no_details_block():
    G = graph()
    scores = {u: {"pagerank": 0.25} for u in G}
    data = page_data(G, scores)
    assert "details" not in data and data["actors"]["forms"] == [
        [data["actors"]["label"].index("다라대학교"), "다라대"]
    ]
