"""第五部分 项目支出绩效自评表: the arithmetic of each form.

For every form and every funding line (资金总额, 市县区财政资金 …): 结余 = 全年预算数 − 全年执行数,
执行率 = 全年执行数 ÷ 全年预算数 × 100, 执行率得分 = 10 × min(执行率, 100%). For the form: every
indicator's 得分 lies in [0, 分值], Σ 分值 = 90, 总分 = Σ 指标得分 + 执行率得分 (资金总额), and 等级
agrees with 总分 (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60).

Precision: 万元 amounts, 执行率 and the computed scores (执行率得分, 总分) are rounded figures, each
the interval of values it rounds from. Indicator 分值 and 得分 are different: they are points the
evaluator assigns (20, 8, 9 …), not rounded quantities, so they are taken as exact
(``Interval.of(figure, exact=True)``) and Σ 分值 = 90 is an exact equation. A figure the form leaves
blank is not checked: a blank in a form is as likely a reading gap as a zero.

Cells are addressed as table ``P01``…``P11`` (the form's position in 第五部分), row = the funding
line, the indicator's 三级指标 or 总分, col = the field (全年执行数, 执行率, 得分, 分值, 总分, 等级 …).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from juesuan.model import Disclosure, Figure, FundingLine, Indicator, Origin, PerformanceForm
from juesuan.rules.findings import CellRef, Finding
from juesuan.rules.intervals import Interval
from juesuan.rules.registry import Rule, rule

TOTAL_ROW = "总分"
WEIGHTS_TOTAL = 90
RATE_SCORE_MAX = 10
GRADES: dict[str, Interval] = {
    "优": Interval(Fraction(90), None, hi_open=True),
    "良": Interval(Fraction(80), Fraction(90), hi_open=True),
    "中": Interval(Fraction(60), Fraction(80), hi_open=True),
    "差": Interval(None, Fraction(60), lo_open=True, hi_open=True),
}


def numbered(disclosure: Disclosure) -> Iterator[tuple[str, PerformanceForm]]:
    """Each form with its table name P01, P02 … (its position in 第五部分)."""
    for position, form in enumerate(disclosure.forms, start=1):
        yield f"P{position:02d}", form


def where(form: PerformanceForm, origin: Origin | None = None) -> str:
    """第五部分 绩效自评表《项目》 原文第N行."""
    return f"第五部分 绩效自评表《{form.project or form.title}》 {origin or form.origin}"


def point(value: Decimal, places: int) -> str:
    """A computed value printed like the figure it is compared with."""
    return f"{value.quantize(Decimal(1).scaleb(-places)):f}"


def places_of(*figures: Figure) -> int:
    return max(2, *(figure.places for figure in figures))


def capped(interval: Interval, limit: Fraction) -> Interval:
    """min(x, limit) for every x in a bounded interval."""
    if interval.hi is None or interval.hi <= limit:
        return interval
    if interval.lo is not None and interval.lo >= limit:
        return Interval(limit, limit)
    return Interval(interval.lo, limit, interval.lo_open, False)


@rule(
    id="F-balance",
    title="绩效自评表资金结余",
    doc="每张绩效自评表的每一资金行：资金结(转)余 = 全年预算数 − 全年执行数，按尾数区间判断。",
)
def balances(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for name, form in numbered(disclosure):
        for line in form.funding:
            finding = balance_finding(this, name, form, line)
            if finding is not None:
                yield finding


def balance_finding(this: Rule, name: str, form: PerformanceForm, line: FundingLine) -> Finding | None:
    budget, executed, balance = line.full_year_budget, line.executed, line.balance
    if budget is None or executed is None or balance is None:
        return None
    if Interval.of(balance).overlaps(Interval.of(budget) - Interval.of(executed)):
        return None
    expected = budget.value - executed.value
    places = places_of(budget, executed, balance)
    message = (
        f"{line.name}：资金结(转)余印为 {balance.text}，按全年预算数 {budget.text} − 全年执行数 "
        f"{executed.text} 应为 {point(expected, places)}（差 {point(abs(balance.value - expected), places)}）"
    )
    cells = funding_cells(name, line, "资金结(转)余", "全年预算数", "全年执行数")
    return this.finding(message, cells, where(form, balance.origin), balance.origin)


def funding_cells(name: str, line: FundingLine, *cols: str) -> tuple[CellRef, ...]:
    return tuple(CellRef(name, line.name, col) for col in cols)


def execution_ratio(line: FundingLine) -> Interval | None:
    """全年执行数 ÷ 全年预算数 over the printed intervals; None when it cannot be bounded."""
    if line.full_year_budget is None or line.executed is None:
        return None
    ratio = Interval.of(line.executed) / Interval.of(line.full_year_budget)
    return ratio if ratio.is_bounded else None


@rule(
    id="F-execution-rate",
    title="绩效自评表执行率",
    doc="每一资金行：执行率 = 全年执行数 ÷ 全年预算数 × 100，按尾数区间判断。",
)
def execution_rates(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for name, form in numbered(disclosure):
        for line in form.funding:
            ratio, rate = execution_ratio(line), line.execution_rate
            if ratio is None or rate is None or Interval.of(rate).overlaps(ratio * 100):
                continue
            expected = line.executed.value / line.full_year_budget.value * 100
            message = (
                f"{line.name}：执行率印为 {rate.text}%，按全年执行数 {line.executed.text} ÷ 全年预算数 "
                f"{line.full_year_budget.text} 应为 {point(expected, 2)}%"
                f"（差 {point(abs(rate.value - expected), 2)} 个百分点）"
            )
            cells = funding_cells(name, line, "执行率", "全年执行数", "全年预算数")
            yield this.finding(message, cells, where(form, rate.origin), rate.origin)


@rule(
    id="F-rate-score",
    title="绩效自评表执行率得分",
    doc="每一资金行：执行率得分 = 10 × min(全年执行数 ÷ 全年预算数, 100%)，按尾数区间判断。",
)
def rate_scores(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for name, form in numbered(disclosure):
        for line in form.funding:
            ratio, score = execution_ratio(line), line.score
            if ratio is None or score is None:
                continue
            if Interval.of(score).overlaps(capped(ratio, Fraction(1)) * RATE_SCORE_MAX):
                continue
            yield this.finding(
                rate_score_message(line, score),
                rate_score_cells(name, line),
                where(form, score.origin),
                score.origin,
            )


def rate_score_message(line: FundingLine, score: Figure) -> str:
    ratio = line.executed.value / line.full_year_budget.value
    expected = min(ratio, Decimal(1)) * RATE_SCORE_MAX
    return (
        f"{line.name}：执行率得分印为 {score.text}，按 10 × min(全年执行数 {line.executed.text} ÷ "
        f"全年预算数 {line.full_year_budget.text}, 100%) 应为 {point(expected, 2)}"
        f"（差 {point(abs(score.value - expected), 2)}）"
    )


def rate_score_cells(name: str, line: FundingLine) -> tuple[CellRef, ...]:
    return funding_cells(name, line, "得分", "全年执行数", "全年预算数")


@rule(
    id="F-indicator-score",
    title="绩效指标得分不超过分值",
    doc="每个绩效指标：0 ≤ 得分 ≤ 分值（分值、得分为评定的整数分，按精确值比较）。",
)
def indicator_scores(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for name, form in numbered(disclosure):
        for indicator in form.indicators:
            if 0 <= indicator.score.value <= indicator.weight.value:
                continue
            cells = (CellRef(name, indicator.name, "得分"), CellRef(name, indicator.name, "分值"))
            yield this.finding(
                indicator_message(indicator), cells, where(form, indicator.origin), indicator.origin
            )


def indicator_message(indicator: Indicator) -> str:
    score, weight = indicator.score, indicator.weight
    printed = f"指标“{indicator.name}”得分印为 {score.text}"
    if score.value < 0:
        return f"{printed}，不应为负（应在 0 至分值 {weight.text} 之间，差 {-score.value}）"
    return f"{printed}，超过分值 {weight.text}（多 {score.value - weight.value}）"


@rule(
    id="F-weights",
    title="绩效指标分值合计",
    doc="每张绩效自评表：各绩效指标分值之和 = 90（另 10 分为执行率得分），按精确值比较。",
)
def weights(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for name, form in numbered(disclosure):
        if not form.indicators:
            continue
        total = sum((indicator.weight.value for indicator in form.indicators), Decimal(0))
        if total == WEIGHTS_TOTAL:
            continue
        terms = "＋".join(indicator.weight.text for indicator in form.indicators)
        message = (
            f"各指标分值之和为 {terms} = {total}，应为 {WEIGHTS_TOTAL}（差 {abs(total - WEIGHTS_TOTAL)}）"
        )
        cells = (CellRef(name, TOTAL_ROW, "分值"),)
        cells += tuple(CellRef(name, indicator.name, "分值") for indicator in form.indicators)
        yield this.finding(message, cells, where(form), form.origin)


@rule(
    id="F-total",
    title="绩效自评表总分",
    doc="每张绩效自评表：总分 = 各绩效指标得分之和 + 资金总额行的执行率得分，按尾数区间判断。",
)
def totals(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for name, form in numbered(disclosure):
        line, total = form.total_funding, form.total_score
        if not form.indicators or line is None or line.score is None or total is None:
            continue
        points = sum((indicator.score.value for indicator in form.indicators), Decimal(0))
        if Interval.of(total).overlaps(Interval.exact(points) + Interval.of(line.score)):
            continue
        expected = points + line.score.value
        places = places_of(total, line.score)
        message = (
            f"总分印为 {total.text}，按各指标得分之和 {points} ＋ 执行率得分 {line.score.text} 应为 "
            f"{point(expected, places)}（差 {point(abs(total.value - expected), places)}）"
        )
        cells = (CellRef(name, TOTAL_ROW, "总分"), CellRef(name, line.name, "得分"))
        yield this.finding(message, cells, where(form, total.origin), total.origin)


def possible_grades(total: Figure) -> list[str]:
    """The grades some value of the printed 总分's interval earns."""
    printed = Interval.of(total)
    return [grade for grade, scores in GRADES.items() if printed.overlaps(scores)]


@rule(
    id="F-grade",
    title="绩效自评等级与总分一致",
    doc="每张绩效自评表：等级与总分相符（优 ≥ 90，良 80–90，中 60–80，差 < 60），按总分的尾数区间判断。",
)
def grades(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for name, form in numbered(disclosure):
        grade, total = form.grade.strip()[:1], form.total_score
        if total is None or grade not in GRADES:
            continue
        possible = possible_grades(total)
        if grade in possible:
            continue
        expected = "或".join(f"“{each}”" for each in possible)
        message = f"等级印为“{form.grade}”，总分 {total.text} 的等级应为{expected}"
        cells = (CellRef(name, TOTAL_ROW, "等级"), CellRef(name, TOTAL_ROW, "总分"))
        yield this.finding(message, cells, where(form, total.origin), total.origin)
