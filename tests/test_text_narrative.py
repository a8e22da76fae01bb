"""第一部分 概况, 第三部分 情况说明 and 第四部分 名词解释 read from layout text."""

from __future__ import annotations

import pytest
from conftest import SAMPLE

from juesuan.model import Origin, Paragraph, Problem
from juesuan.sources.layout.lines import Line, split_lines, split_parts
from juesuan.sources.layout.narrative import chinese_number, read_glossary, read_narrative
from juesuan.sources.layout.overview import read_overview


@pytest.fixture(scope="module")
def parts() -> dict[int, list[Line]]:
    return split_parts(split_lines(SAMPLE.read_text(encoding="utf-8")))[1]


def lines_of(text: str) -> list[Line]:
    return split_lines(text)


# --- 第一部分 概况 -------------------------------------------------------------------------


def test_sample_duties_are_the_nine_numbered_items(parts):
    overview, problems = read_overview(parts[1])
    assert problems == []
    numbers = [duty.text[: duty.text.index("）") + 1] for duty in overview.duties]
    assert numbers == [f"（{chinese_number(n)}）" for n in range(1, 10)]
    assert overview.duties[0] == Paragraph(
        "（一）负责落实“放管服”改革政务服务方面有关政策措施，积极推进政务服务标准化规范化便利化。",
        Origin(line=40),
    )
    assert overview.duties[8].text == "（九）承办市委、市政府及市行政审批服务管理局交办的其他任务。"
    assert overview.duties[8].origin.line == 56


def test_sample_organisation_joins_the_broken_paragraph(parts):
    overview, _ = read_overview(parts[1])
    assert [p.origin.line for p in overview.organisation] == [60, 64, 66]
    first = overview.organisation[0].text
    assert first.startswith("1. 机构设置情况：大同市政务服务中心是市级政务服务现场管理和综合服务机构")
    assert "是市行政审批服务管理局（市政务信息管理局)管理的副处级参公事业单位。" in first
    assert first.endswith("(五) 监督科(内审科)。")
    assert overview.organisation[2].text == (
        "2. 从部门预算机构构成情况, 本单位有独立编制机构数1个, 即大同市政务服务中心, 没有任何下设单位。"
    )


def test_overview_literal():
    text = (
        "第一部分 概况\n"
        "一、主要职能\n"
        "1.负责本市政务服务，\n"
        "组织实施有关规定。\n"
        "其他事项按规定办理。\n"
        "2.承办交办的其他任务。\n"
        "二、机构设置\n"
        "本单位内设科室3个。\n"
        "三、人员情况\n"
        "编制10名，实有9名。\n"
    )
    overview, problems = read_overview(lines_of(text))
    assert problems == []
    assert [d.text for d in overview.duties] == [
        "1.负责本市政务服务，组织实施有关规定。其他事项按规定办理。",
        "2.承办交办的其他任务。",
    ]
    assert [p.text for p in overview.organisation] == [
        "本单位内设科室3个。",
        "三、人员情况",
        "编制10名，实有9名。",
    ]


def test_overview_text_before_any_heading_is_a_problem():
    _, problems = read_overview(lines_of("第一部分 概况\n本单位概况如下。\n一、职责\n（一）负责。\n"))
    assert problems == [Problem("第一部分：标题之前的文字“本单位概况如下。”", Origin(line=2))]


# --- 第三部分 情况说明 ---------------------------------------------------------------------

TITLES = [
    ("一", "收入支出决算总体情况说明"),
    ("二", "收入决算情况说明"),
    ("三", "支出决算情况说明"),
    ("四", "财政拨款收支决算总体情况说明"),
    ("五", "一般公共预算财政拨款支出决算情况说明"),
    ("六", "一般公共预算财政拨款基本支出决算情况说明"),
    ("七", "政府性基金预算财政拨款收支决算情况说明"),
    ("八", "国有资本经营预算财政拨款支出决算情况说明"),
    ("九", "财政拨款“三公”经费支出决算情况说明"),
    ("十", "其他重要事项情况说明"),
]


def test_sample_has_the_ten_sections(parts):
    sections, problems = read_narrative(parts[3])
    assert problems == []
    assert [(s.number, s.title) for s in sections] == TITLES
    assert [s.origin.line for s in sections] == [436, 440, 448, 456, 460, 490, 500, 504, 508, 532]


def test_sample_subsections(parts):
    sections, _ = read_narrative(parts[3])
    subs = {s.number: [sub.number for sub in s.subsections] for s in sections if s.subsections}
    assert subs == {
        "五": ["（一）", "（二）", "（三）"],
        "九": ["（一）", "（二）"],
        "十": ["（一）", "（二）", "（三）", "（四）"],
    }
    ten = sections[9]
    assert [sub.title for sub in ten.subsections] == [
        "机关运行经费支出情况说明",
        "政府采购情况说明",
        "国有资产占用情况说明",
        "预算绩效情况说明",
    ]
    assert [p.origin.line for p in ten.subsections[3].paragraphs] == [548, 550, 552, 554, 556, 558]
    assert ten.subsections[3].paragraphs[-1].text == "无"


