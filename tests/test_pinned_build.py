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
    "graph.ttl": "5b9d733d3f5c1896e6679952069c0481a5a660a9c9e47edf6ca439710e37426d",
    "centrality.csv": "3f996e8ec2eab48155f4e5a226716ab1c0c3d6307b900376504f7dee221459f5",
    "graph.html": "8232b02f2802663a4529ed479a5eaa066c9c965c48816141b63345838f02e167",
    "resolution.json": "0ba83ae4d24c488e300e150686332958320ccd194b34a3d1b2f7da2cf30d8774",
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
