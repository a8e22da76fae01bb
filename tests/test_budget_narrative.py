"""The 情况说明 of real 部门预算 (budget) disclosures traced to their 预算 tables, and the budget narrative's
rules (rules/budget_narrative.py), on ../shared/samples/real/budget/.

Sections are told by their titles (`sentences/budget-read.toml`), whatever number a region prints
them with; every wording of the catalogue is traced in the budget its example is printed in. For
eight budgets of seven regions (中央 国家信访局, 江苏省级 2017 and 2019, 苏州, 无锡, 北京, 西安, 西南大学) the
share of the narrative's numbers traced (to a cell, or to other numbers of the paragraph: a rate to its
change, a share to its total) and the complete list of the narrative's findings are asserted; each error was
read on its printed page (`pdftotext -layout -f N -l N`) and is commented with why it is genuine.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from mutations import with_figure
from reads import matches, read_as
from real_documents import needs_budgets
from real_documents import read_budget as read

from juesuan.catalogue.templates import template_of, under
from juesuan.model import Disclosure, Paragraph, Section
from juesuan.model.disclosure import Front
from juesuan.narrative.budget import budget_parts, budget_section, title_order, trace_budget
from juesuan.narrative.trace import Trace
from juesuan.sources import read_path

pytestmark = needs_budgets


def traced(disclosure: Disclosure) -> list[Trace]:
    with under(template_of(disclosure)):
        return trace_budget(disclosure)


def narrative_findings(disclosure: Disclosure, problems=()) -> list:
    """What `check` reports of the budget narrative's rules (rules.report.review)."""
    from juesuan.rules.report import review

    rules = ("Y-narrative-", "Y-three-public-budget", "Y-operating-costs-stated", "Y-performance-targets")
    return [f for f in review(disclosure, problems) if f.rule.startswith(rules)]


# --- sections by their titles -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "part"),
    [
        ("一、收支预算总体情况说明", "收支总体"),  # 苏州 2026
        ("一、关于部门收支总表的说明", "收支总体"),  # 国家信访局 2026
        ("四、财政拨款收支预算总体情况说明", "财政拨款收支"),  # not 收支总体
        ("四、关于财政拨款收支总表的说明", "财政拨款收支"),
        ("五、财政拨款支出预算表情况说明", "财政拨款支出"),  # 江苏 2017
        ("六、财政拨款基本支出预算情况说明", "财政拨款基本支出"),
        ("七、一般公共预算支出预算情况说明", "一般公共预算支出"),
        ("（一）一般公共预算当年拨款规模变化情况", "一般公共预算支出"),  # 国家信访局 五（一）
        ("三、财政拨款情况说明", "一般公共预算支出"),  # 重庆 2026: of the 一般公共预算 alone
        ("八、一般公共预算基本支出预算情况说明", "一般公共预算基本支出"),
        ("九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明", "三公"),  # not 一般公共预算支出
        ("四、财政拨款“三公”经费预算情况说明", "三公"),  # 北京
        ("十、政府性基金预算支出预算情况说明", "政府性基金"),
        ("十一、国有资本经营预算支出预算情况说明", "国有资本经营"),
        ("十二、一般公共预算机关运行经费支出预算情况说明", "机关运行经费"),
        ("十三、政府采购支出预算情况说明", "政府采购"),
        ("（五）国有资产占有使用情况", "国有资产"),
        ("十五、预算绩效目标设置情况说明", "绩效目标"),
        ("（六）预算绩效情况", "绩效目标"),
        ("二、收入预算情况说明", "收入"),
        ("三、支出预算情况说明", "支出"),
        ("一、部门情况说明", None),  # 职责, 机构: not traced
        ("六、名词解释", None),
        ("（三）委托业务费情况", None),
        ("2026年单位预算编制说明", "收支总体"),  # 上海: printed before the tables, unnumbered
        ("二、机关运行经费预算", "机关运行经费"),  # 上海's 其他相关情况说明 一 … 五
        ("三、政府采购预算情况", "政府采购"),
        ("五、国有资产占有使用情况", "国有资产"),
        ("六、年度预算安排", None),  # 普陀's 项目经费情况说明, per project
    ],
)
def test_a_section_is_told_by_its_title(title, part):
    assert budget_section(title) == part


def test_every_part_is_in_the_title_order():
    assert sorted(title_order()) == sorted(budget_parts())


# --- the catalogue: every wording traced in the budget its example is printed in ---------------


def _examples() -> list[tuple[str, str, str, tuple[str, ...], str]]:
    """(template or "", part, text, reads, document) of every wording and every example."""
    found = []
    templates = {"": budget_parts()}
    from juesuan.narrative.budget import _catalogue

    templates |= {name: data["part"] for name, data in _catalogue().get("template", {}).items()}
    for template, parts in templates.items():
        for key, part in parts.items():
            for row in part.get("read", ()):
                reads = tuple(row.get("reads", [f"* {row['source']}"]))
                found.append((template, key, row["example"], reads, row["document"]))
            for row in part.get("example", ()):
                found.append((template, key, row["text"], tuple(row["reads"]), row["document"]))
    return found


EXAMPLES = _examples()


@pytest.mark.parametrize(
    ("template", "part", "text", "reads", "document"),
    EXAMPLES,
    ids=[f"{e[0] or 'national'}-{e[1]}-{e[2][:14]}" for e in EXAMPLES],
)
def test_every_example_is_traced_as_the_catalogue_says(template, part, text, reads, document):
    disclosure = read(document)[0]
    assert disclosure.template == (template or disclosure.template), "例句出自该模板的文件"
    titled = budget_parts().get(part, {}).get("title", part)
    section = Section("一", titled, (Paragraph(text),))
    found = traced(dataclasses.replace(disclosure, narrative=(section,)))
    assert len(found) == len(reads), [read_as(t) for t in found]
    assert all(matches(e, t) for e, t in zip(reads, found, strict=True)), [read_as(t) for t in found]


