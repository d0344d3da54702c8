"""The fast ways of kg.network.centrality and kg.render.html give what the plain ways give, to the last bit.

A corpus network of tens of thousands of actors is ranked, written as CSV and drawn with NumPy
shortcuts (vectorized rounding, one stable sort per column, picking the drawn actors and ties on
the arrays, edge records made without PyVis's quadratic duplicate check). Each test here holds a
shortcut against the plain code it replaced, kept below as the reference.
"""

from __future__ import annotations

import csv
import io
import json
import random
import struct

import networkx as nx
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pyvis.network import Network

import kg.network.centrality
import kg.render.html
from kg.network.actors import ActorNetwork
from kg.network.centrality import centrality, centrality_table
from kg.network.ties import TIE_KINDS
from kg.render.html import EDGE_KIND_LABELS, MAX_DRAWN_TIES, drawn_actors, render_html
from kg.render.tables import table_to_csv

# --- the plain ways (the code the shortcuts replaced) ------------------------------------------


def plain_pagerank(n, i, j, w, alpha=0.85, tol=1e-12):
    ends, loops = i != j, i == j
    src = np.concatenate([i[ends], j[ends], i[loops]]).astype(np.int64)
    dst = np.concatenate([j[ends], i[ends], j[loops]]).astype(np.int64)
    weight = np.concatenate([w[ends], w[ends], w[loops]]).astype(np.float64)
    out_weight = np.bincount(src, weights=weight, minlength=n) if len(src) else np.zeros(n)
    dangling = out_weight == 0
    share = np.divide(weight, out_weight[src], out=np.zeros_like(weight), where=out_weight[src] > 0)
    rank = np.full(n, 1.0 / n)
    while True:
        previous = rank
        flow = alpha * previous[src] * share
        rank = np.bincount(dst, weights=flow, minlength=n) if len(src) else np.zeros(n)
        rank += (1.0 - alpha) / n + alpha * previous[dangling].sum() / n
        if np.abs(rank - previous).sum() < n * tol:
            return rank.tolist()


