"""The centralities of an actor network (PageRank, betweenness, degree) and its ranking table.

The network is a NetworkX graph, or for a corpus build the columns of a
``kg.network.actors.ActorNetwork``; every function here takes either. Every function is pure:
a network goes in, a dict or table comes out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

import networkx as nx
import numpy as np

from kg.network.actors import ActorNetwork

# The ranking table, which reads the scores of ``centrality``, has its own module.
from kg.network.ranking import (  # noqa: E402, F401  (names of this module's API)
    _NUMERIC_COLUMNS,
    TABLE_COLUMNS,
    _ranking,
    _rounded,
    centrality_table,
)

PAGERANK_ALPHA = 0.85


#: Up to this many actors betweenness is exact; past it, it is estimated from a sample of source
#: actors (seed 0) sized so that the shortest-path searches visit about BETWEENNESS_BUDGET ties
#: in all (at least BETWEENNESS_MIN_SAMPLE sources), so a corpus of thousands of releases stays
#: fast. An estimate ranks the brokers of a large network, but its small values are noisy.
EXACT_BETWEENNESS_LIMIT = 1000


BETWEENNESS_BUDGET = 5_000_000


BETWEENNESS_MIN_SAMPLE = 16


#: PageRank iterates until the ranks move by less than this per actor (in all, times n).
PAGERANK_TOLERANCE = 1e-12


def _pagerank(
    n: int, i: np.ndarray, j: np.ndarray, w: np.ndarray, alpha: float = PAGERANK_ALPHA
) -> list[float]:
    """Weighted PageRank of nodes ``0 .. n-1`` by power iteration (NetworkX's definition; no
    SciPy needed). Tie ``k`` joins ``i[k]`` and ``j[k]`` with weight ``w[k]`` (a self-loop has
    ``i[k] == j[k]``), in the order :func:`_ties` lists them.

    A node without ties spreads its rank evenly over all nodes, as NetworkX does. The iteration
    runs on NumPy arrays, so a corpus network of hundreds of thousands of actors takes seconds.
    """
    ends, loops = i != j, i == j
    # every tie both ways (a self-loop once), as G[u] lists it
    src = np.concatenate([i[ends], j[ends], i[loops]]).astype(np.int64)
    dst = np.concatenate([j[ends], i[ends], j[loops]]).astype(np.int64)
    weight = np.concatenate([w[ends], w[ends], w[loops]]).astype(np.float64)
    out_weight = np.bincount(src, weights=weight, minlength=n) if len(src) else np.zeros(n)
    dangling = out_weight == 0
    share = np.divide(weight, out_weight[src], out=np.zeros_like(weight), where=out_weight[src] > 0)
    # Each step adds up every node's incoming flows in the order above. Taking the second half
    # (sorted by target) round-robin keeps each node's order, and np.bincount runs twice as fast.
    m = int(ends.sum())
    order = np.concatenate([np.arange(m), m + _round_robin(i[ends]), np.arange(2 * m, len(src))])
    src, dst, share = src[order], dst[order], share[order]
    rank = np.full(n, 1.0 / n)
    flow = np.empty_like(share)  # what each tie carries in a step: alpha * rank[src] * share
    for _ in range(10_000):
        previous = rank
        np.take(alpha * previous, src, out=flow)
        flow *= share
        rank = np.bincount(dst, weights=flow, minlength=n) if len(src) else np.zeros(n)
        rank += (1.0 - alpha) / n + alpha * previous[dangling].sum() / n
        if np.abs(rank - previous).sum() < n * PAGERANK_TOLERANCE:
            return rank.tolist()
    raise nx.PowerIterationFailedConvergence(10_000)


def _round_robin(ids: np.ndarray) -> np.ndarray:
    """An order of the entries of ``ids`` that keeps the entries of each id in their order.

    For sorted ``ids`` it takes the first entry of every id, then the second, and so on:
    ``np.bincount`` over ids in that order adds the same numbers in the same order as over
    ``ids``, about twice as fast, as consecutive entries rarely go to the same id. Other ``ids``
    keep their order.
    """
    position = np.arange(len(ids))
    if len(ids) < 2 or not np.all(ids[:-1] <= ids[1:]):
        return position
    occurrence = position - np.searchsorted(ids, ids)  # 0 for an id's first entry, 1, 2, ...
    return np.argsort(occurrence, kind="stable")


#: ``start(parts)`` starts computing ``[part() for part in parts]`` and returns the function that
#: gives the results, in order; a build gives one that computes parts in other processes.
Start = Callable[[list[Callable[[], np.ndarray]]], Callable[[], list[np.ndarray]]]


def _here(parts: list[Callable[[], np.ndarray]]) -> Callable[[], list[np.ndarray]]:
    return lambda: [part() for part in parts]


def centrality(G: nx.Graph | ActorNetwork, start: Start = _here) -> dict[str, dict[str, float]]:
    """Degree, betweenness and PageRank of every actor.

    - ``degree``: number of ties / (n - 1); 0.0 when the graph has a single node
    - ``betweenness``: normalized shortest-path betweenness where a tie's length is
      1 / ``weight`` (a strong tie is a short path)
    - ``pagerank``: PageRank (damping 0.85) following ties in proportion to ``weight``

    Betweenness is exact up to EXACT_BETWEENNESS_LIMIT actors: the values of
    ``networkx.betweenness_centrality(normalized=True)`` on the tie lengths, bit for bit. Past
    it, it is estimated from the shortest paths leaving a sample of source actors, the same on
    every run: ``k`` sources (see BETWEENNESS_BUDGET) drawn as ``random.Random(0).sample``, as
    NetworkX's ``betweenness_centrality(k=k, seed=0)`` draws them, and the sums scaled up to
    all sources. The paths are counted by igraph (compiled) when it is installed; see
    :func:`_betweenness`. The estimate ranks the brokers of a large network; its small values
    are noisy.

    Parameters
    ----------
    G : networkx.Graph or kg.network.actors.ActorNetwork
        An actor network (:func:`actor_network`, or the columns ``kg build`` assembles for a
        corpus: the same numbers without a NetworkX graph); a missing ``weight`` counts as 1.0.

    Returns
    -------
    dict
        ``{node: {"degree": float, "betweenness": float, "pagerank": float}}``; empty for an
        empty graph.

    Raises
    ------
    ValueError
        If a tie's weight is not a positive number (its length would be undefined).

    Examples
    --------
    The path 홍길동 -- 가나도 -- 김철수: 가나도 lies on the only path between the other two.

    >>> G = nx.Graph([("홍길동", "가나도"), ("가나도", "김철수")])
    >>> c = centrality(G)
    >>> c["가나도"]["degree"], c["가나도"]["betweenness"], c["홍길동"]["betweenness"]
    (1.0, 1.0, 0.0)
    >>> round(c["가나도"]["pagerank"], 6), round(18 / 37, 6)
    (0.486486, 0.486486)
    >>> centrality(nx.Graph())
    {}
    """
    n = len(G)
    if n == 0:
        return {}
    if isinstance(G, ActorNetwork):
        _check_weights(G)
        nodes = G.node_names
        i, j, w = G.src, G.dst, G.weight
        degrees = np.bincount(np.concatenate([i, j]), minlength=n)
    else:
        nodes = list(G)
        ties = _ties(G)
        degrees = np.array([G.degree(u) for u in nodes], dtype=np.int64)
        i = np.array([t[0] for t in ties], dtype=np.int64)
        j = np.array([t[1] for t in ties], dtype=np.int64)
        w = np.array([t[2] for t in ties], dtype=np.float64)
    degree = (degrees / (n - 1)).tolist() if n > 1 else [0.0] * n
    betweenness = _betweenness(n, i, j, w, start)  # meanwhile, elsewhere if start says so
    pagerank = _pagerank(n, i, j, w)
    betweenness = betweenness()
    return {
        u: {"degree": d, "betweenness": b, "pagerank": p}
        for u, d, b, p in zip(nodes, degree, betweenness, pagerank, strict=True)
    }


def _check_weights(G: ActorNetwork) -> None:
    """Raise ValueError for the first tie whose weight is not a positive number."""
    bad = np.flatnonzero(~(G.weight > 0))
    if len(bad):
        i, j, weight = G.src[bad[0]], G.dst[bad[0]], G.weight[bad[0]]
        names = G.node_names
        raise ValueError(
            f"tie {names[i]!r} -- {names[j]!r} has weight {weight!r}; weights must be > 0"
        )


def _ties(G: nx.Graph) -> list[tuple[int, int, float]]:
    """Every tie as ``(i, j, weight)``: nodes numbered in ``G``'s order, ties in ``G.edges()``'s.

    Reads the adjacency dicts (a tie once, from its end listed first): the order of
    ``G.edges(data=True)``, at about half its cost. Raises ValueError for a weight that is not a
    positive number.
    """
    index = {u: i for i, u in enumerate(G)}
    ties = []
    for i, (u, neighbors) in enumerate(G.adjacency()):
        for v, data in neighbors.items():
            j = index[v]
            if j >= i:
                weight = data.get("weight", 1.0)
                if not isinstance(weight, (int, float)) or not weight > 0:
                    message = f"tie {u!r} -- {v!r} has weight {weight!r}; weights must be > 0"
                    raise ValueError(message)
                ties.append((i, j, weight))
    return ties


def _betweenness(
    n: int, i: np.ndarray, j: np.ndarray, w: np.ndarray, start: Start = _here
) -> Callable[[], list[float]]:
    """The function giving the normalized betweenness of nodes ``0 .. n-1``: exact, or
    estimated for a large network (its two halves of sources ``start``-ed as two parts).

    Tie ``k`` joins ``i[k]`` and ``j[k]`` with weight ``w[k]``, in the order :func:`_ties`
    lists them. The values are those of ``networkx.betweenness_centrality(D, k=k, weight=...,
    seed=0)`` on the graph ``D`` of tie lengths 1 / weight, with ``k = None`` (every node a
    source) up to EXACT_BETWEENNESS_LIMIT nodes, else
    ``k = min(n, max(BETWEENNESS_MIN_SAMPLE, BETWEENNESS_BUDGET // len(i)))``.

    - Exact: :func:`_brandes` from every node, bit for bit NetworkX's numbers.
    - Estimated: shortest paths from the ``k`` sources ``random.Random(0).sample(range(n), k)``
      (NetworkX's sample for ``seed=0``; a function of ``n`` and ``k`` only) to every node, counted
      by igraph's compiled ``Graph.betweenness(sources=...)`` (:func:`_igraph_counter`), or
      by :func:`_brandes` where igraph is not installed. igraph counts the first and the
      second half of the sources apart (:func:`_igraph_counter`) and the counts are added,
      whatever process counts them. A source's value is scaled by
      1 / ((k - 1)(n - 2)), any other node's by 1 / (k (n - 2)), NetworkX's estimate of the
      normalized value. igraph counts paths whose lengths differ by less than 1e-10 (relative) as
      equally short where NetworkX needs equal floats, so its estimate can differ from
      NetworkX's in the last digits, the same on every run.
    """
    import random

    if n <= max(EXACT_BETWEENNESS_LIMIT, 2):

        def exact() -> list[float]:
            between = _brandes(n, _tie_list(i, j, w), range(n))
            scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 1.0
            return [b * scale for b in between]

        return exact
    k = min(n, max(BETWEENNESS_MIN_SAMPLE, BETWEENNESS_BUDGET // max(1, len(i))))
    sources = random.Random(0).sample(range(n), k)
    try:
        import igraph  # noqa: F401  (counted by _igraph_counter)
    except ImportError:
        parts = [lambda: np.array(_brandes(n, _tie_list(i, j, w), sources))]
    else:
        # one igraph graph for both halves: a child forked to count one shares it
        count = _igraph_counter(n, i, j, w)
        halves = (sources[: k // 2], sources[k // 2 :])
        parts = [partial(count, half) for half in halves if half]
    counting = start(parts)

    def estimate() -> list[float]:
        counted = counting()
        between = counted[0] if len(counted) == 1 else counted[0] + counted[1]
        scale = np.full(n, 1 / (k * (n - 2)))
        scale[sources] = 1 / ((k - 1) * (n - 2))
        return (between * scale).tolist()

    return estimate


def _tie_list(i: np.ndarray, j: np.ndarray, w: np.ndarray) -> list[tuple[int, int, float]]:
    """The tie arrays as the ``(i, j, weight)`` list of :func:`_ties` (weights as floats)."""
    return list(zip(i.tolist(), j.tolist(), w.tolist(), strict=True))


def _igraph_counter(
    n: int, i: np.ndarray, j: np.ndarray, w: np.ndarray
) -> Callable[[list[int]], np.ndarray]:
    """The function giving the betweenness (pairs counted both ways, not normalized) from a
    list of sources, counted by igraph on one graph made here.

    The tie arrays go to igraph as they are: edge ``k`` is ``(i[k], j[k])`` of length
    1 / ``w[k]``, in the order of :func:`_ties`.
    """
    import igraph

    graph = igraph.Graph(n=n, edges=list(zip(i.tolist(), j.tolist(), strict=True)))
    lengths = (1.0 / w).tolist()

    def count(sources: list[int]) -> np.ndarray:
        # igraph halves the counts of an undirected graph; NetworkX counts a path from both ends
        half = graph.betweenness(directed=False, weights=lengths, sources=sources)
        return 2.0 * np.array(half, dtype=np.float64)

    return count


def _brandes(n: int, ties: list[tuple[int, int, float]], sources: Iterable[int]) -> list[float]:
    """Weighted Brandes betweenness (pairs counted both ways, not normalized) from ``sources``.

    NetworkX's ``_single_source_dijkstra_path_basic`` and ``_accumulate_basic`` step for step
    (same heap order, same equal-path test, same order of floating-point sums), on integer-indexed
    adjacency lists instead of dicts, so the numbers are NetworkX's to the last bit, several
    times faster. ``ties`` is :func:`_ties`; a tie's length is 1 / weight.
    """
    adjacency: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for i, j, weight in ties:  # NetworkX's adjacency order of the distance graph
        adjacency[i].append((j, 1.0 / weight))
        if i != j:
            adjacency[j].append((i, 1.0 / weight))
    between = [0.0] * n
    for s in sources:
        order, preds, sigma = _shortest_paths(n, adjacency, s)
        delta = [0.0] * n
        while order:
            w = order.pop()
            coeff = (1 + delta[w]) / sigma[w]
            for v in preds[w]:
                delta[v] += sigma[v] * coeff
            if w != s:
                between[w] += delta[w]
    return between


def _shortest_paths(
    n: int, adjacency: list[list[tuple[int, float]]], s: int
) -> tuple[list[int], list[list[int]], list[float]]:
    """Dijkstra from ``s`` as NetworkX's ``_single_source_dijkstra_path_basic``: the nodes in
    the order settled, each node's predecessors on shortest paths, and its number of them."""
    from heapq import heappop, heappush

    order: list[int] = []
    preds: list[list[int]] = [[] for _ in range(n)]
    sigma = [0.0] * n
    seen: list[float | None] = [None] * n
    done = [False] * n
    sigma[s], seen[s] = 1.0, 0
    heap, pushed = [(0, 0, s, s)], 1
    while heap:
        dist, _, pred, v = heappop(heap)
        if done[v]:
            continue
        done[v] = True
        sigma[v] += sigma[pred]
        order.append(v)
        for w, length in adjacency[v]:
            vw = dist + length
            if not done[w] and (seen[w] is None or vw < seen[w]):
                seen[w] = vw
                heappush(heap, (vw, pushed, v, w))
                pushed += 1
                sigma[w] = 0.0
                preds[w] = [v]
            elif vw == seen[w]:  # another shortest path
                sigma[w] += sigma[v]
                preds[w].append(v)
    return order, preds, sigma
