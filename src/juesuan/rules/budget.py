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
instead: every 类 = Σ its 款, 合计 = Σ 类.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from juesuan.catalogue.tables import table_definitions
from juesuan.model import Disclosure
from juesuan.rules.findings import Finding, Severity
from juesuan.rules.hierarchy import ECONOMIC, TOTAL, check_groups, economic_parent, groups, tree_keys
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
        *narrative_rules(),
    )
