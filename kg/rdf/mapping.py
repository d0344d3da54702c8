"""Turn extracted facts into RDF triples (the shapes of docs/vocabulary.md).

This is the only module that writes triples about releases; IRIs come from ``kg.rdf.iris``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.model import ORG_KINDS, PROPOSAL_KINDS, Mention, Organization, ReleaseFacts, Span
from kg.rdf.iris import (
    agenda_iri,
    context_iri,
    event_iri,
    membership_iri,
    mention_iri,
    org_iri,
    org_key,
    person_iri,
    proposal_iri,
    quote_iri,
    release_iri,
    role_iri,
    sentence_iri,
)
from kg.rdf.vocab import ITSRDF, KG, NIF, PREFIXES, SCHEMA, bind_prefixes, new_graph
from kg.resolve.forms import canonical
from kg.resolve.resolution import OrgNode, Resolution, resolve


class _Terms:
    """A namespace whose terms are made once: rdflib makes a new URIRef on every attribute
    access, which was a tenth of the time of writing a release's triples."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term


DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD, ITSRDF, KG, NIF, SCHEMA = map(
    _Terms, (DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD, ITSRDF, KG, NIF, SCHEMA)
)


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


# The prefixes Turtle output declares. Not kgid: every kgid local name has a "/" that Turtle
# would escape (kgid:role\/...), and the full IRI reads better.
TURTLE_PREFIXES: dict[str, str] = {p: str(ns) for p, ns in PREFIXES.items() if p != "kgid"}


CREATOR_ROLES = ("author", "byline")


NIF_LABELS = ("PERSON", "ORG")


def _ko(text: str) -> Literal:
    return Literal(text, lang="ko")


