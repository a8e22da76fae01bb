"""The table rules of issue 13 on small table literals: 公开04表 closing by fund (B08), 02 against 04
(C03), 06 items within the 三公 table (C08), 中小企业 within 政府采购 (B15), the forms' funds within
项目支出 (G04), values a table cannot hold (B16), blank 三公 items (B17), one name per code (C09),
and detail down to 项 and 款 (F01, F02)."""

from __future__ import annotations

import dataclasses

import pytest

from juesuan.model import Figure, Paragraph, Section
from juesuan.model.forms import FundingLine, PerformanceForm
from juesuan.rules import Severity, run_rules
from juesuan.rules.literals import disclosure_literal, table_literal
from juesuan.rules.registry import default_rules

RULES = {each.id: each for each in default_rules()}


def found(disclosure, *ids):
    return [
        (f.rule, str(f.severity), f.cells[0].table if f.cells else "", f.cells[0].row if f.cells else "")
        for f in run_rules(disclosure, [RULES[i] for i in ids])
    ]


def messages(disclosure, rule_id):
    return [f.message for f in run_rules(disclosure, [RULES[rule_id]])]


# ---- B08: 公开04表 closing by fund ----


def appropriations(**changes: dict[str, str]) -> object:
    """The sample's 公开04表: 一般公共预算 4.53 + 1126.92 = 1126.92 + 4.53."""
    rows = {
        "1": {"1": "1126.92"},
        "27": {"1": "1126.92"},
        "28": {"1": "4.53"},
        "29": {"1": "4.53"},
        "32": {"1": "1131.45"},
        "59": {"2": "1126.92", "3": "1126.92"},
        "60": {"2": "4.53", "3": "4.53"},
        "64": {"2": "1131.45", "3": "1131.45"},
    }
    for row, cells in changes.items():  # "" leaves a cell blank
        rows[row] = {col: text for col, text in {**rows.get(row, {}), **cells}.items() if text}
    return disclosure_literal(table_literal("04", rows))


CLOSING = ("T04-closing-general", "T04-closing-fund", "T04-closing-capital")


def test_each_fund_closes_in_the_sample():
    assert found(appropriations(), *CLOSING) == []


def test_a_year_end_balance_put_under_the_wrong_fund_is_an_error():
    # 合计 still balances (T04-funds holds): the 4.53 carried over is printed under 政府性基金.
    wrong = appropriations(**{"60": {"2": "4.53", "3": "", "4": "4.53"}})
    assert found(wrong, *CLOSING) == [
        ("T04-closing-general", "error", "04", "29"),
        ("T04-closing-fund", "error", "04", "30"),
    ]
    assert messages(wrong, "T04-closing-fund")[0].endswith("应为 4.53（差 4.53）")


def test_closing_allows_the_rounding_of_four_printed_figures():
    # 1154.62 + 19572.91 = 20727.53; 13733.80 + 6993.74 = 20727.54 (国家信访局 2024, 公开04表)
    rows = {"1": {"1": "19572.91"}, "29": {"1": "1154.62"}, "59": {"3": "13733.80"}, "60": {"3": "6993.74"}}
    assert found(disclosure_literal(table_literal("04", rows)), *CLOSING) == []


def test_a_closing_line_that_was_not_read_cannot_be_checked():
    rows = {"1": {"1": "1126.92"}, "59": {"3": "1126.92"}, "60": {"3": "4.53"}}
    disclosure = disclosure_literal(table_literal("04", rows, missing=["29"]))
    assert found(disclosure, "T04-closing-general") == [("T04-closing-general", "info", "04", "29")]


# ---- C03: 公开02表 against 公开04表 ----


def test_fiscal_income_of_02_against_04():
    income = table_literal("02", {"合计": {"1": "1126.93", "2": "1126.92", "7": "0.01"}})
    good = disclosure_literal(income, table_literal("04", {"27": {"1": "1126.92"}}))
    bad = disclosure_literal(income, table_literal("04", {"27": {"1": "1127.92"}}))
    assert found(good, "X02-04-appropriations") == []
    assert found(bad, "X02-04-appropriations") == [("X02-04-appropriations", "error", "04", "27")]


# ---- C08: 公开06表 items within 公开09表 ----


def basic_and_three_public(basic: dict[str, str], actual: dict[str, str]) -> object:
    economic = table_literal("06", {code: {"决算数": value} for code, value in basic.items()})
    return disclosure_literal(economic, table_literal("09", {"1": actual}))


