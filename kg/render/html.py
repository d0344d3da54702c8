"""Draw the actor network as one self-contained HTML page that opens offline by double-click.

PyVis (``pyvis.network.Network``) builds the node records; the edge records are made the way
its ``add_edge`` makes them, without its scan of every earlier edge for each new one. The page
around them is a small template of our own rather than PyVis's, whose template links bootstrap
and tom-select from CDNs. The vis-network JS and CSS bundled inside the installed pyvis package
are inlined, so the page loads nothing from anywhere. This is the only module that imports pyvis.

Release text is data, never markup: it reaches the page only as JSON inside the script, with
``<``, ``>`` and ``&`` escaped, and vis-network 9 shows a string tooltip with ``innerText``.
A Content-Security-Policy lets only the page's own two scripts run and forbids every fetch.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import html
import json
import math
import os
import re
from importlib import resources

import networkx as nx
import numpy as np

from kg.engine.atomic import write_atomic
from kg.network.actors import ActorNetwork
from kg.network.centrality import centrality

try:
    from pyvis.network import Network
except ImportError as exc:  # pragma: no cover - exercised only without the dependency
    raise ImportError("kg.render.html needs PyVis to draw the network: pip install pyvis") from exc

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

MIN_NODE_SIZE, NODE_SIZE_RANGE = 10.0, 30.0
MIN_EDGE_WIDTH, EDGE_WIDTH_RANGE = 1.0, 7.0
TOOLTIP_SENTENCE_CHARS = 300
#: Marks a page kg wrote, so that a later build over the same folder does not read it as a release.
GENERATOR = "kg graph page"
#: The page draws at most this many actors, the most central by PageRank, and this many ties
#: among them, the strongest.
MAX_DRAWN_ACTORS = 400
MAX_DRAWN_TIES = 2000
FONT_FACE = "Noto Sans CJK KR, Malgun Gothic, Apple SD Gothic Neo, NanumGothic, sans-serif"

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def palette_key(data: dict) -> str:
    """The :data:`PALETTE` entry of a node: ``"person"`` or its organization type."""
    if data.get("kind") == "person":
        return "person"
    org_type = data.get("org_type")
    return org_type if org_type in PALETTE else "other"


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


def _scale(value: float, low: float, high: float) -> float:
    """``value`` mapped to [0, 1]; 0.5 when every value is the same."""
    return 0.5 if math.isclose(high, low) else (value - low) / (high - low)


def _node_tooltip(data: dict, pagerank: float) -> str:
    key = palette_key(data)
    kind = "인물 (person)" if key == "person" else f"조직 · {PALETTE[key][1]} ({key})"
    lines = [data.get("label", ""), f"종류: {kind}"]
    if data.get("titles"):
        lines.append("직함: " + "; ".join(data["titles"]))
    if data.get("organizations"):
        heading = "소속" if key == "person" else "상위 조직"
        lines.append(f"{heading}: " + "; ".join(data["organizations"]))
    lines.append(f"언급: {data.get('mentions', 0)}회 · PageRank {pagerank:.4f}")
    sentence = " ".join(str(data.get("sentence") or "").split())
    if sentence:
        if len(sentence) > TOOLTIP_SENTENCE_CHARS:
            sentence = sentence[: TOOLTIP_SENTENCE_CHARS - 1] + "…"
        lines.append(f"문장: {sentence}")
    return "\n".join(lines)


def drawn_actors(G: nx.Graph | ActorNetwork, scores: dict, limit: int = MAX_DRAWN_ACTORS) -> nx.Graph:
    """The ``limit`` actors of highest PageRank (ties broken by IRI) and the strongest
    :data:`MAX_DRAWN_TIES` ties among them, as a NetworkX graph: a browser draws a few hundred
    nodes smoothly, not the tens of thousands of a corpus."""
    if isinstance(G, ActorNetwork):
        G = _drawn_part(G, _most_central(G.node_names, scores, limit))
    elif len(G) > limit:
        nodes = list(G)
        G = G.subgraph([nodes[k] for k in _most_central(nodes, scores, limit)])
    if G.number_of_edges() > MAX_DRAWN_TIES:
        heaviest = sorted(G.edges(data=True), key=lambda e: (-e[2].get("weight", 1.0), str(e[0]), str(e[1])))
        drawn = nx.Graph()
        drawn.add_nodes_from(G.nodes(data=True))
        drawn.add_edges_from(heaviest[:MAX_DRAWN_TIES])
        drawn.graph["ties_among_drawn"] = G.number_of_edges()  # for the legend
        G = drawn
    return G


def _most_central(nodes: list, scores: dict, limit: int) -> list[int]:
    """The positions in ``nodes`` of ``sorted(nodes, key=lambda u: (-scores[u]["pagerank"],
    str(u)))[:limit]``, in that order, without sorting the nodes below the ``limit``-th highest
    PageRank. (A NetworkX subgraph of a few nodes lists them in the order of the set of them,
    which may depend on the order they were given in.)
    """

    def key(k: int) -> tuple:
        return (-scores[nodes[k]]["pagerank"], str(nodes[k]))

    pagerank = np.array([scores[u]["pagerank"] for u in nodes], dtype=np.float64)
    if not 0 < limit < len(nodes) or np.isnan(pagerank).any():  # the sort itself
        return sorted(range(len(nodes)), key=key)[:limit]
    cut = np.partition(pagerank, len(nodes) - limit)[len(nodes) - limit]
    above = sorted(np.flatnonzero(pagerank > cut).tolist(), key=key)
    at = sorted(np.flatnonzero(pagerank == cut).tolist(), key=key)
    return above + at[: limit - len(above)]


def _drawn_part(G: ActorNetwork, drawn: list[int]) -> nx.Graph:
    """The NetworkX graph of the actors at positions ``drawn`` in ``G`` and the ties among them,
    as :func:`drawn_actors` would make it of ``G.subgraph``: actors in ``G``'s order and, past
    :data:`MAX_DRAWN_TIES` ties, the strongest (ties broken by the IRIs of their ends), added
    strongest first. The ties are picked on ``G``'s arrays; only the drawn become NetworkX edges.
    """
    drawn = sorted(drawn)
    inside = np.zeros(len(G), dtype=bool)
    inside[drawn] = True
    among = np.flatnonzero(inside[G.src] & inside[G.dst])
    first, second = np.minimum(G.src[among], G.dst[among]), np.maximum(G.src[among], G.dst[among])
    weight = G.weight[among]
    pairs = first * len(G) + second
    if len(among) <= MAX_DRAWN_TIES or len(np.unique(pairs)) < len(among) or np.isnan(weight).any():
        ties, heaviest = among, None  # few ties, or ones NetworkX merges or cannot sort: as is
    else:
        by_name = np.zeros(len(G), dtype=np.int64)  # the order of str(IRI) among the drawn
        by_name[sorted(drawn, key=lambda k: str(G.node_names[k]))] = np.arange(len(drawn))
        heaviest = np.lexsort((by_name[second], by_name[first], -weight))[:MAX_DRAWN_TIES]
        ties = among[heaviest]
    position = np.full(len(G), -1, dtype=np.int64)  # in G -> among the drawn
    position[drawn] = np.arange(len(drawn))
    part = dataclasses.replace(
        G,
        node_names=[G.node_names[k] for k in drawn],
        attrs=[G.attrs[k] for k in drawn],
        src=position[G.src[ties]],
        dst=position[G.dst[ties]],
        weight=G.weight[ties],
        kinds=G.kinds[ties],
    ).graph()
    if heaviest is not None:
        part.graph["ties_among_drawn"] = len(among)  # for the legend
    return part


def _network_data(G: nx.Graph, scores: dict) -> dict:
    """Nodes, edges and vis options: nodes and options built with PyVis, edges as PyVis's
    ``Network.add_edge`` makes them (:func:`_edge_records`)."""
    ranks = [s["pagerank"] for s in scores.values()] or [0.0]
    low, high = min(ranks), max(ranks)
    weights = [d.get("weight", 1.0) for _, _, d in G.edges(data=True)] or [1.0]
    heaviest = max(weights)

    net = Network(directed=False)
    for node, data in G.nodes(data=True):
        key = palette_key(data)
        pagerank = scores[node]["pagerank"]
        net.add_node(
            str(node),
            label=str(data.get("label") or node),
            color=PALETTE[key][0],
            size=round(MIN_NODE_SIZE + NODE_SIZE_RANGE * _scale(pagerank, low, high), 2),
            title=_node_tooltip(data, pagerank),
        )
    net.options = {
        "nodes": {"shape": "dot", "borderWidth": 1, "font": {"face": FONT_FACE, "size": 14}},
        "edges": {"color": {"color": "#b8b8b8", "highlight": "#555555"}, "smooth": False},
        "interaction": {"hover": True, "tooltipDelay": 150},
        "layout": {"randomSeed": 7},  # the same picture every time the page is opened
        "physics": {
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 160, "avoidOverlap": 0.6},
            "stabilization": {"iterations": 400, "fit": True},
        },
    }
    nodes, _, _, _, _, options = net.get_network_data()
    return {"nodes": nodes, "edges": _edge_records(G, heaviest), "options": json.loads(options)}


def _edge_records(G: nx.Graph, heaviest: float) -> list[dict]:
    """The vis record of every tie, ``{"width", "title", "from", "to"}``, as PyVis's
    ``Network.add_edge`` of an undirected network makes it (a tie between two ids joined
    already is left out), without its scan of every earlier tie for each new one."""
    labels = {u: data.get("label", u) for u, data in G.nodes(data=True)}
    records, joined = [], set()
    for u, v, data in G.edges(data=True):
        source, to = str(u), str(v)
        if (source, to) in joined or (to, source) in joined:
            continue
        joined.add((source, to))
        weight = data.get("weight", 1.0)
        kinds = " · ".join(EDGE_KIND_LABELS.get(k, k) for k in data.get("kinds", []))
        records.append(
            {
                "width": round(MIN_EDGE_WIDTH + EDGE_WIDTH_RANGE * weight / heaviest, 2),
                "title": f"{labels[u]} — {labels[v]}\n{kinds}\n강도 {weight:g}",
                "from": source,
                "to": to,
            }
        )
    return records


def _legend(G: nx.Graph, total: int) -> str:
    counts: dict[str, int] = {}
    for _, data in G.nodes(data=True):
        counts[palette_key(data)] = counts.get(palette_key(data), 0) + 1
    items = "\n".join(
        f'<li><span class="kg-swatch" style="background:{color}"></span>'
        f"{html.escape(label)} <small>{html.escape(key)}</small> ({counts.get(key, 0)})</li>"
        for key, (color, label) in PALETTE.items()
    )
    return (
        '<section id="kg-legend" aria-label="범례 (legend)">\n<h2>범례</h2>\n<ul>\n'
        f"{items}\n</ul>\n"
        "<p>원 크기: PageRank · 선 굵기: 관계 강도 (소속 3, 상위 조직 2, 좌장·토론자 2, 함께 발제 1.5, 주최·참석 1, 같은 문장 1)"
        + (
            f" · PageRank 상위 {len(G)}개만 표시 (전체 {total}개; 전체 순위는 centrality.csv)"
            if total > len(G)
            else ""
        )
        + (
            f" · 그 사이의 관계 {ties}개 중 강한 {G.number_of_edges()}개만 표시"
            if (ties := G.graph.get("ties_among_drawn", 0)) > G.number_of_edges()
            else ""
        )
        + "</p>\n"
        "</section>"
    )


_PAGE_CSS = """
html, body { margin: 0; height: 100%; font-family: "Noto Sans CJK KR", "Malgun Gothic",
  "Apple SD Gothic Neo", NanumGothic, sans-serif; color: #222; background: #fff; }
body { display: flex; flex-direction: column; }
header { padding: 8px 14px; border-bottom: 1px solid #ddd; }
h1 { font-size: 18px; margin: 0 0 6px; }
#kg-legend h2 { display: none; }
#kg-legend ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; }
#kg-legend li { font-size: 13px; white-space: nowrap; }
#kg-legend small { color: #777; }
#kg-legend p { margin: 4px 0 0; font-size: 12px; color: #555; }
.kg-swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%;
  margin-right: 4px; vertical-align: -1px; border: 1px solid rgba(0,0,0,.25); }
#kg-network { flex: 1; min-height: 400px; }
#kg-empty { padding: 20px; color: #777; }
div.vis-tooltip { white-space: pre-line; max-width: 30em; font-family: inherit; font-size: 13px; }
"""

# Sets body data-kg-drawn to the node count once vis has drawn (checked by the browser test).
_PAGE_JS = """
(function () {
  "use strict";
  var nodes = new vis.DataSet(KG_DATA.nodes);
  var edges = new vis.DataSet(KG_DATA.edges);
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, KG_DATA.options);
  network.once("afterDrawing", function () {
    document.body.dataset.kgDrawn = String(nodes.length);
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: false});
    // Draw now rather than on the next animation frame, which a background tab may never get.
    setTimeout(function () { network.redraw(); }, 0);
  });
  window.kgNetwork = network;
})();
"""


def render_html(G: nx.Graph, title: str, scores: dict | None = None) -> str:
    """The actor network as a self-contained HTML page (no remote resources).

    Nodes are coloured by :data:`PALETTE` (a person, or the organization's type), sized by
    PageRank (radius 10 to 40 px) and carry a plain-text tooltip with name, kind, titles,
    organizations and the source sentence; tie width follows ``weight``. A legend lists the
    colours with the number of actors of each.

    Parameters
    ----------
    G : networkx.Graph or kg.network.actors.ActorNetwork
        An actor network from :func:`kg.network.actors.actor_network` (or a corpus build's).
    title : str
        Page title and heading (escaped; may be any text).
    scores : dict, optional
        :func:`kg.network.centrality.centrality` of ``G`` when the caller has it (computed otherwise).
        Past :data:`MAX_DRAWN_ACTORS` actors only the most central are drawn.

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
    vis_script = f"\n{js}\n"
    if scores is None:
        scores = centrality(G)
    total = len(G)
    G = drawn_actors(G, scores)
    page_script = f"\nvar KG_DATA = {script_json(_network_data(G, scores))};\n{_PAGE_JS}"
    empty = "" if len(G) else '<p id="kg-empty">인물이나 조직이 없습니다 (no actors).</p>\n'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="generator" content="{GENERATOR}">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(vis_script, page_script)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{css}\n</style>\n<style>{_PAGE_CSS}</style>\n"
        f"<script>{vis_script}</script>\n"
        "</head>\n<body>\n"
        f"<header>\n<h1>{html.escape(title)}</h1>\n{_legend(G, total)}\n</header>\n"
        f'{empty}<div id="kg-network"></div>\n'
        f"<script>{page_script}</script>\n"
        "</body>\n</html>\n"
    )


def write_html(G: nx.Graph, path: str | os.PathLike, title: str) -> None:
    """Write :func:`render_html` to ``path`` (atomically: no half-written page is ever left)."""
    write_atomic(path, render_html(G, title))
