"""Small table literals: a Table or Disclosure from plain dicts, for rule examples and tests.

    table_literal("02", {"208": {"1": "34.14"}, "20805": {"1": "23.83"}})

Values are printed text ("1,134.08", "34.14"); a cell left out is blank.
"""

from __future__ import annotations

from collections.abc import Mapping

from juesuan.model import Column, Disclosure, Figure, Overview, Row, Table

Cells = Mapping[str, str]


def table_literal(number: str, rows: Mapping[str, Cells], labels: Mapping[str, str] | None = None) -> Table:
    """A table whose rows are `rows` (row key → column key → printed value), in order."""
    labels = labels or {}
    cols = dict.fromkeys(col for cells in rows.values() for col in cells)
    columns = tuple(Column(col, col) for col in cols)
    built = tuple(_row(number, key, cells, labels.get(key, "")) for key, cells in rows.items())
    return Table(number, f"公开{number}表", columns, built)


def disclosure_literal(*tables: Table, unit: str = "示例单位", year: int | None = 2024) -> Disclosure:
    return Disclosure(unit, year, f"{unit}{year}年度决算公开", Overview(), tables, (), (), ())


def _row(table: str, key: str, cells: Cells, label: str) -> Row:
    figures = tuple((col, _figure(text)) for col, text in cells.items())
    code = key if key.isdigit() and table not in {"01", "04", "09", "10"} else ""
    line_no = key if table in {"01", "04", "10"} else ""
    return Row(key, label, figures, code, line_no)


def _figure(text: str) -> Figure:
    figure = Figure.parse(text)
    if figure is None:
        raise ValueError(f"不是数字：{text!r}")
    return figure
