"""The corpus database: four tables, keyed by the SHA-256 of the source file.

- ``files``: every file ingested (readable or not): sha256, path, format, ingested_at, error.
- ``disclosures``: one row per readable file: unit, year, title, its counts of findings and the
  template it was read under (`juesuan templates`).
- ``cells``: the tidy cells (``table``, ``row``, ``col``, ``value`` exactly as printed, ``amount``
  the same as DECIMAL(18,2), ``item``, ``column``). ``table``, ``row`` and ``column`` are SQL
  key words: quote them in queries (``c."table" = '09'``).
- ``findings``: rule, severity, message, the cells as JSON, and where in the source.
- ``decisions``: the reviewer's 已说明 / 不采纳 on findings, by unit, year and concern
  (`juesuan.decisions`; not ingested, so not in `TABLES`).
"""

from __future__ import annotations

DDL = (
    """CREATE TABLE IF NOT EXISTS files (
        sha256 VARCHAR PRIMARY KEY, path VARCHAR, format VARCHAR, ingested_at TIMESTAMP, error VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS disclosures (
        sha256 VARCHAR, unit VARCHAR, year INTEGER, title VARCHAR,
        errors INTEGER, warnings INTEGER, infos INTEGER, template VARCHAR)""",
    # databases made before templates were read: the column is added, empty for their rows
    "ALTER TABLE disclosures ADD COLUMN IF NOT EXISTS template VARCHAR",
    """CREATE TABLE IF NOT EXISTS cells (
        sha256 VARCHAR, "table" VARCHAR, "row" VARCHAR, col VARCHAR, value VARCHAR,
        amount DECIMAL(18, 2), item VARCHAR, "column" VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS findings (
        sha256 VARCHAR, rule VARCHAR, severity VARCHAR, message VARCHAR, cells JSON, "where" VARCHAR)""",
    # the reviewer's decisions (juesuan.decisions): by unit, year and what the finding concerns
    """CREATE TABLE IF NOT EXISTS decisions (
        unit VARCHAR, year INTEGER, rule VARCHAR, concern VARCHAR, verdict VARCHAR, note VARCHAR,
        decided_at TIMESTAMP, message VARCHAR, "where" VARCHAR, PRIMARY KEY (unit, year, concern))""",
)
TABLES = ("files", "disclosures", "cells", "findings")

# Column lists of the batches ingest registers, and how each becomes the table's columns.
SELECTS = {
    "files": "SELECT sha256, path, format, ingested_at::TIMESTAMP, NULLIF(error, '') FROM batch",
    "disclosures": "SELECT sha256, unit, year::INTEGER, title, errors::INTEGER, warnings::INTEGER, "
    "infos::INTEGER, template FROM batch",
    "cells": 'SELECT sha256, "table", "row", col, value, TRY_CAST(value AS DECIMAL(18, 2)), item, '
    '"column" FROM batch',
    "findings": 'SELECT sha256, rule, severity, message, cells::JSON, "where" FROM batch',
}
COLUMNS = {
    "files": ("sha256", "path", "format", "ingested_at", "error"),
    "disclosures": ("sha256", "unit", "year", "title", "errors", "warnings", "infos", "template"),
    "cells": ("sha256", "table", "row", "col", "value", "item", "column"),
    "findings": ("sha256", "rule", "severity", "message", "cells", "where"),
}


def create(connection) -> None:
    for statement in DDL:
        connection.execute(statement)
