"""Classification-tree sums (类 = Σ款 = Σ项, 合计 = Σ类; 06 经济分类), and the rule engine."""

from juesuan.rules import Finding, Rule, Severity, flatten, run_rules
from juesuan.rules.hierarchy import economic_groups, functional_parent, groups
from juesuan.rules.literals import disclosure_literal, table_literal
from juesuan.rules.registry import registered_rules


def hierarchy_rules() -> list[Rule]:
    return [each for each in registered_rules() if each.id in {"H-functional-sum", "H06-economic-sum"}]


def social_security(head: str, pension: str = "23.83") -> dict[str, dict[str, str]]:
    """公开02表's 208 branch as printed in the sample (208 = 34.14, children 23.83 + 10.32)."""
    return {
        "合计": {"1": head, "2": head},
        "208": {"1": head, "2": head},
        "20805": {"1": pension, "2": pension},
        "2080501": {"1": "7.50", "2": "7.50"},
        "2080505": {"1": "16.32", "2": "16.32"},
        "20807": {"1": "10.32", "2": "10.32"},
        "2080799": {"1": "10.32", "2": "10.32"},
    }


def check(*tables) -> list[tuple[str, str, str, str]]:
    return flatten(run_rules(disclosure_literal(*tables), hierarchy_rules()))


def test_rounding_gap_in_a_class_sum_is_not_a_finding():
    # 208 prints 34.14 while 23.83 + 10.32 = 34.15; 20805 prints 23.83 while 7.50 + 16.32 = 23.82.
    assert check(table_literal("02", social_security("34.14"))) == []


def test_a_class_that_cannot_be_its_children_sum_is_a_finding():
    found = run_rules(disclosure_literal(table_literal("02", social_security("34.12"))), hierarchy_rules())
    assert flatten(found) == [("H-functional-sum", "02", "208", "1"), ("H-functional-sum", "02", "208", "2")]
    assert found[0].message.endswith("为 34.12，按 20805、20807之和 应为 34.15（差 0.03）")
    assert found[0].cell_tuples()[1:] == (
        ("H-functional-sum", "02", "20805", "1"),
        ("H-functional-sum", "02", "20807", "1"),
    )


def test_a_subclass_that_is_not_its_items_sum_is_a_finding():
    assert check(table_literal("03", social_security("34.14", pension="23.90"))) == [
        ("H-functional-sum", "03", "208", "1"),
        ("H-functional-sum", "03", "208", "2"),
        ("H-functional-sum", "03", "20805", "1"),
        ("H-functional-sum", "03", "20805", "2"),
    ]


def test_total_is_the_sum_of_classes():
    rows = {"合计": {"1": "50.00"}, "201": {"1": "40.00"}, "210": {"1": "9.05"}}
    assert check(table_literal("05", rows)) == [("H-functional-sum", "05", "合计", "1")]


def test_blank_children_count_as_zero_and_absent_ones_do_not_count():
    # 05 prints 2080506 with no figures: it is a child worth 0. The literal prints 208 and 合计
    # above 20805: a 款 printed without its 类 means the 类 was not read, and that sum is then
    # reported as not checkable (test_a_class_printed_without_its_row_cannot_be_checked).
    rows = {"合计": {"1": "23.83"}, "208": {"1": "23.83"}, "20805": {"1": "23.83"}}
    rows |= {"2080505": {"1": "23.83"}, "2080506": {}}
    assert check(table_literal("05", rows)) == []
    # A 类 printed without any 款 has nothing to be checked against.
    assert check(table_literal("05", {"合计": {"1": "9.05"}, "210": {"1": "9.05"}})) == []


def test_a_class_printed_without_its_row_cannot_be_checked():
    # 20805 and its 项 are printed, 208 is not: the reader missed the 类 row. Neither 208 = Σ款 nor
    # 合计 = Σ类 (208 is one of the 类) can be checked: one info each, no error for 合计 33.33,
    # which the printed 类 210 alone (9.50) would have made.
    rows = {"合计": {"1": "33.33"}, "20805": {"1": "23.83"}, "2080505": {"1": "23.83"}}
    rows |= {"210": {"1": "9.50"}}
    found = run_rules(disclosure_literal(table_literal("05", rows)), hierarchy_rules())
    assert [(f.rule, f.severity, *f.as_tuple()[1:]) for f in found] == [
        ("H-functional-sum", Severity.INFO, "05", "合计", "1"),
        ("H-functional-sum", Severity.INFO, "05", "208", "1"),
    ]
    assert found[1].message == (
        "无法核对：公开05表 208 未读到（表中没有这一行），不能判断 公开05表 208 第1栏 是否等于 20805之和"
    )
    assert groups(table_literal("05", rows), functional_parent) == [
        ("合计", ("208", "210")),
        ("208", ("20805",)),
        ("20805", ("2080505",)),
    ]


