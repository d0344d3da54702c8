"""Scores on ../shared/corpus/dev (skips where that folder is absent). Reads, never copies, it."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
pytestmark = [pytest.mark.corpus, pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus absent")]


def _evaluate():
    path = Path(__file__).resolve().parents[1] / "scripts" / "evaluate.py"
    spec = importlib.util.spec_from_file_location("evaluate", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["evaluate"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_dev_scores_meet_the_targets():
    ev = _evaluate()
    from kg.facts import release_facts
    from kg.ingest import read_release

    total = {k: ev.Score() for k in ("people", "organizations", "affiliations", "titles")}
    for gold_path in sorted(DEV.glob("*.gold.json")):
        txt = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        s = ev.score(release_facts(read_release(str(txt))), json.loads(gold_path.read_text("utf-8")))
        for k, v in s.items():
            total[k].add(v)
    assert total["people"].f1 >= 0.95
    assert total["affiliations"].f1 >= 0.85
    assert total["organizations"].f1 >= 0.80
    assert total["titles"].recall >= 0.85
