"""第三部分 九: 财政拨款“三公”经费 (公开09表) and its detail from the facts.

Facts keys: last_year / reasons 三公经费 and each item (因公出国（境）费, 公务用车购置费,
公务用车运行维护费, 公务接待费); three_public counts 出国团组, 出国人次, 购置车辆, 保有车辆,
接待批次, 接待人次, and for 国内 / 外事 / 国（境）外: <kind>接待费, <kind>接待批次, <kind>接待人次;
what the money was used for: 因公出国（境）费用途, 公务用车购置费用途, 公务用车运行维护费用途,
国内接待用途, 国（境）外接待用途. Counts not given are 0; 国内接待费 not given is 公务接待费 less
国（境）外接待费, and the reception totals are the sums of their kinds.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from juesuan.model import Disclosure, Section
from juesuan.model.facts import Facts
from juesuan.narrative.numbers import amount, versus
from juesuan.narrative.write_common import (
    because,
    cell,
    joined,
    last_year,
    listing,
    section,
    sentences,
    year_of,
)

TOTAL = "三公经费"
# item → its 决算数 column in 公开09表 (row 1)
ITEMS = {"因公出国（境）费": "8", "公务用车购置费": "10", "公务用车运行维护费": "11", "公务接待费": "12"}
RECEPTIONS = ("国内", "外事", "国（境）外")


def three_public_section(disclosure: Disclosure, facts: Facts) -> Section:
    return section(
        "九",
        "财政拨款“三公”经费支出决算情况说明",
        subsections=(
            section("（一）", "“三公”经费财政拨款支出决算总体情况说明", _overall(disclosure, facts)),
            section("（二）", "“三公”经费财政拨款支出决算具体情况说明", _details(disclosure, facts)),
        ),
    )


def _against_last(facts: Facts, key: str, current: Decimal) -> str:
    """``比上年度减少…，下降…%，主要原因是：…`` (or 与上年相同…) when last year is known."""
    last = last_year(facts, key)
    compared = "" if last is None else versus("比上年度", current, last)
    return joined(compared, because(facts, key, lead="主要原因是："))


def _overall(disclosure: Disclosure, facts: Facts) -> list[str]:
    """九（一）: 预算 (09 col 1) and 决算 (col 7) of the total, then each item."""
    budget, actual = cell(disclosure, "09", "1", "1"), cell(disclosure, "09", "1", "7")
    head = (
        f"{year_of(disclosure)}年度“三公”经费财政拨款支出全年预算{amount(budget)}，支出决算{amount(actual)}"
    )
    lead = sentences(joined(head, _against_last(facts, TOTAL, actual)), "其中：")
    items = []
    for name, column in ITEMS.items():
        value = cell(disclosure, "09", "1", column)
        items.append(joined(f"{name}支出{amount(value)}", _against_last(facts, name, value)))
    return listing(lead, items)


def _details(disclosure: Disclosure, facts: Facts) -> list[str]:
    """九（二）: the four items with their counts and uses."""
    details = _Details(facts.three_public)
    spent = {name: amount(cell(disclosure, "09", "1", column)) for name, column in ITEMS.items()}
    abroad = f"1、因公出国（境）费支出{spent['因公出国（境）费']}"
    bought = f"2、公务用车购置费支出{spent['公务用车购置费']}，使用财政拨款共购置公务用车"
    running = f"3、公务用车运行维护费支出{spent['公务用车运行维护费']}，使用财政拨款负担的公务用车保有量共"
    reception = cell(disclosure, "09", "1", ITEMS["公务接待费"])
    return [
        sentences(
            f"{abroad}，出国（境）团组共{details.count('出国团组')}个，{details.count('出国人次')}人次",
            details.used("因公出国（境）费用途", "主要用于："),
        ),
        sentences(
            joined(f"{bought}{details.count('购置车辆')}辆", details.used("公务用车购置费用途", "主要用于："))
        ),
        sentences(
            joined(
                f"{running}{details.count('保有车辆')}辆",
                details.used("公务用车运行维护费用途", "主要用于："),
            )
        ),
        _reception(reception, details),
    ]


def _reception(spent: Decimal, details: _Details) -> str:
    """4、公务接待费: the total, then 国内 (with 外事 among it) and 国（境）外."""
    abroad = details.amount("国（境）外接待费") or Decimal(0)
    home = details.amount("国内接待费")
    home = spent - abroad if home is None else home
    batches = details.count("接待批次", details.count("国内接待批次") + details.count("国（境）外接待批次"))
    people = details.count("接待人次", details.count("国内接待人次") + details.count("国（境）外接待人次"))
    total = f"4、公务接待费支出{amount(spent)}，共接待{batches}批次，{people}人次"
    domestic = joined(
        f"国内接待费{amount(home)}，共接待{details.visits('国内')}",
        f"其中外事接待费{amount(details.amount('外事接待费') or Decimal(0))}，共接待{details.visits('外事')}",
        details.used("国内接待用途", "主要是"),
    )
    foreign = joined(
        f"国（境）外接待费{amount(abroad)}，共接待国（境）外{details.visits('国（境）外')}",
        details.used("国（境）外接待用途", "主要是"),
    )
    return sentences(total, f"{domestic}；{foreign}")


class _Details:
    """Reading facts.three_public: counts default to 0, amounts to None, uses to nothing."""

    def __init__(self, values: Mapping[str, object]) -> None:
        self.values = values

    def count(self, key: str, default: int = 0) -> int:
        value = self.values.get(key)
        return default if value is None else int(Decimal(str(value)))

    def amount(self, key: str) -> Decimal | None:
        value = self.values.get(key)
        return None if value is None else Decimal(str(value))

    def visits(self, kind: str) -> str:
        return f"{self.count(kind + '接待批次')}批次，{self.count(kind + '接待人次')}人次"

    def used(self, key: str, lead: str) -> str:
        text = self.values.get(key)
        return f"{lead}{text}" if text else ""
