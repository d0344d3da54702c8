"""The ranking table of an actor network: one row per actor, most central first (the table
``kg analyze`` prints and ``kg build`` writes as centrality.csv), from the scores of
``kg.network.centrality.centrality``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import networkx as nx
import numpy as np

from kg.network.actors import ActorNetwork

#: Columns of :func:`centrality_table`, in order.
TABLE_COLUMNS = (
    "rank",
    "name",
    "kind",
    "org_type",
    "titles",
    "organizations",
    "degree",
    "betweenness",
    "pagerank",
    "mentions",
)


_NUMERIC_COLUMNS = frozenset({"rank", "degree", "betweenness", "pagerank", "mentions"})


def centrality_table(
    G: nx.Graph | ActorNetwork, scores: Mapping[str, Mapping[str, float]] | None = None
) -> list[dict]:
    """One row per actor, most central first: the ranking printed by ``kg analyze``.

    Columns are :data:`TABLE_COLUMNS`; ``titles`` and ``organizations`` are joined with ``"; "``,
    ``org_type`` is ``None`` for a person, floats are rounded to 4 places. Rows are sorted by
    (rounded) PageRank, highest first, then by name, then by IRI.

    Parameters
    ----------
    G : networkx.Graph
        An actor network from :func:`actor_network`.
    scores : mapping, optional
        :func:`centrality` of ``G`` when the caller has it already (it is computed otherwise).

    Returns
    -------
    list of dict

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("p", label="홍길동", kind="person", org_type=None, titles=["도지사"],
    ...            organizations=["가나도"], mentions=2)
    >>> G.add_node("o", label="가나도", kind="organization", org_type="government", titles=[],
    ...            organizations=[], mentions=1)
    >>> G.add_edge("p", "o", kinds=["membership"], weight=3.0)
    >>> [(r["rank"], r["name"], r["titles"], r["pagerank"]) for r in centrality_table(G)]
    [(1, '가나도', '', 0.5), (2, '홍길동', '도지사', 0.5)]
    """
    if scores is None:
        from kg.network.centrality import centrality

        scores = centrality(G)
    nodes = list(G.nodes(data=True))
    score_of = [scores[node] for node, _ in nodes]
    degree, betweenness, pagerank = (
        _rounded([score[measure] for score in score_of], 4)
        for measure in ("degree", "betweenness", "pagerank")
    )
    names = [data.get("label", str(node)) for node, data in nodes]
    rows = []
    for k, (_, data) in enumerate(nodes):
        rows.append(
            {
                "rank": 0,
                "name": names[k],
                "kind": data.get("kind"),
                "org_type": data.get("org_type"),
                "titles": "; ".join(data.get("titles", [])),
                "organizations": "; ".join(data.get("organizations", [])),
                "degree": degree[k],
                "betweenness": betweenness[k],
                "pagerank": pagerank[k],
                "mentions": data.get("mentions", 0),
            }
        )
    ranked = [rows[k] for k in _ranking(pagerank, names, [str(node) for node, _ in nodes])]
    for rank, row in enumerate(ranked, start=1):
        row["rank"] = rank
    return ranked


def _ranking(pagerank: list[float], names: list[str], keys: list[str]) -> list[int]:
    """Positions ``0 .. n-1`` sorted by (-pagerank, name, key), as ``sorted`` sorts those tuples.

    One stable sort per column, last column first: keys (often sorted already), names, then
    PageRank by NumPy.
    """
    order = list(range(len(keys)))
    if np.isnan(pagerank).any():
        return sorted(order, key=lambda k: (-pagerank[k], names[k], keys[k]))
    if not all(a < b for a, b in itertools.pairwise(keys)):
        order.sort(key=keys.__getitem__)
    order.sort(key=names.__getitem__)
    by_name = np.array(order, dtype=np.int64)
    return by_name[np.argsort(-np.array(pagerank)[by_name], kind="stable")].tolist()


def _rounded(values: list, digits: int) -> list:
    """``[round(v, digits) for v in values]``, the same numbers, at NumPy speed for floats.

    ``round`` gives the float nearest the decimal ``q / 10**digits``, ``q`` being the exact
    ``v * 10**digits`` rounded half to even; so does ``rint(v * 10**digits) / 10**digits`` on
    floats whenever the product, rounded to a float, lies on the same side of a halfway point
    as the exact one. It does unless it lies within a hair (1e-6) of one: those values, and any
    of 1e9 or more once scaled, are left to ``round``, as is anything but a list of floats.

    Examples
    --------
    >>> _rounded([0.12345, 2.675, 1 / 3, 0.03125, 7], 4)
    [0.1235, 2.675, 0.3333, 0.0312, 7]
    """
    if not values or not 0 <= digits <= 8 or set(map(type, values)) != {float}:
        return [round(v, digits) for v in values]
    x = np.array(values, dtype=np.float64)
    scale = 10.0**digits
    with np.errstate(over="ignore", invalid="ignore"):  # inf and nan are left to round
        scaled = x * scale
        whole = np.rint(scaled)
        result = (whole / scale).tolist()
        doubtful = ~(np.abs(scaled) < 1e9) | (np.abs(np.abs(scaled - whole) - 0.5) < 1e-6)
    for k in np.flatnonzero(doubtful).tolist():
        result[k] = round(values[k], digits)
    return result
