"""Whether each section of 第三部分 says what a reviewer expects of it (CHECKLIST E03, E05, E07,
E10, E11, E13, E15, E16, E17): 三公 vehicle costs and counts each on its own, 机关运行经费 against
last year, 政府采购 by kind, vehicles by kind and the equipment over 100万元, the composition of
人员经费 and 公用经费, every income source and expenditure kind, every 项 of 五（三）, and what the
预算绩效 section must count. All are warnings: the wording differs by region and year, and each
rule accepts the usual ways of saying there was none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.model import Disclosure, Table
from juesuan.narrative.statements import none_at_all
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.narrative_text import (
    claims_of,
    compact,
    first_where,
    part,
    performance,
    publishes,
    text_of,
)
from juesuan.rules.registry import Rule, rule

_AMOUNT = r"\s*[为是]?\s*\d[\d,]*(?:\.\d+)?\s*万元"
PURCHASE_COST = re.compile(r"购置(?!及)[^，。；及]{0,10}?" + _AMOUNT + r"|(没有|未|无)[^，。；]{0,8}购置")
UPKEEP_COST = re.compile(r"(运行维护|运行及维护|运维|运行)(费|支出)[^，。；]{0,10}?" + _AMOUNT)
PURCHASED = re.compile(r"购置[^。；]{0,20}?\d+\s*辆|(没有|未|无)[^，。；]{0,8}购置")
HELD = re.compile(r"保有[量数]?[^。；]{0,12}?\d+\s*辆|共有[^。；]{0,8}车辆\s*\d+\s*辆")


def _three_public(disclosure: Disclosure) -> tuple[list, str] | None:
    """九's paragraphs and text, when 公开09表 is published and the section is printed and does not
    say the unit had no 三公 spending at all (本单位无“三公”经费财政拨款支出)."""
    found = part(disclosure, "九")
    said = text_of(found)
    if not found or not publishes(disclosure, "09") or any(none_at_all(s) for s in said.split("。")[:2]):
        return None
    return found, said


@rule(
    id="N-vehicle-costs-split",
    title="公务用车购置费与运行维护费分别说明",
    doc="第三部分 九须分别写明公务用车购置费与运行维护费的金额（没有购置的写明未购置）（E05）。",
    severity=Severity.WARNING,
)
def vehicle_costs_split(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    found = _three_public(disclosure)
    if found is None:
        return
    paragraphs, said = found
    for what, pattern, column in (("购置费", PURCHASE_COST, "10"), ("运行维护费", UPKEEP_COST, "11")):
        if not pattern.search(said):
            message = f"“三公”经费说明未单独写明公务用车{what}的金额（不能只写“购置及运行费”合计）"
            yield this.finding(message, (CellRef("09", "1", column),), first_where(paragraphs, "九"))


@rule(
    id="N-vehicle-counts",
    title="公务用车保有量与购置数",
    doc="第三部分 九须写明财政拨款负担的公务用车保有量；公开09表购置费大于0时还须写明购置辆数（E07）。",
    severity=Severity.WARNING,
)
def vehicle_counts(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    found = _three_public(disclosure)
    if found is None:
        return
    paragraphs, said = found
    bought = disclosure.table("09").figure("1", "10")
    wanted = [("公务用车保有量", HELD, "11")]
    if bought is not None and bought.value > 0:
        wanted.append(("当年购置公务用车辆数", PURCHASED, "10"))
    for what, pattern, column in wanted:
        if not pattern.search(said):
            message = f"“三公”经费说明未写明{what}（N辆，没有的写0辆）"
            yield this.finding(message, (CellRef("09", "1", column),), first_where(paragraphs, "九"))


_CHANGED = re.compile(
    r"上年|上一年|同比|比20\d\d|较20\d\d|与20\d\d年度?相比|持平|相同|无变化|增加|减少|增长|下降"
)


@rule(
    id="N-running-costs-change",
    title="机关运行经费增减及原因",
    doc="机关运行经费支出情况说明须写明与上年相比的增减（或持平），有增减的写明原因（E10）。",
    severity=Severity.WARNING,
)
def running_costs_change(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    from juesuan.rules.narrative_text import REASON

    found = part(disclosure, "十（一）")
    said = text_of(found)
    if (
        not found
        or "运行经费" not in said
        or not re.search(r"[1-9]\d*(\.\d+)?\s*万元|0\.\d*[1-9]\d*\s*万元", said)
    ):
        return
    where = first_where(found, "十（一）")
    if not _CHANGED.search(said):
        yield this.finding("机关运行经费支出情况说明未写明与上年相比的增减变化", (), where)
    elif _changed(found) and not REASON.search(said):
        yield this.finding("机关运行经费支出与上年相比有增减，说明中却未写明原因", (), where)


def _changed(found) -> bool:
    return any(
        c.kind in ("change", "rate") and c.figure.value != 0 for _, p in found for c in list(claims_of(p))
    )


def _stated_total(said: str, words: str) -> bool:
    """Whether an amount above 0 follows the words (政府采购支出总额1967.42万元)."""
    return any(
        m.group(1).strip("0.,")
        for m in re.finditer(words + r"[^，。；\d]{0,12}(\d[\d,]*(?:\.\d+)?)\s*万元", said)
    )


@rule(
    id="N-procurement-kinds",
    title="政府采购分货物、工程、服务",
    doc="政府采购支出总额大于0时，政府采购情况说明须分别写明货物、工程、服务采购的金额（E11）。",
    severity=Severity.WARNING,
)
def procurement_kinds(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    found = part(disclosure, "十（二）")
    said = text_of(found)
    table = disclosure.table("10")
    total = table.figure("1", "统计数") if table else None
    spent = total.value > 0 if total is not None else _stated_total(said, "政府采购")
    if not found or not spent:
        return
    missing = [kind for kind in ("货物", "工程", "服务") if kind not in said]
    if missing:
        message = f"政府采购情况说明未分别写明{'、'.join(missing)}采购的金额（没有的写0万元）"
        yield this.finding(message, (CellRef("10", "1", "统计数"),), first_where(found, "十（二）"))


_VEHICLES = re.compile(r"(?:共有|有)?车辆\s*(\d+)\s*辆")


@rule(
    id="N-assets-detail",
    title="国有资产占用：车辆分类与百万元以上设备",
    doc="国有资产占用情况说明须写明车辆总数及其分类（有车辆时）和单价100万元（含）以上设备台（套）数（E13）。",
    severity=Severity.WARNING,
)
def assets_detail(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    found = part(disclosure, "十（三）")
    said = text_of(found)
    if not found:
        return
    where = first_where(found, "十（三）")
    vehicles = _VEHICLES.search(said)
    if vehicles and int(vehicles.group(1)) > 0 and said.count("用车") < 1:
        yield this.finding(
            "国有资产占用情况说明写有车辆，却未按用途分类列明（如机要通信用车、其他用车）", (), where
        )
    if not re.search(r"(100|一百|百)万元[^。]{0,16}设备|设备[^。]{0,16}(100|一百|百)万元", said):
        yield this.finding(
            "国有资产占用情况说明未写明单价100万元（含）以上设备台（套）数（没有的写0台（套））", (), where
        )


_COMPOSITION = r"[^。]{0,40}?(主要包括|包括|其中|主要用于|用于|含)"


@rule(
    id="N-basic-composition",
    title="基本支出列明人员经费、公用经费构成",
    doc="一般公共预算财政拨款基本支出情况说明须写明人员经费和公用经费，并各列明其主要构成（E15）。",
    severity=Severity.WARNING,
)
def basic_composition(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    found = part(disclosure, "六")
    said = text_of(found)
    if not found or not publishes(disclosure, "06"):
        return
    for what in ("人员经费", "公用经费"):
        if not re.search(what + _COMPOSITION, said):
            message = f"基本支出情况说明未写明{what}及其主要构成（主要包括……）"
            yield this.finding(message, (CellRef("06", f"{what}合计", "决算数"),), first_where(found, "六"))


@rule(
    id="N-sources-listed",
    title="列出全部收入来源与支出构成",
    doc="收入决算情况说明须列出公开02表中不为0的每项收入来源，支出决算情况说明须列出公开03表中不为0的每类支出（E16）。",
    severity=Severity.WARNING,
)
def sources_listed(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for number, section, what in (("02", "二", "收入"), ("03", "三", "支出")):
        table, found = disclosure.table(number), part(disclosure, section)
        if table is None or not found:
            continue
        said = text_of(found) + text_of(part(disclosure, "一"))
        for column, name in _nonzero_columns(table):
            if _short(name) not in said:
                amount = table.figure("合计", column).text
                message = f"{what}决算情况说明未列出公开{number}表的“{name}”（{amount}万元）"
                yield this.finding(message, (CellRef(number, "合计", column),), first_where(found, section))


def _nonzero_columns(table: Table) -> Iterator[tuple[str, str]]:
    total = table.row("合计")
    for column in table.columns[1:] if total else ():
        figure = total.get(column.key)
        name = compact(column.heading)
        if figure is not None and figure.value != 0 and name and not re.search("合计|小计|^其中", name):
            yield column.key, name


def _short(name: str) -> str:
    """The words a narrative names a column by (财政拨款收入 → 财政拨款)."""
    return re.sub(r"(收入|支出)$", "", name)


@rule(
    id="N-performance-content",
    title="预算绩效说明列明自评项目数与金额",
    doc="预算绩效情况说明须写明开展绩效自评的项目个数和涉及的资金（预算）金额（E17）。",
    severity=Severity.WARNING,
)
def performance_content(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    found = performance(disclosure)
    said = text_of(found)
    if not found or "自评" not in said:
        return
    where = first_where(found, "预算绩效")
    if not re.search(r"\d+\s*个", said):
        yield this.finding("预算绩效情况说明未写明开展绩效自评的项目个数", (), where)
    if not re.search(r"\d\s*万元", said):
        yield this.finding("预算绩效情况说明未写明绩效自评涉及的资金金额", (), where)


@rule(
    id="N-items-explained",
    title="五（三）逐项说明到项级科目",
    doc="一般公共预算财政拨款支出决算具体情况说明到项级科目的，须说明公开05表中每个有支出的项级科目，不得遗漏（E03）。",
    severity=Severity.WARNING,
)
def items_explained(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    table = disclosure.table("05") or disclosure.table("U04")
    found = part(disclosure, "五（三）")
    said = text_of(found)
    if table is None or not found:
        return
    items = [row for row in table.rows if len(row.key) == 7 and row.key.isdigit() and _spent(row)]
    named = [row for row in items if row.key in said or compact(row.label) + "（项）" in said]
    if not named:  # explained by 类 only: the template did not ask for 项
        return
    for row in items:
        amount = row.get("1").text.replace(",", "")
        if (
            row.key not in said
            and compact(row.label) not in said
            and not re.search(rf"(?<![\d.]){re.escape(amount)}(?![\d])", said.replace(",", ""))
        ):
            message = (
                f"具体情况说明已逐项说明到项级科目，却未说明{row.key} {row.label}（{row.get('1').text}万元）"
            )
            yield this.finding(
                message, (CellRef(table.number, row.key, "1"),), first_where(found, "五（三）")
            )


def _spent(row) -> bool:
    figure = row.get("1")
    return figure is not None and figure.value != 0


# the stages of 全过程预算绩效管理 a description covers, and the words that name each
PERFORMANCE_STAGES = (
    ("绩效目标", r"目标"),
    ("运行监控", r"监控|跟踪"),
    ("绩效自评", r"自评"),
    ("绩效评价", r"评价"),
    ("结果应用或整改", r"整改|结果应用|反馈|改进"),
)


@rule(
    id="N-performance-management",
    title="预算绩效管理全过程情况",
    doc="预算绩效情况说明宜写明绩效目标、运行监控、自评、评价及结果应用（整改）各环节的开展情况（G05）；未提及的环节只作提示。",
    severity=Severity.INFO,
)
def performance_management(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    found = performance(disclosure)
    if not found:
        return
    said = text_of(found)
    missing = [stage for stage, words in PERFORMANCE_STAGES if not re.search(words, said)]
    if missing:
        message = f"预算绩效情况说明未提及{'、'.join(missing)}的开展情况"
        yield this.finding(message, (), first_where(found, "预算绩效"))
