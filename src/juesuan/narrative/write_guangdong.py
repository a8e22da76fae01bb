"""第三部分 一 and 二 as 广东 2019 prints them (guangdong-foshan-guidaojiaotong-2019.pdf pp.21–23).

广东's 2019 disclosure explains the whole 收入支出决算总表 in its 一, in two sub-sections: （一） 总收入
with 本年收入 and every income line of 表1, （二） 总支出 with 本年支出 and every kind of spending of
表3; and the 财政拨款收入支出决算总表 in its 二: （一） 财政拨款收入合计 with 一般公共预算 and 政府性基金,
（二） 财政拨款支出合计 likewise. The other sections are the national 九 and 十 (三公, 其他重要事项); the
template's layout (sentences/common.toml) numbers and titles them. Each function gives a national
part (一, 四) with its sub-sections; every sentence is a writer row of the template.
"""

from __future__ import annotations

import re

from juesuan.model import Disclosure, Section
from juesuan.model.facts import Facts
from juesuan.narrative.catalogue import parts, sentence
from juesuan.narrative.numbers import amount
from juesuan.narrative.write_common import cell, paragraphs, sentences, table_rows, year_of

TEMPLATE = "guangdong-2019"
INCOME_LINES = ("1", "2", "3", "4", "5", "6", "7", "8")  # 表1's income lines, by national 行次
SPENDING_KINDS = ("2", "3", "4", "5", "6")  # 表3: 基本支出 … 对附属单位补助支出
_ENUMERATOR = re.compile(r"^[一二三四五六七八九十]+、")


def overall_2019(disclosure: Disclosure, facts: Facts) -> Section:
    """一: （一） 总收入 and each income line, （二） 总支出 and each kind of spending."""
    unit, year = disclosure.unit, year_of(disclosure)
    income = sentences(
        sentence(
            "一（一）",
            "total",
            unit=unit,
            year=year,
            total=amount(cell(disclosure, "01", "31", "1")),
            income=amount(cell(disclosure, "01", "27", "1")),
        ),
        sentence("一（一）", "detailed"),
    )
    lines = [row for row in table_rows(disclosure, "01") if row.key in INCOME_LINES]
    sources = [
        sentences(
            sentence(
                "一（一）",
                "item",
                n=n,
                name=_name(row.label),
                value=amount(cell(disclosure, "01", row.key, "1")),
            )
        )
        for n, row in enumerate(lines, 1)
    ]
    spending = sentences(
        sentence(
            "一（二）",
            "total",
            unit=unit,
            year=year,
            total=amount(cell(disclosure, "01", "62", "2")),
            spending=amount(cell(disclosure, "01", "58", "2")),
        ),
        sentence("一（二）", "detailed"),
    )
    found = disclosure.table("03")
    kinds = [
        sentences(
            sentence(
                "一（二）",
                "item",
                n=n,
                name="".join(found.heading(column).split()),
                value=amount(cell(disclosure, "03", "合计", column)),
            )
        )
        for n, column in enumerate(SPENDING_KINDS, 1)
        if found
    ]
    return Section(
        "一",
        _title("一"),
        (),
        (
            Section("（一）", _title("一（一）"), paragraphs(income, *sources)),
            Section("（二）", _title("一（二）"), paragraphs(spending, *kinds)),
        ),
    )


def appropriations_2019(disclosure: Disclosure, facts: Facts) -> Section:
    """二 (the national 四): （一） 财政拨款收入合计 (表4 line 27) with 一般公共预算 (line 1) and 政府性
    基金 (line 2); （二） 财政拨款支出合计 (line 59) with its 一般公共预算 and 政府性基金 columns."""
    unit, year = disclosure.unit, year_of(disclosure)
    income = sentences(
        sentence("四（一）", "total", unit=unit, year=year, total=amount(cell(disclosure, "04", "27", "1"))),
        sentence(
            "四（一）",
            "items",
            general=amount(cell(disclosure, "04", "1", "1")),
            fund=amount(cell(disclosure, "04", "2", "1")),
        ),
    )
    spending = sentences(
        sentence("四（二）", "total", unit=unit, year=year, total=amount(cell(disclosure, "04", "59", "2"))),
        sentence(
            "四（二）",
            "items",
            general=amount(cell(disclosure, "04", "59", "3")),
            fund=amount(cell(disclosure, "04", "59", "4")),
        ),
    )
    return Section(
        "四",
        _title("四"),
        (),
        (
            Section("（一）", _title("四（一）"), paragraphs(income)),
            Section("（二）", _title("四（二）"), paragraphs(spending)),
        ),
    )


def _title(part: str) -> str:
    """The part's title as the template gives it (its layout adds the year), else the national one."""
    return parts(TEMPLATE).get(part, {}).get("title") or parts()[part]["title"]


def _name(label: str) -> str:
    """一、一般公共预算财政拨款收入 → 一般公共预算财政拨款收入."""
    return _ENUMERATOR.sub("", "".join(label.split()))
