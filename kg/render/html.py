"""Draw the actor network as one self-contained HTML page that a researcher explores offline.

The page finds any actor by any of its names, draws its neighbourhood and lists what the
releases say of it (``kg.network.details``); it filters the actors by kind, sector and date. Its
data (``kg.render.page_data``) is one JSON block read by the page's script
(``kg/render/graph_page.js``), which draws with the vis-network JS and CSS bundled inside the
installed pyvis package, inlined, so the page loads nothing from anywhere. This is the only module
that reads pyvis.

Release text is data, never markup: it reaches the page only as JSON, with ``<``, ``>`` and
``&`` escaped, and the script puts it into the page as text (``textContent``; vis-network 9
shows a string tooltip with ``innerText``). A Content-Security-Policy lets only the page's own
two scripts run and forbids every fetch.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from collections.abc import Iterable
from importlib import resources
from importlib.util import find_spec

import networkx as nx

from kg.engine.atomic import write_atomic
from kg.network.actors import ActorNetwork
from kg.network.centrality import centrality
from kg.network.details import ReleaseDetails
from kg.network.ties import TIE_KINDS
from kg.render.page_data import page_data

if find_spec("pyvis") is None:  # pragma: no cover - exercised only without the dependency
    raise ImportError(
        "kg.render.html needs PyVis (its vis-network build) to draw the network: pip install pyvis"
    )

#: vis-network build shipped in pyvis 0.3.x (``pyvis/templates/lib/``).
VIS_DIR = "vis-9.1.2"

#: Colour and Korean legend label for a person and for each organization type.
PALETTE = {
    "person": ("#e15759", "인물"),
    "government": ("#4e79a7", "정부·지자체"),
    "legislature": ("#f28e2b", "국회·의회"),
    "company": ("#59a14f", "기업"),
    "university": ("#edc948", "대학"),
    "public_agency": ("#76b7b2", "공공기관"),
    "association": ("#b07aa1", "협회·단체"),
    "media": ("#ff9da7", "언론"),
    "other": ("#9c9c9c", "기타 조직"),
}

EDGE_KIND_LABELS = {
    "membership": "소속",
    "unit": "상위 조직",
    "co-mention": "같은 문장",
    "co-presenter": "함께 발제",
    "panel": "좌장·토론자",
    "organizer-attendee": "주최·참석",
}

#: What a release says an actor did at an event (``kg.network.details.EVENT_ROLES``) and said.
ROLE_LABELS = {
    "organizer": "주최",
    "attendee": "참석",
    "performer": "발표",
    "moderator": "좌장",
    "panelist": "토론자",
}
SAID_LABELS = {"quote": "발언", "proposal": "제안", "plan": "방침", "claim": "주장"}

MIN_EDGE_WIDTH, EDGE_WIDTH_RANGE = 1.0, 7.0
TOOLTIP_SENTENCE_CHARS = 300
#: Marks a page kg wrote, so that a later build over the same folder does not read it as a release.
GENERATOR = "kg graph page"
FONT_FACE = "Noto Sans CJK KR, Malgun Gothic, Apple SD Gothic Neo, NanumGothic, sans-serif"

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: object) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>`` or ``&`` can end the block.

    >>> script_json({"label": "</script><b>"})
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_ESCAPES[m.group()], text)


def vis_assets() -> tuple[str, str]:
    """The vis-network JS and CSS shipped in the pyvis package, ready to inline.

    The source-map comment is dropped (it names a file that is not there), and a closing
    ``</script``/``</style`` inside the code, should a later build contain one, is neutralised.
    """
    lib = resources.files("pyvis") / "templates" / "lib" / VIS_DIR
    try:
        js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise FileNotFoundError(
            f"{exc.filename}: vis-network assets not found in the pyvis package; "
            "install pyvis 0.3.x (pip install 'pyvis>=0.3,<0.4')"
        ) from exc
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    css = re.sub(r"^/\*# sourceMappingURL=.*$", "", css, flags=re.MULTILINE)
    css = re.sub(r"</(style)", r"\\3c/\1", css, flags=re.IGNORECASE)
    return js, css


def content_security_policy(*scripts: str) -> str:
    """The page's CSP: only the given inline scripts run, and nothing is fetched from anywhere.

    Inline styles and ``data:`` images/fonts stay allowed (vis-network and the legend use them);
    inline event handlers are not, so even injected markup could not run code.
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'"
    )


