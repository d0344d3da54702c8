"""spaCy pipeline components registered by name: sentences, people and organizations, dates.

Results live on Doc extensions so that ``kg.facts`` can resolve them into dataclasses:
``doc._.kg_sentences`` (list of Span), ``doc._.kg_hits`` (one SentenceHits per sentence),
``doc._.kg_dates`` (list of (start, end)). The people component reads its lexicon from the
folder its config names (``data_dir``; default the package's ``kg/data``).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import Span
from kg.nlp import events as _events  # noqa: F401  (registers kg_events)
from kg.nlp.bylines import bylines
from kg.nlp.careers import former_posts_before, listed_career
from kg.nlp.hits import SentenceHits
from kg.nlp.index import doc_text, token_index
from kg.nlp.lexicon import MEMO_SIZE
from kg.nlp.lexicon import load as load_lexicon
from kg.nlp.lists import standalone_orgs
from kg.nlp.persons import PersonReader
from kg.nlp.sentence import Readers, SentenceWords
from kg.nlp.short_forms import nameless_posts, short_mentions
from kg.nlp.slots import SlotReader
from kg.nlp.words import sentences, words

for _name, _default in (
    ("kg_sentences", None),
    ("kg_hits", None),
    ("kg_dates", None),
    ("kg_body", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

_DATE = re.compile(
    r"\d{4}[-.]\d{1,2}[-.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{4}년\s*\d{1,2}월\s*\d{1,2}일|\d{4}년\s*\d{1,2}월|\d{1,2}월\s*\d{1,2}일|\d{4}년"
    r"|(?<![\d.])\d{1,2}일(?!\s*간)"
)


def _body(doc: Doc) -> Span:
    return doc._.kg_body or Span(0, len(doc_text(doc)))


@Language.component("kg_sentences", assigns=["doc._.kg_sentences"])
def sentence_component(doc: Doc) -> Doc:
    """Split the release body into sentences (line breaks; . ! ? outside quotes)."""
    body = _body(doc)
    doc._.kg_sentences = sentences(doc_text(doc), body.start, body.end)
    return doc


@Language.factory(
    "kg_people",
    default_config={"data_dir": None},
    requires=["doc._.kg_sentences"],
    assigns=["doc._.kg_hits"],
)
def make_people(nlp: Language, name: str, data_dir: str | None) -> PeopleComponent:
    return PeopleComponent(data_dir)


class PeopleComponent:
    """Recognise people with their titles and organizations, and standalone organizations."""

    def __init__(self, data_dir: str | None = None) -> None:
        self.lexicon = load_lexicon(data_dir)
        self.readers = Readers.of(self.lexicon)
        self.persons = PersonReader(self.readers)
        self.slots = SlotReader(self.persons)
        self._known_memo: dict[str, bool] = {}

    def _known(self, form: str) -> bool:
        """A form the recognisers know whole, whose last syllable is no particle (부산상의 is not
        부산상 + 의): a body, a title, or a word with an organization's ending."""
        found = self._known_memo.get(form)
        if found is None:
            found = form in self.lexicon.body_of_form or self.readers.titles.is_title(form)
            if not found:
                ending = self.lexicon.org_ending(form)
                found = ending is not None and len(ending[0]) >= 2 and len(form) > len(ending[0])
                found = found or (len(form) >= 4 and form.endswith("대"))  # 가나보건대 (보 + 건대)
            if len(self._known_memo) > MEMO_SIZE:
                self._known_memo.clear()
            self._known_memo[form] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        if doc._.kg_sentences is None:
            sentence_component(doc)
        index = token_index(doc)
        out = []
        for sp in doc._.kg_sentences:
            sw = SentenceWords(words(doc, sp, self.lexicon, self._known), index, self.readers)
            hits = SentenceHits()
            self.persons.read(sw, hits)
            former_posts_before(self.persons, sw, hits)
            nameless_posts(sw, hits)
            self.slots.read(sw, hits)
            listed_career(sw, hits)
            short_mentions(sw, hits)
            standalone_orgs(sw, hits)
            hits.titles = [t for t in sw.titles if t]
            out.append(hits)
        bylines(doc, doc._.kg_sentences, out, self.readers)
        doc._.kg_hits = out
        return doc


@Language.component("kg_dates", assigns=["doc._.kg_dates"])
def date_component(doc: Doc) -> Doc:
    """Find dates (2023-07-14, 2023년 7월 14일, 14일) in the body."""
    body = _body(doc)
    doc._.kg_dates = [
        (m.start() + body.start, m.end() + body.start)
        for m in _DATE.finditer(doc_text(doc)[body.start : body.end])
    ]
    return doc
