"""A 公开NN表 worksheet as a `Table`, keyed exactly as the layout-text reader keys it.

The sheet's rows become `SheetLine`s and go through the text reader's row readers (行次, 科目代码,
经济分类 groups, 公开09表), so both formats give the same rows; only the origins differ: each
figure points at its own cell (工作表“公开01表”C7), which `SheetLine.origin_of` gives by the index
the row readers read it from.
"""

from __future__ import annotations

import re

from juesuan.catalogue.tables import TableDefinition, definition_for_title
from juesuan.model import Column, Problem, Table
from juesuan.sources.layout.table_meta import Meta, is_numeric, read_meta, read_note
from juesuan.sources.layout.table_rows import Reading
from juesuan.sources.layout.tables import table_rows
from juesuan.sources.xlsx.cells import SheetLine, at_margin

_MARK = re.compile(r"[（(]?\s*公开\s*\d{1,2}\s*表\s*[)）]?")
_YEAR = re.compile(r"(\d{4})\s*年")
_HEAD_ROWS = 4  # the title and 公开NN表 sit in the first rows, above 部门名称 …


def table_definition(name: str, lines: list[SheetLine]) -> TableDefinition | None:
    """The table a sheet holds: by its title rows, else by its name (公开01表)."""
    heads = _heads(lines)
    if heads:
        return definition_for_title("".join(heads[0].filled))
    return definition_for_title(name)


def _heads(lines: list[SheetLine]) -> list[SheetLine]:
    """The title and 公开NN表 rows at the top of the sheet."""
    return [line for line in lines[:_HEAD_ROWS] if _names_table(line)]


def _names_table(line: SheetLine) -> bool:
    filled = line.filled
    if not filled or len(filled) > 2 or any(is_numeric(cell) for cell in filled):
        return False
    return definition_for_title("".join(filled)) is not None


def read_table_sheet(name: str, lines: list[SheetLine]) -> tuple[Table | None, list[Problem]]:
    """The table of a 公开NN表 sheet (None when the sheet holds none), with its problems."""
    definition = table_definition(name, lines)
    if definition is None:
        return None, []
    problems = _mismatch(definition, name, lines)
    heads = _heads(lines)
    rest = lines[lines.index(heads[-1]) + 1 :] if heads else lines
    meta, body = _split(at_margin(rest))
    rows = table_rows(Reading(definition, meta.money, problems), body)
    columns = tuple(Column(column.key, column.heading) for column in definition.columns)
    year = meta.year or _year(heads)
    origin = (heads or lines or [SheetLine(1, "", name)])[0].origin
    title, notes = _title(heads, definition), tuple(meta.notes)
    return Table(definition.number, title, columns, rows, meta.unit_name, year, notes, origin), problems


def _mismatch(definition: TableDefinition, name: str, lines: list[SheetLine]) -> list[Problem]:
    named = definition_for_title(name)
    if named is None or named == definition:
        return []
    message = f"工作表名“{name}”与表名不一致，按公开{definition.number}表（{definition.title}）读取"
    return [Problem(message, lines[0].origin)]


def _split(lines: list[SheetLine]) -> tuple[Meta, list[SheetLine]]:
    """部门名称 / 年度 / 金额单位 and the notes into `Meta`; the other rows are the table's."""
    meta, body, in_notes = Meta(), [], False
    for line in lines:
        in_notes = read_note(line, meta, in_notes)
        if not in_notes and not read_meta(line, meta):
            body.append(line)
    return meta, body


def _title(heads: list[SheetLine], definition: TableDefinition) -> str:
    """The printed title without its 公开NN表 mark; the official title when only the mark is printed."""
    for head in heads:
        title = " ".join(_MARK.sub("", cell).strip() for cell in head.filled).strip()
        if title:
            return title
    return definition.title


def _year(heads: list[SheetLine]) -> int | None:
    for head in heads:
        if match := _YEAR.search(head.text):
            return int(match.group(1))
    return None
