"""Former posts written before the person who held them (KOREAN_FORMS §1, §4): ``[ORG] TITLE을
지낸 NAME``, ``TITLE을 역임한 NAME``, ``TITLE을 거친 NAME`` give NAME that post as a former one.
(The posts a sentence lists after its person, ``NAME은 … TITLE을 지냈다``, are kg.nlp.slots'.)"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.nlp.hits import Affiliation, SentenceHits
from kg.nlp.sentence import SentenceWords

# A verb of a career, as the modifier of the name after it (지낸, 역임한, 거친, 맡았던).
CAREER_BEFORE = re.compile(
    r"(?:지낸|지냈던|역임한|역임했던|거친|거쳤던|맡았던|맡은|지내고|역임하고)$"
)


def career_before(sw: SentenceWords, k: int) -> bool:
    """Word ``k`` is a title with 을/를 that a verb of a career after it gives to the next name
    (전반기 가나위원장을 지낸 홍길동: the words before the title are no name)."""
    return (
        0 <= k < sw.n - 1
        and bool(sw.titles[k])
        and sw.particle(k) in ("을", "를")
        and bool(CAREER_BEFORE.search(sw.ws[k + 1].text))
    )


_CAREER_AFTER = re.compile(r"지낸|지냈|역임|거쳐|거친|거쳤")
_LISTED = ("과", "와", "을", "를", "등", "등을")


def listed_career(sw: SentenceWords, hits: SentenceHits) -> None:
    """홍길동 실장은 가나정책관, 다라국장 등을 역임했다: the titles a career sentence lists
    after its one person with no organization of their own are that person's former posts
    (kg.nlp.context finds their organization)."""
    if len(hits.persons) != 1 or not _CAREER_AFTER.search(
        sw.index.text[sw.ws[0].start : sw.ws[-1].end]
    ):
        return
    person = hits.persons[0]
    held = {a.title.title for a in person.affiliations if a.title is not None}
    for k in range(sw.n):
        t = sw.titles[k]
        if t is None or k in sw.used or t.start < person.end or t.org is not None:
            continue
        if t.title in held or sw.org(k - 1, strict=True) is not None:
            continue  # a post with its organization: kg.nlp.slots gives it
        listed = sw.particle(k) in _LISTED or sw.is_punct(k + 1, ",·") or sw.text(k + 1) in _LISTED
        if listed:
            person.affiliations.append(Affiliation(replace(t, former=True), []))
            held.add(t.title)


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
