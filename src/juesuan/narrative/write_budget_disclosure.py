"""Writing a budget disclosure's 第三部分 情况说明 (部门预算公开) and its 第四部分 名词解释.

Not to be confused with `write_budget`, which writes the 决算's 财政拨款 sections (五 to 八).

The sections, each sentence a `write` row of the budget catalogue (sentences/11-budget.toml,
under `budget`): 一 收支预算总体 (预算01 总计 against last year's budget), 二 收入 (预算02 by source,
with shares), 三 支出 (预算03 基本支出, 项目支出 …, with shares), 四 财政拨款收支 (预算04), 五 一般公共
预算支出 (预算05: 总体 with its share of 本年支出合计 and the change on last year's budget; 结构 by
class with shares; 具体, each class against last year's budget with its use and reason), 六 基本支出
(预算06 人员经费, 公用经费 and the 款 they hold), 七 “三公”经费 (预算07), 八 政府性基金 and 九 国有资本
经营 (预算08, 预算09, or that there is none), 十 其他重要事项 (机关运行经费: 预算06's 公用经费, but
for a 事业单位; 政府采购预算, 国有资产占用, 绩效目标 and other notes from the facts).

Every figure is a table cell, a share or a change computed from one, or a figure the unit states
(facts: 上年预算数, 政府采购预算, 国有资产占用, 绩效目标). Facts keys read here: last_year / reasons
收入总计, 财政拨款收入总计, 一般公共预算财政拨款支出, 机关运行经费, 三公经费 and class codes;
uses by class code; procurement 合计 货物 工程 服务; statistics 车辆 单价100万元以上设备;
performance_summary 项目数 涉及金额; notes 其他需要说明的事项.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import cache
from importlib import resources

from juesuan.model import Disclosure, Section, Term
from juesuan.model.facts import Facts
from juesuan.narrative.numbers import amount, change, count, percent, ratio
from juesuan.narrative.write_common import ZERO, cell, has_figures, joined, listing, paragraphs, sentences

CATALOGUE = "11-budget.toml"
INCOME_COLUMNS = (
    "上年结转",
    "一般公共预算拨款收入",
    "政府性基金预算拨款收入",
    "国有资本经营预算拨款收入",
    "财政专户管理资金收入",
    "事业收入",
    "事业单位经营收入",
    "上级补助收入",
    "附属单位上缴收入",
    "其他收入",
    "使用非财政拨款结余",
)
SPENDING_COLUMNS = ("基本支出", "项目支出", "上缴上级支出", "事业单位经营支出", "对附属单位补助支出")
THREE_PUBLIC = ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
# a 事业单位 has no 机关运行经费; for a 行政单位 or 参公 unit it is 预算06's 公用经费
PUBLIC_INSTITUTION = "事业单位"
NUMERALS = "一二三四五六七八九十"
UNCHANGED = {"五（三）": "class_unchanged", "七": "unchanged", "十（一）": "unchanged"}  # 与上年预算相同


@cache
def _catalogue() -> dict:
    folder = resources.files("juesuan.narrative").joinpath("sentences")
    return tomllib.loads(folder.joinpath(CATALOGUE).read_text(encoding="utf-8"))["budget"]


def budget_parts() -> dict[str, dict]:
    """The budget catalogue's parts (一, 五（一）…), each with its title and `write` rows."""
    return _catalogue()["part"]


def _say(part: str, key: str, /, **values: object) -> str:
    """The catalogue's sentence `key` of the part, written with the values."""
    row = next(row for row in budget_parts()[part]["write"] if row["id"] == key)
    return row["text"].format(**values)


def budget_glossary() -> tuple[Term, ...]:
    """第四部分 名词解释 of a budget, numbered 一、二 …"""
    return tuple(
        Term(_numeral(index), entry["name"], entry["definition"])
        for index, entry in enumerate(_catalogue()["glossary"], 1)
    )


