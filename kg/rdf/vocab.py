"""The vocabulary kg writes: namespaces, prefixes, and the organization kind <-> class table."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

KG = Namespace("https://w3id.org/kg-press/ontology#")
KGID = Namespace("https://w3id.org/kg-press/id/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SCHEMA = SDO
ONTOLOGY_IRI = URIRef("https://w3id.org/kg-press/ontology")


PREFIXES: dict[str, Namespace] = {
    "kg": KG,
    "kgid": KGID,
    "foaf": FOAF,
    "org": ORG,
    "skos": SKOS,
    "schema": SCHEMA,
    "prov": PROV,
    "dcterms": DCTERMS,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "rdfs": RDFS,
    "rdf": RDF,
    "xsd": XSD,
    "owl": OWL,
}


# The prefixes Turtle output declares. Not kgid: every kgid local name has a "/" that Turtle
# would escape (kgid:role\/...), and the full IRI reads better.
TURTLE_PREFIXES: dict[str, str] = {p: str(ns) for p, ns in PREFIXES.items() if p != "kgid"}

#: ``kg.model.Organization.kind`` -> its kg class, in ``kg.model.ORG_KINDS`` order.
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
#: kg class -> organization kind (``org_type`` in the networks).
ORG_TYPE_CLASSES: dict[URIRef, str] = {cls: kind for kind, cls in ORG_KIND_CLASSES.items()}
#: Every class that makes a node an organization.
ORG_CLASSES = frozenset((ORG.Organization, ORG.OrganizationalUnit, *ORG_TYPE_CLASSES))


def new_graph() -> Graph:
    """An empty graph carrying only the project's prefixes (not rdflib's long default list)."""
    graph = Graph(bind_namespaces="none")
    bind_prefixes(graph)
    return graph


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` (replacing other bindings of the same names)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
