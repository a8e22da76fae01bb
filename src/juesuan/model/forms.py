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
