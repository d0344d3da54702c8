"""Lists of names that share a post written once (KOREAN_FORMS §3): ``한가람·두리안 의원``,
``한가람(56)·두리안(54) 가나고법 판사``, ``의원 한가람·두리안``, ``가나당 소속 A·B 의원``."""

from __future__ import annotations

from kg.nlp.hits import Affiliation, PersonHit, SentenceHits
from kg.nlp.names import SHAPED
from kg.nlp.parens import is_info
from kg.nlp.sentence import SentenceWords
from kg.nlp.untitled import KIN, SSI


class SharedLists:
    """Gives the members of a list of names the post written after the last or before the first."""

    def __init__(self, persons) -> None:
        self.persons = persons

    def read(self, sw: SentenceWords, hits: SentenceHits, at: dict[int, PersonHit]) -> None:
        """Names joined by · (or by , when none has a post of its own) share the post written
        after the last of them, or before the first."""
        k = 0
        while k < sw.n:
            run = self._run(sw, k)
            if len(run) >= 2:
                self._share(sw, hits, run, at)
                k = run[-1] + 1
            else:
                k += 1

    def _run(self, sw: SentenceWords, k: int) -> list[int]:
        """Word indexes of names in a list that starts at ``k``: NAME [(…)] · NAME [(…)] …"""
        run: list[int] = []
        j = k
        sep = None
        while j < sw.n and self._listed_name(sw, j):
            run.append(j)
            nxt = j + 1
            if sw.text(nxt) == "(":
                close = sw.close(nxt)
                if close is None or not is_info(
                    sw, [i for i in range(nxt + 1, close) if not sw.ws[i].punct]
                ):
                    break
                nxt = close + 1
            if (
                nxt < sw.n
                and sw.text(nxt) in ("·", ",")
                and sep in (None, sw.text(nxt))
                and sw.bare(j)
            ):
                sep = sw.text(nxt)
                j = nxt + 1
                continue
            break
        return run

    def _listed_name(self, sw: SentenceWords, j: int) -> bool:
        """A name in a list: a candidate, or a word of a name's shape (a list of names is
        evidence for each of them)."""
        found = sw.names[j]
        if found is not None:
            return found.strength >= SHAPED or self._in_list(sw, j)
        w = sw.ws[j]
        return (
            not w.punct
            and self.persons.r.names.shaped(w.stem)
            and not sw.titles[j]
            and self._in_list(sw, j)
        )

    def _in_list(self, sw: SentenceWords, j: int) -> bool:
        return sw.text(j - 1) == "·" or sw.text(j + 1) == "·"

    def _share(
        self, sw: SentenceWords, hits: SentenceHits, run: list[int], at: dict[int, PersonHit]
    ) -> None:
        last = at.get(run[-1])
        first = at.get(run[0])
        donor = last if last is not None and last.affiliations else first
        kin = self._kin_after(sw, run)
        if kin and (donor is None or donor is first):
            donor = PersonHit("", 0, 0, [Affiliation(None, [])])  # 가나·다라 부부: people
        if donor is None or not donor.affiliations:
            return
        if not any(sw.names[j] is not None and sw.names[j].strength >= SHAPED for j in run):
            return
        if (
            not kin
            and donor is first
            and first is not last
            and not self._title_before_run(sw, run[0])
        ):
            return
        donor = self._with_lead(sw, run, at, donor)
        for j in run:
            if j in at:
                if not at[j].affiliations:
                    at[j].affiliations = [_copy(a) for a in donor.affiliations]
                continue
            w = sw.ws[j]
            hit = PersonHit(
                w.stem, w.start, w.start + len(w.stem), [_copy(a) for a in donor.affiliations]
            )
            hits.persons.append(hit)
            at[j] = hit
            sw.used.add(j)

    def _with_lead(
        self, sw: SentenceWords, run: list[int], at: dict[int, PersonHit], donor: PersonHit
    ) -> PersonHit:
        """가나당 소속 A·B 의원: the organization written before the list is every member's."""
        lead = self.persons.left_orgs(sw, run[0])
        if not lead:
            return donor
        affs = [aff for j in run if j in at for aff in at[j].affiliations]
        donor = PersonHit(
            donor.name, donor.start, donor.end, [_copy(a) for a in donor.affiliations]
        )
        for aff in affs + donor.affiliations:
            if aff.title is not None and not aff.chain:
                aff.chain = list(lead)
        return donor

    def _kin_after(self, sw: SentenceWords, run: list[int]) -> bool:
        """가나다·라마바 부부, 가나다·라마바 씨: names of a name's shape joined by · before 씨
        or a noun of kin, each a person however MeCab reads it."""
        nxt = run[-1] + 1
        return (
            sw.text(run[0] + 1) == "·"
            and sw.bare(run[-1])
            and nxt < sw.n
            and sw.ws[nxt].stem in SSI + KIN
            and all(self.persons.r.names.shaped(sw.ws[j].stem) for j in run)
        )

    def _title_before_run(self, sw: SentenceWords, k: int) -> bool:
        return k > 0 and bool(sw.titles[k - 1])


def _copy(aff: Affiliation) -> Affiliation:
    return Affiliation(aff.title, list(aff.chain), aff.inferred)
