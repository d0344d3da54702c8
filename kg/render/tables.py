"""Every table kg prints or saves: aligned terminal text and CSV."""

from __future__ import annotations

import csv
import io
import operator
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence

from kg.network.centrality import _NUMERIC_COLUMNS, TABLE_COLUMNS


def table_to_csv(rows: Iterable[Mapping], columns: Sequence[str] = TABLE_COLUMNS) -> str:
    """The table as CSV text: a header line, then one line per row (``\\n`` line ends).

    ``None`` becomes an empty field. ``columns`` defaults to :data:`TABLE_COLUMNS`.

    Examples
    --------
    >>> print(table_to_csv([{"rank": 1, "name": "가나도", "kind": "organization",
    ...     "org_type": "government", "titles": "", "organizations": "", "degree": 1.0,
    ...     "betweenness": 0.0, "pagerank": 0.5, "mentions": 1}]), end="")
    rank,name,kind,org_type,titles,organizations,degree,betweenness,pagerank,mentions
    1,가나도,organization,government,,,1.0,0.0,0.5,1
    """
    rows = list(rows)
    if len(columns) > 1 and all(type(row) is dict for row in rows):
        try:  # operator.itemgetter is the fast way, if every row has every column
            return _csv_text(columns, map(operator.itemgetter(*columns), rows))
        except KeyError:
            pass
    return _csv_text(columns, ([row.get(column, "") for column in columns] for row in rows))


def _csv_text(columns: Sequence[str], values: Iterable[Iterable]) -> str:
    """CSV of a header line of ``columns`` and a line of each row's ``values``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(values)
    return out.getvalue()


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide and fullwidth characters count 2.

    Examples
    --------
    >>> display_width("가나도 ab")
    9
    """
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def _cell(column: str, value: object, numeric: Collection[str] = _NUMERIC_COLUMNS) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and column in numeric:
        return f"{value:.4f}"
    # A cell is one terminal line whatever the release text contains.
    return " ".join(str(value).split())


def format_table(
    rows: Iterable[Mapping],
    columns: Sequence[str] = TABLE_COLUMNS,
    numeric: Collection[str] = _NUMERIC_COLUMNS,
) -> str:
    """The table aligned for a terminal: header, a rule, one line per row.

    Numbers (the ``numeric`` columns) are right-aligned, text left-aligned; Korean characters
    count two columns. ``columns`` defaults to :data:`TABLE_COLUMNS`.

    Examples
    --------
    >>> rows = [{"rank": 1, "name": "가나도", "kind": "organization", "org_type": "government",
    ...          "titles": "", "organizations": "", "degree": 1.0, "betweenness": 0.0,
    ...          "pagerank": 0.5, "mentions": 1},
    ...         {"rank": 2, "name": "홍길동", "kind": "person", "org_type": None,
    ...          "titles": "도지사", "organizations": "가나도", "degree": 1.0, "betweenness": 0.0,
    ...          "pagerank": 0.5, "mentions": 2}]
    >>> print(format_table(rows))
    rank  name    kind          org_type    titles  organizations  degree  betweenness  pagerank  mentions
    ----  ------  ------------  ----------  ------  -------------  ------  -----------  --------  --------
       1  가나도  organization  government                         1.0000       0.0000    0.5000         1
       2  홍길동  person                    도지사  가나도         1.0000       0.0000    0.5000         2
    """
    cells = [[_cell(c, row.get(c), numeric) for c in columns] for row in rows]
    widths = [
        max([display_width(c)] + [display_width(line[i]) for line in cells])
        for i, c in enumerate(columns)
    ]

    def line(values: Sequence[str]) -> str:
        parts = []
        for column, value, width in zip(columns, values, widths):
            pad = " " * (width - display_width(value))
            parts.append(pad + value if column in numeric else value + pad)
        return "  ".join(parts).rstrip()

    lines = [line(columns), line(["-" * w for w in widths])]
    lines += [line(values) for values in cells]
    return "\n".join(lines)
