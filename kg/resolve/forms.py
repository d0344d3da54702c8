"""The one name normaliser: the forms of a name that labels, keys and matches use.

``canonical`` is how a name is written in labels and IRI keys; ``normalize`` is what two
spellings of one name share (no spaces, no ㈜); ``base_form`` is what spellings of one
organization share across releases, ``status_form`` the same without a city's or province's
status (특례시, 광역시); ``org_key`` is an organization's key (its IRI's, in ``kg.rdf.iris``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_SPACE = re.compile(r"\s+")
# Words ending in 대 that are not a university's short form (청와대, 소방대, 기동대): 대 is
# expanded to 대학교 for the others only.
_NOT_UNIVERSITY = re.compile(
    r"(?:청와|소방|기동|봉사|원정|경비|수비|순찰|특공|구조|탐사|의용|해병|군부|시위)대$"
    r"|^(?:부|대|현|시|세|무)대$"
)
# 가나도청 is the office of 가나도, 다라시청 of 다라시: one organization.
_OFFICE_SUFFIX = re.compile(r"^(.+[도시군구])청$")
# A city's or province's status is not part of its name: 수원특례시 is 수원시, 울산광역시교육청 is
# 울산시교육청, 가나특별자치도 is 가나도. Two syllables before it at least (특별시 alone stays).
_STATUS = re.compile(r"(?<=[가-힣]{2})(?:광역|특례|특별자치|특별)(?=[시도])")


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

    >>> base_form("연세대"), base_form("가나도청"), base_form("다라 전자㈜"), base_form("청와대")
    ('연세대학교', '가나도', '다라전자', '청와대')
    """
    n = normalize(name)
    if len(n) > 1 and n.endswith("대") and not _NOT_UNIVERSITY.search(n):
        return n + "학교"
    office = _OFFICE_SUFFIX.match(n)
    if office and len(office.group(1)) > 1:
        return office.group(1)
    return n


@lru_cache(maxsize=1 << 16)
def status_form(name: str) -> str:
    """``base_form`` without the status of a city or province, which spellings of one body
    differ by (가나특례시 = 가나시, 다라광역시교육청 = 다라시교육청, 가나특별자치도 = 가나도).

    >>> status_form("가나특례시"), status_form("다라광역시의회"), status_form("특별시")
    ('가나시', '다라시의회', '특별시')
    """
    return base_form(_STATUS.sub("", normalize(name)))


def org_key(name: str, unit_of: Iterable[str] = ()) -> str:
    """The canonical name of an organization: its ancestors' names (outermost first) and its own.

    Units are keyed by their chain because names such as 기획조정실 or 대변인실 recur in every
    public body and must not merge across them.

    >>> org_key("디지털정책과", ["가나도", "미래산업국"])
    '가나도|미래산업국|디지털정책과'
    """
    return "|".join(canonical(n) for n in (*unit_of, name))
