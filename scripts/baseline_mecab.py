"""The ten-line reference kg is measured against: MeCab-ko's proper nouns, nothing else.

Every NNP token of two or more characters that MeCab-ko-dic tags 인명 is a person, and every
NNP token it gives no semantic class (the class of 과기부, 연세대, 카카오) is an organization;
no titles, no affiliations. ``scripts/evaluate.py`` prints its scores beside kg's.

Usage: python scripts/baseline_mecab.py FILE.txt   (prints the persons and organizations)
"""

from __future__ import annotations

import sys
from pathlib import Path

import mecab

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.model import Organization, Person, Release, ReleaseFacts, Span  # noqa: E402

_MECAB = mecab.MeCab()


def baseline_facts(path: str) -> ReleaseFacts:
    text = Path(path).read_text(encoding="utf-8")
    persons, orgs = {}, {}
    for m in _MECAB.parse(text):
        if m.feature.pos == "NNP" and len(m.surface) >= 2:
            if m.feature.semantic == "인명":
                persons.setdefault(m.surface, Person(m.surface))
            elif m.feature.semantic is None:
                orgs.setdefault(m.surface, Organization(m.surface))
    release = Release(path=path, text=text, body=Span(0, len(text)))
    return ReleaseFacts(release, list(persons.values()), list(orgs.values()))


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        facts = baseline_facts(arg)
        print(arg)
        print("  persons:", " ".join(p.name for p in facts.persons))
        print("  organizations:", " ".join(o.name for o in facts.organizations))
