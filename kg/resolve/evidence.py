"""The evidence about a person that one release gives (``Profile``: posts, party, places, the
people, organizations and events named around them, the date) and the features two profiles of
one name show for and against being one person (``compare``), each with its weight.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from kg.nlp.lexicon import load as load_lexicon
from kg.resolve.config import IdentityConfig
from kg.resolve.forms import base_form, canonical
from kg.resolve.organizations import generic
from kg.resolve.summary import ReleaseSummary
from kg.resolve.titles import (
    LETTER_DISTRICT,
    council_of,
    note_place,
    org_level,
    org_place,
    parse_title,
    party_of,
)

# An organization name of a release -> (the keys of its node and of the nodes above it,
# outermost first; its kind). ``kg.resolve.resolution`` makes one per release.
OrgLookup = Callable[[str], tuple[tuple[str, ...], str]]


@dataclass(frozen=True)
class Post:
    """A post a person holds in a release: ``title`` its word, ``org`` the key of its
    organization's node (``keys`` those of the node and the nodes above it)."""

    title: str | None
    org: str | None
    keys: tuple[str, ...]
    label: str | None  # the organization as the release writes it
    kind: str | None
    level: str | None
    inferred: str | None  # None when stated; else how the organization was found
    former: bool = False
    candidate: bool = False
    # inferred from the text around into a body another person of the release holds a stated
    # post in: such an inference is right about half the time (``contested_roles``)
    contested: bool = False

    def describe(self) -> str:
        title = ("전 " if self.former else "") + (self.title or "member")
        title += " 후보" if self.candidate else ""
        return f"{title} of {self.label}" if self.label else title


@dataclass
class Profile:
    """What the releases of a person (or of a cluster) say about them."""

    items: list[tuple[str, str]]  # (release path, name as written)
    dates: list[str] = field(default_factory=list)  # ISO, sorted
    posts: set[Post] = field(default_factory=set)
    parties: set[tuple[str, str]] = field(default_factory=set)  # (lineage, name)
    places: set[tuple[str, str]] = field(default_factory=set)  # (level, place)
    co_persons: set[str] = field(default_factory=set)
    co_orgs: dict[str, str] = field(default_factory=dict)  # org key -> label
    events: set[str] = field(default_factory=set)
    taken: set[tuple[str, str]] = field(default_factory=set)  # (org key, title) others hold
    # the profiles of one mention each that this one is made of (a cluster's), else [self]
    parts: list[Profile] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.parts:
            self.parts = [self]

    def merged(self, other: Profile) -> Profile:
        """The profile of both (a cluster's): what one of its releases says, any of them says;
        what two releases say in common is asked of their ``parts`` (``most_shared``)."""
        return Profile(
            self.items + other.items,
            sorted(self.dates + other.dates),
            self.posts | other.posts,
            self.parties | other.parties,
            self.places | other.places,
            self.co_persons | other.co_persons,
            {**other.co_orgs, **self.co_orgs},
            self.events | other.events,
            self.taken | other.taken,
            self.parts + other.parts,
        )


def most_shared(a: Profile, b: Profile, what: str) -> set[str]:
    """The most of ``what`` ("co_persons", "co_orgs" or "events") that one release of ``a`` and
    one of ``b`` have in common: two clusters share what two of their releases share, not what
    the sum of their many releases happens to hold."""
    if len(a.parts) == len(b.parts) == 1:
        return set(getattr(a, what)) & set(getattr(b, what))
    small, large = sorted((a, b), key=lambda p: len(p.parts))
    index = _index(large, what)
    best: set[str] = set()
    for part in small.parts:
        mine = set(getattr(part, what))
        counts: dict[int, int] = {}
        for x in mine:
            for n in index.get(x, ()):
                counts[n] = counts.get(n, 0) + 1
        if counts:
            n = min(counts, key=lambda k: (-counts[k], k))
            if counts[n] > len(best):
                best = mine & set(getattr(large.parts[n], what))
    return best


def _index(profile: Profile, what: str) -> dict[str, list[int]]:
    """``what`` -> the indices of the parts that have it, kept on the profile."""
    cache = profile.__dict__.setdefault("_indexes", {})
    if what not in cache:
        index: dict[str, list[int]] = {}
        for n, part in enumerate(profile.parts):
            for x in getattr(part, what):
                index.setdefault(x, []).append(n)
        cache[what] = index
    return cache[what]


@dataclass(frozen=True)
class Feature:
    """One piece of evidence of a pair: its name (a key of ``[weights]``), weight and why."""

    name: str
    weight: float
    detail: str


def release_profiles(
    summary: ReleaseSummary, lookup: OrgLookup, names: Iterable[str], config: IdentityConfig
) -> dict[str, Profile]:
    """The profile of each of ``names`` in one release."""
    held = {org for _, _, org, _ in summary.roles if org is not None}
    named = [o.name for o in summary.organizations] + summary.referenced
    keys_of = {name: lookup(name) for name in dict.fromkeys(named)}
    everyone = {canonical(n) for n in summary.person_names} - {
        canonical(n) for n in summary.bylines
    }
    events = {f"name:{base_form(n)}" for n, _, _ in summary.events if len(base_form(n)) >= 4}
    events |= {f"on:{k}:{d}" for _, k, d in summary.events if k and d}
    around = {ks[-1]: n for n, (ks, _) in keys_of.items() if not _national(n)}
    taken = _taken(summary, lookup, config)
    contested = contested_roles(summary)
    councils = {n for n in named if org_level(n, config) == "local" and n.endswith("의회")}
    out = {}
    for name in names:
        profile = Profile([(summary.path, name)], [summary.date] if summary.date else [])
        for n, (person, title, org, inferred) in enumerate(summary.roles):
            if person == name:
                _add_role(profile, (title, org, inferred, n in contested), lookup, config)
        for word in summary.notes.get(name, []):
            _add_note(profile, word, lookup, config)
            if LETTER_DISTRICT.match(word) and len(councils) == 1:
                place = org_place(next(iter(councils)))  # 파선거구 of the one 시의회 named
                if place is not None:
                    profile.places.add(place)
        if not any(p.org for p in profile.posts):
            _infer_orgs(profile, keys_of, held, config)
        own = {k for p in profile.posts if not p.contested for k in p.keys}
        profile.co_orgs = {k: n for k, n in around.items() if k not in own}
        profile.co_persons = everyone - {canonical(name)}
        profile.events = events
        profile.taken = {(key, base) for person, key, base in taken if person != name}
        out[name] = profile
    return out


