"""What the test modules of the real documents share (tests/test_real_*.py): where the samples are,
a printed cell to check, and the checks themselves. The samples live in ../shared/samples/real and
are never copied here; without them the modules skip."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest

from juesuan.model import Disclosure

REAL = Path(__file__).resolve().parents[2] / "shared" / "samples" / "real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="真实样本目录不存在（../shared/samples/real）")
BUDGETS = REAL / "budget"
needs_budgets = pytest.mark.skipif(not BUDGETS.is_dir(), reason=f"真实样本目录不存在：{BUDGETS}")


@cache
def read_budget(name: str) -> tuple[Disclosure, tuple]:
    """A real budget of ../shared/samples/real/budget as `parse` reads it: the disclosure and the
    reading's notes (read once for all the modules of a test run)."""
    from juesuan.sources import read_path

    disclosure, problems = read_path(BUDGETS / name)
    return disclosure, tuple(problems)


@cache
def budget_findings(name: str) -> tuple:
    """What `check` reports on a real budget: the reading's notes, then the rules."""
    from juesuan.rules.report import review

    return tuple(review(*read_budget(name)))


class Spot(NamedTuple):
    """One printed cell: page, table, row key, column key, text as printed (None: printed blank),
    its row's label, and the 行次 printed beside it (for 公开01/04表)."""

    page: int
    table: str
    row: str
    col: str
    text: str | None
    label: str = ""
    line_no: str = ""


def spot_id(spot: Spot) -> str:
    return f"p{spot.page}-{spot.table}-{spot.row}-{spot.col}"


def filled_cells(disclosure: Disclosure) -> dict[str, int]:
    return {table.number: sum(len(row.cells) for row in table.rows) for table in disclosure.tables}


def check_spot(disclosure: Disclosure, spot: Spot, line_numbers_printed: bool = True) -> None:
    """The cell reads as printed, on its page, under its label; its row keeps the 行次 printed beside
    it, or none where the table prints none (its rows are then found by label)."""
    row = disclosure.table(spot.table).row(spot.row)
    assert row is not None
    figure = row.get(spot.col)
    assert (figure.text if figure else None) == spot.text
    assert (figure or row).origin.page == spot.page
    if spot.label:
        assert row.label == spot.label
    if spot.line_no:
        assert row.line_no == (spot.line_no if line_numbers_printed else "")


def check_errors(disclosure: Disclosure, expected: list[tuple[str, str]]) -> None:
    """`check` reports exactly these errors: (rule, the start of its message)."""
    from juesuan.rules import run_rules

    errors = [f for f in run_rules(disclosure) if f.severity.value == "error"]
    assert len(errors) == len(expected), [f.message for f in errors]
    for rule, said in expected:
        assert [f.rule for f in errors if f.message.startswith(said)] == [rule], said
