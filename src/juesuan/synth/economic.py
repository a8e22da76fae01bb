"""基本支出 of a synthetic unit: 公开06表 items per head, booked on their 功能分类 项.

Wages scale with the staff, contributions with the wage base, 退休费 with the retirees, the
公用经费 with the staff; 三公 items of 公开06表 are the 公开09表 决算数. Each item is then booked
on the 项 where it belongs (30108 养老保险缴费 on 2080505, 30113 住房公积金 on 2210201 …), the rest
on the department's 行政运行 (or, for a 参公 unit, 事业运行 where the 款 has one).
"""

from __future__ import annotations

import random

from juesuan.catalogue import functional_classification
from juesuan.synth.ledger import GENERAL, Ledger
from juesuan.synth.money import Cents, cents, maybe, share_of
from juesuan.synth.profile import ADMINISTRATIVE, Profile

# 款 → (probability, low, high 万元 per head)
PER_HEAD = {
    "30101": (1.0, 3.0, 4.5),
    "30102": (1.0, 2.0, 4.0),
    "30103": (0.8, 0.3, 1.0),
    "30106": (0.2, 0.2, 0.6),
    "30107": (0.6, 0.5, 2.0),
    "30199": (0.3, 0.1, 0.5),
    "30201": (1.0, 0.1, 0.5),
    "30202": (0.4, 0.02, 0.1),
    "30205": (0.5, 0.02, 0.08),
    "30206": (0.5, 0.05, 0.2),
    "30207": (0.7, 0.03, 0.15),
    "30209": (0.3, 0.1, 0.4),
    "30211": (0.8, 0.05, 0.3),
    "30213": (0.5, 0.05, 0.3),
    "30215": (0.2, 0.02, 0.1),
    "30216": (0.4, 0.02, 0.1),
    "30229": (0.6, 0.05, 0.2),
    "30239": (0.7, 0.2, 0.6),
    "30299": (0.4, 0.02, 0.2),
}
WAGE_BASE = ("30101", "30102", "30103", "30107")
# 款 → (probability, low, high share of the wage base)
ON_WAGES = {
    "30108": (1.0, 0.14, 0.16),
    "30109": (0.8, 0.07, 0.08),
    "30110": (1.0, 0.06, 0.08),
    "30111": (0.7, 0.01, 0.03),
    "30112": (0.8, 0.005, 0.015),
    "30113": (1.0, 0.10, 0.12),
    "30228": (0.9, 0.015, 0.02),
}
# 公开09表 决算数 栏次 → the 公开06表 款 that pays it. 公务用车购置 (31013) is left to 项目支出:
# 310's names repeat 309's (办公设备购置 …), so the narrative could not name it unambiguously.
THREE_PUBLIC_ITEMS = {"8": "30212", "11": "30231", "12": "30217"}


def draw_economic(rng: random.Random, profile: Profile, three_public: dict[str, Cents]) -> dict[str, Cents]:
    """公开06表 款 → amount (only the items the unit has)."""
    items = {
        code: maybe(rng, p, cents(rng, lo * profile.staff, hi * profile.staff))
        for code, (p, lo, hi) in PER_HEAD.items()
    }
    base = sum(items[code] for code in WAGE_BASE)
    for code, (p, lo, hi) in ON_WAGES.items():
        items[code] = maybe(rng, p, share_of(rng, base, lo, hi))
    if profile.retirees:
        items["30302"] = maybe(rng, 0.7, cents(rng, 0.5 * profile.retirees, 2.0 * profile.retirees))
    items["30305"] = maybe(rng, 0.1, cents(rng, 0.1, 2))
    for column, code in THREE_PUBLIC_ITEMS.items():
        items[code] = three_public.get(column, 0)
    return {code: value for code, value in sorted(items.items()) if value}


def basic_items(profile: Profile) -> dict[str, str]:
    """公开06表 款 → the 功能分类 项 it is booked on, where that is not the running 项."""
    administrative = profile.kind == ADMINISTRATIVE
    return {
        "30108": "2080505",
        "30109": "2080506",
        "30110": "2101101" if administrative else "2101102",
        "30111": "2101103",
        "30113": "2210201",
        "30302": "2080501",
        "30305": "2080501",
    }


def running_item(profile: Profile) -> str:
    """行政运行 (…01); 事业运行 (…50) for a 参公 unit whose 款 has one."""
    department = profile.department
    if profile.kind != ADMINISTRATIVE and department + "50" in functional_classification():
        return department + "50"
    return department + "01"


def book_basic(ledger: Ledger, profile: Profile) -> None:
    """The 公开06表 items as 一般公共预算 基本支出 on their 项."""
    booked = basic_items(profile)
    running = running_item(profile)
    for code, value in ledger.economic.items():
        ledger.flow(booked.get(code, running), GENERAL).basic += value
