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
    "graph.ttl": "628e65fc34b1d7d160dc160a5988f1306089e9539ee59acbe6ed1b0e44b22755",
    "centrality.csv": "ce4e4967b693d033990bf995db4261d995a0cd26b523dd6613dd70949a62a48c",
    "graph.html": "62f85afb5ac33ced7bebee0c7ddf6214c82479f251ecfd605e85bee231e4782a",
    "resolution.json": "2c6bbd29ab93ec2cf24a555d85b9da7dac46224c019725125701ee4668a6db4a",
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
