"""Word tables from rows of `GridCell` (the shared layout of `render.layout`, or a form's rows).

Rows list their cells left to right, skipping positions a cell above covers with its rowspan, as
in `layout.Grid`. Spans become ``w:gridSpan`` / ``w:vMerge``; heading rows repeat on every page
(``w:tblHeader``); rows never split across pages; figures are right-aligned; borders are ruled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Pt
from docx.table import Table as WordTable
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
_JC = {
    WD_ALIGN_PARAGRAPH.LEFT: "left",
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
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
    later: list[str | None] = []  # per paragraph written: a text to add as a run afterwards
    rows_xml = "".join(_row_xml(r, row, widths, style, r < header_rows, later) for r, row in enumerate(grid))
    made = parse_xml(f"<w:tbl {nsdecls('w')}>{rows_xml}</w:tbl>")
    for p, text in zip(list(made.iter(qn("w:p"))), later, strict=True):
        if text is not None:
            Paragraph(p, table).add_run(text)
    for tr in list(made):
        table._tbl.append(tr)
    for paragraph in table._tbl.tr_lst[-1].iter(qn("w:p")):
        Paragraph(paragraph, table).paragraph_format.keep_with_next = True  # the notes follow the last row
    return table


def _row_xml(
    r: int, row: list[Placed | None], widths: list[Emu], style: str, heading: bool, later: list[str | None]
) -> str:
    """One ``w:tr`` as python-docx builds it cell by cell (``tcW``, ``gridSpan``, ``vMerge``,
    ``vAlign``; a paragraph in the table text style, aligned, with one run), written as text and
    parsed once per table: building it through python-docx's objects took most of a document's
    time. A text with tabs or line breaks is added through python-docx afterwards (`later`)."""
    cells = []
    c = 0
    while c < len(row):
        spot = row[c]
        span = spot.cell.colspan if spot else 1
        properties = f'<w:tcW w:type="dxa" w:w="{Emu(sum(widths[c : c + span])).twips}"/>'
        if span > 1:
            properties += f'<w:gridSpan w:val="{span}"/>'
        paragraph, text = "<w:p/>", None
        if spot and spot.row != r:
            properties += "<w:vMerge/>"
        elif spot:
            if spot.cell.rowspan > 1:
                properties += '<w:vMerge w:val="restart"/>'
            properties += '<w:vAlign w:val="center"/>'
            paragraph, text = _paragraph_xml(spot.cell, style)
        later.append(text)
        cells.append(f"<w:tc><w:tcPr>{properties}</w:tcPr>{paragraph}</w:tc>")
        c += span
    head = "<w:tblHeader/>" if heading else ""
    return f"<w:tr><w:trPr><w:cantSplit/>{head}</w:trPr>{''.join(cells)}</w:tr>"


def _paragraph_xml(cell: GridCell, style: str) -> tuple[str, str | None]:
    """The cell's paragraph, and its text when python-docx must add it (tabs, line breaks)."""
    align = _ALIGN.get(cell.kind, WD_ALIGN_PARAGRAPH.LEFT)
    start = f'<w:p><w:pPr><w:pStyle w:val="{escape(style)}"/><w:jc w:val="{_JC[align]}"/></w:pPr>'
    text = cell.text
    if not text or any(char in text for char in "\t\n\r"):
        return start + "</w:p>", text or None
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"{start}<w:r><w:t{space}>{escape(text)}</w:t></w:r></w:p>", None


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
