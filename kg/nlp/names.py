"""Where personal names are recognised: which words may be a person's name, and how sure that is.

A word is a name candidate when MeCab-ko tags it 인명, or when it has the shape of a Korean name
(a surname of the lexicon, one- or two-syllable surnames, then given-name syllables) and is not a
title, a known body, a place or a word the lexicon rules out (KOREAN_FORMS §9). A candidate is
only a person where the patterns of kg.nlp.persons find evidence around it; how much they need
depends on ``Name.strength``:

- ``STRONG``: MeCab reads the word as a person's name;
- ``SHAPED``: a name's shape MeCab does not know (split into odd pieces);
- ``COMMON``: a name's shape that MeCab reads as a dictionary word (두리안, 한결): a person only in
  the surest slots (a byline, ``ORG(TITLE NAME)``, a name with an age or hanja in parentheses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.nlp.index import TokenIndex
from kg.nlp.lexicon import MEMO_SIZE, Lexicon
from kg.nlp.titles import TitleReader
from kg.nlp.tokenizer import parse_alone

STRONG, SHAPED, COMMON = 3, 2, 1

_KOREAN = re.compile(r"[가-힣]{2,4}")
_FOREIGN_PART = re.compile(r"[가-힣]{2,6}")
# MeCab tags of a single dictionary word (정부, 전문가, 이번 ...).
_WORD_TAGS = (
    "NNG",
    "NNB",
    "NNBC",
    "MAG",
    "MAJ",
    "IC",
    "MM",
    "NP",
    "NR",
    "VV",
    "VA",
    "VX",
    "XR",
    "XPN",
)
_SPEAKER_TAILS = ("기자", "씨", "님")
_PLACE_SUFFIXES = ("시", "군")  # 가나시, 다라군: a city, a county (names rarely end so)
_PLACE_ENDS = _PLACE_SUFFIXES + ("도", "읍", "면", "동", "리", "역")


@dataclass(frozen=True)
class Name:
    text: str
    start: int
    strength: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class NameReader:
    """Tells name candidates from other words, with the lexicon and MeCab's reading."""

    def __init__(self, lexicon: Lexicon, titles: TitleReader) -> None:
        self.lex = lexicon
        self.titles = titles
        self._fused_memo: dict[str, list[tuple[int, bool]]] = {}

    def shaped(self, s: str) -> bool:
        """Whether ``s`` has the shape of a Korean name: surname + given-name syllables."""
        if not _KOREAN.fullmatch(s) or s in self.lex.not_names:
            return False
        surnames, given = self.lex.surnames, self.lex.given_syllables
        if len(s) >= 3 and s[:2] in surnames and all(c in given for c in s[2:]):
            return True
        return len(s) <= 3 and s[0] in surnames and all(c in given for c in s[1:])

    def excluded(self, s: str) -> bool:
        """Words that are never a name: titles, known bodies, words the lexicon rules out."""
        lex = self.lex
        return (
            s in lex.titles
            or s in lex.body_of_form
            or s in lex.not_names
            or self.titles.is_title(s)
        )

    def organization_shaped(self, s: str) -> bool:
        """Words that end like an organization (시의회, 가나전자, 태재대): a name only where MeCab
        reads one."""
        if len(s) == 3 and s.endswith(("대", "시", "군")):
            return True  # a university's short form (가나대), a city or county (가나시, 다라군)
        return any(len(e) >= 2 for e, _ in self.lex.org_endings.matches(s))

    def candidate(
        self,
        s: str,
        start: int,
        index: TokenIndex,
        after_particle: bool = False,
        framed: bool = False,
    ) -> Name | None:
        """The name the stem ``s`` at ``start`` may be, or None. ``after_particle``: the word
        before it ends with a particle (then a verb-like reading is the verb: 협약을 체결한).
        ``framed``: the word stands where only a person does (kg.nlp.sentence), so a verb-like
        reading of it is MeCab's mistake (옥다 + 인 선임연구위원)."""
        if not s or (s[0] not in self.lex.surnames and s[:2] not in self.lex.surnames):
            return None  # a Korean name starts with a surname (foreign names: foreign_first)
        place_shaped = len(s) == 3 and s.endswith(_PLACE_SUFFIXES)
        if not _KOREAN.fullmatch(s) or self.excluded(s) or place_shaped:
            return None
        toks = _tokens(index, start, start + len(s))
        if not toks:
            return None
        first = toks[0]
        tags, semantics = index.tags, index.semantics
        may_be_strong = len(s) <= 3 or s[:2] in self.lex.surnames
        if may_be_strong:
            in_context = (
                tags[first] == "NNP"
                and semantics[first] == "인명"
                and index.ends[first] >= start + 2
            )
            if in_context and index.ends[toks[-1]] == start + len(s):
                return Name(s, start, STRONG)
        if framed and self.shaped(s) and not self.organization_shaped(s):
            return Name(s, start, SHAPED)
        found = self._by_shape(s, index, toks, after_particle)
        if may_be_strong and (found is None or found.strength < SHAPED) and _person_alone(s):
            return Name(
                s, start, STRONG
            )  # MeCab's dictionary knows the name; the sentence misled it
        return found if found is None else Name(s, start, found.strength)

    def _by_shape(
        self, s: str, index: TokenIndex, toks: list[int], after_particle: bool
    ) -> Name | None:
        """The candidate a word MeCab does not read as a name may still be, by its shape."""
        tags, semantics = index.tags, index.semantics
        first = toks[0]
        if not self.shaped(s) or self.organization_shaped(s):
            return None
        if _inflected(index, toks) and not self._oddly_split(s, index, toks, after_particle):
            return None
        if any(semantics[t] == "지명" for t in toks) and not _one_char_pieces(index, toks):
            # 부산, 경북도: a place (but a place-like piece of a name is no place: 도하 + 람)
            places = [t for t in toks if semantics[t] == "지명"]
            given = places == toks[-1:] and index.starts[toks[-1]] == index.starts[first] + 1
            if len(places) == len(toks) or (s.endswith(_PLACE_ENDS) and not given):
                return None  # (권 + 누리: the place MeCab knows is the given name)
        if len(toks) == 1 and (
            tags[first].startswith(_WORD_TAGS) or semantics[first] not in (None, "인명")
        ):
            return Name(s, 0, COMMON)
        if len(s) == 2 and not _one_char_pieces(index, toks):
            return Name(s, 0, COMMON)
        return Name(s, 0, SHAPED)

    def _oddly_split(
        self, s: str, index: TokenIndex, toks: list[int], after_particle: bool
    ) -> bool:
        """A three-syllable name MeCab does not know and cuts into verb-like pieces (남기 + 준,
        도 + 하 + 람), not a verb form: no copula, no dictionary noun of a semantic class in it,
        and no particle-ending word before it."""
        if not (len(s) == 3 or (len(s) == 4 and s[:2] in self.lex.surnames)):
            return False  # (선우 + 해 + 나: a name of a two-syllable surname)
        if after_particle or len(toks) < 2:
            return False
        tags, semantics = index.tags, index.semantics
        if any("VCP" in tags[t] for t in toks) and s[-1] in "인일입":
            return False  # 공석인, 예정인: a noun and the copula
        return not any(
            tags[t].startswith("NN") and semantics[t] not in (None, "인명") for t in toks
        )

    def usual(self, s: str) -> bool:
        """Whether the given name of ``s`` is made of the syllables given names most often have
        (서윤, 은결; not 인상 of 신인상, 연작 of 주연작)."""
        given = s[2:] if len(s) == 4 and s[:2] in self.lex.surnames else s[1:]
        return len(given) >= 2 and all(c in self.lex.name_syllables for c in given)

    def compound(self, s: str, start: int, index: TokenIndex) -> bool:
        """Whether the word is a compound or a derived word of the dictionary, not a name MeCab
        splits: a noun of a class (고용/행위 + 률), a noun and a verb's suffix (노력 + 하), an
        event's name (가나설명회)."""
        if self.lex.event_ending(s):
            return True
        toks = _tokens(index, start, start + len(s))
        if len(toks) < 2:
            return False
        first, rest = toks[0], toks[1:]
        return (
            index.ends[first] - index.starts[first] >= 2
            and index.tags[first].startswith(("NNG", "NNB", "XR"))
            and (
                index.semantics[first] not in (None, "인명")
                or all(index.tags[t].startswith(("XSV", "XSA")) for t in rest)
            )
        )

    def known_piece(self, s: str, start: int, index: TokenIndex) -> bool:
        """Whether MeCab knows a piece of the name as a person's: a token of it read 인명 in the
        sentence, or its given name read so alone (남궁 + 다인; 선우해나: 해나)."""
        toks = _tokens(index, start, start + len(s))
        if any(index.semantics[t] == "인명" for t in toks):
            return True
        given = s[2:] if s[:2] in self.lex.surnames and len(s) == 4 else s[1:]
        return len(given) >= 2 and _person_alone(given)

    def fused(self, s: str, start: int, index: TokenIndex) -> tuple[Name, str] | None:
        """A name written together with what follows it (홍길동기자, 홍길동씨, 홍길동위원장,
        홍길동한빛대학교): the name and the rest of the word."""
        if len(s) < 3 or s[0] not in self.lex.surnames:
            return None
        for size, tail in self._fused_shapes(s):
            head, rest = s[:size], s[size:]
            if tail:
                return Name(head, start, SHAPED), rest
            toks = _tokens(index, start, start + size)
            if (
                not toks
                or index.semantics[toks[0]] != "인명"
                or index.ends[toks[-1]] != start + size
            ):
                continue
            if size == 2 and not _person_alone(head):
                continue
            return Name(head, start, STRONG), rest
        return None

    def _fused_shapes(self, s: str) -> list[tuple[int, bool]]:
        """Where ``s`` may split into a name and what follows it, by the strings alone (memoized:
        MeCab's reading is asked only for these): (name length, whether a 기자/씨/님 follows)."""
        if len(self._fused_memo) > MEMO_SIZE:
            self._fused_memo.clear()
        found = self._fused_memo.get(s)
        if found is None and not (
            s.endswith(_SPEAKER_TAILS)
            or self.lex.title_table.longest(s)
            or self.lex.org_ending(s)
            or self.lex.body(s[2:])
        ):
            found = self._fused_memo[s] = []  # nothing a name could be written together with
        if found is None:
            found = []
            for size in (3, 4, 2):
                if len(s) <= size:
                    continue
                head, rest = s[:size], s[size:]
                if not self.shaped(head) or self.excluded(head):
                    continue
                if rest in _SPEAKER_TAILS:
                    if not self.organization_shaped(head):
                        found.append((size, True))
                elif self.titles.is_title(rest) or self.lex.body(rest) or self._organization(rest):
                    found.append((size, False))
            self._fused_memo[s] = found
        return found

    def _organization(self, s: str) -> bool:
        ending = self.lex.org_ending(s)
        return ending is not None and ending[1].strong and len(s) > len(ending[0]) + 1

    def foreign_first(self, s: str, start: int, index: TokenIndex, shaped_ok: bool = False) -> bool:
        """Whether ``s`` is a foreign given name in Hangul (로버트, 케네스): one 인명 token of
        MeCab's that is not the shape of a Korean name (``shaped_ok``: or is, 라파엘, when
        what follows is no Korean name)."""
        if not _FOREIGN_PART.fullmatch(s) or (self.shaped(s) and not shaped_ok) or self.excluded(s):
            return False
        toks = _tokens(index, start, start + len(s))
        in_context = (
            len(toks) == 1 and index.semantics[toks[0]] == "인명" and index.tags[toks[0]] == "NNP"
        )
        return in_context or _person_alone(s)

    def foreign_surname(self, s: str) -> bool:
        """A foreign surname MeCab knows as a name on its own (오르테가 after 라파엘, which has
        a Korean name's shape) and that has none itself."""
        return not self.shaped(s) and _person_alone(s)

    def foreign_last(self, s: str, start: int, index: TokenIndex) -> bool:
        """Whether ``s`` at ``start`` may be a foreign surname after a given name: no title or
        body, and one proper noun in the sentence or no dictionary word alone (MeCab reads
        아시아, 바이오, 의정 as names; 최초, 현지, 정보 after them tell)."""
        if not _FOREIGN_PART.fullmatch(s) or self.excluded(s):
            return False
        toks = _tokens(index, start, start + len(s))
        if len(toks) == 1 and index.tags[toks[0]] == "NNP":
            return True  # 다카하시 유나
        return not _word_alone(s)