def test_basic_items_within_the_three_public_actuals():
    # 国家信访局 2024: 30217 0.90 ≤ 0.90, 30231 40.61 ≤ 40.61
    disclosure = basic_and_three_public(
        {"30217": "0.90", "30231": "40.61"},
        {"7": "46.21", "8": "4.69", "9": "40.61", "11": "40.61", "12": "0.90"},
    )
    assert found(disclosure, "X06-09-three-public") == []


def test_a_basic_item_above_its_three_public_actual_is_an_error():
    # 宜川 2025: 06表 公务接待费 above the 三公 table's
    disclosure = basic_and_three_public({"30217": "8.31"}, {"7": "0.50", "12": "0.50"})
    assert found(disclosure, "X06-09-three-public") == [("X06-09-three-public", "error", "06", "30217")]
    assert "多 7.81" in messages(disclosure, "X06-09-three-public")[0]


def test_vehicle_purchase_adds_30913_and_31013():
    within = basic_and_three_public(
        {"30913": "10.00", "31013": "15.00"}, {"7": "25.00", "9": "25.00", "10": "25.00"}
    )
    above = basic_and_three_public(
        {"30913": "10.00", "31013": "15.00"}, {"7": "24.00", "9": "24.00", "10": "24.00"}
    )
    assert found(within, "X06-09-three-public") == []
    assert found(above, "X06-09-three-public") == [("X06-09-three-public", "error", "06", "30913")]


def test_one_unit_of_rounding_is_not_above():
    disclosure = basic_and_three_public({"30212": "13.24"}, {"7": "13.23", "8": "13.23"})
    assert found(disclosure, "X06-09-three-public") == [("X06-09-three-public", "error", "06", "30212")]
    rounded = basic_and_three_public({"30212": "13.2"}, {"7": "13.24", "8": "13.24"})
    assert found(rounded, "X06-09-three-public") == []


def test_a_three_public_table_saying_no_data_holds_nothing():
    economic = table_literal("06", {"30217": {"决算数": "0.39"}})
    empty = dataclasses.replace(table_literal("09", {}), notes=("说明：本表无数据",))
    assert found(disclosure_literal(economic, empty), "X06-09-three-public") == [
        ("X06-09-three-public", "error", "06", "30217")
    ]


def test_without_the_three_public_table_nothing_is_said():
    economic = table_literal("06", {"30217": {"决算数": "0.39"}})
    assert found(disclosure_literal(economic), "X06-09-three-public") == []


# ---- B15: 中小企业 within 政府采购 ----


def procurement(text: str, total: str | None = "640.57"):
    tables = (table_literal("10", {"1": {"统计数": total}}),) if total else ()
    section = Section(
        "十", "其他重要事项情况说明", subsections=(Section("（二）", "政府采购情况说明", (Paragraph(text),)),)
    )
    return dataclasses.replace(disclosure_literal(*tables), narrative=(section,))


SAMPLE_PROCUREMENT = (
    "2024年度政府采购支出总额640.57万元。政府采购授予中小企业合同金额564.32万元，占政府采购支出总额的88.10%。"
    "其中：授予小微企业合同金额564.32万元，占政府采购支出总额的88.10%。"
)


def test_the_samples_procurement_is_consistent():
    assert found(procurement(SAMPLE_PROCUREMENT), "X10-sme-within-procurement") == []


def test_sme_amount_above_the_procurement_total_is_an_error():
    text = SAMPLE_PROCUREMENT.replace("授予中小企业合同金额564.32", "授予中小企业合同金额664.32")
    assert [f[:2] for f in found(procurement(text), "X10-sme-within-procurement")] == [
        ("X10-sme-within-procurement", "error")
    ]
    assert (
        "大于公开10表 政府采购合计 640.57 万元（多 23.75 万元）"
        in messages(procurement(text), "X10-sme-within-procurement")[0]
    )


def test_small_enterprises_within_sme():
    text = SAMPLE_PROCUREMENT.replace("授予小微企业合同金额564.32", "授予小微企业合同金额600.00")
    assert len(found(procurement(text, total="700.00"), "X10-sme-within-procurement")) == 1


def test_without_table_10_the_total_the_section_states_is_used():
    text = (
        "2024年度政府采购支出总额1967.42万元。授予中小企业合同金额2820.69万元，占政府采购支出总额的92.54%。"
    )
    assert len(found(procurement(text, total=None), "X10-sme-within-procurement")) == 1
    assert (
        found(procurement(text.replace("2820.69", "1820.69"), total=None), "X10-sme-within-procurement") == []
    )


