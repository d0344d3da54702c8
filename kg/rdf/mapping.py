"""Turn extracted facts into RDF (the shapes of docs/vocabulary.md), written once, as text.

This is the only module that writes triples about releases; IRIs come from ``kg.rdf.iris``.
``release_statements`` writes a release's triples as N-Triples tokens (``kg.rdf.turtle``), the
form a corpus build keeps them in; ``facts_to_graph`` makes the rdflib graph of the same
tokens. The NIF provenance, quotes, proposals and events are written by ``kg.rdf.nif``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import FactsError
from kg.model import ORG_KINDS, PROPOSAL_KINDS, Organization, ReleaseFacts
from kg.rdf.iris import Mint, org_key
from kg.rdf.nif import NIF_LABELS, ProvenanceWriter
from kg.rdf.turtle import Statements, Tokens, iri_token, ko_token, nt, rdflib_term, string_token
from kg.rdf.vocab import (
    KG,
    ORG_KIND_CLASSES,
    SCHEMA,
    TURTLE_PREFIXES,
    bind_prefixes,
    new_graph,
)
from kg.resolve.forms import canonical
from kg.resolve.resolution import OrgNode, Resolution, resolve

__all__ = [
    "CREATOR_ROLES",
    "NIF_LABELS",
    "ORG_KIND_CLASSES",
    "TURTLE_PREFIXES",
    "ReleaseStatements",
    "facts_to_graph",
    "org_node_lines",
    "org_node_triples",
    "release_statements",
]

CREATOR_ROLES = ("author", "byline")

_RDF, _FOAF, _ORG, _SKOS, _RDFS = Tokens(RDF), Tokens(FOAF), Tokens(ORG), Tokens(SKOS), Tokens(RDFS)
_DCTERMS, _PROV, _KG, _SCHEMA = Tokens(DCTERMS), Tokens(PROV), Tokens(KG), Tokens(SCHEMA)
_KIND_TOKENS = {kind: iri_token(str(cls)) for kind, cls in ORG_KIND_CLASSES.items()}
_TRUE = nt(Literal(True))


@dataclass
class ReleaseStatements:
    """The triples of releases that share one text (one release IRI; usually a single file),
    and the keys of the resolved organizations whose labels and whose kind class they need
    (``org_node_lines`` writes those once for a whole corpus)."""

    statements: Statements
    labelled: set[str]
    typed: set[str]
    # the IRI each person and organization name of the facts got (kg.network.details reads them)
    person_iris: dict[str, str]
    org_iris: dict[str, str]


class _ReleaseWriter(ProvenanceWriter):
    """Writes the triples of one release; keeps the name -> IRI maps the shapes link through.
    Terms are N-Triples tokens; ``self.add(s, p, o)`` adds a triple."""

    def __init__(self, out: Statements, facts: ReleaseFacts, resolution: Resolution) -> None:
        self.add = out.add
        self.facts = facts
        self.resolution = resolution
        self.release = facts.release
        self.iri = Mint.release(self.release.text)  # the release IRI, as text
        self.rel = f"<{self.iri}>"
        self.orgs: dict[str, str] = {}  # name -> token
        self.org_keys: dict[str, str] = {}
        self.persons: dict[str, str] = {}
        # Resolved organizations (OrgNode keys) whose labels, and whose kind class, the RDF
        # needs: written once per node by ``org_node_lines``, not once per release.
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

    def _org_node(self, name: str) -> str:
        """Token of the organization called ``name``; one not described by the facts gets a bare
        node (type and label only) so that every link still lands on an ``org:Organization``."""
        found = self.orgs.get(name)
        if found is not None:
            return found
        key_name = name
        org = self.facts.organization(name)
        node = self.resolution.org(self.release.path, name)
        if node is not None:  # resolved across releases (kg.resolve)
            name, ancestors = node.path[-1], list(node.path[:-1])
        else:
            ancestors = self._ancestors(org) if org else []
        key = org_key(name, ancestors)
        token = f"<{Mint.org_of_key(key)}>"
        self.orgs[key_name] = token
        self.org_keys[key_name] = key
        if org is None:
            self.add(token, _RDF.type, _ORG.Organization)
            self._labels(token, key_name, [])
        return token

    def _labels(self, token: str, name: str, aliases: list[str]) -> None:
        """One prefLabel (the fullest form any release writes), altLabels for the other forms."""
        node = self.resolution.org(self.release.path, name)
        if node is not None:
            self.labelled.add(node.key)
            return
        label = canonical(name)
        self.add(token, _SKOS.prefLabel, ko_token(label))
        for alias in aliases:
            if canonical(alias) != label:
                self.add(token, _SKOS.altLabel, ko_token(canonical(alias)))

    def add_organizations(self) -> None:
        add = self.add
        implied_titles: dict[str, set[str]] = {}
        for m in self.facts.memberships:
            if m.organization is not None and m.title is not None:
                implied_titles.setdefault(m.organization, set()).add(m.title)
        for org in self.facts.organizations:
            token = self._org_node(org.name)
            add(token, _RDF.type, _ORG.Organization)
            node = self.resolution.org(self.release.path, org.name)
            if node is not None:
                self.typed.add(node.key)
            else:
                add(token, _RDF.type, _KIND_TOKENS[org.kind])
            self._labels(token, org.name, org.aliases)
            if org.parent is not None and org.parent != org.name:
                parent = self._org_node(org.parent)
                add(token, _RDF.type, _ORG.OrganizationalUnit)
                add(token, _ORG.unitOf, parent)
                add(parent, _ORG.hasUnit, token)
            if org.implied:
                for title in sorted(implied_titles.get(org.name, ())):
                    add(token, _KG.impliedBy, ko_token(canonical(title)))
            add(self.rel, _SCHEMA.mentions, token)

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
            return self.iri
        self._org_node(first)
        return self.org_keys[first]

    def _person_node(self, name: str) -> str:
        found = self.persons.get(name)
        if found is None:
            found = self.persons[name] = f"<{Mint.person(name, self._anchor(name))}>"
            label = ko_token(canonical(name))
            self.add(found, _RDF.type, _FOAF.Person)
            self.add(found, _FOAF.name, label)
            self.add(found, _RDFS.label, label)
        return found

    def add_persons(self) -> None:
        for person in self.facts.persons:
            token = self._person_node(person.name)
            self.add(self.rel, _SCHEMA.mentions, token)
            if person.role in CREATOR_ROLES:
                self.add(self.rel, _DCTERMS.creator, token)

    def _actor_node(self, name: str) -> str:
        return self._person_node(name) if self.facts.person(name) else self._org_node(name)

    # -- memberships ---------------------------------------------------------------------------
    def add_memberships(self) -> None:
        add, text = self.add, self.release.text
        for m in self.facts.memberships:
            person = self._person_node(m.person)
            org = self._org_node(m.organization) if m.organization is not None else None
            role = f"<{Mint.role(m.title)}>" if m.title is not None else None
            iri = Mint.membership(self.iri, person[1:-1], org and org[1:-1], role and role[1:-1])
            iri = f"<{iri}>"
            add(iri, _RDF.type, _ORG.Membership)
            add(iri, _ORG.member, person)
            if org is not None:
                add(iri, _ORG.organization, org)
            if role is not None:
                add(role, _RDF.type, _ORG.Role)
                add(role, _SKOS.prefLabel, ko_token(canonical(m.title)))
                add(iri, _ORG.role, role)
            if org is None and m.title is not None:
                # a title with no organization is also the person's job title (변호사, 교수)
                add(person, _SCHEMA.jobTitle, ko_token(canonical(m.title)))
            add(iri, _PROV.wasDerivedFrom, self.rel)
            evidence = text[m.sentence.start : m.sentence.end].strip()
            if evidence:
                add(iri, _KG.evidenceText, ko_token(evidence))
            if m.inferred is not None:
                # the organization came from the release's context, not from the sentence
                add(iri, _KG.inferred, _TRUE)
                add(iri, _KG.inferredFrom, string_token(m.inferred))
            if m.former:
                # a post the sentence says the person held before (전 TITLE, TITLE을 지낸)
                add(iri, _KG.former, _TRUE)

    # -- release metadata ----------------------------------------------------------------------
    def add_release(self) -> None:
        add, r, rel = self.add, self.release, self.rel
        add(rel, _RDF.type, _KG.PressRelease)
        add(rel, _KG.sourceFile, string_token(r.path))
        if r.title:
            add(rel, _DCTERMS.title, ko_token(r.title))
        for subtitle in r.subtitles:
            add(rel, _KG.subtitle, ko_token(subtitle))
        if r.published is not None:
            add(rel, _DCTERMS.issued, nt(Literal(r.published, datatype=XSD.dateTime)))
        if r.publisher and self.facts.organization(r.publisher):
            add(rel, _DCTERMS.publisher, self._org_node(r.publisher))
        if r.department and self.facts.organization(r.department[-1]):
            add(rel, _KG.department, self._org_node(r.department[-1]))
        if r.phone:
            add(rel, _SCHEMA.telephone, string_token(r.phone))
        if r.views is not None:
            add(rel, _KG.viewCount, nt(Literal(r.views, datatype=XSD.integer)))
        for image in r.images:
            add(rel, _KG.imageFile, string_token(image))
        if r.license:
            add(rel, _DCTERMS.license, ko_token(r.license))

    def check(self) -> None:
        # Checked before any triple is added, so a caller's graph is never left half-written.
        for p in self.facts.proposals:
            if p.kind not in PROPOSAL_KINDS:
                raise FactsError(
                    f"proposal {p.label!r}: unknown kind {p.kind!r}; "
                    f"expected one of {', '.join(PROPOSAL_KINDS)}"
                )
        for org in self.facts.organizations:
            if org.kind not in ORG_KIND_CLASSES:
                raise FactsError(
                    f"organization {org.name!r}: unknown kind {org.kind!r}; "
                    f"expected one of {', '.join(ORG_KINDS)}"
                )

    def write(self) -> None:
        self.add_organizations()
        self.add_persons()
        self.add_memberships()
        self.add_release()
        self.add_nif()
        self.add_quotes()
        self.add_proposals()
        self.add_events()


def release_statements(facts: Iterable[ReleaseFacts], resolution: Resolution) -> ReleaseStatements:
    """The triples of releases that share one text, as N-Triples tokens grouped by subject.

    ``facts_to_graph`` of many releases holds the union of their triples and of the
    organizations' ``org_node_triples``; ``resolution`` may be ``Resolution.view`` of the
    releases. Raises ``FactsError`` for an organization or proposal of an unknown kind.
    """
    facts = list(facts)
    out = Statements()
    writers = [_ReleaseWriter(out, f, resolution) for f in facts]
    for writer in writers:
        writer.check()
    labelled: set[str] = set()
    typed: set[str] = set()
    person_iris: dict[str, str] = {}
    org_iris: dict[str, str] = {}
    for writer in writers:
        writer.write()
        labelled |= writer.labelled
        typed |= writer.typed
        person_iris.update((name, token[1:-1]) for name, token in writer.persons.items())
        org_iris.update((name, token[1:-1]) for name, token in writer.orgs.items())
    return ReleaseStatements(out, labelled, typed, person_iris, org_iris)


def org_node_lines(node: OrgNode, *, labels: bool = True, kind: bool = True) -> list[str]:
    """A resolved organization's labels (the fullest form as prefLabel, the others as altLabel)
    and its kind class (kg:Government, kg:University, ...), as N-Triples lines."""
    token = f"<{Mint.org(node.path[-1], node.path[:-1])}>"
    lines = []
    if kind:
        lines.append(f"{token} {_RDF.type} {_KIND_TOKENS[node.kind]} .")
    if labels:
        lines.append(f"{token} {_SKOS.prefLabel} {ko_token(node.label)} .")
        lines += [
            f"{token} {_SKOS.altLabel} {ko_token(a)} ." for a in node.alt_labels if a != node.label
        ]
    return lines


def org_node_triples(node: OrgNode, *, labels: bool = True, kind: bool = True) -> list[tuple]:
    """``org_node_lines`` as rdflib triples."""
    out = []
    for line in org_node_lines(node, labels=labels, kind=kind):
        s, p, o = line[:-2].split(" ", 2)
        out.append((rdflib_term(s), rdflib_term(p), rdflib_term(o)))
    return out


def facts_to_graph(
    facts: Iterable[ReleaseFacts], graph: Graph | None = None, resolution: Resolution | None = None
) -> Graph:
    """Add the RDF of each release's facts to ``graph`` (a new graph if None) and return it.

    NIF offsets point into the file's decoded text through ``Release.source_offset``; the
    context's ``nif:isString`` is that text (the decoded HTML source for HTML input), so
    ``isString[begin:end] == anchorOf`` holds for every span.

    Organization and person IRIs come from ``resolution`` (``kg.resolve.resolve`` of ``facts``
    when None), so one organization or person named in several releases is one node. Raises
    ``FactsError`` (a ``ValueError``) for an organization or proposal of an unknown kind,
    before ``graph`` is changed.
    """
    facts = list(facts)
    if resolution is None:
        resolution = resolve(facts)
    if graph is None:
        graph = new_graph()
    else:
        bind_prefixes(graph)
    made = release_statements(facts, resolution)
    triples = list(made.statements.triples())
    for key in sorted(made.labelled | made.typed):
        node = resolution.organizations[key]
        lines = org_node_lines(node, labels=key in made.labelled, kind=key in made.typed)
        triples += [tuple(line[:-2].split(" ", 2)) for line in lines]
    terms: dict[str, object] = {}

    def term(token: str):
        found = terms.get(token)
        if found is None:
            found = terms[token] = rdflib_term(token)
        return found

    graph.addN((term(s), term(p), term(o), graph) for s, p, o in triples)
    return graph
