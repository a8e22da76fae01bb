"""Tidy cells, the exchange format: one row per filled cell (see DOMAIN.md)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from juesuan.model.disclosure import Disclosure

TIDY_COLUMNS = ("table", "row", "col", "value", "item", "column")


@dataclass(frozen=True)
class TidyCell:
    table: str
    row: str
    col: str
    value: str
    item: str
    column: str

    def as_tuple(self) -> tuple[str, ...]:
        return (self.table, self.row, self.col, self.value, self.item, self.column)


def tidy_cells(disclosure: Disclosure) -> Iterator[TidyCell]:
    for table in disclosure.tables:
        for row in table.rows:
            for col, figure in row.cells:
                yield TidyCell(table.number, row.key, col, figure.plain, row.label, table.heading(col))
