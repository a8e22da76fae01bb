"""Cells that were not read make an identity not checkable (info), never an error; a one-unit
difference between two tables printing the same quantity is the template's 尾数误差 (warning)."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from juesuan.catalogue.templates import template, under
from juesuan.rules import Severity, run_rules
from juesuan.rules.evaluate import check_identity
from juesuan.rules.expressions import parse
from juesuan.rules.identities import identity_rules
from juesuan.rules.literals import disclosure_literal, table_literal
from juesuan.rules.registry import registered_rules

INCOME = {"1": {"1": "609139.01"}, "27": {"1": "609139.01"}, "28": {}, "29": {}}


def rules_by_id(*ids: str):
    every = {each.id: each for each in [*identity_rules(), *registered_rules()]}
    return [every[i] for i in ids]


def found(
    *tables, rules: tuple[str, ...], under_template: str = ""
) -> list[tuple[str, Severity, str, str, str]]:
    """(rule, severity, table, row, col) of each finding of `rules` on the tables (read under
    `under_template`, the national one by default)."""
    disclosure = dataclasses.replace(disclosure_literal(*tables), template=under_template)
    findings = run_rules(disclosure, rules_by_id(*rules))
    return [(f.rule, f.severity, *f.as_tuple()[1:]) for f in findings]


def check(text: str, *tables):
    return list(check_identity(parse(text), disclosure_literal(*tables), rule="T", severity=Severity.ERROR))


# --- not read: a row the table should print and does not have ------------------------------


def test_a_total_line_the_table_does_not_have_cannot_be_checked():
    table = table_literal("01", INCOME, missing=("31",))
    assert found(table, rules=("T01-income-grand-total", "T01-balance")) == [
        ("T01-income-grand-total", Severity.INFO, "01", "31", "1"),
    ]
    (finding,) = run_rules(disclosure_literal(table), rules_by_id("T01-income-grand-total"))
    assert finding.message == (
        "无法核对：公开01表 第31行 总计 未读到（表中没有这一行），"
        "不能判断 公开01表 第31行 总计 是否等于 第27行 + 第28行 + 第29行"
    )
    assert finding.cell_tuples() == (
        ("T01-income-grand-total", "01", "31", "1"),
        ("T01-income-grand-total", "01", "27", "1"),
    )
    assert finding.where == "公开01表 第31行"


def test_a_printed_blank_total_is_still_checked():
    # The same table printing its 总计 line with no figure: a printed blank is 0, a certain error.
    table = table_literal("01", INCOME)
    assert found(table, rules=("T01-income-grand-total",)) == [
        ("T01-income-grand-total", Severity.ERROR, "01", "31", "1"),
    ]
    (finding,) = run_rules(disclosure_literal(table), rules_by_id("T01-income-grand-total"))
    assert "为 空，按 第27行 + 第28行 + 第29行 应为 609139.01（差 609139.01）" in finding.message


def test_a_missing_term_of_a_sum_makes_it_not_checkable_once():
    # 公开01表 without 第55、56行: 第58行 = Σ第32至57行 is one instance, one info naming both lines.
    rows = {"32": {"2": "10.00"}, "40": {"2": "5.00"}, "58": {"2": "15.00"}}
    table = table_literal("01", rows, missing=("55", "56"))
    assert found(table, rules=("T01-expenditure-total",)) == [
        ("T01-expenditure-total", Severity.INFO, "01", "58", "2"),
    ]
    (finding,) = check("01[58,2] = sum(01[32..57,2])", table)
    assert finding.message == (
        "无法核对：公开01表 第55行 二十四、债务还本支出、第56行 二十五、债务付息支出 "
        "未读到（表中没有这一行），不能判断 公开01表 第58行 本年支出合计 是否等于 第32至57行之和"
    )


def test_one_info_per_wildcard_binding_and_none_where_nothing_was_read():
    # 04 without 第56行: only the columns that hold figures have something to compare.
    rows = {"33": {"2": "10.00", "3": "10.00"}, "59": {"2": "10.00", "3": "10.00"}}
    table = table_literal("04", rows, missing=("56",))
    assert found(table, rules=("T04-expenditure-total",)) == [
        ("T04-expenditure-total", Severity.INFO, "04", "59", "2"),
        ("T04-expenditure-total", Severity.INFO, "04", "59", "3"),
    ]


def test_an_instance_whose_read_cells_are_all_blank_is_silent():
    # 公开01表 第55行 (债务还本支出, 230) missing and 公开03表 without 230: nothing to compare.
    table01 = table_literal("01", {"40": {"2": "9.05"}}, missing=("55",))
    table03 = table_literal("03", {"210": {"1": "9.05"}})
    assert found(table01, table03, rules=("X01-03-classes",)) == []


def test_an_identity_over_a_table_the_disclosure_lacks_says_nothing():
    assert found(table_literal("01", INCOME), rules=("X01-02-income",)) == []


def test_a_code_row_a_code_table_does_not_print_is_a_blank():
    # 公开03表 lists only the codes it uses: no 221 row means nothing spent on 221 (0): an error.
    table01 = table_literal("01", {"50": {"2": "17.38"}})
    table03 = table_literal("03", {"合计": {"1": "17.38"}})
    assert found(table01, table03, rules=("X01-03-classes",)) == [
        ("X01-03-classes", Severity.ERROR, "01", "50", "2"),
    ]


def test_a_class_row_missing_above_its_printed_subclasses_was_not_read():
    table01 = table_literal("01", {"50": {"2": "17.38"}})
    table03 = table_literal("03", {"合计": {"1": "17.38"}, "22102": {"1": "17.38"}})
    assert found(table01, table03, rules=("X01-03-classes",)) == [
        ("X01-03-classes", Severity.INFO, "01", "50", "2"),
    ]


def test_a_label_row_missing_was_not_read():
    table05 = table_literal("05", {"201": {"2": "204.29"}})
    table06 = table_literal("06", {"人员经费合计": {"决算数": "188.72"}, "公用经费合计": {"决算数": "15.57"}})
    assert found(table05, table06, rules=("X05-06-basic",)) == [
        ("X05-06-basic", Severity.INFO, "05", "合计", "2"),
    ]


def test_a_table_that_says_it_has_no_data_prints_blanks():
    empty = dataclasses.replace(table_literal("07", {}), notes=("说明：本单位无政府性基金，本表无数据。",))
    table04 = table_literal("04", {"59": {"4": "5.00"}})
    assert found(table04, empty, rules=("X04-07-total",)) == [
        ("X04-07-total", Severity.ERROR, "07", "合计", "3"),
    ]


def test_a_line_the_template_does_not_have_is_a_blank():
    # The 2019 Guangdong 公开01表 has no 第52、55、56、57行: their absence is its layout, not a miss.
    with under(template("guangdong-2019")):
        table = table_literal("01", {"32": {"2": "10.00"}, "58": {"2": "10.00"}})
    assert table.row("55") is None
    assert found(table, rules=("T01-expenditure-total",), under_template="guangdong-2019") == []
    assert found(table, rules=("T01-expenditure-total",)) == [
        ("T01-expenditure-total", Severity.INFO, "01", "58", "2"),
    ]


# --- rounding at the template's word: one unit between two tables ---------------------------


def classes(line01: str, value01: str, code: str, value03: str):
    return table_literal("01", {line01: {"2": value01}}), table_literal("03", {code: {"1": value03}})


def test_one_unit_between_two_tables_is_a_warning():
    assert found(*classes("40", "236.63", "210", "236.64"), rules=("X01-03-classes",)) == [
        ("X01-03-classes", Severity.WARNING, "01", "40", "2"),
    ]
    (finding,) = run_rules(
        disclosure_literal(*classes("40", "236.63", "210", "236.64")), rules_by_id("X01-03-classes")
    )
    assert finding.message == (
        "公开01表 第40行 九、卫生健康支出 为 236.63，按 公开03表 210 第1栏 应为 236.64（差 0.01），"
        "在金额单位转换的尾数误差之内（一个末位单位），请核实"
    )


def test_two_units_between_two_tables_is_an_error():
    assert found(*classes("40", "236.62", "210", "236.64"), rules=("X01-03-classes",)) == [
        ("X01-03-classes", Severity.ERROR, "01", "40", "2"),
    ]


def test_the_unit_is_the_last_place_both_figures_print():
    # 236.6 and 236.66 are 0.06 apart, within one unit of the first decimal 236.6 prints: a warning;
    # 236.6 and 236.76 are 0.16 apart: an error.
    assert found(*classes("40", "236.6", "210", "236.66"), rules=("X01-03-classes",)) == [
        ("X01-03-classes", Severity.WARNING, "01", "40", "2"),
    ]
    assert found(*classes("40", "236.6", "210", "236.76"), rules=("X01-03-classes",)) == [
        ("X01-03-classes", Severity.ERROR, "01", "40", "2"),
    ]


def test_a_blank_against_one_unit_is_an_error():
    # A blank prints no quantity: 0 against 0.01 is not a rounding of the same figure.
    table01 = table_literal("01", {"40": {}})
    table03 = table_literal("03", {"210": {"1": "0.01"}})
    assert found(table01, table03, rules=("X01-03-classes",)) == [
        ("X01-03-classes", Severity.ERROR, "01", "40", "2"),
    ]


def test_one_unit_within_a_table_is_unchanged():
    # Single cells of one table (总计 = 总计) and sums within a table keep their interval check.
    balance = table_literal("01", {"31": {"1": "100.00"}, "62": {"2": "100.01"}})
    assert found(balance, rules=("T01-balance",)) == [("T01-balance", Severity.ERROR, "01", "31", "1")]
    total = table_literal("01", {"1": {"1": "100.00"}, "8": {"1": "0.01"}, "27": {"1": "100.03"}})
    assert found(total, rules=("T01-income-total",)) == [
        ("T01-income-total", Severity.ERROR, "01", "27", "1"),
    ]


def test_counts_allow_no_tail_difference():
    parsed = parse("10[7,统计数] = 09[1,1]")
    tables = (table_literal("10", {"7": {"统计数": "3"}}), table_literal("09", {"1": {"1": "4"}}))
    (finding,) = check_identity(
        parsed, disclosure_literal(*tables), rule="T", severity=Severity.ERROR, exact=True
    )
    assert finding.severity == Severity.ERROR


def test_without_the_templates_word_one_unit_is_an_error():
    national = template("national-2024")
    tables = {number: dataclasses.replace(each, note="") for number, each in national.tables.items()}
    silent = dataclasses.replace(national, name="silent", tables=MappingProxyType(tables))
    with under(silent):
        (finding,) = check("01[40,2] = 03[210,1]", *classes("40", "236.63", "210", "236.64"))
    assert finding.severity == Severity.ERROR and finding.message.endswith("（差 0.01）")
