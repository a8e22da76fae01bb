"""Worksheet rows as `SheetLine`s: cells as printed, each keeping its sheet and cell address.

A number's printed text comes from its value and its number format: 1127 shown with #,##0.00 is
"1127.00" (never with the thousands separator, which is display only), 0.7828 shown with 0.00%
is "78.28". A number typed as text ("1,126.92") stays text; the table readers parse it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from juesuan.model import Origin
from juesuan.sources.layout.lines import Line
from juesuan.sources.limits import MAX_COLUMNS, MAX_ROWS, SHEET_ROWS

__all__ = ["MAX_COLUMNS", "MAX_ROWS", "SheetLine", "at_margin", "cell_text", "sheet_lines"]
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_DECIMALS = re.compile(r"\.([0#?]+)")


@dataclass(frozen=True)
class SheetLine(Line):
    """A worksheet row as a layout-text line: its cells TAB-joined, each cell's column kept."""

    sheet: str = ""
    columns: tuple[int, ...] = ()

    @property
    def origin(self) -> Origin:
        return self.at(0)

    def origin_of(self, index: int) -> Origin:
        """The index-th cell's own origin: its sheet and cell address, by its column."""
        return self.at(index)

    def at(self, index: int) -> Origin:
        """The origin of the line's index-th cell (its first cell when out of range)."""
        from openpyxl.utils import get_column_letter

        columns = self.columns or (1,)
        column = columns[index] if 0 <= index < len(columns) else columns[0]
        return Origin(sheet=self.sheet, cell=f"{get_column_letter(column)}{self.no}")

    def narrowed(self, first: int) -> SheetLine:
        """The line from column `first` on (a table's left margin)."""
        kept = [(col, cell) for col, cell in zip(self.columns, self.cells, strict=True) if col >= first]
        return SheetLine(self.no, "\t".join(cell for _, cell in kept), self.sheet, tuple(c for c, _ in kept))

    def joined(self) -> SheetLine:
        """The filled cells as one text (a paragraph typed across cells), at its first filled cell."""
        filled = [(col, cell) for col, cell in zip(self.columns, self.cells, strict=True) if cell]
        return SheetLine(self.no, "".join(cell for _, cell in filled), self.sheet, (filled[0][0],))


def at_margin(lines: list[SheetLine]) -> list[SheetLine]:
    """The rows cut at their left margin (the first filled column), so a layout typed from
    column B reads like one typed from column A."""
    starts = [col for line in lines for col, cell in zip(line.columns, line.cells, strict=True) if cell]
    first = min(starts, default=1)
    return [line.narrowed(first) for line in lines]


def sheet_lines(worksheet, limit: int = MAX_ROWS) -> list[SheetLine]:
    """The non-empty rows of a worksheet (read-only mode), at most `limit` rows deep."""
    from juesuan.sources import Unnamed

    worksheet.reset_dimensions()  # a forged dimension must not make us walk a million rows
    lines: list[SheetLine] = []
    for number, row in enumerate(worksheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        if number > limit:
            raise Unnamed(SHEET_ROWS.said(number, limit, sheet=worksheet.title))
        texts = [cell_text(cell.value, getattr(cell, "number_format", "General")) for cell in row]
        while texts and not texts[-1]:
            texts.pop()
        if texts:
            lines.append(
                SheetLine(number, "\t".join(texts), worksheet.title, tuple(range(1, len(texts) + 1)))
            )
    return lines


def cell_text(value: object, number_format: str = "General") -> str:
    """A cell as printed: numbers with their format's decimals, text stripped and on one line."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float | Decimal):
        return number_text(value, number_format)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return re.sub(r"[\t\r\n]+", "", str(value)).strip()


def number_text(value: int | float | Decimal, number_format: str = "General") -> str:
    """1127 with #,##0.00 → "1127.00"; 0.7828 with 0.00% → "78.28"; General: as typed."""
    try:
        exact = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        return str(value)
    if not exact.is_finite():
        return str(value)
    places, percent = format_decimals(number_format)
    if percent:
        exact *= 100
    if places is None:
        return format(exact.normalize(), "f") if exact == exact.to_integral() else format(exact, "f")
    return format(exact.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP), "f")


def format_decimals(number_format: str) -> tuple[int | None, bool]:
    """(decimals the format prints, None for General; whether it is a percentage)."""
    section = _QUOTED.sub("", (number_format or "General").split(";")[0])
    if section.lower() in ("general", "@", "") or "E+" in section.upper():
        return None, "%" in section
    match = _DECIMALS.search(section)
    return (len(match.group(1)) if match else 0), "%" in section
