"""“三公”经费 (公开09表), vehicles, equipment and 政府采购 (公开10表) of a synthetic unit.

The 三公 决算数 never exceed the 预算数; vehicles held on 财政拨款 and their running costs go
together (a unit with cars pays to run them, one without pays nothing), a purchase adds a car; the
counts the narrative states (团组, 人次, 辆, 批次) are drawn to fit the amounts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from juesuan.synth.money import Cents, cents, maybe, share_of

VEHICLE_LINES = ("9", "10", "11", "12", "13", "15")  # 公开10表: kinds a unit of ours may hold
VEHICLE_WEIGHTS = (1, 2, 3, 3, 1, 2)
# Facts key → (its 公开09表 决算数 栏次, what the money was used for, what to say without any)
USES = {
    "因公出国（境）费用途": ("8", "开展对外交流与业务考察", "本单位无因公出国（境）支出"),
    "公务用车购置费用途": ("10", "更新已达报废年限的公务用车", "本单位无公务用车购置支出"),
    "公务用车运行维护费用途": (
        "11",
        "公务用车的燃料、维修、保险及过路过桥等支出",
        "本单位无公务用车运行维护费支出",
    ),
    "国内接待用途": ("12", "接待上级部门和兄弟单位检查指导、调研交流", "本单位无公务接待费支出"),
    "国（境）外接待用途": ("", "", "本单位无国（境）外接待"),
}


@dataclass
class Statistics:
    three_public: dict[str, Cents] = field(default_factory=dict)  # 公开09表 栏次 → amount
    counts: dict[str, object] = field(default_factory=dict)  # Facts.three_public
    vehicles: dict[str, int] = field(default_factory=dict)  # 公开10表 行次 8–15 → count
    equipment: int = 0
    procurement: dict[str, Cents] = field(default_factory=dict)  # 公开10表 行次 1–4
    small_business: tuple[Cents, Cents] = (0, 0)  # 中小企业, 小微企业 合同金额


def draw_statistics(rng: random.Random) -> Statistics:
    """三公, vehicles and equipment (政府采购 follows once the spending is known)."""
    held = rng.choice((0, 0, 1, 1, 2, 3, 4, 6))
    stats = Statistics(equipment=rng.choice((0, 0, 0, 0, 1, 2)))
    stats.three_public, held = _three_public(rng, held)
    stats.vehicles = _vehicles(rng, held)
    stats.counts = _counts(rng, stats.three_public, held)
    return stats


def draw_procurement(rng: random.Random, stats: Statistics, spending: Cents) -> None:
    """政府采购 by kind, a share of the year's spending, and what went to 中小企业, 小微企业."""
    if rng.random() < 0.7:
        stats.procurement = _procurement(rng, spending)
        medium = share_of(rng, stats.procurement["1"], 0.6, 1.0)
        stats.small_business = (medium, share_of(rng, medium, 0.5, 1.0))


def _three_public(rng: random.Random, held: int) -> tuple[dict[str, Cents], int]:
    """公开09表 栏次 → amount, and the cars held on 财政拨款: none without any 三公 spending, at
    least the one bought when a purchase is drawn; whoever holds cars pays their running costs."""
    if rng.random() < 0.15:
        return {}, 0
    abroad, purchase = maybe(rng, 0.1, cents(rng, 2, 15)), maybe(rng, 0.06, cents(rng, 12, 25))
    held = max(held, 1) if purchase else held
    budget = {
        "2": abroad,
        "4": purchase,
        "5": cents(rng, 0.8 * held, 2.5 * held) if held else 0,
        "6": maybe(rng, 0.85, cents(rng, 0.3, 8)),
    }
    actual = {str(int(key) + 6): share_of(rng, value, 0.5, 1.0) for key, value in budget.items()}
    columns = {**budget, **actual}
    columns["3"], columns["9"] = columns["4"] + columns["5"], columns["10"] + columns["11"]
    columns["1"] = columns["2"] + columns["3"] + columns["6"]
    columns["7"] = columns["8"] + columns["9"] + columns["12"]
    if not (columns["1"] or columns["7"]):
        return {}, 0
    return {str(k): columns[str(k)] for k in range(1, 13)}, held


def _vehicles(rng: random.Random, held: int) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for line in rng.choices(VEHICLE_LINES, VEHICLE_WEIGHTS, k=held):
        kinds[line] = kinds.get(line, 0) + 1
    return dict(sorted(kinds.items(), key=lambda item: int(item[0])))


def _counts(rng: random.Random, columns: dict[str, Cents], held: int) -> dict[str, object]:
    groups = rng.randint(1, 2) if columns.get("8") else 0
    batches = max(1, columns["12"] // rng.randint(800, 3000)) if columns.get("12") else 0
    people = batches * rng.randint(3, 10)
    foreign_affairs = rng.randint(0, batches) if rng.random() < 0.1 else 0
    counts: dict[str, object] = {
        "出国团组": groups,
        "出国人次": groups * rng.randint(2, 5),
        "购置车辆": 1 if columns.get("10") else 0,
        "保有车辆": held,
        "接待批次": batches,
        "接待人次": people,
        "国内接待批次": batches,
        "国内接待人次": people,
        "外事接待批次": foreign_affairs,
        "外事接待人次": foreign_affairs * 3,
        "国（境）外接待批次": 0,
        "国（境）外接待人次": 0,
    }
    uses = {key: used if columns.get(column) else none for key, (column, used, none) in USES.items()}
    return {**counts, **uses}


def _procurement(rng: random.Random, spending: Cents) -> dict[str, Cents]:
    goods = max(1, share_of(rng, spending, 0.01, 0.08))
    works = maybe(rng, 0.2, share_of(rng, spending, 0.01, 0.15))
    services = maybe(rng, 0.8, share_of(rng, spending, 0.01, 0.25))
    return {"1": goods + works + services, "2": goods, "3": works, "4": services}
