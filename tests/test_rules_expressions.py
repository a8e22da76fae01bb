"""The identity grammar, the identities data file and evaluation against small table literals."""

import json
import re

import pytest

from juesuan.rules import Severity, flatten, run_rules
from juesuan.rules.evaluate import check_identity
from juesuan.rules.expressions import (
    AnyKey,
    BinOp,
    ExpressionError,
    Identity,
    Key,
    KeyRange,
    Ref,
    Sum,
    parse,
)
from juesuan.rules.identities import IdentityFileError, identity_rules, parse_rule_line, read_identity_rules
from juesuan.rules.literals import disclosure_literal, table_literal
from juesuan.rules.registry import registered_rules


def rules_by_id(*ids: str):
    every = {each.id: each for each in [*identity_rules(), *registered_rules()]}
    return [every[i] for i in ids]


def check(text: str, *tables, rule: str = "T") -> list[tuple[str, str, str, str]]:
    found = check_identity(parse(text), disclosure_literal(*tables), rule=rule, severity=Severity.ERROR)
    return flatten(found)


INCOME_LINES = {"1": {"1": "1126.92"}, "8": {"1": "0.01"}, "28": {}, "29": {"1": "7.15"}}
INCOME_LABELS = {"27": "本年收入合计"}


def table01(total: str) -> dict[str, dict[str, str]]:
    return {**INCOME_LINES, "27": {"1": total}}


# --- grammar ---------------------------------------------------------------------------


def test_parses_a_sum_over_a_range_of_lines():
    assert parse("01[27,1] = sum(01[1..8,1])") == Identity(
        Ref("01", Key("27"), Key("1")),
        Sum((Ref("01", KeyRange(1, 8), Key("1")),)),
        "01[27,1] = sum(01[1..8,1])",
    )


def test_parses_additions_subtractions_and_labels():
    identity = parse("05[合计,2] = 06[人员经费合计,决算数] + 06[公用经费合计,决算数] - 01[1,1]")
    left = BinOp(
        "+", Ref("06", Key("人员经费合计"), Key("决算数")), Ref("06", Key("公用经费合计"), Key("决算数"))
    )
    assert identity.right == BinOp("-", left, Ref("01", Key("1"), Key("1")))


def test_parses_wildcards_and_parentheses():
    identity = parse("02[*,1] = sum(02[*,2..7])")
    assert identity.left == Ref("02", AnyKey(), Key("1"))
    assert identity.right == Sum((Ref("02", AnyKey(), KeyRange(2, 7)),))
    assert parse("01[1,1] = 01[2,1] - (01[3,1] + 01[4,1])").right.right == BinOp(
        "+", Ref("01", Key("3"), Key("1")), Ref("01", Key("4"), Key("1"))
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("01[27,1] = sum(01[1..8,1]", "应为 ‘)’，见到 表达式结束"),
        ("01[27,1] sum(01[1..8,1])", "应为 ‘=’，见到 ‘sum’"),
        ("11[27,1] = 01[1,1]", "表号应为 01 至 10 或模板所定义的表（如 U04），见到 ‘11’"),
        ("U05[合计,1] = 01[1,1]", "表号应为 01 至 10 或模板所定义的表（如 U04），见到 ‘U05’"),
        ("01[27] = 01[1,1]", "应为 ‘,’，见到 ‘]’"),
        ("01[27,1] = 01[1..8,1]", "范围 1..8 只能写在 sum(…) 中"),
        ("01[27,1] = sum(01[8..1,1])", "范围起点大于终点：8..1"),
        ("01[27,1] = sum(01[a..8,1])", "范围两端应为整数：a..8"),
        ("01[27,1] = 01[1,1] 01[2,1]", "应为 表达式结束，见到 ‘01’"),
        ("01[27,1] = 01[1,1] / 2", "无法识别的字符 ‘/’"),
        ("", "应为单元格引用、sum(…) 或 (…)"),
        ("01[27,1] = 01[1,1] = 01[2,1]", "应为 表达式结束，见到 ‘=’"),
    ],
)
def test_parse_errors_say_what_and_where(text: str, reason: str):
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert caught.value.reason == reason
    assert f"第{caught.value.pos + 1}个字符" in str(caught.value)
    assert text in str(caught.value) and "^" in str(caught.value)


def test_a_table_a_template_adds_is_a_table_number():
    assert parse("U04[*,1] = U04[*,2] + U04[*,3]").left == Ref("U04", AnyKey(), Key("1"))


def test_error_position_points_at_the_offending_token():
    with pytest.raises(ExpressionError) as caught:
        parse("01[27,1] = 12[1,1]")
    assert caught.value.pos == 11


