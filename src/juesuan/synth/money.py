"""Exact amounts for synthetic disclosures: integer cents of 万元, drawn at random, printed exactly.

Everything is generated in cents and only summed, never divided, so every identity of the
tables holds exactly; a Figure prints the cents with two decimals (1126.92), as the tables do.
"""

from __future__ import annotations

import math
import random
from decimal import ROUND_HALF_UP, Decimal

from juesuan.model import Figure

Cents = int
HUNDRED = Decimal(100)


def cents(rng: random.Random, low: float, high: float) -> Cents:
    """A log-uniform amount between low and high 万元, in cents (at least one cent)."""
    value = math.exp(rng.uniform(math.log(low), math.log(high)))
    return max(1, round(value * 100))


def share_of(rng: random.Random, total: Cents, low: float, high: float) -> Cents:
    """A uniform fraction of total, in whole cents."""
    return round(total * rng.uniform(low, high))


def maybe(rng: random.Random, probability: float, amount: Cents) -> Cents:
    """amount with the given probability, else 0 (a cell the unit leaves blank)."""
    return amount if rng.random() < probability else 0


def decimal(amount: Cents) -> Decimal:
    """Cents as an exact Decimal of 万元 (112692 → 1126.92)."""
    return Decimal(amount).scaleb(-2)


def money(amount: Cents, unit: str = "万元") -> Figure:
    """A table figure: two decimals, no thousands separator."""
    value = decimal(amount)
    return Figure(f"{value:.2f}", value, 2, unit=unit)


def count(value: int, unit: str) -> Figure:
    return Figure(str(value), Decimal(value), 0, unit=unit)


def trimmed(amount: Cents, unit: str = "万元") -> Figure:
    """A form amount as offices print them: trailing zeros dropped (177, 19.5, 2.42)."""
    value = decimal(amount)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    places = len(text.partition(".")[2])
    return Figure(text, Decimal(text), places, unit=unit)


def rounded(value: Decimal, unit: str = "") -> Figure:
    """A computed rate or score printed with two decimals, rounded half away from zero."""
    value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return Figure(f"{value:.2f}", value, 2, unit=unit)
