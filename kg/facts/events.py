"""Resolve the event spans found by the ``kg_events`` component into an ``Event`` with its agenda.

People and organizations are read off the release's mentions inside each span: organizers from
the 주최/주관 clause and the announcing sentence's subject; attendees from the attendance sentence
(an organization attends only when no person there holds a post in it); presenters by ordinal
(첫 발제자로 나선 NAME -> 발제 1, 마지막으로 NAME -> the last 발제); the moderator is the person
named just before 좌장, the panelists the people after it.
"""

from __future__ import annotations

import re
from datetime import date

from kg.model import AgendaItem, Event, ReleaseFacts, Span
from kg.nlp.events import EventHits


def resolve_events(facts: ReleaseFacts, hits: EventHits | None) -> list[Event]:
    """The release's main event, or an empty list when it announces none."""
    if hits is None or hits.kind is None or hits.sentence is None:
        return []
    text = facts.release.text
    name = _slice(text, hits.name) or facts.release.title or hits.kind
    event = Event(
        name=name,
        kind=hits.kind,
        start_date=_start_date(facts, hits),
        location=_slice(text, hits.place),
        span=hits.name or hits.kind_span,
        sentence=hits.sentence,
    )
    organizers: list[str] = []
    if hits.subject:
        # 가나대학교(총장 홍길동)는 ...: the organization hosts, not its head
        host = _orgs_in(facts, hits.subject, exclude_posts=False)
        organizers += host or _persons_in(facts, hits.subject)
    for region in hits.organizer_regions:
        organizers += _persons_in(facts, region) + _orgs_in(facts, region, exclude_posts=True)
    organizers += _partners(facts, hits)
    event.organizers = _unique(organizers)
    attendees: list[str] = []
    for sentence in hits.attendance:
        region = _after_organizers(hits, sentence)
        attendees += _persons_in(facts, region)
        attendees += [
            o for o in _orgs_in(facts, region, exclude_posts=True) if o not in event.organizers
        ]
    event.attendees = _unique(attendees)
    event.agenda = _agenda(facts, hits)
    return [event]


def _partners(facts: ReleaseFacts, hits: EventHits) -> list[str]:
    """가나도는 다라공사와 업무협약식을 가졌다: the organizations the subject holds it with
    (마바대학교, 다라공사와: a list ending in 와/과 counts whole)."""
    if hits.kind_span is None or hits.sentence is None:
        return []
    text = facts.release.text
    start = hits.subject.end if hits.subject else hits.sentence.start
    mentions = sorted(
        (m.start, m.end, o.name)
        for o in facts.organizations
        for m in o.mentions
        if start <= m.start and m.end < hits.kind_span.start
    )
    found: list[str] = []
    for k, (first, end, name) in enumerate(mentions):
        if text[_past_parentheses(text, end) : end + 40][:1] not in ("와", "과"):
            continue
        listed = [name]
        for prev_start, prev_end, prev in reversed(mentions[:k]):
            if text[_past_parentheses(text, prev_end) : first].strip() not in (",", "·"):
                break
            listed.insert(0, prev)
            first = prev_start
        found.extend(listed)
    return list(dict.fromkeys(found))


def _past_parentheses(text: str, i: int) -> int:
    """Skip what follows a name in parentheses: 가나대학교(총장 김철수), 다라산업(주)(대표 ...)."""
    while i < len(text) and text[i] == "(":
        close = text.find(")", i)
        if close < 0:
            break
        i = close + 1
    return i


