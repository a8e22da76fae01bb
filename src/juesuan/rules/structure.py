"""Structure rules: the parts a disclosure must publish and the order of its tables.

- P-table-order (A04): the tables in the template's order, and in the order the 目录 lists them.
- P-overview, P-overview-duties (A05): 第一部分 概况 published, with 职责 and 机构设置/决算单位构成.
- P-glossary (A07): 第四部分 名词解释 published, with the template's core terms.
- P-cover (A13): the title names the year, the unit and the kind (部门决算 / 单位决算).
- P-unit-or-department (A14): the disclosure calls itself 部门决算 or 单位决算, not both.

The cover, the 目录 and the part headings are `Disclosure.front` (`front`); where a reader keeps
none, the rules check what the model holds (the title, the tables as printed) and stay silent
about the rest. Rules that depend on the template read it from the catalogue; the generic
template runs none of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.catalogue.tables import table_name
from juesuan.catalogue.templates import template_of
from juesuan.model import Disclosure
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.front import contents, cover_text, part_headings, table_entries
from juesuan.rules.registry import Rule, rule


@rule(
    id="P-table-order",
    title="各表顺序符合模板和目录",
    doc="第二部分各表须按所用模板的顺序印出，目录所列各表的顺序须与正文相同。",
    severity=Severity.WARNING,
)
def table_order(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    found = template_of(disclosure)
    printed = [t.number for t in disclosure.tables if t.number in found.required]
    yield from _out_of_order(this, printed, list(found.required), f"按{found.title}", disclosure)
    listed = [number for number, _ in table_entries(disclosure) if number in printed]
    yield from _out_of_order(this, printed, listed, "按目录所列", disclosure)


def _out_of_order(
    this: Rule, printed: list[str], order: list[str], according: str, disclosure: Disclosure
) -> Iterator[Finding]:
    """Each printed table that comes after one it should precede, once."""
    rank = {number: at for at, number in enumerate(order)}
    shown = [number for number in printed if number in rank]
    for at, number in enumerate(shown):
        before = [other for other in shown[:at] if rank[other] > rank[number]]
        if before:
            table = disclosure.table(number)
            message = (
                f"{table_name(number)}印在{table_name(before[0])}之后，{according}应在其前"
                f"（应为{'、'.join(table_name(n)[2:4] for n in order if n in shown)}的顺序）"
            )
            yield this.finding(
                message, (CellRef(number, "", ""),), f"第二部分 {table_name(number)} {table.origin}"
            )


@rule(
    id="P-overview",
    title="公开第一部分 概况",
    doc="须公开第一部分 概况（部门职责、机构设置或决算单位构成）；整部分缺失为错误。",
)
def overview(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    if not disclosure.overview.duties and not disclosure.overview.organisation:
        yield this.finding("未公开第一部分 概况：应写明部门职责和机构设置（决算单位构成）", (), "第一部分")


@rule(
    id="P-overview-duties",
    title="概况写明职责和机构设置",
    doc="第一部分 概况须写明部门（单位）职责和机构设置或决算单位构成（模板不要求职责时不核对）。",
    severity=Severity.WARNING,
)
def overview_parts(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    said = disclosure.overview
    if not said.duties and not said.organisation:
        return  # P-overview reports the whole part
    if not said.duties:
        yield this.finding("第一部分 概况未写明部门（单位）职责", (), "第一部分 职责")
    if not said.organisation:
        yield this.finding("第一部分 概况未写明机构设置或决算单位构成", (), "第一部分 机构设置")


CORE_TERMS = ("财政拨款收入", "基本支出", "项目支出")
THREE_PUBLIC_TERMS = ("三公经费", "机关运行经费")  # where the template has the 三公 table


@rule(
    id="P-glossary",
    title="公开名词解释",
    doc="须公开第四部分 名词解释（缺失为错误），并解释财政拨款收入、基本支出、项目支出，"
    "模板有三公表时还有“三公”经费和机关运行经费（缺词为警告）。",
)
def glossary(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    if not disclosure.glossary:
        yield this.finding("未公开第四部分 名词解释", (), "第四部分")
        return
    names = [re.sub(r"[“”\"\s]", "", term.name) for term in disclosure.glossary]
    wanted = CORE_TERMS + (THREE_PUBLIC_TERMS if "09" in template_of(disclosure).required else ())
    for term in wanted:
        if not any(term in name for name in names):
            message = f"名词解释未解释“{term}”"
            yield Finding(this.id, Severity.WARNING, message, (), f"第四部分 {disclosure.glossary[0].origin}")


_YEAR = re.compile(r"\d{4}\s*年")
_KIND = re.compile(r"(部门|单位)\s*决算")


@rule(
    id="P-cover",
    title="封面写明年度、单位和文种",
    doc="封面（标题）须写明年度、单位名称和文种（部门决算或单位决算）。",
)
def cover(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    text = cover_text(disclosure)
    if not text:
        return  # no cover was read: nothing to check, and no guess
    flat = re.sub(r"\s+", "", text)
    if not _YEAR.search(text):
        yield this.finding(f"封面“{text[:40]}”未写明年度", (), "封面")
    if not _KIND.search(text):
        yield this.finding(f"封面“{text[:40]}”未写明文种（部门决算或单位决算）", (), "封面")
    unit = re.sub(r"\s+", "", disclosure.unit)
    if unit and unit not in flat:
        message = f"封面“{text[:40]}”未写明单位名称“{disclosure.unit}”"
        yield Finding(this.id, Severity.WARNING, message, (), "封面")


# The disclosure naming itself: a year, then 部门决算 or 单位决算 (2024年度单位决算公开).
_SELF_NAMED = re.compile(r"\d{4}\s*年度?\s*(部门|单位)\s*决算")


@rule(
    id="P-unit-or-department",
    title="部门决算、单位决算用语一致",
    doc="文件称自己为“部门决算”或“单位决算”须前后一致（封面、部分标题、情况说明），不得混用。",
    severity=Severity.WARNING,
)
def unit_or_department(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    places = [(disclosure.title, "封面 标题")]
    places += [(line.text, f"{line.origin}") for line in (*part_headings(disclosure), *contents(disclosure))]
    places += [(s.title, f"第三部分 {s.number} {s.origin}") for s in disclosure.narrative]
    places += [
        (p.text, f"第三部分 {s.number} {p.origin}") for s in disclosure.narrative for p in s.all_paragraphs()
    ]
    said = [
        (m.group(1), m.group(0), where) for text, where in places for m in _SELF_NAMED.finditer(text or "")
    ]
    if len({kind for kind, _, _ in said}) < 2:
        return
    first = said[0]
    for kind, words, where in said:
        if kind != first[0]:
            message = f"此处写“{words}”，而{first[2]}写“{first[1]}”：部门决算与单位决算不应混用"
            yield this.finding(message, (), where)
