"""What the corpus pages show, read from the corpus database (`juesuan.store`), read-only.

Every value a visitor gives (a unit's name, a year, a question) reaches DuckDB as a query
parameter or is checked against a fixed list; nothing from a request is pasted into SQL.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from juesuan.web.errors import WebError

SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_ROWS = 500


@dataclass(frozen=True)
class Table:
    """Rows for a page: column names, rows, and an optional title and inline SVG chart."""

    columns: list[str]
    rows: list[tuple]
    title: str = ""
    chart: str = ""


def open_corpus(path: Path):
    """The corpus, open for writing (the reviewers' decisions are recorded in it), else read-only
    (a file the server may not write, or one another program is writing): the pages only read."""
    from juesuan.store import Corpus

    if not Path(path).is_file():
        raise ValueError(f"语料库数据库文件不存在：{path}")
    try:
        return Corpus(path)
    except Exception:  # DuckDB's own errors: read-only file, locked by a writer, another version
        pass
    try:
        return Corpus(path, read_only=True)
    except Exception as error:
        raise ValueError(f"无法打开语料库数据库 {path}：{error}") from None


def overview(corpus, unit: str | None, year: int | None) -> dict[str, object]:
    """Counts, the years and the units (filtered by part of a unit's name and a year)."""
    filters = "($unit IS NULL OR contains(unit, $unit)) AND ($year IS NULL OR year = $year)"
    units = corpus.query(
        f"""SELECT unit AS 单位, string_agg(DISTINCT year::VARCHAR, '、' ORDER BY year::VARCHAR) AS 年度,
            count(*) AS 文件数, sum(errors) AS 错误, sum(warnings) AS 警告
        FROM disclosures WHERE {filters} GROUP BY unit ORDER BY unit LIMIT {MAX_ROWS}""",
        {"unit": unit, "year": year},
    )
    years = corpus.query(
        """SELECT year AS 年度, count(DISTINCT unit) AS 单位数, count(*) AS 文件数, sum(errors) AS 错误
        FROM disclosures GROUP BY year ORDER BY year DESC NULLS LAST"""
    )
    return {"counts": corpus.counts(), "units": _table(units), "years": _table(years)}


def unit_view(corpus, unit: str) -> dict[str, object]:
    """A unit's disclosures by year, and its rows of the compare questions with charts."""
    disclosures = corpus.query(
        """SELECT sha256, year AS 年度, title AS 标题, errors AS 错误, warnings AS 警告, infos AS 提示
        FROM disclosures WHERE unit = $unit ORDER BY year DESC NULLS LAST""",
        {"unit": unit},
    )
    if not disclosures.rows:
        raise WebError(404, f"语料库中没有这个单位：{unit}")
    comparisons = [compare_view(corpus, q, None, unit, 50) for q in ("three-public", "running-costs")]
    return {"disclosures": _table(disclosures), "comparisons": comparisons}


def compare_view(corpus, question: str, year: int | None, unit: str | None, limit: int) -> Table:
    from juesuan.store.compare import QUESTIONS

    if question not in QUESTIONS:
        raise WebError(404, f"没有这个比较项目：{question}（可选：{'、'.join(QUESTIONS)}）")
    result = corpus.compare(question, year=year, unit=unit, limit=limit)
    chart = _chart(corpus, question, result) if result.rows else ""
    return Table(result.columns, result.rows, result.title, chart)


def disclosure_view(corpus, sha256: str) -> dict[str, object]:
    if not SHA256.match(sha256):
        raise WebError(404, "文件编号应为 64 位十六进制 SHA-256")
    found = corpus.query(
        """SELECT d.unit, d.year, d.title, f.path, f.format, f.ingested_at FROM disclosures d
        JOIN files f ON f.sha256 = d.sha256 WHERE d.sha256 = $sha""",
        {"sha": sha256},
    )
    if not found.rows:
        raise WebError(404, "语料库中没有这个文件")
    findings = corpus.query(
        """SELECT severity AS 严重程度, rule AS 规则, message AS 说明, "where" AS 位置 FROM findings
        WHERE sha256 = $sha ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END""",
        {"sha": sha256},
    )
    cells = corpus.query(
        """SELECT "table" AS 表, "row" AS 行, col AS 栏, value AS 数值, item AS 项目, "column" AS 栏目
        FROM cells WHERE sha256 = $sha ORDER BY "table", rowid""",
        {"sha": sha256},
    )
    return {"meta": found.records()[0], "findings": _table(findings), "cells": _table(cells)}


def _chart(corpus, question: str, result) -> str:
    """The question's bar chart as inline SVG (drawn into a temporary folder, then read)."""
    with tempfile.TemporaryDirectory(prefix="juesuan-chart-") as folder:
        path = corpus.chart(question, result, folder, fmt="svg")
        svg = Path(path).read_text(encoding="utf-8")
    return svg[svg.find("<svg") :]


def _table(result) -> Table:
    return Table(result.columns, result.rows)


def outside_facts(corpus, disclosure):
    """What the corpus tells the review of an upload, as `juesuan check --corpus` takes it: the
    units and years it holds (P-units-covered), the unit's disclosures of the year before
    (N-last-year) and its 预算 of the same year (X-budget-published). Read here, on the app's own
    connection, and handed to the worker process (which cannot open the database the app holds
    open)."""
    from juesuan.rules.outside import EarlierYears, OutsideFacts
    from juesuan.store.years import published_on

    rows = corpus.connection.execute("SELECT DISTINCT unit, year FROM disclosures").fetchall()
    known = ()
    if disclosure.unit and disclosure.year:
        last_year = published_on(corpus.connection, disclosure.unit, disclosure.year - 1)
        budget = published_on(corpus.connection, disclosure.unit, disclosure.year, "预算")
        known = last_year + budget
    return OutsideFacts(corpus_units=frozenset(rows), earlier=EarlierYears(known=known))
