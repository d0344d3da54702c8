"""Persons across releases: the person node of every (release, name), by one of two rules.

``strict_persons`` is the rule kg had before: the same name in two releases is one node when
both hold a membership in one resolved organization (or its parent). ``scored_persons`` weighs
all the evidence (``kg.resolve.identity``). Both give each node an anchor, the organization key
most of its names hold (else a release IRI), unique among the nodes of one name.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from kg.nlp.lexicon import load as load_lexicon
from kg.resolve.config import IdentityConfig
from kg.resolve.evidence import OrgLookup, Profile, release_profiles
from kg.resolve.forms import base_form, canonical
from kg.resolve.identity import Item, NameResult, cluster_name, describe_decision
from kg.resolve.organizations import OrgPaths, UnionFind, by_root, labels, who
from kg.resolve.summary import ReleaseSummary
from kg.resolve.titles import parse_title

# canonical name -> (digest of its profiles, its result): what an incremental build keeps
NameCache = dict[str, tuple[str, NameResult]]


def held_keys(facts_list: list[ReleaseSummary], paths: list[OrgPaths]) -> dict[Item, list[str]]:
    """(release, name) -> the org keys its memberships hold, the most specific of each first."""
    org_keys: dict[Item, list[str]] = {}
    for f, org_paths in zip(facts_list, paths):
        rel = f.path
        held: dict[str, list[str]] = {}
        for person, organization in f.memberships:
            held.setdefault(person, []).extend(reversed(org_paths[organization][1]))
        for name in f.person_names:
            keys = held.get(name, [])
            org_keys[(rel, name)] = keys if len(keys) < 2 else list(dict.fromkeys(keys))
    return org_keys


def strict_persons(res, facts_list: list[ReleaseSummary], paths: list[OrgPaths]) -> None:
    """Merge the persons of all releases (``res.persons``, ``res.person_of``): the same name in
    two releases is one node when both hold a membership in one resolved organization; its
    anchor is the organization most of its names hold (first seen among equals)."""
    from kg.resolve.resolution import PersonNode

    by_path = {f.path: f for f in facts_list}
    occurrence = _occurrences(facts_list)
    org_keys = held_keys(facts_list, paths)
    puf = UnionFind()  # holds only the names that share an organization with another
    powner: dict[tuple[str, str], Item] = {}  # (name, org key) -> first item
    preasons: list[tuple[Item, str]] = []
    for item, keys in org_keys.items():
        root = item  # a new item is a set of its own; only its own unions change that set
        name = canonical(item[1])
        for k in keys:
            first = powner.setdefault((name, k), item)
            if first is not item and (other := puf.find(first)) != root:
                root = puf.link(other, root)
                shared = " ".join(labels(res, tuple(k.split("|"))))
                preasons.append(
                    (item, f"merged: {who(item[1], first[0], item[1], item[0])} share {shared}")
                )
    pgroups: dict[Item, list[Item]] = {}
    linked = puf.parent
    for item in org_keys:
        pgroups.setdefault(puf.find(item) if item in linked else item, []).append(item)
    preasons_of = by_root(puf.find, preasons)
    persons, person_of = res.persons, res.person_of
    for root, items in pgroups.items():
        anchor = _anchor(items, org_keys, set())
        if anchor is None:  # no organization: the node is the release's own
            anchor = by_path[items[0][0]].iri
        node = PersonNode(canonical(root[1]), anchor, [], [])
        key = node.key
        node = persons.setdefault(key, node)
        for item in items:
            node.occurrences.append(occurrence(item))
            person_of[item] = key
        node.reasons += preasons_of.get(root, [])


def _anchor(items: list[Item], org_keys: dict[Item, list[str]], used: set[str]) -> str | None:
    """The org key most of the items hold and no other node of the name has, the first seen
    among equals; None without any."""
    if len(items) == 1 and not used:
        keys = org_keys[items[0]]
        return keys[0] if keys else None
    counts: dict[str, int] = {}  # in order of first appearance
    for item in items:
        for k in org_keys[item]:
            counts[k] = counts.get(k, 0) + 1
    free = [k for k in counts if k not in used]
    return max(free, key=counts.__getitem__) if free else None


def _lookup(res, org_paths: OrgPaths) -> OrgLookup:
    """The ``OrgLookup`` of one release: a name it lists by its node; a name it does not (the
    body a fused title names) by the node of its form, else by the lexicon and the form."""
    lexicon = load_lexicon()

    def lookup(name: str) -> tuple[tuple[str, ...], str]:
        found = org_paths.get(name)
        if found is not None:
            keys = found[1]
            node = res.organizations.get(keys[-1])
            return tuple(keys), node.kind if node is not None else "other"
        key = res.by_form.get(base_form(name))
        if key is None:
            body = lexicon.body(name)
            key = body.name if body is not None else base_form(name)
        node = res.organizations.get(key)
        return (key,), node.kind if node is not None else lexicon.org_kind(name) or "other"

    return lookup


def _groups(facts_list: list[ReleaseSummary]) -> dict[str, list[Item]]:
    """canonical name -> its (release, name) items, in release order."""
    groups: dict[str, list[Item]] = {}
    for f in facts_list:
        for name in f.person_names:
            groups.setdefault(canonical(name), []).append((f.path, name))
    return groups


def scored_persons(
    res, facts_list: list[ReleaseSummary], paths: list[OrgPaths], config: IdentityConfig,
    cache: NameCache | None = None,
) -> NameCache:  # fmt: skip
    """Cluster each name's mentions by their evidence (``kg.resolve.identity``) into
    ``res.persons`` and ``res.person_of``. ``cache`` holds earlier results by name: a name whose
    evidence is unchanged (``_release_digest`` of each of its releases) takes its result from
    there, unscored. The results of the names that occur more than once, for the next call."""
    groups = _groups(facts_list)
    several = sorted(n for n, items in groups.items() if len(items) > 1)
    lookups = {f.path: _lookup(res, org_paths) for f, org_paths in zip(facts_list, paths)}
    by_path = {f.path: f for f in facts_list}
    results: NameCache = {}
    todo: list[tuple[str, str]] = []  # (name, digest) of the names to score
    if cache is not None:
        digests = {}
        for name in several:
            rels = sorted({rel for rel, _ in groups[name]})
            for rel in rels:
                if rel not in digests:
                    digests[rel] = _release_digest(by_path[rel], lookups[rel], res, config)
            digest = _group_digest(sorted(groups[name]), [digests[r] for r in rels], config)
            found = cache.get(name)
            if found is not None and found[0] == digest:
                results[name] = found
            else:
                todo.append((name, digest))
    else:
        todo = [(name, "") for name in several]
    profiles = _profiles(todo, groups, by_path, lookups, config)

    def label(keys) -> str:
        return " ".join(labels(res, tuple(keys[-1].split("|")), list(keys)))

    for name, digest in todo:
        results[name] = (digest, cluster_name(sorted(groups[name]), profiles, config, label))
    _assemble(res, facts_list, paths, groups, {n: r for n, (_, r) in results.items()})
    return {name: results[name] for name in several}


def _profiles(todo, groups, by_path, lookups, config: IdentityConfig) -> dict[Item, Profile]:
    """The profiles of the mentions of the names to score, release by release."""
    wanted: dict[str, list[str]] = {}
    for name, _ in todo:
        for rel, written in groups[name]:
            wanted.setdefault(rel, []).append(written)
    profiles: dict[Item, Profile] = {}
    for rel in sorted(wanted):
        found = release_profiles(by_path[rel], lookups[rel], wanted[rel], config)
        profiles.update(((rel, n), p) for n, p in found.items())
    return profiles


def _release_digest(f: ReleaseSummary, lookup: OrgLookup, res, config: IdentityConfig) -> str:
    """What the profiles of a release's persons, and the reasons about them, are a function of:
    its summary but for spans, and the node (keys, kind, labels) of each organization it names
    or its titles and notes name."""
    names = {o.name for o in f.organizations} | set(f.referenced)
    names |= {org for _, _, org, _ in f.roles if org is not None}
    for title in [t for _, t, _, _ in f.roles] + [w for ws in f.notes.values() for w in ws]:
        org = parse_title(title, config).org
        if org is not None:
            names.add(org)
    nodes = []
    for name in sorted(names):
        keys, kind = lookup(name)
        found = [res.organizations.get(k) for k in keys]
        nodes.append([name, list(keys), kind, [n.label if n else None for n in found]])
    data = [f.path, f.date, f.person_names, f.roles, f.notes, f.bylines, f.events, nodes]
    return hashlib.sha1(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


def _group_digest(items: list[Item], release_digests: list[str], config: IdentityConfig) -> str:
    digest = hashlib.sha1(config.mode.encode())
    digest.update(json.dumps([items, release_digests], ensure_ascii=False).encode())
    return digest.hexdigest()


def _assemble(
    res, facts_list, paths, groups: dict[str, list[Item]], results: dict[str, NameResult]
) -> None:
    """The person nodes of every name: each cluster's anchor, occurrences, reasons, decisions."""
    from kg.resolve.resolution import PersonNode

    by_path = {f.path: f for f in facts_list}
    occurrence = _occurrences(facts_list)
    org_keys = held_keys(facts_list, paths)
    for name, items in groups.items():
        result = results.get(name) or NameResult(
            [[item] for item in items], [[]] * len(items), [[]] * len(items)
        )
        used: set[str] = set()
        nodes = []
        for cluster in result.clusters:
            anchor = _anchor(cluster, org_keys, used) or _release_anchor(cluster, by_path, used)
            used.add(anchor)
            nodes.append(PersonNode(name, anchor, [], []))
        for node, cluster, reasons, joined in zip(
            nodes, result.clusters, result.reasons, result.joined
        ):
            for item in cluster:
                node.occurrences.append(occurrence(item))
                res.person_of[item] = node.key
            node.reasons = list(reasons)
            node.decisions = list(joined)
            res.persons[node.key] = node
        for i, j, record in result.apart:
            _apart(nodes[i], nodes[j], record)
        _not_compared(nodes, result)


