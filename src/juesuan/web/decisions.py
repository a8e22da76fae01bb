"""Decisions on findings as the review page records and shows them (`juesuan.decisions`: kept in
the corpus database by unit, year, rule and what the finding concerns), and what changed since
the previous upload of the same unit and year.

Decisions need a corpus opened for writing (`juesuan serve --db`): without one the page says so
and records none. Everything here runs in a worker thread under the engine lock
(`juesuan.web.jobs.run_job`): the corpus connection is the app's one DuckDB connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from juesuan.web.errors import WebError

if TYPE_CHECKING:
    from juesuan.decisions import Changes, Decision
    from juesuan.web.reviewing import Kept

NO_CORPUS = "记录审核意见（已说明、不采纳）需要语料库：请以 juesuan serve --db 语料库.duckdb 启动服务"
READ_ONLY = "语料库数据库只能以只读方式打开（文件只读或正被其他程序写入），不能记录审核意见"
NO_UNIT = "未能从文件中读出单位名称或年度，不能记录审核意见"


@dataclass(frozen=True)
class Status:
    """Whether decisions can be recorded here, the verdicts offered, and why not when they cannot."""

    available: bool
    verdicts: tuple[str, ...]
    reason: str = ""


def status(state, disclosure=None) -> Status:
    from juesuan.decisions import VERDICTS

    if state.corpus is None:
        return Status(False, VERDICTS, NO_CORPUS)
    if not writable(state.corpus):
        return Status(False, VERDICTS, READ_ONLY)
    if disclosure is not None and (not disclosure.unit or disclosure.year is None):
        return Status(False, VERDICTS, NO_UNIT)
    return Status(True, VERDICTS)


def writable(corpus) -> bool:
    mode = corpus.connection.execute("SELECT current_setting('access_mode')").fetchone()
    return bool(mode) and mode[0] != "read_only"


def of(state, disclosure) -> dict[str, Decision]:
    """The decisions recorded on this unit and year, by what each finding concerns."""
    from juesuan.decisions import Decisions

    if state.corpus is None:
        return {}
    return Decisions(state.corpus).of(disclosure)


def record(state, kept: Kept, number: int, verdict: str, note: str) -> Decision:
    """Record a decision on finding `number` (from 1, the report's order) of a kept review."""
    from juesuan.decisions import DecisionError, Decisions

    said = status(state, kept.disclosure)
    if not said.available:
        raise WebError(409, said.reason)
    if not 1 <= number <= len(kept.findings):
        raise WebError(404, f"没有第 {number} 条问题")
    try:
        return Decisions(state.corpus).record(kept.disclosure, kept.findings[number - 1], verdict, note)
    except DecisionError as error:
        raise WebError(422, str(error)) from None


def compare(previous: Kept, current: Kept) -> Changes:
    """The findings fixed, new and remaining in the current upload against the previous one."""
    from juesuan.decisions import changes

    return changes(previous.findings, current.findings, previous.disclosure, current.disclosure)
