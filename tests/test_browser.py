"""Open a rendered page in headless Chromium with the network blocked, as a user would offline.

The page is opened from a file: URL. A small harness script, added to a copy of the page with
its hash added to the page's CSP, records every CSP violation, then hovers the node whose name
is an XSS payload so that vis-network shows its tooltip. ``--dump-dom`` returns the DOM after
5 s of virtual time; the checks read it:

- ``data-kg-drawn`` on ``<body>`` (set by the page itself on vis-network's first
  ``afterDrawing``) equals the number of nodes: the network was drawn without the network;
- the only CSP violation is the deliberately unhashed probe script, so the CSP is enforced and
  the page tried to load nothing from anywhere;
- the tooltip shows the payload as text and no ``<img>`` exists; its ``onerror`` marker is absent.

A screenshot is decoded to check that node colours were actually painted.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import networkx as nx
import pytest

from kg.render.html import PALETTE, render_html

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

PAYLOAD = "</script><img src=x onerror=document.documentElement.dataset.kgPwned=1>"
EVIL = "p:evil"

HARNESS = """
(function () {
  var root = document.documentElement, violations = [];
  document.addEventListener("securitypolicyviolation", function (e) {
    violations.push(e.effectiveDirective + " " + e.blockedURI);
    root.dataset.kgViolations = violations.join(" | ");
  });
  window.addEventListener("DOMContentLoaded", function () {
    var tries = 0;
    var wait = setInterval(function () {
      if (!document.body.dataset.kgDrawn && ++tries < 100) return;
      clearInterval(wait);
      var net = window.kgNetwork, id = "p:evil";
      var at = net.canvasToDOM(net.getPositions([id])[id]);
      var canvas = document.querySelector("#kg-network canvas");
      var box = canvas.getBoundingClientRect();
      canvas.dispatchEvent(new MouseEvent("mousemove",
        {clientX: box.left + at.x, clientY: box.top + at.y, bubbles: true}));
      setTimeout(function () {
        var tip = document.querySelector("div.vis-tooltip");
        root.dataset.kgTooltip = tip ? tip.style.visibility : "none";
      }, 1000);
    }, 50);
  });
})();
"""
PROBE = 'document.documentElement.dataset.kgUnhashed = "ran";'


def sample_graph() -> nx.Graph:
    G = nx.Graph()
    G.add_node("p:hong", label="홍길동", kind="person", org_type=None, titles=["도지사"],
               organizations=["가나도"], sentence="홍길동 가나도지사가 말했다.", mentions=2)  # fmt: skip
    G.add_node("o:gana", label="가나도", kind="organization", org_type="government", titles=[],
               organizations=[], sentence="홍길동 가나도지사가 말했다.", mentions=1)  # fmt: skip
    G.add_node("o:univ", label="다라대학교", kind="organization", org_type="university")
    G.add_node(EVIL, label=PAYLOAD, kind="person", org_type=None, sentence=f"{PAYLOAD} 의원")
    G.add_edge("p:hong", "o:gana", kinds=["co-mention", "membership"], weight=4.0)
    G.add_edge("o:gana", "o:univ", kinds=["co-mention"], weight=1.0)
    G.add_edge(EVIL, "o:univ", kinds=["membership"], weight=3.0)
    return G


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


def chromium(tmp_path: Path, url: str, *mode: str) -> str:
    profile = tmp_path / "profile"
    args = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        # No network: every proxied request goes to a closed port, every name fails to resolve.
        "--proxy-server=127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--window-size=1200,800",
        "--virtual-time-budget=5000",
        *mode,
        url,
    ]
    done = subprocess.run(
        args, check=False, capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def dom(tmp_path_factory) -> str:
    if not CHROMIUM:
        pytest.skip("needs Chromium (apt-get install chromium)")
    tmp = tmp_path_factory.mktemp("browser")
    page = tmp / "graph.html"
    page.write_text(
        with_harness(render_html(sample_graph(), f"가나도 {PAYLOAD}")), encoding="utf-8"
    )
    return chromium(tmp, page.as_uri(), "--dump-dom")


def _attribute(dom: str, tag: str, name: str) -> str | None:
    start = re.search(rf"<{tag}\b[^>]*>", dom)
    found = re.search(rf'\s{name}="([^"]*)"', start.group()) if start else None
    return found.group(1) if found else None


def test_network_is_drawn_offline(dom):
    assert _attribute(dom, "body", "data-kg-drawn") == "4"


def test_page_loads_nothing_and_csp_is_enforced(dom):
    assert _attribute(dom, "html", "data-kg-unhashed") is None
    assert _attribute(dom, "html", "data-kg-violations") == "script-src-elem inline"


def test_payload_is_shown_as_text_never_run(dom):
    assert _attribute(dom, "html", "data-kg-pwned") is None
    assert "<img" not in dom
    assert _attribute(dom, "html", "data-kg-tooltip") == "visible"
    tooltip = re.search(r'<div class="vis-tooltip"[^>]*>(.*?)</div>', dom, re.DOTALL).group(1)
    assert tooltip.startswith("&lt;/script&gt;&lt;img src=x onerror=document.documentElement")
    assert "종류: 인물 (person)" in tooltip


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


def test_screenshot_shows_the_node_colours(tmp_path):
    if not CHROMIUM:
        pytest.skip("needs Chromium (apt-get install chromium)")
    page = tmp_path / "graph.html"
    page.write_text(render_html(sample_graph(), "가나도"), encoding="utf-8")
    shot = tmp_path / "shot.png"
    chromium(tmp_path, page.as_uri(), f"--screenshot={shot}")
    width, height, rows, bpp = _png_pixels(shot.read_bytes())
    assert (width, height) == (1200, 800)
    # Only below the header's bottom border (a full row of #dddddd): legend swatches share the colours.
    border = next(
        y
        for y, row in enumerate(rows)
        if row[::bpp] == row[1::bpp] == row[2::bpp] == b"\xdd" * width
    )
    canvas_rows = rows[border + 1 :]
    painted = {}
    for key in ("person", "government", "university"):
        rgb = bytes.fromhex(PALETTE[key][0][1:])
        painted[key] = sum(
            1 for row in canvas_rows for x in range(0, width * bpp, bpp) if row[x : x + 3] == rgb
        )
    assert all(count > 100 for count in painted.values()), painted
