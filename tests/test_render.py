"""The HTML page: self-contained, release text only ever as data, legend and Korean labels.

"No remote URL" is checked as precisely as the page allows. The inlined vis-network bundle keeps
its licence comment and a few string constants (licence links, the SVG namespace) that contain
``http(s)://`` but are never fetched, so the check is: (1) no element can load anything: no
``<link>``, ``<img>``, ``<iframe>``, ... and no ``src``/``href``/``action``/``srcset``/...
attribute on any tag; (2) every CSS ``url(...)`` is a ``data:`` URI and there is no ``@import``;
(3) every ``http(s)://`` string in the page either occurs in the vis-network files shipped in pyvis
or is the base of the actors' IRIs in the JSON data, and none occurs in our own markup, styles or
script; (4) a Content-Security-Policy with
``default-src 'none'`` forbids the page every fetch anyway (tests/test_browser.py checks that a
real browser enforces it and reports no violation).
"""

from __future__ import annotations

import base64
import doctest
import hashlib
import json
import re
from html.parser import HTMLParser
from importlib import resources

import networkx as nx
import pytest
import rdflib

import kg.render.html
import kg.render.page_data
from kg.network.actors import actor_network
from kg.network.ties import TIE_KINDS
from kg.render.html import PALETTE, VIS_DIR, render_html, write_html

XSS = "</script><img src=x onerror=alert(1)>"

TTL = f"""
@prefix kg:     <https://w3id.org/kg-press/ontology#> .
@prefix foaf:   <http://xmlns.com/foaf/0.1/> .
@prefix org:    <http://www.w3.org/ns/org#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix nif:    <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix person: <https://w3id.org/kg-press/id/person/> .
@prefix orgid:  <https://w3id.org/kg-press/id/org/> .
@prefix role:   <https://w3id.org/kg-press/id/role/> .
@prefix ms:     <https://w3id.org/kg-press/id/membership/> .

person:hong a foaf:Person ; foaf:name "홍길동"@ko .
person:evil a foaf:Person ; foaf:name "{XSS}"@ko .
orgid:gana a org:Organization, kg:Government ; skos:prefLabel "가나도"@ko .
orgid:univ a org:Organization, kg:University ; skos:prefLabel "다라대학교"@ko .
role:governor a org:Role ; skos:prefLabel "도지사"@ko .
ms:hong a org:Membership ; org:member person:hong ; org:organization orgid:gana ;
    org:role role:governor ; kg:evidenceText "홍길동 가나도지사는 {XSS} 말했다."@ko .
ms:evil a org:Membership ; org:member person:evil ; org:organization orgid:univ .
"""

HONG = "https://w3id.org/kg-press/id/person/hong"
GANA = "https://w3id.org/kg-press/id/org/gana"


@pytest.fixture(scope="module")
def graph() -> nx.Graph:
    return actor_network(rdflib.Graph().parse(data=TTL, format="turtle"))


@pytest.fixture(scope="module")
def page(graph) -> str:
    return render_html(graph, f"가나도 보도자료 {XSS}")


DATA_BLOCK = '<script type="application/json" id="kg-data">'


def page_data(page: str) -> dict:
    start = page.index(DATA_BLOCK) + len(DATA_BLOCK)
    return json.loads(page[start : page.index("</script>", start)])


def actor(data: dict, label: str) -> dict:
    """The columns of the actor called ``label`` (one value per column)."""
    k = data["actors"]["label"].index(label)
    return {
        name: column[k]
        for name, column in data["actors"].items()
        if isinstance(column, list) and len(column) == data["count"]
    }


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.blocks: dict[str, list[str]] = {"style": [], "script": []}
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open = tag if tag in self.blocks else None

    def handle_endtag(self, tag):
        self._open = None

    def handle_data(self, data):
        if self._open:
            self.blocks[self._open].append(data)


def parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


def vendored(name: str) -> str:
    return (resources.files("pyvis") / "templates" / "lib" / VIS_DIR / name).read_text(
        encoding="utf-8"
    )


URL = re.compile(r"https?://[^\s\"'`)<>]+")


# --- no remote resource ---------------------------------------------------------------------


