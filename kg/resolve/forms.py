"""The one name normaliser: the forms of a name that labels, keys and matches use.

``canonical`` is how a name is written in labels and IRI keys; ``normalize`` is what two
spellings of one name share (no spaces, no ㈜); ``base_form`` is what spellings of one
organization share across releases.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
# 가나도청 is the office of 가나도, 다라시청 of 다라시: one organization.
_OFFICE_SUFFIX = re.compile(r"^(.+[도시군구])청$")


@lru_cache(maxsize=1 << 16)
def canonical(name: str) -> str:
    """The form of a name that IRIs and labels use: NFC, whitespace runs collapsed, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", name)).strip()


@lru_cache(maxsize=1 << 16)
def normalize(name: str) -> str:
    """The name with no spaces and no ㈜/(주): ``"(주) 다라 전자"`` -> ``"다라전자"``."""
    text = unicodedata.normalize("NFC", name)
    return _SPACE.sub("", text).replace("㈜", "").replace("(주)", "")


@lru_cache(maxsize=1 << 16)
def base_form(name: str) -> str:
    """The form that spellings of one organization share across releases.

    Normalized, with 대 expanded to 대학교 (연세대 = 연세대학교) and the office suffix 청 of a
    province, city, county or district dropped (가나도청 = 가나도).

    >>> base_form("연세대"), base_form("가나도청"), base_form("다라 전자㈜")
    ('연세대학교', '가나도', '다라전자')
    """
    n = normalize(name)
    if len(n) > 1 and n.endswith("대"):
        return n + "학교"
    office = _OFFICE_SUFFIX.match(n)
    if office and len(office.group(1)) > 1:
        return office.group(1)
    return n
