"""Synthetic disclosures: reproducible, consistent (no error, no warning), and every change noticed."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import changed_text, with_figure

from juesuan.catalogue import functional_classification
from juesuan.model import tidy_cells
from juesuan.rules import Severity, run_rules
from juesuan.sources import read_bytes
from juesuan.synth import check_seed, file_bytes, synthesize, write_synthetic
from juesuan.synth.profile import DEPARTMENTS
from juesuan.synth.projects import CAPITAL_PROJECT, EXTRA_NAMES, FUND_PROJECTS, item_name, project_items
from juesuan.synth.text import layout_text

SEEDS = 1000


def juesuan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True)


def test_same_seed_same_bytes_other_seed_other_document():
    assert layout_text(synthesize(42).disclosure) == layout_text(synthesize(42).disclosure)
    assert layout_text(synthesize(42).disclosure) != layout_text(synthesize(43).disclosure)


def test_written_files_are_reproducible(tmp_path: Path):
    first = write_synthetic(5, tmp_path / "a", seed=7)
    second = write_synthetic(5, tmp_path / "b", seed=7, jobs=2)
    assert [p.name for p in first] == [p.name for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert first[0].name.startswith("000007-") and first[-1].name.startswith("000011-")


def test_same_bytes_in_another_process_with_another_hash_seed(tmp_path: Path):
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    command = [sys.executable, "-m", "juesuan", "synth", "-n", "3", "--seed", "11", "-o"]
    subprocess.run([*command, str(tmp_path / "a")], check=True, capture_output=True, env=env)
    here = write_synthetic(3, tmp_path / "b", seed=11)
    assert [(tmp_path / "a" / p.name).read_bytes() for p in here] == [p.read_bytes() for p in here]


def test_thousand_disclosures_check_without_errors_or_warnings():
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        problems = [p for found in pool.map(check_seed, range(SEEDS), chunksize=25) for p in found]
    assert problems == []


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 17, 99])
def test_layout_text_reads_back_to_the_same_cells_and_checks_clean(seed: int):
    synthetic = synthesize(seed).disclosure
    disclosure, problems = read_bytes(layout_text(synthetic).encode("utf-8"), "synthetic.txt")
    assert problems == []
    assert sorted(c.as_tuple() for c in tidy_cells(disclosure)) == sorted(
        c.as_tuple() for c in tidy_cells(synthetic)
    )
    assert (disclosure.unit, disclosure.year, disclosure.title) == (
        synthetic.unit,
        synthetic.year,
        synthetic.title,
    )
    assert [f.project for f in disclosure.forms] == [f.project for f in synthetic.forms]
    assert [str(f) for f in run_rules(disclosure) if f.severity != Severity.INFO] == []


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_excel_and_pdf_read_back_clean(fmt: str):
    synthetic = synthesize(5).disclosure
    disclosure, problems = read_bytes(file_bytes(synthetic, fmt), f"synthetic.{fmt}")
    assert problems == []
    assert sorted(c.as_tuple() for c in tidy_cells(disclosure)) == sorted(
        c.as_tuple() for c in tidy_cells(synthetic)
    )
    assert [str(f) for f in run_rules(disclosure) if f.severity != Severity.INFO] == []


def test_every_catalogue_code_the_generator_uses_exists():
    catalogue = functional_classification()
    for department in DEPARTMENTS:
        assert department + "01" in catalogue, department
        assert project_items(department), department
    for code in (*FUND_PROJECTS, "2080505", "2080506", "2101101", "2101102", "2210201"):
        assert code in catalogue, code
    # a 项 (细化到项), its 款 known; the packaged catalogue lacks the 项 of 223, the generator names it
    capital = CAPITAL_PROJECT[0]
    assert len(capital) == 7 and capital[:5] in catalogue
    assert capital in catalogue or capital in EXTRA_NAMES
    assert item_name(capital) != capital


def test_structure_varies_over_seeds():
    """Over 200 seeds: both kinds of unit, 07 and 08 sometimes filled, 09 sometimes empty, forms."""
    drawn = [synthesize(seed) for seed in range(200)]
    kinds = {s.facts.unit_kind for s in drawn}
    filled = {n: sum(not s.disclosure.table(n).is_empty for s in drawn) for n in ("07", "08", "09")}
    assert kinds == {"行政单位", "参照公务员法管理事业单位"}
    assert 0 < filled["07"] < 100 and 0 < filled["08"] < 50 and 100 < filled["09"] < 200
    assert sum(len(s.disclosure.forms) for s in drawn) > 300
    assert {f.grade for s in drawn for f in s.disclosure.forms} >= {"优", "良"}


def test_facts_are_consistent_with_the_tables():
    for seed in range(30):
        facts = synthesize(seed).facts
        items = ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
        assert facts.last_year["三公经费"] == sum(facts.last_year[item] for item in items)
        classes = {k: v for k, v in facts.initial_budget.items() if k.isdigit()}
        assert facts.initial_budget["一般公共预算财政拨款支出"] == sum(classes.values())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=10**6),
    pick=st.integers(min_value=0, max_value=10**6),
    delta=st.decimals(min_value=1, max_value=500, places=2),
    sign=st.sampled_from((1, -1)),
)
def test_changing_any_table_cell_by_one_yuan_or_more_is_reported(seed, pick, delta, sign):
    disclosure = synthesize(seed).disclosure
    cells = list(tidy_cells(disclosure))
    cell = cells[pick % len(cells)]
    figure = disclosure.table(cell.table).figure(cell.row, cell.col)
    step = Decimal(sign) * (delta if figure.places else delta.to_integral_value() or 1)
    changed = with_figure(disclosure, cell.table, cell.row, cell.col, changed_text(figure, step))
    reported = [f for f in run_rules(changed) if f.severity != Severity.INFO]
    assert reported, f"公开{cell.table}表 {cell.row} 栏 {cell.col} 改为 {figure.value + step} 未被发现"


def test_synth_command_writes_text_and_excel(tmp_path: Path):
    done = juesuan("synth", "-n", "2", "-o", str(tmp_path), "--seed", "3", "--format", "txt,xlsx")
    assert done.returncode == 0, done.stderr.decode()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 4 and names[0].startswith("000003-") and names[0].endswith(".txt")
    assert juesuan("check", str(tmp_path)).returncode == 0
    assert juesuan("synth", "-n", "1", "-o", str(tmp_path), "--format", "odt").returncode == 2
