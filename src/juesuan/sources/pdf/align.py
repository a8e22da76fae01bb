"""Tables printed without ruling lines: columns found by how the words line up.

A run of consecutive lines of two words or more parted by a wide gap, two of them with figures,
is a table (on a page without ruled tables). Its columns are parted by gutters, the widths no
word of the run covers (headings set across several columns aside). Each word goes to the column
its middle falls in, so a column left empty on a line keeps its place, as in a ruled table.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Sequence

from juesuan.model import Figure
from juesuan.sources.layout.lines import Line
from juesuan.sources.layout.table_meta import Meta, read_meta
from juesuan.sources.pdf.chars import Box, Char
from juesuan.sources.pdf.columns import prints_column_numbers
from juesuan.sources.pdf.settings import SETTINGS

WORD_GAP = SETTINGS.table_word_gap
MIN_GUTTER = SETTINGS.min_gutter
CODE_GAP = SETTINGS.code_gap


def words_of(row: Sequence[Char], em: float, gap: float = WORD_GAP, codes: bool = True) -> list[list[Char]]:
    """The row's words: characters parted by a gap wider than `gap` em (printed spaces do not
    part), or (with `codes`) a code's digits parted from the Chinese after them by any gap."""
    words: list[list[Char]] = []
    right: float | None = None  # where the last character that is not a space ends
    wide = gap * em
    for char in row:
        if char.text == " ":
            if words:
                words[-1].append(char)
            continue
        if right is None or char.x0 - right > wide or (codes and _ends_code(words[-1], char, em)):
            words.append([char])
        else:
            words[-1].append(char)
        right = char.x1
    return words


def _ends_code(word: list[Char], char: Char, em: float) -> bool:
    if char.text < "\u4e00" or not word[-1].text.isdigit() or char.x0 - word[-1].x1 <= CODE_GAP * em:
        return False
    digits = "".join(c.text for c in word)
    return digits.isdigit() and len(digits) >= 3


def table_runs(rows: list[list[list[Char]]], em: float) -> list[range]:
    """The runs of consecutive rows (given as words) that form a table: rows of two words or more
    with a wide gap somewhere (running text has none), two of them or more with figures."""
    runs: list[range] = []
    start = None
    for index, words in enumerate([*rows, []]):
        tabular = len(words) >= 2 and _widest_gap(words) >= em and not _is_meta(words)
        if tabular and start is None:
            start = index
        elif not tabular and start is not None:
            if sum(1 for row in rows[start:index] if _has_figure(row)) >= 2:
                runs.append(range(start, index))
            start = None
    return runs


def _is_meta(words: list[list[Char]]) -> bool:
    """部门名称：… 2024年度 金额单位：万元, printed above a table: not one of its rows."""
    return read_meta(Line(0, "\t".join(_texts(words))), Meta())


def _widest_gap(words: list[list[Char]]) -> float:
    return max(b[0].x0 - max(c.x1 for c in a) for a, b in itertools.pairwise(words))


def _has_figure(words: list[list[Char]]) -> bool:
    return any(Figure.parse(text) for text in _texts(words))


def boundaries(rows: list[list[list[Char]]], em: float) -> list[float]:
    """The x of each boundary between two columns: the middles of the gutters, the widths that no
    word covers. The gutters between figures come first (the 栏次 row aside: its centred numbers
    would part right-aligned figures). Then the other rows' words close them, except a heading
    that spans one (收入 over 项目 行次 金额); a column empty of figures needs two rows whose
    words line up in its gutter (its heading and its 栏次), not one heading set across columns."""
    data = [_has_figure(row) and not prints_column_numbers([_texts(row)]) for row in rows]
    figures = [_extent(word) for row, kept in zip(rows, data, strict=True) if kept for word in row]
    first = _gutters(figures, MIN_GUTTER * em)
    others = [[_extent(word) for word in row] for row, kept in zip(rows, data, strict=True) if not kept]
    spans = figures + [
        span for index, row in enumerate(others) for span in row if _closes(span, index, others, first)
    ]
    return [(x0 + x1) / 2 for x0, x1 in _gutters(spans, MIN_GUTTER * em)]


def _closes(span: tuple[float, float], row: int, others: list[list[tuple[float, float]]], gutters) -> bool:
    """Whether a heading's extent counts: not across a gutter, and inside one only when another
    row's word lines up with it."""
    a, b = span
    if any(a < x0 and x1 < b for x0, x1 in gutters):
        return False
    if not any(x0 <= a and b <= x1 for x0, x1 in gutters):
        return True
    return any(c < b and a < d for index, words in enumerate(others) if index != row for c, d in words)


def _texts(words: list[list[Char]]) -> list[str]:
    return ["".join(c.text for c in word if c.text != " ") for word in words]


def _extent(word: list[Char]) -> tuple[float, float]:
    return word[0].x0, max(c.x1 for c in word)


def _gutters(spans: list[tuple[float, float]], width: float) -> list[tuple[float, float]]:
    """The gaps between the spans (merged where they overlap) at least `width` wide."""
    gaps: list[tuple[float, float]] = []
    reach = None
    for a, b in sorted(spans):
        if reach is not None and a - reach >= width:
            gaps.append((reach, a))
        reach = b if reach is None else max(reach, b)
    return gaps


def columns_of(words: list[list[Char]], bounds: list[float]) -> list[list[Char]]:
    """The row's characters in one list per column (empty where the row prints nothing)."""
    cells: list[list[Char]] = [[] for _ in range(len(bounds) + 1)]
    for word in words:
        middle = (word[0].x0 + max(c.x1 for c in word)) / 2
        cells[bisect_right(bounds, middle)] += word
    return cells


def column_box(chars: list[Char], bounds: list[float], index: int, row: Box) -> Box:
    """A cell's box: its text's, or the column's width on the row where it prints nothing."""
    if chars:
        return min(c.x0 for c in chars), row[1], max(c.x1 for c in chars), row[3]
    x0 = bounds[index - 1] if index else row[0]
    x1 = bounds[index] if index < len(bounds) else row[2]
    return x0, row[1], x1, row[3]
