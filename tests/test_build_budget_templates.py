"""`juesuan init --template budget-*` → fill → `build` → read back → `check`, for every budget template
that has tables to build, as tests/test_build_templates.py does for the 决算's.

The figures are the example unit's (examples/datong-2024-budget, budget-mof: 770.18 万元 of 一般公共
预算拨款, 215.18 基本支出 and 555.00 项目支出, by class, 款 and 项, and by 经济分类), laid out in each
template's own tables: each line, column and row of a template is derived from the example's cells by
what it stands for (a 收支总表's 财政拨款 line is the sum of the 拨款 lines, 江苏's 支出预算总表 the one line
of 基本支出 and 项目支出 …), so every identity of every template holds without a total typed here. Where
a template splits 基本支出 by class into 人员经费 and 公用经费 (上海, 重庆, 江苏 2026), the example's 公用
经费 is the 行政运行 项's (the one 项 whose 基本支出 covers it), the rest 人员经费; 广州's 项目支出 by
经济分类, which the example does not give, is all 302 商品和服务支出. A template printing 元 (上海) gets
the example's 万元 × 10000 and 123.45 元 more 办公费 (`YUAN_EXTRA`, carried up every total that holds
it), so that its narrative's 万元 are rounded. A table printed by unit (`named = "units"`: 长沙's 三公
table, 广州's 收入总体情况表 and 基本支出预算表, 江苏 2026's 收入总表) holds its 合计 and the one unit's
line, keyed by the example's 单位名称 (it gives no 单位编码), the same figures; under it, in 广州's
基本支出预算表, the unit's 基本支出 by 经济分类 类. 西安 prints 元 as 上海 does, and its 收支总表 spends the
year three times: by 功能分类 (the classes), by 部门预算支出经济分类 (基本支出 and 项目支出 by class, the
项目支出 all 302 as 广州's, in its 30299 款 in the 一般公共预算支出明细表 by 经济分类) and by 政府预算支出
经济分类 (each 部门 class's, `GOVERNMENT_CLASS`); its 基本支出 by 功能分类 holds the 项 with a 基本支出;
its 收入总表, 支出总表 (by source) and 三公 table are by unit, its 专项业务经费支出表 its 合计 line.
深圳's 基本支出总表 lists the example's 经济分类 by name, all 一般公共预算 拨款, and its 项目支出总表 the
example's one project (`PROJECT`), by name; its 三公 table prints 2025年 (the example's last year), 2026年
and the change.

Each build, in PDF, Word, Excel and the web page, reads back as a 预算 of the template built, every
cell equal to the package's, and `check` finds no error and no warning.
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from juesuan.build import build_package
from juesuan.catalogue import TableDefinition
from juesuan.catalogue.templates import template
from juesuan.model import Column, Figure, Row, Table, tidy_cells
from juesuan.rules.findings import Severity
from juesuan.rules.report import review
from juesuan.sources import read_bytes

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "datong-2024-budget"
ZERO = Decimal(0)
CENTS = Decimal("0.01")


def juesuan(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *map(str, args)], capture_output=True, text=True)


@cache
def example():
    """The example package's disclosure (its blank totals derived) and facts."""
    from juesuan.model.derive import derive
    from juesuan.package import read_package

    disclosure, facts, _ = read_package(EXAMPLE)
    return derive(disclosure)[0], facts


def value(table: str, row: str, column: str, extra: Decimal = ZERO) -> Decimal:
    """The example's cell, with `extra` more 公用经费 where it counts (`on_path`)."""
    found = example()[0].table(table).figure(row, column)
    printed = found.value if found else ZERO
    return printed + extra if extra and on_path(table, row, column) else printed


@cache
def holders() -> tuple[str, str]:
    """The 项 whose 基本支出 holds the 公用经费 (the first that covers it: 行政运行) and the 款 of
    公用经费 listed first (办公费)."""
    running = value("预算06", "合计", "公用经费")
    functional = next(
        row.code
        for row in example()[0].table("预算05").rows
        if len(row.code) == 7 and value("预算05", row.code, "基本支出") >= running
    )
    economic = next(
        row.code for row in example()[0].table("预算06").rows if len(row.code) == 5 and row.get("公用经费")
    )
    return functional, economic


def on_path(table: str, row: str, column: str) -> bool:
    """Whether a cell of the example counts a 公用经费 of the 行政运行 项 and its 办公费: the item, its
    class, 款 and totals, in the columns that hold it (a unit printing 元 spends a few more than the
    example's round 万元: the narrative's 万元 are then rounded)."""
    functional, economic = holders()
    if table in ("预算03", "预算05"):
        return column in ("合计", "基本支出") and (row == "合计" or functional.startswith(row))
    if table == "预算06":
        return column in ("合计", "公用经费") and (row == "合计" or economic.startswith(row))
    if table in ("预算01", "预算04"):
        totals = ("一般公共预算拨款收入", "本年收入合计", "收入总计", "本年支出合计", "支出总计")
        return column == "金额" and row in (*totals, functional[:3])
    return table == "预算02" and column in ("合计", "一般公共预算拨款收入")


