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
    "graph.ttl": "8364954252642115a302fd409248b99e3941b9d93d66a2b6f0621ddc0f9406c1",
    "centrality.csv": "3d5b396e276d49e57e2482658a346d240728238b7c85415647c5c69dda953ab2",
    "graph.html": "b7e67850e7e1d1d643261ce08ac83cbe6b62a5202c7862fe30d87433d943f909",
    "resolution.json": "022cc91857410c68a5c4f2496f90177219c512e34f21aa630c80ef8b194a0b18",
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