# --- the data file -------------------------------------------------------------------------


def test_every_identity_line_parses_into_a_documented_rule():
    rules = identity_rules()
    assert len(rules) >= 30
    assert len({each.id for each in rules}) == len(rules)
    for each in rules:
        assert re.fullmatch(r"[TX]\d\d(-\d\d)?(-[a-z]+)+", each.id), each.id
        assert each.title and each.doc and each.expression
        assert each.check.instances and all(isinstance(i.identity, Identity) for i in each.check.instances)
        if "{" not in each.expression:
            assert [i.identity for i in each.check.instances] == [parse(each.expression)]


def test_a_placeholder_identity_is_one_identity_per_expenditure_class():
    (classes,) = rules_by_id("X01-03-classes")
    found = {i.identity.text for i in classes.check.instances}
    assert len(found) == 26 and "01[39,2] = 03[208,1]" in found and "01[57,2] = 03[234,1]" in found
    (general,) = rules_by_id("X04-05-classes")
    assert "04[40,3] = 05[208,1]" in {i.identity.text for i in general.check.instances}


def test_the_class_lines_are_read_off_the_national_template():
    from juesuan.rules.classes import expenditure_classes

    found = {each.code: (each.line01, each.line04) for each in expenditure_classes()}
    assert len(found) == 26 and found["201"] == ("32", "33") and found["208"] == ("39", "40")
    assert [int(line01) for line01, _ in found.values()] == list(range(32, 58))
    assert all(int(line04) == int(line01) + 1 for line01, line04 in found.values())


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("X-a | error | t | 01[{line}] = 03[{code},1] | d", "未知的占位符 {line}"),
        ("X-a | error | t | 01[1,1] = 01[2,1] | d | 01[3,1]", "应在表达式中恰好出现一次"),
        ("X-a | error | t | 01[1,1] = sum(01[2..3,1]) | d | 01[2..3,1]", "只能写在 sum(…) 中"),
        ("X-a | error | t | 01[1,1] = 01[2,1] | d | x | y", "应有 5 个（或加“解出”6 个）"),
    ],
)
def test_bad_placeholders_and_solved_cells_are_refused(line: str, reason: str):
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_rule_line(line)


def test_an_identity_may_name_a_cell_the_derivation_solves_for():
    rule = parse_rule_line("X-a | error | t | 02[合计,2] = 01[1,1] + 01[2,1] | d | 01[1,1]")
    assert rule.check.instances[0].solve == (Ref("01", Key("1"), Key("1")),)
    assert rule.expression == "02[合计,2] = 01[1,1] + 01[2,1]"


def test_identities_named_in_the_domain_are_present():
    ids = {each.id for each in identity_rules()}
    for wanted in ("T01-income-total", "T01-balance", "T02-sources", "X01-02-income", "X05-06-basic"):
        assert wanted in ids
    assert rules_by_id("X06-10-running-costs")[0].severity == Severity.WARNING


def test_a_bad_line_in_the_data_file_names_its_line():
    text = "# comment\n\nT01-a | error | 标题 | 01[27,1] = sum(01[1..8,1] | 说明\n"
    with pytest.raises(IdentityFileError, match="第3行"):
        read_identity_rules(text, "x.txt")
    with pytest.raises(IdentityFileError, match="严重程度"):
        read_identity_rules("T01-a | fatal | 标题 | 01[1,1] = 01[2,1] | 说明", "x.txt")
    with pytest.raises(IdentityFileError, match="5 个"):
        read_identity_rules("T01-a | error | 01[1,1] = 01[2,1]", "x.txt")
    with pytest.raises(IdentityFileError, match="重复"):
        read_identity_rules("T01-a | error | t | 01[1,1] = 01[2,1] | d\n" * 2, "x.txt")


# --- evaluation ----------------------------------------------------------------------------


def test_identity_holding_within_rounding_is_silent():
    assert check("01[27,1] = sum(01[1..8,1])", table_literal("01", table01("1126.93"))) == []
    assert check("01[27,1] = sum(01[1..8,1])", table_literal("01", table01("1126.94"))) == []


def test_identity_failing_reports_printed_expected_and_difference():
    table = table_literal("01", table01("1126.99"), INCOME_LABELS)
    found = list(
        check_identity(
            parse("01[27,1] = sum(01[1..8,1])"),
            disclosure_literal(table),
            rule="T01-income-total",
            severity=Severity.ERROR,
        )
    )
    assert flatten(found) == [("T01-income-total", "01", "27", "1")]
    assert (
        found[0].message == "公开01表 第27行 本年收入合计 为 1126.99，按 第1至8行之和 应为 1126.93（差 0.06）"
    )
    assert found[0].cell_tuples() == (
        ("T01-income-total", "01", "27", "1"),
        ("T01-income-total", "01", "1", "1"),
        ("T01-income-total", "01", "8", "1"),
    )
    assert found[0].where == "公开01表 第27行"