def test_every_example_is_printed_in_its_document():
    """Each example is copied from its document: its words, spaces and line breaks aside, stand in
    the document's narrative (an example of a part may be a sentence of a longer paragraph)."""
    for _, _, text, _, document in EXAMPLES:
        printed = "".join("".join(p.text.split()) for p in _paragraphs(read(document)[0].narrative)).replace(
            ",", ""
        )
        assert "".join(text.split()).replace(",", "").rstrip("。") in printed, (document, text)


def _paragraphs(sections):
    for section in sections:
        yield from section.paragraphs
        yield from _paragraphs(section.subsections)


# --- real budgets: coverage and the complete list of findings ------------------------------------

# (numbers in the recognised sections, of which traced to a cell or to other numbers of their
# paragraph); the rest are listed as Y-narrative-untraced (无法核对) with the reason.
COVERAGE = {
    # 6 untraced: 2014099's 2026年预算数 is printed “3,623.98为万元” (p.15), so its change from 2025 and
    # that change's rate have no amount; the 绩效 section's 涉及预算拨款 and one project's amounts;
    # a 0台（套） of equipment held (no table of assets in a budget)
    "central-2026-067.pdf": (105, 99),
    # 5: 61台（套） of equipment; the 绩效目标 section's amounts, project count and 100%
    "suzhou-2026-059.pdf": (177, 172),
    # 无锡 prints 苏州's tables and wording (budget-jiangsu-2026)
    "wuxi-2026-070.pdf": (199, 194),
    # 西南大学 2024 (budget-moe-university-2024): its 财政拨款支出预算表 is 预算14
    "swu-2024-008.pdf": (29, 29),
    # 上海 (budget-shanghai-2024): the 编制说明 before the tables and the 其他相关情况说明 after them, the
    # tables in 元, the text in 万元. Untraced everywhere: each 项's “2023年当年预算执行数为…，2024年预算
    # 安排…，比2023年预算执行数增加…%” (last year's 执行数 is in no table; the rate is given without its
    # change), the change of 财政拨款 from last year's budget, the counts of cars and equipment, the
    # 绩效目标 section's project count and amount; in 037 and 039, each 类 named as “教育支出”科目 (the
    # catalogue's names of rows are 教育支出, not …科目); in 009, 50.37 of “医疗卫生与计划生育支出（类）”,
    # the 类's name before 2019 (预算05 prints 卫生健康支出); in 011, 政府采购's 预留 to 中小企业
    "shanghai-putuo-2024-009.pdf": (69, 37),
    "shanghai-2026-037.pdf": (51, 34),
    "shanghai-2026-039.pdf": (25, 17),
    "shanghai-putuo-2024-011.pdf": (179, 69),
    # 普陀区财政局 2025: its 编制说明 read once (p.7 below its clip and p.8 above it are not shown); untraced
    # besides: 0.96 of “其它行政事业单位养老支出（项）” (预算05 prints 其他…), the 三公 section's 0万元 of
    # 公务车购置及运行费 (no such words in the catalogue) and “与2024年预算一致0万元”
    "shanghai-putuo-2025-013.pdf": (63, 41),
    "jiangsu-2017-015.pdf": (78, 73),
    "jiangsu-2019-021.pdf": (112, 101),
    # 北京 publishes its tables apart from this file: only the numbers related to each other are traced
    # (a change and its rate to the amounts they are of; a sub-section's title total to its parts)
    "beijing-2026-041.pdf": (45, 28),
    # 西安 2026 (budget-xian-2026): tables in 元, narrative in 万元, each figure compared in 万元
    # (`narrative.budget.in_narrative_unit`). Its totals worded 本部门当年预算收入/财政拨款收入/一般公共预算
    # 支出 …, its 经济分类 classes by code (工资福利支出（301）, 预算18) and 2010399 (其他政府办公厅（室）…,
    # a name with a bracket of its own) trace (97 and 128 before). Untraced: the 政府经济分类 classes
    # (501 … 599: that column of 预算18 is not read) where no change is stated (504 in 077), 0.00
    # 因公出国 (no column read for it: blank), the counts of cars and equipment, and the 绩效 section's
    # 政府性基金/国有资本经营 0万元 (blank cells)
    "xian-2026-077.pdf": (115, 107),
    "xian-2026-079.pdf": (141, 134),
    # 深圳 2026 (budget-shenzhen-2026): 部门预算收入/支出 of 预算01, the “三公” of 预算07's 2026年 line (each
    # part's paragraph opened by its name: 1.因公出国（境）费用。2026年预算数…), the 政府采购项目 of 预算03
    # and its kinds summed, the 绩效 section's 涉及预算资金 (the 项目支出 of 预算03); 25 each before.
    # Untraced: the causes of the change from 2025 (轨道交通管理经费增加…: last year's budget is in no
    # table), the counts of cars and equipment and their 0.00万元. 第三部分 部门预算支出具体情况 (在职人员
    # 经费 … and each project) is not a section the catalogue tells, and is not counted
    "shenzhen-2026-045.pdf": (43, 31),
    "shenzhen-2026-047.pdf": (40, 31),
    # 重庆 2026 (budget-chongqing-2026): its 说明 (2026年部门预算情况说明 on the cover, 一、单位基本情况 …
    # 六、名词解释, before the tables) read since the cover's title tells it (0 numbers before). Its
    # changes from 2025 against 预算05's 上年预算数 and the 三公 table's 2025 block. Untraced beside
    # the numbers that are only a change's amount: 一般公共预算拨款 of 收支总体 (预算01 prints
    # 一般公共预算资金 with the 上年结转 in it); in 051, 政府性基金 (no table of the 财政拨款 by fund read
    # for the text's wording), the 22,022.92 worded “包括一般公共服务支出”, and the causes of the changes
    # (1000, 1,036.60, 30)
    "chongqing-2026-049.pdf": (30, 29),
    "chongqing-2026-051.pdf": (41, 33),
}

