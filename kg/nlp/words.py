"""Sentences and words (어절) over a tokenized Doc: the units the extractors match on.

A word is a whitespace- or punctuation-delimited run of text; its *stem* is the word without a
trailing particle (조사) as MeCab-ko tags it, so ``경북도는`` has stem ``경북도``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

from kg.model import Span
from kg.nlp.index import doc_text, token_index
from kg.nlp.lexicon import Lexicon

# Punctuation that always separates words. '․' (U+2024) and '-' stay inside words (AI․Data).
_SEP = ",·‘’“”\"'[]【】△▲○▷□•=|「」『』<>《》〈〉:;!?…~/ㅣ"
_WORD_RE = re.compile(r"\(|\)|[" + re.escape(_SEP) + r"]|[^\s()" + re.escape(_SEP) + r"]+")
# A parenthesised acronym or (주) glued to a word stays in it: 정보기술(IT)학부, 동진기업(주).
_INNER_PAREN = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9&.\-]+$|^주$")
_PARTICLE_TAGS = ("J", "VCP", "E")
_ADMIN_PARTS = ("시", "도", "군", "구", "시·군", "시·도")
_STRING_PARTICLES = (
    "에서는", "에서도", "으로는", "으로서", "이었던", "이었다", "입니다",
    "에서", "에게", "에는", "으로", "로는", "로서", "이며", "이자", "이다", "이던", "였던",
    "과", "와", "은", "는", "이", "가", "을", "를", "의", "에", "엔", "도", "로", "인",
)  # fmt: skip
_PARTICLE_SET = frozenset(_STRING_PARTICLES)
_PARTICLE_LENGTHS = sorted({len(p) for p in _STRING_PARTICLES}, reverse=True)


class Word:
    """A word of a sentence at ``start:end``; its stem ends at ``stem_end`` (before its
    particle)."""

    __slots__ = ("start", "end", "text", "punct", "forced", "stem", "_stem_end")

    def __init__(  # noqa: PLR0913 (the word's slots, set once)
        self,
        start: int,
        end: int,
        text: str,
        stem_end: int,
        punct: bool = False,
        forced: bool = False,
    ):
        self.start, self.end, self.text, self.punct = start, end, text, punct
        # a name whose last syllable MeCab read as a particle (한가도: 한가 + 도)
        self.forced = forced
        self.stem_end = stem_end

    @property
    def stem_end(self) -> int:
        return self._stem_end

    @stem_end.setter
    def stem_end(self, end: int) -> None:
        # the stem is read thousands of times per release: kept as a string
        self._stem_end = end
        self.stem = self.text[: end - self.start]

    def __repr__(self) -> str:
        return f"Word({self.start}, {self.end}, {self.text!r}, stem={self.stem!r})"


def sentences(text: str, start: int, end: int) -> list[Span]:
    """Split ``text[start:end]`` into sentences: at line breaks, and after . ! ? outside quotes."""
    spans: list[Span] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        ls, le = start + line.start(), start + line.end()
        s = ls
        depth = 0
        straight = False
        for i in range(ls, le):
            ch = text[i]
            if ch == "“":
                depth += 1
            elif ch == "”":
                depth = max(0, depth - 1)
            elif ch == '"':
                straight = not straight
            elif (
                ch in ".!?"
                and depth == 0
                and not straight
                and i + 1 < le
                and (text[i + 1] == " " or (text[i - 1] == "다" and "가" <= text[i + 1] <= "힣"))
                and i > s
                and not text[i - 1].isdigit()
            ):
                # 밝혔다.또: a sentence may end with no space after its full stop
                spans.append(Span(s, i + 1))
                s = i + 2 if text[i + 1] == " " else i + 1
        if text[s:le].strip():
            spans.append(Span(s, le))
    return [_trim(text, sp) for sp in spans if text[sp.start : sp.end].strip()]


def _trim(text: str, sp: Span) -> Span:
    s, e = sp.start, sp.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Span(s, e)


def words(
    doc: Doc, span: Span, lexicon: Lexicon, known: Callable[[str], bool] | None = None
) -> list[Word]:
    """The words of one sentence, with particles split off into ``stem_end``. ``known`` tells
    a word the recognisers know (a title, a public body) from others, for the particles MeCab
    does not split off (default: the lexicon's title words and bodies)."""
    if known is None:

        def known(form: str) -> bool:
            return form in lexicon.titles or form in lexicon.body_of_form

    text = doc_text(doc)
    raw = [
        (m.start() + span.start, m.end() + span.start)
        for m in _WORD_RE.finditer(text[span.start : span.end])
    ]
    merged = _glued(text, raw)
    out = []
    for s, e in merged:
        t = text[s:e]
        if len(t) == 1 and (t in "()" or t in _SEP):
            out.append(Word(s, e, t, e, punct=True))
            continue
        # a sentence's full stop is not part of its last word (김철수 도지사.)
        stop = e - 1 if len(t) > 1 and t[-1] == "." and not t[-2].isdigit() else e
        out.append(Word(s, stop, text[s:stop], _stem_end(doc, s, stop, known)))
        if stop < e:
            out.append(Word(stop, e, ".", e, punct=True))
    return out


def _glued(text: str, raw: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The raw pieces with those written as one word glued again: (주)가나테크, 정무1·2비서관,
    시·군의회, WORD(ACRONYM)WORD."""
    merged: list[tuple[int, int]] = []
    i = 0
    while i < len(raw):
        s, e = raw[i]

        def piece(k: int) -> str:
            return text[raw[k][0] : raw[k][1]]

        # (주)가나테크: the company mark glued to the name that follows it
        if (
            piece(i) == "("
            and i + 3 < len(raw)
            and piece(i + 1) == "주"
            and piece(i + 2) == ")"
            and raw[i + 3][0] == raw[i + 2][1]
            and text[raw[i + 3][0]] not in "()" + _SEP
        ):
            e = raw[i + 3][1]
            i += 3
        # 정무1·2비서관, 시·군의회: numbered posts and 시·도, 시·군·구 joined by · are one word
        while (
            i + 2 < len(raw)
            and (piece(i)[-1:].isdigit() or piece(i) in _ADMIN_PARTS)
            and piece(i + 1) == "·"
            and (piece(i + 2)[:1].isdigit() or piece(i + 2)[:1] in _ADMIN_PARTS)
            and raw[i + 1][0] == e
            and raw[i + 2][0] == raw[i + 1][1]
        ):
            e = raw[i + 2][1]
            i += 2
        # glue WORD ( ACRONYM ) [WORD] written without spaces into one word
        while (
            piece(i) not in ("(", ")")
            and i + 3 < len(raw)
            and piece(i + 1) == "("
            and raw[i + 1][0] == e
            and _INNER_PAREN.match(piece(i + 2))
            and piece(i + 3) == ")"
        ):
            e = raw[i + 3][1]
            i += 3
            if i + 1 < len(raw) and raw[i + 1][0] == e and text[raw[i + 1][0]] not in "()" + _SEP:
                e = raw[i + 1][1]
                i += 1
        merged.append((s, e))
        i += 1
    return merged


def _stem_end(doc: Doc, start: int, end: int, known: Callable[[str], bool]) -> int:
    text = doc_text(doc)
    word = text[start:end]
    # A known word with a particle as written: MeCab may read the particle as a noun (시장과 ->
    # 시장 + 과/NNG), split only part of it (비상임이사로는 -> … + 는), or read the word's own
    # last syllable as one (경북도 -> 경북 + 도).
    if known(word):
        return end
    for n in _PARTICLE_LENGTHS:
        if len(word) > n and word[-n:] in _PARTICLE_SET and known(word[:-n]):
            return end - n
    index = token_index(doc)
    span = index.char_range(start, end)
    if span is None:
        return end
    cut = end
    for tok in reversed(span):
        if index.starts[tok] <= start:
            break
        tag = index.tags[tok]
        if tag.startswith(_PARTICLE_TAGS) and not tag.startswith("EC+"):
            cut = index.starts[tok]
        else:
            break
    return cut
