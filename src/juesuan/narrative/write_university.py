"""第三部分 of a 教育部直属高校 (moe-university-2024): its 决算报表说明, table by table.

A university explains its four tables in turn (chongqing-swu-2024.pdf pp.14–17): 表1 收支决算总表
(收入总计 and 支出总计, which are 本年收入合计 and 本年支出合计, against last year), 表2 收入决算表
(each source with its share of 总收入), 表3 支出决算表 (基本支出 and 项目支出, then each class, with
their shares of 总支出), 表4 财政拨款支出决算表 (its total, 基本支出 and 项目支出, then each 项 by name
and code against last year) and 其他说明 (政府采购). The sections are returned as the national parts
they stand for (一, 二, 三, 五, 十（二）); the template's layout (sentences/common.toml) numbers and
titles them as the university prints them. Every sentence is a writer row of the template
(`[[template."moe-university-2024".part."…".write]]`).

Facts keys: last_year / reasons 收入总计, 支出总计, and 项 codes of 表4 (2050205 …); last_year the
sources of 表1 by name (财政拨款收入 …) and the classes of 表3 by code (205 …); 相关信息
政府采购 (货物, 工程, 服务) and 政府采购 中小企业合同金额, 小微企业合同金额.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.model import Disclosure, Section
from juesuan.model.facts import Facts
from juesuan.narrative.catalogue import sentence
from juesuan.narrative.numbers import amount, change, percent, ratio, rounded
from juesuan.narrative.write_common import (
    because,
    cell,
    joined,
    last_year,
    section,
    sentences,
    table_rows,
    year_of,
)
from juesuan.narrative.write_other import PURCHASES

_ENUMERATED = re.compile(r"^[一二三四五六七八九十]+、")  # 表1's income lines (一、财政拨款收入), not 其中
SOURCES = ("2", "3", "4", "5", "6", "7")  # 表2: 财政拨款收入 … 其他收入 (教育收费 is 其中 of 事业收入)
KINDS = ("2", "3", "4", "5", "6")  # 表3: 基本支出 … 对附属单位补助支出
FUNDED = ("2", "3")  # 表4: 基本支出, 项目支出小计


def university_sections(disclosure: Disclosure, facts: Facts) -> tuple[Section, ...]:
    """The university's sections, as the national parts they stand for; 其他说明 only when the unit
    gives its 政府采购 (a university publishes no 公开10表)."""
    found = [
        section("一", _overall(disclosure, facts)),
        section("二", [_income(disclosure)]),
        section("三", _spending(disclosure)),
        section("五", _appropriations(disclosure, facts)),
    ]
    procurement = _procurement(disclosure, facts)
    if procurement:
        found.append(section("十", subsections=(section("十（二）", [procurement]),)))
    return tuple(found)


def _overall(disclosure: Disclosure, facts: Facts) -> list[str]:
    """表1: 收入总计 (本年收入合计, 01 line 27) and 支出总计 (本年支出合计, line 58), each against
    last year, with its reason."""
    year = year_of(disclosure)
    income, spending = cell(disclosure, "01", "27", "1"), cell(disclosure, "01", "58", "2")
    stated = (
        ("收入总计", income, sentence("一", "income", year=year, total=amount(income))),
        ("支出总计", spending, sentence("一", "spending", year=year, total=amount(spending))),
    )
    detail = {
        "收入总计": _sources_changed(disclosure, facts),
        "支出总计": _classes_changed(disclosure, facts),
    }
    texts = []
    for key, value, said in stated:
        versus = _versus(facts, key, value, year)
        compared = sentences(joined(said, versus), detail[key] if versus else "")
        texts.append(_with_reason(facts, key, compared, sentences(said)))
    return texts


def _sources_changed(disclosure: Disclosure, facts: Facts) -> str:
    """``其中：财政拨款收入增加36,802.62万元，事业收入增加…`` (p.14): each income line of 表1 (一、… to
    六、…, not their 其中) whose last-year figure the unit gives (by its name)."""
    lines = []
    for row in table_rows(disclosure, "01"):
        if row.key == "27":  # 本年收入合计: the income lines are above it
            break
        if _ENUMERATED.match(row.label) and row.get("1"):
            name = _ENUMERATED.sub("", "".join(row.label.split()))
            lines.append((name, name, row.get("1").value))
    return _changes(facts, lines)


def _classes_changed(disclosure: Disclosure, facts: Facts) -> str:
    """``其中：教育支出增加22,774.53万元，…，其他支出保持不变`` (p.14): each class of 表3 whose
    last-year figure the unit gives (by its code)."""
    classes = [
        (row.code, row.label, row.get("1").value)
        for row in table_rows(disclosure, "03")
        if len(row.code) == 3 and row.get("1")
    ]
    return _changes(facts, classes)


def _changes(facts: Facts, items: list[tuple[str, str, Decimal]]) -> str:
    """``其中：a增加…，b减少…，c保持不变`` of the items (key, name, this year's value) whose last-year
    figure is known; empty when none is."""
    said = []
    for key, name, value in items:
        last = last_year(facts, key)
        if last is None:
            continue
        difference = rounded(value) - rounded(last)
        if not difference:
            said.append(sentence("一", "item_same", name=name))
        elif difference > 0:
            said.append(sentence("一", "item_rise", name=name, amount=amount(difference)))
        else:
            said.append(sentence("一", "item_fall", name=name, amount=amount(-difference)))
    return sentence("一", "items", changes="，".join(said)) if said else ""


def _versus(facts: Facts, key: str, current: Decimal, year: int) -> str:
    """``与2023年度相比，增加…万元，增长…%`` when last year's figure is known."""
    last = last_year(facts, key)
    if last is None:
        return ""
    changed = change(current, last)
    if not changed:
        return sentence("一", "same", last_year=year - 1)
    return sentence("一", "versus", last_year=year - 1, change=changed)


def _income(disclosure: Disclosure) -> str:
    """表2: 收入总计 and each source with its share of 总收入."""
    total = cell(disclosure, "02", "合计", "1")
    items = _column_shares(disclosure, "02", "二", SOURCES, total)
    lead = sentence("二", "total", year=year_of(disclosure), total=amount(total))
    return _listed(lead, items)


def _column_shares(disclosure: Disclosure, table: str, part: str, columns, total) -> list[str]:
    """Each column of the table's 合计 row that holds a figure, named by its heading, with its
    share of the total (表2's sources, 表3's kinds of spending)."""
    found = disclosure.table(table)
    return [
        joined(
            sentence(part, "item", name=_heading(found, column), value=amount(value)),
            sentence(part, "share", rate=rate) if (rate := _rate(value, total)) else "",
        )
        for column in columns
        if found and (value := cell(disclosure, table, "合计", column))
    ]


def _spending(disclosure: Disclosure) -> list[str]:
    """表3: 各项支出总计 with 基本支出 and 项目支出, then each class (功能科目), with shares."""
    total = cell(disclosure, "03", "合计", "1")
    kinds = _column_shares(disclosure, "03", "三", KINDS, total)
    lead = sentence("三", "total", year=year_of(disclosure), total=amount(total))
    classes = [
        joined(
            sentence("三", "item", name=row.label, value=amount(value)),
            sentence("三", "share", rate=rate) if (rate := _rate(value, total)) else "",
        )
        for row in table_rows(disclosure, "03")
        if len(row.code) == 3 and row.get("1") and (value := row.get("1").value)
    ]
    by_class = sentence("三", "classes", items="；".join(classes)) + "。" if classes else ""
    return [text for text in (_listed(lead, kinds), by_class) if text]


def _appropriations(disclosure: Disclosure, facts: Facts) -> list[str]:
    """表4: 财政拨款支出总计 with 基本支出 and 项目支出, then each 项 by name and code, against last
    year (as the unit gives it by code)."""
    year = year_of(disclosure)
    total = cell(disclosure, "U04", "合计", "1")
    found = disclosure.table("U04")
    kinds = [
        joined(
            sentence("五", "item", name=_heading(found, column).removesuffix("小计"), value=amount(value)),
            sentence("五", "share", rate=rate) if (rate := _rate(value, total)) else "",
        )
        for column in FUNDED
        if found and (value := cell(disclosure, "U04", "合计", column))
    ]
    lead = sentence("五", "total", year=year, total=amount(total))
    items = [row for row in table_rows(disclosure, "U04") if len(row.code) == 7 and row.get("1")]
    head = sentences(_listed(lead, kinds), sentence("五", "detailed") if items else "")
    details = [_item(facts, n, row, year) for n, row in enumerate(items, 1)]
    return [head, *details]


def _item(facts: Facts, n: int, row, year: int) -> str:
    """``1.小学教育（2050202），2024年度决算数为8,627.17万元，比2023年度决算数增长8.24%。``"""
    value = row.get("1").value
    said = sentence("五", "code", n=n, name=row.label, code=row.code, year=year, value=amount(value))
    last = last_year(facts, row.code)
    compared = ""
    if last is not None:
        difference = rounded(value) - rounded(last)
        rate = ratio(abs(difference), rounded(last))
        if not difference:
            compared = sentence("五", "code_same", last_year=year - 1)
        elif rate is not None and difference > 0:
            compared = sentence("五", "code_rise", last_year=year - 1, rate=percent(rate))
        elif rate is not None:
            compared = sentence("五", "code_fall", last_year=year - 1, rate=percent(rate))
    return _with_reason(facts, row.code, joined(said, compared), said)


def _with_reason(facts: Facts, key: str, compared: str, said: str) -> str:
    """The sentence, with the reason for its change when it states one (a reason explains a
    change: none is attached to a figure not compared with last year)."""
    return sentences(compared, because(facts, key) if compared != said else "")


def _procurement(disclosure: Disclosure, facts: Facts) -> str:
    """其他说明: 政府采购 in total and by kind (相关信息), 中小企业 and 小微企业 with their shares;
    nothing when the unit gives no 政府采购."""
    total = cell(disclosure, "10", "1", "统计数")
    if not total:
        return ""
    kinds = "、".join(
        sentence("十（二）", "kind", kind=kind, value=amount(cell(disclosure, "10", line, "统计数")))
        for kind, line in PURCHASES.items()
    )
    head = sentence("十（二）", "total", year=year_of(disclosure), total=amount(total), kinds=kinds)
    medium, small = (facts.procurement.get(f"{kind}合同金额") for kind in ("中小企业", "小微企业"))
    if medium is None:
        return sentences(head)
    medium = Decimal(medium)
    of_total = ratio(medium, total)
    awarded = joined(
        sentence("十（二）", "awarded", lead="", kind="中小企业", value=amount(medium)),
        "" if of_total is None else sentence("十（二）", "awarded_share", rate=percent(of_total)),
    )
    if small is not None:
        small = Decimal(small)
        of_medium = ratio(small, medium)
        awarded = joined(
            awarded,
            sentence("十（二）", "awarded", lead="其中：", kind="小微企业", value=amount(small)),
            "" if of_medium is None else sentence("十（二）", "awarded_small_share", rate=percent(of_medium)),
        )
    return sentences(head, awarded)


def _rate(value: Decimal, total: Decimal) -> str:
    """The share of 总收入 (二) or 总支出 (三, 五) a value is, ``58.61%``; empty when the total is 0."""
    rate = ratio(value, total)
    return "" if rate is None else percent(rate)


def _heading(table, column: str) -> str:
    return "".join(table.heading(column).split())


def _listed(lead: str, items: list[str]) -> str:
    """``…，其中：a；b。`` in one paragraph, as the university prints it; the lead alone when none."""
    return f"{lead}，其中：{'；'.join(items)}。" if items else f"{lead}。"
