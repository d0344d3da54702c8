"""Where titles are recognised: one word read as a title, with the organization fused into it.

A word is a title when it ends with a title word of the lexicon (a suffix-table probe, not a scan).
What stands before that title word decides how it reads (KOREAN_FORMS §2, §4):

- nothing: the bare title (장관);
- a rank prefix (수석부장판사, 선임행정관, 명예교수) or an ordinal (국무1차장, 제1부시장): one
  title;
- an organization before a head title (title_heads.tsv): split into the title and the organization,
  the two sharing the head's first characters where they do (외교통일위원장 -> 위원장 of
  외교통일위, 예산실장 -> 실장 of 예산실, 수원시장 -> 시장 of 수원시, 육군참모총장 -> 참모총장
  of 육군, 무안부군수 -> 부군수 of 무안 or 무안군);
- a known organization before any other title (서울대교수 -> 교수 of 서울대);
- anything else: the whole word is the title (경제예산심의관, 주러시아대사, 정무1비서관).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.nlp.hits import OrgRef, TitleRef
from kg.nlp.lexicon import MEMO_SIZE, HeadRule, Lexicon

_HANGUL = re.compile(r"[가-힣]")
_FRAGMENT = re.compile(r"[가-힣A-Za-z0-9·.Ⅰ-Ⅻ]{1,14}")
_ACRONYM = re.compile(r"(.+?)\(([A-Za-z][A-Za-z0-9&.\-]*)\)")
_ORDINAL = re.compile(r"(?:제)?\d+")


@dataclass(frozen=True)
class TitleSplit:
    """A word read as a title: ``title`` ends the word; ``org`` (if any) starts it."""

    title: str
    org: str | None = None
    org_kind: str | None = None
    fuller: tuple[str, ...] = ()
    needs_fuller: bool = False
    acronym: str | None = None  # 원장(NIA): the organization's acronym after the title
    acronym_at: int = 0


class TitleReader:
    """Reads words as titles (with the lexicon's title words, heads, prefixes and modifiers)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self._memo: dict[str, TitleSplit | None] = {}

    def read(self, stem: str, start: int) -> TitleRef | None:
        """The title a word's stem (the word without its particle) is, at offset ``start``."""
        found = self._memo.get(stem, False)
        if found is False:
            if len(self._memo) > MEMO_SIZE:
                self._memo.clear()
            found = self._memo[stem] = self.split(stem)
        if found is None:
            return None
        return self._ref(found, stem, start)

    def _ref(self, found: TitleSplit, stem: str, start: int) -> TitleRef:
        if found.acronym:
            at = start + found.acronym_at
            org = OrgRef(found.acronym, at, at + len(found.acronym))
            return TitleRef(found.title, start, start + len(found.title), org)
        end = start + len(stem)
        org = None
        if found.org:
            org = OrgRef(
                found.org,
                start,
                start + len(found.org),
                found.org_kind,
                from_title=True,
                fuller=found.fuller,
                needs_fuller=found.needs_fuller,
            )
        return TitleRef(found.title, end - len(found.title), end, org)

    def is_title(self, stem: str) -> bool:
        return self.read(stem, 0) is not None

    # ---- reading one word ----------------------------------------------------------------
    def split(self, s: str) -> TitleSplit | None:
        """How the word ``s`` reads as a title, or None when it is not one."""
        if not s or len(s) > 24:
            return None
        fused = self.lex.fused_titles.get(s)
        if fused:
            title, org = fused
            return TitleSplit(title, org, self.lex.org_kind(org))
        m = _ACRONYM.fullmatch(s)
        if m:
            return self._with_acronym(m)
        for title, _ in self.lex.title_table.matches(s):
            if self._names_organization(s, title):
                return None
            prefix = s[: -len(title)]
            if not prefix:
                return TitleSplit(title)
            if not _HANGUL.search(s) or not _FRAGMENT.fullmatch(prefix):
                return None
            found = self._prefixed(s, prefix, title)
            if found is not None:
                return found
        return None

    def _with_acronym(self, m: re.Match) -> TitleSplit | None:
        inner = self.split(m.group(1))
        if inner is None or inner.org:
            return None
        if m.group(2) in self.lex.titles:  # 최고경영자(CEO): the title's English form
            return TitleSplit(inner.title)
        return TitleSplit(inner.title, acronym=m.group(2), acronym_at=len(m.group(1)) + 1)

    def _names_organization(self, s: str, title: str) -> bool:
        """The word is an organization's name that ends like a title (한국전력공사, 가나연구원)."""
        if len(s) > len(title) and self.lex.body(s):
            return True
        ending = self.lex.org_ending(s)
        return (
            ending is not None
            and ending[1].strong
            and len(ending[0]) >= len(title)
            and len(s) > len(ending[0])
        )

    def _prefixed(self, s: str, prefix: str, title: str) -> TitleSplit | None:
        if prefix in self.lex.title_prefixes or _ORDINAL.fullmatch(prefix):
            return TitleSplit(s)
        mod = self.lex.modifiers.get(prefix)
        if mod is not None and mod.where == "before" and mod.effect == "drop":
            return TitleSplit(title)  # 신임의장: the 의장, newly
        rule = self.lex.heads.get(title)
        if rule is not None:
            found = self._head(prefix, title, rule)
            if found is not None:
                return found
        if self._is_organization(prefix):
            return TitleSplit(title, prefix, self.lex.org_kind(prefix))
        if title in self.lex.title_compounds or title[0].isdigit() or prefix[-1].isdigit():
            return TitleSplit(s)
        return None

    def _head(self, prefix: str, title: str, rule: HeadRule) -> TitleSplit | None:
        """The split of ``prefix + title`` by the head ``title``, or None when it does not fuse."""
        if prefix[-1].isdigit() and rule.how == "place":
            return None  # 행정1부시장, 제1부시장: one title
        if rule.ending and self._ends_whole(prefix, prefix + rule.ending):
            return TitleSplit(title, prefix, self.lex.org_kind(prefix))  # 상의회장, 가나도당위원장
        org = prefix + rule.ending
        fuller = (prefix + rule.fuller,) if rule.fuller and not org.endswith(rule.fuller) else ()
        if rule.how == "need":
            return TitleSplit(title, org, "government", fuller, needs_fuller=True)
        if rule.how == "place":
            if not re.fullmatch(r"[가-힣]{1,8}", prefix):
                return None
            return TitleSplit(title, org, "government", fuller)
        if not rule.ending and not (
            self._is_organization(prefix, weak=True) or any(self.lex.body(f) for f in fuller)
        ):
            return None  # 장관, 의장, 참모총장 after a word that names no organization
        kind = self.lex.org_kind(org) or next(
            (self.lex.body(f).kind for f in fuller if self.lex.body(f)), None
        )
        return TitleSplit(title, org, kind, fuller)

    def _ends_whole(self, prefix: str, overlapped: str) -> bool:
        """The part before the head is an organization's short form (가나상의) or ends with an
        ending of its own that the overlapped form does not lengthen (가나도당 + 위: 가나도당위)."""
        if any(prefix.endswith(short) and len(short) >= 2 for short, _ in self.lex.short_endings):
            return True
        own = self.lex.org_ending(prefix)
        if own is None or len(own[0]) < 2 or len(prefix) == len(own[0]):
            return False
        if not (own[1].strong or own[1].kind == "other"):
            return False  # a weak ending (가나대학 + 원) does not end the name on its own
        return self.lex.org_ending(overlapped) is None

    def _is_organization(self, word: str, weak: bool = False) -> bool:
        """Whether ``word`` names an organization by the lexicon: a known body or an ending
        (a strong one, or any with ``weak``)."""
        if self.lex.body(word):
            return True
        found = self.lex.org_ending(word)
        return found is not None and (weak or found[1].strong) and len(word) > len(found[0])