def test_reserved_budgets_are_not_compared_with_contract_totals():
    # 上海普陀: 面向中小企业预留政府采购项目预算金额 is a budget, not part of the contracts signed
    text = (
        "2024年度政府采购金额（以合同签订为准）为21.07万元。"
        "2024年度本部门面向中小企业预留政府采购项目预算金额30.00万元，面向小微企业预留政府采购项目预算金额21.07万元。"
    )
    assert found(procurement(text, total=None), "X10-sme-within-procurement") == []


# ---- G04: the forms' funds within 项目支出 ----


def with_forms(executed: list[str], project: str = "922.63", total: str = "1127.00"):
    def form(amount: str) -> PerformanceForm:
        line = FundingLine("资金总额", None, None, None, Figure.parse(amount), None, None, None)
        return PerformanceForm("项目支出绩效自评表", "项目", 2024, "", "", (line,), "", "", (), None, "")

    spending = table_literal("03", {"合计": {"1": total, "2": "204.37", "3": project}})
    return dataclasses.replace(disclosure_literal(spending), forms=tuple(form(each) for each in executed))


def test_form_funds_within_project_spending():
    # the sample: 11 forms, 553.86 executed, 项目支出 922.63
    executed = ["1.894", "13.06", "4.04", "1.4", "177", "19.5", "48.8", "102.02", "49.4", "71.126", "65.616"]
    assert found(with_forms(executed), "X03-forms-funds") == []


def test_form_funds_above_project_spending_is_a_warning_above_all_spending_an_error():
    assert found(with_forms(["600", "400"]), "X03-forms-funds") == [
        ("X03-forms-funds", "warning", "03", "合计")
    ]
    assert found(with_forms(["600", "600"]), "X03-forms-funds") == [
        ("X03-forms-funds", "error", "03", "合计")
    ]
    assert (
        "全年执行数合计 1000.00 万元，大于公开03表合计行项目支出 922.63 万元"
        in messages(with_forms(["600", "400"]), "X03-forms-funds")[0]
    )


def test_without_forms_nothing_is_said():
    assert found(with_forms([]), "X03-forms-funds") == []


# ---- B16: values a table cannot hold ----


def test_negative_spending_is_a_warning_a_negative_balance_is_allowed():
    spending = table_literal("05", {"2010301": {"1": "-1.00", "2": "-1.00"}}, {"2010301": "行政运行"})
    balances = table_literal("01", {"60": {"2": "-3.20"}, "29": {"1": "-3.20"}})
    assert found(disclosure_literal(spending, balances), "T-values-valid") == [
        ("T-values-valid", "warning", "05", "2010301"),
        ("T-values-valid", "warning", "05", "2010301"),
    ]


def test_fund_table_carry_over_columns_may_be_negative():
    fund = table_literal("07", {"合计": {"1": "-2.00", "2": "5.00", "3": "7.00", "5": "7.00", "6": "-4.00"}})
    assert found(disclosure_literal(fund), "T-values-valid") == []


def test_a_count_is_a_whole_number_not_below_zero():
    counts = table_literal("10", {"7": {"统计数": "1.5"}, "10": {"统计数": "-1"}, "17": {"统计数": "2"}})
    assert found(disclosure_literal(counts), "T-values-valid") == [
        ("T-values-valid", "error", "10", "7"),
        ("T-values-valid", "error", "10", "10"),
    ]


# ---- B17: blank 三公 items ----


def test_blank_three_public_items_under_a_total_are_listed_once_as_info():
    # 国家信访局 2024 leaves 公务用车购置费 blank under 公务用车 小计 40.63 / 40.61
    row = {"1": "76.43", "2": "30.00", "3": "40.63", "5": "40.63", "6": "5.80"}
    row |= {"7": "46.21", "8": "4.69", "9": "40.61", "11": "40.61", "12": "0.90"}
    disclosure = disclosure_literal(table_literal("09", {"1": row}))
    assert found(disclosure, "T09-blank-items") == [("T09-blank-items", "info", "09", "1")]
    assert "预算数公务用车购置费、决算数公务用车购置费 留空" in messages(disclosure, "T09-blank-items")[0]


def test_zeros_printed_or_all_blank_say_nothing():
    zeros = {str(col): "0.00" for col in range(1, 13)} | {"7": "0.16", "12": "0.16"}
    assert found(disclosure_literal(table_literal("09", {"1": zeros})), "T09-blank-items") == []
    assert found(disclosure_literal(table_literal("09", {})), "T09-blank-items") == []


# ---- C09: one name per code across the tables ----


