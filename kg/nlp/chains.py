"""The organization words of a person phrase: the chain between a name and its title
(``홍길동 가나부 미래정책과 과장``), the organizations written before a name (``가나공사 홍길동
사장``), with what is part of their names (places, legal forms, qualifiers) and what is not
(a region before its county, an envoy's country, an electoral district) (KOREAN_FORMS §1, §10)."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.nlp.hits import OrgRef
from kg.nlp.names import SHAPED, STRONG
from kg.nlp.organizations import LEGAL_FORMS, is_unit
from kg.nlp.sentence import ANAPHORS, Readers, SentenceWords

_ENVOY = ("주", "駐")
_ANAPHORS = ANAPHORS
_BELONGS = ("소속", "출신")
# Nouns of a kind of body written before one's name (바이오기업 가나, 시민단체 다라).
_KIND_NOUNS = ("기업", "업체", "회사", "스타트업", "단체", "법인", "기관")


def _bare_ending(sw: SentenceWords, word: str) -> bool:
    """The word is an organization's ending alone (대표부, 사무소, 지부), which names one only
    with what is written before it."""
    found = sw.lex.org_ending(word)
    return found is not None and found[0] == word and len(word) >= 2


class OrgChains:
    """Reads the organization words around a name."""

    def __init__(self, readers: Readers) -> None:
        self.r = readers

    def chain(
        self, sw: SentenceWords, j: int, stop: int, name_size: int = 0
    ) -> tuple[list[OrgRef], int]:
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
            skip = self._skipped(sw, j, stop)
            if skip:
                j += skip
                continue
            if not sw.bare(j) or self.starts_person(sw, j, name_size):
                break
            if (
                sw.place(j)
                or sw.district(j)
                or (j + 1 < stop and sw.district(j + 1))
                or self._region_of_next(sw, j)
            ):
                places.append(
                    j
                )  # 미국, 서울; 남양주병 and the 경기 before it: places, not organizations
                j += 1
                continue
            latin = sw.latin_name(j)
            if latin is not None and latin[1] < stop:  # 홍길동 Acme Health Korea 대표
                orgs.append(latin[0])
                places, j = [], latin[1] + 1
                if sw.bare(latin[1]):
                    continue
                break
            o = self.loose_org(sw, j)
            if o is None:
                break
            orgs.append(self._with_places(sw, places, o))
            places = []
            j += 1
        return self._local_association(sw, self._qualified(sw, orgs)), j

    def _skipped(self, sw: SentenceWords, j: int, stop: int) -> int:
        """How many words from ``j`` a chain passes over: a modifier (전 장관), with the
        country after 주 (주 말레이시아 대사), or the anaphor of the city the text is about
        before a title (홍길동 시 교육감, left to kg.nlp.context)."""
        mod = sw.modifier(j)
        if mod is not None and mod.where == "before" and sw.bare(j):
            return 2 if sw.ws[j].stem in _ENVOY and j + 1 < stop and not sw.titles[j + 1] else 1
        if sw.ws[j].text in _ANAPHORS and j + 1 < stop and sw.titles[j + 1]:
            return 1
        return 0

    def _local_association(self, sw: SentenceWords, orgs: list[OrgRef]) -> list[OrgRef]:
        """아산시 지역사회보장협의체, 울산 남구 소상공인연합회: an association of a place is one
        organization named with the place, not a unit of its government."""
        if len(orgs) < 2:
            return orgs
        first, second = orgs[-2], orgs[-1]
        body = sw.lex.body(first.surface.split(" ")[-1])
        local = (
            body is not None
            and body.kind == "government"
            and body.name.endswith(("시", "군", "구", "도"))
        )
        kind = sw.lex.org_kind(second.surface)
        if (
            not local
            or kind not in ("association", "other")
            or is_unit(second.surface)
            and kind != "association"
        ):
            return orgs
        merged = replace(second, surface=first.surface + " " + second.surface, start=first.start)
        return orgs[:-2] + [merged]

    def _region_of_next(self, sw: SentenceWords, j: int) -> bool:
        """경기 수원시장, 경북 가나군: a province written before one of its cities or counties is
        where it is, not a second organization."""
        body = sw.lex.body(sw.ws[j].stem)
        if (
            body is None
            or body.kind != "government"
            or not body.name.endswith("도")
            or j + 1 >= sw.n
        ):
            return False
        nxt = sw.titles[j + 1].org if sw.titles[j + 1] else sw.org(j + 1, strict=True)
        return (
            nxt is not None
            and nxt.surface.endswith(("시", "군", "구"))
            and sw.lex.body(nxt.surface) is not body
        )

    def _qualified(self, sw: SentenceWords, orgs: list[OrgRef]) -> list[OrgRef]:
        """주제네바 대표부, 국가공무원 인재개발원: a word that is no organization by itself written
        before one that is (or before a bare ending such as 대표부, 사무소) is part of its name."""
        if len(orgs) >= 2 and orgs[0].surface in LEGAL_FORMS:  # 사단법인 가나회: one name
            merged = replace(
                orgs[1], surface=orgs[0].surface + " " + orgs[1].surface, start=orgs[0].start
            )
            return [merged] + orgs[2:]
        if (
            len(orgs) < 2
            or sw.lex.body(orgs[0].surface)
            or self.r.orgs.strong_kind(orgs[0].surface)
        ):
            return orgs
        second = orgs[1].surface
        if not (sw.lex.body(second) or self.r.orgs.strong_kind(second) or _bare_ending(sw, second)):
            return orgs
        if sw.lex.org_ending(orgs[0].surface) or self.r.orgs.latin(orgs[0].surface):
            return orgs
        merged = replace(orgs[1], surface=orgs[0].surface + " " + second, start=orgs[0].start)
        return [merged] + orgs[2:]

    def _alias(self, sw: SentenceWords, j: int, orgs: list[OrgRef]) -> bool:
        """중소벤처기업부(이하 중기부), 가나대(가나대학교): another form of the organization
        before, in parentheses."""
        close = sw.close(j) if sw.text(j) == "(" else None
        if not orgs or close is None:
            return False
        inner = [sw.ws[k] for k in range(j + 1, close)]
        if len(inner) == 1 and re.fullmatch(r"\d{6}|[A-Z]{2,5}:?\d*", inner[0].stem):
            return True  # 가나전자(005930): a stock code
        if len(inner) == 2 and inner[0].stem == "이하":
            orgs[-1].alias = inner[1].stem
            return True
        if (
            len(inner) == 1
            and not inner[0].punct
            and not re.search(r"\d", inner[0].stem)
            and not sw.titles[j + 1]
        ):
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

    def starts_person(self, sw: SentenceWords, j: int, name_size: int = 0) -> bool:
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
        named = (
            self.r.orgs.latin(w.stem)
            or sw.nounish(j)
            or is_unit(w.stem)
            or (ending is not None and len(ending[0]) >= 2)
        )
        if (
            not named
            and j + 1 < sw.n
            and sw.titles[j + 1]
            and (sw.ends_in_noun(j) or (ending and len(w.stem) >= 3))
        ):
            named = True  # 함께가는가나변호사들 공동대표, 가나보건대 총장: however MeCab reads it
        if named:
            if self.r.names.excluded(w.stem) and not self.r.lexicon.org_ending(w.stem):
                return None
            return sw.org(j, strict=False)
        return None

    def left_orgs(self, sw: SentenceWords, i: int) -> list[OrgRef]:
        """The organizations written before word ``i`` (ORG NAME TITLE), outermost first."""
        k = i - 1
        chain: list[OrgRef] = []
        if k >= 0 and sw.ws[k].stem in _BELONGS:
            k -= 1  # 가나당 소속(의) 홍길동 의원
        k = self._skip_alias(sw, k)
        if k >= 0 and k not in sw.used and sw.particle(k) == "의":
            # 가나연구원의 홍길동 연구위원, Blue Harbor Group의 홍길동 부사장
            o = self._latin_run(sw, k) or sw.org(k, strict=True)
            if o is None:
                return chain
            chain.insert(0, o)
            k -= len(o.surface.split(" "))
        while k >= 0 and k not in sw.used and sw.bare(k) and len(chain) < 3:
            own = sw.self_org(k)
            if own is not None:  # 우리 대학 홍길동 총장: the body whose page this is
                chain.insert(0, own[0])
                k = own[1] - 1
                continue
            latin = self._latin_run(sw, k)
            if latin is not None:  # LG Energy Solution 홍길동 대표: an English name is one
                chain.insert(0, latin)
                k -= len(latin.surface.split(" "))
                continue
            o = sw.org(k, strict=True) or self._opening_org(sw, k, chain)
            if o is None and chain and sw.ws[k].stem in LEGAL_FORMS:
                o = sw.org(k, strict=False)  # 법무법인 가나 홍길동 변호사: one name (_qualified)
            if o is None:
                if chain and sw.place(k) and not self.r.orgs.latin(chain[0].surface.split(" ")[0]):
                    chain[0] = replace(
                        chain[0],
                        surface=sw.ws[k].stem + " " + chain[0].surface,
                        start=sw.ws[k].start,
                    )
                    k -= 1
                    continue
                break
            chain.insert(0, o)
            k -= 1
        return self._local_association(sw, self._qualified(sw, chain))

    def _latin_run(self, sw: SentenceWords, k: int) -> OrgRef | None:
        """The English name of two or more words that ends at word ``k`` (whose particle, if
        any, is not part of it), or None."""
        latin = self.r.orgs.latin
        if k < 0 or k in sw.used or sw.ws[k].punct or not latin(sw.ws[k].stem):
            return None
        j = k - 1
        while j >= 0 and sw.bare(j) and latin(sw.ws[j].stem) and j not in sw.used:
            j -= 1
        if k - j < 2:
            return None
        first, last = sw.ws[j + 1], sw.ws[k]
        return OrgRef(
            " ".join(w.stem for w in sw.ws[j + 1 : k + 1]),
            first.start,
            last.start + len(last.stem),
            "company",
        )

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
        organization, itself perhaps after another unit (가나부 미래정책과 김철수 과장, 가나원
        해외사업본부 다라센터 김철수 센터장)."""
        w = sw.ws[k]
        if is_unit(w.stem) and (not chain or is_unit(chain[0].surface)):
            j = k - 1
            while j > 0 and sw.bare(j) and is_unit(sw.ws[j].stem) and not sw.org(j, strict=True):
                j -= 1
            if j >= 0 and sw.bare(j) and sw.org(j, strict=True):
                return sw.org(k, strict=False)
        if chain:
            return None
        opening = (
            k == 0
            or sw.is_punct(k - 1)
            or not sw.bare(k - 1)
            or sw.ws[k - 1].stem in LEGAL_FORMS
            or sw.ws[k - 1].stem.endswith(_KIND_NOUNS)  # 돌봄기업 가나링크 홍길동 대표
        )
        if (
            opening
            and (sw.nounish(k) or self.r.orgs.latin(w.stem) or is_unit(w.stem))
            and not sw.titles[k]
            and not sw.names[k]
        ):
            if sw.place(k) or sw.modifier(k) or w.text in ANAPHORS:
                return None  # 당 사무총장: the party, which kg.nlp.context finds
            return sw.org(k, strict=False)
        return None
