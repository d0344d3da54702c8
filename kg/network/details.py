"""What each release says of each actor, for graph.html's details panel: the release (title and
date) and the sentence naming the actor, its posts, quotes, proposals and events, each with its
sentence, and the forms the release writes its name in (for the page's search).

``release_details(facts, person_iris, org_iris)`` is one release's part, a pure function of the
release's facts and the IRI each of its names got in the release's RDF
(``kg.rdf.mapping.release_statements`` gives those maps); ``DetailsTotal`` adds parts up over a
corpus, and a part can be taken out again (a rebuild takes out the releases that changed), like
``kg.network.NetworkTotal``.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from kg.errors import CacheFormatError
from kg.model import Mention, ReleaseFacts, Span
from kg.rdf.iris import release_iri
from kg.resolve.forms import canonical

#: An event role: the release names the actor as one of the event's organizers (주최) or
#: attendees (참석), or in a part of it (``Appearance.part``: 개회사, 발제, 종합토론 ...) as its
#: performer, its moderator (좌장) or one of its panelists (토론자).
EVENT_ROLES = ("organizer", "attendee", "performer", "moderator", "panelist")


class Post(NamedTuple):
    """The actor holds ``title`` (직함) in the organization ``organization`` (IRI); either may be
    None. ``sentence`` numbers ``ReleaseDetails.sentences``."""

    title: str | None
    organization: str | None
    sentence: int | None


class Said(NamedTuple):
    """A quote the actor said (``kind`` "quote") or a proposal, plan or claim it made (``kind``
    one of ``kg.model.PROPOSAL_KINDS``): ``text`` is the quote or the proposal's label."""

    kind: str
    text: str
    sentence: int | None


class Appearance(NamedTuple):
    """The actor's ``role`` (one of :data:`EVENT_ROLES`) in the event ``event``; ``part`` and
    ``topic`` name the part of the event (and its topic) for a role in one of its parts."""

    event: str
    role: str
    part: str | None
    topic: str | None
    date: str | None  # ISO date of the event
    sentence: int | None


class ActorDetails(NamedTuple):
    """What one release says of one actor (a person or an organization node)."""

    names: tuple[str, ...]  # the forms the release writes: the name, then short forms
    mentioned: int | None  # the sentence of its first mention
    creator: str | None = None  # "author" (작성자) or "byline" (기자) of the release
    posts: tuple[Post, ...] = ()
    said: tuple[Said, ...] = ()
    events: tuple[Appearance, ...] = ()


class ReleaseDetails(NamedTuple):
    """One release's part: its title and date, the sentences its facts refer to (by number, in
    the order of the text) and what it says of each actor (by IRI)."""

    release: str  # the release's IRI
    title: str | None
    date: str | None  # ISO date of publication
    sentences: tuple[str, ...]
    actors: Mapping[str, ActorDetails]


@dataclass
class _Actor:
    names: dict[str, None] = field(default_factory=dict)
    mentioned: Span | None = None
    creator: str | None = None
    posts: list[tuple] = field(default_factory=list)
    said: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)


def release_details(
    facts: ReleaseFacts, person_iris: Mapping[str, str], org_iris: Mapping[str, str]
) -> ReleaseDetails:
    """The details part of one release.

    ``person_iris`` and ``org_iris`` map each person and organization name of the facts to the
    IRI of its node (``kg.rdf.mapping.release_statements``); names that share a node share its
    entry. A name the RDF names as a person (``ReleaseFacts.person``) is a person, as in
    ``kg.rdf``.
    """
    actors = _Actors(facts, person_iris, org_iris)
    _add_names(actors)
    _add_statements(actors)
    _add_appearances(actors)
    return _freeze(facts, actors.by_iri)


@dataclass
class _Actors:
    """The entries of one release's actors by IRI, filled from its facts."""

    facts: ReleaseFacts
    person_iris: Mapping[str, str]
    org_iris: Mapping[str, str]
    by_iri: dict[str, _Actor] = field(default_factory=dict)

    def of(self, iri) -> _Actor:
        return self.by_iri.setdefault(str(iri), _Actor())

    def named(self, name: str) -> _Actor:
        """The entry of a person's or an organization's name."""
        return self.of(self.person_iris[name] if self.facts.person(name) else self.org_iris[name])


