"""The change on last year a budget table prints is declared by its template, beside the columns it
names (`changes` of `[tables."预算05"]` in budget-mof.toml, of 西安's 三公 table `预算07`), and
`Y-change` / `Y-change-rate` check what the template declares, nothing else (rules/budget.py). The
narrative reads a source's cells as every source is read (rules/expressions.py)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from types import MappingProxyType

import pytest
from mutations import with_figure
from real_documents import needs_budgets, read_budget

from juesuan.catalogue.tables import ChangeDefinition, definition_from_entry
from juesuan.catalogue.templates import template, under
from juesuan.rules.budget import budget_rules
from juesuan.rules.budget_narrative import _summed_cells
from juesuan.rules.findings import CellRef

AS_PRINTED = ChangeDefinition("增减额", "合计", "上年执行数", "增减率")
LESS_INVESTMENT = ChangeDefinition(
    "增减额（扣除中央基建投资）",
    "预算数（扣除中央基建投资）",
    "上年执行数（扣除中央基建投资）",
    "增减率（扣除中央基建投资）",
)


def test_the_central_template_declares_its_two_changes_beside_its_columns():
    general = template("budget-mof").tables["预算05"]
    assert general.changes == (AS_PRINTED, LESS_INVESTMENT)
    assert all(key in general.column_keys for change in general.changes for key in change.column_keys)


def test_a_template_that_declares_the_columns_anew_declares_its_changes_with_them():
    """重庆 prints its own 预算05 (2025年预算数, no change): no change is checked there; the university
    template, which keeps budget-mof's 预算05, keeps its changes; budget-generic declares none."""
    assert template("budget-chongqing-2026").tables["预算05"].changes == ()
    assert template("budget-generic").tables["预算05"].changes == ()
    assert template("budget-moe-university-2021").tables["预算05"].changes == (AS_PRINTED, LESS_INVESTMENT)
    declaring = [
        (name, number)
        for name in ("budget-mof", "budget-chongqing-2026", "budget-shenzhen-2026", "budget-xian-2026")
        for number, table in template(name).tables.items()
        if table.changes
    ]
    assert declaring == [("budget-mof", "预算05"), ("budget-xian-2026", "预算07")]


XIAN_ITEMS = ("合计", "三公经费", "因公出国（境）费", "公务接待费", "公务用车购置及运行维护费")
XIAN_ITEMS += ("公务用车购置费", "公务用车运行维护费", "会议费", "培训费")


def test_xians_three_public_table_declares_its_nine_changes_without_rates():
    """西安's 三公 table prints 上年, 当年 and 增减变化情况, nine columns each, no rate."""
    changes = template("budget-xian-2026").tables["预算07"].changes
    assert [(c.change, c.of, c.last_year, c.rate) for c in changes] == [
        (f"增减{item}", item, "上年合计" if item == "合计" else f"上年{item}", "") for item in XIAN_ITEMS
    ]


@needs_budgets
@pytest.mark.parametrize(
    "column, printed",
    # 079 p.50, the 合计 line's 增减变化情况 (会议费 and 因公出国（境） printed blank: no change)
    [
        ("增减合计", "-17,263,335.00"),
        ("增减三公经费", "-8,007,000.00"),
        ("增减公务接待费", "10,000.00"),
        ("增减公务用车运行维护费", "-8,017,000.00"),
        ("增减培训费", "-9,256,335.00"),
    ],
)
def test_each_of_xians_printed_changes_holds_and_fails_a_yuan_off(column, printed):
    disclosure, _ = read_budget("xian-2026-079.pdf")
    assert disclosure.table("预算07").figure("1", column).text == printed
    xian = template("budget-xian-2026")
    assert _found(xian, disclosure) == []
    a_yuan_more = f"{Decimal(printed.replace(',', '')) + 1:,.2f}"
    assert _found(xian, with_figure(disclosure, "预算07", "1", column, a_yuan_more)) == [
        ("Y-change", "1", column)
    ]


