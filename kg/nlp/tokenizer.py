"""A spaCy tokenizer for Korean over MeCab-ko morphemes that keeps character offsets.

Every morpheme becomes a token, so particles (조사) are split from names and organizations;
whitespace between morphemes is kept in ``token.whitespace_`` or as its own token, so
``doc.text`` is exactly the input text and ``token.idx`` indexes it.
"""

from __future__ import annotations

from functools import lru_cache

import _mecab
import mecab
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.nlp.index import TokenIndex, set_token_index, token_index

# MeCab-ko (세종) tags -> Universal POS, for spaCy users who read token.pos_.
_UPOS = {
    "NNG": "NOUN",
    "NNB": "NOUN",
    "NNBC": "NOUN",
    "NR": "NUM",
    "NP": "PRON",
    "NNP": "PROPN",
    "VV": "VERB",
    "VA": "ADJ",
    "VX": "AUX",
    "VCP": "AUX",
    "VCN": "AUX",
    "MM": "DET",
    "MAG": "ADV",
    "MAJ": "CCONJ",
    "IC": "INTJ",
    "SN": "NUM",
    "SL": "X",
    "SH": "X",
    "SF": "PUNCT",
    "SE": "PUNCT",
    "SSO": "PUNCT",
    "SSC": "PUNCT",
    "SC": "PUNCT",
    "SY": "SYM",
}

if not Token.has_extension("semantic"):
    # MeCab-ko-dic's semantic class: 인명 (person name), 지명 (place name), ... Read from the
    # doc's token index: setting an extension token by token costs more than tokenizing.
    Token.set_extension("semantic", getter=lambda token: token_index(token.doc).semantics[token.i])


def _upos(tag: str) -> str:
    head = tag.split("+")[0]
    if head.startswith("J"):
        return "ADP"
    if head.startswith("E"):
        return "PART"
    if head.startswith("X"):
        return "PART"
    return _UPOS.get(head, "X")


@lru_cache(maxsize=1)
def _shared() -> MeCabTokenizer:
    return MeCabTokenizer(None)


def parse_alone(text: str) -> list[tuple[str, str, str | None]]:
    """(surface, tag, semantic class) of the morphemes MeCab-ko finds in ``text`` read alone."""
    return _shared()._morphemes(text)


class MeCabTokenizer:
    """Tokenize Korean text into MeCab-ko morphemes as a spaCy ``Doc``."""

    def __init__(self, vocab: Vocab | None) -> None:
        self.vocab = vocab
        self._mecab = mecab.MeCab()

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        semantics: list[str | None] = []
        pos = 0
        for surface, tag, semantic in self._morphemes(text) if text else []:
            # MeCab's own spans drift after leading line breaks: find each surface ourselves.
            start = text.find(surface, pos)
            if start < 0 or not surface:
                continue
            end = start + len(surface)
            if start > pos:
                gap = text[pos:start]
                if gap == " " and words and not spaces[-1]:
                    spaces[-1] = True
                else:
                    words.append(gap)
                    spaces.append(False)
                    tags.append("_SP" if gap.isspace() else "SY")
                    semantics.append(None)
            words.append(text[start:end])
            spaces.append(False)
            tags.append(tag)
            semantics.append(semantic)
            pos = end
        if pos < len(text):
            words.append(text[pos:])
            spaces.append(False)
            tags.append("_SP" if text[pos:].isspace() else "SY")
            semantics.append(None)
        pos_tags = ["SPACE" if tag == "_SP" else _upos(tag) for tag in tags]
        doc = Doc(self.vocab, words=words, spaces=spaces, tags=tags, pos=pos_tags)
        starts, ends, stops, offset = [], [], [], 0
        for word, space in zip(words, spaces):
            starts.append(offset)
            offset += len(word)
            ends.append(offset)
            offset += space
            stops.append(offset)
        set_token_index(doc, TokenIndex(text, starts, ends, stops, tags, semantics))
        return doc

    def _morphemes(self, text: str) -> list[tuple[str, str, str | None]]:
        """(surface, tag, semantic class) of each morpheme MeCab-ko finds in ``text``."""
        tagger = getattr(self._mecab, "_tagger", None)
        if tagger is None:  # a python-mecab-ko without the attribute: its public API
            return [(m.surface, m.feature.pos, m.feature.semantic) for m in self._mecab.parse(text)]
        # MeCab.parse builds a Morpheme and a Feature object per morpheme, which takes as long
        # as the analysis itself; read its lattice the same way, keeping the two fields used.
        lattice = _mecab.Lattice()
        lattice.add_request_type(_mecab.MECAB_ALLOCATE_SENTENCE)
        lattice.set_sentence(text)
        if not tagger.parse(lattice):
            raise mecab.MeCabError(tagger.what())
        morphemes = []
        for _, node in lattice:
            tag, semantic = node.feature.split(",", 2)[:2]
            morphemes.append((node.surface, tag, None if semantic == "*" else semantic))
        return morphemes

    # spaCy calls these when a pipeline is saved or loaded; the tokenizer has no state.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> MeCabTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> MeCabTokenizer:
        return self
