"""Per-doc lookups the extractors repeat: the text, token offsets, MeCab tags and semantic classes.

spaCy's ``Doc.text`` joins every token again on each access, and iterating a span builds a
``Token`` object per step; the extractors ask thousands of times per release, so they read these
plain lists instead. The tokenizer fills the index as it builds the Doc; a Doc made another way
gets one on first use, without semantic classes. kg's components never retokenize a Doc, so its
index stays valid.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

_KEY = "kg_index"


@dataclass(frozen=True)
class TokenIndex:
    """Token ``i`` covers ``text[starts[i] : ends[i]]``, then its trailing space up to
    ``stops[i]``; it has MeCab-ko tag ``tags[i]`` (``_SP`` for whitespace) and semantic class
    ``semantics[i]`` (인명, 지명 ... or None)."""

    text: str
    starts: list[int]
    ends: list[int]
    stops: list[int]
    tags: list[str]
    semantics: list[str | None]

    def first_from(self, start: int) -> int:
        """The index of the first token that starts at or after ``start``."""
        return bisect_left(self.starts, start)

    def token_at(self, char: int) -> int:
        """The token whose text or trailing space holds ``text[char]``, or -1."""
        i = bisect_right(self.starts, char) - 1
        return i if i >= 0 and char < self.stops[i] else -1

    def char_range(self, start: int, end: int) -> range | None:
        """The tokens of ``doc.char_span(start, end, alignment_mode="expand")``, or None."""
        first = self.token_at(start)
        if first < 0:
            return None
        last = self.token_at(end - 1)
        if last < 0:
            return None
        if start == self.ends[first]:  # spaCy: a token's trailing space is not part of it
            first += 1
        if first > last + 1:
            raise IndexError(f"no span from character {start} to {end}")  # as spaCy's Span
        return range(first, last + 1)

    def is_space(self, i: int) -> bool:
        """``doc[i].is_space``."""
        return self.text[self.starts[i] : self.ends[i]].isspace()


def token_index(doc: Doc) -> TokenIndex:
    """The index of ``doc``, built on first use and kept in ``doc.user_data``."""
    found = doc.user_data.get(_KEY)
    if found is None:
        found = TokenIndex(
            doc.text,
            [t.idx for t in doc],
            [t.idx + len(t.text) for t in doc],
            [t.idx + len(t.text_with_ws) for t in doc],
            [t.tag_ for t in doc],
            [None] * len(doc),  # MeCab's semantic classes come only from our tokenizer
        )
        doc.user_data[_KEY] = found
    return found


def set_token_index(doc: Doc, index: TokenIndex) -> None:
    doc.user_data[_KEY] = index


def doc_text(doc: Doc) -> str:
    """``doc.text``, without rebuilding it from the tokens."""
    return token_index(doc).text
