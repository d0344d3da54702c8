"""Organizations known from context (KOREAN_FORMS §8).

A person's title written with no organization (``한가람 지사`` in a province's release, a
university's own ``교수``, ``홍길동 행정관`` in a text about the presidential office) takes the one
organization the release gives it:

1. a nameless ``ORG TITLE`` elsewhere in the text names the organization of that title
   (``가나공사 초대 상임이사 6명`` -> the 상임이사 named later are of 가나공사);
2. otherwise the first organization that fits the title (kg/data/title_orgs.tsv: a 지사 is of a
   province, a 교수 of a university), looked for in the sentence before the person, the
   release's publisher and department (metadata), its headline, then the text before and after.

The post keeps where the organization came from (``Affiliation.inferred``: "context",
"publisher", "department" or "headline"), so that a reader can tell it from a stated one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import Release, Span
from kg.nlp.hits import Affiliation, OrgRef, PersonHit, SentenceHits
from kg.nlp.lexicon import Lexicon

_KINDS = {
    "[party]": ("other",),
    "[legislature]": ("legislature",),
    "[university]": ("university",),
    "[company]": ("company",),
    "[public_agency]": ("public_agency",),
    "[association]": ("association",),
}


@dataclass(frozen=True)
class _Candidate:
    org: OrgRef
    source: str  # "context", "publisher", "department" or "headline"
    sentence: int  # index of the sentence it is named in (-1: metadata)
    held: bool = False  # named as the organization of a person's own post


class ContextOrgs:
    """Infers the organizations of the titles a release writes without one."""

    def __init__(
        self, lexicon: Lexicon, release: Release, sentences: list[Span], hits: list[SentenceHits]
    ) -> None:
        self.lex = lexicon
        self.release = release
        self.sentences = sentences
        self.hits = hits
        self._count: dict[str, int] | None = None
        self._rest: dict[int, list[_Candidate]] = {}
        self.named = self._named()
        self.metadata = self._metadata()
        self.learned = self._learned()

    # ---- what the release offers ------------------------------------------------------
    def _named(self) -> list[_Candidate]:
        """Every organization the text names, in text order; ``held`` marks those named as some
        person's own (which the sentence's other people do not share)."""
        out = []
        for k, hits in enumerate(self.hits):
            refs = [(o, False) for o in hits.orgs]
            for p in hits.persons:
                for aff in p.affiliations:
                    refs.extend((o, True) for o in aff.chain if not aff.inferred)
            for aff in hits.posts:
                refs.extend((o, False) for o in aff.chain)
            refs.extend((o, False) for o in hits.places)
            refs.sort(key=lambda r: r[0].start)
            out.extend(_Candidate(o, "context", k, held) for o, held in refs if not o.needs_fuller)
        return out

    def _metadata(self) -> list[_Candidate]:
        r = self.release
        out = []
        if r.publisher:
            out.append(
                _Candidate(
                    OrgRef(r.publisher, -1, -1, self.lex.org_kind(r.publisher)), "publisher", -1
                )
            )
        for unit in reversed(r.department):
            out.append(_Candidate(OrgRef(unit, -1, -1, self.lex.org_kind(unit)), "department", -1))
        if r.title:
            start = r.text.find(r.title)
            if start >= 0:
                end = start + len(r.title)
                out.extend(
                    _Candidate(c.org, "headline", -1, c.held)
                    for c in self.named
                    if start <= c.org.start < end
                )
            if start < 0 or end <= r.body.start or start >= r.body.end:
                out.extend(self._headline_bodies(r.title))
        return out

    def _headline_bodies(self, title: str) -> list[_Candidate]:
        """The public bodies a headline outside the body names (a board page's 제목: 가나도,
        다라시-마바공사 협약): the words the lexicon knows, a particle at most after them."""
        out = []
        for word in _HEADLINE_WORD.findall(title):
            for form in (word, *(word[: -len(p)] for p in _PARTICLE_AFTER if word.endswith(p))):
                body = self.lex.body(form)
                if body is not None:
                    out.append(_Candidate(OrgRef(form, -1, -1, body.kind), "headline", -1))
                    break
        return out

    def _learned(self) -> dict[str, OrgRef | None]:
        """Title -> the organization nameless ``ORG TITLE`` phrases give it (None: several)."""
        found: dict[str, OrgRef | None] = {}
        for hits in self.hits:
            for aff in hits.posts:
                org = aff.chain[-1]
                old = found.get(aff.title.title, org)
                found[aff.title.title] = (
                    org if old is not None and old.surface == org.surface else None
                )
        return found

    # ---- inference ----------------------------------------------------------------------
    def infer(self) -> None:
        """Give each titled post without an organization the one the context gives it."""
        for k, hits in enumerate(self.hits):
            for person in hits.persons:
                for aff in person.affiliations:
                    if aff.title is not None and not aff.chain:
                        self._infer(aff, person, k)
                    elif len(aff.chain) == 1 and aff.inferred is None:
                        self._parent(aff, person, k)

    def _infer(self, aff: Affiliation, person: PersonHit, sentence: int) -> None:
        title = aff.title.title.split(" ")[0]
        fits = self.lex.title_orgs.longest(aff.title.office or title)
        if fits is not None:
            # 우리 대학 홍길동 총장: the publisher itself, never another body the text names
            own = _SELF.search(self.release.text, max(0, person.start - 12), person.start)
            found = self._choose(
                [
                    c
                    for c in (self.metadata if own else self._in_order(person, sentence))
                    if self._fits(c.org, fits[1])
                ],
                person,
                sentence,
            )
            if own and found is None:
                return
            if found is not None:
                aff.chain, aff.inferred = [found.org], found.source
                return
        learned = self.learned.get(title)
        if learned is not None:
            aff.chain, aff.inferred = [learned], "context"

    def _parent(self, aff: Affiliation, person: PersonHit, sentence: int) -> None:
        """가나학과 교수 in a text about 가나대학교: a unit named alone is of the organization of
        its kind the text is about (the membership's organization stays the unit, as stated)."""
        unit = aff.chain[0]
        name = unit.surface.replace(" ", "")
        fits = self.lex.unit_parents.longest(name)
        if fits is None or self.lex.body(name) or len(name) <= len(fits[0]):
            return
        fitting = [
            c
            for c in self._in_order(person, sentence)
            if c.org.surface != unit.surface
            and self._fits(c.org, fits[1])
            and not c.org.surface.endswith(fits[0])
        ]
        found = self._choose(fitting, person, sentence)
        if found is not None:
            aff.chain = [found.org, unit]

    def _choose(
        self, fitting: list[_Candidate], person: PersonHit, sentence: int
    ) -> _Candidate | None:
        """The one organization the context gives: the sentence's own (before the person), the
        metadata's, or the text's only one that fits, or the one it names at least twice as often
        as any other that fits (a text about several councils gives none to a bare 의원)."""
        if not fitting:
            return None
        first = fitting[0]
        if first.source != "context" or (
            first.sentence == sentence and first.org.end <= person.start
        ):
            return first
        count = self._counts()
        keys = list(dict.fromkeys(self._key(c.org) for c in fitting))
        # 협의회, 의장단협의회 and 가나 의장단협의회 are one organization named short and in full
        whole = {
            k: max((o for o in keys if o.replace(" ", "").endswith(k.replace(" ", ""))), key=len)
            for k in keys
        }
        totals: dict[str, int] = {}
        for k in keys:
            totals[whole[k]] = totals.get(whole[k], 0) + count.get(k, 0)
        ranked = sorted(totals, key=lambda k: -totals[k])
        if len(ranked) == 1 or totals[ranked[0]] >= 2 * totals[ranked[1]]:
            return next(c for c in fitting if self._key(c.org) == ranked[0])
        return None

    def _in_order(self, person: PersonHit, sentence: int) -> list[_Candidate]:
        """The sentence's own organizations before the person (nearest first), the metadata,
        then the others, the ones the text names most first (the release's subject)."""
        same = [
            c
            for c in self.named
            if c.sentence == sentence and c.org.end <= person.start and not c.held
        ]
        rest = self._rest.get(sentence)
        if rest is None:
            count = self._counts()
            rest = sorted(
                self.named, key=lambda c: (-count[self._key(c.org)], abs(c.sentence - sentence))
            )
            self._rest[sentence] = rest
        ids = {id(c) for c in same}
        return same[::-1] + self.metadata + [c for c in rest if id(c) not in ids]

    def _counts(self) -> dict[str, int]:
        """How often the text writes each named organization, inside longer names too (가나구
        in 가나구상공회): the organization a release is about is the one it writes most."""
        if self._count is None:
            text = self.release.text
            self._count = {}
            for c in self.named:
                key = self._key(c.org)
                if key not in self._count:
                    body = self.lex.body(key)
                    forms = {key, c.org.surface, *(body.short_forms if body else ())}
                    n = max((_written(text, f) for f in forms if len(f) >= 2), default=1)
                    ending = self.lex.org_ending(key)
                    if ending is not None and len(ending[0]) >= 3 and len(key) > len(ending[0]):
                        n += _written(
                            text, ending[0], alone=True
                        )  # 협의회는 …: the text's own 협의회
                    self._count[key] = n
        return self._count

    def _key(self, org: OrgRef) -> str:
        name = org.surface.replace(" ", "")
        body = self.lex.body(name)
        return body.name if body else name

    def _fits(self, org: OrgRef, fits: tuple[str, ...]) -> bool:
        """Whether ``org`` is of a kind the title belongs to: its own ending (the longest, so that
        a 대표부 is not a 부) or its kind is one the title lists."""
        name = org.surface.replace(" ", "")
        body = self.lex.body(name)
        kind = body.kind if body else (org.kind or self.lex.org_kind(name))
        endings = {self._ending(name), self._ending(body.name) if body else None}
        for f in fits:
            if f in _KINDS:
                if kind in _KINDS[f] and (
                    f != "[party]" or name.endswith("당") or body is not None
                ):
                    return True
            elif f in endings or name == f or (body is not None and body.name == f):
                return True
        return False

    def _ending(self, name: str) -> str | None:
        found = self.lex.org_ending(name)
        return found[0] if found else None


# The publisher naming itself before a person's name: 우리 대학, 우리 시, 본 기관, 본교.
_SELF = re.compile(
    r"(?:(?:우리|본)\s?(?:대학교?|학교|시|군|구|도|기관|회사|공사|공단|재단)|본교)\s+$"
)

_PARTICLE_AFTER = (
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "와",
    "과",
    "도",
    "로",
    "에서",
    "으로",
    "와의",
)


_HEADLINE_WORD = re.compile(r"[가-힣A-Za-z0-9]+")


def _written(text: str, form: str, alone: bool = False) -> int:
    """How often ``text`` writes ``form`` at the start of a word (가나구 in 가나구상공회, not
    주택공사 in 한국토지주택공사); ``alone``: as a whole word, a particle at most after it
    (협의회는, not 협의회장)."""
    n = 0
    at = text.find(form)
    while at >= 0:
        start_ok = at == 0 or not ("가" <= text[at - 1] <= "힣" or text[at - 1].isalnum())
        if start_ok and (not alone or _ends_word(text, at + len(form))):
            n += 1
        at = text.find(form, at + 1)
    return n


def _ends_word(text: str, end: int) -> bool:
    rest = text[end : end + 3]
    tail = ""
    for ch in rest:
        if not ("가" <= ch <= "힣"):
            break
        tail += ch
    return tail == "" or tail in _PARTICLE_AFTER
