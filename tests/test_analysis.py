"""Exact facts about the actor network, its centralities and the ranking table.

The graphs are written by hand in the RDF vocabulary of docs/vocabulary.md; every name is
invented (홍길동, 가나도, ...).
"""

from __future__ import annotations

import doctest
import random
import sys
from fractions import Fraction

import networkx as nx
import pytest
import rdflib
from factories import TURTLE_PREFIXES
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.network.actors
import kg.network.centrality
import kg.network.ranking
from kg.network.actors import actor_network
from kg.network.centrality import centrality, centrality_table
from kg.render.tables import display_width, format_table, table_to_csv

PREFIXES = TURTLE_PREFIXES  # shared with the other graph tests (tests/factories.py)

P = "https://w3id.org/kg-press/id/person/"
ORGID = "https://w3id.org/kg-press/id/org/"
R = "https://w3id.org/kg-press/id/release/r1"

S1 = "홍길동 가나도지사는 김철수 다라대학교 교수와 만나 홍길동 지사의 계획을 설명했다."
S2 = "이영희 미래산업과장은 홍길동 지사를 보좌했다."
PARK_EVIDENCE = "박민수 국회의원은 축사를 했다."


def _mention(start: int, end: int, anchor: str, entity: str, sentence: str) -> str:
    return f"""
<{R}#char={start},{end}> a nif:String, nif:Phrase ;
    nif:beginIndex "{start}"^^xsd:nonNegativeInteger ;
    nif:endIndex "{end}"^^xsd:nonNegativeInteger ;
    nif:anchorOf "{anchor}" ; nif:referenceContext <{R}#context> ;
    nif:sentence <{R}#sentence={sentence}> ; itsrdf:taIdentRef {entity} ; kg:mentionLabel "X" .
"""


# One release of 가나도: four people, five organizations (one a unit, one never mentioned).
GANADO_TTL = (
    PREFIXES
    + f"""
release:r1 a kg:PressRelease ; dcterms:title "가나도, AI 세미나 개최"@ko ;
    dcterms:publisher orgid:gana ; kg:department orgid:unit ; dcterms:creator person:lee ;
    schema:mentions person:hong, person:kim, orgid:gana, orgid:univ .

person:hong a foaf:Person ; foaf:name "홍길동"@ko ; rdfs:label "홍길동"@ko .
person:kim  a foaf:Person ; foaf:name "김철수"@ko ; rdfs:label "김철수"@ko .
person:lee  a foaf:Person ; foaf:name "Lee Younghee"@en, "이영희"@ko .
person:park a foaf:Person ; foaf:name "박민수"@ko .

orgid:gana a org:Organization, kg:Government ; skos:prefLabel "가나도"@ko ;
    skos:altLabel "가나"@ko ; org:hasUnit orgid:unit .
orgid:unit a org:Organization, org:OrganizationalUnit, kg:Government ;
    skos:prefLabel "미래산업과"@ko ; org:unitOf orgid:gana .
orgid:univ a org:Organization, kg:University ; skos:prefLabel "다라대학교"@ko .
orgid:assembly a org:Organization, kg:Legislature ; skos:prefLabel "국회"@ko ;
    kg:impliedBy "국회의원"@ko .
orgid:news a org:Organization, kg:MediaOrganization ; skos:prefLabel "마바일보"@ko .

role:governor a org:Role ; skos:prefLabel "도지사"@ko .
role:professor a org:Role ; skos:prefLabel "교수"@ko .
role:head a org:Role ; skos:prefLabel "과장"@ko .
role:lead a org:Role ; skos:prefLabel "팀장"@ko .
role:member a org:Role ; skos:prefLabel "국회의원"@ko .

ms:hong a org:Membership ; org:member person:hong ; org:organization orgid:gana ;
    org:role role:governor ; prov:wasDerivedFrom release:r1 ; kg:evidenceText "{S1}"@ko .
ms:kim a org:Membership ; org:member person:kim ; org:organization orgid:univ ;
    org:role role:professor ; prov:wasDerivedFrom release:r1 ; kg:evidenceText "{S1}"@ko .
ms:lee1 a org:Membership ; org:member person:lee ; org:organization orgid:unit ;
    org:role role:head ; prov:wasDerivedFrom release:r1 ; kg:evidenceText "{S2}"@ko .
ms:lee2 a org:Membership ; org:member person:lee ; org:organization orgid:unit ;
    org:role role:lead ; prov:wasDerivedFrom release:r1 ; kg:evidenceText "{S2}"@ko .
ms:park a org:Membership ; org:member person:park ; org:organization orgid:assembly ;
    org:role role:member ; prov:wasDerivedFrom release:r1 ; kg:evidenceText "{PARK_EVIDENCE}"@ko .

<{R}#context> a nif:Context, nif:String ; nif:isString "{S1} {S2}" ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "70"^^xsd:nonNegativeInteger .
<{R}#sentence=0,44> a nif:Sentence, nif:String ; nif:anchorOf "{S1}" ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "44"^^xsd:nonNegativeInteger ;
    nif:referenceContext <{R}#context> .
<{R}#sentence=45,70> a nif:Sentence, nif:String ; nif:anchorOf "{S2}" ;
    nif:beginIndex "45"^^xsd:nonNegativeInteger ; nif:endIndex "70"^^xsd:nonNegativeInteger ;
    nif:referenceContext <{R}#context> .
"""
    + _mention(59, 62, "홍길동", "person:hong", "45,70")  # listed first, but offset 59
    + _mention(0, 3, "홍길동", "person:hong", "0,44")
    + _mention(4, 7, "가나도", "orgid:gana", "0,44")
    + _mention(11, 14, "김철수", "person:kim", "0,44")
    + _mention(15, 20, "다라대학교", "orgid:univ", "0,44")
    + _mention(27, 30, "홍길동", "person:hong", "0,44")  # second time in the same sentence
    + _mention(45, 48, "이영희", "person:lee", "45,70")
    + _mention(49, 54, "미래산업과", "orgid:unit", "45,70")
)


