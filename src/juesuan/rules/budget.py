"""Rules of the 部门预算 (budget) disclosure that are code rather than identities.

The budget's table arithmetic and cross-table identities are data, as the 决算's are: the
`[rules] identities` of `catalogue/templates/budget-generic.toml` (every budget) and of each
region's budget template (its own tables and lines), ids `Y…`. Which rules run on a budget is
its template's `only` list: the budget rules (`Y-*`), the 功能分类 hierarchy (`H-functional-sum`
over the tables marked `hierarchy = "functional"`), the classification of the budget's year
(`C-*`), the same name for a code in every table, valid values and placeholders; no 决算 rule
(公开01表 …, the narrative against 决算 tables, 绩效自评表) ever runs on a budget.

Here (`budget_rules`, added by `registry.rules_for` under a 预算 template only, so the 决算's rule
catalogue is unchanged): `Y-economic-sum`, the 经济分类 tables of a budget (基本支出表, 机关运行
经费), which print a 合计 over their 类 where the 决算's 公开06表 prints 人员经费合计 and 公用经费合计
instead: every 类 = Σ its 款, 合计 = Σ 类. `Y-unit-sum`, the tables by unit. `Y-change` and
`Y-change-rate`, the change on last year a table prints beside its figures (中央 预算05: 增减额 and
增减(%) on 上年执行数, and again on both less the central 基建 investment), checked as a reviewer does:
增减额 = 本年 − 上年, 增减率 = 增减额 ÷ 上年, each within what its printed figures can stand for
(rules/intervals.py). Which columns compare which is data: the table's `changes` in its template
(`catalogue/templates/budget-mof.toml`, beside the columns they name); a table whose template
declares none, or that prints none of their figures, is not checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from juesuan.catalogue.tables import ChangeDefinition, table_definitions
from juesuan.model import Disclosure, Row, Table
from juesuan.rules.cells import cell_name, where
from juesuan.rules.evaluate import check_identity
from juesuan.rules.expressions import parse
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.hierarchy import ECONOMIC, TOTAL, check_groups, economic_parent, groups, tree_keys
from juesuan.rules.intervals import Interval
from juesuan.rules.registry import Rule

BUDGET = "预算"


def economic_sums(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    if disclosure.kind != BUDGET:
        return
    for number, definition in table_definitions().items():
        table = disclosure.table(number)
        if table is None or ECONOMIC not in (definition.rows, definition.hierarchy):
            continue
        found = groups(table, economic_parent)
        heads = tuple(k for k in tree_keys(table, economic_parent) if k.isdigit() and len(k) == 3)
        if heads and table.row(TOTAL) is not None:
            found.append((TOTAL, heads))
        yield from check_groups(disclosure, this, table, found)


def unit_sums(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    """The tables printing a line per 部门 and unit under their 合计 (`named = "units"`, keyed by
    单位编码 and 单位名称 as printed: 153 西安市公安局, 153001 西安市公安局 …): each line whose code
    begins the codes of lines after it (the 部门 153) is their sum, and the 合计 the sum of the
    lines under no other (the 部门, or every unit where none is printed: 长沙's 三公 table)."""
    if disclosure.kind != BUDGET:
        return
    for number, definition in table_definitions().items():
        table = disclosure.table(number)
        if table is None or not definition.by_unit:
            continue
        total = definition.total_row
        lines = [row.key for row in table.rows if row.key != total]
        parents = {key: unit_parent(key, lines) for key in lines}
        found = [(key, tuple(k for k in lines if parents[k] == key)) for key in lines]
        found = [(key, children) for key, children in found if children]
        if table.row(total) is not None and lines:
            found.append((total, tuple(key for key in lines if parents[key] is None)))
        yield from check_groups(disclosure, this, table, found)


def unit_parent(key: str, lines: list[str]) -> str | None:
    """The line whose 单位编码 is the longest proper start of this line's (153 above 153001), or
    the unit a line is keyed under (广州市交通管理总站 above “广州市交通管理总站 工资福利支出”)."""
    code = key.split(" ")[0] if " " in key else ""
    if code and not code.isdigit():
        return code if code in lines else None
    above = [
        other
        for other in lines
        if " " in other
        and code != (start := other.split(" ")[0])
        and start.isdigit()
        and code.startswith(start)
    ]
    return max(above, key=lambda other: len(other.split(" ")[0]), default=None)


def _printed_changes(disclosure: Disclosure, column: str) -> Iterator[tuple[Table, ChangeDefinition]]:
    """Each budget table with the changes its template declares (`changes`: 中央 预算05's 增减额 and
    增减率, as printed and 扣除中央基建投资) whose `column` (change or rate) it prints a figure in."""
    for number, definition in table_definitions().items():
        table = disclosure.table(number)
        if table is None:
            continue
        for change in definition.changes:
            key = getattr(change, column)
            if key and any(row.get(key) is not None for row in table.rows):
                yield table, change


def change_amounts(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    """增减额 = 本年 − 上年 on every line (a blank counts as 0: 卫生健康支出 has no 2026 budget and
    prints −218.91 on a 执行数 of 218.91)."""
    if disclosure.kind != BUDGET:
        return
    for table, change in _printed_changes(disclosure, "change"):
        n = table.number
        identity = parse(f"{n}[*,{change.change}] = {n}[*,{change.of}] - {n}[*,{change.last_year}]")
        yield from check_identity(identity, disclosure, rule=this.id, severity=this.severity)


def change_rates(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    """增减率 = 增减额 ÷ 上年 × 100 on every line printing a rate, from the printed 增减额 (or, where it
    is blank, 本年 − 上年). A line whose 上年 can be 0 gives no rate to check."""
    if disclosure.kind != BUDGET:
        return
    for table, change in _printed_changes(disclosure, "rate"):
        for row in table.rows:
            finding = _rate_finding(disclosure, this, table, row, change)
            if finding is not None:
                yield finding


def _rate_finding(
    disclosure: Disclosure, this: Rule, table: Table, row: Row, change: ChangeDefinition
) -> Finding | None:
    rate, last = row.get(change.rate), row.get(change.last_year)
    if rate is None or last is None:
        return None
    changed = row.get(change.change)
    amount = (
        Interval.of(changed) if changed is not None else Interval.of(row.get(change.of)) - Interval.of(last)
    )
    share = amount / Interval.of(last) * 100
    if not share.is_bounded or Interval.of(rate).overlaps(share):
        return None
    said = f"增减额 {changed.text}" if changed is not None else f"本年减上年 {amount.mid:f}"
    quotient = (amount.mid / last.value * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    cell = CellRef(table.number, row.key, change.rate)
    expected = f"{said} ÷ {change.last_year} {last.text} 应为 {quotient}%"
    message = f"{cell_name(disclosure, cell)} 为 {rate.text}%，按 {expected}"
    cells = (
        cell,
        CellRef(table.number, row.key, change.change),
        CellRef(table.number, row.key, change.last_year),
    )
    return this.finding(message, cells, where(disclosure, cell))


def _rule(rule_id: str, title: str, doc: str, function) -> Rule:
    """A budget rule: run only under a 预算 template (`registry.rules_for`), never among the
    national rules a 决算 runs."""

    def check(disclosure: Disclosure) -> Iterator[Finding]:
        return function(disclosure, made)

    made = Rule(rule_id, title, Severity.ERROR, doc, check)
    return made


@cache
def budget_rules() -> tuple[Rule, ...]:
    """The budget's rules that are code, in the order they run: its tables', then its narrative's
    (`rules/budget_narrative.py`)."""
    from juesuan.rules.budget_narrative import narrative_rules

    return (
        _rule(
            "Y-economic-sum",
            "预算经济分类科目逐级合计",
            "部门预算按经济分类列示的表（基本支出表、机关运行经费表）逐栏："
            "每个类（301、302…）= 其下各款之和，合计 = 各类之和",
            economic_sums,
        ),
        _rule(
            "Y-unit-sum",
            "预算单位各行合计",
            "按预算单位逐行列示的预算表（西安 收入总表、支出总表、“三公”经费表，长沙“三公”经费表）逐栏："
            "部门 = 其下各单位之和，合计 = 各部门（未列部门时为各单位）之和",
            unit_sums,
        ),
        _rule(
            "Y-change",
            "预算表增减额",
            "预算表印出的与上年比较的增减额（中央部门一般公共预算支出表：2026年预算数比2025年执行数）逐行："
            "增减额 = 本年预算数 − 上年执行数（扣除中央基建投资的一组同样核对）",
            change_amounts,
        ),
        _rule(
            "Y-change-rate",
            "预算表增减率",
            "预算表印出的与上年比较的增减率逐行：增减率 = 增减额 ÷ 上年执行数，按印出的精度以区间核对；"
            "上年数可能为 0 的行无从计算，不核对",
            change_rates,
        ),
        *narrative_rules(),
    )
