"""P-year: every year that names the reporting period is the disclosure's year.

The reporting year is the disclosure's (its title's); failing that, the year most tables print.
Checked against it: the years in the title, each table's 年度, the first year in each heading
(第三部分's section titles, the part headings and 目录 lines a reader keeps in `front`:
第二部分 2024年部门决算表), every 截至YYYY年12月31日 in 第三部分, the year opening a narrative
paragraph that states figures (2024年度收入总计…), and each 绩效自评表's (YYYY年度). Other years
in the text (比2023年增加, 2025年3月支付) are comparisons or dates, not the reporting period, and
are left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from juesuan.model import Disclosure, Paragraph
from juesuan.narrative.trace import section_paragraphs
from juesuan.rules.findings import CellRef, Finding
from juesuan.rules.forms import numbered
from juesuan.rules.forms import where as form_where
from juesuan.rules.front import contents, part_headings
from juesuan.rules.registry import Rule, rule

_YEAR = re.compile(r"(\d{4})\s*年")
_CUT_OFF = re.compile(r"截[至止]\s*(\d{4})\s*年\s*12\s*月\s*31\s*日")
_OPENING_YEAR = re.compile(
    r"^\s*(?:\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)?\s*(\d{4})\s*年"
)
_STATES_FIGURES = re.compile(r"\d\s*(万元|%|％|个|辆|批次|人次)")


def reporting_year(disclosure: Disclosure) -> int | None:
    """The disclosure's year, else its title's, else the year most tables print."""
    if disclosure.year is not None:
        return disclosure.year
    title = _YEAR.search(disclosure.title)
    if title:
        return int(title.group(1))
    years = Counter(table.year for table in disclosure.tables if table.year is not None)
    return years.most_common(1)[0][0] if years else None


def mismatch(printed: int, year: int, what: str) -> str:
    return f"{what}印为 {printed} 年，应为本次公开的 {year} 年度（差 {abs(printed - year)} 年）"


@rule(
    id="P-year",
    title="公开年度前后一致",
    doc="标题、各表年度、部分和各节标题、目录、情况说明中标明报告期的年份、“截至…年12月31日”和绩效自评表年度与公开年度一致。",
)
def years(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    year = reporting_year(disclosure)
    if year is None:
        return
    yield from title_years(disclosure, this, year)
    yield from table_years(disclosure, this, year)
    yield from heading_years(disclosure, this, year)
    yield from narrative_years(disclosure, this, year)
    yield from form_years(disclosure, this, year)


def title_years(disclosure: Disclosure, this: Rule, year: int) -> Iterator[Finding]:
    for match in _YEAR.finditer(disclosure.title):
        if int(match.group(1)) != year:
            yield this.finding(mismatch(int(match.group(1)), year, "标题中的年度"), (), "封面 标题")


def table_years(disclosure: Disclosure, this: Rule, year: int) -> Iterator[Finding]:
    for table in disclosure.tables:
        if table.year is not None and table.year != year:
            message = mismatch(table.year, year, f"公开{table.number}表的年度")
            cells = (CellRef(table.number, "", "年度"),)
            yield this.finding(message, cells, f"第二部分 公开{table.number}表 {table.origin}")


def headings(disclosure: Disclosure) -> Iterator[tuple[str, str]]:
    """(heading, where) of the section titles of 第三部分 and the part headings and 目录 lines."""
    for section in disclosure.narrative:
        yield section.title, f"第三部分 {section.number} {section.origin}"
        for sub in section.subsections:
            yield sub.title, f"第三部分 {section.number}{sub.number} {sub.origin}"
    for line in (*part_headings(disclosure), *contents(disclosure)):
        yield line.text, f"部分标题或目录 {line.origin}"


def heading_years(disclosure: Disclosure, this: Rule, year: int) -> Iterator[Finding]:
    """The first year a heading names is its period (二、2019年度财政拨款收入支出总表说明)."""
    for text, where in headings(disclosure):
        first = _YEAR.search(text or "")
        if first and int(first.group(1)) != year:
            yield this.finding(
                mismatch(int(first.group(1)), year, f"标题“{text.strip()[:30]}”中的年度"), (), where
            )


def narrative_years(disclosure: Disclosure, this: Rule, year: int) -> Iterator[Finding]:
    for key, paragraph in section_paragraphs(disclosure):
        for printed, what in paragraph_years(paragraph):
            if printed != year:
                yield this.finding(mismatch(printed, year, what), (), f"第三部分 {key} {paragraph.origin}")


def paragraph_years(paragraph: Paragraph) -> Iterator[tuple[int, str]]:
    """The years in a paragraph that name the reporting period, with a name for each."""
    for match in _CUT_OFF.finditer(paragraph.text):
        yield int(match.group(1)), f"“{match.group(0)}”中的年度"
    opening = _OPENING_YEAR.match(paragraph.text)
    if opening and _STATES_FIGURES.search(paragraph.text):
        yield int(opening.group(1)), f"段首“{opening.group(0).strip()}”的年度"


def form_years(disclosure: Disclosure, this: Rule, year: int) -> Iterator[Finding]:
    for name, form in numbered(disclosure):
        if form.year is not None and form.year != year:
            message = mismatch(form.year, year, f"绩效自评表《{form.project or form.title}》的年度")
            yield this.finding(message, (CellRef(name, "", "年度"),), form_where(form))
