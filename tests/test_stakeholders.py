"""Exact facts about the stakeholder networks, sector and community reports, time slices and
exports.

Two invented releases on different dates, written by hand in the vocabulary of
docs/vocabulary.md; every name is invented (홍길동, 가나도, ...).
"""

from __future__ import annotations

import datetime as dt
import doctest
from fractions import Fraction

import networkx as nx
import pytest
import rdflib
from conftest import run
from factories import TURTLE_PREFIXES
from rdflib.namespace import FOAF, RDF

import kg.network.stakeholders
from kg.errors import ExportFormatError
from kg.network.reports import communities, community_table, report, sector_table
from kg.network.slicing import release_dates, slice_by_date
from kg.network.stakeholders import (
    build_network,
    node_sectors,
    person_event_network,
    person_org_network,
    projected_network,
)
from kg.rdf.vocab import KG
from kg.render.export import edges_to_csv, export_network, scored_network

PREFIXES = TURTLE_PREFIXES  # shared with the other graph tests (tests/factories.py)

P = "https://w3id.org/kg-press/id/person/"
ORGID = "https://w3id.org/kg-press/id/org/"
R = "https://w3id.org/kg-press/id/release/"
E = "https://w3id.org/kg-press/id/event/"

# r1 (March): 홍길동 of 가나도, 김철수 of 다라전자, one NIF sentence naming both.
# r2 (May): 홍길동 again, 김철수 now also at 마바대학교, 이영희 at 마바대학교 and 다라전자,
# 박민수 of 국회, 정하나 with no organization, 사아일보 and 가나도's unit 미래과.
RELEASES_TTL = (
    PREFIXES
    + f"""
release:r1 a kg:PressRelease ; dcterms:title "가나도 봄 보도자료"@ko ;
    dcterms:issued "2024-03-05T10:00:00"^^xsd:dateTime ;
    schema:mentions person:hong, person:kim, orgid:gana, orgid:dara .
release:r2 a kg:PressRelease ; dcterms:title "가나도 여름 보도자료"@ko ;
    dcterms:issued "2024-05-20T09:30:00"^^xsd:dateTime ;
    schema:mentions person:hong, person:kim, person:lee, person:park, person:jung,
        orgid:gana, orgid:unit, orgid:assembly, orgid:univ, orgid:news .

person:hong a foaf:Person ; foaf:name "홍길동"@ko .
person:kim a foaf:Person ; foaf:name "김철수"@ko .
person:lee a foaf:Person ; foaf:name "이영희"@ko .
person:park a foaf:Person ; foaf:name "박민수"@ko .
person:jung a foaf:Person ; foaf:name "정하나"@ko .

orgid:gana a org:Organization, kg:Government ; skos:prefLabel "가나도"@ko ; org:hasUnit orgid:unit .
orgid:unit a org:Organization, org:OrganizationalUnit, kg:Government ;
    skos:prefLabel "미래과"@ko ; org:unitOf orgid:gana .
orgid:assembly a org:Organization, kg:Legislature ; skos:prefLabel "국회"@ko .
orgid:dara a org:Organization, kg:Company ; skos:prefLabel "다라전자"@ko .
orgid:univ a org:Organization, kg:University ; skos:prefLabel "마바대학교"@ko .
orgid:news a org:Organization, kg:MediaOrganization ; skos:prefLabel "사아일보"@ko .

role:governor a org:Role ; skos:prefLabel "도지사"@ko .
role:ceo a org:Role ; skos:prefLabel "대표"@ko .
role:professor a org:Role ; skos:prefLabel "교수"@ko .
role:adjunct a org:Role ; skos:prefLabel "겸임교수"@ko .
role:adviser a org:Role ; skos:prefLabel "자문위원"@ko .
role:member a org:Role ; skos:prefLabel "국회의원"@ko .

ms:hong1 a org:Membership ; org:member person:hong ; org:organization orgid:gana ;
    org:role role:governor ; prov:wasDerivedFrom release:r1 .
ms:kim1 a org:Membership ; org:member person:kim ; org:organization orgid:dara ;
    org:role role:ceo ; prov:wasDerivedFrom release:r1 .
ms:hong2 a org:Membership ; org:member person:hong ; org:organization orgid:gana ;
    org:role role:governor ; prov:wasDerivedFrom release:r2 .
ms:kim2 a org:Membership ; org:member person:kim ; org:organization orgid:univ ;
    org:role role:adjunct ; prov:wasDerivedFrom release:r2 .
ms:lee2 a org:Membership ; org:member person:lee ; org:organization orgid:univ ;
    org:role role:professor ; prov:wasDerivedFrom release:r2 .
ms:lee3 a org:Membership ; org:member person:lee ; org:organization orgid:dara ;
    org:role role:adviser ; prov:wasDerivedFrom release:r2 .
ms:park2 a org:Membership ; org:member person:park ; org:organization orgid:assembly ;
    org:role role:member ; prov:wasDerivedFrom release:r2 .

<{R}r1#context> a nif:Context, nif:String ; prov:wasDerivedFrom release:r1 .
<{R}r1#sentence=0,20> a nif:Sentence, nif:String ;
    nif:anchorOf "홍길동 지사와 김철수 대표가 만났다." ;
    nif:referenceContext <{R}r1#context> .
<{R}r1#char=0,3> a nif:String, nif:Phrase ; nif:beginIndex "0"^^xsd:nonNegativeInteger ;
    nif:referenceContext <{R}r1#context> ; nif:sentence <{R}r1#sentence=0,20> ;
    itsrdf:taIdentRef person:hong .
<{R}r1#char=8,11> a nif:String, nif:Phrase ; nif:beginIndex "8"^^xsd:nonNegativeInteger ;
    nif:referenceContext <{R}r1#context> ; nif:sentence <{R}r1#sentence=0,20> ;
    itsrdf:taIdentRef person:kim .
"""
)

