"""The grid of a 预算 table (预算01 … 预算15), as the budget template declares it, for every renderer.

A budget table is drawn from its template definition, never from the 决算's layouts:

- the 收支总表 kind (`rows = "line"`: 部门收支总表, 财政拨款收支总表): 收入 and 支出 side by side,
  each line its label, its 行次 and its 预算数, in the template's order (the 行次 are the
  template's: they tie each label to its line, as the readers read it back); a blank table prints
  every line, a filled one the lines it holds and those the template requires;
- the tables keyed by 科目代码 (`code`): 科目编码, 科目名称, then one column per template column,
  合计 first;
- the tables printed by name (`named = "economic"`, `"label"`: 深圳's 基本支出总表 by 经济分类 name, its
  项目支出总表 by project): one label column, 支出项目类别, as the real documents print it, the 合计 and
  then each line by its name, as the reader reads them back (sources/layout/table_rows.py `named_rows`);
- the tables by unit (`named = "units"`: 西安 收入总表, 长沙 “三公” table …): the label columns the
  template prints (单位编码 and 单位名称, or a name alone), the 合计 across them, then a line per unit
  (its code, where keyed by one, and its name; 广州's 经济分类 classes under their unit by name), as
  the reader reads them back (sources/layout/table_rows.py `unit_rows`);
- the one-line tables (`single`: 部门收入总表, “三公”经费支出表): a heading row and the line of figures;
- the 经济分类 lists (`economic`: 机关运行经费): 科目编码, 科目名称, 金额, 合计 first.

Columns are headed by their template key (the readers take a printed heading by its key or its
heading); a table with figures shows the columns that hold any, an empty one (a blank workbook,
本表无数据) every column, so that the unit sees what it may fill in.
"""

from __future__ import annotations

from itertools import zip_longest

from juesuan.catalogue import TableDefinition
from juesuan.model import Table
from juesuan.render.layout import GridCell, h, number

BUDGET_PREFIX = "预算"
UNIT_HEADING = "单位名称"  # a table by unit's label column, where its template names none
NAMED_HEADING = "支出项目类别"  # a table by name's label column (深圳 2026 基本支出总表, 项目支出总表)


def is_budget_table(number_: str) -> bool:
    return number_.startswith(BUDGET_PREFIX)


def table_mark(number_: str) -> str:
    """The mark printed at a table's top right: 公开05表 for a 决算's, 预算05表 for a budget's."""
    return f"{number_}表" if is_budget_table(number_) else f"公开{number_}表"


def money_unit(number_: str) -> str:
    """The 金额单位 printed over a table: the budget template's for its table (上海: 元, its 三公
    table 万元), 万元 for every 决算 table."""
    from juesuan.catalogue.templates import active

    return active().unit_of(number_) if is_budget_table(number_) else "万元"


def budget_grid(table: Table, definition: TableDefinition):
    """(heading rows, body rows) of a 预算 table."""
    build = {"line": _two_sided, "single": _single, "economic": _listed}.get(definition.rows, _coded)
    return build(table, definition)


def shown_columns(table: Table, definition: TableDefinition) -> tuple[str, ...]:
    """The template's columns that hold a figure (all of them in an empty table)."""
    keys = definition.column_keys
    held = {key for row in table.rows for key, _ in row.cells}
    shown = tuple(key for key in keys if key in held)
    return shown or keys


def _two_sided(table: Table, definition: TableDefinition):
    """收入 on the first side, 支出 on the others (江苏 prints it by 功能分类 and by 支出用途)."""
    sides = definition.sides
    head = (
        tuple(h("收入" if i == 0 else "支出", 2 + len(side.columns)) for i, side in enumerate(sides)),
        tuple(
            cell
            for side in sides
            for cell in (h("项目"), h("行次"), *(h(_side_heading(definition, key)) for key in side.columns))
        ),
    )
    lines = [line for line in definition.lines if _shown(table, definition, line.row)]
    held = [[line for line in lines if side.holds(line.line)] for side in sides]
    body = tuple(
        tuple(
            cell
            for side, line in zip(sides, printed, strict=True)
            for cell in _side(table, line, side.columns)
        )
        for printed in zip_longest(*held)
    )
    return head, body


def _side_heading(definition: TableDefinition, key: str) -> str:
    """A side's figure column: 预算数 for its one amount (金额), else the column's key (合计, 人员经费 …)."""
    return definition.heading(key) if key == "金额" else key


