"""The input package of a budget disclosure (部门预算公开): 预算表.xlsx and its 单位信息.yaml.

A package whose ``单位: 模板`` names a 预算 template (budget-mof, budget-generic …) is a budget
package: its tables are in ``预算表.xlsx`` (the template's 预算01 … tables, as `juesuan init
--template budget-mof` writes them), and its 单位信息.yaml holds what a budget's 第三部分 needs
beyond the tables, under its own keys:

- 上年预算数: last year's 年初预算 (收入总计, 支出总计, 财政拨款收入总计, 一般公共预算财政拨款支出,
  三公经费 and its items, 机关运行经费, and 功能分类 classes by code), for 与上年预算相比;
- 主要原因 (of each change, by the same keys), 主要用于 (by class);
- 政府采购预算 (合计, 货物, 工程, 服务), 国有资产占用 (车辆, 单价100万元以上设备), 绩效目标
  (项目数, 涉及金额), 说明 (其他需要说明的事项).

They go into the same `Facts` as a 决算's (last_year, reasons, uses, procurement, statistics,
performance_summary, notes), keyed by these names.

A table printed by unit (`named = "units"`: 西安 收入总表, 长沙 “三公” table …) holds its 合计 and a
line per unit, as `juesuan init` lays it out (the unit's line under the 合计). A package is one
unit's: where such a table holds its 合计 alone, the unit's line is that 合计 under the package's
单位名称; where it holds the units' lines and leaves the 合计 blank, the 合计 is the sum of the lines
under no other (`unit_lines`).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from juesuan.model import Figure, Row, Table
from juesuan.model.facts import Facts
from juesuan.package.files import BUDGET_TABLES_FILE
from juesuan.package.safe_yaml import Mapping
from juesuan.package.values import amount, canonical, count, section, text

__all__ = ["BUDGET_TABLES_FILE", "budget_info_template", "is_budget_info", "read_budget_facts", "unit_lines"]
BUDGET_TOP_KEYS = (
    "单位",
    "概况",
    "上年预算数",
    "主要原因",
    "主要用于",
    "政府采购预算",
    "国有资产占用",
    "绩效目标",
    "说明",
)
# What last year's budget and the reasons are given for (besides 功能分类 class codes).
BUDGET_MEASURES = (
    "收入总计",
    "支出总计",
    "财政拨款收入总计",
    "财政拨款支出总计",
    "一般公共预算财政拨款支出",
    "一般公共预算基本支出",
    "机关运行经费",
    "三公经费",
    "因公出国（境）费",
    "公务用车购置费",
    "公务用车运行维护费",
    "公务接待费",
)
PROCUREMENT = ("合计", "货物", "工程", "服务")
ASSETS = ("车辆", "单价100万元以上设备")
TARGETS = {"项目数": "count", "涉及金额": "amount"}
NOTES = ("其他需要说明的事项",)


def is_budget_info(info: Mapping) -> bool:
    """Whether 单位信息.yaml names a 预算 template (单位: 模板), read before its keys are checked."""
    from juesuan.catalogue.templates import BUDGET, templates

    unit = info.get("单位")
    if not isinstance(unit, Mapping):
        return False
    name = next((str(value).strip() for key, value in unit.items() if key.strip() == "模板"), "")
    found = templates().get(name)
    return found is not None and found.kind == BUDGET


def read_budget_facts(info: Mapping, unit_kind: str) -> Facts:
    """The facts of a budget package, keyed as `Facts` documents (see the module's docstring)."""
    from juesuan.package.info import _frozen, _measures, _plain

    return Facts(
        unit_kind=unit_kind,
        last_year=_frozen(_measures(info, "上年预算数", BUDGET_MEASURES, amount)),
        reasons=_frozen(_measures(info, "主要原因", BUDGET_MEASURES, text)),
        uses=_frozen(_measures(info, "主要用于", (), text)),
        procurement=_frozen(_plain(info, "政府采购预算", PROCUREMENT, amount)),
        statistics=_frozen(_counts(section(info, "国有资产占用"), ASSETS, "国有资产占用")),
        performance_summary=_frozen(_targets(section(info, "绩效目标"))),
        notes=_frozen(_plain(info, "说明", NOTES, text)),
    )


def unit_lines(tables: tuple[Table, ...], unit: str, template: str) -> tuple[Table, ...]:
    """The package's tables, each table by unit (`named = "units"`) with its 合计 and its lines: the
    unit's line (keyed by its name, the package's 单位名称) added where the table holds a 合计 alone;
    the 合计 added where it is blank and lines are filled, the sum by column of the lines under no
    other (a 部门's units and a unit's 经济分类 classes are in their line already: `unit_parent`)."""
    from juesuan.catalogue.templates import templates

    found = templates().get(template)
    if found is None:
        return tables
    return tuple(_with_unit_lines(table, found.tables.get(table.number), unit) for table in tables)


def _with_unit_lines(table: Table, definition, unit: str) -> Table:
    from juesuan.rules.budget import unit_parent

    if definition is None or not definition.by_unit:
        return table
    key = definition.total_row
    total = table.row(key)
    lines = [row for row in table.rows if row.key != key]
    if not any(row.cells for row in lines):
        if total is None or not total.cells or not unit:
            return table
        return replace(table, rows=(total, Row(unit, unit, total.cells, origin=total.origin)))
    if total is not None and total.cells:
        return table
    keys = [row.key for row in lines]
    tops = [row for row in lines if unit_parent(row.key, keys) is None]
    cells = tuple(
        (column, _sum(figures))
        for column in definition.column_keys
        if (figures := [figure for row in tops if (figure := row.get(column)) is not None])
    )
    return replace(table, rows=(Row(key, "合计", cells), *lines))


def _sum(figures: list[Figure]) -> Figure:
    places = max(figure.places for figure in figures)
    value = sum((figure.value for figure in figures), Decimal(0))
    grouping = "," if any("," in figure.text for figure in figures) else ""
    return Figure(format(value, f"{grouping}.{places}f"), value, places, unit=figures[0].unit)


def _counts(found: Mapping, allowed: tuple[str, ...], where: str) -> dict[str, Decimal]:
    found = canonical(found, allowed, where)
    values = {key: count(found, key, f"{where}: {key}") for key in found}
    return {key: Decimal(value) for key, value in values.items() if value is not None}


def _targets(found: Mapping) -> dict[str, Decimal]:
    found = canonical(found, TARGETS, "绩效目标")
    readers = {"count": count, "amount": amount}
    values = {key: readers[TARGETS[key]](found, key, f"绩效目标: {key}") for key in found}
    return {key: Decimal(value) for key, value in values.items() if value is not None}


def budget_info_template(unit: str = "", year: int | None = None, template: str = "") -> bytes:
    """The commented 单位信息.yaml of an empty budget package (where the template's tables print 元,
    a line says that 预算表.xlsx is filled in 元 and this file in 万元)."""
    from juesuan.catalogue.templates import templates

    found = templates().get(template or "budget-generic")
    in_yuan = [number for number in found.required if found.unit_of(number) == "元"] if found else []
    text = BUDGET_INFO.format(unit=unit or "", year=year or "", template=template or "budget-generic")
    if in_yuan:
        others = [f"{number}表" for number in found.required if number not in in_yuan]
        but = f"（{'、'.join(others)}除外，以“万元”为单位）" if others else ""
        note = f"# 本模板的预算表以“元”为单位填写{but}，如实印出；情况说明中的金额由程序折合为万元。\n"
        text = text.replace("\n\n单位:", "\n" + note + "\n单位:", 1)
    lines = text.splitlines()
    return ("\n".join(line.rstrip() for line in lines) + "\n").encode("utf-8")


BUDGET_INFO = """\
# 单位信息.yaml —— 部门预算公开中“预算表.xlsx”以外的全部内容
#
# 填写方法同决算的输入包（见 docs/package.md、docs/budget.md）：每行“键: 值”，冒号后留一个空格，
# 缩进用空格；金额以“万元”为单位；没有的内容留空。写好后运行：juesuan build 本文件夹 -o 输出文件夹

单位:
  名称: {unit}              # 单位全称，与预算表一致
  年度: {year}              # 预算年度，四位数字
  单位类型:        # 行政单位 / 参照公务员法管理事业单位 / 事业单位（事业单位不写机关运行经费预算）
  标题:            # 可不填；默认为“〈名称〉〈年度〉年度部门预算”
  模板: {template}          # 预算公开的格式（juesuan templates 列出全部）

# 第一部分 概况
概况:
  职责:            # 每条职责一项；不必编号
    -
  机构设置:        # 每段一项
    -

# 上年预算数：上一年度部门预算公开中的年初预算数（万元），用来写“与上年预算相比增加/减少……”。
# 除下列各项外，还可按支出功能分类的“类”填写，键写类级科目代码，可附名称，如 201 一般公共服务支出: 735.12
上年预算数:
  收入总计:
  支出总计:
  财政拨款收入总计:
  一般公共预算财政拨款支出:
  一般公共预算基本支出:
  机关运行经费:
  三公经费:
  因公出国（境）费:
  公务用车购置费:
  公务用车运行维护费:
  公务接待费:

# 增减变化的主要原因（“主要原因是”之后的话），键同上年预算数。
主要原因:

# 一般公共预算各类支出的主要用途，键为类级科目代码。
主要用于:

# 政府采购预算（万元）
政府采购预算:
  合计:
  货物:
  工程:
  服务:

# 国有资产占用情况（预算编制时）
国有资产占用:
  车辆:                  # 辆
  单价100万元以上设备:    # 台（套）

# 绩效目标设置情况
绩效目标:
  项目数:
  涉及金额:              # 万元

说明:
  其他需要说明的事项:
"""
