"""The DuckDB corpus: idempotent ingest, tidy cells, the compare questions, charts and Parquet."""

from __future__ import annotations

import shutil
import subprocess
import sys
import warnings
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SAMPLE

from juesuan.store import Corpus
from juesuan.synth import synthesize, write_synthetic

SEEDS = range(700, 706)


def juesuan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus-files")
    write_synthetic(len(SEEDS), root, seed=SEEDS[0])
    shutil.copy(SAMPLE, root / "sample.txt")
    (root / "broken.txt").write_text("不是决算公开", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def corpus(files: Path, tmp_path_factory: pytest.TempPathFactory):
    with Corpus(tmp_path_factory.mktemp("db") / "corpus.duckdb") as store:
        store.ingest([files], jobs=2)
        yield store


def amount(store: Corpus, unit: str, table: str, row: str, col: str) -> Decimal | None:
    found = store.query(
        "SELECT c.amount FROM cells c JOIN disclosures d USING (sha256) "
        'WHERE d.unit = ? AND c."table" = ? AND c."row" = ? AND c.col = ?',
        [unit, table, row, col],
    ).rows
    return found[0][0] if found else None


def test_ingest_stores_files_disclosures_cells_and_findings(corpus: Corpus):
    counts = corpus.counts()
    assert counts["files"] == len(SEEDS) + 2 and counts["disclosures"] == len(SEEDS) + 1
    errors = corpus.query(
        "SELECT rule, severity FROM findings WHERE severity <> 'info' ORDER BY severity, rule"
    ).rows
    # the sample's 7.55 against 7.54, and its 部门决算表 under a 单位决算 cover; synthetic ones are clean
    assert errors == [
        ("N-amount", "error"),
        ("P-unit-or-department", "warning"),
        ("P-unit-or-department", "warning"),
    ]
    unreadable = corpus.query("SELECT path, error FROM files WHERE error IS NOT NULL").rows
    assert len(unreadable) == 1 and unreadable[0][0].endswith("broken.txt")


def test_cells_keep_the_printed_text_and_the_exact_amount(corpus: Corpus):
    sample = corpus.query(
        'SELECT value, amount, item, "column" FROM cells JOIN disclosures USING (sha256) '
        "WHERE unit = '大同市政务服务中心' AND \"table\" = '01' AND \"row\" = '31'"
    ).rows
    assert sample == [("1134.08", Decimal("1134.08"), "总计", "金额")]


def test_ingesting_again_adds_nothing(corpus: Corpus, files: Path, tmp_path: Path):
    """Same files again, and a copy under another name: the same content is stored once."""
    before = corpus.counts()
    copy = shutil.copy(SAMPLE, tmp_path / "另一个名字.txt")
    report = corpus.ingest([files, copy])
    assert (report.added, report.skipped) == (0, len(SEEDS) + 3)
    assert corpus.counts() == before


def test_three_public_by_unit_and_year(corpus: Corpus):
    result = corpus.compare("three-public", limit=100)
    assert result.columns[:4] == ["单位", "年度", "预算数", "决算数"]
    expected = {}
    for seed in SEEDS:
        disclosure = synthesize(seed).disclosure
        table = disclosure.table("09")
        if not table.is_empty:
            expected[(disclosure.unit, disclosure.year)] = table.figure("1", "7").value
    assert {(row[0], row[1]): row[3] for row in result.rows} == expected
    assert [row[3] for row in result.rows] == sorted((row[3] for row in result.rows), reverse=True)


def test_running_costs_by_unit_and_year(corpus: Corpus):
    rows = {(row[0], row[1]): row[2:] for row in corpus.compare("running-costs", limit=100).rows}
    assert rows[("大同市政务服务中心", 2024)] == (Decimal("15.57"), Decimal("15.57"), Decimal("204.29"))
    for seed in SEEDS:
        disclosure = synthesize(seed).disclosure
        public_use = disclosure.table("06").figure("公用经费合计", "决算数").value
        assert rows[(disclosure.unit, disclosure.year)][:2] == (public_use, public_use)


def test_structure_by_class_adds_up(corpus: Corpus):
    result = corpus.compare("structure", limit=100)
    rows = {row[0]: row for row in result.rows}
    spent = corpus.query(
        "SELECT sum(amount) FROM cells WHERE \"table\" = '03' AND \"row\" = '合计' AND col = '1'"
    ).rows[0][0]
    assert sum(row[3] for row in result.rows) == spent
    assert rows["208"][1] == "社会保障和就业支出" and rows["208"][2] == len(SEEDS) + 1
    assert sum(row[6] for row in result.rows) == pytest.approx(100, abs=0.1)


def test_units_with_most_errors(corpus: Corpus):
    assert corpus.compare("errors").rows == [("大同市政务服务中心", 2024, 1, 2, "N-amount×1")]
    assert corpus.compare("three-public", year=1999).rows == []
    assert all("政务" in row[0] for row in corpus.compare("running-costs", unit="政务").rows)


def test_charts_are_drawn_with_a_cjk_font(corpus: Corpus, tmp_path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph warns: fail on it
        for question, fmt in (("three-public", "png"), ("structure", "svg")):
            path = corpus.chart(question, corpus.compare(question), tmp_path, fmt)
            assert path.stat().st_size > 1000
    assert (tmp_path / "structure.svg").read_text(encoding="utf-8").startswith("<?xml")


def test_export_parquet_round_trips(corpus: Corpus, tmp_path: Path):
    written = corpus.export_parquet(tmp_path)
    assert [path.name for path in written] == [
        "files.parquet",
        "disclosures.parquet",
        "cells.parquet",
        "findings.parquet",
        "last_year.parquet",
    ]
    cells = tmp_path / "cells.parquet"
    assert (
        corpus.query(f"SELECT count(*) FROM read_parquet('{cells}')").rows[0][0] == corpus.counts()["cells"]
    )


def test_corpus_commands(files: Path, tmp_path: Path):
    db = str(tmp_path / "cli.duckdb")
    done = juesuan("corpus", "ingest", str(files / "*.txt"), "--db", db, "--jobs", "2")
    assert done.returncode == 0, done.stderr.decode()
    assert "新增 8 个文件" in done.stderr.decode()
    query = juesuan("corpus", "query", "SELECT count(*) AS n FROM disclosures", "--db", db, "--format", "csv")
    assert query.stdout.decode().splitlines() == ["n", str(len(SEEDS) + 1)]
    compare = juesuan("corpus", "compare", "errors", "--db", db, "--chart", str(tmp_path / "charts"))
    assert "大同市政务服务中心" in compare.stdout.decode() and (tmp_path / "charts" / "errors.png").exists()
    export = juesuan("corpus", "export", "--parquet", str(tmp_path / "pq"), "--db", db)
    assert export.returncode == 0 and (tmp_path / "pq" / "findings.parquet").exists()
    bad = juesuan("corpus", "query", "SELECT nonsense FROM nowhere", "--db", db)
    assert bad.returncode == 2 and "查询出错" in bad.stderr.decode()
    assert juesuan("corpus", "query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")).returncode == 2
