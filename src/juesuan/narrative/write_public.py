"""第三部分 九: 财政拨款“三公”经费 (公开09表) and its detail from the facts.

Facts keys: last_year / reasons 三公经费 and each item (因公出国（境）费, 公务用车购置费,
公务用车运行维护费, 公务接待费); three_public counts 出国团组, 出国人次, 购置车辆, 保有车辆,
接待批次, 接待人次, and for 国内 / 外事 / 国（境）外: <kind>接待费, <kind>接待批次, <kind>接待人次;
what the money was used for: 因公出国（境）费用途, 公务用车购置费用途, 公务用车运行维护费用途,
国内接待用途, 国（境）外接待用途. Counts not given are 0 where no money was spent and not stated
where some was (not 出国（境）团组共0个 beside 4.69万元, which the unit never said); 国内接待费 not
given is 公务接待费 less 国（境）外接待费, and the reception totals are the sums of their kinds.
广东 2019 (佛山 p.26) gives the reason of 三公经费 for its 决算 against its 预算, a paragraph of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from juesuan.model import Disclosure, Section
from juesuan.model.facts import Facts
from juesuan.narrative.catalogue import sentence, written
from juesuan.narrative.numbers import UNCHANGED, amount, change, percent, ratio, rounded
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
    from juesuan.catalogue.templates import active

    if ("九（一）", "item_vehicles") in written(active().name):
        return _completed(disclosure, facts)
    budget, actual = cell(disclosure, "09", "1", "1"), cell(disclosure, "09", "1", "7")
    head = sentence(
        "九（一）",
        "total",
        unit=disclosure.unit,
        year=year_of(disclosure),
        budget=amount(budget),
        actual=amount(actual),
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


def _completed(disclosure: Disclosure, facts: Facts) -> list[str]:
    """九（一） as 中央部门 and 上海 word it: 预算, 决算 and 完成预算的…% of the total, then 因公出国（境）费,
    公务用车购置及运行（维护）费 and 公务接待费 each with its 决算 and completion (09 cols 2/8, 3/9, 6/12),
    the reason; the change from last year in a paragraph of its own."""
    year = year_of(disclosure)
    budget, actual = cell(disclosure, "09", "1", "1"), cell(disclosure, "09", "1", "7")
    head = sentence(
        "九（一）", "total", unit=disclosure.unit, year=year, budget=amount(budget), actual=amount(actual)
    )
    values = {column: cell(disclosure, "09", "1", column) for column in ("2", "3", "6", "8", "9", "12")}
    items = [
        joined(
            sentence("九（一）", "item_abroad", value=amount(values["8"])), _done(values["8"], values["2"])
        ),
        joined(
            sentence("九（一）", "item_vehicles", value=amount(values["9"])), _done(values["9"], values["3"])
        ),
        joined(
            sentence("九（一）", "item_reception", value=amount(values["12"])),
            _done(values["12"], values["6"]),
        ),
    ]
    from juesuan.catalogue.templates import active

    # 广东 2019 (佛山 p.26) gives the reason for the 决算 against the 预算 a paragraph of its own
    apart = ("九（一）", "over_budget") in written(active().name)
    first = sentences(
        joined(head, _done(actual, budget)),
        f"其中：{'；'.join(items)}",
        "" if apart else because(facts, TOTAL, wording="because_colon"),
    )
    said = [first, _against_budget(facts, actual, budget, year)] if apart else [first]
    said = [text for text in said if text]
    last = last_year(facts, TOTAL)
    if last is None:
        return said
    changed = change(actual, last)
    versus = (
        sentence("九（一）", "versus_year", year=year, last_year=year - 1, change=changed)
        if changed
        else sentence("九（一）", "same_year", year=year, last_year=year - 1)
    )
    return [*said, sentences(versus)]


def _against_budget(facts: Facts, actual: Decimal, budget: Decimal, year: int) -> str:
    """``2019年度“三公”经费支出决算大于预算数的主要情况：…`` (佛山 p.26), when the unit gives the reason."""
    reason = facts.reasons.get(TOTAL)
    if not reason or rounded(actual) == rounded(budget):
        return ""
    if rounded(actual) > rounded(budget):
        return sentences(sentence("九（一）", "over_budget", year=year, reason=reason))
    return sentences(sentence("九（一）", "under_budget", year=year, reason=reason))


def _done(actual: Decimal, budget: Decimal) -> str:
    """``完成预算的60.46%`` (广东 2019: ``完成预算12.00万元的…%``); where there was no budget, no rate
    (广东 2019: ``年初预算为0.00万元``, not 佛山's 完成预算0万元的0%, N-completion)."""
    from juesuan.catalogue.templates import active

    rate = ratio(actual, budget)
    if rate is None:
        stated = ("九（一）", "no_budget") in written(active().name)
        return sentence("九（一）", "no_budget", budget=amount(budget)) if stated else ""
    return sentence("九（一）", "completed", rate=percent(rate), budget=amount(budget))


def _details(disclosure: Disclosure, facts: Facts) -> list[str]:
    """九（二）: each item with its counts and uses, numbered 1、2、…; the items of which there was
    none at all (no money, no count) said once: 本年度无因公出国（境）、公务接待支出."""
    from juesuan.catalogue.templates import active

    details = _Details(facts.three_public)
    value = {name: cell(disclosure, "09", "1", column) for name, column in ITEMS.items()}
    # where 九（一） states 购置及运行 as one amount, 九（二） states 购置费 and 运行维护费 each even when
    # there were none (N-vehicle-costs-split; 规划资源 p.21: 公务用车购置支出为0.00万元。)
    merged = ("九（一）", "item_vehicles") in written(active().name)
    items = [
        (NONE_NAMES[0], _none_abroad(value, details), [_abroad]),
        (NONE_NAMES[1], _none_vehicles(value, details) and not merged, [_bought, _running]),
        (NONE_NAMES[2], _none_reception(value, details), [_reception]),
    ]
    none = "、".join(name for name, nothing, _ in items if nothing)
    writers = [write for _, nothing, writes in items if not nothing for write in writes]
    # the 保有量 is stated even so (N-vehicle-counts): 0 辆 when there was no 公务用车 at all
    held = sentence("九（二）", "none_held", cars=0) if items[1][1] else ""
    said = [sentences(joined(sentence("九（二）", "none", items=none), held))] if none else []
    shares = [_shares(disclosure)] if merged else []
    return shares + said + [write(n, value, details) for n, write in enumerate(writers, 1)]


def _shares(disclosure: Disclosure) -> str:
    """九（二）'s lead where 九（一） goes by completion (中央部门 p.23, 上海 p.21): each item's 决算 and
    its share of the 三公 total, then 具体情况如下："""
    total = cell(disclosure, "09", "1", "7")
    values = [cell(disclosure, "09", "1", column) for column in ("8", "9", "12")]
    rates = [percent(rate) if (rate := ratio(value, total)) is not None else "" for value in values]
    items = [
        joined(sentence("九（二）", "share_abroad", value=amount(values[0])), _of_total(rates[0])),
        joined(sentence("九（二）", "share_vehicles", value=amount(values[1])), _of_total(rates[1])),
        joined(sentence("九（二）", "share_reception", value=amount(values[2])), _of_total(rates[2])),
    ]
    lead = sentence("九（二）", "shares", year=year_of(disclosure), items="；".join(items))
    return sentences(lead, sentence("九（二）", "as_follows"))


def _of_total(rate: str) -> str:
    return sentence("九（二）", "share", rate=rate) if rate else ""


def _abroad(n: int, value: Mapping[str, Decimal], details: _Details) -> str:
    spent, groups, people = value["因公出国（境）费"], details.count("出国团组"), details.count("出国人次")
    abroad = sentence("九（二）", "abroad", n=n, spent=amount(spent), groups=groups, people=people)
    if spent and not details.given("出国团组", "出国人次"):  # money spent, counts not given: not 0个
        abroad = sentence("九（二）", "abroad_spent", n=n, spent=amount(spent))
    return sentences(abroad, details.used("因公出国（境）费用途"))


def _bought(n: int, value: Mapping[str, Decimal], details: _Details) -> str:
    spent, cars = amount(value["公务用车购置费"]), details.count("购置车辆")
    bought = sentence("九（二）", "bought", n=n, spent=spent, cars=cars)
    if value["公务用车购置费"] and not details.given("购置车辆"):
        bought = sentence("九（二）", "bought_spent", n=n, spent=spent)
    return sentences(joined(bought, details.used("公务用车购置费用途")))


def _running(n: int, value: Mapping[str, Decimal], details: _Details) -> str:
    spent, cars = amount(value["公务用车运行维护费"]), details.count("保有车辆")
    running = sentence("九（二）", "running", n=n, spent=spent, cars=cars)
    if value["公务用车运行维护费"] and not details.given("保有车辆"):
        running = sentence("九（二）", "running_spent", n=n, spent=spent)
    return sentences(joined(running, details.used("公务用车运行维护费用途")))


# how the items of which there was none are named in 本年度无…支出
NONE_NAMES = ("因公出国（境）", "公务用车购置及运行", "公务接待")


def _none_abroad(value: Mapping[str, Decimal], details: _Details) -> bool:
    return not (value["因公出国（境）费"] or details.count("出国团组") or details.count("出国人次"))


def _none_vehicles(value: Mapping[str, Decimal], details: _Details) -> bool:
    money = value["公务用车购置费"] or value["公务用车运行维护费"]
    return not (money or details.count("购置车辆") or details.count("保有车辆"))


def _none_reception(value: Mapping[str, Decimal], details: _Details) -> bool:
    counts = (
        "接待批次",
        "接待人次",
        *(kind + what for kind in RECEPTIONS for what in ("接待批次", "接待人次")),
    )
    amounts = (details.amount(kind + "接待费") for kind in RECEPTIONS)
    return not (value["公务接待费"] or any(map(details.count, counts)) or any(amounts))


def _reception(n: int, value: Mapping[str, Decimal], details: _Details) -> str:
    """4、公务接待费: the total, then 国内 (with 外事 among it, when there was any) and 国（境）外
    (无国（境）外接待 when there was none)."""
    spent = value["公务接待费"]
    abroad = details.amount("国（境）外接待费") or Decimal(0)
    home = details.amount("国内接待费")
    home = spent - abroad if home is None else home
    batches = details.count("接待批次", details.count("国内接待批次") + details.count("国（境）外接待批次"))
    people = details.count("接待人次", details.count("国内接待人次") + details.count("国（境）外接待人次"))
    total = sentence("九（二）", "reception", n=n, spent=amount(spent), batches=batches, people=people)
    counted = details.given(*(kind + what for kind in ("", *RECEPTIONS) for what in ("接待批次", "接待人次")))
    if spent and not counted:  # money spent, no count given: the amounts alone, not 共接待0批次
        total = sentence("九（二）", "reception_spent", n=n, spent=amount(spent))
    affairs = details.amount("外事接待费") or Decimal(0)
    foreign_affairs = (
        sentence("九（二）", "foreign_affairs", spent=amount(affairs), visits=details.visits("外事"))
        if details.any_of("外事")
        else ""
    )
    domestic = joined(
        sentence("九（二）", "domestic", spent=amount(home), visits=details.visits("国内"))
        if counted or not spent
        else sentence("九（二）", "domestic_spent", spent=amount(home)),
        foreign_affairs,
        details.used("国内接待用途", "reception_used"),
    )
    foreign = (
        sentence("九（二）", "foreign", spent=amount(abroad), visits=details.visits("国（境）外"))
        if details.any_of("国（境）外")
        else sentence("九（二）", "foreign_none")
    )
    foreign = joined(foreign, details.used("国（境）外接待用途", "reception_used"))
    return sentences(total, f"{domestic}；{foreign}")


class _Details:
    """Reading facts.three_public: counts default to 0, amounts to None, uses to nothing."""

    def __init__(self, values: Mapping[str, object]) -> None:
        self.values = values

    def count(self, key: str, default: int = 0) -> int:
        value = self.values.get(key)
        return default if value is None else int(Decimal(str(value)))

    def given(self, *keys: str) -> bool:
        """Whether the unit gives any of these (a count not given is not stated as 0)."""
        return any(self.values.get(key) is not None for key in keys)

    def amount(self, key: str) -> Decimal | None:
        value = self.values.get(key)
        return None if value is None else Decimal(str(value))

    def any_of(self, kind: str) -> bool:
        """Whether there was any reception of the kind (外事, 国（境）外): money, batches or people."""
        counts = (self.count(kind + "接待批次"), self.count(kind + "接待人次"))
        return bool(self.amount(kind + "接待费") or any(counts))

    def visits(self, kind: str) -> str:
        """``10批次，152人次`` of the kind; 国内 not given is the whole less 国（境）外, as its amount is."""
        batches, people = (
            self.count(kind + what, self._rest(kind, what)) for what in ("接待批次", "接待人次")
        )
        return sentence("九（二）", "visits", batches=batches, people=people)

    def _rest(self, kind: str, what: str) -> int:
        if kind != "国内" or not self.given(what):
            return 0
        return self.count(what) - self.count("国（境）外" + what)

    def used(self, key: str, wording: str = "used") -> str:
        text = self.values.get(key)
        return sentence("九（二）", wording, use=text) if text else ""
