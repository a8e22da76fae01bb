"""A 项目支出绩效自评表 as rows of `GridCell`, eleven columns wide, in the official layout.

Row headings (项目名称, 项目资金…, 项目年度绩效目标, 绩效指标, 总分, 项目绩效分析) sit in the
first column, spanning their rows; 一级指标 spans the indicators it groups. Rows are laid out so
that the layout-text form reader reads them back exactly (see `sources.text.forms`).
"""

from __future__ import annotations

from juesuan.model import Figure, FundingLine, Indicator, PerformanceForm
from juesuan.render.layout import GridCell

WIDTH = 11
ANALYSIS = "项目绩效分析"
REMARKS = (
    "备注：1.“年初预算数”项下的“目标申报数”和“预算编制数”为并列关系，其中“目标申报数”的数据来源于项目目标"
    "申报表中的项目资金总额表中的年度资金，“预算编制数”数据来源于项目预算支出明细表。",
    "2.“全年预算数”的取数规则：如果年初预算未调整，取预算编制数；如果有调整，取调整后的预算数。",
    "3.“全年执行数”是指预算执行指标确认数。",
    "4.“执行率”是执行数与“全年预算数”相比较。",
)
_INDICATOR_HEADINGS = ("一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值")
_INDICATOR_HEADINGS += ("定性指标情况说明", "分值", "得分", "偏差原因分析及改进措施")
_FUNDING_HEADINGS = ("全年预算数", "全年执行数", "资金结(转)余", "执行率(%)", "得分")

Row = tuple[GridCell, ...]


def h(text: str, colspan: int = 1, rowspan: int = 1) -> GridCell:
    return GridCell(text, colspan, rowspan, "head")


def t(text: str, colspan: int = 1, rowspan: int = 1) -> GridCell:
    return GridCell(text, colspan, rowspan, "text")


def n(figure: Figure | None, colspan: int = 1) -> GridCell:
    return GridCell(figure.text if figure else "", colspan, 1, "number", figure)


def form_rows(form: PerformanceForm) -> list[Row]:
    """Every row of the form, top to bottom."""
    rows: list[Row] = [
        (h("项目名称"), t(form.project, WIDTH - 1)),
        (h("主管部门及代码"), t(form.department, 4), h("预算单位"), t(form.unit, 5)),
    ]
    rows += _funding_rows(form.funding)
    rows += [(h("项目年度绩效目标", rowspan=2), h("年度目标", 5), h("实际完成情况", 5))]
    rows += [(t(form.annual_goal, 5), t(form.achieved, 5))]
    rows += _indicator_rows(form.indicators)
    rows += [(h("总分", 8), n(form.total_score, 2), t(form.grade))]
    return rows + _analysis_rows(form.analysis)


def _funding_rows(funding: tuple[FundingLine, ...]) -> list[Row]:
    span = 2 + len(funding)
    head = (h("项目资金预算安排及执行进度(万元)", rowspan=span), h("", rowspan=2), h("年初预算数", 2))
    head += (*(h(text, rowspan=2) for text in _FUNDING_HEADINGS), h("偏差原因", 2, 2))
    rows: list[Row] = [head, (h("目标申报数"), h("预算编制数"))]
    for line in funding:
        amounts = (line.declared, line.budgeted, line.full_year_budget, line.executed, line.balance)
        figures = (*amounts, line.execution_rate, line.score)
        rows.append((t(line.name), *(n(figure) for figure in figures), t(line.deviation, 2)))
    return rows


def _indicator_rows(indicators: tuple[Indicator, ...]) -> list[Row]:
    rows: list[Row] = [(h("绩效指标", rowspan=1 + len(indicators)), *map(h, _INDICATOR_HEADINGS))]
    for index, indicator in enumerate(indicators):
        rows.append(_group(indicators, index) + _indicator_cells(indicator))
    return rows


def _group(indicators: tuple[Indicator, ...], index: int) -> Row:
    """The 一级指标 cell, spanning the run of indicators it heads; nothing under it."""
    level1 = indicators[index].level1
    if index and indicators[index - 1].level1 == level1:
        return ()
    run = 1
    while index + run < len(indicators) and indicators[index + run].level1 == level1:
        run += 1
    return (t(level1, rowspan=run),)


def _indicator_cells(indicator: Indicator) -> Row:
    values = (indicator.initial_target, indicator.adjusted_target, indicator.actual, indicator.note)
    texts = (t(indicator.level2), t(indicator.name), *map(t, values))
    return (*texts, n(indicator.weight), n(indicator.score), t(indicator.reason))


def _analysis_rows(analysis: tuple[tuple[str, str], ...]) -> list[Row]:
    """One row per (label, text); labels without text (group headings) open the next row."""
    rows: list[Row] = []
    pending: list[str] = []
    for label, text in analysis:
        if not text:
            pending.append(label)
            continue
        if len(pending) > WIDTH - 4:  # more group headings than columns: each on a row of its own
            rows += [(t(group, WIDTH - 1),) for group in pending]
            pending = []
        rows.append(_analysis_cells(pending, label, text))
        pending = []
    rows += [(t(label, WIDTH - 1),) for label in pending]
    if rows:
        rows[0] = (h(ANALYSIS, rowspan=len(rows)), *rows[0])
    return rows


def _analysis_cells(groups: list[str], label: str, text: str) -> Row:
    label_span = max(1, 2 - len(groups))
    text_span = WIDTH - 1 - len(groups) - label_span
    return (*(t(group) for group in groups), t(label, label_span), t(text, text_span))
