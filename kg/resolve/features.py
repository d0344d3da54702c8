"""The features two profiles of one name show (``compare``): posts that agree or conflict,
party, places, the people, organizations and events named around them. Each has the weight
``kg/data/identity.toml`` gives it; the score of a pair is their sum (``Comparison.score``).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.resolve.config import IdentityConfig
from kg.resolve.evidence import Feature, Post, Profile, most_shared, years_apart
from kg.resolve.titles import compatible, is_head


@dataclass(frozen=True)
class Comparison:
    """The evidence of a pair of profiles and what it decides."""

    features: tuple[Feature, ...]
    score: float
    conflict: bool  # two posts no one person holds at once: never joined
    personal: bool  # a feature of the person, not only of the surroundings

    def joins(self, config: IdentityConfig) -> bool:
        return self.personal and not self.conflict and self.score >= config.threshold


def compare(a: Profile, b: Profile, config: IdentityConfig) -> Comparison:
    """The features of the pair ``a``, ``b`` (profiles of one name in different releases)."""
    gap = years_apart(a.dates, b.dates)
    found: list[Feature] = []
    conflict = _posts(a, b, gap, config, found)
    _places(a, b, config, found)
    _parties(a, b, gap, config, found)
    _surroundings(a, b, config, found)
    score = round(sum(f.weight for f in found), 6)
    personal = any(f.name in config.personal for f in found)
    return Comparison(tuple(found), score, conflict, personal)


def _feature(name: str, detail: str, config: IdentityConfig) -> Feature:
    return Feature(name, config.weight(name), detail)


def _relation(
    p: Post, q: Post, gap: float | None, config: IdentityConfig, one_place: bool = False
) -> tuple[str, bool] | None:
    """How two posts relate: (feature name, whether they conflict), or None (nothing said).
    ``one_place``: the two profiles share a city or county (for ``progression``)."""
    if p.org is not None and q.org is not None and (p.org in q.keys or q.org in p.keys):
        return _one_body(p, q, config), False
    if not compatible(p.title, q.title, config):
        return ("progression", False) if one_place and _offices(p, q, config) else None
    head = is_head(p.title, config) and is_head(q.title, config)
    if p.org is None or q.org is None:
        if p.title in config.unique and not (p.org or q.org):
            return "same_post", False  # 대통령: one holder in the country
        return ("same_title" if head else "same_generic_title"), False
    if p.kind in (None, "other") or q.kind in (None, "other"):
        return None  # a body of no known kind: nothing to say
    if p.kind != q.kind or p.level != q.level:
        # the title in a body of another kind or level: not a conflict
        return ("progression" if one_place and _offices(p, q, config) else "career"), False
    if not head:
        return "other_org", False
    if p.kind not in config.rival_kinds:
        return None  # 회장 of two associations: one person may be both
    return _rivals(p, q, gap, config)


def _rivals(p: Post, q: Post, gap: float | None, config: IdentityConfig) -> tuple[str, bool]:
    """The same head title in two bodies of one kind and level: a conflict when both are
    stated and close in time; weaker when a body was inferred (the inference may be wrong),
    when one is a candidacy or a former post, or years apart."""
    if p.contested or q.contested:
        return "same_title_contested", False
    if p.inferred or q.inferred:
        return "rival_post_inferred", False
    if p.candidate or q.candidate or p.former or q.former:
        return "rival_post_apart", False
    if gap is not None and gap >= config.rival_years:
        return "rival_post_apart", False
    return "rival_post", True


def _offices(p: Post, q: Post, config: IdentityConfig) -> bool:
    """Both posts are public offices of a place (시장, 의원, 의장, 교육감 of a government or a
    legislature), so one person may hold one after the other there."""
    return all(
        x.title in config.offices and x.kind in ("government", "legislature") for x in (p, q)
    )


_ON_ONE_BODY = ("same_post", "same_org", "inferred_org", "candidacy")


def _one_body(p: Post, q: Post, config: IdentityConfig) -> str:
    """The feature of two posts in one body (or a unit of it)."""
    if p.candidate or q.candidate:
        return "candidacy"
    if p.inferred or q.inferred:
        return "inferred_org"
    return "same_post" if compatible(p.title, q.title, config) else "same_org"


def _posts(a: Profile, b: Profile, gap, config: IdentityConfig, found: list[Feature]) -> bool:
    """Add the best agreement and the worst disagreement of the posts; whether they conflict.
    Posts in one body outweigh a disagreement of others: that is a second post, or an error."""
    best: tuple[float, str, str] | None = None
    worst: tuple[float, str, str] | None = None
    conflict = False
    for p, q, name, hard in _related(a, b, gap, config):
        weight = config.weight(name)
        conflict = conflict or hard
        if weight > 0 and (best is None or weight > best[0]):
            best = (weight, name, _post_detail(p, q))
        elif weight < 0 and (worst is None or weight < worst[0]):
            worst = (weight, name, _post_detail(p, q))
    if best is not None and best[1] in _ON_ONE_BODY:
        worst, conflict = None, False
    for chosen in (best, worst):
        if chosen is not None:
            found.append(Feature(chosen[1], chosen[0], chosen[2]))
    if best is None and worst is None and _any_org(a) and _any_org(b):
        shown = "; ".join(sorted({p.describe() for p in a.posts | b.posts}))
        found.append(_feature("unrelated_posts", f"nothing in common: {shown}", config))
    if best is None:
        named = _named(a, b, config) or _named(b, a, config)
        if named:
            found.append(_feature("org_named", named, config))
    return conflict


def _related(a: Profile, b: Profile, gap, config: IdentityConfig):
    """(post of a, post of b, feature, conflict) of every pair of posts that relate."""
    one_place = any(level == "local" for level, _ in a.places & b.places)
    for p in sorted(a.posts, key=_post_order):
        for q in sorted(b.posts, key=_post_order):
            related = _relation(p, q, gap, config, one_place)
            if related is not None:
                yield p, q, *related


def posts_conflict(a: Profile, b: Profile, config: IdentityConfig) -> bool:
    """Whether a post of ``a`` and one of ``b`` are two that no one person holds at once (the
    same head title in two cities, both stated, close in time), whatever else they share: two
    clusters with such posts are never joined, and a cluster with them is split."""
    gap = years_apart(a.dates, b.dates)
    return any(hard for _, _, _, hard in _related(a, b, gap, config))


def _post_order(p: Post) -> tuple:
    return (p.org or "", p.title or "", p.inferred or "", p.former, p.candidate)


def _any_org(profile: Profile) -> bool:
    return any(p.org is not None for p in profile.posts)


def _post_detail(p: Post, q: Post) -> str:
    """``시장 of 가나시 in both``, ``시장 of 가나시 and 시장 of 다라시``, and how an organization
    was inferred: ``(가나시: release)``."""
    how = "".join(
        f" ({x.label}: {x.inferred}{', contested' if x.contested else ''})"
        for x in dict.fromkeys((p, q))
        if x.inferred
    )
    if p.describe() == q.describe():
        return f"{p.describe()} in both{how}"
    return f"{p.describe()} and {q.describe()}{how}"


def _named(a: Profile, b: Profile, config: IdentityConfig) -> str | None:
    """A's organization named in b's release, where b holds no post in it and nobody else
    holds a's post there."""
    for p in sorted(a.posts, key=_post_order):
        if p.org is None or p.org not in b.co_orgs or p.title is None:
            continue
        if not any(org == p.org and compatible(t, p.title, config) for org, t in b.taken):
            return f"{p.describe()} in one; {b.co_orgs[p.org]} named in the other"
    return None


