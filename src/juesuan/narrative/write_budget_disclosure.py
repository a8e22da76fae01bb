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
(facts: 上年预算数, 政府采购预算, 国有资产占用, 绩效目标). A cell is taken where the disclosure's
template puts it (`_Cells`): its 收支总表's 本年支出合计, or its 支出总计 where it prints none (上海,
重庆), in the column of its side; a table's 合计 column, or its one 金额 column (江苏 2017); the
收入总表's sources by column (one line, or its 合计 row by class: 上海, 重庆) or by line (江苏 2017:
一般公共预算资金 …); the 三公 total without 会议费 and 培训费 where a table adds them (江苏); 机关运行
经费 from the table that prints it (预算12, 上海's 三公 table) before 预算06's 公用经费. Tables printed in
元 (上海: the template's `money_unit`) are written in 万元, each amount rounded to 0.01 万元; shares
are of the printed cells. Facts keys read here: last_year / reasons
收入总计, 财政拨款收入总计, 一般公共预算财政拨款支出, 机关运行经费, 三公经费 and class codes;
uses by class code; procurement 合计 货物 工程 服务; statistics 车辆 单价100万元以上设备;
performance_summary 项目数 涉及金额; notes 其他需要说明的事项.
"""

from __future__ import annotations

import tomllib
from decimal import ROUND_HALF_UP, Decimal
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
# 上海 by 财政拨款收入; 江苏 2017 by group, as lines of one 金额 column
INCOME_GROUPS = (
    "财政拨款收入",
    "一般公共预算资金",
    "政府性基金",
    "财政专户管理资金",
    "其他资金",
    "上年结转和结余资金",
)
SPENDING_COLUMNS = (
    "基本支出",
    "项目支出",
    "单位预留机动经费",
    "上缴上级支出",
    "事业单位经营支出",
    "对附属单位补助支出",
    "结转下年资金",
)
TOTALS = ("合计", "金额")  # a table's total column, or its one column of amounts
# the 经济分类 classes of 基本支出 that are 人员经费 and 公用经费, where a table prints no such columns
ECONOMIC_KINDS = {"人员经费": ("301", "303"), "公用经费": ("302", "310")}
WAN = Decimal(10000)  # 元 in a 万元
CENTS = Decimal("0.01")
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
    cells = _Cells(disclosure)
    return (
        _overall(cells, facts),
        _income(cells),
        _spending(cells),
        _appropriations(cells, facts),
        _general(cells, facts),
        _basic(cells),
        _three_public(cells, facts),
        _fund(cells, "八", "预算08"),
        _fund(cells, "九", "预算09"),
        _other(cells, facts),
    )


class _Cells:
    """The disclosure's cells where its template puts them, amounts in 万元 (see the docstring)."""

    def __init__(self, disclosure: Disclosure) -> None:
        from juesuan.catalogue.templates import template_of

        self.disclosure = disclosure
        self.template = template_of(disclosure)
        self.unit, self.year = disclosure.unit, disclosure.year

    def columns(self, table: str) -> tuple[str, ...]:
        found = self.template.tables.get(table)
        return found.column_keys if found else ()

    def column(self, table: str, *choices: str) -> str:
        """The first of the choices the table has (the first when it has none)."""
        return next((key for key in choices if key in self.columns(table)), choices[0])

    def has_line(self, table: str, row: str) -> bool:
        found = self.template.tables.get(table)
        return found is not None and found.line_for_row(row) is not None

    def printed(self, table: str, row: str, *columns: str) -> Decimal:
        """A cell as printed (元 where the table prints 元), in the first of the columns it has."""
        return cell(self.disclosure, table, row, self.column(table, *columns))

    def line(self, table: str, row: str) -> Decimal:
        """A 收支总表 line's amount as printed, in the first column of its side."""
        found = self.template.tables.get(table)
        line = found.line_for_row(row) if found else None
        side = found.side(line.line) if found and line else None
        return cell(self.disclosure, table, row, side.columns[0] if side else "金额")

    def wan(self, value: Decimal, table: str) -> Decimal:
        """An amount the table prints, in 万元: as it is, or 元 ÷ 10000 rounded to 0.01 万元."""
        if self.template.unit_of(table) != "元":
            return value
        return (value / WAN).quantize(CENTS, ROUND_HALF_UP)

    def rows(self, table: str):
        found = self.disclosure.table(table)
        return found.rows if found else ()

    def has_figures(self, table: str) -> bool:
        return has_figures(self.disclosure, table)

    def single_row(self, table: str) -> str:
        """The row of a table's figures where it prints one (收入总表, 三公): its line keyed in the
        template (江苏 2026's "1", 广州's, 长沙's 合计; a table by unit's 合计 too), its 合计 row by
        class (上海, 重庆), or "1"."""
        found = self.template.tables.get(table)
        if found is not None and found.rows == "line" and found.lines:
            return found.lines[0].row
        if found is not None and found.by_unit and found.label_rows:  # by unit: its 合计
            return found.label_rows[0]
        return "合计" if found is not None and found.rows == "code" else "1"

    def three_public(self, item: str) -> Decimal:
        """A “三公” amount (三公经费: their total, without 会议费 and 培训费 where the table adds them:
        江苏): a column of the table's line, or (广州: an item a line, by fund) a line's 合计."""
        if self.has_line("预算07", "三公经费"):
            return self.printed("预算07", item, "合计")
        column = item if item != "三公经费" else self.column("预算07", "三公经费", "合计")
        return self.printed("预算07", self.single_row("预算07"), column)

    def spending(self) -> Decimal:
        """预算01's 本年支出合计, or its 支出总计 where it prints none (上海, 重庆)."""
        return self.line("预算01", "本年支出合计" if self.has_line("预算01", "本年支出合计") else "支出总计")

    def basic(self, kind: str) -> tuple[Decimal, list[str]]:
        """人员经费 or 公用经费 of 预算06 and the 款 it holds: its column, or where it prints one column
        of 经济分类 (江苏 2017, 广州) the classes of that kind (人员经费: 301, 303; 公用经费: 302, 310)."""
        rows = self.rows("预算06")
        if kind in self.columns("预算06"):
            names = [row.label for row in rows if len(row.code) == 5 and row.get(kind)]
            return self.printed("预算06", "合计", kind), names
        column = self.column("预算06", *TOTALS)
        classes = ECONOMIC_KINDS[kind]
        value = sum((row.get(column).value for row in rows if row.code in classes and row.get(column)), ZERO)
        names = [
            row.label for row in rows if len(row.code) == 5 and row.code[:3] in classes and row.get(column)
        ]
        return value, names

    def running_costs(self) -> tuple[Decimal, str]:
        """机关运行经费 and its table: the table that prints it (预算12, 上海's 三公 table), else
        预算06's 公用经费 (`basic`)."""
        if "预算12" in self.template.tables and self.disclosure.table("预算12") is not None:
            return self.printed("预算12", "合计", *self.columns("预算12")), "预算12"
        if "机关运行经费" in self.columns("预算07"):
            return self.printed("预算07", "1", "机关运行经费"), "预算07"
        return self.basic("公用经费")[0], "预算06"


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


def _overall(cells: _Cells, facts: Facts) -> Section:
    total = cells.wan(cells.line("预算01", "收入总计"), "预算01")
    text = _say("一", "totals", unit=cells.unit, year=cells.year, total=amount(total))
    versus = _compared("一", facts, "收入总计", total)
    reason = _because("一", facts, "收入总计") if versus else ""
    return _section("一", [sentences(joined(text, versus, reason))])


def _income(cells: _Cells) -> Section:
    """二: 预算02's sources, by column of its one line or its 合计 row, or by line (江苏 2017)."""
    found = cells.template.tables.get("预算02")
    if found is not None and found.rows == "line" and cells.has_line("预算02", "收入总计"):
        total = cells.line("预算02", "收入总计")
        parts = [(key, cells.line("预算02", key)) for key in INCOME_GROUPS if cells.has_line("预算02", key)]
    else:
        row = cells.single_row("预算02")
        total = cells.printed("预算02", row, "合计")
        named = [key for key in (*INCOME_COLUMNS, *INCOME_GROUPS) if key in cells.columns("预算02")]
        parts = [(key, cells.printed("预算02", row, key)) for key in named]
    return _breakdown(cells, "二", "预算02", total, parts)


def _spending(cells: _Cells) -> Section:
    """三: 预算03's 合计 by use (its 合计 row, or its one line: 江苏 2017)."""
    found = cells.template.tables.get("预算03")
    row = "1" if found is not None and found.rows == "single" else "合计"
    named = [key for key in SPENDING_COLUMNS if key in cells.columns("预算03")]
    parts = [(key, cells.printed("预算03", row, key)) for key in named]
    return _breakdown(cells, "三", "预算03", cells.printed("预算03", row, "合计"), parts)


def _breakdown(cells: _Cells, part: str, table: str, total: Decimal, parts) -> Section:
    items = []
    for name, value in parts:
        rate = ratio(value, total)
        if value and rate is not None:
            items.append(
                _say(part, "item", name=name, value=amount(cells.wan(value, table)), rate=percent(rate))
            )
    lead = _say(part, "lead", year=cells.year, total=amount(cells.wan(total, table))) + (
        "，其中：" if items else "。"
    )
    return _section(part, listing(lead, items))


def _appropriations(cells: _Cells, facts: Facts) -> Section:
    total = cells.wan(cells.line("预算04", "收入总计"), "预算04")
    text = _say("四", "totals", year=cells.year, total=amount(total))
    versus = _compared("四", facts, "财政拨款收入总计", total)
    reason = _because("四", facts, "财政拨款收入总计") if versus else ""
    return _section("四", [sentences(joined(text, versus, reason))])


def _general(cells: _Cells, facts: Facts) -> Section:
    year = cells.year
    printed = cells.printed("预算05", "合计", *TOTALS)
    total = cells.wan(printed, "预算05")
    rate = ratio(printed, cells.spending())
    lead = _say("五（一）", "total", year=year, total=amount(total), rate=percent(rate or ZERO))
    versus = _compared("五（一）", facts, "一般公共预算财政拨款支出", total)
    reason = _because("五（一）", facts, "一般公共预算财政拨款支出") if versus else ""
    overall = _section("五（一）", [sentences(joined(lead, versus, reason))])
    column = cells.column("预算05", *TOTALS)
    classes = [row for row in cells.rows("预算05") if len(row.code) == 3 and row.get(column)]
    shares = [
        _say(
            "五（二）",
            "item",
            name=row.label,
            value=amount(cells.wan(value, "预算05")),
            rate=percent(ratio(value, printed) or ZERO),
        )
        for row in classes
        if (value := row.get(column).value)
    ]
    structure = _section(
        "五（二）", listing(_say("五（二）", "lead", year=year, total=amount(total)), shares)
    )
    details = []
    for row in classes:
        value = cells.wan(row.get(column).value, "预算05")
        said = _say("五（三）", "class", name=row.label, year=year, value=amount(value))
        versus = _compared("五（三）", facts, row.code, value, "class_compared")
        use = facts.uses.get(row.code)
        used = _say("五（三）", "class_used", use=use) if use else ""
        reason = _because("五（三）", facts, row.code) if versus and "相同" not in versus else ""
        details.append(sentences(joined(said, versus, used, reason)))
    specific = _section("五（三）", details)
    return _section("五", (), (overall, structure, specific))


def _basic(cells: _Cells) -> Section:
    total = cells.wan(cells.printed("预算06", "合计", *TOTALS), "预算06")
    lead = _say("六", "total", year=cells.year, total=amount(total))
    parts = []
    for key, column in (("people", "人员经费"), ("goods", "公用经费")):
        value, names = cells.basic(column)
        if value:
            parts.append(_say("六", key, value=amount(cells.wan(value, "预算06")), items="、".join(names)))
    return _section("六", [lead + "；".join(parts) + "。" if parts else lead.removesuffix("，其中：") + "。"])


def _three_public(cells: _Cells, facts: Facts) -> Section:
    total = cells.wan(cells.three_public("三公经费"), "预算07")
    lead = _say("七", "total", year=cells.year, total=amount(total))
    versus = _compared("七", facts, "三公经费", total)
    values = {
        name: amount(cells.wan(cells.three_public(column), "预算07"))
        for name, column in zip(("abroad", "purchase", "running", "reception"), THREE_PUBLIC, strict=True)
    }
    items = _say("七", "items", **values)
    reason = _because("七", facts, "三公经费") if versus and "相同" not in versus else ""
    return _section("七", [sentences(joined(lead, versus, reason), items)])


def _fund(cells: _Cells, part: str, table: str) -> Section:
    if not cells.has_figures(table):
        return _section(part, [sentences(_say(part, "none", unit=cells.unit, year=cells.year))])
    total = cells.wan(cells.printed(table, "合计", *TOTALS), table)
    return _section(part, [sentences(_say(part, "total", year=cells.year, total=amount(total)))])


def _other(cells: _Cells, facts: Facts) -> Section:
    year = cells.year
    assert year is not None
    if facts.unit_kind != PUBLIC_INSTITUTION:  # 单位类型 left blank: stated, as most units must
        running = cells.wan(*cells.running_costs())
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
