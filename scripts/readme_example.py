"""Print the README's worked example from the real outputs/ (paste it under "## Worked example").

Usage: python scripts/readme_example.py > /tmp/example.md
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GRAPH = "outputs/graph.ttl"


def kg(*args: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.rstrip()


def turtle_excerpt() -> str:
    """The triples about one person, their membership, role and organization."""
    from rdflib import Graph, Literal
    from rdflib.namespace import FOAF, ORG

    from kg.rdf.graphs import load_graph
    from kg.rdf.vocab import bind_prefixes

    g = load_graph(ROOT / GRAPH)
    person = next(g.subjects(FOAF.name, Literal("이철우", lang="ko")))
    membership = next(g.subjects(ORG.member, person))
    nodes = [
        person,
        membership,
        g.value(membership, ORG.role),
        g.value(membership, ORG.organization),
    ]
    out = bind_prefixes(Graph())
    for node in nodes:
        for p, o in g.predicate_objects(node):
            out.add((node, p, o))
    text = out.serialize(format="turtle")
    return "\n".join(line for line in text.splitlines() if not line.startswith("@prefix")).strip()


def main() -> None:
    query = (
        "SELECT ?name ?title ?organization WHERE { ?m a org:Membership ; org:member/foaf:name "
        "?name ; "
        "org:role/skos:prefLabel ?title ; org:organization/skos:prefLabel ?organization } ORDER BY "
        "?name"
    )
    print("```turtle")
    print(turtle_excerpt())
    print("```\n")
    print(f'```\n$ kg query {GRAPH} "{query}"')
    print(kg("query", GRAPH, query))
    print("```\n")
    print(f"```\n$ kg query {GRAPH} -f queries/who_presented_what.rq")
    print(kg("query", GRAPH, "-f", "queries/who_presented_what.rq"))
    print("```\n")
    print(f"```\n$ kg analyze {GRAPH}")
    print("\n".join(kg("analyze", GRAPH).splitlines()[:12]))
    print("...\n```")


if __name__ == "__main__":
    main()