ERROR, WARNING, INFO = "error", "warning", "info"
# (rule, severity, start of the message) of every finding but Y-narrative-untraced, whose count follows
FINDINGS = {
    "central-2026-067.pdf": (
        # p.18 (printed 17): “2026年国家信访局财政拨款收支总预算18,728.91万元”; the 财政拨款收支总表 on p.9
        # prints 收入总计 and 支出总计 18,728.94, and the section's own classes add up to 18,728.94
        # (15,291.3 + 118.01 + 2,208.19 + 1,111.44): a slip of 0.03 in the narrative.
        (
            (
                "Y-narrative-amount",
                ERROR,
                "“2026年国家信访局财政拨款收支总预算18,728.91万元”与预算04表 收入总计",
            ),
        ),
        6,
    ),
    "suzhou-2026-059.pdf": ((), 5),
    "wuxi-2026-070.pdf": ((), 5),
    "shanghai-putuo-2024-009.pdf": (
        (
            # p.6: “4. “社会保障和就业支出（类）社会福利（款）社会福利事业单位（项）”738.66万元”; the
            # 一般公共预算支出功能分类预算表 (p.11, 单位：元) prints 2081005 社会福利事业单位 6,964,796, i.e.
            # 696.48万元, and 208 社会保障和就业支出 8,661,624 with 财政拨款 9,501,164 = the 950.12万元 the
            # same page states: the narrative's items add up to 991.59, 41.47 more than 950.12, so 738.66
            # disagrees with the table it explains (42.18万元 more)
            (
                "Y-narrative-amount",
                ERROR,
                "““社会保障和就业支出（类）社会福利（款）社会福利事业单位（项）”738.66万元”与预算05表",
            ),
        ),
        32,
    ),
    # 上海市级 2026: every traced figure agrees with its table in 万元 (40,870 = 408,696,000 元 …)
    "shanghai-2026-037.pdf": ((), 17),
    "shanghai-2026-039.pdf": ((), 8),
    # 普陀 万里街道 2024: 30 项 of 预算05 and the 机关运行经费 of 预算07 agree
    "shanghai-putuo-2024-011.pdf": ((), 110),
    "shanghai-putuo-2025-013.pdf": (
        (
            # p.7: “7.“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”
            # 887.36万元”; 预算05 (p.15, 单位：元) prints 2080506 873,617.00, 87.36万元: an 8 too many
            # (test_a_misprinted_shanghai_item_is_an_error). 87.70, 78.21, 204.91 and 268.77 are cut
            # from their 元, as every figure of the file that tells: no finding
            # (test_a_figure_cut_to_wan_rather_than_rounded)
            (
                "Y-narrative-amount",
                ERROR,
                "““社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”887.36",
            ),
        ),
        22,
    ),
    "swu-2024-008.pdf": (
        (
            # 科学技术支出 1,723.93 ÷ 244,675.66 = 0.7046%: 0.71% one unit off (the shares made up to 100%)
            ("Y-narrative-share", INFO, "无法核对（相差不超过末位一个单位"),
            ("Y-operating-costs-stated", INFO, "无法核对（高等学校的预算公开格式）"),
        ),
        0,
    ),
    "jiangsu-2017-015.pdf": (
        (
            # p.28: “因公出国（境）费支出222.5万元，占“三公”经费的8.75%；公务用车购置及运行费支出183.6
            # 万元，占“三公”经费的7.22%；公务接待费支出427.5万元，占“三公”经费的16.81%”. The 三公 table
            # (p.11) prints 三公经费 833.60 beside its 合计 2,542.60 with 会议费 1,305.25 and 培训费 403.75:
            # the shares stated are of 2,542.60 (222.5 ÷ 2,542.6 = 8.75%), not of the 三公 the words name
            # (222.5 ÷ 833.6 = 26.69%; the three printed shares add up to 32.78%, not 100%).
            ("Y-narrative-share", ERROR, "“占“三公”经费的8.75%”与按 因公出国（境）费支出222.5万元÷预算07表"),
            ("Y-narrative-share", ERROR, "“占“三公”经费的7.22%”与按 公务用车购置及运行费支出183.6万元÷"),
            ("Y-narrative-share", ERROR, "“占“三公”经费的16.81%”与按 公务接待费支出427.5万元÷预算07表"),
            # 江苏 2017 prints no 绩效目标 section; budgets before 2019 were not yet required to
            ("Y-performance-targets", INFO, "无法核对（2017年预算公开尚未普遍要求公开绩效目标）"),
        ),
        5,
    ),
    "jiangsu-2019-021.pdf": (
        (
            # 15,844.04 ÷ 24,169.74 = 65.553%: 65.56% is one unit of its last place off (a 100% made up)
            ("Y-narrative-share", INFO, "无法核对（相差不超过末位一个单位"),
            # p.25: “收、支预算总计各增加2214.39万元，增长10.06 %”: 2214.39 ÷ (24,169.74 − 2214.39 =
            # 21,955.35) = 10.09%, not 10.06%
            (
                "Y-narrative-change",
                ERROR,
                "“增长10.06%”与按 增减额 2214.39 与本年 24,169.74 计算的 10.09% 不符",
            ),
            # 2228.78 ÷ 21,940.96 = 10.158%: 10.15% is the rate cut, not rounded (四 to 七 alike, below)
            ("Y-narrative-change", INFO, "无法核对（相差不超过末位一个单位"),
            # p.26: “项目支出预算数为4335.3万元。与上年相比减少了1237.7万元，减少 13.22 %”: 1237.7 ÷
            # (4335.3 + 1237.7 = 5,573.0) = 22.21%; 13.22% is the rate of 基本支出 in the line above
            ("Y-narrative-change", ERROR, "“减少13.22%”与按 增减额 1237.7 与本年 4335.3 计算的 22.21% 不符"),
            ("Y-narrative-change", INFO, "无法核对（相差不超过末位一个单位"),
            ("Y-narrative-change", INFO, "无法核对（相差不超过末位一个单位"),
            # 1311.6 ÷ 3,666.0 = 35.778%: 35.77% cut
            ("Y-narrative-change", INFO, "无法核对（相差不超过末位一个单位"),
            # p.29: “住房公积金（项）支出1442.74万元，与上年相比增加368.97万元，增加34.38 %”: 368.97 ÷
            # (1442.74 − 368.97 = 1,073.77) = 34.36%, two units off
            ("Y-narrative-change", ERROR, "“增加34.38%”与按 增减额 368.97 与本年 1442.74 计算的 34.36% 不符"),
            ("Y-narrative-change", INFO, "无法核对（相差不超过末位一个单位"),
        ),
        11,
    ),
    # no table in the file: nothing to compare but the numbers with each other (三公 1328.22 = 166.98
    # + 3.55 + 1157.69, p.8, holds); its 绩效目标表 are listed in its 目录 (十二、十三), published apart
    "beijing-2026-041.pdf": ((), 17),
    # 西安 2026: every traced figure agrees with its table within printed precision (万元 against 元)
    "xian-2026-077.pdf": ((), 8),
    "xian-2026-079.pdf": ((), 7),
    # 深圳 2026: every traced figure agrees with its table (万元 both), and the “三公” total's change from
    # 2025 is that of its parts (045: −14.80 − 10.01 + 0.00 − 3.30 = −28.11; 047: 18.26 − 0.24 − 12.00
    # + 0.00 = 6.02)
    "shenzhen-2026-045.pdf": ((), 12),
    "shenzhen-2026-047.pdf": ((), 9),
    # 重庆 2026: every traced figure and every change from 2025 agrees with its table (049 p.3: 18,417.70 −
    # 15,635.80 = 2,781.90; p.4: 394.49 − 396.97 = −2.48, 200.00 − 202.48 = −2.48, 184.49 and 10.00 both
    # years). 051 prints no 2025 figures (its 预算05 and “三公” table show 2026 only): its comparisons with
    # 2025 (“三公”275.80万元，与2025年持平; 比2025年增加800.94万元) have no table to be checked against
    "chongqing-2026-049.pdf": ((), 1),
    "chongqing-2026-051.pdf": ((), 8),
}


