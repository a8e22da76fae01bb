"""第五部分 附件: the 项目支出绩效自评表, one per project."""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.model.figures import Figure, Origin


@dataclass(frozen=True)
class FundingLine:
    """A line of 项目资金 (资金总额 or a source such as 市县区财政资金), amounts in 万元."""

    name: str
    declared: Figure | None  # 年初预算数: 目标申报数
    budgeted: Figure | None  # 年初预算数: 预算编制数
    full_year_budget: Figure | None  # 全年预算数
    executed: Figure | None  # 全年执行数
    balance: Figure | None  # 资金结(转)余
    execution_rate: Figure | None  # 执行率 (%)
    score: Figure | None  # 得分
    deviation: str = ""  # 偏差原因
    origin: Origin = Origin()


@dataclass(frozen=True)
class Indicator:
    """A 绩效指标 row: 一级/二级/三级指标, target and actual values, 分值 and 得分."""

    level1: str
    level2: str
    name: str
    initial_target: str  # 年初指标值
    adjusted_target: str  # 调整后指标值
    actual: str  # 实际完成值
    weight: Figure  # 分值
    score: Figure  # 得分
    reason: str = ""  # 偏差原因分析及改进措施
    note: str = ""  # 定性指标情况说明
    origin: Origin = Origin()


@dataclass(frozen=True)
class PerformanceForm:
    title: str
    project: str
    year: int | None
    department: str
    unit: str
    funding: tuple[FundingLine, ...]
    annual_goal: str
    achieved: str
    indicators: tuple[Indicator, ...]
    total_score: Figure | None
    grade: str
    analysis: tuple[tuple[str, str], ...] = ()
    origin: Origin = Origin()

    @property
    def total_funding(self) -> FundingLine | None:
        return self.funding[0] if self.funding else None


# --- a budget's 绩效目标表 (预算13) ------------------------------------------------------------


@dataclass(frozen=True)
class TargetAmount:
    """A part of a 绩效目标表's money, as printed (万元): by income (长沙: 一般公共预算 …), by use
    (基本支出, 项目支出), by source (西安: 其中：财政拨款, 其他资金) or by task (西安's 年度主要任务)."""

    name: str
    amount: Figure
    group: str = ""  # 收入, 支出, 来源 or 任务: each group's printed parts sum to the form's amount
    origin: Origin = Origin()


@dataclass(frozen=True)
class TargetIndicator:
    """A 绩效指标 row of a 绩效目标表: 一级/二级 (where printed), the indicator and its 指标值."""

    level1: str
    level2: str
    name: str
    value: str  # 指标值 as printed (≤5, 100, 按时 …)
    operator: str = ""  # 指标性质 / 指标值类型 (≥, ＝, 定性), where a column of its own prints it
    unit: str = ""  # 计量单位 / 度量单位, where printed
    weight: Figure | None = None  # 指标权重 / 分值权重, where printed
    origin: Origin = Origin()


@dataclass(frozen=True)
class TargetForm:
    """One project's 绩效目标 (or the department's whole, `whole`) in a budget's 绩效目标表."""

    title: str  # the table's printed title
    number: str  # the number printed above it (表十二, 表14-1), "" where none
    whole: bool  # a 部门整体 form rather than a project's
    project: str  # 项目名称 (the unit's name on a 部门整体 form)
    unit: str  # 单位名称 / 主管部门, where printed
    amount: Figure | None  # 资金总额 / 预算金额 (万元)
    parts: tuple[TargetAmount, ...]
    goal: str  # 绩效目标 / 年度目标 text
    indicators: tuple[TargetIndicator, ...]
    origin: Origin = Origin()


@dataclass(frozen=True)
class TargetTable:
    """A printed 绩效目标表 (预算13): its forms, a 合计 it prints over them, its notes."""

    title: str
    number: str
    forms: tuple[TargetForm, ...]
    total: Figure | None = None  # the 合计 line of a table listing projects (长沙)
    notes: tuple[str, ...] = ()  # 注：… / 备注：… (重庆: 本单位…故此表无数据)
    origin: Origin = Origin()
    indicators_printed: bool = True  # False: its columns hold no 绩效指标 (深圳's 重点项目 table)
