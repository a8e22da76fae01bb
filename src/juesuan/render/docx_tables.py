"""Word tables from rows of `GridCell` (the shared layout of `render.layout`, or a form's rows).

Rows list their cells left to right, skipping positions a cell above covers with its rowspan, as
in `layout.Grid`. Spans become ``w:gridSpan`` / ``w:vMerge``; heading rows repeat on every page
(``w:tblHeader``); rows never split across pages; figures are right-aligned; borders are ruled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from juesuan.render.docx_style import TABLE_STYLE, text_width
from juesuan.render.layout import GridCell, placed

Rows = Sequence[Sequence[GridCell]]
FONT = Pt(9)  # the table text style's size
_RIGID = ("number", "code", "line")  # never wrapped
_MARGINS_EM = 1.2  # Word's default cell margins, 2 × 0.19 cm, at 9 pt
_MIN_EM = 2 + _MARGINS_EM
_HEAD_EM, _TEXT_EM = 4 + _MARGINS_EM, 14 + _MARGINS_EM  # headings wrap early, labels late
_ALIGN = {
    "number": WD_ALIGN_PARAGRAPH.RIGHT,
    "head": WD_ALIGN_PARAGRAPH.CENTER,
    "line": WD_ALIGN_PARAGRAPH.CENTER,
}


@dataclass(frozen=True)
class Placed:
    """A cell at its top-left grid position."""

    row: int
    col: int
    cell: GridCell


def place(rows: Rows) -> list[list[Placed | None]]:
    """The grid: for every (row, column) the cell covering it, None where nothing does."""
    covered: dict[tuple[int, int], Placed] = {}
    for r, c, cell in placed(rows):
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                covered[(r + dr, c + dc)] = Placed(r, c, cell)
    width = max((c + 1 for _, c in covered), default=0)
    return [[covered.get((r, c)) for c in range(width)] for r in range(len(rows))]


def add_grid_table(document: WordDocument, rows: Rows, header_rows: int) -> WordTable:
    """Append the rows as a ruled Word table as wide as the page; the first rows repeat."""
    grid = place(rows)
    width = len(grid[0])
    widths = column_widths(grid, text_width(document.sections[-1]))
    table = document.add_table(rows=0, cols=width)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
    style = document.styles[TABLE_STYLE].style_id  # looked up once: by name it is slow
    for r, row in enumerate(grid):
        _add_row(table, r, row, widths, style, heading=r < header_rows)
    for paragraph in table._tbl.tr_lst[-1].iter(qn("w:p")):
        Paragraph(paragraph, table).paragraph_format.keep_with_next = True  # the notes follow the last row
    return table


def _add_row(
    table: WordTable, r: int, row: list[Placed | None], widths: list[Emu], style: str, heading: bool
) -> None:
    tr = table._tbl.add_tr()
    properties = tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if heading:
        properties.append(OxmlElement("w:tblHeader"))
    c = 0
    while c < len(row):
        spot = row[c]
        span = spot.cell.colspan if spot else 1
        tc = tr.add_tc()
        tc.width = Emu(sum(widths[c : c + span]))
        if span > 1:
            tc.grid_span = span
        if spot and spot.cell.rowspan > 1 and spot.row == r:
            tc.vMerge = "restart"
        if spot and spot.row != r:
            tc.vMerge = "continue"
        elif spot:
            _write(_Cell(tc, table), spot.cell, style)
        c += span


def _write(cell: _Cell, grid_cell: GridCell, style: str) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style
    paragraph.alignment = _ALIGN.get(grid_cell.kind, WD_ALIGN_PARAGRAPH.LEFT)
    if grid_cell.text:
        paragraph.add_run(grid_cell.text)


def column_widths(grid: list[list[Placed | None]], total: int, font: Pt = FONT) -> list[Emu]:
    """Widths (EMU) summing to total: figures, codes and 行次 fit on one line; text shares the rest.

    Each column first gets room for its widest figure/code (at least two characters); what is left
    goes to the columns in proportion to the width their text would like beyond that, plus half
    their fixed width, so label columns grow most and figure columns keep some air.
    """
    em = float(font)
    fixed = [_MIN_EM] * len(grid[0])
    wanted = [0.0] * len(grid[0])
    for row in grid:
        for c, spot in enumerate(row):
            if spot and spot.col == c and spot.cell.colspan == 1:
                ems = _ems(spot.cell)
                if spot.cell.kind in _RIGID:
                    fixed[c] = max(fixed[c], ems)
                wanted[c] = max(wanted[c], min(ems, _HEAD_EM if spot.cell.kind == "head" else _TEXT_EM))
    shares = [max(0.0, want - have) + have / 2 for want, have in zip(wanted, fixed, strict=True)]
    spare = max(0.0, total / em - sum(fixed))
    scale = min(1.0, total / em / sum(fixed))
    ems = [have * scale + spare * share / sum(shares) for have, share in zip(fixed, shares, strict=True)]
    return [Emu(int(width * em)) for width in ems]


def _ems(cell: GridCell) -> float:
    """The cell's text on one line, in ems, with the cell's margins: CJK 1, Latin and digits 0.65
    (Times New Roman needs 0.5; LibreOffice, lacking it, sets digits in the wider DejaVu Serif)."""
    return sum(1.0 if ord(char) >= 0x2E80 else 0.65 for char in cell.text) + _MARGINS_EM
