"""A unit's disclosure of another year, looked up in a corpus database (N-last-year's last year).

The unit is matched by its name without spaces; of several files of that unit and year (a
corrected one published after the first), the one with the fewest errors, then the one ingested
last. Looked up once per (database, unit, year) in a process.
"""

from __future__ import annotations

from functools import lru_cache

from juesuan.model.tidy import TidyCell

FIND = """SELECT d.sha256, d.unit, f.path FROM disclosures d JOIN files f ON f.sha256 = d.sha256
    WHERE d.year = ? AND regexp_replace(d.unit, '\\s+', '', 'g') = ?
    ORDER BY d.errors, f.ingested_at DESC, d.sha256 LIMIT 1"""
CELLS = """SELECT "table", "row", col, value, coalesce(item, ''), coalesce("column", '') FROM cells
    WHERE sha256 = ? ORDER BY "table", "row", col"""


@lru_cache(maxsize=64)
def published_year(corpus: str, unit: str, year: int):
    """The `PublishedYear` of `unit` (its name without spaces) in `year`, or None when the corpus
    holds none (or cannot be opened: then nothing is known of last year)."""
    import duckdb

    from juesuan.rules.outside import PublishedYear

    try:
        connection = duckdb.connect(corpus, read_only=True)
    except duckdb.Error:
        return None
    try:
        found = connection.execute(FIND, [year, unit]).fetchone()
        if found is None:
            return None
        sha, name, path = found
        cells = tuple(TidyCell(*row) for row in connection.execute(CELLS, [sha]).fetchall())
    finally:
        connection.close()
    return PublishedYear(name, year, cells, f"{path}")
