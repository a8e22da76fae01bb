"""Three reading defects of real 部门预算 (issue 17), each value checked by hand on the printed page
(`pdftotext -layout -f N -l N`, and the page rendered with pdftoppm for the 三公 table):

- 深圳 2026 交通运输局 (shenzhen-2026-045.pdf) draws every page as one form, its tables' rulings
  inside it: the reader now takes the rulings of a form placed as it is (sources/pdf/chars.py,
  `_form_paths`), so its 收入总表 (p.26, printed 23) and 三公 table (p.46, printed 43) read as ruled
  tables, as 口岸办's do; before, their lines were read as text (the 三公 table's three figures of
  each kind in one cell: “129.80 0.00 0.00”).
- 深圳 2026 prints its 说明 as 第二部分 … 第八部分, each numbering its own 一、: each part's heading is
  the title of the sections under it (sources/pdf/parts.py `_with_part_titles`,
  sources/layout/narrative.py `read_narrative`), so the sections are told by their titles and
  numbered anew under each; 西安 2026, whose parts go on with the numbers (五、… 九、, 十、… 十四、),
  keeps one run.
- 西安 2026 表11 财政拨款上年结转资金支出表: its 合计 line read (the 金额 column is the fourth of
  eleven, the project columns after it), 131,027,041.73 in 079 (p.42), printed blank in 077 (p.31).
"""

from __future__ import annotations

import pytest
from real_documents import Spot, check_spot
from real_documents import budget_findings as findings
from real_documents import needs_budgets as real
from real_documents import read_budget as read

from juesuan.sources.layout.lines import Line
from juesuan.sources.layout.narrative import read_narrative

SPOTS = [
    # p.26 (printed 23), 收入总表: 深圳市交通运输局（本级） 388,763.56 384,396.78 4,165.00 0.00 0.00 0.00
    # 0.00 0.00 0.00 0.00 201.78
    ("shenzhen-2026-045.pdf", Spot(26, "预算02", "1", "合计", "388,763.56", "合计")),
    ("shenzhen-2026-045.pdf", Spot(26, "预算02", "1", "一般公共预算拨款收入", "384,396.78", "合计")),
    ("shenzhen-2026-045.pdf", Spot(26, "预算02", "1", "政府性基金预算拨款收入", "4,165.00", "合计")),
    ("shenzhen-2026-045.pdf", Spot(26, "预算02", "1", "其他收入", "0.00", "合计")),
    ("shenzhen-2026-045.pdf", Spot(26, "预算02", "1", "上年结转", "201.78", "合计")),
    # p.46 (printed 43), 三公 table, the 一般公共预算 column of each kind: 2025年 176.01 129.80 15.11
    # 31.10 0.00 31.10; 2026年 147.90 115.00 5.10 27.80 0.00 27.80; 增减变化金额 -28.11 -14.80 -10.01
    # -3.30 0.00 -3.30
    ("shenzhen-2026-045.pdf", Spot(46, "预算07", "2025年", "合计", "176.01", "2025年")),
    ("shenzhen-2026-045.pdf", Spot(46, "预算07", "2025年", "因公出国（境）费", "129.80", "2025年")),
    ("shenzhen-2026-045.pdf", Spot(46, "预算07", "2025年", "公务接待费", "15.11", "2025年")),
    ("shenzhen-2026-045.pdf", Spot(46, "预算07", "2026年", "合计", "147.90", "2026年")),
    ("shenzhen-2026-045.pdf", Spot(46, "预算07", "2026年", "因公出国（境）费", "115.00", "2026年")),
    ("shenzhen-2026-045.pdf", Spot(46, "预算07", "2026年", "公务用车购置费", "0.00", "2026年")),
    ("shenzhen-2026-045.pdf", Spot(46, "预算07", "2026年", "公务用车运行维护费", "27.80", "2026年")),
    ("shenzhen-2026-045.pdf", Spot(46, "预算07", "增减变化金额", "合计", "-28.11", "增减变化金额")),
    ("shenzhen-2026-045.pdf", Spot(46, "预算07", "增减变化金额", "公务接待费", "-10.01", "增减变化金额")),
    # p.42, 表11: 合计 131,027,041.73 (the sum of the 16 projects on pp.42-43)
    ("xian-2026-079.pdf", Spot(42, "预算20", "合计", "金额", "131,027,041.73", "合计")),
]


@real
@pytest.mark.parametrize(("name", "spot"), SPOTS, ids=[f"{n}-{s.table}-{s.row}-{s.col}" for n, s in SPOTS])
def test_spot_values_read_as_printed(name, spot):
    check_spot(read(name)[0], spot, line_numbers_printed=False)


