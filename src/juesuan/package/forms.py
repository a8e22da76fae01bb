"""单位信息.yaml 绩效自评表 → `PerformanceForm`s (第五部分 附件), every field as the form prints it.

Figures keep the text written (``100`` and ``100.00`` print differently); 一级指标 and 二级指标
left out of an indicator are those of the indicator above, as the printed form merges them.
"""

from __future__ import annotations

from juesuan.model import Figure, FundingLine, Indicator, Origin, PerformanceForm
from juesuan.package.safe_yaml import Items, Mapping
from juesuan.package.values import canonical, fail, figure, items, text

FORM_KEYS = (
    "项目名称",
    "标题",
    "年度",
    "主管部门及代码",
    "预算单位",
    "资金",
    "年度目标",
    "实际完成情况",
    "绩效指标",
    "总分",
    "等级",
    "绩效分析",
)
# The keys of a 资金 line and of an 绩效指标 in 单位信息.yaml, in the template's order, with the
# field of FundingLine / Indicator each fills (package/info_text.py writes them back the same way)
FUNDING_FIELDS = (
    ("来源", "name"),
    ("目标申报数", "declared"),
    ("预算编制数", "budgeted"),
    ("全年预算数", "full_year_budget"),
    ("全年执行数", "executed"),
    ("资金结(转)余", "balance"),
    ("执行率", "execution_rate"),
    ("得分", "score"),
    ("偏差原因", "deviation"),
)
INDICATOR_FIELDS = (
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "name"),
    ("年初指标值", "initial_target"),
    ("调整后指标值", "adjusted_target"),
    ("实际完成值", "actual"),
    ("定性指标情况说明", "note"),
    ("分值", "weight"),
    ("得分", "score"),
    ("偏差原因分析及改进措施", "reason"),
)
FUNDING_KEYS = tuple(key for key, _ in FUNDING_FIELDS)
INDICATOR_KEYS = tuple(key for key, _ in INDICATOR_FIELDS)
GRADES = ("优", "良", "中", "差")


NUMBERS = frozenset(
    ("目标申报数", "预算编制数", "全年预算数", "全年执行数", "资金结(转)余", "分值", "得分", "总分")
)


def read_forms(info: Mapping, year: int, unit: str) -> tuple[PerformanceForm, ...]:
    """Every 绩效自评表 of the list, in order; the template's blank form (no name, no number) is skipped."""
    entries = _entries(items(info, "绩效自评表"), "绩效自评表")
    return tuple(read_form(entry, year, unit) for entry in entries if not _blank_form(entry))


def _blank_form(entry: Mapping) -> bool:
    return not text(entry, "项目名称") and not _has_numbers(entry)


def _has_numbers(node: object) -> bool:
    """Whether any figure of a form (amounts, 分值, 得分, 总分) is filled in."""
    if isinstance(node, Mapping):
        return any(
            (key in NUMBERS and isinstance(value, str) and value.strip()) or _has_numbers(value)
            for key, value in node.items()
        )
    return isinstance(node, Items) and any(_has_numbers(entry) for entry in node)


def read_form(found: Mapping, year: int, unit: str) -> PerformanceForm:
    found = canonical(found, FORM_KEYS, "绩效自评表")

    def value(key: str) -> str:
        return text(found, key)

    project = value("项目名称")
    if not project:
        raise fail(found.line, "每张绩效自评表都要填写“项目名称”")
    where = f"绩效自评表“{project}”"
    if value("等级") and value("等级") not in GRADES:
        raise fail(found.key_line("等级"), f"{where}的“等级”应为 优、良、中、差 之一，见到“{value('等级')}”")
    return PerformanceForm(
        title=value("标题") or f"{project}项目支出绩效自评表",
        project=project,
        year=_year(found, year),
        department=value("主管部门及代码"),
        unit=value("预算单位") or unit,
        funding=tuple(_funding(entry, where) for entry in _entries(items(found, "资金"), where)),
        annual_goal=value("年度目标"),
        achieved=value("实际完成情况"),
        indicators=_indicators(items(found, "绩效指标"), where),
        total_score=figure(found, "总分", f"{where}的总分", ""),
        grade=value("等级"),
        analysis=_analysis(items(found, "绩效分析"), where),
        origin=Origin(line=found.line),
    )


def _year(found: Mapping, year: int) -> int:
    written = figure(found, "年度", "绩效自评表年度", "")
    return int(written.value) if written is not None else year


def _entries(found: Items, where: str) -> list[Mapping]:
    for entry in found:
        if not isinstance(entry, Mapping):
            raise fail(getattr(entry, "line", found.line), f"“{where}”的每一项应是若干“键: 值”")
    return list(found)


def _funding(found: Mapping, where: str) -> FundingLine:
    """A 资金 line: 来源 (资金总额, 市县区财政资金 …) and its amounts."""
    found = canonical(found, FUNDING_KEYS, f"{where}的资金")
    name = text(found, "来源") or "资金总额"

    def number(key: str, unit: str = "万元") -> Figure | None:
        return figure(found, key, f"{where} {name}的{key}", unit)

    return FundingLine(
        name=name,
        declared=number("目标申报数"),
        budgeted=number("预算编制数"),
        full_year_budget=number("全年预算数"),
        executed=number("全年执行数"),
        balance=number("资金结(转)余"),
        execution_rate=number("执行率", "%"),
        score=number("得分", ""),
        deviation=text(found, "偏差原因"),
        origin=Origin(line=found.line),
    )


def _indicators(found: Items, where: str) -> tuple[Indicator, ...]:
    indicators: list[Indicator] = []
    for entry in _entries(found, f"{where}的绩效指标"):
        above = indicators[-1] if indicators else None
        indicators.append(_indicator(entry, above, where))
    return tuple(indicators)


def _indicator(found: Mapping, above: Indicator | None, where: str) -> Indicator:
    found = canonical(found, INDICATOR_KEYS, f"{where}的绩效指标")
    name = text(found, "三级指标")
    values = {key: text(found, key) for key in found}
    weight = figure(found, "分值", f"{where}“{name}”的分值", "")
    score = figure(found, "得分", f"{where}“{name}”的得分", "")
    if weight is None or score is None:
        raise fail(found.line, f"{where}的绩效指标“{name}”须填写分值和得分")
    return Indicator(
        level1=values.get("一级指标") or (above.level1 if above else ""),
        level2=values.get("二级指标") or (above.level2 if above and not values.get("一级指标") else ""),
        name=name,
        initial_target=values.get("年初指标值", ""),
        adjusted_target=values.get("调整后指标值", ""),
        actual=values.get("实际完成值", ""),
        weight=weight,
        score=score,
        reason=values.get("偏差原因分析及改进措施", ""),
        note=values.get("定性指标情况说明", ""),
        origin=Origin(line=found.line),
    )


def _analysis(found: Items, where: str) -> tuple[tuple[str, str], ...]:
    """绩效分析: one “标题: 内容” per line, in order (a 标题 may repeat)."""
    pairs: list[tuple[str, str]] = []
    for entry in _entries(found, f"{where}的绩效分析"):
        pairs += [(label.strip(), text(entry, label)) for label in entry]
    return tuple(pairs)
