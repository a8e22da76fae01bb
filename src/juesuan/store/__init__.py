"""The corpus: checked disclosures as tidy data in an embedded DuckDB database.

    with Corpus("corpus.duckdb") as corpus:
        corpus.ingest(["公开/"], jobs=2)       # idempotent: a file already in (same SHA-256) is skipped
        corpus.compare("three-public", year=2024)
        corpus.query('SELECT count(*) FROM cells WHERE "table" = ?', ["09"])
        corpus.export_parquet("导出/")

Tables: files, disclosures (with the unit's metadata), cells, findings, last_year (the narrative's
last-year figures), decisions (see `schema`); questions: `compare.QUESTIONS`, three of them across
years (per-head, running-costs-years, both-years).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from juesuan.store.compare import QUESTIONS, parameters
from juesuan.store.ingest import IngestReport
from juesuan.store.schema import TABLES, create

DEFAULT_DB = "corpus.duckdb"


@dataclass(frozen=True)
class Result:
    """A query's result: column names and rows (values as DuckDB returns them: Decimal, int, str)."""

    columns: list[str]
    rows: list[tuple]
    title: str = ""

    def records(self) -> list[dict[str, object]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class Corpus:
    """A corpus database (created on first use); close it, or use it in a ``with`` block."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        import duckdb

        self.path = Path(path)
        self.connection = duckdb.connect(str(path), read_only=read_only)
        if not read_only:
            create(self.connection)

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def ingest(
        self,
        inputs: Iterable[str | Path],
        jobs: int = 1,
        scheduler: object = None,
        progress: Callable[[], None] | None = None,
    ) -> IngestReport:
        """Read, check and store files, folders or glob patterns; files already stored are skipped."""
        from juesuan.batch import expand
        from juesuan.store.ingest import ingest

        paths = expand(str(item) for item in inputs)
        return ingest(self.connection, paths, jobs=jobs, scheduler=scheduler, progress=progress)

    def query(self, sql: str, params: Sequence | dict | None = None) -> Result:
        """Any SQL over the tables, with ``?`` or ``$name`` parameters."""
        cursor = self.connection.execute(sql, params)
        columns = [column[0] for column in cursor.description or ()]
        return Result(columns, cursor.fetchall() if columns else [])

    def compare(
        self, question: str, year: int | None = None, unit: str | None = None, limit: int = 20
    ) -> Result:
        """One of `QUESTIONS` (three-public, running-costs, structure, errors, per-head,
        running-costs-years, both-years), filtered."""
        if question not in QUESTIONS:
            raise ValueError(f"未知的比较项目：{question}（可选：{'、'.join(QUESTIONS)}）")
        found = self.query(QUESTIONS[question].sql, parameters(year, unit, limit))
        return Result(found.columns, found.rows, QUESTIONS[question].title)

    def chart(self, question: str, result: Result, folder: str | Path, fmt: str = "png") -> Path:
        """The result of `compare` as a bar chart, written to folder/<question>.<fmt>."""
        from juesuan.store.charts import bar_chart

        return bar_chart(QUESTIONS[question], result.columns, result.rows, Path(folder) / f"{question}.{fmt}")

    def export_parquet(self, folder: str | Path) -> list[Path]:
        """Every table as folder/<table>.parquet (DuckDB's COPY … TO … (FORMAT PARQUET))."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for table in TABLES:
            path = folder / f"{table}.parquet"
            target = str(path).replace("'", "''")
            self.connection.execute(f"COPY (SELECT * FROM {table}) TO '{target}' (FORMAT PARQUET)")
            written.append(path)
        return written

    def counts(self) -> dict[str, int]:
        return {
            table: self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES
        }


__all__ = ["DEFAULT_DB", "Corpus", "IngestReport", "Result"]