@pytest.mark.parametrize("name", sorted(COVERAGE))
def test_the_share_of_narrative_numbers_traced(name):
    found = traced(read(name)[0])
    used = {id(operand) for trace in found for operand in trace.operands}
    assert (len(found), sum(1 for t in found if t.traced or id(t.claim) in used)) == COVERAGE[name]


@pytest.mark.parametrize("name", sorted(FINDINGS))
def test_the_complete_list_of_narrative_findings(name):
    expected, untraced = FINDINGS[name]
    found = narrative_findings(*read(name))
    listed = [f for f in found if f.rule != "Y-narrative-untraced"]
    assert len(listed) == len(expected), [(f.rule, f.message) for f in listed]
    for finding, (rule, severity, said) in zip(listed, expected, strict=True):
        assert (finding.rule, finding.severity.value) == (rule, severity), finding.message
        assert finding.message.startswith(said), finding.message
    assert sum(1 for f in found if f.rule == "Y-narrative-untraced") == untraced


SHANGHAI = "shanghai-2026-037.pdf"


def test_shanghai_narrative_is_read_before_and_after_the_tables():
    """上海 prints no 第三部分: the 2026年单位预算编制说明 (p.6) before the tables and the 其他相关情况说明
    (p.21) after them are its 情况说明, told by their titles (parts.toml `titles`), its sections
    numbered 一 … 五 under the second title with no numbering problem."""
    disclosure, problems = read(SHANGHAI)
    assert [(s.number, s.title) for s in disclosure.narrative] == [
        ("", "2026年单位预算编制说明"),
        ("一", "2026年“三公”经费预算情况说明"),
        ("二", "机关运行经费预算"),
        ("三", "政府采购预算情况"),
        ("四", "绩效目标设置情况"),
        ("五", "国有资产占有使用情况"),
    ]
    opening = disclosure.narrative[0].paragraphs[0].text
    assert opening.startswith("2026年，上海交通职业技术学院收入预算40,870万元")
    assert not [p for p in problems if "第三部分" in p.message]
    parts = ["收支总体", "三公", "机关运行经费", "政府采购", "绩效目标", "国有资产"]
    assert [budget_section(s.title) for s in disclosure.narrative] == parts


def test_shanghai_project_descriptions_are_numbered_anew():
    """普陀 万里街道 2024 (p.32-33): 项目经费情况说明 after 其他相关情况说明 numbers its sections 一 … 七
    again; each run is numbered under its own title."""
    disclosure, problems = read("shanghai-putuo-2024-011.pdf")
    assert [s.number for s in disclosure.narrative] == ["", *"一二三四五", *"一二三四五六七"]
    assert not [p for p in problems if "第三部分" in p.message]


def test_a_misprinted_shanghai_item_is_an_error():
    """普陀区财政局 2025 p.7: “7.“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金
    缴费支出（项）”887.36万元”; 预算05 (p.15, 单位：元) prints 2080506 873,617.00, i.e. 87.36万元 (and
    2080505 基本养老保险 1,748,327.00 = 174.83, of which the 年金 is half): an 8 too many, not a
    rounding (799.9983 off). Its complete list is in FINDINGS: the page's text runs on below its clip
    and is written again on p.8 above its clip, read once; its cut figures are no error."""
    found = narrative_findings(*read("shanghai-putuo-2025-013.pdf"))
    said = "““社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”887.36"
    assert {(f.rule, f.severity.value) for f in found if f.message.startswith(said)} == {
        ("Y-narrative-amount", ERROR)
    }


PUTUO_2025 = "shanghai-putuo-2025-013.pdf"
_CUT = "无法核对（按四舍五入与表中数不符、按截尾相符，本文件的取舍办法无从确定）："


def cut_findings(disclosure: Disclosure) -> list[tuple[str, str]]:
    """(severity, the figure) of the Y-narrative-amount findings, the figure as its message quotes it."""
    found = [f for f in narrative_findings(disclosure) if f.rule == "Y-narrative-amount"]
    return [(f.severity.value, re.search(r"”(\d[\d,.]*)万元”与", f.message).group(1)) for f in found]