def _agenda(facts: ReleaseFacts, hits: EventHits) -> list[AgendaItem]:
    text = facts.release.text
    items: list[AgendaItem] = []
    moderators, panelists = _panel(facts, hits)
    has_panel = False
    for a in hits.agenda:
        item = AgendaItem(
            kind=a.kind,
            topic=_slice(text, a.topic),
            position=a.position,
            span=a.topic,
            sentence=a.sentence,
        )
        if a.kind == "종합토론":
            has_panel = True
            item.moderators, item.panelists = moderators, panelists
            item.performers = _unique(moderators + panelists)
        elif a.region is not None and a.kind == "발제" and a.position is None:
            # 주제발표는 김철수 교수와 이영희 대표가 맡았다: one presentation each
            for k, person in enumerate(_persons_in(facts, a.region), start=1):
                items.append(AgendaItem("발제", None, k, [person], sentence=a.sentence))
            continue
        elif a.region is not None:
            found = _persons_in(facts, a.region)
            # 김철수 의원의 개회사: the last person before it; 개회사는 김철수 사장이: the first
            # after; a listed presentation (△김철수 교수의 ‘...’): the first in its item
            before = (
                a.kind != "발제" and a.sentence is not None and a.region.start == a.sentence.start
            )
            item.performers = found[-1:] if before else found[:1]
        items.append(item)
    _assign_ordinals(facts, hits, items)
    _add_presented(facts, hits, items)
    if not has_panel and (moderators or panelists):
        sentence = hits.moderator[1]
        items.append(
            AgendaItem(
                "종합토론",
                None,
                None,
                _unique(moderators + panelists),
                moderators,
                panelists,
                None,
                sentence,
            )
        )
    return items


def _panel(facts: ReleaseFacts, hits: EventHits) -> tuple[list[str], list[str]]:
    """The moderator (좌장) and the panelists of the moderator's sentence."""
    if not hits.moderator:
        return [], []
    region, sentence, named_after = hits.moderator
    if named_after:  # 좌장인 김철수 교수를 비롯해 이영희 대표, ...
        found = _persons_in(facts, region)
        moderators = found[:1]
        everyone = _persons_in(facts, sentence)
    else:  # 김철수 교수가 좌장을 맡고, 이영희 대표, ...이 토론자로
        moderators = _persons_in(facts, region)[-1:]
        everyone = _persons_in(facts, Span(region.end, sentence.end))
    return moderators, [p for p in everyone if p not in moderators]


def _assign_ordinals(facts: ReleaseFacts, hits: EventHits, items: list[AgendaItem]) -> None:
    """첫 발제자로 나선 NAME -> 발제 1; 마지막으로 NAME -> the last 발제. Without an agenda list,
    each ordinal sentence is a presentation of its own (its topic: the quoted words in it)."""
    presentations = {i.position: i for i in items if i.kind == "발제" and i.position}
    last = max(presentations, default=None)
    text = facts.release.text
    for position, sentence in hits.ordinals:
        people = _persons_in(facts, sentence)
        if not people:
            continue
        if presentations:
            target = presentations.get(last if position == -1 else position)
            if target is not None and not target.performers:
                target.performers = [people[0]]
            continue
        topic = _quoted(text, sentence)
        number = position if position != -1 else len([i for i in items if i.kind == "발제"]) + 1
        items.append(
            AgendaItem(
                "발제", _slice(text, topic), number, [people[0]], span=topic, sentence=sentence
            )
        )


def _add_presented(facts: ReleaseFacts, hits: EventHits, items: list[AgendaItem]) -> None:
    """이어 김철수 교수가 ‘...’에 대해 발표했다: a presentation of its own, numbered after the
    others, unless its presenter already has one."""
    text = facts.release.text
    presenting = {p for i in items if i.kind == "발제" for p in i.performers}
    for sentence in hits.presented:
        topic = _quoted(text, sentence)
        people = _persons_in(facts, Span(sentence.start, topic.start)) if topic else []
        if not people or people[0] in presenting:
            continue
        number = len([i for i in items if i.kind == "발제"]) + 1
        items.append(
            AgendaItem(
                "발제", _slice(text, topic), number, [people[0]], span=topic, sentence=sentence
            )
        )
        presenting.add(people[0])


def _quoted(text: str, sentence: Span) -> Span | None:
    m = re.search(r"[‘'\"“]([^’'\"”]{2,80})[’'\"”]", text[sentence.start : sentence.end])
    return Span(sentence.start + m.start(1), sentence.start + m.end(1)) if m else None


