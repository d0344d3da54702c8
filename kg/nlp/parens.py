"""What parentheses beside a person say: an age, a cohort, hanja, a place in a photo (nothing
about the post, but evidence of a person), a party and district (국민의힘·파주1), or a post:
``NAME(ORG TITLE)`` and ``NAME TITLE(ORG [UNIT] [TITLE])`` (KOREAN_FORMS §1, §5, §9)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.nlp.hits import Affiliation, OrgRef, PersonHit, SentenceHits
from kg.nlp.names import COMMON
from kg.nlp.organizations import is_unit
from kg.nlp.sentence import SentenceWords

if TYPE_CHECKING:
    from kg.nlp.persons import PersonReader

# Words beside a name that say where someone stands in a photo, not who they are.
PHOTO_WORDS = frozenset(
    {
        "왼쪽",
        "오른쪽",
        "가운데",
        "좌",
        "우",
        "중",
        "앞줄",
        "뒷줄",
        "사진",
        "좌측",
        "우측",
        "왼쪽부터",
        "오른쪽부터",
        "사진왼쪽",
        "사진오른쪽",
        "뒷줄왼쪽",
        "앞줄왼쪽",
        "中",
        "右",
        "左",
    }
)
_INFO = re.compile(
    r".*\d.*|[\u4e00-\u9fff]+|행시|외시|기시|사시|사법연수원|〃.*|[가-힣]+(?:번째|째)|초선|재선|다선"
    r"|[가-힣]{1,8}(?:동|읍|면|리|가)|[가-힣]{2,6}(?:시|군|구)?[갑을병정무]|[가-힣]{1,3}선거구"
    r"|[가-힣]{1,6}(?:시|군|구)"
)  # ages, cohorts, hanja, photo places, terms, the places a councillor or lawmaker stands for


_KIND_FITS = (
    "[party]",
    "[legislature]",
    "[university]",
    "[company]",
    "[public_agency]",
    "[association]",
)
_PLACES = re.compile(r"[가-힣]{1,8}(?:동|읍|면|리)")
_SHORT = re.compile(r"[가-힣0-9]{1,6}")


def _words(sw: SentenceWords, start: int, close: int) -> list[int]:
    return [k for k in range(start, close) if not sw.ws[k].punct]


def is_info(sw: SentenceWords, words: list[int]) -> bool:
    """An age, cohort, hanja, district or photo place: ``(52)``, ``(56·행시 32회)``, ``(尹永寬)``,
    ``(왼쪽 세번째)``, ``(수원시갑)``."""
    if not words:
        return True
    stems = [sw.ws[k].stem for k in words]
    if all(s in PHOTO_WORDS or _INFO.fullmatch(s) for s in stems):
        return True
    if any(_PLACES.fullmatch(s) for s in stems) and all(_SHORT.fullmatch(s) for s in stems):
        return True  # (가나·다라동): the villages a councillor stands for, some written short
    return bool(_INFO.fullmatch(stems[0])) and not sw.titles[words[-1]]


def _party(sw: SentenceWords, words: list[int]) -> OrgRef | None:
    """(국민의힘·파주1), (더민주, 시흥3): the party a councillor or lawmaker belongs to."""
    if not words:
        return None
    first = words[0]
    org = sw.org(first, strict=True)
    if org is None or not (org.surface.endswith("당") or sw.lex.org_kind(org.surface) == "other"):
        return None
    rest = [sw.ws[k].stem for k in words[1:]]
    if all(_INFO.fullmatch(s) or s.endswith(("선", "선거구")) for s in rest):
        return org
    return None


def after_name(
    reader: PersonReader, sw: SentenceWords, j: int
) -> tuple[int, bool, list[Affiliation]]:
    """Read the parentheses right after a name from word ``j``: where the phrase goes on, whether
    they show a person (an age, hanja, a post), and the posts they state."""
    evidence = False
    posts: list[Affiliation] = []
    while sw.text(j) == "(":
        close = sw.close(j)
        if close is None:
            break
        words = _words(sw, j + 1, close)
        party = _party(sw, words)
        if party is not None:
            posts.append(Affiliation(None, [party]))
        elif is_info(sw, words):
            evidence = evidence or any(sw.ws[k].stem not in PHOTO_WORDS for k in words)
        else:
            found, _ = reader.posts(sw, j + 1, close)
            if not found:
                break
            posts.extend(found)
        evidence = True if posts else evidence
        j = close + 1
    return j, evidence, posts


def inner_post(
    reader: PersonReader, sw: SentenceWords, start: int, close: int, affs: list[Affiliation]
) -> None:
    """``TITLE(ORG [UNIT] [TITLE])`` after a person's title: the organization of that title, or
    a second post (상무(가나전자 미래전략그룹장), 사령관(주한미군사령관))."""
    words = _words(sw, start, close)
    if is_info(sw, words) or _party(sw, words):
        party = _party(sw, words)
        if party is not None:
            affs.append(Affiliation(None, [party]))
        return
    last = words[-1]
    inner = sw.titles[last]
    body = words[:-1] if inner else words
    if not body:
        if inner is not None:
            affs.append(Affiliation(inner, [inner.org] if inner.org else []))
        return
    top = sw.org(body[0], strict=False)
    if top is None:
        return
    unit = _unit(sw, body[1:], inner)
    outer = affs[-1]
    if inner is None:
        if not outer.chain:
            outer.chain = [top] + ([unit] if unit else [])
        return
    if not outer.chain and _fits(sw, outer, top):
        outer.chain = [top]
    affs.append(
        Affiliation(
            inner.__class__(inner.title, inner.start, inner.end), [top] + ([unit] if unit else [])
        )
    )


def _unit(sw: SentenceWords, words: list[int], inner) -> OrgRef | None:
    """The unit the words between the organization and the inner title name."""
    if inner is not None and inner.org is not None:
        pre = " ".join(sw.ws[k].stem for k in words)
        surface = (pre + " " + inner.org.surface).strip()
        start = sw.ws[words[0]].start if words else inner.org.start
        return OrgRef(surface, start, inner.org.end, inner.org.kind)
    if not words:
        return None
    surface = " ".join(sw.ws[k].stem for k in words)
    end = sw.ws[words[-1]].start + len(sw.ws[words[-1]].stem)
    rule = sw.lex.heads.get(inner.title) if inner is not None else None
    if rule is not None and rule.ending and not is_unit(surface):
        return OrgRef(
            surface + " " + rule.ending, sw.ws[words[0]].start, end
        )  # AI 사이언스 + 그룹장
    if is_unit(surface):
        return OrgRef(surface, sw.ws[words[0]].start, end)
    return None


def _fits(sw: SentenceWords, outer: Affiliation, top: OrgRef) -> bool:
    """A head title (원장) does not belong to an organization of another kind (…대학교 학장), nor
    a title of its own organization to another (국회의원(가나위원회 간사) is of 국회)."""
    if outer.title is None:
        return True
    own = sw.lex.title_orgs.entries.get(outer.title.title)
    if own is not None and not any(f in _KIND_FITS or top.surface.endswith(f) for f in own):
        return False
    rule = sw.lex.heads.get(outer.title.title)
    return rule is None or not rule.ending or top.surface.replace(" ", "").endswith(rule.ending)


def org_then_person(reader: PersonReader, sw: SentenceWords, hits: SentenceHits) -> None:
    """가나대학교(총장 김철수), 가나부(장관 김철수) ...: the title and the name in
    parentheses."""
    for k in range(sw.n - 4):
        if sw.text(k + 1) != "(" or not sw.titles[k + 2] or k + 3 in sw.used:
            continue
        close = sw.close(k + 1)
        name = reader.name_at(sw, k + 3)
        org = sw.org(k, strict=False) if sw.bare(k) or sw.glued(k, k + 1) else None
        if close is None or name is None or org is None or name.strength < COMMON:
            continue
        chain = reader.left_orgs(sw, k) + [org]
        t = sw.titles[k + 2]
        affs = [Affiliation(t, chain + ([t.org] if t.org else []))]
        more, _ = reader.posts(sw, name.last + 1, close)
        if not more and sw.text(name.last + 1) == ",":
            more, _ = reader.posts(sw, name.last + 2, close)
        hits.persons.append(PersonHit(name.text, name.start, name.end, affs + more))
        sw.used.update(range(k, close + 1))
