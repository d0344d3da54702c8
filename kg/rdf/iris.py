"""The one place where IRIs are minted: deterministic instance IRIs from the facts.

Every IRI is a pure function of the facts (see docs/vocabulary.md), so building the same releases
twice, or in another order, yields the same nodes and graphs from many runs merge cleanly.
Each ``*_iri`` function gives an rdflib ``URIRef``; ``Mint`` gives the same IRIs as plain text,
which is what ``kg.rdf.mapping`` writes (a ``URIRef`` costs more to make than the string).
Minted IRIs hold no character that N-Triples escapes: ``<`` + IRI + ``>`` is their token.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import URIRef

from kg.model import Release
from kg.rdf.vocab import KGID
from kg.resolve.forms import canonical, org_key  # org_key: defined with the other name forms

_KGID = str(KGID)


def _h(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


class Mint:
    """The text of kg's instance IRIs (``docs/vocabulary.md``)."""

    @staticmethod
    def release(text: str) -> str:
        return f"{_KGID}release/{_h(text)}"

    @staticmethod
    def org(name: str, unit_of: Iterable[str] = ()) -> str:
        return f"{_KGID}org/{_h(org_key(name, unit_of))}"

    @staticmethod
    def org_of_key(key: str) -> str:
        return f"{_KGID}org/{_h(key)}"

    @staticmethod
    def person(name: str, anchor: str) -> str:
        return f"{_KGID}person/{_h(canonical(name) + '|' + anchor)}"

    @staticmethod
    def role(title: str) -> str:
        return f"{_KGID}role/{_h(canonical(title))}"

    @staticmethod
    def membership(release: str, person: str, organization: str | None, role: str | None) -> str:
        key = f"{release}|{person}|{organization or ''}|{role or ''}"
        return f"{_KGID}membership/{_h(key)}"

    @staticmethod
    def quote(release: str, start: int, end: int) -> str:
        return f"{_KGID}quote/{_h(f'{release}|{start}|{end}')}"

    @staticmethod
    def proposal(release: str, start: int, end: int) -> str:
        return f"{_KGID}proposal/{_h(f'{release}|{start}|{end}')}"

    @staticmethod
    def event(release: str, name: str) -> str:
        return f"{_KGID}event/{_h(f'{release}|{canonical(name)}')}"

    @staticmethod
    def agenda(event: str, index: int) -> str:
        return f"{_KGID}event/{_h(f'{event}|{index}')}"


def release_iri(release: Release) -> URIRef:
    """``kgid:release/{h(text)}``: the same text read from two paths is one release."""
    return URIRef(Mint.release(release.text))


def org_iri(name: str, unit_of: Iterable[str] = ()) -> URIRef:
    """``kgid:org/{h(org_key(name, unit_of))}``; ``unit_of`` lists the parents, outermost first."""
    return URIRef(Mint.org(name, unit_of))


def person_iri(name: str, anchor: str) -> URIRef:
    """``kgid:person/{h(name|anchor)}``.

    ``anchor`` is the ``org_key`` of the person's first organization in the release, else the
    release IRI: the same name in the same organization is taken to be the same person.
    """
    return URIRef(Mint.person(name, anchor))


def node_iri_text(kind: str, key: str) -> str:
    """The text of the IRI of the organization (``kind`` "org", ``key`` its ``org_key``) or the
    person ("person", ``key`` its ``canonical(name)|anchor``) with that key: ``org_iri`` or
    ``person_iri`` as a plain ``str``, without making an rdflib term (for text output)."""
    return f"{_KGID}{kind}/{_h(key)}"


_SHARED = tuple(f"{_KGID}{kind}/" for kind in ("person", "org", "role"))
SHARED_TOKENS = tuple(f"<{prefix}" for prefix in _SHARED)


def shared_node(iri) -> bool:
    """Whether ``iri`` names a node that many releases describe (a person, an organization or a
    role). Every other node kg mints (release, mention, sentence, membership, quote, proposal,
    event) belongs to one release."""
    return str(iri).startswith(_SHARED)


def role_iri(title: str) -> URIRef:
    """``kgid:role/{h(title)}``: one role node per title word (도지사, 국회의원, ...)."""
    return URIRef(Mint.role(title))


def membership_iri(
    release: URIRef, person: URIRef, organization: URIRef | None, role: URIRef | None
) -> URIRef:
    """``kgid:membership/{h(release|person|org or ""|role or "")}``.

    The release is part of the key so that each membership node has exactly one source and its
    evidence sentence stays tied to that source; the person and role nodes are shared.
    """
    return URIRef(Mint.membership(release, person, organization, role))


def context_iri(release: URIRef) -> URIRef:
    """The NIF context of a release: ``{release}#context``."""
    return URIRef(f"{release}#context")


def mention_iri(release: URIRef, start: int, end: int) -> URIRef:
    """A NIF mention: ``{release}#char={start},{end}`` (RFC 5147 style, source offsets)."""
    return URIRef(f"{release}#char={start},{end}")


def sentence_iri(release: URIRef, start: int, end: int) -> URIRef:
    """A NIF sentence: ``{release}#sentence={start},{end}`` (source offsets)."""
    return URIRef(f"{release}#sentence={start},{end}")


def quote_iri(release: URIRef, start: int, end: int) -> URIRef:
    """``kgid:quote/{h(release|start|end)}``: a direct quote, keyed by its span (source offsets)."""
    return URIRef(Mint.quote(release, start, end))


def proposal_iri(release: URIRef, start: int, end: int) -> URIRef:
    """``kgid:proposal/{h(release|start|end)}``: a proposal, keyed by its label's span (source
    offsets)."""
    return URIRef(Mint.proposal(release, start, end))


def event_iri(release: URIRef, name: str) -> URIRef:
    """``kgid:event/{h(release|name)}``: the main event a release announces."""
    return URIRef(Mint.event(release, name))


def agenda_iri(event: URIRef, index: int) -> URIRef:
    """``kgid:event/{h(event|index)}``: the index-th part (개회사, 발제, 종합토론) of an event."""
    return URIRef(Mint.agenda(event, index))