# -- what each line, column and row of a template stands for, from the example's cells --------------


def line_values(extra: Decimal = ZERO) -> dict[str, Decimal]:
    """Each line key of the templates' 收支总表, 财政拨款收支总表 and 收入总表 (江苏) → its figure."""
    mine = {key: value("预算01", key, "金额", extra) for key in _keys("预算01")}
    appropriation = (
        mine["一般公共预算拨款收入"] + mine["政府性基金预算拨款收入"] + mine["国有资本经营预算拨款收入"]
    )
    others = sum(
        (
            mine[key]
            for key in ("事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入")
        ),
        ZERO,
    )
    basic, project = value("预算03", "合计", "基本支出", extra), value("预算03", "合计", "项目支出")
    return {
        **mine,
        **{key: value("预算04", key, "金额", extra) for key in _keys("预算04") if not key.isdigit()},
        # 江苏, 上海, 重庆: the 拨款 by fund, and the sources grouped
        "财政拨款": appropriation,
        "财政拨款收入": appropriation,
        "本年财政拨款": appropriation,  # 深圳's 财政拨款收支总表
        "单位资金": others,  # 深圳: 事业收入 … 其他收入
        "一般公共预算": mine["一般公共预算拨款收入"],
        "政府性基金预算": mine["政府性基金预算拨款收入"],
        "财政专户管理资金": mine["财政专户管理资金收入"],
        "其他资金": others,
        "一般公共预算资金": mine["一般公共预算拨款收入"],
        "公共财政拨款（补助）资金": mine["一般公共预算拨款收入"],
        "专项收入": ZERO,
        "政府性基金": mine["政府性基金预算拨款收入"],
        "专户管理教育收费": ZERO,
        "其他非税收入": mine["财政专户管理资金收入"],
        "经营收入": mine["事业单位经营收入"],
        "上年结转和结余资金": mine["上年结转"],
        "动用上年结转和结余资金": mine["上年结转"],
        # the 支出用途 (江苏's third side)
        "基本支出": basic,
        "项目支出": project,
        "单位预留机动经费": ZERO,
        "事业单位经营支出": ZERO,
    }


def _keys(table: str) -> list[str]:
    return [row.key for row in example()[0].table(table).rows]


def functional_rows(extra: Decimal = ZERO) -> tuple[tuple[str, str, dict[str, Decimal]], ...]:
    """(code, name, figure by column key) of each row of the example's 一般公共预算支出表, 合计 first;
    基本支出 split into 人员经费 and 公用经费 (the 公用经费 in the 行政运行 项, `holders`)."""
    running = value("预算06", "合计", "公用经费", extra)
    holder, _ = holders()
    rows = []
    for row in example()[0].table("预算05").rows:
        total, basic = value("预算05", row.key, "合计", extra), value("预算05", row.key, "基本支出", extra)
        goods = running if row.key == "合计" or (row.code and holder.startswith(row.code)) else ZERO
        figures = {"合计": total, "基本支出": basic, "项目支出": value("预算05", row.key, "项目支出")}
        rows.append((row.code, row.label, {**figures, "人员经费": basic - goods, "公用经费": goods}))
    return tuple(rows)


def _functional_column(key: str, figures: dict[str, Decimal]) -> Decimal | None:
    """A functional table's column: 合计, its uses, or (income by class: 上海, 重庆) the source it
    comes from, all 一般公共预算拨款 here."""
    if key in figures:
        return figures[key]
    if key in ("金额", "一般公共预算", "一般公共预算拨款收入", "财政拨款收入"):
        return figures["合计"]
    return None


def economic_rows(extra: Decimal = ZERO) -> tuple[tuple[str, str, dict[str, Decimal]], ...]:
    return tuple(
        (
            row.code,
            row.label,
            {key: value("预算06", row.key, key, extra) for key in ("合计", "人员经费", "公用经费")},
        )
        for row in example()[0].table("预算06").rows
    )


def with_projects(
    economic: tuple[tuple[str, str, dict[str, Decimal]], ...], project: Decimal
) -> tuple[tuple[str, str, dict[str, Decimal]], ...]:
    """The economic rows with a 项目支出 column (西安's 一般公共预算支出明细表 按经济分类, 深圳's 一般公共
    预算支出表 按经济分类, beside its 基本支出): the example
    gives its 项目支出 by 经济分类 no more than 广州's, so all of it is 302 商品和服务支出, in its
    其他商品和服务支出 款 (30299); 合计 the 基本 and 项目 together."""
    rows = []
    for code, name, figures in economic:
        spent = project if code in ("", "302", "30299") else ZERO
        total = figures["合计"] + spent
        rows.append((code, name, {**figures, "基本支出": figures["合计"], "项目支出": spent, "合计": total}))
    return tuple(rows)


