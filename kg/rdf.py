"""Turn extracted facts into RDF (the shapes of docs/vocabulary.md) and read/write Turtle files.

This is the only module that writes triples about releases; IRIs come from ``kg.iris``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.atomic import write_atomic
from kg.errors import GraphFileError
from kg.iris import (
    ITSRDF,
    KG,
    NIF,
    SCHEMA,
    bind_prefixes,
    canonical,
    context_iri,
    membership_iri,
    mention_iri,
    new_graph,
    org_iri,
    org_key,
    person_iri,
    quote_iri,
    release_iri,
    role_iri,
    sentence_iri,
)
from kg.model import ORG_KINDS, Mention, Organization, ReleaseFacts, Span

ORG_KIND_CLASSES: dict[str, URIRef] = {
    "government": KG.Government,
    "legislature": KG.Legislature,
    "company": KG.Company,
    "university": KG.University,
    "public_agency": KG.PublicAgency,
    "association": KG.Association,
    "media": KG.MediaOrganization,
    "other": KG.OtherOrganization,
}

CREATOR_ROLES = ("author", "byline")
NIF_LABELS = ("PERSON", "ORG")


def _ko(text: str) -> Literal:
    return Literal(text, lang="ko")


def _nonneg(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


class _ReleaseWriter:
    """Adds the triples of one release; keeps the name -> IRI maps the shapes link through."""

    def __init__(self, graph: Graph, facts: ReleaseFacts) -> None:
        self.g = graph
        self.facts = facts
        self.release = facts.release
        self.iri = release_iri(self.release)
        self.orgs: dict[str, URIRef] = {}
        self.org_keys: dict[str, str] = {}
        self.persons: dict[str, URIRef] = {}

    # -- organizations -------------------------------------------------------------------------
    def _ancestors(self, org: Organization) -> list[str]:
        """Parent names, outermost first; stops at a cycle or a parent not in the release."""
        chain: list[str] = []
        seen = {org.name}
        parent = org.parent
        while parent is not None and parent not in seen:
            chain.insert(0, parent)
            seen.add(parent)
            known = self.facts.organization(parent)
            parent = known.parent if known else None
        return chain

    def _org_node(self, name: str) -> URIRef:
        """IRI of the organization called ``name``; one not described by the facts gets a bare node
        (type and label only) so that every link still lands on an ``org:Organization``."""
        if name in self.orgs:
            return self.orgs[name]
        org = self.facts.organization(name)
        ancestors = self._ancestors(org) if org else []
        iri = org_iri(name, ancestors)
        self.orgs[name] = iri
        self.org_keys[name] = org_key(name, ancestors)
        if org is None:
            self.g.add((iri, RDF.type, ORG.Organization))
            self.g.add((iri, SKOS.prefLabel, _ko(canonical(name))))
        return iri

    def add_organizations(self) -> None:
        g = self.g
        implied_titles: dict[str, set[str]] = {}
        for m in self.facts.memberships:
            if m.organization is not None and m.title is not None:
                implied_titles.setdefault(m.organization, set()).add(m.title)
        for org in self.facts.organizations:
            iri = self._org_node(org.name)
            g.add((iri, RDF.type, ORG.Organization))
            g.add((iri, RDF.type, ORG_KIND_CLASSES[org.kind]))
            g.add((iri, SKOS.prefLabel, _ko(canonical(org.name))))
            for alias in org.aliases:
                if canonical(alias) != canonical(org.name):
                    g.add((iri, SKOS.altLabel, _ko(canonical(alias))))
            if org.parent is not None and org.parent != org.name:
                parent = self._org_node(org.parent)
                g.add((iri, RDF.type, ORG.OrganizationalUnit))
                g.add((iri, ORG.unitOf, parent))
                g.add((parent, ORG.hasUnit, iri))
            if org.implied:
                for title in sorted(implied_titles.get(org.name, ())):
                    g.add((iri, KG.impliedBy, _ko(canonical(title))))
            g.add((self.iri, SCHEMA.mentions, iri))

    # -- persons -------------------------------------------------------------------------------
    def _anchor(self, name: str) -> str:
        first = next(
            (
                m.organization
                for m in self.facts.memberships
                if m.person == name and m.organization is not None
            ),
            None,
        )
        if first is None:
            return str(self.iri)
        self._org_node(first)
        return self.org_keys[first]

    def _person_node(self, name: str) -> URIRef:
        if name not in self.persons:
            iri = person_iri(name, self._anchor(name))
            self.persons[name] = iri
            self.g.add((iri, RDF.type, FOAF.Person))
            self.g.add((iri, FOAF.name, _ko(canonical(name))))
            self.g.add((iri, RDFS.label, _ko(canonical(name))))
        return self.persons[name]

    def add_persons(self) -> None:
        for person in self.facts.persons:
            iri = self._person_node(person.name)
            self.g.add((self.iri, SCHEMA.mentions, iri))
            if person.role in CREATOR_ROLES:
                self.g.add((self.iri, DCTERMS.creator, iri))

    # -- memberships ---------------------------------------------------------------------------
    def add_memberships(self) -> None:
        g, text = self.g, self.release.text
        for m in self.facts.memberships:
            person = self._person_node(m.person)
            org = self._org_node(m.organization) if m.organization is not None else None
            role = role_iri(m.title) if m.title is not None else None
            iri = membership_iri(self.iri, person, org, role)
            g.add((iri, RDF.type, ORG.Membership))
            g.add((iri, ORG.member, person))
            if org is not None:
                g.add((iri, ORG.organization, org))
            if role is not None:
                g.add((role, RDF.type, ORG.Role))
                g.add((role, SKOS.prefLabel, _ko(canonical(m.title))))
                g.add((iri, ORG.role, role))
            g.add((iri, PROV.wasDerivedFrom, self.iri))
            evidence = text[m.sentence.start : m.sentence.end].strip()
            if evidence:
                g.add((iri, KG.evidenceText, _ko(evidence)))

    # -- release metadata ----------------------------------------------------------------------
    def add_release(self) -> None:
        g, r, iri = self.g, self.release, self.iri
        g.add((iri, RDF.type, KG.PressRelease))
        g.add((iri, KG.sourceFile, Literal(r.path)))
        if r.title:
            g.add((iri, DCTERMS.title, _ko(r.title)))
        for subtitle in r.subtitles:
            g.add((iri, KG.subtitle, _ko(subtitle)))
        if r.published is not None:
            g.add((iri, DCTERMS.issued, Literal(r.published, datatype=XSD.dateTime)))
        if r.publisher and self.facts.organization(r.publisher):
            g.add((iri, DCTERMS.publisher, self._org_node(r.publisher)))
        if r.department and self.facts.organization(r.department[-1]):
            g.add((iri, KG.department, self._org_node(r.department[-1])))
        if r.phone:
            g.add((iri, SCHEMA.telephone, Literal(r.phone)))
        if r.views is not None:
            g.add((iri, KG.viewCount, Literal(r.views, datatype=XSD.integer)))
        for image in r.images:
            g.add((iri, KG.imageFile, Literal(image)))
        if r.license:
            g.add((iri, DCTERMS.license, _ko(r.license)))

    # -- NIF provenance ------------------------------------------------------------------------
    def _source_span(self, start: int, end: int) -> tuple[int, int]:
        # The end is exclusive, so map the last character and step past it; mapping ``end`` itself
        # would swallow markup (a closing tag) that follows the mention in an HTML source.
        src_start = self.release.source_offset(start)
        src_end = self.release.source_offset(end - 1) + 1 if end > start else src_start
        return src_start, src_end

    def _sentence_node(self, sentence: Span, context: URIRef) -> URIRef:
        begin, end = self._source_span(sentence.start, sentence.end)
        iri = sentence_iri(self.iri, begin, end)
        g = self.g
        g.add((iri, RDF.type, NIF.Sentence))
        g.add((iri, RDF.type, NIF.String))
        g.add((iri, NIF.beginIndex, _nonneg(begin)))
        g.add((iri, NIF.endIndex, _nonneg(end)))
        g.add((iri, NIF.anchorOf, Literal(self.release.text[sentence.start : sentence.end])))
        g.add((iri, NIF.referenceContext, context))
        return iri

    def _mention_targets(self) -> dict[Mention, URIRef]:
        targets: dict[Mention, URIRef] = {}
        for person in self.facts.persons:
            for m in person.mentions:
                if m.label == "PERSON":
                    targets.setdefault(m, self._person_node(person.name))
        for org in self.facts.organizations:
            for m in org.mentions:
                if m.label == "ORG":
                    targets.setdefault(m, self._org_node(org.name))
        return targets

    def add_nif(self) -> None:
        g, text = self.g, self.release.text
        context = context_iri(self.iri)
        g.add((context, RDF.type, NIF.Context))
        g.add((context, RDF.type, NIF.String))
        g.add((context, NIF.isString, Literal(text)))
        g.add((context, NIF.beginIndex, _nonneg(0)))
        g.add((context, NIF.endIndex, _nonneg(self._source_span(0, len(text))[1])))
        g.add((context, PROV.wasDerivedFrom, self.iri))
        targets = self._mention_targets()
        sentences: dict[Span, URIRef] = {}
        for m in self.facts.mentions:
            if m.label not in NIF_LABELS or m not in targets:
                continue
            begin, end = self._source_span(m.start, m.end)
            iri = mention_iri(self.iri, begin, end)
            g.add((iri, RDF.type, NIF.String))
            g.add((iri, RDF.type, NIF.Phrase))
            g.add((iri, NIF.beginIndex, _nonneg(begin)))
            g.add((iri, NIF.endIndex, _nonneg(end)))
            g.add((iri, NIF.anchorOf, Literal(text[m.start : m.end])))
            g.add((iri, NIF.referenceContext, context))
            g.add((iri, ITSRDF.taIdentRef, targets[m]))
            g.add((iri, KG.mentionLabel, Literal(m.label)))
            sentence = self.facts.sentence_of(m.start)
            if sentence is not None:
                if sentence not in sentences:
                    sentences[sentence] = self._sentence_node(sentence, context)
                g.add((iri, NIF.sentence, sentences[sentence]))

    # -- quotes --------------------------------------------------------------------------------
    def add_quotes(self) -> None:
        g, text = self.g, self.release.text
        context = context_iri(self.iri)
        for q in self.facts.quotes:
            begin, end = self._source_span(q.span.start, q.span.end)
            iri = quote_iri(self.iri, begin, end)
            g.add((iri, RDF.type, SCHEMA.Quotation))
            g.add((iri, SCHEMA.text, _ko(q.text)))
            g.add((iri, SCHEMA.isPartOf, self.iri))
            if q.speaker is not None:
                g.add((iri, SCHEMA.creator, self._person_node(q.speaker)))
            evidence = text[q.sentence.start : q.sentence.end].strip()
            if evidence:
                g.add((iri, KG.evidenceText, _ko(evidence)))
            span = mention_iri(self.iri, begin, end)
            g.add((span, RDF.type, NIF.String))
            g.add((span, RDF.type, NIF.Phrase))
            g.add((span, NIF.beginIndex, _nonneg(begin)))
            g.add((span, NIF.endIndex, _nonneg(end)))
            g.add((span, NIF.anchorOf, Literal(text[q.span.start : q.span.end])))
            g.add((span, NIF.referenceContext, context))
            g.add((span, NIF.sentence, self._sentence_node(q.sentence, context)))
            g.add((span, ITSRDF.taIdentRef, iri))

    def check(self) -> None:
        # Checked before any triple is added, so a caller's graph is never left half-written.
        for org in self.facts.organizations:
            if org.kind not in ORG_KIND_CLASSES:
                raise ValueError(
                    f"organization {org.name!r}: unknown kind {org.kind!r}; "
                    f"expected one of {', '.join(ORG_KINDS)}"
                )

    def write(self) -> None:
        self.check()
        self.add_organizations()
        self.add_persons()
        self.add_memberships()
        self.add_release()
        self.add_nif()
        self.add_quotes()


def facts_to_graph(facts: Iterable[ReleaseFacts], graph: Graph | None = None) -> Graph:
    """Add the RDF of each release's facts to ``graph`` (a new graph if None) and return it.

    NIF offsets point into the file's decoded text through ``Release.source_offset``. For HTML
    input (``offset_map`` set) the context's ``nif:isString`` is still ``Release.text``, because
    the decoded HTML source is not carried by ``Release``; only ``.txt`` contexts satisfy
    ``isString[begin:end] == anchorOf`` until it is.
    """
    if graph is None:
        graph = new_graph()
    else:
        bind_prefixes(graph)
    for release_facts in facts:
        _ReleaseWriter(graph, release_facts).write()
    return graph


def turtle_text(graph: Graph) -> str:
    """The graph as Turtle with the project's prefixes (rdflib sorts subjects, so it is stable)."""
    bind_prefixes(graph)
    return graph.serialize(format="turtle")


