"""Scores on ../shared/corpus/dev (skips where that folder is absent). Reads, never copies, it."""

from __future__ import annotations

from pathlib import Path

import pytest
from scoring import scores

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus absent"),
]


def test_dev_scores_meet_the_targets():
    total = scores(DEV)
    assert total["people"].f1 >= 0.95
    assert total["affiliations"].f1 >= 0.85
    assert total["organizations"].f1 >= 0.80
    assert total["titles"].recall >= 0.85