def _places(a: Profile, b: Profile, config: IdentityConfig, found: list[Feature]) -> None:
    common = sorted(a.places & b.places)
    if common:
        found.append(_feature("same_place", ", ".join(p for _, p in common), config))
        return
    for level in ("local", "province"):
        mine = sorted(p for lv, p in a.places if lv == level)
        theirs = sorted(p for lv, p in b.places if lv == level)
        if mine and theirs:
            detail = f"{', '.join(mine)} and {', '.join(theirs)}"
            found.append(_feature("other_place", detail, config))
            return


def _parties(a: Profile, b: Profile, gap, config: IdentityConfig, found: list[Feature]) -> None:
    if not a.parties or not b.parties:
        return
    lineages = {lineage for lineage, _ in a.parties} & {lineage for lineage, _ in b.parties}
    names = " and ".join(", ".join(sorted({n for _, n in side})) for side in (a.parties, b.parties))
    if lineages:
        found.append(_feature("same_party", names, config))
    elif gap is None or gap < config.party_years:
        found.append(_feature("other_party", names, config))
    else:
        found.append(_feature("other_party_later", names, config))


def _surroundings(a: Profile, b: Profile, config: IdentityConfig, found: list[Feature]) -> None:
    """The people, organizations and events one release of each names in common."""
    persons = sorted(most_shared(a, b, "co_persons"))
    if persons:
        name = "co_person" if len(persons) == 1 else "co_persons"
        found.append(_feature(name, ", ".join(persons[:5]), config))
    orgs = sorted(most_shared(a, b, "co_orgs"))
    if len(orgs) >= 2:
        name = "co_orgs" if len(orgs) < 4 else "many_co_orgs"
        found.append(_feature(name, ", ".join(a.co_orgs[k] for k in orgs[:5]), config))
    events = sorted(most_shared(a, b, "events"))
    if events:
        found.append(_feature("same_event", events[0].split(":", 1)[1], config))