def test_a_figure_cut_to_wan_rather_than_rounded():
    """普陀区财政局 2025 p.7-8 states 预算05's 元 (p.15) in 万元 cut, not rounded: 87.70 for 877,080.00
    (87.708), 78.21 for 782,164.00, 204.91 for 2,049,197.00, 268.77 for 2,687,760.00; its 15 other
    figures read the same either way. Cut, 87.70 stands for [87.70, 87.71): the four agree, and as
    every figure that tells is cut, the file shows its way and they are no finding. Where a file's
    figures are rounded elsewhere (or only one tells), a cut one cannot be told from a one-unit slip:
    无法核对 (info), never an error. Outside both intervals it is an error (887.36 stays one)."""
    disclosure = read(PUTUO_2025)[0]
    assert cut_findings(disclosure) == [(ERROR, "887.36")]
    # 87.71 is 877,080.00 rounded: the file no longer shows one way; the other three are unsure
    mixed = with_text(disclosure, "87.70万元", "87.71万元")
    assert cut_findings(mixed) == [(ERROR, "887.36"), (INFO, "78.21"), (INFO, "204.91"), (INFO, "268.77")]
    unsure = [f.message for f in narrative_findings(mixed) if f.severity.value == INFO and _CUT in f.message]
    assert unsure[0].startswith(
        f"{_CUT}““卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）”78.21万元”"
    )
    # 87.69 is neither: an error
    assert cut_findings(with_text(disclosure, "87.70万元", "87.69万元")) == [
        (ERROR, "87.69"),
        (ERROR, "887.36"),
    ]
    # intervals, no epsilon: 877,099.99 元 (87.709999) cuts to 87.70; 877,100.01 (87.710001) does not
    below = with_figure(disclosure, "预算05", "2080501", "合计", "877,099.99")
    assert cut_findings(below) == [(ERROR, "887.36")]
    above = with_figure(disclosure, "预算05", "2080501", "合计", "877,100.01")
    assert cut_findings(above) == [(ERROR, "87.70"), (ERROR, "887.36")]
    # 万里街道 2024 (p.8) rounds: 781.24 for 7,812,394 元 (781.2394, 预算05 p.18); cut, 781.23 is unsure
    rounding = read("shanghai-putuo-2024-011.pdf")[0]
    assert cut_findings(rounding) == []
    assert cut_findings(with_text(rounding, "781.24", "781.23")) == [(INFO, "781.23")]
    assert cut_findings(with_text(rounding, "781.24", "781.22")) == [(ERROR, "781.22")]


def test_an_untraced_number_is_reported_with_its_reason():
    found = [f for f in narrative_findings(*read("central-2026-067.pdf")) if f.rule == "Y-narrative-untraced"]
    assert found[0].severity.value == INFO
    assert found[0].message == (
        "无法核对：“比2025年执行减少21,519.26万元”未能追溯到来源：上年数不在本文件中（可对照上年公开的预算核对）"
    )


# --- each rule, passing and failing ----------------------------------------------------------------


def with_text(disclosure: Disclosure, old: str, new: str) -> Disclosure:
    """The disclosure with `old` printed as `new` in every paragraph and title of its narrative."""

    def changed(section: Section) -> Section:
        paragraphs = tuple(dataclasses.replace(p, text=p.text.replace(old, new)) for p in section.paragraphs)
        subsections = tuple(changed(sub) for sub in section.subsections)
        title = section.title.replace(old, new)
        return dataclasses.replace(section, title=title, paragraphs=paragraphs, subsections=subsections)

    return dataclasses.replace(disclosure, narrative=tuple(changed(s) for s in disclosure.narrative))


def rule_messages(disclosure: Disclosure, rule: str) -> list[str]:
    return [f.message for f in narrative_findings(disclosure) if f.rule == rule and f.severity.value != INFO]


SUZHOU = "suzhou-2026-059.pdf"
BEIJING = "beijing-2026-041.pdf"


def test_narrative_amount_passes_and_fails():
    """苏州 2026 p.9: 收入、支出预算总计249,977.11万元, the 收支总表's 收入总计 (p.8)."""
    disclosure = read(SUZHOU)[0]
    assert rule_messages(disclosure, "Y-narrative-amount") == []
    changed = with_figure(disclosure, "预算01", "收入总计", "金额", "249,977.21")
    assert rule_messages(changed, "Y-narrative-amount")[0] == (
        "“苏州市交通运输局2026年度收入、支出预算总计249,977.11万元”与预算01表 收入总计 金额（249,977.21）"
        "不符，差 0.10"
    )


XIAN = "xian-2026-079.pdf"


