"""What a title and an organization's name say about a post: the title's word, the body a fused
title names (가나시장, 가나도의원), former, acting and candidate posts, the level of a government or
legislature (national, province, local), and its place. Identity compares posts with these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.nlp.lexicon import Lexicon
from kg.nlp.lexicon import load as load_lexicon
from kg.resolve.config import IdentityConfig, Party
from kg.resolve.forms import canonical, normalize, status_form

# Ordinals and terms before a title say nothing of the post: 제7대 의장, 민선8기 시장, 제1부시장.
_ORDINAL = re.compile(r"^(?:제?\d+(?:대|기|선)?|민선\d*기?|[초재]선)")
# A district in parentheses: 가나3, 가나시갑, 다라을 (the city or county before the seat).
_DISTRICT = re.compile(r"^([가-힣]{2,4}?)(?:시|군)?(?:갑|을|병|정|무|\d{1,2})$")
# A council's electoral district by letter (파선거구, 차선거구): a seat of a city's or county's
# council, whose city the release's council names.
LETTER_DISTRICT = re.compile(r"^[가-하]선거구$")
_PROVINCE_ENDINGS = ("도", "광역시", "특별시", "특별자치시", "특별자치도")
_BODY_SUFFIXES = ("의회", "교육청")


@dataclass(frozen=True)
class TitleInfo:
    """A title as a post: ``base`` its word (시장, 의원, 지사), ``org`` the body a fused title
    names (가나시장 -> 가나시, 국회의원 -> 국회), ``level`` of a legislator title without one."""

    base: str | None
    org: str | None = None
    level: str | None = None
    former: bool = False
    candidate: bool = False
    acting: bool = False


@lru_cache(maxsize=1 << 14)
def parse_title(title: str | None, config: IdentityConfig) -> TitleInfo:
    """The post a title names.

    >>> from kg.resolve.config import identity_config
    >>> c = identity_config()
    >>> parse_title("전 가나시장", c)
    TitleInfo(base='시장', org='가나시', level=None, former=True, candidate=False, acting=False)
    >>> parse_title("시장 권한대행", c).acting, parse_title("다라도의원", c).org
    (True, '다라도의회')
    """
    if not title:
        return TitleInfo(None)
    words = canonical(title).split()
    former = candidate = acting = False
    while words and (words[0] in config.former or words[0] in config.plain):
        former = former or words[0] in config.former
        words.pop(0)
    while words and (words[-1] in config.candidate or words[-1] in config.acting):
        candidate = candidate or words[-1] in config.candidate
        acting = acting or words[-1] in config.acting
        words.pop()
    rest = "".join(words)
    if rest.startswith("前"):
        former, rest = True, rest[1:]
    for word in config.candidate:
        if rest.endswith(word) and len(rest) > len(word):
            candidate, rest = True, rest[: -len(word)]
    rest = _ORDINAL.sub("", rest)
    if not rest:
        return TitleInfo(None, former=former, candidate=candidate, acting=acting)
    base, org, level = _fused(rest, config, load_lexicon())
    return TitleInfo(base, org, level, former, candidate, acting)


def _fused(
    word: str, config: IdentityConfig, lexicon: Lexicon
) -> tuple[str, str | None, str | None]:
    """(title word, the body it names, its level) of a title that may hold a place or a
    legislature: 가나시장 -> (시장, 가나시, None); 도의원 -> (의원, None, province)."""
    if word.endswith(config.legislator):
        prefix = word[: -len(config.legislator)]
        if not prefix:
            return config.legislator, None, None
        if prefix in config.levels["national"]:
            return config.legislator, prefix, "national"
        if prefix in ("도", "시", "군", "구"):
            return config.legislator, None, "province" if prefix == "도" else "local"
        if len(prefix) >= 2 and prefix.endswith(("도", "시", "군", "구")):
            council = prefix + "의회"
            return config.legislator, council, org_level(council, config)
    if word in lexicon.titles:
        return word, None, None
    for title, suffix in _place_titles(lexicon):
        place = word[: -len(title)]
        if word.endswith(title) and len(place) >= 2 and place not in lexicon.titles:
            return title, place if place.endswith(suffix) else place + suffix, None
    return word, None, None


_PLACE_TITLES: dict[int, tuple[tuple[str, str], ...]] = {}  # id(lexicon) -> its place titles


def _place_titles(lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    """(title, ending that makes the body) of the titles fused to a place (수원시장, 무안부군수)
    or to a body whose fuller form ends in a known way (경기도교육감), longest title first."""
    known = _PLACE_TITLES.get(id(lexicon))
    if known is not None:
        return known
    found = [
        (head, rule.ending or rule.fuller)
        for head, rule in lexicon.heads.items()
        if rule.how in ("place", "need") and (rule.ending or rule.fuller)
    ]
    known = _PLACE_TITLES[id(lexicon)] = tuple(sorted(found, key=lambda pair: -len(pair[0])))
    return known


def council_of(government: str, level: str | None) -> str:
    """The council of a province, city or county (가나도 -> 가나도의회, 가나시 -> 가나시의회); a
    province written short for a provincial seat (가나 of 도의원) takes 도의회; else the name.

    >>> council_of("가나시", "local"), council_of("가나", "province"), council_of("가나", None)
    ('가나시의회', '가나도의회', '가나')
    """
    form = canonical(government).replace(" ", "")
    if form.endswith(("도", "시", "군", "구")):
        return form + "의회"
    return form + "도의회" if level == "province" else government


def compatible(a: str | None, b: str | None, config: IdentityConfig) -> bool:
    """Whether two title words can name one post (지사 ~ 도지사, 부시장 ~ 행정부시장)."""
    return a is not None and b is not None and (a == b or (a, b) in config.compatible)


def is_head(title: str | None, config: IdentityConfig) -> bool:
    """Whether a title has one holder per body (시장, 총장, 지사), unlike 의원 or 교수."""
    return (
        title is not None and title not in config.not_head and title.endswith(config.head_endings)
    )


def _stem(name: str) -> str:
    """The place part of a body's base form: 가나시의회 -> 가나시, 가나시교육청 -> 가나시."""
    form = status_form(name)
    for suffix in _BODY_SUFFIXES:
        if form.endswith(suffix) and len(form) > len(suffix):
            return form[: -len(suffix)]
    return form


