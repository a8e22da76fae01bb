"""A unit's disclosure of another year, looked up in a corpus database (N-last-year's last year).

The unit is matched by its name without spaces. Several files of that unit and year (a corrected
one published after the first) are all returned, the one with the fewest errors first, then the
one ingested last: a figure is then an error only when it agrees with none of them. Looked up once
per (database, unit, year) in a process.
"""

from __future__ import annotations

from functools import lru_cache

from juesuan.model.tidy import TidyCell

FIND = """SELECT d.sha256, d.unit, f.path, {money_unit} FROM disclosures d JOIN files f ON f.sha256 = d.sha256
    WHERE d.year = ? AND regexp_replace(d.unit, '\\s+', '', 'g') = ?
    AND {kind} EXISTS (SELECT 1 FROM cells b WHERE b.sha256 = d.sha256 AND starts_with(b."table", '预算'))
    ORDER BY d.errors, f.ingested_at DESC, d.sha256"""
CELLS = """SELECT "table", "row", col, value, coalesce(item, ''), coalesce("column", '') FROM cells
    WHERE sha256 = ? ORDER BY "table", "row", col"""


@lru_cache(maxsize=64)
def published_years(corpus: str, unit: str, year: int, kind: str = "决算"):
    """The `PublishedYear`s of `unit` (its name without spaces) in `year`, its 决算 or its 预算
    (a disclosure whose tables are 预算NN), or () when the corpus holds none (or cannot be
    opened: then nothing is known of that year)."""
    import duckdb

    try:
        connection = duckdb.connect(corpus, read_only=True)
    except duckdb.Error:
        return ()
    try:
        return published_on(connection, unit, year, kind)
    finally:
        connection.close()


def published_on(connection, unit: str, year: int, kind: str = "决算") -> tuple:
    """`published_years` on a connection already open (the web app's own)."""
    import re

    from juesuan.rules.outside import PublishedYear

    columns = {row[1] for row in connection.execute("PRAGMA table_info('disclosures')").fetchall()}
    # a database made before the column was added: the unit is not known
    money_unit = "d.money_unit" if "money_unit" in columns else "NULL"
    find = FIND.format(money_unit=money_unit, kind="" if kind == "预算" else "NOT")
    found = []
    for sha, name, path, unit_of_money in connection.execute(
        find, [year, re.sub(r"\s+", "", unit)]
    ).fetchall():
        cells = tuple(TidyCell(*row) for row in connection.execute(CELLS, [sha]).fetchall())
        found.append(PublishedYear(name, year, cells, f"{path}", unit_of_money, kind))
    return tuple(found)
