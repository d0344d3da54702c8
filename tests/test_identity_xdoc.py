"""The identity scorer (scripts/identity_score.py) on ../shared/corpus/xdoc-dev, counted as issue
11 counts: same-person text pairs on one node, homonym pairs on two (skips without ../shared).
Reads, never copies, the corpus."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

XDOC = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "xdoc-dev"
SCORER = Path(__file__).resolve().parents[1] / "scripts" / "identity_score.py"
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not XDOC.is_dir(), reason="../shared/corpus absent"),
]


def _scorer():
    if "identity_score" not in sys.modules:
        spec = importlib.util.spec_from_file_location("identity_score", SCORER)
        module = importlib.util.module_from_spec(spec)
        sys.modules["identity_score"] = module
        spec.loader.exec_module(module)
    return sys.modules["identity_score"]


def _figures(scores: dict) -> tuple:
    same, apart = scores["same_person"], scores["different_people"]
    return same["joined"], same["pairs"], apart["apart"], apart["pairs"]


def test_identity_alone_on_the_gold_of_each_text():
    scorer = _scorer()
    default = scorer.identity_scores(XDOC, gold=True)
    # the mayor, later a lawmaker for a district of the same city, joins by progression
    assert _figures(default) == (18, 18, 9, 9)
    assert default["errors"] == []
    assert _figures(scorer.identity_scores(XDOC, identity="strict", gold=True)) == (17, 18, 9, 9)


@pytest.mark.slow
def test_identity_on_the_real_extraction_of_the_folder():
    scorer = _scorer()
    strict = scorer.identity_scores(XDOC, identity="strict")
    assert _figures(strict) == (11, 18, 9, 9)  # the old rule over today's extraction
    default = scorer.identity_scores(XDOC)
    # issue 11's targets: >= 90% of the same-person pairs joined (18/18 when measured) and
    # >= 95% of the homonym pairs apart (9/9), with no homonym pair on one node
    joined, pairs, apart, homonyms = _figures(default)
    assert (pairs, homonyms) == (18, 9)
    assert joined >= 18
    assert all(e["why"] != "one node" for e in default["errors"])
    assert apart == 9


@pytest.mark.slow
def test_evaluate_scores_identity_of_a_folder(capsys):
    sys.path.insert(0, str(SCORER.parent))
    spec = importlib.util.spec_from_file_location("evaluate", SCORER.parent / "evaluate.py")
    evaluate = sys.modules["evaluate"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(evaluate)
    _scorer()
    assert evaluate.main(["--identity", str(XDOC)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:3] == [
        "same-person pairs joined: 18/18 (100%)",
        "homonym pairs apart: 9/9 (100%)",
    ]
