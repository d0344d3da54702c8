"""Where people are recognised in a sentence: a name with the titles and organizations around it.

Orders covered (KOREAN_FORMS §1, §4, §7, §9): ``NAME TITLE``, ``NAME ORG TITLE``, ``ORG NAME
TITLE``, ``ORG TITLE NAME``, ``NAME TITLE(ORG [UNIT] [TITLE])``, ``ORG(TITLE NAME)``,
``NAME(ORG TITLE)``, ``NAME TITLE 겸 TITLE``, modifiers around the title (전 장관, 청장 직무대리),
an age, a cohort or hanja in parentheses after the name, names written together with what
follows them (홍길동기자, 홍길동위원장, 홍길동한빛대학교), foreign names in Hangul, ``NAME 씨``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.nlp.hits import Affiliation, OrgRef, PersonHit, SentenceHits, TitleRef
from kg.nlp.names import COMMON, SHAPED, STRONG
from kg.nlp.organizations import LEGAL_FORMS, is_unit
from kg.nlp.parens import after_name, inner_post
from kg.nlp.sentence import Readers, SentenceWords

# Words after a name that show a person without giving a post (KOREAN_FORMS §7).
_SSI = ("씨", "님", "군", "양", "여사", "옹", "학생")
# Endings of common nouns for people or groups, never of a name read as a dictionary word.
_GROUP_NOUN_ENDINGS = ("자", "가", "단", "들", "측", "팀", "진", "원", "인", "생")
_SECOND_POST = ("겸", "및")
_ENVOY = ("주", "駐")
_ANAPHORS = ("시", "도", "군", "구")
_CANDIDATE = ("후보", "예비후보", "후보자")
_BELONGS = ("소속", "출신")
# A title before a name with the copula: 지사였던 홍길동 (a former post), 위원장인 홍길동.
_WAS = ("였던", "이었던", "이던", "던", "인", "이자")


def _bare_ending(sw: SentenceWords, word: str) -> bool:
    """The word is an organization's ending alone (대표부, 사무소, 지부), which names one only
    with what is written before it."""
    found = sw.lex.org_ending(word)
    return found is not None and found[0] == word and len(word) >= 2


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

    def read(self, sw: SentenceWords, hits: SentenceHits) -> None:
        self._org_then_person(sw, hits)
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
        if sw.bare(i) and i + 1 < sw.n and names.foreign_first(w.stem, w.start, sw.index):
            nxt = sw.ws[i + 1]
            if not nxt.punct and not sw.glued(i, i + 1) and names.foreign_last(nxt.stem):
                if not sw.titles[i + 1] and not sw.org(i + 1, strict=True) and not sw.place(i + 1):
                    return Named(w.text + " " + nxt.stem, w.start, STRONG, i, i + 1)
        found = sw.names[i]
        if found is not None:
            return Named(found.text, found.start, found.strength, i, i)
        return None

    def _person_at(self, sw: SentenceWords, i: int) -> PersonHit | None:
        fused = self._fused(sw, i)
        if fused is not None:
            return fused
        name = self.name_at(sw, i)
        if name is None:
            return None
        return self._named_before(sw, name) or self._titled_before(sw, name) or self._ssi(sw, name)

    # ---- NAME [ORG...] TITLE ----------------------------------------------------------
    def _named_before(self, sw: SentenceWords, name: Named) -> PersonHit | None:
        """The name followed by its posts: NAME [(…)] [ORG…] TITLE [(…)] [겸 [ORG…] TITLE]."""
        j, evidence, extra = after_name(self, sw, name.last + 1)
        if sw.particle(name.last) and j == name.last + 1:
            return None  # the name's own particle ends the phrase (홍길동은)
        if sw.text(j) == "/" and not extra:
            j += 1  # [홍길동 / 가나부 장관 : …], a broadcast caption
        affs, last = self.posts(sw, j, name_size=len(name.text))
        if affs and not self._enough(sw, name, evidence or self._info_in(sw, j, last), affs):
            return None
        if affs and len(name.text) == 2 and self._named_after(sw, last):
            return None  # 서산 가나아파트 회장 홍길동 씨: the title is the next name's
        if not affs and not extra:
            affs, last = self._candidate(sw, name, j)
        if not affs and not extra:
            return None
        if affs and not affs[0].chain:
            affs[0].chain = self.left_orgs(sw, name.first)
        before = self._title_before(sw, name.first)
        sw.used.update(range(name.first, max(last, j - 1, name.last) + 1))
        hit = PersonHit(name.text, name.start, name.end, ([before] if before else []) + affs + extra)
        return hit

    def _candidate(self, sw: SentenceWords, name: Named, j: int) -> tuple[list[Affiliation], int]:
        """가나당 홍길동 후보: a candidate of the party written before the name."""
        if j >= sw.n or sw.ws[j].stem not in _CANDIDATE:
            return [], j - 1
        party = [o for o in self.left_orgs(sw, name.first) if sw.lex.org_kind(o.surface) == "other" or o.surface.endswith("당")]
        if not party:
            return [], j - 1
        w = sw.ws[j]
        return [Affiliation(TitleRef(w.stem, w.start, w.start + len(w.stem)), party[-1:])], j

    def _named_after(self, sw: SentenceWords, last: int) -> bool:
        """A name right after the title that ends its phrase there (TITLE NAME 씨)."""
        nxt = last + 1
        found = sw.names[nxt] if nxt < sw.n else None
        return found is not None and found.strength >= SHAPED and len(found.text) >= 3 and self._closes(sw, nxt)

    def _enough(self, sw: SentenceWords, name: Named, evidence: bool, affs: list[Affiliation]) -> bool:
        """Whether the phrase is evidence enough for a name of this strength: a name MeCab
        reads as a dictionary word needs an age or hanja beside it, or a three-syllable name
        an organization in its post (한가람 가나연구원장)."""
        if name.strength >= SHAPED or evidence:
            return True
        return len(name.text) == 3 and bool(affs[0].chain) and not name.text.endswith(_GROUP_NOUN_ENDINGS)

    def _info_in(self, sw: SentenceWords, j: int, last: int) -> bool:
        """An age or a cohort in parentheses inside the phrase (홍길동 부장판사(56·22기))."""
        return any(sw.text(k) == "(" and k + 1 < sw.n and sw.ws[k + 1].stem[:1].isdigit() for k in range(j, last + 1))

    def posts(self, sw: SentenceWords, j: int, stop: int | None = None, name_size: int = 0) -> tuple[list[Affiliation], int]:
        """The posts that start at word ``j``: ``[ORG…] TITLE`` and any second post after it."""
        stop = sw.n if stop is None else stop
        orgs, k = self.chain(sw, j, stop, name_size)
        title, k2 = self.title_at(sw, k, stop, office=not orgs)
        if title is None:
            return [], j - 1
        if title.org and orgs and orgs[-1].surface.replace(" ", "").endswith(title.org.surface):
            # 가나창업대학원 대학원장: the fragment repeats the organization written before it
            title = TitleRef(sw.ws[k].stem, sw.ws[k].start, sw.ws[k].start + len(sw.ws[k].stem), None, title.former)
        affs = [Affiliation(title, self._needing(orgs, title) + ([title.org] if title.org else []))]
        return affs, self._after_title(sw, k2, affs, stop)

    def chain(self, sw: SentenceWords, j: int, stop: int, name_size: int = 0) -> tuple[list[OrgRef], int]:
        """The organization words from ``j`` up to a title (at most four), places folded in.
        ``name_size``: the length of the name the phrase follows (0: none)."""
        orgs: list[OrgRef] = []
        places: list[int] = []
        while j < stop and len(orgs) < 4 and not sw.titles[j]:
            if sw.is_punct(j):
                if not self._alias(sw, j, orgs):
                    break
                j = sw.close(j) + 1
                continue
            mod = sw.modifier(j)
            if mod is not None and mod.where == "before" and sw.bare(j):
                j += 2 if sw.ws[j].stem in _ENVOY and j + 1 < stop and not sw.titles[j + 1] else 1
                continue  # 전 장관; 주 말레이시아 대사: the country an envoy is sent to
            if sw.ws[j].text in _ANAPHORS and j + 1 < stop and sw.titles[j + 1]:
                j += 1  # 홍길동 시 교육감: the city the text is about, left to kg.nlp.context
                continue
            if not sw.bare(j) or self._starts_person(sw, j, name_size):
                break
            if sw.place(j) or sw.district(j) or (j + 1 < stop and sw.district(j + 1)) or self._region_of_next(sw, j):
                places.append(j)  # 미국, 서울; 남양주병 and the 경기 before it: places, not organizations
                j += 1
                continue
            o = self.loose_org(sw, j)
            if o is None:
                break
            orgs.append(self._with_places(sw, places, o))
            places = []
            j += 1
        return self._local_association(sw, self._qualified(sw, orgs)), j

    def _local_association(self, sw: SentenceWords, orgs: list[OrgRef]) -> list[OrgRef]:
        """아산시 지역사회보장협의체, 울산 남구 소상공인연합회: an association of a place is one
        organization named with the place, not a unit of its government."""
        if len(orgs) < 2:
            return orgs
        first, second = orgs[-2], orgs[-1]
        body = sw.lex.body(first.surface.split(" ")[-1])
        local = body is not None and body.kind == "government" and body.name.endswith(("시", "군", "구", "도"))
        kind = sw.lex.org_kind(second.surface)
        if not local or kind not in ("association", "other") or is_unit(second.surface) and kind != "association":
            return orgs
        merged = replace(second, surface=first.surface + " " + second.surface, start=first.start)
        return orgs[:-2] + [merged]

    def _region_of_next(self, sw: SentenceWords, j: int) -> bool:
        """경기 수원시장, 경북 가나군: a province written before one of its cities or counties is
        where it is, not a second organization."""
        body = sw.lex.body(sw.ws[j].stem)
        if body is None or body.kind != "government" or not body.name.endswith("도") or j + 1 >= sw.n:
            return False
        nxt = sw.titles[j + 1].org if sw.titles[j + 1] else sw.org(j + 1, strict=True)
        return nxt is not None and nxt.surface.endswith(("시", "군", "구")) and sw.lex.body(nxt.surface) is not body

    def _qualified(self, sw: SentenceWords, orgs: list[OrgRef]) -> list[OrgRef]:
        """주제네바 대표부, 국가공무원 인재개발원: a word that is no organization by itself written
        before one that is (or before a bare ending such as 대표부, 사무소) is part of its name."""
        if len(orgs) >= 2 and orgs[0].surface in LEGAL_FORMS:  # 사단법인 가나회: one name
            merged = replace(orgs[1], surface=orgs[0].surface + " " + orgs[1].surface, start=orgs[0].start)
            return [merged] + orgs[2:]
        if len(orgs) < 2 or sw.lex.body(orgs[0].surface) or self.r.orgs.strong_kind(orgs[0].surface):
            return orgs
        second = orgs[1].surface
        if not (sw.lex.body(second) or self.r.orgs.strong_kind(second) or _bare_ending(sw, second)):
            return orgs
        if sw.lex.org_ending(orgs[0].surface) or self.r.orgs.latin(orgs[0].surface):
            return orgs
        merged = replace(orgs[1], surface=orgs[0].surface + " " + second, start=orgs[0].start)
        return [merged] + orgs[2:]

    def _needing(self, orgs: list[OrgRef], title: TitleRef) -> list[OrgRef]:
        """가나 교육장: a head title that names its organization only in a fuller form (교육장 of
        가나교육지원청) takes that form of the organization written before it, if the text
        writes it (kg.orgs drops it otherwise)."""
        rule = self.r.lexicon.heads.get(title.title)
        if not orgs or title.org or rule is None or rule.how != "need" or orgs[-1].surface.endswith(rule.fuller):
            return orgs
        last = orgs[-1]
        fuller = last.surface.replace(" ", "") + rule.fuller
        return orgs[:-1] + [replace(last, surface=fuller, fuller=(fuller,), needs_fuller=True)]

    def _alias(self, sw: SentenceWords, j: int, orgs: list[OrgRef]) -> bool:
        """중소벤처기업부(이하 중기부), 가나대(가나대학교): another form of the organization
        before, in parentheses."""
        close = sw.close(j) if sw.text(j) == "(" else None
        if not orgs or close is None:
            return False
        inner = [sw.ws[k] for k in range(j + 1, close)]
        if len(inner) == 2 and inner[0].stem == "이하":
            orgs[-1].alias = inner[1].stem
            return True
        if len(inner) == 1 and not inner[0].punct and not re.search(r"\d", inner[0].stem) and not sw.titles[j + 1]:
            orgs[-1].alias = inner[0].stem
            return True
        return False

    def _with_places(self, sw: SentenceWords, places: list[int], o: OrgRef) -> OrgRef:
        """울산 남구, 서울 구로구: a place written before an organization is part of its name
        (not before a national body: 서울 경찰청 is the 경찰청)."""
        body = self.r.lexicon.body(o.surface)
        if not places or (body is not None and not body.name.endswith(("시", "군", "구"))):
            return o
        first = sw.ws[places[0]]
        surface = " ".join(sw.ws[p].stem for p in places) + " " + o.surface
        return replace(o, surface=surface, start=first.start)

    def _starts_person(self, sw: SentenceWords, j: int, name_size: int = 0) -> bool:
        """Word ``j`` opens the next person's phrase (a name right before a title); but in
        NAME WORD TITLE a two-syllable WORD after a three-syllable name is the organization
        (김철수 가나 회장)."""
        found = sw.names[j]
        if found is None or found.strength < SHAPED or j + 1 >= sw.n or not sw.titles[j + 1]:
            return False
        if name_size == 3 and len(found.text) == 2:
            return False
        if name_size and self.r.lexicon.org_ending(found.text):
            return False  # 홍길동 고용부 장관: after a name, an organization's shape is one
        return len(found.text) == 3 or found.strength == STRONG

    def loose_org(self, sw: SentenceWords, j: int) -> OrgRef | None:
        """An organization word inside a person phrase: any noun may be one (카카오, 한빛테크)."""
        strict = sw.org(j, strict=True)
        if strict is not None:
            return strict
        w = sw.ws[j]
        ending = self.r.lexicon.org_ending(w.stem)
        named = self.r.orgs.latin(w.stem) or sw.nounish(j) or is_unit(w.stem) or (ending is not None and len(ending[0]) >= 2)
        if not named and j + 1 < sw.n and sw.titles[j + 1] and (sw.ends_in_noun(j) or (ending and len(w.stem) >= 3)):
            named = True  # 함께가는가나변호사들 공동대표, 가나보건대 총장: however MeCab reads it
        if named:
            if self.r.names.excluded(w.stem) and not self.r.lexicon.org_ending(w.stem):
                return None
            return sw.org(j, strict=False)
        return None

    def title_at(self, sw: SentenceWords, k: int, stop: int, office: bool = True) -> tuple[TitleRef | None, int]:
        """The title at word ``k`` with the modifiers after it that are part of it. ``office``:
        a title right after it is the post, in the first one's office (홍길동 장관 비서관); not
        after an organization (홍길동 가나부 장관 비서관 names the minister, whose aide is another)."""
        if k >= stop or not sw.titles[k]:
            return None, k
        former = k > 0 and self._former(sw, k - 1)
        office_of = None
        while office and k + 1 < stop and sw.bare(k) and sw.titles[k + 1] and not sw.titles[k].org:
            office_of = sw.titles[k].title  # 장관 비서관, 대통령 비서실장: the post is the last title,
            k += 1  # in the office of the first
        t = replace(sw.titles[k], office=office_of) if office_of else sw.titles[k]
        k += 1
        while k < stop and sw.bare(k - 1) and not sw.is_punct(k):
            mod = sw.modifier(k)
            if mod is None or mod.where != "after":
                break
            stem = sw.ws[k].stem
            if stem in _CANDIDATE:  # 가나시장 후보: a candidate, whose post is 후보 of the party
                t = TitleRef(stem, sw.ws[k].start, sw.ws[k].start + len(stem), None, office=t.title)
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
            if sw.names[j] is not None and self._starts_person(sw, j):
                break
            more, end = self.posts(sw, j, stop)
            if not more:
                break
            affs.extend(more)
            last, k = end, end + 1
        return last

    # ---- ORG NAME TITLE and ORG TITLE NAME --------------------------------------------
    def left_orgs(self, sw: SentenceWords, i: int) -> list[OrgRef]:
        """The organizations written before word ``i`` (ORG NAME TITLE), outermost first."""
        k = i - 1
        chain: list[OrgRef] = []
        if k >= 0 and sw.ws[k].stem in _BELONGS:
            k -= 1  # 가나당 소속(의) 홍길동 의원
        k = self._skip_alias(sw, k)
        while k >= 0 and k not in sw.used and sw.bare(k) and len(chain) < 3:
            o = sw.org(k, strict=True) or self._opening_org(sw, k, chain)
            if o is None:
                if chain and sw.place(k):
                    chain[0] = replace(chain[0], surface=sw.ws[k].stem + " " + chain[0].surface,
                                       start=sw.ws[k].start)
                    k -= 1
                    continue
                break
            chain.insert(0, o)
            k -= 1
        return self._local_association(sw, self._qualified(sw, chain))

    def _skip_alias(self, sw: SentenceWords, k: int) -> int:
        """가나당(현 다라당) 홍길동: an organization's other name in parentheses before a name."""
        if sw.text(k) != ")":
            return k
        opening = next((j for j in range(k - 1, max(-1, k - 5), -1) if sw.text(j) == "("), None)
        if opening is None or opening == 0 or not sw.org(opening - 1, strict=True):
            return k
        return opening - 1

    def _opening_org(self, sw: SentenceWords, k: int, chain: list[OrgRef]) -> OrgRef | None:
        """A bare noun opening the phrase (최우수상은 가나테크 김철수 대표) or a unit after its
        organization (가나부 미래정책과 김철수 과장)."""
        if chain:
            return None
        w = sw.ws[k]
        if is_unit(w.stem) and k > 0 and sw.org(k - 1, strict=True):
            return sw.org(k, strict=False)
        opening = k == 0 or sw.is_punct(k - 1) or not sw.bare(k - 1)
        if opening and (sw.nounish(k) or self.r.orgs.latin(w.stem)) and not sw.titles[k] and not sw.names[k]:
            if sw.place(k) or sw.modifier(k):
                return None
            return sw.org(k, strict=False)
        return None

    def _title_before(self, sw: SentenceWords, i: int) -> Affiliation | None:
        """The title right before a name ([ORG…] TITLE NAME), with its modifiers, or None."""
        k = i - 1
        joined: list[str] = []
        while k >= 0 and sw.bare(k) and (mod := sw.modifier(k)) is not None and mod.where == "after":
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
        """ORG TITLE NAME: 가나시 경제부시장 김철수, ▲ 미래정책실장 김철수, 가나청 국장 김철수 씨."""
        if name.strength < SHAPED or (name.strength == SHAPED and not self._closes(sw, name.last)):
            return None
        k = name.first - 1
        if k < 0 or k in sw.used or not (sw.titles[k] or sw.modifier(k)):
            return None
        before = self._title_before(sw, name.first)
        if before is None:
            return None
        if name.strength == SHAPED and not self._clean_start(sw, before):
            return None
        last = name.last + 1 if name.last + 1 < sw.n and sw.ws[name.last + 1].stem in _SSI else name.last
        sw.used.update(range(name.first, last + 1))
        return PersonHit(name.text, name.start, name.end, [before])

    def _clean_start(self, sw: SentenceWords, before: Affiliation) -> bool:
        """The title phrase starts the sentence, follows punctuation (▲ 대변인 홍길동) or has an
        organization (가나청 국장 홍길동): a name MeCab does not know is believed there."""
        if before.chain:
            return True
        k = next(i for i, w in enumerate(sw.ws) if w.start == before.title.start or w.end >= before.title.end)
        while k > 0 and sw.modifier(k - 1) is not None:
            k -= 1
        return k == 0 or sw.is_punct(k - 1)

    def _closes(self, sw: SentenceWords, k: int) -> bool:
        """The name ends its phrase: a particle, punctuation, the sentence's end or 씨 follows."""
        nxt = k + 1
        return bool(sw.particle(k)) or nxt >= sw.n or sw.is_punct(nxt) or sw.ws[nxt].stem in _SSI

    # ---- NAME 씨, 홍길동기자 --------------------------------------------------------------
    def _ssi(self, sw: SentenceWords, name: Named) -> PersonHit | None:
        """가나전자 김철수 씨: a person named without a title."""
        j = name.last + 1
        if name.strength < SHAPED or not sw.bare(name.last) or j >= sw.n or sw.ws[j].stem not in _SSI:
            return None
        sw.used.update(range(name.first, j + 1))
        orgs = [o for o in self.left_orgs(sw, name.first) if sw.lex.body(o.surface) or self.r.orgs.strong_kind(o.surface)]
        return PersonHit(name.text, name.start, name.end, [Affiliation(None, orgs)])

    def _fused(self, sw: SentenceWords, i: int) -> PersonHit | None:
        """A name written together with 기자, 씨, a title or an organization."""
        w = sw.ws[i]
        if w.punct or sw.names[i] is not None:
            return None
        found = self.r.names.fused(w.stem, w.start, sw.index)
        if found is None:
            return None
        name, rest = found
        at = w.start + len(name.text)
        hit = PersonHit(name.text, name.start, name.end)
        if rest == "기자":
            hit.role = "byline"
            hit.affiliations.append(Affiliation(TitleRef("기자", at, at + 2)))
        elif rest in _SSI:
            hit.affiliations.append(Affiliation(None, self.left_orgs(sw, i)))
        else:
            hit.affiliations = self._fused_posts(sw, i, rest, at)
        sw.used.add(i)
        return hit

    def _fused_posts(self, sw: SentenceWords, i: int, rest: str, at: int) -> list[Affiliation]:
        """홍길동위원장 [(…)], 홍길동한빛대학교 교수: the rest of the word starts the posts."""
        title = self.r.titles.read(rest, at)
        if title is not None:
            affs = [Affiliation(title, self.left_orgs(sw, i) + ([title.org] if title.org else []))]
            sw.used.add(i)
            return affs
        org = self.r.orgs.read(rest, at, strict=False)
        t, k = self.title_at(sw, i + 1, sw.n)
        if t is None:
            return [Affiliation(None, [org] if org else [])]
        sw.used.update(range(i, k))
        return [Affiliation(t, ([org] if org else []) + ([t.org] if t.org else []))]

    # ---- ORG(TITLE NAME) --------------------------------------------------------------
    def _org_then_person(self, sw: SentenceWords, hits: SentenceHits) -> None:
        """가나대학교(총장 김철수), 가나부(장관 김철수) ...: the title and the name in parentheses."""
        for k in range(sw.n - 4):
            if sw.text(k + 1) != "(" or not sw.titles[k + 2] or k + 3 in sw.used:
                continue
            close = sw.close(k + 1)
            name = self.name_at(sw, k + 3)
            org = sw.org(k, strict=False) if sw.bare(k) or sw.glued(k, k + 1) else None
            if close is None or name is None or org is None or name.strength < COMMON:
                continue
            chain = self.left_orgs(sw, k) + [org]
            t = sw.titles[k + 2]
            affs = [Affiliation(t, chain + ([t.org] if t.org else []))]
            more, _ = self.posts(sw, name.last + 1, close)
            if not more and sw.text(name.last + 1) == ",":
                more, _ = self.posts(sw, name.last + 2, close)
            hits.persons.append(PersonHit(name.text, name.start, name.end, affs + more))
            sw.used.update(range(k, close + 1))


