"""The checker on the reference disclosure: one true error, no false alarm, every change noticed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from conftest import SAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st
from mutations import changed_text, with_figure

from juesuan.model import tidy_cells
from juesuan.rules import CellRef, Severity, run_rules
from juesuan.sources import read_bytes, read_path

SAMPLE_DISCLOSURE, _ = read_path(SAMPLE)
CELLS = [(c.table, c.row, c.col) for c in tidy_cells(SAMPLE_DISCLOSURE)]
COUNTED = {("10", "7", "统计数"), ("10", "10", "统计数")}  # 车辆数: whole vehicles, not rounded amounts


def alarms(findings):
    return [f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)]


def test_the_sample_has_exactly_one_error_the_medical_insurance_slip():
    errors = [f for f in run_rules(SAMPLE_DISCLOSURE) if f.severity == Severity.ERROR]
    assert [f.as_tuple() for f in errors] == [("N-amount", "06", "30110", "决算数")]
    assert "7.55" in errors[0].message and "7.54" in errors[0].message and "差 0.01" in errors[0].message
    assert errors[0].where == "第三部分 六 原文第494行"


def test_the_sample_raises_no_rounding_alarm_and_one_genuine_warning():
    # 208 prints 34.14 while 20805 + 20807 = 23.83 + 10.32 = 34.15: rounding, not an error.
    # The one warning is genuine (CHECKLIST A14): the cover says “2024年度单位决算公开” (line 4), while
    # the 目录 (line 11) and the part heading (line 68) say “第二部分 2024年部门决算表”.
    warnings = sorted((f.rule, f.where) for f in alarms(run_rules(SAMPLE_DISCLOSURE))[1:])
    assert warnings == [("P-unit-or-department", "原文第11行"), ("P-unit-or-department", "原文第68行")]


def test_check_command_exit_code_and_json_shape():
    done = subprocess.run(
        [sys.executable, "-m", "juesuan", "check", str(SAMPLE), "--format", "json"], capture_output=True
    )
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["summary"]["errors"] == 1
    error = next(f for f in report["findings"] if f["severity"] == "error")
    assert set(error) == {"rule", "severity", "message", "cells", "where", "origin"}
    assert error["cells"] == [{"table": "06", "row": "30110", "col": "决算数"}]


@pytest.mark.parametrize("cell", CELLS, ids=["-".join(c) for c in CELLS])
def test_every_table_cell_changed_is_reported_at_that_cell(cell):
    table, row, col = cell
    figure = SAMPLE_DISCLOSURE.table(table).figure(row, col)
    changed = with_figure(SAMPLE_DISCLOSURE, table, row, col, changed_text(figure, Decimal(1)))
    assert any(CellRef(*cell) in f.cells for f in alarms(run_rules(changed))), cell


@settings(max_examples=60, deadline=None)
@given(
    index=st.integers(0, len(CELLS) - 1),
    delta=st.decimals(min_value=Decimal("0.06"), max_value=Decimal(5000), places=2),
    sign=st.sampled_from([1, -1]),
)
def test_any_change_beyond_rounding_is_reported(index, delta, sign):
    table, row, col = CELLS[index]
    figure = SAMPLE_DISCLOSURE.table(table).figure(row, col)
    if (table, row, col) in COUNTED:
        delta = delta.to_integral_value() or Decimal(1)
    changed = with_figure(SAMPLE_DISCLOSURE, table, row, col, changed_text(figure, delta * sign))
    assert any(CellRef(table, row, col) in f.cells for f in alarms(run_rules(changed)))


# Amounts and percentages; not 单价100万元（含）以上, a threshold of the template, not a figure.
NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?=万元(?!（含）)|%)")
TEXT = SAMPLE.read_text(encoding="utf-8")
PART3 = (TEXT.index("第三部分 情况说明\n\n一、"), TEXT.index("第四部分 名词解释\n\n-"))
NARRATIVE_NUMBERS = [m for m in NUMBER.finditer(TEXT, *PART3)]


def changed_number(text: str) -> str:
    """A clearly different figure with the same decimals: ×1.5, or 3.21 where it was 0."""
    value = Decimal(text.replace(",", ""))
    places = len(text.partition(".")[2])
    new = value * Decimal("1.5") if value else Decimal("3.21")
    return f"{new.quantize(Decimal(1).scaleb(-places)):f}" if places or value else "3"


@pytest.mark.parametrize(
    "match", NARRATIVE_NUMBERS, ids=[f"{m.start()}:{m.group()}" for m in NARRATIVE_NUMBERS]
)
def test_every_amount_and_percentage_in_the_narrative_changed_is_reported(match):
    text = TEXT[: match.start()] + changed_number(match.group()) + TEXT[match.end() :]
    disclosure, _ = read_bytes(text.encode("utf-8"), "changed.txt")
    before = {f.message for f in alarms(run_rules(SAMPLE_DISCLOSURE))}
    assert [f for f in alarms(run_rules(disclosure)) if f.message not in before], match.group()
