"""Whether 第三部分 has the sections a reviewer looks for (CHECKLIST A06, A08-A12, E09, E14).

Sections are found by their titles through the sentence catalogue, never by the number printed;
a topic that some regions fold into another section (广东 2019 explains 公开02表 within 一) counts
as explained when its table's total is stated anywhere in 第三部分. The sections of 机关运行经费,
政府采购, 国有资产 and 预算绩效 belong to the national narrative, which comes with 公开06表: a
template without it (高校 决算报表说明) is not asked for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from juesuan.model import Disclosure
from juesuan.narrative.sections import find_section
from juesuan.narrative.statements import none_at_all
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.narrative_text import (
    compact,
    first_where,
    has_data,
    paragraphs,
    part,
    performance,
    publishes,
    text_of,
    whole_text,
)
from juesuan.rules.registry import Rule, rule

# table → the section that explains it, and the cells whose figure stands for the table
EXPLAINED_BY = {
    "01": ("一", "收入支出决算总体情况说明", (("31", "1"), ("27", "1"))),
    "02": ("二", "收入决算情况说明", (("合计", "1"),)),
    "03": ("三", "支出决算情况说明", (("合计", "1"),)),
    "04": ("四", "财政拨款收入支出决算总体情况说明", (("32", "1"), ("27", "1"))),
    "05": ("五", "一般公共预算财政拨款支出决算情况说明", (("合计", "1"),)),
    "U04": ("五", "财政拨款支出决算表说明", (("合计", "1"),)),
    "06": ("六", "一般公共预算财政拨款基本支出决算情况说明", ()),
    "07": ("七", "政府性基金预算财政拨款收入支出决算情况说明", (("合计", "3"),)),
    "08": ("八", "国有资本经营预算财政拨款支出决算情况说明", (("合计", "1"),)),
    "09": ("九", "财政拨款“三公”经费支出决算情况说明", (("1", "7"),)),
}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_NONE = re.compile(r"无|没有|未发生|未安排|不涉及|0(\.0+)?万元")
ACTUAL_COLUMNS = tuple(str(column) for column in range(7, 13))


def stated_numbers(disclosure: Disclosure) -> set[Decimal]:
    found = set()
    for number in _NUMBER.findall(whole_text(disclosure)):
        try:
            found.add(Decimal(number.replace(",", "")))
        except InvalidOperation:
            continue
    return found


def _totals(disclosure: Disclosure, number: str, cells: tuple) -> list[Decimal]:
    table = disclosure.table(number)
    if number == "06":
        parts = [table.figure(row, "决算数") for row in ("人员经费合计", "公用经费合计")]
        return [sum((f.value for f in parts if f), Decimal(0))]
    return [f.value for row, col in cells if (f := table.figure(row, col)) is not None]


@rule(
    id="N-sections",
    title="情况说明与各表对应",
    doc="公开的每张有数据的表在第三部分有其说明一节（按标题识别），或其合计数在第三部分中写明（A06）。",
    severity=Severity.WARNING,
)
def sections_explained(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    if not disclosure.narrative:
        return
    stated = stated_numbers(disclosure)
    for number, (section, title, cells) in EXPLAINED_BY.items():
        if not publishes(disclosure, number) or not has_data(disclosure.table(number)):
            continue
        if find_section(disclosure, section) is not None or stated & set(_totals(disclosure, number, cells)):
            continue
        message = f"公开{number}表有数据，第三部分却没有“{title}”一节，也未写明该表的合计数"
        yield this.finding(message, (CellRef(number, "", ""),), "第三部分")


def _topic_rule(rule_id: str, title: str, words: str, what: str, checklist: str, severity=Severity.ERROR):
    pattern = re.compile(words)

    @rule(
        id=rule_id,
        title=title,
        doc=f"按全国模板（公开06表同在）第三部分须有{what}（{checklist}）；情况说明中一处也未提及即报告。",
        severity=severity,
    )
    def topic_present(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
        if (
            disclosure.narrative
            and publishes(disclosure, "06")
            and not pattern.search(whole_text(disclosure))
        ):
            yield this.finding(f"第三部分未见{what}：应写明，没有的也应说明“无”", (), "第三部分")

    return topic_present


_topic_rule(
    "N-running-costs-section",
    "机关运行经费情况说明",
    "机关运行经费|运行经费",
    "机关运行经费支出情况说明",
    "A08",
)
_topic_rule("N-procurement-section", "政府采购情况说明", "政府采购", "政府采购情况说明", "A09")
_topic_rule(
    "N-assets-section",
    "国有资产占用情况说明",
    "国有资产|资产占用|资产占有|车辆",
    "国有资产占用情况说明",
    "A10",
)
_topic_rule(
    "N-performance-section",
    "预算绩效情况说明",
    "绩效(?!工资)",
    "预算绩效情况说明",
    "A11",
    severity=Severity.WARNING,
)

_ATTACHED = re.compile(r"附件|附表|详见")


@rule(
    id="N-forms-attached",
    title="绩效自评表已附",
    doc="预算绩效情况说明称自评结果见附件（附件、附表、详见）时，须附有项目支出绩效自评表（A12）。",
    severity=Severity.WARNING,
)
def forms_attached(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    found = performance(disclosure)
    said = text_of(found)
    if disclosure.forms or "自评" not in said or not _ATTACHED.search(said) or _form_titles(disclosure):
        return
    message = "预算绩效情况说明称项目绩效自评结果见附件，文件中却没有项目支出绩效自评表"
    yield this.finding(message, (), first_where(found, "预算绩效"))


def _form_titles(disclosure: Disclosure) -> bool:
    """A form's title printed among the paragraphs (……项目绩效自评表), though not read as a form."""
    texts = [p.text for _, p in paragraphs(disclosure)] + [p.text for p in disclosure.extras]
    return any(compact(text).endswith("自评表") for text in texts)