# r2 announces a seminar organized by 가나도 and 홍길동, attended by 박민수, with a talk by
# 이영희 and a panel chaired by 홍길동 with 김철수 and 박민수.
EVENTS_TTL = (
    RELEASES_TTL
    + """
event:seminar a schema:Event ; schema:name "가나 인공지능 세미나"@ko ;
    schema:startDate "2024-05-27"^^xsd:date ; prov:wasDerivedFrom release:r2 ;
    schema:organizer orgid:gana, person:hong ; schema:attendee person:park ;
    schema:subEvent event:talk, event:panel .
release:r2 schema:about event:seminar .
event:talk a schema:Event ; schema:name "발제"@ko ; schema:superEvent event:seminar ;
    schema:performer person:lee .
event:panel a schema:Event ; schema:name "종합토론"@ko ; schema:superEvent event:seminar ;
    kg:moderator person:hong ; kg:panelist person:kim, person:park .
"""
)


def parse(ttl: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=ttl, format="turtle")


@pytest.fixture(scope="module")
def releases() -> rdflib.Graph:
    return parse(RELEASES_TTL)


@pytest.fixture(scope="module")
def events() -> rdflib.Graph:
    return parse(EVENTS_TTL)


def labelled_edges(G: nx.Graph, attribute: str = "weight") -> dict[frozenset, object]:
    label = G.nodes
    return {
        frozenset((label[u]["label"], label[v]["label"])): d[attribute]
        for u, v, d in G.edges(data=True)
    }


def labels(G: nx.Graph) -> list[str]:
    return sorted(d["label"] for _, d in G.nodes(data=True))


# --- bipartite networks and projections -------------------------------------------------------


def test_person_org_network(releases):
    B = person_org_network(releases)
    assert len(B) == 11
    assert labelled_edges(B) == {
        frozenset(("홍길동", "가나도")): 2,  # the same membership stated in both releases
        frozenset(("김철수", "다라전자")): 1,
        frozenset(("김철수", "마바대학교")): 1,
        frozenset(("이영희", "마바대학교")): 1,
        frozenset(("이영희", "다라전자")): 1,
        frozenset(("박민수", "국회")): 1,
    }
    assert B.edges[P + "hong", ORGID + "gana"]["titles"] == ["도지사"]
    assert {n for n, d in B.nodes(data=True) if d["bipartite"] == 0} == {
        P + p for p in ("hong", "kim", "lee", "park", "jung")
    }
    assert nx.is_bipartite(B)


def test_org_projection_counts_shared_members(releases):
    G = build_network(releases, "org-projection")
    assert labels(G) == ["가나도", "국회", "다라전자", "마바대학교", "미래과", "사아일보"]
    assert labelled_edges(G) == {frozenset(("다라전자", "마바대학교")): 2}  # 김철수 and 이영희