@lru_cache(maxsize=65536)
def _nonneg(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


class Triples(list):
    """A list that collects triples as ``Graph.add`` would, without a store's indexes."""

    add = list.append


class _ReleaseWriter:
    """Makes the triples of one release; keeps the name -> IRI maps the shapes link through."""

    def __init__(self, triples: Triples, facts: ReleaseFacts, resolution: Resolution) -> None:
        self.g = triples
        self.facts = facts
        self.resolution = resolution
        self.release = facts.release
        self.iri = release_iri(self.release)
        self.orgs: dict[str, URIRef] = {}
        self.org_keys: dict[str, str] = {}
        self.persons: dict[str, URIRef] = {}
        # Resolved organizations (OrgNode keys) whose labels, and whose kind class, the RDF
        # needs: written once per node by ``org_node_triples``, not once per release.
        self.labelled: set[str] = set()
        self.typed: set[str] = set()

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
        key_name = name
        org = self.facts.organization(name)
        node = self.resolution.org(self.release.path, name)
        if node is not None:  # resolved across releases (kg.resolve)
            name, ancestors = node.path[-1], list(node.path[:-1])
        else:
            ancestors = self._ancestors(org) if org else []
        iri = org_iri(name, ancestors)
        self.orgs[key_name] = iri
        self.org_keys[key_name] = org_key(name, ancestors)
        if org is None:
            self.g.add((iri, RDF.type, ORG.Organization))
            self._labels(iri, key_name, [])
        return iri

    def _labels(self, iri: URIRef, name: str, aliases: list[str]) -> None:
        """One prefLabel (the fullest form any release writes), altLabels for the other forms."""
        node = self.resolution.org(self.release.path, name)
        if node is not None:
            self.labelled.add(node.key)
            return
        label = canonical(name)
        self.g.add((iri, SKOS.prefLabel, _ko(label)))
        for alias in aliases:
            if canonical(alias) != label:
                self.g.add((iri, SKOS.altLabel, _ko(canonical(alias))))

    def add_organizations(self) -> None:
        g = self.g
        implied_titles: dict[str, set[str]] = {}
        for m in self.facts.memberships:
            if m.organization is not None and m.title is not None:
                implied_titles.setdefault(m.organization, set()).add(m.title)
        for org in self.facts.organizations:
            iri = self._org_node(org.name)
            g.add((iri, RDF.type, ORG.Organization))
            node = self.resolution.org(self.release.path, org.name)
            if node is not None:
                self.typed.add(node.key)
            else:
                g.add((iri, RDF.type, ORG_KIND_CLASSES[org.kind]))
            self._labels(iri, org.name, org.aliases)
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
        node = self.resolution.person(self.release.path, name)
        if node is not None:
            return node.anchor
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
            if org is None and m.title is not None:
                # a title with no organization is also the person's job title (변호사, 교수)
                g.add((person, SCHEMA.jobTitle, _ko(canonical(m.title))))
            if m.inferred is not None:
                # the organization came from the release's context, not the sentence
                g.add((iri, KG.inferred, Literal(True)))
                g.add((iri, KG.inferredFrom, Literal(m.inferred)))
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
        g.add((iri, NIF.anchorOf, Literal(self._decoded[begin:end])))
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

    @property
    def _decoded(self) -> str:
        """The file's decoded text, which NIF offsets count in (the HTML source for HTML input)."""
        return self.release.source_text or self.release.text

    def add_nif(self) -> None:
        g, decoded = self.g, self._decoded
        context = context_iri(self.iri)
        g.add((context, RDF.type, NIF.Context))
        g.add((context, RDF.type, NIF.String))
        g.add((context, NIF.isString, Literal(decoded)))
        g.add((context, NIF.beginIndex, _nonneg(0)))
        g.add((context, NIF.endIndex, _nonneg(len(decoded))))
        g.add((context, PROV.wasDerivedFrom, self.iri))
        targets = self._mention_targets()
        sentences: dict[Span, URIRef] = {}
        for m in self.facts.mentions:
            if m.label not in NIF_LABELS or m not in targets:
                continue
            iri = self._phrase_node(m.start, m.end, targets[m])
            g.add((iri, KG.mentionLabel, Literal(m.label)))
            sentence = self.facts.sentence_of(m.start)
            if sentence is not None:
                if sentence not in sentences:
                    sentences[sentence] = self._sentence_node(sentence, context)
                g.add((iri, NIF.sentence, sentences[sentence]))

    # -- quotes and proposals -----------------------------------------------------------------
    def _phrase_node(self, start: int, end: int, target: URIRef) -> URIRef:
        """The NIF node of ``text[start:end]`` (offsets into the file's decoded text), pointing
        at ``target``: the entity, quote, proposal or event those characters state."""
        g = self.g
        begin, end = self._source_span(start, end)
        node = mention_iri(self.iri, begin, end)
        g.add((node, RDF.type, NIF.String))
        g.add((node, RDF.type, NIF.Phrase))
        g.add((node, NIF.beginIndex, _nonneg(begin)))
        g.add((node, NIF.endIndex, _nonneg(end)))
        g.add((node, NIF.anchorOf, Literal(self._decoded[begin:end])))
        g.add((node, NIF.referenceContext, context_iri(self.iri)))
        g.add((node, ITSRDF.taIdentRef, target))
        return node

    def _statement_span(self, span: Span, sentence: Span, target: URIRef) -> None:
        """The NIF node of a quote's or proposal's characters, pointing at it and its sentence."""
        node = self._phrase_node(span.start, span.end, target)
        self.g.add((node, NIF.sentence, self._sentence_node(sentence, context_iri(self.iri))))

    def _evidence(self, iri: URIRef, sentence: Span) -> None:
        evidence = self.release.text[sentence.start : sentence.end].strip()
        if evidence:
            self.g.add((iri, KG.evidenceText, _ko(evidence)))

    def add_quotes(self) -> None:
        g = self.g
        for q in self.facts.quotes:
            iri = quote_iri(self.iri, *self._source_span(q.span.start, q.span.end))
            g.add((iri, RDF.type, SCHEMA.Quotation))
            g.add((iri, SCHEMA.text, _ko(q.text)))
            g.add((iri, SCHEMA.isPartOf, self.iri))
            if q.speaker is not None:
                g.add((iri, SCHEMA.creator, self._person_node(q.speaker)))
            self._evidence(iri, q.sentence)
            self._statement_span(q.span, q.sentence, iri)

    def add_proposals(self) -> None:
        g = self.g
        for p in self.facts.proposals:
            iri = proposal_iri(self.iri, *self._source_span(p.span.start, p.span.end))
            g.add((iri, RDF.type, KG.Proposal))
            g.add((iri, RDFS.label, _ko(p.label)))
            g.add((iri, KG.proposalKind, Literal(p.kind)))
            for name in p.proposers:
                creator = (
                    self._person_node(name) if self.facts.person(name) else self._org_node(name)
                )
                g.add((iri, SCHEMA.creator, creator))
            g.add((iri, PROV.wasDerivedFrom, self.iri))
            self._evidence(iri, p.sentence)
            self._statement_span(p.span, p.sentence, iri)

    def _actor_node(self, name: str) -> URIRef:
        return self._person_node(name) if self.facts.person(name) else self._org_node(name)

    def add_events(self) -> None:
        g = self.g
        for event in self.facts.events:
            iri = event_iri(self.iri, event.name)
            g.add((iri, RDF.type, SCHEMA.Event))
            g.add((iri, SCHEMA.name, _ko(event.name)))
            if event.kind:
                g.add((iri, KG.eventKind, _ko(event.kind)))
            if event.start_date:
                g.add((iri, SCHEMA.startDate, Literal(event.start_date, datatype=XSD.date)))
            if event.location:
                g.add((iri, SCHEMA.location, _ko(event.location)))
            for name in event.organizers:
                g.add((iri, SCHEMA.organizer, self._actor_node(name)))
            for name in event.attendees:
                g.add((iri, SCHEMA.attendee, self._actor_node(name)))
            g.add((iri, PROV.wasDerivedFrom, self.iri))
            g.add((self.iri, SCHEMA.about, iri))
            if event.sentence:
                self._evidence(iri, event.sentence)
            if event.span and event.sentence:
                self._statement_span(event.span, event.sentence, iri)
            for index, item in enumerate(event.agenda):
                part = agenda_iri(iri, index)
                g.add((part, RDF.type, SCHEMA.Event))
                g.add((iri, SCHEMA.subEvent, part))
                g.add((part, SCHEMA.superEvent, iri))
                g.add((part, KG.agendaKind, _ko(item.kind)))
                g.add((part, SCHEMA.name, _ko(item.topic or item.kind)))
                if item.position is not None:
                    g.add((part, SCHEMA.position, Literal(item.position)))
                for name in item.performers:
                    g.add((part, SCHEMA.performer, self._person_node(name)))
                for name in item.moderators:
                    g.add((part, KG.moderator, self._person_node(name)))
                for name in item.panelists:
                    g.add((part, KG.panelist, self._person_node(name)))
                g.add((part, PROV.wasDerivedFrom, self.iri))
                if item.sentence:
                    self._evidence(part, item.sentence)
                if item.span and item.sentence:
                    self._statement_span(item.span, item.sentence, part)

    def check(self) -> None:
        # Checked before any triple is added, so a caller's graph is never left half-written.
        for p in self.facts.proposals:
            if p.kind not in PROPOSAL_KINDS:
                raise ValueError(
                    f"proposal {p.label!r}: unknown kind {p.kind!r}; "
                    f"expected one of {', '.join(PROPOSAL_KINDS)}"
                )
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
        self.add_proposals()
        self.add_events()


def facts_to_graph(
    facts: Iterable[ReleaseFacts], graph: Graph | None = None, resolution: Resolution | None = None
) -> Graph:
    """Add the RDF of each release's facts to ``graph`` (a new graph if None) and return it.

    NIF offsets point into the file's decoded text through ``Release.source_offset``; the
    context's ``nif:isString`` is that text (the decoded HTML source for HTML input), so
    ``isString[begin:end] == anchorOf`` holds for every span.

    Organization and person IRIs come from ``resolution`` (``kg.resolve.resolve`` of ``facts``
    when None), so one organization or person named in several releases is one node.
    """
    facts = list(facts)
    if resolution is None:
        resolution = resolve(facts)
    if graph is None:
        graph = new_graph()
    else:
        bind_prefixes(graph)
    triples, labelled, typed = release_triples(facts, resolution)
    for key in sorted(labelled | typed):
        node = resolution.organizations[key]
        triples += org_node_triples(node, labels=key in labelled, kind=key in typed)
    graph.addN((*t, graph) for t in triples)
    return graph


def release_triples(
    facts: Iterable[ReleaseFacts],
    resolution: Resolution,
    *,
    person_iris: dict[str, URIRef] | None = None,
    org_iris: dict[str, URIRef] | None = None,
) -> tuple[Triples, set[str], set[str]]:
    """The triples of releases that share one text (one release IRI; usually a single file),
    with the keys of the resolved organizations whose labels and whose kind class they need
    (``org_node_triples`` makes those triples once for a whole corpus).

    ``facts_to_graph`` of many releases holds the union of their triples and of those node
    triples; ``resolution`` may be ``Resolution.view`` of the releases. ``person_iris`` and
    ``org_iris``, when given, are filled with the IRI each person and organization name of the
    facts got (``kg.details.release_details`` reads them).
    """
    triples = Triples()
    labelled: set[str] = set()
    typed: set[str] = set()
    for release_facts in facts:
        writer = _ReleaseWriter(triples, release_facts, resolution)
        writer.write()
        labelled |= writer.labelled
        typed |= writer.typed
        if person_iris is not None:
            person_iris.update(writer.persons)
        if org_iris is not None:
            org_iris.update(writer.orgs)
    return triples, labelled, typed


def org_node_triples(node: OrgNode, *, labels: bool = True, kind: bool = True) -> list[tuple]:
    """A resolved organization's labels (the fullest form as prefLabel, the others as altLabel)
    and its kind class (kg:Government, kg:University, ...)."""
    iri = org_iri(node.path[-1], node.path[:-1])
    triples: list[tuple] = []
    if kind:
        triples.append((iri, RDF.type, ORG_KIND_CLASSES[node.kind]))
    if labels:
        triples.append((iri, SKOS.prefLabel, _ko(node.label)))
        triples += [(iri, SKOS.altLabel, _ko(a)) for a in node.alt_labels if a != node.label]
    return triples