def named(code: str, **names: str):
    return disclosure_literal(
        *(table_literal(number, {code: {"1": "1.00"}}, {code: name}) for number, name in names.items())
    )


def test_a_code_named_alike_everywhere_says_nothing():
    assert (
        found(named("20805", **{"02": "行政事业单位养老支出", "05": "行政事业单位养老支出"}), "X-code-names")
        == []
    )


def test_last_years_name_beside_this_years_is_an_error():
    disclosure = named("20805", **{"02": "行政事业单位离退休", "05": "行政事业单位养老支出"})
    assert found(disclosure, "X-code-names") == [("X-code-names", "error", "02", "20805")]


def test_a_wrong_name_the_catalogue_reports_is_not_reported_again():
    assert (
        found(named("20805", **{"02": "行政事业单位养老", "05": "行政事业单位养老支出"}), "X-code-names")
        == []
    )


def test_names_of_a_code_the_catalogue_lacks_are_compared_a_cut_name_is_a_warning():
    assert found(named("2019998", **{"02": "某专项支出", "05": "另一专项支出"}), "X-code-names") == [
        ("X-code-names", "error", "02", "2019998")
    ]
    assert found(named("2019998", **{"02": "某专项", "05": "某专项支出"}), "X-code-names") == [
        ("X-code-names", "warning", "02", "2019998")
    ]


# ---- F01, F02: detail ----


def test_spending_shown_down_to_items_says_nothing():
    rows = {"合计": {"1": "2.47"}, "201": {"1": "2.47"}, "20101": {"1": "2.47"}, "2010150": {"1": "2.47"}}
    assert found(disclosure_literal(table_literal("05", rows)), "D-functional-detail") == []


@pytest.mark.parametrize(
    ("rows", "subject"),
    [
        ({"合计": {"1": "2.47"}, "201": {"1": "2.47"}, "20101": {"1": "2.47"}}, "20101"),
        ({"合计": {"1": "2.47"}, "201": {"1": "2.47"}}, "201"),
        ({"合计": {"1": "2.47"}}, "合计"),
    ],
    ids=["to-kuan", "to-lei", "total-only"],
)
def test_spending_not_shown_down_to_items_is_an_error(rows, subject):
    assert found(disclosure_literal(table_literal("05", rows)), "D-functional-detail") == [
        ("D-functional-detail", "error", "05", subject)
    ]


def test_a_class_without_amount_or_a_table_saying_no_data_needs_no_detail():
    blank = table_literal("07", {"合计": {}, "212": {}})
    empty = dataclasses.replace(table_literal("08", {"合计": {"1": "5.00"}}), notes=("说明：本表无数据",))
    assert found(disclosure_literal(blank, empty), "D-functional-detail") == []


def test_basic_expenditure_by_economic_class_down_to_kuan():
    detailed = table_literal(
        "06", {"301": {"决算数": "1.00"}, "30101": {"决算数": "1.00"}, "人员经费合计": {"决算数": "1.00"}}
    )
    classes = table_literal(
        "06", {"301": {"决算数": "1.00"}, "302": {"决算数": "0.50"}, "人员经费合计": {"决算数": "1.00"}}
    )
    totals = table_literal("06", {"人员经费合计": {"决算数": "1.00"}, "公用经费合计": {"决算数": "0.50"}})
    assert found(disclosure_literal(detailed), "D-economic-detail") == []
    assert found(disclosure_literal(classes), "D-economic-detail") == [
        ("D-economic-detail", "error", "06", "301"),
        ("D-economic-detail", "error", "06", "302"),
    ]
    assert [f[3] for f in found(disclosure_literal(totals), "D-economic-detail")] == [
        "人员经费合计",
        "公用经费合计",
    ]


def test_the_generic_template_checks_no_detail():
    rows = {"合计": {"1": "2.47"}, "201": {"1": "2.47"}}
    disclosure = dataclasses.replace(disclosure_literal(table_literal("05", rows)), template="generic")
    assert [f for f in run_rules(disclosure) if f.rule.startswith("D-")] == []


def test_every_table_rule_is_documented_and_has_a_severity():
    ids = {*CLOSING, "X02-04-appropriations", "X06-09-three-public", "X10-sme-within-procurement"}
    ids |= {"X03-forms-funds", "T-values-valid", "T09-blank-items", "X-code-names"}
    ids |= {"D-functional-detail", "D-economic-detail"}
    for rule_id in ids:
        each = RULES[rule_id]
        assert each.title and each.doc and "\n" not in each.doc and each.severity in Severity
