"""The template catalogue: each template detected on the document it was written from, and its
identities, tables and lines consistent with one another."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from juesuan.catalogue.templates import NATIONAL, detect, forcing, reading_under, template, templates
from juesuan.cli import cli
from juesuan.rules.expressions import BinOp, Identity, Key, Ref, Sum
from juesuan.rules.identities import identity_rules, template_identities
from juesuan.rules.registry import rules_for
from juesuan.sources import read_bytes, read_path

DATA = Path(__file__).parent / "data"
REAL = Path(__file__).resolve().parents[2] / "shared" / "samples" / "real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="真实样本目录不存在（../shared/samples/real）")

SAMPLES = {
    "central-guojiaxinfangju-2024.pdf": "central-2024",
    "chongqing-swu-2024.pdf": "moe-university-2024",
    "guangdong-foshan-guidaojiaotong-2019.pdf": "guangdong-2019",
    "shanghai-putuo-guihuaziyuan-2024.pdf": "shanghai-2024",
    "shanghai-putuo-shehuigongzuobu-2024.pdf": "shanghai-2024",
}


def refs(expression) -> list[Ref]:
    """Every cell reference of an identity or expression."""
    if isinstance(expression, Ref):
        return [expression]
    if isinstance(expression, Identity | BinOp):
        return refs(expression.left) + refs(expression.right)
    if isinstance(expression, Sum):
        return [found for term in expression.terms for found in refs(term)]
    return []


def test_the_catalogue_lists_the_national_template_first_and_the_generic_one_last():
    names = list(templates())
    assert names[0] == NATIONAL and names[-1] == "generic"
    budgets = {name for name in names if templates()[name].kind == "预算"}  # tests/test_budget_templates.py
    assert "budget-generic" in budgets
    assert set(names) - budgets == {
        NATIONAL,
        "central-2024",
        "guangdong-2019",
        "moe-university-2024",
        "shanghai-2024",
        "generic",
    }


def test_the_reference_sample_is_read_under_the_national_template():
    disclosure, _ = read_path(DATA / "datong-zwfwzx-2024.txt")
    assert disclosure.template in ("", NATIONAL)
    with reading_under((DATA / "datong-zwfwzx-2024.txt").read_text(encoding="utf-8").splitlines()) as found:
        assert found.template.name == NATIONAL
        assert "表题“部门决算公开相关信息统计表”" in found.evidence


@needs_real
@pytest.mark.parametrize(("name", "expected"), SAMPLES.items())
def test_each_real_document_is_read_under_its_own_template(name, expected):
    disclosure, _ = read_path(REAL / name)
    assert disclosure.template == expected
    assert template(expected).title in disclosure.template_evidence


def test_a_document_showing_no_template_is_read_under_the_generic_one():
    assert detect(["某单位2024年度部门决算", "第一部分 概况", "一、职责"]).template.name == "generic"


@needs_real
def test_the_user_can_force_a_template():
    with forcing("generic"):
        disclosure, _ = read_path(REAL / "chongqing-swu-2024.pdf")
    assert disclosure.template == "generic"
    assert "用户指定" in disclosure.template_evidence


def test_every_national_identity_names_tables_rows_and_columns_of_the_national_template():
    national = template(NATIONAL)
    for rule in identity_rules():
        for ref in refs(rule.check.identity):
            definition = national.tables[ref.table]
            assert_defined(rule.id, definition, ref)


@pytest.mark.parametrize("name", list(templates()))
def test_every_identity_of_a_template_names_what_the_template_defines(name):
    for rule in template_identities(name):
        for ref in refs(rule.check.identity):
            assert ref.table in template(name).tables, (rule.id, ref.table)
            assert_defined(rule.id, template(name).tables[ref.table], ref)


def assert_defined(rule_id, definition, ref: Ref) -> None:
    if isinstance(ref.col, Key):
        assert ref.col.name in definition.column_keys, (rule_id, ref)
    if isinstance(ref.row, Key) and definition.rows == "line":
        rows = {line.row for line in definition.lines}
        assert ref.row.name in rows, (rule_id, ref)
    elif isinstance(ref.row, Key) and not ref.row.name.isdigit():
        assert ref.row.name in definition.label_rows, (rule_id, ref)


@pytest.mark.parametrize("name", list(templates()))
def test_every_line_of_a_template_stands_for_one_row_and_prints_one_line_number(name):
    for definition in template(name).tables.values():
        rows = [line.row for line in definition.lines]
        printed = [line.line for line in definition.lines]
        assert len(rows) == len(set(rows)), (name, definition.number)
        assert len(printed) == len(set(printed)), (name, definition.number)
        for line in definition.lines:
            assert definition.side(line.line) is not None or not definition.sides, (name, line)


def test_a_template_skips_only_rules_that_exist():
    known = {rule.id for rule in rules_for(template(NATIONAL))}
    for found in templates().values():
        inherited = {rule.id for rule in template_identities(found.extends)} if found.extends else set()
        skipped_below = templates()[found.extends].skipped_rules if found.extends else frozenset()
        assert found.skipped_rules <= known | inherited | skipped_below, found.name


def test_the_generic_template_runs_no_rule_that_depends_on_a_template():
    chosen = {rule.id for rule in rules_for(template("generic"))}
    assert "P-tables-present" not in chosen and "P-line-numbers" not in chosen
    assert not any(rule.startswith(("T01", "T04", "X")) for rule in chosen)
    assert {"T02-sources", "T03-uses", "H-functional-sum", "C-code-name"} <= chosen


def test_templates_command_lists_every_template():
    result = CliRunner().invoke(cli, ["templates"])
    assert result.exit_code == 0
    for found in templates().values():
        assert f"{found.name}\t{found.title}" in result.output


def test_an_unknown_template_is_a_one_line_error(tmp_path):
    from juesuan.cli import main  # noqa: F401  (the entry point turns UserError into exit 2)

    result = CliRunner().invoke(cli, ["check", str(DATA / "datong-zwfwzx-2024.txt"), "--template", "nope"])
    assert result.exit_code != 0
    assert "没有名为 nope 的模板" in str(result.exception or result.output)


def test_a_printed_line_number_that_disagrees_with_its_label_is_an_error():
    text = (DATA / "datong-zwfwzx-2024.txt").read_text(encoding="utf-8")
    # 公开01表 prints 二、外交支出 on line 33; print it as 34, which is 三、国防支出's
    changed = text.replace("二、外交支出\t33", "二、外交支出\t34", 1)
    assert changed != text
    from juesuan.rules import run_rules

    disclosure, _ = read_bytes(changed.encode("utf-8"), "changed.txt")
    findings = [f for f in run_rules(disclosure) if f.rule == "P-line-numbers"]
    assert [f.message for f in findings] == [
        "公开01表“二、外交支出”印为第34行，按全国统一模板（十张表）应为第33行（第34行在表中印了2次）"
    ]


# Each rule a template declares for itself, shown to pass on its sample and to fail on it with
# one printed figure changed.
TEMPLATE_RULE_EXAMPLES = {
    "U-T01-income-total": ("chongqing-swu-2024.pdf", ("01", "27", "1", "477,447.83")),
    "U-X01-02-appropriations": ("chongqing-swu-2024.pdf", ("02", "合计", "2", "279,818.10")),
    "U-TU04-basic-project": ("chongqing-swu-2024.pdf", ("U04", "合计", "2", "1.00")),
    "SH-X04-08-total": ("shanghai-putuo-guihuaziyuan-2024.pdf", ("08", "合计", "3", "1.00")),
    "SH-T08-basic-project": ("shanghai-putuo-guihuaziyuan-2024.pdf", ("08", "合计", "4", "1.00")),
    "SH-X04-08-classes": ("shanghai-putuo-guihuaziyuan-2024.pdf", ("08", "201", "3", "1.00")),
    # 部门预算: the identities every budget template keeps (budget-generic) on 国家信访局 2026, and
    # 江苏's own on 江苏省人大常委会办公厅 2019 (tests/test_real_budgets.py reads both whole)
    "Y01-income-total": ("budget/central-2026-067.pdf", ("预算01", "本年收入合计", "金额", "1.00")),
    "Y01-income-grand-total": ("budget/central-2026-067.pdf", ("预算01", "上年结转", "金额", "1.00")),
    "Y01-expenditure-grand-total": ("budget/central-2026-067.pdf", ("预算01", "结转下年", "金额", "1.00")),
    "Y01-balance": ("budget/central-2026-067.pdf", ("预算01", "收入总计", "金额", "1.00")),
    "Y01-classes": ("budget/central-2026-067.pdf", ("预算01", "201", "金额", "1.00")),
    "Y02-sources": ("budget/central-2026-067.pdf", ("预算02", "1", "上年结转", "1.00")),
    "Y03-uses": ("budget/central-2026-067.pdf", ("预算03", "合计", "基本支出", "1.00")),
    "Y04-income-total": ("budget/central-2026-067.pdf", ("预算04", "本年收入合计", "金额", "1.00")),
    "Y04-carryover": ("budget/central-2026-067.pdf", ("预算04", "上年结转", "金额", "1.00")),
    "Y04-income-grand-total": ("budget/central-2026-067.pdf", ("预算04", "收入总计", "金额", "1.00")),
    "Y04-classes": ("budget/central-2026-067.pdf", ("预算04", "201", "金额", "1.00")),
    "Y04-expenditure-grand-total": ("budget/central-2026-067.pdf", ("预算04", "结转下年", "金额", "1.00")),
    "Y04-balance": ("budget/central-2026-067.pdf", ("预算04", "支出总计", "金额", "1.00")),
    "Y05-basic-project": ("budget/central-2026-067.pdf", ("预算05", "合计", "基本支出", "1.00")),
    "Y07-total": ("budget/central-2026-067.pdf", ("预算07", "1", "合计", "1.00")),
    "Y07-vehicles": ("budget/central-2026-067.pdf", ("预算07", "1", "公务用车购置费", "1.00")),
    "Y08-basic-project": ("budget/central-2026-067.pdf", ("预算08", "合计", "合计", "1.00")),
    "Y09-basic-project": ("budget/central-2026-067.pdf", ("预算09", "合计", "合计", "1.00")),
    "Y-X01-02": ("budget/central-2026-067.pdf", ("预算02", "1", "合计", "1.00")),
    "Y-X01-03": ("budget/central-2026-067.pdf", ("预算03", "合计", "合计", "1.00")),
    "Y-X01-04": ("budget/central-2026-067.pdf", ("预算04", "一般公共预算拨款收入", "金额", "1.00")),
    "Y-X04-05": ("budget/central-2026-067.pdf", ("预算05", "合计", "合计", "1.00")),
    "Y-X05-06": ("budget/central-2026-067.pdf", ("预算06", "合计", "合计", "1.00")),
    "Y-JS01-income-total": ("budget/jiangsu-2019-017.pdf", ("预算01", "财政专户管理资金", "金额", "1.00")),
    "Y-JS01-appropriations": ("budget/jiangsu-2019-017.pdf", ("预算01", "政府性基金预算", "金额", "1.00")),
    "Y-JS01-uses": ("budget/jiangsu-2019-017.pdf", ("预算01", "基本支出", "金额", "1.00")),
    "Y-JS02-general": ("budget/jiangsu-2019-017.pdf", ("预算02", "专项收入", "金额", "1.00")),
    "Y-JS02-special": ("budget/jiangsu-2019-017.pdf", ("预算02", "其他非税收入", "金额", "1.00")),
    "Y-JS02-other": ("budget/jiangsu-2019-017.pdf", ("预算02", "经营收入", "金额", "1.00")),
    "Y-JS02-total": ("budget/jiangsu-2019-017.pdf", ("预算02", "政府性基金", "金额", "1.00")),
    "Y-JS03-total": ("budget/jiangsu-2019-017.pdf", ("预算03", "1", "单位预留机动经费", "1.00")),
    "Y-JS04-income": ("budget/jiangsu-2019-017.pdf", ("预算04", "政府性基金预算", "金额", "1.00")),
    "Y-JS04-uses": ("budget/jiangsu-2019-017.pdf", ("预算04", "项目支出", "金额", "1.00")),
    "Y-JS04-balance": ("budget/jiangsu-2019-017.pdf", ("预算04", "收入总计", "金额", "1.00")),
    "Y-JS07-total": ("budget/jiangsu-2019-017.pdf", ("预算07", "1", "会议费", "1.00")),
    "Y-JS07-three": ("budget/jiangsu-2019-017.pdf", ("预算07", "1", "公务接待费", "1.00")),
    "Y-JS11-total": ("budget/jiangsu-2019-017.pdf", ("预算11", "货物", "金额", "1.00")),
    "Y-JS-X01-03": ("budget/jiangsu-2019-017.pdf", ("预算03", "1", "合计", "1.00")),
    "Y-JS-X01-03-uses": ("budget/jiangsu-2019-017.pdf", ("预算03", "1", "项目支出", "1.00")),
    "Y-JS-X01-02": ("budget/jiangsu-2019-017.pdf", ("预算02", "收入总计", "金额", "1.00")),
    "Y-JS-X04-14": ("budget/jiangsu-2019-017.pdf", ("预算14", "合计", "金额", "1.00")),
    "Y-JS-X04-15": ("budget/jiangsu-2019-017.pdf", ("预算15", "合计", "金额", "1.00")),
    "Y-JS-X01-04": ("budget/jiangsu-2019-017.pdf", ("预算01", "财政拨款", "金额", "1.00")),
    "Y-JS-X04-05": ("budget/jiangsu-2019-017.pdf", ("预算05", "合计", "金额", "1.00")),
    "Y-JS-X04-08": ("budget/jiangsu-2019-017.pdf", ("预算08", "合计", "金额", "1.00")),
    # 上海's own on 上海交通职业技术学院 2026 (amounts in 元)
    "Y-SH01-income": ("budget/shanghai-2026-037.pdf", ("预算01", "事业收入", "金额", "1000")),
    "Y-SH01-appropriations": (
        "budget/shanghai-2026-037.pdf",
        ("预算01", "政府性基金预算拨款收入", "金额", "1000"),
    ),
    "Y-SH01-classes": ("budget/shanghai-2026-037.pdf", ("预算01", "205", "合计", "1000")),
    "Y-SH01-balance": ("budget/shanghai-2026-037.pdf", ("预算01", "收入总计", "金额", "1000")),
    "Y-SH02-sources": ("budget/shanghai-2026-037.pdf", ("预算02", "合计", "事业收入", "1000")),
    "Y-SH04-income": ("budget/shanghai-2026-037.pdf", ("预算04", "政府性基金预算拨款收入", "金额", "1000")),
    "Y-SH04-classes": ("budget/shanghai-2026-037.pdf", ("预算04", "205", "合计", "1000")),
    "Y-SH04-funds": ("budget/shanghai-2026-037.pdf", ("预算04", "205", "政府性基金预算", "1000")),
    "Y-SH04-balance": ("budget/shanghai-2026-037.pdf", ("预算04", "支出总计", "合计", "1000")),
    "Y-SH-X01-02": ("budget/shanghai-2026-037.pdf", ("预算02", "合计", "合计", "1000")),
    "Y-SH-X01-03": ("budget/shanghai-2026-037.pdf", ("预算03", "合计", "合计", "1000")),
    "Y-SH-X02-04": ("budget/shanghai-2026-037.pdf", ("预算02", "合计", "财政拨款收入", "1000")),
    "Y-SH-X04-05-classes": ("budget/shanghai-2026-037.pdf", ("预算05", "205", "合计", "1000")),
    # 江苏 2026's own on 苏州市交通运输局 2026 (万元)
    "Y-JS26-14-uses": ("budget/suzhou-2026-059.pdf", ("预算14", "合计", "项目支出", "1.00")),
    "Y-JS26-14-basic": ("budget/suzhou-2026-059.pdf", ("预算14", "合计", "人员经费", "1.00")),
    "Y-JS26-15-basic": ("budget/suzhou-2026-059.pdf", ("预算15", "合计", "人员经费", "1.00")),
    "Y-JS26-05-basic": ("budget/suzhou-2026-059.pdf", ("预算05", "合计", "公用经费", "1.00")),
    "Y-JS26-06-basic": ("budget/suzhou-2026-059.pdf", ("预算06", "合计", "公用经费", "1.00")),
    "Y-JS26-11-kinds": ("budget/suzhou-2026-059.pdf", ("预算11", "服务", "金额", "1.00")),
    "Y-JS26-11-sources": ("budget/suzhou-2026-059.pdf", ("预算11", "合计", "一般公共预算资金", "1.00")),
    "Y-JS26-X01-03-classes": ("budget/suzhou-2026-059.pdf", ("预算03", "214", "合计", "1.00")),
    "Y-JS26-X04-14": ("budget/suzhou-2026-059.pdf", ("预算14", "合计", "合计", "1.00")),
    "Y-JS26-X04-14-classes": ("budget/suzhou-2026-059.pdf", ("预算14", "214", "合计", "1.00")),
    "Y-JS26-X14-15": ("budget/suzhou-2026-059.pdf", ("预算15", "合计", "合计", "1.00")),
    # 重庆 2026's own on 中共重庆市委宣传部 2026 (万元)
    "Y-CQ01-income": ("budget/chongqing-2026-051.pdf", ("预算01", "事业收入", "金额", "1.00")),
    "Y-CQ01-classes": ("budget/chongqing-2026-051.pdf", ("预算01", "205", "金额", "1.00")),
    "Y-CQ01-balance": ("budget/chongqing-2026-051.pdf", ("预算01", "支出总计", "金额", "1.00")),
    "Y-CQ02-sources": ("budget/chongqing-2026-051.pdf", ("预算02", "合计", "事业收入", "1.00")),
    "Y-CQ04-classes": ("budget/chongqing-2026-051.pdf", ("预算04", "205", "一般公共预算", "1.00")),
    "Y-CQ04-expenditure": ("budget/chongqing-2026-051.pdf", ("预算04", "支出总计", "一般公共预算", "1.00")),
    "Y-CQ04-funds": ("budget/chongqing-2026-051.pdf", ("预算04", "201", "一般公共预算", "1.00")),
    "Y-CQ04-balance": ("budget/chongqing-2026-051.pdf", ("预算04", "收入总计", "金额", "1.00")),
    "Y-CQ05-uses": ("budget/chongqing-2026-051.pdf", ("预算05", "合计", "项目支出", "1.00")),
    "Y-CQ05-basic": ("budget/chongqing-2026-051.pdf", ("预算05", "合计", "人员经费", "1.00")),
    "Y-CQ06-basic": ("budget/chongqing-2026-051.pdf", ("预算06", "合计", "人员经费", "1.00")),
    "Y-CQ11-kinds": ("budget/chongqing-2026-051.pdf", ("预算11", "服务", "金额", "1.00")),
    "Y-CQ-X01-02": ("budget/chongqing-2026-051.pdf", ("预算02", "合计", "合计", "1.00")),
    "Y-CQ-X01-03": ("budget/chongqing-2026-051.pdf", ("预算03", "合计", "合计", "1.00")),
    "Y-CQ-X01-04": ("budget/chongqing-2026-051.pdf", ("预算04", "一般公共预算上年结转", "金额", "1.00")),
    "Y-CQ-X04-05": ("budget/chongqing-2026-051.pdf", ("预算05", "合计", "合计", "1.00")),
    # 教育部直属高校's own on 西南大学 2021 and 2024 (万元)
    "Y-MU01-income": ("budget/swu-2021-006.pdf", ("预算01", "事业收入", "金额", "1.00")),
    "Y-MU02-sources": ("budget/swu-2021-006.pdf", ("预算02", "205", "事业收入", "1.00")),
    "Y-MU14-uses": ("budget/swu-2021-006.pdf", ("预算14", "合计", "项目支出", "1.00")),
    "Y-MU-X01-02": ("budget/swu-2021-006.pdf", ("预算02", "合计", "合计", "1.00")),
    "Y-MU-X01-03-classes": ("budget/swu-2021-006.pdf", ("预算03", "205", "合计", "1.00")),
    "Y-MU-X01-14": ("budget/swu-2021-006.pdf", ("预算14", "合计", "合计", "1.00")),
    "Y-MU24-X01-02": ("budget/swu-2024-008.pdf", ("预算02", "1", "合计", "1.00")),
    # 深圳 2026's own on 深圳市人民政府口岸办公室 2026 (万元)
    "Y-SZ01-funds": ("budget/shenzhen-2026-047.pdf", ("预算01", "政府性基金预算拨款收入", "金额", "1.00")),
    "Y-SZ01-unit": ("budget/shenzhen-2026-047.pdf", ("预算01", "事业收入", "金额", "1.00")),
    "Y-SZ01-carryover": ("budget/shenzhen-2026-047.pdf", ("预算01", "非财政拨款上年结转", "金额", "1.00")),
    "Y-SZ04-funds": ("budget/shenzhen-2026-047.pdf", ("预算04", "政府性基金预算拨款收入", "金额", "1.00")),
    "Y-SZ-X01-04": ("budget/shenzhen-2026-047.pdf", ("预算04", "上年结转", "金额", "1.00")),
    "Y-SZ07-total": ("budget/shenzhen-2026-047.pdf", ("预算07", "2026年", "公务接待费", "1.00")),
    "Y-SZ07-last-total": ("budget/shenzhen-2026-047.pdf", ("预算07", "2025年", "公务接待费", "1.00")),
    "Y-SZ07-vehicles": ("budget/shenzhen-2026-047.pdf", ("预算07", "2026年", "公务用车购置费", "1.00")),
    "Y-SZ07-last-vehicles": (
        "budget/shenzhen-2026-047.pdf",
        ("预算07", "2025年", "公务用车运行维护费", "1.00"),
    ),
    "Y-SZ07-change": ("budget/shenzhen-2026-047.pdf", ("预算07", "增减变化金额", "合计", "1.00")),
    "Y-SZ06-basic-project": ("budget/shenzhen-2026-047.pdf", ("预算06", "302", "项目支出", "1.00")),
    "Y-SZ17-sources": ("budget/shenzhen-2026-047.pdf", ("预算17", "30101", "上年结转", "1.00")),
    "Y-SZ17-funds": ("budget/shenzhen-2026-047.pdf", ("预算17", "30101", "政府性基金预算拨款收入", "1.00")),
    "Y-SZ10-sources": ("budget/shenzhen-2026-047.pdf", ("预算10", "口岸管理业务", "事业收入", "1.00")),
    "Y-SZ-X03-17": ("budget/shenzhen-2026-047.pdf", ("预算17", "合计", "合计", "5,007.59")),
    "Y-SZ-X03-10": ("budget/shenzhen-2026-047.pdf", ("预算10", "合计", "合计", "50,879.08")),
    "Y-SZ-X04-05": ("budget/shenzhen-2026-047.pdf", ("预算05", "合计", "合计", "55,885.67")),
    "Y-SZ-X05-06": ("budget/shenzhen-2026-047.pdf", ("预算06", "合计", "合计", "55,885.67")),
    "Y-SZ-X05-06-basic": ("budget/shenzhen-2026-047.pdf", ("预算06", "合计", "基本支出", "5,007.59")),
    "Y-SZ-X05-06-project": ("budget/shenzhen-2026-047.pdf", ("预算06", "合计", "项目支出", "50,879.08")),
    # 交通运输局 spends 政府性基金 (4,165.00 万元, page 47)
    "Y-SZ-X04-08": ("budget/shenzhen-2026-045.pdf", ("预算08", "合计", "合计", "4,166.00")),
    "Y-SZ-X04-09": ("budget/shenzhen-2026-047.pdf", ("预算09", "合计", "合计", "1.00")),
    # 广州 2026's own on 广州市交通运输局 2026 (万元)
    "Y-GZ01-income": ("budget/guangzhou-2026-055.pdf", ("预算01", "事业收入", "金额", "1.00")),
    "Y-GZ01-classes": ("budget/guangzhou-2026-055.pdf", ("预算01", "214", "金额", "1.00")),
    "Y-GZ02-sources": ("budget/guangzhou-2026-055.pdf", ("预算02", "合计", "事业收入", "1.00")),
    "Y-GZ07-total": ("budget/guangzhou-2026-055.pdf", ("预算07", "三公经费", "合计", "1.00")),
    "Y-GZ07-vehicles": (
        "budget/guangzhou-2026-055.pdf",
        ("预算07", "公务用车购置费", "一般公共预算", "1.00"),
    ),
    "Y-GZ07-funds": ("budget/guangzhou-2026-055.pdf", ("预算07", "行政经费", "合计", "1.00")),
    "Y-GZ17-funds": ("budget/guangzhou-2026-055.pdf", ("预算17", "合计", "其他资金", "1.00")),
    "Y-GZ10-funds": ("budget/guangzhou-2026-055.pdf", ("预算10", "合计", "财政专户拨款", "1.00")),
    "Y-GZ-X01-02": ("budget/guangzhou-2026-055.pdf", ("预算02", "合计", "合计", "1.00")),
    "Y-GZ-X01-02-other": ("budget/guangzhou-2026-055.pdf", ("预算02", "合计", "其他收入", "1.00")),
    "Y-GZ-X01-04": ("budget/guangzhou-2026-055.pdf", ("预算04", "本年收入合计", "金额", "1.00")),
    "Y-GZ-X05-16": ("budget/guangzhou-2026-055.pdf", ("预算16", "合计", "合计", "1.00")),
    "Y-GZ-X03-17": ("budget/guangzhou-2026-055.pdf", ("预算17", "合计", "总计", "1.00")),
    "Y-GZ-X03-10": ("budget/guangzhou-2026-055.pdf", ("预算10", "合计", "总计", "1.00")),
    "Y-GZ-X04-08": ("budget/guangzhou-2026-055.pdf", ("预算08", "合计", "合计", "1.00")),
    # 长沙 2026's own on 长沙市信访局 2026 (万元)
    "Y-CS01-income": ("budget/changsha-2026-072.pdf", ("预算01", "事业收入", "金额", "1.00")),
    "Y-CS01-income-total": ("budget/changsha-2026-072.pdf", ("预算01", "上年结转", "金额", "1.00")),
    "Y-CS01-uses": ("budget/changsha-2026-072.pdf", ("预算01", "项目支出", "金额", "1.00")),
    "Y-CS01-expenditure-total": ("budget/changsha-2026-072.pdf", ("预算01", "结转下年", "金额", "1.00")),
    "Y-CS02-sources": ("budget/changsha-2026-072.pdf", ("预算02", "201", "事业收入", "1.00")),
    "Y-CS04-classes": ("budget/changsha-2026-072.pdf", ("预算04", "201", "一般公共预算", "1.00")),
    "Y-CS04-expenditure": ("budget/changsha-2026-072.pdf", ("预算04", "支出总计", "一般公共预算", "1.00")),
    "Y-CS04-funds": ("budget/changsha-2026-072.pdf", ("预算04", "201", "合计", "1.00")),
    "Y-CS04-balance": ("budget/changsha-2026-072.pdf", ("预算04", "收入总计", "金额", "1.00")),
    "Y-CS05-uses": ("budget/changsha-2026-072.pdf", ("预算05", "合计", "项目支出", "1.00")),
    "Y-CS06-basic": ("budget/changsha-2026-072.pdf", ("预算06", "合计", "公用经费", "1.00")),
    "Y-CS07-total": ("budget/changsha-2026-072.pdf", ("预算07", "合计", "公务接待费", "1.00")),
    "Y-CS07-vehicles": ("budget/changsha-2026-072.pdf", ("预算07", "合计", "公务用车运行维护费", "1.00")),
    "Y-CS-X01-02": ("budget/changsha-2026-072.pdf", ("预算02", "合计", "合计", "1.00")),
    "Y-CS-X01-03": ("budget/changsha-2026-072.pdf", ("预算03", "合计", "基本支出", "1.00")),
    "Y-CS-X01-04": ("budget/changsha-2026-072.pdf", ("预算04", "本年收入合计", "金额", "1.00")),
    "Y-CS-X04-05": ("budget/changsha-2026-072.pdf", ("预算05", "合计", "合计", "1.00")),
    # 西安 2026's own on 西安市公安局 2026 (its tables in 元; tests/test_real_budgets.py reads it whole)
    "Y-XA01-grand-total": ("budget/xian-2026-079.pdf", ("预算01", "上年实户资金余额", "金额", "1.00")),
    "Y-XA01-funds": ("budget/xian-2026-079.pdf", ("预算01", "财政拨款收入", "金额", "1.00")),
    "Y-XA01-carryover": ("budget/xian-2026-079.pdf", ("预算01", "财政拨款资金结转", "金额", "1.00")),
    "Y-XA01-classes": ("budget/xian-2026-079.pdf", ("预算01", "204", "功能分类", "1.00")),
    "Y-XA01-expenditure": ("budget/xian-2026-079.pdf", ("预算01", "支出总计", "功能分类", "1.00")),
    "Y-XA01-balance": ("budget/xian-2026-079.pdf", ("预算01", "收入总计", "金额", "1.00")),
    "Y-XA01-department": (
        "budget/xian-2026-079.pdf",
        ("预算01", "本年支出合计（部门经济分类）", "部门经济分类", "1.00"),
    ),
    "Y-XA01-basic": ("budget/xian-2026-079.pdf", ("预算01", "基本支出301", "部门经济分类", "1.00")),
    "Y-XA01-project": ("budget/xian-2026-079.pdf", ("预算01", "项目支出302", "部门经济分类", "1.00")),
    "Y-XA01-department-total": (
        "budget/xian-2026-079.pdf",
        ("预算01", "支出总计（部门经济分类）", "部门经济分类", "1.00"),
    ),
    "Y-XA01-government": ("budget/xian-2026-079.pdf", ("预算01", "501", "政府经济分类", "1.00")),
    "Y-XA01-government-total": (
        "budget/xian-2026-079.pdf",
        ("预算01", "支出总计（政府经济分类）", "政府经济分类", "1.00"),
    ),
    "Y-XA01-sides": (
        "budget/xian-2026-079.pdf",
        ("预算01", "本年支出合计（部门经济分类）", "部门经济分类", "1.00"),
    ),
    "Y-XA01-sides-government": (
        "budget/xian-2026-079.pdf",
        ("预算01", "本年支出合计（政府经济分类）", "政府经济分类", "1.00"),
    ),
    "Y-XA04-classes": ("budget/xian-2026-079.pdf", ("预算04", "204", "功能分类", "1.00")),
    "Y-XA04-expenditure": ("budget/xian-2026-079.pdf", ("预算04", "支出总计", "功能分类", "1.00")),
    "Y-XA04-balance": ("budget/xian-2026-079.pdf", ("预算04", "收入总计", "金额", "1.00")),
    "Y-XA04-department": (
        "budget/xian-2026-079.pdf",
        ("预算04", "本年支出合计（部门经济分类）", "部门经济分类", "1.00"),
    ),
    "Y-XA04-basic": ("budget/xian-2026-079.pdf", ("预算04", "基本支出301", "部门经济分类", "1.00")),
    "Y-XA04-project": ("budget/xian-2026-079.pdf", ("预算04", "项目支出302", "部门经济分类", "1.00")),
    "Y-XA04-department-total": (
        "budget/xian-2026-079.pdf",
        ("预算04", "支出总计（部门经济分类）", "部门经济分类", "1.00"),
    ),
    "Y-XA04-government": ("budget/xian-2026-079.pdf", ("预算04", "501", "政府经济分类", "1.00")),
    "Y-XA04-government-total": (
        "budget/xian-2026-079.pdf",
        ("预算04", "支出总计（政府经济分类）", "政府经济分类", "1.00"),
    ),
    "Y-XA04-sides": (
        "budget/xian-2026-079.pdf",
        ("预算04", "本年支出合计（部门经济分类）", "部门经济分类", "1.00"),
    ),
    "Y-XA04-sides-government": (
        "budget/xian-2026-079.pdf",
        ("预算04", "本年支出合计（政府经济分类）", "政府经济分类", "1.00"),
    ),
    "Y-XA02-sources": ("budget/xian-2026-079.pdf", ("预算02", "合计", "其他收入", "1.00")),
    "Y-XA03-sources": ("budget/xian-2026-079.pdf", ("预算03", "合计", "其他收入", "1.00")),
    "Y-XA05-uses": ("budget/xian-2026-079.pdf", ("预算05", "2040201", "人员经费", "1.00")),
    "Y-XA18-uses": ("budget/xian-2026-079.pdf", ("预算18", "合计", "人员经费", "1.00")),
    "Y-XA19-basic": ("budget/xian-2026-079.pdf", ("预算19", "合计", "公用经费", "1.00")),
    "Y-XA06-basic": ("budget/xian-2026-079.pdf", ("预算06", "30108", "合计", "1.00")),
    "Y-XA07-total": ("budget/xian-2026-079.pdf", ("预算07", "1", "会议费", "1.00")),
    "Y-XA07-three": ("budget/xian-2026-079.pdf", ("预算07", "1", "公务接待费", "1.00")),
    "Y-XA07-last-total": ("budget/xian-2026-079.pdf", ("预算07", "1", "上年培训费", "1.00")),
    "Y-XA-X01-02": ("budget/xian-2026-079.pdf", ("预算02", "合计", "合计", "1.00")),
    "Y-XA-X01-03": ("budget/xian-2026-079.pdf", ("预算03", "合计", "合计", "1.00")),
    "Y-XA-X05-06": ("budget/xian-2026-079.pdf", ("预算06", "合计", "合计", "1.00")),
    "Y-XA-X05-18": ("budget/xian-2026-079.pdf", ("预算18", "合计", "合计", "1.00")),
    "Y-XA-X06-19": ("budget/xian-2026-079.pdf", ("预算19", "合计", "合计", "1.00")),
}


def test_every_rule_a_template_declares_has_an_example():
    declared = {rule.id for name in templates() for rule in template_identities(name)}
    assert declared == set(TEMPLATE_RULE_EXAMPLES)


@needs_real
@pytest.mark.parametrize("rule_id", sorted(TEMPLATE_RULE_EXAMPLES))
def test_a_templates_own_rule_passes_on_its_sample_and_fails_with_a_figure_changed(rule_id):
    from mutations import with_figure

    from juesuan.rules import run_rules

    name, change = TEMPLATE_RULE_EXAMPLES[rule_id]
    disclosure, _ = read_path(REAL / name)
    assert not [f for f in run_rules(disclosure) if f.rule == rule_id]
    changed = [f for f in run_rules(with_figure(disclosure, *change)) if f.rule == rule_id]
    assert [f.severity.value for f in changed] == ["error"]


# A budget table printing a line per 部门 and unit under its 合计 (`named = "units"`) has every line read:
# its identities over every line (*) hold on the units' lines too, each shown failing on one of them
# with one printed figure changed.
UNIT_LINE_EXAMPLES = {
    "Y-XA02-sources": (
        "budget/xian-2026-079.pdf",
        ("预算02", "153003 西安市公安局监所管理支队", "其他收入", "1.00"),
    ),
    "Y-XA03-sources": (
        "budget/xian-2026-079.pdf",
        ("预算03", "153011 西安市公安局治安管理支队", "上年实户资金余额", "1.00"),
    ),
    "Y-XA07-three": (
        "budget/xian-2026-079.pdf",
        ("预算07", "153002 西安市公安局交通管理支队", "公务接待费", "1.00"),
    ),
    # 西安's 增减变化情况 columns, declared as the table's `changes` (Y-change checks every line)
    "Y-change": (
        "budget/xian-2026-077.pdf",
        ("预算07", "114001 西安市人民政府办公厅", "增减合计", "1.00"),
    ),
    "Y-CS07-total": ("budget/changsha-2026-072.pdf", ("预算07", "长沙市信访局", "公务接待费", "1.00")),
    "Y-GZ02-sources": ("budget/guangzhou-2026-055.pdf", ("预算02", "广州市交通管理总站", "其他收入", "1.00")),
    "Y-GZ17-funds": (
        "budget/guangzhou-2026-057.pdf",
        ("预算17", "广州市胸科医院 工资福利支出", "其他资金", "1.00"),
    ),
    "Y02-sources": (
        "budget/suzhou-2026-059.pdf",
        ("预算02", "123004 苏州市公路事业发展中心", "其他收入", "1.00"),
    ),
}


@needs_real
@pytest.mark.parametrize("rule_id", sorted(UNIT_LINE_EXAMPLES))
def test_an_identity_over_every_line_holds_on_the_units_lines_and_fails_on_one(rule_id):
    from mutations import with_figure

    from juesuan.rules import run_rules

    name, change = UNIT_LINE_EXAMPLES[rule_id]
    disclosure, _ = read_path(REAL / name)
    assert disclosure.table(change[0]).row(change[1]) is not None
    assert not [f for f in run_rules(disclosure) if f.rule == rule_id]
    changed = [f for f in run_rules(with_figure(disclosure, *change)) if f.rule == rule_id]
    assert [(f.severity.value, f.cells[0].row) for f in changed] == [("error", change[1])]


# The change on last year a budget table prints (中央 预算05: 2026年预算数比2025年执行数 增减额 增减(%),
# twice: as printed and 扣除中央基建投资), read and checked (rules/budget.py Y-change, Y-change-rate); and
# 重庆's own identities over the 2025年预算数 block of its 三公 table. Each holds on its sample and fails
# with one printed figure changed: a rate one unit of its last place off, a change two (本年 − 上年 stands
# for ± one unit itself).
TEMPLATE_RULE_EXAMPLES.update(
    {
        "Y-CQ07-last-total": ("budget/chongqing-2026-049.pdf", ("预算07", "1", "上年公务接待费", "11.00")),
        "Y-CQ07-last-vehicles": (
            "budget/chongqing-2026-049.pdf",
            ("预算07", "1", "上年公务用车购置费", "1.00"),
        ),
    }
)
CHANGE_EXAMPLES = [
    # 2014099 其他信访事务支出 25,143.24 1,601.04 3,623.98 … -21,519.26 -85.59% 2,022.94 126.35%
    ("Y-change", "2014099", "增减额", "-21,519.28"),
    ("Y-change", "2014099", "增减额（扣除中央基建投资）", "2,022.96"),
    ("Y-change-rate", "2014099", "增减率", "-85.60"),
    ("Y-change-rate", "2014099", "增减率（扣除中央基建投资）", "126.36"),
    # 合 计 37,241.42 13,699.22 16,474.82 … -20,766.60 -55.76% 2,775.60 20.26%
    ("Y-change-rate", "合计", "增减率（扣除中央基建投资）", "20.25"),
]


@needs_real
@pytest.mark.parametrize("rule_id", ["Y-CQ07-last-total", "Y-CQ07-last-vehicles"])
def test_chongqings_last_year_three_public_block_adds_up_and_fails_with_a_figure_changed(rule_id):
    from mutations import with_figure

    from juesuan.rules import run_rules

    name, change = TEMPLATE_RULE_EXAMPLES[rule_id]
    disclosure, _ = read_path(REAL / name)
    assert disclosure.table("预算07").figure("1", "上年合计").text == "396.97"  # p.20, 2025年预算数 合计
    assert not [f for f in run_rules(disclosure) if f.rule == rule_id]
    changed = [f for f in run_rules(with_figure(disclosure, *change)) if f.rule == rule_id]
    assert [f.severity.value for f in changed] == ["error"]


@needs_real
@pytest.mark.parametrize(("rule_id", "row", "column", "text"), CHANGE_EXAMPLES)
def test_a_printed_change_on_last_year_holds_and_fails_when_off(rule_id, row, column, text):
    from mutations import with_figure

    from juesuan.rules import run_rules

    disclosure, _ = read_path(REAL / "budget/central-2026-067.pdf")
    assert not [f for f in run_rules(disclosure) if f.rule in ("Y-change", "Y-change-rate")]
    changed = [
        f for f in run_rules(with_figure(disclosure, "预算05", row, column, text)) if f.rule == rule_id
    ]
    assert [(f.severity.value, f.cells[0].row, f.cells[0].col) for f in changed] == [("error", row, column)]


@needs_real
def test_a_rate_column_is_not_summed_down_the_functional_tree():
    """增减率 does not add up (208 社会保障和就业支出 -5.22% over items of -11.97%, -8.10%, 1.17%,
    4.75%): H-functional-sum passes it over, and still sums the 增减额 beside it."""
    from mutations import with_figure

    from juesuan.rules import run_rules

    disclosure, _ = read_path(REAL / "budget/central-2026-067.pdf")
    general = disclosure.table("预算05")
    assert [general.figure(code, "增减率").text for code in ("20805", "2080501", "2080503")] == [
        "-5.22",
        "-11.97",
        "-8.10",
    ]
    assert general.figure("20805", "增减率").unit == "%"
    assert not [f for f in run_rules(disclosure) if f.rule == "H-functional-sum"]
    changed = with_figure(disclosure, "预算05", "2080503", "增减额", "-18.06")
    found = [f for f in run_rules(changed) if f.rule == "H-functional-sum"]
    assert [(f.cells[0].row, f.cells[0].col) for f in found] == [("20805", "增减额")]
