"""Short forms and nameless posts in a sentence: a surname and a title that point back to a
person (김 단장, 최 전 차장, 이의장, 尹회장; KOREAN_FORMS §9), and an organization's title
written with no name (가나공사 상임이사 6명), which kg.nlp.context learns from."""

from __future__ import annotations

import re

from kg.nlp.hits import Affiliation, SentenceHits, TitleRef
from kg.nlp.organizations import is_unit
from kg.nlp.sentence import SentenceWords

_CAREER = re.compile(r"지낸|지냈|역임|거쳐|거친|거쳤")


def nameless_posts(sw: SentenceWords, hits: SentenceHits) -> None:
    """``가나공사 초대 상임이사 6명``: a title after an organization with no name, which tells
    kg.nlp.context whose that title is in this text."""
    career = _CAREER.search(sw.index.text[sw.ws[0].start : sw.ws[-1].end]) if sw.n else None
    for k in range(sw.n):
        t = sw.titles[k]
        if t is None or k in sw.used:
            continue
        j = k - 1
        while j > 0 and sw.modifier(j) is not None and sw.bare(j):
            j -= 1
        org = sw.org(j, strict=True) if j >= 0 and j not in sw.used and sw.bare(j) else None
        if org is not None:
            hits.posts.append(Affiliation(t, [org] + ([t.org] if t.org else [])))
        elif career and t.org is not None and is_unit(t.org.surface):
            hits.posts.append(Affiliation(t, [t.org]))  # … 가나본부장과 다라실장을 거쳤다


def short_mentions(sw: SentenceWords, hits: SentenceHits) -> None:
    """김 단장, 윤 의원, 최 전 차장, 이 내정자: a surname and a title, resolved in kg.facts to the
    one person of the release with that surname and title."""
    for k in range(sw.n - 1):
        s = sw.ws[k].stem
        if not sw.short_surname(k):
            continue
        j = k + 1
        mod = sw.modifier(j)
        if mod is not None and mod.effect in ("former", "drop") and j + 1 < sw.n:
            j += 1
        t = sw.titles[j]
        mod = sw.modifier(j)
        if t is None and mod is not None and mod.effect == "join":
            t = TitleRef(sw.ws[j].stem, sw.ws[j].start, sw.ws[j].start + len(sw.ws[j].stem))
        if t is not None and not t.org:
            hits.short_mentions.append((s, t, sw.ws[k].start))
    _fused_short_mentions(sw, hits)


def _fused_short_mentions(sw: SentenceWords, hits: SentenceHits) -> None:
    """이의장, 尹회장: a surname (in hangul or hanja) written together with a title."""
    lex = sw.lex
    for k, w in enumerate(sw.ws):
        s = w.stem
        if w.punct or len(s) < 3 or k in sw.used or s in lex.titles or sw.titles[k] is not None:
            continue
        surname = lex.hanja_surnames.get(s[0], s[0] if s[0] in lex.surnames else None)
        rest = s[1:]
        if surname is not None and rest in lex.titles and not lex.body(s):
            hits.short_mentions.append(
                (surname, TitleRef(rest, w.start + 1, w.start + len(s)), w.start)
            )
