"""A page's characters as layout lines: ruled table rows cell by cell, other text line by line.

Outside ruled tables, characters are gathered into lines by height (a character joins a line when
its middle is within half an em of the line's: figures set a little high or low join their row),
and a line is cut into cells at gaps wider than 1.5 em, as layout text puts a TAB there. Inside a
ruled table each row band gives one line with one cell per column (see `grid`). Every line
and cell keeps its page and box.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from juesuan.model import Figure
from juesuan.sources.pdf.align import boundaries, column_box, columns_of, table_runs, words_of
from juesuan.sources.pdf.chars import Box, Char, Page
from juesuan.sources.pdf.grid import Grid, find_grids
from juesuan.sources.pdf.settings import SETTINGS

CELL_GAP = SETTINGS.cell_gap
WORD_GAP = SETTINGS.latin_space


@dataclass(frozen=True)
class PdfLine:
    """A printed line: its cells (TAB-separated in layout text), where each sits, and its grid."""

    page: int
    box: Box
    cells: tuple[str, ...]
    boxes: tuple[Box, ...]
    spans: tuple[int, ...] = ()  # for a grid row: the columns each cell covers (0: covered)
    grid: str = ""  # "page.index" of the ruled table the row belongs to
    em: float = 0.0

    @property
    def text(self) -> str:
        """The layout-text line: a grid row keeps its leading empty cells, which carry position."""
        joined = "\t".join(self.cells).rstrip("\t ")
        return joined if self.grid else joined.strip()


def page_lines(page: Page) -> list[PdfLine]:
    """The page's lines, top to bottom (lines of nothing but spaces left out)."""
    grids = find_grids(page.rulings)
    outside, inside = _by_grid(page.chars, grids)
    em = page_em(page.chars)
    lines = text_lines(page.number, outside, em, aligned=not grids)
    for index, (grid, chars) in enumerate(zip(grids, inside, strict=True)):
        lines += grid_lines(page.number, f"{page.number}.{index}", grid, chars, em)
    return sorted((line for line in lines if line.text), key=lambda line: (line.box[1], line.box[0]))


def _by_grid(chars: Sequence[Char], grids: list[Grid]) -> tuple[list[Char], list[list[Char]]]:
    """(characters outside every grid, the characters inside each grid): a character is in the
    first grid whose box holds its centre."""
    if not grids:
        return list(chars), []
    outside: list[Char] = []
    inside: list[list[Char]] = [[] for _ in grids]
    boxes = [(grid.box, found) for grid, found in zip(grids, inside, strict=True)]
    for char in chars:
        x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        for (x0, top, x1, bottom), found in boxes:
            if x0 <= x <= x1 and top <= y <= bottom:
                found.append(char)
                break
        else:
            outside.append(char)
    return outside, inside


def page_em(chars: Sequence[Char]) -> float:
    """The body text's em: the median width of the page's Chinese characters."""
    widths = [c.x1 - c.x0 for c in chars if "\u4e00" <= c.text <= "\u9fff"]
    return statistics.median(widths) if widths else 10.5


def text_lines(page: int, chars: Iterable[Char], em: float, aligned: bool = False) -> list[PdfLine]:
    """Characters outside ruled tables as lines of cells; with `aligned`, the rows of a table
    printed without rulings get one cell per column (`align`)."""
    rows = rows_of(chars, em)
    lines = [_text_line(page, row, em) for row in rows]
    if not aligned:
        return lines
    words = [words_of(row, _line_em(row, em)) if _gapped(row, em) else [row] for row in rows]
    for number, run in enumerate(table_runs(words, em)):
        bounds = boundaries([words[index] for index in run], em)
        for index in run if bounds else ():
            lines[index] = _aligned_line(lines[index], f"{page}.a{number}", words[index], bounds)
    return lines


def _gapped(row: list[Char], em: float) -> bool:
    """Whether a gap of an em or more parts the row somewhere (no table row without one)."""
    return any(b.x0 - a.x1 >= em for a, b in itertools.pairwise(row) if b.text != " ")


def _aligned_line(line: PdfLine, grid: str, words: list[list[Char]], bounds: list[float]) -> PdfLine:
    """A row of a table printed without rulings: one cell per column found by alignment."""
    columns = columns_of(words, bounds)
    texts = tuple(join_chars(chars, line.em) if chars else "" for chars in columns)
    boxes = tuple(column_box(chars, bounds, index, line.box) for index, chars in enumerate(columns))
    return PdfLine(line.page, line.box, texts, boxes, (1,) * len(texts), grid, line.em)


