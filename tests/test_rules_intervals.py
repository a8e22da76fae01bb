"""Interval arithmetic: a printed figure is the interval it rounds; blank is exactly 0."""

from decimal import Decimal
from fractions import Fraction

import pytest

from juesuan.model import Figure
from juesuan.rules.intervals import ZERO, Interval, rate_consistent


def fig(text: str) -> Figure:
    figure = Figure.parse(text)
    assert figure is not None
    return figure


def iv(lo: str, hi: str, *, lo_open: bool = False, hi_open: bool = False) -> Interval:
    return Interval(Decimal(lo), Decimal(hi), lo_open, hi_open)


def printed(lo: str, hi: str) -> Interval:
    """What a positive printed figure stands for under rounding half away from zero: [lo, hi)."""
    return iv(lo, hi, hi_open=True)


def test_printed_figure_stands_for_its_rounding_interval():
    assert Interval.of(fig("34.14")) == printed("34.135", "34.145")
    assert Interval.of(fig("1,134.08")) == printed("1134.075", "1134.085")
    assert Interval.of(fig("7")) == printed("6.5", "7.5")
    assert Interval.of(fig("1.894")) == printed("1.8935", "1.8945")
    assert Interval.of(fig("0.00")) == iv("-0.005", "0.005", lo_open=True, hi_open=True)


def test_a_figure_stands_for_the_precision_its_column_implies():
    # 177 in a column of General-format figures such as 1.894 is 177.000 (model.figures.column_precision)
    assert Interval.of(fig("177").exact_to(3)) == printed("176.9995", "177.0005")
    assert Interval.of(fig("0").exact_to(2)) == iv("-0.005", "0.005", lo_open=True, hi_open=True)
    assert fig("34.14").exact_to(1) == fig("34.14")  # never less than it prints
    executed = [fig(text).exact_to(3) for text in ("1.894", "177", "1.4")]
    assert sum((Interval.of(f) for f in executed), ZERO) == printed("180.2925", "180.2955")


def test_the_same_quantity_printed_twice_must_agree_exactly():
    # 第三部分 六 prints 7.55 where 公开06表 30110 prints 7.54: no value rounds to both.
    assert not Interval.of(fig("7.55")).overlaps(Interval.of(fig("7.54")))
    assert Interval.of(fig("0.5")).overlaps(Interval.of(fig("0.50")))


def test_blank_cell_is_exactly_zero():
    assert Interval.of(None) == ZERO == Interval.exact(0)


def test_counts_are_exact():
    assert Interval.of(fig("3"), exact=True) == Interval.exact(3)


def test_sum_and_difference_are_exact():
    children = Interval.of(fig("23.83")) + Interval.of(fig("10.32"))
    assert children == printed("34.140", "34.160")
    assert Interval.of(fig("1134.08")) - Interval.of(fig("1126.93")) == iv(
        "7.14", "7.16", lo_open=True, hi_open=True
    )
    assert -iv("1", "2") == iv("-2", "-1")


def test_rounding_gap_is_not_a_disagreement():
    children = Interval.of(fig("23.83")) + Interval.of(fig("10.32"))
    assert Interval.of(fig("34.14")).overlaps(children)
    assert not Interval.of(fig("34.12")).overlaps(children)


def test_multiplication_by_a_constant():
    assert iv("0.1", "0.2") * 100 == iv("10", "20")
    assert 100 * iv("0.1", "0.2") == iv("10", "20")
    assert iv("1", "2") * -1 == iv("-2", "-1")
    assert Interval.unbounded() * 0 == ZERO


def test_division_is_exact():
    third = Interval.exact(1) / Interval.exact(3)
    assert third.lo == third.hi and third.lo * 3 == 1
    assert iv("1", "2") / iv("4", "8") == iv("0.125", "0.5")
    assert iv("1", "2") / iv("-2", "-1") == iv("-2", "-0.5")


def test_division_by_an_interval_spanning_zero_is_unbounded():
    assert not (Interval.exact(1) / Interval.of(fig("0.00"))).is_bounded
    assert not (Interval.exact(1) / ZERO).is_bounded
    assert (Interval.exact(1) / ZERO).overlaps(Interval.exact(12345))


def test_no_floats_anywhere():
    result = Interval.of(fig("308.64")) / Interval.of(fig("825.44")) * 100
    assert isinstance(result.lo, Fraction) and isinstance(result.hi, Fraction)


def test_rate_consistent_with_printed_shares():
    # 第三部分 一: 收入总计增加308.64万元，增长37.39% (上年 1134.08 − 308.64 = 825.44)
    assert rate_consistent(fig("37.39"), fig("308.64"), fig("825.44"))
    assert not rate_consistent(fig("37.50"), fig("308.64"), fig("825.44"))
    # 其他收入0.01万元，占比0%
    assert rate_consistent(fig("0"), fig("0.01"), fig("1126.93"))
    assert rate_consistent(fig("100.00"), fig("1126.92"), fig("1126.93"))


def test_rate_against_a_zero_base_cannot_be_refuted():
    assert rate_consistent(fig("100"), fig("0.72"), None)


def test_mid_is_the_printed_sum():
    assert (Interval.of(fig("23.83")) + Interval.of(fig("10.32"))).mid == Decimal("34.15")
    with pytest.raises(ValueError):
        _ = Interval.unbounded().mid


def test_reversed_bounds_are_refused():
    with pytest.raises(ValueError):
        iv("2", "1")
