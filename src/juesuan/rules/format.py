"""Format rules: the unit's name, the money unit, the 目录, punctuation, doubled words, length.

- P-unit-name (H02): the unit's name on the cover is the one every table head prints.
- P-money-unit (H03): every table head states the same 金额单位.
- P-contents (H04): the 目录 lists the tables the body prints, under their titles, at their pages.
- P-punctuation (H06), P-repeated-word (H07): in the unit's own prose only (概况 and 情况说明;
  doubled words in 情况说明 alone), never in table text, where extraction joins cells and lines;
  warnings, since a PDF's text may still join two lines into one doubled word.
- P-too-short (H08): a document without most of its parts is incomplete.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from juesuan.catalogue.tables import table_name
from juesuan.catalogue.templates import template_of
from juesuan.model import Disclosure, Paragraph
from juesuan.narrative.trace import section_paragraphs
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.front import bare_title, head_lines, money_units, table_entries
from juesuan.rules.registry import Rule, rule

_SPACE = re.compile(r"\s+")


def _name(text: str) -> str:
    return _SPACE.sub("", text).replace("(", "（").replace(")", "）")


@rule(
    id="P-unit-name",
    title="单位名称前后一致",
    doc="封面的单位名称须与每张表表头的编制单位一致（一方是另一方的一部分，如“（本级）”，不算不一致）。",
)
def unit_name(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    unit = _name(disclosure.unit)
    if not unit:
        return
    for table in disclosure.tables:
        printed = _name(table.unit_name)
        if printed and unit not in printed and printed not in unit:
            name = table_name(table.number)
            message = f"{name}表头编制单位为“{table.unit_name}”，封面单位名称为“{disclosure.unit}”"
            cells = (CellRef(table.number, "", "编制单位"),)
            yield this.finding(message, cells, f"第二部分 {table_name(table.number)} {table.origin}")


@rule(
    id="P-money-unit",
    title="金额单位一致",
    doc="各表表头标注的金额单位须一致（如均为万元），不得混用。",
    severity=Severity.WARNING,
)
def money_unit(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    stated = [(unit, line) for line in head_lines(disclosure) for unit in money_units(line)]
    if len({unit for unit, _ in stated}) < 2:
        return
    usual = Counter(unit for unit, _ in stated).most_common(1)[0][0]
    for unit, line in stated:
        if unit != usual:
            message = f"此处金额单位为“{unit}”，其余各表为“{usual}”：金额单位不应混用"
            yield this.finding(message, (), f"表头 {line.origin}")


@rule(
    id="P-contents",
    title="目录与正文一致",
    doc="目录所列各表须是正文印出的表，表题相同，页码与正文所在页相符（按其余各表的页码差判断）。",
    severity=Severity.WARNING,
)
def contents_match(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    listed = table_entries(disclosure)
    if not listed:
        return
    numbers = {number for number, _ in listed}
    for number, entry in listed:
        table = disclosure.table(number)
        where = f"目录 {entry.line.origin}"
        if table is None:
            yield this.finding(
                f"目录列有《{entry.title}》，正文未印这张表", (CellRef(number, "", ""),), where
            )
        elif bare_title(table.title) != bare_title(entry.title):
            message = f"目录写《{entry.title}》，正文{table_name(number)}题为《{table.title}》"
            yield this.finding(message, (CellRef(number, "", ""),), where)
    for table in disclosure.tables:
        if table.number not in numbers and table.number in template_of(disclosure).required:
            message = f"正文印有{table_name(table.number)}《{table.title}》，目录未列"
            yield this.finding(message, (CellRef(table.number, "", ""),), f"第二部分 {table.origin}")
    yield from _page_numbers(disclosure, this, listed)


def _page_numbers(disclosure: Disclosure, this: Rule, listed) -> Iterator[Finding]:
    """The printed page numbers run at a fixed distance from the file's pages (the cover and the
    目录 are not numbered): an entry off the distance most entries keep is wrong."""
    pages = [
        (number, entry, table.origin.page)
        for number, entry in listed
        if (table := disclosure.table(number)) is not None and table.origin.page and entry.page is not None
    ]
    offsets = Counter(page - entry.page for _, entry, page in pages)
    if len(pages) < 3:
        return
    offset, count = offsets.most_common(1)[0]
    if count * 2 <= len(pages):
        return  # no distance most entries keep: nothing to judge by
    for number, entry, page in pages:
        if page - entry.page != offset:
            message = (
                f"目录中《{entry.title}》页码为 {entry.page}，正文在第 {page - offset} 页"
                f"（文件第{page}页；其余各表的页码均与文件页相差 {offset}）"
            )
            yield this.finding(message, (CellRef(number, "", ""),), f"目录 {entry.line.origin}")


def prose(disclosure: Disclosure) -> Iterator[tuple[str, Paragraph]]:
    """(where, paragraph) of the prose the unit writes itself: 概况 and 情况说明. Never tables or
    forms (extraction joins their cells), nor 名词解释: its wording is the template's own, copied
    as printed there (both 普陀 units print the template's “其中:” with a half-width colon)."""
    for paragraph in (*disclosure.overview.duties, *disclosure.overview.organisation):
        if "\t" not in paragraph.text:
            yield f"第一部分 {paragraph.origin}", paragraph
    for key, paragraph in section_paragraphs(disclosure):
        if "\t" not in paragraph.text:
            yield f"第三部分 {key} {paragraph.origin}", paragraph


_CJK = "\u4e00-\u9fff"
PUNCTUATION = (
    (re.compile(r"([。，、；：！？])\1+"), "标点重复"),
    (re.compile(r"[，、；：][。，、；：]|。[，、；：]"), "标点连用"),
    (re.compile(rf"(?<=[{_CJK}])[,;:?!](?=[{_CJK}])"), "中文中夹用半角标点"),
)


@rule(
    id="P-punctuation",
    title="标点符号规范",
    doc="概况、情况说明的正文中不得有重复或连用的标点（。。、，。）或中文之间的半角逗号、分号。",
    severity=Severity.WARNING,
)
def punctuation(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for where, paragraph in prose(disclosure):
        for pattern, what in PUNCTUATION:
            for match in pattern.finditer(paragraph.text):
                context = paragraph.text[max(0, match.start() - 10) : match.end() + 10]
                yield this.finding(f"{what}“{match.group(0)}”（…{context}…）", (), where, paragraph.origin)


# A word of two to four characters written twice in a row (增加增加); the reduplications official
# prose allows are of single characters (一一, 逐步), so a word of two or more is a slip. Without
# word segmentation two words may abut where one ends as the next begins (政务服务 服务标准化), so
# only 第三部分 is read: the text typed for this disclosure, where the slip is found. 概况 quotes
# the unit's mandate (三定方案) and names of bodies, as written elsewhere.
_DOUBLED = re.compile(rf"([{_CJK}]{{2,4}})\1")


@rule(
    id="P-repeated-word",
    title="词语重复",
    doc="情况说明的正文中不得有连写两遍的词（如“增加增加”）。",
    severity=Severity.WARNING,
)
def repeated_word(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    names = [form.project for form in disclosure.forms if form.project]
    for where, paragraph in prose(disclosure):
        if not where.startswith("第三部分"):
            continue
        for match in _DOUBLED.finditer(paragraph.text):
            if _within_name(match, paragraph.text, names):
                continue  # a project's name, quoted as the 绩效自评表 prints it (档案档案数字化经费)
            context = paragraph.text[max(0, match.start() - 10) : match.end() + 10]
            yield this.finding(f"“{match.group(1)}”连写两遍（…{context}…）", (), where, paragraph.origin)


def _within_name(match: re.Match[str], text: str, names: list[str]) -> bool:
    for name in names:
        if match.group(0) in name:
            at = text.find(name)
            while at >= 0:
                if at <= match.start() and match.end() <= at + len(name):
                    return True
                at = text.find(name, at + 1)
    return False


@rule(
    id="P-too-short",
    title="文件完整",
    doc="文件须有概况、决算表、情况说明、名词解释四个部分且印出模板应有的表的过半数；缺两个以上部分或大半表为不完整。",
)
def too_short(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    parts = {
        "第一部分 概况": bool(disclosure.overview.duties or disclosure.overview.organisation),
        "第二部分 决算表": bool(disclosure.tables),
        "第三部分 情况说明": bool(disclosure.narrative),
        "第四部分 名词解释": bool(disclosure.glossary),
    }
    missing = [name for name, present in parts.items() if not present]
    required = template_of(disclosure).required
    printed = [number for number in required if disclosure.table(number) is not None]
    if len(missing) >= 2 or (required and len(printed) * 2 < len(required)):
        lacks = "、".join(missing) if missing else "表"
        message = f"文件不完整：缺少{lacks}，只印了应有的{len(required)}张表中的{len(printed)}张"
        yield this.finding(message, (), "全文")
