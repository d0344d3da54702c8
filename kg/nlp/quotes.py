"""Where direct quotes are recognised: “...” and "..." spans of the body that report speech.

The registered component ``kg_quotes`` sets ``doc._.kg_quotes`` to a list of ``QuoteHit``: the
quoted text (inside the marks, stripped) of every pair of quote marks on one line of the body that
a reporting ending follows (``”라고 말했다``, ``”며``, ``”면서,``) or that closes its sentence.
Quoted names and terms (``“디지털 플랫폼 정부”라는``) are not speech and are left out. Who said
a quote is resolved later, from the sentence's subject (``kg.statements``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import Span
from kg.nlp.index import doc_text

if not Doc.has_extension("kg_quotes"):
    Doc.set_extension("kg_quotes", default=None)

# One quote per pair of marks on a line: curly “...”, or straight "..." paired left to right.
_PAIR = re.compile(r"“([^“”\n]*)”|\"([^\"\n]*)\"")
# What follows the closing mark of reported speech: 라고/라며/라면서, 고/며/면서, 하며 ...
_REPORTING = re.compile(r"(?:이?라|하)?(?:고|며|면서)(?![가-힣])")
_SENTENCE_END = re.compile(r"[.!?]?\s*(?:\n|$)|[.!?](?=\s)")


@dataclass(frozen=True)
class QuoteHit:
    """A quoted span: ``span`` is the text inside the marks, stripped; ``marks`` includes them."""

    span: Span
    marks: Span


def find_quotes(text: str, start: int, end: int) -> list[QuoteHit]:
    """The reported-speech quotes of ``text[start:end]``.

    >>> text = '김철수 장관은 “좋은 결과다”라며 “‘가나’라는 말”이라고 말했다. “AI”라는 용어.'
    >>> [text[q.span.start : q.span.end] for q in find_quotes(text, 0, len(text))]
    ['좋은 결과다', '‘가나’라는 말']
    """
    hits = []
    for m in _PAIR.finditer(text, start, end):
        group = 1 if m.group(1) is not None else 2
        inner_start, inner_end = m.start(group), m.end(group)
        while inner_start < inner_end and text[inner_start].isspace():
            inner_start += 1
        while inner_end > inner_start and text[inner_end - 1].isspace():
            inner_end -= 1
        if inner_start == inner_end:
            continue
        after = text[m.end() : end]
        if _REPORTING.match(after) or _SENTENCE_END.match(after):
            hits.append(QuoteHit(Span(inner_start, inner_end), Span(m.start(), m.end())))
    return hits


@Language.component("kg_quotes")
def quote_component(doc: Doc) -> Doc:
    """Find the direct quotes (“...” and "...") of the release body."""
    body = doc._.kg_body or Span(0, len(doc_text(doc)))
    doc._.kg_quotes = find_quotes(doc_text(doc), body.start, body.end)
    return doc