def test_no_element_can_load_anything(page):
    elements = parse(page)
    tags = {tag for tag, _ in elements.tags}
    assert tags <= {
        "html", "head", "meta", "title", "style", "script", "body", "header", "h1", "h2",
        "section", "ul", "li", "span", "small", "p", "div", "nav", "label", "input", "fieldset",
        "legend", "aside",
    }  # fmt: skip
    loading = {
        "src",
        "href",
        "action",
        "formaction",
        "srcset",
        "poster",
        "data",
        "background",
        "ping",
    }
    assert [(tag, a) for tag, attrs in elements.tags for a in attrs if a in loading] == []
    assert "form" not in tags  # no form to submit anywhere (the CSP forbids it too)
    # inline only: vis-network, the data (never run: not JavaScript) and the page's script
    scripts = [attrs for tag, attrs in elements.tags if tag == "script"]
    assert scripts == [{}, {"type": "application/json", "id": "kg-data"}, {}]


def test_css_urls_are_data_uris(page):
    css = "\n".join(parse(page).blocks["style"])
    urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", css)
    assert urls and all(u.startswith("data:") for u in urls)
    assert "@import" not in css


def test_only_vis_network_comments_and_constants_mention_http(page):
    allowed = set(URL.findall(vendored("vis-network.min.js"))) | set(
        URL.findall(vendored("vis-network.css"))
    )
    head, ours = page.split("</script>\n</head>")  # the vis-network bundle ends the head
    assert set(URL.findall(head)) <= allowed
    # In our part the only URL is the base of the actors' IRIs (data, never fetched).
    data = page_data(page)
    assert data["actors"]["iri_base"] == "https://w3id.org/kg-press/id/"
    iris = {data["actors"]["iri_base"] + tail for tail in data["actors"]["iri"]}
    assert iris == {
        HONG,
        GANA,
        "https://w3id.org/kg-press/id/person/evil",
        "https://w3id.org/kg-press/id/org/univ",
    }
    assert URL.findall(ours) == ["https://w3id.org/kg-press/id/"]
    assert "sourceMappingURL" not in page


def test_content_security_policy_allows_only_the_page_scripts(page):
    elements = parse(page)
    csp = next(
        a["content"]
        for t, a in elements.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp.startswith("default-src 'none'; script-src 'sha256-")
    assert "unsafe" not in csp.split("style-src")[0]  # no unsafe-inline / unsafe-eval for scripts
    vis, _, ours = elements.blocks["script"]
    for script in (vis, ours):
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert csp.count("'sha256-") == 2  # the data block is not a script that runs


# --- release text is data ---------------------------------------------------------------------


def test_xss_payload_appears_only_escaped(page):
    assert XSS not in page
    assert "<img" not in page
    # Only the three real closing tags end a script block; no "<!--" can change how it is parsed.
    assert page.lower().count("</script") == 3 and "<!--" not in page
    escaped = "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e"
    assert escaped in page
    assert (
        "<title>가나도 보도자료 &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</title>" in page
    )
    # ... and comes back intact as data.
    data = page_data(page)
    assert XSS in data["actors"]["label"]
    assert f"홍길동 가나도지사는 {XSS} 말했다." in data["texts"]


def test_vis_network_shows_a_string_tooltip_as_text():
    # vis-network 9 sets a string `title` with innerText (an Element would be appended as is);
    # our tooltips are strings, so the payload in a tooltip is shown, never parsed.
    assert "else this.frame.innerText=t" in vendored("vis-network.min.js")


def test_the_page_script_never_writes_markup():
    script = kg.render.html.page_assets()[0]
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
    ):
        assert sink not in script
    assert "textContent" in script


# --- what the page shows ----------------------------------------------------------------------


def test_legend_lists_every_colour_with_counts(page):
    legend = page[page.index('<section id="kg-legend"') : page.index("</section>")]
    for key, (colour, label) in PALETTE.items():
        assert f'style="background:{colour}"' in legend
        assert f"{label} <small>{key}</small>" in legend
    assert "인물 <small>person</small> (2)" in legend
    assert "정부·지자체 <small>government</small> (1)" in legend
    assert "대학 <small>university</small> (1)" in legend
    assert "언론 <small>media</small> (0)" in legend


def test_palette_has_a_distinct_colour_per_kind():
    colours = [c for c, _ in PALETTE.values()]
    assert len(set(colours)) == len(colours) == 9


def test_korean_labels_kinds_and_sizes(page):
    data = page_data(page)
    hong, gana = actor(data, "홍길동"), actor(data, "가나도")
    assert data["actors"]["iri_base"] + hong["iri"] == HONG
    assert "홍길동" in page  # UTF-8, not \\u escapes
    assert [p[0] for p in data["palette"]] == list(PALETTE)
    assert (hong["kind"], gana["kind"]) == (0, list(PALETTE).index("government"))
    # Two equal pairs (홍길동-가나도, evil-다라대학교): every PageRank is 0.25 -> middle size.
    assert set(data["actors"]["size"]) == {25.0}


