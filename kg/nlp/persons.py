"""Where people are recognised in a sentence: a name with the titles and organizations around it.

Orders covered (KOREAN_FORMS §1, §4, §7, §9): ``NAME TITLE``, ``NAME ORG TITLE``, ``ORG NAME
TITLE``, ``ORG TITLE NAME``, ``NAME TITLE(ORG [UNIT] [TITLE])``, ``ORG(TITLE NAME)``,
``NAME(ORG TITLE)``, ``NAME TITLE 겸 TITLE``, modifiers around the title (전 장관, 청장 직무대리),
an age, a cohort or hanja in parentheses after the name, names written together with what
follows them (홍길동기자, 홍길동위원장, 홍길동한빛대학교), foreign names in Hangul, ``NAME 씨``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kg.nlp.careers import career_before
from kg.nlp.chains import OrgChains
from kg.nlp.hits import Affiliation, OrgRef, PersonHit, SentenceHits, TitleRef
from kg.nlp.names import SHAPED, STRONG
from kg.nlp.organizations import LEGAL_FORMS, is_unit
from kg.nlp.parens import after_name, inner_post, org_then_person
from kg.nlp.sentence import Readers, SentenceWords
from kg.nlp.untitled import SSI, foreign_surname, person_without_post, written_together

# Endings of common nouns for people or groups, never of a name read as a dictionary word.
_GROUP_NOUN_ENDINGS = ("자", "가", "단", "들", "측", "팀", "진", "원", "인", "생")
_SECOND_POST = ("겸", "및")
_CANDIDATE = ("후보", "예비후보", "후보자")
# A title before a name with the copula: 지사였던 홍길동 (a former post), 위원장인 홍길동.
_WAS = ("였던", "이었던", "이던", "던", "인", "이자")


@dataclass(frozen=True)
class Named:
    """A name found at words ``first..last`` (two words for a foreign name)."""

    text: str
    start: int
    strength: int
    first: int
    last: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class PersonReader:
    """Finds the people of one sentence with their posts (the patterns of the module doc)."""

    def __init__(self, readers: Readers) -> None:
        self.r = readers
        self.chains = OrgChains(readers)

    # what the organization chains read, for the other recognisers
    def left_orgs(self, sw: SentenceWords, i: int) -> list[OrgRef]:
        return self.chains.left_orgs(sw, i)

    def loose_org(self, sw: SentenceWords, j: int) -> OrgRef | None:
        return self.chains.loose_org(sw, j)

    def read(self, sw: SentenceWords, hits: SentenceHits) -> None:
        org_then_person(self, sw, hits)
        i = 0
        while i < sw.n:
            hit = None if i in sw.used else self._person_at(sw, i)
            if hit is None:
                i += 1
                continue
            hits.persons.append(hit)
            i = max(i + 1, max(sw.used) + 1)

    # ---- names ------------------------------------------------------------------------
    def name_at(self, sw: SentenceWords, i: int) -> Named | None:
        """The name that starts at word ``i``: a candidate, or a foreign given name + surname."""
        w = sw.ws[i]
        if w.punct:
            return None
        names = self.r.names
        nxt = sw.ws[i + 1] if i + 1 < sw.n else None
        if (
            nxt is not None
            and sw.bare(i)
            and not nxt.punct
            and not sw.glued(i, i + 1)
            and not (i > 0 and sw.ws[i - 1].stem in LEGAL_FORMS)  # 법무법인 가나 홍길동 변호사
            # a first name of a Korean name's shape only before a surname of none (라파엘)
            and (not names.shaped(w.stem) or (len(nxt.stem) >= 3 and not names.shaped(nxt.stem)))
            and names.foreign_first(w.stem, w.start, sw.index, True)
        ):
            if names.foreign_last(nxt.stem, nxt.start, sw.index) and (
                not names.shaped(w.stem) or names.foreign_surname(nxt.stem)
            ):
                if not sw.titles[i + 1] and not sw.org(i + 1, strict=True) and not sw.place(i + 1):
                    return Named(w.text + " " + nxt.stem, w.start, STRONG, i, i + 1)
        found = sw.names[i]
        if found is not None:
            return Named(found.text, found.start, found.strength, i, i)
        return None

    def _person_at(self, sw: SentenceWords, i: int) -> PersonHit | None:
        fused = written_together(self, sw, i)
        if fused is not None:
            return fused
        name = self.name_at(sw, i)
        if name is None:
            return foreign_surname(self, sw, i)
        return (
            self._named_before(sw, name)
            or self._titled_before(sw, name)
            or person_without_post(self, sw, name)
        )

    # ---- NAME [ORG...] TITLE ----------------------------------------------------------
    def _named_before(self, sw: SentenceWords, name: Named) -> PersonHit | None:
        """The name followed by its posts: NAME [(…)] [ORG…] TITLE [(…)] [겸 [ORG…] TITLE]."""
        j, evidence, extra = after_name(self, sw, name.last + 1)
        if sw.particle(name.last) and j == name.last + 1:
            return None  # the name's own particle ends the phrase (홍길동은)
        if sw.text(j) == "/" and not extra:
            j += 1  # [홍길동 / 가나부 장관 : …], a broadcast caption
        affs, last = self.posts(sw, j, name_size=len(name.text))
        if affs and not evidence and career_before(sw, last) and name.strength < STRONG:
            return None  # 전반기 가나위원장을 지낸 홍길동: the post is the next name's
        if affs and not self._enough(sw, name, evidence or self._info_in(sw, j, last), affs):
            return None
        if affs and len(name.text) == 2 and self._named_after(sw, last):
            return None  # 서산 가나아파트 회장 홍길동 씨: the title is the next name's
        if not affs and not extra:
            affs, last = self._candidate(sw, name, j)
        if not affs and not extra:
            return None
        if affs:
            self._with_left_orgs(sw, name, affs)
        before = self._title_before(sw, name.first)
        sw.used.update(range(name.first, max(last, j - 1, name.last) + 1))
        hit = PersonHit(
            name.text, name.start, name.end, ([before] if before else []) + affs + extra
        )
        return hit

    def _with_left_orgs(self, sw: SentenceWords, name: Named, affs: list[Affiliation]) -> None:
        """The organizations written before the name (ORG NAME TITLE), for the first post."""
        first = affs[0]
        if not first.chain:
            first.chain = self.left_orgs(sw, name.first)
        elif self._party_before(sw, name, affs):
            pass  # 가나당 소속 홍길동 다라시의원: the party besides the council
        elif _unit_of_title(first):
            first.chain = self.left_orgs(sw, name.first) + first.chain  # 본교 홍길동 기획처장
        elif _bare_fragment(sw, first):
            left = self.left_orgs(sw, name.first)  # 가나협회 홍길동 협회장: of 가나협회
            if left and left[-1].surface.replace(" ", "").endswith(first.chain[0].surface):
                first.chain = left

    def _party_before(self, sw: SentenceWords, name: Named, affs: list[Affiliation]) -> bool:
        """A party written before a name whose title names its own organization (가나당 소속
        홍길동 다라시의원): the person's party, a post of its own with no title."""
        left = self.left_orgs(sw, name.first)
        party = [
            o for o in left if o.surface.endswith("당") or sw.lex.org_kind(o.surface) == "other"
        ]
        if len(party) != 1 or len(left) != 1 or not affs[0].chain[0].from_title:
            return False
        affs.append(Affiliation(None, party))
        return True

    def _candidate(self, sw: SentenceWords, name: Named, j: int) -> tuple[list[Affiliation], int]:
        """가나당 홍길동 후보: a candidate of the party written before the name."""
        if j >= sw.n or sw.ws[j].stem not in _CANDIDATE:
            return [], j - 1
        party = [
            o
            for o in self.left_orgs(sw, name.first)
            if sw.lex.org_kind(o.surface) == "other" or o.surface.endswith("당")
        ]
        if not party:
            return [], j - 1
        w = sw.ws[j]
        return [Affiliation(TitleRef(w.stem, w.start, w.start + len(w.stem)), party[-1:])], j

    def _named_after(self, sw: SentenceWords, last: int) -> bool:
        """A name right after the title that ends its phrase there (TITLE NAME 씨)."""
        nxt = last + 1
        found = sw.names[nxt] if nxt < sw.n else None
        return (
            found is not None
            and found.strength >= SHAPED
            and len(found.text) >= 3
            and self._closes(sw, nxt)
        )

    def _enough(
        self, sw: SentenceWords, name: Named, evidence: bool, affs: list[Affiliation]
    ) -> bool:
        """Whether the phrase is evidence enough for a name of this strength: a name MeCab
        reads as a dictionary word needs an age or hanja beside it, or a three-syllable name
        an organization in its post, after the name or before it (한가람 가나연구원장, 가나원
        한가람 원장)."""
        if name.strength >= SHAPED or evidence:
            return True
        if len(name.text) != 3 or name.text.endswith(_GROUP_NOUN_ENDINGS):
            return False
        return bool(affs[0].chain) or any(
            sw.lex.body(o.surface)
            or self.r.orgs.strong_kind(o.surface)
            or self.r.orgs.latin(o.surface)
            for o in self.left_orgs(sw, name.first)
        )

    def _info_in(self, sw: SentenceWords, j: int, last: int) -> bool:
        """An age or a cohort in parentheses inside the phrase (홍길동 부장판사(56·22기))."""
        return any(
            sw.text(k) == "(" and k + 1 < sw.n and sw.ws[k + 1].stem[:1].isdigit()
            for k in range(j, last + 1)
        )

    def posts(
        self, sw: SentenceWords, j: int, stop: int | None = None, name_size: int = 0
    ) -> tuple[list[Affiliation], int]:
        """The posts that start at word ``j``: ``[ORG…] TITLE`` and any second post after it."""
        stop = sw.n if stop is None else stop
        orgs, k = self.chains.chain(sw, j, stop, name_size)
        title, k2 = self.title_at(sw, k, stop, office=not orgs)
        if title is None:
            return [], j - 1
        if title.org and orgs and orgs[-1].surface.replace(" ", "").endswith(title.org.surface):
            # 가나창업대학원 대학원장: the fragment repeats the organization written before it
            title = TitleRef(
                sw.ws[k].stem,
                sw.ws[k].start,
                sw.ws[k].start + len(sw.ws[k].stem),
                None,
                title.former,
            )
        affs = [Affiliation(title, self._needing(orgs, title) + ([title.org] if title.org else []))]
        return affs, self._after_title(sw, k2, affs, stop)

    def _needing(self, orgs: list[OrgRef], title: TitleRef) -> list[OrgRef]:
        """가나 교육장: a head title that names its organization only in a fuller form (교육장 of
        가나교육지원청) takes that form of the organization written before it, if the text
        writes it (kg.orgs drops it otherwise)."""
        rule = self.r.lexicon.heads.get(title.title)
        if (
            not orgs
            or title.org
            or rule is None
            or rule.how != "need"
            or orgs[-1].surface.endswith(rule.fuller)
        ):
            return orgs
        last = orgs[-1]
        fuller = last.surface.replace(" ", "") + rule.fuller
        return orgs[:-1] + [replace(last, surface=fuller, fuller=(fuller,), needs_fuller=True)]

    def title_at(
        self, sw: SentenceWords, k: int, stop: int, office: bool = True
    ) -> tuple[TitleRef | None, int]:
        """The title at word ``k`` with the modifiers after it that are part of it. ``office``:
        a title right after it is the post, in the first one's office (홍길동 장관 비서관); not
        after an organization (홍길동 가나부 장관 비서관 names the minister, whose aide is
        another)."""
        if k >= stop or not sw.titles[k]:
            return None, k
        former = k > 0 and self._former(sw, k - 1)
        office_of = None
        while office and k + 1 < stop and sw.bare(k) and sw.titles[k + 1] and not sw.titles[k].org:
            office_of = sw.titles[
                k
            ].title  # 장관 비서관, 대통령 비서실장: the post is the last title,
            k += 1  # in the office of the first
        t = replace(sw.titles[k], office=office_of) if office_of else sw.titles[k]
        k += 1
        while k < stop and sw.bare(k - 1) and not sw.is_punct(k):
            mod = sw.modifier(k)
            if mod is None or mod.where != "after":
                break
            stem = sw.ws[k].stem
            if stem in _CANDIDATE:  # 가나시장 후보: a candidate, whose post is 후보 of the party
                at = sw.ws[k].start
                t = TitleRef(stem, at, at + len(stem), None, office=t.title, office_org=t.org)
            else:
                t = TitleRef(f"{t.title} {stem}", t.start, sw.ws[k].start + len(stem), t.org)
            k += 1
        return (replace(t, former=True) if former else t), k

    def _former(self, sw: SentenceWords, k: int) -> bool:
        mod = sw.modifier(k)
        return mod is not None and mod.effect == "former"

    def _after_title(self, sw: SentenceWords, k: int, affs: list[Affiliation], stop: int) -> int:
        """What follows the title: ``(ORG [UNIT] [TITLE])``, an age, ``겸 [ORG…] TITLE``."""
        last = k - 1
        if k < stop and sw.text(k) == "(" and sw.bare(last):
            close = sw.close(k)
            if close is not None and close < stop:
                inner_post(self, sw, k + 1, close, affs)
                last, k = close, close + 1
        while k + 1 < stop and (sw.ws[k].stem in _SECOND_POST or sw.particle(last) == "겸"):
            j = k + 1 if sw.ws[k].stem in _SECOND_POST else k
            if sw.names[j] is not None and self.chains.starts_person(sw, j):
                break
            more, end = self.posts(sw, j, stop)
            if not more:
                break
            affs.extend(_under(more, affs[0]))
            last, k = end, end + 1
        return last

    # ---- ORG NAME TITLE and ORG TITLE NAME --------------------------------------------
    def _title_before(self, sw: SentenceWords, i: int) -> Affiliation | None:
        """The title right before a name ([ORG…] TITLE NAME), with its modifiers, or None."""
        k = i - 1
        joined: list[str] = []
        while (
            k >= 0 and sw.bare(k) and (mod := sw.modifier(k)) is not None and mod.where == "after"
        ):
            joined.insert(0, sw.ws[k].stem)
            k -= 1
        if k < 0 or k in sw.used or not sw.titles[k] or not (sw.bare(k) or sw.particle(k) in _WAS):
            return None
        t = sw.titles[k]
        if joined:
            t = TitleRef(" ".join([t.title, *joined]), t.start, sw.ws[i - 1].end, t.org)
        if (k > 0 and self._former(sw, k - 1)) or sw.particle(k) in _WAS[:-2]:
            t = replace(t, former=True)
        chain = self.left_orgs(sw, k - (1 if t.former else 0)) + ([t.org] if t.org else [])
        sw.used.update(range(k - len(chain) + (1 if t.org else 0), i))
        return Affiliation(t, chain)

    def _titled_before(self, sw: SentenceWords, name: Named) -> PersonHit | None:
        """ORG TITLE NAME: 가나시 경제부시장 김철수, ▲ 미래정책실장 김철수, 가나청 국장 김철수
        씨."""
        if name.strength < SHAPED or (name.strength == SHAPED and not self._closes(sw, name.last)):
            return None
        k = name.first - 1
        if k < 0 or k in sw.used or not (sw.titles[k] or sw.modifier(k)):
            return None
        used = set(sw.used)
        before = self._title_before(sw, name.first)
        if before is None:
            return None
        titled = name.last + 1 < sw.n and sw.ws[name.last + 1].stem in SSI  # 간호사 홍길동 씨
        if name.strength == SHAPED and not titled and not self._clean_start(sw, before):
            sw.used = used  # the title is left to the other readings of the name
            return None
        last = (
            name.last + 1
            if name.last + 1 < sw.n and sw.ws[name.last + 1].stem in SSI
            else name.last
        )
        sw.used.update(range(name.first, last + 1))
        return PersonHit(name.text, name.start, name.end, [before])

    def _clean_start(self, sw: SentenceWords, before: Affiliation) -> bool:
        """The title phrase starts the sentence, follows punctuation (▲ 대변인 홍길동) or has an
        organization (가나청 국장 홍길동): a name MeCab does not know is believed there."""
        if before.chain:
            return True
        k = next(
            i
            for i, w in enumerate(sw.ws)
            if w.start == before.title.start or w.end >= before.title.end
        )
        while k > 0 and sw.modifier(k - 1) is not None:
            k -= 1
        return k == 0 or sw.is_punct(k - 1)

    def _closes(self, sw: SentenceWords, k: int) -> bool:
        """The name ends its phrase: a particle, punctuation, the sentence's end or 씨 follows."""
        nxt = k + 1
        return bool(sw.particle(k)) or nxt >= sw.n or sw.is_punct(nxt) or sw.ws[nxt].stem in SSI


def _bare_fragment(sw: SentenceWords, aff: Affiliation) -> bool:
    """The post's organization is an ending alone fused into its title (협회장: 협회)."""
    return (
        len(aff.chain) == 1
        and aff.chain[0].from_title
        and aff.chain[0].surface in sw.lex.org_endings.entries
    )


def _unit_of_title(aff: Affiliation) -> bool:
    """The post's organization is only the unit fused into its title (기획처장: 기획처)."""
    return len(aff.chain) == 1 and aff.chain[0].from_title and is_unit(aff.chain[0].surface)


def _under(more: list[Affiliation], first: Affiliation) -> list[Affiliation]:
    """가나대 부총장 겸 산학협력단장: a unit named in a second post is of the first post's
    organization."""
    top = [o for o in first.chain if not is_unit(o.surface)][:1]
    for aff in more:
        if (
            top
            and len(aff.chain) == 1
            and aff.chain[0].from_title
            and is_unit(aff.chain[0].surface)
        ):
            aff.chain = top + aff.chain
    return more
