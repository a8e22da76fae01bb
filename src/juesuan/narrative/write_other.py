"""第三部分 十 其他重要事项: 机关运行经费, 政府采购, 国有资产占用 (公开10表, or the unit's 相关信息 where
the template publishes no 公开10表) and 预算绩效 (the forms).

Facts keys: last_year / reasons 机关运行经费; procurement 中小企业合同金额, 小微企业合同金额;
notes 其他用车说明, 其他需要说明的事项; performance: project → {原因, 措施} for the projects not
graded 优, the project named as the unit wants it printed (the form's name, or its end: 大厅…经费
for Z大厅…经费), listed in the order the facts give them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from juesuan.model import Column, Disclosure, Figure, PerformanceForm, Row, Section, Table
from juesuan.model.facts import Facts
from juesuan.narrative.catalogue import sentence
from juesuan.narrative.numbers import UNCHANGED, amount, change, count, percent, ratio
from juesuan.narrative.write_common import (
    ZERO,
    because,
    cell,
    joined,
    last_year,
    section,
    sentences,
    table_rows,
    year_of,
)

RUNNING_COSTS = "机关运行经费"
STATISTIC = "统计数"  # the one column of 公开10表
PURCHASES = {"货物": "2", "工程": "3", "服务": "4"}  # 公开10表 line of each kind of purchase
VEHICLE_KINDS = tuple(str(line) for line in range(8, 15))  # 公开10表 lines 8–14; 15 is 其他用车
OTHER_VEHICLES = "15"
GRADES = ("优", "良", "中", "差")
_ENUMERATOR = re.compile(r"^\s*\d+\s*[.．、]\s*")


def with_statistics(disclosure: Disclosure, facts: Facts) -> Disclosure:
    """The disclosure to write from: a template that does not publish 公开10表 (上海) has its
    statistics from 相关信息 (facts.statistics) stand in for it; the document itself gains no table."""
    from juesuan.catalogue.templates import template_of

    if "10" in template_of(disclosure).required or disclosure.table("10") or not facts.statistics:
        return disclosure
    stated = tuple(
        Row(line, "", ((STATISTIC, Figure(f"{value}", value, _places(value))),), line_no=line)
        for line, value in facts.statistics.items()
    )
    table = Table("10", "部门决算公开相关信息统计表", (Column(STATISTIC, STATISTIC),), stated)
    return replace(disclosure, tables=(*disclosure.tables, table))


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def other_section(disclosure: Disclosure, facts: Facts) -> Section:
    return section(
        "十",
        subsections=(
            section("十（一）", [_running_costs(disclosure, facts)]),
            section("十（二）", [_procurement(disclosure, facts)]),
            section("十（三）", [_assets(disclosure, facts)]),
            section("十（四）", _performance(disclosure, facts)),
        ),
    )


def _running_costs(disclosure: Disclosure, facts: Facts) -> str:
    """十（一）: 机关运行经费 (10 lines 5 + 6) against last year."""
    year = year_of(disclosure)
    value = cell(disclosure, "10", "5", "统计数") + cell(disclosure, "10", "6", "统计数")
    last = last_year(facts, RUNNING_COSTS)
    changed = "" if last is None else change(value, last)
    compared = sentence("十（一）", "versus", last_year=year - 1, change=changed) if changed else ""
    compared = UNCHANGED if last is not None and not changed else compared
    total = sentence("十（一）", "total", year=year, total=amount(value))
    return sentences(joined(total, compared, because(facts, RUNNING_COSTS)))


def _procurement(disclosure: Disclosure, facts: Facts) -> str:
    """十（二）: 政府采购 total and by kind (10 lines 1–4); 中小企业 and 小微企业 from the facts."""
    total = cell(disclosure, "10", "1", "统计数")
    if not total and not facts.procurement:
        return sentence("十（二）", "none")
    kinds = "、".join(
        sentence("十（二）", "kind", kind=kind, value=amount(cell(disclosure, "10", line, "统计数")))
        for kind, line in PURCHASES.items()
    )
    head = sentence(
        "十（二）", "total", unit=disclosure.unit, year=year_of(disclosure), total=amount(total), kinds=kinds
    )
    medium = _awarded(facts.procurement, "中小企业", total, "政府采购")
    small = _awarded(facts.procurement, "小微企业", total, "其中：")
    return sentences(head, medium, small)


def _awarded(procurement: Mapping[str, Decimal], kind: str, total: Decimal, lead: str) -> str:
    """``授予中小企业合同金额…，占政府采购支出总额的…%``, when the facts give the amount."""
    value = procurement.get(f"{kind}合同金额")
    if value is None:
        return ""
    part = ratio(Decimal(value), total)
    share = "" if part is None else sentence("十（二）", "awarded_share", rate=percent(part))
    return joined(sentence("十（二）", "awarded", lead=lead, kind=kind, value=amount(Decimal(value))), share)


def _assets(disclosure: Disclosure, facts: Facts) -> str:
    """十（三）: vehicles at year end (10 line 7, by kind) and equipment of 100万元 and more (line 17)."""
    year = year_of(disclosure)
    vehicles = count(cell(disclosure, "10", "7", "统计数"))
    held = sentence("十（三）", "vehicles", unit=disclosure.unit, year=year, vehicles=vehicles)
    kinds = _vehicle_kinds(disclosure, facts.notes.get("其他用车说明", ""))
    equipment = sentence("十（三）", "equipment", equipment=count(cell(disclosure, "10", "17", "统计数")))
    return sentences(held, f"其中：{kinds}" if kinds else "", equipment)


def _vehicle_kinds(disclosure: Disclosure, note: str) -> str:
    """The kinds the unit holds, by their 10-table names; 其他用车 whenever it has a note."""
    labels = {row.key: _ENUMERATOR.sub("", row.label) for row in table_rows(disclosure, "10")}
    parts = []
    for line in VEHICLE_KINDS:
        held = cell(disclosure, "10", line, "统计数")
        if held:
            parts.append(sentence("十（三）", "kind", name=labels.get(line, ""), held=count(held)))
    other = cell(disclosure, "10", OTHER_VEHICLES, "统计数")
    name = labels.get(OTHER_VEHICLES) or "其他用车"
    if other or note:
        parts.append(sentence("十（三）", "kind", name=name, held=count(other)))
    if note:
        parts.append(sentence("十（三）", "other_use", name=name, note=note))
    return "，".join(parts)


def _performance(disclosure: Disclosure, facts: Facts) -> list[str]:
    """十（四）: 自评 count, 涉及资金 (Σ 全年执行数), counts by grade, the projects not graded 优."""
    forms = disclosure.forms
    executed = sum((_executed(form) for form in forms), ZERO)
    grades = "，".join(
        sentence("十（四）", "grade", count=n, grade=g)
        for g in GRADES
        if (n := sum(1 for f in forms if f.grade == g))
    )
    year = year_of(disclosure)
    summary = sentence("十（四）", "summary", year=year, count=len(forms), executed=amount(executed))
    summary = f"{summary}：{grades}。" if grades else f"{summary}。"
    summary = _stated_summary(facts, year) if not forms and facts.performance_summary else summary
    lines = [_graded(form, facts.performance) for form in _not_excellent(forms, facts.performance)]
    other = facts.notes.get("其他需要说明的事项") or "无"
    management, matters = sentence("十（四）", "management"), sentence("十（四）", "other_matters")
    work = facts.notes.get("预算绩效管理工作开展情况", "")
    return [text for text in (management, work, summary, *lines, matters, other) if text]


def _stated_summary(facts: Facts, year: int) -> str:
    """``绩效自评的2024年度项目39个，涉及预算金额4,415.48万元。``: the summary a unit gives without
    attaching its 绩效自评表 (上海); either figure may be left out."""
    stated = facts.performance_summary
    projects, budget = stated.get("项目数"), stated.get("涉及预算金额")
    said = sentence("十（四）", "summary_stated", year=year, count=count(projects or ZERO))
    involved = sentence("十（四）", "summary_budget", budget=amount(budget)) if budget is not None else ""
    return sentences(joined(said, involved))


def _executed(form: PerformanceForm) -> Decimal:
    line = form.total_funding
    return line.executed.value if line and line.executed else ZERO


def _explained_as(form: PerformanceForm, explained: Mapping[str, object]) -> str | None:
    """The facts' name for the form's project: its own name, else a name it ends with."""
    if form.project in explained:
        return form.project
    return next((name for name in explained if name and form.project.endswith(name)), None)


def _not_excellent(
    forms: tuple[PerformanceForm, ...], explained: Mapping[str, object]
) -> list[PerformanceForm]:
    """The forms graded 良, 中 or 差: those the facts explain in their order, then the others."""
    names = list(explained)
    graded = [form for form in forms if form.grade in GRADES[1:]]

    def position(form: PerformanceForm) -> int:
        name = _explained_as(form, explained)
        return names.index(name) if name is not None else len(names)

    return sorted(graded, key=position)


def _graded(form: PerformanceForm, explained: Mapping[str, Mapping[str, str]]) -> str:
    """``项目名（良）；原因：…；措施：…。``"""
    name = _explained_as(form, explained)
    words = explained.get(name, {}) if name else {}
    reason = sentence("十（四）", "reason", reason=words["原因"]) if words.get("原因") else ""
    measure = sentence("十（四）", "measure", measure=words["措施"]) if words.get("措施") else ""
    graded = sentence("十（四）", "graded", project=name or form.project, grade=form.grade)
    return joined(graded, reason, measure, sep="；") + "。"