def _spent_on_three_public(disclosure: Disclosure) -> bool:
    table = disclosure.table("09")
    return table is not None and any(
        f.value for row in table.rows for c, f in row.cells if c in ACTUAL_COLUMNS
    )


@rule(
    id="N-three-public-none",
    title="无“三公”经费支出的说明",
    doc="公开09表没有决算数时，第三部分仍须有“三公”经费一节并写明没有（如本单位无“三公”经费财政拨款支出）（E09）。",
    severity=Severity.WARNING,
)
def three_public_none(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    if not disclosure.narrative or not publishes(disclosure, "09") or _spent_on_three_public(disclosure):
        return
    found = part(disclosure, "九")
    said = text_of(found)
    cells = (CellRef("09", "1", "7"),)
    if find_section(disclosure, "九") is None and "三公" not in whole_text(disclosure):
        yield this.finding(
            "公开09表没有决算数，第三部分却未说明“三公”经费：应写明本年无“三公”经费支出", cells, "第三部分"
        )
    elif found and not (_NONE.search(said) or any(none_at_all(s) for s in said.split("。"))):
        message = (
            "公开09表没有决算数，“三公”经费一节却未写明没有支出（如“无‘三公’经费财政拨款支出”或各项 0 万元）"
        )
        yield this.finding(message, cells, first_where(found, "九"))


@rule(
    id="N-fund-none",
    title="无政府性基金、国有资本经营预算收支的说明",
    doc="公开07表、08表没有数据而第三部分有其一节时，该节须写明本年没有此项收支（E14）。",
    severity=Severity.WARNING,
)
def fund_none(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for number, section in (("07", "七"), ("08", "八")):
        table = disclosure.table(number)
        printed = find_section(disclosure, section)
        if table is None or has_data(table) or printed is None:
            continue
        said = compact(printed.title + "。" + printed.text)
        if not _NONE.search(said):
            title = EXPLAINED_BY[number][1]
            message = (
                f"公开{number}表没有数据，第三部分“{title}”却未写明本年没有此项收支（如“本年度无此项收支”）"
            )
            yield this.finding(
                message, (CellRef(number, "", ""),), f"第三部分 {printed.number} {printed.origin}"
            )