# 部门预算支出经济分类 类 → 政府预算支出经济分类 类 for a 机关 or 参公事业单位 (the example's unit): as
# xian-2026-077 p.20 prints them (301 工资福利支出 56,413,286.69 = 501 机关工资福利支出; 302, 基本 and 项目,
# 6,605,481.30 + 13,302,600.00 = 502 19,908,081.30; 303 = 509; 310 = 503; 309 = 504)
GOVERNMENT_CLASS = {"301": "501", "302": "502", "303": "509", "309": "504", "310": "503"}


# -- a template's tables laid out from those figures --------------------------------------------


def figure(amount: Decimal) -> Figure:
    return Figure.parse(format(amount.quantize(CENTS), ",.2f"))


class Layout:
    """A template's tables laid out from the example's figures; in 元 where the template's table
    prints 元 (the example's 万元 × 10000, and `extra` 元 more 公用经费: 123.45 元 of 办公费)."""

    def __init__(self, name: str, unit: str, year: int) -> None:
        self.template, self.unit, self.year = template(name), unit, year
        yuan = any(self.template.unit_of(number) == "元" for number in self.template.required)
        self.extra = YUAN_EXTRA / WAN if yuan else ZERO
        self.lines = line_values(self.extra)
        self.functional = functional_rows(self.extra)
        self.economic = economic_rows(self.extra)
        self.economic_all = with_projects(self.economic, self.lines["项目支出"])

    def tables(self) -> tuple[Table, ...]:
        return tuple(self.table(self.template.tables[number]) for number in self.template.required)

    def table(self, definition: TableDefinition) -> Table:
        build = {"line": self._lines, "single": self._single, "economic": self._listed}
        self.scale = WAN if self.template.unit_of(definition.number) == "元" else Decimal(1)
        if definition.named == "units":
            build["code"] = self._by_unit
        rows = build.get(definition.rows, self._coded)(definition)
        columns = tuple(Column(c.key, c.heading) for c in definition.columns)
        notes = (definition.note,) if definition.note else ()
        return Table(definition.number, definition.title, columns, rows, self.unit, self.year, notes)

    def cells(self, pairs) -> tuple[tuple[str, Figure], ...]:
        """The figures given (blank: None left out), in the table's unit."""
        return tuple((key, figure(amount * self.scale)) for key, amount in pairs if amount is not None)

    def _coded(self, definition: TableDefinition) -> tuple[Row, ...]:
        if definition.number in ("预算08", "预算09"):  # the example has no 政府性基金, 国有资本经营
            return ()
        if definition.named == "label":  # 深圳's 项目支出总表: a line per project, keyed by its name:
            found = [(key, self._line(definition.number, "合计", key)) for key in definition.column_keys]
            cells = self.cells([(key, amount) for key, amount in found if amount is not None])
            return (Row("合计", "合计", cells), Row(PROJECT, PROJECT, cells))  # the one project, its 项's
        if definition.label_rows and definition.label_rows[0].endswith("年"):  # 深圳's 三公 table:
            return self._by_year(definition)  # last year's line, this year's, the change
        if definition.number == "预算16":  # 广州's 项目支出 by 经济分类: the example gives none but the
            # total; its 政务公开审批 项目 bought goods and services, 302 (named as in its 预算06)
            (column,) = definition.column_keys
            project = self.lines["项目支出"]
            goods = next(name for code, name, _ in self.economic if code == "302")
            return (
                Row("合计", "合计", self.cells([(column, project)])),
                Row("302", goods, self.cells([(column, project)]), code="302"),
            )
        economic = definition.hierarchy == "economic"
        keys = definition.column_keys
        if economic:  # with 项目支出 where the table has it (西安's 预算18)
            source = self.economic_all if "项目支出" in keys else self.economic
        elif "人员经费" in keys and "项目支出" not in keys and "基本支出" not in keys:
            # 基本支出 by 功能分类, in 人员经费 and 公用经费 (西安's 预算19): the 项 that have it
            source = tuple(
                (code, name, {**figures, "合计": figures["基本支出"]})
                for code, name, figures in self.functional
                if figures["基本支出"]
            )
        else:
            source = self.functional
        rows = []
        for code, name, figures in source:
            if economic:
                found = [  # all of it 一般公共预算 拨款 (深圳's 基本支出总表 by source)
                    (key, figures.get(key, figures["合计"] if key in ECONOMIC_SOURCES else None))
                    for key in definition.column_keys
                ]
            else:
                found = [(key, _functional_column(key, figures)) for key in definition.column_keys]
            found = [(key, amount) for key, amount in found if amount]  # a blank for nothing, as printed
            rows.append(Row(code or "合计", name, self.cells(found), code=code))
        return tuple(rows)

    def _by_unit(self, definition: TableDefinition) -> tuple[Row, ...]:
        """A table by unit (`named = "units"`): its 合计, then the one unit's line, keyed by its name
        (the example prints no 单位编码), the same figures; 广州's 基本支出预算表 its 基本支出 by
        经济分类 类 under the unit's line too, each keyed by the unit's name and the class's."""
        total = definition.total_row
        found = [(key, self._unit_total(definition.number, key)) for key in definition.column_keys]
        cells = self.cells([(key, amount) for key, amount in found if amount is not None])
        rows = [Row(total, "合计", cells), Row(self.unit, self.unit, cells)]
        if definition.number == "预算17":  # 广州: by class, all 一般公共预算 (as its 合计)
            for code, name, figures in self.economic:
                if len(code) == 3:
                    pairs = [(key, figures["合计"] if amount is not None else None) for key, amount in found]
                    rows.append(Row(f"{self.unit} {name}", name, self.cells(pairs)))
        return tuple(rows)

    def _by_year(self, definition: TableDefinition) -> tuple[Row, ...]:
        """深圳's “三公” table: a line for last year's budget (the example's facts: 0.80 万元 of 公务用车
        运行维护费), this year's (the example's), and the change, by item."""
        last, this, change = definition.label_rows
        facts = example()[1].last_year
        vehicles = ("公务用车购置费", "公务用车运行维护费")

        def before(key: str) -> Decimal:
            if key == "公务用车购置及运行维护费":
                return sum((Decimal(facts[item]) for item in vehicles), ZERO)
            return Decimal(facts["三公经费" if key == "合计" else key])

        keys = definition.column_keys
        now = {key: self._three_public("三公经费" if key == "合计" else key) for key in keys}
        return (
            Row(last, last, self.cells([(key, before(key)) for key in keys])),
            Row(this, this, self.cells([(key, now[key]) for key in keys])),
            Row(change, change, self.cells([(key, now[key] - before(key)) for key in keys])),
        )

    def _unit_total(self, table: str, column: str) -> Decimal | None:
        """A table by unit's 合计 in a column: the 收入总表's by source (江苏, 广州), the 三公 table's
        (长沙), 广州's 基本支出 by source."""
        if table == "预算02":
            return self._income(column)
        if table == "预算03":  # by source (西安): 合计 its 支出总计, each source as in the 收支总表
            key = {"合计": "支出总计", "一般公共预算拨款": "一般公共预算拨款收入"}.get(column, column)
            key = {"政府性基金拨款": "政府性基金预算拨款收入"}.get(key, key)
            return self.lines.get(key) or (ZERO if column == "合计" else None)
        if table == "预算07":
            return self._three_public(column)
        return self._line(table, "合计", column)

    def _listed(self, definition: TableDefinition) -> tuple[Row, ...]:
        """One column of 经济分类: 基本支出 (江苏's 预算06, 预算15) or 机关运行经费 (预算12: 公用经费)."""
        (column,) = definition.column_keys
        measure = "公用经费" if definition.number == "预算12" else "合计"
        return tuple(
            Row(code or "合计", name, self.cells([(column, figures[measure])]), code=code)
            for code, name, figures in self.economic
            if figures[measure]
        )

    def _single(self, definition: TableDefinition) -> tuple[Row, ...]:
        line = definition.lines[0].line if definition.lines else "1"
        if definition.number == "预算02":  # 收入总表: its sources
            found = [(key, self._income(key)) for key in definition.column_keys]
        elif definition.number == "预算03":  # 江苏 2017's 支出预算总表: one line of uses
            uses = self.lines
            found = [
                (key, uses["支出总计"] if key == "合计" else uses.get(key) or None)
                for key in definition.column_keys
            ]
        else:  # “三公”经费 (and 会议费, 培训费; 上海's 机关运行经费)
            found = [(key, self._three_public(key)) for key in definition.column_keys]
        return (Row(line, "合计", self.cells(found)),)

    def _income(self, column: str) -> Decimal | None:
        """A source's column of the one-line 收入总表 (blank for none): 合计 its 收入总计."""
        key = {"合计": "收入总计", "本年收入": "本年收入合计"}.get(column, column)
        return self.lines.get(key) or (ZERO if column == "合计" else None)

    def _three_public(self, key: str) -> Decimal | None:
        if key.startswith("上年"):  # 重庆 prints last year's 三公 budget beside this year's: the
            return None  # example gives it only as the narrative's facts, so these are left blank
        if key == "机关运行经费":
            return self.economic[0][2]["公用经费"]
        return value("预算07", "1", "合计" if key == "三公经费" else key)  # 会议费, 培训费: none in 302

    def _lines(self, definition: TableDefinition) -> tuple[Row, ...]:
        rows = []
        for line in definition.lines:
            side = definition.side(line.line)
            columns = side.columns if side else definition.column_keys
            found = [(column, self._line(definition.number, line.row, column)) for column in columns]
            optional = line.row in definition.optional_rows
            kept = [(key, amount) for key, amount in found if amount or (amount is not None and not optional)]
            if kept:
                rows.append(Row(line.row, line.label, self.cells(kept), line_no=line.line))
        return tuple(rows)

    def _line(self, table: str, row: str, column: str) -> Decimal | None:
        """A line's figure in a column: a class's by its figures; a total's by column (上海, 重庆: the
        expenditure by use or by fund); the one line of a 收入总表 by source (江苏 2026); else the
        line's own amount, in its one column or (政府采购 by source: 江苏 2026, 重庆) in the 一般公共
        预算 one, where all the example's money comes from); the 三公 table's 合计 line (长沙), the
        政府采购 lines from the example's facts."""
        if table == "预算07":  # its 合计 line (长沙), or a line an item (广州: by fund)
            if row in ("合计", "1"):
                return self._three_public(column)
            if row == "行政经费":  # 广州: not in the example
                return None
            return self._three_public(row) if column in ("合计", "一般公共预算") else None
        if table == "预算02" and row == "合计":  # 广州: its 合计 line by source
            return self._income(column)
        if table in ("预算17", "预算10"):  # 广州: 基本支出, 项目支出 by source, all 一般公共预算;
            uses = self.lines["基本支出" if table == "预算17" else "项目支出"]  # 西安: its 项目金额
            sources = ("总计", "合计", "财政拨款", "一般公共预算", "一般公共预算拨款收入", "金额")
            return uses if column in sources else None
        if column in ("功能分类", "部门经济分类", "政府经济分类"):  # 西安's 收支总表: the expenditure
            return self._classified(row, column)  # three times
        if row.startswith("本年收入（"):  # 西安: 一、部门预算 (一、财政拨款), the heading of the year's
            return self.lines["本年收入合计"]  # income, its sum
        if table == "预算11":
            bought = example()[1].procurement.get(row)
            return Decimal(bought) if column in ("金额", "一般公共预算资金", "一般公共预算拨款收入") else None
        if row.isdigit() and len(row) == 3:
            classes = {code: found for code, _, found in self.functional if len(code) == 3}
            return _functional_column(column, classes[row]) if row in classes else None
        if row == "1":
            return self._income(column)
        if row in ("支出总计", "本年支出合计") and column not in ("金额", "合计"):
            return _functional_column(column, self.functional[0][2])
        if column in ("金额", "合计", "一般公共预算资金", "一般公共预算拨款收入"):
            return self.lines.get(row)
        return None

    def _classified(self, row: str, column: str) -> Decimal | None:
        """西安's 收支总表 and 财政拨款收支总表: the year's expenditure by 功能分类 (each class), by
        部门预算支出经济分类 (基本支出 and 项目支出, each by class) and by 政府预算支出经济分类 (each
        class, from the 部门 ones: `GOVERNMENT_CLASS`); on each side 一、部门预算 (the heading), 本年
        支出合计 and 支出总计 the year's total (no 结转下年), the rest blank."""
        total = self.lines["本年支出合计"]
        side = row.split("（")[0]
        if side in ("部门预算", "本年支出合计", "支出总计"):
            return total
        if column == "功能分类":
            classes = {code: found["合计"] for code, _, found in self.functional if len(code) == 3}
            return classes.get(row)
        basic = {code: found["合计"] for code, _, found in self.economic if len(code) == 3}
        project = {code: found["项目支出"] for code, _, found in self.economic_all if len(code) == 3}
        if column == "部门经济分类":
            if row in ("基本支出", "项目支出"):
                return self.lines[row]
            use, code = row[:4], row[4:]
            found = {"基本支出": basic, "项目支出": project}.get(use, {}).get(code)
            return found or None
        government = {}
        for code in {*basic, *project}:
            spent = basic.get(code, ZERO) + project.get(code, ZERO)
            government[GOVERNMENT_CLASS[code]] = government.get(GOVERNMENT_CLASS[code], ZERO) + spent
        return government.get(row) or None


