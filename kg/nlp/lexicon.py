"""Lexicons as data: title words, title heads and modifiers, organization endings, public bodies
and their short forms, surnames and given-name syllables, venue endings.

The files live in ``kg/data/`` (or a folder given to ``load``); this module only reads them and
builds look-up tables: every "which ending does this word have" question is a few dictionary
probes (``SuffixTable``), not a scan over the list. None of the files names a person.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Generic, TypeVar

V = TypeVar("V")
MEMO_SIZE = 50_000  # word forms a reader remembers before it starts over (memory stays flat)


class SuffixTable(Generic[V]):
    """The entries a word ends with, longest first, by one dict probe per distinct key length."""

    def __init__(self, entries: Mapping[str, V]) -> None:
        self.entries = dict(entries)
        self.lengths = sorted({len(k) for k in self.entries}, reverse=True)

    def matches(self, word: str) -> Iterator[tuple[str, V]]:
        """(ending, value) for each entry ``word`` ends with, longest first."""
        size = len(word)
        for n in self.lengths:
            if n <= size:
                value = self.entries.get(word[-n:])
                if value is not None:
                    yield word[-n:], value

    def longest(self, word: str) -> tuple[str, V] | None:
        """The longest entry ``word`` ends with, or None."""
        return next(self.matches(word), None)


@dataclass(frozen=True)
class PublicBody:
    name: str
    kind: str
    short_forms: tuple[str, ...]


@dataclass(frozen=True)
class HeadRule:
    """How a head title fuses with the organization before it (title_heads.tsv)."""

    ending: str  # the head's first characters that end the organization ("" for none)
    fuller: str  # an ending that makes the fuller name of the organization
    how: str  # "place", "need", "unit" or "-"


@dataclass(frozen=True)
class Modifier:
    where: str  # "before" or "after" the title
    effect: str  # "former", "drop" or "join"


@dataclass(frozen=True)
class OrgEnding:
    kind: str
    strong: bool  # names an organization on its own (삼성전자), not only inside a person phrase


@dataclass
class Lexicon:
    titles: frozenset[str]  # every title word, bare and head
    heads: dict[str, HeadRule]
    fused_titles: dict[str, tuple[str, str]]  # 대법원장 -> (원장, 대법원)
    title_prefixes: frozenset[str]
    title_compounds: frozenset[str]  # title words a describing word may precede (…심의관)
    modifiers: dict[str, Modifier]
    org_endings: SuffixTable[OrgEnding]
    venue_endings: SuffixTable[bool]
    surnames: frozenset[str]
    given_syllables: frozenset[str]
    name_syllables: frozenset[str]  # the commonest of them (서윤, 하진): names without evidence
    not_names: frozenset[str]
    title_orgs: SuffixTable[tuple[str, ...]]  # title -> endings or [kinds] of its organizations
    short_endings: tuple[tuple[str, str], ...]  # (short ending, full ending): 상의 -> 상공회의소
    hanja_surnames: dict[str, str]  # 尹 -> 윤
    unit_parents: SuffixTable[tuple[str, ...]]  # unit ending -> endings or [kinds] of its parent
    public_bodies: tuple[PublicBody, ...]
    body_of_form: dict[str, PublicBody] = field(default_factory=dict)
    self_references: dict[str, str] = field(default_factory=dict)  # 우리대학 -> university
    self_forms: tuple[str, ...] = ()  # 우리 대학, 본교: the forms as written
    person_nouns: dict[str, str] = field(default_factory=dict)  # 피고인 -> before, 할머니 -> after
    event_endings: SuffixTable[bool] = field(default_factory=lambda: SuffixTable({}))
    title_table: SuffixTable[str] = field(init=False)

    def __post_init__(self) -> None:
        self.title_table = SuffixTable({t: t for t in self.titles})

    @property
    def strong_suffixes(self) -> tuple[str, ...]:
        """Organization endings that name an organization on their own, longest first."""
        return tuple(
            s
            for s, e in sorted(self.org_endings.entries.items(), key=lambda x: -len(x[0]))
            if e.strong
        )

    def body(self, form: str) -> PublicBody | None:
        """The public body a form names: its name, a short form, or either + 청, the office
        (경기도청, 서울시청, 경북도청 are 경기도, 서울특별시, 경상북도)."""
        found = self.body_of_form.get(form)
        if found is None and form.endswith("청") and len(form) > 2:
            found = self.body_of_form.get(form[:-1])
        return found

    def org_ending(self, name: str) -> tuple[str, OrgEnding] | None:
        """The longest organization ending of ``name`` (spaces ignored), or None."""
        return self.org_endings.longest(name.replace(" ", ""))

    def org_kind(self, name: str) -> str | None:
        """The type suggested by the name (a known body's, else its ending's), or None."""
        body = self.body_of_form.get(name)
        if body:
            return body.kind
        found = self.org_ending(name)
        return found[1].kind if found else None

    def event_ending(self, word: str) -> str | None:
        """The event kind ``word`` ends with (가나설명회, 신년인사회), or None."""
        found = self.event_endings.longest(word)
        return found[0] if found else None

    @property
    def self_last_words(self) -> frozenset[str]:
        """The last words of the forms a body names itself by (대학, 본교)."""
        found = self.__dict__.get("_self_last")
        if found is None:
            found = self.__dict__["_self_last"] = frozenset(
                f.split(" ")[-1] for f in self.self_forms
            )
        return found

    def self_kind(self, form: str) -> str | None:
        """The kind of body a release names itself by with ``form`` (우리 대학, 본교), or None."""
        return self.self_references.get(form.replace(" ", ""))

    def is_venue(self, name: str) -> bool:
        """Whether ``name`` ends like a venue or a building (그랜드호텔, 대회의실)."""
        return self.body_of_form.get(name) is None and self.venue_endings.longest(name) is not None


def _data_dir(data_dir: str | None) -> Path:
    if data_dir:
        return Path(data_dir)
    return Path(str(resources.files("kg").joinpath("data")))


def _lines(folder: Path, name: str) -> list[str]:
    text = (folder / name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def word_list(name: str, data_dir: str | None = None) -> list[str]:
    """The words of a one-word-per-line data file in ``kg/data/`` (comments and blanks skipped)."""
    return [ln.strip() for ln in _lines(_data_dir(data_dir), name)]


def _rows(folder: Path, name: str) -> list[list[str]]:
    return [ln.split("\t") for ln in _lines(folder, name)]


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if len(row) > i else ""


def _bodies(folder: Path) -> tuple[tuple[PublicBody, ...], dict[str, PublicBody]]:
    bodies = []
    for row in _rows(folder, "public_bodies.tsv"):
        forms = tuple(f for f in _cell(row, 2).split(",") if f)
        bodies.append(PublicBody(row[0], row[1], forms))
    body_of_form = {}
    for b in bodies:
        for form in (b.name, *b.short_forms):
            body_of_form.setdefault(form, b)
    return tuple(bodies), body_of_form


def _syllables(folder: Path, name: str) -> frozenset[str]:
    found: set[str] = set()
    for ln in _lines(folder, name):
        found.update(ln.split())
    return frozenset(found)


@lru_cache(maxsize=4)
def load(data_dir: str | None = None) -> Lexicon:
    """The lexicon of ``data_dir`` (default: the package's ``kg/data``), read once per process."""
    folder = _data_dir(data_dir)
    bodies, body_of_form = _bodies(folder)
    heads = {
        r[0]: HeadRule(_cell(r, 1), _cell(r, 2), _cell(r, 3) or "-")
        for r in _rows(folder, "title_heads.tsv")
    }
    titles = frozenset(ln.strip() for ln in _lines(folder, "titles.txt")) | frozenset(heads)
    return Lexicon(
        titles=titles,
        heads=heads,
        fused_titles={r[0]: (r[1], r[2]) for r in _rows(folder, "fused_titles.tsv")},
        title_prefixes=frozenset(ln.strip() for ln in _lines(folder, "title_prefixes.txt")),
        title_compounds=frozenset(ln.strip() for ln in _lines(folder, "title_compounds.txt")),
        modifiers={r[0]: Modifier(r[1], r[2]) for r in _rows(folder, "title_modifiers.tsv")},
        org_endings=SuffixTable(
            {
                r[0]: OrgEnding(r[1], _cell(r, 2) == "strong")
                for r in _rows(folder, "org_suffixes.tsv")
            }
        ),
        venue_endings=SuffixTable({ln.strip(): True for ln in _lines(folder, "venues.txt")}),
        surnames=_syllables(folder, "surnames.txt"),
        given_syllables=_syllables(folder, "given_syllables.txt"),
        name_syllables=_syllables(folder, "name_syllables.txt"),
        not_names=frozenset(ln.strip() for ln in _lines(folder, "not_names.txt")),
        title_orgs=SuffixTable(
            {r[0]: tuple(_cell(r, 1).split(",")) for r in _rows(folder, "title_orgs.tsv")}
        ),
        short_endings=tuple((r[0], r[1]) for r in _rows(folder, "org_short_endings.tsv")),
        hanja_surnames={r[0]: r[1] for r in _rows(folder, "hanja_surnames.tsv")},
        unit_parents=SuffixTable(
            {r[0]: tuple(_cell(r, 1).split(",")) for r in _rows(folder, "unit_parents.tsv")}
        ),
        public_bodies=bodies,
        body_of_form=body_of_form,
        self_references={
            r[0].replace(" ", ""): _cell(r, 1) for r in _rows(folder, "self_references.tsv")
        },
        self_forms=tuple(r[0] for r in _rows(folder, "self_references.tsv")),
        person_nouns={r[0]: _cell(r, 1) for r in _rows(folder, "person_nouns.tsv")},
        event_endings=SuffixTable({ln.strip(): True for ln in _lines(folder, "event_kinds.txt")}),
    )