def page_assets() -> tuple[str, str]:
    """The page's own script and styles (``kg/render/graph_page.js``,
    ``kg/render/graph_page.css``)."""
    folder = resources.files("kg.render")
    js = (folder / "graph_page.js").read_text(encoding="utf-8")
    css = (folder / "graph_page.css").read_text(encoding="utf-8")
    return js, css


def vis_options() -> dict:
    """vis-network's options: the layout settles by physics, then the page turns it off."""
    return {
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            # graph_page.js sizes the labels to the zoom
            "font": {"face": FONT_FACE, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {"color": {"color": "#c4c4c4", "highlight": "#555555"}, "smooth": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
        "layout": {"randomSeed": 7},  # the same picture every time the page is opened
        "physics": {
            "solver": "barnesHut",
            # spread out, so that the labels of a hundred actors stay apart
            "barnesHut": {
                "gravitationalConstant": -20000,
                "springLength": 250,
                "centralGravity": 0.1,
                "avoidOverlap": 1,
            },
            "stabilization": {"iterations": 400, "updateInterval": 25, "fit": True},
        },
    }


def _legend(data: dict) -> str:
    """The colours, with the number of actors of each, and what sizes and widths mean."""
    counts = [0] * len(PALETTE)
    for kind in data["actors"]["kind"]:
        counts[kind] += 1
    items = "\n".join(
        f'<li><span class="kg-swatch" style="background:{color}"></span>'
        f"{html.escape(label)} <small>{html.escape(key)}</small> ({count})</li>"
        for (key, (color, label)), count in zip(PALETTE.items(), counts, strict=True)
    )
    total, drawn = data["count"], data["drawn"]
    return (
        '<section id="kg-legend" aria-label="범례 (legend)">\n<h2>범례</h2>\n<ul>\n'
        f"{items}\n</ul>\n"
        "<p>원 크기: PageRank · 선 굵기: 관계 강도 (소속 3, 상위 조직 2, 좌장·토론자 2, 함께 발제 "
        "1.5, 주최·참석 1, 같은 문장 1)"
        + (
            f" · 처음에는 PageRank 상위 {drawn}개만 표시 (전체 {total}개는 찾기로; 전체 순위는 "
            "centrality.csv)"
            if total > drawn
            else ""
        )
        + "</p>\n</section>"
    )


def _checkbox(name: str, value: str, label: str, color: str | None = None) -> str:
    swatch = f'<span class="kg-swatch" style="background:{color}"></span>' if color else ""
    return (
        f'<label><input type="checkbox" name="{name}" value="{html.escape(value)}" checked>'
        f"{swatch}{html.escape(label)}</label>"
    )


def _controls(data: dict) -> str:
    """The search box, its results, and the filters (a date range when the releases span
    several dates)."""
    sectors = "\n".join(
        _checkbox("sector", key, label, color)
        for key, (color, label) in PALETTE.items()
        if key != "person"
    )
    days = data.get("details", {}).get("days", [])
    dates = (
        '<fieldset id="kg-dates"><legend>기간 (보도자료 날짜)</legend>\n'
        f'<input type="date" id="kg-from" aria-label="부터 (from)" min="{days[0]}" '
        f'max="{days[-1]}" value="{days[0]}"> ~ '
        f'<input type="date" id="kg-to" aria-label="까지 (to)" min="{days[0]}" max="{days[-1]}" '
        f'value="{days[-1]}">\n'
        "</fieldset>\n"
        if len(days) > 1
        else ""
    )
    return (
        '<nav id="kg-controls" aria-label="찾기와 거르기 (search and filters)">\n'
        '<label for="kg-search">찾기 (search)</label>\n'
        '<input type="search" id="kg-search" placeholder="이름·약칭 (name or short form)" '
        'autocomplete="off" spellcheck="false" aria-controls="kg-results">\n'
        '<p id="kg-found" aria-live="polite"></p>\n'
        '<ul id="kg-results" aria-label="찾은 결과 (results)"></ul>\n'
        '<fieldset id="kg-kinds"><legend>종류 (kind)</legend>\n'
        f"{_checkbox('kind', 'person', '인물')}\n{_checkbox('kind', 'organization', '조직')}\n"
        "</fieldset>\n"
        '<fieldset id="kg-sectors"><legend>분야 (sector; 인물은 소속 조직의 '
        f'분야)</legend>\n{sectors}\n</fieldset>\n'
        f"{dates}"
        '<p id="kg-status" aria-live="polite"></p>\n'
        "</nav>\n"
    )


def render_html(
    G: nx.Graph | ActorNetwork,
    title: str,
    scores: dict | None = None,
    details: Iterable[ReleaseDetails] | None = None,
) -> str:
    """The actor network as a self-contained HTML page to explore (no remote resources).

    The page first draws the most central actors (at most ``kg.render.page_data.MAX_DRAWN_ACTORS``,
    by PageRank), coloured by :data:`PALETTE` (a person, or the organization's type), sized by
    PageRank (radius 10 to 40 px), with plain-text tooltips; tie width follows ``weight``. Its
    search box finds any actor by its label or any form a release writes its name in; choosing
    one draws it with its strongest ties and opens the details panel. Filters keep actors of a
    kind, of sectors (a person's sectors are those of its organizations) and, with ``details``
    spanning several dates, named in releases of a date range.

    Parameters
    ----------
    G : networkx.Graph or kg.network.ActorNetwork
        An actor network from :func:`kg.network.actors.actor_network` (or a corpus build's).
    title : str
        Page title and heading (escaped; may be any text).
    scores : dict, optional
        :func:`kg.network.centrality.centrality` of ``G`` when the caller has it (computed
        otherwise).
    details : iterable of kg.network.details.ReleaseDetails, optional
        What each release says of each actor (``kg.network.details.DetailsTotal`` of a build): the
        details panel lists the actor's releases, posts, quotes, proposals and events with
        their sentences. Without it the panel shows the network's attributes and ties.

    Returns
    -------
    str
        The HTML document.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("p", label="홍길동", kind="person", org_type=None)
    >>> page = render_html(G, "가나도 <보도자료>")
    >>> "<h1>가나도 &lt;보도자료&gt;</h1>" in page, "http" in page.split("</head>")[1]
    (True, False)
    """
    js, css = vis_assets()
    page_js, page_css = page_assets()
    vis_script, page_script = f"\n{js}\n", f"\n{page_js}\n"
    if scores is None:
        scores = centrality(G)
    data = page_data(G, scores, details)
    data.update(
        palette=[[key, color, label] for key, (color, label) in PALETTE.items()],
        tie_kinds=[EDGE_KIND_LABELS.get(kind, kind) for kind in TIE_KINDS],  # by bit
        roles=ROLE_LABELS,
        said=SAID_LABELS,
        widths=[MIN_EDGE_WIDTH, EDGE_WIDTH_RANGE],
        tooltip_chars=TOOLTIP_SENTENCE_CHARS,
        options=vis_options(),
    )
    empty = "" if data["count"] else '<p id="kg-empty">인물이나 조직이 없습니다 (no actors).</p>\n'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="generator" content="{GENERATOR}">\n'
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{content_security_policy(vis_script, page_script)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{css}\n</style>\n<style>{page_css}</style>\n"
        f"<script>{vis_script}</script>\n"
        "</head>\n<body>\n"
        f"<header>\n<h1>{html.escape(title)}</h1>\n{_legend(data)}\n</header>\n"
        '<div id="kg-main">\n'
        f"{_controls(data)}"
        f'<div id="kg-view">\n{empty}<div id="kg-network"></div>\n'
        '<div id="kg-loading" role="status">배치 계산 중… (laying out)</div>\n</div>\n'
        '<aside id="kg-details" aria-label="자세히 (details)" hidden></aside>\n'
        "</div>\n"
        f'<script type="application/json" id="kg-data">{script_json(data)}</script>\n'
        f"<script>{page_script}</script>\n"
        "</body>\n</html>\n"
    )


def write_html(
    G: nx.Graph,
    path: str | os.PathLike,
    title: str,
    details: Iterable[ReleaseDetails] | None = None,
) -> None:
    """Write :func:`render_html` to ``path`` (atomically: no half-written page is ever left)."""
    write_atomic(path, render_html(G, title, details=details))