PROJECT = "政务公开审批"  # the example's one project: the 项 2010306 its 项目支出 is spent in
ECONOMIC_SOURCES = ("金额", "财政拨款", "一般公共预算拨款收入")
YUAN_EXTRA = Decimal("123.45")  # 元 a unit printing 元 spends beyond the example's round 万元
WAN = Decimal(10000)


# -- the builds ------------------------------------------------------------------------------------

BUILT = {  # template → (year built, the template its documents read back as)
    "budget-mof": (2024, "budget-mof"),
    # budget-generic prints the finance ministry's tables and titles, which are budget-mof's signs: the
    # same document; read back, budget-mof (which checks its arithmetic too)
    "budget-generic": (2024, "budget-mof"),
    "budget-shanghai-2024": (2024, "budget-shanghai-2024"),
    "budget-jiangsu-2017": (2019, "budget-jiangsu-2017"),
    "budget-jiangsu-2026": (2026, "budget-jiangsu-2026"),
    "budget-chongqing-2026": (2026, "budget-chongqing-2026"),
    "budget-changsha-2026": (2026, "budget-changsha-2026"),
    "budget-moe-university-2021": (2021, "budget-moe-university-2021"),
    "budget-moe-university-2024": (2024, "budget-moe-university-2024"),
    "budget-guangzhou-2026": (2026, "budget-guangzhou-2026"),
    "budget-xian-2026": (2026, "budget-xian-2026"),
    "budget-shenzhen-2026": (2026, "budget-shenzhen-2026"),
}


