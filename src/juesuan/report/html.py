"""`--format html`: the document as read, each finding's cells marked, the findings beside it;
for a PDF, its pages as published with each finding boxed; in a batch's folder, a link back to
the index on top."""

from __future__ import annotations

from juesuan.report import Report


def report_html(report: Report) -> str:
    from urllib.parse import quote

    from markupsafe import Markup

    from juesuan.render.findings import findings_html

    back = Markup('<p class="back-to-index"><a href="{}">← 返回审核汇总</a></p>').format(quote(report.index))
    header = back if report.index else ""
    return findings_html(report.disclosure, report.findings, header=header, pdf=original_pdf(report))


def original_pdf(report: Report) -> bytes | None:
    """The PDF the report's disclosure was read from, whose pages the report shows; None for
    other sources or a file no longer there."""
    from pathlib import Path

    source = Path(report.source) if report.source else None
    if source is None or report.disclosure.source_format != "pdf" or not source.is_file():
        return None
    return source.read_bytes()
