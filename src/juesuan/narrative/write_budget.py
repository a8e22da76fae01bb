"""第三部分 五–八: 一般公共预算财政拨款 (05, 06), 政府性基金 (07) and 国有资本经营 (08).

Facts keys: last_year / reasons 一般公共预算财政拨款支出, 政府性基金预算财政拨款支出,
国有资本经营预算财政拨款支出 and each 功能分类 class code (201 …); initial_budget
一般公共预算财政拨款支出 and class codes; uses by class code.
"""

from __future__ import annotations

from decimal import Decimal

from juesuan.catalogue import economic_classification, functional_classification
from juesuan.catalogue.classification import PERSONNEL
from juesuan.model import Disclosure, Row, Section
from juesuan.model.facts import Facts
from juesuan.narrative.numbers import UNCHANGED, amount, change, completion, percent, ratio, share, versus
from juesuan.narrative.write_common import (
    ZERO,
    because,
    cell,
    has_figures,
    joined,
    last_year,
    listing,
    section,
    sentences,
    table_rows,
    year_of,
)

GENERAL = "一般公共预算财政拨款支出"


def appropriation_section(disclosure: Disclosure, facts: Facts) -> Section:
    """五: the 一般公共预算财政拨款 total, its structure by class and each class in detail."""
    return section(
        "五",
        "一般公共预算财政拨款支出决算情况说明",
        subsections=(
            section("（一）", "一般公共预算财政拨款支出决算总体情况", [_general_total(disclosure, facts)]),
            section("（二）", "一般公共预算财政拨款支出决算结构情况", _structure(disclosure)),
            section("（三）", "一般公共预算财政拨款支出决算具体情况", _details(disclosure, facts)),
        ),
    )


def _general_total(disclosure: Disclosure, facts: Facts) -> str:
    """五（一）: 05 合计, its share of 本年支出合计 (01 line 58) and its change."""
    total = cell(disclosure, "05", "合计", "1")
    base = ratio(total, cell(disclosure, "01", "58", "2"))
    head = f"{year_of(disclosure)}年一般公共预算财政拨款决算支出{amount(total)}"
    part = "" if base is None else f"占本年支出合计的{percent(base)}"
    last = last_year(facts, GENERAL)
    versus_last = "" if last is None else f"与上年相比，{GENERAL}{change(total, last) or UNCHANGED}"
    return sentences(joined(head, part), versus_last, because(facts, GENERAL))


def class_rows(disclosure: Disclosure, table: str) -> list[Row]:
    """The 类 rows (three-digit codes) of a code table that print an amount."""
    return [row for row in table_rows(disclosure, table) if len(row.code) == 3 and row.get("1")]


def _structure(disclosure: Disclosure) -> list[str]:
    """五（二）: each class of 05 with its share of 05 合计."""
    total = cell(disclosure, "05", "合计", "1")
    items = [
        joined(f"{row.label}(类){amount(row.get('1').value)}", share(row.get("1").value, total))
        for row in class_rows(disclosure, "05")
    ]
    lead = f"{year_of(disclosure)}年度{GENERAL}{amount(total)}" + ("，主要用于以下方面：" if items else "。")
    return listing(lead, items)


def _details(disclosure: Disclosure, facts: Facts) -> list[str]:
    """五（三）: 年初预算, 决算 and completion, in total and for each class."""
    total = cell(disclosure, "05", "合计", "1")
    budget = facts.initial_budget.get(GENERAL)
    head = f"{year_of(disclosure)}年度{GENERAL}{amount(total)}"
    if budget is not None:
        head = joined(
            f"{year_of(disclosure)}年度{GENERAL}年初预算{amount(budget)}",
            f"支出决算{amount(total)}",
            completion(total, Decimal(budget)),
        )
    codes = _detailed_classes(disclosure, facts)
    lead = sentences(head, "其中：" if codes else "")
    return [lead] + [_class_detail(disclosure, facts, code) for code in codes]


def _detailed_classes(disclosure: Disclosure, facts: Facts) -> list[str]:
    """Classes spent this year, budgeted this year or spent last year, in code order."""
    spent = {row.code for row in class_rows(disclosure, "05")}
    known = {code for code in (*facts.initial_budget, *facts.last_year) if len(code) == 3 and code.isdigit()}
    return sorted(spent | known)


def _class_detail(disclosure: Disclosure, facts: Facts, code: str) -> str:
    row = next((r for r in table_rows(disclosure, "05") if r.code == code), None)
    label = row.label if row else functional_classification().name(code) or code
    actual = cell(disclosure, "05", code, "1")
    budget = facts.initial_budget.get(code)
    used = f"用于{facts.uses[code]}" if facts.uses.get(code) else ""
    if budget is None:
        first = joined(f"{label}{amount(actual)}", used)
    else:
        budgeted = f"{label}年初预算{amount(budget)}"
        first = joined(budgeted, f"支出决算{amount(actual)}", completion(actual, Decimal(budget)), used)
    last = last_year(facts, code)
    second = "" if last is None else joined(versus("较上年决算", actual, last), because(facts, code))
    return sentences(first, second)


