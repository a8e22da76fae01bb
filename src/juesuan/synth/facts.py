"""The `Facts` of a synthetic unit: last year's figures, 年初预算, reasons, uses and 三公 details.

Last year's figures are this year's moved by up to ±30 % (totals and 三公 items sometimes
unchanged, a 功能分类 class never); the 三公 total of last year is the sum of its items, so the
changes the narrative states add up. 年初预算 by class adds up to the total 年初预算. Every change
gets its reason (主要原因是…); a class's reason is written where 五（三） compares it with last year,
so a class whose 决算 differs from its 年初预算 always has one (N-budget-reasons).

In a series of years of one unit (`synthesize(..., previous=…)`), last year's figures are not
drawn: they are read from the year before's published tables, so the narrative's 上年 figures
are exactly what that disclosure printed.
"""

from __future__ import annotations

import random
from decimal import Decimal

from juesuan.model import Disclosure, PerformanceForm
from juesuan.model.facts import Facts
from juesuan.synth.forms import REASONS
from juesuan.synth.money import Cents, cents, decimal, share_of
from juesuan.synth.profile import Profile
from juesuan.synth.public import Statistics

GENERAL = "一般公共预算财政拨款支出"
THREE_PUBLIC = {
    "因公出国（境）费": "8",
    "公务用车购置费": "10",
    "公务用车运行维护费": "11",
    "公务接待费": "12",
}
TOTALS = {  # Facts key → (table, row, column)
    "收入总计": ("01", "31", "1"),
    "支出总计": ("01", "62", "2"),
    "财政拨款收入总计": ("04", "32", "1"),
    "财政拨款支出总计": ("04", "64", "2"),
    GENERAL: ("05", "合计", "1"),
    "政府性基金预算财政拨款支出": ("07", "合计", "3"),
    "国有资本经营预算财政拨款支出": ("08", "合计", "1"),
}
UP = ("业务量增加，项目支出相应增加", "新增专项工作任务", "人员增加及工资调整")
DOWN = ("严格落实过紧日子要求，压减一般性支出", "部分项目已于上年完成", "人员减少")
THREE_UP = ("公务接待任务增加", "公务用车使用年限较长，维修费用增加", "按计划开展对外交流")
THREE_DOWN = ("严格执行中央八项规定精神，压减“三公”经费", "公务活动减少", "公务用车减少")
USES = {
    "208": "缴纳职工基本养老保险、职业年金及离退休人员支出",
    "210": "缴纳职工基本医疗保险",
    "221": "缴纳职工住房公积金",
}


def draw_facts(
    rng: random.Random,
    disclosure: Disclosure,
    profile: Profile,
    stats: Statistics,
    previous: Disclosure | None = None,
) -> Facts:
    current = _current(disclosure, stats)
    last = _drawn_last(rng, current, stats) if previous is None else _published_last(current, previous)
    return Facts(
        unit_kind=profile.kind,
        last_year={key: decimal(value) for key, value in last.items()},
        initial_budget=_initial_budget(rng, disclosure),
        reasons={key: _reason(rng, key, current.get(key, 0), value) for key, value in last.items()},
        uses=_uses(disclosure, profile),
        three_public=_three_public(rng, stats),
        procurement=_procurement(stats),
        notes=_notes(stats),
        performance=_performance(rng, disclosure.forms),
    )


def cents_at(disclosure: Disclosure, table: str, row: str, column: str) -> Cents:
    found = disclosure.table(table)
    figure = found.figure(row, column) if found else None
    return int(figure.value * 100) if figure else 0


def class_rows(disclosure: Disclosure) -> dict[str, Cents]:
    """公开05表 class code → 小计."""
    table = disclosure.table("05")
    rows = table.rows if table else ()
    return {row.code: int(row.get("1").value * 100) for row in rows if len(row.code) == 3 and row.get("1")}


def _current(disclosure: Disclosure, stats: Statistics) -> dict[str, Cents]:
    found = {key: cents_at(disclosure, *where) for key, where in TOTALS.items()}
    current = {key: value for key, value in found.items() if value}
    current.update(class_rows(disclosure))
    current["机关运行经费"] = cents_at(disclosure, "06", "公用经费合计", "决算数")
    current.update({key: stats.three_public.get(column, 0) for key, column in THREE_PUBLIC.items()})
    current["三公经费"] = stats.three_public.get("7", 0)
    return current