@pytest.fixture(scope="module")
def ganado() -> nx.Graph:
    return actor_network(rdflib.Graph().parse(data=GANADO_TTL, format="turtle"))


def _labels(G: nx.Graph) -> dict[str, str]:
    return {G.nodes[n]["label"]: n for n in G}


def test_actors_are_the_persons_and_organizations(ganado):
    assert sorted(_labels(ganado)) == sorted(
        [
            "홍길동",
            "김철수",
            "이영희",
            "박민수",
            "가나도",
            "미래산업과",
            "다라대학교",
            "국회",
            "마바일보",
        ]
    )
    assert set(ganado) == {P + p for p in ("hong", "kim", "lee", "park")} | {
        ORGID + o for o in ("gana", "unit", "univ", "assembly", "news")
    }


def test_person_attributes(ganado):
    assert ganado.nodes[P + "hong"] == {
        "label": "홍길동",
        "kind": "person",
        "org_type": None,
        "titles": ["도지사"],
        "organizations": ["가나도"],
        "sentence": S1,  # the mention at offset 0, not the one at 59 listed first
        "mentions": 3,
    }


def test_person_with_two_titles_in_one_unit_and_korean_name_preferred(ganado):
    lee = ganado.nodes[P + "lee"]
    assert (lee["label"], lee["titles"], lee["organizations"]) == (
        "이영희",
        ["과장", "팀장"],
        ["미래산업과"],
    )


def test_sentence_falls_back_to_membership_evidence(ganado):
    park = ganado.nodes[P + "park"]
    assert (park["sentence"], park["mentions"]) == (PARK_EVIDENCE, 0)
    # An organization takes the evidence of a membership in it.
    assert ganado.nodes[ORGID + "assembly"]["sentence"] == PARK_EVIDENCE


def test_organization_attributes(ganado):
    assert ganado.nodes[ORGID + "unit"] == {
        "label": "미래산업과",
        "kind": "organization",
        "org_type": "government",
        "titles": [],
        "organizations": ["가나도"],
        "sentence": S2,
        "mentions": 1,
    }
    assert ganado.nodes[ORGID + "univ"]["org_type"] == "university"
    assert ganado.nodes[ORGID + "assembly"]["org_type"] == "legislature"