def test_person_event_network_falls_back_to_releases(releases):
    B = person_event_network(releases)
    release_nodes = {n: d for n, d in B.nodes(data=True) if d["bipartite"] == 1}
    assert {n: (d["kind"], d["date"], d["label"]) for n, d in release_nodes.items()} == {
        R + "r1": ("release", "2024-03-05", "가나도 봄 보도자료"),
        R + "r2": ("release", "2024-05-20", "가나도 여름 보도자료"),
    }
    assert sorted((u.rsplit("/", 1)[1], v.rsplit("/", 1)[1]) for u, v in B.edges) == [
        ("hong", "r1"),
        ("hong", "r2"),
        ("jung", "r2"),
        ("kim", "r1"),
        ("kim", "r2"),
        ("lee", "r2"),
        ("park", "r2"),
    ]
    assert B.edges[P + "hong", R + "r1"] == {"roles": ["mentioned"], "weight": 1}


def test_person_projection_over_releases(releases):
    G = build_network(releases, "person-projection")
    edges = labelled_edges(G)
    assert len(edges) == 10  # every pair of r2's five persons
    assert edges[frozenset(("홍길동", "김철수"))] == 2  # together in r1 and r2
    assert edges[frozenset(("정하나", "박민수"))] == 1


def test_person_event_network_with_events(events):
    B = person_event_network(events)
    assert sorted(d["label"] for _, d in B.nodes(data=True) if d["kind"] == "event") == [
        "가나 인공지능 세미나",
        "발제",
        "종합토론",
    ]
    roles = {
        (u.rsplit("/", 1)[1], v.rsplit("/", 1)[1]): d["roles"] for u, v, d in B.edges(data=True)
    }
    roles = {
        (a, b) if a in {"hong", "kim", "lee", "park"} else (b, a): r for (a, b), r in roles.items()
    }
    assert roles == {
        ("hong", "seminar"): ["moderator", "organizer"],  # the panel is part of the seminar
        ("park", "seminar"): ["attendee", "panelist"],
        ("lee", "seminar"): ["performer"],
        ("kim", "seminar"): ["panelist"],
        ("lee", "talk"): ["performer"],
        ("hong", "panel"): ["moderator"],
        ("kim", "panel"): ["panelist"],
        ("park", "panel"): ["panelist"],
    }
    assert B.edges[P + "hong", E + "seminar"]["weight"] == 2
    assert B.nodes[E + "seminar"]["date"] == "2024-05-27"


def test_person_projection_over_events(events):
    G = build_network(events, "person-projection")
    assert labels(G) == ["김철수", "박민수", "이영희", "정하나", "홍길동"]
    assert labelled_edges(G) == {
        frozenset(("홍길동", "김철수")): 2,  # seminar and panel
        frozenset(("홍길동", "박민수")): 2,
        frozenset(("김철수", "박민수")): 2,
        frozenset(("이영희", "홍길동")): 1,  # seminar only
        frozenset(("이영희", "김철수")): 1,
        frozenset(("이영희", "박민수")): 1,
    }
    assert G.degree(P + "jung") == 0


def test_projected_network_keeps_attributes():
    B = nx.Graph()
    B.add_node("p", kind="person", label="홍길동", bipartite=0)
    B.add_node("o", kind="organization", label="가나도", bipartite=1)
    B.add_edge("p", "o")
    assert dict(projected_network(B, "person").nodes(data=True)) == {
        "p": {"kind": "person", "label": "홍길동"}
    }


def test_unknown_network_is_named(releases):
    with pytest.raises(ValueError, match="unknown network 'friends'; choose one of actors, "):
        build_network(releases, "friends")


# --- sectors --------------------------------------------------------------------------------


def test_node_sectors(releases):
    sectors = node_sectors(build_network(releases, "actors"))
    assert {n.rsplit("/", 1)[1]: s for n, s in sectors.items()} == {
        "hong": ["government"],
        "kim": ["industry", "academia"],
        "lee": ["industry", "academia"],
        "park": ["legislature"],
        "jung": ["unaffiliated"],
        "gana": ["government"],
        "unit": ["government"],
        "assembly": ["legislature"],
        "dara": ["industry"],
        "univ": ["academia"],
        "news": ["media"],
    }


def test_sector_counts(releases):
    rows = sector_table(build_network(releases, "actors"))
    assert [(r["sector"], r["actors"], r["persons"], r["organizations"]) for r in rows] == [
        ("government", 3, 1, 2),
        ("legislature", 2, 1, 1),
        ("industry", 3, 2, 1),
        ("academia", 3, 2, 1),
        ("public_agency", 0, 0, 0),
        ("media", 1, 0, 1),
        ("association", 0, 0, 0),
        ("other", 0, 0, 0),
        ("unaffiliated", 1, 1, 0),
    ]
    assert rows[4]["top"] == "" and rows[4]["pagerank_mean"] == 0.0


