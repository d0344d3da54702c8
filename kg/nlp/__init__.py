"""Korean NLP on spaCy: a MeCab-ko tokenizer and registered extractor components.

``load()`` returns the pipeline: ``kg_tokenizer`` -> ``kg_sentences`` -> ``kg_people``
-> ``kg_dates`` -> ``kg_quotes`` -> ``kg_proposals``. Each component is registered with spaCy
by name, so a pipeline can be assembled from config and a test can ``add_pipe`` one alone.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from kg.nlp import components, proposals, quotes  # noqa: F401  (registers the components)
from kg.nlp.tokenizer import MeCabTokenizer

PIPELINE = ("kg_sentences", "kg_people", "kg_dates", "kg_quotes", "kg_proposals", "kg_events")


@lru_cache(maxsize=1)
def load() -> Language:
    """The Korean pipeline (cached: MeCab and the lexicons load once per process)."""
    nlp = spacy.blank("xx")
    nlp.tokenizer = MeCabTokenizer(nlp.vocab)
    for name in PIPELINE:
        nlp.add_pipe(name)
    return nlp
