"""Former posts written before the person who held them (KOREAN_FORMS §1, §4): ``[ORG] TITLE을
지낸 NAME``, ``TITLE을 역임한 NAME``, ``TITLE을 거친 NAME`` give NAME that post as a former one.
(The posts a sentence lists after its person, ``NAME은 … TITLE을 지냈다``, are kg.nlp.slots'.)"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.nlp.hits import Affiliation, SentenceHits
from kg.nlp.sentence import SentenceWords

# A verb of a career, as the modifier of the name after it (지낸, 역임한, 거친, 맡았던).
CAREER_BEFORE = re.compile(r"(?:지낸|지냈던|역임한|역임했던|거친|거쳤던|맡았던|맡은|지내고|역임하고)$")


def career_before(sw: SentenceWords, k: int) -> bool:
    """Word ``k`` is a title with 을/를 that a verb of a career after it gives to the next name
    (전반기 가나위원장을 지낸 홍길동: the words before the title are no name)."""
    return (
        0 <= k < sw.n - 1
        and bool(sw.titles[k])
        and sw.particle(k) in ("을", "를")
        and bool(CAREER_BEFORE.search(sw.ws[k + 1].text))
    )


def former_posts_before(reader, sw: SentenceWords, hits: SentenceHits) -> None:
    """Give the person named right after ``TITLE을 지낸`` that title as a former post."""
    starts = {h.start: h for h in hits.persons}
    for k in range(sw.n - 2):
        if not career_before(sw, k):
            continue
        person = starts.get(sw.ws[k + 2].start)
        if person is None:
            continue
        t = sw.titles[k]
        chain = reader.left_orgs(sw, k) + ([t.org] if t.org else [])
        person.affiliations.append(Affiliation(replace(t, former=True), chain))
