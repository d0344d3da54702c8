"""Write a network to a file Gephi and friends read: GraphML, GEXF or CSV, with centrality and
communities on its nodes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx

from kg.engine.atomic import write_atomic
from kg.errors import ExportFormatError
from kg.network.centrality import centrality
from kg.network.reports import COMMUNITY_SEED, communities

EXPORT_FORMATS = (".graphml", ".gexf", ".csv")


def scored_network(G: nx.Graph, seed: int = COMMUNITY_SEED) -> nx.Graph:
    """A copy of ``G`` whose nodes also carry ``degree``, ``betweenness``, ``pagerank`` and
    ``community`` (the 1-based index of :func:`communities`), for Gephi and friends.

    Examples
    --------
    >>> S = scored_network(nx.Graph([("a", "b")]))
    >>> S.nodes["a"]
    {'degree': 1.0, 'betweenness': 0.0, 'pagerank': 0.5, 'community': 1}
    """
    S = G.copy()
    for node, score in centrality(G).items():
        S.nodes[node].update(score)
    for index, community in enumerate(communities(G, seed=seed), start=1):
        for node in community:
            S.nodes[node]["community"] = index
    return S


def _flat_value(value: object) -> object:
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return "; ".join(str(v) for v in items)
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def flat_network(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` that GraphML and GEXF can hold: list attributes become ``"; "``-joined
    strings, ``None`` attributes are left out, other values become strings.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("p", titles=["과장", "팀장"], org_type=None, mentions=2)
    >>> flat_network(G).nodes["p"]
    {'titles': '과장; 팀장', 'mentions': 2}
    """
    F = nx.Graph()
    for node, data in G.nodes(data=True):
        F.add_node(node, **{k: _flat_value(v) for k, v in data.items() if v is not None})
    for u, v, data in G.edges(data=True):
        F.add_edge(u, v, **{k: _flat_value(x) for k, x in data.items() if x is not None})
    return F


def export_format(path: str | Path) -> str:
    """The export format named by a file's suffix: ``"graphml"``, ``"gexf"`` or ``"csv"``.

    Raises
    ------
    ExportFormatError
        If the suffix is none of ``.graphml``, ``.gexf``, ``.csv``; the message names it.

    Examples
    --------
    >>> export_format("out/actors.GEXF")
    'gexf'
    >>> export_format("actors.xlsx")
    Traceback (most recent call last):
    ...
    kg.errors.ExportFormatError: actors.xlsx: unknown export format .xlsx; use a .graphml, ...
    """
    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise ExportFormatError(str(path))
    return suffix[1:]


def edges_to_csv(G: nx.Graph) -> str:
    """The ties of a network as CSV: ``source, target, source_label, target_label, weight``,
    then every other edge attribute (sorted by name). Isolated nodes do not appear.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("p", label="홍길동")
    >>> G.add_node("o", label="가나도")
    >>> G.add_edge("p", "o", kinds=["co-mention", "membership"], weight=4.0)
    >>> print(edges_to_csv(G), end="")
    source,target,source_label,target_label,weight,kinds
    p,o,홍길동,가나도,4.0,co-mention; membership
    """
    F = flat_network(G)
    extra = sorted({k for _, _, d in F.edges(data=True) for k in d} - {"weight"})
    columns = ["source", "target", "source_label", "target_label", "weight", *extra]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for u, v, data in F.edges(data=True):
        writer.writerow(
            {
                "source": u,
                "target": v,
                "source_label": F.nodes[u].get("label", u),
                "target_label": F.nodes[v].get("label", v),
                **data,
            }
        )
    return out.getvalue()


def export_network(G: nx.Graph, path: str | Path) -> str:
    """Write a network to ``path`` as GraphML, GEXF (Gephi) or CSV, chosen by the suffix.

    GraphML and GEXF hold every node (isolated ones too) and every attribute, lists joined with
    ``"; "`` (:func:`flat_network`); CSV holds the ties (:func:`edges_to_csv`). The file is
    replaced atomically, so a failed export leaves an earlier file as it was.

    Returns
    -------
    str
        The format written.

    Raises
    ------
    ExportFormatError
        If the suffix names no format (nothing is written).

    Examples
    --------
    >>> import tempfile, os
    >>> G = nx.Graph([("a", "b")])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = os.path.join(folder, "actors.graphml")
    ...     export_network(G, path), len(nx.read_graphml(path))
    ('graphml', 2)
    """
    fmt = export_format(path)
    if fmt == "csv":
        write_atomic(path, edges_to_csv(G))
        return fmt
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(flat_network(G), buffer)
    else:
        nx.write_gexf(flat_network(G), buffer)
    write_atomic(path, buffer.getvalue())
    return fmt
