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
    "graph.ttl": "c0bd4c10d02adc3231fdc41c74d3661cb4dc6f47a68d8d938a919b4312d6be58",
    "centrality.csv": "6a14d8e9f2712d340fcfb550f6a39f9e1a14af70e7e24135107add2f8fa5cfb8",
    "graph.html": "671669a313e85bbf7f4848c29744f1cba4ddb0e669105ef35ecc174a27207fb0",
    "resolution.json": "ac4abeaa1abfd6b3cdca6fbc3710efcce11b69370707b394722093dfe86e308f",
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
