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
    "graph.ttl": "741407d7af91bb4ca10d0d8272a70dbd2fb983e82c69e091944e3cacd90ff164",
    "centrality.csv": "87e3eaed78aaf662c997a474ac398c149371fee9d4fa5fbd280f5000472ebdfb",
    "graph.html": "2fd8b7176c6aec6e1471f4ecf4a774cad86557891f0865dcbfc81019b6aae4ff",
    "resolution.json": "097232f9d7b46e481e87154e0ba1078d27481cafa41f9937055ea80b171d533e",
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