def test_unmentioned_organization_stays_as_isolated_node(ganado):
    news = ganado.nodes[ORGID + "news"]
    assert (news["org_type"], news["sentence"], news["mentions"]) == ("media", "", 0)
    assert ganado.degree(ORGID + "news") == 0


def test_edges_weights_and_kinds(ganado):
    edges = {
        frozenset((ganado.nodes[u]["label"], ganado.nodes[v]["label"])): (d["kinds"], d["weight"])
        for u, v, d in ganado.edges(data=True)
    }
    both = ["co-mention", "membership"]
    assert edges == {
        frozenset(("홍길동", "가나도")): (both, 4.0),
        frozenset(("김철수", "다라대학교")): (both, 4.0),
        frozenset(("이영희", "미래산업과")): (both, 7.0),  # two memberships + one sentence
        frozenset(("박민수", "국회")): (["membership"], 3.0),
        frozenset(("미래산업과", "가나도")): (["unit"], 2.0),  # unitOf and hasUnit: one link
        frozenset(("홍길동", "김철수")): (["co-mention"], 1.0),  # 홍길동 twice: still one sentence
        frozenset(("홍길동", "다라대학교")): (["co-mention"], 1.0),
        frozenset(("가나도", "김철수")): (["co-mention"], 1.0),
        frozenset(("가나도", "다라대학교")): (["co-mention"], 1.0),
        frozenset(("홍길동", "이영희")): (["co-mention"], 1.0),
        frozenset(("홍길동", "미래산업과")): (["co-mention"], 1.0),
    }


@pytest.mark.parametrize(
    ("type_class", "org_type"),
    [
        ("kg:Government", "government"),
        ("kg:Legislature", "legislature"),
        ("kg:Company", "company"),
        ("kg:University", "university"),
        ("kg:PublicAgency", "public_agency"),
        ("kg:Association", "association"),
        ("kg:MediaOrganization", "media"),
        ("kg:OtherOrganization", "other"),
        ("org:FormalOrganization", "other"),  # no kg type class
    ],
)
def test_org_type_from_type_class(type_class, org_type):
    ttl = PREFIXES + f'orgid:x a org:Organization, {type_class} ; skos:prefLabel "가나상사"@ko .'
    G = actor_network(rdflib.Graph().parse(data=ttl, format="turtle"))
    assert G.nodes[ORGID + "x"]["org_type"] == org_type


def test_empty_graph_gives_empty_network():
    G = actor_network(rdflib.Graph())
    assert (len(G), G.number_of_edges()) == (0, 0)
    assert centrality(G) == {}
    assert centrality_table(G) == []


# --- centrality on tiny named graphs -------------------------------------------------------


def test_path_centrality_exact():
    G = nx.Graph()
    G.add_edge("홍길동", "가나도", weight=3.0)
    G.add_edge("가나도", "김철수", weight=3.0)
    c = centrality(G)
    assert c["가나도"]["degree"] == 1.0
    assert c["홍길동"]["degree"] == 0.5
    assert c["가나도"]["betweenness"] == 1.0
    assert c["홍길동"]["betweenness"] == 0.0
    assert c["가나도"]["pagerank"] == pytest.approx(float(Fraction(18, 37)), abs=1e-10)
    assert c["홍길동"]["pagerank"] == pytest.approx(float(Fraction(19, 74)), abs=1e-10)


def test_weighted_triangle_strong_ties_are_short_paths():
    # 가나도 -- 다라대학교 is a weak direct tie (length 1); through 홍길동 it is 1/3 + 1/3.
    G = nx.Graph()
    G.add_edge("가나도", "홍길동", weight=3.0)
    G.add_edge("홍길동", "다라대학교", weight=3.0)
    G.add_edge("가나도", "다라대학교", weight=1.0)
    c = centrality(G)
    assert c["홍길동"]["betweenness"] == 1.0
    assert c["가나도"]["betweenness"] == 0.0
    assert c["홍길동"]["degree"] == c["가나도"]["degree"] == 1.0
    # PageRank follows ties in proportion to weight: 55/131 and 38/131 (1/3 each if unweighted).
    assert c["홍길동"]["pagerank"] == pytest.approx(55 / 131, abs=1e-10)
    assert c["가나도"]["pagerank"] == pytest.approx(38 / 131, abs=1e-10)


