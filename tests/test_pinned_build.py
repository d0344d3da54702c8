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
    "graph.ttl": "e2c5d192e68fc075cbc62ca78cfb90e885500acfd0a199c0df4e11cd0ec8cdc3",
    "centrality.csv": "73220873d69d9217939e54ec5238ce703ad956fc9a530cd542c671a7815563de",
    "graph.html": "eaf4271aef04125dfb37f56182a1162d947aa3bd53bdd7bf020be49055954819",
    "resolution.json": "d64f32ed03a24d2f98e573910e7ea2add2dacf1f38d817f34d93b4f55fc02130",
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
