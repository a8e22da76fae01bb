"""Detail (细化): the tables must show spending down to the level the rules of disclosure require.

Nationally the most common defect for years: 功能分类 shown only to 类 or 款, and basic expenditure
shown by 经济分类 only to 类. Two rules, over the tables the template in force marks with a
classification (`hierarchy` in the table's definition, as `rules/hierarchy.py` reads it):

- `D-functional-detail`: in every 功能分类 table (公开02/03/05/07/08表, the university's 表4) a 类 or
  款 that holds an amount has the codes one level down printed under it, and a 合计 that holds an
  amount has 类 rows under it: every 款 of the classification has 项, so an amount at 款 is only
  shown down to 项 when its 项 are printed;
- `D-economic-detail`: in 公开06表 every 类 (301, 302 …) that holds an amount has its 款 (30101 …)
  printed, and 人员经费合计 / 公用经费合计 holding an amount have classes under them.

A child row printed blank still counts as printed: its sum is `H-functional-sum`'s business. A
table saying 本表无数据, or holding no amount, is silent. The generic template runs neither
(they are not in its `only` list): an unknown layout may print a summary on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.catalogue.tables import table_name
from juesuan.model import Disclosure, Row, Table
from juesuan.rules.findings import CellRef, Finding
from juesuan.rules.hierarchy import ECONOMIC, FUNCTIONAL, PERSONNEL_TOTAL, PUBLIC_TOTAL, TOTAL, tree_tables
from juesuan.rules.registry import Rule, rule

LEVEL_NAMES = {3: "类", 5: "款", 7: "项"}
FUNCTIONAL_DEPTH = 7  # 项
ECONOMIC_DEPTH = 5  # 款


def holds_amount(row: Row) -> bool:
    return any(figure.value != 0 for _, figure in row.cells)


def first_amount(row: Row) -> tuple[str, str]:
    """(column, printed text) of the row's first non-zero figure."""
    return next((column, figure.text) for column, figure in row.cells if figure.value != 0)


def printed_codes(table: Table) -> list[str]:
    return [row.key for row in table.rows if row.key.isdigit()]


def has_children(code: str, codes: list[str]) -> bool:
    return any(len(other) > len(code) and other.startswith(code) for other in codes)


def undetailed(table: Table, depth: int, totals: tuple[str, ...]) -> Iterator[Row]:
    """Rows holding an amount with nothing printed one level down: a code above `depth` without
    sub-codes, or a total without any code."""
    if table.says_no_data:
        return
    codes = printed_codes(table)
    for row in table.rows:
        bare_total = row.key in totals and not codes
        bare_code = row.key.isdigit() and len(row.key) < depth and not has_children(row.key, codes)
        if (bare_total or bare_code) and holds_amount(row):
            yield row


def detail_finding(this: Rule, table: Table, row: Row, wanted: str, required: str) -> Finding:
    column, text = first_amount(row)
    if row.key.isdigit():
        subject = f"{LEVEL_NAMES.get(len(row.key), '')} {row.key}“{row.label}”"
    else:
        subject = row.label or row.key
    message = f"{table_name(table.number)} {subject} 为 {text}，其下却未列出{wanted}科目：{required}"
    where = f"第二部分 {table_name(table.number)} {row.origin}"
    return this.finding(message, (CellRef(table.number, row.key, column),), where)


@rule(
    id="D-functional-detail",
    title="支出按功能分类公开到项级",
    doc="按功能分类列示的表（公开02/03/05/07/08表，高校表4）中有数的类、款之下须列出下一级科目（款、项），"
    "合计有数须列出类级科目：一般公共预算支出应公开到功能分类项级",
)
def functional_detail(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for table in tree_tables(disclosure, FUNCTIONAL):
        for row in undetailed(table, FUNCTIONAL_DEPTH, (TOTAL,)):
            wanted = LEVEL_NAMES[len(row.key) + 2] + "级" if row.key.isdigit() else "任何功能分类"
            yield detail_finding(this, table, row, wanted, "支出应按功能分类公开到项级")


@rule(
    id="D-economic-detail",
    title="基本支出按经济分类公开到款级",
    doc="公开06表中有数的经济分类类级科目（301、302…）之下须列出其款级科目，人员经费合计、公用经费合计有数"
    "须列出类级科目：基本支出应按经济分类公开到款级",
)
def economic_detail(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for table in tree_tables(disclosure, ECONOMIC):
        for row in undetailed(table, ECONOMIC_DEPTH, (PERSONNEL_TOTAL, PUBLIC_TOTAL)):
            wanted = "款级" if row.key.isdigit() else "任何经济分类"
            yield detail_finding(this, table, row, wanted, "基本支出应按经济分类公开到款级")
