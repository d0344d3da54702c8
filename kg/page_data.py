"""The data graph.html explores: every actor of the network (to search, filter and detail), the
ties the page may draw, and what the releases say of each actor (``kg.details``).

A corpus network has hundreds of thousands of actors and millions of ties, so the data is in
columns (one list per field, an actor's number its PageRank rank), each text is stored once in
one table and referred to by number (a sentence names many actors), and only the ties a view can draw are kept: the strongest among the actors
drawn first, and each actor's strongest ties (its neighbourhood, drawn when it is chosen).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np

from kg.details import EVENT_ROLES, ReleaseDetails
from kg.iris import KGID
from kg.model import ORG_KINDS, PROPOSAL_KINDS
from kg.network import TIE_KINDS, ActorNetwork

#: The page first draws this many actors, the most central by PageRank that pass the filters,
#: and the strongest ``MAX_DRAWN_TIES`` ties among them: about as many as a window shows with
#: their labels legible. Any other actor is drawn when it is chosen, with its neighbourhood.
MAX_DRAWN_ACTORS = 100
MAX_DRAWN_TIES = 300
#: The ties kept for each actor, its strongest: its neighbourhood on the page.
NEIGHBOURS = 12
#: Releases, posts, statements and events listed per actor in the details panel; the rest is
#: counted (graph_page.js cuts the lists).
MAX_LISTED = 20
SAID_KINDS = ("quote", *PROPOSAL_KINDS)
#: An actor's ``kind`` on the page: a person, or its organization type (``kg.model.ORG_KINDS``),
#: by position; the bits of its ``sector`` are positions too.
KINDS = ("person", *ORG_KINDS)
_BITS = {kind: 1 << i for i, kind in enumerate(TIE_KINDS)}


@dataclass
class Columns:
    """An actor network as arrays: nodes in the input's order, each tie once (``src < dst``)."""

    names: list
    attrs: list[dict]
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    kinds: np.ndarray  # bits of kg.network.TIE_KINDS


def columns(G: nx.Graph | ActorNetwork) -> Columns:
    """The arrays of ``G`` (a NetworkX actor network or ``kg.network.ActorNetwork``); a tie's
    ``kinds`` outside ``TIE_KINDS`` are dropped, a missing ``weight`` counts as 1.0, and a tie
    of an actor with itself is left out."""
    if isinstance(G, ActorNetwork):
        keep = G.src != G.dst
        return Columns(
            G.node_names, G.attrs, G.src[keep], G.dst[keep], G.weight[keep], G.kinds[keep]
        )
    names = list(G)
    index = {u: i for i, u in enumerate(names)}
    ties = []
    for i, (u, neighbors) in enumerate(G.adjacency()):
        for v, data in neighbors.items():
            j = index[v]
            if j > i:
                bits = sum(_BITS.get(kind, 0) for kind in set(data.get("kinds", ())))
                ties.append((i, j, float(data.get("weight", 1.0)), bits))
    src, dst, weight, kinds = (
        np.array(c).reshape(-1) for c in (zip(*ties, strict=True) if ties else ([],) * 4)
    )
    return Columns(
        names,
        [G.nodes[u] for u in names],
        src.astype(np.int64),
        dst.astype(np.int64),
        weight.astype(np.float64),
        kinds.astype(np.int64),
    )