def basic_section(disclosure: Disclosure) -> Section:
    """六: 基本支出 (05 合计 col 2), 人员经费 by numbered group and 公用经费 by item (06)."""
    title = ("六", "一般公共预算财政拨款基本支出决算情况说明")
    lead = f"{year_of(disclosure)}年度财政拨款基本支出{amount(cell(disclosure, '05', '合计', '2'))}"
    personnel = cell(disclosure, "06", "人员经费合计", "决算数")
    public = cell(disclosure, "06", "公用经费合计", "决算数")
    if not (personnel or public):
        return section(*title, [f"{lead}。"])
    return section(
        *title, [f"{lead}，其中：", *_personnel(disclosure, personnel), _public(disclosure, public)]
    )


def _personnel(disclosure: Disclosure, total: Decimal) -> list[str]:
    """``人员经费…，主要包括1、工资福利支出…，其中：…；`` then ``2、…；`` for each further group."""
    groups = [_group_text(n, row, members) for n, (row, members) in enumerate(_groups(disclosure, True), 1)]
    first = f"人员经费{amount(total)}" + (f"，主要包括{groups[0]}" if groups else "")
    return [f"{text}；" for text in [first, *groups[1:]]]


def _public(disclosure: Disclosure, total: Decimal) -> str:
    """``公用经费…，主要包括办公费…，…。``: the nonzero items (or a group printed without items)."""
    items = [_item(row) for group, members in _groups(disclosure, False) for row in members or [group]]
    return f"公用经费{amount(total)}" + (f"，主要包括{'，'.join(items)}" if items else "") + "。"


def _groups(disclosure: Disclosure, personnel: bool) -> list[tuple[Row, list[Row]]]:
    """The nonzero 06 class rows of 人员经费 (or of 公用经费), each with its nonzero members."""
    rows = sorted((r for r in table_rows(disclosure, "06") if r.code and _value(r)), key=lambda r: r.code)
    catalogue = economic_classification()
    groups = [r for r in rows if len(r.code) == 3 and (catalogue.group(r.code) == PERSONNEL) == personnel]
    return [(group, [r for r in rows if len(r.code) == 5 and r.code[:3] == group.code]) for group in groups]


def _value(row: Row) -> Decimal:
    figure = row.get("决算数")
    return figure.value if figure else ZERO


def _item(row: Row) -> str:
    return f"{row.label}{amount(_value(row))}"


def _group_text(number: int, group: Row, members: list[Row]) -> str:
    """``1、工资福利支出181.22万元，其中：基本工资59.99万元，…``."""
    text = f"{number}、{_item(group)}"
    return f"{text}，其中：{'，'.join(_item(row) for row in members)}" if members else text


def fund_section(disclosure: Disclosure, facts: Facts) -> Section:
    """七: 政府性基金 本年收入 and 本年支出 (07 合计), or 本年度无此项收支。"""
    title = ("七", "政府性基金预算财政拨款收支决算情况说明")
    if not has_figures(disclosure, "07"):
        return section(*title, ["本年度无此项收支。"])
    income, spending = cell(disclosure, "07", "合计", "2"), cell(disclosure, "07", "合计", "3")
    head = (
        f"{year_of(disclosure)}年度政府性基金预算财政拨款本年收入{amount(income)}，本年支出{amount(spending)}"
    )
    key = "政府性基金预算财政拨款支出"
    return section(*title, [sentences(head, *_against_last(facts, key, "本年支出", spending))])


def capital_section(disclosure: Disclosure, facts: Facts) -> Section:
    """八: 国有资本经营预算财政拨款支出 (08 合计), or 本年度无此项支出。"""
    title = ("八", "国有资本经营预算财政拨款支出决算情况说明")
    if not has_figures(disclosure, "08"):
        return section(*title, ["本年度无此项支出。"])
    spending = cell(disclosure, "08", "合计", "1")
    key = "国有资本经营预算财政拨款支出"
    head = f"{year_of(disclosure)}年度{key}{amount(spending)}"
    return section(*title, [sentences(head, *_against_last(facts, key, key, spending))])


def _against_last(facts: Facts, key: str, name: str, current: Decimal) -> tuple[str, str]:
    """``与上年相比，<name>增加…`` and its reason, when last year's figure is known."""
    last = last_year(facts, key)
    if last is None:
        return "", ""
    return f"与上年相比，{name}{change(current, last) or UNCHANGED}", because(facts, key)