def test_narrative_amount_in_wan_against_a_table_in_yuan():
    """西安市公安局 2026 p.9: “一般公共预算拨款324,638.50万元” of the 收支总表 (p.22, 单位：元)
    3,246,385,029.74: in 万元 324,638.502974 ± 0.0000005, within 324,638.50's [324,638.495,
    324,638.505]. Printed 324,638.51 ([324,638.505, 324,638.515]) it is 0.002026 short of the
    interval: an error, with the difference in 万元; and 上年结转13,102.70万元 against 131,027,041.73
    in both 预算01 and 预算04 likewise."""
    from juesuan.narrative.budget import table_money_unit

    disclosure = read(XIAN)[0]
    assert [table_money_unit(disclosure, t) for t in ("预算01", "预算04", "预算07")] == ["元", "元", "元"]
    assert rule_messages(disclosure, "Y-narrative-amount") == []
    changed = with_text(disclosure, "324,638.50", "324,638.51")
    said = set(rule_messages(changed, "Y-narrative-amount"))
    assert (
        "“一般公共预算拨款324,638.51万元”与预算01表 一般公共预算拨款收入 (1)一般公共预算拨款 金额"
        "（3,246,385,029.74）（表中单位：元，折合万元核对）不符，差 0.007026"
    ) in said
    # each 324,638.50 of the narrative names a cell of 3,246,385,029.74 (p.9-10, 18: 本部门当年
    # 一般公共预算支出, 一般公共预算拨款收入/支出, 涉及当年一般公共预算拨款): the 收支总表's and the
    # 财政拨款收支总表's 一般公共预算拨款, the 一般公共预算支出明细表's 合计 (p.26)
    assert {m.split("”与")[1].split("（")[0] for m in said} == {
        "预算01表 一般公共预算拨款收入 (1)一般公共预算拨款 金额",
        "预算04表 一般公共预算拨款收入 1、一般公共预算拨款 金额",
        "预算05表 合计 合计",
    }
    ending = "（3,246,385,029.74）（表中单位：元，折合万元核对）不符，差 0.007026"
    assert all(m.endswith(ending) for m in said)
    carried = with_text(disclosure, "13,102.70", "13,102.71")
    assert {m.split("与")[1][:6] for m in rule_messages(carried, "Y-narrative-amount")} == {
        "预算01表 ",
        "预算04表 ",
    }
    # the 三公 table (p.50) in 元 alike: p.17 公务接待费19.35万元 is 193,500.00; 19.36 is not
    assert rule_messages(disclosure, "Y-three-public-budget") == []
    assert rule_messages(
        with_text(disclosure, "公务接待费19.35", "公务接待费19.36"), "Y-three-public-budget"
    ) == [
        "“公务接待费19.36万元”与预算07表 1 合计 公务接待费（193,500.00）"
        "（表中单位：元，折合万元核对）不符，差 0.01"
    ]
    # a rate of a 项 (p.10: 行政运行（2040201）177,027.66万元，较上年减少28,673.15万元，
    # 下降13.94%) against its change and this year's amount, the 预算05 cell 1,770,276,577.01 元
    # in 万元: 28,673.15 ÷ 205,700.81
    assert rule_messages(disclosure, "Y-narrative-change") == []
    assert rule_messages(with_text(disclosure, "下降13.94%", "下降14.94%"), "Y-narrative-change") == [
        "“下降14.94%”与按 增减额 28,673.15 与本年 177,027.66 计算的 13.94% 不符"
    ]


SHENZHEN = "shenzhen-2026-045.pdf"


def test_shenzhen_narrative_against_its_tables_passes_and_fails():
    """深圳市交通运输局 2026 (万元 both): p.16 “1.因公出国（境）费用。2026 年预算数 115.00 万元” is the
    三公 table's (p.46) 2026年 因公出国(境)费 115.00, its paragraph opened by its name; the total's
    change, 较 2025年年初预算减少28.11万元, is that of its parts; p.15 政府采购项目共有 7,558.99 万元 is
    the 支出总表's (p.27) 政府采购项目小计 and 23.00 + 0.00 + 7,535.99; p.9 部门预算收入 388,763.56 the
    收支总表's (p.22) 收入总计."""
    disclosure = read(SHENZHEN)[0]
    for rule in ("Y-narrative-amount", "Y-narrative-change", "Y-three-public-budget"):
        assert rule_messages(disclosure, rule) == []
    abroad = with_figure(disclosure, "预算07", "2026年", "因公出国（境）费", "115.10")
    assert rule_messages(abroad, "Y-three-public-budget") == [
        "“2026年因公出国（境）费用预算115.00万元”与预算07表 2026年 因公出国（境）费（115.10）不符，差 0.10"
    ]
    assert rule_messages(with_text(disclosure, "减少28.11", "减少29.11"), "Y-narrative-change") == [
        "“较2025年年初预算减少29.11万元”与预算07表 增减变化金额 合计（-28.11）不符",
        "“较2025年年初预算减少29.11万元”与各分项增减额之和 -28.11 不符",
    ]
    said = "“深圳市交通运输局（本级）纳入2026年部门预算的政府采购项目共有7,558.99万元”与"
    procured = with_figure(disclosure, "预算03", "合计", "政府采购项目", "7,559.99")
    assert rule_messages(procured, "Y-narrative-amount") == [
        f"{said}预算03表 合计 深圳市交通运输局（本级） 政府采购项目（7,559.99）不符，差 1.00"
    ]
    assert rule_messages(with_text(disclosure, "7,535.99", "7,536.99"), "Y-narrative-amount") == [
        f"{said}其后所列各项之和（23.00＋0.00＋7,536.99）不符，差 1.00"
    ]
    income = with_figure(disclosure, "预算01", "收入总计", "金额", "388,763.66")
    assert rule_messages(income, "Y-narrative-amount") == [
        "“2026年深圳市交通运输局（本级）部门预算收入388,763.56万元”与预算01表 收入总计 金额（388,763.66）"
        "不符，差 0.10"
    ]


def test_xian_totals_classes_and_items_against_its_tables_pass_and_fail():
    """西安市人民政府办公厅 2026 (tables in 元): p.11 “（1）工资福利支出（301）5,641.33万元” is 预算18's
    (p.25) 301 56,413,286.69; p.10 “其他政府办公厅（室）及相关机构事务支出（2010399）1,420.00万元”
    预算05's (p.24) 14,200,000.00; p.9 本部门当年财政拨款收入9,216.51万元 the 财政拨款收支总表's
    (p.23) 收入总计."""
    disclosure = read("xian-2026-077.pdf")[0]
    assert rule_messages(disclosure, "Y-narrative-amount") == []
    wages = with_figure(disclosure, "预算18", "301", "合计", "56,423,286.69")
    assert rule_messages(wages, "Y-narrative-amount") == [
        "“（1）工资福利支出（301）5,641.33万元”与预算18表 301 工资福利支出 合计（56,423,286.69）"
        "（表中单位：元，折合万元核对）不符，差 0.998669"
    ]
    item = with_figure(disclosure, "预算05", "2010399", "合计", "14,300,000.00")
    assert rule_messages(item, "Y-narrative-amount") == [
        "“其他政府办公厅（室）及相关机构事务支出（2010399）1,420.00万元”与预算05表 2010399 其他政府办公厅(室)"
        "及相关机构事务支出 合计（14,300,000.00）（表中单位：元，折合万元核对）不符，差 10.00"
    ]
    funds = with_figure(disclosure, "预算04", "收入总计", "金额", "92,265,133.99")
    assert rule_messages(funds, "Y-narrative-amount") == [
        "“本部门当年财政拨款收入9,216.51万元”与预算04表 收入总计 金额（92,265,133.99）"
        "（表中单位：元，折合万元核对）不符，差 10.003399"
    ]