def package(name: str, folder: Path) -> Path:
    """init --template name, 预算表.xlsx filled with the example's figures in the template's tables,
    单位信息.yaml the example's facts under that template and year."""
    from juesuan.package.init import tables_workbook

    year, _ = BUILT[name]
    unit = example()[0].unit
    done = juesuan("init", folder, "--template", name, "--unit", unit, "--year", year)
    assert done.returncode == 0, done.stderr
    tables = Layout(name, unit, year).tables()
    (folder / "预算表.xlsx").write_bytes(tables_workbook(tables, unit, year, name))
    info = (EXAMPLE / "单位信息.yaml").read_text(encoding="utf-8")
    info = info.replace("模板: budget-mof", f"模板: {name}").replace("年度: 2024", f"年度: {year}")
    info = info.replace("2024年度部门预算", f"{year}年度部门预算")
    (folder / "单位信息.yaml").write_text(info, encoding="utf-8")
    return folder


def tidy(disclosure) -> list[tuple[str, str, str, str]]:
    return sorted((c.table, c.row, c.col, c.value) for c in tidy_cells(disclosure))


def serious(findings) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)]


@pytest.fixture(scope="module", params=sorted(BUILT))
def built(request, tmp_path_factory):
    name = request.param
    folder = package(name, tmp_path_factory.mktemp(name) / "unit")
    return name, build_package(folder)


