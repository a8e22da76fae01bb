"""Figures read twice: the chi_sim model, seeing a lone 4 or 31 in a narrow column, reads 二 or
引. So the cells of a ruled table's figure columns (columns most of whose cells read as numbers,
行次 and 栏次 included; from the first number down, never the heading) are cut out, stacked one
under another in a strip, and read again in one call with the Latin model allowed only digits,
point, comma and minus. `chosen` picks between the two readings (two different numbers make the
figure unsure, `DISAGREE`); a figure still unsure is read a third time, its cell alone as one
line (at most `ALONE` a page). A cell whose ink is one flat stroke is the —— of a cell that does
not apply.

Labels too: a cell of Chinese text read with little confidence on the whole page (合计, in a
cell that spans the code and name columns, read as 窜评 at 0.0) is read again by itself, as its
own line: the unsure label cells of a page (at most `LABELS`) stacked in one strip, one call;
the new reading replaces the old where it is surer. Pixels throughout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from juesuan.sources.ocr.tesseract import DIGITS, LANGUAGE, LINE_MODE, Word, recognise, time_left

if TYPE_CHECKING:
    import numpy as np

    from juesuan.sources.pdf.chars import Ruling

NUMERIC = re.compile(r"^[-—]?[\d,.]+$|^[-—一_]+$")  # what a figure column's cells read as
NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")  # a number as printed (`Figure.parse`)
DASH = re.compile(r"^[—–―－\-]+$")  # the blank of a cell that does not apply
DISAGREE = 0.5  # the confidence of a figure the two readings disagree on
RIVAL = 0.5  # a reading this sure makes a different one unsure
ALONE = 20  # cells of a page, at most, read a third time, alone (each a call of its own)
UNSURE_TEXT = 0.5  # Chinese text read less surely than this in a figure column is read again
LABELS = 30  # label cells of a page, at most, read again (`_labels`)
ALLOWED = "0123456789.,-"
MARGIN = 12  # pixels of white around each cell in the strip
INK = 160  # a cell with no pixel darker than this is empty


@dataclass(frozen=True)
class _Cell:
    left: int
    top: int
    right: int
    bottom: int


def reread(
    gray: np.ndarray, words: list[Word], rulings: list[Ruling], scale: float, deadline: float
) -> list[Word]:
    """The words with the figure cells of each ruled table read again (see the module), within
    the page's time (`deadline`, on `time.monotonic`'s clock)."""
    from juesuan.sources.pdf.grid import find_grids

    grids = find_grids(rulings)
    words = _labels(gray, words, [cell for grid in grids for cell in _cells(grid, scale)], deadline)
    cells = [cell for grid in grids for cell in _figure_cells(grid, words, scale)]
    cells = [cell for cell in cells if (gray[cell.top : cell.bottom, cell.left : cell.right] < INK).any()]
    if not cells:
        return sorted(words, key=_reading_order)
    strip, offsets = _strip(gray, cells)
    again = _placed(recognise(strip, time_left(deadline), DIGITS, ALLOWED), offsets)
    margin = max(2, round(scale)) + round(scale)  # the inset and then some: a ruling's remnant too
    wide = [_Cell(c.left - margin, c.top - margin, c.right + margin, c.bottom + margin) for c in cells]
    found = [word for word in words if not any(_inside(word, cell) for cell in wide)]
    alone = 0
    for cell, around in zip(cells, wide, strict=True):
        if (dash := _dash(gray, cell)) is not None:
            found.append(dash)
            continue
        reading = chosen([w for w in words if _inside(w, around)], [w for w in again if _inside(w, cell)])
        if _unsure(reading) and alone < ALONE:
            alone += 1
            reading = _alone(gray, cell, deadline) or reading
        found += reading
    return sorted(found, key=_reading_order)


def _reading_order(word: Word) -> tuple:
    """Line by line, left to right within a line: the words read again are put back among the
    others (the layout takes a line's words in this order)."""
    return word.line, word.box[0]


def _labels(gray: np.ndarray, words: list[Word], cells: list[_Cell], deadline: float) -> list[Word]:
    """The words with each label cell OCR was unsure of (Chinese text read less surely than
    `UNSURE_TEXT`) read again by itself, where that reading is surer."""
    unsure = []
    for cell in cells:
        inside = [word for word in words if _inside(word, cell)]
        chinese = any(ch >= "\u2e80" for word in inside for ch in word.text)
        if chinese and min(word.confidence for word in inside) < UNSURE_TEXT:
            unsure.append((cell, inside))
    unsure = unsure[:LABELS]
    if not unsure:
        return words
    strip, offsets = _strip(gray, [cell for cell, _ in unsure])
    again = _placed(recognise(strip, time_left(deadline), LANGUAGE), offsets)
    dropped, added = set(), []
    for cell, before in unsure:
        after = [word for word in again if _inside(word, cell)]
        if after and min(w.confidence for w in after) > min(w.confidence for w in before):
            dropped |= {id(word) for word in before}
            added += after
    return [word for word in words if id(word) not in dropped] + added


def _cells(grid, scale: float) -> list[_Cell]:
    """The grid's cells as printed (a merged cell whole), inset from their rulings, in pixels."""
    inset = max(2, round(scale))
    found = []
    for band, spans in enumerate(grid.spans):
        for first, end in spans:
            if grid.roots[band][first] == band:  # the cell begins in this band
                x0, top, x1, bottom = (round(v * scale) for v in grid.cell_box(band, first, end))
                found.append(_Cell(x0 + inset, top + inset, x1 - inset, bottom - inset))
    return found


def _unsure(reading: list[Word]) -> bool:
    from juesuan.model import Origin

    return bool(reading) and min(word.confidence for word in reading) < Origin.NEEDED_CONFIDENCE


def _alone(gray: np.ndarray, cell: _Cell, deadline: float) -> list[Word] | None:
    """The cell read by itself as one line of digits; None unless that reading is a sure number."""
    strip, offsets = _strip(gray, [cell])
    reading = _placed(recognise(strip, time_left(deadline), DIGITS, ALLOWED, LINE_MODE), offsets)
    text = "".join(word.text for word in reading)
    return reading if NUMBER.match(text) and not _unsure(reading) else None


def chosen(first: list[Word], second: list[Word]) -> list[Word]:
    """One cell's reading, from the first (chi_sim) and the second (digits) reading: the same
    text, or the one that is a number where the other is not (引 for 31; 1,92 for 1.92), or the
    one with a decimal point where the other lost it (2739 for 27.39). Two different numbers: the
    surer; when the other is sure enough to be a rival (`RIVAL`), its confidence no more than
    `DISAGREE` (a person must look)."""
    first, second = _without_trailing_point(first), _without_trailing_point(second)
    a, b = "".join(w.text for w in first), "".join(w.text for w in second)
    if not second or (first and DASH.match(a)):
        return first
    if not first or a == b:
        return second
    number_a, number_b = bool(NUMBER.match(a)), bool(NUMBER.match(b))
    if number_a != number_b:
        return first if number_a else second
    if number_a and a.replace(".", "") == b.replace(".", ""):
        return first if "." in a else second
    sure_a, sure_b = (min(w.confidence for w in words) for words in (first, second))
    pick, rival = (first, sure_b) if sure_a > sure_b else (second, sure_a)
    if rival < RIVAL:
        return pick
    return [replace(word, confidence=min(word.confidence, DISAGREE)) for word in pick]


def _without_trailing_point(words: list[Word]) -> list[Word]:
    """A reading without the point after its last digit (51. for 行次 51): no figure ends in one."""
    if not words or not words[-1].text.endswith(".") or len(words[-1].text) < 2:
        return words
    last = words[-1]
    return [*words[:-1], replace(last, text=last.text[:-1], boxes=last.boxes[:-1])]


def _dash(gray: np.ndarray, cell: _Cell) -> Word | None:
    """The —— of a cell that does not apply, told by its ink: one flat stroke."""
    import numpy as np

    ink = gray[cell.top : cell.bottom, cell.left : cell.right] < INK
    rows, columns = np.nonzero(ink)
    if not len(rows):
        return None
    height, width = rows.max() - rows.min() + 1, columns.max() - columns.min() + 1
    if width < 3 * height or height > (cell.bottom - cell.top) / 6:
        return None
    left, top = cell.left + int(columns.min()), cell.top + int(rows.min())
    box = (left, top, left + int(width), top + int(height))
    return Word("—", (box,), (cell.top, cell.bottom), 1.0)


def _placed(words: list[Word], offsets: list[tuple[int, int, _Cell]]) -> list[Word]:
    return [moved for word in words if (moved := _moved(word, offsets)) is not None]


def _figure_cells(grid, words: list[Word], scale: float) -> list[_Cell]:
    """The cells (inset a little from their rulings) of the grid's columns that hold figures,
    from the first band where any of them holds a number (栏次, or the first row) down: the
    heading above is never read as digits. And the cells of a band most of whose cells hold
    numbers: the 栏次 of a table without figures (1 2 … 12 under its headings, 11 read as 加)."""
    xs = [round(x * scale) for x in grid.xs]
    ys = [round(y * scale) for y in grid.ys]
    inset = max(2, round(scale))
    cells = [
        [
            _Cell(xs[column] + inset, ys[band] + inset, xs[column + 1] - inset, ys[band + 1] - inset)
            for band in range(len(ys) - 1)
        ]
        for column in range(len(xs) - 1)
    ]
    inside = [[[w for w in words if _inside(w, cell)] for cell in column] for column in cells]
    texts = [["".join(w.text for w in found) for found in column] for column in inside]
    columns = []
    for column, column_texts in enumerate(texts):
        filled = [text for text in column_texts if text]
        numeric = [band for band, text in enumerate(column_texts) if text and NUMERIC.match(text)]
        if filled and len(numeric) * 2 > len(filled):
            columns.append((numeric[0], list(zip(cells[column], inside[column], strict=True))))
    first = min((start for start, _ in columns), default=0)
    found = [cell for _, pairs in columns for cell, words_in in pairs[first:] if _figure_like(words_in)]
    for band in range(len(ys) - 1):
        row = [texts[column][band] for column in range(len(texts))]
        filled = [text for text in row if text]
        numeric = [text for text in filled if NUMERIC.match(text)]
        if len(numeric) >= 3 and len(numeric) * 2 > len(filled):
            found += [
                cells[column][band]
                for column in range(len(texts))
                if cells[column][band] not in found and _figure_like(inside[column][band])
            ]
    return found


def _figure_like(words: list[Word]) -> bool:
    """Empty, a number, or what a misread number looks like: at most one Chinese character
    (二 for 4, 引 for 31) or a reading it is unsure of (李要了 for 2.47); never a heading it
    is sure of (行次, 金额)."""
    text = "".join(word.text for word in words)
    if not text or NUMERIC.match(text) or sum(1 for char in text if char >= "\u2e80") <= 1:
        return True
    return min(word.confidence for word in words) < UNSURE_TEXT


def _inside(word: Word, cell: _Cell) -> bool:
    left, top, right, bottom = word.box
    x, y = (left + right) / 2, (top + bottom) / 2
    return cell.left <= x <= cell.right and cell.top <= y <= cell.bottom


def _strip(gray: np.ndarray, cells: list[_Cell]) -> tuple[np.ndarray, list[tuple[int, int, _Cell]]]:
    """The cells pasted one under another, left-aligned on white; each cell's (top in the strip,
    left in the strip) to map boxes back."""
    import numpy as np

    width = max(c.right - c.left for c in cells) + 2 * MARGIN
    height = sum(c.bottom - c.top + 2 * MARGIN for c in cells)
    strip = np.full((height, width), 255, dtype=np.uint8)
    offsets = []
    y = 0
    for cell in cells:
        y += MARGIN
        strip[y : y + cell.bottom - cell.top, MARGIN : MARGIN + cell.right - cell.left] = gray[
            cell.top : cell.bottom, cell.left : cell.right
        ]
        offsets.append((y, MARGIN, cell))
        y += cell.bottom - cell.top + MARGIN
    return strip, offsets


def _moved(word: Word, offsets: list[tuple[int, int, _Cell]]) -> Word | None:
    """The word read in the strip, placed back in its cell on the page (None outside every cell)."""
    middle = (word.box[1] + word.box[3]) / 2
    for top, left, cell in offsets:
        if top <= middle <= top + cell.bottom - cell.top:
            dx, dy = cell.left - left, cell.top - top
            boxes = tuple((a + dx, b + dy, c + dx, d + dy) for a, b, c, d in word.boxes)
            return replace(word, boxes=boxes, line=(cell.top, cell.bottom))
    return None