def write_turtle(graph: Graph, path: str | os.PathLike) -> None:
    """Write ``graph`` as Turtle to ``path``; an earlier file survives any failure intact."""
    write_atomic(path, turtle_text(graph))


def read_turtle_text(text: str, source: str = "<string>") -> Graph:
    """Parse Turtle ``text``; ``source`` names it in a ``GraphFileError``."""
    graph = new_graph()
    try:
        graph.parse(data=text, format="turtle")
    except BadSyntax as e:
        raise GraphFileError(source, f"not valid Turtle: line {e.lines + 1}: {e._why}") from e
    except AssertionError as e:
        # rdflib's Turtle parser reports some lexical errors (unclosed strings) by assert.
        first = (str(e).splitlines() or ["syntax error"])[0]
        raise GraphFileError(source, f"not valid Turtle: {first}") from e
    return graph


def load_graph(path: str | os.PathLike) -> Graph:
    """Load a Turtle file written by ``write_turtle`` (or any Turtle file)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as e:
        raise GraphFileError(str(path), "no such file") from e
    except IsADirectoryError as e:
        raise GraphFileError(str(path), "is a folder; give a Turtle (.ttl) file") from e
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise GraphFileError(str(path), "not valid Turtle: not UTF-8 text") from e
    return read_turtle_text(text, str(path))
