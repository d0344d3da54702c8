"""인사 notices, scopes and lists that share a post (KOREAN_FORMS §1, §3).

Slots give a person a post written apart from the name: ``TITLE에(는) NAME …``, ``TITLE은 NAME
…이 맡게 됐다``, ``ORG엔 NAME …이 임명됐다`` (the post with no title), ``NAME OLD은 NEW을``,
``NAME TITLE이 NEW으로 옮겨``, ``X비서관은 직무대리로 NAME 행정관이``, a former post in ``ORG
TITLE 출신인 NAME``. A scope (``청와대에서는 …``, ``헌재 소속으로는 …``) gives its organization
to the people listed after it. Lists give the members the post written once after (or before)
the last one: ``한가람·두리안 의원``, ``한가람(56)·두리안(54) 가나고법 판사``,
``의원 한가람·두리안``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.nlp.hits import Affiliation, OrgRef, PersonHit, SentenceHits, TitleRef
from kg.nlp.organizations import is_unit
from kg.nlp.sentence import SentenceWords
from kg.nlp.shared import SharedLists

_SLOT_PARTICLES = ("에", "에는", "엔", "으로는", "로는", "으로", "로")
_MOVE_PARTICLES = ("으로", "로", "에")
_SCOPE_PARTICLES = ("에서는", "에서도", "에선", "으로는", "로는")
_APPOINT = re.compile(
    r"임명|선임|내정|발탁|맡|기용|승진|보임|선출|위촉|옮겨|옮긴|이동|일하게|겸직|선발|당선|취임|추대|뽑"
)
_CAREER = re.compile(r"지낸|지냈|역임|거쳐|거친|거쳤|출신")
# A word that governs the post before it as one held in the past (지낸, 역임했다, 거쳐, 출신인).
_CAREER_VERB = re.compile(r"지낸|지냈|지내|역임|거쳐|거친|거쳤|출신")
_AND_SO_ON = ("등", "등을")
_LISTED_REACH = 4  # words of one listed post's organizations
_BETWEEN = ("신규", "새로", "각각", "이날", "오늘", "이번에", "새")
_SLOT_REACH = 7  # words between a slot and the name it gives its post to
_FORMER = ("출신", "출신인", "출신의")
_LIST_MARKS = (",", "▲", "△", "·", "○", "□")


class SlotReader:
    """Gives the people of a sentence the posts that notices, scopes and lists write apart."""

    def __init__(self, persons) -> None:
        self.persons = persons
        self.lists = SharedLists(persons)

    def read(self, sw: SentenceWords, hits: SentenceHits) -> None:
        at = self._people_at(sw, hits)
        if not at:
            self._career(sw, hits)  # 이 전 의원은 …을 지냈다: the posts, former, for kg.facts
            return
        self.lists.read(sw, hits, at)
        if _APPOINT.search(sw.index.text[sw.ws[0].start : sw.ws[-1].end]):
            self._title_slots(sw, at)
            self._org_slots(sw, at)
            self._new_posts(sw, at)
        self._scope(sw, hits)
        self._career(sw, hits)

    def _career(self, sw: SentenceWords, hits: SentenceHits) -> None:
        """The former posts a sentence gives its people (KOREAN_FORMS §1): the objects of a
        career verb (홍길동 의원은 가나시의회 의장과 다라위원회 위원장을 지냈다; 가나도의원을
        역임하고), and a post before 출신 or a career verb right before a name (가나대 총장
        출신인 홍길동; 가나시장을 지낸 홍길동). A post after the sentence's one person that no
        career verb governs (현재 가나도의회 의원으로 활동) is not made former."""
        if not _CAREER.search(sw.index.text[sw.ws[0].start : sw.ws[-1].end]):
            return
        starts = {h.start: h for h in hits.persons}
        for k, verb in _career_objects(sw):
            aff = self._post_at(sw, k)
            if aff is None:
                continue
            for post in hits.posts:  # the nameless post it is, for kg.facts (이 전 의원은 …)
                if post.title.start == aff.title.start:
                    post.title = replace(post.title, former=True)
            nxt = verb + 1
            person = starts.get(sw.ws[nxt].start) if nxt < sw.n else None
            if person is None and len(hits.persons) == 1 and hits.persons[0].end <= aff.title.start:
                person = hits.persons[0]
            if person is None:
                continue
            held = {(a.title.title, a.chain[-1].surface) for a in person.affiliations
                    if a.title and a.chain}  # fmt: skip
            if (aff.title.title, aff.chain[-1].surface) not in held:
                person.affiliations.append(aff)

    def _post_at(self, sw: SentenceWords, k: int) -> Affiliation | None:
        """The former post whose title is word ``k``, with the organizations written before it
        (past the words that say nothing of the post: 제7대 가나시의회 전반기 의장); None
        without an organization, or where the title is part of a person's phrase."""
        t = sw.titles[k]
        if t is None or k in sw.used:
            return None
        j = k
        while j > 0 and sw.bare(j - 1) and sw.modifier(j - 1) is not None:
            j -= 1
        chain = self.persons.left_orgs(sw, j) + ([t.org] if t.org else [])
        if not chain:
            return None
        return Affiliation(replace(t, former=True), chain)

    def _people_at(self, sw: SentenceWords, hits: SentenceHits) -> dict[int, PersonHit]:
        """Word index of each person's name -> the person."""
        by_start = {h.start: h for h in hits.persons}
        return {k: by_start[w.start] for k, w in enumerate(sw.ws) if w.start in by_start}

    # ---- TITLE에 NAME, TITLE은 NAME이 ----------------------------------------------------
    def _title_slots(self, sw: SentenceWords, at: dict[int, PersonHit]) -> None:
        for k in range(sw.n):
            t = sw.titles[k]
            if t is None or k in sw.used:
                continue
            last = self._slot_end(sw, k)
            if sw.particle(last) not in _SLOT_PARTICLES + ("은", "는"):
                continue
            if k > 0 and sw.short_surname(k - 1) and len(sw.ws[k - 1].stem) == 1:
                continue  # 김 실장은: a person's short form, not a post to fill
            person, between = self._next_person(sw, last, at)
            if person is None:
                continue
            people = self._listed_from(sw, person, at)
            if sw.particle(last) in ("은", "는") and not self._subject(sw, people[-1], at):
                continue
            chain = self.persons.left_orgs(sw, k) + ([t.org] if t.org else [])
            for p in people:
                if _names_the_post(p, t):
                    continue
                p.affiliations.append(Affiliation(_acting(sw, k, between, t), list(chain)))
            self._former_in(sw, between, person)

    def _slot_end(self, sw: SentenceWords, k: int) -> int:
        """The last word of the slot's title: 상임이사 내정자는 ends at 내정자는."""
        j = k
        while (
            j + 1 < sw.n
            and sw.bare(j)
            and sw.modifier(j + 1) is not None
            and sw.modifier(j + 1).where == "after"
        ):
            j += 1
        return j

    def _listed_from(
        self, sw: SentenceWords, first: PersonHit, at: dict[int, PersonHit]
    ) -> list[PersonHit]:
        """The person and those listed after it (A, B과 C): one slot for all of them."""
        order = sorted(at)
        k = next(i for i in order if at[i] is first)
        people = [first]
        while True:
            end = _phrase_stop(sw, k)
            nxt = next((i for i in order if i > k), None)
            if nxt is None:
                return people
            joined = sw.particle(end) in ("과", "와", "이나") and nxt == _after_orgs(sw, end + 1)
            joined = joined or (sw.text(end + 1) in _LIST_MARKS and nxt == _after_orgs(sw, end + 2))
            if not joined:
                return people
            people.append(at[nxt])
            k = nxt

    def _next_person(
        self, sw: SentenceWords, k: int, at: dict[int, PersonHit]
    ) -> tuple[PersonHit | None, list[int]]:
        """The first person named within reach after word ``k``, and the words between."""
        between: list[int] = []
        for j in range(k + 1, min(sw.n, k + 1 + _SLOT_REACH)):
            if j in at and not self._beaten(sw, j):
                return at[j], between
            if sw.is_punct(j, ",.") or (sw.titles[j] and sw.particle(j) in _SLOT_PARTICLES):
                break
            between.append(j)
        return None, between

    def _beaten(self, sw: SentenceWords, j: int) -> bool:
        """부의장에는 가나 의원을 누른 다라 의원이: the person of a clause before the one who
        fills the slot (an object, then a verb that qualifies the next name)."""
        end = _phrase_stop(sw, j)
        nxt = end + 1
        if sw.particle(end) not in ("을", "를") or nxt >= sw.n:
            return False
        w = sw.ws[nxt]
        span = sw.index.char_range(w.start, w.end)
        return span is not None and "ETM" in sw.index.tags[span[-1]]

    def _subject(self, sw: SentenceWords, person: PersonHit, at: dict[int, PersonHit]) -> bool:
        """``TITLE은 … NAME TITLE이 맡게 됐다``: the person's phrase ends with 이/가."""
        k = next(i for i, h in at.items() if h is person)
        j = k
        while j < min(sw.n, k + 12):
            if sw.text(j) == "(" and sw.close(j) is not None:
                j = sw.close(j) + 1
                continue
            if sw.particle(j):
                return sw.subject(j) or sw.particle(j) in ("이다", "입니다", "이며", "등이")
            j += 1
        return False

    def _former_in(self, sw: SentenceWords, between: list[int], person: PersonHit) -> None:
        """농진청 차장 출신인 NAME: a former post between the slot and the name."""
        for j in between:
            if sw.ws[j].stem in _FORMER or sw.ws[j].text in _FORMER:
                posts, _ = self.persons.posts(sw, between[0], j)
                if not posts and j > 0 and sw.titles[j - 1]:
                    posts = [Affiliation(sw.titles[j - 1], self.persons.left_orgs(sw, j - 1))]
                for aff in posts:
                    if aff.title is not None:
                        aff.title = replace(aff.title, former=True)
                person.affiliations.extend(posts)
                return

    # ---- ORG엔 NAME이 임명됐다 ---------------------------------------------------------
    def _org_slots(self, sw: SentenceWords, at: dict[int, PersonHit]) -> None:
        for k in range(sw.n):
            if k in sw.used or sw.particle(k) not in ("엔", "에는", "에") or sw.titles[k]:
                continue
            org = sw.org(k, strict=True)
            if org is None and is_unit(sw.ws[k].stem) and sw.nounish(k):
                org = sw.org(k, strict=False)
            if org is None or sw.lex.is_venue(org.surface):
                continue
            person, _ = self._next_person(sw, k, at)
            if person is not None and self._subject(sw, person, at):
                person.affiliations.append(Affiliation(None, self.persons.left_orgs(sw, k) + [org]))

    # ---- NAME OLD은 NEW을, NAME TITLE이 NEW으로 옮겨 ---------------------------------------
    def _new_posts(self, sw: SentenceWords, at: dict[int, PersonHit]) -> None:
        ends = self._phrase_ends(sw, at)
        for k, person in ends.items():
            j = k + 1
            while j < sw.n and (
                (sw.modifier(j) is None and sw.ws[j].stem in _BETWEEN)
                or (sw.modifier(j) is not None and sw.modifier(j).effect == "drop")
            ):
                j += 1  # 가나 부사장을 신임 대표이사로, 가나 의원은 이날 부의장으로
            if j >= sw.n or not sw.titles[j] or j in sw.used:
                continue
            topic_object = sw.topic(k) and sw.particle(j) in ("을", "를")
            move = sw.particle(j) in _MOVE_PARTICLES and (
                sw.subject(k)
                or (sw.topic(k) and (sw.titles[k] or k in at))  # 가나 의원은 이날 부의장으로
                or sw.particle(k) in ("을", "를")
            )
            if topic_object or move:
                t = sw.titles[j]
                person.affiliations.append(
                    Affiliation(t, self.persons.left_orgs(sw, j) + ([t.org] if t.org else []))
                )
                sw.used.add(j)

    def _phrase_ends(self, sw: SentenceWords, at: dict[int, PersonHit]) -> dict[int, PersonHit]:
        """The word that ends each person's phrase (the first with a particle after the name)."""
        out = {}
        for k, person in at.items():
            j = k
            while j < min(sw.n, k + 12):
                if sw.text(j) == "(" and sw.close(j) is not None:
                    j = sw.close(j) + 1
                    continue
                if sw.is_punct(j, ",.·"):
                    break
                if sw.particle(j):
                    out[j] = person
                    break
                j += 1
        return out

    # ---- 청와대에서는 NAME TITLE, … ------------------------------------------------------
    def _scope(self, sw: SentenceWords, hits: SentenceHits) -> None:
        """An organization that opens the sentence as its scope is the one of the people after it
        whose post names none (or names a unit of it)."""
        scope = self._scope_org(sw)
        if scope is None:
            return
        for hit in hits.persons:
            if hit.start <= scope.start:
                continue
            for aff in hit.affiliations:
                if aff.title is None:
                    continue
                if not aff.chain:
                    aff.chain = [scope]
                elif (
                    len(aff.chain) == 1
                    and aff.chain[0].from_title
                    and is_unit(aff.chain[0].surface)
                ):
                    aff.chain = [scope, aff.chain[0]]

    def _scope_org(self, sw: SentenceWords) -> OrgRef | None:
        for k in range(min(sw.n, 3)):
            particle = sw.particle(k)
            nxt = sw.ws[k + 1].text if k + 1 < sw.n else ""
            if particle in _SCOPE_PARTICLES or (
                sw.bare(k) and nxt in ("소속으로는", "측에서는", "측에서도")
            ):
                return sw.org(k, strict=True)
        return None

    # ---- 한가람·두리안 의원 --------------------------------------------------------------


