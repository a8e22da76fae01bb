"""第五部分 项目支出绩效自评表 of a synthetic unit: one per project, every score consistent.

执行率 = 全年执行数 ÷ 全年预算数, 执行率得分 = 10 × min(执行率, 100%); the indicators' 分值 add up to
90 and each 得分 is at most its 分值; 总分 = Σ 得分 + 执行率得分; the 等级 follows from the 总分.
"""

from __future__ import annotations

import random
from decimal import Decimal

from juesuan.model import Figure, FundingLine, Indicator, PerformanceForm
from juesuan.synth.ledger import Project
from juesuan.synth.money import rounded, trimmed
from juesuan.synth.profile import Profile

# (一级指标, 二级指标, 三级指标, 年初指标值, 调整后指标值, 实际完成值, 分值)
INDICATORS = (
    ("产出指标", "数量指标", "完成工作任务数", "≥{n}项", "≥{n}项", "={n}项", 20),
    ("产出指标", "质量指标", "工作完成合格率", "≥95%", "≥95%", "=98%", 10),
    ("产出指标", "时效指标", "按期完成率", "≥90%", "≥90%", "=100%", 10),
    ("产出指标", "成本指标", "项目成本控制", "≤{budget}万元", "≤{budget}万元", "={executed}万元", 10),
    ("效益指标", "社会效益", "服务保障能力提升", "有效提升", "有效提升", "达成预期指标", 30),
    ("满意度指标", "服务对象满意度", "服务对象满意度", "≥90%", "≥90%", "=93%", 10),
)
GRADES = ((90, "优"), (80, "良"), (60, "中"))
ANALYSIS = (
    ("项目实施和预算执行情况", "项目按计划实施，资金支付符合预算管理要求。"),
    ("产出情况", "各项产出指标基本完成。"),
    ("效益情况", "项目实施后服务保障能力明显提升。"),
    ("满意度情况", "服务对象对项目实施效果总体满意。"),
    ("主要经验做法", "细化项目实施方案，加强过程监控。"),
    ("项目管理中存在的主要问题及原因分析", "个别环节进度偏慢。"),
    ("下一步改进措施及管理建议", "进一步加强预算执行管理，提高资金使用效益。"),
)
REASONS = ("部分工作任务调整", "合同尾款未到支付期", "采购价格低于预算", "实施进度滞后")


def draw_form(rng: random.Random, project: Project, profile: Profile, year: int) -> PerformanceForm:
    ratio = Decimal(project.executed) / Decimal(project.full_year)
    rate, score = rounded(ratio * 100, "%"), rounded(min(ratio, Decimal(1)) * 10)
    deviation = "无偏差" if ratio == 1 else rng.choice(REASONS)
    lines = tuple(_funding(name, project, rate, score, text) for name, text in _sources(project, deviation))
    indicators = tuple(_indicator(rng, spec, project) for spec in INDICATORS)
    points = sum((i.score.value for i in indicators), Decimal(0))
    total = rounded(points + score.value)
    return PerformanceForm(
        title=f"{project.name}项目支出绩效自评表",
        project=project.name,
        year=year,
        department=f"{_code(profile.parent)}-{profile.parent}[部门]",
        unit=f"{_code(profile.unit)}-{profile.unit}",
        funding=lines,
        annual_goal=f"保障{project.name}按计划实施，完成年度工作任务。",
        achieved="年度目标基本完成，资金使用规范。",
        indicators=indicators,
        total_score=total,
        grade=grade_of(total.value),
        analysis=ANALYSIS,
    )


def grade_of(total: Decimal) -> str:
    return next((grade for floor, grade in GRADES if total >= floor), "差")


def _sources(project: Project, deviation: str) -> tuple[tuple[str, str], ...]:
    name = "上级补助资金" if project.source == "superior" else "市县区财政资金"
    return (("资金总额", ""), (name, deviation))


def _funding(name: str, project: Project, rate: Figure, score: Figure, deviation: str) -> FundingLine:
    amounts = (project.declared, project.budgeted, project.full_year, project.executed, project.balance)
    return FundingLine(name, *(trimmed(value) for value in amounts), rate, score, deviation)


def _indicator(rng: random.Random, spec: tuple, project: Project) -> Indicator:
    level1, level2, name, initial, adjusted, actual, weight = spec
    words = {
        "n": rng.randint(2, 12),
        "budget": trimmed(project.full_year),
        "executed": trimmed(project.executed),
    }
    lost = rng.choice((0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3)) if weight >= 10 else 0
    reason = "无偏差" if not lost else rng.choice(REASONS)
    texts = (initial.format(**words), adjusted.format(**words), actual.format(**words))
    return Indicator(level1, level2, name, *texts, _points(weight), _points(weight - lost), reason)


def _points(value: int) -> Figure:
    return Figure(str(value), Decimal(value), 0)


def _code(name: str) -> str:
    """A stable six-digit budget code for a unit name (no hash(): it differs between runs)."""
    return f"{sum(ord(ch) * (i + 1) for i, ch in enumerate(name)) % 900000 + 100000}"
