"""Check a graph against the SHACL shapes kg ships (``ontology/shapes.ttl``) with pySHACL,
offline."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import RDF, SH

from kg.rdf.bundled import ontology_file


@dataclass
class ValidationReport:
    """The outcome of ``validate``: ``text`` is pySHACL's human-readable report."""

    conforms: bool
    violations: int
    text: str


@lru_cache(maxsize=1)
def _shapes_and_ontology() -> tuple[Graph, Graph]:
    # Parsed once per process: a build validates many graphs with the same shapes.
    # Parsed from text: in a wheel the files are package resources, not necessarily paths.
    shapes = Graph().parse(data=ontology_file("shapes.ttl").read_text("utf-8"), format="turtle")
    ontology = Graph().parse(data=ontology_file("kg.ttl").read_text("utf-8"), format="turtle")
    return shapes, ontology


def validate(graph: Graph, inference: str = "none") -> ValidationReport:
    """Validate ``graph`` against the kg shapes; ``graph`` itself is not modified.

    The ontology is mixed in so that ``rdfs:subClassOf`` (kg:Government -> org:Organization)
    counts for SHACL targets. ``inference`` is pySHACL's option; "none" suffices because kg
    writes every type it relies on explicitly, and "rdfs" costs several times as long.
    """
    shapes, ontology = _shapes_and_ontology()
    conforms, results, text = shacl_validate(
        graph,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference=inference,
        abort_on_first=False,
        allow_warnings=False,
        do_owl_imports=False,
    )
    violations = sum(
        1
        for result in results.subjects(RDF.type, SH.ValidationResult)
        if results.value(result, SH.resultSeverity) == SH.Violation
    )
    return ValidationReport(conforms=bool(conforms), violations=violations, text=text)
