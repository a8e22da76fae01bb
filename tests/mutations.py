"""Changing one printed number of a disclosure, to see that the checker notices."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from juesuan.model import Disclosure, Figure, Row, Table


def changed_text(figure: Figure, delta: Decimal) -> str:
    """The figure's value plus delta, printed with the same number of decimals."""
    value = (figure.value + delta).quantize(Decimal(1).scaleb(-figure.places))
    return f"{value:f}"


def with_figure(disclosure: Disclosure, table: str, row: str, col: str, text: str) -> Disclosure:
    """The disclosure with one table cell printed as `text`."""
    tables = tuple(_with_cell(t, row, col, text) if t.number == table else t for t in disclosure.tables)
    return dataclasses.replace(disclosure, tables=tables)


def _with_cell(table: Table, row: str, col: str, text: str) -> Table:
    rows = table.rows if table.row(row) else (*table.rows, Row(row, row))
    return dataclasses.replace(
        table, rows=tuple(_row_with(r, col, text) if r.key == row else r for r in rows)
    )


def _row_with(row: Row, col: str, text: str) -> Row:
    """The row with `col` printed as `text` (added when the row had no figure there)."""
    old = row.get(col)
    new = Figure.parse(text, old.origin if old else row.origin, old.unit if old else "")
    if old is None:
        return dataclasses.replace(row, cells=(*row.cells, (col, new)))
    return dataclasses.replace(row, cells=tuple((key, new if key == col else f) for key, f in row.cells))