def _start_date(facts: ReleaseFacts, hits: EventHits) -> str | None:
    published = facts.release.published
    if hits.day is None:
        return published.date().isoformat() if published else None
    year, month, day = hits.day
    if published is not None:
        year = year or published.year
        if month is None:
            month = published.month
            # "오는 3일" in a release of the 28th: the next month
            if day < published.day - 20:
                month = month % 12 + 1
                year = year + (1 if month == 1 else 0)
    if year is None or month is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _slice(text: str, span: Span | None) -> str | None:
    return text[span.start : span.end] if span else None


def _persons_in(facts: ReleaseFacts, region: Span) -> list[str]:
    """Full names of the people mentioned in ``region``, in order of first mention there."""
    found: list[tuple[int, str]] = []
    for p in facts.persons:
        starts = [m.start for m in p.mentions if region.start <= m.start < region.end]
        if starts:
            found.append((min(starts), p.name))
    return [name for _, name in sorted(found)]


def _orgs_in(facts: ReleaseFacts, region: Span, exclude_posts: bool) -> list[str]:
    """Organizations mentioned in ``region``; with ``exclude_posts``, not those where a person
    mentioned in the region holds a post (홍길동 가나도지사 does not make 가나도 an attendee)."""
    people = set(_persons_in(facts, region))
    held = set()
    if exclude_posts:
        parents = {o.name: o.parent for o in facts.organizations}
        for m in facts.memberships:
            if m.person in people and m.organization:
                org: str | None = m.organization
                while org:
                    held.add(org)
                    org = parents.get(org)
    found: list[tuple[int, str]] = []
    for o in facts.organizations:
        starts = [m.start for m in o.mentions if region.start <= m.start < region.end]
        if starts and o.name not in held:
            found.append((min(starts), o.name))
    return [name for _, name in sorted(found)]


def _after_organizers(hits: EventHits, sentence: Span) -> Span:
    """The attendance sentence minus its 공동주관 clause (홍길동 의원과 가나도가 공동주관하는
    ...)."""
    start = sentence.start
    for region in hits.organizer_regions:
        if sentence.start <= region.start < sentence.end:
            start = max(start, region.end)
    return Span(start, sentence.end)


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


# Group subjects of a proposal and the agenda role they stand for.
_GROUPS = (
    ("토론자", "panelists"),
    ("패널", "panelists"),
    ("발제자", "presenters"),
    ("참석자", "attendees"),
    ("참가자", "attendees"),
)
# 양 기관은, 두 기관은, 3개 기관은, 양측은, 협약 기관들은: the parties, i.e. the organizers
_PARTIES = re.compile(
    r"^(?:양|두|세|네|\d+개)\s*(?:기관|단체|측|사)|^양측|^양사|^(?:협약|참여)\s*기관"
)


def credit_groups(facts: ReleaseFacts) -> None:
    """Give proposals whose subject is a group (토론자들은 ...) the people of that group.

    A proposal sentence with no subject of its own (이를 위해 △...) continues the group of the
    proposal sentence just before it.
    """
    if not facts.events:
        return
    event = facts.events[0]
    members = {
        "panelists": _unique([p for a in event.agenda for p in a.panelists]),
        "presenters": _unique([p for a in event.agenda if a.kind == "발제" for p in a.performers]),
        "attendees": [a for a in event.attendees if facts.person(a)],
        "parties": [o for o in event.organizers + event.attendees if facts.organization(o)],
    }
    text = facts.release.text
    previous: tuple[Span, list[str]] | None = None
    for proposal in sorted(facts.proposals, key=lambda p: p.span.start):
        opening = text[proposal.sentence.start : proposal.span.start].split()
        first = opening[0] if opening else ""
        group = next((role for word, role in _GROUPS if first.startswith(word)), None)
        if group is None and _PARTIES.match(" ".join(opening)):
            group = "parties"
        if not proposal.proposers:
            if group and members[group]:
                proposal.proposers = list(members[group])
            elif (
                previous is not None
                and previous[1]
                and (proposal.sentence == previous[0] or not _has_subject(opening))
            ):
                proposal.proposers = list(previous[1])
        previous = (proposal.sentence, proposal.proposers)


def _has_subject(words: list[str]) -> bool:
    return any(w.endswith(("은", "는", "이", "가")) and w not in ("이를", "이에") for w in words)