def test_sector_centrality_exact():
    # 홍길동 -- 가나도 -- 다라전자: PageRank 19/74, 18/37, 19/74; 가나도 is the only broker.
    G = nx.Graph()
    G.add_node("hong", label="홍길동", kind="person")
    G.add_node("gana", label="가나도", kind="organization", org_type="government")
    G.add_node("dara", label="다라전자", kind="organization", org_type="company")
    G.add_edge("hong", "gana", kinds=["membership"], weight=3.0)
    G.add_edge("gana", "dara", kinds=["co-mention"], weight=3.0)
    government, _, industry = sector_table(G)[:3]
    assert government == {
        "sector": "government",
        "actors": 2,
        "persons": 1,
        "organizations": 1,
        "pagerank_sum": round(float(Fraction(55, 74)), 4),
        "pagerank_mean": round(float(Fraction(55, 148)), 4),
        "betweenness_sum": 1.0,
        "betweenness_mean": 0.5,
        "top": "가나도; 홍길동",
    }
    assert (industry["sector"], industry["actors"], industry["pagerank_sum"]) == (
        "industry",
        1,
        round(19 / 74, 4),
    )


# --- communities ----------------------------------------------------------------------------


def test_communities_of_person_org_network(releases):
    rows = community_table(build_network(releases, "person-org"))
    assert [(r["community"], r["size"], r["sectors"], r["members"]) for r in rows] == [
        (1, 4, "industry 3; academia 3", "김철수; 다라전자; 마바대학교; 이영희"),
        (2, 2, "legislature 2", "국회; 박민수"),
        (3, 2, "government 2", "가나도; 홍길동"),
        (4, 1, "media 1", "사아일보"),
        (5, 1, "government 1", "미래과"),
        (6, 1, "unaffiliated 1", "정하나"),
    ]
    assert (rows[0]["persons"], rows[0]["organizations"]) == (2, 2)


def test_communities_are_deterministic(releases):
    G = build_network(releases, "actors")
    first = communities(G)
    assert all(communities(G) == first for _ in range(3))
    assert sorted(n for c in first for n in c) == sorted(G)


# --- time slices ----------------------------------------------------------------------------


def test_release_dates(releases):
    assert release_dates(releases) == {
        R + "r1": dt.date(2024, 3, 5),
        R + "r2": dt.date(2024, 5, 20),
    }


def test_until_keeps_only_the_first_release(releases):
    part = slice_by_date(releases, until=dt.date(2024, 3, 31))
    assert set(part.subjects(RDF.type, KG.PressRelease)) == {rdflib.URIRef(R + "r1")}
    G = build_network(part, "actors")
    assert labels(G) == ["가나도", "김철수", "다라전자", "홍길동"]
    assert labelled_edges(G) == {
        frozenset(("홍길동", "가나도")): 3.0,
        frozenset(("김철수", "다라전자")): 3.0,
        frozenset(("홍길동", "김철수")): 1.0,  # the NIF sentence of r1
    }
    # 가나도's unit is named only in r2: the hasUnit link goes with it.
    assert not list(
        part.objects(rdflib.URIRef(ORGID + "gana"), rdflib.URIRef(str(rdflib.ORG.hasUnit)))
    )


def test_since_keeps_only_the_second_release(releases):
    part = slice_by_date(releases, since=dt.date(2024, 4, 1))
    assert {str(p) for p in part.subjects(RDF.type, FOAF.Person)} == {
        P + p for p in ("hong", "kim", "lee", "park", "jung")
    }
    assert not [s for s in part.subjects() if str(s).startswith(R + "r1")]  # r1 and its NIF nodes
    B = person_org_network(part)
    assert B.edges[P + "hong", ORGID + "gana"]["weight"] == 1
    assert not B.has_edge(P + "kim", ORGID + "dara")  # stated in r1 only
    assert B.has_edge(P + "lee", ORGID + "dara")  # 다라전자 comes back through a r2 membership
    assert part.value(rdflib.URIRef(ORGID + "unit"), rdflib.ORG.unitOf) == rdflib.URIRef(
        ORGID + "gana"
    )


def test_slice_drops_the_events_of_dropped_releases(events):
    part = slice_by_date(events, until=dt.date(2024, 3, 31))
    assert not list(part.subjects(RDF.type, rdflib.URIRef("https://schema.org/Event")))
    # No events left: the person-event network falls back to the release.
    B = person_event_network(part)
    assert sorted(d["kind"] for _, d in B.nodes(data=True) if d["bipartite"] == 1) == ["release"]
    kept = slice_by_date(events, since=dt.date(2024, 5, 1), until=dt.date(2024, 5, 31))
    assert len(person_event_network(kept).edges) == 8


