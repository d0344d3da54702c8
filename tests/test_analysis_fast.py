"""The fast ways of kg.network.centrality and kg.render.html give what the plain ways give, to the
last bit.

A corpus network of tens of thousands of actors is ranked, written as CSV and drawn with NumPy
shortcuts (vectorized rounding, one stable sort per column, picking the ties the page keeps on
the arrays). Each test here holds a shortcut against the plain code it replaced, or the plain
code it stands for, kept below as the reference.
"""

from __future__ import annotations

import csv
import io
import random
import struct

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.network.centrality
import kg.render.page_data
from kg.network.actors import ActorNetwork
from kg.network.centrality import centrality, centrality_table
from kg.network.ties import TIE_KINDS
from kg.render.html import render_html
from kg.render.page_data import page_data
from kg.render.tables import table_to_csv

# --- the plain ways (the code the shortcuts replaced) ------------------------------------------


ALPHA, TOL = 0.85, 1e-12


def plain_pagerank(n, i, j, w):
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
        flow = ALPHA * previous[src] * share
        rank = np.bincount(dst, weights=flow, minlength=n) if len(src) else np.zeros(n)
        rank += (1.0 - ALPHA) / n + ALPHA * previous[dangling].sum() / n
        if np.abs(rank - previous).sum() < n * TOL:
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


def plain_kept_ties(G, scores, drawn, max_ties, neighbours):
    """The ties graph.html keeps, as ``(a, b, weight, kinds)`` with actors numbered by rank:
    the strongest ``max_ties`` among the first ``drawn`` and each actor's ``neighbours``
    strongest (ties broken by the other end's rank)."""
    rank = {u: r for r, u in enumerate(sorted(G, key=lambda u: (-scores[u]["pagerank"], str(u))))}
    bits = {kind: 1 << k for k, kind in enumerate(TIE_KINDS)}
    ties = [
        (
            min(rank[u], rank[v]),
            max(rank[u], rank[v]),
            d.get("weight", 1.0),
            sum(bits[k] for k in d.get("kinds", ())),
        )
        for u, v, d in G.edges(data=True)
        if u != v
    ]
    kept = set(
        sorted((t for t in ties if t[1] < drawn), key=lambda t: (-t[2], t[0], t[1]))[:max_ties]
    )
    for r in range(len(G)):
        mine = [t for t in ties if r in t[:2]]
        kept |= set(sorted(mine, key=lambda t: (-t[2], t[1] if t[0] == r else t[0]))[:neighbours])
    return sorted(kept)


def unpacked(column: list) -> list[int]:
    """The integers of a ``kg.render.page_data.packed`` column, as graph_page.js reads them."""
    width, text = column
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    values = []
    for k in range(0, len(text), width):
        value = 0
        for c in text[k : k + width]:
            value = value * 64 + digits.index(c)
        values.append(value)
    return values


def page_ties(data: dict) -> list[tuple]:
    ties = data["ties"]
    a = [actor for actor, count in enumerate(unpacked(ties["count"])) for _ in range(count)]
    weights = [w / 2 for w in unpacked(ties["w2"])] if "w2" in ties else ties["w"]
    return list(zip(a, unpacked(ties["b"]), weights, unpacked(ties["kinds"]), strict=True))


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
    monkeypatch.setattr(
        kg.network.centrality, "EXACT_BETWEENNESS_LIMIT", 100
    )  # estimated, by igraph
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
    assert kg.network.centrality._rounded([1, 2.5], 0) == [
        1,
        2.0,
    ]  # an int stays an int: round's business


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
    ("seed", "drawn", "max_ties", "neighbours"),
    [
        (0, 40, 60, 3),
        (1, 40, 60, 12),
        (2, 80, 2000, 1),
        (3, 300, 100, 5),
        (4, 5, 60, 0),
        (5, 0, 60, 2),
    ],
)
def test_kept_ties_of_a_corpus_network_are_the_plain_ones(
    monkeypatch, seed, drawn, max_ties, neighbours
):
    for name, value in (
        ("MAX_DRAWN_ACTORS", drawn),
        ("MAX_DRAWN_TIES", max_ties),
        ("NEIGHBOURS", neighbours),
    ):
        monkeypatch.setattr(kg.render.page_data, name, value)
    network = corpus_network(seed, sorted_names=seed % 2 == 0)
    scores = centrality(network)
    if seed == 1:  # many actors at the cut: ties broken by IRI
        scores = {u: {**s, "pagerank": round(s["pagerank"], 3)} for u, s in scores.items()}
    expected = plain_kept_ties(network.graph(), scores, drawn, max_ties, neighbours)
    assert page_ties(page_data(network, scores)) == expected
    assert page_ties(page_data(network.graph(), scores)) == expected


def test_page_of_a_corpus_network_is_the_page_of_its_networkx_graph():
    network = corpus_network(6, n=700, ties=6000)
    scores = centrality(network)
    page = render_html(network, "보도자료", scores)
    assert page == render_html(network.graph(), "보도자료", scores)
    data = kg.render.page_data.page_data(network, scores)
    assert data["count"] == 700 and data["drawn"] == kg.render.page_data.MAX_DRAWN_ACTORS


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 60))
def test_actors_are_numbered_by_rank(seed, n):
    rng = random.Random(seed)
    nodes = rng.sample([f"n{k}" for k in range(60)], n)
    scores = {u: {"pagerank": rng.randrange(7) / 7} for u in nodes}
    G = nx.Graph()
    G.add_nodes_from(nodes)
    labels = page_data(G, scores)["actors"]["label"]
    assert labels == sorted(nodes, key=lambda u: (-scores[u]["pagerank"], u))
