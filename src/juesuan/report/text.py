"""`--format text`: the template and reading of each table, then the findings grouped by severity."""

from __future__ import annotations

from juesuan.report import Report


def head(report: Report) -> str:
    """模板：… / 读取： and one line per table."""
    reading = [f"  {line}" for line in report.reading]
    lines = [f"模板：{report.disclosure.template_evidence}", "读取：", *reading]
    return "".join(f"{line}\n" for line in lines)


def report_text(report: Report, style=lambda text, **_: text) -> str:
    from juesuan.rules.report import as_text

    return head(report) + as_text(report.findings, style=style)
