"""Where a release writes its people, organizations, titles, dates and places: the mentions, with
character offsets, and each person's and organization's own mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.model import Membership, Mention, Organization, Person, ReleaseFacts
from kg.nlp.hits import SentenceHits
from kg.nlp.index import token_index
from kg.nlp.lexicon import load as load_lexicon

_WORD_CHAR = re.compile(r"[가-힣A-Za-z0-9]")
_LONGEST = 80  # characters: no mention is longer
_TAIL = re.compile(r"[가-힣0-9]*")


@dataclass(frozen=True)
class MentionSources:
    """What a release's mentions are looked for from: its persons by name, its organizations,
    memberships, and the hits of each sentence (for short forms and titles)."""

    persons: dict[str, Person]
    organizations: list[Organization]
    memberships: list[Membership]
    hits: list[SentenceHits]


class _Found:
    """The mentions found so far, none inside another."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[tuple[int, int], Mention] = {}
        # start -> the farthest end of a mention that starts there
        self.ends_at: dict[int, int] = {}

    def add(self, start: int, end: int, label: str) -> None:
        found, ends_at = self.found, self.ends_at
        # not inside a mention already found: one starting at most _LONGEST before and ending after
        if (start, end) in found or any(
            ends_at.get(s, -1) >= end and (s, ends_at[s]) != (start, end)
            for s in range(max(0, start - _LONGEST), start + 1)
        ):
            return
        found[(start, end)] = Mention(start, end, self.text[start:end], label)
        ends_at[start] = max(end, ends_at.get(start, -1))


def find_mentions(doc, release, sources: MentionSources) -> list[Mention]:
    """The mentions of a release's persons, organizations, titles, dates and places, in text order.

    A short form (김 단장) counts as a mention of the one person with that surname and title.
    """
    text, body = release.text, release.body
    found = _Found(text)
    _names(doc, release, sources.persons, found.add)
    _short_forms(text, sources, found.add)
    _foreign_short_forms(text, body, sources.persons, sources.memberships, found.add)
    _organizations(doc, release, sources.organizations, found.add)
    for hits in sources.hits:
        for t in hits.titles:
            if any(ms.title == t.title for ms in sources.memberships):
                found.add(t.start, t.end, "TITLE")
    for s, e in doc._.kg_dates or []:
        found.add(s, e, "DATE")
    _places(doc, body, found.add)
    return sorted(found.found.values(), key=lambda m: (m.start, m.end))


def _names(doc, release, persons, add) -> None:
    """The full names of the release's persons (before 기자 or 씨 too) and its author's name."""
    text, body = release.text, release.body
    for name in persons:
        for s in _find_all(text, name, body.start, body.end):
            e = s + len(name)
            if (
                _boundary_ok(doc, text, s, e)
                or text[e : e + 2] in ("기자",)
                or text[e : e + 1] == "씨"
            ):
                add(s, e, "PERSON")
    if release.author_span:
        add(release.author_span.start, release.author_span.end, "PERSON")


def _organizations(doc, release, organizations, add) -> None:
    """Every form of the release's organizations, the longest first."""
    text, body = release.text, release.body
    for org in organizations:
        forms = {org.name, *org.aliases}
        for form in sorted(forms, key=len, reverse=True):
            for s in _find_all(text, form, body.start, body.end):
                e = s + len(form)
                if _boundary_ok(doc, text, s, e) or _title_follows(text, e):
                    add(s, e, "ORG")


def _short_forms(text: str, sources: MentionSources, add) -> None:
    """김 단장: a surname and a title are a short form of the one person with them."""
    for hits in sources.hits:
        for surname, title, start in hits.short_mentions:
            cands = {
                ms.person
                for ms in sources.memberships
                if (ms.person.startswith(surname) or ms.person.endswith(" " + surname))
                and ms.title
                and ms.title.endswith(title.title)
            }
            if len(cands) == 1:
                add(start, start + len(surname), "PERSON")
                mention = Mention(start, title.end, text[start : title.end], "PERSON")
                sources.persons[cands.pop()].mentions.append(mention)


def _places(doc, body, add) -> None:
    """The place names (MeCab's 지명 proper nouns) of the release's body."""
    index = token_index(doc)
    for tok, semantic in enumerate(index.semantics):
        if (
            semantic == "지명"
            and index.tags[tok] == "NNP"
            and body.start <= index.starts[tok] < body.end
        ):
            add(index.starts[tok], index.ends[tok], "LOC")


def _foreign_short_forms(text, body, persons, memberships, add) -> None:
    """벨로 대표 after 크리스토퍼 벨로 … 대표: a foreign surname and one of the person's titles
    is a short form of that person (the one person of the release with them)."""
    for name, person in persons.items():
        if " " not in name:
            continue
        surname = name.rsplit(" ", 1)[1]
        titles = {ms.title for ms in memberships if ms.person == name and ms.title}
        owners = {p for p in persons if p.endswith(" " + surname)}
        if len(owners) != 1:
            continue
        for title in titles:
            form = f"{surname} {title}"
            for s in _find_all(text, form, body.start, body.end):
                if s > 0 and _WORD_CHAR.match(text, s - 1):
                    continue
                if text[s - len(name) + len(surname) : s + len(surname)] == name:
                    continue  # the full name, written before its title
                if any(m.start == s for m in person.mentions):
                    continue  # attached already as a short form (kg.facts.release)
                add(s, s + len(surname), "PERSON")
                person.mentions.append(Mention(s, s + len(form), form, "PERSON"))


def attach_mentions(facts: ReleaseFacts) -> None:
    """Give each person and organization of ``facts`` its own mentions."""
    person_of = {p.name: p for p in facts.persons}
    forms = {}
    for o in facts.organizations:
        for f in (o.name, *o.aliases):
            forms.setdefault(f, o)
    for m in facts.mentions:
        # short forms (김 단장) were attached to their person when they were resolved
        if m.label == "PERSON" and m.text in person_of:
            person_of[m.text].mentions.append(m)
        elif m.label == "ORG" and m.text in forms:
            forms[m.text].mentions.append(m)
    for p in facts.persons:
        p.mentions.sort(key=lambda m: m.start)


def _boundary_ok(doc, text: str, start: int, end: int) -> bool:
    if start > 0 and _WORD_CHAR.match(text, start - 1):
        return False
    if end >= len(text) or not _WORD_CHAR.match(text, end):
        return True
    index = token_index(doc)
    span = index.char_range(end, min(len(text), end + 1))
    if span is None or index.starts[span[0]] != end:
        return False
    tok = span[0]
    if index.tags[tok].startswith(("J", "VCP")):
        return True
    return index.text[end : index.ends[tok]] in ("씨", "기자")


def _find_all(text: str, needle: str, start: int, end: int):
    """Where ``needle`` occurs in ``text[start:end]``, without overlaps: ``re.finditer`` of the
    escaped needle, minus compiling a regex for every name."""
    at = text.find(needle, start, end)
    while at >= 0:
        yield at
        at = text.find(needle, at + (len(needle) or 1), end)


def _title_follows(text: str, end: int) -> bool:
    tail = _TAIL.match(text, end).group(0)
    if tail.startswith("장"):  # 클라우드-플랫폼기술단 + 장
        return True
    return tail.startswith(_long_titles(load_lexicon().titles))


@lru_cache(maxsize=4)
def _long_titles(titles: frozenset[str]) -> tuple[str, ...]:
    return tuple(t for t in titles if len(t) >= 2)