def test_isolated_node_spreads_its_rank_evenly():
    G = nx.Graph()
    G.add_edge("홍길동", "가나도", weight=3.0)
    G.add_node("마바일보")
    c = centrality(G)
    assert c["마바일보"] == {
        "degree": 0.0,
        "betweenness": 0.0,
        "pagerank": pytest.approx(3 / 43, abs=1e-10),
    }
    assert c["홍길동"]["pagerank"] == pytest.approx(20 / 43, abs=1e-10)


def test_one_and_two_nodes():
    one = nx.Graph()
    one.add_node("홍길동")
    assert centrality(one) == {"홍길동": {"degree": 0.0, "betweenness": 0.0, "pagerank": 1.0}}
    two = nx.Graph()
    two.add_edge("홍길동", "가나도", weight=2.0)
    assert centrality(two)["홍길동"] == {
        "degree": 1.0,
        "betweenness": 0.0,
        "pagerank": pytest.approx(0.5),
    }
    apart = nx.Graph()
    apart.add_nodes_from(["홍길동", "가나도"])
    assert centrality(apart)["가나도"] == {
        "degree": 0.0,
        "betweenness": 0.0,
        "pagerank": pytest.approx(0.5),
    }


def test_non_positive_weight_is_named():
    G = nx.Graph()
    G.add_edge("홍길동", "가나도", weight=0.0)
    with pytest.raises(
        ValueError, match="tie '홍길동' -- '가나도' has weight 0.0; weights must be > 0"
    ):
        centrality(G)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=8).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(
                    st.integers(0, n - 1),
                    st.integers(0, n - 1),
                    st.sampled_from([1.0, 2.0, 3.0, 5.5]),
                ),
                max_size=15,
            ),
        )
    )
)
def test_pagerank_is_the_stationary_distribution(case):
    n, ties = case
    G = nx.Graph()
    G.add_nodes_from(range(n))
    for u, v, w in ties:
        if u != v:
            G.add_edge(u, v, weight=w)
    pr = {u: s["pagerank"] for u, s in centrality(G).items()}
    assert sum(pr.values()) == pytest.approx(1.0, abs=1e-9)
    out = {u: G.degree(u, weight="weight") for u in G}
    dangling = sum(pr[u] for u in G if out[u] == 0)
    for v in G:
        inflow = sum(pr[u] * d["weight"] / out[u] for u, d in G[v].items())
        assert pr[v] == pytest.approx(0.15 / n + 0.85 * (inflow + dangling / n), abs=1e-9)


# --- the ranking table ----------------------------------------------------------------------

PATH_TTL = (
    PREFIXES
    + """
person:hong a foaf:Person ; foaf:name "홍길동"@ko .
person:kim a foaf:Person ; foaf:name "김철수"@ko .
orgid:gana a org:Organization, kg:Government ; skos:prefLabel "가나도"@ko .
role:governor a org:Role ; skos:prefLabel "도지사"@ko .
role:director a org:Role ; skos:prefLabel "국장"@ko .
ms:hong a org:Membership ; org:member person:hong ; org:organization orgid:gana ;
    org:role role:governor .
ms:kim a org:Membership ; org:member person:kim ; org:organization orgid:gana ;
    org:role role:director .
"""
)


@pytest.fixture(scope="module")
def path_table() -> list[dict]:
    return centrality_table(actor_network(rdflib.Graph().parse(data=PATH_TTL, format="turtle")))


