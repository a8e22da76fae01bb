"""Writing 第三部分 情况说明 from the tables, the 绩效自评表 and the unit's `Facts`.

`write_narrative` gives the ten sections in the official sentence patterns: every figure is a
table cell, a share, a year-over-year change, a completion rate or a count from the forms, so the
checker can trace each of them back; every sentence is a row of the sentence catalogue
(`sentences/*.toml`, docs/narrative.md). Only last year's figures, 年初预算,
reasons, uses, 三公 details, 中小企业 amounts and free notes come from the facts. Sections 一–四
are written here; 五–八, 九 and 十 in write_budget, write_public and write_other.

Facts keys read here: last_year / reasons 收入总计, 支出总计 (一), 财政拨款收入总计,
财政拨款支出总计 (四); the sources of income by name (一般公共预算财政拨款收入 …, 一（一） where the
template states each, 中央部门); the other modules list theirs.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.model import Disclosure, Section
from juesuan.model.facts import Facts
from juesuan.narrative.catalogue import phrase, sentence, written
from juesuan.narrative.numbers import UNCHANGED, amount, change, percent, ratio, rounded
from juesuan.narrative.write_budget import appropriation_section, basic_section, capital_section, fund_section
from juesuan.narrative.write_common import (
    because,
    cell,
    joined,
    laid_out,
    last_year,
    listing,
    paragraphs,
    section,
    sentences,
    table_rows,
    year_of,
)
from juesuan.narrative.write_guangdong import appropriations_2019, overall_2019
from juesuan.narrative.write_other import other_section, with_statistics
from juesuan.narrative.write_public import three_public_section
from juesuan.narrative.write_university import university_sections

_ENUMERATOR = re.compile(r"^[一二三四五六七八九十]+、")  # 一、一般公共预算财政拨款收入
INCOME_SOURCES = ("2", "3", "4", "5", "6", "7")  # 公开02表: 财政拨款收入 … 其他收入
SPENDING_KINDS = ("2", "3", "4", "5", "6")  # 公开03表: 基本支出 … 对附属单位补助支出


def write_narrative(disclosure: Disclosure, facts: Facts) -> tuple[Section, ...]:
    """The sections of 第三部分 情况说明: the national ten 一…十, as the disclosure's template
    numbers, titles and orders them (Shanghai: eleven, 三公 in 七), in its wording."""
    from juesuan.catalogue.templates import template_of, under

    with under(template_of(disclosure)):
        writer = OWN_WRITERS.get(disclosure.template or "", _sections)
        stated = with_statistics(disclosure, facts)
        own = OWN_PARTS.get(disclosure.template or "", {})
        drafted = tuple(own[s.number](stated, facts) if s.number in own else s for s in writer(stated, facts))
        return laid_out(drafted, disclosure.template, disclosure.year)


def _sections(disclosure: Disclosure, facts: Facts) -> tuple[Section, ...]:
    """The national ten sections 一…十."""
    return (
        overall_section(disclosure, facts),
        income_section(disclosure),
        spending_section(disclosure),
        appropriations_overall_section(disclosure, facts),
        appropriation_section(disclosure, facts),
        basic_section(disclosure),
        fund_section(disclosure, facts),
        capital_section(disclosure, facts),
        three_public_section(disclosure, facts),
        other_section(disclosure, facts),
    )


# templates whose 第三部分 is not the national ten reworded but sections of its own (教育部直属高校:
# one per table); each writer gives its sections as the national parts they stand for
OWN_WRITERS = {"moe-university-2024": university_sections}
# templates that write some national parts their own way (广东 2019: 一 and 四 with sub-sections)
OWN_PARTS = {"guangdong-2019": {"一": overall_2019, "四": appropriations_2019}}


def stated_once(part: str) -> bool:
    """Whether the template states 收入 and 支出 总计 as one figure (上海 收入支出总计, 中央部门 收、支
    总计): its `totals` sentence has no {spending}. It then compares that one figure with last year."""
    from juesuan.catalogue.templates import active

    return "{spending}" not in written(active().name)[part, "totals"].text


def compared(facts: Facts, items: list[tuple[str, Decimal]], part: str, year: int) -> str:
    """``与上年相比，收入总计增加…，增长…%`` for the items whose last-year figure is known (one when
    the template states the totals once); the part's own wording of the lead and of each change."""
    if stated_once(part):
        items = [next((item for item in items if last_year(facts, item[0]) is not None), items[0])]
    clauses = []
    for name, current in items:
        last = last_year(facts, name)
        if last is None:
            continue
        changed = change(current, last) or UNCHANGED
        if part == "一":
            clauses.append(sentence("一", "change", name=name, change=changed))
        else:
            clauses.append(sentence("四", "change", name=name, change=changed))
    if not clauses:
        return ""
    if part == "一":
        return sentence("一", "compared", last_year=year - 1, changes="，".join(clauses))
    return sentence("四", "compared", last_year=year - 1, changes="；".join(clauses))


