"""What resolution needs of one release: its names, their organizations and where they are written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.model import Mention, Release, ReleaseFacts
from kg.rdf.iris import release_iri

if TYPE_CHECKING:
    pass


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

    def organization(self, name: str) -> OrgEntry | None:
        by_name = self.__dict__.get("_by_name")
        if by_name is None:
            by_name = self.__dict__["_by_name"] = {}
            for o in reversed(self.organizations):  # the first of a name wins, as in a scan
                by_name[o.name] = o
        return by_name.get(name)


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
    )


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
