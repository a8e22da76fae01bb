"""How 部门预算 tables print their unnumbered lines, where a 决算's do not (used only under a 预算
template, so no 决算 is read differently):

- an item under a group printed in a column of its own (江苏 收入预算总表: 一般公共预算资金 | 小计 |
  18,330.37; | 公共财政拨款(补助)资金 | 18,330.37): the label is the group and the item joined
  (一般公共预算资金小计), the figures are the last cells;
- a side's total printed across the next side's label cell (江苏 收支预算总表: 当年支出小计 | | |
  18,330.37, under 功能分类 and 支出用途 both): the figure is the labelled side's.

- a line of the table printed outside its grid (江苏 2017: the first line of the page the 收支预算总表
  runs on to, 二、财政专户管理资金 四、公共安全支出 23,513.11): each label opens the next side it fits,
  and the figures after it are that side's (`text_cells`).

- a line whose ruled cells do not follow its columns (深圳 2026 交通运输局 收支总表: 一、财政拨款 | | |
  388,561.78 一、教育支出 | | 41.99, the 收入 figure and the 支出 label in one cell): a cell that starts
  with a figure is cut after it, and the line is placed by label as one printed outside its grid
  (`overfull_cells`).

Both give the cells as the side layout wants them (label, figures … per side) and, for each, the
printed cell it comes from, so that every figure keeps its own box.
"""

from __future__ import annotations

import re
from itertools import pairwise

from juesuan.catalogue.tables import TableDefinition
from juesuan.model import Figure
from juesuan.sources.layout.table_meta import is_dash
from juesuan.sources.pdf.labels import SideCursor, side_widths


def _figure(text: str) -> bool:
    return bool(text) and (Figure.parse(text) is not None or is_dash(text))


def budget_cells(cells: list[str], definition: TableDefinition) -> tuple[list[str], list[int | None]]:
    """(cells in the side layout, the printed index of each)."""
    widths = side_widths(definition)
    if len(widths) == 1 and len(cells) > widths[0]:
        return _grouped(cells, widths[0] - 1, definition.partial)
    sources: list[int | None] = list(range(len(cells)))
    cells = list(cells)
    start = 0
    for width, following in pairwise(widths):
        mine, theirs = slice(start + 1, start + width), slice(start + width, start + width + following)
        label, figures = cells[start] if start < len(cells) else "", cells[mine]
        their = cells[theirs]
        if label and not any(figures) and their and not their[0] and width == following:
            moved = [text if _figure(text) else "" for text in their[1:]]
            if any(moved):
                cells[mine] = moved
                sources[mine] = list(range(theirs.start + 1, theirs.start + following))
                cells[theirs] = [""] * following
                sources[theirs] = [None] * following
        start += width
    return cells, sources


_FIGURE_THEN_TEXT = re.compile(r"^(\S+)\s+(\S.*)$")


def overfull_cells(
    cells: list[str], definition: TableDefinition, sides: list[SideCursor]
) -> tuple[list[str], list[int | None]] | None:
    """A line of a two-sided table printed over more cells than its sides have, one of them a
    figure and the next side's label run together: its cells placed by label (`text_cells`), each
    keeping the printed cell it comes from; None when the line is not so."""
    widths = side_widths(definition)
    if len(widths) < 2 or len(cells) <= sum(widths):
        return None
    split: list[str] = []
    at: list[int] = []
    for index, text in enumerate(cells):
        match = _FIGURE_THEN_TEXT.match(text.strip())
        if match and _figure(match[1]) and not _figure(match[2]):
            split += [match[1], match[2]]
            at += [index, index]
        else:
            split.append(text)
            at.append(index)
    found = text_cells(split, definition, sides, open_next=True)
    if found is None:
        return None
    placed, printed_at = found
    return placed, [None if where is None else at[where] for where in printed_at]


def _grouped(cells: list[str], columns: int, partial: bool) -> tuple[list[str], list[int | None]]:
    """One side printed over more cells: its text cells joined as its label (group and item), the
    last `columns` cells its figures. In a table read in part (江苏 政府采购预算表) the label is its
    first cell (合计, 一、货物A) where it prints one: the others are descriptions (专项名称, 经济科目 …,
    the wrapped end of a heading beside 合计), and a line with none is not one the template reads."""
    figures = list(range(len(cells) - columns, len(cells)))
    texts = [i for i in range(len(cells) - columns) if cells[i].strip() and not _figure(cells[i])]
    if partial and texts and texts[0] == 0:
        texts = [0]
    label = "".join("".join(cells[index].split()) for index in texts)
    return [label, *(cells[index] for index in figures)], [texts[0] if texts else None, *figures]


def text_cells(
    cells: list[str], definition: TableDefinition, sides: list[SideCursor], open_next: bool = False
) -> tuple[list[str], list[int | None]] | None:
    """The cells of a line printed without its grid in the side layout, or None when a label fits
    no side after the one before it, or a figure has no label before it or no column left.
    `open_next`: a label that fits no side opens the next one when a figure closed the one before
    (a 款 or 项 the template does not read, 深圳's 收支总表)."""
    widths = side_widths(definition)
    starts = [sum(widths[:index]) for index in range(len(widths))]
    placed: list[str] = [""] * sum(widths)
    printed_at: list[int | None] = [None] * len(placed)
    side, column = -1, 0
    for index, text in enumerate(cells):
        if not text.strip():
            continue
        if _figure(text):
            if side < 0 or column >= widths[side] - 1:
                return None
            placed[starts[side] + 1 + column], printed_at[starts[side] + 1 + column] = text, index
            column += 1
            continue
        fits = next((s for s in range(side + 1, len(widths)) if sides[s].fits(text)), -2)
        closed = open_next and 0 <= side < len(widths) - 1 and column > 0
        side = side + 1 if fits < 0 and closed else fits
        if side < 0:
            return None
        placed[starts[side]], printed_at[starts[side]], column = text, index, 0
    return (placed, printed_at) if side >= 0 else None
