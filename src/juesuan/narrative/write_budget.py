"""第三部分 五–八: 一般公共预算财政拨款 (05, 06), 政府性基金 (07) and 国有资本经营 (08).

Facts keys: last_year / reasons 一般公共预算财政拨款支出, 政府性基金预算财政拨款支出,
国有资本经营预算财政拨款支出 and each 功能分类 class code (201 …); initial_budget
一般公共预算财政拨款支出 and class codes, or 项 codes (2080501 …: 五（三） then goes 项 by 项, as
上海 writes it, with uses and reasons for the difference from the budget by 项 code); uses by code.
"""

from __future__ import annotations

from decimal import Decimal

from juesuan.catalogue import economic_classification, functional_classification
from juesuan.catalogue.classification import PERSONNEL
from juesuan.model import Disclosure, Row, Section
from juesuan.model.facts import Facts
from juesuan.narrative.catalogue import phrase, sentence, written
from juesuan.narrative.numbers import UNCHANGED, amount, change, completion, percent, ratio
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
        subsections=(
            section("五（一）", [_general_total(disclosure, facts)]),
            section("五（二）", _structure(disclosure)),
            section("五（三）", _details(disclosure, facts)),
        ),
    )


def _general_total(disclosure: Disclosure, facts: Facts) -> str:
    """五（一）: 05 合计, its share of 本年支出合计 (01 line 58) and its change."""
    total = cell(disclosure, "05", "合计", "1")
    base = ratio(total, cell(disclosure, "01", "58", "2"))
    year = year_of(disclosure)
    head = sentence("五（一）", "total", unit=disclosure.unit, year=year, total=amount(total))
    part = "" if base is None else sentence("五（一）", "share", rate=percent(base))
    last = last_year(facts, GENERAL)
    changed = change(total, last) if last is not None else ""
    versus_last = (
        ""
        if last is None
        else sentence("五（一）", "compared", last_year=year - 1, changes=f"{GENERAL}{changed or UNCHANGED}")
    )
    return sentences(joined(head, part), versus_last, because(facts, GENERAL))


def class_rows(disclosure: Disclosure, table: str) -> list[Row]:
    """The 类 rows (three-digit codes) of a code table that print an amount."""
    return [row for row in table_rows(disclosure, table) if len(row.code) == 3 and row.get("1")]


def _structure(disclosure: Disclosure) -> list[str]:
    """五（二）: each class of 05 with its share of 05 合计."""
    total = cell(disclosure, "05", "合计", "1")
    items = [
        joined(
            sentence("五（二）", "class", name=row.label, value=amount(row.get("1").value)),
            sentence("五（二）", "share", rate=percent(rate))
            if (rate := ratio(row.get("1").value, total)) is not None
            else "",
        )
        for row in class_rows(disclosure, "05")
    ]
    lead = sentence("五（二）", "lead", unit=disclosure.unit, year=year_of(disclosure), total=amount(total))
    lead += "，主要用于以下方面：" if items else "。"
    return listing(lead, items)


def _details(disclosure: Disclosure, facts: Facts) -> list[str]:
    """五（三）: 年初预算, 决算 and completion, in total and for each class."""
    total = cell(disclosure, "05", "合计", "1")
    budget = facts.initial_budget.get(GENERAL)
    head = sentence("五（三）", "total", year=year_of(disclosure), total=amount(total))
    if budget is not None:
        head = joined(
            sentence(
                "五（三）", "budgeted", unit=disclosure.unit, year=year_of(disclosure), budget=amount(budget)
            ),
            sentence("五（三）", "actual", actual=amount(total)),
            completion(total, Decimal(budget)),
        )
    items = _budgeted_items(disclosure, facts)
    codes = [] if items else _detailed_classes(disclosure, facts)
    lead = sentences(head, "其中：" if codes or items else "")
    details = [_item_detail(disclosure, facts, n, code) for n, code in enumerate(items, 1)]
    return [lead, *details] + [_class_detail(disclosure, facts, code) for code in codes]


def _budgeted_items(disclosure: Disclosure, facts: Facts) -> list[str]:
    """The 项 (seven-digit codes) spent or budgeted, in code order, when the 年初预算 is given by 项
    (上海); none when it is given by 类."""
    budgeted = {code for code in facts.initial_budget if len(code) == 7 and code.isdigit()}
    if not budgeted:
        return []
    spent = {row.code for row in table_rows(disclosure, "05") if len(row.code) == 7 and row.get("1")}
    return sorted(spent | budgeted)


