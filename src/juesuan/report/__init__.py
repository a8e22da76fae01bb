"""A check's report and the formats it is written in.

`check_path` (or `check_disclosure` for a disclosure already read) is the one check step: it
reads, runs the rules (`rules.report.review`) and returns a `Report` (the disclosure, what its
reading noted, the findings, the reading of each table, the template and the day of review).
Every output is written from a Report by a `Format` of the registry `FORMATS`: text, json, html,
csv, docx (the letter back to the unit) and xlsx. A format's writer lives in a module of its own,
imported only when that format is written, so `juesuan --help` never loads python-docx or openpyxl.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from juesuan.model import Disclosure, Problem
    from juesuan.rules.findings import Finding


@dataclass(frozen=True)
class Report:
    """One disclosure's check: what every output format writes."""

    disclosure: Disclosure
    problems: tuple[Problem, ...]
    findings: tuple[Finding, ...]
    source: str = ""  # the file's name as given
    reviewed_on: date = field(default_factory=date.today)
    index: str = ""  # in a batch's folder: the index the report links back to (审核汇总.html)

    @property
    def reading(self) -> list[str]:
        """One line per table read: its rows, figures and the lines not placed."""
        from juesuan.rules.report import reading_quality

        return reading_quality(self.disclosure.tables, self.problems)

    @property
    def template(self) -> dict[str, str]:
        return {"name": self.disclosure.template, "evidence": self.disclosure.template_evidence}

    @property
    def summary(self) -> dict[str, int]:
        from juesuan.rules.report import summary

        return summary(self.findings)

    @property
    def file_name(self) -> str:
        return Path(self.source).name if self.source else ""


def check_disclosure(
    disclosure: Disclosure, problems: Iterable[Problem], source: str = "", index: str = ""
) -> Report:
    """The report of a disclosure already read with these problems."""
    from juesuan.rules.report import review

    problems = tuple(problems)
    found = tuple(review(disclosure, problems))
    return Report(disclosure, problems, found, str(source), index=index)


def check_path(path: str | Path) -> Report:
    """Read and check one file; `juesuan.sources.SourceError` when it cannot be read."""
    from juesuan.sources import read_path

    return check_disclosure(*read_path(path), source=str(path))


@dataclass(frozen=True)
class Format:
    """An output format: its name, file suffix, whether it is bytes, and its writer
    (``module:function`` in this package, taking a Report)."""

    name: str
    suffix: str
    binary: bool
    writer: str
    title: str

    def write(self, report: Report) -> bytes:
        """The report in this format, as the bytes of its file (text in UTF-8)."""
        module, _, function = self.writer.partition(":")
        written = getattr(importlib.import_module(f"juesuan.report.{module}"), function)(report)
        return written if isinstance(written, bytes) else written.encode("utf-8")


FORMATS: dict[str, Format] = {
    each.name: each
    for each in (
        Format("text", ".txt", False, "text:report_text", "分组文本"),
        Format("json", ".json", False, "json_report:report_json", "机器可读 JSON"),
        Format("html", ".html", False, "html:report_html", "标出问题单元格的网页"),
        Format("csv", ".csv", False, "csv_table:report_csv", "问题清单 CSV（中文表头，Excel 可直接打开）"),
        Format("docx", ".docx", True, "letter:report_docx", "审核意见函（Word），可发回单位填写说明"),
        Format("xlsx", ".xlsx", True, "workbook:report_xlsx", "问题清单（Excel），带筛选"),
    )
}
PER_FILE = ("html", "csv", "docx", "xlsx")  # formats a batch writes one file of for each input


def ordered(findings: Sequence[Finding]) -> list[Finding]:
    """Errors, then warnings, then infos; each group in the order found."""
    from juesuan.rules.findings import Severity

    rank = {severity: index for index, severity in enumerate(Severity)}
    return sorted(findings, key=lambda finding: rank[finding.severity])
