"""The per-doc token index agrees with spaCy's own Doc: text, tags, semantics, char_span."""

from __future__ import annotations

import pytest

from kg.nlp import load
from kg.nlp.index import token_index
from kg.nlp.proposals import tokens_in

TEXT = "\n\n김철수 가나도지사는  14일  “좋다”고 밝혔다.\n가나전자(주) 이영희 대표가 참석했다. "


@pytest.fixture(scope="module")
def doc():
    return load().make_doc(TEXT)


def test_index_holds_the_docs_text_tags_and_offsets(doc):
    index = token_index(doc)
    assert index.text == doc.text == TEXT
    assert index.tags == [t.tag_ for t in doc]
    assert index.starts == [t.idx for t in doc]
    assert index.ends == [t.idx + len(t.text) for t in doc]
    assert index.stops == [t.idx + len(t.text_with_ws) for t in doc]
    assert [index.is_space(i) for i in range(len(doc))] == [t.is_space for t in doc]


def test_semantic_extension_reads_the_index(doc):
    index = token_index(doc)
    assert [t._.semantic for t in doc] == index.semantics
    assert "인명" in index.semantics  # MeCab-ko-dic knows 김철수 as a person name


def test_char_range_is_char_span_expand(doc):
    for start in range(-1, len(TEXT) + 2):
        for end in range(start, min(len(TEXT) + 2, start + 12)):
            span = doc.char_span(start, end, alignment_mode="expand")
            expected = None if span is None else range(span.start, span.end)
            assert token_index(doc).char_range(start, end) == expected, (start, end)


def test_tokens_in_is_the_tokens_inside(doc):
    for start, end in ((0, len(TEXT)), (2, 9), (5, 5), (10, 40), (30, 20)):
        expected = [t.i for t in doc if t.idx >= start and t.idx + len(t.text) <= end]
        assert [t.i for t in tokens_in(doc, start, end)] == expected
