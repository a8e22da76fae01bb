"""Ingesting checked files into the corpus, in bulk and idempotently.

Files are hashed first; a hash already in ``files`` (or twice in one run) is skipped, so ingesting
the same files again adds nothing. The rest are read and checked by `juesuan.batch` (locally or on
Dask) and inserted in batches: each table's rows are collected as columns, registered with DuckDB
as a dict of NumPy arrays and copied with one ``INSERT … SELECT`` (row-by-row ``executemany`` is
some thousand times slower).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from juesuan.batch import FileResult, Progress, check_files, sha256_of
from juesuan.store.schema import COLUMNS, SELECTS, TABLES, TARGETS

FLUSH_EVERY = 500  # files per INSERT batch
METADATA = (
    "region",
    "level",
    "rank",
    "unit_kind",
    "staff",
    "money_unit",
)  # `juesuan.store.metadata.unit_metadata`


@dataclass(frozen=True)
class IngestReport:
    added: int
    skipped: int  # already in the corpus (same content), or given twice
    unreadable: int

    def __str__(self) -> str:
        return f"新增 {self.added} 个文件，跳过已入库 {self.skipped} 个，其中无法读取 {self.unreadable} 个"


def pending(connection, paths: Iterable[Path]) -> list[Path]:
    """The paths whose content is not in the corpus yet (the first of files with equal content)."""
    known = {sha for (sha,) in connection.execute("SELECT sha256 FROM files").fetchall()}
    fresh: list[Path] = []
    for path in paths:
        try:
            digest = sha256_of(path.read_bytes())
        except OSError:
            digest = f"unreadable:{path}"
        if digest not in known:
            known.add(digest)
            fresh.append(path)
    return fresh


def ingest(
    connection,
    paths: Sequence[Path],
    jobs: int = 1,
    scheduler: object = None,
    progress: Progress | None = None,
) -> IngestReport:
    fresh = pending(connection, paths)
    batch = Batch()
    added = unreadable = 0
    for result in check_files(fresh, jobs=jobs, scheduler=scheduler, cells=True, progress=progress):
        batch.add(result)
        added += 1
        unreadable += result.unreadable
        if batch.files >= FLUSH_EVERY:
            batch.flush(connection)
    batch.flush(connection)
    return IngestReport(added, len(paths) - len(fresh), unreadable)


def template_kind(name: str) -> str:
    """决算 or 预算: the kind of the template a file was read under (决算 for a name none has)."""
    from juesuan.catalogue.templates import FINAL, templates

    found = templates().get(name)
    return found.kind if found else FINAL


class Batch:
    """Rows waiting to be inserted, kept as one list per column of each table."""

    def __init__(self) -> None:
        self.columns = {table: {name: [] for name in COLUMNS[table]} for table in TABLES}
        self.files = 0

    def rows(self, table: str, *values: object) -> None:
        for name, value in zip(COLUMNS[table], values, strict=True):
            self.columns[table][name].append(value)

    def add(self, result: FileResult) -> None:
        self.files += 1
        sha = result.sha256 or f"unreadable:{result.path}"
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
        self.rows("files", sha, result.path, result.format or Path(result.path).suffix[1:], now, result.error)
        if result.unreadable:
            return
        counts = (result.errors, result.warnings, result.summary.get("infos", 0))
        meta = tuple(result.unit_metadata.get(key) for key in METADATA)
        kind = template_kind(result.template)
        self.rows(
            "disclosures", sha, result.unit, result.year, result.title, *counts, result.template, *meta, kind
        )
        for figure in result.last_year:
            self.rows("last_year", sha, *figure)
        for cell in result.cells:
            self.rows("cells", sha, *cell)
        for found in result.findings:
            cells = json.dumps(found["cells"], ensure_ascii=False)
            self.rows(
                "findings", sha, found["rule"], found["severity"], found["message"], cells, found["where"]
            )

    def flush(self, connection) -> None:
        """Insert everything collected, one INSERT … SELECT per table, in one transaction."""
        import numpy

        if not self.files:
            return
        connection.execute("BEGIN TRANSACTION")
        try:
            for table in TABLES:
                arrays = {
                    name: numpy.array(values, dtype=object) for name, values in self.columns[table].items()
                }
                if len(arrays[COLUMNS[table][0]]):
                    connection.register("batch", arrays)
                    columns = ", ".join(f'"{name}"' for name in TARGETS[table])
                    connection.execute(f"INSERT INTO {table} ({columns}) {SELECTS[table]}")
                    connection.unregister("batch")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        self.__init__()
