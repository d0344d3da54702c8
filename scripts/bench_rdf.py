"""Time rdflib's memory store against Oxigraph on graphs of ~30k, ~300k and ~2M triples.

The graphs are the bundled example's facts repeated with varied names and texts, so every copy
mints its own release, person, organization and membership nodes. Each (size, path) pair runs in
its own process, so the peak RSS it reports is its own. Results go to docs/benchmark_rdf.md.

    python scripts/bench_rdf.py                    # 30k and 300k triples
    python scripts/bench_rdf.py --sizes 30000,300000,2000000

Paths:
    rdflib    facts_to_graph into rdflib's memory store, rdflib Turtle out and in, rdflib SPARQL
    oxrdflib  facts_to_graph into Graph(store="Oxigraph"), ox-turtle out and in, SPARQL on the store
    kg        what kg does now: memory store; kg.rdf.turtle_text (Oxigraph, sorted) out;
              kg.rdf.load_graph (Oxigraph parser into the memory store) in; kg.rdf.load_store
              (Turtle straight into an Oxigraph store, as kg query does) and kg.rdf.query.run_query
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "examples/gb-2023-07-14-ai-seminar.txt"
PATHS = ("rdflib", "oxrdflib", "kg")
QUERIES = {
    # Few rows: the persons of each organization's memberships.
    "members": """
SELECT ?org (COUNT(DISTINCT ?person) AS ?members) WHERE {
    ?m a org:Membership ; org:member ?person ; org:organization ?org .
} GROUP BY ?org ORDER BY DESC(?members) ?org LIMIT 10
""",
    # Every NIF mention (the bulk of the graph) joined with its sentence and its target.
    "mentions": """
SELECT ?label (COUNT(?m) AS ?n) (COUNT(DISTINCT ?target) AS ?targets) WHERE {
    ?m kg:mentionLabel ?label ; itsrdf:taIdentRef ?target ; nif:sentence ?s .
    ?s nif:beginIndex ?begin .
} GROUP BY ?label ORDER BY ?label
""",
}


def synthetic_facts(example, copies: int) -> list:
    """``copies`` versions of the example's facts: names get a numeric suffix, the text a tag."""

    def renamed(name, i):
        return None if name is None else f"{name}{i}"

    out = []
    for i in range(copies):
        r = example.release
        release = dataclasses.replace(r, text=r.text + f"\n#{i}")
        facts = dataclasses.replace(
            example,
            release=release,
            persons=[dataclasses.replace(p, name=renamed(p.name, i)) for p in example.persons],
            organizations=[
                dataclasses.replace(
                    o,
                    name=renamed(o.name, i),
                    parent=renamed(o.parent, i),
                    aliases=[renamed(a, i) for a in o.aliases],
                )
                for o in example.organizations
            ],
            memberships=[
                dataclasses.replace(
                    m, person=renamed(m.person, i), organization=renamed(m.organization, i)
                )
                for m in example.memberships
            ],
            quotes=[
                dataclasses.replace(q, speaker=renamed(q.speaker, i))
                for q in getattr(example, "quotes", [])
            ],
            proposals=[
                dataclasses.replace(p, proposers=[renamed(n, i) for n in p.proposers])
                for p in getattr(example, "proposals", [])
            ],
        )
        out.append(facts)
    return out


def timed(results: dict, name: str, fn):
    started = time.perf_counter()
    value = fn()
    results[name] = round(time.perf_counter() - started, 2)
    return value


def run_one(facts_file: str, path: str, workdir: str) -> dict:
    """Time one path on the pickled facts; print a JSON line of seconds and peak RSS."""
    from rdflib import Graph

    from kg.rdf.graphs import load_graph, load_store, turtle_text
    from kg.rdf.mapping import facts_to_graph
    from kg.rdf.query import run_query
    from kg.rdf.vocab import PREFIXES, new_graph

    with open(facts_file, "rb") as f:
        facts = pickle.load(f)
    prefixes = {p: str(ns) for p, ns in sorted(PREFIXES.items())}
    ttl = Path(workdir) / f"{path}.ttl"
    r: dict = {"path": path}
    if path == "rdflib":
        graph = timed(r, "build", lambda: facts_to_graph(facts))
        r["triples"] = len(graph)
        data = timed(r, "serialize", lambda: graph.serialize(format="turtle", encoding="utf-8"))
        ttl.write_bytes(data)
        del graph
        graph = timed(r, "parse", lambda: new_graph().parse(ttl, format="turtle"))
        for name, query in QUERIES.items():
            rows = timed(r, name, lambda q=query: list(graph.query(q, initNs=prefixes)))
    elif path == "oxrdflib":
        graph = timed(
            r,
            "build",
            lambda: facts_to_graph(facts, Graph(store="Oxigraph", bind_namespaces="none")),
        )
        r["triples"] = len(graph)
        data = timed(r, "serialize", lambda: graph.serialize(format="ox-turtle", encoding="utf-8"))
        ttl.write_bytes(data)
        del graph
        graph = timed(
            r,
            "parse",
            lambda: Graph(store="Oxigraph", bind_namespaces="none").parse(ttl, format="ox-turtle"),
        )
        for name, query in QUERIES.items():
            rows = timed(r, name, lambda q=query: list(graph.query(q, initNs=prefixes)))
    else:
        graph = timed(r, "build", lambda: facts_to_graph(facts))
        r["triples"] = len(graph)
        data = timed(r, "serialize", lambda: turtle_text(graph).encode("utf-8"))
        ttl.write_bytes(data)
        del graph
        graph = timed(r, "parse", lambda: load_graph(ttl))
        del graph
        store = timed(r, "parse_to_store", lambda: load_store(ttl))
        for name, query in QUERIES.items():
            rows = timed(r, name, lambda q=query: run_query(store, q).rows)
    r["rows"] = len(rows)
    r["turtle_mb"] = round(len(data) / 1e6, 1)
    r["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return r


def example_facts():
    from kg.engine.pipeline import extract_facts

    os.chdir(ROOT)
    return extract_facts(EXAMPLE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30000,300000", help="approximate triple counts")
    parser.add_argument("--paths", default=",".join(PATHS), help="paths to time")
    parser.add_argument(
        "--one", nargs=3, metavar=("FACTS", "PATH", "WORKDIR"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(*args.one)))
        return
    example = example_facts()
    from kg.rdf.mapping import facts_to_graph

    per_release = len(facts_to_graph([example]))
    print(
        "| triples | path | build s | Turtle out s | Turtle in s | "
        + " | ".join(f"SPARQL {name} s" for name in QUERIES)
        + " | peak RSS MB |"
    )
    print(
        "| ---: | --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in QUERIES) + " | ---: |"
    )
    with tempfile.TemporaryDirectory() as workdir:
        for size in (int(s) for s in args.sizes.split(",")):
            facts_file = Path(workdir) / f"facts-{size}.pickle"
            facts_file.write_bytes(
                pickle.dumps(synthetic_facts(example, max(1, size // per_release)))
            )
            for path in args.paths.split(","):
                out = subprocess.run(
                    [sys.executable, __file__, "--one", str(facts_file), path, workdir],
                    check=True,
                    stdout=subprocess.PIPE,
                    text=True,
                ).stdout
                r = json.loads(out.splitlines()[-1])
                parse = f"{r['parse']}"
                if path == "kg":
                    parse += f" (store {r['parse_to_store']})"
                queries = " | ".join(str(r[name]) for name in QUERIES)
                print(
                    f"| {r['triples']:,} | {path} | {r['build']} | {r['serialize']} | {parse} "
                    f"| {queries} | {r['peak_rss_mb']:,} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
