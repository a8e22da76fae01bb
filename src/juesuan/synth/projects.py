"""项目支出 of a synthetic unit: projects on the department's 项, their money and carry-overs.

Most projects are 一般公共预算; some are paid by 上级补助收入, 政府性基金 (公开07表) or 国有资本经营
预算 (公开08表). A project's unspent balance is carried to next year or returned; part of what it
spent may come from last year's balance. Small 其他收入 (interest) pays for running costs.
"""

from __future__ import annotations

import random

from juesuan.catalogue import functional_classification
from juesuan.synth.economic import running_item
from juesuan.synth.ledger import CAPITAL, FUND, GENERAL, Ledger, Project
from juesuan.synth.money import cents, maybe, share_of
from juesuan.synth.profile import Profile

WORDS = (
    "业务工作经费", "信息化建设运维经费", "专项业务经费", "办公楼物业管理费", "网络安全运维经费",
    "档案数字化经费", "宣传培训经费", "政府购买服务经费", "专项调查经费", "设备购置更新经费",
    "专项检查经费", "业务系统升级改造经费", "执法装备购置经费", "课题研究经费", "公共服务平台运行经费",
)  # fmt: skip
FUND_PROJECTS = {
    "2296002": "福利彩票公益金资助项目",
    "2296003": "体育彩票公益金全民健身项目",
    "2296006": "残疾人事业彩票公益金项目",
    "2120803": "城市基础设施配套建设项目",
    "2120899": "土地出让收入安排的专项项目",
}
# booked on its 项 (a 款 alone is not 细化到项); the packaged catalogue lacks the 项 of 223, so
# their names are given here (政府收支分类科目)
CAPITAL_PROJECT = ("2230105", "国有企业退休人员社会化管理补助项目")
EXTRA_NAMES = {"2230105": "国有企业退休人员社会化管理补助支出"}
_SKIPPED = ("01", "03", "50")  # 行政运行, 机关服务, 事业运行 carry basic costs, not projects


def item_name(code: str) -> str:
    """The 科目名称 of a 功能分类 code: the catalogue's, else this module's own."""
    return functional_classification().name(code) or EXTRA_NAMES.get(code) or code


def project_items(department: str) -> list[str]:
    """The 项 of the department's 款 a project may be booked on."""
    children = functional_classification().children(department)
    return [code for code in children if code[-2:] not in _SKIPPED]


def draw_projects(rng: random.Random, profile: Profile) -> list[Project]:
    items = project_items(profile.department)
    names = rng.sample(WORDS, rng.randint(0, 7))
    projects = [_project(rng, profile.field + name, rng.choice(items), GENERAL) for name in names]
    if projects and rng.random() < 0.15:
        projects[-1].source = "superior"
    if rng.random() < 0.12:
        code = rng.choice(sorted(FUND_PROJECTS))
        projects.append(_project(rng, FUND_PROJECTS[code], code, FUND))
    if rng.random() < 0.05:
        projects.append(_project(rng, CAPITAL_PROJECT[1], CAPITAL_PROJECT[0], CAPITAL))
    return projects


def _project(rng: random.Random, name: str, code: str, source: str) -> Project:
    budgeted = cents(rng, 3, 600)
    declared = 0 if rng.random() < 0.15 else budgeted
    draw = rng.random()
    full_year = budgeted if draw < 0.7 else share_of(rng, budgeted, 0.8, 1.3)
    executed = full_year if rng.random() < 0.45 else share_of(rng, full_year, 0.6, 0.999)
    return Project(name, code, source, declared, budgeted, full_year, executed)


def book_projects(rng: random.Random, ledger: Ledger) -> None:
    """Each project's 执行数 as 项目支出 on its 项, with its carry-overs."""
    for project in ledger.projects:
        flow = ledger.flow(project.code, project.source)
        flow.project += project.executed
        flow.carried_in += maybe(rng, 0.15, share_of(rng, project.executed, 0.1, 0.5))
        flow.carried_out += maybe(rng, 0.5, project.balance)


def book_other_income(rng: random.Random, ledger: Ledger, profile: Profile) -> None:
    """Now and then 其他收入 (interest, small receipts) spent on running costs, or kept."""
    if rng.random() < 0.3:
        flow = ledger.flow(running_item(profile), "other")
        flow.basic += cents(rng, 0.01, 3)
        flow.carried_in += maybe(rng, 0.3, share_of(rng, flow.basic, 0.2, 1.0))
        flow.carried_out += maybe(rng, 0.2, cents(rng, 0.01, 2))
