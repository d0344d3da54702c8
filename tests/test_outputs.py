"""The committed outputs/ are what kg builds now from the bundled example."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

ROOT = Path(__file__).parents[1]
EXAMPLE = "examples/gb-2023-07-14-ai-seminar.txt"  # relative: kg:sourceFile records it as given
STALE = "outputs are stale: run python scripts/build_outputs.py"


@pytest.fixture(scope="module")
def fresh(example_built) -> Path:
    return example_built


def committed(name: str) -> Path:
    path = ROOT / "outputs" / name
    assert path.is_file(), f"outputs/{name} is missing; {STALE}"
    return path


def test_graph_ttl_is_current(fresh):
    old = Graph().parse(committed("graph.ttl"), format="turtle")
    new = Graph().parse(fresh / "graph.ttl", format="turtle")
    assert isomorphic(old, new), STALE


@pytest.mark.parametrize("name", ["centrality.csv", "graph.html"])
def test_file_is_current(fresh, name):
    assert committed(name).read_bytes() == (fresh / name).read_bytes(), STALE