def _career_objects(sw: SentenceWords) -> list[tuple[int, int]]:
    """(title word, career verb word) of each post a career verb governs: ``TITLE을 지낸``,
    ``TITLE 역임``, ``TITLE 출신``, and the posts listed before it (``A과 B를 지냈다``,
    ``A·B 등을 역임``)."""
    out = []
    for v in range(1, sw.n):
        if not _CAREER_VERB.match(sw.ws[v].text):
            continue
        k = v - 1
        if sw.ws[k].stem in _AND_SO_ON and k > 0:
            k -= 1  # A, B 등을 역임
        if not sw.titles[k] or sw.particle(k) not in ("", "을", "를"):
            continue
        out.append((k, v))
        while True:  # the posts listed before it share the verb
            j = k - 1
            while j >= 0 and k - j <= _LISTED_REACH and sw.bare(j) and not sw.titles[j]:
                j -= 1  # the organizations of the post at k
            listed = False
            while j >= 0 and (sw.is_punct(j, "·,") or sw.ws[j].text == "및"):
                j, listed = j - 1, True
            if j < 0 or not sw.titles[j] or j in sw.used:
                break
            if sw.particle(j) not in (("",) if listed else ("과", "와")):
                break
            out.append((j, v))
            k = j
    return out


def _after_orgs(sw: SentenceWords, j: int) -> int:
    """The first word from ``j`` past the (at most two) organization words that open a listed
    person's phrase (…, 가나군의회 홍길동 의장)."""
    for _ in range(2):
        if j < sw.n and sw.bare(j) and sw.names[j] is None and sw.org(j, strict=True) is not None:
            j += 1
    return j


