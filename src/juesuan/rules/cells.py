"""Looking up the cells a rule touches, and naming them the way the tables print them.

A cell of a table the disclosure has is in one of three states:

- **printed**: its row is in the table; the cell holds a figure, or is a printed blank (an empty
  income line), which counts as 0;
- **blank by layout** (counts as 0): its row is not in the table, but the table would not print
  it: the table says 本表无数据; or it is a 科目代码 row of a code table (公开02/03/05/06/07/08表
  list only the codes they use) and the table prints no code under it; or the template in force
  has no such line (the 2019 Guangdong 公开01表 has no 债务还本支出), or says the line is optional
  (some Shanghai units leave 债务还本支出 and 债务付息支出 out of 公开01/04表);
- **not read** (unknown): any other row the table does not have: a 行次 the template prints
  (公开01/04/10表), the single row of 公开09表, a row keyed by its label (合计, 人员经费合计,
  公用经费合计), or a 科目代码 row whose sub-codes the table prints (a 类 is printed above its 款).

A cell of a table the disclosure lacks is none of these: rules over it are skipped.
"""

from __future__ import annotations

from juesuan.catalogue.tables import table_definitions, table_name
from juesuan.model import Disclosure, Figure, Origin, Row, Table
from juesuan.rules.expressions import AnyKey, Key, KeyRange, Selector
from juesuan.rules.findings import CellRef

LINE_TABLES = frozenset({"01", "04", "10"})  # rows are keyed by 行次
ONE_AMOUNT_TABLES = frozenset({"01", "06", "10"})  # each row has one amount: no column to name
ONE_ROW_TABLES = frozenset({"09"})  # a single line of figures: no row to name
CODE_KINDS = frozenset({"code", "economic"})  # rows keyed by 科目代码: only the codes used are printed


def row_at(disclosure: Disclosure, cell: CellRef) -> Row | None:
    table = disclosure.table(cell.table)
    return table.row(cell.row) if table else None


def figure_at(disclosure: Disclosure, cell: CellRef) -> Figure | None:
    row = row_at(disclosure, cell)
    return row.get(cell.col) if row else None


def is_unread(disclosure: Disclosure, cell: CellRef) -> bool:
    """Whether the cell is not read: its table is there, its row is not, and the table would
    have printed it (see the module's docstring)."""
    table = disclosure.table(cell.table)
    return table is not None and row_unread(table, cell.row)


def row_unread(table: Table, key: str) -> bool:
    """Whether the table should print the row `key` but does not have it."""
    if table.row(key) is not None or table.says_no_data:
        return False
    definition = table_definitions().get(table.number)
    kind = definition.rows if definition else _default_kind(table.number)
    if kind in CODE_KINDS and key.isdigit():
        return any(_under(row.key, key) for row in table.rows)
    if kind == "line" and definition is not None and definition.lines:
        return definition.line_for_row(key) is not None and key not in definition.optional_rows
    return True


def template_label(table: str, row: str) -> str:
    """The label the template in force prints for a row (第55行 二十四、债务还本支出), or ''."""
    definition = table_definitions().get(table)
    return definition.label(row) if definition else ""


def _under(code: str, head: str) -> bool:
    """Whether `code` is a sub-code of `head` (20805 of 208)."""
    return code.isdigit() and len(code) > len(head) and code.startswith(head)


def _default_kind(table: str) -> str:
    return "line" if table in LINE_TABLES else "single" if table in ONE_ROW_TABLES else "code"


def row_name(table: str, row: Selector) -> str:
    """第27行 / 第1至8行 for 行次 tables, the code or label (208, 合计) otherwise."""
    if table in ONE_ROW_TABLES or isinstance(row, AnyKey):
        return ""
    if isinstance(row, KeyRange):
        span = f"{row.first}至{row.last}"
        return f"第{span}行" if table in LINE_TABLES else span
    return f"第{row.name}行" if table in LINE_TABLES else row.name


def col_name(table: str, col: Selector) -> str:
    """第1栏 / 第2至7栏, or the heading used as key (决算数); nothing where a row has one amount."""
    if table in ONE_AMOUNT_TABLES or isinstance(col, AnyKey):
        return ""
    if isinstance(col, KeyRange):
        return f"第{col.first}至{col.last}栏"
    return f"第{col.name}栏" if col.name.isdigit() else col.name


def cell_name(disclosure: Disclosure, cell: CellRef) -> str:
    """The full name of a cell: 公开01表 第27行 本年收入合计, 公开02表 208 社会保障和就业支出 第1栏."""
    row = row_at(disclosure, cell)
    label = row.label if row else template_label(cell.table, cell.row)
    label = label if cell.table not in ONE_ROW_TABLES and label != cell.row else ""
    parts = [table_name(cell.table), row_name(cell.table, Key(cell.row)), label]
    parts.append(col_name(cell.table, Key(cell.col)))
    return " ".join(part for part in parts if part)


def where(disclosure: Disclosure, cell: CellRef) -> str:
    """Where the cell sits in the source (its figure's or row's origin), else its table position."""
    row = row_at(disclosure, cell)
    figure = row.get(cell.col) if row else None
    for origin in (figure.origin if figure else None, row.origin if row else None):
        if origin is not None and origin != Origin():
            return str(origin)
    parts = [table_name(cell.table), row_name(cell.table, Key(cell.row)), col_name(cell.table, Key(cell.col))]
    return " ".join(part for part in parts if part)
