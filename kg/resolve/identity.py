"""One person, one node: the mentions of one name across releases clustered by the evidence.

``cluster_name`` takes the profiles of one name (``kg.resolve.evidence``) and decides which are
one person, in two stages. Mentions that hold the same title in the same organization are one
person at once (a cluster whose posts conflict is dissolved again). Then clusters are compared
pairwise (``kg.resolve.features``) where they share a blocking key (a title, an organization,
a place, a party, an event), and the pairs whose score reaches the threshold are joined, best
first, unless the two clusters' posts conflict: a weak link never chains two people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from kg.resolve.config import IdentityConfig
from kg.resolve.evidence import Profile
from kg.resolve.features import Comparison, compare, posts_conflict

Item = tuple[str, str]  # (release path, name as written)


@dataclass
class NameResult:
    """The people of one name: ``clusters`` of items (sorted, and sorted by first item), each
    cluster's merge ``reasons``, and the ``decisions`` behind joins and separations as records
    (``decision_record``): joined ones by cluster, kept-apart ones by pair of clusters."""

    clusters: list[list[Item]]
    reasons: list[list[str]]
    joined: list[list[dict]]
    apart: list[tuple[int, int, dict]] = field(default_factory=list)

    def to_data(self) -> dict:
        return {
            "clusters": [[list(i) for i in c] for c in self.clusters],
            "reasons": self.reasons,
            "joined": self.joined,
            "apart": [[i, j, r] for i, j, r in self.apart],
        }

    @classmethod
    def from_data(cls, data: dict) -> NameResult:
        return cls(
            [[tuple(i) for i in c] for c in data["clusters"]],
            data["reasons"],
            data["joined"],
            [(i, j, r) for i, j, r in data["apart"]],
        )


def decision_record(
    a: Item, b: Item, comparison: Comparison, config: IdentityConfig, joined: bool
) -> dict:
    """A pair decision as plain data: the two mentions compared, score, threshold, outcome and
    each feature with its weight (numbers as numbers)."""
    return {
        "a": list(a),
        "b": list(b),
        "score": comparison.score,
        "threshold": config.threshold,
        "decision": "joined" if joined else "apart",
        "conflict": comparison.conflict,
        "features": [
            {"feature": f.name, "weight": f.weight, "detail": f.detail} for f in comparison.features
        ],
    }


def describe_decision(record: dict) -> str:
    """The record in words: ``score 8.0 (threshold 4.0): same_post 시장 of 가나시 in both
    (+8.0)``."""
    parts = "; ".join(
        f"{f['feature']} {f['detail']} ({f['weight']:+.1f})" for f in record["features"]
    )
    why = "conflicting posts, " if record["conflict"] else ""
    score = f"score {record['score']:.1f} (threshold {record['threshold']:.1f})"
    return f"{why}{score}: {parts or 'no evidence'}"


def _who(a: Item, b: Item) -> str:
    return (
        f"{a[1]} in {a[0]} and {b[0]}" if a[1] == b[1] else f"{a[1]} in {a[0]} and {b[1]} in {b[0]}"
    )


class _Sets:
    """Disjoint sets of cluster indices; the root of a set is its least index."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> int:
        ra, rb = sorted((self.find(a), self.find(b)))
        self.parent[rb] = ra
        return ra


def _cores(
    items: list[Item], profiles: dict[Item, Profile], label, config: IdentityConfig
) -> tuple[list[list[Item]], dict]:
    """Stage 1: mentions holding one title in one organization (both stated, current) are one
    person: the evidence is ``same_post`` alone, which reaches any threshold. The cores, each
    sorted, in order of their first item, with each core's merge reasons."""
    weight = f"{config.weight('same_post'):+.1f}, threshold {config.threshold:.1f}"
    sets = _Sets(len(items))
    first: dict[tuple[str, str], int] = {}
    reasons: dict[int, list[tuple[int, str]]] = {}
    for n, item in enumerate(items):
        for post in sorted(profiles[item].posts, key=lambda p: (p.org or "", p.title or "")):
            if post.org is None or post.title is None or post.inferred or post.candidate:
                continue  # stage 2 weighs these (and former posts), saying how they were found
            if post.former:
                continue
            k = first.setdefault((post.org, post.title), n)
            if sets.find(k) != sets.find(n):
                sets.union(k, n)
                why = f"share {label(post.keys)}: same_post {post.title} in both ({weight})"
                reasons.setdefault(n, []).append((k, f"merged: {_who(items[k], item)} {why}"))
    groups: dict[int, list[int]] = {}
    for n in range(len(items)):
        groups.setdefault(sets.find(n), []).append(n)
    cores, why = [], {}
    for members in groups.values():
        core = [items[n] for n in members]
        cores.append(core)
        why[core[0]] = [text for n in members for _, text in reasons.get(n, [])]
    return cores, why


def _merged(profiles: dict[Item, Profile], items: list[Item]) -> Profile:
    profile = profiles[items[0]]
    for item in items[1:]:
        profile = profile.merged(profiles[item])
    return profile


