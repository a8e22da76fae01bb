"""Rows of the tables keyed by 行次 (01, 04, 10), printed on one or two sides of the page.

Each side of a printed line is (项目, 行次, one cell per column of that side); a two-sided line gives
two logical rows. Layout text loses the empty cells at the start of a line (01 行次 9-26 print no
项目), so the cells are re-aligned: the fewest leading blanks that put a 行次 of the right range
in each 行次 slot, figures in the figure slots and no bare number in a 项目 slot. Each figure keeps
the index of the cell it was printed in (the blanks added have none).
"""

from __future__ import annotations

from juesuan.catalogue.tables import LineDefinition, SideDefinition, TableDefinition
from juesuan.model import Row
from juesuan.sources.layout.lines import Line
from juesuan.sources.layout.table_meta import is_furniture, is_numeric, only_figures
from juesuan.sources.layout.table_rows import Reading


def line_rows(reading: Reading, body: list[Line]) -> tuple[Row, ...]:
    """All rows of the left side, then all rows of the right side, each in printed order."""
    sides = reading.definition.sides
    found: list[list[Row]] = [[] for _ in sides]
    for line in body:
        if len(line.filled) == 1 and is_furniture(line):
            continue  # a page number: a lone number is not a 行次 without its line
        aligned = align(reading.definition, line.cells)
        if aligned is None or not any(part[1] for part in aligned[0]):
            reading.skip(line)
            continue
        parts, pad = aligned
        start = -pad  # the line's index of the first cell of the side
        for rows, side, part in zip(found, sides, parts, strict=True):
            row = _side_row(reading, side, part, line, start)
            start += len(part)
            if row is not None:
                reading.add(rows, row, line)
    return tuple(row for rows in found for row in rows)


def align(definition: TableDefinition, cells: list[str]) -> tuple[list[list[str]], int] | None:
    """The line's cells cut into one part per side, and the blanks put before its first cell;
    None when no alignment fits."""
    width = sum(2 + len(side.columns) for side in definition.sides)
    cells = cells if any(cells) else []
    for pad in range(width - len(cells) + 1):
        padded = [""] * pad + cells + [""] * (width - pad - len(cells))
        parts = _cut(definition.sides, padded)
        if all(_fits(side, part) for side, part in zip(definition.sides, parts, strict=True)):
            return parts, pad
    return None


def _cut(sides: tuple[SideDefinition, ...], cells: list[str]) -> list[list[str]]:
    parts, start = [], 0
    for side in sides:
        parts.append(cells[start : start + 2 + len(side.columns)])
        start += 2 + len(side.columns)
    return parts


def _fits(side: SideDefinition, part: list[str]) -> bool:
    label, line, *texts = part
    return not is_numeric(label) and (not line or side.holds(line)) and only_figures(texts)


def _side_row(reading: Reading, side: SideDefinition, part: list[str], line: Line, start: int) -> Row | None:
    """The side's row; `start` is the line's index of the part's first cell (its 项目)."""
    label, number, *texts = part
    if not number:
        if label or any(texts):
            reading.report(f"“{label or ' '.join(texts)}”没有行次，未读取", line)
        return None
    defined = _line_named(reading.definition, label, number)
    if defined is None:
        reading.report(f"行次{number}不在本表的定义中", line)
    unit = defined.unit if defined else ""
    figures = tuple(
        (key, figure)
        for offset, (key, text) in enumerate(zip(side.columns, texts, strict=True))
        if (figure := reading.figure(text, line, start + 2 + offset, unit)) is not None
    )
    key = defined.row if defined else number
    return Row(key, label or reading.definition.label(key), figures, line_no=number, origin=line.origin)


def _line_named(definition: TableDefinition, label: str, number: str) -> LineDefinition | None:
    """The template line a printed (label, 行次) stands for: by its label where the template knows
    the label (the 行次 deciding between lines of one label), else by its 行次. A 行次 that
    disagrees with the label is kept in the row (`line_no`) for the checker to report."""
    named = definition.lines_labelled(label) if label else ()
    printed = definition.line(number)
    if printed in named or not named:
        return printed
    return min(
        named,
        key=lambda found: abs(int(found.line) - int(number)) if number.isdigit() and len(number) <= 4 else 0,
    )
