"""The corpus database: five tables, keyed by the SHA-256 of the source file.

- ``files``: every file ingested (readable or not): sha256, path, format, ingested_at, error.
- ``disclosures``: one row per readable file: unit, year, title, its counts of findings, the
  template it was read under (`juesuan templates`) and its kind (``决算`` or ``预算``, the kind
  of that template).
- ``cells``: the tidy cells (``table``, ``row``, ``col``, ``value`` exactly as printed, ``amount``
  the same as DECIMAL(18,2), ``item``, ``column``). ``table``, ``row`` and ``column`` are SQL
  key words: quote them in queries (``c."table" = '09'``).
- ``findings``: rule, severity, message, the cells as JSON, and where in the source.
- ``disclosures`` also holds the unit's metadata where the document prints it (NULL where it
  does not): region, level (中央/省级/市级/县级), rank (正科级 …), unit_kind, staff, and the
  money_unit its table heads state (万元, 元) (`juesuan.store.metadata`).
- ``last_year``: the narrative's last-year figures, stated or derived (this year's figure less
  the change stated): section, what (the item's words), amount, value (as printed or derived),
  places (its precision), derived, cell (this year's cell(s) of the item, a source expression such
  as ``01[31,1]``; last year's disclosure prints the item at the same address), sentence.
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
    # the unit's metadata (juesuan.store.metadata); added to older databases, NULL for their rows
    "ALTER TABLE disclosures ADD COLUMN IF NOT EXISTS region VARCHAR",
    "ALTER TABLE disclosures ADD COLUMN IF NOT EXISTS level VARCHAR",
    "ALTER TABLE disclosures ADD COLUMN IF NOT EXISTS rank VARCHAR",
    "ALTER TABLE disclosures ADD COLUMN IF NOT EXISTS unit_kind VARCHAR",
    "ALTER TABLE disclosures ADD COLUMN IF NOT EXISTS staff INTEGER",
    "ALTER TABLE disclosures ADD COLUMN IF NOT EXISTS money_unit VARCHAR",
    # 决算 or 预算 (the kind of its template); older databases get the column, NULL for their rows
    "ALTER TABLE disclosures ADD COLUMN IF NOT EXISTS kind VARCHAR",
    """CREATE TABLE IF NOT EXISTS last_year (
        sha256 VARCHAR, section VARCHAR, what VARCHAR, amount DECIMAL(18, 4), value VARCHAR,
        places INTEGER, derived BOOLEAN, cell VARCHAR, sentence VARCHAR)""",
    # the reviewer's decisions (juesuan.decisions): by unit, year and what the finding concerns
    """CREATE TABLE IF NOT EXISTS decisions (
        unit VARCHAR, year INTEGER, rule VARCHAR, concern VARCHAR, verdict VARCHAR, note VARCHAR,
        decided_at TIMESTAMP, message VARCHAR, "where" VARCHAR, PRIMARY KEY (unit, year, concern))""",
)
TABLES = ("files", "disclosures", "cells", "findings", "last_year")

# Column lists of the batches ingest registers, and how each becomes the table's columns.
SELECTS = {
    "files": "SELECT sha256, path, format, ingested_at::TIMESTAMP, NULLIF(error, '') FROM batch",
    "disclosures": "SELECT sha256, unit, year::INTEGER, title, errors::INTEGER, warnings::INTEGER, "
    "infos::INTEGER, template, region, level, rank, unit_kind, staff::INTEGER, money_unit, kind FROM batch",
    "cells": 'SELECT sha256, "table", "row", col, value, TRY_CAST(value AS DECIMAL(18, 2)), item, '
    '"column" FROM batch',
    "findings": 'SELECT sha256, rule, severity, message, cells::JSON, "where" FROM batch',
    "last_year": "SELECT sha256, section, what, TRY_CAST(amount AS DECIMAL(18, 4)), value, "
    "places::INTEGER, derived::BOOLEAN, cell, sentence FROM batch",
}
COLUMNS = {
    "files": ("sha256", "path", "format", "ingested_at", "error"),
    "disclosures": (
        *("sha256", "unit", "year", "title", "errors", "warnings", "infos", "template"),
        *("region", "level", "rank", "unit_kind", "staff", "money_unit", "kind"),
    ),
    "cells": ("sha256", "table", "row", "col", "value", "item", "column"),
    "findings": ("sha256", "rule", "severity", "message", "cells", "where"),
    "last_year": ("sha256", "section", "what", "amount", "value", "places", "derived", "cell", "sentence"),
}
# the columns each table is filled in, by name (a database made before some were added has them
# last); the batch's columns where the table's are the same
TARGETS = {
    **COLUMNS,
    "cells": ("sha256", "table", "row", "col", "value", "amount", "item", "column"),
}


def create(connection) -> None:
    for statement in DDL:
        connection.execute(statement)