def test_narrative_share_passes_and_fails():
    """苏州 p.10: 基本支出29,606.33万元，占11.84% of the 本年支出合计 249,977.11."""
    disclosure = read(SUZHOU)[0]
    assert rule_messages(disclosure, "Y-narrative-share") == []
    changed = with_text(disclosure, "占11.84%", "占12.84%")
    assert rule_messages(changed, "Y-narrative-share") == [
        "“占12.84%”与按 基本支出29,606.33万元÷预算01表 本年支出合计 金额（249,977.11） 计算的 11.84% 不符"
    ]
    # a bare 占…% may be of the 支出总计 as well (西南大学 2021 states them so, with its 结转下年); one
    # that names the 本年支出合计 (五, p.34) is of that alone
    other = with_figure(disclosure, "预算01", "本年支出合计", "金额", "259,977.11")
    assert rule_messages(other, "Y-narrative-share") == [
        "“占本年支出合计的96.95%”与按 苏州市交通运输局2026年财政拨款预算支出242,360.1万元÷预算01表 "
        "本年支出合计 金额（259,977.11） 计算的 93.22% 不符"
    ]
    both = with_figure(other, "预算01", "支出总计", "金额", "259,977.11")
    assert rule_messages(both, "Y-narrative-share")[:2] == [
        "“占11.84%”与按 基本支出29,606.33万元÷预算01表 本年支出合计 金额（259,977.11） 计算的 11.39% 不符",
        "“占88.16%”与按 项目支出220,370.78万元÷预算01表 本年支出合计 金额（259,977.11） 计算的 84.77% 不符",
    ]


def test_narrative_change_passes_and_fails():
    """苏州 p.9: 收、支预算总计各减少10,247.57万元，减少3.94% (10,247.57 ÷ 260,224.68); the 三公 total's
    change (−27.97) is that of its parts (购置 +22.97, 运行维护 −44.95, 接待 −5.99, 出国 相同)."""
    disclosure = read(SUZHOU)[0]
    assert rule_messages(disclosure, "Y-narrative-change") == []
    changed = with_text(disclosure, "减少3.94%", "减少4.94%")
    assert rule_messages(changed, "Y-narrative-change") == [
        "“减少4.94%”与按 增减额 10,247.57 与本年 249,977.11 计算的 3.94% 不符"
    ]
    changed = with_text(disclosure, "比上年预算减少 27.97 万元", "比上年预算减少 28.97 万元")
    assert rule_messages(changed, "Y-narrative-change") == [
        "“比上年预算减少28.97万元”与各分项增减额之和 -27.97 不符"
    ]


def test_a_titled_total_is_the_sum_of_its_parts():
    """北京 p.6: （一）本年财政拨款收入 1378967.75 万元 over 1.一般公共预算拨款收入 1368602.75 万元。
    2.政府性基金预算拨款收入 10365.00 万元。 3.国有资本经营预算拨款收入 0.00 万元。"""
    beijing = read(BEIJING)[0]
    assert rule_messages(beijing, "Y-narrative-amount") == []
    changed = with_text(beijing, "10365.00", "10366.00")
    assert rule_messages(changed, "Y-narrative-amount") == [
        "“本年财政拨款收入1378967.75万元”与其后所列各项之和（1368602.75＋10366.00＋0.00）不符，差 1.00"
    ]


def test_a_change_against_last_years_budget_stated_after_it():
    """苏州 p.36: 公共交通运营补助（项）支出186,525.21万元，与上年相比增加186,525.21万元（去年预算数为
    0 万元，无法计算增减比率）: the change is this year's less last year's."""
    disclosure = read(SUZHOU)[0]
    changed = with_text(disclosure, "去年预算数为 0 万元", "去年预算数为 10 万元")
    assert rule_messages(changed, "Y-narrative-change") == [
        "“增加186,525.21万元”与 其他交通运输支出（款）公共交通运营补助（项）支出186,525.21万元－"
        "去年预算数为10万元 = 186515.21 不符"
    ]


def test_a_change_against_the_last_year_column_passes_and_fails():
    """国家信访局 p.16: 行政运行（项）2026年预算数为5,826.21万元，比2025年执行数增加271.14万元; 预算05
    (p.10) prints 上年执行数 5,555.07 in its row."""
    disclosure = read("central-2026-067.pdf")[0]
    assert rule_messages(disclosure, "Y-narrative-change") == []
    changed = with_text(disclosure, "增加271.14", "增加281.14")
    assert rule_messages(changed, "Y-narrative-change") == [
        "“增幅4.88%”与按 增减额 281.14 与本年 5,826.21 计算的 5.07% 不符",
        "“比2025年执行数增加281.14万元”与表中本年预算数减上年执行数（271.14、271.14）不符",
        "“比2025年执行数增加281.14万元”与预算05表 2014001 增减额（271.14）、预算05表 2014001 "
        "增减额（扣除中央基建投资）（271.14）不符",
    ]


CHONGQING = "chongqing-2026-049.pdf"