@real
def test_shenzhen_transport_reads_its_income_and_three_public_tables_whole():
    disclosure = read("shenzhen-2026-045.pdf")[0]
    filled = {table.number: sum(len(row.cells) for row in table.rows) for table in disclosure.tables}
    assert (filled["预算02"], filled["预算07"]) == (11, 18)
    assert [row.key for row in disclosure.table("预算07").rows] == ["2025年", "2026年", "增减变化金额"]


@real
@pytest.mark.parametrize("name", ["shenzhen-2026-045.pdf", "shenzhen-2026-047.pdf"])
def test_shenzhen_budgets_have_no_reading_warning_and_no_error(name):
    said = [f.message for f in findings(name) if f.severity.value in ("error", "warning")]
    assert said == []


@real
def test_shenzhen_narrative_sections_by_their_part_titles():
    """口岸办 pp.5-12: 第二部分 部门预算收支总体情况 (no 一、), 第三部分 部门预算支出具体情况
    (一、深圳市人民政府口岸办公室), 第四部分 政府采购预算情况, 第五部分 财政拨款“三公”
    经费预算情况, 第六部分 部门预算绩效管理情况 (一、二、), 第七部分 重点项目预算绩效情况
    说明 (its one sentence and table are the 重点项目 绩效目标表, read as forms: tests/
    test_budget_targets.py), 第八部分 其他需要说明情况 (一、二、三、); a part's title over numbered
    sections only is no section of its own."""
    from juesuan.narrative.budget import budget_section

    sections = read("shenzhen-2026-047.pdf")[0].narrative
    assert [(s.number, s.title) for s in sections] == [
        ("", "部门预算收支总体情况"),
        ("一", "深圳市人民政府口岸办公室"),
        ("", "政府采购预算情况"),
        ("", "财政拨款“三公”经费预算情况"),
        ("一", "实施部门预算绩效管理的单位范围"),
        ("二", "实施部门预算绩效管理的项目情况及工作要求"),
        ("一", "机关运行经费"),
        ("二", "国有资产占用情况"),
        ("三", "其他"),
    ]
    assert [budget_section(s.title) for s in sections] == [
        "收支总体",
        None,
        "政府采购",
        "三公",
        "绩效目标",
        "绩效目标",
        "机关运行经费",
        "国有资产",
        None,
    ]
    # p.9: the 三公 part's first paragraph, under its own title now (it was under 一、深圳市人民
    # 政府口岸办公室)
    assert sections[3].paragraphs[0].text.startswith("2026 年财政拨款“三公”经费预算 43.79 万元")


@real
def test_shenzhen_transport_narrative_sections():
    """交通运输局 pp.9-18: 第三部分 prints no 一、, its paragraphs (（一）在职人员经费 7,557.83 万元 …)
    are the part's own."""
    sections = read("shenzhen-2026-045.pdf")[0].narrative
    assert [(s.number, s.title) for s in sections] == [
        ("", "部门预算收支总体情况"),
        ("", "部门预算支出具体情况"),
        ("", "政府采购预算情况"),
        ("", "财政拨款“三公”经费预算情况"),
        ("一", "实施部门预算绩效管理的单位范围"),
        ("二", "实施部门预算绩效管理的项目情况及工作要求"),
        ("一", "机关运行经费"),
        ("二", "国有资产占用情况"),
        ("三", "其他"),
    ]
    assert sections[1].paragraphs[1].text.startswith("（一）在职人员经费 7,557.83 万元")


@real
@pytest.mark.parametrize("name", ["xian-2026-077.pdf", "xian-2026-079.pdf"])
def test_xian_numbering_goes_on_across_its_parts(name):
    """西安 2026 numbers its sections 一、 to 十四、 across the document: 一、… 四、 in 第一部分 部门概况,
    五、… 九、 in 第二部分, 十、… 十四、 in 第三部分 其他重要事项说明 (079 pp.5-19; 077 pp.4-17). The
    narrative is one run going on from 概况's 四、: numbered right, no warning (a gap or a repeat
    inside the run still is one: tests/test_budget_narrative.py)."""
    said = [f.message for f in findings(name) if "标题编号" in f.message]
    assert said == []
    numbers = [s.number for s in read(name)[0].narrative if s.number]
    assert numbers == ["五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四"]


@real
def test_xian_carryover_table_total():
    """表11: 079's 合计 131,027,041.73 is the sum of its 16 projects (pp.42-43); 077 prints the 合计 line
    alone, without a figure (p.31)."""
    assert read("xian-2026-079.pdf")[0].table("预算20").row("合计").get("金额").text == "131,027,041.73"
    table = read("xian-2026-077.pdf")[0].table("预算20")
    assert table is not None and sum(len(row.cells) for row in table.rows) == 0


