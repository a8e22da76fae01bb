"""Tracing 第三部分's figures to their sources."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from real_documents import REAL, needs_real

from juesuan.model import Paragraph, Section
from juesuan.narrative.trace import trace_narrative
from juesuan.package.narrated import narrated_facts
from juesuan.rules.literals import disclosure_literal, table_literal
from juesuan.sources import read_path


def with_section(disclosure, number: str, title: str, text: str):
    section = Section(number, title, (Paragraph(text),))
    return dataclasses.replace(disclosure, narrative=(section,))


def test_a_name_printed_twice_in_06_is_traced_to_the_row_with_a_figure():
    # 30902 (基本建设) and 31002 are both 办公设备购置; only 31002 carries the amount.
    table = table_literal("06", {"30902": {}, "31002": {"决算数": "5.00"}},
                          {"30902": "办公设备购置", "31002": "办公设备购置"})  # fmt: skip
    disclosure = with_section(disclosure_literal(table), "六", "一般公共预算财政拨款基本支出决算情况说明",
                              "公用经费5.00万元，主要包括办公设备购置5.00万元。")  # fmt: skip
    sources = [t.source for t in trace_narrative(disclosure) if t.claim.label == "办公设备购置"]
    assert sources == ["06[31002,决算数]"]


def test_sections_are_found_by_title_not_by_printed_number():
    # Shanghai prints the 三公 section as 七.
    disclosure = with_section(disclosure_literal(table_literal("09", {"1": {}})), "七",
                              "财政拨款“三公”经费支出决算情况说明", "公务接待费支出0.00万元。")  # fmt: skip
    traces = trace_narrative(disclosure)
    assert [(t.section, t.source) for t in traces] == [("九", "09[1,12]")]


def test_rates_worded_with_le_or_as_a_fall_are_rates_not_shares():
    from mutations import findings_of, sample_with

    grown = sample_with(
        "项目支出922.63万元，占比81.87%。", "项目支出922.63万元，占比81.87%，比上年增长了12.00%。"
    )
    fell = sample_with(
        "项目支出922.63万元，占比81.87%。", "项目支出922.63万元，占比81.87%，较上年减少12.00%。"
    )
    assert findings_of(grown, "N-share") == findings_of(fell, "N-share") == []


def test_a_rate_is_not_paired_with_the_change_of_an_earlier_item():
    from mutations import findings_of, sample_with

    extra = "卫生健康支出年初预算10.23万元，支出决算9.05万元，完成年初预算的88.47%，较上年增长28.19%。"
    disclosure = sample_with("用于新建政务二厅。", "用于新建政务二厅。" + extra)
    assert findings_of(disclosure, "N-change-rate") == []


def test_a_rate_worded_as_its_name_is_a_rate():
    from juesuan.narrative.claims import classify

    assert classify("因此增长率为", "%") == ("rate", 1)
    assert classify("下降率为", "%") == ("rate", -1)
    assert classify("占比", "%") == ("share", 1)


def test_a_change_against_the_budget_is_of_the_amount_before_it():
    four = table_literal("04", {"59": {"3": "1668.14"}})
    text = "一般公共预算财政拨款支出1668.14万元，比年初预算数增加1668.14万元，增长0%。"
    disclosure = with_section(disclosure_literal(four), "四", "财政拨款收入支出决算总体情况说明", text)
    traces = trace_narrative(disclosure)
    assert [len(t.operands) for t in traces] == [0, 1, 2]
    amount, change, _ = (t.claim for t in traces)
    assert traces[1].operands == (amount,) and traces[2].operands == (change, amount)


@needs_real
def test_init_from_reads_the_three_public_counts_through_the_tracer():
    """国家信访局 p.23 (file p.25) 九（二）: “执行因公出国（境）团组数 1 个；全年因公出国（境）累计 1 人次”,
    “年末实际保有量为 15 辆”, “公务接待 10 批次、152 人次”; p.24 九: “授予中小企业合同金额 1820.69 万元
    …授予小微企业合同金额 1015.5 万元”. The tracer reads each as the catalogue words it, whatever the
    spacing and punctuation between them."""
    sections, _ = narrated_facts(read_path(REAL / "central-guojiaxinfangju-2024.pdf")[0])
    assert sections["三公经费说明"] == {
        "因公出国（境）费": {"团组": "1", "人次": "1"},
        "公务用车运行维护费": {"车辆": "15"},
        "公务接待费": {"批次": "10", "人次": "152"},
    }
    assert sections["政府采购"] == {"中小企业合同金额": "1820.69", "小微企业合同金额": "1015.5"}


@needs_real
def test_the_units_counted_and_a_part_of_the_receptions_are_not_counts_of_the_three_public_items():
    """佛山 2019 p.27: “下属 0 个单位出国团组 0 个、累计 0 人次”, “2019 年公务用车购置数 0 辆”,
    “下属 0 个单位 公务用车保有量为 0 辆”, “下属 1 个单位 共接待国外来访团组 0 个，来访外宾 0 人次”:
    the units are not groups or cars, the foreign visitors are a part of the receptions."""
    sections, _ = narrated_facts(read_path(REAL / "guangdong-foshan-guidaojiaotong-2019.pdf")[0])
    assert sections["三公经费说明"] == {
        "因公出国（境）费": {"团组": "0", "人次": "0"},
        "公务用车购置费": {"车辆": "0"},
        "公务用车运行维护费": {"车辆": "0", "主要用于": "无"},
    }


RUNNING = [
    # stated first, as last year's: 14.43 itself
    ("2023年机关运行经费支出14.43万元，2024年机关运行经费支出15.57万元，增加1.14万元，增长7.90%。", "14.43"),
    # this year's less the change: 15.57 − 1.14
    ("机关运行经费支出15.57万元，比2023年度增加1.14万元，增长7.90%。主要原因是会议增加。", "14.43"),
    # a change against the budget says nothing of last year (广东 2019: 比预算数增加97.19万元)
    ("机关运行经费支出15.57万元，比预算数增加1.14万元。", None),
]


@pytest.mark.parametrize(("text", "last"), RUNNING)
def test_init_from_reads_last_years_running_costs_where_no_table_prints_them(text, last):
    reference = read_path(Path(__file__).parent / "data" / "datong-zwfwzx-2024.txt")[0]
    sub = Section("（一）", "机关运行经费支出情况说明", (Paragraph(text),))
    ten = Section("十", "其他重要事项情况说明", (), (sub,))
    tables = tuple(table for table in reference.tables if table.number != "10")  # as Shanghai's
    sections, _ = narrated_facts(dataclasses.replace(reference, narrative=(ten,), tables=tables))
    assert sections["相关信息"]["机关运行经费"] == "15.57"
    found = sections["上年决算数"].get("机关运行经费")
    assert found == (Decimal(last) if last else None)
