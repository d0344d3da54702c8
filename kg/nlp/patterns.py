"""Where people, titles and organizations are recognised: rules over the words of a sentence.

Forms covered (NAME = a Korean personal name, ORG = an organization phrase, TITLE = a title word):
``NAME TITLE``, ``NAME ORG TITLE``, ``ORG NAME TITLE``, ``ORG TITLE NAME``,
``NAME TITLE(ORG [UNIT] [TITLE])``, ``ORG(TITLE NAME)``, ``NAME ORG+TITLE`` fused (경산시장),
``NAME씨``, bylines (``NAME 기자``), and lists joined by ``,`` ``·`` ``과/와``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.nlp.index import token_index
from kg.nlp.lexicon import Lexicon, word_list
from kg.nlp.words import Word

_HANGUL_NAME = re.compile(r"^[가-힣]{2,4}$")
_HANGUL = re.compile(r"[가-힣]")
# Words beside a name that say where someone stands in a photo, not who they are.
_PHOTO_WORDS = {"왼쪽", "오른쪽", "가운데", "좌", "우", "중", "앞줄", "뒷줄", "사진", "좌측", "우측"}
# Endings of organizational units (부서): 인공지능기반정책과, 클라우드-플랫폼기술단, 정보기술(IT)학부.
UNIT_ENDINGS = ("실", "과", "국", "단", "센터", "본부", "그룹", "팀", "연구실", "학부", "학과", "대학원",
                "처", "연구소", "부문", "사업부", "지부", "지회", "연합회", "사무소", "지사", "위원회")
_NOT_ORG = {"등", "및", "각", "전", "현", "이번", "이날", "당시", "신임", "전임", "前", "現", "약",
            "그러나", "그리고", "또한", "한편", "또", "이어", "아울러", "특히", "이에", "다만", "먼저"}


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
    fuller: str | None = None  # fused-title fragment to look up as a fuller form (무안 -> 무안군)


@dataclass
class TitleRef:
    title: str
    start: int
    end: int
    org: OrgRef | None = None  # the organization fused into the title word


@dataclass
class Affiliation:
    title: TitleRef | None
    chain: list[OrgRef] = field(default_factory=list)  # outermost first; the last one is held


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
    short_mentions: list[tuple[str, TitleRef, int]] = field(default_factory=list)  # (surname, title, start)


def norm_surface(s: str) -> str:
    return s.replace(" ", "")


class Recognizer:
    """Classifies words and applies the person patterns to one sentence."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self._doc: Doc | None = None  # the doc of the sentence being read
        self.strong_endings = tuple(x for x in lexicon.strong_suffixes if len(x) >= 2)
        self.not_names = frozenset(word_list("not_names.txt"))
        # one C-level endswith over all of them before a Python loop over each
        self._place_title_words = tuple(title for title, _ in lexicon.place_titles)
        self._unit_title_words = tuple(unit + "장" for unit, _ in lexicon.unit_titles)

    # ---- word classes -------------------------------------------------------------------
    def title(self, w: Word) -> TitleRef | None:
        if w.punct:
            return None
        s = w.stem
        lex = self.lex
        if s in lex.titles:
            return TitleRef(s, w.start, w.start + len(s))
        m = re.fullmatch(r"(.+?)\(([A-Za-z][A-Za-z0-9&.\-]*)\)", s)
        if m and m.group(1) in lex.titles:  # 원장(NIA)
            start = w.start + len(m.group(1)) + 1
            org = OrgRef(m.group(2), start, start + len(m.group(2)))
            return TitleRef(m.group(1), w.start, w.start + len(m.group(1)), org)
        if not _HANGUL.search(s):
            return None
        if s.endswith(lex.title_endings):
            return TitleRef(s, w.start, w.start + len(s))
        for title, suffix in lex.place_titles if s.endswith(self._place_title_words) else ():
            if s.endswith(title) and len(s) > len(title):
                place = s[: -len(title)]
                if not re.fullmatch(r"[가-힣]{1,8}", place):
                    continue
                # 경산시장: the fragment already ends with the suffix (경산시 + 장).
                if suffix and title.startswith(suffix):
                    org_name, fuller = place + suffix, None
                elif suffix and (title.startswith(("부", "행정"))):
                    org_name, fuller = place, place + suffix
                elif suffix:
                    org_name, fuller = place + suffix, None
                else:
                    org_name, fuller = place, None
                org = OrgRef(org_name, w.start, w.start + len(place) + (1 if suffix and title.startswith(suffix) else 0),
                             kind="government", from_title=True, fuller=fuller)
                org.surface = org_name
                return TitleRef(title, w.start + len(s) - len(title), w.start + len(s), org)
        for unit_end, title in lex.unit_titles if s.endswith(self._unit_title_words) else ():
            if s.endswith(unit_end + "장") and len(s) >= len(unit_end) + 3:
                unit = s[:-1]
                org = OrgRef(unit, w.start, w.start + len(unit), kind=lex.org_kind(unit), from_title=True)
                return TitleRef(title, w.start + len(s) - len(title), w.start + len(s), org)
        return None

    def is_name(self, doc: Doc, w: Word) -> bool:
        s = w.stem
        if w.punct or not _HANGUL_NAME.match(s):
            return False
        if s in self.lex.titles or s in self.lex.body_of_form or s in self.not_names or self.title(w):
            return False
        if len(s) >= 3 and s.endswith(self.strong_endings):
            return False
        double_surname = s[:2] in self.lex.surnames and len(s) >= 3
        if not double_surname and (s[0] not in self.lex.surnames or len(s) == 4):
            return False  # a four-syllable name starts with a two-syllable surname (남궁, 선우)
        # token indices, not Tokens: this runs for every word of every sentence
        index = token_index(doc)
        span = index.char_range(w.start, w.start + len(s))
        if span is None:
            return False
        tags, semantics = index.tags, index.semantics
        toks = [t for t in span if not index.is_space(t)]
        if any(semantics[t] == "인명" and index.starts[t] == w.start for t in toks):
            return True
        if w.forced:
            toks = toks[:-1]
        if any(semantics[t] == "지명" for t in toks):
            return False
        # a single dictionary word (정부, 전문가, 이번) is not a name; a token covering only part of
        # a forced name (진세 of 진세라) says nothing
        whole = len(toks) == 1 and index.ends[toks[0]] - index.starts[toks[0]] == len(s)
        if whole and tags[toks[0]] in ("NNG", "NNB", "MAG", "MAJ", "IC", "MM", "NP", "VV", "VA", "VX", "XR"):
            return False
        if len(toks) == 1 and tags[toks[0]] == "NNP" and semantics[toks[0]] not in (None, "인명"):
            return False
        if len(s) == 3 and s.endswith("대") and s + "학교" not in self.lex.body_of_form:
            return False  # 태재대: a university's short form, not a name
        if any(tags[t].startswith(("V", "E", "J", "XSV", "XSA")) or "+E" in tags[t] for t in toks):
            # MeCab splits a three-syllable name it does not know oddly (곽 + 도/JX + 현/MM); it is
            # still a name where a title follows it (the patterns ask for one), unless plural.
            # A dictionary word inside (선정/행위 + 돼) makes it a verb form, not a name.
            known = any(tags[t].startswith("NN") and semantics[t] not in (None, "인명") for t in toks)
            # ... unless it ends in a real case particle: 화학과 (a department), 부서에
            case = tags[toks[-1]].startswith(("JKB", "JKG", "JKO", "JC"))
            return len(s) == 3 and len(toks) > 1 and not s.endswith("들") and not known and not case
        return True

    def nounish(self, doc: Doc, w: Word) -> bool:
        """Whether a word is made of nouns only (no verb, ending or adverb): 선정돼 is not."""
        index = token_index(doc)
        span = index.char_range(w.start, w.start + len(w.stem))
        if span is None:
            return False
        tags = [index.tags[t] for t in span if not index.is_space(t)]
        if any(tag.startswith(("VV", "VA", "MAG", "MAJ", "XSV", "XSA")) for tag in tags):
            return False
        return bool(tags) and not tags[-1].split("+")[-1].startswith(("J", "E"))

    def _case_particle(self, doc: Doc, at: int) -> bool:
        """Whether the token at ``at`` is a real case particle (로, 에, 의, 을, 과): then the
        word is a noun with its particle (주제로, 부서에), not a name MeCab misread (허용도)."""
        index = token_index(doc)
        span = index.char_range(at, at + 1)
        return span is not None and index.tags[span[0]].startswith(("JKB", "JKG", "JKO", "JC"))

    def _strong_name(self, doc: Doc, w: Word) -> bool:
        if len(w.stem) == 3:
            return True
        index = token_index(doc)
        span = index.char_range(w.start, w.start + len(w.stem))
        return span is not None and index.semantics[span[0]] == "인명"

    def org(self, w: Word, strict: bool) -> OrgRef | None:
        """An organization word. ``strict``: outside a person pattern, demand strong evidence."""
        if w.punct:
            return None
        s = w.stem
        if not s or s in _NOT_ORG or s in self.lex.titles:
            return None
        acronym = None
        m = re.fullmatch(r"(.+?)\(([A-Za-z][A-Za-z0-9&.\-]*)\)", s)
        if m and m.group(2) != "주":
            s, acronym = m.group(1), m.group(2)
        body = self.lex.body(s)
        if body:
            return OrgRef(s, w.start, w.start + len(s), body.kind, acronym)
        if "㈜" in s or "(주)" in s:
            return OrgRef(s, w.start, w.start + len(s), "company", acronym)
        if strict:
            kind = self._strong_kind(s) or self._acting_local_government(w)
            if kind is None:
                return None
            return OrgRef(s, w.start, w.start + len(s), kind, acronym)
        if len(s) < 2 or re.fullmatch(r"[\d.,]+", s):
            return None
        return OrgRef(s, w.start, w.start + len(s), self.lex.org_kind(s), acronym)


    def _acting_local_government(self, w: Word) -> str | None:
        """창원시는, 진천군이: a city, county or district that acts (subject or partner of the
        sentence) is its government; 창원시 세라믹산단 (a place) is not named as an organization."""
        s = w.stem
        if self._doc is None or len(s) < 3 or not s.endswith(("시", "군", "구")):
            return None
        if w.text[len(s) :] not in ("은", "는", "이", "가", "와", "과", "도"):
            return None
        index = token_index(self._doc)
        span = index.char_range(w.start, w.start + len(s))
        if span is None or len(span) != 1 or index.semantics[span[0]] != "지명":
            return None
        return "government"

    def _strong_kind(self, s: str) -> str | None:
        if not re.fullmatch(r"[가-힣A-Za-z0-9&․\-]{3,}", s):
            return None
        for suffix in self.lex.strong_suffixes:
            # something before the ending: two characters before a short one (삼성전자, not
            # 전자 or 대전자), one before a long one (정테크놀로지)
            if s.endswith(suffix) and len(s) >= len(suffix) + (1 if len(suffix) >= 3 else 2):
                return self.lex.org_kind(s)
        return None

    def is_unit_word(self, s: str) -> bool:
        return s.endswith(UNIT_ENDINGS)

    # ---- patterns -----------------------------------------------------------------------
    def sentence(self, doc: Doc, ws: list[Word]) -> SentenceHits:
        self._doc = doc
        hits = SentenceHits()
        n = len(ws)
        used: set[int] = set()
        titles = [self.title(w) for w in ws]
        for k, w in enumerate(ws[:-1]):
            nxt = ws[k + 1]
            if (
                w.stem != w.text
                and _HANGUL_NAME.match(w.text)
                and not nxt.punct
                and (titles[k + 1] or (k + 2 < n and titles[k + 2] and nxt.stem == nxt.text))
                and (w.text[0] in self.lex.surnames)
                and len(w.text) == 3
                and w.end - w.stem_end == 1
                and not self._case_particle(doc, w.stem_end)
            ):
                w.stem_end = w.end
                w.forced = True
        for k, w in enumerate(ws):
            # 가나시 경제부시장 김철수가: a subject particle MeCab fused into the name's last token
            if (
                k
                and titles[k - 1]
                and w.stem == w.text
                and len(w.text) == 4
                and w.text[-1] in "이가은는"
                and w.text[0] in self.lex.surnames
                and _HANGUL_NAME.match(w.text)
            ):
                w.stem_end = w.end - 1
        for k, w in enumerate(ws[:-1]):
            # 행정학과 교수: MeCab reads the 과 of a department as the particle 과
            # and 가나부 노인정책과 김철수 과장: a department right after its ministry
            if (
                w.text.endswith("과")
                and w.stem_end == w.end - 1
                and not ws[k + 1].punct
                and not titles[k]
                and (titles[k + 1] or (k > 0 and self.org(ws[k - 1], strict=True)))
            ):
                w.stem_end = w.end
        names = [self.is_name(doc, w) for w in ws]
        fused = [self._fused_name(doc, w) for w in ws]

        # ORG ( TITLE NAME ): 가나대학교(총장 김철수)
        for k in range(n - 4):
            if ws[k + 1].text == "(" and titles[k + 2] and names[k + 3] and ws[k + 4].text == ")":
                org = self.org(ws[k], strict=False)
                if org and k + 3 not in used:
                    t = titles[k + 2]
                    hits.persons.append(PersonHit(ws[k + 3].stem, ws[k + 3].start, ws[k + 3].start + len(ws[k + 3].stem),
                                                  [Affiliation(t, [org])]))
                    used.update({k, k + 2, k + 3})

        i = 0
        while i < n:
            if i in used:
                i += 1
                continue
            w = ws[i]
            if fused[i]:
                name, tail = fused[i]
                hit = PersonHit(name, w.start, w.start + len(name))
                if tail == "기자":
                    hit.role = "byline"
                    hit.affiliations.append(Affiliation(TitleRef("기자", w.start + len(name), w.start + len(name) + 2)))
                else:
                    left = self._left_orgs(doc, ws, i, used)
                    hit.affiliations.append(Affiliation(None, left))
                hits.persons.append(hit)
                used.add(i)
                i += 1
                continue
            if names[i] and not titles[i]:
                hit = self._person_at(doc, ws, i, titles, names, used)
                if hit is None:
                    hit = self._titled_before(doc, ws, i, titles, used)
                if hit:
                    hits.persons.append(hit)
                    continue_at = max(used) + 1 if used else i + 1
                    i = max(i + 1, continue_at)
                    continue
            i += 1

        # short forms: 김 단장, 윤 의원
        for k in range(n - 1):
            s = ws[k].stem
            if len(s) <= 2 and s in self.lex.surnames and ws[k].text == s and titles[k + 1] and not titles[k + 1].org:
                hits.short_mentions.append((s, titles[k + 1], ws[k].start))

        # standalone organizations
        for k, w in enumerate(ws):
            if k in used:
                continue
            o = self.org(w, strict=True)
            if o:
                hits.orgs.append(o)
        self._lists(ws, hits)
        for t in titles:
            if t:
                hits.titles.append(t)
        return hits

    def _fused_name(self, doc: Doc, w: Word) -> tuple[str, str] | None:
        s = w.stem
        for tail in ("기자", "씨"):
            if s.endswith(tail) and 2 <= len(s) - len(tail) <= 4:
                name = s[: -len(tail)]
                surname = name[0] in self.lex.surnames or name[:2] in self.lex.surnames
                if _HANGUL_NAME.match(name) and surname and name not in self.lex.titles:
                    return name, tail
        return None

    def _person_at(self, doc: Doc, ws: list[Word], i: int, titles, names, used: set[int]) -> PersonHit | None:
        n = len(ws)
        w = ws[i]
        name = w.stem
        hit = PersonHit(name, w.start, w.start + len(name))
        j = i + 1
        orgs: list[OrgRef] = []
        # 김철수(45) 대표: an age in parentheses says nothing about the post
        if j + 2 < n and ws[j].text == "(" and ws[j + 2].text == ")" and ws[j + 1].stem.isdigit():
            j += 3
        # 가나전자 김철수 씨: a person named without a title (가나청 국장 김철수 씨: with one)
        if w.stem == w.text and j < n and ws[j].stem == "씨":
            titled = self._titled_before(doc, ws, i, titles, used)
            if titled:
                used.add(j)
                return titled
            hit.affiliations = [Affiliation(None, self._left_orgs(doc, ws, i, used))]
            used.update(range(i, j + 1))
            return hit
        # the name's own particle means the phrase ends here (홍길동 의원은 vs 홍길동은)
        if w.stem != w.text and not (j < n and ws[j].text == "("):
            return None
        while j < n and len(orgs) < 4:
            if ws[j].punct:
                if ws[j].text == "(" and orgs and j + 1 < n and ws[j + 1].stem == "이하":
                    # 중소벤처기업부(이하 중기부)
                    close = self._close(ws, j)
                    if close and close - j >= 3:
                        orgs[-1].alias = ws[j + 2].stem
                        j = close + 1
                        continue
                break
            if titles[j]:
                break
            # ORG NAME TITLE belongs to the next name; but in NAME WORD TITLE a two-syllable
            # WORD after a three-syllable name is the organization (김철수 가나 회장)
            if (
                names[j]
                and j + 1 < n
                and titles[j + 1]
                and self._strong_name(doc, ws[j])
                and not (len(name) == 3 and len(ws[j].stem) == 2)
            ):
                break
            if ws[j].stem != ws[j].text:
                break
            # 행정안전부 (행정 + 안 + 전부) and ㈜로컬웨이브 are organizations however MeCab splits them
            o = self.org(ws[j], strict=True) or (
                (self.nounish(doc, ws[j]) or self.is_unit_word(ws[j].stem)) and self.org(ws[j], strict=False)
            )
            if not o:
                break
            orgs.append(o)
            j += 1
        affiliations: list[Affiliation] = []
        if j < n and titles[j]:
            t = titles[j]
            chain = list(orgs)
            if t.org:
                chain.append(t.org)
            affiliations.append(Affiliation(t, chain))
            last = j
            j += 1
            # NAME TITLE ( ORG [UNIT] [TITLE] )
            if j < n and ws[j].text == "(":
                close = self._close(ws, j)
                if close is not None:
                    inner = ws[j + 1 : close]
                    self._parenthetical(inner, affiliations)
                    last = close
                    j = close + 1
            # ... 및 ORG TITLE: a second post of the same person
            while j + 1 < n and ws[j].stem in ("및", "겸") and not names[j + 1]:
                k = j + 1
                more: list[OrgRef] = []
                while k < n and not titles[k] and not ws[k].punct and len(more) < 3:
                    o = self.org(ws[k], strict=False)
                    if not o:
                        break
                    more.append(o)
                    k += 1
                if k < n and titles[k]:
                    t2 = titles[k]
                    affiliations.append(Affiliation(t2, more + ([t2.org] if t2.org else [])))
                    last = k
                    j = k + 1
                else:
                    break
            used.update(range(i, last + 1))
        elif orgs:
            return None
        else:
            # ORG TITLE NAME (편집위원장 김철수 교수) is handled by the name's own title; a bare
            # name with nothing after it is not a person mention we can vouch for.
            return None
        # ORG NAME TITLE: 가나공사 김철수 사장
        if affiliations and not affiliations[0].chain:
            left = self._left_orgs(doc, ws, i, used)
            if left:
                affiliations[0].chain = left
        hit.affiliations = affiliations
        return hit

    def _titled_before(self, doc: Doc, ws: list[Word], i: int, titles, used: set[int]) -> PersonHit | None:
        """ORG TITLE NAME: 가나시 경제부시장 김철수, ▲ 미래정책실장 김철수, 가나청 국장 김철수 씨."""
        k = i - 1
        if k < 0 or k in used or not titles[k] or ws[k].stem != ws[k].text:
            return None
        title = titles[k]
        chain = self._left_orgs(doc, ws, k, used)
        if title.org:
            chain.append(title.org)
        w = ws[i]
        hit = PersonHit(w.stem, w.start, w.start + len(w.stem), [Affiliation(title, chain)])
        last = i + 1 if i + 1 < len(ws) and ws[i + 1].stem == "씨" else i
        used.update(range(k - len(chain) + (1 if title.org else 0), last + 1))
        return hit

    def _left_orgs(self, doc: Doc, ws: list[Word], i: int, used: set[int]) -> list[OrgRef]:
        k = i - 1
        chain: list[OrgRef] = []
        while k >= 0 and k not in used and not ws[k].punct and ws[k].stem == ws[k].text and len(chain) < 3:
            o = self.org(ws[k], strict=True)
            if o is None and chain:
                # a place word before an association: 울산 남구 소상공인연합회
                span = doc.char_span(ws[k].start, ws[k].end, alignment_mode="expand")
                if span is not None and all(t._.semantic == "지명" or t.text.endswith("구") for t in span):
                    head = chain[0]
                    chain[0] = OrgRef(ws[k].text + " " + head.surface, ws[k].start, head.end, head.kind)
                    k -= 1
                    continue
                break
            if o is None and not chain:
                w = ws[k]
                before = ws[k - 1] if k > 0 else None
                if self.is_unit_word(w.stem) and before is not None and self.org(before, strict=True):
                    o = self.org(w, strict=False)  # 가나부 미래정책과 김철수 과장
                elif (
                    (before is None or before.punct or before.stem != before.text)
                    and self.nounish(doc, w)
                    and not self.title(w)
                    and not self.is_name(doc, w)
                ):
                    # 최우수상은 가나테크 김철수 대표: a bare word opening the phrase
                    o = self.org(w, strict=False)
                    if o:
                        chain.insert(0, o)
                    break
            if o is None:
                break
            chain.insert(0, o)
            k -= 1
        return chain

    def _close(self, ws: list[Word], j: int) -> int | None:
        for k in range(j + 1, min(len(ws), j + 12)):
            if ws[k].text == ")":
                return k
            if ws[k].text == "(":
                return None
        return None

    def _unit_title(self, title: str) -> bool:
        return any(t == title for _, t in self.lex.unit_titles)

    def _parenthetical(self, inner: list[Word], affiliations: list[Affiliation]) -> None:
        words = [w for w in inner if not w.punct]
        if not words or all(w.stem in _PHOTO_WORDS for w in words):
            return
        inner_title = self.title(words[-1])
        body = words[:-1] if inner_title else words
        if inner_title and inner_title.org:
            body = words[:-1]
        if not body and not (inner_title and inner_title.org):
            return
        top = self.org(body[0], strict=False) if body else None
        unit_words = body[1:]
        unit: OrgRef | None = None
        if inner_title and inner_title.org:
            # (LG유플러스 AI․Data 사이언스 그룹장): the fused title names the unit
            pre = " ".join(w.stem for w in unit_words)
            surface = (pre + " " + inner_title.org.surface).strip() if pre else inner_title.org.surface
            start = unit_words[0].start if unit_words else inner_title.org.start
            unit = OrgRef(surface, start, inner_title.org.end, top.kind if top else inner_title.org.kind)
        elif inner_title and self._unit_title(inner_title.title) and unit_words and not self.is_unit_word(unit_words[-1].stem):
            ending = next(u for u, t in self.lex.unit_titles if t == inner_title.title)
            surface = " ".join(w.stem for w in unit_words) + " " + ending
            unit = OrgRef(surface.strip(), unit_words[0].start, unit_words[-1].end, top.kind if top else None)
            unit.surface = surface.strip()
        elif unit_words and self.is_unit_word(unit_words[-1].stem):
            surface = " ".join(w.stem for w in unit_words)
            unit = OrgRef(surface, unit_words[0].start, unit_words[-1].start + len(unit_words[-1].stem),
                          top.kind if top else None)
        if top is None:
            return
        outer = affiliations[-1]
        if inner_title:
            # 상무(LG유플러스 ... 그룹장): the officer title belongs to the company; but a head
            # title (원장) does not belong to an organization of another kind (…대학교 학장).
            ending = next((u for u, t in self.lex.unit_titles if outer.title and t == outer.title.title), None)
            fits = ending is None or norm_surface(top.surface).endswith(ending)
            if not outer.chain and fits:
                outer.chain = [top]
            affiliations.append(Affiliation(TitleRef(inner_title.title, inner_title.start, inner_title.end),
                                            [top] + ([unit] if unit else [])))
        else:
            if not outer.chain:
                outer.chain = [top] + ([unit] if unit else [])

    def _lists(self, ws: list[Word], hits: SentenceHits) -> None:
        """Items of a ·-list, or of an `A, B, C 등 ... 기업` list, are organizations together."""
        found = {(o.start, o.end) for o in hits.orgs}
        n = len(ws)
        # A·B·C
        k = 0
        while k < n:
            group = [k]
            while group[-1] + 2 < n and ws[group[-1] + 1].text == "·" and not ws[group[-1] + 2].punct:
                group.append(group[-1] + 2)
            if len(group) >= 2:
                refs = [self.org(ws[g], strict=True) for g in group]
                if any(refs):
                    kind = next(r.kind for r in refs if r)
                    for g, r in zip(group, refs):
                        if r is None:
                            w = ws[g]
                            if re.fullmatch(r"[가-힣A-Za-z0-9]{2,}", w.stem) and (w.start, w.start + len(w.stem)) not in found:
                                hits.orgs.append(OrgRef(w.stem, w.start, w.start + len(w.stem), kind))
            k = group[-1] + 1
        # A B, C, D 등 ... 기업/기관
        for k, w in enumerate(ws):
            if w.stem != "등":
                continue
            tail_words = [x.stem for x in ws[k + 1 : k + 6]]
            if not any(re.fullmatch(r"(?:대표|주요|관련|\d+개)?(?:기업|업체|기관|회사|단체)(?:들)?", t) for t in tail_words):
                continue
            tail = " ".join(tail_words)
            items: list[list[Word]] = [[]]
            m = k - 1
            while m >= 0:
                x = ws[m]
                if x.text == ",":
                    items.append([])
                elif x.punct or x.stem != x.text or len(items[-1]) >= 2 or re.search(r"\d", x.text):
                    break
                else:
                    items[-1].insert(0, x)
                m -= 1
            items = [it for it in items if it]
            if len(items) < 2 or any(self.title(x) for it in items for x in it):
                continue
            # stop before the start of the clause: the first item must not be a name-like phrase
            kind = "company" if re.search(r"기업|업체|회사", tail) else None
            for it in items:
                s = " ".join(x.stem for x in it)
                if (it[0].start, it[-1].end) in found:
                    continue
                hits.orgs.append(OrgRef(s, it[0].start, it[-1].end, self.lex.org_kind(s.replace(" ", "")) or kind))
