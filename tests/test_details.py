"""What a release says of each actor (kg.network.details): exact facts of an invented release, and
the corpus total that parts are added to and taken out of."""

from __future__ import annotations

import pytest
from factories import SENTENCES, TEXT, make_facts, sentence_span
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF

from kg.model import AgendaItem, Event, Proposal, Quote, Span
from kg.network.details import (
    ActorDetails,
    Appearance,
    DetailsTotal,
    Post,
    Said,
    pack,
    release_details,
)
from kg.rdf.iris import release_iri
from kg.rdf.mapping import facts_to_graph, release_statements
from kg.resolve.resolution import resolve

EVENT = "인공지능 협약식"


def _span(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span(start, start + len(needle))


@pytest.fixture(scope="module")
def facts():
    """The invented release of tests/factories.py with a quote, a plan and an event."""
    facts = make_facts()
    facts.quotes = [
        Quote("협약서에 서명했다", _span("협약서에 서명했다"), "홍길동", sentence_span(1))
    ]
    facts.proposals = [
        Proposal(
            "인공지능 협약", "plan", ["가나특별자치도"], _span("인공지능 협약"), sentence_span(0)
        )
    ]
    panel = AgendaItem(
        "종합토론", topic="협력", performers=["전우치", "성춘향"], moderators=["전우치"],
        panelists=["성춘향"], sentence=sentence_span(3),
    )  # fmt: skip
    event = Event(
        EVENT, kind="협약식", start_date="2024-03-03", organizers=["가나특별자치도", "다라시"],
        attendees=["왕건우", "성춘향"], agenda=[panel], sentence=sentence_span(2),
    )  # fmt: skip
    facts.events = [event]
    return facts


@pytest.fixture(scope="module")
def written(facts):
    """The release's details and the IRI of each of its names, as its RDF writes them."""
    made = release_statements([facts], resolve([facts]))
    persons, orgs = made.person_iris, made.org_iris
    return (
        release_details(facts, persons, orgs),
        {k: str(v) for k, v in persons.items()},
        {k: str(v) for k, v in orgs.items()},
    )


def test_the_release_its_date_and_the_sentences_referred_to(written, facts):
    details, _, _ = written
    assert details.release == str(release_iri(facts.release))
    assert (details.title, details.date) == (
        "가나특별자치도, 다라시와 인공지능 협약 체결",
        "2024-03-03",
    )
    # the header's mentions (author, department) are in no sentence
    assert details.sentences == SENTENCES


def test_a_person_with_a_post_and_a_quote(written):
    details, persons, orgs = written
    assert details.actors[persons["홍길동"]] == ActorDetails(
        names=("홍길동",),
        mentioned=1,
        posts=(Post("도지사", orgs["가나특별자치도"], 1),),
        said=(Said("quote", "협약서에 서명했다", 1),),
    )


def test_an_organization_with_its_short_form_a_plan_and_an_event(written):
    details, _, orgs = written
    assert details.actors[orgs["가나특별자치도"]] == ActorDetails(
        names=("가나특별자치도", "가나도"),
        mentioned=0,
        said=(Said("plan", "인공지능 협약", 0),),
        events=(Appearance(EVENT, "organizer", None, None, "2024-03-03", 2),),
    )


def test_roles_in_an_event_and_in_its_parts(written):
    details, persons, orgs = written
    assert details.actors[persons["성춘향"]].events == (
        Appearance(EVENT, "attendee", None, None, "2024-03-03", 2),
        Appearance(EVENT, "panelist", "종합토론", "협력", "2024-03-03", 3),
    )
    # the moderator of a panel performs it too: one role per part, the moderator's
    moderator = details.actors[persons["전우치"]]
    assert moderator.events == (
        Appearance(EVENT, "moderator", "종합토론", "협력", "2024-03-03", 3),
    )
    assert moderator.posts == (Post("박사", None, 3),)
    assert details.actors[orgs["다라시"]].events == (
        Appearance(EVENT, "organizer", None, None, "2024-03-03", 2),
    )


def test_the_author_and_actors_named_outside_sentences(written):
    details, persons, orgs = written
    assert details.actors[persons["김작성"]] == ActorDetails(("김작성",), None, "author")
    assert details.actors[orgs["미래산업국"]] == ActorDetails(("미래산업국",), None)
    assert details.actors[orgs["국회"]] == ActorDetails(("국회",), None)  # implied by 국회의원


def test_the_iris_are_the_nodes_of_the_release_graph(written, facts):
    details, persons, _ = written
    graph = facts_to_graph([facts])
    assert (URIRef(persons["홍길동"]), FOAF.name, Literal("홍길동", lang="ko")) in graph
    actors = {str(s) for s in graph.subjects(FOAF.name, None)}
    assert {iri for iri in details.actors if "/person/" in iri} == actors


def test_a_part_packs_and_unpacks_to_itself(written):
    details, _, _ = written
    packed = pack(details)
    assert packed.release == details.release and packed.unpack() == details
    row = packed.row()  # plain lists, field for field (what the page reads): JSON, never pickle
    assert type(row) is list and row[:3] == [details.release, details.title, details.date]
    assert row[3] == list(details.sentences)
    first = next(iter(details.actors))
    assert row[4][first][0] == list(details.actors[first].names)


def test_a_packed_part_is_data_never_code():
    import zlib

    from kg.errors import CacheFormatError
    from kg.network.details import PackedDetails

    for data in (b"not zlib", zlib.compress(b'{"release": 1}'), zlib.compress(b"[1, 2]")):
        with pytest.raises(CacheFormatError):
            PackedDetails("https://w3id.org/kg-press/id/release/0000", data).row()


def test_a_total_adds_parts_and_takes_them_out_again(written):
    details, _, _ = written
    other = details._replace(
        release="https://w3id.org/kg-press/id/release/0000", title="다른 보도자료"
    )
    total = DetailsTotal([other, details])
    assert list(total) == [other, details] == list(DetailsTotal([details, other]))  # IRI order
    total.add(pack(details))  # files with one text are one release: kept once
    assert len(total) == 2
    total.subtract(details)
    assert list(total) == [other, details]
    total.subtract(pack(details))
    assert list(total) == [other]
    assert list(total) == [other] and [row[0] for row in total.rows()] == [other.release]
    total.subtract(other)
    assert list(total) == [] and len(total) == 0


def test_parts_are_immutable(written):
    details, _, _ = written
    with pytest.raises(AttributeError):
        details.title = "바뀐 제목"  # type: ignore[misc]
