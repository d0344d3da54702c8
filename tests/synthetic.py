"""A stand-in for a built corpus of synthetic releases, made in a second or two instead of
minutes: the actor network (``kg.network.assemble``) and the details parts (``kg.network.details``)
that
``kg build`` makes of ``scripts/bench.py``'s releases, without reading any.

Each release has the shape of bench.py's: a province organizes an event (세미나, 포럼 ...) with a
member of the National Assembly; a vice minister, guests and companies attend; presenters from
organizations and their units present; a professor chairs a panel of people from organizations
and their units; half the releases sign an agreement with a university; the member and a
presenter are quoted, the province states a plan, the author (작성자) works in a unit of the
province. Names are drawn from invented syllables, so, as in bench.py's corpus, most persons
occur once and the public bodies in many releases. Actors, ties and page size per release are
those of a built corpus to within about a tenth (docs/benchmark.md, graph.html).
"""

from __future__ import annotations

import hashlib
import random

import numpy as np

from kg.network.actors import ActorNetwork, _merged_ties
from kg.network.details import ActorDetails, Appearance, Post, ReleaseDetails, Said
from kg.network.ties import (
    _BIT,
    CO_MENTION_WEIGHT,
    CO_PRESENTER_WEIGHT,
    MEMBERSHIP_WEIGHT,
    ORGANIZER_WEIGHT,
    PANEL_WEIGHT,
    UNIT_WEIGHT,
)
from kg.rdf.vocab import KGID

SURNAMES = "김이박최정강조윤장임한오서신권황안송전홍"
GIVEN = "민서준지현우영수은혜재성호진연주경희태윤동석하나도유빈채원승아예규훈상철미선정"
PROVINCES = (
    "가람도",
    "나래도",
    "다솜도",
    "라온도",
    "마루도",
    "바다시",
    "사랑시",
    "아라시",
    "자람도",
)
MINISTRIES = ("가온부", "나눔부", "다움부", "미래부", "보람부", "세움부", "한빛부", "누리부")
STEMS = (
    "가온",
    "나래",
    "다솜",
    "한울",
    "미리",
    "온새",
    "새봄",
    "늘품",
    "라온",
    "해밀",
    "푸른솔",
    "한결",
    "소담",
    "여울",
    "바른",
    "다온",
    "누리",
    "참빛",
    "아름",
    "새누리",
)
ENDINGS = {
    "전자": "company",
    "건설": "company",
    "식품": "company",
    "대학교": "university",
    "연구원": "public_agency",
    "진흥원": "public_agency",
    "협회": "association",
    "연합회": "association",
}
TOPICS = (
    "인공지능",
    "데이터",
    "탄소중립",
    "스마트농업",
    "반도체",
    "이차전지",
    "수소에너지",
    "관광",
    "바이오",
    "메타버스",
    "우주항공",
    "청년창업",
    "디지털헬스",
    "미래모빌리티",
)
HEADS = ("정책", "혁신", "산업", "기반", "전략", "협력", "진흥")
UNITS = ("과", "팀", "센터", "단", "본부")
TITLES = ("교수", "대표", "이사", "상무", "연구위원", "부장", "원장", "박사")
EVENTS = ("세미나", "토론회", "포럼", "간담회", "설명회", "협약식")


