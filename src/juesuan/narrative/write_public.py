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
from juesuan.narrative.catalogue import sentence
from juesuan.narrative.numbers import UNCHANGED, amount, change
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
        subsections=(
            section("九（一）", _overall(disclosure, facts)),
            section("九（二）", _details(disclosure, facts)),
        ),
    )


def _against_last(facts: Facts, key: str, current: Decimal) -> str:
    """``比上年度减少…，下降…%，主要原因是：…`` (or 与上年相同…) when last year is known."""
    last = last_year(facts, key)
    changed = "" if last is None else change(current, last)
    compared = (
        "" if last is None else sentence("九（一）", "versus", change=changed) if changed else UNCHANGED
    )
    return joined(compared, because(facts, key, wording="because_colon"))


def _overall(disclosure: Disclosure, facts: Facts) -> list[str]:
    """九（一）: 预算 (09 col 1) and 决算 (col 7) of the total, then each item."""
    budget, actual = cell(disclosure, "09", "1", "1"), cell(disclosure, "09", "1", "7")
    head = sentence(
        "九（一）", "total", year=year_of(disclosure), budget=amount(budget), actual=amount(actual)
    )
    lead = sentences(joined(head, _against_last(facts, TOTAL, actual)), "其中：")
    items = []
    for name, column in ITEMS.items():
        value = cell(disclosure, "09", "1", column)
        items.append(
            joined(
                sentence("九（一）", "item", name=name, value=amount(value)),
                _against_last(facts, name, value),
            )
        )
    return listing(lead, items)


def _details(disclosure: Disclosure, facts: Facts) -> list[str]:
    """九（二）: the four items with their counts and uses."""
    details = _Details(facts.three_public)
    spent = {name: amount(cell(disclosure, "09", "1", column)) for name, column in ITEMS.items()}
    abroad = sentence(
        "九（二）",
        "abroad",
        spent=spent["因公出国（境）费"],
        groups=details.count("出国团组"),
        people=details.count("出国人次"),
    )
    bought = sentence("九（二）", "bought", spent=spent["公务用车购置费"], cars=details.count("购置车辆"))
    running = sentence(
        "九（二）", "running", spent=spent["公务用车运行维护费"], cars=details.count("保有车辆")
    )
    reception = cell(disclosure, "09", "1", ITEMS["公务接待费"])
    return [
        sentences(abroad, details.used("因公出国（境）费用途")),
        sentences(joined(bought, details.used("公务用车购置费用途"))),
        sentences(joined(running, details.used("公务用车运行维护费用途"))),
        _reception(reception, details),
    ]


def _reception(spent: Decimal, details: _Details) -> str:
    """4、公务接待费: the total, then 国内 (with 外事 among it) and 国（境）外."""
    abroad = details.amount("国（境）外接待费") or Decimal(0)
    home = details.amount("国内接待费")
    home = spent - abroad if home is None else home
    batches = details.count("接待批次", details.count("国内接待批次") + details.count("国（境）外接待批次"))
    people = details.count("接待人次", details.count("国内接待人次") + details.count("国（境）外接待人次"))
    total = sentence("九（二）", "reception", spent=amount(spent), batches=batches, people=people)
    foreign_affairs = amount(details.amount("外事接待费") or Decimal(0))
    domestic = joined(
        sentence("九（二）", "domestic", spent=amount(home), visits=details.visits("国内")),
        sentence("九（二）", "foreign_affairs", spent=foreign_affairs, visits=details.visits("外事")),
        details.used("国内接待用途", "reception_used"),
    )
    foreign = joined(
        sentence("九（二）", "foreign", spent=amount(abroad), visits=details.visits("国（境）外")),
        details.used("国（境）外接待用途", "reception_used"),
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
        batches, people = self.count(kind + "接待批次"), self.count(kind + "接待人次")
        return sentence("九（二）", "visits", batches=batches, people=people)

    def used(self, key: str, wording: str = "used") -> str:
        text = self.values.get(key)
        return sentence("九（二）", wording, use=text) if text else ""
