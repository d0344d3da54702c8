"""Organizations across releases: which names of many releases are one organization node.

Top-level organizations merge when any of their forms is the same public body or party (the
lexicon: 경북도 = 경상북도; ``kg/data/parties.tsv``: 더민주 = 더불어민주당) or has the same
``base_form`` or ``status_form`` (연세대 = 연세대학교, 가나도청 = 가나도, 가나특례시 = 가나시),
and a city written after its province (경기 가나시) merges with the city when no other province
is written before that city's name; a form that names only a kind of body (시의회, 우리 대학)
joins nothing across releases. Units merge when their parents do and their names match.
Two bodies that only share a word (가나시 and 가나시의회; 가나대학교 and 가나과학대학교) stay
apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from kg.nlp.lexicon import Lexicon
from kg.nlp.lexicon import load as load_lexicon
from kg.resolve.config import identity_config
from kg.resolve.forms import base_form, canonical, normalize, org_key, status_form
from kg.resolve.summary import OrgEntry, ReleaseSummary

Path = tuple[tuple[str, ...], list[str]]  # a node's path and its prefix_keys
OrgPaths = dict[str, tuple[tuple[str, ...], list[str], OrgEntry | None]]  # org_paths
_PROVINCE_ENDINGS = ("도", "광역시", "특별시", "특별자치시", "특별자치도")


class UnionFind:
    """Disjoint sets of items; the root of a set is its least item."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        """The root of ``x``'s set (a new item is a set of its own)."""
        parent = self.parent
        up = parent.setdefault(x, x)
        while up != x:  # halve the path on the way up
            grand = parent[up]
            parent[x] = grand
            x, up = grand, parent[grand]
        return x

    def link(self, ra, rb):
        """Join the sets of two different roots; the new root (the lesser)."""
        if ra < rb:
            self.parent[rb] = ra
            return ra
        self.parent[ra] = rb
        return rb


def who(a: str, ra: str, b: str, rb: str) -> str:
    return f"{a} in {ra} and {rb}" if a == b else f"{a} in {ra} and {b} in {rb}"


def fullest(forms: Iterable[str]) -> str:
    # Longest shared form; among equals the one that is its own base (가나도 over 가나도청,
    # 가나대학교 over 가나대), then the spaced spelling a release wrote.
    return max(forms, key=lambda f: (len(base_form(f)), normalize(f) == base_form(f), " " in f, f))


def chain(facts: ReleaseSummary, name: str) -> list[str]:
    """``name`` and its parents, outermost first, as ``kg.rdf`` walks them (stops at a cycle)."""
    names = [name]
    org = facts.organization(name)
    parent = org.parent if org is not None and org.parent != name else None
    while parent is not None and parent not in names:
        names.insert(0, parent)
        known = facts.organization(parent)
        parent = known.parent if known else None
    return names


def by_root(root_of: Callable, reasons: list[tuple[tuple[str, str], str]]) -> dict:
    """The reasons of each set, by its root (``root_of`` an item), in their order."""
    out: dict[tuple[str, str], list[str]] = {}
    for item, why in reasons:
        out.setdefault(root_of(item), []).append(why)
    return out


def top_forms(facts_list: list[ReleaseSummary]) -> dict[tuple[str, str], list[str]]:
    """(release, name) -> forms (name, then aliases) of every top-level organization: those
    without a parent, and those a release links to without describing them."""
    tops: dict[tuple[str, str], list[str]] = {}
    for f in facts_list:
        rel = f.path
        for o in f.organizations:
            if o.parent is None or o.parent == o.name:
                tops[(rel, o.name)] = [o.name, *o.aliases]
        for name in f.referenced:
            if f.organization(name) is None:
                tops.setdefault((rel, name), [name])
    return tops


# what two top-level organizations with the same token share, by the kind of token
SHARING = {"body": "are forms of the public body", "form": "share the form"}


_DETERMINERS = ("우리", "본", "당", "해당", "같은")


@lru_cache(maxsize=1 << 16)
def generic(form: str) -> bool:
    """Whether a form names a kind of body, not one body: an organization ending alone,
    perhaps after 시, 도, 군 or 구 or a determiner (시의회, 협의회, 우리 대학, 본 위원회)."""
    words = canonical(form).split()
    if len(words) > 1 and words[0] in _DETERMINERS:
        words = words[1:]
    word = "".join(words)
    endings = _endings()
    return word in endings or (word[:1] in "시도군구" and word[1:] in endings)


@lru_cache(maxsize=1)
def _endings() -> frozenset[str]:
    return frozenset(set(load_lexicon().org_endings.entries) | set(_GENERIC))


# Words for a kind of body that releases write for the one they mean (the suffixes of
# kg/data/org_suffixes.tsv are such words too).
_GENERIC = ("협의회", "위원회", "학교", "정부", "당국", "회사", "지자체", "본부", "사무국")


