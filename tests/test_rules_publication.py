"""Publication rules (P-…): what a disclosure must contain and say, on the sample and changed copies."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import SAMPLE
from mutations import findings_of, sample_with, with_figure

from juesuan.model import Disclosure, Paragraph, Section
from juesuan.rules import Severity, run_rules
from juesuan.rules import publication as publication_rules
from juesuan.rules.literals import disclosure_literal, table_literal
from juesuan.rules.registry import Rule, registered_rules
from juesuan.sources import read_bytes, read_path

TEXT = SAMPLE.read_text(encoding="utf-8")
SAMPLE_DISCLOSURE, _ = read_path(SAMPLE)
assert publication_rules.has_data  # the module (and its publication_* parts) registers its rules
PROCUREMENT = (
    "政府采购授予中小企业合同金额564.32万元，占政府采购支出总额的88.10%。"
    "其中：授予小微企业合同金额564.32万元，占政府采购支出总额的88.10%。"
)


def rules(rule_id: str = "P-") -> list[Rule]:
    return [each for each in registered_rules() if each.id.startswith(rule_id)]


mutated = sample_with


found = findings_of


def wheres(disclosure: Disclosure, rule_id: str) -> list[str]:
    return [finding.where for finding in run_rules(disclosure, rules(rule_id))]


def with_paragraph(text: str, section: str = "九") -> Disclosure:
    """A disclosure whose only narrative is one paragraph in `section`."""
    narrative = (Section(section, "说明", (Paragraph(text),)),)
    return dataclasses.replace(disclosure_literal(), narrative=narrative)


def test_the_sample_raises_only_its_mixed_words():
    assert {each.id for each in rules()} == {
        "P-tables-present",
        "P-line-numbers",
        "P-empty-note",
        "P-three-public-explained",
        "P-procurement-explained",
        "P-year",
        "P-placeholder",
        "P-comparison-words",
        # structure, format and outside facts (rules/structure.py, format.py, outside.py)
        "P-table-order",
        "P-overview",
        "P-overview-duties",
        "P-glossary",
        "P-cover",
        "P-unit-or-department",
        "P-unit-name",
        "P-money-unit",
        "P-contents",
        "P-punctuation",
        "P-repeated-word",
        "P-too-short",
        "P-venue",
        "P-timeliness",
        "P-approved-figures",
        "P-units-covered",
    }
    # genuine: the cover says 2024年度单位决算, the 目录 (line 11) and 第二部分's heading (line 68)
    # say 2024年部门决算表
    assert [(f.rule, f.where) for f in run_rules(SAMPLE_DISCLOSURE, rules())] == [
        ("P-unit-or-department", "原文第68行"),
        ("P-unit-or-department", "原文第11行"),
    ]


def test_every_table_must_be_published():
    tables = tuple(table for table in SAMPLE_DISCLOSURE.tables if table.number != "08")
    disclosure = dataclasses.replace(SAMPLE_DISCLOSURE, tables=tables)
    assert found(disclosure, "P-tables-present") == [("P-tables-present", "08", "", "")]


def test_an_empty_table_without_a_note_is_a_warning():
    findings = run_rules(mutated("说明：本表无数据", ""), rules("P-empty-note"))
    assert [f.as_tuple() for f in findings] == [("P-empty-note", "07", "", "说明")]
    assert findings[0].severity == Severity.WARNING


def test_other_wordings_of_an_empty_table_are_accepted():
    assert (
        found(
            mutated("说明：本表无数据", "说明：本单位无政府性基金预算财政拨款收支，故本表为空表"),
            "P-empty-note",
        )
        == []
    )


def test_a_table_with_figures_saying_it_has_no_data_is_an_error():
    note = "注：本表反映部门本年度政府采购、机关运行经费和国有资产占用情况。"
    findings = run_rules(mutated(note, note + "\n\n说明：本表无数据"), rules("P-empty-note"))
    assert [(f.as_tuple(), f.severity) for f in findings] == [
        (("P-empty-note", "10", "", "说明"), Severity.ERROR)
    ]


def test_three_public_counts_must_be_stated():
    disclosure = mutated("出国（境）团组共0个，0人次。", "")
    assert found(disclosure, "P-three-public-explained") == [
        ("P-three-public-explained", "09", "1", "8"),
        ("P-three-public-explained", "09", "1", "8"),
    ]
    assert wheres(disclosure, "P-three-public-explained")[0] == "第三部分 九（二） 原文第522行"


def test_vehicle_and_reception_counts_must_be_stated():
    vehicles = mutated("使用财政拨款共购置公务用车0辆，", "")
    assert found(vehicles, "P-three-public-explained") == []  # 保有量共0辆 still states a count
    text = TEXT.replace("，使用财政拨款负担的公务用车保有量共0辆", "").replace(
        "使用财政拨款共购置公务用车0辆，", ""
    )
    disclosure, _ = read_bytes(text.replace("0批次", "若干批").encode("utf-8"), "x.txt")
    assert found(disclosure, "P-three-public-explained") == [
        ("P-three-public-explained", "09", "1", "9"),
        ("P-three-public-explained", "09", "1", "12"),
    ]


def test_procurement_must_state_the_sme_contracts():
    disclosure = mutated(PROCUREMENT, "")
    assert found(disclosure, "P-procurement-explained") == [
        ("P-procurement-explained", "10", "1", "统计数"),
        ("P-procurement-explained", "10", "1", "统计数"),
    ]
    assert wheres(disclosure, "P-procurement-explained")[0] == "第三部分 十（二） 原文第538行"


def test_no_procurement_needs_no_sme_statement():
    assert (
        found(with_figure(mutated(PROCUREMENT, ""), "10", "1", "统计数", "0"), "P-procurement-explained")
        == []
    )


@pytest.mark.parametrize(
    ("old", "new", "expected", "where"),
    [
        (
            "大同市政务服务中心\n\n2024年度\n",
            "大同市政务服务中心\n\n2023年度\n",
            ("P-year", "01", "", "年度"),
            "",
        ),
        ("截至2024年12月31日", "截至2023年12月31日", ("P-year", "", "", ""), "第三部分 十（三） 原文第544行"),
        ("2024年度收入总计", "2023年度收入总计", ("P-year", "", "", ""), "第三部分 一 原文第438行"),
        (
            "项目支出绩效自评表\n\n(2024年度)",
            "项目支出绩效自评表\n\n(2023年度)",
            ("P-year", "P01", "", "年度"),
            "",
        ),
    ],
)
def test_every_year_naming_the_reporting_period_agrees(old: str, new: str, expected: tuple, where: str):
    disclosure = mutated(old, new)
    assert found(disclosure, "P-year") == [expected]
    assert (
        where in wheres(disclosure, "P-year")[0]
        and "应为本次公开的 2024 年度" in run_rules(disclosure, rules("P-year"))[0].message
    )


def test_last_year_and_later_dates_are_not_the_reporting_period():
    assert found(SAMPLE_DISCLOSURE, "P-year") == []  # 比2023年增加…, 剩余20%于2025年支付
    assert found(with_paragraph("2025年，我单位将继续规范项目管理。", "十"), "P-year") == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("本单位有独立编制机构数1个", "本单位有独立编制机构数XX个"),
        ("主要原因是当年新增项目", "主要原因是【请填写主要原因】"),
        ("2024年度收入总计1,134.08万元", "2024年度收入总计X万元"),
        ("2010306\t政务公开审批", "2010306\t××审批"),
        ("为残疾人士就业提供帮助。", "（此处填写年度目标）"),
    ],
)
def test_template_placeholders_left_in_are_errors(old: str, new: str):
    assert len(found(mutated(old, new), "P-placeholder")) == 1


def test_document_numbers_and_web_addresses_are_not_placeholders():
    text = "依据同财预【2024】5号文件，详见 http://www.dt.gov.cn/xxgk/ 。2024年度收入总计1,134.08万元"
    assert found(mutated("2024年度收入总计1,134.08万元", text), "P-placeholder") == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("完成年初预算的88.47%，", "完成年初预算的88.47%，超出年初预算，"),
        ("完成年初预算的146.32%。", "完成年初预算的146.32%，未完成年初预算。"),
        ("完成年初预算的80.28%，", "完成年初预算的80.28%，决算数与年初预算持平，"),
        (
            "比上年度减少0.72万元，下降100%，主要原因是：单位公车已报废",
            "与上年持平，比上年度减少0.72万元，下降100%",
        ),
    ],
)
def test_comparison_words_must_agree_with_the_figures(old: str, new: str):
    assert found(mutated(old, new), "P-comparison-words") == [("P-comparison-words", "", "", "")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("完成年初预算的149.90%，", "完成年初预算的149.90%，超出年初预算，"),
        ("完成年初预算的88.47%，", "完成年初预算的88.47%，决算数小于预算数，"),
        ("完成年初预算的88.47%，", "完成年初预算的88.47%，未超过年初预算，"),
        ("因公出国（境）费支出0万元，与上年相同", "因公出国（境）费支出0万元，与上年持平"),
    ],
)
def test_comparison_words_that_agree_are_not_findings(old: str, new: str):
    assert found(mutated(old, new), "P-comparison-words") == []


def test_level_about_one_item_is_not_held_against_another():
    text = "公务接待费减少0.50万元，下降10%，因公出国费与上年持平；公务用车购置费与上年基本持平，增长1.2%。"
    assert found(with_paragraph(text), "P-comparison-words") == []
    assert (
        found(with_paragraph("公务接待费支出5万元，增加0.50万元，与上年持平。"), "P-comparison-words") != []
    )


def test_missing_parts_do_not_crash():
    bare = run_rules(disclosure_literal(), rules())
    # the ten tables, the parts (概况, 名词解释, the document as a whole) and the cover's 文种
    parts = {"P-overview", "P-glossary", "P-too-short", "P-cover"}
    assert {f.rule for f in bare} == {"P-tables-present", *parts} and len(bare) == 10 + len(parts)
    no_year = dataclasses.replace(disclosure_literal(table_literal("02", {"合计": {}})), year=None, title="")
    assert [f for f in run_rules(no_year, rules()) if "规则执行出错" in f.message] == []


def test_a_reception_count_may_be_given_as_times_and_people():
    """佛山 2019: “发生国内接待 1 次，接待人数共 13 人” states both the 批次 and the 人次."""
    text = TEXT.replace("0批次", "1次")
    assert "1次" in text
    disclosure, _ = read_bytes(text.encode("utf-8"), "x.txt")
    assert found(disclosure, "P-three-public-explained") == []