def rows_of(chars: Iterable[Char], em: float) -> list[list[Char]]:
    """Characters grouped by height into rows, each sorted left to right."""
    rows: list[list[Char]] = []
    row: list[Char] = []
    middle = 0.0  # the mean middle of the row's characters
    for char in sorted(chars, key=_middle):
        here, height = (char.top + char.bottom) / 2, char.bottom - char.top
        if row and abs(here - middle) <= (height if height <= em else em) / 2:
            row.append(char)
            middle += (here - middle) / len(row)
        else:
            row = [char]
            rows.append(row)
            middle = here
    return [sorted(row, key=_x0) for row in rows]


def _middle(char: Char) -> float:
    return char.top + char.bottom


def _text_line(page: int, row: list[Char], em: float) -> PdfLine:
    em = _line_em(row, em)
    cells = words_of(row, em, CELL_GAP, codes=False) or [row]
    texts = tuple(join_chars(cell, em) for cell in cells)
    return PdfLine(page, box_of(row), texts, tuple(box_of(cell) for cell in cells), em=em)


def _line_em(row: list[Char], em: float) -> float:
    widths = [c.x1 - c.x0 for c in row if "\u4e00" <= c.text <= "\u9fff"]
    return statistics.median(widths) if widths else min(em, row[0].bottom - row[0].top)


def join_chars(chars: Sequence[Char], em: float) -> str:
    """The text of characters on one line: a printed space once, and a space where a wide gap
    parts Latin letters or digits (Chinese text is set with gaps of all widths)."""
    parts: list[str] = []
    before: str | None = None  # the text of the last character that is not a space
    right = 0.0  # and where it ends
    space = False
    wide = WORD_GAP * em
    for text, x0, _, x1, _ in chars:
        if text == " ":
            space = before is not None
            continue
        if before is not None and (space or (x0 - right > wide and not (is_cjk(before) and is_cjk(text)))):
            parts.append(" ")
        parts.append(text)
        before, right, space = text, x1, False
    return "".join(parts)


def is_cjk(text: str) -> bool:
    return text >= "\u2e80"


def box_of(chars: Sequence[Char]) -> Box:
    return min(map(_x0, chars)), min(map(_top, chars)), max(map(_x1, chars)), max(map(_bottom, chars))


_x0, _top, _x1, _bottom = (attrgetter(name) for name in ("x0", "top", "x1", "bottom"))


def grid_lines(page: int, name: str, grid: Grid, chars: Iterable[Char], em: float) -> list[PdfLine]:
    """One line per row band of the grid that holds text, one cell per column."""
    cells = grid.by_cell(chars)
    bands = sorted({band for band, _ in cells})
    return [_grid_line(page, name, grid, band, cells, em) for band in bands]


def _grid_line(
    page: int, name: str, grid: Grid, band: int, cells: dict[tuple[int, int], list[Char]], em: float
) -> PdfLine:
    columns = len(grid.xs) - 1
    texts, spans = [""] * columns, [0] * columns
    boxes: list[Box] = [grid.box] * columns
    for start, end in grid.spans[band]:
        spans[start] = end - start
        boxes[start:end] = [grid.cell_box(band, start, end)] * (end - start)
        if (band, start) in cells:
            texts[start] = cell_text(cells[(band, start)], em)
    box = (grid.xs[0], grid.ys[band], grid.xs[-1], grid.ys[band + 1])
    return PdfLine(page, box, tuple(texts), tuple(boxes), tuple(spans), name, em)


def cell_text(chars: list[Char], em: float) -> str:
    """A cell's text: its lines top to bottom, joined without a break (a wrapped name is one)."""
    if max(map(_top, chars)) - min(map(_top, chars)) < em / 2:
        return join_chars(sorted(chars, key=_x0), em)
    text = ""
    for row in rows_of(chars, em):
        line = join_chars(row, em)  # "" for a line of spaces only
        if not line:
            continue
        latin = (
            text and not is_cjk(text[-1]) and not is_cjk(line[0]) and text[-1].isalnum() and line[0].isalnum()
        )
        text += (" " if latin and not _wrapped_amount(text, line) else "") + line
    return text


def _wrapped_amount(text: str, line: str) -> bool:
    """Whether the line is the end of an amount wrapped in its cell (143,999.0 / 0 in 无锡's
    收入总表): the text ends with an amount's start (a comma or point in it), the line is digits,
    and the two make one amount. Two amounts stacked in a cell (100.00 / 200.00) do not."""
    start = text.rpartition(" ")[2]
    return (
        line.isdigit()
        and bool(start)
        and any(mark in start for mark in ",.")
        and all(char.isdigit() or char in ",." for char in start)
        and Figure.parse(start + line) is not None
    )
