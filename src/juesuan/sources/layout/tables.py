"""第二部分: the ten 公开表 from layout text (TAB between cells).

A table starts at its title line (收入支出决算总表) or its 公开NN表 mark, whichever comes first; the
other, printed next to it, belongs to the same table. Then come 部门名称, 年度 and 金额单位, the
header rows, the rows, and the notes (注：…, 说明：本表无数据). Row and column keys follow the tidy-cell
rules of DOMAIN.md: the 行次, else the 科目代码, else the label; the 栏次, else the heading.
Whatever cannot be placed is returned as a `Problem`, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from juesuan.catalogue.tables import TableDefinition
from juesuan.model import Column, Problem, Row, Table
from juesuan.sources import limits
from juesuan.sources.layout.lines import Line
from juesuan.sources.layout.table_columns import PrintedColumns, Unaligned, printed_columns
from juesuan.sources.layout.table_meta import (
    Meta,
    is_page_furniture,
    join_broken,
    read_meta,
    read_note,
    table_heading,
)
from juesuan.sources.layout.table_rows import Reading, code_rows, economic_rows, single_rows
from juesuan.sources.layout.table_sides import line_rows
from juesuan.sources.layout.tables_cover import is_tables_cover

_PART_HEADING = re.compile(r"^第二部分")
_MARK = re.compile(r"[（(]?\s*公开\s*\d{1,2}\s*表\s*[)）]?")
_YEAR = re.compile(r"(\d{4})\s*年")

READERS: dict[str, Callable[[Reading, list[Line]], tuple[Row, ...]]] = {
    "line": line_rows,
    "code": code_rows,
    "economic": economic_rows,
    "single": single_rows,
}


@dataclass
class _Block:
    """The lines of one table: its title / 公开NN表 lines (heads), then everything else."""

    definition: TableDefinition
    heads: list[Line]
    lines: list[Line] = field(default_factory=list)


def read_tables(lines: list[Line]) -> tuple[tuple[Table, ...], list[Problem]]:
    """The tables of part 2 (its lines as `split_parts` gives them), in printed order."""
    problems: list[Problem] = []
    blocks = _blocks(lines, problems)
    return _without_contents(tuple(_table(block, problems) for block in blocks)), problems


def _without_contents(tables: tuple[Table, ...]) -> tuple[Table, ...]:
    """Under a 预算 template, a title under which no row at all was read (nor 本表无数据) is a line of
    the 目录 (上海 2026: 9. 2026年单位“三公”经费和机关运行经费预算表, with the prose after it; 北京 2026,
    whose tables are published apart): no table. A 决算's tables are kept as read."""
    from juesuan.catalogue.templates import BUDGET, active

    if active().kind != BUDGET:
        return tables
    return tuple(t for t in tables if t.rows or t.says_no_data)


def _blocks(lines: list[Line], problems: list[Problem]) -> list[_Block]:
    blocks: list[_Block] = []
    for line in lines:
        definition = _names_table(line)
        if definition is None:
            _append(blocks, line, problems)
        elif _contents(blocks, definition):  # 预算: titles one under another are its 目录
            blocks[-1] = _Block(definition, [line])
        elif not blocks or not _continues(blocks[-1], definition, line, problems):
            blocks.append(_Block(definition, [line]))
    return blocks


def _contents(blocks: list[_Block], definition: TableDefinition) -> bool:
    """Whether, under a 预算 template, the table just opened is only a line of a 目录 listing the
    titles (江苏 2018: 一、收支预算总表 / 二、收入预算总表 … before the tables): nothing read
    under it before another title. A 决算's tables are read as before."""
    from juesuan.catalogue.templates import BUDGET, active

    if not blocks or blocks[-1].lines or blocks[-1].definition == definition:
        return False
    return active().kind == BUDGET


def _names_table(line: Line) -> TableDefinition | None:
    """The table a title line (or a 公开NN表 mark alone) heads; not a note naming a table."""
    return table_heading(line.filled)