def test_range_with_both_bounds_and_no_bounds(releases):
    both = slice_by_date(releases, since=dt.date(2024, 3, 5), until=dt.date(2024, 5, 20))
    assert len(both) == len(releases)
    assert len(slice_by_date(releases)) == len(releases)
    empty = slice_by_date(releases, since=dt.date(2025, 1, 1))
    assert len(build_network(empty, "actors")) == 0


# --- exports --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "read"), [(".graphml", nx.read_graphml), (".gexf", nx.read_gexf)]
)
def test_export_parses_back(tmp_path, releases, suffix, read):
    G = scored_network(build_network(releases, "actors"))
    path = tmp_path / f"actors{suffix}"
    export_network(G, path)
    back = read(path)
    assert len(back) == len(G) == 11
    assert back.number_of_edges() == G.number_of_edges()
    kim = back.nodes[P + "kim"]
    assert (kim["label"], kim["titles"]) == ("김철수", "겸임교수; 대표")


def test_export_csv(tmp_path, releases):
    G = build_network(releases, "org-projection")
    path = tmp_path / "orgs.csv"
    export_network(G, path)
    assert path.read_text(encoding="utf-8") == (
        f"source,target,source_label,target_label,weight\n{ORGID}dara,{ORGID}univ,다라전자,마바대학교,2\n"
    )
    assert edges_to_csv(G) == path.read_text(encoding="utf-8")


def test_export_unknown_suffix_writes_nothing(tmp_path):
    path = tmp_path / "actors.xlsx"
    with pytest.raises(ExportFormatError) as error:
        export_network(nx.Graph([("a", "b")]), path)
    assert str(error.value) == (
        f"{path}: unknown export format .xlsx; use a .graphml, .gexf or .csv file"
    )
    assert not path.exists()


# --- kg analyze -----------------------------------------------------------------------------


@pytest.fixture()
def ttl_file(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text(RELEASES_TTL, encoding="utf-8")
    return str(path)


def test_cli_sector_report_csv(ttl_file):
    result = run("analyze", ttl_file, "--report", "sectors", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "sector,actors,persons,organizations,pagerank_sum,pagerank_mean,betweenness_sum,"
        "betweenness_mean,top"
    )
    assert [line.split(",")[:2] for line in lines[1:]] == [
        ["government", "3"],
        ["legislature", "2"],
        ["industry", "3"],
        ["academia", "3"],
        ["public_agency", "0"],
        ["media", "1"],
        ["association", "0"],
        ["other", "0"],
        ["unaffiliated", "1"],
    ]


def test_cli_until_and_network(ttl_file):
    result = run(
        "analyze", ttl_file, "--network", "person-org", "--until", "2024-03-31", "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    names = sorted(line.split(",")[1] for line in result.stdout.splitlines()[1:])
    assert names == ["가나도", "김철수", "다라전자", "홍길동"]


def test_cli_communities_table(ttl_file):
    result = run("analyze", ttl_file, "--network", "person-org", "--report", "communities")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "community",
        "size",
        "persons",
        "organizations",
        "sectors",
        "members",
    ]
    assert lines[2].split()[:2] == ["1", "4"]


def test_cli_export(tmp_path, ttl_file):
    path = tmp_path / "out" / "actors.gexf"
    result = run("analyze", ttl_file, "--export", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote: {path}\n"
    back = nx.read_gexf(path)
    assert len(back) == 11
    assert {d["community"] for _, d in back.nodes(data=True)} >= {1}


def test_cli_unknown_export_suffix(tmp_path, ttl_file):
    path = tmp_path / "actors.xlsx"
    result = run("analyze", ttl_file, "--export", str(path))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {path}: unknown export format .xlsx; use a .graphml, .gexf or .csv file\n"
    )
    assert not path.exists()


def test_cli_since_after_until(ttl_file):
    result = run("analyze", ttl_file, "--since", "2024-06-01", "--until", "2024-03-01")
    assert result.exit_code == 2
    assert "--since 2024-06-01 is after --until 2024-03-01; swap them" in result.output


def test_report_rows_and_columns(releases):
    rows, columns = report(build_network(releases, "actors"), "communities")
    assert columns[0] == "community" and sum(r["size"] for r in rows) == 11


def test_doctests():
    result = doctest.testmod(kg.network.stakeholders)
    assert (result.failed, result.attempted >= 20) == (0, True)
