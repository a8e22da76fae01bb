"""The yearly cycle: a unit's 预算 and 决算 of one year in one corpus, the 年初预算 the 决算's
第三部分 states held against the 预算's 一般公共预算支出表 (X-budget-published)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE

from juesuan.store import Corpus

UNIT = "大同市政务服务中心"
TITLE = "年初预算与已公开的部门预算一致"
# 第三部分 五（三） of the sample: 年初预算 of the whole and of each class, as its 预算 would print them
OPENING = {"合计": ("770.18", "500.00", "270.18"), "201": ("711.37", "461.37", "250.00")}
OTHER_CLASSES = (
    ("208", "社会保障和就业支出", "26.93", "20.00", "6.93"),
    ("210", "卫生健康支出", "10.23", "10.23", ""),
    ("221", "住房保障支出", "21.65", "8.40", "13.25"),
)


def budget_text(opening: dict[str, tuple[str, str, str]]) -> str:
    """The unit's 2024 部门预算 with its 一般公共预算支出表, in the text layout the readers read
    (the central format's columns: last year's 执行数 left blank)."""
    rows = [("合计", "", *opening["合计"]), ("201", "一般公共服务支出", *opening["201"]), *OTHER_CLASSES]
    lines = [f"{code}\t{name}\t\t\t{total}\t{basic}\t{project}" for code, name, total, basic, project in rows]
    return "\n".join(
        [
            f"{UNIT}2024年部门预算",
            "",
            "第一部分 单位概况",
            "",
            "一、主要职能",
            "",
            "负责政务服务。",
            "",
            "第二部分 2024年部门预算表",
            "",
            "一般公共预算支出表",
            "",
            "单位：万元",
            "科目编码\t科目名称\t执行数\t扣除中央基建投资后执行数\t小计\t基本支出\t项目支出",
            *lines,
            "",
        ]
    )


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[str, Path]:
    """Two corpora, each with the sample's 决算 and a 预算 of the same unit and year: one as the
    sample's narrative states it, one printing 一般公共服务支出 10.00 lower (and its 合计)."""
    made = {}
    misprinted = {"合计": ("760.18", "490.00", "270.18"), "201": ("701.37", "451.37", "250.00")}
    for name, opening in (("agrees", OPENING), ("differs", misprinted)):
        folder = tmp_path_factory.mktemp(name)
        budget = folder / f"{UNIT}2024年部门预算.txt"
        budget.write_text(budget_text(opening), encoding="utf-8")
        db = folder / "语料库.duckdb"
        with Corpus(db) as corpus:
            report = corpus.ingest([SAMPLE, budget])
        assert (report.added, report.unreadable) == (2, 0)
        made[name] = db
    return made


def cycle_findings(db: Path) -> tuple[int, list[dict]]:
    args = [sys.executable, "-m", "juesuan", "check", str(SAMPLE), "--corpus", str(db), "--format", "json"]
    done = subprocess.run(args, capture_output=True, text=True)
    found = json.loads(done.stdout)["findings"]
    return done.returncode, [f for f in found if f["rule"] == "X-budget-published"]


def test_the_budget_as_the_narrative_states_it_reports_nothing(corpora):
    assert cycle_findings(corpora["agrees"])[1] == []


def test_an_opening_budget_the_published_budget_prints_otherwise_is_reported(corpora):
    _, found = cycle_findings(corpora["differs"])
    assert [(f["severity"], f["cells"], f["message"]) for f in found] == [
        (
            "warning",
            [{"table": "05", "row": "合计", "col": "1"}],
            "情况说明所述“2024年度一般公共预算财政拨款支出年初预算770.18万元”，而2024年度部门预算公开的"
            "一般公共预算支出表 合计 合计印 760.18万元（差 10.00），请核实所述年初预算",
        ),
        (
            "warning",
            [{"table": "05", "row": "201", "col": "1"}],
            "情况说明所述“一般公共服务支出年初预算711.37万元”，而2024年度部门预算公开的"
            "一般公共预算支出表 201 合计印 701.37万元（差 10.00），请核实所述年初预算",
        ),
    ]


def test_without_the_budget_in_the_corpus_one_info(tmp_path):
    db = tmp_path / "语料库.duckdb"
    with Corpus(db) as corpus:
        corpus.ingest([SAMPLE])
    _, found = cycle_findings(db)
    assert [(f["severity"], f["message"]) for f in found] == [
        ("info", f"无法核对：语料库中没有“{UNIT}”2024年度的部门预算公开，不能判断{TITLE}")
    ]


def test_the_corpus_sets_budget_and_actual_side_by_side(corpora):
    """The 一般公共预算 budget (预算05 合计) beside the 决算 (公开05表 合计): 1126.92 ÷ 770.18 =
    146.32%, the completion the sample's 第三部分 states."""
    with Corpus(corpora["agrees"], read_only=True) as corpus:
        result = corpus.compare("budget-actual")
    assert [(row[0], row[1], *map(str, row[2:5])) for row in result.rows] == [
        (UNIT, 2024, "770.18", "1126.92", "146.32")
    ]