def test_centrality_table_rows(path_table):
    assert path_table == [
        {
            "rank": 1,
            "name": "가나도",
            "kind": "organization",
            "org_type": "government",
            "titles": "",
            "organizations": "",
            "degree": 1.0,
            "betweenness": 1.0,
            "pagerank": 0.4865,
            "mentions": 0,
        },
        # equal PageRank (19/74): by name, 김 before 홍
        {
            "rank": 2,
            "name": "김철수",
            "kind": "person",
            "org_type": None,
            "titles": "국장",
            "organizations": "가나도",
            "degree": 0.5,
            "betweenness": 0.0,
            "pagerank": 0.2568,
            "mentions": 0,
        },
        {
            "rank": 3,
            "name": "홍길동",
            "kind": "person",
            "org_type": None,
            "titles": "도지사",
            "organizations": "가나도",
            "degree": 0.5,
            "betweenness": 0.0,
            "pagerank": 0.2568,
            "mentions": 0,
        },
    ]


def test_titles_and_organizations_joined(ganado):
    row = next(r for r in centrality_table(ganado) if r["name"] == "이영희")
    assert (row["titles"], row["organizations"], row["mentions"]) == ("과장; 팀장", "미래산업과", 1)


def test_table_to_csv(path_table):
    assert table_to_csv(path_table) == (
        "rank,name,kind,org_type,titles,organizations,degree,betweenness,pagerank,mentions\n"
        "1,가나도,organization,government,,,1.0,1.0,0.4865,0\n"
        "2,김철수,person,,국장,가나도,0.5,0.0,0.2568,0\n"
        "3,홍길동,person,,도지사,가나도,0.5,0.0,0.2568,0\n"
    )


def test_table_to_csv_quotes_commas():
    row = {"rank": 1, "name": "가나도, 다라시", "titles": 'a "b"'}
    assert table_to_csv([row]).splitlines()[1] == '1,"가나도, 다라시",,,"a ""b""",,,,,'


def test_table_to_csv_of_no_rows_is_the_header():
    assert (
        table_to_csv([])
        == "rank,name,kind,org_type,titles,organizations,degree,betweenness,pagerank,mentions\n"
    )


def test_format_table_exact(path_table):
    assert format_table(path_table).splitlines() == [
        "rank  name    kind          org_type    titles  organizations  degree  betweenness "
        " pagerank  mentions",
        "----  ------  ------------  ----------  ------  -------------  ------  ----------- "
        " --------  --------",
        "   1  가나도  organization  government                         1.0000       1.0000 "
        "   0.4865         0",
        "   2  김철수  person                    국장    가나도         0.5000       0.0000 "
        "   0.2568         0",
        "   3  홍길동  person                    도지사  가나도         0.5000       0.0000 "
        "   0.2568         0",
    ]


def test_format_table_columns_line_up_on_screen(ganado):
    lines = format_table(centrality_table(ganado)).splitlines()
    # The "kind" column starts at the same screen column on every line.
    starts = set()
    for line in lines[2:]:
        prefix = line[: line.index("person") if "person" in line else line.index("organization")]
        starts.add(display_width(prefix))
    assert len(starts) == 1


def test_format_table_keeps_a_cell_on_one_line():
    out = format_table([{"rank": 1, "name": "홍길동\n(가나도)"}])
    assert out.splitlines()[2] == "   1  홍길동 (가나도)"


@pytest.mark.parametrize(
    ("text", "width"),
    [("가나도", 6), ("abc", 3), ("ＡＢ", 4), ("e\u0301", 1), ("홍길동 ab", 9), ("", 0)],
)
def test_display_width(text, width):
    assert display_width(text) == width


def test_doctests():
    modules = (kg.network.centrality, kg.network.ranking, kg.network.actors)
    results = [doctest.testmod(module) for module in modules]
    failed, attempted = sum(r.failed for r in results), sum(r.attempted for r in results)
    assert (failed, attempted >= 15) == (0, True)