def test_a_change_naming_a_column_the_table_does_not_declare_is_refused():
    entry = {
        "number": "预算05",
        "title": "一般公共预算支出表",
        "rows": "code",
        "columns": [{"key": "合计", "heading": "小计"}, {"key": "增减额", "heading": "增减额"}],
        "changes": [{"change": "增减额", "of": "合计", "last_year": "上年执行数"}],
    }
    with pytest.raises(ValueError) as refused:
        definition_from_entry(entry)
    assert str(refused.value) == "预算05表：changes 中的栏 上年执行数 不是本表的栏（columns）"
    entry["columns"].append({"key": "上年执行数", "heading": "执行数"})
    assert definition_from_entry(entry).changes == (ChangeDefinition("增减额", "合计", "上年执行数"),)


def _declaring(*changes: ChangeDefinition):
    """budget-mof with its 预算05 declaring only these changes."""
    mof = template("budget-mof")
    general = dataclasses.replace(mof.tables["预算05"], changes=changes)
    return dataclasses.replace(mof, tables=MappingProxyType({**mof.tables, "预算05": general}))


def _found(declared, disclosure) -> list[tuple[str, str, str]]:
    rules = [rule for rule in budget_rules() if rule.id in ("Y-change", "Y-change-rate")]
    with under(declared):
        return [(f.rule, f.cells[0].row, f.cells[0].col) for rule in rules for f in rule.check(disclosure)]


@needs_budgets
def test_the_change_rules_check_the_changes_the_template_declares():
    """国家信访局 2026 预算05 (p.10) 2014099 其他信访事务支出: 增减额 -21,519.26, 增减(%) -85.59 and, less
    the 基建 investment, 2,022.94 and 126.35 (tests/test_templates.py CHANGE_EXAMPLES). Each printed
    figure off is found when its change is declared, and passed over when it is not."""
    disclosure = read_budget("central-2026-067.pdf")[0]
    off = disclosure
    for column, text in (
        ("增减额", "-21,519.28"),
        ("增减率", "-85.60"),
        ("增减额（扣除中央基建投资）", "2,022.96"),
        ("增减率（扣除中央基建投资）", "126.36"),
    ):
        off = with_figure(off, "预算05", "2014099", column, text)
    assert _found(template("budget-mof"), disclosure) == []
    assert _found(template("budget-mof"), off) == [
        ("Y-change", "2014099", "增减额"),
        ("Y-change", "2014099", "增减额（扣除中央基建投资）"),
        ("Y-change-rate", "2014099", "增减率"),
        ("Y-change-rate", "2014099", "增减率（扣除中央基建投资）"),
    ]
    assert _found(_declaring(LESS_INVESTMENT), off) == [
        ("Y-change", "2014099", "增减额（扣除中央基建投资）"),
        ("Y-change-rate", "2014099", "增减率（扣除中央基建投资）"),
    ]
    assert _found(_declaring(dataclasses.replace(AS_PRINTED, rate="")), off) == [
        ("Y-change", "2014099", "增减额")
    ]
    assert _found(_declaring(), off) == []


@pytest.mark.parametrize(
    ("source", "cells"),
    [
        ("预算05[合计,合计]", (CellRef("预算05", "合计", "合计"),)),
        (
            "预算07[1,因公出国（境）费] + 预算07[1,公务接待费]",
            (CellRef("预算07", "1", "因公出国（境）费"), CellRef("预算07", "1", "公务接待费")),
        ),
        ("预算05[合计,合计] - 预算05[合计,基本支出]", ()),  # a difference
        ("sum(预算05[201..203,合计])", ()),
        ("(预算05[合计,合计])", ()),  # bracketed: not written as a plain sum
        ("预算03[合计,*]", ()),  # every column of a row
        ("预算07[153 西安市公安局,合计]", ()),  # does not parse
        ("forms:count", ()),
        ("", ()),
        (None, ()),
    ],
)
def test_a_plain_sum_of_cells_and_its_cells(source, cells):
    assert _summed_cells(source) == cells