@lru_cache(maxsize=MEMO_SIZE)
def _word_alone(word: str) -> bool:
    """Whether MeCab reads ``word`` on its own as one dictionary word (최초, 현지, 클러스터)."""
    morphemes = parse_alone(word)
    return len(morphemes) == 1 and morphemes[0][1].startswith(_WORD_TAGS)


@lru_cache(maxsize=MEMO_SIZE)
def _person_alone(word: str) -> bool:
    """Whether MeCab reads ``word`` on its own as one person's name: its reading in a sentence
    depends on the words around (문재 + 인 before a title), its dictionary entry does not."""
    morphemes = parse_alone(word)
    return len(morphemes) == 1 and morphemes[0][1] == "NNP" and morphemes[0][2] == "인명"


def _tokens(index: TokenIndex, start: int, end: int) -> list[int]:
    span = index.char_range(start, end)
    if span is None:
        return []
    return [t for t in span if not index.is_space(t)]


def _inflected(index: TokenIndex, toks: list[int]) -> bool:
    """A verb or copula form (신청한, 공석인, 현황입): endings, verb suffixes or a copula."""
    return any(
        index.tags[t].startswith(("XSV", "XSA", "VCP", "VV", "VA", "VX", "E"))
        or "+E" in index.tags[t]
        for t in toks
    )


def _one_char_pieces(index: TokenIndex, toks: list[int]) -> bool:
    """MeCab cut the word into pieces of one character (서 + 욱): it does not know the word."""
    return len(toks) > 1 and all(index.ends[t] - index.starts[t] == 1 for t in toks)