def _phrase_stop(sw: SentenceWords, k: int) -> int:
    """The last word of the phrase of the name at ``k``: the first with a particle, or the one
    before the punctuation that ends it (parentheses skipped)."""
    j = k
    while j < min(sw.n, k + 14):
        if sw.text(j) == "(" and sw.close(j) is not None:
            j = sw.close(j) + 1
            continue
        if sw.is_punct(j):
            return j - 1
        if sw.particle(j):
            return j
        j += 1
    return j - 1


def _names_the_post(person: PersonHit, slot: TitleRef) -> bool:
    """상임위원장에는 가나위원장 홍길동 의원: the slot names the kind of post, the person's
    phrase the post itself (a title fused with its organization that the slot's ends with)."""
    return slot.org is None and any(
        a.title is not None and a.title.org is not None and slot.title.endswith(a.title.title)
        for a in person.affiliations
    )


def _copy(aff: Affiliation) -> Affiliation:
    return Affiliation(aff.title, list(aff.chain), aff.inferred)


def _acting(sw: SentenceWords, k: int, between: list[int], t: TitleRef) -> TitleRef:
    """``X비서관은 직무대리로 NAME``: the slot is filled by an acting head."""
    for j in between:
        mod = sw.modifier(j)
        if mod is not None and mod.effect == "join":
            return TitleRef(f"{t.title} {sw.ws[j].stem}", t.start, t.end, t.org)
    return t
