"""The 公开表 keyed by 科目代码 (02, 03, 05, 07, 08) and 公开06表, summed from the ledger.

A table's leaf rows are the 项 of the ledger with a value in it; their 款, 类 and 合计 rows are
exact sums, column by column. Zero cells are left blank, as the official tables print them; a table
with no figure keeps its 合计 row and says 本表无数据.
"""

from __future__ import annotations

from collections.abc import Callable

from juesuan.catalogue import (
    NO_DATA_NOTE,
    economic_classification,
    table_definitions,
)
from juesuan.catalogue.classification import PERSONNEL
from juesuan.model import Column, Row, Table
from juesuan.synth.ledger import (
    CAPITAL,
    FISCAL,
    FUND,
    GENERAL,
    NON_FISCAL,
    SOURCES,
    TOTAL,
    Flow,
    Ledger,
    rolled_up,
    tree_order,
)
from juesuan.synth.money import Cents, money
from juesuan.synth.projects import item_name

Leaves = dict[str, dict[str, Cents]]


def new_table(number: str, rows: list[Row], unit: str, year: int) -> Table:
    definition = table_definitions()[number]
    columns = tuple(Column(column.key, column.heading) for column in definition.columns)
    table = Table(number, definition.title, columns, tuple(rows), unit, year)
    notes = (definition.note, NO_DATA_NOTE) if table.is_empty else (definition.note,)
    return Table(number, definition.title, columns, tuple(rows), unit, year, notes)


def cells_of(values: dict[str, Cents], columns: tuple[str, ...]) -> tuple:
    return tuple((column, money(values[column])) for column in columns if values.get(column))


def coded_table(number: str, leaves: Leaves, unit: str, year: int) -> Table:
    """合计, 类, 款 and 项 rows with every nonzero cell; a 合计 row even when all is blank."""
    keys = table_definitions()[number].column_keys
    rows_by_code = rolled_up({code: values for code, values in leaves.items() if any(values.values())})
    rows = [code_row(code, cells_of(rows_by_code[code], keys)) for code in tree_order(rows_by_code)]
    return new_table(number, rows or [Row(TOTAL, TOTAL)], unit, year)


def code_row(code: str, cells: tuple) -> Row:
    if code == TOTAL:
        return Row(TOTAL, TOTAL, cells)
    return Row(code, item_name(code), cells, code=code)


def leaves(ledger: Ledger, sources: tuple[str, ...], columns: dict[str, Callable[[Flow], Cents]]) -> Leaves:
    """项 → column → Σ over the sources of the column's measure."""
    found: Leaves = {}
    for code, by_source in ledger.flows.items():
        flows = [flow for source, flow in by_source.items() if source in sources]
        found[code] = {column: sum(measure(flow) for flow in flows) for column, measure in columns.items()}
    return found


def with_total(values: Leaves, total: str, parts: tuple[str, ...]) -> Leaves:
    return {code: {**row, total: sum(row.get(part, 0) for part in parts)} for code, row in values.items()}


def income_leaves(ledger: Ledger) -> Leaves:
    """公开02表: 财政拨款收入 (all three budgets) and each non-fiscal source."""
    fiscal = leaves(ledger, FISCAL, {"2": lambda f: f.income})
    for column, source in zip(("3", "4", "5", "6", "7"), NON_FISCAL, strict=True):
        for code, values in leaves(ledger, (source,), {column: lambda f: f.income}).items():
            fiscal[code].update(values)
    return with_total(fiscal, "1", ("2", "3", "4", "5", "6", "7"))


def spending_leaves(ledger: Ledger, sources: tuple[str, ...], basic: str, project: str, total: str) -> Leaves:
    found = leaves(ledger, sources, {basic: lambda f: f.basic, project: lambda f: f.project})
    return with_total(found, total, (basic, project))


def fund_leaves(ledger: Ledger) -> Leaves:
    """公开07表: 年初结转和结余, 本年收入, 本年支出 (小计, 基本, 项目), 年末结转和结余."""
    measures = {"1": lambda f: f.carried_in, "2": lambda f: f.income, "6": lambda f: f.carried_out}
    found = leaves(ledger, (FUND,), measures)
    spent = spending_leaves(ledger, (FUND,), "4", "5", "3")
    return {code: {**found[code], **spent[code]} for code in found}


def code_tables(ledger: Ledger, unit: str, year: int) -> dict[str, Table]:
    return {
        "02": coded_table("02", income_leaves(ledger), unit, year),
        "03": coded_table("03", spending_leaves(ledger, SOURCES, "2", "3", "1"), unit, year),
        "05": coded_table("05", spending_leaves(ledger, (GENERAL,), "2", "3", "1"), unit, year),
        "07": coded_table("07", fund_leaves(ledger), unit, year),
        "08": coded_table("08", spending_leaves(ledger, (CAPITAL,), "2", "3", "1"), unit, year),
    }


def economic_table(items: dict[str, Cents], unit: str, year: int) -> Table:
    """公开06表: each 类 = Σ its 款; 人员经费合计 = 301 + 303; 公用经费合计 = the other 类."""
    catalogue = economic_classification()
    totals: dict[str, Cents] = {}
    for code, value in items.items():
        totals[code[:3]] = totals.get(code[:3], 0) + value
    rows = [
        Row(code, catalogue.name(code) or code, (("决算数", money(value)),), code=code)
        for code, value in sorted({**totals, **items}.items())
    ]
    personnel = sum(v for c, v in totals.items() if catalogue.group(c) == PERSONNEL)
    public = sum(totals.values()) - personnel
    for label, value in (("人员经费合计", personnel), ("公用经费合计", public)):
        rows.append(Row(label, label, (("决算数", money(value)),) if value else ()))
    return new_table("06", rows, unit, year)