def test_a_blank_subject_cell_is_reported_as_blank():
    table = table_literal("01", {**INCOME_LINES, "27": {}})
    (finding,) = check_identity(
        parse("01[27,1] = sum(01[1..8,1])"), disclosure_literal(table), rule="T", severity=Severity.ERROR
    )
    assert "为 空，按 第1至8行之和 应为 1126.93（差 1126.93）" in finding.message


def test_row_wildcard_checks_every_row_of_the_table():
    table02 = table_literal(
        "02",
        {"合计": {"1": "1126.93", "2": "1126.92", "7": "0.01"}, "201": {"1": "1066.40", "2": "1066.35"}},
        {"201": "一般公共服务支出"},
    )
    found = check("02[*,1] = sum(02[*,2..7])", table02, rule="T02-sources")
    assert found == [("T02-sources", "02", "201", "1")]
    (finding,) = check_identity(
        parse("02[*,1] = sum(02[*,2..7])"), disclosure_literal(table02), rule="T", severity=Severity.ERROR
    )
    assert (
        finding.message
        == "公开02表 201 一般公共服务支出 第1栏 为 1066.40，按 第2至7栏之和 应为 1066.35（差 0.05）"
    )


def test_column_wildcard_checks_every_column():
    table04 = table_literal("04", {"33": {"2": "10.00", "3": "10.00"}, "59": {"2": "10.00", "3": "12.00"}})
    assert check("04[59,*] = sum(04[33..58,*])", table04, rule="T04") == [("T04", "04", "59", "3")]


def test_cross_table_identity_names_the_other_table():
    table05 = table_literal("05", {"合计": {"2": "204.29"}})
    table06 = table_literal("06", {"人员经费合计": {"决算数": "188.72"}, "公用经费合计": {"决算数": "15.67"}})
    (finding,) = check_identity(
        parse("05[合计,2] = 06[人员经费合计,决算数] + 06[公用经费合计,决算数]"),
        disclosure_literal(table05, table06),
        rule="X05-06-basic",
        severity=Severity.ERROR,
    )
    assert finding.as_tuple() == ("X05-06-basic", "05", "合计", "2")
    assert "按 公开06表 人员经费合计 + 公开06表 公用经费合计 应为 204.39（差 0.10）" in finding.message
    assert ("X05-06-basic", "06", "公用经费合计", "决算数") in finding.cell_tuples()


def test_identity_over_a_missing_table_is_skipped():
    assert check("02[合计,1] = 01[27,1]", table_literal("01", table01("1126.93"))) == []


def test_counts_are_compared_exactly():
    vehicles = table_literal("10", {"7": {"统计数": "3"}, "8": {"统计数": "1"}, "10": {"统计数": "1"}})
    assert flatten(run_rules(disclosure_literal(vehicles), rules_by_id("T10-vehicles"))) == [
        ("T10-vehicles", "10", "7", "统计数")
    ]
    consistent = table_literal("10", {"7": {"统计数": "1"}, "10": {"统计数": "1"}})
    assert run_rules(disclosure_literal(consistent), rules_by_id("T10-vehicles")) == []


def test_class_lines_of_table_01_match_class_rows_of_table_03():
    table01 = table_literal("01", {"39": {"2": "34.14"}, "40": {"2": "9.05"}, "50": {"2": "17.38"}})
    table03 = table_literal("03", {"208": {"1": "34.14"}, "210": {"1": "9.50"}})
    found = run_rules(disclosure_literal(table01, table03), rules_by_id("X01-03-classes"))
    assert flatten(found) == [("X01-03-classes", "01", "40", "2"), ("X01-03-classes", "01", "50", "2")]
    assert "按 公开03表 210 第1栏 应为 9.50（差 0.45）" in found[0].message


def test_finding_is_json_ready():
    table = table_literal("01", table01("1126.99"))
    (finding,) = run_rules(disclosure_literal(table), rules_by_id("T01-income-total"))
    data = json.loads(json.dumps(finding.to_dict(), ensure_ascii=False))
    assert data["rule"] == "T01-income-total" and data["severity"] == "error"
    assert data["cells"][0] == {"table": "01", "row": "27", "col": "1"}
    assert set(data) == {"rule", "severity", "message", "cells", "where", "origin"}
