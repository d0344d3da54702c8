"""Explore a rendered page in headless Chromium (Playwright driving the system's chromium) with
the network blocked, as a user would offline.

A small harness script, added to a copy of the page with its hash added to the page's CSP,
records every CSP violation; an unhashed probe script must be blocked. The checks: the network
is drawn without the network and the loading indicator goes; the CSP is enforced and nothing is
fetched; the name that is an XSS payload shows as text in its tooltip and in the details panel;
typing a name (or a short form) finds the actor and opens the panel with its posts, releases,
quotes, proposals and events; filters by kind, sector and date redraw the view; an actor that
is not drawn is drawn with its neighbourhood when chosen; labels are readable at the first
zoom; and a page of 2,000 synthetic releases loads in under 10 s.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import struct
import time
import zlib
from pathlib import Path

import networkx as nx
import pytest
import synthetic  # tests/synthetic.py: a built corpus's network and details, without the build

import kg.render.page_data
from kg.network.centrality import _pagerank
from kg.network.details import ActorDetails, Appearance, Post, ReleaseDetails, Said
from kg.render.html import PALETTE, render_html

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PAYLOAD = "</script><img src=x onerror=document.documentElement.dataset.kgPwned=1>"
EVIL = "p:evil"
FIRST, SECOND = "r:1", "r:2"

HARNESS = """
(function () {
  var root = document.documentElement, violations = [];
  document.addEventListener("securitypolicyviolation", function (e) {
    violations.push(e.effectiveDirective + " " + e.blockedURI);
    root.dataset.kgViolations = violations.join(" | ");
  });
})();
"""
PROBE = 'document.documentElement.dataset.kgUnhashed = "ran";'


def sample_graph() -> nx.Graph:
    G = nx.Graph()
    G.add_node(
        "p:hong",
        label="홍길동",
        kind="person",
        org_type=None,
        titles=["도지사"],
        organizations=["가나도"],
        sentence="홍길동 가나도지사가 말했다.",
        mentions=2,
    )
    G.add_node(
        "o:gana",
        label="가나도",
        kind="organization",
        org_type="government",
        titles=[],
        organizations=[],
        sentence="홍길동 가나도지사가 말했다.",
        mentions=1,
    )
    G.add_node("o:univ", label="다라대학교", kind="organization", org_type="university")
    G.add_node(EVIL, label=PAYLOAD, kind="person", org_type=None, sentence=f"{PAYLOAD} 의원")
    G.add_node(
        "p:lee",
        label="이몽룡",
        kind="person",
        org_type=None,
        titles=["교수"],
        organizations=["다라대학교"],
        mentions=1,
    )
    G.add_edge("p:hong", "o:gana", kinds=["co-mention", "membership"], weight=4.0)
    G.add_edge("o:gana", "o:univ", kinds=["co-mention"], weight=1.0)
    G.add_edge(EVIL, "o:univ", kinds=["membership"], weight=3.0)
    G.add_edge("p:lee", "o:univ", kinds=["membership"], weight=3.0)
    return G


def sample_details() -> list[ReleaseDetails]:
    """Two releases, of two dates, saying what the graph's actors did (payload included)."""
    said = f"{PAYLOAD} 의원이 말했다."
    first = ReleaseDetails(
        FIRST,
        "가나도, 다라대학교와 협약",
        "2024-03-03",
        (
            "가나특별자치도는 3일 다라대학교와 협약을 맺었다.",
            "홍길동 가나도지사가 “함께 하겠다”고 말했다.",
            said,
        ),
        {
            "o:gana": ActorDetails(
                ("가나특별자치도", "가나도"),
                0,
                None,
                (),
                (Said("plan", "협력 확대", 0),),
                (Appearance("협약식", "organizer", None, None, "2024-03-03", 0),),
            ),
            "o:univ": ActorDetails(("다라대학교",), 0),
            "p:hong": ActorDetails(
                ("홍길동",),
                1,
                None,
                (Post("도지사", "o:gana", 1),),
                (Said("quote", "함께 하겠다", 1),),
            ),
            EVIL: ActorDetails((PAYLOAD,), 2, None, (), (Said("quote", PAYLOAD, 2),)),
        },
    )
    second = ReleaseDetails(
        SECOND,
        "다라대학교 세미나",
        "2024-05-01",
        ("다라대학교 이몽룡 교수가 세미나에서 발제했다.",),
        {
            "o:univ": ActorDetails(("다라대학교", "다라대"), 0),
            "p:lee": ActorDetails(
                ("이몽룡",),
                0,
                None,
                (Post("교수", "o:univ", 0),),
                (),
                (Appearance("세미나", "performer", "발제", "지역 혁신", "2024-05-01", 0),),
            ),
        },
    )
    return [first, second]


