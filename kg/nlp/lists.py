"""Lists in a sentence: organizations listed together (가나기업·다라전자, ``A, B, C 등 기업``),
and organizations named on their own outside any person's phrase (KOREAN_FORMS §3, §10)."""

from __future__ import annotations

import re

from kg.nlp.hits import OrgRef, SentenceHits
from kg.nlp.organizations import is_unit
from kg.nlp.sentence import SentenceWords

_LIST_TAIL = re.compile(
    r"(?:대표|주요|관련|\d+개)?(?:기업|업체|기관|회사|단체|법인|협회|학교|대학|병원)(?:들)?"
)
_ITEM = re.compile(r"[가-힣A-Za-z0-9]{2,}")
_LOCAL = ("시", "군", "구")


# Particles of an actor or a partner: a local government with one is the government acting.
_ACTING = ("은", "는", "이", "가", "와", "과", "도", "에서는", "와의", "과의")


def standalone_orgs(sw: SentenceWords, hits: SentenceHits) -> None:
    """Organizations the sentence names outside the people's phrases; local governments named
    as places go to ``hits.places`` (kg.nlp.context may still find them the employer of a
    구청장)."""
    for k in range(sw.n):
        if k in sw.used:
            continue
        pair = _hyphen_pair(sw, k)
        if pair is not None:
            hits.orgs.extend(pair)
            continue
        several = _of_several_words(sw, k)
        if several is not None:
            hits.orgs.append(several)
            continue
        o = sw.org(k, strict=True)
        if o is not None and _generic(sw, o):
            continue
        regional = _regional(sw, k, o)
        if regional is not None:
            hits.orgs.append(regional)
            sw.used.add(k + 1)
            continue
        if o is not None and _local(sw, o) and sw.particle(k) not in _ACTING:
            hits.places.append(
                o
            )  # 서울 중구 은행회관에서, 고성군을 방문: an address, a place visited
            continue
        if o is not None and (_place_use(sw, k, o) or _beside_it(sw, k, o)):
            continue
        o = o or _acting_local_government(sw, k)
        if o is not None:
            hits.orgs.append(o)
    _dot_lists(sw, hits)
    _etc_lists(sw, hits)


def _of_several_words(sw: SentenceWords, k: int) -> OrgRef | None:
    """An organization named in several words from (or to) word ``k``: a country's mission,
    an English name, a body's name for itself."""
    envoy = _embassy(sw, k)
    if envoy is not None:
        return envoy  # 주한 가나 대사관: the country's mission
    latin = sw.latin_name(k)
    if (
        latin is not None
        and all(j not in sw.used for j in range(k, latin[1] + 1))
        and (not sw.bare(latin[1]) or sw.is_punct(latin[1] + 1, ",·"))
    ):  # with a particle or in a list: no menu or header of the page (Go Menu)
        sw.used.update(range(k, latin[1] + 1))
        return latin[0]  # Acme Health Korea: one name of several words
    own = sw.self_org(k)
    if own is not None and all(j not in sw.used for j in range(own[1], k + 1)):
        return own[0]  # 우리 대학은, 본교에서: the body whose page this is
    return None


_MISSIONS = ("대사관", "총영사관", "영사관", "대표부")


def _embassy(sw: SentenceWords, k: int) -> OrgRef | None:
    """주한 노르웨이 대사관, 노르웨이 대사관: a country (a place) and the name of a mission."""
    nxt = k + 1
    if not sw.bare(k) or nxt >= sw.n or sw.ws[nxt].stem not in _MISSIONS or not sw.place(k):
        return None
    first = k - 1 if k > 0 and sw.bare(k - 1) and sw.ws[k - 1].stem in ("주한", "駐韓") else k
    sw.used.update(range(first, nxt + 1))
    w = sw.ws[nxt]
    surface = " ".join(x.stem for x in sw.ws[first : nxt + 1])
    return OrgRef(surface, sw.ws[first].start, w.start + len(w.stem), "government")


