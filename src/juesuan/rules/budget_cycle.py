"""The yearly cycle: the 年初预算 a 决算 states, against the unit's 预算 published for that year.

第三部分 quotes the budget the year began with: “一般公共服务支出年初预算711.37万元，支出决算
1,066.35万元，完成年初预算的149.90%”. The tracer knows the 决算 cell of each such completion
(公开05表 201, 公开09表's 决算数); the unit's 部门预算公开 of the same year prints that item's
budget in its own table (预算05 一般公共预算支出表 201 合计, 预算07 “三公”经费支出表). With a
corpus holding that 预算 (`juesuan check FILE --corpus 语料库.duckdb`), each 年初预算 is held
against it, in intervals, a 预算 printed in 元 divided down to 万元.

A disagreement is a warning, not an error: the 预算 published may be the department's while the
决算 is one unit's, and a budget re-published after a correction may not be the version the
corpus holds. Only figures named 年初预算 are compared: a 全年预算 includes the year's adjustments.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure, Figure
from juesuan.narrative.claims import budget_word
from juesuan.narrative.trace import Trace
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.intervals import Interval
from juesuan.rules.last_year import _cells, money_unit
from juesuan.rules.narrative import claim_text, traces_of, where
from juesuan.rules.outside import PublishedYear, published_versions
from juesuan.rules.registry import Rule, rule

OPENING = "年初预算"
# the 决算's cell of an item → the budget's cell of the same item ({row}: the 决算 cell's row)
GENERAL_BUDGET = ("05", "1", "预算05", "合计")
THREE_PUBLIC = {  # 公开09表 决算数 columns → 预算07 “三公”经费支出表 columns
    "7": "合计",
    "8": "因公出国（境）费",
    "9": "公务用车购置及运行维护费",
    "10": "公务用车购置费",
    "11": "公务用车运行维护费",
    "12": "公务接待费",
}
YUAN_PER_WAN = 10000


def budget_cell(cell: CellRef) -> CellRef | None:
    """Where the unit's 预算 prints the budget of the item whose 决算 is `cell`, or None."""
    table, column, budget_table, budget_column = GENERAL_BUDGET
    if (cell.table, cell.col) == (table, column):
        return CellRef(budget_table, cell.row, budget_column)
    if cell.table == "09" and cell.col in THREE_PUBLIC:
        return CellRef("预算07", "1", THREE_PUBLIC[cell.col])
    return None


def opening_budgets(disclosure: Disclosure) -> Iterator[tuple[Trace, CellRef, CellRef]]:
    """(the completion stating a 年初预算, the 决算 cell of its item, the budget's cell of the
    item), for each completion whose 决算 is one cell the 预算 prints."""
    traces = traces_of(disclosure)
    sources = {id(trace.claim): trace.source for trace in traces}
    for trace in traces:
        if trace.claim.kind != "completion" or len(trace.operands) != 2:
            continue
        actual, budget = trace.operands
        cells = _cells(sources.get(id(actual)))
        found = budget_cell(cells[0]) if len(cells) == 1 else None
        if budget_word(budget.label) == OPENING and found is not None:
            yield trace, cells[0], found


@rule(
    id="X-budget-published",
    title="年初预算与已公开的部门预算一致",
    doc="第三部分所述年初预算（一般公共预算财政拨款支出及各科目、“三公”经费）须与语料库中本单位同一年度"
    "公开的部门预算（一般公共预算支出表、“三公”经费支出表）一致（按尾数区间判断，元折为万元；"
    "以 --corpus 提供语料库）。",
    severity=Severity.WARNING,
)
def opening_budget_agrees(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    budgets = published_versions(disclosure, this, disclosure.year, kind="预算")
    if not isinstance(budgets, tuple):
        yield from [budgets] if budgets else []
        return
    in_wan = money_unit(disclosure) in (None, "万元")
    for trace, actual, cell in opening_budgets(disclosure):
        stated = trace.operands[1]
        printed = [_printed(published, cell, in_wan) for published in budgets]
        if any(found is None or Interval.of(stated.figure).overlaps(found[0]) for found in printed):
            continue  # a version agrees, or does not print the item: nothing certain
        value, text = printed[0]
        difference = abs(stated.figure.value - value.mid)
        message = (
            f"情况说明所述“{claim_text(stated)}”，而{budgets[0].year}年度部门预算公开的"
            f"{_budget_name(cell)}印 {text}（差 {difference:f}），请核实所述年初预算"
        )
        yield this.finding(message, (actual,), where(trace), origin=trace.paragraph.origin)


def _printed(published: PublishedYear, cell: CellRef, in_wan: bool) -> tuple[Interval, str] | None:
    """The budget's figure of the item in the 决算's money unit, and as printed; None when the
    budget does not print it (a row it lacks is not known to be 0: its table may be read in part)."""
    address = (cell.table, cell.row, cell.col)
    found = next((c for c in published.cells if (c.table, c.row, c.col) == address), None)
    figure = Figure.parse(found.value) if found is not None else None
    if figure is None:
        return None
    if in_wan and published.money_unit == "元":
        return Interval.of(figure) * (Decimal(1) / YUAN_PER_WAN), f"{figure.text}元"
    return Interval.of(figure), f"{figure.text}万元"


def _budget_name(cell: CellRef) -> str:
    if cell.table == "预算07":
        return f"“三公”经费支出表 {cell.col}"
    return f"一般公共预算支出表 {cell.row} {cell.col}"