def _add_names(actors: _Actors) -> None:
    """Each actor's names, first mention and (for a person) role in making the release."""
    facts = actors.facts
    for person in facts.persons:
        entry = actors.of(actors.person_iris[person.name])
        entry.names[canonical(person.name)] = None
        entry.mentioned = _earliest(facts, entry.mentioned, person.mentions, "PERSON")
        entry.creator = entry.creator or person.role
    for org in facts.organizations:
        entry = actors.of(actors.org_iris[org.name])
        entry.names.update(dict.fromkeys(canonical(n) for n in (org.name, *org.aliases)))
        entry.mentioned = _earliest(facts, entry.mentioned, org.mentions, "ORG")


def _add_statements(actors: _Actors) -> None:
    """The posts of the release's people, their quotes and the proposals of its actors."""
    facts, person_iris, org_iris = actors.facts, actors.person_iris, actors.org_iris
    for m in facts.memberships:
        organization = org_iris[m.organization] if m.organization is not None else None
        actors.of(person_iris[m.person]).posts.append(
            (m.title, organization and str(organization), m.sentence)
        )
    for q in facts.quotes:
        if q.speaker is not None:
            actors.of(person_iris[q.speaker]).said.append(("quote", q.text, q.sentence))
    for p in facts.proposals:
        for name in dict.fromkeys(p.proposers):
            actors.named(name).said.append((p.kind, p.label, p.sentence))


def _add_appearances(actors: _Actors) -> None:
    """Who organized and attended the release's events and who took part in their agendas."""
    for event in actors.facts.events:
        for role, names in (("organizer", event.organizers), ("attendee", event.attendees)):
            for name in dict.fromkeys(names):
                actors.named(name).events.append(
                    (event.name, role, None, None, event.start_date, event.sentence)
                )
        for item in event.agenda:
            for name in dict.fromkeys((*item.moderators, *item.panelists, *item.performers)):
                # one role per part: the moderator and panelists of a panel perform it too
                role = (
                    "moderator" if name in item.moderators
                    else "panelist" if name in item.panelists
                    else "performer"
                )  # fmt: skip
                entry = actors.of(actors.person_iris[name])
                entry.events.append(
                    (
                        event.name,
                        role,
                        item.kind,
                        item.topic,
                        event.start_date,
                        item.sentence or event.sentence,
                    )
                )


def _earliest(
    facts: ReleaseFacts, known: Span | None, mentions: list[Mention], label: str
) -> Span | None:
    """The sentence of the first of ``mentions`` (of ``label``) in a sentence, or ``known``."""
    for m in sorted(mentions, key=lambda m: m.start):
        if m.label == label:
            found = facts.sentence_of(m.start)
            if found is not None:
                return found if known is None or found.start < known.start else known
    return known


def _freeze(facts: ReleaseFacts, actors: dict[str, _Actor]) -> ReleaseDetails:
    """The part, with the sentences referred to numbered in the order of the text."""
    spans: set[Span] = set()
    for entry in actors.values():
        spans.update(s for s in (entry.mentioned,) if s is not None)
        for rows in (entry.posts, entry.said, entry.events):
            spans.update(row[-1] for row in rows if row[-1] is not None)
    text = facts.release.text
    numbered, sentences = {}, []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        sentence = " ".join(text[span.start : span.end].split())
        if sentence:
            numbered[span] = len(sentences)
            sentences.append(sentence)

    def number(span: Span | None) -> int | None:
        return numbered.get(span) if span is not None else None

    frozen = {}
    for iri in sorted(actors):
        entry = actors[iri]
        frozen[iri] = ActorDetails(
            names=tuple(entry.names),
            mentioned=number(entry.mentioned),
            creator=entry.creator,
            posts=tuple(dict.fromkeys(Post(t, o, number(s)) for t, o, s in entry.posts)),
            said=tuple(dict.fromkeys(Said(k, t, number(s)) for k, t, s in entry.said)),
            events=tuple(
                dict.fromkeys(Appearance(*row[:-1], number(row[-1])) for row in entry.events)
            ),
        )
    published = facts.release.published
    return ReleaseDetails(
        release=str(release_iri(facts.release)),
        title=facts.release.title,
        date=published.date().isoformat() if published is not None else None,
        sentences=tuple(sentences),
        actors=frozen,
    )


_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"))


