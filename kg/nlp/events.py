"""Where events and their agenda are recognised: the main event, its kind, date, place, organizer
and attendance clauses, the agenda (개회사, 발제 1..n, 종합토론), ordinal presenter sentences
(첫 발제자로 나선 ..., 마지막으로 ...) and the moderator/panel sentence.

The component only finds character spans; ``kg.events`` resolves them to people and
organizations through the release's mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import Span
from kg.nlp.index import doc_text
from kg.nlp.lexicon import word_list

if not Doc.has_extension("kg_events"):
    Doc.set_extension("kg_events", default=None)

# Event kinds, longest first, so 국회세미나 wins over 세미나 and 업무협약식 over 협약식.
EVENT_KINDS = sorted(word_list("event_kinds.txt"), key=len, reverse=True)
# A kind ends its word: 세미나를, 업무협약(MOU)을, ‘... 세미나’를 — but not the 대회 of 대회의실.
_KIND_RE = re.compile(
    r"([가-힣A-Za-z0-9]*(?:" + "|".join(EVENT_KINDS) + r"))"
    r"(?=(?:\([A-Za-z]+\))?"
    r"(?:에서는|에서도|에서|에는|에도|을|를|이|가|은|는|에|의|과|와|도)?"
    r"(?:[\s’'”\",.]|$))"
)
_QUOTE_AROUND = re.compile(r"[‘'\"“「『]([^’'\"”」』]{2,80})[’'\"”」』]")
_TIME_WORD = re.compile(r"^(?:오전|오후|지난|오는|이날|이번|당일|\d+일|\d+시|\d+월)$")
_HELD = re.compile(
    r"개최|열고|열었|열린|연다|진행|가졌|갖고|체결|맺었|맺고|을 했다|를 했다|참석했|참여했"
)
# 이어 김철수 교수가 ‘...’에 대해 발표했다: a presentation told in a sentence of its own
_PRESENTED = re.compile(r"(?:발표|발제|강연|주제발표)(?:했|하였|를 했|을 했)")
_QUOTED = re.compile(
    r"[‘'\"“「『]([^’'\"”」』]{4,80})[’'\"”」』]\s*(?:을|를|이라는|라는)?\s*주제로"
)
_DAY = re.compile(r"(?:(\d{4})년\s*)?(?:(\d{1,2})월\s*)?(\d{1,2})일")
_PLACE = re.compile(r"([가-힣A-Za-z0-9()]+(?:\s[가-힣A-Za-z0-9()]+){0,3}?)에서\s")
_PLACE_END = (
    "실", "홀", "관", "센터", "사무소", "회관", "호텔", "청사", "강당", "룸", "라운지",
    "도청", "시청", "본관", "별관", "회의장", "컨벤션",
)  # fmt: skip
_ORGANIZE = re.compile(r"(공동\s?주최|공동\s?주관|주최|주관)(?:하|한|로|했|하는|하고|하며)")
_ATTEND = re.compile(r"참석|참여|자리했|함께했|함께 했|참가")
_BULLET_ITEM = re.compile(
    r"[△▲○▷□]\s*\((발제|주제발표|기조연설|기조발제|종합토론|토론|패널토론|특강|발표)\s*(\d*)\)\s*"
)
_OPENING_KINDS = ("개회사", "환영사", "축사", "격려사", "기조연설", "기조강연", "인사말")
_OPENING = re.compile("(" + "|".join(_OPENING_KINDS) + ")")
_ORDINAL = re.compile(
    r"^\s*(?:이어\s*)?(첫|첫째|첫 번째|첫번째|두 번째|두번째|둘째|세 번째|세번째|셋째"
    r"|네 번째|네번째|넷째|다섯 번째|다섯번째|마지막)"
    r"(?:\s*발제자|\s*발표자|\s*연사|으로|로)?"
)
_ORDINAL_VALUE = {
    "첫": 1, "첫째": 1, "첫 번째": 1, "첫번째": 1,
    "두 번째": 2, "두번째": 2, "둘째": 2,
    "세 번째": 3, "세번째": 3, "셋째": 3,
    "네 번째": 4, "네번째": 4, "넷째": 4,
    "다섯 번째": 5, "다섯번째": 5,
    "마지막": -1,
}  # fmt: skip
# Where an agenda item's topic stops: "... 기회에 대한 주제발표에 이어",
# "... 방안에 대한 전문가 토론 순으로"
_TOPIC_END = re.compile(r"(?:에\s*대한|에\s*관한|을\s*주제로|를\s*주제로|순으로|에\s*이어)")


_BYLINE_LEAD = re.compile(
    r"\s*(?:\[[^\]]*\]\s*)+(?:[가-힣]{2,4}\s*기자\s*=?\s*)?|\s*[가-힣]{2,4}\s*기자\s*=\s*"
)
_CHAIR = re.compile(r"좌장|주재로|주재 아래|사회로|사회를 맡")
# A sentence that lists presentations: 발제는 △김철수 교수의 ‘...’ △이영희 대표의 ‘...’ 순으로
_PRESENTING = re.compile(r"발제|주제발표|발표|강연")
_ITEM_MARK = re.compile(r"[△▲○▷□]")
_QUOTE_SPAN = re.compile(r"[‘'\"“「『]([^’'\"”」』]{2,80})[’'\"”」』]")


def _listed_presentations(s: str, sp: Span) -> list[AgendaHit]:
    """Presentations listed with bullets (no (발제N) marks), or 주제발표는 A와 B가 맡았다."""
    marks = [m.start() for m in _ITEM_MARK.finditer(s)]
    items = []
    for k, start in enumerate(marks):
        end = marks[k + 1] if k + 1 < len(marks) else len(s)
        q = _QUOTE_SPAN.search(s, start, end)
        topic = Span(sp.start + q.start(1), sp.start + q.end(1)) if q else None
        items.append(AgendaHit("발제", k + 1, topic, sp, Span(sp.start + start, sp.start + end)))
    if (
        not items
        and re.match(r"\s*(?:주제발표|발제|발표)(?:는|은)\s", s)
        and re.search(r"맡았|나섰|진행했|했다", s)
    ):
        items.append(AgendaHit("발제", None, None, sp, Span(sp.start, sp.end)))
    return items


@dataclass
class AgendaHit:
    kind: str  # 개회사, 발제, 종합토론 ...
    position: int | None
    topic: Span | None
    sentence: Span
    region: Span | None = None  # where the performer is named (개회사: the words before it)


@dataclass
class EventHits:
    kind: str | None = None
    kind_span: Span | None = None
    name: Span | None = None
    day: tuple[int | None, int | None, int] | None = None  # (year, month, day) as written
    place: Span | None = None
    sentence: Span | None = None  # the sentence that announces the event
    organizer_regions: list[Span] = field(default_factory=list)
    subject: Span | None = None  # the announcing sentence's subject (경상북도는 ...)
    attendance: list[Span] = field(default_factory=list)
    agenda: list[AgendaHit] = field(default_factory=list)
    ordinals: list[tuple[int, Span]] = field(default_factory=list)  # (position or -1, sentence)
    presented: list[Span] = field(default_factory=list)  # 김철수 교수가 ‘...’를 발표했다
    # (region naming the moderator, sentence, whether the moderator is named after 좌장)
    moderator: tuple[Span, Span, bool] | None = None


def _announcing(text: str, sentences: list[Span]) -> Span | None:
    """The sentence that announces the event: the first that names a kind and a held-verb,
    preferring a full sentence (…개최했다.) to a headline (가나도, 정책 세미나 개최)."""
    found = []
    for sp in sentences:
        s = text[sp.start : sp.end]
        m = _KIND_RE.search(s)
        if m and _HELD.search(s[m.end() :]):
            found.append(sp)
    full = [sp for sp in found if text[sp.start : sp.end].rstrip().endswith(("다.", "다"))]
    return (full or found or [None])[0]


def find_events(text: str, sentences: list[Span]) -> EventHits:
    """The spans of the release's main event and its agenda, sentence by sentence."""
    hits = EventHits()
    announcing = _announcing(text, sentences)
    for sp in sentences:
        s = text[sp.start : sp.end]
        if hits.sentence is None and sp == announcing:
            m = _KIND_RE.search(s)
            if m and _HELD.search(s[m.end() :]):
                _announced(hits, s, sp, m)
        for m in _ORGANIZE.finditer(s):
            clause_start = max(s.rfind(".", 0, m.start()) + 1, 0)
            hits.organizer_regions.append(Span(sp.start + clause_start, sp.start + m.start()))
        if _ATTEND.search(s) and not _CHAIR.search(s):
            hits.attendance.append(sp)
        bullets = _bullet_items(hits, s, sp)
        if not bullets and _PRESENTING.search(s):
            hits.agenda.extend(_listed_presentations(s, sp))
        _openings(hits, s, sp)
        om = _ORDINAL.match(s)
        if om and not bullets:
            hits.ordinals.append((_ORDINAL_VALUE[om.group(1)], sp))
        elif not bullets and _PRESENTED.search(s) and _QUOTE_SPAN.search(s):
            hits.presented.append(sp)
        _moderator(hits, s, sp)
    return hits