def _occurrences(facts_list: list[ReleaseSummary]) -> Callable[[Item], object]:
    """``occurrence(item)``: where a person is written in a release, and its posts there."""
    from kg.resolve.resolution import Occurrence

    by_path = {f.path: f for f in facts_list}
    posts: dict[Item, list] = {}
    for f in facts_list:
        for person, title, org, inferred in f.roles:
            posts.setdefault((f.path, person), []).append((title, org, inferred))

    def occurrence(item: Item):
        spans = list(by_path[item[0]].person_spans.get(item[1], []))
        return Occurrence(item[0], item[1], spans, posts.get(item, []))

    return occurrence


def _release_anchor(cluster: list[Item], by_path: dict, used: set[str]) -> str:
    """The IRI of the first release of the cluster no other node of the name is anchored to."""
    for rel, _ in cluster:
        if by_path[rel].iri not in used:
            return by_path[rel].iri
    return f"{by_path[cluster[0][0]].iri}#{len(used)}"


def _apart(a, b, record: dict) -> None:
    """Note on both nodes why they were kept apart."""
    for node, other in ((a, b), (b, a)):
        node.decisions.append({**record, "other": other.key})
        node.reasons.append(
            f"kept apart from the {other.name} of {_anchor_label(other.anchor)}: "
            f"{who(record['a'][1], record['a'][0], record['b'][1], record['b'][0])}: "
            f"{describe_decision(record)}"
        )


def _not_compared(nodes: list, result: NameResult) -> None:
    """Say on each node how many other nodes of its name nothing made worth comparing."""
    compared: dict[int, set[int]] = {n: set() for n in range(len(nodes))}
    for i, j, _ in result.apart:
        compared[i].add(j)
        compared[j].add(i)
    for n, node in enumerate(nodes):
        others = len(nodes) - 1 - len(compared[n])
        if others:
            node.reasons.append(
                f"kept apart from {others} other {node.name}: no title, organization, place, "
                "party or event in common to compare"
            )


def _anchor_label(anchor: str) -> str:
    """An anchor as a reader knows it: the organization's name (its last unit), or the release."""
    return f"release <{anchor}>" if "://" in anchor else anchor.replace("|", " ")
