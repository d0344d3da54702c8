"""Lexicons as data: title words, organization suffixes, public bodies and their short forms.

The files live in ``kg/data/``; this module only reads them. None of them names a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def word_list(name: str) -> list[str]:
    """The words of a one-word-per-line data file in ``kg/data/`` (comments and blanks skipped)."""
    return [ln.strip() for ln in _lines(name)]


def _rows(name: str) -> list[list[str]]:
    return [ln.split("\t") for ln in _lines(name)]


@dataclass(frozen=True)
class PublicBody:
    name: str
    kind: str
    short_forms: tuple[str, ...]


@dataclass
class Lexicon:
    titles: frozenset[str]
    title_endings: tuple[str, ...]  # longest first
    unit_titles: tuple[tuple[str, str], ...]  # (unit ending, title), longest ending first
    place_titles: tuple[tuple[str, str], ...]  # (title, org suffix), longest title first
    org_suffixes: tuple[tuple[str, str], ...]  # (suffix, kind), longest first
    strong_suffixes: tuple[str, ...]  # endings that name an organization on their own, longest first
    surnames: frozenset[str]
    public_bodies: tuple[PublicBody, ...]
    body_of_form: dict[str, PublicBody] = field(default_factory=dict)

    def body(self, form: str) -> PublicBody | None:
        """The public body a form names: its name, a short form, or either + 청, the office
        (경기도청, 서울시청, 경북도청 are 경기도, 서울특별시, 경상북도)."""
        found = self.body_of_form.get(form)
        if found is None and form.endswith("청") and len(form) > 2:
            found = self.body_of_form.get(form[:-1])
        return found

    def org_kind(self, name: str) -> str | None:
        """The type suggested by the name's ending, or None."""
        body = self.body_of_form.get(name)
        if body:
            return body.kind
        compact = name.replace(" ", "")
        for suffix, kind in self.org_suffixes:
            if compact.endswith(suffix):
                return kind
        return None


@lru_cache(maxsize=1)
def load() -> Lexicon:
    bodies = []
    for row in _rows("public_bodies.tsv"):
        forms = tuple(f for f in (row[2].split(",") if len(row) > 2 else []) if f)
        bodies.append(PublicBody(row[0], row[1], forms))
    body_of_form = {}
    for b in bodies:
        for form in (b.name, *b.short_forms):
            body_of_form[form] = b
    surnames = set()
    for ln in _lines("surnames.txt"):
        surnames.update(ln.split())
    return Lexicon(
        titles=frozenset(_lines("titles.txt")),
        title_endings=tuple(sorted(_lines("title_suffixes.txt"), key=len, reverse=True)),
        unit_titles=tuple(
            sorted(((r[0], r[1]) for r in _rows("unit_titles.tsv")), key=lambda r: -len(r[0]))
        ),
        place_titles=tuple(
            sorted(
                ((r[0], r[1] if len(r) > 1 else "") for r in _rows("place_titles.tsv")),
                key=lambda r: -len(r[0]),
            )
        ),
        org_suffixes=tuple(
            sorted(((r[0], r[1]) for r in _rows("org_suffixes.tsv")), key=lambda r: -len(r[0]))
        ),
        strong_suffixes=tuple(
            sorted((r[0] for r in _rows("org_suffixes.tsv") if r[2:] == ["strong"]), key=len, reverse=True)
        ),
        surnames=frozenset(surnames),
        public_bodies=tuple(bodies),
        body_of_form=body_of_form,
    )