def test_the_build_is_a_clean_budget_of_its_template(built):
    name, result = built
    assert (result.disclosure.kind, result.disclosure.template) == ("预算", name)
    assert [table.number for table in result.disclosure.tables] == list(template(name).required)
    assert serious(result.findings) == []
    assert sorted(result.files) == ["docx", "html", "pdf", "xlsx"]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_each_format_reads_back_as_its_template_exactly_and_checks_clean(built, fmt):
    name, result = built
    document, problems = read_bytes(result.files[fmt], f"report.{fmt}")
    assert (document.kind, document.template) == ("预算", BUILT[name][1])
    assert (document.unit, document.year) == (result.disclosure.unit, result.disclosure.year)
    assert [table.number for table in document.tables] == list(template(name).required)
    assert tidy(document) == tidy(result.disclosure)
    assert serious(review(document, problems)) == []


@pytest.mark.parametrize("built", ["budget-shanghai-2024"], indirect=True)
def test_a_template_printing_yuan_is_filled_and_printed_in_yuan_and_told_in_wan(built):
    """上海: its tables in 元 (the example's 770.18 万元 and 123.45 元 more 办公费: 7701923.45 元), its
    三公 table in 万元, as shanghai-2026-037 prints them; the narrative says 770.19 万元 (rounded), and
    the 机关运行经费 of the 三公 table, 16.26 万元, as printed there."""
    _, result = built
    tables = result.disclosure
    assert tables.table("预算01").figure("收入总计", "金额").value == Decimal("7701923.45")
    assert tables.table("预算06").figure("合计", "公用经费").value == Decimal("162623.45")
    assert tables.table("预算07").figure("1", "机关运行经费").value == Decimal("16.26")
    narrative = result.disclosure.narrative
    assert (
        narrative[0].paragraphs[0].text.startswith("大同市政务服务中心2024年收入、支出预算总计770.19万元，")
    )
    assert (
        narrative[5]
        .paragraphs[0]
        .text.startswith("2024年一般公共预算基本支出预算215.19万元，其中：人员经费198.93万元，")
    )
    assert narrative[9].subsections[0].paragraphs[0].text.startswith("2024年本单位机关运行经费预算16.26万元")
    pdf = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=result.files["pdf"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    units = [line.split("金额单位：")[1].strip() for line in pdf.splitlines() if "金额单位：" in line]
    assert units == ["元"] * 8 + ["万元"]
    assert "7701923.45" in pdf and "162623.45" in pdf


@pytest.mark.parametrize("built", ["budget-shanghai-2024"], indirect=True)
def test_a_narrative_amount_in_wan_is_checked_against_the_yuan_it_rounds(built):
    """770.18 万元 for 7701923.45 元 (770.192345 万元) is an error; 770.19 is not."""
    import dataclasses

    _, result = built
    first = result.disclosure.narrative[0]
    said = first.paragraphs[0]
    wrong = dataclasses.replace(said, text=said.text.replace("770.19万元", "770.18万元", 1))
    narrative = (
        dataclasses.replace(first, paragraphs=(wrong, *first.paragraphs[1:])),
        *result.disclosure.narrative[1:],
    )
    findings = review(dataclasses.replace(result.disclosure, narrative=narrative), [])
    assert [f.message for f in findings if f.severity == Severity.ERROR] == [
        "“大同市政务服务中心2024年收入、支出预算总计770.18万元”与预算01表 收入总计 金额（7701923.45）"
        "（表中单位：元，折合万元核对）不符，差 0.012345"
    ]


@pytest.mark.parametrize("name", sorted(BUILT))
def test_the_blank_package_of_each_budget_template_reads_back_as_it(tmp_path, name):
    """A blank 预算表.xlsx prints the template's titles and headings: read back, that template."""
    from juesuan.sources import read_path

    year, read_as = BUILT[name]
    done = juesuan("init", tmp_path / "new", "--template", name, "--unit", "某单位", "--year", year)
    assert done.returncode == 0, done.stderr
    workbook, problems = read_path(tmp_path / "new" / "预算表.xlsx")
    assert (workbook.kind, workbook.template, problems) == ("预算", read_as, [])
    assert [table.number for table in workbook.tables] == list(template(name).required)


def test_the_check_command_finds_no_error_nor_warning_in_the_built_pdf(built, tmp_path):
    name, result = built
    (tmp_path / "report.pdf").write_bytes(result.files["pdf"])
    checked = juesuan("check", tmp_path / "report.pdf")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"（{BUILT[name][1]}）：预算：" in checked.stdout.splitlines()[0]
    assert "共 0 个错误、0 个警告" in checked.stdout


def test_the_web_page_shows_every_cell_of_the_package(built):
    from test_build_budget import _Cells

    _, result = built
    parser = _Cells()
    parser.feed(result.files["html"].decode("utf-8"))
    shown = sorted((*key.split("|"), text) for key, text in parser.found.items() if text)
    assert shown == tidy(result.disclosure)


BY_UNIT = [  # (template, its table by unit, the label headings its blank workbook prints)
    ("budget-changsha-2026", "预算07", ["部门名称"]),
    ("budget-guangzhou-2026", "预算02", ["单位名称"]),
    ("budget-guangzhou-2026", "预算17", ["单位名称"]),
    ("budget-jiangsu-2026", "预算02", ["部门代码", "部门名称"]),
    ("budget-xian-2026", "预算03", ["单位编码", "单位名称"]),
]


@pytest.mark.parametrize(("name", "number", "labels"), BY_UNIT)
def test_the_blank_workbook_lays_a_table_by_unit_out_by_unit(tmp_path, name, number, labels):
    """init: the label columns the template prints, the 合计 across them, the unit's line under it."""
    from openpyxl import load_workbook

    done = juesuan("init", tmp_path / "new", "--template", name, "--unit", "某单位", "--year", 2026)
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(tmp_path / "new" / "预算表.xlsx")[f"{number}表"]
    rows = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    heading = next(index for index, row in enumerate(rows) if row and row[0] == labels[0])
    columns = template(name).tables[number].column_keys
    assert rows[heading : heading + 3] == [[*labels, *columns], ["合计"], ["某单位"]]


@pytest.mark.parametrize("filled", [False, True])
def test_a_table_by_name_is_laid_out_by_name_as_the_real_documents_print_it(tmp_path, filled):
    """深圳's 基本支出总表 and 项目支出总表 (shenzhen-2026-047 pp.21-23): one label column, 支出项目类别,
    the 合计 (the unit's line there), then each line by its name, no code (blank: the 合计 alone)."""
    from openpyxl import load_workbook

    name = "budget-shenzhen-2026"
    if filled:
        workbook = package(name, tmp_path / "unit") / "预算表.xlsx"
    else:
        done = juesuan("init", tmp_path / "new", "--template", name, "--unit", "某单位", "--year", 2026)
        assert done.returncode == 0, done.stderr
        workbook = tmp_path / "new" / "预算表.xlsx"
    book = load_workbook(workbook)
    for number in ("预算17", "预算10"):
        rows = [
            [cell for cell in row if cell is not None]
            for row in book[f"{number}表"].iter_rows(values_only=True)
        ]
        heading = next(index for index, row in enumerate(rows) if row and row[0] == "支出项目类别")
        labels = [row[0] for row in rows[heading + 1 :] if row]
        if not filled:
            assert rows[heading] == ["支出项目类别", *template(name).tables[number].column_keys]
            assert labels == ["合计"]
        elif number == "预算17":
            assert rows[heading] == ["支出项目类别", "合计", "财政拨款", "一般公共预算拨款收入"]
            assert labels[:4] == ["合计", "工资福利支出", "基本工资", "津贴补贴"]
            assert rows[heading + 2] == ["工资福利支出", 191.13, 191.13, 191.13]
        else:
            assert rows[heading] == ["支出项目类别", "合计", "一般公共预算拨款收入"]
            assert rows[heading + 1 :] == [["合计", 555, 555], [PROJECT, 555, 555]]


def _package_of(name: str, folder: Path, keep) -> Path:
    """The template's package with its tables by unit holding only the rows `keep` keeps."""
    from dataclasses import replace

    from juesuan.package.init import tables_workbook

    package(name, folder)
    year, _ = BUILT[name]
    unit = example()[0].unit
    tables = tuple(
        replace(table, rows=tuple(row for row in table.rows if keep(table, row)))
        if template(name).tables[table.number].named == "units"
        else table
        for table in Layout(name, unit, year).tables()
    )
    (folder / "预算表.xlsx").write_bytes(tables_workbook(tables, unit, year, name))
    return folder


@pytest.mark.parametrize("name", ["budget-changsha-2026", "budget-guangzhou-2026", "budget-jiangsu-2026"])
def test_a_package_filling_a_table_by_unit_on_its_total_or_its_lines_reads_whole(tmp_path, name):
    """A package is one unit's: a table by unit filled on its 合计 alone reads with the unit's line
    (the 单位名称 of 单位信息.yaml) the same; filled on its lines alone, with the 合计 their sum (广州's
    基本支出 classes are in their unit's line already). Either way the tables are those filled whole."""
    from juesuan.package import read_package

    whole, _, _ = read_package(package(name, tmp_path / "whole"))
    unit = whole.unit

    def is_total(table, row) -> bool:
        definition = template(name).tables[table.number]
        return row.key == (definition.total_row)

    totals, _, _ = read_package(_package_of(name, tmp_path / "totals", is_total))
    lines, _, _ = read_package(_package_of(name, tmp_path / "lines", lambda t, r: not is_total(t, r)))
    by_unit = [number for number in template(name).required if template(name).tables[number].named == "units"]
    for number in by_unit:
        expected = _lines_of(whole.table(number))
        assert expected[1][0] == unit and expected[0][1] == expected[1][1]
        if number != "预算17":  # 广州's classes under the unit are lines a 合计 alone cannot give
            assert _lines_of(totals.table(number)) == expected
        assert _lines_of(lines.table(number)) == expected


def _lines_of(table) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    return [(row.key, tuple((key, figure.text) for key, figure in row.cells)) for row in table.rows]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_a_unit_line_with_its_code_reads_back_under_both_label_columns(tmp_path, fmt):
    """江苏 2026's 收入总表 prints 部门代码 and 部门名称: a unit that types its code gets both columns,
    and the figures read back under their own headings (the lone 预算02表 mark a built document prints
    above the headings is not the heading line that counts the label columns)."""
    from dataclasses import replace

    from juesuan.package.init import tables_workbook

    name = "budget-jiangsu-2026"
    folder = package(name, tmp_path / "unit")
    year, _ = BUILT[name]
    unit = example()[0].unit
    coded = f"123001 {unit}"
    tables = tuple(
        replace(table, rows=tuple(replace(r, key=coded) if r.key == unit else r for r in table.rows))
        if table.number == "预算02"
        else table
        for table in Layout(name, unit, year).tables()
    )
    (folder / "预算表.xlsx").write_bytes(tables_workbook(tables, unit, year, name))
    result = build_package(folder, formats=(fmt,))
    assert [row.key for row in result.disclosure.table("预算02").rows] == ["1", coded]
    document, problems = read_bytes(result.files[fmt], f"report.{fmt}")
    assert _lines_of(document.table("预算02")) == _lines_of(result.disclosure.table("预算02"))
    assert serious(review(document, problems)) == []