def _drawn_last(rng: random.Random, current: dict[str, Cents], stats: Statistics) -> dict[str, Cents]:
    # A class never equals last year: its 五（三） paragraph then gives a reason, which also
    # explains its difference from 年初预算 (N-budget-reasons wants one whenever the two differ).
    last = {key: _last(rng, value, changed=key.isdigit()) for key, value in current.items()}
    # Last year balanced too: its 支出总计 was its 收入总计; the 三公 total the sum of its items.
    last["支出总计"], last["财政拨款支出总计"] = last["收入总计"], last["财政拨款收入总计"]
    # Nor does the 三公 total equal last year's when its 决算 differs from its 预算: the reason
    # given for the change explains both (N-three-public-reasons)
    if stats.three_public.get("1", 0) != current["三公经费"]:
        moved = max(THREE_PUBLIC, key=lambda key: current[key])
        if sum(last[key] for key in THREE_PUBLIC) == current["三公经费"]:
            last[moved] = _last(rng, current[moved], changed=True) if current[moved] else cents(rng, 0.2, 5)
    last["三公经费"] = sum(last[key] for key in THREE_PUBLIC)
    return last


def published(disclosure: Disclosure) -> dict[str, Cents]:
    """What a published disclosure printed, by `Facts.last_year` key (0 where blank)."""
    found = {key: cents_at(disclosure, *where) for key, where in TOTALS.items()}
    found.update(class_rows(disclosure))
    found["机关运行经费"] = cents_at(disclosure, "06", "公用经费合计", "决算数")
    found.update({key: cents_at(disclosure, "09", "1", column) for key, column in THREE_PUBLIC.items()})
    found["三公经费"] = cents_at(disclosure, "09", "1", "7")
    return found


def _published_last(current: dict[str, Cents], previous: Disclosure) -> dict[str, Cents]:
    """Last year's figures as the year before printed them: this year's keys (0 where last year
    had none) and the classes spent last year only."""
    printed = published(previous)
    classes = {key: value for key, value in printed.items() if key.isdigit() and value}
    return {**classes, **{key: printed.get(key, 0) for key in current}}


def _last(rng: random.Random, value: Cents, changed: bool = False) -> Cents:
    """Last year's figure: unchanged now and then, never when `changed`; else moved by up to ±30 %."""
    if not value:
        return 0 if rng.random() < 0.7 else cents(rng, 0.2, 5)
    if rng.random() < 0.1 and not changed:
        return value
    drawn = share_of(rng, value, 0.7, 1.3)
    return drawn if drawn != value else value + 1


def _reason(rng: random.Random, key: str, current: Cents, last: Cents) -> str:
    """Words after 主要原因是; none when nothing changed."""
    if current == last:
        return ""
    up, down = (THREE_UP, THREE_DOWN) if key in THREE_PUBLIC or key == "三公经费" else (UP, DOWN)
    return rng.choice(up if current > last else down)


def _initial_budget(rng: random.Random, disclosure: Disclosure) -> dict[str, Decimal]:
    budget = {code: share_of(rng, value, 0.75, 1.05) for code, value in class_rows(disclosure).items()}
    if not budget:
        return {}
    return {GENERAL: decimal(sum(budget.values())), **{code: decimal(v) for code, v in budget.items()}}


def _uses(disclosure: Disclosure, profile: Profile) -> dict[str, str]:
    own = f"保障机构正常运转和开展{profile.field}业务工作"
    return {code: USES.get(code, own) for code in class_rows(disclosure)}


def _three_public(rng: random.Random, stats: Statistics) -> dict[str, object]:
    reception = stats.three_public.get("12", 0)
    affairs = share_of(rng, reception, 0.1, 0.5) if stats.counts.get("外事接待批次") else 0
    amounts = {"国内接待费": reception, "外事接待费": affairs, "国（境）外接待费": 0}
    return {**stats.counts, **{key: decimal(value) for key, value in amounts.items()}}


def _procurement(stats: Statistics) -> dict[str, Decimal]:
    if not stats.procurement:
        return {}
    medium, small = stats.small_business
    return {"中小企业合同金额": decimal(medium), "小微企业合同金额": decimal(small)}


def _notes(stats: Statistics) -> dict[str, str]:
    notes = {"其他需要说明的事项": "无"}
    if stats.vehicles.get("15"):
        notes["其他用车说明"] = "用于日常公务保障"
    return notes


def _performance(rng: random.Random, forms: tuple[PerformanceForm, ...]) -> dict[str, dict[str, str]]:
    return {
        form.project: {"原因": rng.choice(REASONS), "措施": "加强项目管理，提高预算执行的准确性"}
        for form in forms
        if form.grade != "优"
    }
