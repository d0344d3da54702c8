"""Reports on a network: centrality by sector and Louvain communities, as tables."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

import networkx as nx

from kg.network.centrality import TABLE_COLUMNS, centrality, centrality_table
from kg.network.stakeholders import SECTOR_ORDER, node_sectors

#: Seed of Louvain community detection: the same graph always gives the same communities.
COMMUNITY_SEED = 0


SECTOR_COLUMNS = (
    "sector",
    "actors",
    "persons",
    "organizations",
    "pagerank_sum",
    "pagerank_mean",
    "betweenness_sum",
    "betweenness_mean",
    "top",
)
COMMUNITY_COLUMNS = ("community", "size", "persons", "organizations", "sectors", "members")


#: Columns right-aligned (and floats printed with 4 decimals) by ``kg.render.tables.format_table``.
NUMERIC_COLUMNS = frozenset(
    {
        "rank",
        "degree",
        "betweenness",
        "pagerank",
        "mentions",
        "community",
        "size",
        "actors",
        "persons",
        "organizations",
        "pagerank_sum",
        "pagerank_mean",
        "betweenness_sum",
        "betweenness_mean",
    }
)


def _ranked(G: nx.Graph, scores: Mapping[str, Mapping[str, float]], nodes: Iterable[str]) -> list:
    return sorted(
        nodes,
        key=lambda n: (-round(scores[n]["pagerank"], 4), G.nodes[n].get("label", str(n)), n),
    )


def sector_table(G: nx.Graph, top: int = 3) -> list[dict]:
    """Centrality by sector: one row per sector of :data:`SECTOR_ORDER`, empty ones included.

    ``actors`` counts the nodes in the sector (a person with memberships in two sectors counts in
    both, so the rows may add up to more than the network), split into ``persons`` and
    ``organizations``; ``pagerank_*`` and ``betweenness_*`` are the sum and mean of
    :func:`kg.network.centrality.centrality` over them (rounded to 4 places, 0.0 for an empty
    sector); ``top`` lists the labels of the ``top`` highest-PageRank actors, ``"; "``-joined.
    Events and releases have no sector.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("p", label="홍길동", kind="person")
    >>> G.add_node("o", label="가나도", kind="organization", org_type="government")
    >>> G.add_edge("p", "o", kinds=["membership"], weight=3.0)
    >>> row = sector_table(G)[0]
    >>> row["sector"], row["actors"], row["pagerank_sum"], row["top"]
    ('government', 2, 1.0, '가나도; 홍길동')
    >>> [r["actors"] for r in sector_table(G)]
    [2, 0, 0, 0, 0, 0, 0, 0, 0]
    """
    scores = centrality(G)
    members: dict[str, list[str]] = defaultdict(list)
    for node, sectors in node_sectors(G).items():
        for sector in sectors:
            members[sector].append(node)
    rows = []
    for sector in SECTOR_ORDER:
        nodes = members.get(sector, [])
        n = len(nodes)
        pagerank = sum((scores[u]["pagerank"] for u in nodes), 0.0)
        betweenness = sum((scores[u]["betweenness"] for u in nodes), 0.0)
        rows.append(
            {
                "sector": sector,
                "actors": n,
                "persons": sum(G.nodes[u].get("kind") == "person" for u in nodes),
                "organizations": sum(G.nodes[u].get("kind") == "organization" for u in nodes),
                "pagerank_sum": round(pagerank, 4),
                "pagerank_mean": round(pagerank / n, 4) if n else 0.0,
                "betweenness_sum": round(betweenness, 4),
                "betweenness_mean": round(betweenness / n, 4) if n else 0.0,
                "top": "; ".join(
                    G.nodes[u].get("label", str(u)) for u in _ranked(G, scores, nodes)[:top]
                ),
            }
        )
    return rows


def communities(G: nx.Graph, seed: int = COMMUNITY_SEED) -> list[set[str]]:
    """Louvain communities of a network (ties weighted by ``weight``), largest first.

    The seed is fixed, so the same graph always gives the same communities. Ties in size are
    broken by the smallest node. An isolated node is a community of its own.

    Examples
    --------
    Two triangles joined by one weak tie:

    >>> G = nx.Graph()
    >>> G.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z")],
    ...                  weight=3.0)
    >>> G.add_edge("c", "x", weight=1.0)
    >>> [sorted(c) for c in communities(G)]
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    if len(G) == 0:
        return []
    found = nx.community.louvain_communities(G, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


def community_table(G: nx.Graph, seed: int = COMMUNITY_SEED) -> list[dict]:
    """One row per community of :func:`communities`: size, sector mix and members.

    ``sectors`` counts the community's actors per sector (``"government 3; media 1"``, in
    :data:`SECTOR_ORDER`); ``members`` lists the labels, highest PageRank first.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("p", label="홍길동", kind="person")
    >>> G.add_node("o", label="가나도", kind="organization", org_type="government")
    >>> G.add_node("n", label="마바일보", kind="organization", org_type="media")
    >>> G.add_edge("p", "o", kinds=["membership"], weight=3.0)
    >>> for row in community_table(G):
    ...     print(row["community"], row["size"], row["sectors"], row["members"])
    1 2 government 2 가나도; 홍길동
    2 1 media 1 마바일보
    """
    scores = centrality(G)
    sectors = node_sectors(G)
    rows = []
    for index, community in enumerate(communities(G, seed=seed), start=1):
        mix = Counter(s for u in community for s in sectors[u])
        rows.append(
            {
                "community": index,
                "size": len(community),
                "persons": sum(G.nodes[u].get("kind") == "person" for u in community),
                "organizations": sum(G.nodes[u].get("kind") == "organization" for u in community),
                "sectors": "; ".join(f"{s} {mix[s]}" for s in SECTOR_ORDER if mix[s]),
                "members": "; ".join(
                    G.nodes[u].get("label", str(u)) for u in _ranked(G, scores, community)
                ),
            }
        )
    return rows


#: ``kg analyze --report`` name -> (table function, its columns).
REPORTS: dict[str, tuple[Callable[[nx.Graph], list[dict]], Sequence[str]]] = {
    "centrality": (centrality_table, TABLE_COLUMNS),
    "sectors": (sector_table, SECTOR_COLUMNS),
    "communities": (community_table, COMMUNITY_COLUMNS),
}


def report(G: nx.Graph, name: str = "centrality") -> tuple[list[dict], Sequence[str]]:
    """The rows and columns of the report ``name`` (a key of :data:`REPORTS`) on a network.

    Examples
    --------
    >>> rows, columns = report(nx.Graph(), "sectors")
    >>> len(rows), columns[:2]
    (9, ('sector', 'actors'))
    """
    try:
        table, columns = REPORTS[name]
    except KeyError:
        raise ValueError(f"unknown report {name!r}; choose one of {', '.join(REPORTS)}") from None
    return table(G), columns