def _announced(hits: EventHits, s: str, sp: Span, m: re.Match) -> None:
    """The event's kind, name, day, place and subject from its announcing sentence ``s`` (at
    ``sp``), whose kind ``m`` found."""
    hits.kind = m.group(1)
    hits.kind_span = Span(sp.start + m.start(1), sp.start + m.end(1))
    hits.sentence = sp
    hits.name = _event_name(s, sp, m)
    d = _DAY.search(s[: m.start()])
    if d:
        year = int(d.group(1)) if d.group(1) else None
        month = int(d.group(2)) if d.group(2) else None
        hits.day = (year, month, int(d.group(3)))
    place = _place(s, sp)
    if place is not None:
        hits.place = place
    # the subject: the words up to the first topic/subject particle among the first four
    # after a byline that opens the sentence: [가나일보 홍길동 기자], 홍길동 기자 =
    lead = _BYLINE_LEAD.match(s)
    skip = lead.end() if lead else 0
    subj = re.match(r"\s*((?:\S+\s){0,3}?\S+?)(?:은|는|이|가)\s", s[skip:])
    if subj:
        hits.subject = Span(sp.start + skip + subj.start(1), sp.start + skip + subj.end(1))


def _event_name(s: str, sp: Span, m: re.Match) -> Span | None:
    """The event's name: the quoted topic, the quotes around its kind, or the noun before it."""
    q = _QUOTED.search(s)
    around = next(
        (a for a in _QUOTE_AROUND.finditer(s) if a.start(1) <= m.start(1) < a.end(1)), None
    )
    if q:
        return Span(sp.start + q.start(1), sp.start + q.end(1))
    if around:  # ‘AI 시대 미래 혁신 전략 세미나’를 개최
        return Span(sp.start + around.start(1), sp.start + around.end(1))
    # 신청사 개원식을 열고: the kind with the noun before it
    before = re.search(r"([가-힣A-Za-z0-9]+)\s$", s[: m.start(1)])
    if (
        before
        and not re.search(r"(?:을|를|에서|에게|으로|은|는|이|가|의|와|과)$", before.group(1))
        and not _TIME_WORD.match(before.group(1))
    ):
        return Span(sp.start + before.start(1), sp.start + m.end(1))
    return None