def write_budget_disclosure(disclosure: Disclosure, facts: Facts) -> tuple[Section, ...]:
    """The ten sections of a budget's 第三部分 (see the module's docstring)."""
    if disclosure.year is None:
        raise ValueError("预算年度不详，无法撰写情况说明")
    return (
        _overall(disclosure, facts),
        _breakdown(disclosure, "二", "预算02", "1", INCOME_COLUMNS),
        _breakdown(disclosure, "三", "预算03", "合计", SPENDING_COLUMNS),
        _appropriations(disclosure, facts),
        _general(disclosure, facts),
        _basic(disclosure),
        _three_public(disclosure, facts),
        _fund(disclosure, "八", "预算08"),
        _fund(disclosure, "九", "预算09"),
        _other(disclosure, facts),
    )


def _section(part: str, texts=(), subsections=()) -> Section:
    number = part[part.index("（") :] if "（" in part else part
    return Section(number, budget_parts()[part]["title"], paragraphs(*texts), tuple(subsections))


def _compared(part: str, facts: Facts, key: str, current: Decimal, wording: str = "compared") -> str:
    """``与上年预算相比，…增加…，增长…%`` when last year's budget is given (or 与上年预算相同)."""
    last = facts.last_year.get(key)
    if last is None:
        return ""
    changed = change(current, Decimal(last))
    if not changed:
        unchanged = UNCHANGED.get(part)
        return _say(part, unchanged) if unchanged else ""
    return _say(part, wording, change=changed)


def _because(part: str, facts: Facts, key: str) -> str:
    reason = facts.reasons.get(key)
    return _say(part, "because", reason=reason) if reason else ""


def _overall(disclosure: Disclosure, facts: Facts) -> Section:
    total = cell(disclosure, "预算01", "收入总计", "金额")
    text = _say("一", "totals", unit=disclosure.unit, year=disclosure.year, total=amount(total))
    versus = _compared("一", facts, "收入总计", total)
    reason = _because("一", facts, "收入总计") if versus else ""
    return _section("一", [sentences(joined(text, versus, reason))])


def _breakdown(disclosure: Disclosure, part: str, table: str, row: str, columns: tuple[str, ...]) -> Section:
    total = cell(disclosure, table, row, "合计")
    items = []
    for column in columns:
        value = cell(disclosure, table, row, column)
        rate = ratio(value, total)
        if value and rate is not None:
            items.append(_say(part, "item", name=column, value=amount(value), rate=percent(rate)))
    lead = _say(part, "lead", year=disclosure.year, total=amount(total)) + ("，其中：" if items else "。")
    return _section(part, listing(lead, items))


def _appropriations(disclosure: Disclosure, facts: Facts) -> Section:
    total = cell(disclosure, "预算04", "收入总计", "金额")
    text = _say("四", "totals", year=disclosure.year, total=amount(total))
    versus = _compared("四", facts, "财政拨款收入总计", total)
    reason = _because("四", facts, "财政拨款收入总计") if versus else ""
    return _section("四", [sentences(joined(text, versus, reason))])


def _general(disclosure: Disclosure, facts: Facts) -> Section:
    year = disclosure.year
    total = cell(disclosure, "预算05", "合计", "合计")
    spending = cell(disclosure, "预算01", "本年支出合计", "金额")
    rate = ratio(total, spending)
    lead = _say("五（一）", "total", year=year, total=amount(total), rate=percent(rate or ZERO))
    versus = _compared("五（一）", facts, "一般公共预算财政拨款支出", total)
    reason = _because("五（一）", facts, "一般公共预算财政拨款支出") if versus else ""
    overall = _section("五（一）", [sentences(joined(lead, versus, reason))])
    classes = [row for row in _rows(disclosure, "预算05") if len(row.code) == 3 and row.get("合计")]
    shares = [
        _say(
            "五（二）", "item", name=row.label, value=amount(value), rate=percent(ratio(value, total) or ZERO)
        )
        for row in classes
        if (value := row.get("合计").value)
    ]
    structure = _section(
        "五（二）", listing(_say("五（二）", "lead", year=year, total=amount(total)), shares)
    )
    details = []
    for row in classes:
        value = row.get("合计").value
        said = _say("五（三）", "class", name=row.label, year=year, value=amount(value))
        versus = _compared("五（三）", facts, row.code, value, "class_compared")
        use = facts.uses.get(row.code)
        used = _say("五（三）", "class_used", use=use) if use else ""
        reason = _because("五（三）", facts, row.code) if versus and "相同" not in versus else ""
        details.append(sentences(joined(said, versus, used, reason)))
    specific = _section("五（三）", details)
    return _section("五", (), (overall, structure, specific))