def test_sample_paragraph_texts(parts):
    sections, _ = read_narrative(parts[3])
    six = sections[5]
    assert [p.origin.line for p in six.paragraphs] == [492, 494, 496, 498]
    assert six.paragraphs[1] == Paragraph(
        "人员经费188.72万元，主要包括1、工资福利支出181.22万元，其中：基本工资59.99万元，津贴补贴36.64万元，"
        "奖金27.39万元，绩效工资9.65万元，机关事业单位基本养老保险缴费17.27万元，职工基本医疗保险缴费7.55万元，"
        "公务员医疗补助缴费1.92万元，其他社会保障缴费0.31万元，住房公积金17.07万元，其他工资福利支出3.43万元；",
        Origin(line=494),
    )
    assert sections[1].paragraphs == (
        Paragraph("2024年度收入合计1,126.93万元，其中：", Origin(line=442)),
        Paragraph("财政拨款收入1,126.92万元，占比100.00%；", Origin(line=444)),
        Paragraph("其他收入0.01万元，占比0%。", Origin(line=446)),
    )
    assert sections[6].paragraphs == (Paragraph("本年度无此项收支。", Origin(line=502)),)
    assert sections[4].paragraphs == ()
    assert sections[4].subsections[1].paragraphs[1].text == "一般公共服务支出(类)1,066.35万元，占比94.63%；"


def test_narrative_literal():
    text = (
        "第三部分 情况说明\n"
        "一、收入支出决算总体情况说明\n"
        "2024年度收入总计100.00万元，支出总计100.00万元。与上年相比，收入总计增加\n"
        "10.00万元，增长11.11%。\n"
        "二、收入决算情况说明\n"
        "（一）财政拨款收入\n"
        "1、财政拨款收入情况\n"
        "财政拨款收入90.00万元，占比90.00%；\n"
        "(二)其他收入\n"
        "其他收入10.00万元，占比10.00%。\n"
    )
    sections, problems = read_narrative(lines_of(text))
    assert problems == []
    assert [(s.number, s.title) for s in sections] == [
        ("一", "收入支出决算总体情况说明"),
        ("二", "收入决算情况说明"),
    ]
    assert sections[0].paragraphs == (
        Paragraph(
            "2024年度收入总计100.00万元，支出总计100.00万元。与上年相比，收入总计增加10.00万元，增长11.11%。",
            Origin(line=3),
        ),
    )
    first, second = sections[1].subsections
    assert (first.number, first.title, second.number, second.title) == (
        "（一）",
        "财政拨款收入",
        "（二）",
        "其他收入",
    )
    assert [p.text for p in first.paragraphs] == [
        "1、财政拨款收入情况",
        "财政拨款收入90.00万元，占比90.00%；",
    ]


def test_narrative_problems_stray_text_and_numbering():
    text = "第三部分 情况说明\n前言文字。\n一、甲\n甲的说明。\n三、丙\n（二）乙\n乙的说明。\n"
    sections, problems = read_narrative(lines_of(text))
    assert [s.number for s in sections] == ["一", "三"]
    assert problems == [
        Problem("第三部分：不属于任何一节的文字“前言文字。”", Origin(line=2)),
        Problem("第三部分：标题编号“三”不连续（应为“二”）", Origin(line=5)),
        Problem("第三部分 三、：标题编号“（二）”不连续（应为“一”）", Origin(line=6)),
    ]


def test_numbered_sentence_is_not_a_heading():
    sections, _ = read_narrative(lines_of("一、总体情况\n二、收入合计100万元，其中：\n"))
    assert len(sections) == 1
    assert sections[0].paragraphs[0].text == "二、收入合计100万元，其中："


def test_chinese_numbers():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 12, 20, 21)] == [
        "一",
        "九",
        "十",
        "十一",
        "十二",
        "二十",
        "二十一",
    ]


# --- 第四部分 名词解释 ---------------------------------------------------------------------

TERM_NAMES = [
    "财政拨款收入",
    "事业收入",
    "经营收入",
    "其他收入",
    "使用非财政拨款结余（含专用结余）",
    "年初结转和结余",
    "结余分配",
    "年末结转和结余",
    "基本支出",
    "项目支出",
    "“三公”经费",
    "机关运行经费",
]