def _item_detail(disclosure: Disclosure, facts: Facts, n: int, code: str) -> str:
    """``1、社会保障和就业支出（类）…（款）…（项）。主要用于：…。年初预算为…，支出决算为…，完成年初
    预算的…%。决算数同预算数持平。`` (or 决算数小于预算数的主要原因：…, given under 主要原因 by 项)."""
    names = functional_classification()
    levels = ((code[:3], "类"), (code[:5], "款"), (code, "项"))
    path = "".join(f"{names.name(part) or part}（{level}）" for part, level in levels)
    actual, budget = cell(disclosure, "05", code, "1"), Decimal(facts.initial_budget.get(code, ZERO))
    used = sentence("五（三）", "item_used", use=facts.uses[code]) if facts.uses.get(code) else ""
    budgeted = sentence("五（三）", "item_budgeted", budget=amount(budget))
    spent = sentence("五（三）", "item_actual", actual=amount(actual))
    reason = facts.reasons.get(code, "")
    if actual == budget:
        verdict = sentence("五（三）", "item_met")
    elif reason and actual < budget:
        verdict = sentence("五（三）", "item_below", reason=reason)
    elif reason:
        verdict = sentence("五（三）", "item_above", reason=reason)
    else:
        verdict = ""
    head = sentence("五（三）", "item", n=n, path=path)
    return sentences(head, used, joined(budgeted, spent, completion(actual, budget)), verdict)


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
    used = sentence("五（三）", "used", use=facts.uses[code]) if facts.uses.get(code) else ""
    if budget is None:
        first = joined(sentence("五（三）", "class", name=label, value=amount(actual)), used)
    else:
        budgeted = sentence("五（三）", "class_budgeted", name=label, budget=amount(budget))
        spent = sentence("五（三）", "actual", actual=amount(actual))
        first = joined(budgeted, spent, completion(actual, Decimal(budget)), used)
    last = last_year(facts, code)
    compared = "" if last is None else _versus(actual, last)
    second = joined(compared, because(facts, code)) if compared else ""
    return sentences(first, second)


def basic_section(disclosure: Disclosure) -> Section:
    """六: 基本支出 (05 合计 col 2), 人员经费 by numbered group and 公用经费 by item (06)."""
    basic = cell(disclosure, "05", "合计", "2")
    lead = sentence("六", "lead", unit=disclosure.unit, year=year_of(disclosure), total=amount(basic))
    personnel = cell(disclosure, "06", "人员经费合计", "决算数")
    public = cell(disclosure, "06", "公用经费合计", "决算数")
    if not (personnel or public):
        return section("六", [f"{lead}。"])
    from juesuan.catalogue.templates import active

    if ("六", "names") in written(active().name):  # 中央部门, 上海: what each comprises by name only
        said = sentence(
            "六",
            "names",
            lead=lead,
            personnel=amount(personnel),
            personnel_names="、".join(
                row.label for group, rows in _groups(disclosure, True) for row in rows or [group]
            ),
            public=amount(public),
            public_names="、".join(
                row.label for group, rows in _groups(disclosure, False) for row in rows or [group]
            ),
        )
        return section("六", [sentences(said)])
    return section("六", [f"{lead}，其中：", *_personnel(disclosure, personnel), _public(disclosure, public)])


def _personnel(disclosure: Disclosure, total: Decimal) -> list[str]:
    """``人员经费…，主要包括：1、工资福利支出…，其中：…；`` then ``2、…；`` for each further group."""
    groups = [_group_text(n, row, members) for n, (row, members) in enumerate(_groups(disclosure, True), 1)]
    personnel = sentence("六", "personnel", total=amount(total))
    first = joined(personnel, sentence("六", "includes", items=groups[0]) if groups else "")
    return [f"{text}；" for text in [first, *groups[1:]]]


def _public(disclosure: Disclosure, total: Decimal) -> str:
    """``公用经费…，主要包括：办公费…，…。``: the nonzero items (or a group printed without items)."""
    items = [_item(row) for group, members in _groups(disclosure, False) for row in members or [group]]
    listed = sentence("六", "includes", items="，".join(items)) if items else ""
    return joined(sentence("六", "public", total=amount(total)), listed) + "。"


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
    return sentence("六", "item", name=row.label, value=amount(_value(row)))


def _group_text(number: int, group: Row, members: list[Row]) -> str:
    """``1、工资福利支出181.22万元，其中：基本工资59.99万元，…``."""
    text = f"{number}、{_item(group)}"
    return f"{text}，其中：{'，'.join(_item(row) for row in members)}" if members else text


def fund_section(disclosure: Disclosure, facts: Facts) -> Section:
    """七: 政府性基金 本年收入 and 本年支出 (07 合计), or 本年度无此项收支。"""
    if not has_figures(disclosure, "07"):
        return section("七", [sentence("七", "none", unit=disclosure.unit, year=year_of(disclosure))])
    income, spending = cell(disclosure, "07", "合计", "2"), cell(disclosure, "07", "合计", "3")
    year = year_of(disclosure)
    head = sentence("七", "totals", year=year, income=amount(income), spending=amount(spending))
    key = "政府性基金预算财政拨款支出"
    return section("七", [sentences(head, *_against_last(facts, key, "本年支出", spending))])


def capital_section(disclosure: Disclosure, facts: Facts) -> Section:
    """八: 国有资本经营预算财政拨款支出 (08 合计), or 本年度无此项支出。"""
    if not has_figures(disclosure, "08"):
        return section("八", [sentence("八", "none", unit=disclosure.unit, year=year_of(disclosure))])
    spending = cell(disclosure, "08", "合计", "1")
    key = "国有资本经营预算财政拨款支出"
    head = sentence("八", "total", year=year_of(disclosure), total=amount(spending))
    return section("八", [sentences(head, *_against_last(facts, key, key, spending))])


def _against_last(facts: Facts, key: str, name: str, current: Decimal) -> tuple[str, str]:
    """``与上年相比，<name>增加…`` and its reason, when last year's figure is known."""
    last = last_year(facts, key)
    if last is None:
        return "", ""
    return phrase("compared", changes=f"{name}{change(current, last) or UNCHANGED}"), because(facts, key)


def _versus(current: Decimal, last: Decimal) -> str:
    """五（三）'s ``较上年决算增加…``, or 与上年相同 when unchanged."""
    changed = change(current, last)
    return sentence("五（三）", "versus", change=changed) if changed else UNCHANGED
