"""Tidy cells, the exchange format: one row per filled cell (see DOMAIN.md).

A cell says which kind of disclosure it comes from by its table: a 预算's tables are `预算01` …
(`catalogue/templates/budget-*.toml`), a 决算's `01` … `10` (or a template's own, `U04`), so the
six columns stay those of every 决算 export and a mixed corpus never confuses the two (`kind`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from juesuan.model.disclosure import Disclosure

BUDGET, FINAL = "预算", "决算"
TIDY_COLUMNS = ("table", "row", "col", "value", "item", "column")


@dataclass(frozen=True)
class TidyCell:
    table: str
    row: str
    col: str
    value: str
    item: str
    column: str

    @property
    def kind(self) -> str:
        """预算 or 决算, by the table's id (预算01 … is a budget's)."""
        return BUDGET if self.table.startswith(BUDGET) else FINAL

    def as_tuple(self) -> tuple[str, ...]:
        return (self.table, self.row, self.col, self.value, self.item, self.column)


def tidy_cells(disclosure: Disclosure) -> Iterator[TidyCell]:
    for table in disclosure.tables:
        for row in table.rows:
            for col, figure in row.cells:
                yield TidyCell(table.number, row.key, col, figure.plain, row.label, table.heading(col))
