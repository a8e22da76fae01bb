"""Origins in the PDF: every line number the layout-text readers give becomes a page and a box,
and every table figure the box of its own cell.

A figure is found in the line it was read from by its printed text, to the right of its row's
code or label (the two sides of 公开01表 print the same amount on one line), each cell once; a
reshaped row (`tables`) says which printed cell each of its cells came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from typing import TypeVar

from juesuan.model import Figure, Origin, Row, Table
from juesuan.sources.layout.lines import Line
from juesuan.sources.pdf.layout import PdfLine

T = TypeVar("T")


class Locator:
    """Turns line origins into page-and-box origins."""

    def __init__(self, printed: list[PdfLine], shaped: dict[int, Line], sources: dict[int, list[int | None]]):
        self.printed = printed
        self.shaped = shaped
        self.sources = sources
        self.used: dict[int, set[int]] = {}

    def place(self, origin: Origin) -> Origin:
        if origin.line is None or not 0 < origin.line <= len(self.printed):
            return origin
        line = self.printed[origin.line - 1]
        return Origin(page=line.page, box=line.box)

    def table(self, table: Table) -> Table:
        rows = tuple(self.row(row) for row in table.rows)
        return replace(table, rows=rows, origin=self.place(table.origin))

    def row(self, row: Row) -> Row:
        cells = tuple((key, self.figure(figure, row)) for key, figure in row.cells)
        return replace(row, cells=cells, origin=self.place(row.origin))

    def figure(self, figure: Figure, row: Row) -> Figure:
        number = figure.origin.line
        if number is None:
            return figure
        index = self._cell(number, figure.text, (row.code, row.label, row.key))
        printed = self.printed[number - 1]
        if index is None or index >= len(printed.boxes):
            return replace(figure, origin=self.place(figure.origin))
        return replace(figure, origin=Origin(page=printed.page, box=printed.boxes[index]))

    def _cell(self, number: int, text: str, anchors: tuple[str, ...]) -> int | None:
        """The printed cell of the line holding the text: the first unused one right of the row's
        anchor (its code or label), else the first unused one."""
        cells = self._cells(number)
        used = self.used.setdefault(number, set())
        anchor = next((i for i, cell in enumerate(cells) if cell and cell in anchors), -1)
        matches = [i for i, cell in enumerate(cells) if cell == text and i not in used]
        found = next((i for i in matches if i > anchor), matches[0] if matches else None)
        if found is None:
            return None
        used.add(found)
        sources = self.sources.get(number)
        return sources[found] if sources and found < len(sources) else found

    def _cells(self, number: int) -> list[str]:
        shaped = self.shaped.get(number)
        if shaped is not None:
            return shaped.cells
        return [cell.strip() for cell in self.printed[number - 1].cells]


def relocate(value: T, place: Callable[[Origin], Origin]) -> T:
    """The value with every `Origin` inside it (dataclasses, tuples) replaced by place(origin)."""
    if isinstance(value, Origin):
        return place(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return type(value)(relocate(item, place) for item in value)  # type: ignore[return-value]
    if is_dataclass(value) and not isinstance(value, type):
        changes = {field.name: relocate(getattr(value, field.name), place) for field in fields(value)}
        return replace(value, **changes)  # type: ignore[return-value]
    return value
