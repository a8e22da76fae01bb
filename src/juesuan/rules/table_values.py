"""Values a table cannot hold, and blanks a reviewer asks to fill.

- `T-values-valid` (B16): amounts are income and spending, never below zero, except on the lines and
  columns of 结转 and 结余 (年初/年末结转和结余, 使用非财政拨款结余, 结余分配), which a unit in deficit can
  print negative, and of changes (增减, 增减变化金额): a negative amount elsewhere is a warning (a 冲减
  of an earlier year's spending can be printed so, but rarely is). Counts (公开10表 车辆, 设备: the
  lines whose unit in the template is 辆 or 台（套）) are whole numbers not below zero: anything else
  is an error.
- `T09-blank-items` (B17): 公开09表 prints a 合计 (or 公务用车 小计) with an amount while one of its items
  is left blank. A blank counts as 0, so nothing disagrees (where 第三部分 says the item is 0 it agrees;
  where it says more, `N-amount` reports it); reviewers still ask for 0.00 to be printed, so the
  items are listed once per table, as info.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.catalogue.tables import table_definitions, table_name
from juesuan.model import Disclosure, Figure, Row, Table
from juesuan.rules.cells import template_label
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.registry import Rule, rule

# a line or column of carried-over balances may be negative, and so may a change (深圳's 三公 table
# prints 增减变化金额 beside 2025年 and 2026年: 公务用车购置费 -12.00)
SIGNED_WORDS = ("结转", "结余", "增减", "变化")
COUNT_UNITS = ("辆", "台（套）", "台", "个")


def where(table: Table, row: Row, figure: Figure) -> str:
    origin = figure.origin if str(figure.origin) != "位置不详" else row.origin
    return f"第二部分 {table_name(table.number)} {origin}"


def row_words(table: Table, row: Row) -> str:
    return f"{row.label} {template_label(table.number, row.key)}"


def is_signed(table: Table, row: Row, column: str) -> bool:
    """Whether the template lets this cell be negative: a 结转/结余 or change line or column."""
    words = f"{row_words(table, row)} {table.heading(column)} {heading_of(table, column)}"
    return any(word in words for word in SIGNED_WORDS)


def count_unit(table: Table, row: Row) -> str:
    """The unit of a count line (辆, 台（套）) in the template in force, or ''."""
    definition = table_definitions().get(table.number)
    line = definition.line_for_row(row.key) if definition and definition.lines else None
    unit = line.unit if line is not None else ""
    return unit if unit in COUNT_UNITS else ""


def heading_of(table: Table, column: str) -> str:
    """The column's heading in the template in force, else as read."""
    definition = table_definitions().get(table.number)
    return definition.heading(column) if definition is not None else table.heading(column)


def cell_text(table: Table, row: Row, column: str) -> str:
    name = row.label or template_label(table.number, row.key) or row.key
    heading = heading_of(table, column)
    return f"{table_name(table.number)} {name}" + (f" {heading}" if heading and heading != column else "")


@rule(
    id="T-values-valid",
    title="表内数值合法",
    severity=Severity.WARNING,
    doc="金额不为负数（结转和结余、结余分配、增减变化等行栏除外；为警告，冲减等情况请核实）；公开10表车辆数、设备数"
    "为非负整数（否则为错误）",
)
def values_valid(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for table in disclosure.tables:
        for row in table.rows:
            unit = count_unit(table, row)
            for column, figure in row.cells:
                cell = CellRef(table.number, row.key, column)
                if unit and (figure.value < 0 or figure.value != figure.value.to_integral_value()):
                    message = (
                        f"{cell_text(table, row, column)} 印为 {figure.text}：数量（{unit}）应为非负整数"
                    )
                    yield Finding(this.id, Severity.ERROR, message, (cell,), where(table, row, figure))
                elif not unit and figure.value < 0 and not is_signed(table, row, column):
                    message = (
                        f"{cell_text(table, row, column)} 印为负数 {figure.text}：收入、支出金额通常不为负，"
                        "请核实（如冲减以前年度支出）"
                    )
                    yield this.finding(message, (cell,), where(table, row, figure))


# 公开09表: (total column, its item columns), for the 预算数 and the 决算数
THREE_PUBLIC_GROUPS = (
    ("1", ("2", "3", "6")),
    ("3", ("4", "5")),
    ("7", ("8", "9", "12")),
    ("9", ("10", "11")),
)


@rule(
    id="T09-blank-items",
    title="“三公”经费分项留空",
    severity=Severity.INFO,
    doc="公开09表合计（或公务用车小计）有数而其分项留空：空白按 0 计，与说明中的“0”一致；建议分项填写 0.00",
)
def blank_items(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    table = disclosure.table("09")
    for row in table.rows if table is not None else ():
        blanks = [item for total, items in THREE_PUBLIC_GROUPS if stated(row, total) for item in items]
        blanks = [item for item in dict.fromkeys(blanks) if row.get(item) is None]
        if blanks:
            names = "、".join(heading_of(table, item) for item in blanks)
            message = f"公开09表 合计有数而分项 {names} 留空：空白按 0 计；建议填写 0.00，以免读者误以为漏填"
            cells = tuple(CellRef(table.number, row.key, item) for item in blanks)
            yield this.finding(message, cells, f"第二部分 公开09表 {row.origin}")


def stated(row: Row, column: str) -> bool:
    figure = row.get(column)
    return figure is not None and figure.value != 0