def test_what_a_tooltip_and_the_panel_show_without_details(page):
    data = page_data(page)
    hong = actor(data, "홍길동")
    texts = data["texts"]
    assert [texts[t] for t in hong["titles"]] == ["도지사"]
    assert [texts[o] for o in hong["organizations"]] == ["가나도"]
    assert texts[hong["sentence"]] == f"홍길동 가나도지사는 {XSS} 말했다."
    assert (hong["mentions"], hong["pagerank"], hong["degree"]) == (0, 0.25, 1)
    assert "details" not in data


def test_sizes_follow_pagerank_and_ties_keep_their_weight():
    G = nx.Graph()
    for name in ("가나도", "홍길동", "김철수"):
        G.add_node(name, label=name, kind="person" if name != "가나도" else "organization")
    G.add_edge("가나도", "홍길동", weight=3.0, kinds=["membership"])
    G.add_edge("가나도", "김철수", weight=1.0, kinds=["co-mention"])
    data = page_data(render_html(G, "t"))
    assert data["actors"]["label"] == ["가나도", "홍길동", "김철수"]  # by rank
    assert data["actors"]["size"] == [40.0, data["actors"]["size"][1], 10.0]
    assert 10.0 < data["actors"]["size"][1] < 40.0
    membership, co_mention = 1 << TIE_KINDS.index("membership"), 1 << TIE_KINDS.index("co-mention")
    assert (membership, co_mention) == (4, 1)
    assert data["ties"] == {  # packed: [width, base-64 digits] (kg.render.page_data.packed)
        "count": [1, "CAA"],  # 가나도 (0) is the lower end of both ties
        "b": [1, "BC"],  # 홍길동 (1), 김철수 (2)
        "kinds": [1, "EB"],
        "w2": [1, "GC"],  # weights 3 and 1, doubled
    }
    assert data["tie_kinds"][TIE_KINDS.index("membership")] == "소속"
    assert data["widths"] == [1.0, 7.0]  # width 1 + 7 * weight / the heaviest


def test_the_controls_and_the_loading_note(page):
    assert '<input type="search" id="kg-search"' in page
    assert (
        '<div id="kg-loading" role="status">배치 계산 중… (laying out)</div>' in page
    )  # until drawn
    assert '<aside id="kg-details" aria-label="자세히 (details)" hidden></aside>' in page
    for key, (_, label) in PALETTE.items():
        if key != "person":
            assert f'name="sector" value="{key}" checked>' in page and label in page
    assert 'id="kg-from"' not in page  # one release date (or none): no date range


def test_a_date_range_when_the_releases_span_several_dates(graph):
    from kg.network.details import ReleaseDetails

    parts = [
        ReleaseDetails(f"r:{k}", "제목", day, (), {})
        for k, day in enumerate(("2024-05-01", "2024-03-03"))
    ]
    page = render_html(graph, "t", details=parts)
    assert (
        '<input type="date" id="kg-from" aria-label="부터 (from)" min="2024-03-03" '
        'max="2024-05-01" value="2024-03-03">'
        in page
    )
    assert (
        '<input type="date" id="kg-to" aria-label="까지 (to)" min="2024-03-03" max="2024-05-01" '
        'value="2024-05-01">'
        in page
    )


def test_empty_network_renders():
    page = render_html(nx.Graph(), "빈 그래프")
    assert page_data(page)["count"] == 0
    assert "인물이나 조직이 없습니다" in page


def test_write_html(tmp_path, graph):
    target = tmp_path / "out" / "graph.html"
    write_html(graph, target, "가나도")
    assert target.read_text(encoding="utf-8") == render_html(graph, "가나도")
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]  # no temp file left


def test_doctests():
    result = doctest.testmod(kg.render.html)
    assert (result.failed, result.attempted >= 2) == (0, True)


def test_the_legend_says_how_many_are_drawn_first(monkeypatch):
    monkeypatch.setattr(kg.render.page_data, "MAX_DRAWN_ACTORS", 2)
    G = nx.complete_graph(["가", "나", "다", "라"])
    for n in G:
        G.nodes[n].update(label=n, kind="person", org_type=None)
    page = render_html(G, "관계")
    assert (
        "처음에는 PageRank 상위 2개만 표시 (전체 4개는 찾기로; 전체 순위는 centrality.csv)" in page
    )
    assert "처음에는" not in render_html(nx.path_graph(["가", "나"]), "관계")