def test_a_change_against_last_years_budget_printed_in_the_table():
    """重庆市人民政府办公厅 2026 p.3: 一般公共预算财政拨款支出18,417.70万元，比2025年增加2,781.90万元, and
    the 一般公共预算支出情况表 (p.15) prints 合计 18,417.70 and 2025年预算数 15,635.80; p.4: “三公”经费预算
    394.49万元，较2025年减少2.48万元 (the “三公” table, p.20: 2025 396.97), 因公出国（境）费用184.49万元，与
    2025持平 (184.49 both years), 公务接待费10万元，与2025持平 (10.00 both), 公务用车运行维护费200.00万元，
    较2025年减少2.48万元 (202.48 in 2025). Each holds; a changed figure of either year is an error, a part
    said 持平 whose 2025 figure differs included."""
    disclosure = read(CHONGQING)[0]
    assert rule_messages(disclosure, "Y-narrative-change") == []
    general = with_figure(disclosure, "预算05", "合计", "上年预算数", "15,645.80")
    assert rule_messages(general, "Y-narrative-change") == [
        "“比2025年增加2,781.90万元”与表中本年预算数减上年预算数（2771.9）不符"
    ]
    # 公务接待费 11.00 in 2025: 10万元 is not 与2025持平, and the total's change is −3.48, not −2.48
    hosted = with_figure(disclosure, "预算07", "1", "上年公务接待费", "11.00")
    assert rule_messages(hosted, "Y-narrative-change") == [
        "“较2025年减少2.48万元”与表中本年预算数减上年预算数（-3.48）不符",
        "“公务接待费10万元”（与上年持平）与表中本年预算数减上年预算数（-1）不符",
    ]
    running = with_figure(disclosure, "预算07", "1", "上年公务用车运行维护费", "202.38")
    assert rule_messages(running, "Y-narrative-change") == [
        "“较2025年减少2.48万元”与表中本年预算数减上年预算数（-2.38）不符"
    ]


def test_a_change_against_the_change_the_table_prints():
    """深圳市人民政府口岸办公室 2026 p.9: 公务接待费 …较2025年年初预算减少0.24万元; the “三公” table (p.31)
    prints 增减变化金额 −0.24 under it (045 alike: 因公出国(境)费 −14.80 …). 中央 预算05's 增减额 columns:
    test_a_change_against_the_last_year_column_passes_and_fails."""
    disclosure = read("shenzhen-2026-047.pdf")[0]
    assert rule_messages(disclosure, "Y-narrative-change") == []
    hosted = with_figure(disclosure, "预算07", "增减变化金额", "公务接待费", "-0.34")
    assert rule_messages(hosted, "Y-narrative-change") == [
        "“较2025年年初预算减少0.24万元”与预算07表 增减变化金额 公务接待费（-0.34）不符"
    ]
    # 国家信访局 p.20: 比2025年执行数减少20,766.6万元，减幅55.76%; 预算05 (p.11) 合计 prints 增减率 −55.76%
    # (扣除中央基建投资: 20.26, the rate of the 增加2,775.6 after it)
    central = read("central-2026-067.pdf")[0]
    rated = with_figure(central, "预算05", "合计", "增减率", "-55.86")
    assert rule_messages(rated, "Y-narrative-change") == [
        "“减幅55.76%”与预算05表 合计 增减率（-55.86）、预算05表 合计 增减率（扣除中央基建投资）（20.26）不符"
    ]


def test_three_public_budget_passes_and_fails():
    """苏州 p.13 against its 三公 table; 北京 p.8, no table: 1328.22 = 166.98 + 3.55 + 1157.69."""
    disclosure = read(SUZHOU)[0]
    assert rule_messages(disclosure, "Y-three-public-budget") == []
    changed = with_figure(disclosure, "预算07", "1", "公务接待费", "46.61")
    assert rule_messages(changed, "Y-three-public-budget") == [
        "“苏州市交通运输局2026年度一般公共预算拨款安排的“三公”经费支出预算345.63万元”与预算07表 1 合计 "
        "因公出国（境）费（0.00）＋预算07表 1 合计 公务用车购置及运行维护费（299.12）＋预算07表 1 合计 "
        "公务接待费（46.61）不符，差 0.10",
        "“公务接待费支出46.51万元”与预算07表 1 合计 公务接待费（46.61）不符，差 0.10",
        "“公务接待费预算支出46.51万元”与预算07表 1 合计 公务接待费（46.61）不符，差 0.10",
    ]
    beijing = read(BEIJING)[0]
    assert rule_messages(beijing, "Y-three-public-budget") == []
    assert rule_messages(with_text(beijing, "预算数 3.55", "预算数 3.65"), "Y-three-public-budget") == [
        "“2026年财政拨款“三公”经费预算1328.22万元”与所述三项之和（166.98＋1157.69＋3.65）不符"
    ]


def test_operating_costs_stated_passes_and_fails():
    beijing = read(BEIJING)[0]
    assert rule_messages(beijing, "Y-operating-costs-stated") == []
    unsaid = dataclasses.replace(with_text(beijing, "机关运行经费", "运行费用"), front=Front())
    assert rule_messages(unsaid, "Y-operating-costs-stated") == [
        "情况说明中未说明机关运行经费预算（或说明无机关运行经费）"
    ]


def test_performance_targets_pass_and_fail():
    """苏州 十五 预算绩效目标设置情况说明; 北京 lists its 绩效目标表 in its 目录 only: without it, a
    warning."""
    assert rule_messages(read(SUZHOU)[0], "Y-performance-targets") == []
    beijing = read(BEIJING)[0]
    assert rule_messages(beijing, "Y-performance-targets") == []
    assert rule_messages(dataclasses.replace(beijing, front=Front()), "Y-performance-targets") == [
        "情况说明中未说明预算绩效目标设置情况"
    ]


def test_narrative_untraced_passes_and_fails():
    """苏州 三 支出预算: every number traced; 北京 三, with no table in the file: none."""
    suzhou = read(SUZHOU)[0]
    spending = tuple(s for s in suzhou.narrative if budget_section(s.title) == "支出")
    only = dataclasses.replace(suzhou, narrative=spending)
    assert [f for f in narrative_findings(only) if f.rule == "Y-narrative-untraced"] == []
    beijing = read(BEIJING)[0]
    spending = tuple(s for s in beijing.narrative if budget_section(s.title) == "支出")
    found = narrative_findings(dataclasses.replace(beijing, narrative=spending))
    assert len([f for f in found if f.rule == "Y-narrative-untraced"]) == 8


def test_no_budget_narrative_rule_runs_on_a_final_account():
    from juesuan.rules import run_rules

    sample = read_path(Path(__file__).parent / "data" / "datong-zwfwzx-2024.txt")[0]
    assert not [
        f for f in run_rules(sample) if re.match(r"Y-(narrative|three|operating|performance)", f.rule)
    ]
