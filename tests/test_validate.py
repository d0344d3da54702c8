"""kg.rdf.validate and ontology/: the fixture graph conforms; each broken shape is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import make_facts
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS

from kg.rdf.bundled import ONTOLOGY_FILES, ontology_file
from kg.rdf.iris import org_iri
from kg.rdf.mapping import facts_to_graph
from kg.rdf.validate import validate
from kg.rdf.vocab import KG, NIF, ONTOLOGY_IRI

# A plain namespace: rdflib's closed SDO namespace warns when pytest probes module globals.
SCHEMA = Namespace("https://schema.org/")


@pytest.fixture
def graph() -> Graph:
    return facts_to_graph([make_facts()])


def first_membership(graph: Graph):
    return min(graph.subjects(RDF.type, ORG.Membership))


def test_fixture_graph_conforms(graph):
    report = validate(graph)
    assert report.conforms, report.text
    assert report.violations == 0


def test_validation_does_not_touch_the_graph(graph):
    before = set(graph)
    validate(graph)
    assert set(graph) == before


def test_membership_without_member(graph):
    membership = first_membership(graph)
    graph.remove((membership, ORG.member, None))
    report = validate(graph)
    assert not report.conforms
    assert report.violations == 1
    assert "A membership needs exactly one org:member" in report.text


def test_membership_without_organization_or_role(graph):
    membership = first_membership(graph)
    graph.remove((membership, ORG.organization, None))
    graph.remove((membership, ORG.role, None))
    report = validate(graph)
    assert report.violations == 1
    assert "Constraint Violation in OrConstraintComponent" in report.text


def test_membership_from_two_releases(graph):
    membership = first_membership(graph)
    other = org_iri("not a release")
    graph.add((membership, PROV.wasDerivedFrom, other))
    report = validate(graph)
    # maxCount 1 and sh:class kg:PressRelease both fail
    assert report.violations == 2


def test_organization_with_two_preferred_labels(graph):
    graph.add((org_iri("마바대학교"), SKOS.prefLabel, Literal("마바대", lang="ko")))
    assert validate(graph).violations == 1


def test_unit_of_something_that_is_not_an_organization(graph):
    graph.add((org_iri("마바대학교"), ORG.unitOf, KG.Nowhere))
    report = validate(graph)
    assert report.violations == 1
    assert "org:unitOf must point to an org:Organization" in report.text


def test_person_name_needs_korean_language_tag(graph):
    (hong,) = graph.subjects(FOAF.name, Literal("홍길동", lang="ko"))
    graph.remove((hong, FOAF.name, None))
    graph.add((hong, FOAF.name, Literal("Hong Gildong", lang="en")))
    assert validate(graph).violations == 1


def test_mention_without_anchor(graph):
    mention = next(iter(graph.subjects(RDF.type, NIF.Phrase)))
    graph.remove((mention, NIF.anchorOf, None))
    assert validate(graph).violations == 1


def test_mention_offset_must_be_non_negative_integer(graph):
    mention = next(iter(graph.subjects(RDF.type, NIF.Phrase)))
    graph.set((mention, NIF.beginIndex, Literal(3)))  # xsd:integer, not nonNegativeInteger
    assert validate(graph).violations == 1


def test_release_with_two_titles(graph):
    (release,) = graph.subjects(RDF.type, KG.PressRelease)
    graph.add((release, DCTERMS.title, Literal("다른 제목", lang="ko")))
    assert validate(graph).violations == 1


# -- the ontology -----------------------------------------------------------------------------

DECLARED = [
    ("PressRelease", OWL.Class),
    ("Government", OWL.Class),
    ("Legislature", OWL.Class),
    ("Company", OWL.Class),
    ("University", OWL.Class),
    ("PublicAgency", OWL.Class),
    ("Association", OWL.Class),
    ("MediaOrganization", OWL.Class),
    ("OtherOrganization", OWL.Class),
    ("Proposal", OWL.Class),
    ("subtitle", OWL.DatatypeProperty),
    ("department", OWL.ObjectProperty),
    ("viewCount", OWL.DatatypeProperty),
    ("imageFile", OWL.DatatypeProperty),
    ("sourceFile", OWL.DatatypeProperty),
    ("evidenceText", OWL.DatatypeProperty),
    ("impliedBy", OWL.DatatypeProperty),
    ("mentionLabel", OWL.DatatypeProperty),
    ("moderator", OWL.ObjectProperty),
    ("panelist", OWL.ObjectProperty),
    ("proposalKind", OWL.DatatypeProperty),
]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=ontology_file("kg.ttl").read_text("utf-8"), format="turtle")


def test_ontology_header(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert not list(ontology.objects(None, OWL.imports))  # validation must stay offline


@pytest.mark.parametrize(("name", "kind"), DECLARED)
def test_every_term_is_declared_with_labels(ontology, name, kind):
    term = KG[name]
    assert (term, RDF.type, kind) in ontology
    labels = {lit.language for lit in ontology.objects(term, RDFS.label)}
    assert labels == {"ko", "en"}
    assert "en" in {lit.language for lit in ontology.objects(term, RDFS.comment)}


def test_every_kg_term_used_by_the_graph_is_declared(ontology, graph):
    used = {t for triple in graph for t in triple if str(t).startswith(str(KG))}
    assert used <= set(ontology.subjects(RDF.type, None))


def test_class_hierarchy(ontology):
    assert (KG.PressRelease, RDFS.subClassOf, SCHEMA.NewsArticle) in ontology
    assert (KG.Proposal, RDFS.subClassOf, SCHEMA.CreativeWork) in ontology
    for name in (
        "Government",
        "Legislature",
        "Company",
        "University",
        "PublicAgency",
        "Association",
        "MediaOrganization",
        "OtherOrganization",
    ):
        assert (KG[name], RDFS.subClassOf, ORG.Organization) in ontology


def test_the_package_ships_the_ontology_and_the_shapes():
    # Read as kg's installed package resources (kg/ontology in a wheel), not from the checkout.
    source = Path(__file__).parents[1] / "ontology"
    for name in ONTOLOGY_FILES:
        assert ontology_file(name).read_bytes() == (source / name).read_bytes()
