"""Every table kg prints or saves: aligned terminal text, CSV, JSON and JSON lines."""

from __future__ import annotations

import csv
import io
import json
import operator
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence


def _centrality_columns() -> tuple[Sequence[str], Collection[str]]:
    # The defaults, imported when needed: kg query prints tables without loading NetworkX.
    from kg.network.centrality import _NUMERIC_COLUMNS, TABLE_COLUMNS

    return TABLE_COLUMNS, _NUMERIC_COLUMNS


def table_to_csv(rows: Iterable[Mapping], columns: Sequence[str] | None = None) -> str:
    """The table as CSV text: a header line, then one line per row (``\\n`` line ends).

    ``None`` becomes an empty field. ``columns`` defaults to the centrality table's
    (``kg.network.centrality.TABLE_COLUMNS``).

    Examples
    --------
    >>> print(table_to_csv([{"rank": 1, "name": "가나도", "kind": "organization",
    ...     "org_type": "government", "titles": "", "organizations": "", "degree": 1.0,
    ...     "betweenness": 0.0, "pagerank": 0.5, "mentions": 1}]), end="")
    rank,name,kind,org_type,titles,organizations,degree,betweenness,pagerank,mentions
    1,가나도,organization,government,,,1.0,0.0,0.5,1
    """
    if columns is None:
        columns = _centrality_columns()[0]
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


def _cell(column: str, value: object, numeric: Collection[str]) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and column in numeric:
        return f"{value:.4f}"
    # A cell is one terminal line whatever the release text contains.
    return " ".join(str(value).split())


def format_table(
    rows: Iterable[Mapping],
    columns: Sequence[str] | None = None,
    numeric: Collection[str] | None = None,
) -> str:
    """The table aligned for a terminal: header, a rule, one line per row.

    Numbers (the ``numeric`` columns) are right-aligned, text left-aligned; Korean characters
    count two columns. ``columns`` and ``numeric`` default to the centrality table's.

    Examples
    --------
    >>> rows = [{"rank": 1, "name": "가나도", "kind": "organization", "org_type": "government",
    ...          "titles": "", "organizations": "", "degree": 1.0, "betweenness": 0.0,
    ...          "pagerank": 0.5, "mentions": 1},
    ...         {"rank": 2, "name": "홍길동", "kind": "person", "org_type": None,
    ...          "titles": "도지사", "organizations": "가나도", "degree": 1.0, "betweenness": 0.0,
    ...          "pagerank": 0.5, "mentions": 2}]
    >>> print(format_table(rows, ["rank", "name", "titles", "organizations", "pagerank"]))
    rank  name    titles  organizations  pagerank
    ----  ------  ------  -------------  --------
       1  가나도                           0.5000
       2  홍길동  도지사  가나도           0.5000
    """
    if columns is None:
        columns = _centrality_columns()[0]
    if numeric is None:
        numeric = _centrality_columns()[1]
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


#: The formats of :func:`format_records`.
RECORD_FORMATS = ("table", "csv", "json", "jsonl")


def format_records(
    records: Iterable[Mapping],
    columns: Sequence[str],
    fmt: str = "table",
    numeric: Collection[str] = (),
) -> str:
    """Records (one mapping per row) as text in ``fmt``, one of :data:`RECORD_FORMATS`.

    ``table`` and ``csv`` show ``columns`` only, in that order (``numeric`` ones right-aligned in
    a table); ``json`` is one array of objects and ``jsonl`` one object per line, each record
    whole, with numbers as JSON numbers and Korean as is. The text ends with a newline.

    Examples
    --------
    >>> rows = [{"name": "가나도", "mentions": 2, "share": 0.5}]
    >>> print(format_records(rows, ["name", "mentions"], "table", {"mentions"}), end="")
    name    mentions
    ------  --------
    가나도         2
    >>> print(format_records(rows, ["name", "mentions"], "jsonl"), end="")
    {"name": "가나도", "mentions": 2, "share": 0.5}
    """
    records = list(records)
    if fmt == "table":
        return format_table(records, columns, numeric) + "\n"
    if fmt == "csv":
        return table_to_csv(records, columns)
    if fmt == "json":
        return json.dumps([dict(r) for r in records], ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json_line(record) for record in records)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(RECORD_FORMATS)}")


def json_line(record: Mapping) -> str:
    """One record as a line of JSON (``jsonl``), Korean as is."""
    return json.dumps(dict(record), ensure_ascii=False) + "\n"