class PackedDetails(NamedTuple):
    """A ``ReleaseDetails`` as compressed JSON of plain lists (``pack``): what a worker keeps in
    the cache database and a corpus total holds, a tenth of the memory of the part as objects.
    It is data, never code: ``row`` checks the shape of what it reads."""

    release: str  # the release's IRI
    data: bytes

    def row(self) -> list:
        """The part as plain lists, fields in the order of ``ReleaseDetails`` (and its actors'
        of ``ActorDetails``, theirs of ``Post``, ``Said``, ``Appearance``), for a reader that
        goes through thousands (``kg.render.page_data``). ``CacheFormatError`` for data that
        is not such a part (a damaged or crafted cache row)."""
        try:
            row = json.loads(zlib.decompress(self.data))
        except (zlib.error, ValueError, RecursionError) as error:
            raise CacheFormatError(f"not a release's details: {error}") from None
        return _checked(row)

    def unpack(self) -> ReleaseDetails:
        release, title, date, sentences, actors = self.row()
        return ReleaseDetails(
            release,
            title,
            date,
            tuple(sentences),
            {
                iri: ActorDetails(
                    tuple(names),
                    mentioned,
                    creator,
                    tuple(Post(*p) for p in posts),
                    tuple(Said(*x) for x in said),
                    tuple(Appearance(*e) for e in events),
                )
                for iri, (names, mentioned, creator, posts, said, events) in actors.items()
            },
        )


def pack(part: ReleaseDetails) -> PackedDetails:
    """The part in the form ``DetailsTotal`` keeps (``PackedDetails.unpack`` gives it back)."""
    actors = {
        iri: [*a[:3], *(list(map(list, entries)) for entries in a[3:])]
        for iri, a in part.actors.items()
    }
    row = [*part[:3], list(part.sentences), actors]
    return PackedDetails(part.release, zlib.compress(_JSON.encode(row).encode("utf-8")))


_FIELDS = {"posts": 3, "said": 3, "events": 6}  # values in each entry of an actor's lists


def _checked(row) -> list:
    """``row`` if it has the shape ``pack`` writes, else ``CacheFormatError``."""
    ok = type(row) is list and len(row) == 5 and type(row[0]) is str
    ok = ok and all(v is None or type(v) is str for v in row[1:3]) and type(row[3]) is list
    ok = ok and all(type(x) is str for x in row[3]) and type(row[4]) is dict
    for actor in row[4].values() if ok else ():
        ok = type(actor) is list and len(actor) == 6 and type(actor[0]) is list
        ok = ok and all(type(n) is str for n in actor[0])
        ok = ok and (actor[1] is None or type(actor[1]) is int) and _entries(actor[3:])
        if not ok:
            break
    if not ok:
        raise CacheFormatError("not a release's details")
    return row


def _entries(lists: list) -> bool:
    """Whether an actor's posts, said and events are lists of entries of their sizes, each value
    a string, a number or None."""
    for entries, size in zip(lists, _FIELDS.values(), strict=True):
        if type(entries) is not list:
            return False
        for entry in entries:
            if type(entry) is not list or len(entry) != size:
                return False
            if any(v is not None and type(v) not in (str, int) for v in entry):
                return False
    return True


class DetailsTotal:
    """The details parts of many releases, one per release IRI, packed; a part can be
    ``subtract``-ed again, exactly. Iterating gives the parts, unpacked, in IRI order whatever
    order they came in, so the page of a rebuild is the page of a clean build."""

    def __init__(self, parts: Iterable[ReleaseDetails | PackedDetails] = ()) -> None:
        self.parts: dict[str, tuple[int, PackedDetails]] = {}  # IRI -> (times added, part)
        for part in parts:
            self.add(part)

    def add(self, part: ReleaseDetails | PackedDetails) -> None:
        packed = part if isinstance(part, PackedDetails) else pack(part)
        times, kept = self.parts.get(packed.release, (0, packed))
        # Files with one text are one release (one IRI) and say the same of it: kept once.
        self.parts[packed.release] = (times + 1, kept)

    def subtract(self, part: ReleaseDetails | PackedDetails) -> None:
        times, kept = self.parts[part.release]
        if times > 1:
            self.parts[part.release] = (times - 1, kept)
        else:
            del self.parts[part.release]

    def __len__(self) -> int:
        return len(self.parts)

    def __iter__(self) -> Iterator[ReleaseDetails]:
        return (self.parts[iri][1].unpack() for iri in sorted(self.parts))

    def rows(self) -> Iterator[tuple]:
        """The parts as plain tuples (``PackedDetails.row``), in IRI order."""
        return (self.parts[iri][1].row() for iri in sorted(self.parts))