def _local(sw: SentenceWords, o: OrgRef) -> bool:
    """A city, county or district (시·군·구) by the lexicon, not a metropolitan city."""
    body = sw.lex.body(o.surface)
    return (
        body is not None
        and body.kind == "government"
        and o.surface == body.name
        and body.name.endswith(_LOCAL)
        and not body.name.endswith(("광역시", "특별시", "자치시"))
    )


def _place_use(sw: SentenceWords, k: int, o: OrgRef) -> bool:
    """A province's short form used as a place (경남 서남부, 충북 혁신도시) or as a common noun
    (경기 침체): it names the province's government only where it acts (경북은, 경기와)."""
    body = sw.lex.body(o.surface)
    if body is None or body.kind != "government":
        return False
    if o.surface != body.name and _common_noun(sw, k):
        return True  # 경기 침체, 지역 경기가: the economy
    if sw.particle(k) in _ACTING + ("을", "를", "의"):
        return False
    nxt = k + 1
    nxt_org = sw.org(nxt, strict=True) if nxt < sw.n else None
    if nxt_org is not None and _local(sw, nxt_org):
        return True  # 가나도 다라군이: the province is where the county is
    if nxt < sw.n and (sw.titles[nxt] or nxt_org):
        return False
    return (
        o.surface != body.name
        and not o.surface.endswith(("도", "시", "청"))
        and body.name.endswith(("도", "시"))
    )


# Nouns of a place beside a building (가나센터 앞 광장에서): the word before names a place.
_BESIDE = ("앞", "옆", "뒤", "인근", "일대", "주변", "맞은편", "건너편", "일원")


def _beside_it(sw: SentenceWords, k: int, o: OrgRef) -> bool:
    """가나지원센터 앞 광장에서: an organization's building named as where something is."""
    return (
        sw.bare(k)
        and k + 1 < sw.n
        and sw.ws[k + 1].stem in _BESIDE
        and sw.lex.body(o.surface) is None
    )


def _generic(sw: SentenceWords, o: OrgRef) -> bool:
    """시·군의회, 시·도교육청: the councils or offices of every city and county, no one body."""
    return (
        o.surface.startswith(("시·", "시·군", "시·도", "시·군·구"))
        and sw.lex.org_ending(o.surface) is not None
        and (
            o.surface[: -len(sw.lex.org_ending(o.surface)[0])]
            in ("시·군", "시·도", "시·군·구", "시·군·구의", "시·")
        )
    )


def _regional(sw: SentenceWords, k: int, o: OrgRef | None) -> OrgRef | None:
    """가나 다라협의회: a province's short form before a body of the region (not one of its own
    units) is part of that body's name."""
    body = sw.lex.body(sw.ws[k].stem) if o is not None else None
    if (
        body is None
        or body.kind != "government"
        or o.surface == body.name
        or not sw.bare(k)
        or k + 1 >= sw.n
    ):
        return None
    nxt = sw.org(k + 1, strict=True)
    if nxt is None or _local(sw, nxt) or is_unit(nxt.surface) or sw.lex.body(nxt.surface):
        return None
    if sw.lex.org_kind(nxt.surface) not in ("association", "other"):
        return None
    return OrgRef(o.surface + " " + nxt.surface, o.start, nxt.end, nxt.kind)


def _common_noun(sw: SentenceWords, k: int) -> bool:
    w = sw.ws[k]
    span = sw.index.char_range(w.start, w.start + len(w.stem))
    return span is not None and len(span) == 1 and sw.index.tags[span[0]] == "NNG"


