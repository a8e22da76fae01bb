"""Exact interval arithmetic on Decimal: every value a rounded printed figure can stand for.

A figure printed with k decimals stands for [v − ½·10⁻ᵏ, v + ½·10⁻ᵏ]; a blank cell is exactly 0
(nothing was there). Sums and differences are exact; a quotient is rounded outwards, so the
result always contains every true value. An identity fails only when its two sides cannot
agree, i.e. their intervals are disjoint: no epsilon, no float.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import (
    ROUND_CEILING,
    ROUND_FLOOR,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)

from juesuan.model import Figure

# Sums, differences and products by a constant must be exact: any rounding raises.
_EXACT = Context(prec=100, traps=[Inexact, InvalidOperation, DivisionByZero, Overflow])
# Quotients are rounded outwards: lower bounds down, upper bounds up.
_DOWN = Context(prec=60, rounding=ROUND_FLOOR, traps=[InvalidOperation, DivisionByZero, Overflow])
_UP = Context(prec=60, rounding=ROUND_CEILING, traps=[InvalidOperation, DivisionByZero, Overflow])
_INFINITY = Decimal("Infinity")


@dataclass(frozen=True)
class Interval:
    lo: Decimal
    hi: Decimal

    def __post_init__(self) -> None:
        if self.lo > self.hi:
            raise ValueError(f"区间下界大于上界：[{self.lo}, {self.hi}]")

    @classmethod
    def exact(cls, value: Decimal | int) -> Interval:
        return cls(Decimal(value), Decimal(value))

    @classmethod
    def of(cls, figure: Figure | None, *, exact: bool = False) -> Interval:
        """What a printed figure stands for; a blank cell (None) is exactly 0.

        `exact` is for counts (车辆数, 个数): integers that were counted, not rounded.
        """
        if figure is None:
            return ZERO
        if exact:
            return cls.exact(figure.value)
        lo, hi = figure.interval
        return cls(lo, hi)

    @classmethod
    def unbounded(cls) -> Interval:
        return cls(-_INFINITY, _INFINITY)

    @property
    def is_bounded(self) -> bool:
        return self.lo.is_finite() and self.hi.is_finite()

    @property
    def mid(self) -> Decimal:
        """The central value: for sums of printed figures, the sum of the printed values."""
        if not self.is_bounded:
            raise ValueError("无界区间没有中点")
        return _EXACT.divide(_EXACT.add(self.lo, self.hi), Decimal(2))

    def __add__(self, other: Interval) -> Interval:
        return Interval(_EXACT.add(self.lo, other.lo), _EXACT.add(self.hi, other.hi))

    def __sub__(self, other: Interval) -> Interval:
        return Interval(_EXACT.subtract(self.lo, other.hi), _EXACT.subtract(self.hi, other.lo))

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, factor: Decimal | int) -> Interval:
        """Multiplication by an exact constant (e.g. 100 for a percentage)."""
        factor = Decimal(factor)
        if factor == 0:
            return ZERO
        ends = (_EXACT.multiply(self.lo, factor), _EXACT.multiply(self.hi, factor))
        return Interval(min(ends), max(ends))

    __rmul__ = __mul__

    def __truediv__(self, other: Interval) -> Interval:
        """All quotients a/b, rounded outwards; unbounded when b may be 0 (nothing is certain)."""
        if other.lo <= 0 <= other.hi or not (self.is_bounded and other.is_bounded):
            return Interval.unbounded()
        pairs = [(a, b) for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        lo = min(_DOWN.divide(a, b) for a, b in pairs)
        hi = max(_UP.divide(a, b) for a, b in pairs)
        return Interval(lo, hi)

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal | int) -> bool:
        return self.lo <= value <= self.hi

    def __str__(self) -> str:
        return f"[{self.lo}, {self.hi}]"


ZERO = Interval(Decimal(0), Decimal(0))


def as_interval(value: Interval | Figure | None) -> Interval:
    return value if isinstance(value, Interval) else Interval.of(value)


def rate_consistent(
    rate: Figure, numerator: Interval | Figure | None, denominator: Interval | Figure | None
) -> bool:
    """Whether a printed percentage (e.g. 37.39 for 37.39%) can equal 100 · numerator / denominator."""
    share = as_interval(numerator) / as_interval(denominator) * 100
    return Interval.of(rate).overlaps(share)