def plain_table(G, scores):
    rows = []
    for node, data in G.nodes(data=True):
        score = scores[node]
        rows.append(
            {
                "rank": 0,
                "name": data.get("label", str(node)),
                "kind": data.get("kind"),
                "org_type": data.get("org_type"),
                "titles": "; ".join(data.get("titles", [])),
                "organizations": "; ".join(data.get("organizations", [])),
                "degree": round(score["degree"], 4),
                "betweenness": round(score["betweenness"], 4),
                "pagerank": round(score["pagerank"], 4),
                "mentions": data.get("mentions", 0),
                "_key": str(node),
            }
        )
    rows.sort(key=lambda r: (-r["pagerank"], r["name"], r["_key"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
        del row["_key"]
    return rows


def plain_csv(rows, columns=kg.network.centrality.TABLE_COLUMNS):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def plain_drawn(G, scores, limit, max_ties):
    if len(G) > limit or not isinstance(G, nx.Graph):
        G = G.subgraph(sorted(G, key=lambda u: (-scores[u]["pagerank"], str(u)))[:limit])
    if G.number_of_edges() > max_ties:
        heaviest = sorted(
            G.edges(data=True), key=lambda e: (-e[2].get("weight", 1.0), str(e[0]), str(e[1]))
        )
        drawn = nx.Graph()
        drawn.add_nodes_from(G.nodes(data=True))
        drawn.add_edges_from(heaviest[:max_ties])
        drawn.graph["ties_among_drawn"] = G.number_of_edges()
        G = drawn
    return G


def pyvis_edges(G, heaviest):
    net = Network(directed=False)
    for node in G:
        net.add_node(str(node))
    for u, v, data in G.edges(data=True):
        weight = data.get("weight", 1.0)
        kinds = " · ".join(EDGE_KIND_LABELS.get(k, k) for k in data.get("kinds", []))
        ends = f"{G.nodes[u].get('label', u)} — {G.nodes[v].get('label', v)}"
        width = round(1.0 + 7.0 * weight / heaviest, 2)
        net.add_edge(str(u), str(v), width=width, title=f"{ends}\n{kinds}\n강도 {weight:g}")
    return net.edges


# --- networks ------------------------------------------------------------------------------------


def corpus_network(seed: int, n: int = 300, ties: int = 1500, sorted_names: bool = True):
    """An ActorNetwork like ``kg build``'s: IRIs, repeated labels, weights that tie often."""
    rng = random.Random(seed)
    kinds_of = ["person", "org"]
    names = [f"https://w3id.org/kg-press/id/{rng.choice(kinds_of)}/{k:05d}" for k in range(n)]
    if not sorted_names:
        rng.shuffle(names)
    attrs = [
        {
            "label": rng.choice(["홍길동", "김철수", "가나도", "다라", f"이름{k % 37}"]),
            "kind": rng.choice(["person", "organization"]),
            "org_type": rng.choice([None, "government", "company"]),
            "titles": rng.sample(["도지사", "과장", "교수"], rng.randint(0, 2)),
            "organizations": rng.sample(["가나도", "다라대학교"], rng.randint(0, 2)),
            "sentence": "",
            "mentions": rng.randint(0, 5),
        }
        for k in range(n)
    ]
    pairs = set()
    while len(pairs) < ties:
        a, b = rng.sample(range(n), 2)
        if rng.random() < 0.5:  # hubs: many ties at a few actors
            a = rng.randrange(5)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    src, dst = (np.array(column, dtype=np.int64) for column in zip(*sorted(pairs)))
    weight = np.array([rng.choice([1.0, 1.5, 2.0, 3.0, 4.5]) for _ in pairs])
    kinds = np.array([rng.randrange(1, 1 << len(TIE_KINDS)) for _ in pairs], dtype=np.int64)
    return ActorNetwork(names, attrs, src, dst, weight, kinds)


def same_graph(a: nx.Graph, b: nx.Graph) -> bool:
    """Same nodes, ties, attributes and graph attributes, in the same orders."""
    return (
        list(a.nodes(data=True)) == list(b.nodes(data=True))
        and list(a.edges(data=True)) == list(b.edges(data=True))
        and [list(a.adj[u]) for u in a] == [list(b.adj[u]) for u in b]
        and a.graph == b.graph
    )


# --- centrality ----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_pagerank_is_the_plain_iteration_to_the_last_bit(seed):
    network = corpus_network(seed, sorted_names=seed % 2 == 0)
    n, i, j, w = len(network), network.src, network.dst, network.weight
    assert kg.network.centrality._pagerank(n, i, j, w) == plain_pagerank(n, i, j, w)
    G = network.graph()
    G.add_edge(network.node_names[3], network.node_names[3], weight=2.0)  # a self-loop
    ties = kg.network.centrality._ties(G)
    arrays = [np.array(column) for column in zip(*ties)]
    assert kg.network.centrality._pagerank(n, *arrays) == plain_pagerank(n, *arrays)


def test_round_robin_keeps_each_ids_order():
    ids = np.array([0, 0, 0, 2, 2, 5, 7, 7, 7, 7])
    order = kg.network.centrality._round_robin(ids)
    assert ids[order].tolist() == [0, 2, 5, 7, 0, 2, 7, 0, 7, 7]
    for k in set(ids.tolist()):
        assert [p for p in order.tolist() if ids[p] == k] == np.flatnonzero(ids == k).tolist()
    unsorted = np.array([3, 1, 3])
    assert kg.network.centrality._round_robin(unsorted).tolist() == [0, 1, 2]


def test_a_corpus_network_and_its_networkx_graph_have_the_same_centrality(monkeypatch):
    network = corpus_network(7, n=400, ties=2500)
    assert centrality(network) == centrality(network.graph())  # exact betweenness
    monkeypatch.setattr(kg.network.centrality, "EXACT_BETWEENNESS_LIMIT", 100)  # estimated, by igraph
    assert centrality(network) == centrality(network.graph())


def test_a_tie_without_a_positive_weight_is_refused():
    network = corpus_network(1, n=20, ties=30)
    network.weight[4] = 0.0
    with pytest.raises(ValueError, match="weights must be > 0"):
        centrality(network)


# --- the ranking table and its CSV -------------------------------------------------------------


def _float_from_bits(bits: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.floats(allow_nan=True, allow_infinity=True),
            st.floats(min_value=0, max_value=1),
            st.integers(-(10**9), 10**9).map(lambda q: (q + 0.5) / 10**4),  # halfway, inexactly
            st.integers(0, 2**64 - 1).map(_float_from_bits),
        ),
        max_size=40,
    ),
    st.integers(0, 8),
)
def test_rounding_is_pythons_round(values, digits):
    expected = [round(v, digits) for v in values]
    got = kg.network.centrality._rounded(values, digits)
    assert [struct.pack("<d", v) for v in got] == [struct.pack("<d", v) for v in expected]


def test_rounding_near_and_at_halfway_points():
    values = [0.03125, 2.675, 0.00005, 1.00005, 0.12345, -0.00004, 0.0, -0.0, 12345.67895]
    values += [np.nextafter(v, d) for v in values for d in (-np.inf, np.inf)]
    values = [float(v) for v in values]
    got = kg.network.centrality._rounded(values, 4)
    assert [struct.pack("<d", v) for v in got] == [struct.pack("<d", round(v, 4)) for v in values]
    assert kg.network.centrality._rounded([1, 2.5], 0) == [1, 2.0]  # an int stays an int: round's business


@pytest.mark.parametrize("seed", range(4))
def test_table_is_the_plain_table(seed):
    network = corpus_network(seed, sorted_names=seed % 2 == 0)
    scores = centrality(network)
    expected = plain_table(network, scores)
    assert centrality_table(network, scores) == expected
    assert [list(row) for row in centrality_table(network, scores)] == [list(r) for r in expected]
    G = network.graph()
    assert centrality_table(G, scores) == plain_table(G, scores)


def test_table_ranks_equal_pageranks_by_name_then_iri():
    G = nx.Graph()
    for node, label in [("c", "나"), ("a", "나"), (2, "가"), ("b", "가"), ("z", None)]:
        G.add_node(node, **({"label": label} if label else {}))
    scores = {u: {"degree": 0.0, "betweenness": 0.0, "pagerank": 0.25} for u in G}
    scores["z"]["pagerank"] = 0.5
    assert [r["name"] for r in centrality_table(G, scores)] == ["z", "가", "가", "나", "나"]
    assert centrality_table(G, scores) == plain_table(G, scores)
    scores["a"]["pagerank"] = float("nan")
    assert repr(centrality_table(G, scores)) == repr(plain_table(G, scores))


def test_csv_is_what_csv_dictwriter_writes():
    network = corpus_network(3)
    rows = centrality_table(network)
    assert table_to_csv(rows) == plain_csv(rows)
    assert table_to_csv(iter(rows)) == plain_csv(rows)
    odd = [
        {"rank": 1, "name": 'a,"b"\n', "extra": 1, "degree": np.float64(0.5)},  # columns missing
        {"rank": 2.0, "name": None},
    ]
    assert table_to_csv(odd) == plain_csv(odd)
    assert table_to_csv(rows, ["name"]) == plain_csv(rows, ["name"])
    assert table_to_csv(rows, []) == plain_csv(rows, [])
    assert table_to_csv([], ["a", "b"]) == plain_csv([], ["a", "b"])


def test_csv_of_rows_that_are_not_dicts():
    from collections import OrderedDict, defaultdict

    rows = [defaultdict(int, rank=1, name="가"), OrderedDict(rank=2, name="나", kind="person")]
    assert table_to_csv(rows) == plain_csv(rows)


# --- the page ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "limit", "max_ties"),
    [(0, 40, 60), (1, 40, 60), (2, 80, 2000), (3, 300, 100), (4, 5, 60), (5, 0, 60)],
)
def test_drawn_actors_of_a_corpus_network_are_the_plain_ones(monkeypatch, seed, limit, max_ties):
    monkeypatch.setattr(kg.render.html, "MAX_DRAWN_TIES", max_ties)
    network = corpus_network(seed, sorted_names=seed % 2 == 0)
    scores = centrality(network)
    if seed == 1:  # many actors at the cut: ties broken by IRI
        scores = {u: {**s, "pagerank": round(s["pagerank"], 3)} for u, s in scores.items()}
    expected = plain_drawn(network, scores, limit, max_ties)
    assert same_graph(drawn_actors(network, scores, limit), expected)
    G = network.graph()
    assert same_graph(drawn_actors(G, scores, limit), plain_drawn(G, scores, limit, max_ties))