EVENT_TTL = """
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix schema: <https://schema.org/> .
@prefix kg: <https://w3id.org/kg-press/ontology#> . @prefix ex: <http://example.org/> .
ex:a a foaf:Person ; foaf:name "가가가"@ko .
ex:b a foaf:Person ; foaf:name "나나나"@ko .
ex:c a foaf:Person ; foaf:name "다다다"@ko .
ex:d a foaf:Person ; foaf:name "라라라"@ko .
ex:gov a org:Organization, kg:Government ; skos:prefLabel "가나도"@ko .
ex:ev a schema:Event ; schema:organizer ex:gov ; schema:attendee ex:a ;
    schema:subEvent ex:p1, ex:p2, ex:panel .
ex:p1 a schema:Event ; kg:agendaKind "발제"@ko ; schema:performer ex:a .
ex:p2 a schema:Event ; kg:agendaKind "발제"@ko ; schema:performer ex:b .
ex:panel a schema:Event ; kg:agendaKind "종합토론"@ko ; kg:moderator ex:c ; kg:panelist ex:d .
"""


def test_event_ties():
    G = actor_network(rdflib.Graph().parse(data=EVENT_TTL, format="turtle"))
    ex = "http://example.org/"
    assert G.edges[ex + "a", ex + "b"] == {"kinds": ["co-presenter"], "weight": 1.5}
    assert G.edges[ex + "c", ex + "d"] == {"kinds": ["panel"], "weight": 2.0}
    assert G.edges[ex + "gov", ex + "a"] == {"kinds": ["organizer-attendee"], "weight": 1.0}
    assert G.number_of_edges() == 3


def test_betweenness_is_sampled_past_the_limit_and_stays_repeatable(monkeypatch):
    from kg.network import centrality as analysis

    G = nx.path_graph([f"n{i}" for i in range(12)])
    nx.set_edge_attributes(G, 1.0, "weight")
    exact = analysis.centrality(G)
    monkeypatch.setattr(analysis, "EXACT_BETWEENNESS_LIMIT", 5)
    monkeypatch.setattr(analysis, "BETWEENNESS_BUDGET", 66)  # 11 ties: 6 sources
    first, second = analysis.centrality(G), analysis.centrality(G)
    assert first == second  # a fixed seed: the same estimate on every run
    assert {u: s["pagerank"] for u, s in first.items()} == {
        u: s["pagerank"] for u, s in exact.items()
    }
    assert first["n0"]["betweenness"] == 0.0  # an end of the path lies on no shortest path


def test_the_page_draws_the_most_central_actors_first(monkeypatch):
    import kg.render.page_data
    from kg.render.html import render_html

    G = nx.star_graph(["hub", "a", "b", "c"])
    for node in G:
        G.nodes[node].update(label=node, kind="person", org_type=None)
    scores = centrality(G)
    monkeypatch.setattr(kg.render.page_data, "MAX_DRAWN_ACTORS", 2)
    data = kg.render.page_data.page_data(G, scores)
    assert data["actors"]["label"][: data["drawn"]] == ["hub", "a"]
    monkeypatch.undo()
    assert "처음에는" not in render_html(G, "t", scores)  # every actor drawn: no such note


# --- betweenness: exact against NetworkX, estimated past EXACT_BETWEENNESS_LIMIT ------------


def _networkx_betweenness(G: nx.Graph, **kwargs) -> dict:
    """What centrality computed before: NetworkX on a graph of tie lengths 1 / weight."""
    distance = nx.Graph()
    distance.add_nodes_from(G)
    for u, v, weight in G.edges(data="weight", default=1.0):
        distance.add_edge(u, v, distance=1.0 / weight)
    return nx.betweenness_centrality(distance, weight="distance", normalized=True, **kwargs)


def _weighted(G: nx.Graph, weights=(1.0, 1.5, 2.0, 3.0, 4.0), seed: int = 0) -> nx.Graph:
    rng = random.Random(seed)
    for _, _, data in G.edges(data=True):
        data["weight"] = rng.choice(weights)
    return G


def _scrambled(seed: int) -> nx.Graph:
    """Korean names, nodes and ties added in unrelated orders, a self-loop, an isolated actor."""
    rng = random.Random(seed)
    names = [
        f"{family}{given}" for family in "김이박최정" for given in ("철수", "영희", "민수", "길동")
    ]
    G = nx.Graph()
    G.add_nodes_from(rng.sample(names, len(names)))
    for _ in range(40):
        weight = rng.choice([1.0, 1.5, 2.0, 3.0, 5.5, 7])
        G.add_edge(rng.choice(names), rng.choice(names), weight=weight)
    G.add_edge("김철수", "김철수", weight=2.0)
    G.add_node("마바일보")
    return G


