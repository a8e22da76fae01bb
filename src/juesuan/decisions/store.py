"""The reviewer's decisions, kept in the corpus database's ``decisions`` table.

One row per unit, year and concern (`concern.concern`): marking the same concern again replaces
the row, and a resubmission of the same unit and year finds it again, wherever its lines moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from juesuan.decisions.concern import concern
from juesuan.rules.findings import Finding

VERDICTS = ("已说明", "不采纳")  # the unit explained it (accepted) / the explanation is not accepted
TABLE = "decisions"
COLUMNS = ("unit", "year", "rule", "concern", "verdict", "note", "decided_at", "message", "where")


class DecisionError(ValueError):
    """A decision that cannot be recorded (unknown verdict, no unit or year): a Chinese message."""


@dataclass(frozen=True)
class Decision:
    unit: str
    year: int
    rule: str
    concern: str
    verdict: str
    note: str
    decided_at: datetime  # UTC, without time zone (as the corpus stores times)
    message: str = ""  # the finding's message and place when it was decided, for the record
    where: str = ""


class Decisions:
    """The decisions stored in a corpus (`juesuan.store.Corpus`; writable to record)."""

    def __init__(self, corpus) -> None:
        self.corpus = corpus

    def record(self, disclosure, finding: Finding, verdict: str, note: str = "") -> Decision:
        """Mark `finding` of `disclosure`; replaces an earlier decision on the same concern."""
        if verdict not in VERDICTS:
            raise DecisionError(f"处理意见只能是{'或'.join(VERDICTS)}，不是“{verdict}”")
        unit, year = identity(disclosure)
        decided_at = datetime.now(UTC).replace(tzinfo=None)
        decision = Decision(
            unit, year, finding.rule, concern(finding, disclosure), verdict, note.strip(), decided_at,
            finding.message, finding.where,
        )  # fmt: skip
        names = ", ".join(f'"{name}"' for name in COLUMNS)
        updates = ", ".join(f'"{name}" = excluded."{name}"' for name in COLUMNS[4:])
        self.corpus.connection.execute(
            f"INSERT INTO {TABLE} ({names}) VALUES ({', '.join('?' * len(COLUMNS))}) "
            f"ON CONFLICT (unit, year, concern) DO UPDATE SET {updates}",
            [getattr(decision, name) for name in COLUMNS],
        )
        return decision

    def forget(self, disclosure, finding: Finding) -> bool:
        """Remove the decision on `finding`'s concern; False when there was none."""
        unit, year = identity(disclosure)
        removed = self.corpus.connection.execute(
            f"DELETE FROM {TABLE} WHERE unit = ? AND year = ? AND concern = ? RETURNING concern",
            [unit, year, concern(finding, disclosure)],
        ).fetchall()
        return bool(removed)

    def of(self, disclosure) -> dict[str, Decision]:
        """The decisions for this disclosure's unit and year, by concern (none in an older corpus)."""
        if not disclosure.unit or disclosure.year is None or not self._stored():
            return {}
        names = ", ".join(f'"{name}"' for name in COLUMNS)
        rows = self.corpus.connection.execute(
            f"SELECT {names} FROM {TABLE} WHERE unit = ? AND year = ? ORDER BY decided_at",
            [disclosure.unit, disclosure.year],
        ).fetchall()
        return {row[3]: Decision(*row) for row in rows}

    def _stored(self) -> bool:
        """Whether the table exists (a corpus opened read-only may predate it)."""
        found = self.corpus.connection.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [TABLE]
        ).fetchone()
        return bool(found and found[0])


def identity(disclosure) -> tuple[str, int]:
    """The unit and year a decision is filed under; a disclosure lacking either cannot have one."""
    if not disclosure.unit or disclosure.year is None:
        raise DecisionError("未能从文件中读出单位名称或年度，无法记录处理意见")
    return disclosure.unit, disclosure.year
