"""The release's text as RDF: NIF provenance of every mention, and the statements a release
makes (quotes, proposals, events), each tied to the characters that state it.

``ProvenanceWriter`` is the part of ``kg.rdf.mapping``'s release writer that writes them; its
terms are N-Triples tokens (``kg.rdf.turtle``).
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.model import Mention, Span
from kg.rdf.iris import Mint
from kg.rdf.turtle import Tokens, ko_token, nt, string_token
from kg.rdf.vocab import ITSRDF, KG, NIF, SCHEMA

_RDF, _RDFS, _PROV, _KG = Tokens(RDF), Tokens(RDFS), Tokens(PROV), Tokens(KG)
_NIF, _ITSRDF, _SCHEMA = Tokens(NIF), Tokens(ITSRDF), Tokens(SCHEMA)
_NONNEG = f"<{XSD.nonNegativeInteger}>"
NIF_LABELS = ("PERSON", "ORG")


@lru_cache(maxsize=65536)
def _nonneg(n: int) -> str:
    return f'"{n}"^^{_NONNEG}'


class ProvenanceWriter:
    """NIF nodes, quotes, proposals and events of one release (see ``kg.rdf.mapping``)."""

    # set by kg.rdf.mapping._ReleaseWriter
    add: object
    facts: object
    release: object
    iri: str
    rel: str

    # and the writer's _person_node, _org_node and _actor_node (name -> token)

    # -- NIF provenance ------------------------------------------------------------------------
    def _source_span(self, start: int, end: int) -> tuple[int, int]:
        # The end is exclusive, so map the last character and step past it; mapping ``end`` itself
        # would swallow markup (a closing tag) that follows the mention in an HTML source.
        src_start = self.release.source_offset(start)
        src_end = self.release.source_offset(end - 1) + 1 if end > start else src_start
        return src_start, src_end

    @property
    def _context(self) -> str:
        return f"<{self.iri}#context>"

    def _sentence_node(self, sentence: Span, context: str) -> str:
        begin, end = self._source_span(sentence.start, sentence.end)
        token = f"<{self.iri}#sentence={begin},{end}>"
        add = self.add
        add(token, _RDF.type, _NIF.Sentence)
        add(token, _RDF.type, _NIF.String)
        add(token, _NIF.beginIndex, _nonneg(begin))
        add(token, _NIF.endIndex, _nonneg(end))
        add(token, _NIF.anchorOf, string_token(self._decoded[begin:end]))
        add(token, _NIF.referenceContext, context)
        return token

    def _mention_targets(self) -> dict[Mention, str]:
        targets: dict[Mention, str] = {}
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
        add, decoded = self.add, self._decoded
        context = self._context
        add(context, _RDF.type, _NIF.Context)
        add(context, _RDF.type, _NIF.String)
        add(context, _NIF.isString, string_token(decoded))
        add(context, _NIF.beginIndex, _nonneg(0))
        add(context, _NIF.endIndex, _nonneg(len(decoded)))
        add(context, _PROV.wasDerivedFrom, self.rel)
        targets = self._mention_targets()
        sentences: dict[Span, str] = {}
        for m in self.facts.mentions:
            if m.label not in NIF_LABELS or m not in targets:
                continue
            token = self._phrase_node(m.start, m.end, targets[m])
            add(token, _KG.mentionLabel, string_token(m.label))
            sentence = self.facts.sentence_of(m.start)
            if sentence is not None:
                if sentence not in sentences:
                    sentences[sentence] = self._sentence_node(sentence, context)
                add(token, _NIF.sentence, sentences[sentence])

    # -- quotes and proposals -----------------------------------------------------------------
    def _phrase_node(self, start: int, end: int, target: str) -> str:
        """The NIF node of ``text[start:end]`` (offsets into the file's decoded text), pointing
        at ``target``: the entity, quote, proposal or event those characters state."""
        add = self.add
        begin, end = self._source_span(start, end)
        token = f"<{self.iri}#char={begin},{end}>"
        add(token, _RDF.type, _NIF.String)
        add(token, _RDF.type, _NIF.Phrase)
        add(token, _NIF.beginIndex, _nonneg(begin))
        add(token, _NIF.endIndex, _nonneg(end))
        add(token, _NIF.anchorOf, string_token(self._decoded[begin:end]))
        add(token, _NIF.referenceContext, self._context)
        add(token, _ITSRDF.taIdentRef, target)
        return token

    def _statement_span(self, span: Span, sentence: Span, target: str) -> None:
        """The NIF node of a quote's or proposal's characters, pointing at it and its sentence."""
        token = self._phrase_node(span.start, span.end, target)
        self.add(token, _NIF.sentence, self._sentence_node(sentence, self._context))

    def _evidence(self, token: str, sentence: Span) -> None:
        evidence = self.release.text[sentence.start : sentence.end].strip()
        if evidence:
            self.add(token, _KG.evidenceText, ko_token(evidence))

    def add_quotes(self) -> None:
        add = self.add
        for q in self.facts.quotes:
            token = f"<{Mint.quote(self.iri, *self._source_span(q.span.start, q.span.end))}>"
            add(token, _RDF.type, _SCHEMA.Quotation)
            add(token, _SCHEMA.text, ko_token(q.text))
            add(token, _SCHEMA.isPartOf, self.rel)
            if q.speaker is not None:
                add(token, _SCHEMA.creator, self._person_node(q.speaker))
            self._evidence(token, q.sentence)
            self._statement_span(q.span, q.sentence, token)

    def add_proposals(self) -> None:
        add = self.add
        for p in self.facts.proposals:
            token = f"<{Mint.proposal(self.iri, *self._source_span(p.span.start, p.span.end))}>"
            add(token, _RDF.type, _KG.Proposal)
            add(token, _RDFS.label, ko_token(p.label))
            add(token, _KG.proposalKind, string_token(p.kind))
            for name in p.proposers:
                add(token, _SCHEMA.creator, self._actor_node(name))
            add(token, _PROV.wasDerivedFrom, self.rel)
            self._evidence(token, p.sentence)
            self._statement_span(p.span, p.sentence, token)

    # -- events --------------------------------------------------------------------------------
    def add_events(self) -> None:
        add = self.add
        for event in self.facts.events:
            iri = Mint.event(self.iri, event.name)
            token = f"<{iri}>"
            add(token, _RDF.type, _SCHEMA.Event)
            add(token, _SCHEMA.name, ko_token(event.name))
            if event.kind:
                add(token, _KG.eventKind, ko_token(event.kind))
            if event.start_date:
                add(token, _SCHEMA.startDate, nt(Literal(event.start_date, datatype=XSD.date)))
            if event.location:
                add(token, _SCHEMA.location, ko_token(event.location))
            for name in event.organizers:
                add(token, _SCHEMA.organizer, self._actor_node(name))
            for name in event.attendees:
                add(token, _SCHEMA.attendee, self._actor_node(name))
            add(token, _PROV.wasDerivedFrom, self.rel)
            add(self.rel, _SCHEMA.about, token)
            if event.sentence:
                self._evidence(token, event.sentence)
            if event.span and event.sentence:
                self._statement_span(event.span, event.sentence, token)
            for index, item in enumerate(event.agenda):
                self._agenda_item(iri, token, index, item)

    def _agenda_item(self, event: str, event_token: str, index: int, item) -> None:
        add = self.add
        part = f"<{Mint.agenda(event, index)}>"
        add(part, _RDF.type, _SCHEMA.Event)
        add(event_token, _SCHEMA.subEvent, part)
        add(part, _SCHEMA.superEvent, event_token)
        add(part, _KG.agendaKind, ko_token(item.kind))
        add(part, _SCHEMA.name, ko_token(item.topic or item.kind))
        if item.position is not None:
            add(part, _SCHEMA.position, nt(Literal(item.position)))
        for name in item.performers:
            add(part, _SCHEMA.performer, self._person_node(name))
        for name in item.moderators:
            add(part, _KG.moderator, self._person_node(name))
        for name in item.panelists:
            add(part, _KG.panelist, self._person_node(name))
        add(part, _PROV.wasDerivedFrom, self.rel)
        if item.sentence:
            self._evidence(part, item.sentence)
        if item.span and item.sentence:
            self._statement_span(item.span, item.sentence, part)
