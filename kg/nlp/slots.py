"""인사 notices and lists that share a post (KOREAN_FORMS §1, §3): to be filled."""

from __future__ import annotations

from kg.nlp.hits import SentenceHits
from kg.nlp.sentence import SentenceWords


class SlotReader:
    def __init__(self, persons) -> None:
        self.persons = persons

    def read(self, sw: SentenceWords, hits: SentenceHits) -> None:
        return None