@pytest.mark.parametrize(
    "G",
    [
        _weighted(nx.karate_club_graph()),
        nx.les_miserables_graph(),  # integer weights 1 .. 31
        _weighted(nx.florentine_families_graph(), weights=(1.0, 2.0)),  # many equal paths
        _weighted(nx.gnm_random_graph(60, 150, seed=3), weights=(1.0, 3.0, 10.0, 0.3)),
        _weighted(nx.connected_watts_strogatz_graph(200, 6, 0.2, seed=4)),
        _scrambled(5),
        _scrambled(6),
    ],
    ids=[
        "karate",
        "les-miserables",
        "florentine",
        "gnm",
        "watts-strogatz",
        "scrambled5",
        "scrambled6",
    ],
)
def test_exact_betweenness_is_networkx_to_the_last_bit(G):
    expected = _networkx_betweenness(G)
    assert {u: s["betweenness"] for u, s in centrality(G).items()} == expected


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 9), st.integers(0, 9), st.sampled_from([1.0, 2.0, 3.0, 0.1, 1 / 3, 7])
        ),
        max_size=25,
    )
)
def test_exact_betweenness_equals_networkx_on_any_small_graph(ties):
    G = nx.Graph()
    G.add_weighted_edges_from(ties)
    assert {u: s["betweenness"] for u, s in centrality(G).items()} == _networkx_betweenness(G)


@pytest.fixture(scope="module")
def large() -> nx.Graph:
    """1,200 actors, 2,400 ties: past EXACT_BETWEENNESS_LIMIT."""
    G = nx.connected_watts_strogatz_graph(1200, 4, 0.1, seed=7)
    return _weighted(G, weights=(1.0, 2.0, 4.0))


def test_estimate_without_igraph_is_networkx_sample_to_the_last_bit(large, monkeypatch):
    monkeypatch.setitem(sys.modules, "igraph", None)  # import igraph fails
    monkeypatch.setattr(kg.network.centrality, "BETWEENNESS_BUDGET", 16 * 2400)  # 16 sources
    expected = _networkx_betweenness(large, k=16, seed=0)
    assert {u: s["betweenness"] for u, s in centrality(large).items()} == expected


def test_igraph_estimate_agrees_with_networkx_sample(large, monkeypatch):
    pytest.importorskip("igraph")
    monkeypatch.setattr(kg.network.centrality, "BETWEENNESS_BUDGET", 40 * 2400)  # 40 sources
    expected = _networkx_betweenness(large, k=40, seed=0)
    # Tie lengths 1, 1/2, 1/4 add up exactly: igraph finds the same shortest paths.
    got = {u: s["betweenness"] for u, s in centrality(large).items()}
    assert got == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_estimate_ranks_the_broker_between_two_cliques_first_on_every_run():
    # Two cliques of 505 actors (254,520 ties: 19 sources) joined only through "broker".
    G = nx.complete_graph(505)
    G.add_edges_from((505 + u, 505 + v) for u, v in nx.complete_graph(505).edges)
    G.add_edges_from(("broker", v) for v in (0, 1, 2, 505, 506, 507))
    nx.set_edge_attributes(G, 1.0, "weight")
    first, second = centrality(G), centrality(G)
    assert first == second
    ranked = sorted(G, key=lambda u: -first[u]["betweenness"])
    assert ranked[0] == "broker"
    # Every path from one clique to the other passes the broker: 2 * 505**2 of the 1010 * 1009
    # ordered pairs. Each sampled source sees its 505 of them, so the estimate is exact here.
    assert first["broker"]["betweenness"] == pytest.approx(505 / 1009, rel=1e-12)
    assert first[ranked[1]]["betweenness"] < first["broker"]["betweenness"] / 2
