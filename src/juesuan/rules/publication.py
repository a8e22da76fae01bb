"""Publication rules: what a disclosure must contain and say, beyond its arithmetic.

Here: the ten 公开表 are all published; an empty table says 本表无数据 (and a table with figures
does not); 第三部分 九 states the 三公 counts (团组, 人次, 辆, 批次); 十（二） states the contracts
awarded to 中小企业 when there was 政府采购. In `publication_year`: every year naming the reporting
period agrees. In `publication_text`: no template placeholders are left, and the words comparing
决算 with 年初预算 (超出, 未完成, 持平) agree with the figures.

Each rule skips the parts a disclosure lacks (no narrative, no forms): a missing part is
reported once, by the rule about that part, never as a crash.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from juesuan.catalogue.tables import table_name
from juesuan.catalogue.templates import template_of
from juesuan.model import Disclosure, Paragraph, Table
from juesuan.narrative.sections import find_section
from juesuan.narrative.statements import none_at_all, three_public_counts_stated
from juesuan.narrative.trace import section_paragraphs
from juesuan.rules import publication_text, publication_year  # noqa: F401  (registers their rules)
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.registry import Rule, rule

ACTUAL_COLUMNS = frozenset(str(column) for column in range(7, 13))  # 公开09表 决算数

# Wordings that say a table is empty on purpose (本表无数据, 本表为空表, 本单位无此项收支 …).
_NO_DATA = re.compile(r"无数据|空表|无此项|无相关|未发生|不涉及|(本|该|我)(单位|部门)[^。]{0,20}(无|没有)")


def table_where(table: Table) -> str:
    return f"第二部分 公开{table.number}表 {table.origin}"


def has_data(table: Table) -> bool:
    """Whether the table prints a figure other than zero."""
    return any(figure.value != 0 for row in table.rows for _, figure in row.cells)


@rule(
    id="P-tables-present",
    title="公开表齐全",
    doc="第二部分须公开所用模板规定的全部表（全国模板为公开01表至公开10表），无数据的表也须保留并说明。",
)
def tables_present(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    found = template_of(disclosure)
    for number in found.required:
        if disclosure.table(number) is None:
            definition = found.tables[number]
            message = (
                f"缺少{table_name(number)}《{definition.title}》：{found.title}应公开这{len(found.required)}张表，"
                "无数据时保留空表并注明本表无数据"
            )
            yield this.finding(message, (CellRef(number, "", ""),), "第二部分")


@rule(
    id="P-line-numbers",
    title="行次与项目相符",
    doc="收支总表印的行次须与项目相符：按所用模板，每个项目有其行次；行次印错、重复或跳号即为错误。",
)
def line_numbers(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    found = template_of(disclosure)
    for table in disclosure.tables:
        definition = found.tables.get(table.number)
        if definition is None or definition.rows != "line":
            continue
        printed = Counter(row.line_no for row in table.rows if row.line_no)
        for row in table.rows:
            expected = definition.line_for_row(row.key)
            if expected is None or not row.line_no or row.line_no == expected.line:
                continue
            twice = (
                f"（第{row.line_no}行在表中印了{printed[row.line_no]}次）" if printed[row.line_no] > 1 else ""
            )
            message = (
                f"{table_name(table.number)}“{row.label}”印为第{row.line_no}行，"
                f"按{found.title}应为第{expected.line}行{twice}"
            )
            yield this.finding(message, (CellRef(table.number, row.key, ""),), table_where(table))


@rule(
    id="P-empty-note",
    title="空表须注明本表无数据",
    doc="没有数据的公开表须注明“本表无数据”（警告）；有数据的表不得注明“本表无数据”（错误）。",
    severity=Severity.WARNING,
)
def empty_notes(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for table in disclosure.tables:
        cells = (CellRef(table.number, "", "说明"),)
        if not has_data(table) and not _noted_empty(disclosure, table):
            message = f"公开{table.number}表没有数据，表下应注明“本表无数据”，现未注明"
            yield this.finding(message, cells, table_where(table))
        elif has_data(table) and table.says_no_data:
            message = f"公开{table.number}表列有数据，却注明“本表无数据”：应删去该说明或核对表中数据"
            yield Finding(this.id, Severity.ERROR, message, cells, table_where(table))


def _noted_empty(disclosure: Disclosure, table: Table) -> bool:
    """The table's own note says it is empty, or a note printed after the tables names it among
    the empty ones (注：本单位无…，07表、08表、09表为空表; 07、08、09表无数据)."""
    if any(_NO_DATA.search(note) for note in table.notes):
        return True
    number = re.escape(table.number.lstrip("0") or table.number)
    named = re.compile(rf"(?<!\d)0?{number}(?=([、，,和及与]\s*(公开)?\d{{1,2}})*表)")
    blanket = (note for other in disclosure.tables for note in other.notes)
    return any(named.search(note) and _NO_DATA.search(note) for note in blanket)


def section_text(disclosure: Disclosure, number: str) -> list[tuple[str, Paragraph]]:
    """(section key, paragraph) of every paragraph under the top-level section `number`."""
    return [(key, p) for key, p in section_paragraphs(disclosure) if _within(key, number)]


def _within(key: str, number: str) -> bool:
    """九 and 九（二） are within 九; 十一 is not within 十."""
    return key.startswith(number) and key[len(number) :][:1] in ("", "（")


def sentences(paragraphs: list[tuple[str, Paragraph]]) -> Iterator[str]:
    for _, paragraph in paragraphs:
        yield from paragraph.text.split("。")


def section_where(disclosure: Disclosure, number: str, sub: str = "") -> str:
    """第三部分 九（二） 原文第N行: the sub-section where printed, else the section."""
    section = find_section(disclosure, number)
    if section is None:
        return f"第三部分 {number}"
    found = next((s for s in section.subsections if s.number == sub), None)
    if found is not None:
        return f"第三部分 {number}{sub} {found.origin}"
    return f"第三部分 {number} {section.origin}"


@rule(
    id="P-three-public-explained",
    title="三公经费说明列明数量",
    doc="第三部分 九须写明因公出国（境）团组个数和人次、公务用车辆数、公务接待批次和人次"
    "（单位全年无“三公”经费、公开09表无数据且说明如此写明时除外）。",
    severity=Severity.WARNING,
)
def three_public_counts(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    paragraphs = section_text(disclosure, "九")
    if not paragraphs:
        return
    said = [sentence.replace(" ", "") for sentence in sentences(paragraphs)]
    if _no_three_public_at_all(disclosure, said):
        return
    for count in three_public_counts_stated():
        if not any(count.stated(sentence) for sentence in said):
            message = f"“三公”经费支出决算情况说明未写明{count.what}：应写明具体数量（无则写 0）"
            yield this.finding(
                message, (CellRef("09", "1", count.column),), section_where(disclosure, "九", "（二）")
            )


def _no_three_public_at_all(disclosure: Disclosure, said: list[str]) -> bool:
    """The unit spent nothing on 三公: 公开09表 has no 决算数 (a 预算数 may be printed) and the
    section says so in one of the catalogue's wordings (本单位无“三公”经费财政拨款支出 …)."""
    table = disclosure.table("09")
    spent = table is not None and any(
        figure.value for row in table.rows for column, figure in row.cells if column in ACTUAL_COLUMNS
    )
    return not spent and any(none_at_all(sentence) for sentence in said[:2])