def _hyphen_pair(sw: SentenceWords, k: int) -> list[OrgRef] | None:
    """가나시-다라대학교 업무협약: two organizations written together with a hyphen are two."""
    w = sw.ws[k]
    if w.punct or "-" not in w.stem or w.stem.count("-") != 1:
        return None
    a, b = w.stem.split("-")
    first = sw.r.orgs.read(a, w.start, strict=True)
    second = sw.r.orgs.read(b, w.start + len(a) + 1, strict=True)
    if first is not None and second is None and sw.r.orgs.latin(b) and sw.bare(k):
        latin = sw.latin_name(k + 1)  # 가나도-Acme Health Korea
        if latin is not None:
            sw.used.update(range(k + 1, latin[1] + 1))
            at = w.start + len(a) + 1
            return [first, OrgRef(b + " " + latin[0].surface, at, latin[0].end, "company")]
    if first is None or second is None:
        return None
    nxt = sw.org(k + 1, strict=True) if k + 1 < sw.n and sw.bare(k) else None
    if nxt is not None:  # 가나대-가나시 협력위원회: one committee of the two
        return [OrgRef(w.stem + " " + nxt.surface, w.start, nxt.end, nxt.kind)]
    return [first, second]


def _acting_local_government(sw: SentenceWords, k: int) -> OrgRef | None:
    """장성군이, 동대문구를, 창원시와: a city, county or district named with the particle of an
    actor or a partner is its government; 창원시 세라믹산단 (a place) is not named as one."""
    w = sw.ws[k]
    s = w.stem
    if w.punct or len(s) < 3 or not s.endswith(_LOCAL) or sw.particle(k) not in _ACTING:
        return None
    span = sw.index.char_range(w.start, w.start + len(s))
    toks = [t for t in span if not sw.index.is_space(t)] if span is not None else []
    if not toks or sw.index.tags[toks[0]] not in ("NNP", "NNG"):
        return None
    head_is_place = sw.index.semantics[toks[0]] == "지명" or sw.index.tags[toks[0]] == "NNP"
    if not head_is_place and not (len(toks) == 1 and sw.r.names.shaped(s) is False):
        return None
    return OrgRef(s, w.start, w.start + len(s), "government")


def _dot_lists(sw: SentenceWords, hits: SentenceHits) -> None:
    """A·B·C with one organization among them: all are organizations of its kind."""
    found = {(o.start, o.end) for o in hits.orgs}
    k = 0
    while k < sw.n:
        group = [k]
        while (
            group[-1] + 2 < sw.n
            and sw.text(group[-1] + 1) == "·"
            and not sw.ws[group[-1] + 2].punct
        ):
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
        tail_at = _list_head(sw, k) if w.stem == "등" else None
        if tail_at is None:
            continue
        items = _items_before(sw, k)
        if len(items) < 2 or any(sw.titles[x] for it in items for x in it):
            continue
        tail = sw.ws[tail_at].stem
        kind = "company" if re.search(r"기업|업체|회사", tail) else None
        for it in items:
            s = " ".join(sw.ws[x].stem for x in it)
            span = (sw.ws[it[0]].start, sw.ws[it[-1]].end)
            if span not in found:
                hits.orgs.append(
                    OrgRef(s, span[0], span[1], sw.lex.org_kind(s.replace(" ", "")) or kind)
                )


def _list_head(sw: SentenceWords, k: int) -> int | None:
    """The head noun the list before 등 at ``k`` names (가나전자, 다라화학 등 세 개 법인이; 등 국내
    대표기업): within five words, the words before it with no particle of their own."""
    for j in range(k + 1, min(sw.n, k + 6)):
        if _LIST_TAIL.fullmatch(sw.ws[j].stem):
            return j
        if not sw.bare(j):
            return None
    return None


def _items_before(sw: SentenceWords, k: int) -> list[list[int]]:
    items: list[list[int]] = [[]]
    m = k - 1
    while m >= 0:
        x = sw.ws[m]
        if x.text == ",":
            items.append([])
        elif (
            x.punct
            or x.stem != x.text
            or len(items[-1]) >= 2
            or re.search(r"\d", x.text)
            or m in sw.used
        ):
            break
        elif not sw.ends_in_noun(m) and sw.org(m, strict=True) is None:
            break  # 가나청을 비롯해 다라청: a verb ends the list
        else:
            items[-1].insert(0, m)
        m -= 1
    return [it for it in items if it]
