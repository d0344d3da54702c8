"""A 200-release synthetic corpus builds to pinned bytes: a refactoring of the build engine must
leave every output as it was. When extraction changes on purpose, the pins change with it, in
the same commit, which says why."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402  (the benchmark's generator of invented releases)

PINNED = {
    "graph.ttl": "0770cde147c1d97c0dc9314a8adcce0b759cb88022e25d8c291031e4c61bb080",
    "centrality.csv": "9e6b6b5b94aea1bb95e660e3bd27ef4cca209b9a515d47925714d4a55aa7eae0",
    "graph.html": "0c9d215a7ad39e831ece52411578689181bf5700bc1d5976e413dbef2ab20a63",
    "resolution.json": "c15625742549b5403dcb86de0be21d5f3ee9486c831d5b9084cebbc0fefcc02e",
}


@pytest.mark.slow
def test_corpus_build_is_byte_identical_to_the_pins(tmp_path, monkeypatch):
    bench.generate(tmp_path / "c200", 200)
    monkeypatch.chdir(tmp_path)  # kg:sourceFile and resolution.json record the relative paths
    kg.build(["c200"], "out200", jobs=2)
    found = {
        name: hashlib.sha256((tmp_path / "out200" / name).read_bytes()).hexdigest()
        for name in PINNED
    }
    assert found == PINNED
