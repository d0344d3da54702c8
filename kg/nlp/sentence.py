"""One sentence's words with what each may be (a title, a name, an organization, a modifier),
read once and shared by the recognisers of kg.nlp.persons, kg.nlp.lists and kg.nlp.bylines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from kg.nlp.hits import OrgRef, TitleRef
from kg.nlp.index import TokenIndex
from kg.nlp.lexicon import Lexicon, Modifier
from kg.nlp.names import Name, NameReader
from kg.nlp.organizations import OrgReader
from kg.nlp.titles import TitleReader
from kg.nlp.words import Word

_HANGUL_NAME = re.compile(r"[가-힣]{2,4}")
_DISTRICT = re.compile(
    r"[가-힣]{2,6}(?:시|군|구)?[갑을병정무]|[가-힣]{2,4}\d{1,2}|[가-힣]{1,3}선거구"
)
_GENERATION = re.compile(r"제?\d+대|\d+선|초선|재선|다선|\d+기|민선\d+기|제?\d+대연속|첫")
_TOPIC_PARTICLES, _SUBJECT_PARTICLES, _OBJECT_PARTICLES = ("은", "는"), ("이", "가"), ("을", "를")
# One-syllable particles a name's last syllable may be misread as (한가 + 도, 세아 + 나); MeCab
# also cuts names at syllables that are no particle at all (채형 + 우), which are never split off.
_NAME_END_PARTICLES = frozenset("이가은는을를의에도만로와과나랑엔께요")
_SSI = ("씨", "님")
# Words that stand for an organization the text is about (시는, 도 관계자, 당 대표).
ANAPHORS = ("시", "도", "군", "구", "당")
_CITY_ENDS = ("시", "군")
_AGE_OR_HANJA = re.compile(r"\d{1,3}|\d{1,3}세|[\u4e00-\u9fff]{2,4}")
_LOCAL_ENDINGS = ("시", "군", "구", "도", "읍", "면", "동")  # a place with one is its government


@dataclass
class Readers:
    """The word readers one pipeline component shares across sentences."""

    lexicon: Lexicon
    titles: TitleReader
    names: NameReader
    orgs: OrgReader

    @classmethod
    def of(cls, lexicon: Lexicon) -> Readers:
        titles = TitleReader(lexicon)
        return cls(lexicon, titles, NameReader(lexicon, titles), OrgReader(lexicon))


class SentenceWords:
    """The words of one sentence and, per word, its readings (computed on first use)."""

    def __init__(self, words: list[Word], index: TokenIndex, readers: Readers) -> None:
        self.ws = words
        self.n = len(words)
        self.index = index
        self.r = readers
        self.lex = readers.lexicon
        self.used: set[int] = set()
        self._orgs: dict[tuple[int, bool], OrgRef | None] = {}
        self._settle_stems()

    def _settle_stems(self) -> None:
        """Where MeCab's particles mislead: read the words again with what is around them."""
        changed = False
        for k, w in enumerate(self.ws):
            if w.punct:
                continue
            end = self._stem_in_context(k)
            if end != w.stem_end:
                w.stem_end, changed = end, True
                w.forced = end == w.end and self._person_frame(k)
            elif w.stem == w.text and len(w.text) == 3 and self._before_fused_title(k):
                w.forced = True
        if changed:
            self.__dict__.pop("titles", None)

    def _stem_in_context(self, k: int) -> int:
        w = self.ws[k]
        surnames = self.lex.surnames
        if w.text[:1] not in surnames and not w.text.endswith(("과", "겸")):
            return w.stem_end  # the cases below are names (a surname first), 학과 and 겸
        titled_next = k + 1 < self.n and (
            self.titles[k + 1] or (k + 2 < self.n and self.titles[k + 2] and self.bare(k + 1))
        )
        # 한가도 교수: a name whose last syllable MeCab read as a particle (한가 + 도)
        if (
            w.stem != w.text
            and len(w.text) == 3
            and w.end - w.stem_end == 1
            and w.text[0] in surnames
            and _HANGUL_NAME.fullmatch(w.text)
            and titled_next
            and not self._case_particle(w.stem_end)
            and not self._dictionary_word(w.start, w.stem_end)
            and not (w.text[-1] in "이가" and self._dictionary_word(w.start, w.stem_end, True))
            and not self.r.titles.is_title(w.stem)  # 대표는 가나본부장과: a title, its particle
        ):
            return w.end
        if (
            w.stem != w.text
            and w.text[len(w.stem) :] not in _NAME_END_PARTICLES
            and len(w.text) - len(w.stem) == 1
        ):
            if _HANGUL_NAME.fullmatch(w.text) and w.text[0] in surnames:
                return w.end  # 채형우: MeCab took 우 for a particle
        # 옥다인 선임연구위원, 곽이든 원장, 좌나은(27) 씨: a name MeCab read as a verb or a
        # copula form (옥다 + 인, 곽 + 이든), where only a person can stand
        if w.stem != w.text and len(w.text) == 3 and self._person_frame(k):
            return w.end
        # 가나시 경제부시장 김철수가, 감독 가나다의: a particle MeCab fused into the name's last
        # token (함지 + 우의)
        if (
            k
            and (self.titles[k - 1] or self.lex.person_nouns.get(self.ws[k - 1].stem) == "before")
            and w.stem == w.text
            and len(w.text) == 4
            and w.text[-1] in "이가은는의"
            and w.text[0] in surnames
            and _HANGUL_NAME.fullmatch(w.text)
        ):
            return w.end - 1
        # 행정학과 교수, 해양공학과 홍길동 교수: MeCab reads the 과 of a department as the
        # particle 과
        if (
            w.text.endswith("과")
            and w.stem_end == w.end - 1
            and k + 1 < self.n
            and not self.ws[k + 1].punct
            and not self.titles[k]
            and (
                self.titles[k + 1]
                or (k and self.r.orgs.read(self.ws[k - 1].stem, 0, True))
                or (
                    w.text.endswith("학과")
                    and k + 2 < self.n
                    and self.titles[k + 2]
                    and self.bare(k + 1)
                )
            )
        ):
            return w.end
        # 경제부총리겸: a title written together with 겸 (and)
        if w.stem == w.text and w.text.endswith("겸") and self.r.titles.is_title(w.text[:-1]):
            return w.end - 1
        return w.stem_end

    def _person_frame(self, k: int) -> bool:
        """Word ``k`` has a name's shape and stands where only a person does: before 씨 or 님,
        or an age or hanja in parentheses; before a title when MeCab read a one-syllable verb
        into it; or between an organization and a title (규제연구센터 옥다인 선임연구위원; not
        공석인 국장, with no organization before it)."""
        w = self.ws[k]
        if not _HANGUL_NAME.fullmatch(w.text) or not self.r.names.shaped(w.text):
            return False
        nxt = k + 1
        before = self.ws[k - 1] if k > 0 else None
        if before is not None and not before.punct and before.stem == before.text:
            if self.lex.person_nouns.get(before.stem) == "before" and not (
                w.stem_end < w.end and self._case_particle(w.stem_end)
            ):
                return True  # 첼리스트 맹다은 (맹 + 다 + 은; not 농민 단체의)
        if nxt >= self.n:
            return False
        if self.ws[nxt].stem in _SSI or (
            self.ws[nxt].text == "("
            and nxt + 1 < self.n
            and _AGE_OR_HANJA.fullmatch(self.ws[nxt + 1].text)
        ):
            return True
        titled = self.titles[nxt] or (
            nxt + 1 < self.n and self.modifier(nxt) is not None and self.titles[nxt + 1]
        )
        if titled and len(w.stem) == 1:
            return True  # 차은서 전 대표: a verb of one syllable read into a name (차 + 은 + 서)
        if not titled or k == 0 or not self.bare(k - 1):
            return False
        before = self.ws[k - 1].stem
        return self.lex.body(before) is not None or self.r.orgs.strong_kind(before) is not None

    def _before_fused_title(self, k: int) -> bool:
        """빈소원 가나복지관장, 가나온 지사: a word of a name's shape that MeCab reads as a
        verb's modifier and a noun (빈 + 소원, 견해 + 온), right before a title fused with its
        organization (or any title, when its given name has the syllables names most often
        have), where that reading makes no phrase (not a copula's or a 하다 verb's: 공석인,
        승진한 국장)."""
        w, nxt = self.ws[k], k + 1
        if nxt >= self.n or not self.titles[nxt]:
            return False
        if not _HANGUL_NAME.fullmatch(w.text) or not self.r.names.shaped(w.text):
            return False
        if self.titles[nxt].org is None and not self.r.names.usual(w.text):
            return False
        span = self.index.char_range(w.start, w.end)
        tags = [self.index.tags[t] for t in span] if span is not None else []
        return any(t.startswith(("VV", "VA")) and "ETM" in t for t in tags) and not any(
            t.startswith(("VCP", "XSV", "XSA")) for t in tags
        )

    def _dictionary_word(self, start: int, end: int, any_noun: bool = False) -> bool:
        """``text[start:end]`` is one common noun of MeCab's dictionary (임명 of 임명은; with
        ``any_noun`` one of no semantic class too: 전원 of 전원이)."""
        span = self.index.char_range(start, end)
        toks = [t for t in span if not self.index.is_space(t)] if span is not None else []
        if len(toks) != 1:
            return False
        tag, semantic = self.index.tags[toks[0]], self.index.semantics[toks[0]]
        return tag.startswith(("NNB", "MAG", "NR")) or (
            tag.startswith("NNG") and (semantic is not None or any_noun)
        )

    def _case_particle(self, at: int) -> bool:
        """Whether the token at ``at`` is a real case particle (로, 에, 의, 을, 과): then the
        word is a noun with its particle (주제로, 부서에), not a name MeCab misread (한가도)."""
        span = self.index.char_range(at, at + 1)
        if not span or self.index.text[at : at + 1] in "나랑":  # 한세나, 가나랑: no 'or', 'with'
            return False
        return self.index.tags[span[0]].startswith(("JKB", "JKG", "JKO", "JC"))

    # ---- readings ---------------------------------------------------------------------
    @cached_property
    def titles(self) -> list[TitleRef | None]:
        return [None if w.punct else self.r.titles.read(w.stem, w.start) for w in self.ws]

    @cached_property
    def names(self) -> list[Name | None]:
        out: list[Name | None] = []
        for k, (w, title) in enumerate(zip(self.ws, self.titles)):
            if w.punct or title or self.modifier(k) is not None:
                out.append(None)
                continue
            after_particle = (
                k > 0 and not self.ws[k - 1].punct and self.particle(k - 1) in _OBJECT_PARTICLES
            )
            out.append(
                self.r.names.candidate(w.stem, w.start, self.index, after_particle, w.forced)
            )
        return out

    def org(self, k: int, strict: bool) -> OrgRef | None:
        key = (k, strict)
        if key not in self._orgs:
            w = self.ws[k]
            self._orgs[key] = (
                None if w.punct or self.titles[k] else self.r.orgs.read(w.stem, w.start, strict)
            )
        return self._orgs[key]

    def self_org(self, k: int) -> tuple[OrgRef, int] | None:
        """The body the release names itself by, ending at word ``k`` (우리 대학, 본교), and the
        index of its first word."""
        w = self.ws[k]
        if w.punct or w.stem not in self.lex.self_last_words or self.quoted(k):
            return None  # “우리 대학은 …”: a speaker's own body, whoever speaks
        for first in (k - 1, k):
            if first < 0 or (first < k and not self.bare(first)):
                continue
            start = self.ws[first].start
            form = " ".join(
                x.stem if i == k else x.text for i, x in enumerate(self.ws[first : k + 1], first)
            )
            kind = self.lex.self_kind(form)
            if kind is not None:
                return OrgRef(form, start, w.start + len(w.stem), kind), first
        return None

    def latin_name(self, k: int) -> tuple[OrgRef, int] | None:
        """An English name of two or more words that starts at word ``k`` (Acme Health Korea,
        its last word perhaps with a particle: Blue Harbor Group의), and its last word."""
        latin = self.r.orgs.latin
        j = k
        while j < self.n and self.bare(j) and latin(self.ws[j].stem):
            j += 1
        if j < self.n and not self.ws[j].punct and j > k and latin(self.ws[j].stem):
            j += 1  # the last word with its particle
        if j - k < 2:
            return None
        first, last = self.ws[k], self.ws[j - 1]
        surface = " ".join(w.stem for w in self.ws[k:j])
        return OrgRef(surface, first.start, last.start + len(last.stem), "company"), j - 1

    def quoted(self, k: int) -> bool:
        """Word ``k`` stands inside a quotation (“…” or "…") of the sentence."""
        return self._quoted[k]

    @cached_property
    def _quoted(self) -> list[bool]:
        out, depth, straight = [], 0, False
        for w in self.ws:
            out.append(depth > 0 or straight)
            if w.punct and w.text in "“‘":
                depth += 1
            elif w.punct and w.text in "”’" and depth:
                depth -= 1
            elif w.punct and w.text == '"':
                straight = not straight
        return out

    def short_surname(self, k: int) -> bool:
        """Word ``k`` is a surname written alone, as in a short form (김 실장, 남궁 의원); 당 is
        the party (당 대표, 당 사무총장), whose surname is too rare to read it so."""
        s = self.ws[k].stem
        return (
            not self.ws[k].punct
            and len(s) <= 2
            and s in self.lex.surnames
            and self.ws[k].text == s
            and s != "당"
        )

    def modifier(self, k: int) -> Modifier | None:
        w = self.ws[k]
        if w.punct:
            return None
        found = self.lex.modifiers.get(w.stem)
        if found is None and _GENERATION.fullmatch(w.stem):
            return Modifier("before", "drop")
        return found

    def nounish(self, k: int) -> bool:
        """Whether the word is made of nouns only (no verb, ending or adverb): 선정돼 is not."""
        w = self.ws[k]
        span = self.index.char_range(w.start, w.start + len(w.stem))
        if span is None:
            return False
        tags = [self.index.tags[t] for t in span if not self.index.is_space(t)]
        if any(tag.startswith(("VV", "VA", "MAG", "MAJ", "XSV", "XSA", "IC")) for tag in tags):
            return False
        return bool(tags) and not tags[-1].split("+")[-1].startswith(("J", "E"))

    def ends_in_noun(self, k: int) -> bool:
        """The word's last token is a noun or a noun suffix (…가나변호사들)."""
        w = self.ws[k]
        span = self.index.char_range(w.start, w.start + len(w.stem))
        return span is not None and self.index.tags[span[-1]].startswith(("NN", "XSN"))

    def district(self, k: int) -> bool:
        """An electoral district (남양주병, 수원시갑, 파주1): a place, not an organization."""
        return bool(_DISTRICT.fullmatch(self.ws[k].stem))

    def place(self, k: int) -> bool:
        """A place name MeCab knows that no lexicon entry or ending makes an organization
        (미국, 서울, 여의도): a qualifier of the organization after it, not one itself."""
        w = self.ws[k]
        if w.punct or self.lex.body(w.stem):
            return False
        ending = self.lex.org_ending(w.stem)
        if (
            ending
            and (ending[1].strong or ending[0] in _LOCAL_ENDINGS)
            and len(w.stem) > len(ending[0])
        ):
            return False
        if any(
            (b := self.lex.body(w.stem + end)) is not None and b.name == w.stem + end
            for end in _CITY_ENDS
        ):
            return True  # 김해 가나고, 창원 다라초: a city's name, however MeCab reads it
        span = self.index.char_range(w.start, w.start + len(w.stem))
        if span is None:
            return False
        toks = [t for t in span if not self.index.is_space(t)]
        return bool(toks) and all(self.index.semantics[t] == "지명" for t in toks)

    # ---- word shapes ------------------------------------------------------------------
    def text(self, k: int) -> str:
        return self.ws[k].text if 0 <= k < self.n else ""

    def is_punct(self, k: int, chars: str | None = None) -> bool:
        if not 0 <= k < self.n or not self.ws[k].punct:
            return False
        return chars is None or self.ws[k].text in chars

    def bare(self, k: int) -> bool:
        """The word has no particle (조사): a phrase may go on after it."""
        w = self.ws[k]
        return not w.punct and w.stem == w.text

    def particle(self, k: int) -> str:
        w = self.ws[k]
        return w.text[len(w.stem) :]

    def topic(self, k: int) -> bool:
        return self.particle(k) in _TOPIC_PARTICLES

    def subject(self, k: int) -> bool:
        return self.particle(k) in _SUBJECT_PARTICLES

    def close(self, k: int) -> int | None:
        """The ``)`` that closes the ``(`` at ``k`` (no nesting, at most 14 words on)."""
        for j in range(k + 1, min(self.n, k + 16)):
            if self.ws[j].text == ")":
                return j
            if self.ws[j].text == "(":
                return None
        return None

    def glued(self, a: int, b: int) -> bool:
        """Words ``a`` and ``b`` touch (no space between them)."""
        return 0 <= a < self.n and 0 <= b < self.n and self.ws[a].end == self.ws[b].start
