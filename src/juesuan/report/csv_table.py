"""`--format csv`: one row per finding, errors first, under Chinese headers; UTF-8 with a byte
order mark, so that Excel opens it as Chinese text."""

from __future__ import annotations

import csv
import io

from juesuan.report import Report, ordered
from juesuan.report.locations import finding_row, place_heading

BOM = "\ufeff"


def headers(place: str) -> tuple[str, ...]:
    return ("序号", "严重程度", "规则编号", "规则名称", "位置", place, "问题", "涉及单元格")


def report_csv(report: Report) -> str:
    return BOM + findings_csv(report.disclosure, report.findings)


def findings_csv(disclosure, findings) -> str:
    """The CSV's text without the byte order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = headers(place_heading(disclosure))
    writer.writerow(columns)
    for number, finding in enumerate(ordered(findings), 1):
        row = {"序号": str(number), **finding_row(disclosure, finding)}
        writer.writerow([row[column] for column in columns])
    return buffer.getvalue()