def test_a_missing_total_of_table_06_cannot_be_checked():
    rows = {key: cells for key, cells in TABLE06.items() if key != "人员经费合计"}
    found = run_rules(disclosure_literal(table_literal("06", rows)), hierarchy_rules())
    assert [(f.rule, f.severity, *f.as_tuple()[1:]) for f in found] == [
        ("H06-economic-sum", Severity.INFO, "06", "人员经费合计", "决算数")
    ]


def test_tree_is_derived_from_the_codes_printed():
    table = table_literal("02", social_security("34.14"))
    assert groups(table, functional_parent) == [
        ("合计", ("208",)),
        ("208", ("20805", "20807")),
        ("20805", ("2080501", "2080505")),
        ("20807", ("2080799",)),
    ]


TABLE06 = {
    "301": {"决算数": "181.22"},
    "30101": {"决算数": "59.99"},
    "30102": {"决算数": "121.22"},
    "302": {"决算数": "15.57"},
    "30201": {"决算数": "1.11"},
    "30239": {"决算数": "14.46"},
    "303": {"决算数": "7.50"},
    "30302": {"决算数": "7.50"},
    "309": {},
    "30901": {},
    "人员经费合计": {"决算数": "188.72"},
    "公用经费合计": {"决算数": "15.57"},
}


def test_economic_tree_of_table_06():
    table = table_literal("06", TABLE06)
    assert check(table) == []
    assert economic_groups(table)[-2:] == [
        ("人员经费合计", ("301", "303")),
        ("公用经费合计", ("302", "309")),
    ]


def test_economic_heads_and_totals_are_checked():
    broken = {**TABLE06, "30102": {"决算数": "121.00"}, "公用经费合计": {"决算数": "15.75"}}
    found = run_rules(disclosure_literal(table_literal("06", broken)), hierarchy_rules())
    assert flatten(found) == [
        ("H06-economic-sum", "06", "301", "决算数"),
        ("H06-economic-sum", "06", "公用经费合计", "决算数"),
    ]
    assert found[1].message == "公开06表 公用经费合计 为 15.75，按 302、309之和 应为 15.57（差 0.18）"


def test_a_crashing_rule_becomes_a_finding_and_the_run_goes_on():
    def broken(disclosure):
        raise KeyError("没有这一栏")

    def fine(disclosure):
        yield Finding("Z-fine", Severity.INFO, "照常运行")

    rules = [
        Rule("Z-broken", "会出错的规则", Severity.WARNING, "测试用", broken),
        Rule("Z-fine", "", "info", "", fine),
    ]
    found = run_rules(disclosure_literal(), rules)
    assert [(f.rule, f.severity) for f in found] == [("Z-broken", Severity.INFO), ("Z-fine", Severity.INFO)]
    assert found[0].message == (
        "规则执行出错（程序缺陷），未能核对；请用 juesuan --debug 重新运行，并把输出报告给开发者"
    )


def test_every_registered_rule_has_an_id_title_and_doc():
    ids = [each.id for each in registered_rules()]
    assert len(ids) == len(set(ids))
    assert {"H-functional-sum", "H06-economic-sum"} <= set(ids)
    assert all(each.title and each.doc for each in registered_rules())


def test_the_tables_checked_are_those_the_template_marks():
    """The university's 表4 (U04) holds the 功能分类 tree in its template: checked like 公开05表;
    under the national template, which has no U04, it is not."""
    import dataclasses

    university = table_literal("U04", social_security("34.12"))
    national = disclosure_literal(university)
    assert check(university) == []
    found = run_rules(dataclasses.replace(national, template="moe-university-2024"), hierarchy_rules())
    assert flatten(found) == [
        ("H-functional-sum", "U04", "208", "1"),
        ("H-functional-sum", "U04", "208", "2"),
    ]