def test_sample_glossary_has_twelve_terms(parts):
    terms, problems = read_glossary(parts[4])
    assert problems == []  # the stray "无" after the terms is ignored on purpose
    assert [t.name for t in terms] == TERM_NAMES
    assert [t.number for t in terms] == [chinese_number(n) for n in range(1, 13)]
    assert terms[0].definition == "指单位从同级财政部门取得的财政预算资金。"
    assert terms[0].origin == Origin(line=562)
    assert terms[11].definition == "指行政单位和参照公务员法管理的事业单位财政拨款基本支出中的公用经费支出。"


def test_glossary_literal():
    text = (
        "第四部分 名词解释\n"
        "1.财政拨款收入：指单位从同级财政部门取得的\n"
        "财政预算资金。\n"
        "（二）事业收入: 指事业单位开展专业业务活动取得的收入。\n"
        "无\n"
        "以上解释仅供参考。\n"
    )
    terms, problems = read_glossary(lines_of(text))
    assert [(t.number, t.name, t.definition) for t in terms] == [
        ("1", "财政拨款收入", "指单位从同级财政部门取得的财政预算资金。"),
        ("二", "事业收入", "指事业单位开展专业业务活动取得的收入。"),
    ]
    assert problems == [Problem("第四部分：无法识别的名词解释“以上解释仅供参考。”", Origin(line=6))]


def test_glossary_grouped_under_headings_and_unnumbered():
    text = (
        "四、名词解释\n"
        "（一）支出功能分类科目说明\n"
        "决算收支表中的“科目名称”是指按照支出功能分类划分的各项内容，其中：\n"
        "1.小学教育（2050202）：反映各部门举办的小学教育支\n"
        "出。\n"
        "（二）收入科目说明\n"
        "财政拨款收入：指高等学校当年从中央财政取得的各类财政拨款。\n"
        "事业收入：指高等学校开展教学、科研及其辅助活动\n"
        "取得的收入。\n"
        "以上解释仅供参考。\n"
    )
    terms, problems = read_glossary(lines_of(text)[1:])
    assert [(t.number, t.name, t.definition) for t in terms] == [
        ("1", "小学教育（2050202）", "反映各部门举办的小学教育支出。"),
        ("", "财政拨款收入", "指高等学校当年从中央财政取得的各类财政拨款。"),
        ("", "事业收入", "指高等学校开展教学、科研及其辅助活动取得的收入。"),
    ]
    assert problems == [
        Problem(
            "第四部分：名词解释前的说明文字“决算收支表中的“科目名称”是指按照支出功能分类划分的各项内容”，不作为名词读取",
            Origin(line=3),
            "info",
        ),
        Problem("第四部分：无法识别的名词解释“以上解释仅供参考。”", Origin(line=10)),
    ]


# --- sections numbered （一） directly under the part (教育部直属高校) -------------------------


def test_narrative_with_only_bracketed_headings_reads_them_as_sections():
    text = (
        "（一）高等学校收支决算总表说明\n"
        "学校2024年度收入总计477,447.73万元。\n"
        "（二）高等学校收入决算表说明\n"
        "学校2024年度收入总计477,447.73万元，其中：\n"
        "1.财政拨款收入279,818.00万元。\n"
        "（四）其他说明\n"
        "无。\n"
    )
    sections, problems = read_narrative(lines_of(text))
    assert [(s.number, s.title) for s in sections] == [
        ("一", "高等学校收支决算总表说明"),
        ("二", "高等学校收入决算表说明"),
        ("四", "其他说明"),
    ]
    assert [p.text for p in sections[1].paragraphs] == [
        "学校2024年度收入总计477,447.73万元，其中：",
        "1.财政拨款收入279,818.00万元。",
    ]
    assert problems == [Problem("第三部分：标题编号“四”不连续（应为“三”）", Origin(line=6))]


def test_sections_titled_by_the_table_they_explain_map_to_the_template():
    from juesuan.model import Section
    from juesuan.narrative.sections import canonical_number

    titles = {
        "高等学校收支决算总表说明": "一",
        "高等学校收入决算表说明": "二",
        "高等学校支出决算表说明": "三",
        "高等学校财政拨款支出决算表说明": "五",
        "2019年度财政拨款收入支出总表说明": "四",
        "财政拨款收入支出决算总表说明": "四",
        "一般公共预算财政拨款基本支出决算情况说明": "六",
        "其他说明": "其他五",
    }
    assert {title: canonical_number(Section("五", title)) for title in titles} == titles


def test_overview_with_only_bracketed_headings():
    text = (
        "（一） 部门主要职责\n"
        "（一）承担全市轨道交通行业管理工作，组织拟订发展政策。\n"
        "（二）参与城市轨道交通线网规划编制。\n"
        "（二） 部门决算单位构成\n"
        "我部门没有下属单位。\n"
    )
    overview, problems = read_overview(lines_of(text))
    assert problems == []
    assert [d.text[:4] for d in overview.duties] == ["（一）承", "（二）参"]
    assert [p.text for p in overview.organisation] == ["我部门没有下属单位。"]
