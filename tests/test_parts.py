"""The parts of a disclosure told by what they are, whatever their number or order.

A document whose 第二部分 is the narrative and 第三部分 the tables reads as the reference does; a
document that numbers its parts 一、 二、 三、 … (教育部直属高校: 三、决算报表说明, 四、名词解释) has them
found; a part heading that names nothing (第二部分 alone) is told by its content.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from conftest import SAMPLE

from juesuan.export import tidy_csv
from juesuan.model import Disclosure, Origin, Problem
from juesuan.narrative.sections import canonical_number
from juesuan.rules import Severity, run_rules
from juesuan.sources import read_bytes, read_path
from juesuan.sources.layout import bare_part, heading_kind, part_kinds, printed_part, split_document
from juesuan.sources.layout.lines import split_lines

REAL = Path(__file__).resolve().parents[2] / "shared" / "samples" / "real"
SWU = REAL / "chongqing-swu-2024.pdf"  # 西南大学 2024 年度部门决算 (教育部直属高校)
needs_real = pytest.mark.skipif(not SWU.is_file(), reason=f"真实样本不存在：{SWU}")

TEXT = SAMPLE.read_text(encoding="utf-8")
ORIGINAL, ORIGINAL_PROBLEMS = read_path(SAMPLE)


def swapped(
    text: str, tables: str = "第三部分 2024年部门决算表", narrative: str = "第二部分 情况说明"
) -> str:
    """The reference with its narrative printed before its tables, under the headings given."""
    lines = text.split("\n")
    start, middle, end = (
        lines.index("第二部分 2024年部门决算表"),
        lines.index("第三部分 情况说明"),
        lines.index("第四部分 名词解释"),
    )
    table_lines, narrative_lines = lines[start:middle], lines[middle:end]
    table_lines[0], narrative_lines[0] = tables, narrative
    return "\n".join(lines[:start] + narrative_lines + table_lines + lines[end:])


def numbered_bare(text: str) -> str:
    """The reference with its parts headed 一、 … 五、 as 教育部直属高校 print them, no 第X部分."""
    body = text.index("\n第一部分 概况\n")
    headings = {
        "第一部分 概况": "一、部门概况",
        "第二部分 2024年部门决算表": "二、2024年度部门决算报表",
        "第三部分 情况说明": "三、部门决算情况说明",
        "第四部分 名词解释": "四、名词解释",
        "第五部分 附件": "五、附件",
    }
    lines = text[body:].split("\n")
    return text[:body] + "\n".join(headings.get(line, line) for line in lines)


def bare(value):
    """The model with every Origin left out."""
    if isinstance(value, Origin):
        return None
    if dataclasses.is_dataclass(value):
        return tuple((f.name, bare(getattr(value, f.name))) for f in dataclasses.fields(value))
    if isinstance(value, tuple | list):
        return tuple(bare(item) for item in value)
    return value


# What the part headings call the disclosure (第二部分 2024年部门决算表 against the cover's
# 单位决算): the variants below reprint those headings, so their words differ by construction.
_HEADING_WORDS = "P-unit-or-department"


def findings(disclosure: Disclosure) -> list[tuple]:
    """Every finding, its place without the line or page number (those move with the parts)."""
    return sorted(
        (f.rule, f.severity.value, f.message, f.as_tuple(), re.sub(r"(原文第\d+行|第\d+页)", "", f.where))
        for f in run_rules(disclosure)
        if f.rule != _HEADING_WORDS
    )


EXPECTED_FINDINGS = findings(ORIGINAL)


def assert_reads_as_the_reference(disclosure: Disclosure) -> None:
    assert tidy_csv(disclosure) == tidy_csv(ORIGINAL)
    assert len(tidy_csv(disclosure).splitlines()) == 237 + 1
    assert bare(disclosure.narrative) == bare(ORIGINAL.narrative)
    assert [canonical_number(s) for s in disclosure.narrative] == list("一二三四五六七八九十")
    assert bare(disclosure.glossary) == bare(ORIGINAL.glossary)
    assert bare(disclosure.overview) == bare(ORIGINAL.overview)
    assert bare(disclosure.forms) == bare(ORIGINAL.forms)
    assert (disclosure.unit, disclosure.year) == (ORIGINAL.unit, ORIGINAL.year)


def assert_checks_as_the_reference(disclosure: Disclosure) -> None:
    assert findings(disclosure) == EXPECTED_FINDINGS
    errors = [f for f in run_rules(disclosure) if f.severity == Severity.ERROR]
    assert [f.as_tuple() for f in errors] == [("N-amount", "06", "30110", "决算数")]
    assert "7.55" in errors[0].message and "7.54" in errors[0].message


# --- the reference, its parts reordered and renumbered --------------------------------------


@pytest.mark.parametrize(
    ("tables", "narrative"),
    [
        ("第三部分 2024年部门决算表", "第二部分 情况说明"),  # told by the headings' words
        ("第三部分", "第二部分"),  # headings that name nothing: told by the content
        ("第三部分 部门决算情况", "第二部分 部门决算"),  # words that name no part either
    ],
    ids=["named", "unnamed", "vague"],
)
def test_narrative_before_tables_reads_and_checks_as_the_reference(tables, narrative):
    disclosure, problems = read_bytes(swapped(TEXT, tables, narrative).encode(), "swapped.txt")
    assert_reads_as_the_reference(disclosure)
    assert [p.message for p in problems] == [p.message for p in ORIGINAL_PROBLEMS]
    assert_checks_as_the_reference(disclosure)


def test_parts_numbered_without_di_x_bufen_read_as_the_reference():
    disclosure, problems = read_bytes(numbered_bare(TEXT).encode(), "bare.txt")
    assert_reads_as_the_reference(disclosure)
    assert [p.message for p in problems] == [p.message for p in ORIGINAL_PROBLEMS]
    assert_checks_as_the_reference(disclosure)


def test_the_split_keys_parts_by_kind():
    front, parts = split_document(split_lines(swapped(TEXT)))
    assert sorted(parts) == [1, 2, 3, 4, 5]
    assert parts[2][0].text == "第三部分 2024年部门决算表"
    assert parts[3][0].text == "第二部分 情况说明"
    assert parts[2][0].no > parts[3][0].no  # printed after the narrative
    assert front[-1].text == "第五部分 附件\t19"  # the table of contents stays front matter


def test_parts_split_by_their_printed_numbers_are_told_apart_when_assembled():
    """Word documents are split by the numbers printed (`lines.split_parts`); `assemble` tells
    the parts apart by their headings and content."""
    from juesuan.sources.layout import assemble
    from juesuan.sources.layout.lines import split_parts

    front, parts = split_parts(split_lines(swapped(TEXT, "第三部分", "第二部分")))
    assert parts[2][0].text == "第二部分"
    disclosure, problems = assemble(front, parts)
    assert_reads_as_the_reference(disclosure)
    assert [p.message for p in problems] == [p.message for p in ORIGINAL_PROBLEMS]


def test_swapped_parts_in_a_pdf_read_and_check_as_the_reference():
    """The reference rendered to PDF with the narrative before the tables, renumbered."""
    from juesuan.render.pdf import source, typeset

    document = source(ORIGINAL)
    # each part starts with the page (#tall[ or #wide[) whose first line is its heading, part-N
    headings = (document.rindex("\n", 0, document.index(f"] <part-{n}>")) for n in (2, 3, 4))
    start, middle, end = (document.rindex("\n", 0, heading) for heading in headings)
    tables = document[start:middle].replace('[#"第二部分 ', '[#"第三部分 ', 1)
    narrative = document[middle:end].replace('[#"第三部分 情况说明"]', '[#"第二部分 情况说明"]', 1)
    assert tables != document[start:middle] and narrative != document[middle:end]
    pdf = typeset(document[:start] + narrative + tables + document[end:])
    disclosure, problems = read_bytes(pdf, "swapped.pdf")
    assert problems == []
    assert bare(disclosure.tables) == bare(ORIGINAL.tables)
    assert bare(disclosure.narrative) == bare(ORIGINAL.narrative)
    assert bare(disclosure.glossary) == bare(ORIGINAL.glossary)
    alarms = [f.as_tuple() for f in run_rules(disclosure) if f.severity in (Severity.ERROR, Severity.WARNING)]
    assert alarms == [("N-amount", "06", "30110", "决算数")]


# --- headings ------------------------------------------------------------------------------


def test_the_part_kinds_are_data():
    assert sorted(kind.number for kind in part_kinds()) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("第一部分 国家信访局概况", 1),
        ("第二部分 国家信访局 2024 年度部门决算表", 2),
        ("二、2024 年度部门决算报表", 2),
        ("第三部分 国家信访局2024年度部门决算情况说明", 3),
        ("三、决算报表说明", 3),  # the narrative, though it names 决算报表
        ("第四部分 名词解释", 4),
        ("第五部分 附件", 5),
        ("第二部分", None),
        ("第三部分 2024年度部门决算", None),
    ],
)
def test_a_heading_names_its_part_by_its_words(heading, kind):
    assert heading_kind(heading) == kind


def test_part_headings():
    assert printed_part("第三部分 情况说明") == 3
    assert printed_part("第三部分 情况说明\t16") == 0  # the table of contents
    assert printed_part("三、决算报表说明") == 0
    assert bare_part("三、决算报表说明") == 3
    assert bare_part("四、名词解释") == 4
    assert bare_part("三、决算报表说明 ......................14") == 0  # the table of contents
    assert bare_part("二、收入决算情况说明") == 0  # a section of the narrative
    assert bare_part("二、收入决算表") == 0  # a table
    assert bare_part("二、机构设置") == 0  # names no part


def test_a_part_that_names_nothing_and_holds_nothing_known_keeps_its_number():
    text = (
        "封面\n2024年度部门决算公开\n第一部分\n本单位无下设机构。\n"
        "第三部分 情况说明\n一、收入支出决算总体情况说明\n无。\n"
    )
    _, parts = split_document(split_lines(text))
    assert sorted(parts) == [1, 3]


def test_a_part_the_template_does_not_have_is_reported():
    text = "第三部分 情况说明\n一、收入支出决算总体情况说明\n无。\n第六部分 其他\n附录文字。\n"
    disclosure, problems = read_bytes(text.encode(), "six.txt")
    assert [s.title for s in disclosure.narrative] == ["收入支出决算总体情况说明"]
    assert problems == [Problem("无法识别的部分“第六部分 其他”，未读取", Origin(line=4))]


# --- 西南大学 (教育部直属高校): 一、学校概况 二、…决算报表 三、决算报表说明 四、名词解释 -------------

SWU_SECTIONS = [
    ("一", "高等学校收支决算总表说明", "一"),
    ("二", "高等学校收入决算表说明", "二"),
    ("三", "高等学校支出决算表说明", "三"),
    ("四", "高等学校财政拨款支出决算表说明", "五"),
    ("五", "其他说明", "其他五"),
]
SWU_TERMS = [
    "小学教育（2050202）",
    "高中教育（2050204）",
    "高等教育（2050205）",
    "来华留学教育（2050602）",
    "其他留学教育支出（2050699）",
    "高等教育（2059802）",
    "其他教育支出（2059999）",
    "机构运行（2060201）",
    "重点实验室及相关设施（2060204）",
    "机关事业单位基本养老保险缴费支出（2080505）",
    "机关事业单位职业年金缴费支出（2080506）",
    "住房公积金（2210201）",
    "购房补贴（2210203）",
    "用于教育事业的彩票公益金支出（2296004）",
    "财政拨款收入",
    "事业收入",
    "其他收入",
    "基本支出",
    "项目支出",
]


@pytest.fixture(scope="module")
def swu() -> tuple[Disclosure, list[Problem]]:
    return read_path(SWU)


def flat(text: str) -> str:
    """The text without white space (the PDF spaces figures and Latin words unevenly)."""
    return "".join(text.split())


@needs_real
def test_swu_narrative_is_read_with_its_sections(swu):
    disclosure, _ = swu
    found = [(s.number, s.title, canonical_number(s)) for s in disclosure.narrative]
    assert found == SWU_SECTIONS
    first = flat(disclosure.narrative[0].paragraphs[0].text)
    assert first.startswith(
        "学校2024年度收入总计477,447.73万元，与2023年度相比，增加46,722.70万元，增长10.85%。"
    )
    assert len(disclosure.narrative[3].paragraphs) == 15  # the total and its 14 items


@needs_real
def test_swu_glossary_and_overview(swu):
    disclosure, problems = swu
    assert [t.name for t in disclosure.glossary] == SWU_TERMS
    assert disclosure.glossary[0].definition == "反映各部门举办的小学教育支出。"
    assert disclosure.glossary[14].definition.startswith("指高等学校当年从中央财政取得的各类财政拨款。")
    assert flat(disclosure.overview.organisation[0].text).startswith(
        "西南大学（SouthwestUniversity）是教育部直属"
    )
    parts = [p for p in problems if p.message.startswith(("第一部分", "第三部分", "第四部分"))]
    assert [(p.severity, p.message[:15]) for p in parts] == [("info", "第四部分：名词解释前的说明文字")]


@needs_real
def test_swu_narrative_is_traced(swu):
    from juesuan.narrative.trace import trace_narrative

    traces = trace_narrative(swu[0])
    assert len(traces) > 50
    traced = [t for t in traces if t.traced]
    assert {t.section for t in traced} >= {"一", "二", "三"}
