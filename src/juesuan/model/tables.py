"""The ten 公开表: columns (栏次), rows (行次, 科目代码 or label) and their figures."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from juesuan.model.figures import Figure, Origin


@dataclass(frozen=True)
class Column:
    """A column of figures: its key (栏次 where printed, else the heading) and heading."""

    key: str
    heading: str


@dataclass(frozen=True)
class Row:
    """One logical row. Two-sided tables (01, 04) give two logical rows per printed line."""

    key: str
    label: str
    cells: tuple[tuple[str, Figure], ...] = ()
    code: str = ""
    line_no: str = ""
    origin: Origin = Origin()

    def get(self, column: str) -> Figure | None:
        for key, figure in self.cells:
            if key == column:
                return figure
        return None


@dataclass(frozen=True)
class Table:
    number: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    unit_name: str = ""
    year: int | None = None
    notes: tuple[str, ...] = ()
    origin: Origin = Origin()

    @property
    def is_empty(self) -> bool:
        return not any(row.cells for row in self.rows)

    @property
    def says_no_data(self) -> bool:
        return any("本表无数据" in note for note in self.notes)

    def row(self, key: str) -> Row | None:
        return self._rows_by_key.get(key)

    @functools.cached_property
    def _rows_by_key(self) -> dict[str, Row]:
        """The first row of each key: the rules look rows up by key thousands of times a check."""
        return {row.key: row for row in reversed(self.rows)}

    def figure(self, row: str, column: str) -> Figure | None:
        found = self.row(row)
        return found.get(column) if found else None

    def heading(self, column: str) -> str:
        for col in self.columns:
            if col.key == column:
                return col.heading
        return column
