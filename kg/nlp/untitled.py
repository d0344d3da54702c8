"""People named without a post (KOREAN_FORMS §7; issue 10, item 2): a name where only a person
stands is a person, even with no title and no organization.

Where a name stands decides it, and how sure kg.nlp.names is of the name decides how much it
needs:

- ``NAME 씨``, ``NAME 님``, ``NAME(27) 씨``, kin after it (``가나·다라 부부``, ``가나 씨 남매``),
  a noun of a person before or after it (``피고인 가나다(45)``, ``가나다 할머니``; kg/data/
  person_nouns.tsv), an age or hanja in parentheses (``가나다(45)에게``);
- a foreign name of two words with any particle (``마이클 하퍼는``), of one word (a name MeCab
  knows) before a title (``벨러미 감독은``);
- in running text, a name of three syllables or more as the subject of its clause
  (``가나다는 … 말했다``, ``가나다가 결승골을``), a title written before it (``배우 가나다가``),
  a name MeCab knows as the owner of a work (``가나다의 신작``), and a name joined to such a
  person (``가나다와 라마바는``).

Names MeCab reads as dictionary words (``COMMON``: 이슬, 한결) are left to the surer slots.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.nlp.hits import Affiliation, PersonHit, TitleRef
from kg.nlp.names import COMMON, SHAPED, STRONG
from kg.nlp.parens import PHOTO_WORDS, is_info
from kg.nlp.sentence import SentenceWords

if TYPE_CHECKING:
    from kg.nlp.persons import Named, PersonReader

# Words after a name that show a person without giving a post.
SSI = ("씨", "님", "군", "양", "여사", "옹", "학생")
# Nouns of kin after one or more names (가나·다라 부부, 가나 씨 남매): people, with no post.
KIN = ("부부", "남매", "형제", "자매", "모녀", "부녀", "모자", "부자", "가족", "커플")
_SUBJECT = ("은", "는", "이", "가", "도", "께서", "께서는")
_JOINED = ("과", "와", "이랑", "랑", "하고")
_PASSIVE = re.compile(r"[되돼됐된될됨]|어지|아지|여지|혀지|져|졌")
# Titles that are also common nouns (a market, a representative, a move): after a foreign word
# they are no evidence of a person.
_COMMON_TITLES = ("시장", "대표", "이사", "위원", "의원", "회원", "주인")
_PLACE_PARTICLES = ("에", "에서", "에서는", "에서도", "에는", "엔", "로", "으로", "까지", "부터")
# A sentence reporting what its subject said: a quote closed by 고/며, or a verb of saying.
_SAYING = re.compile(
    r"[”\"’'](?:이?라)?(?:고|며|면서)(?![가-힣])"
    r"|(?:말|밝|전|강조|설명|덧붙|털어놓|털어놨|주장|지적|당부|약속|답|반박|호소|평가|선언|토로|고백"
    r"|회상|언급|다짐|촉구|요구|제안|비판|사과|해명)(?:했|하며|하면서|혔|히며|였|이며|했다)"
)


def person_without_post(reader: PersonReader, sw: SentenceWords, name: Named) -> PersonHit | None:
    """The person ``name`` is by where it stands, with no post of its own (or the title written
    before it), or None."""
    return _ssi(reader, sw, name) or _by_place(reader, sw, name)


def foreign_surname(reader: PersonReader, sw: SentenceWords, i: int) -> PersonHit | None:
    """벨러미 감독은: a foreign name of one word (one that MeCab reads as a person's) before a
    title or a noun of a person; kg.facts makes it a short form of the release's person with
    that surname when there is one (크리스토퍼 밀러 … 밀러 대표)."""
    w = sw.ws[i]
    nxt = i + 1
    if w.punct or len(w.stem) < 2 or nxt >= sw.n or sw.names[i] is not None or sw.titles[i]:
        return None
    if not (sw.titles[nxt] or _noun_after(sw, nxt)):
        return None
    if not reader.r.names.foreign_first(w.stem, w.start, sw.index):
        return None
    if (
        sw.bare(i)
        and nxt < sw.n
        and sw.titles[nxt]
        and sw.ws[nxt].stem not in _COMMON_TITLES
        and (not sw.bare(nxt) or sw.is_punct(nxt + 1) or nxt + 1 >= sw.n)
    ):  # MeCab reads 바이오, 아시아 as names: 바이오 시장 현황, 아시아 대표는 are no people
        title, last = reader.title_at(sw, nxt, sw.n)
        sw.used.update(range(i, last))
        return PersonHit(w.stem, w.start, w.start + len(w.stem), [Affiliation(title, [])])
    if sw.bare(i) and _noun_after(sw, nxt):
        sw.used.update((i, nxt))
        return PersonHit(w.stem, w.start, w.start + len(w.stem))
    return None  # a subject alone is not enough: MeCab reads 아시아, 캠퍼스 as names


def written_together(reader: PersonReader, sw: SentenceWords, i: int) -> PersonHit | None:
    """A name written together with 기자, 씨, a title or an organization."""
    w = sw.ws[i]
    if w.punct or sw.names[i] is not None:
        return None
    found = reader.r.names.fused(w.stem, w.start, sw.index)
    if found is None:
        return None
    name, rest = found
    at = w.start + len(name.text)
    hit = PersonHit(name.text, name.start, name.end)
    if rest == "기자":
        hit.role = "byline"
        hit.affiliations.append(Affiliation(TitleRef("기자", at, at + 2)))
    elif rest in SSI:
        hit.affiliations.append(Affiliation(None, reader.left_orgs(sw, i)))
    else:
        hit.affiliations = _fused_posts(reader, sw, i, rest, at)
    sw.used.add(i)
    return hit


def _fused_posts(
    reader: PersonReader, sw: SentenceWords, i: int, rest: str, at: int
) -> list[Affiliation]:
    """홍길동위원장 [(…)], 홍길동한빛대학교 교수: the rest of the word starts the posts."""
    title = reader.r.titles.read(rest, at)
    if title is not None:
        affs = [Affiliation(title, reader.left_orgs(sw, i) + ([title.org] if title.org else []))]
        sw.used.add(i)
        return affs
    org = reader.r.orgs.read(rest, at, strict=False)
    t, k = reader.title_at(sw, i + 1, sw.n)
    if t is None:
        return [Affiliation(None, [org] if org else [])]
    sw.used.update(range(i, k))
    return [Affiliation(t, ([org] if org else []) + ([t.org] if t.org else []))]


def _ssi(reader: PersonReader, sw: SentenceWords, name: Named) -> PersonHit | None:
    """가나전자 김철수 씨, 김철수(27) 씨, 가나·다라 부부: a person named without a title."""
    j = _after_info(sw, name.last)
    if name.strength >= SHAPED and sw.bare(name.last) and sw.text(j) == "·":
        end = _listed_until_kin(reader, sw, j)
        if end is not None:  # 가나다·라마바 부부: the first of the list (kg.nlp.shared the rest)
            sw.used.update(range(name.first, name.last + 1))
            return PersonHit(name.text, name.start, name.end, [Affiliation(None, [])])
    if (
        name.strength < SHAPED
        or not sw.bare(name.last)
        or j >= sw.n
        or sw.ws[j].stem not in SSI + KIN
    ):
        return None
    sw.used.update(range(name.first, j + 1))
    orgs = [
        o
        for o in reader.left_orgs(sw, name.first)
        if sw.lex.body(o.surface) or reader.r.orgs.strong_kind(o.surface)
    ]
    return PersonHit(name.text, name.start, name.end, [Affiliation(None, orgs)])


def _listed_until_kin(reader: PersonReader, sw: SentenceWords, j: int) -> int | None:
    """From the ``·`` at ``j``: the words of a name's shape joined by · up to 씨 or kin, and the
    index of that noun, or None."""
    while sw.text(j) == "·" and j + 1 < sw.n:
        w = sw.ws[j + 1]
        if w.punct or not reader.r.names.shaped(w.stem):
            return None
        j += 2
        if not sw.bare(j - 1):
            return None
    return j if j < sw.n and sw.ws[j].stem in SSI + KIN else None


def _after_info(sw: SentenceWords, last: int) -> int:
    """The word after the name at ``last`` and the age or hanja in parentheses after it."""
    j = last + 1
    if sw.text(j) == "(" and sw.bare(last):
        close = sw.close(j)
        if close is not None and _info(sw, j, close):
            return close + 1
    return j


def _info(sw: SentenceWords, opening: int, close: int) -> bool:
    words = [k for k in range(opening + 1, close) if not sw.ws[k].punct]
    return (
        bool(words) and is_info(sw, words) and not any(sw.ws[k].stem in PHOTO_WORDS for k in words)
    )


def _by_place(reader: PersonReader, sw: SentenceWords, name: Named) -> PersonHit | None:
    """The person a name is by the evidence around it (the module's list), or None."""
    if name.strength < SHAPED or not _may_be_named(reader, sw, name):
        return None
    title = _title_before(reader, sw, name)
    j = _after_info(sw, name.last)
    if title is None and not _beside(sw, name, j) and not _in_running_text(reader, sw, name, set()):
        return None
    last = j if j < sw.n and _noun_after(sw, j) else j - 1
    sw.used.update(range(name.first, last + 1))
    if title is not None:
        sw.used.update(range(name.first - 1, name.first))
    return PersonHit(name.text, name.start, name.end, [title] if title is not None else [])


def _may_be_named(reader: PersonReader, sw: SentenceWords, name: Named) -> bool:
    """A word that may be a person's name here: not one with a particle of place (한자리에,
    가나다로), not a compound MeCab reads (고용 + 률), not a surname and a title written
    together (이의장: a short form)."""
    if sw.particle(name.last) in _PLACE_PARTICLES:
        return False
    if name.first != name.last:
        return True
    text = name.text
    if text[1:] in sw.lex.titles or text[2:] in sw.lex.titles and text[:2] in sw.lex.surnames:
        return False
    return not reader.r.names.compound(text, name.start, sw.index)


def _beside(sw: SentenceWords, name: Named, j: int) -> bool:
    """An age or hanja, a noun of a person, 씨 or kin beside the name (``j``: the word after
    it and its parentheses)."""
    return (
        j > name.last + 1
        or _noun_before(sw, name.first)
        or _noun_after(sw, j)
        or (j < sw.n and sw.bare(name.last) and sw.ws[j].stem in SSI + KIN)
    )


def _in_running_text(reader: PersonReader, sw: SentenceWords, name: Named, seen: set[int]) -> bool:
    """A name that the sentence writes as a person: the subject of its clause, a work's owner,
    or joined by 과/와 to a name that is a person so."""
    particle = sw.particle(name.last)
    foreign = name.first != name.last
    if foreign and (particle or sw.is_punct(name.last + 1) or name.last + 1 >= sw.n):
        return True  # 마이클 하퍼는, 엘레나 마르코바의
    names = reader.r.names
    long = len(name.text) >= 3 and not names.compound(name.text, name.start, sw.index)
    if particle in _SUBJECT and long:
        # a name MeCab knows; else the subject, outside a quote, of a clause that reports
        # speech or action (가나다는 “…”고 말했다, 가나다가 결승골을 터뜨렸다), not of a passive
        # (가나화가 지속될) or a copula
        if name.strength == STRONG or names.known_piece(name.text, name.start, sw.index):
            return True
        return (
            not sw.quoted(name.first)
            and names.usual(name.text)
            and (_saying(sw, name.last) or _acts(sw, name.last))
        )
    if particle == "의" and long and name.strength == STRONG:
        return True
    if particle in _JOINED and long and name.last not in seen:
        j = name.last + 1
        if _noun_before(sw, j + 1):
            j += 1  # 가나다와 준우승 라마바는
        nxt = reader.name_at(sw, j) if j < sw.n else None
        if nxt is not None and nxt.strength > COMMON:
            return (
                _title_before(reader, sw, nxt) is not None
                or _beside(sw, nxt, _after_info(sw, nxt.last))
                or _in_running_text(reader, sw, nxt, seen | {name.last})
            )
    return False


def _acts(sw: SentenceWords, k: int) -> bool:
    """The first predicate after word ``k`` is a verb of action: not a passive (되다, 지다) nor
    the copula."""
    index = sw.index
    for j in range(k + 1, min(sw.n, k + 14)):
        w = sw.ws[j]
        span = index.char_range(w.start, w.end) if not w.punct else None
        if span is None:
            continue
        tags = [index.tags[t] for t in span]
        if not any(t.startswith(("VV", "VA", "VX", "XSV", "XSA", "VCP")) for t in tags):
            continue
        if any(t.startswith("VCP") for t in tags) or _PASSIVE.search(w.text):
            return False
        return True
    return False


def _saying(sw: SentenceWords, k: int) -> bool:
    """The sentence goes on after word ``k`` to report what someone said."""
    w = sw.ws[k]
    return bool(_SAYING.search(sw.index.text, w.end, sw.ws[-1].end))


def _title_before(reader: PersonReader, sw: SentenceWords, name: Named) -> Affiliation | None:
    """배우 가나다가, 감독 가나다의: a title right before a name of three syllables that ends
    its phrase with a particle."""
    k = name.first - 1
    if k < 0 or k in sw.used or not sw.titles[k] or not sw.bare(k) or sw.titles[k].org:
        return None
    if len(name.text) < 3 or not sw.particle(name.last):
        return None  # (대사 한자리: a headline's noun)
    return Affiliation(sw.titles[k], [])


def _noun_before(sw: SentenceWords, k: int) -> bool:
    """피고인 가나다, 첼리스트 가나다: a noun of a person right before the name."""
    before = k - 1
    return (
        before >= 0 and sw.bare(before) and sw.lex.person_nouns.get(sw.ws[before].stem) == "before"
    )


def _noun_after(sw: SentenceWords, j: int) -> bool:
    """가나다 할머니: a noun of a person right after the name."""
    return 0 <= j < sw.n and sw.lex.person_nouns.get(sw.ws[j].stem) == "after"
