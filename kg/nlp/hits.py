"""What the recognisers find in one sentence, before kg.facts resolves it: organization and
title references with their character offsets, and people with their affiliations."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class OrgRef:
    """An organization phrase as written, with its type hint and position."""

    surface: str
    start: int
    end: int
    kind: str | None = None
    acronym: str | None = None  # 한국지능정보원(NIA) -> NIA
    alias: str | None = None  # 중소벤처기업부(이하 중기부) -> 중기부
    from_title: bool = False  # the fragment of a fused title (경산시장 -> 경산시)
    fuller: tuple[
        str, ...
    ] = ()  # fuller forms to name it by when the text writes them (무안 -> 무안군)
    needs_fuller: bool = (
        False  # only an organization in a fuller form (경기도교육감 -> 경기도교육청)
    )


@dataclass
class TitleRef:
    """A title as written (``title``), at ``start:end``, with the organization fused into its
    word."""

    title: str
    start: int
    end: int
    org: OrgRef | None = None
    former: bool = False  # 전 장관: a former post
    office: str | None = None  # 장관 비서관: the title whose office the post serves (장관)
    # 가나시장 후보: the organization of the office a candidacy is for (가나시; ``office`` 시장)
    office_org: OrgRef | None = None


@dataclass
class Affiliation:
    """A post: a title (or None) in the last organization of ``chain`` (outermost first)."""

    title: TitleRef | None
    chain: list[OrgRef] = field(default_factory=list)
    inferred: str | None = None  # where the organization came from when the phrase does not say


@dataclass
class PersonHit:
    name: str
    start: int
    end: int
    affiliations: list[Affiliation] = field(default_factory=list)
    role: str | None = None  # "byline"


@dataclass
class SentenceHits:
    persons: list[PersonHit] = field(default_factory=list)
    orgs: list[OrgRef] = field(default_factory=list)
    titles: list[TitleRef] = field(default_factory=list)
    short_mentions: list[tuple[str, TitleRef, int]] = field(
        default_factory=list
    )  # (surname, title, start)
    posts: list[Affiliation] = field(default_factory=list)  # nameless ORG TITLE (가나공사 상임이사)
    places: list[OrgRef] = field(
        default_factory=list
    )  # local governments named as places (가나시 소재)
