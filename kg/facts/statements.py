"""Who said and who proposed what: resolve quotes and proposals to the subject of their sentence.

``NAME TITLE은 “...”면서, “...”라고 말했다``: the speaker of every quote in a sentence is the
person named in the sentence's subject (the last ``은/는`` phrase before the first quote, else the
last ``이/가`` phrase), written in full or short (``김 단장은``). A subject that names no person
(``가나시 관계자는``) leaves the quotes without a speaker. A sentence that opens with ``이어`` or
``또`` and names no subject continues the previous sentence's speaker.

A proposal's proposers are the person, else the organization (by any of its aliases), that the
subject before it names; a sentence without a subject (``이를 위해 ...``) takes the previous
sentence's. A group subject (``토론자들은``) gives no proposers: the panel is not resolved yet.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kg.model import Mention, Proposal, Quote, ReleaseFacts, Span
from kg.nlp.proposals import ProposalHit, is_topic, tokens_in
from kg.nlp.quotes import QuoteHit

_SUBJECT = ("이", "가", "께서")
# Openers of a sentence that goes on quoting the previous sentence's speaker.
_CONTINUATIONS = {"이어", "이어서", "또", "또한", "그러면서", "아울러"}
# Tags a subject phrase is made of besides names: nouns, numbers, foreign words, suffixes.
_PHRASE_TAGS = ("N", "SL", "SH", "SN", "XSN", "XPN")


def resolve_quotes(facts: ReleaseFacts, doc: Doc) -> list[Quote]:
    """The quotes of ``doc._.kg_quotes`` with their sentence and speaker, in text order."""
    hits: list[QuoteHit] = doc._.kg_quotes or []
    text = facts.release.text
    by_sentence: dict[Span, list[QuoteHit]] = {}
    for hit in hits:
        sentence = facts.sentence_of(hit.marks.start) or hit.marks
        by_sentence.setdefault(sentence, []).append(hit)
    out: list[Quote] = []
    previous: tuple[Span, str | None] | None = None  # the last sentence with quotes, its speaker
    for sentence in sorted(by_sentence, key=lambda s: s.start):
        sentence_hits = by_sentence[sentence]
        limit = sentence_hits[0].marks.start
        subject = subject_phrase(doc, facts, sentence, limit, topic_only=False)
        opener = text[sentence.start : limit].replace(",", " ").split()
        if subject is not None:
            speaker = _person_in(facts, subject)
        elif (
            opener
            and all(w in _CONTINUATIONS for w in opener)
            and previous is not None
            and _follows(facts, previous[0], sentence)
        ):
            speaker = previous[1]
        else:
            speaker = None
        for hit in sentence_hits:
            out.append(Quote(text[hit.span.start : hit.span.end], hit.span, speaker, sentence))
        previous = (sentence, speaker)
    return out


def resolve_proposals(facts: ReleaseFacts, doc: Doc) -> list[Proposal]:
    """The proposals of ``doc._.kg_proposals`` with their proposers, in text order."""
    hits: list[ProposalHit] = doc._.kg_proposals or []
    text = facts.release.text
    out = []
    for hit in hits:
        subject = subject_phrase(doc, facts, hit.sentence, hit.span.start)
        if subject is None:
            earlier = [s for s in facts.sentences if s.end <= hit.sentence.start]
            if earlier:
                subject = subject_phrase(doc, facts, earlier[-1], earlier[-1].end)
        proposers = _proposers(facts, subject) if subject is not None else []
        label = text[hit.span.start : hit.span.end]
        out.append(Proposal(label, hit.kind, proposers, hit.span, hit.sentence))
    return out


def _follows(facts: ReleaseFacts, earlier: Span, later: Span) -> bool:
    """Whether ``later`` is the sentence right after ``earlier``."""
    order = facts.sentences
    return earlier in order and later in order and order.index(later) == order.index(earlier) + 1


def _named(facts: ReleaseFacts) -> list[Mention]:
    mentions = [m for p in facts.persons for m in p.mentions]
    return mentions + [m for o in facts.organizations for m in o.mentions]


def subject_phrase(
    doc: Doc, facts: ReleaseFacts, sentence: Span, limit: int, topic_only: bool = True
) -> Span | None:
    """The subject phrase of ``sentence`` before ``limit``: the last ``은/는`` word (else, unless
    ``topic_only``, the last ``이/가`` word) with the nouns, names and parentheses before it."""
    toks = tokens_in(doc, sentence.start, limit)
    named = [m for m in _named(facts) if sentence.start <= m.start < limit]
    heads = [k for k in range(1, len(toks)) if is_topic(toks[k], toks[k - 1])]
    if not heads and not topic_only:
        heads = [
            k
            for k in range(1, len(toks))
            if toks[k].tag_ == "JKS" and toks[k].text in _SUBJECT and _nounlike(toks[k - 1], named)
        ]
    if not heads:
        return None
    k = heads[-1]
    first, depth = k, 0
    for j in range(k - 1, -1, -1):
        tok = toks[j]
        if tok.tag_ == "SSC":
            depth += 1
        elif tok.tag_ == "SSO":
            depth -= 1
            if depth < 0:
                break
        elif depth == 0 and not _nounlike(tok, named):
            break
        first = j
    if first == k:
        return None
    return Span(toks[first].idx, toks[k].idx)


def _nounlike(tok: Token, named: list[Mention]) -> bool:
    if any(m.start <= tok.idx < m.end for m in named):
        return True
    return tok.tag_.startswith(_PHRASE_TAGS)


def _person_in(facts: ReleaseFacts, phrase: Span) -> str | None:
    """The person a mention inside ``phrase`` refers to (full name or short form), or None."""
    found = [
        (m.start, p.name)
        for p in facts.persons
        for m in p.mentions
        if m.label == "PERSON" and phrase.start <= m.start and m.end <= phrase.end
    ]
    return min(found)[1] if found else None


def _proposers(facts: ReleaseFacts, phrase: Span) -> list[str]:
    person = _person_in(facts, phrase)
    if person is not None:
        return [person]
    orgs = sorted(
        (m.start, o.name)
        for o in facts.organizations
        for m in o.mentions
        if phrase.start <= m.start and m.end <= phrase.end
    )
    if not orgs:
        return []
    # 가나대와 다라협회는, 가나도, 다라시와 마바공사는: the organizations joined to the subject
    text = facts.release.text
    joined: list[tuple[int, str]] = []
    start = orgs[0][0]
    while True:
        before = next(
            (
                (m.start, o.name)
                for o in facts.organizations
                for m in o.mentions
                if m.end < start and re.fullmatch(r"(?:와|과)?,?\s+", text[m.end : start])
            ),
            None,
        )
        if before is None:
            break
        joined.insert(0, before)
        start = before[0]
    return list(dict.fromkeys([name for _, name in joined] + [orgs[0][1]]))