def _province_city(form: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """(base form of the city, province) of a form that writes a province before a city or
    county (경기 가나시, 경기도 가나군), else None."""
    words = canonical(form).split()
    if len(words) < 2:
        return None
    body = lexicon.body(words[0])
    city = "".join(words[1:])
    if body is None or body.kind != "government" or not body.name.endswith(_PROVINCE_ENDINGS):
        return None
    if not city.endswith(("시", "군")) or len(city) < 3:
        return None
    return status_form(city), body.name


def form_tokens(
    form: str, lexicon: Lexicon, cities: dict[str, set[str]]
) -> tuple[tuple[str, str], ...]:
    """What top-level organizations with this form share: ("body", the public body or party it
    names) if any, then ("form", its ``base_form``), then ("city", the city) for a city written
    after its province, when ``cities`` (city -> provinces written before it) has one province."""
    parties = identity_config().parties
    body = lexicon.body(form) or lexicon.body(normalize(form))
    party = parties.get(normalize(form)) if body is None else None
    tokens = [("form", base_form(form))]
    if status_form(form) != tokens[0][1]:
        tokens.append(("form", status_form(form)))
    if body is not None or party is not None:
        tokens.insert(0, ("body", body.name if body is not None else party.name))
    city = _province_city(form, lexicon)
    if city is not None and len(cities.get(city[0], ())) == 1:
        tokens.append(("form", city[0]))
    return tuple(tokens)


def _cities(tops: dict[tuple[str, str], list[str]], lexicon: Lexicon) -> dict[str, set[str]]:
    """City -> the provinces the corpus writes before it (one: 경기 가나시 is 가나시)."""
    out: dict[str, set[str]] = {}
    for forms in tops.values():
        for form in forms:
            city = _province_city(form, lexicon)
            if city is not None:
                out.setdefault(city[0], set()).add(city[1])
    return out


def resolve_tops(
    facts_list: list[ReleaseSummary], lexicon: Lexicon, res
) -> dict[tuple[str, str], Path]:
    """Union the top-level organizations by public body and by shared base form: their nodes,
    reasons and ``by_form`` go to ``res``; the path of each (release, name) is returned."""
    tops = top_forms(facts_list)
    cities = _cities(tops, lexicon)
    uf = UnionFind()
    tokens_of: dict[str, tuple[tuple[str, str], ...]] = {}  # form -> form_tokens
    owner: dict[tuple[str, str], tuple[tuple[str, str], str]] = {}  # token -> first item, form
    reasons: list[tuple[tuple[str, str], str]] = []  # (item, reason) for each union
    body_of: dict[tuple[str, str], str] = {}
    for item, forms in tops.items():
        root = uf.find(item)  # kept up to date: only this item's unions change its set
        named = [f for f in forms if not generic(f)]
        for form in named or forms:  # 시의회 beside 가나시의회 must not join it to 다라시의회
            tokens = tokens_of.get(form)
            if tokens is None:
                tokens = tokens_of[form] = form_tokens(form, lexicon, cities)
            if tokens[0][0] == "body":
                body_of[item] = tokens[0][1]
            for token in tokens:
                first = owner.get(token)
                if first is None:
                    owner[token] = (item, form)
                elif (other := uf.find(first[0])) != root:
                    root = uf.link(other, root)
                    pair = who(first[1], first[0][0], form, item[0])
                    reasons.append((item, f"merged: {pair} {SHARING[token[0]]} {token[1]}"))
    return _top_nodes(tops, {item: uf.find(item) for item in tops}, reasons, body_of, res)


def _top_nodes(tops, root_of: dict, reasons, body_of, res) -> dict[tuple[str, str], Path]:
    """The node of each set of top-level organizations (``root_of`` an item): label, key, alt
    labels, reasons."""
    lexicon = load_lexicon()
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for item in tops:
        groups.setdefault(root_of[item], []).append(item)
    reasons_of = by_root(root_of.__getitem__, reasons)
    parties = identity_config().parties
    top_paths: dict[tuple[str, str], Path] = {}
    for root, items in groups.items():
        forms = {canonical(f) for item in items for f in tops[item]}
        bodies = sorted({body_of[i] for i in items if i in body_of})
        # the city's own name, not the one with its province before it (가나시, not 경기 가나시)
        plain = {f for f in forms if _province_city(f, lexicon) is None} or forms
        label = bodies[0] if bodies else fullest(plain)
        key = label if bodies else base_form(label)
        top_path = top_path_of(key)
        for item in items:
            top_paths[item] = top_path
        known = (
            (lexicon.body_of_form.get(bodies[0]) or parties.get(normalize(bodies[0])))
            if bodies
            else None
        )
        for form in (*forms, *((known.name, *known.short_forms) if known else ())):
            res.by_form.setdefault(base_form(form), key)
        node = _org_node(res, (key,), label)
        node.alt_labels = sorted((set(node.alt_labels) | forms) - {label})
        node.reasons += reasons_of.get(root, [])
    return top_paths


def org_paths(f: ReleaseSummary, top_paths: dict[tuple[str, str], Path]) -> OrgPaths:
    """name -> (path, its ``prefix_keys``, its entry) of every organization a release names.
    The path is the key of its top-level node (``top_paths``, else its ``base_form``), then the
    normalized names of the units down to it (``chain``); the entry is ``f.organization(name)``."""
    rel = f.path
    out: OrgPaths = {}
    described = [o.name for o in f.organizations]
    for names in (described, f.referenced, [org for _, org in f.memberships]):
        for name in names:
            if name in out:
                continue
            org = f.organization(name)
            # ``chain`` of a name without a parent is the name alone.
            names_ = [name] if org is None or org.parent in (None, name) else chain(f, name)
            top = top_paths.get((rel, names_[0])) or top_path_of(base_form(names_[0]))
            if len(names_) > 1:
                path = (*top[0], *map(normalize, names_[1:]))
                top = (path, prefix_keys(path))
            out[name] = (*top, org)
    return out


def top_path_of(key: str) -> Path:
    """The path of a top-level node and its ``prefix_keys``."""
    return (key,), [canonical(key)]


def prefix_keys(path: tuple[str, ...]) -> list[str]:
    """The ``org_key`` of each prefix of ``path``, outermost first (the last is the path's)."""
    keys = [canonical(path[0])]
    for name in path[1:]:
        keys.append(f"{keys[-1]}|{canonical(name)}")
    return keys


def resolve_units(res, facts_list: list[ReleaseSummary], paths: list[OrgPaths]) -> None:
    """Give every organization of every release (units included) its node (``res.org_of``):
    occurrences, a unit's fullest label, alt labels and merge reasons, and each node's kind
    (the most frequent other than "other"). ``paths`` are the ``org_paths`` of the releases."""
    from kg.resolve.resolution import Occurrence, OrgNode

    organizations, org_of = res.organizations, res.org_of
    kinds: dict[str, dict[str, int]] = {}  # org key -> kind (but "other") -> count
    unit_alts: dict[str, set[str]] = {}  # unit key -> its alt labels (sorted once, at the end)
    for f, paths_of in zip(facts_list, paths):
        rel = f.path
        for name in [o.name for o in f.organizations] + f.referenced:
            path, keys, org = paths_of[name]
            key = keys[-1]
            node = organizations.get(key)
            if node is None:
                node = organizations[key] = OrgNode(path, canonical(name), [], "other", [], [])
            occurrences = node.occurrences
            if len(path) > 1:
                _unit_label(res, node, name, org, unit_alts.setdefault(key, set(node.alt_labels)))
                # Releases come in order, so the last occurrence tells whether this one is new.
                if occurrences and occurrences[-1].release != rel:
                    first = occurrences[0]
                    parent = " ".join(labels(res, path[:-1], keys[:-1]))
                    pair = who(first.name, first.release, name, rel)
                    node.reasons.append(f"merged: {pair} are the same unit of {parent}")
            occurrences.append(Occurrence(rel, name, list(org.spans) if org is not None else []))
            org_of[(rel, name)] = key
            if org is not None and org.kind != "other":
                counts = kinds.setdefault(key, {})
                counts[org.kind] = counts.get(org.kind, 0) + 1
    for key, alts in unit_alts.items():
        organizations[key].alt_labels = sorted(alts)
    for key, node in organizations.items():
        counts = kinds.get(key)
        node.kind = min(counts, key=lambda k: (-counts[k], k)) if counts else "other"
        node.alt_labels = [a for a in node.alt_labels if a != node.label]


def _unit_label(res, node, name: str, org: OrgEntry | None, alts: set[str]) -> None:
    """A unit's fullest label so far, and its other forms in ``alts``."""
    label = canonical(name)
    if label != node.label:
        node.label = fullest([node.label, label])
    alts.add(label)
    if org is not None:
        alts.update(map(canonical, org.aliases))
    alts.discard(node.label)


def _org_node(res, path: tuple[str, ...], label: str):
    from kg.resolve.resolution import OrgNode

    key = org_key(path[-1], path[:-1])
    if key not in res.organizations:
        res.organizations[key] = OrgNode(path, label, [], "other", [], [])
    return res.organizations[key]


def labels(res, path: tuple[str, ...], keys: list[str] | None = None) -> list[str]:
    """The labels of the nodes along ``path`` (outermost first); ``keys`` are its
    ``prefix_keys`` when known."""
    nodes = res.organizations
    out = []
    for name, key in zip(path, prefix_keys(path) if keys is None else keys):
        node = nodes.get(key)
        out.append(node.label if node else name)
    return out
