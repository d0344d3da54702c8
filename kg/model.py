"""Plain dataclasses passed between the stages: ingest -> nlp -> facts -> rdf -> analysis -> render.

All character offsets count characters of ``Release.text`` (the file's decoded text for ``.txt``
input; for ``.html`` input ``Release.source_offset`` maps them back into the decoded HTML source).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

ORG_KINDS = (
    "government",
    "legislature",
    "company",
    "university",
    "public_agency",
    "association",
    "media",
    "other",
)

MENTION_LABELS = ("PERSON", "ORG", "TITLE", "LOC", "DATE")


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of ``Release.text``."""

    start: int
    end: int


@dataclass
class Release:
    """One press release (보도자료): its decoded text, where the body is, and its metadata."""

    path: str
    text: str
    body: Span
    title: str | None = None
    subtitles: list[str] = field(default_factory=list)
    department: list[str] = field(default_factory=list)  # outermost first: [국, 과]
    publisher: str | None = None
    phone: str | None = None
    author: str | None = None  # 작성자
    author_span: Span | None = None
    published: datetime | None = None
    views: int | None = None
    images: list[str] = field(default_factory=list)
    license: str | None = None
    # For HTML input: text offset -> offset in the decoded HTML source. None means identity.
    offset_map: list[int] | None = None
    # For HTML input: the decoded HTML source that ``text`` was extracted from (NIF's context).
    source_text: str | None = None

    @property
    def body_text(self) -> str:
        return self.text[self.body.start : self.body.end]

    def source_offset(self, i: int) -> int:
        """Map an offset of ``text`` to an offset of the decoded source file."""
        if self.offset_map is None:
            return i
        if i >= len(self.offset_map):
            return self.offset_map[-1] + 1 if self.offset_map else i
        return self.offset_map[i]


@dataclass(frozen=True)
class Mention:
    """An entity mention: ``text == release.text[start:end]``."""

    start: int
    end: int
    text: str
    label: str  # one of MENTION_LABELS


@dataclass
class Organization:
    """An organization or organizational unit named (or implied) in a release."""

    name: str  # fullest form in the release; the node's key within a release
    kind: str = "other"  # one of ORG_KINDS
    aliases: list[str] = field(default_factory=list)  # short forms seen in the same release
    parent: str | None = None  # name of the organization this is a unit of
    mentions: list[Mention] = field(default_factory=list)
    implied: bool = False  # e.g. 국회 implied by 국회의원


@dataclass
class Person:
    """A person named in a release (full name; short forms resolve to it)."""

    name: str
    mentions: list[Mention] = field(default_factory=list)
    role: str | None = None  # "author" (작성자) or "byline" (기자)


MEMBERSHIP_INFERENCES = ("publisher", "department", "headline", "context")


@dataclass
class Membership:
    """``person`` holds ``title`` in ``organization`` (either may be None), stated in ``sentence``.

    ``inferred`` is None when the sentence names the organization with the person; else where
    the organization came from (one of ``MEMBERSHIP_INFERENCES``): the release's publisher or
    department (metadata), its headline, or the text around (a bare 지사 in a province's release).
    ``former``: the text says the post was held before (전 장관, 가나시의회 의장을 지낸).
    ``office`` and ``office_organization``: for a candidacy (후보 of a party), the post it is
    for (가나당 가나시장 후보: 시장 of 가나시).
    """

    person: str
    organization: str | None
    title: str | None
    sentence: Span
    evidence: Mention | None = None
    inferred: str | None = None
    former: bool = False
    office: str | None = None
    office_organization: str | None = None


@dataclass(frozen=True)
class Quote:
    """A direct quote: ``text == release.text[span.start:span.end]`` (inside the marks, stripped).

    ``speaker`` is the full name of the person who said it, or None when the sentence names no
    person as its subject (``부산시 관계자는 “...”``).
    """

    text: str
    span: Span
    speaker: str | None
    sentence: Span


PROPOSAL_KINDS = ("proposal", "plan", "claim")


@dataclass
class Proposal:
    """A proposal (제안), plan (방침) or claim a release states: ``label == text[span]``.

    ``proposers`` are the names of the people or organizations the sentence's subject names
    (가나도는 -> 가나특별자치도); empty when the subject is a group the release does not list by
    name (토론자들은) or when no subject is found.
    """

    label: str
    kind: str  # one of PROPOSAL_KINDS
    proposers: list[str]
    span: Span
    sentence: Span


@dataclass
class AgendaItem:
    """A part of an event: an opening address (개회사), a presentation (발제) or a panel (종합토론).

    People are full names; ``position`` is the presentation's order (1, 2, ...).
    """

    kind: str
    topic: str | None = None
    position: int | None = None
    performers: list[str] = field(default_factory=list)
    moderators: list[str] = field(default_factory=list)
    panelists: list[str] = field(default_factory=list)
    span: Span | None = None  # the topic's characters, when the release states one
    sentence: Span | None = None


@dataclass
class Event:
    """The release's main event (국회세미나, 포럼, 간담회, 업무협약식 ...).

    ``organizers`` and ``attendees`` hold names of people or organizations of the release;
    an organization attends only when the release names no person for it.
    """

    name: str
    kind: str | None = None
    start_date: str | None = None  # ISO date, resolved against the release date
    location: str | None = None
    organizers: list[str] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    span: Span | None = None  # the event's name (or kind) as written
    sentence: Span | None = None


@dataclass
class ReleaseFacts:
    """Everything extracted from one release."""

    release: Release
    persons: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # all mentions, sorted by start
    sentences: list[Span] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def person(self, name: str) -> Person | None:
        return next((p for p in self.persons if p.name == name), None)

    def organization(self, name: str) -> Organization | None:
        return next((o for o in self.organizations if o.name == name), None)

    def sentence_of(self, offset: int) -> Span | None:
        return next((s for s in self.sentences if s.start <= offset < s.end), None)
