"""Where organizations are recognised in one word: known public bodies and their short forms,
names with an organization's ending (suffix table), companies marked ㈜/(주), acronyms in
parentheses; venues and buildings are not organizations (KOREAN_FORMS §10)."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.nlp.hits import OrgRef
from kg.nlp.lexicon import MEMO_SIZE, Lexicon

# Words that open a clause or qualify one and are never an organization on their own.
NOT_ORG = frozenset(
    {
        "등",
        "및",
        "각",
        "전",
        "현",
        "이번",
        "이날",
        "당시",
        "신임",
        "전임",
        "前",
        "現",
        "약",
        "겸",
        "또",
        "그러나",
        "그리고",
        "또한",
        "한편",
        "이어",
        "아울러",
        "특히",
        "이에",
        "다만",
        "먼저",
        "모두",
        "여야",
        "정부",
        "우리",
        "양",
        "두",
        "세",
        "기관",
        "단체",
        "기업",
        "대표",
        "참석자",
        "관계자",
        "대통령직속",
        "대통령소속",
        "국무총리소속",
        "직속",
        "산하",
        "소속",
        "전국",
        "국내",
        "지역",
        "주한",
        "주미",
        "주일",
        "주중",
        "재외",
    }
)
# Legal forms written before an organization's name, which they are part of (사단법인 가나회).
LEGAL_FORMS = frozenset(
    {
        "사단법인",
        "재단법인",
        "사회적협동조합",
        "협동조합",
        "학교법인",
        "의료법인",
        "주식회사",
        "유한회사",
        "법무법인",
        "회계법인",
        "세무법인",
        "특허법인",
        "노무법인",
        "사회복지법인",
        "(사)",
        "(재)",
        "㈜",
        "(주)",
    }
)
# Endings of organizational units (부서), which hang under the organization named before them.
UNIT_ENDINGS = (
    "실",
    "과",
    "국",
    "단",
    "센터",
    "본부",
    "그룹",
    "팀",
    "연구실",
    "학부",
    "학과",
    "대학원",
    "처",
    "연구소",
    "부문",
    "사업부",
    "지부",
    "지회",
    "분회",
    "연합회",
    "사무소",
    "지사",
    "위원회",
    "수석실",
    "비서실",
    "대학",
    "지소",
    "지점",
    "사무국",
    "부",
    "위",
    "캠퍼스",
    "분교",
)
# Prefixes of public bodies' names (국립, 도립 ...): a long word with one names a body.
_PUBLIC_PREFIXES = ("국립", "공립", "시립", "도립", "구립", "군립")
_PUBLIC_ENDS = ("원", "관", "소", "청", "단", "처", "교", "센터")  # 院 館 所 廳 團 處 校
_ACRONYM = re.compile(r"(.+?)\(([A-Za-z][A-Za-z0-9&.\-]*)\)")
_STRONG_SHAPE = re.compile(r"[가-힣A-Za-z0-9&․\-·.Ⅰ-Ⅻ]{3,}")
_LATIN = re.compile(r"[A-Z][A-Za-z0-9&.\-]{1,15}")
_NUMBER = re.compile(r"[\d.,]+|\d+(?:일|월|년|시|분|명|개|곳|차|회|세|대|번째|주년|일자|일간)")


def is_unit(name: str) -> bool:
    """Whether ``name`` ends like an organizational unit (과, 국, 센터, 본부 ...)."""
    return name.replace(" ", "").endswith(UNIT_ENDINGS)


class OrgReader:
    """Reads one word (its stem) as an organization."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self._memo: dict[tuple[str, bool], OrgRef | None] = {}

    def read(self, stem: str, start: int, strict: bool) -> OrgRef | None:
        """The organization ``stem`` names. ``strict``: outside a person phrase, where only a
        known body, a company mark or a strong ending says so."""
        key = (stem, strict)
        if key not in self._memo:
            if len(self._memo) > MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = self._read(stem, strict)
        found = self._memo[key]
        return None if found is None else replace(found, start=start, end=start + found.end)

    def _read(self, stem: str, strict: bool) -> OrgRef | None:
        """``read`` at offset 0 (the memo's form)."""
        start = 0
        s = stem
        if not s or s in NOT_ORG or s in self.lex.titles:
            return None
        if s in LEGAL_FORMS:  # ㈜ 가나테크, 사단법인 가나회: part of the name after it
            return (
                None
                if strict
                else OrgRef(s, start, start + len(s), "company" if "주" in s else None)
            )
        acronym = None
        m = _ACRONYM.fullmatch(s)
        if m and m.group(2) != "주":
            s, acronym = m.group(1), m.group(2)
        body = self.lex.body(s)
        if body:
            return OrgRef(s, start, start + len(s), body.kind, acronym)
        if "㈜" in s or "(주)" in s or s.startswith("주식회사"):
            return OrgRef(s, start, start + len(s), "company", acronym)
        if self.lex.is_venue(s):
            return None
        kind = self.strong_kind(s)
        if kind is None and strict:
            return None
        if kind is None and (len(s) < 2 or _NUMBER.fullmatch(s)):
            return None
        return OrgRef(s, start, start + len(s), kind or self.lex.org_kind(s), acronym)

    def strong_kind(self, s: str) -> str | None:
        """The kind of a name whose ending names an organization on its own (가나진흥원, 삼성전자):
        one character before a long ending, two before a short one."""
        if not _STRONG_SHAPE.fullmatch(s):
            return None
        for suffix, ending in self.lex.org_endings.matches(s):
            if ending.strong and len(s) >= len(suffix) + (1 if len(suffix) >= 3 else 2):
                return ending.kind
        if (
            s.startswith(_PUBLIC_PREFIXES)
            and len(s) >= 5
            and s.endswith(_PUBLIC_ENDS)
            and not self.lex.is_venue(s)
        ):
            return "government"  # 국립해양조사원, 도립미술관: a public body, whatever its ending
        return None

    def latin(self, s: str) -> bool:
        """An English name or acronym (AMCHAM, KOTRA): an organization in a person phrase."""
        return bool(_LATIN.fullmatch(s)) and s not in self.lex.titles
