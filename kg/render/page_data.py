"""The data graph.html explores: every actor of the network (to search, filter and detail), the
ties the page may draw, and what the releases say of each actor (``kg.network.details``).

A corpus network has hundreds of thousands of actors and millions of ties, so the data is in
columns (one list per field, an actor's number its PageRank rank), each text is stored once in
one table and referred to by number (a sentence names many actors), and only the ties a view can
draw are kept: the strongest among the actors drawn first, and each actor's strongest ties (its
neighbourhood, drawn when it is chosen).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np

from kg.model import ORG_KINDS, PROPOSAL_KINDS
from kg.network.actors import ActorNetwork
from kg.network.details import EVENT_ROLES, ReleaseDetails
from kg.network.ties import TIE_KINDS
from kg.rdf.vocab import KGID

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


class _Numbers(dict):
    """Text -> its number, given as texts come (a lookup the page's data makes millions of
    times); "" and None are -1, no text."""

    def __missing__(self, text: str | None) -> int:
        found = self[text] = len(self) - self.blanks if text else -1
        self.blanks += not text
        return found

    blanks = 0  # keys that are no text


class _Sentences(dict):
    """A sentence as written -> the number of its text with whitespace runs made one space."""

    def __init__(self, numbers: _Numbers) -> None:
        super().__init__()
        self.numbers = numbers

    def __missing__(self, text: str | None) -> int:
        found = self[text] = self.numbers[" ".join(text.split()) if text else text]
        return found


class Texts:
    """The page's table of texts: each stored once, referred to by its number (-1: no text).

    ``number`` takes a text as it is (kg's names and titles are canonical already);
    ``sentence`` makes its whitespace runs one space first (the network's sentences are the
    release's text as written, the details parts' are not).

    >>> texts = Texts()
    >>> texts.sentence("가나도  협약"), texts.number(None), texts.number("가나도 협약")
    (0, -1, 0)
    >>> texts.table()
    ['가나도 협약']
    """

    def __init__(self) -> None:
        self._numbers = _Numbers()
        self.number = self._numbers.__getitem__
        self.sentence = _Sentences(self._numbers).__getitem__

    def table(self) -> list[str]:
        return [text for text in self._numbers if text]


def ranked(net: Columns, scores: dict) -> list[int]:
    """Positions of the actors, most central first (PageRank, then the node's text)."""
    pagerank = [scores[u]["pagerank"] for u in net.names]
    text = [str(u) for u in net.names]
    return sorted(range(len(net.names)), key=lambda k: (-pagerank[k], text[k]))


def page_data(
    G: nx.Graph | ActorNetwork, scores: dict, details: Iterable[ReleaseDetails] | None = None
) -> dict:
    """The JSON-ready data of the page of ``G`` with ``scores``
    (``kg.network.centrality.centrality``) and, if given, the details parts of its releases
    (``kg.network.details``: a ``DetailsTotal``, or any iterable of ``ReleaseDetails``).

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
        parts = details.rows() if hasattr(details, "rows") else details
        data["details"] = _details(parts, iri_index, texts, actors)
    data["texts"] = texts.table()
    # the other forms of each actor's name, for the search: [[actor, form, ...], ...]
    data["actors"]["forms"] = [
        [int(k), *forms] for k, forms in sorted(actors["forms"].items(), key=lambda f: int(f[0]))
    ]
    return data


def _actors(  # noqa: PLR0913 (the page's columns, built from one network)
    net: Columns, order: list[int], scores: dict, texts: Texts, lo, hi
) -> dict:
    """The columns of the actors, in rank order."""
    keys = {key: i for i, key in enumerate(KINDS)}
    other, number = keys["other"], texts.number
    attrs = [net.attrs[k] for k in order]
    kind = [0 if a.get("kind") == "person" else keys.get(a.get("org_type"), other) for a in attrs]
    # a person's sectors are those of its organizations (a membership joins the two)
    bit = np.left_shift(1, np.array(kind, dtype=np.int64))
    sector = np.where(bit == 1, 0, bit)
    joined = (net.kinds & _BITS["membership"]) != 0
    a, b = lo[joined], hi[joined]
    for person, org in ((a, b), (b, a)):
        tied = (bit[person] == 1) & (bit[org] != 1)
        np.bitwise_or.at(sector, person[tied], bit[org[tied]])
    sector = np.where(sector == 0, 1 << other, sector).tolist()
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
        "pagerank": [round(p, 4) for p in pagerank],  # as centrality.csv has it
        "mentions": [int(a.get("mentions") or 0) for a in attrs],
        "degree": np.bincount(np.concatenate([lo, hi]), minlength=len(order)).tolist(),
        "titles": [[number(t) for t in a.get("titles") or ()] for a in attrs],
        "organizations": [[number(o) for o in a.get("organizations") or ()] for a in attrs],
        "sentence": [texts.sentence(a.get("sentence")) for a in attrs],
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
    the other end's rank), sorted by their ends ``a < b``, as :func:`packed` columns: for each
    actor, the number of ties it is the ``a`` of (``count``); each tie's ``b`` and ``kinds``;
    and the weights, doubled when they are all sums of halves (``w2``, as kg's weights are),
    else as a list of numbers (``w``)."""
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
    keep = np.zeros(len(lo), dtype=bool)
    keep[among] = keep[nearest] = True
    kept = np.flatnonzero(keep)
    kept = kept[np.lexsort((hi[kept], lo[kept]))]
    w = weight[kept]
    ties = {
        "count": packed(np.bincount(lo[kept], minlength=n)),
        "b": packed(hi[kept]),
        "kinds": packed(kinds[kept]),
    }
    if np.array_equal(w * 2, np.round(w * 2)) and (w >= 0).all():
        ties["w2"] = packed((w * 2).astype(np.int64))
    else:
        ties["w"] = np.round(w, 3).tolist()
    return ties


_DIGITS = np.frombuffer(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", dtype=np.uint8
)


def packed(values: np.ndarray) -> list:
    """Non-negative integers as ``[width, text]``: each in ``width`` base-64 digits (the
    alphabet of base64), a third of their size as JSON numbers. graph_page.js unpacks them.

    >>> packed(np.array([0, 1, 64, 4095]))
    [2, 'AAABBA//']
    """
    values = np.asarray(values, dtype=np.int64)
    width = 1
    while len(values) and int(values.max()) >= 64**width:
        width += 1
    powers = 64 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    digits = (values[:, None] // powers) % 64
    return [width, _DIGITS[digits].tobytes().decode("ascii")]


def _details(parts: Iterable[tuple], index: dict[str, int], texts: Texts, actors: dict) -> dict:
    """Each release as a row the page reads (graph_page.js gathers an actor's rows when it is
    chosen): ``[title, date, IRI, sentences, actors]``, the sentences as numbers in ``texts`` and
    each actor as ``[actor, sentence, creator, posts, said, events]`` (sentences as positions in
    the release's; trailing empty fields left out). The forms each release writes an actor's
    name in join ``actors["forms"]``. A part may be a ``ReleaseDetails`` or the plain tuples of
    its fields (``DetailsTotal.rows``)."""
    label, number = actors["label"], texts.number
    rows, forms = [], {}
    for release, title, date, sentences, said_of in parts:
        facts = []
        for iri, (names, mentioned, creator, posts, said, events) in said_of.items():
            k = index.get(iri)
            if k is None:
                continue
            row = [
                k,
                _at(mentioned),
                creator or "",
                [[number(t), index.get(o, -1) if o else -1, _at(n)] for t, o, n in posts],
                [[SAID_KINDS.index(kind), number(text), _at(n)] for kind, text, n in said],
                [
                    # "": on the release's date (or none)
                    [
                        number(event),
                        EVENT_ROLES.index(role),
                        number(part),
                        number(topic),
                        "" if day == date else day or "",
                        _at(n),
                    ]
                    for event, role, part, topic, day, n in events
                ],
            ]  # fmt: skip
            while len(row) > 2 and not row[-1]:
                row.pop()
            facts.append(row)
            if len(names) > 1 or names and names[0] != label[k]:
                forms.setdefault(k, {}).update(dict.fromkeys(names))
        rows.append([title or "", date or "", release, [number(s) for s in sentences], facts])
    for k, names in forms.items():
        extra = [f for f in names if f != label[k]]
        if extra:
            actors["forms"][str(k)] = list(dict.fromkeys(actors["forms"].get(str(k), []) + extra))
    days = sorted({row[1] for row in rows if row[1]})
    return {"releases": rows, "days": days, "roles": list(EVENT_ROLES), "said": list(SAID_KINDS)}


def _at(sentence: int | None) -> int:
    return -1 if sentence is None else sentence
