"""No false warnings from wording: the usual ways a unit says it had none of something, counts
worded otherwise, a blanket empty-table note, the Shanghai glossary's 机关运行经费. Each is the
reference sample with one passage reworded as real documents word it; the sample's one finding
(六 职工基本医疗保险缴费 7.55 against 7.54) stays the only one that is not information.
"""

from __future__ import annotations

import pytest
from conftest import SAMPLE

from juesuan.rules import Severity, run_rules
from juesuan.sources import read_bytes

# the sample with its 部门/单位 mixing (目录 and part heading: 部门决算表) mended, so that the one
# finding left is its 7.55
TEXT = SAMPLE.read_text(encoding="utf-8").replace("2024年部门决算表", "2024年单位决算表")
SAMPLE_ERROR = ("N-amount", "06", "30110", "决算数")
NINE_START = "九、财政拨款“三公”经费支出决算情况说明\n"
NINE_END = "\n十、其他重要事项情况说明"


def findings(text: str) -> list[tuple]:
    """The findings that are not information, as flat tuples."""
    assert text != TEXT
    disclosure, _ = read_bytes(text.encode("utf-8"), "x.txt")
    return [f.as_tuple() for f in run_rules(disclosure) if f.severity != Severity.INFO]


def with_nine(body: str) -> str:
    """The sample with section 九 saying only `body`."""
    start = TEXT.rindex(NINE_START) + len(NINE_START)
    return TEXT[:start] + "\n" + body + "\n" + TEXT[TEXT.index(NINE_END, start) :]


def test_the_sample_gives_its_one_finding():
    disclosure, _ = read_bytes(TEXT.encode("utf-8"), "x.txt")
    assert [f.as_tuple() for f in run_rules(disclosure) if f.severity != Severity.INFO] == [SAMPLE_ERROR]


@pytest.mark.parametrize(
    "body",
    [
        "本单位无“三公”经费财政拨款支出。",  # 上海市财政局's template
        "中共上海市普陀区委社会工作部 2024 年度无“三公”经费财政拨款支出。",  # as 社会工作部 prints it
        "2024年度本单位未发生“三公”经费支出。",
        "本单位2024年度没有使用财政拨款安排“三公”经费。",
        "2024年度“三公”经费财政拨款支出均为0。",
    ],
)
def test_a_unit_that_says_it_had_no_three_public_spending_draws_no_warning(body):
    assert findings(with_nine(body)) == [SAMPLE_ERROR]


def test_no_travel_abroad_said_without_a_count_draws_no_warning():
    said = "1、因公出国（境）费支出0万元，出国（境）团组共0个，0人次。主要用于：本单位无因公出国（境）支出。"
    assert said in TEXT
    assert findings(TEXT.replace(said, "1、因公出国（境）费支出0万元。本年度未发生因公出国（境）。")) == [
        SAMPLE_ERROR
    ]


def test_receptions_counted_in_times_and_persons_draw_no_warning():
    text = TEXT.replace("共接待0批次，0人次", "共接待0次，0人")
    assert findings(text) == [SAMPLE_ERROR]


BLANKET = "注：本单位无政府性基金预算、国有资本经营预算财政拨款收支及“三公”经费支出，{}为空表。\n\n"


def with_blanket_note(tables: str) -> str:
    """The notes under 07, 08 and 09 replaced by one note after the tables naming them all."""
    text = TEXT.replace("说明：本表无数据\n", "")
    at = text.index("第三部分 情况说明\n\n一、")
    return text[:at] + BLANKET.format(tables) + text[at:]


def test_a_blanket_empty_table_note_after_the_table_list_draws_no_warning():
    assert findings(with_blanket_note("07表、08表、09表")) == [SAMPLE_ERROR]
    assert findings(with_blanket_note("07、08、09表")) == [SAMPLE_ERROR]


def test_a_blanket_note_naming_the_tables_by_their_full_numbers_draws_no_warning():
    assert findings(with_blanket_note("公开07表、公开08表、公开09表")) == [SAMPLE_ERROR]


def test_the_shanghai_glossary_of_running_costs_draws_no_warning():
    standard = (
        "- 十二、机关运行经费：指行政单位和参照公务员法管理的事业单位财政拨款基本支出中的公用经费支出。"
    )
    assert standard in TEXT
    shanghai = (
        "- 十二、机关运行经费：指为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的"
        "各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、"
        "办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用等日常公用经费。"
    )
    assert findings(TEXT.replace(standard, shanghai)) == [SAMPLE_ERROR]


def test_no_three_public_spending_against_a_printed_budget_draws_no_warning():
    """A budget was set (预算数 2.85) but nothing spent: the 决算数 are what the unit speaks of."""
    import dataclasses

    from juesuan.model import Paragraph, Section
    from juesuan.rules.literals import disclosure_literal, table_literal
    from juesuan.rules.registry import registered_rules

    section = Section(
        "七", "财政拨款“三公”经费支出决算情况说明", (Paragraph("本单位无“三公”经费财政拨款支出。"),)
    )
    table = table_literal("09", {"1": {"1": "2.85", "6": "2.85", "7": "0.00", "12": "0.00"}})
    disclosure = dataclasses.replace(disclosure_literal(table), narrative=(section,))
    rule = [r for r in registered_rules() if r.id == "P-three-public-explained"]
    assert run_rules(disclosure, rule) == []
    spent = table_literal("09", {"1": {"1": "2.85", "6": "2.85", "7": "0.39", "12": "0.39"}})
    assert len(run_rules(dataclasses.replace(disclosure, tables=(spent,)), rule)) == 5