class Texts:
    """The page's table of texts: each stored once, referred to by its number."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self._written: dict[str, int] = {}  # the text as given -> its number

    def number(self, text: str | None) -> int:
        """The number of ``text`` (whitespace runs made one space); -1 for no text."""
        if not text:
            return -1
        found = self._written.get(text)
        if found is None:
            clean = " ".join(text.split())
            found = self.numbers.get(clean)
            if found is None:
                found = self.numbers[clean] = len(self.numbers)
            self._written[text] = found
        return found

    def table(self) -> list[str]:
        return list(self.numbers)


def ranked(net: Columns, scores: dict) -> list[int]:
    """Positions of the actors, most central first (PageRank, then the node's text)."""
    pagerank = [scores[u]["pagerank"] for u in net.names]
    text = [str(u) for u in net.names]
    return sorted(range(len(net.names)), key=lambda k: (-pagerank[k], text[k]))


def page_data(
    G: nx.Graph | ActorNetwork, scores: dict, details: Iterable[ReleaseDetails] | None = None
) -> dict:
    """The JSON-ready data of the page of ``G`` with ``scores`` (``kg.analysis.centrality``)
    and, if given, the details parts of its releases (``kg.details``).

    Actors are numbered by rank (0 is the most central); an actor's ``kind`` is a position in
    :data:`KINDS`, its ``sector`` a set of bits of them.
    """
    net = columns(G)
    order = ranked(net, scores)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    texts = Texts()
    src, dst = rank[net.src], rank[net.dst]
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    actors = _actors(net, order, scores, texts, lo, hi)
    data = {
        "count": len(order),
        "drawn": min(len(order), MAX_DRAWN_ACTORS),
        "drawn_ties": MAX_DRAWN_TIES,
        "neighbours": NEIGHBOURS,
        "listed": MAX_LISTED,
        "actors": actors,
        "ties": _kept_ties(lo, hi, net.weight, net.kinds, len(order)),
    }
    iri_index = {str(net.names[k]): r for r, k in enumerate(order)}
    if details is not None:
        data["details"] = _details(details, iri_index, texts, actors)
    data["texts"] = texts.table()
    # the other forms of each actor's name, for the search: [[actor, form, ...], ...]
    data["actors"]["forms"] = [
        [int(k), *forms] for k, forms in sorted(actors["forms"].items(), key=lambda f: int(f[0]))
    ]
    return data


def _actors(net: Columns, order: list[int], scores: dict, texts: Texts, lo, hi) -> dict:
    """The columns of the actors, in rank order."""
    keys = {key: i for i, key in enumerate(KINDS)}
    other = keys["other"]
    attrs = [net.attrs[k] for k in order]
    kind = [0 if a.get("kind") == "person" else keys.get(a.get("org_type"), other) for a in attrs]
    sector = [0 if k == 0 else 1 << k for k in kind]
    membership = (net.kinds & _BITS["membership"]) != 0
    for a, b in zip(lo[membership].tolist(), hi[membership].tolist(), strict=True):
        # a person's sectors are those of its organizations (a membership joins the two)
        if kind[a] == 0 and kind[b] != 0:
            sector[a] |= 1 << kind[b]
        elif kind[b] == 0 and kind[a] != 0:
            sector[b] |= 1 << kind[a]
    sector = [s or 1 << other for s in sector]
    pagerank = [scores[net.names[k]]["pagerank"] for k in order]
    low, high = (min(pagerank), max(pagerank)) if pagerank else (0.0, 0.0)
    spread = high - low
    names = [str(net.names[k]) for k in order]
    base = str(KGID) if names and all(n.startswith(str(KGID)) for n in names) else ""
    return {
        "label": [str(a.get("label") or u) for a, u in zip(attrs, names, strict=True)],
        "kind": kind,
        "sector": sector,
        # radius 10 to 40 px by PageRank; 25 when every actor has the same
        "size": [round(10 + 30 * ((p - low) / spread if spread > 0 else 0.5), 1) for p in pagerank],
        "pagerank": [float(f"{p:.4g}") for p in pagerank],
        "mentions": [int(a.get("mentions") or 0) for a in attrs],
        "degree": np.bincount(np.concatenate([lo, hi]), minlength=len(order)).tolist(),
        "titles": [[texts.number(t) for t in a.get("titles") or ()] for a in attrs],
        "organizations": [[texts.number(o) for o in a.get("organizations") or ()] for a in attrs],
        "sentence": [texts.number(a.get("sentence")) for a in attrs],
        "iri_base": base,
        "iri": [n[len(base) :] for n in names],
        "forms": {
            str(r): forms
            for r, a in enumerate(attrs)
            if (forms := [f for f in a.get("alt_labels") or () if f != a.get("label")])
        },
    }


def _kept_ties(lo, hi, weight, kinds, n: int) -> dict:
    """The ties the page may draw: the strongest ``MAX_DRAWN_TIES`` among the first
    ``MAX_DRAWN_ACTORS`` actors, and the strongest ``NEIGHBOURS`` of each actor (ties broken by
    the other end's rank), as columns sorted by their ends ``a < b``: ``a`` as the steps from
    the tie before (mostly 0), ``b``, ``kinds``, and the weights, doubled when they are all
    sums of halves (``w2``, as kg's weights are) or else rounded (``w``)."""
    among = np.flatnonzero(hi < MAX_DRAWN_ACTORS)
    among = among[np.lexsort((hi[among], lo[among], -weight[among]))][:MAX_DRAWN_TIES]
    ends = np.concatenate([lo, hi])
    others = np.concatenate([hi, lo])
    both = np.concatenate([weight, weight])
    tie = np.concatenate([np.arange(len(lo)), np.arange(len(lo))])
    by_end = np.lexsort((others, -both, ends))
    ends, tie = ends[by_end], tie[by_end]
    first = np.searchsorted(ends, np.arange(n))  # where each actor's ties start
    nearest = tie[np.arange(len(ends)) - first[ends] < NEIGHBOURS] if n else tie
    kept = np.union1d(among, nearest).astype(np.int64)
    kept = kept[np.lexsort((hi[kept], lo[kept]))]
    a, w = lo[kept], weight[kept]
    ties = {
        "a": np.diff(a, prepend=0).tolist(),
        "b": hi[kept].tolist(),
        "kinds": kinds[kept].tolist(),
    }
    if np.array_equal(w * 2, np.round(w * 2)):
        ties["w2"] = (w * 2).astype(np.int64).tolist()
    else:
        ties["w"] = np.round(w, 3).tolist()
    return ties


def _details(
    parts: Iterable[ReleaseDetails], index: dict[str, int], texts: Texts, actors: dict
) -> dict:
    """Each release as a row the page reads (graph_page.js gathers an actor's rows when it is
    chosen): ``[title, date, IRI, sentences, actors]``, the sentences as numbers in ``texts`` and
    each actor as ``[actor, sentence, creator, posts, said, events]`` (sentences as positions in
    the release's; trailing empty fields left out). The forms each release writes an actor's
    name in join ``actors["forms"]``."""
    label, number = actors["label"], texts.number
    rows, forms = [], {}
    for part in parts:
        sentences = [number(sentence) for sentence in part.sentences]
        said_of = []
        for iri, said in part.actors.items():
            k = index.get(iri)
            if k is None:
                continue
            row = [
                k,
                -1 if said.mentioned is None else said.mentioned,
                said.creator or "",
                [
                    [number(p.title), index.get(p.organization, -1), _at(p.sentence)]
                    for p in said.posts
                ],
                [[SAID_KINDS.index(x.kind), number(x.text), _at(x.sentence)] for x in said.said],
                [
                    [
                        number(e.event),
                        EVENT_ROLES.index(e.role),
                        number(e.part),
                        number(e.topic),
                        e.date or "",
                        _at(e.sentence),
                    ]
                    for e in said.events
                ],
            ]
            while len(row) > 2 and not row[-1]:
                row.pop()
            said_of.append(row)
            if len(said.names) > 1 or said.names and said.names[0] != label[k]:
                forms.setdefault(k, {}).update(dict.fromkeys(said.names))
        rows.append([part.title or "", part.date or "", part.release, sentences, said_of])
    for k, names in forms.items():
        extra = [f for f in names if f != label[k]]
        if extra:
            actors["forms"][str(k)] = list(dict.fromkeys(actors["forms"].get(str(k), []) + extra))
    days = sorted({row[1] for row in rows if row[1]})
    return {"releases": rows, "days": days, "roles": list(EVENT_ROLES), "said": list(SAID_KINDS)}


def _at(sentence: int | None) -> int:
    return -1 if sentence is None else sentence
