"""Looking up the cells a rule touches, and naming them the way the tables print them."""

from __future__ import annotations

from juesuan.model import Disclosure, Figure, Origin, Row
from juesuan.rules.expressions import AnyKey, Key, KeyRange, Selector
from juesuan.rules.findings import CellRef

LINE_TABLES = frozenset({"01", "04", "10"})  # rows are keyed by 行次
ONE_AMOUNT_TABLES = frozenset({"01", "06", "10"})  # each row has one amount: no column to name
ONE_ROW_TABLES = frozenset({"09"})  # a single line of figures: no row to name


def row_at(disclosure: Disclosure, cell: CellRef) -> Row | None:
    table = disclosure.table(cell.table)
    return table.row(cell.row) if table else None


def figure_at(disclosure: Disclosure, cell: CellRef) -> Figure | None:
    row = row_at(disclosure, cell)
    return row.get(cell.col) if row else None


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
    label = row.label if row and cell.table not in ONE_ROW_TABLES and row.label != cell.row else ""
    parts = [f"公开{cell.table}表", row_name(cell.table, Key(cell.row)), label]
    parts.append(col_name(cell.table, Key(cell.col)))
    return " ".join(part for part in parts if part)


def where(disclosure: Disclosure, cell: CellRef) -> str:
    """Where the cell sits in the source (its figure's or row's origin), else its table position."""
    row = row_at(disclosure, cell)
    figure = row.get(cell.col) if row else None
    for origin in (figure.origin if figure else None, row.origin if row else None):
        if origin is not None and origin != Origin():
            return str(origin)
    parts = [f"公开{cell.table}表", row_name(cell.table, Key(cell.row)), col_name(cell.table, Key(cell.col))]
    return " ".join(part for part in parts if part)
