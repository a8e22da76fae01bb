"""`--format html`: the document as read, each finding's cells marked, the findings beside it;
in a batch's folder, a link back to the index on top."""

from __future__ import annotations

from juesuan.report import Report


def report_html(report: Report) -> str:
    from urllib.parse import quote

    from markupsafe import Markup

    from juesuan.render.findings import findings_html

    back = Markup('<p class="back-to-index"><a href="{}">← 返回审核汇总</a></p>').format(quote(report.index))
    return findings_html(report.disclosure, report.findings, header=back if report.index else "")