def _continues(block: _Block, definition: TableDefinition, line: Line, problems: list[Problem]) -> bool:
    """Whether a title line belongs to the table already open: its mark, or its title repeated."""
    if block.definition == definition:
        if not block.lines:
            block.heads.append(line)
        return True
    if block.lines:
        return False
    number = block.definition.number
    message = f"表名与表号不一致：公开{number}表与“{line.text}”，按公开{number}表读取"
    problems.append(Problem(message, line.origin))
    block.heads.append(line)
    return True


def _append(blocks: list[_Block], line: Line, problems: list[Problem]) -> None:
    if blocks:
        blocks[-1].lines.append(line)
    elif not (_PART_HEADING.match(line.text) or is_page_furniture(line.text) or is_tables_cover(line)):
        problems.append(Problem(f"第二部分中不属于任何表的内容：“{line.text[:60]}”", line.origin))


def _table(block: _Block, problems: list[Problem]) -> Table:
    definition, meta = block.definition, Meta()
    body = _body(block.lines, meta)
    year = meta.year or _year(block)
    reading = Reading(definition, meta.money, problems, unit=meta.unit_name, year=year or _template_year())
    rows = table_rows(reading, body)
    columns = tuple(Column(column.key, column.heading) for column in definition.columns)
    title = _title(block)
    notes = tuple(meta.notes)
    return Table(definition.number, title, columns, rows, meta.unit_name, year, notes, block.heads[0].origin)


def table_rows(reading: Reading, body: list[Line]) -> tuple[Row, ...]:
    """The rows of a table's body by its definition's reader; `Unnamed` for a body past the
    limits on rows (`limits.TABLE_ROWS`) or on cells in a line (`limits.TABLE_CELLS`)."""
    from juesuan.catalogue.tables import table_name
    from juesuan.sources import Unnamed

    table = table_name(reading.definition.number)
    if len(body) > limits.MAX_TABLE_ROWS:
        raise Unnamed(limits.TABLE_ROWS.said(len(body), limits.MAX_TABLE_ROWS, table=table))
    widest = max((line.text.count("\t") + 1 for line in body), default=0)
    if widest > limits.MAX_TABLE_CELLS:
        raise Unnamed(limits.TABLE_CELLS.said(widest, limits.MAX_TABLE_CELLS, table=table))
    reading.printed = _printed_columns(reading.definition, body)
    return READERS[reading.definition.rows](reading, body)


def _printed_columns(definition: TableDefinition, body: list[Line]) -> PrintedColumns | Unaligned | None:
    """Under a 预算 template, the columns of a table keyed by 科目代码 (or of one line) as its
    headings print them (`table_columns`); a 决算's columns are read by position as before."""
    from juesuan.catalogue.templates import BUDGET, active

    if definition.rows not in ("code", "single") or active().kind != BUDGET:
        return None
    return printed_columns(definition, body)


def _body(lines: list[Line], meta: Meta) -> list[Line]:
    """The lines holding rows; 部门名称, 年度, 金额单位 and the notes go into `meta`."""
    body: list[Line] = []
    in_notes = False
    for line in join_broken(lines):
        in_notes = read_note(line, meta, in_notes)
        if not in_notes and not read_meta(line, meta):
            body.append(line)
    return body


def _title(block: _Block) -> str:
    """The printed title without its 公开NN表 mark; the official title when only the mark is printed."""
    for head in block.heads:
        title = " ".join(_MARK.sub("", cell).strip() for cell in head.filled).strip()
        if title:
            return title
    return block.definition.title


def _template_year() -> int | None:
    """The one year the template in force is for (深圳 2026), when a table prints none."""
    from juesuan.catalogue.templates import active

    years = active().signs.years
    return years[0] if years and years[0] == years[1] else None


def _year(block: _Block) -> int | None:
    """The year printed in the title (2024年度收入支出决算总表) when no 年度 line says it."""
    for head in block.heads:
        if match := _YEAR.search(head.text):
            return int(match.group(1))
    return None
