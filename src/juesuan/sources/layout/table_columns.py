"""Which template column each printed figure column of a 预算 table is, by its printed headings.

A 预算 table may print fewer columns than its template declares (一般公共预算支出表 printing 合计 基本
支出 项目支出 where the central format adds 上年执行数 …), or print them in another order, so under a
预算 template the figures of a table keyed by 科目代码 (or of a one-line table) are placed by the
headings printed above them: a printed heading names a template column when it is the column's
heading or key (合计 and 小计 both name a total), or spells the heading in pieces of two characters
or more (公务用车运行维护费 is the column headed 公务用车运行). Columns are taken in order only where
no heading is printed, or where the 栏次 (1 2 3 …) is. A printed column that names no template column
is not read, and said once (无法核对); header rows whose cells cannot be aligned (a heading spanning
the columns below it, in text that does not keep empty cells) leave the whole table unread and said,
never read into the wrong column. A 决算's columns are read by position as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from juesuan.catalogue.tables import TableDefinition
from juesuan.sources.layout.lines import Line
from juesuan.sources.layout.table_meta import compact, is_numeric, meta_cell

_NOISE = re.compile(r"[\s“”\"‘’'「」『』]")
# not 项目支出; 支出项目类别: 深圳's 基本支出总表 and 项目支出总表, their lines by name
_LABEL_HEADING = re.compile(r"科目|编码|代码|名称|功能分类|^项目$|^[类款项]$|^预算单位$|^支出项目类别$")
_COLUMN_NUMBERS = re.compile(r"^\d{1,2}$")
_TOTALS = frozenset({"合计", "小计"})  # both name a table's total column
_PLACED: ContextVar[frozenset[int]] = ContextVar("placed", default=frozenset())
_MAX_LABELS = 3  # 科目编码 科目名称, or 类 款 项 …


@dataclass(frozen=True)
class PrintedColumns:
    """The template key of each printed figure column, left to right (None: names no template
    column; "": printed and not read, a budget's 增减率), and each one's printed heading."""

    keys: tuple[str | None, ...]
    headings: tuple[str, ...]


@dataclass(frozen=True)
class Unaligned:
    """Header rows printed whose cells cannot be put over the figure columns."""

    line: Line


@contextmanager
def placed(lines: frozenset[int]) -> Iterator[None]:
    """While reading, the numbers of the lines whose cells a reader has already put in the
    template's column order (the PDF reader, by the headings of a ruled table): a table holding
    one is read in that order."""
    token = _PLACED.set(lines)
    try:
        yield
    finally:
        _PLACED.reset(token)


def normalise(text: str) -> str:
    """As `pdf.columns.normalise` (not imported: that would load the PDF reader with the text's)."""
    return _NOISE.sub("", text).replace("（", "(").replace("）", ")")


def printed_columns(definition: TableDefinition, body: Sequence[Line]) -> PrintedColumns | Unaligned | None:
    """The columns the header rows of a table's body (the lines above its first row of figures)
    print; None where no heading is printed or the 栏次 is, or the rows are already in the
    template's order (`placed`): the figures are then taken in order."""
    if any(line.no in _PLACED.get() for line in body):
        return None
    header = header_lines(body)
    lines = [line for line in header if len(line.filled) > 1 and not _says_meta(line)]
    rows = [line.cells for line in lines]
    if not rows or any(_column_numbers(cells) for cells in rows):
        return None
    labels = _labels(rows[0])
    paths = [normalise(cell) for cell in rows[0][labels:]]
    for line, cells in zip(lines[1:], rows[1:], strict=True):
        if cells[0] and not _LABEL_HEADING.search(compact(cells[0])):
            return Unaligned(line)  # its leading empty cells are lost: no telling where it sits
        below = [normalise(cell) for cell in cells[labels:]]
        width = max(len(paths), len(below))
        paths = [a + b for a, b in zip(_padded(paths, width), _padded(below, width), strict=True)]
    if not any(paths):
        return None
    return PrintedColumns(heading_keys(paths, definition), tuple(paths))


def heading_keys(paths: Sequence[str], definition: TableDefinition) -> tuple[str | None, ...]:
    """The template key each column's heading path (normalised, top to bottom) names: None for
    none, "" for a column printed and not read."""
    keys = tuple(_key(path, definition) for path in paths)
    return _taken_once(keys, paths, definition)


def _padded(cells: list[str], width: int) -> list[str]:
    return [*cells, *[""] * (width - len(cells))]


def header_lines(body: Sequence[Line]) -> list[Line]:
    """The lines before the first one printing a figure."""
    found: list[Line] = []
    for line in body:
        if any(is_numeric(cell) for cell in line.filled) and not _column_numbers(line.cells):
            break
        found.append(line)
    return found


def _says_meta(line: Line) -> bool:
    """部门：| XX | 单位：万元, printed across cells the meta reader does not take as a whole."""
    return any(cell.endswith(("：", ":")) or meta_cell(cell) is not None for cell in line.filled)


def is_column_numbers(cells: Sequence[str]) -> bool:
    """Whether the cells are a 栏次 row: 栏次 1 2 3 …, 1 2 3 … alone, or (长沙) ** under the label
    columns, then 1 2 3 …"""
    return _column_numbers(cells)


def _column_numbers(cells: Sequence[str]) -> bool:
    filled = [compact(cell) for cell in cells if cell and cell.strip("*")]
    if filled and filled[0] == "栏次":
        return True
    return len(filled) > 1 and all(_COLUMN_NUMBERS.match(c) for c in filled) and filled[:2] == ["1", "2"]


def _labels(cells: Sequence[str]) -> int:
    """How many cells on the left are label headings (科目编码, 科目名称 …)."""
    count = 0
    while count < min(_MAX_LABELS, len(cells)) and (
        not cells[count] or _LABEL_HEADING.search(compact(cells[count]))
    ):
        count += 1
    return count


def _key(path: str, definition: TableDefinition) -> str | None:
    """The template key the heading path names (see the module's doc); "" for a column printed and
    not read; None for none."""
    if not path:
        return None
    if any(normalise(heading) in path for heading in definition.unread_columns):
        return ""
    scored = sorted(
        (score, index, column.key)
        for index, column in enumerate(definition.columns)
        for name in _names(column.key, column.heading)
        if (score := _score(name, path)) is not None
    )
    return scored[0][2] if scored else None


def _names(key: str, heading: str) -> set[str]:
    names = {normalise(heading)} | ({normalise(key)} if not key.isdigit() else set())
    return names | (set(_TOTALS) if names & _TOTALS else set())


def _score(name: str, path: str) -> tuple[int, ...] | None:
    """How well the name names the column of the heading path, the least best; None when the
    name is not in the path. The path being the name; then any name but 合计 / 小计 (which name a
    column only as the lowest heading of its path: 2026年预算数 | 小计, and after any other name the
    path spells: 公务用车购置及运行费 | 小计 is the column headed 公务用车购置及运行小计); then the
    name the path ends with (its lowest heading: 公务用车购置及运行维护费 | 公务用车购置费 is 公务用车
    购置费); then the fewest pieces the name is spelt in; then the least of the path left over."""
    if name == path:
        return (0,)
    ends = 0 if path.endswith(name) else 1
    if name in _TOTALS:
        return (1, 1, 0, 0, len(path) - len(name)) if ends == 0 else None
    pieces = heading_pieces(name, path)
    return None if pieces is None else (1, 0, ends, pieces, len(path) - len(name))


def heading_pieces(heading: str, path: str) -> int | None:
    """How many pieces (two characters or more) of the path spell the heading; None if it cannot
    (the PDF reader's ruled tables match their headings so too)."""
    index, pieces = 0, 0
    while index < len(heading):
        length = next(
            (n for n in range(len(heading) - index, 1, -1) if heading[index : index + n] in path), 0
        )
        if not length:
            return None
        index, pieces = index + length, pieces + 1
    return pieces


def _taken_once(
    keys: tuple[str | None, ...], paths: Sequence[str], definition: TableDefinition
) -> tuple[str | None, ...]:
    """A template column named by two printed columns is neither's: the one whose path is its
    heading exactly keeps it, else both are unplaced (never a figure under the wrong column)."""
    placed = list(keys)
    for key in {key for key in keys if key}:
        columns = [index for index, found in enumerate(keys) if found == key]
        if len(columns) < 2:
            continue
        column = next(c for c in definition.columns if c.key == key)
        exact = [index for index in columns if paths[index] in _names(key, column.heading)]
        for index in columns:
            placed[index] = key if exact == [index] else None
    return tuple(placed)