def _self_conflict(profile: Profile, config: IdentityConfig) -> bool:
    """Whether a cluster's own posts conflict (two cities' mayors at once)."""
    return len(profile.items) > 1 and posts_conflict(profile, profile, config)


def _blocking_keys(profile: Profile) -> set[tuple[str, str]]:
    """What two clusters must share to show a feature of the person (``personal``): a title,
    a post's body (or the body above it), a place, a party or an event."""
    keys = {("title", p.title) for p in profile.posts if p.title}
    keys |= {("org", k) for p in profile.posts for k in p.keys}  # a unit's body too
    keys |= {("place", p) for _, p in profile.places}
    keys |= {("party", lineage) for lineage, _ in profile.parties}
    keys |= {("event", e) for e in profile.events}
    return keys


def _candidates(clusters: list[Profile], config: IdentityConfig) -> list[tuple[int, int]]:
    """Pairs of clusters that share a blocking key no more than ``block_max`` clusters have,
    or where one names the body of the other's post (``org_named``)."""
    holders: dict[tuple[str, str], list[int]] = {}
    namers: dict[str, list[int]] = {}
    for n, profile in enumerate(clusters):
        for key in _blocking_keys(profile):
            holders.setdefault(key, []).append(n)
        for org in profile.co_orgs:
            namers.setdefault(org, []).append(n)
    pairs: set[tuple[int, int]] = set()
    for members in holders.values():
        if 1 < len(members) <= config.block_max:
            pairs.update(combinations(members, 2))
    for (kind, org), posted in holders.items():
        named = namers.get(org, []) if kind == "org" else []
        if named and len(posted) * len(named) <= config.block_max**2:
            pairs.update(tuple(sorted((i, j))) for i in posted for j in named if i != j)
    return sorted(pairs)


def cluster_name(
    items: list[Item], profiles: dict[Item, Profile], config: IdentityConfig, label
) -> NameResult:
    """The people among the mentions ``items`` of one name (sorted), from their ``profiles``.
    ``label(keys)`` names an organization by the keys of its node's path (for reasons)."""
    cores, why = _cores(items, profiles, label, config)
    clusters: list[list[Item]] = []
    for core in cores:
        if _self_conflict(_merged(profiles, core), config):
            clusters += [[item] for item in core]  # dissolved: stage 2 decides each
            why.pop(core[0], None)
        else:
            clusters.append(core)
    clusters.sort()
    merged = [_merged(profiles, c) for c in clusters]
    compared = [
        (i, j, compare(merged[i], merged[j], config)) for i, j in _candidates(merged, config)
    ]
    sets = _Sets(len(clusters))
    current = {n: merged[n] for n in range(len(clusters))}
    joins: dict[int, list[tuple[Item, Item, Comparison]]] = {}
    order = sorted(compared, key=lambda t: (-t[2].score, t[0], t[1]))
    for i, j, comparison in order:
        ri, rj = sets.find(i), sets.find(j)
        if ri == rj or not comparison.joins(config):
            continue
        if posts_conflict(current[ri], current[rj], config):
            continue  # joining would put two people in one cluster
        root = sets.union(ri, rj)
        current[root] = current[ri].merged(current[rj])
        joins.setdefault(root, []).extend(joins.pop(rj if root == ri else ri, []))
        joins[root].append((clusters[i][0], clusters[j][0], comparison))
    return _result(clusters, sets, joins, compared, (why, config))


def _result(clusters, sets: _Sets, joins, compared, context) -> NameResult:
    """The final clusters with their reasons and decisions, in a deterministic order;
    ``context`` is (the stage-1 reasons by core, the config)."""
    why, config = context
    parts: dict[int, list[int]] = {}
    for n in range(len(clusters)):
        parts.setdefault(sets.find(n), []).append(n)
    members = {root: [item for n in ns for item in clusters[n]] for root, ns in parts.items()}
    roots = sorted(members, key=lambda r: min(members[r]))
    index = {root: n for n, root in enumerate(roots)}
    out = NameResult([sorted(members[r]) for r in roots], [], [])
    for root in roots:
        reasons = [text for n in parts[root] for text in why.get(clusters[n][0], [])]
        records = []
        for a, b, comparison in joins.get(root, []):
            record = decision_record(a, b, comparison, config, True)
            records.append(record)
            reasons.append(f"joined: {_who(a, b)}: {describe_decision(record)}")
        out.reasons.append(reasons)
        out.joined.append(records)
    best: dict[tuple[int, int], tuple[int, int, Comparison]] = {}
    for i, j, comparison in compared:
        pair = tuple(sorted((index[sets.find(i)], index[sets.find(j)])))
        if pair[0] != pair[1] and (pair not in best or comparison.score > best[pair][2].score):
            best[pair] = (i, j, comparison)
    for (x, y), (i, j, comparison) in sorted(best.items()):
        out.apart.append(
            (x, y, decision_record(clusters[i][0], clusters[j][0], comparison, config, False))
        )
    return out
