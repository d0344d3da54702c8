"""Read press releases (보도자료) from .txt or .html files into ``Release`` objects.

Finds input files, decodes them (UTF-8, then CP949), turns HTML into visible text (kg.ingest.html)
and reads the board-page metadata (제목, 부서명, 작성자 ...) and the body.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kg.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    MissingInputError,
    NotAReleaseError,
    TooLongInputError,
    Utf16InputError,
)
from kg.ingest.html import IMAGE_FILE as _IMAGE_FILE
from kg.ingest.html import html_text
from kg.model import Release, Span

INPUT_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")

# KOGL (공공누리) types and their conditions, as the licence texts write them.
KOGL_CONDITIONS = {
    1: "출처표시",
    2: "출처표시 + 상업적 이용금지",
    3: "출처표시 + 변경금지",
    4: "출처표시 + 상업적 이용금지 + 변경금지",
}

# Label lines of the board page's metadata block; each value is on the next line.
_LABEL_FIELDS = {
    "부서명": "department",
    "전화번호": "phone",
    "작성자": "author",
    "작성일": "published",
    "등록일": "published",
    "조회수": "views",
}
_LABEL = re.compile(rf"^({'|'.join(_LABEL_FIELDS)})\s*(?::\s*(.*))?$")
_HEADER = re.compile(r"^보도자료(\s.{0,15})?$")
_SUBTITLE = re.compile(r"^-\s*(.+?)\s*-$")
_ATTACHMENT_LABEL = re.compile(r"^첨부(파일)?\s*:?$")
_FOOTER = re.compile(r"^(담당부서|최종수정일|페이지 만족도)")
_PUBLISHER = re.compile(r"^담당부서\s*:?\s*(.*)$")
_OFFICE = re.compile(r"([도시군구])청$")  # 경상북도청: the office of 경상북도
_LOCAL = re.compile(r"..[도시군구]$")  # a local government's name
_KOGL_TYPE = re.compile(r"제?\s*([1-4])\s*유형")
_DATETIME = re.compile(
    r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
# Hangul words separated by spaces. A long run is prose; menus and forms give short runs, and
# words glued together by stripped markup ("아이디비밀번호로그인") give one-word runs.
_HANGUL_RUN = re.compile(r"[가-힣]+(?:[ \xa0]+[가-힣]+)*")
MIN_SENTENCE_SYLLABLES = 10
MIN_SENTENCE_WORDS = 3
# A sentence is a piece of a line up to a full stop, question or exclamation mark, or a line
# that ends in 다, with such runs of Korean words in it (quotes may cut it into several runs).
# Board listings, menus, search and login pages have runs of words (titles, labels) but no
# sentence.
_SENTENCE_BREAK = re.compile(r"(?<=[.?!。？！])|\n")
_SENTENCE_TAIL = re.compile(r"(?:[가-힣][\"'”’」』)\]]*[.?!。？！]|다[\"'”’」』)\]]*)\s*$")
#: The most characters of text kg reads from one file: spaCy's ``Language.max_length``, which
#: kg.nlp keeps (past it spaCy refuses the text, E088).
MAX_TEXT_CHARS = 1_000_000
# C0 controls other than tab, newline, vertical tab, form feed, carriage return and escape.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def find_inputs(inputs: Sequence[str], exclude: str | os.PathLike | None = None) -> list[str]:
    """Expand files and folders (recursively) into a sorted list of input files.

    Folders contribute their ``.txt``, ``.html`` and ``.htm`` files, skipping hidden files and
    folders, ``*.gold.json`` and anything inside ``exclude`` (a build's output folder, whose
    graph.html is not a release); a file named explicitly is kept whatever its suffix. A file
    reached twice (named and inside a named folder) is listed once.
    """
    skip = str(Path(exclude).resolve()) if exclude is not None else None
    found: dict[str, str] = {}  # real path -> the path as found
    for given in inputs:
        path = Path(given)
        if not path.exists():
            raise MissingInputError(given)
        if not path.is_dir():
            found.setdefault(str(path.resolve()), given)
            continue
        in_folder = [
            (real, shown)
            for real, shown in _folder_files(str(path), str(path.resolve()))
            if not (skip is not None and (real == skip or real.startswith(skip + os.sep)))
        ]
        if not in_folder:
            raise InputError(given, "no .txt, .html or .htm files in this folder")
        for real, shown in in_folder:
            found.setdefault(real, shown)
    return sorted(found.values())


def _folder_files(folder: str, real: str) -> list[tuple[str, str]]:
    """``(real path, path under folder)`` of the input files under ``folder`` (whose real path
    is ``real``), not hidden, in no particular order. Only a symbolic link is resolved: a real
    folder's files are its real path joined with their names. Folders reached through a link
    are not entered."""
    out = []
    todo = [(folder, real)]
    while todo:
        here, here_real = todo.pop()
        with os.scandir(here) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                shown = name if here == "." else os.path.join(here, name)
                if entry.is_dir(follow_symlinks=False):
                    todo.append((shown, os.path.join(here_real, name)))
                elif (
                    os.path.splitext(name)[1].lower() in INPUT_SUFFIXES
                    and not name.endswith(".gold.json")
                    and (entry.is_file() or entry.is_symlink())  # a dangling link: listed, skipped
                ):
                    link = entry.is_symlink()
                    out.append(
                        (os.path.realpath(shown) if link else os.path.join(here_real, name), shown)
                    )
    return out


def decode(path: str, data: bytes) -> str:
    """Decode a file's bytes: UTF-8 (a BOM is dropped), else CP949 (a superset of EUC-KR).

    The text is otherwise unchanged (line endings included), so offsets index it exactly.
    """
    data = data.removeprefix(codecs.BOM_UTF8)
    if not data.strip():
        raise EmptyInputError(path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Utf16InputError(path)
    if b"\x00" in data:
        raise BinaryInputError(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.end == len(data):
            # Pages saved with a byte limit end in the middle of a character: drop that character.
            text = data[: error.start].decode("utf-8")
        else:
            try:
                text = data.decode("cp949")
            except UnicodeDecodeError:
                raise BinaryInputError(path) from None
    if _CONTROL.search(text):
        raise BinaryInputError(path)
    if not text.strip():
        raise EmptyInputError(path)
    return text


def read_release(path: str) -> Release:
    """Read one release from a ``.txt`` or ``.html``/``.htm`` file."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise MissingInputError(path) from None
    except IsADirectoryError:
        raise InputError(path, "is a folder; use find_inputs() to list its files") from None
    except OSError as error:
        raise InputError(
            path, f"cannot be read ({error.strerror}); check its permissions"
        ) from None
    source = decode(path, data)
    if Path(path).suffix.lower() not in HTML_SUFFIXES:
        _check_length(path, source)
        return parse_release_text(path, source)
    if '<meta name="generator" content="kg graph page">' in source:
        raise NotAReleaseError(path, "a graph page written by kg build, not a press release")
    text, offset_map = html_text(source)
    _check_length(path, text)  # the visible text is what spaCy reads, not the markup
    release = parse_release_text(path, text)
    release.offset_map = offset_map
    release.source_text = source
    return release


