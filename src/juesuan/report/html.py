"""`--format html`: the document as read, each finding's cells marked, the findings beside it."""

from __future__ import annotations

from juesuan.report import Report


def report_html(report: Report) -> str:
    from juesuan.render.findings import findings_html

    return findings_html(report.disclosure, report.findings)