def test_drawn_actors_with_nodes_that_print_alike():
    G = nx.Graph([(1, "1"), ("1", "a"), (1, "a"), ("b", "a")])
    scores = {u: {"pagerank": 0.25} for u in G}
    for limit in range(5):
        expected = plain_drawn(G, scores, limit, MAX_DRAWN_TIES)
        assert same_graph(drawn_actors(G, scores, limit), expected)


def test_edge_records_are_pyvis_records():
    network = corpus_network(2)
    G = drawn_actors(network, centrality(network))
    heaviest = max(w for _, _, w in G.edges(data="weight"))
    assert kg.render.html._edge_records(G, heaviest) == pyvis_edges(G, heaviest)
    alike = nx.Graph([(1, "1"), ("1", "a"), (1, "a"), ("a", "a")], weight=2.0)
    nx.set_node_attributes(alike, {1: "하나"}, "label")
    assert kg.render.html._edge_records(alike, 2.0) == pyvis_edges(alike, 2.0)


def test_page_of_a_corpus_network_is_the_page_of_its_networkx_graph(monkeypatch):
    monkeypatch.setattr(kg.render.html, "MAX_DRAWN_TIES", 1000)
    # 400 of 700 actors: NetworkX's subgraph lists them in the graph's order too (of fewer than
    # half, in the order of the set of them)
    network = corpus_network(6, n=700, ties=6000)
    scores = centrality(network)
    page = render_html(network, "보도자료", scores)
    assert page == render_html(network.graph(), "보도자료", scores)
    data = json.loads(page.split("var KG_DATA = ", 1)[1].split(";\n", 1)[0])
    assert len(data["nodes"]) == kg.render.html.MAX_DRAWN_ACTORS and len(data["edges"]) == 1000


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 30), st.integers(1, 40))
def test_most_central_is_the_head_of_the_sort(seed, limit, levels):
    rng = random.Random(seed)
    nodes = rng.sample([f"n{k}" for k in range(60)] + list(range(20)), rng.randint(0, 50))
    assume(len(set(map(str, nodes))) == len(nodes) or seed % 2)
    scores = {u: {"pagerank": rng.randrange(levels) / levels} for u in nodes}
    head = sorted(nodes, key=lambda u: (-scores[u]["pagerank"], str(u)))[:limit]
    assert [nodes[k] for k in kg.render.html._most_central(nodes, scores, limit)] == head
