"""`--format json`: the findings, their counts, the template and the reading of each table."""

from __future__ import annotations

from juesuan.report import Report


def report_json(report: Report) -> str:
    from juesuan.rules.report import report_json as as_json

    return as_json(report.disclosure, report.problems, report.findings)