def _province(stem: str, lexicon: Lexicon) -> str | None:
    """The province (or metropolitan city) a stem names, by its lexicon name, else None."""
    body = lexicon.body(stem) or lexicon.body(normalize(stem))
    if body is not None and body.kind == "government" and body.name.endswith(_PROVINCE_ENDINGS):
        return body.name
    return None


@lru_cache(maxsize=1 << 14)
def org_level(name: str, config: IdentityConfig) -> str | None:
    """ "national", "province" or "local" for a government or legislature by its name (the
    lexicon's metropolitan cities are provinces), None when the name does not say."""
    form = status_form(name)
    if form in config.levels["national"]:
        return "national"
    if _province(_stem(name), load_lexicon()) is not None:
        return "province"
    for level in ("province", "local"):
        if form.endswith(config.levels[level]):
            return level
    return None


@lru_cache(maxsize=1 << 14)
def org_place(name: str) -> tuple[str, str] | None:
    """(level, place) of a government or legislature: a province by its lexicon name, a city or
    county by its stem (가나시의회 -> ("local", "가나")); None for a district (구), whose names
    recur in many cities, and for other bodies. A province written before a city is dropped."""
    lexicon = load_lexicon()
    words = canonical(name).split()
    if len(words) > 1 and _province(words[0], lexicon) is not None:
        name = " ".join(words[1:])
    stem = _stem(name)
    province = _province(stem, lexicon)
    if province is not None:
        return ("province", province)
    if stem.endswith("도") and len(stem) >= 2:
        return ("province", stem)
    if stem.endswith(("시", "군")) and len(stem) >= 3:
        return ("local", stem[:-1])
    return None


def note_place(word: str) -> tuple[str, str] | None:
    """The city or county of a district written in parentheses (가나3, 가나시갑), else None."""
    found = _DISTRICT.match(word)
    return ("local", found.group(1)) if found else None


def party_of(name: str, kind: str | None, config: IdentityConfig) -> Party | None:
    """The party an organization name is: a known party or its short form, or any name ending
    in 당 of no other kind (its own lineage); None for other bodies."""
    found = config.parties.get(normalize(name))
    if found is not None:
        return found
    form = normalize(name)
    if form.endswith("당") and len(form) >= 3 and kind in (None, "other"):
        return Party(form, form, ())
    return None