def _place(s: str, sp: Span) -> Span | None:
    """Where the event is held: the run of bare nouns before 에서 that ends in a place word."""
    for p in _PLACE.finditer(s):
        words = p.group(1).split()
        if not words or not words[-1].endswith(_PLACE_END):
            continue
        # the place is the run of bare nouns before 에서: not 주제로, 정책포럼을, 오전
        keep: list[str] = []
        for w in reversed(words):
            particle = re.search(r"(?:을|를|로|은|는|이|가|에|의|과|와)$", w)
            if _TIME_WORD.match(w) or particle and keep:
                break
            keep.insert(0, w)
        if keep:
            place = " ".join(keep)
            start = sp.start + p.start(1) + p.group(1).rfind(place)
            return Span(start, start + len(place))
    return None


def _bullet_items(hits: EventHits, s: str, sp: Span) -> list[re.Match]:
    """The agenda items ``s`` marks with bullets (△(발제1) ...), added to ``hits``; the marks."""
    bullets = list(_BULLET_ITEM.finditer(s))
    for k, b in enumerate(bullets):
        end = bullets[k + 1].start() if k + 1 < len(bullets) else len(s)
        chunk = s[b.end() : end]
        cut = _TOPIC_END.search(chunk)
        topic = (chunk[: cut.start()] if cut else chunk).strip().rstrip(".,")
        kind = "종합토론" if "토론" in b.group(1) else b.group(1)
        pos = int(b.group(2)) if b.group(2) else None
        tspan = None
        if topic:
            ts = sp.start + b.end() + chunk.find(topic)
            tspan = Span(ts, ts + len(topic))
        hits.agenda.append(AgendaHit(kind, pos, tspan, sp))
    return bullets


def _openings(hits: EventHits, s: str, sp: Span) -> None:
    """The opening parts (개회사, 축사 ...) of ``s`` not in the agenda yet, after the others."""
    openings = list(_OPENING.finditer(s))
    for k, o in enumerate(openings):
        if any(a.kind == o.group(1) for a in hits.agenda):
            continue
        # 김철수 의원의 개회사로 (named before it) / 개회사는 김철수 사장이, 축사는 ... (after it)
        if s[o.end() :].startswith(("는", "은")):
            end = openings[k + 1].start() if k + 1 < len(openings) else len(s)
            region = Span(sp.start + o.end(), sp.start + end)
        else:
            begin = openings[k - 1].end() if k else 0
            region = Span(sp.start + begin, sp.start + o.start())
        at = len([a for a in hits.agenda if a.kind in _OPENING_KINDS])
        hits.agenda.insert(at, AgendaHit(o.group(1), None, None, sp, region))


def _moderator(hits: EventHits, s: str, sp: Span) -> None:
    """The moderator's region when ``s`` names a chair (좌장, 사회로 ...)."""
    chair = _CHAIR.search(s)
    if chair:
        k = chair.start()
        after = s[chair.end() :]
        if chair.group(0).startswith("좌장") and re.match(r"(?:인|으로|에는|에)\s", after):
            # 좌장인 김철수 교수를 비롯해: the moderator is named after the word
            hits.moderator = (Span(sp.start + chair.end(), sp.end), sp, True)
        else:
            hits.moderator = (Span(sp.start, sp.start + k), sp, False)


@Language.component("kg_events")
def event_component(doc: Doc) -> Doc:
    """Find the main event, its agenda and who presented, moderated and sat on the panel."""
    doc._.kg_events = find_events(doc_text(doc), list(doc._.kg_sentences or []))
    return doc
