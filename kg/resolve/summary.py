"""What resolution needs of one release: its names, their organizations and posts, where they are
written, and the evidence identity weighs (``kg.resolve.evidence``): date, co-mentions, notes.

A summary is plain data (``to_data`` / ``from_data``) so that a build can keep one per release in
its cache for thousands of releases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.model import Mention, Release, ReleaseFacts
from kg.rdf.iris import release_iri

# What a release writes in parentheses after a name or its title: party, district, age, terms
# (``NAME(가나당·다라2·재선) 의원``, ``NAME 의원(54·차선거구·4선)``). The words between the name
# and the parenthesis are a title or an organization: no punctuation, no line break.
_NOTE = re.compile(r"[가-힣A-Za-z0-9 ]{0,20}?\(([^()\n]{1,40})\)")
_NOTE_SPLIT = re.compile(r"[·ㆍ,/]")
_MAX_NOTES = 8
# 〃 (or ″, "): the same as above; what it repeats is the place of the district before it
_DITTO = ("〃", "″", '"')
_DISTRICT_NOTE = re.compile(r"\(([가-힣]{2,4}(?:시|군|구))(?:갑|을|병|정|무|\d{1,2})[)·]")
_DITTO_REACH = 400  # characters back to the district a ditto mark repeats
# A written date: 2024-07-01, 2024.07.01, 2024년 7월 1일 (news pages print it in their header).
_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:[-./]|년)\s*(\d{1,2})\s*(?:[-./]|월)\s*(\d{1,2})(?!\d)")
_DATE_HEAD = 1500  # characters of the text where a page prints its own date


def _source_spans(
    release: Release, mentions: Iterable[Mention], label: str
) -> list[tuple[int, int]]:
    spans = set()
    for m in mentions:
        if m.label == label:
            end = release.source_offset(m.end - 1) + 1 if m.end > m.start else m.end
            spans.add((release.source_offset(m.start), end))
    return sorted(spans)


@dataclass
class OrgEntry:
    """An organization as one release describes it (``kg.model.Organization`` without text)."""

    name: str
    kind: str
    aliases: list[str]
    parent: str | None
    spans: list[tuple[int, int]]  # where the release writes it, source offsets

    def to_data(self) -> list:
        return [self.name, self.kind, self.aliases, self.parent, [list(s) for s in self.spans]]

    @classmethod
    def from_data(cls, data: list) -> OrgEntry:
        name, kind, aliases, parent, spans = data
        return cls(name, kind, list(aliases), parent, [tuple(s) for s in spans])


Role = tuple[str, str | None, str | None, str | None]  # (person, title, organization, inferred)


@dataclass
class ReleaseSummary:
    """What resolution needs of one release: its names, their organizations and where they are
    written. A few kilobytes, so a corpus of thousands of releases resolves without holding
    their facts (``summarize``)."""

    path: str  # Release.path
    iri: str  # release_iri
    organizations: list[OrgEntry]
    referenced: list[str]  # organizations linked to but not described (``_referenced_orgs``)
    person_names: list[str]  # every name the RDF may make a person of (``_person_names``)
    person_spans: dict[str, list[tuple[int, int]]]  # where each person is written
    memberships: list[tuple[str, str]]  # (person, organization) of memberships with one
    title: str | None = None  # the release's title (graph.html's heading for one release)
    # -- the evidence of identity (kg.resolve.evidence) --
    date: str | None = None  # ISO date of the release: published, else the first one written
    roles: list[Role] = field(default_factory=list)  # every membership, with its title
    # (``release_roles``: 전 TITLE for a former post, TITLE 후보 for a candidacy's office)
    notes: dict[str, list[str]] = field(default_factory=dict)  # person -> words in parentheses
    bylines: list[str] = field(default_factory=list)  # persons who wrote it (작성자, 기자)
    events: list[tuple[str, str | None, str | None]] = field(
        default_factory=list
    )  # name, kind, date
    publisher: str | None = None

    def organization(self, name: str) -> OrgEntry | None:
        by_name = self.__dict__.get("_by_name")
        if by_name is None:
            by_name = self.__dict__["_by_name"] = {}
            for o in reversed(self.organizations):  # the first of a name wins, as in a scan
                by_name[o.name] = o
        return by_name.get(name)

    def to_data(self) -> dict:
        """The summary as plain data (dicts, lists, strings, numbers, None): JSON or msgpack."""
        return {
            "path": self.path,
            "iri": self.iri,
            "organizations": [o.to_data() for o in self.organizations],
            "referenced": self.referenced,
            "person_names": self.person_names,
            "person_spans": {n: [list(s) for s in v] for n, v in self.person_spans.items()},
            "memberships": [list(m) for m in self.memberships],
            "title": self.title,
            "date": self.date,
            "roles": [list(r) for r in self.roles],
            "notes": self.notes,
            "bylines": self.bylines,
            "events": [list(e) for e in self.events],
            "publisher": self.publisher,
        }

    @classmethod
    def from_data(cls, data: dict) -> ReleaseSummary:
        """The summary ``to_data`` gave (``from_data(s.to_data()) == s``)."""
        return cls(
            path=data["path"],
            iri=data["iri"],
            organizations=[OrgEntry.from_data(o) for o in data["organizations"]],
            referenced=list(data["referenced"]),
            person_names=list(data["person_names"]),
            person_spans={n: [tuple(s) for s in v] for n, v in data["person_spans"].items()},
            memberships=[tuple(m) for m in data["memberships"]],
            title=data.get("title"),
            date=data.get("date"),
            roles=[tuple(r) for r in data.get("roles", [])],
            notes={n: list(v) for n, v in data.get("notes", {}).items()},
            bylines=list(data.get("bylines", [])),
            events=[tuple(e) for e in data.get("events", [])],
            publisher=data.get("publisher"),
        )


def summarize(facts: ReleaseFacts) -> ReleaseSummary:
    """The ``ReleaseSummary`` of one release's facts."""
    release = facts.release
    return ReleaseSummary(
        path=release.path,
        iri=str(release_iri(release)),
        organizations=[
            OrgEntry(
                o.name, o.kind, list(o.aliases), o.parent, _source_spans(release, o.mentions, "ORG")
            )
            for o in facts.organizations
        ],
        referenced=_referenced_orgs(facts),
        person_names=_person_names(facts),
        person_spans={p.name: _source_spans(release, p.mentions, "PERSON") for p in facts.persons},
        memberships=[
            (m.person, m.organization) for m in facts.memberships if m.organization is not None
        ],
        title=release.title,
        date=release_date(release),
        roles=release_roles(facts),
        notes=person_notes(facts),
        bylines=[p.name for p in facts.persons if p.role is not None],
        events=[(e.name, e.kind, e.start_date) for e in facts.events],
        publisher=release.publisher,
    )