def _check_length(path: str, text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise TooLongInputError(path, len(text), MAX_TEXT_CHARS)


@dataclass(frozen=True)
class _Line:
    """A line of text, whitespace stripped; ``start``/``end`` bound the stripped content."""

    start: int
    end: int
    s: str


def _lines(text: str) -> list[_Line]:
    lines = []
    start = 0
    for raw in text.split("\n"):
        s = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        lines.append(_Line(start + lead, start + lead + len(s), s))
        start += len(raw) + 1
    return lines


def parse_release_text(path: str, text: str) -> Release:
    """Find the body and the metadata in a release's text (board-page format or plain text).

    Raises ``NotAReleaseError`` when the body holds no Korean sentence.
    """
    lines = _lines(text)
    first_label = next((i for i, line in enumerate(lines) if _LABEL.match(line.s)), None)
    header = None
    if first_label is not None:
        header = next(
            (i for i in range(first_label - 1, -1, -1) if _HEADER.match(lines[i].s)), None
        )
    if header is None:
        release = _parse_plain(path, text, lines)
    else:
        release = _parse_board(path, text, lines, header, first_label)
    _check_korean_body(release)
    return release


def _parse_plain(path: str, text: str, lines: list[_Line]) -> Release:
    """Text without the board header (e.g. a news article): all body, perhaps a title line."""
    nonblank = [line for line in lines if line.s]
    if not nonblank:
        return Release(path=path, text=text, body=Span(0, 0))
    first = nonblank[0]
    is_title = (
        len(first.s) < 80
        and not first.s.endswith("다.")
        and len(re.findall("[가-힣]", first.s)) >= 2
    )
    return Release(
        path=path,
        text=text,
        body=Span(first.start, nonblank[-1].end),
        title=first.s if is_title else None,
    )


def _parse_board(
    path: str, text: str, lines: list[_Line], header: int, first_label: int
) -> Release:
    """A board page: navigation, 보도자료 header, title, label/value lines, body, licence,
    footer."""
    release = Release(path=path, text=text, body=Span(0, 0))
    title = next((line for line in lines[header + 1 : first_label] if line.s), None)
    release.title = title.s if title else None
    body_start = _read_labels(release, lines, first_label)
    licence = next(
        (k for k in range(body_start, len(lines)) if "공공누리" in lines[k].s), len(lines)
    )
    footer = next(
        (k for k in range(body_start, len(lines)) if _FOOTER.match(lines[k].s)), len(lines)
    )
    body_end = min(licence, footer)
    release.images += [line.s for line in lines[body_start:body_end] if _IMAGE_FILE.match(line.s)]
    release.images = list(dict.fromkeys(release.images))  # pages repeat a photo; keep the first
    release.body = _body_span(lines, body_start, body_end)
    if licence < len(lines):
        kogl = _KOGL_TYPE.search("\n".join(line.s for line in lines[licence:footer]))
        if kogl:
            n = int(kogl.group(1))
            release.license = f"공공누리 제{n}유형 ({KOGL_CONDITIONS[n]})"
    release.publisher, units = _publisher(lines[body_end:])
    if not release.department:
        release.department = units
    return release


def _read_labels(release: Release, lines: list[_Line], first_label: int) -> int:
    """Read the label/value lines, subtitles and photo names from ``first_label`` on into
    ``release``; the index of the first line after them, where the body starts."""
    i = first_label
    while i < len(lines):
        line = lines[i]
        label = _LABEL.match(line.s)
        if label and label.group(2):  # "작성자 : 홍길동" on one line
            start = line.start + label.start(2)
            _set_field(release, label.group(1), Span(start, start + len(label.group(2))))
        elif label:
            j = next((k for k in range(i + 1, len(lines)) if lines[k].s), len(lines))
            if j < len(lines) and not _LABEL.match(lines[j].s):
                _set_field(release, label.group(1), Span(lines[j].start, lines[j].end))
                i = j
        elif _SUBTITLE.match(line.s):
            release.subtitles.append(_SUBTITLE.match(line.s).group(1))
        elif _IMAGE_FILE.match(line.s):
            release.images.append(line.s)
        elif line.s:
            break
        i += 1
    return i


def _body_span(lines: list[_Line], body_start: int, body_end: int) -> Span:
    # Attachment lists and photos after the last paragraph are not body text.
    last = body_end - 1
    while last >= body_start and (
        not lines[last].s
        or _IMAGE_FILE.match(lines[last].s)
        or _ATTACHMENT_LABEL.match(lines[last].s)
    ):
        last -= 1
    if last >= body_start:
        return Span(lines[body_start].start, lines[last].end)
    return Span(lines[body_start - 1].end, lines[body_start - 1].end)


def _set_field(release: Release, label: str, span: Span) -> None:
    value = release.text[span.start : span.end]
    field = _LABEL_FIELDS[label]
    if field == "department":
        release.department = value.split()
    elif field == "phone":
        release.phone = value
    elif field == "author":
        release.author = value
        release.author_span = span
    elif field == "published":
        release.published = _parse_datetime(value)
    elif field == "views":
        digits = value.replace(",", "")
        release.views = int(digits) if digits.isdigit() else None


def _parse_datetime(value: str) -> datetime | None:
    match = _DATETIME.search(value)
    if not match:
        return None
    try:
        return datetime(*(int(g) for g in match.groups() if g is not None))
    except ValueError:  # e.g. month 13: leave the date unknown rather than reject the release
        return None


def _publisher(footer: list[_Line]) -> tuple[str | None, list[str]]:
    """The footer's 담당부서: the body that runs the site (경상북도청 -> 경상북도) and the units
    written after it (가나군 문화체육과 -> 가나군, [문화체육과]; 가나시 다라구 마바과 -> 다라구)."""
    for i, line in enumerate(footer):
        match = _PUBLISHER.match(line.s)
        if not match:
            continue
        value = match.group(1) or next((x.s for x in footer[i + 1 :] if x.s), "")
        if not value or _FOOTER.match(value) or value.startswith(("담당자", "연락처")):
            return None, []
        words = [_OFFICE.sub(r"\1", w) for w in value.split()]
        k = 0
        while k + 1 < len(words) and _LOCAL.search(words[k]) and _LOCAL.search(words[k + 1]):
            k += 1  # a province or city before its district
        return words[k], words[k + 1 :]
    return None, []


def _is_korean_sentence(piece: str) -> bool:
    if not _SENTENCE_TAIL.search(piece):
        return False
    words = [word for run in _HANGUL_RUN.findall(piece) for word in run.split()]
    return len(words) >= MIN_SENTENCE_WORDS and len("".join(words)) >= MIN_SENTENCE_SYLLABLES


def _check_korean_body(release: Release) -> None:
    """A press release or a news article has body text with sentences; a page without is
    something else (a board's list of titles, a menu, a login or error page)."""
    body = release.body_text
    if not body.strip():
        raise NotAReleaseError(release.path, "the body is empty")
    if not any(_is_korean_sentence(piece) for piece in _SENTENCE_BREAK.split(body)):
        raise NotAReleaseError(
            release.path,
            f"no Korean sentence in the body ({MIN_SENTENCE_WORDS} or more Korean words with "
            f"{MIN_SENTENCE_SYLLABLES} or more Hangul syllables, ending in . ? ! or 다); "
            "give the text of a Korean press release or news article",
        )