def _h(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


class _Corpus:
    """The corpus so far: its actors (numbered as they come), the evidence of every tie, and
    the details part of each release."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.iris: list[str] = []
        self.attrs: list[dict] = []
        self.orgs: dict[str, int] = {}
        self.ties: tuple[list, list, list, list] = ([], [], [], [])  # ends, weight, kind bits
        self.releases: list[ReleaseDetails] = []

    def _actor(self, iri: str, attrs: dict) -> int:
        self.iris.append(iri)
        self.attrs.append(
            {"titles": set(), "organizations": set(), "sentence": "", "mentions": 0, **attrs}
        )
        return len(self.iris) - 1

    def person(self) -> tuple[int, str]:
        rng = self.rng
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        iri = f"{KGID}person/{rng.getrandbits(64):016x}"
        return self._actor(iri, {"label": name, "kind": "person", "org_type": None}), name

    def org(self, name: str, kind: str, parent: int | None = None) -> int:
        iri = f"{KGID}org/{_h(f'{parent}|{name}')}"
        found = self.orgs.get(iri)
        if found is None:
            found = self.orgs[iri] = self._actor(
                iri, {"label": name, "kind": "organization", "org_type": kind}
            )
            if parent is not None:
                self.attrs[found]["organizations"].add(self.attrs[parent]["label"])
                self.tie(found, parent, "unit", UNIT_WEIGHT)
        return found

    def tie(self, a: int, b: int, kind: str, weight: float) -> None:
        for column, value in zip(self.ties, (a, b, weight, _BIT[kind]), strict=True):
            column.append(value)

    def guest_org(self) -> tuple[int, str]:
        ending = self.rng.choice(list(ENDINGS))
        name = self.rng.choice(STEMS) + ending
        return self.org(name, ENDINGS[ending]), name

    def unit(self, parent: int, topic: str) -> tuple[int, str]:
        name = topic + self.rng.choice(HEADS) + self.rng.choice(UNITS)
        return self.org(name, self.attrs[parent]["org_type"], parent), name

    def network(self) -> ActorNetwork:
        """The actor network as ``kg.network.assemble`` gives it: actors in IRI order, ties
        merged (weights added, kinds joined)."""
        order = sorted(range(len(self.iris)), key=self.iris.__getitem__)
        position = np.empty(len(order), dtype=np.int64)
        position[order] = np.arange(len(order))
        a, b, weight, kinds = (np.array(column) for column in self.ties)
        attrs = []
        for k in order:
            found = self.attrs[k]
            found["titles"], found["organizations"] = (
                sorted(found["titles"]),
                sorted(found["organizations"]),
            )
            attrs.append(found)
        ties = _merged_ties(
            position[a], position[b], weight.astype(np.float64), kinds.astype(np.int64), len(order)
        )
        return ActorNetwork([self.iris[k] for k in order], attrs, *ties)


class _Release:
    """One release being made: its sentences and what it says of each actor."""

    def __init__(self, c: _Corpus, r: int) -> None:
        self.c, self.r = c, r
        self.iri = f"{KGID}release/{_h(str(r))}"
        self.sentences: list[str] = []
        # actor -> [names, mentioned, creator, posts, said, events], ActorDetails's fields
        self.said: dict[int, list] = {}

    def sentence(self, text: str, actors: list[int]) -> int:
        """Number a sentence naming ``actors`` (a co-mention tie for each pair of them)."""
        c, n = self.c, len(self.sentences)
        self.sentences.append(f"{text} ({self.r})")
        ends, others, weights, kinds = c.ties
        for k, a in enumerate(actors):
            rest = actors[k + 1 :]
            ends += [a] * len(rest)
            others += rest
            weights += [CO_MENTION_WEIGHT] * len(rest)
            kinds += [_CO_MENTION] * len(rest)
            attrs = c.attrs[a]
            attrs["mentions"] += 1
            attrs["sentence"] = attrs["sentence"] or self.sentences[-1]
            if a not in self.said:
                self.said[a] = [(attrs["label"],), n, None, [], [], []]
        return n

    def member(self, person: int, title: str, org: int, n: int) -> None:
        c = self.c
        c.attrs[person]["titles"].add(title)
        c.attrs[person]["organizations"].add(c.attrs[org]["label"])
        c.tie(person, org, "membership", MEMBERSHIP_WEIGHT)
        self.said[person][3].append(Post(title, c.iris[org], n))

    def details(self, title: str, date: str) -> ReleaseDetails:
        iris = self.c.iris
        actors = {
            iris[k]: ActorDetails(*said[:3], *map(tuple, said[3:])) for k, said in self.said.items()
        }
        return ReleaseDetails(
            self.iri, title, date, tuple(self.sentences), dict(sorted(actors.items()))
        )


_CO_MENTION = _BIT["co-mention"]


def _release(c: _Corpus, r: int) -> None:
    rng, x = c.rng, _Release(c, r)
    date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    topic, other = rng.sample(TOPICS, 2)
    kind = rng.choice(EVENTS)
    province = rng.choice(PROVINCES)
    publisher, assembly = c.org(province, "government"), c.org("국회", "legislature")
    author, author_name = c.person()
    office = c.org(f"{rng.choice(TOPICS)}산업국", "government", publisher)
    desk = c.org(f"{topic}{rng.choice(HEADS)}과", "government", office)
    host, host_name = c.person()
    minister, minister_name = c.person()
    ministry = c.org(rng.choice(MINISTRIES), "government")
    guests = [(*c.person(), rng.choice(TITLES), *c.guest_org()) for _ in range(rng.randint(2, 5))]
    companies = [c.org(rng.choice(STEMS) + "물산", "company") for _ in range(2)]
    event = f"{topic}과 {other}의 만남"
    s0 = x.sentence(
        f"{province}는 ‘{event}’을 주제로 {kind}를 개최하고 지역 {topic} 기반 확충의 필요성에 대해 "
        "논의했다.",
        [publisher],
    )
    n = x.sentence(author_name, [])
    x.said[author] = [(author_name,), None, "author", [], [], []]
    c.attrs[author]["mentions"] += 1
    x.member(author, "주무관", desk, n)
    s1 = x.sentence(
        f"{host_name} 국회의원과 {province}가 공동주관하는 이번 {kind}에는 {minister_name} 차관, "
        + ", ".join(f"{g[1]} {g[4]} {g[2]}" for g in guests)
        + " 등 국내 기업 임원들이 참여했다.",
        [
            host,
            assembly,
            publisher,
            minister,
            ministry,
            *(a for g in guests for a in (g[0], g[3])),
            *companies,
        ],
    )
    x.member(host, "국회의원", assembly, s1)
    x.member(minister, "차관", ministry, s1)
    for g in guests:
        x.member(g[0], g[2], g[3], s1)
    for a in (publisher, host):
        x.said[a][5].append(Appearance(event, "organizer", None, None, date, s0))
        for b in [minister, ministry, *(g[0] for g in guests), *companies]:
            c.tie(a, b, "organizer-attendee", ORGANIZER_WEIGHT)
    for b in [minister, ministry, *(g[0] for g in guests), *companies]:
        x.said[b][5].append(Appearance(event, "attendee", None, None, date, s0))
    presenters = []
    for k in range(rng.randint(2, 5)):
        person, name = c.person()
        org, org_name = c.guest_org()
        unit, unit_name = c.unit(org, topic)
        n = x.sentence(
            f"{k + 1}번째 발제자인 {name} 원장({org_name} {unit_name} 부장)은 {topic} 동향과 국내 "
            f"{other} 시장 현황을 소개하고, {topic} 기반 조성의 필요성에 대해 강조했다.",
            [person, org, unit],
        )
        x.member(person, rng.choice(TITLES), org, n)
        x.member(person, "부장", unit, n)
        x.said[person][5].append(Appearance(event, "performer", "발제", f"{topic} 동향", date, n))
        x.said[person][4].append(Said("proposal", f"{topic} 기반 조성", n))
        presenters.append(person)
    for k, a in enumerate(presenters):
        for b in presenters[k + 1 :]:
            c.tie(a, b, "co-presenter", CO_PRESENTER_WEIGHT)
    chair, chair_name = c.person()
    university = c.org(rng.choice(STEMS) + "대학교", "university")
    panel = [(*c.person(), *c.guest_org()) for _ in range(rng.randint(2, 5))]
    panel = [(*p, *c.unit(p[2], other)) for p in panel]
    s_panel = x.sentence(
        f"이어진 토론에서는 {chair_name} 교수가 좌장을 맡고, "
        + ", ".join(f"{p[1]} 대표({p[3]} {p[5]})" for p in panel)
        + f"가 토론자로 참석해 {topic} 생태계 조성 방안에 대해 심도 있는 논의를 펼쳤다.",
        [chair, university, *(a for p in panel for a in (p[0], p[2], p[4]))],
    )
    x.member(chair, "교수", university, s_panel)
    x.said[chair][5].append(Appearance(event, "moderator", "종합토론", None, date, s_panel))
    for p in panel:
        x.member(p[0], "대표", p[2], s_panel)
        x.said[p[0]][5].append(Appearance(event, "panelist", "종합토론", None, date, s_panel))
        c.tie(chair, p[0], "panel", PANEL_WEIGHT)
    if rng.random() < 0.5:
        president, president_name = c.person()
        partner = c.org(rng.choice(STEMS) + "대학교", "university")
        n = x.sentence(
            f"이날 {province}와 대학(총장 {president_name})은 {topic} 인재 양성을 위한 업무협약을 "
            "체결했다.",
            [publisher, partner, president],
        )
        x.member(president, "총장", partner, n)
    n = x.sentence(
        f"{province}는 {kind}에서 논의된 내용을 토대로 {topic} 정책을 구체화할 방침이다.",
        [publisher],
    )
    x.said[publisher][4].append(Said("plan", f"{topic} 정책을 구체화", n))
    n = x.sentence(
        f"{host_name} 의원은 “{topic}은 응용분야가 다양해 여러 분야가 연계돼야 한다”라고 말했다.",
        [host],
    )
    x.said[host][4].append(
        Said("quote", f"{topic}은 응용분야가 다양해 여러 분야가 연계돼야 한다", n)
    )
    c.releases.append(x.details(f"{topic} {other} 협력 {kind} 개최", date))


def corpus(releases: int, seed: int = 0) -> tuple[ActorNetwork, list[ReleaseDetails]]:
    """The actor network and the details parts of ``releases`` synthetic releases."""
    c = _Corpus(seed)
    for r in range(releases):
        _release(c, r)
    return c.network(), c.releases