def release_roles(facts: ReleaseFacts) -> list[Role]:
    """Every membership as a role, a former post's title written ``전 TITLE`` (as the text would
    write it), and after each candidacy the office it is for (``시장 후보`` of 가나시), which
    ``kg.resolve.titles.parse_title`` reads back."""
    out: list[Role] = []
    for m in facts.memberships:
        title = f"전 {m.title}" if m.former and m.title else m.title
        out.append((m.person, title, m.organization, m.inferred))
        if m.office:
            out.append((m.person, f"{m.office} 후보", m.office_organization, None))
    return out


def release_date(release: Release) -> str | None:
    """The release's date as ISO ``YYYY-MM-DD``: its published date, else the first full date
    written near the top of its text (a news page prints its own there), else None.

    >>> from kg.model import Span
    >>> release_date(Release("a.txt", "가나일보, 2024-07-01 18:31", Span(0, 0)))
    '2024-07-01'
    """
    if release.published is not None:
        return release.published.date().isoformat()
    for m in _DATE.finditer(release.text, 0, _DATE_HEAD):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def person_notes(facts: ReleaseFacts) -> dict[str, list[str]]:
    """For each person, the words of the parentheses the release writes after the name or after
    the name and its title, split at ·: ``{"한가람": ["가나당", "다라2", "재선"]}``."""
    text = facts.release.text
    starts = sorted(m.start for p in facts.persons for m in p.mentions if m.label == "PERSON")
    out: dict[str, list[str]] = {}
    for person in facts.persons:
        words: list[str] = []
        for m in person.mentions:
            if m.label != "PERSON":
                continue
            found = _NOTE.match(text, m.end)
            if found is None or any(m.end < s < found.end() for s in starts):
                continue  # no parenthesis, or it belongs to the next name
            for word in _NOTE_SPLIT.split(found.group(1)):
                word = _ditto(text, found.start(1), word.strip())
                if word and word not in words and len(words) < _MAX_NOTES:
                    words.append(word)
        if words:
            out[person.name] = words
    return out


def _ditto(text: str, at: int, word: str) -> str:
    """A district written with a ditto mark (``NAME(가나시갑)·NAME(〃을)``) is of the city of the
    district written before it: 가나시을; other words as they are."""
    if not word.startswith(_DITTO):
        return word
    before = list(_DISTRICT_NOTE.finditer(text, max(0, at - _DITTO_REACH), at))
    return before[-1].group(1) + word[1:] if before else word


def _referenced_orgs(facts: ReleaseFacts) -> list[str]:
    """Organization names the release links to without describing them (bare nodes in RDF)."""
    described = {o.name for o in facts.organizations}
    persons = {p.name for p in facts.persons}
    names = [o.parent for o in facts.organizations if o.parent is not None]
    names += [m.organization for m in facts.memberships if m.organization is not None]
    names += [n for p in facts.proposals for n in p.proposers if n not in persons]
    for event in facts.events:
        names += [n for n in (*event.organizers, *event.attendees) if n not in persons]
    return [n for n in dict.fromkeys(names) if n not in described]


def _person_names(facts: ReleaseFacts) -> list[str]:
    """Every name ``kg.rdf`` may make a person node of, in order of first appearance."""
    names = [p.name for p in facts.persons] + [m.person for m in facts.memberships]
    names += [q.speaker for q in facts.quotes if q.speaker is not None]
    for event in facts.events:
        for item in event.agenda:
            names += [*item.performers, *item.moderators, *item.panelists]
    return list(dict.fromkeys(names))
