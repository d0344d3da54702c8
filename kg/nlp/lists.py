"""Lists in a sentence: organizations listed together (가나기업·다라전자, ``A, B, C 등 기업``),
and organizations named on their own outside any person's phrase (KOREAN_FORMS §3, §10)."""

from __future__ import annotations

import re

from kg.nlp.hits import OrgRef, SentenceHits
from kg.nlp.sentence import SentenceWords

_LIST_TAIL = re.compile(r"(?:대표|주요|관련|\d+개)?(?:기업|업체|기관|회사|단체)(?:들)?")
_ITEM = re.compile(r"[가-힣A-Za-z0-9]{2,}")
_LOCAL = ("시", "군", "구")


def standalone_orgs(sw: SentenceWords, hits: SentenceHits) -> None:
    """Organizations the sentence names outside the people's phrases."""
    for k in range(sw.n):
        if k in sw.used:
            continue
        o = sw.org(k, strict=True) or _acting_local_government(sw, k)
        if o is not None:
            hits.orgs.append(o)
    _dot_lists(sw, hits)
    _etc_lists(sw, hits)


def _acting_local_government(sw: SentenceWords, k: int) -> OrgRef | None:
    """창원시는, 진천군이: a city, county or district that acts (subject or partner of the
    sentence) is its government; 창원시 세라믹산단 (a place) is not named as an organization."""
    w = sw.ws[k]
    s = w.stem
    if w.punct or len(s) < 3 or not s.endswith(_LOCAL) or sw.particle(k) not in ("은", "는", "이", "가", "와", "과", "도"):
        return None
    span = sw.index.char_range(w.start, w.start + len(s))
    if span is None or len(span) != 1 or sw.index.semantics[span[0]] != "지명":
        return None
    return OrgRef(s, w.start, w.start + len(s), "government")


def _dot_lists(sw: SentenceWords, hits: SentenceHits) -> None:
    """A·B·C with one organization among them: all are organizations of its kind."""
    found = {(o.start, o.end) for o in hits.orgs}
    k = 0
    while k < sw.n:
        group = [k]
        while group[-1] + 2 < sw.n and sw.text(group[-1] + 1) == "·" and not sw.ws[group[-1] + 2].punct:
            group.append(group[-1] + 2)
        k = group[-1] + 1
        if len(group) < 2 or any(g in sw.used for g in group):
            continue
        refs = [sw.org(g, strict=True) for g in group]
        kind = next((r.kind for r in refs if r), None)
        if kind is None:
            continue
        for g, r in zip(group, refs):
            w = sw.ws[g]
            span = (w.start, w.start + len(w.stem))
            if r is None and _ITEM.fullmatch(w.stem) and span not in found and not sw.names[g]:
                hits.orgs.append(OrgRef(w.stem, span[0], span[1], kind))


def _etc_lists(sw: SentenceWords, hits: SentenceHits) -> None:
    """``A B, C, D 등 … 기업/기관``: the items are organizations."""
    found = {(o.start, o.end) for o in hits.orgs}
    for k, w in enumerate(sw.ws):
        if w.stem != "등" or not any(_LIST_TAIL.fullmatch(x.stem) for x in sw.ws[k + 1 : k + 6]):
            continue
        items = _items_before(sw, k)
        if len(items) < 2 or any(sw.titles[x] for it in items for x in it):
            continue
        tail = " ".join(x.stem for x in sw.ws[k + 1 : k + 6])
        kind = "company" if re.search(r"기업|업체|회사", tail) else None
        for it in items:
            s = " ".join(sw.ws[x].stem for x in it)
            span = (sw.ws[it[0]].start, sw.ws[it[-1]].end)
            if span not in found:
                hits.orgs.append(OrgRef(s, span[0], span[1], sw.lex.org_kind(s.replace(" ", "")) or kind))


def _items_before(sw: SentenceWords, k: int) -> list[list[int]]:
    items: list[list[int]] = [[]]
    m = k - 1
    while m >= 0:
        x = sw.ws[m]
        if x.text == ",":
            items.append([])
        elif x.punct or x.stem != x.text or len(items[-1]) >= 2 or re.search(r"\d", x.text) or m in sw.used:
            break
        else:
            items[-1].insert(0, m)
        m -= 1
    return [it for it in items if it]