def nameless_posts(sw: SentenceWords, hits: SentenceHits) -> None:
    """``가나공사 초대 상임이사 6명``: a title after an organization with no name, which tells
    kg.nlp.context whose that title is in this text."""
    for k in range(1, sw.n):
        t = sw.titles[k]
        if t is None or k in sw.used:
            continue
        j = k - 1
        while j > 0 and sw.modifier(j) is not None and sw.bare(j):
            j -= 1
        org = sw.org(j, strict=True) if j not in sw.used and sw.bare(j) else None
        if org is not None:
            hits.posts.append(Affiliation(t, [org] + ([t.org] if t.org else [])))


def short_mentions(sw: SentenceWords, hits: SentenceHits) -> None:
    """김 단장, 윤 의원, 최 전 차장, 이 내정자: a surname and a title, resolved in kg.facts to the
    one person of the release with that surname and title."""
    surnames = sw.lex.surnames
    for k in range(sw.n - 1):
        s = sw.ws[k].stem
        if len(s) > 2 or s not in surnames or sw.ws[k].text != s:
            continue
        j = k + 1
        if sw.modifier(j) is not None and sw.modifier(j).effect == "former" and j + 1 < sw.n:
            j += 1
        t = sw.titles[j]
        mod = sw.modifier(j)
        if t is None and mod is not None and mod.effect == "join":
            t = TitleRef(sw.ws[j].stem, sw.ws[j].start, sw.ws[j].start + len(sw.ws[j].stem))
        if t is not None and not t.org:
            hits.short_mentions.append((s, t, sw.ws[k].start))


_HANJA_SURNAME = re.compile(r"[\u4e00-\u9fff]")
