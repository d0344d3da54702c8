"""Korean NLP on spaCy: a MeCab-ko tokenizer and registered extractor components.

``load()`` returns the pipeline: ``kg_tokenizer`` -> ``kg_sentences`` -> ``kg_people``
-> ``kg_dates`` -> ``kg_quotes`` -> ``kg_proposals``. Each component is registered with spaCy
by name (``register``), so a pipeline can be assembled from config and a test can ``add_pipe``
one alone. spaCy is imported on first use, not with this package: resolving a corpus reads
``kg.nlp.lexicon`` and needs no spaCy.

The recognisers of ``kg_people``, by what they recognise: ``titles`` (a word as a title, fused
organizations split), ``names`` (name candidates), ``organizations`` (a word as an
organization), ``chains`` (the organization words around a name), ``persons`` (the orders of
name, title and organization), ``untitled`` (people named without a post: 씨, kin, an age, a
subject in running text), ``parens``, ``slots`` (인사 notices, scopes, careers), ``careers``
(former posts written before the name, and listed after it), ``shared`` (lists sharing a
post), ``short_forms``, ``lists`` (organizations on their own), ``bylines``;
``context`` (organizations known from context) runs in ``kg.facts``. They read the words of
``sentence`` and write the ``hits`` dataclasses; the data they use is ``lexicon``'s.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

PIPELINE = ("kg_sentences", "kg_people", "kg_dates", "kg_quotes", "kg_proposals", "kg_events")


def register() -> None:
    """Register kg's components with spaCy (importing their modules does)."""
    from kg.nlp import components, proposals, quotes  # noqa: F401


@lru_cache(maxsize=1)
def load() -> Language:
    """The Korean pipeline (cached: MeCab and the lexicons load once per process)."""
    import spacy

    from kg.nlp.tokenizer import MeCabTokenizer

    register()
    nlp = spacy.blank("xx")
    nlp.tokenizer = MeCabTokenizer(nlp.vocab)
    for name in PIPELINE:
        nlp.add_pipe(name)
    return nlp