def _lines(*texts: str) -> list[Line]:
    return [Line(number, text) for number, text in enumerate(texts, start=1)]


def test_a_narrative_printed_as_parts_is_titled_by_them():
    sections, problems = read_narrative(
        _lines(
            "第二部分 部门预算收支总体情况",
            "部门预算收入55,884.67万元。",
            "第六部分 部门预算绩效管理情况",
            "一、实施部门预算绩效管理的单位范围",
            "共1家单位。",
            "第八部分 其他需要说明情况",
            "一、机关运行经费",
            "机关运行经费3,383.98万元。",
        )
    )
    assert problems == []
    assert [(s.number, s.title, len(s.paragraphs)) for s in sections] == [
        ("", "部门预算收支总体情况", 1),
        ("一", "实施部门预算绩效管理的单位范围", 1),
        ("一", "机关运行经费", 1),
    ]


def test_a_narrative_printed_as_one_part_does_not_read_its_heading():
    sections, problems = read_narrative(
        _lines("第三部分 情况说明", "一、收入支出决算总体情况说明", "收入100万元。")
    )
    assert problems == []
    assert [(s.number, s.title) for s in sections] == [("一", "收入支出决算总体情况说明")]


def test_numbering_that_goes_on_across_parts_is_one_run():
    _, problems = read_narrative(
        _lines(
            "第二部分 收支情况说明",
            "一、收支总体情况",
            "第三部分 其他重要事项说明",
            "二、三公经费",
            "三、政府采购",
        )
    )
    assert problems == []
    _, problems = read_narrative(
        _lines("第二部分 收支情况说明", "一、收支总体情况", "第三部分 其他重要事项说明", "三、三公经费")
    )
    assert [p.message for p in problems] == ["第三部分：标题编号“三”不连续（应为“一”）"]


def test_numbering_that_goes_on_from_the_overview_is_right():
    """西安 2026: 第一部分 部门概况 numbers 一、… 四、, the 说明 goes on 五、… (077 pp.4-8). A run opening
    with any other number, or a gap or a repeat inside it, is still reported."""
    overview = _lines("第一部分 部门概况", "一、主要职能", "（一）主要职能", "四、人员情况说明", "214人。")
    narrative = ("第二部分 收支情况说明", "五、收支总体情况", "第三部分 其他重要事项说明", "六、三公经费")
    assert read_narrative(_lines(*narrative), overview)[1] == []
    gap = read_narrative(_lines(*narrative, "八、政府采购"), overview)[1]
    assert [p.message for p in gap] == ["第三部分：标题编号“八”不连续（应为“七”）"]
    repeated = read_narrative(_lines(*narrative, "六、政府采购"), overview)[1]
    assert [p.message for p in repeated] == ["第三部分：标题编号“六”不连续（应为“七”）"]
    # 六、 after 概况's 四、 goes on from nothing: numbered from 一 as before
    skipped = read_narrative(_lines("第二部分 收支情况说明", "六、收支总体情况"), overview)[1]
    assert [p.message for p in skipped] == ["第三部分：标题编号“六”不连续（应为“一”）"]
    # without the overview, 五、 is reported as it was
    alone = read_narrative(_lines(*narrative))[1]
    assert [p.message for p in alone] == [
        "第三部分：标题编号“五”不连续（应为“一”）",
        "第三部分：标题编号“六”不连续（应为“二”）",
    ]


def test_the_tables_part_cover_and_contents_are_no_stray_content():
    """西安 2026 077 pp.18-19: 第五部分 opens with its own cover and 报表目录 before 表1: what they are,
    no reading warning; other words before the first table still are one."""
    from juesuan.sources.layout.tables import read_tables

    cover = (
        "2026年部门综合预算公开报表",
        "部门名称：西安市人民政府办公厅（汇总）",
        "保密审查情况：\t已审查",
        "部门主要负责人审签情况：已审签",
        "报表目录",
        "报表\t报表名称\t是否空表\t表格为空的理由",
    )
    assert read_tables(_lines(*cover))[1] == []
    stray = read_tables(_lines(*cover, "本部门2026年预算收入9,216.51万元。", "报表\t说明"))[1]
    assert [p.message for p in stray] == [
        "第二部分中不属于任何表的内容：“本部门2026年预算收入9,216.51万元。”",
        "第二部分中不属于任何表的内容：“报表\t说明”",
    ]


@real
@pytest.mark.parametrize("name", ["xian-2026-077.pdf", "xian-2026-079.pdf"])
def test_xian_budgets_have_no_reading_warning(name):
    """Its 10 numbering and 6 cover/目录 warnings were all of reading, none genuine."""
    assert [f.message for f in findings(name) if f.severity.value in ("error", "warning")] == []