@lru_cache(maxsize=1 << 16)
def _national(name: str) -> bool:
    """Whether an organization is a national body of the lexicon (국회, a ministry, a national
    association): releases everywhere name them, so naming one says little of who is meant."""
    return load_lexicon().body(name) is not None and org_place(name) is None


def _taken(summary: ReleaseSummary, lookup: OrgLookup, config: IdentityConfig) -> list:
    """(person, org key, title word) of the posts the persons of the release hold."""
    out = []
    for person, title, org, _ in summary.roles:
        if org is not None and title:
            base = parse_title(title, config).base
            if base is not None:
                out.append((person, lookup(org)[0][-1], base))
    return out


# The inferences of the extraction from the text around (kg.nlp.context), as against those
# from the release's metadata (publisher, department), which are the release's own word.
_FROM_TEXT = ("context", "headline")


def contested_roles(summary: ReleaseSummary) -> set[int]:
    """The indices of the roles whose organization the extraction inferred from the text around
    into a body that another person of the release holds a stated post in (우리 대학 한가람
    총장 beside 다라대학교 두리안 부총장, read as 총장 of 다라대학교). On dev, dev3 and seed
    10 of 18 such inferences were right, against 27 of 28 of the others."""
    stated = {(org, person) for person, _, org, inferred in summary.roles if not inferred}
    out = set()
    for n, (person, _, org, inferred) in enumerate(summary.roles):
        if inferred in _FROM_TEXT and any(o == org and p != person for o, p in stated):
            out.add(n)
    return out


def _add_role(profile: Profile, role: tuple, lookup: OrgLookup, config: IdentityConfig) -> None:
    """Add the post (or party) of one membership: (title, organization, how it was inferred,
    whether that inference is contested)."""
    title, org, inferred, contested = role
    if org is not None and generic(org):
        org = None  # 우리 대학 of a page with no publisher: some university, no rival of another
    info = parse_title(title, config)
    kind = lookup(org)[1] if org is not None else None
    party = party_of(org, kind, config) if org is not None else None
    if party is not None:
        profile.parties.add((party.lineage, party.name))
        org = (
            None  # a party is not a post: 가나당 후보 is a candidacy, for the post its title names
        )
    if info.org is not None and org is None:
        org, inferred = info.org, "candidacy" if info.candidate else inferred
    if info.base is None and org is None:
        return
    if org is not None and info.base == config.legislator and kind == "government":
        org = council_of(org, info.level)  # 가나도의원 of 가나도: a seat of its council
    keys, kind = lookup(org) if org is not None else ((), None)
    level = (info.level or org_level(org, config)) if org is not None else info.level
    profile.posts.add(
        Post(info.base, keys[-1] if keys else None, keys, org, kind, level, inferred,
             info.former, info.candidate, bool(contested and inferred))
    )  # fmt: skip
    place = org_place(org) if org is not None and not contested else None
    if place is not None:
        profile.places.add(place)


def _add_note(profile: Profile, word: str, lookup: OrgLookup, config: IdentityConfig) -> None:
    """What a word in parentheses after the name says: a party, a district, or a post."""
    party = party_of(word, None, config)
    if party is not None:
        profile.parties.add((party.lineage, party.name))
        return
    place = note_place(word)
    if place is not None:
        profile.places.add(place)
        return
    info = parse_title(word, config)
    if info.org is not None:  # (전 가나시장): a post the note names with its body
        _add_role(profile, (word, None, None, False), lookup, config)


def _infer_orgs(
    profile: Profile, keys_of: dict[str, tuple], held: set[str], config: IdentityConfig
) -> None:
    """Give a post without an organization the release's only body its title fits (시장 and the
    one 시 the release names), unless someone else holds that body there."""
    for post in list(profile.posts):
        endings = config.fits.get(post.title or "")
        if post.org is not None or not endings:
            continue
        fitting = {
            keys: (name, kind)
            for name, (keys, kind) in keys_of.items()
            if name not in held and base_form(name).endswith(endings)
        }
        if len(fitting) == 1:
            ((keys, (name, kind)),) = fitting.items()
            level = post.level or org_level(name, config)
            profile.posts.discard(post)
            profile.posts.add(
                Post(post.title, keys[-1], keys, name, kind, level, "release", post.former,
                     post.candidate)
            )  # fmt: skip
            place = org_place(name)
            if place is not None:
                profile.places.add(place)


def years_apart(a: list[str], b: list[str]) -> float | None:
    """Years between the date ranges of two profiles (0 when they overlap), None if undated."""
    if not a or not b:
        return None
    first = max(date.fromisoformat(a[0]), date.fromisoformat(b[0]))
    last = min(date.fromisoformat(a[-1]), date.fromisoformat(b[-1]))
    return max(0.0, (first - last).days / 365.25)