def _sha256(script: str) -> str:
    return (
        "'sha256-"
        + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        + "'"
    )


def with_harness(page: str) -> str:
    """The page plus the harness (hash allowed) and an unhashed probe (must be blocked)."""
    page = page.replace("script-src ", f"script-src {_sha256(HARNESS)} ", 1)
    csp_end = page.index(">", page.index('http-equiv="Content-Security-Policy"')) + 1
    page = page[:csp_end] + f"\n<script>{HARNESS}</script>" + page[csp_end:]
    return page.replace("</body>", f"<script>{PROBE}</script>\n</body>")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("needs Chromium (apt-get install chromium)")
    if sync_playwright is None:
        pytest.skip("needs Playwright (pip install playwright; it drives the system chromium)")
    with sync_playwright() as p:
        args = [
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-gpu",
            "--no-first-run",
            # No network: every proxied request goes to a closed port, every name fails to resolve.
            "--proxy-server=127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ]
        browser = p.chromium.launch(executable_path=CHROMIUM, args=args)
        yield browser
        browser.close()


class Opened:
    """A page open in the browser, with every request it made past its own file."""

    def __init__(self, browser, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1200, "height": 800})
        self.requests: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        started = time.perf_counter()
        self.page.goto(path.as_uri())
        self.drawn()
        self.seconds = time.perf_counter() - started

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def drawn(self) -> int:
        """Wait for the layout to settle (the page then sets body data-kg-drawn)."""
        self.page.wait_for_selector("body[data-kg-drawn]", state="attached", timeout=30_000)
        return int(self.page.evaluate("document.body.dataset.kgDrawn"))

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def search(self, text: str) -> list[str]:
        self.page.fill("#kg-search", text)
        return self.page.locator("#kg-results button strong").all_inner_texts()

    def choose(self, text: str) -> str:
        """Type ``text``, press Enter (the first result) and return the panel's text."""
        self.search(text)
        self.page.press("#kg-search", "Enter")
        self.page.wait_for_selector("#kg-details:not([hidden])")
        return self.page.inner_text("#kg-details")

    def drawn_labels(self) -> set[str]:
        return set(
            self.js(
                "kgPage.nodes.getIds().map(function (i) { return kgPage.data.actors.label[i]; })"
            )
        )

    def redraw(self, action) -> int:
        self.js("delete document.body.dataset.kgDrawn")
        action()
        return self.drawn()


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _write(tmp_path_factory, page: str) -> Path:
    path = tmp_path_factory.mktemp("browser") / "graph.html"
    path.write_text(page, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample(browser, tmp_path_factory):
    page = render_html(sample_graph(), f"가나도 {PAYLOAD}", details=sample_details())
    opened = Opened(browser, _write(tmp_path_factory, with_harness(page)))
    yield opened
    opened.context.close()


def test_network_is_drawn_offline_and_the_loading_indicator_goes(sample):
    assert sample.drawn() == 5
    assert sample.page.locator("#kg-loading").is_hidden()
    assert sample.requests == [] and sample.errors == []
    assert sample.page.inner_text("#kg-status") == "표시 5개 / 전체 5개"


def test_page_loads_nothing_and_csp_is_enforced(sample):
    assert sample.js("document.documentElement.dataset.kgUnhashed") is None
    assert sample.js("document.documentElement.dataset.kgViolations") == "script-src-elem inline"


def test_payload_is_shown_as_text_in_its_tooltip(sample):
    at = sample.js(
        """(function () {
          var net = kgPage.network, k = kgPage.data.actors.iri.indexOf("p:evil");
          var at = net.canvasToDOM(net.getPositions([k])[k]);
          var box = document.querySelector("#kg-network canvas").getBoundingClientRect();
          return [box.left + at.x, box.top + at.y];
        })()"""
    )
    sample.page.mouse.move(*at)
    tooltip = sample.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert tooltip.inner_text().startswith(PAYLOAD)
    assert "종류: 인물 (person)" in tooltip.inner_text()
    assert sample.js("document.querySelectorAll('img').length") == 0
    assert sample.js("document.documentElement.dataset.kgPwned") is None


def test_payload_is_shown_as_text_in_the_panel(sample):
    panel = sample.choose("onerror=document")
    assert lines(panel)[1] == PAYLOAD  # after the close button
    assert f"발언: {PAYLOAD}" in panel and f"{PAYLOAD} 의원이 말했다." in panel
    assert sample.js("document.querySelectorAll('img').length") == 0
    assert sample.js("document.documentElement.dataset.kgPwned") is None


def test_a_short_form_finds_the_organization_and_its_details(sample):
    assert sample.search("가나특별") == ["가나도"]  # a form the release writes, not the label
    panel = sample.choose("가나특별")
    assert "다른 이름: 가나특별자치도" in panel
    assert "2024-03-03 · 가나도, 다라대학교와 협약" in panel
    assert "가나특별자치도는 3일 다라대학교와 협약을 맺었다." in panel  # the release's sentence
    assert "방침: 협력 확대" in panel
    assert "협약식 · 주최" in panel


def test_typing_a_name_opens_its_posts_quotes_and_sentences(sample):
    assert sample.search("홍길") == ["홍길동"]
    panel = sample.choose("홍길동")
    assert lines(panel)[1:3] == ["홍길동", "인물 (person)"]
    assert "도지사 · 가나도 2024-03-03 · 가나도, 다라대학교와 협약" in panel
    assert "발언: 함께 하겠다" in panel
    assert "홍길동 가나도지사가 “함께 하겠다”고 말했다." in panel
    assert "관계 (strongest ties) (1)\n가나도 같은 문장 · 소속 · 강도 4" in panel
    assert sample.js("kgPage.network.getSelectedNodes().length") == 1


def test_an_event_role_and_its_part(sample):
    panel = sample.choose("이몽룡")
    assert "세미나 · 발제 · 지역 혁신 2024-05-01 · 다라대학교 세미나" in panel
    assert "교수 · 다라대학교" in panel


def test_filters_by_kind_sector_and_date(browser, tmp_path_factory):
    opened = Opened(
        browser,
        _write(tmp_path_factory, render_html(sample_graph(), "가나도", details=sample_details())),
    )
    page, redraw = opened.page, opened.redraw
    try:
        assert redraw(lambda: page.uncheck('input[name="kind"][value="person"]')) == 2
        assert opened.drawn_labels() == {"가나도", "다라대학교"}
        assert redraw(lambda: page.uncheck('input[name="sector"][value="government"]')) == 1
        assert opened.drawn_labels() == {"다라대학교"}
        redraw(lambda: page.check('input[name="kind"][value="person"]'))
        # a person's sectors are its organizations': 홍길동 (가나도's) is out, 다라대학교's in
        assert opened.drawn_labels() == {"다라대학교", "이몽룡", PAYLOAD}
        redraw(lambda: page.check('input[name="sector"][value="government"]'))
        assert redraw(lambda: page.fill("#kg-from", "2024-04-01")) == 2
        assert opened.drawn_labels() == {"다라대학교", "이몽룡"}  # named in the May release only
        panel = opened.choose("다라대학교")  # the panel keeps to the range too
        assert "기간: 2024-04-01 ~ 2024-05-01" in panel
        assert "보도자료 (releases) (1)\n2024-05-01 · 다라대학교 세미나" in panel
        assert "2024-03-03" not in panel
        assert redraw(lambda: page.fill("#kg-from", "2024-03-03")) == 5
        assert "보도자료 (releases) (2)" in opened.page.inner_text("#kg-details")
    finally:
        opened.context.close()


def test_labels_are_readable_at_the_first_zoom(sample):
    on_screen = sample.js(
        "kgPage.network.getScale() * "
        "kgPage.network.body.nodes[kgPage.nodes.getIds()[0]].options.font.size"
    )
    assert on_screen >= 12


def test_an_actor_not_drawn_is_drawn_with_its_neighbourhood(browser, tmp_path_factory, monkeypatch):
    monkeypatch.setattr(kg.render.page_data, "MAX_DRAWN_ACTORS", 2)
    page = render_html(sample_graph(), "가나도", details=sample_details())
    opened = Opened(browser, _write(tmp_path_factory, page))
    try:
        assert opened.drawn_labels() == {"다라대학교", "가나도"}
        assert "이몽룡" in opened.choose("이몽")
        assert opened.drawn_labels() == {"다라대학교", "가나도", "이몽룡"}
        opened.choose("홍길동")  # the last one chosen goes, the new one comes
        assert opened.drawn_labels() == {"다라대학교", "가나도", "홍길동"}
        assert opened.page.inner_text("#kg-status") == "표시 3개 / 전체 5개 (나머지는 찾기로)"
    finally:
        opened.context.close()


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes], int]:
    """Width, height, unfiltered rows and bytes per pixel of an 8-bit RGB(A) PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour = header[:4]
    assert depth == 8 and colour in (2, 6)
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def test_screenshot_shows_the_node_colours(browser, tmp_path_factory):
    opened = Opened(browser, _write(tmp_path_factory, render_html(sample_graph(), "가나도")))
    try:
        shot = opened.page.locator("#kg-network").screenshot()
    finally:
        opened.context.close()
    width, _, rows, bpp = _png_pixels(shot)
    painted = {}
    for key in ("person", "government", "university"):
        rgb = bytes.fromhex(PALETTE[key][0][1:])
        painted[key] = sum(
            1 for row in rows for x in range(0, width * bpp, bpp) if row[x : x + 3] == rgb
        )
    assert all(count > 100 for count in painted.values()), painted


@pytest.mark.slow
def test_a_page_of_2000_releases_loads_in_under_10_seconds(browser, tmp_path_factory):
    network, details = synthetic.corpus(2000)
    # the page ranks by PageRank only: the rest of kg.network.centrality.centrality is not needed
    # here
    pagerank = _pagerank(len(network), network.src, network.dst, network.weight)
    scores = {u: {"pagerank": p} for u, p in zip(network.node_names, pagerank, strict=True)}
    page = render_html(network, "보도자료 2000건", scores, details)
    opened = Opened(browser, _write(tmp_path_factory, page))
    try:
        assert opened.seconds < 10, opened.seconds
        assert opened.drawn() == kg.render.page_data.MAX_DRAWN_ACTORS and opened.errors == []
        # an actor far outside the drawn ones: found, drawn and detailed
        data_count = opened.js("kgPage.data.count")
        far = opened.js(f"kgPage.data.actors.label[{data_count - 1}]")
        panel = opened.choose(far)
        assert "보도자료 (releases) (1)" in panel
        assert far in opened.drawn_labels()
    finally:
        opened.context.close()
