"""HTML to visible text, with each character's offset in the source, so that spans found in the
text point back into the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from html.parser import HTMLParser

# A file name (photo, attachment) as a line of a board page or an image's alt text.
IMAGE_FILE = re.compile(r"^\S.{0,200}\.(?:jpe?g|png|gif|bmp|hwpx?|pdf)$", re.IGNORECASE)

_SKIPPED = {"script", "style", "noscript", "head", "template"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_HTML_SPACE = " \t\n\r\f"
_ALT_VALUE = re.compile(
    r"""(?<![\w-])alt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
_REFERENCE = re.compile(r"&(?:#[xX]?[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?")


def _unescape(raw: str, start: int) -> tuple[str, list[int]]:
    """Unescape an attribute value found at ``start``, with each character's source offset."""
    text, offsets, done = "", [], 0
    for reference in _REFERENCE.finditer(raw):
        expansion = html.unescape(reference.group())
        text += raw[done : reference.start()] + expansion
        offsets += range(start + done, start + reference.start())
        offsets += [start + reference.start()] * len(expansion)
        done = reference.end()
    return text + raw[done:], offsets + list(range(start + done, start + len(raw)))


class _TextExtractor(HTMLParser):
    """Collect visible text, one source offset per character."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)  # references are mapped to their own offsets
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self._space_at: int | None = None  # source offset of a pending collapsed space
        self._skip = 0

    def _here(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _add(self, text: str, offsets: Sequence[int]) -> None:
        if self._skip:
            return
        for char, offset in zip(text, offsets):
            if char in _HTML_SPACE:
                if self.chars and self.chars[-1] != "\n" and self._space_at is None:
                    self._space_at = offset
                continue
            if self._space_at is not None:
                self.chars.append(" ")
                self.offsets.append(self._space_at)
                self._space_at = None
            self.chars.append(char)
            self.offsets.append(offset)

    def _break(self, at: int | None = None) -> None:
        """End the current line; the line break maps to the tag at ``at`` (default: here)."""
        self._space_at = None
        if self.chars and self.chars[-1] != "\n" and not self._skip:
            self.chars.append("\n")
            self.offsets.append(self._here() if at is None else at)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip += 1
        elif tag == "body":
            self._skip = 0  # an unclosed <head> ends here
        if tag in _BLOCKS:
            self._break()
        if tag == "img":
            self._image(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self._break()

    def _image(self, alt: str) -> None:
        """An image whose alt text is its file name becomes a line, as on scraped board pages."""
        if not IMAGE_FILE.match(alt.strip()):
            return
        tag = self._here()
        raw = self.get_starttag_text() or ""
        value = _ALT_VALUE.search(raw)
        if value is None:
            return
        group = next(g for g in (1, 2, 3) if value.group(g) is not None)
        text, offsets = _unescape(value.group(group), tag + value.start(group))
        self._break()
        self._add(text, offsets)
        self._break(at=tag + len(raw) - 1)  # the tag's closing '>'

    def handle_data(self, data: str) -> None:
        start = self._here()
        self._add(data, range(start, start + len(data)))

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")

    def _reference(self, reference: str) -> None:
        # Every character of the expansion maps to the '&' that starts the reference.
        text = html.unescape(reference)
        self._add(text, [self._here()] * len(text))


def html_text(source: str) -> tuple[str, list[int]]:
    """Visible text of an HTML page and, per character, its offset in ``source``.

    Block elements (p, div, tr, td, li, br ...) become line breaks, runs of whitespace become one
    space, and script, style, noscript and head are dropped.
    """
    parser = _TextExtractor(source)
    parser.feed(source)
    parser.close()
    while parser.chars and parser.chars[-1] == "\n":
        parser.chars.pop()
        parser.offsets.pop()
    return "".join(parser.chars), parser.offsets