def _rows(disclosure: Disclosure, table: str):
    found = disclosure.table(table)
    return found.rows if found else ()


def _basic(disclosure: Disclosure) -> Section:
    total = cell(disclosure, "预算06", "合计", "合计")
    lead = _say("六", "total", year=disclosure.year, total=amount(total))
    parts = []
    for key, column in (("people", "人员经费"), ("goods", "公用经费")):
        value = cell(disclosure, "预算06", "合计", column)
        names = [row.label for row in _rows(disclosure, "预算06") if len(row.code) == 5 and row.get(column)]
        if value:
            parts.append(_say("六", key, value=amount(value), items="、".join(names)))
    return _section("六", [lead + "；".join(parts) + "。" if parts else lead.removesuffix("，其中：") + "。"])


def _three_public(disclosure: Disclosure, facts: Facts) -> Section:
    total = cell(disclosure, "预算07", "1", "合计")
    lead = _say("七", "total", year=disclosure.year, total=amount(total))
    versus = _compared("七", facts, "三公经费", total)
    values = {
        name: amount(cell(disclosure, "预算07", "1", column))
        for name, column in zip(("abroad", "purchase", "running", "reception"), THREE_PUBLIC, strict=True)
    }
    items = _say("七", "items", **values)
    reason = _because("七", facts, "三公经费") if versus and "相同" not in versus else ""
    return _section("七", [sentences(joined(lead, versus, reason), items)])


def _fund(disclosure: Disclosure, part: str, table: str) -> Section:
    if not has_figures(disclosure, table):
        return _section(part, [sentences(_say(part, "none", unit=disclosure.unit, year=disclosure.year))])
    total = cell(disclosure, table, "合计", "合计")
    return _section(part, [sentences(_say(part, "total", year=disclosure.year, total=amount(total)))])


def _other(disclosure: Disclosure, facts: Facts) -> Section:
    year = disclosure.year
    assert year is not None
    if facts.unit_kind != PUBLIC_INSTITUTION:  # 单位类型 left blank: stated, as most units must
        running = cell(disclosure, "预算06", "合计", "公用经费")
        lead = _say("十（一）", "total", year=year, total=amount(running))
        versus = _compared("十（一）", facts, "机关运行经费", running)
        reason = _because("十（一）", facts, "机关运行经费") if versus and "相同" not in versus else ""
        operating = sentences(joined(lead, versus, reason))
    else:
        operating = sentences(_say("十（一）", "none"))
    bought = facts.procurement
    if bought.get("合计"):
        named = {"goods": "货物", "works": "工程", "services": "服务"}
        spent = {key: amount(Decimal(bought.get(name, ZERO))) for key, name in named.items()}
        procurement = sentences(
            _say("十（二）", "total", year=year, total=amount(Decimal(bought["合计"])), **spent)
        )
    else:
        procurement = sentences(_say("十（二）", "none", year=year))
    held = facts.statistics
    assets = sentences(
        _say(
            "十（三）",
            "assets",
            last_year=year - 1,
            vehicles=count(held.get("车辆", 0)),
            equipment=count(held.get("单价100万元以上设备", 0)),
        )
    )
    targets = facts.performance_summary
    if targets.get("项目数"):
        projects, money = count(targets["项目数"]), amount(Decimal(targets.get("涉及金额", ZERO)))
        performance = sentences(_say("十（四）", "targets", year=year, projects=projects, total=money))
    else:
        performance = sentences(_say("十（四）", "none", year=year))
    subsections = [
        _section("十（一）", [operating]),
        _section("十（二）", [procurement]),
        _section("十（三）", [assets]),
        _section("十（四）", [performance]),
    ]
    notes = facts.notes.get("其他需要说明的事项")
    if notes:
        subsections.append(_section("十（五）", [sentences(_say("十（五）", "notes", notes=notes))]))
    return _section("十", (), subsections)


def _numeral(number: int) -> str:
    if number <= 10:
        return NUMERALS[number - 1]
    tens, ones = divmod(number, 10)
    return f"{NUMERALS[tens - 1] if tens > 1 else ''}十{NUMERALS[ones - 1] if ones else ''}"
