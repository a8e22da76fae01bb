"""Which kind a disclosure is (决算 or 预算), as every output says it: the model, `parse --format json`,
the tidy cells (a budget's tables are 预算01 …), the corpus's ``disclosures.kind``; a budget in the
corpus is never taken for last year's 决算. Budgets here are small texts written for the test; the real
ones are tests/test_real_budgets.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE

from juesuan.export import disclosure_json, tidy_csv
from juesuan.model import tidy_cells
from juesuan.rules import run_rules
from juesuan.sources import read_bytes, read_path
from juesuan.store import Corpus

BUDGET = """南京市交通运输局
2026年度部门预算
第二部分 2026年度部门预算表
部门支出总表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t100.00\t60.00\t40.00
201\t一般公共服务支出\t100.00\t60.00\t40.00
20101\t人大事务\t100.00\t60.00\t40.00
2010101\t行政运行\t60.00\t60.00\t
2010102\t一般行政管理事务\t40.00\t\t40.00
"""


def budget(text: str = BUDGET):
    return read_bytes(text.encode(), "预算.txt")[0]


def test_a_budget_is_a_budget_and_a_final_account_a_final_account():
    assert budget().kind == "预算"
    assert read_path(SAMPLE)[0].kind == "决算"


def test_parse_json_says_the_kind():
    assert json.loads(disclosure_json(budget()))["disclosure"]["kind"] == "预算"
    assert json.loads(disclosure_json(read_path(SAMPLE)[0]))["disclosure"]["kind"] == "决算"


def test_tidy_cells_of_a_budget_name_its_tables_and_say_its_kind():
    cells = list(tidy_cells(budget()))
    assert {cell.table for cell in cells} == {"预算03"}
    assert {cell.kind for cell in cells} == {"预算"}
    assert "预算03,2010101,基本支出,60.00,行政运行,基本支出" in tidy_csv(budget()).splitlines()
    assert {cell.kind for cell in tidy_cells(read_path(SAMPLE)[0])} == {"决算"}


def test_a_budget_runs_its_own_rules_and_no_final_accounts_rule():
    clean = run_rules(budget())
    assert not [f for f in clean if f.severity.value == "error"]
    wrong = budget(
        BUDGET.replace("201\t一般公共服务支出\t100.00\t60.00", "201\t一般公共服务支出\t100.00\t61.00")
    )
    found = sorted((f.rule, f.message) for f in run_rules(wrong) if f.severity.value == "error")
    assert found == [
        (
            "H-functional-sum",
            "预算03表 201 一般公共服务支出 基本支出 为 61.00，按 20101之和 应为 60.00（差 1.00）",
        ),
        ("H-functional-sum", "预算03表 合计 基本支出 为 60.00，按 201之和 应为 61.00（差 1.00）"),
        (
            "Y03-uses",
            "预算03表 201 一般公共服务支出 合计 为 100.00，按 基本支出 + 项目支出 + 上缴上级支出 + "
            "事业单位经营支出 + 对附属单位补助支出 应为 101.00（差 1.00）",
        ),
    ]


def test_the_corpus_stores_the_kind_and_never_takes_a_budget_for_last_year(tmp_path: Path):
    folder = tmp_path / "files"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "sample.txt")
    (folder / "budget.txt").write_text(BUDGET, encoding="utf-8")
    with Corpus(tmp_path / "corpus.duckdb") as corpus:
        corpus.ingest([folder], jobs=1)
        kinds = corpus.query("SELECT kind, template FROM disclosures ORDER BY kind").rows
        assert kinds == [("决算", "national-2024"), ("预算", "budget-mof")]
        tables = corpus.query(
            "SELECT DISTINCT c.\"table\" FROM cells c JOIN disclosures d USING (sha256) WHERE d.kind = '预算'"
        ).rows
        assert tables == [("预算03",)]


@pytest.mark.parametrize("kind", ["决算", "预算"])
def test_a_cell_says_its_kind_by_its_table(kind):
    from juesuan.model.tidy import TidyCell

    table = "预算05" if kind == "预算" else "05"
    assert TidyCell(table, "201", "合计", "1.00", "", "").kind == kind