def overall_section(disclosure: Disclosure, facts: Facts) -> Section:
    """一: 收入总计 (01 line 31) and 支出总计 (01 line 62) against last year."""
    year = year_of(disclosure)
    income, spending = cell(disclosure, "01", "31", "1"), cell(disclosure, "01", "62", "2")
    totals = sentence(
        "一", "totals", unit=disclosure.unit, year=year, income=amount(income), spending=amount(spending)
    )
    versus = compared(facts, [("收入总计", income), ("支出总计", spending)], "一", year)
    text = sentences(totals, versus, because(facts, "收入总计", "支出总计"))
    detail = _income_by_source(disclosure, facts)
    return section("一", [text], subsections=[detail] if detail else [])


# 公开01表's income lines (一般公共预算财政拨款收入 … 其他收入) and 使用非财政拨款结余, 年初结转和结余
INCOME_LINES = ("1", "2", "3", "4", "5", "6", "7", "8", "28", "29")
# what a line is, as 中央部门 say it after its amount (central-guojiaxinfangju-2024.pdf p.15)
DEFINED = {
    "1": lambda unit: sentence("一（一）", "is_general", unit=unit),
    "8": lambda unit: sentence("一（一）", "is_other", unit=unit),
    "29": lambda unit: sentence("一（一）", "is_carried", unit=unit),
}


def _income_by_source(disclosure: Disclosure, facts: Facts) -> Section | None:
    """一（一） 收入决算具体情况, where the template has it (中央部门, p.15): each income line of 公开01
    表 that holds a figure, numbered, with what it is and its change from last year's 决算数 (as the
    unit gives it by the line's name) and the reason."""
    from juesuan.catalogue.templates import active
    from juesuan.narrative.catalogue import parts

    if ("一（一）", "versus") not in written(active().name):  # 广东 2019 writes its 一（一） itself
        return None
    year, texts = year_of(disclosure), []
    for row in table_rows(disclosure, "01"):
        value = cell(disclosure, "01", row.key, "1")
        if row.key not in INCOME_LINES or not value:
            continue
        name = _ENUMERATOR.sub("", "".join(row.label.split()))
        said = sentence("一（一）", "item", n=len(texts) + 1, name=name, value=amount(value))
        defined = DEFINED[row.key](disclosure.unit) if row.key in DEFINED else ""
        last = last_year(facts, name)
        versus = "" if last is None else _versus_last(value, last, year)
        texts.append(sentences(joined(said, defined, versus, because(facts, name) if versus else "")))
    if not texts:
        return None
    return Section("（一）", parts(active().name)["一（一）"]["title"], paragraphs(*texts))


def _versus_last(current: Decimal, last: Decimal, year: int) -> str:
    """``比2023年度决算数增加…万元，增长…%`` (``减少…，降低…%``, 与2023年度决算数持平)."""
    difference = rounded(current) - rounded(last)
    rate = ratio(abs(difference), rounded(last))
    if not difference:
        return sentence("一（一）", "same", last_year=year - 1)
    if rate is None:  # nothing last year: no rate to state
        changed = phrase(
            "rise_from_nothing" if difference > 0 else "fall_from_nothing", amount=amount(abs(difference))
        )
    elif difference > 0:
        changed = sentence("一（一）", "rise", amount=amount(difference), rate=percent(rate))
    else:
        changed = sentence("一（一）", "fall", amount=amount(-difference), rate=percent(rate))
    return sentence("一（一）", "versus", last_year=year - 1, change=changed)


def income_section(disclosure: Disclosure) -> Section:
    """二: 收入合计 (02 合计) and each source of income with its share."""
    return _breakdown(disclosure, "02", INCOME_SOURCES, "二")


def spending_section(disclosure: Disclosure) -> Section:
    """三: 支出合计 (03 合计) with 基本支出, 项目支出 and any other kind, with shares."""
    return _breakdown(disclosure, "03", SPENDING_KINDS, "三")


def _breakdown(disclosure: Disclosure, table: str, columns: tuple[str, ...], part: str) -> Section:
    total = cell(disclosure, table, "合计", "1")
    found = disclosure.table(table)
    items = []
    for column in columns:
        value = cell(disclosure, table, "合计", column)
        if value and found:
            label = "".join(found.heading(column).split())
            rate = ratio(value, total)
            items.append(
                joined(
                    sentence(part, "item", name=label, value=amount(value)),
                    "" if rate is None else sentence(part, "share", rate=percent(rate)),
                )
            )
    lead = sentence(part, "lead", unit=disclosure.unit, year=year_of(disclosure), total=amount(total)) + (
        "，其中：" if items else "。"
    )
    return section(part, listing(lead, items))


def appropriations_overall_section(disclosure: Disclosure, facts: Facts) -> Section:
    """四: 财政拨款收入总计 (04 line 32) and 支出总计 (04 line 64) against last year."""
    year = year_of(disclosure)
    income, spending = cell(disclosure, "04", "32", "1"), cell(disclosure, "04", "64", "2")
    totals = sentence(
        "四", "totals", unit=disclosure.unit, year=year, income=amount(income), spending=amount(spending)
    )
    items = [("财政拨款收入总计", income), ("财政拨款支出总计", spending)]
    reason = because(facts, "财政拨款收入总计", "财政拨款支出总计")
    text = sentences(totals, compared(facts, items, "四", year), reason)
    return section("四", [text])
