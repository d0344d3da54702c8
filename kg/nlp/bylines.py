"""Where bylines are recognised: reporters named with 기자 (or 특파원, 논설위원) in the shapes news
texts give them, and the outlet the byline names (KOREAN_FORMS §6).

Shapes: ``[한빛일보=한가람 기자]``, ``[한빛일보 한가람 기자]``, ``[한빛일보ㅣ한가람 기자]``,
``【서울=한빛뉴스】한가람 기자 =``, ``(서울=한빛뉴스) 한가람 두리안 기자 =``,
``[세종=한빛뉴스] 한가람 기자 =``, ``한빛뉴스/한가람 기자``, ``고양=한가람 기자``,
``한가람 기자 han@example.com``, ``한가람기자 han@…``, ``/한가람 기자 |``,
``한가람 기자 l 2018.12.10``, ``한가람 기자입니다.``, a line that is only ``한가람 기자`` or
``• 한가람 기자``, and ``한가람 기자`` after a text's last sentence.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.model import Span
from kg.nlp.hits import Affiliation, OrgRef, PersonHit, SentenceHits, TitleRef
from kg.nlp.index import doc_text, token_index
from kg.nlp.sentence import Readers

_TITLES = "선임기자|대기자|사진기자|기자|특파원|논설위원"
_NAMES = r"(?P<names>[가-힣]{2,4}(?:[ ·,][가-힣]{2,4}){0,2})"
_AFTER = r"(?=\s*(?:=|\]|】|\||ㅣ|l\s|입니다|[A-Za-z0-9._%+\-]+@|\[email|$))"
_BEFORE = r"(?:^|[\]】)=/ㅣ|•·\n]|(?<=다)\.|\[[^\]\s=ㅣ|]+\s)"
BYLINE = re.compile(_BEFORE + r"[ \t]*" + _NAMES + r"\s?(?P<title>" + _TITLES + ")" + _AFTER, re.M)
# the outlet a byline names: [한빛일보=…], [한빛일보 홍길동 기자], 【서울=한빛뉴스】,
# (서울=한빛뉴스), 한빛뉴스/홍길동
_OUTLET = (
    re.compile(r"[\[【(]\s*(?:[가-힣]{1,4}\s*=\s*)(?P<outlet>[^\]】)=\s]+)\s*[\]】)]"),
    re.compile(
        r"\[\s*(?P<outlet>[^\]=\sㅣ|]+)\s*(?:=[^\]]*|[ㅣ|][^\]]*|\s+[가-힣]{2,4}\s*(?:"
        + _TITLES
        + r")\s*)\]"
    ),
    re.compile(r"(?P<outlet>[가-힣A-Za-z0-9]{2,})/\s*[가-힣]{2,4}\s?(?:" + _TITLES + ")"),
)
_CITY = re.compile(r"^[가-힣]{1,4}$")
# a line that is a name and a city (홍길동 / 세종) or a name and an e-mail address
_NAME_LINE = re.compile(
    r"^[ \t•]*(?P<names>[가-힣]{2,4})[ \t]*"
    r"(?:/[ \t]*[가-힣]{2,4}|[A-Za-z0-9._%+\-]+@[\w.\-]+)[ \t]*$",
    re.M,
)


def bylines(doc: Doc, sentences: list[Span], hits: list[SentenceHits], readers: Readers) -> None:
    """Add the reporters of the text's bylines to the hits of the sentence they stand in."""
    text = doc_text(doc)
    index = token_index(doc)
    for m in _NAME_LINE.finditer(text):
        at = _sentence_of(sentences, m.start("names"))
        name, start = m.group("names"), m.start("names")
        if at is not None and _is_name(readers, name, start, index):
            _add(
                hits[at],
                PersonHit(
                    name,
                    start,
                    start + len(name),
                    [Affiliation(TitleRef("기자", start, start))],
                    "byline",
                ),
            )
    for m in BYLINE.finditer(text):
        at = _sentence_of(sentences, m.start("names"))
        if at is None:
            continue
        outlet = _outlet(text, m)
        for name, start in _names(m):
            if not _is_name(readers, name, start, index):
                continue
            title_at = m.start("title")
            title = TitleRef(m.group("title"), title_at, m.end("title"))
            _add(
                hits[at],
                PersonHit(
                    name,
                    start,
                    start + len(name),
                    [Affiliation(title, [outlet] if outlet else [])],
                    "byline",
                ),
            )


def _names(m: re.Match) -> list[tuple[str, int]]:
    out = []
    base = m.start("names")
    for part in re.finditer(r"[가-힣]{2,4}", m.group("names")):
        out.append((part.group(0), base + part.start()))
    return out


def _is_name(readers: Readers, name: str, start: int, index) -> bool:
    names = readers.names
    return (
        names.shaped(name) or names.candidate(name, start, index) is not None
    ) and not names.excluded(name)


def _outlet(text: str, m: re.Match) -> OrgRef | None:
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    for pattern in _OUTLET:
        for found in pattern.finditer(line):
            outlet = found.group("outlet")
            if _CITY.fullmatch(outlet) and pattern is _OUTLET[2]:
                continue  # 고양=홍길동 기자: a city, not an outlet
            start = line_start + found.start("outlet")
            if found.start() <= m.end() - line_start:
                return OrgRef(outlet, start, start + len(outlet), "media")
    return None


def _sentence_of(sentences: list[Span], at: int) -> int | None:
    for k, sp in enumerate(sentences):
        if sp.start <= at < sp.end:
            return k
    return None


def _add(hits: SentenceHits, hit: PersonHit) -> None:
    """One person per name in a sentence: a byline found by the patterns too gets its outlet."""
    for old in hits.persons:
        if old.name == hit.name:
            old.role = "byline"
            for aff in old.affiliations:
                if (
                    aff.title
                    and aff.title.title == hit.affiliations[0].title.title
                    and not aff.chain
                ):
                    aff.chain = hit.affiliations[0].chain
            return
    hits.persons.append(hit)