def _shown(table: Table, definition: TableDefinition, row: str) -> bool:
    """Every line of an empty table (a blank workbook); else the lines printed and those the
    template requires (收入总计, 本年支出合计 …): a unit prints the sources and classes it has."""
    found = table.row(row)
    return table.is_empty or row not in definition.optional_rows or bool(found and found.cells)


def _side(table: Table, line, columns: tuple[str, ...]) -> tuple[GridCell, ...]:
    if line is None:
        blanks = tuple(GridCell("", kind="number") for _ in columns)
        return (GridCell(""), GridCell("", kind="line"), *blanks)
    row = table.row(line.row)
    label = row.label if row is not None and row.label else line.label
    figures = tuple(number(table, line.row, column) for column in columns)
    return (GridCell(label), GridCell(line.line, kind="line"), *figures)


def _coded(table: Table, definition: TableDefinition):
    if definition.by_unit:
        return _by_unit(table, definition)
    if definition.named:
        return _named(table, definition)
    keys = shown_columns(table, definition)
    head = ((h("科目编码"), h("科目名称"), *(h(key) for key in keys)),)
    total = (GridCell("合计", colspan=2, kind="code"), *(number(table, "合计", key) for key in keys))
    body = tuple(
        (GridCell(row.code, kind="code"), GridCell(row.label), *(number(table, row.key, key) for key in keys))
        for row in table.rows
        if row.code
    )
    return head, (total, *body)


def _named(table: Table, definition: TableDefinition):
    """A table printed by name: 支出项目类别, then the columns; the 合计, then every other line by
    its name (a 经济分类 款 under its 类, as the package lists them), no code printed."""
    keys = shown_columns(table, definition)
    total = definition.total_row
    head = ((h(NAMED_HEADING), *(h(key) for key in keys)),)
    first = (GridCell("合计", kind="code"), *(number(table, total, key) for key in keys))
    body = tuple(
        (GridCell(row.label or row.key), *(number(table, row.key, key) for key in keys))
        for row in table.rows
        if row.key != total
    )
    return head, (first, *body)


def _single(table: Table, definition: TableDefinition):
    keys = shown_columns(table, definition)
    row = definition.lines[0].line if definition.lines else "1"
    head = (tuple(h(key) for key in keys),)
    return head, (tuple(number(table, row, key) for key in keys),)


def _listed(table: Table, definition: TableDefinition):
    column = definition.column_keys[0]
    head = ((h("科目编码"), h("科目名称"), h(definition.heading(column))),)
    total = (GridCell("合计", colspan=2, kind="code"), number(table, "合计", column))
    body = tuple(
        (GridCell(row.code, kind="code"), GridCell(row.label), number(table, row.key, column))
        for row in table.rows
        if row.code
    )
    return head, (total, *body)


def _by_unit(table: Table, definition: TableDefinition):
    """The label columns (a code, where the template prints one, and the name), then the columns;
    the 合计 (keyed by the table's total row) across the labels, then every other line in order.
    As with the figure columns, a filled table prints the code column only where a line is keyed
    by a code (a unit that gives none prints its name alone), an empty one every label column."""
    keys = shown_columns(table, definition)
    labels = definition.unit_headings or (UNIT_HEADING,)
    if len(labels) > 1 and not table.is_empty and not any(unit_code(row.key) for row in table.rows):
        labels = labels[-1:]
    total = definition.total_row
    head = ((*(h(label) for label in labels), *(h(key) for key in keys)),)
    first = (GridCell("合计", colspan=len(labels), kind="code"), *(number(table, total, key) for key in keys))
    body = tuple(
        (*_unit_labels(row.key, row.label, len(labels)), *(number(table, row.key, key) for key in keys))
        for row in table.rows
        if row.key != total
    )
    return head, (first, *body)


def unit_code(key: str) -> str:
    """The 单位编码 a line by unit is keyed by (153001 of “153001 西安市公安局”), "" for none."""
    start = key.split(" ", 1)[0]
    return start if " " in key and start.isdigit() else ""


def _unit_labels(key: str, label: str, count: int) -> tuple[GridCell, ...]:
    name = GridCell(label or key)
    if count == 1:
        return (name,)
    return (GridCell(unit_code(key), kind="code"), *(GridCell("") for _ in range(count - 2)), name)
