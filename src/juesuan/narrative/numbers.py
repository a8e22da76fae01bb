"""How 第三部分 prints its numbers: amounts, shares, rates, year-over-year changes and counts.

Every amount is in 万元 with a thousands separator and two decimals (``1,134.08万元``), every
share or rate has two decimals (``18.13%``). Values are rounded half away from zero, as the
finance software (Excel's ROUND) rounds them, so what is printed is what the checker recomputes.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from juesuan.narrative.catalogue import phrase

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
UNCHANGED = phrase("unchanged")


def rounded(value: Decimal) -> Decimal:
    """The value to two decimals, half away from zero."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def amount(value: Decimal) -> str:
    """``1,134.08万元``: thousands separator, always two decimals."""
    return f"{rounded(value):,.2f}万元"


def percent(value: Decimal) -> str:
    """``18.13%``: a share or rate already in per cent, two decimals."""
    return f"{rounded(value):.2f}%"


def ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole in per cent; None when the whole is zero (no share can be stated)."""
    if not whole:
        return None
    return part / whole * HUNDRED


def share(part: Decimal, whole: Decimal) -> str:
    """``占比18.13%``, or nothing when the whole is zero."""
    value = ratio(part, whole)
    return "" if value is None else phrase("share", rate=percent(value))


def completion(actual: Decimal, budget: Decimal) -> str:
    """``完成年初预算的146.32%``, or nothing when there was no 年初预算."""
    value = ratio(actual, budget)
    return "" if value is None else phrase("completion", rate=percent(value))


def change(current: Decimal, last: Decimal) -> str:
    """``增加308.64万元，增长37.39%`` / ``减少…，下降…%``; empty when unchanged.

    With nothing last year there is no rate to state, only the amount added.
    """
    difference = rounded(current) - rounded(last)
    if not difference:
        return ""
    rate = ratio(abs(difference), rounded(last))
    if rate is None:
        return phrase(
            "rise_from_nothing" if difference > 0 else "fall_from_nothing", amount=amount(abs(difference))
        )
    return phrase("rise" if difference > 0 else "fall", amount=amount(abs(difference)), rate=percent(rate))


def versus(lead: str, current: Decimal, last: Decimal) -> str:
    """A change after its lead words (``比上年度减少…``), or ``与上年相同`` when unchanged."""
    words = change(current, last)
    return f"{lead}{words}" if words else UNCHANGED


def count(value: Decimal | int) -> str:
    """A count (个, 辆, 批次, 人次): a whole number."""
    return f"{int(value)}"