_SME_AMOUNT = re.compile(r"中小企业[^。；]*?\d[\d,]*(\.\d+)?\s*万元")
_SME_SHARE = re.compile(r"中小企业[^。]*?\d+(\.\d+)?\s*[%％]")


@rule(
    id="P-procurement-explained",
    title="政府采购说明中小企业合同金额",
    doc="公开10表政府采购支出总额大于 0 时，第三部分 十（二）须写明授予中小企业合同金额及其占比。",
    severity=Severity.WARNING,
)
def procurement_explained(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    table = disclosure.table("10")
    total = table.figure("1", "统计数") if table else None
    paragraphs = section_text(disclosure, "十") or list(section_paragraphs(disclosure))
    if total is None or total.value <= 0 or not paragraphs:
        return
    said = list(sentences(paragraphs))
    cells = (CellRef("10", "1", "统计数"),)
    where = section_where(disclosure, "十", "（二）")
    for what, pattern in (
        ("授予中小企业合同金额", _SME_AMOUNT),
        ("中小企业合同金额占政府采购支出总额的比例", _SME_SHARE),
    ):
        if not any(pattern.search(sentence) for sentence in said):
            message = f"公开10表政府采购支出总额为 {total.text} 万元，政府采购情况说明却未写明{what}"
            yield this.finding(message, cells, where)
