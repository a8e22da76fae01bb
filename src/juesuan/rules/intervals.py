"""Exact interval arithmetic: every value a rounded printed figure can stand for.

Published figures are rounded half away from zero (Excel's ROUND), so a positive figure printed
with k decimals stands for the half-open interval [v − ½·10⁻ᵏ, v + ½·10⁻ᵏ): 7.54 and 7.55 can never
be the same quantity, while 34.14 and 23.83 + 10.32 can. Endpoints are exact fractions and carry
whether they belong to the interval, so sums, differences and quotients are exact too. An identity
fails only when its two sides cannot agree — their intervals are disjoint: no epsilon, no float.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from juesuan.model import Figure

Bound = Fraction | None  # None: unbounded on that side


@dataclass(frozen=True)
class Interval:
    lo: Bound
    hi: Bound
    lo_open: bool = False
    hi_open: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "lo", _fraction(self.lo))
        object.__setattr__(self, "hi", _fraction(self.hi))
        if self.lo is not None and self.hi is not None and self.lo > self.hi:
            raise ValueError(f"区间下界大于上界：{self}")

    @classmethod
    def exact(cls, value: Decimal | int | Fraction) -> Interval:
        return cls(Fraction(value), Fraction(value))

    @classmethod
    def of(cls, figure: Figure | None, *, exact: bool = False) -> Interval:
        """What a printed figure stands for; a blank cell (None) is exactly 0.

        `exact` is for counts (车辆数, 个数) and assigned scores: integers set, not rounded.
        """
        if figure is None:
            return ZERO
        if exact:
            return cls.exact(figure.value)
        return _printed(figure.value, figure.precision)

    @classmethod
    def unbounded(cls) -> Interval:
        return cls(None, None, True, True)

    @property
    def is_bounded(self) -> bool:
        return self.lo is not None and self.hi is not None

    @property
    def mid(self) -> Decimal:
        """The central value: for sums of printed figures, the sum of the printed values."""
        if not self.is_bounded:
            raise ValueError("无界区间没有中点")
        return to_decimal((self.lo + self.hi) / 2)

    def __add__(self, other: Interval) -> Interval:
        return _interval(
            _add(self.lo, other.lo),
            _add(self.hi, other.hi),
            self.lo_open or other.lo_open,
            self.hi_open or other.hi_open,
        )

    def __neg__(self) -> Interval:
        return _interval(_negate(self.hi), _negate(self.lo), self.hi_open, self.lo_open)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def __mul__(self, factor: Decimal | int | Fraction) -> Interval:
        """Multiplication by an exact constant (e.g. 100 for a percentage)."""
        factor = Fraction(factor)
        if factor == 0:
            return ZERO
        if factor < 0:
            return -(self * -factor)
        return _interval(_scale(self.lo, factor), _scale(self.hi, factor), self.lo_open, self.hi_open)

    __rmul__ = __mul__

    def __truediv__(self, other: Interval) -> Interval:
        """All quotients a/b; unbounded when b may be 0 (then nothing about a/b is certain)."""
        if not (self.is_bounded and other.is_bounded) or other.contains(0):
            return Interval.unbounded()
        corners = [(a / b, a_open or b_open) for a, a_open in self._ends() for b, b_open in other._ends()]
        low = min(value for value, _ in corners)
        high = max(value for value, _ in corners)
        return _interval(
            low, high, all(o for v, o in corners if v == low), all(o for v, o in corners if v == high)
        )

    def _ends(self) -> tuple[tuple[Fraction, bool], tuple[Fraction, bool]]:
        return (self.lo, self.lo_open), (self.hi, self.hi_open)

    def overlaps(self, other: Interval) -> bool:
        """Whether some value lies in both intervals."""
        low, low_open = _max_low(self, other)
        high, high_open = _min_high(self, other)
        if low is None or high is None:
            return True
        return low < high or (low == high and not low_open and not high_open)

    def intersect(self, other: Interval) -> Interval:
        """The values in both (the caller has made sure they overlap)."""
        low, low_open = _max_low(self, other)
        high, high_open = _min_high(self, other)
        return _interval(low, high, low_open, high_open)

    def contains(self, value: Decimal | int | Fraction) -> bool:
        return self.overlaps(Interval.exact(value))

    def __str__(self) -> str:
        left = "(" if self.lo_open else "["
        right = ")" if self.hi_open else "]"
        low = "-∞" if self.lo is None else str(to_decimal(self.lo))
        high = "+∞" if self.hi is None else str(to_decimal(self.hi))
        return f"{left}{low}, {high}{right}"


@functools.lru_cache(maxsize=4096)
def _printed(value: Decimal, precision: int) -> Interval:
    """What a figure printed as `value`, exact to `precision` decimals, stands for (`Interval.of`):
    the same few hundred figures are read by many identities, once each here."""
    lo, hi = Figure("", value, precision).interval
    return Interval(lo, hi, lo_open=value <= 0, hi_open=value >= 0)


def _interval(lo: Bound, hi: Bound, lo_open: bool, hi_open: bool) -> Interval:
    """An interval from bounds that are already fractions (or None) and in order, as arithmetic
    on intervals gives them: made without `__post_init__`'s conversion and check, which a check
    of one document would otherwise run thousands of times over."""
    interval = object.__new__(Interval)
    interval.__dict__.update(lo=lo, hi=hi, lo_open=lo_open, hi_open=hi_open)
    return interval


def _fraction(value) -> Bound:
    if value is None or isinstance(value, Fraction):
        return value
    if isinstance(value, Decimal) and not value.is_finite():
        return None
    return Fraction(value)


def _add(a: Bound, b: Bound) -> Bound:
    return None if a is None or b is None else a + b


def _negate(a: Bound) -> Bound:
    return None if a is None else -a


def _scale(a: Bound, factor: Fraction) -> Bound:
    return None if a is None else a * factor


def _max_low(a: Interval, b: Interval) -> tuple[Bound, bool]:
    if a.lo is None or b.lo is None:
        return (b.lo, b.lo_open) if a.lo is None else (a.lo, a.lo_open)
    if a.lo != b.lo:
        return max((a.lo, a.lo_open), (b.lo, b.lo_open), key=lambda end: end[0])
    return a.lo, a.lo_open or b.lo_open


def _min_high(a: Interval, b: Interval) -> tuple[Bound, bool]:
    if a.hi is None or b.hi is None:
        return (b.hi, b.hi_open) if a.hi is None else (a.hi, a.hi_open)
    if a.hi != b.hi:
        return min((a.hi, a.hi_open), (b.hi, b.hi_open), key=lambda end: end[0])
    return a.hi, a.hi_open or b.hi_open


def to_decimal(value: Fraction) -> Decimal:
    """A fraction as a Decimal: exact for the decimal fractions printed figures add up to."""
    return Decimal(value.numerator) / Decimal(value.denominator)


ZERO = Interval(Fraction(0), Fraction(0))


def as_interval(value: Interval | Figure | None) -> Interval:
    return value if isinstance(value, Interval) else Interval.of(value)


def rate_consistent(
    rate: Figure, numerator: Interval | Figure | None, denominator: Interval | Figure | None
) -> bool:
    """Whether a printed percentage (e.g. 37.39 for 37.39%) can equal 100 · numerator / denominator."""
    share = as_interval(numerator) / as_interval(denominator) * 100
    return Interval.of(rate).overlaps(share)
