"""`--format docx`: the review's letter back to the unit (审核意见), a Word document a finance
bureau can send as it is or after adding its letterhead.

It names the unit, the year, the file and the day of review; counts the findings; then lists the
errors and then the warnings, each in a table row with the page as printed, what it concerns, the
rule's Chinese title, the message and an empty column for the unit's reply (单位说明). Infos (提示:
facts the file cannot show, numbers without a source) ask the unit for nothing and are counted,
not listed: the letter asks only what the unit must answer.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from juesuan.report import Report
from juesuan.report.locations import location, place, place_heading, rule_title
from juesuan.rules.findings import Finding, Severity

REPLY = "单位说明"
WIDTHS_MM = (9, 20, 32, 28, 50, 31)  # 序号, 页码, 位置, 审核事项, 问题, 单位说明: 170 mm
LISTED = ((Severity.ERROR, "错误", "须改正"), (Severity.WARNING, "警告", "请核实，确属特殊情况的予以说明"))
NUMERALS = "一二三四五六七八九十"


def title(report: Report) -> str:
    disclosure = report.disclosure
    year = f"{disclosure.year}年度" if disclosure.year else ""
    return f"关于{disclosure.unit or '贵单位'}{year}决算公开文件的审核意见"


def day(report: Report) -> str:
    on = report.reviewed_on
    return f"{on.year}年{on.month}月{on.day}日"


def report_docx(report: Report) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from juesuan.render.docx_style import new_document, page_numbers

    document = new_document()
    _margins(document.sections[0])
    page_numbers(document.sections[0])
    document.add_heading(title(report), level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(f"{report.disclosure.unit or '报送单位'}：")
    document.add_paragraph(_opening(report)).paragraph_format.first_line_indent = _chars(2)
    _particulars(document, report)
    for number, (severity, name, ask) in enumerate(LISTED):
        found = [f for f in report.findings if f.severity == severity]
        document.add_heading(f"{NUMERALS[number]}、{name}（{len(found)} 个，{ask}）", level=2)
        if found:
            _findings_table(document, report, found)
        else:
            document.add_paragraph(f"未发现{name}。")
    _closing(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _opening(report: Report) -> str:
    counts = report.summary
    infos = f"另有 {counts['infos']} 条提示不要求答复，未列入本意见。" if counts["infos"] else ""
    return (
        f"经审核你单位报送的决算公开文件《{report.file_name or title(report)}》，"
        f"共发现错误 {counts['errors']} 个、警告 {counts['warnings']} 个，详见下表。{infos}"
        "请逐项核实：错误应予改正，警告确属特殊情况的请说明理由；在“单位说明”栏填写改正或说明情况，"
        "连同修改后的公开文件一并报回。"
    )


def _particulars(document, report: Report) -> None:
    disclosure = report.disclosure
    rows = (
        ("单位", disclosure.unit or "（文件中未能识别）"),
        ("年度", f"{disclosure.year}年度" if disclosure.year else "（文件中未能识别）"),
        ("文件", report.file_name or "—"),
        ("审核日期", day(report)),
        ("审核结果", f"错误 {report.summary['errors']} 个，警告 {report.summary['warnings']} 个"),
    )
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for name, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = name, value
        cells[0].paragraphs[0].runs[0].bold = True
    _widths(table, (30, 140))


def _findings_table(document, report: Report, findings: Sequence[Finding]) -> None:
    headers = ("序号", place_heading(report.disclosure), "位置", "审核事项", "问题", REPLY)
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
        cell.paragraphs[0].runs[0].bold = True
    _repeat_header(table.rows[0])
    for number, finding in enumerate(findings, 1):
        values = (
            str(number),
            place(finding),
            location(report.disclosure, finding),
            rule_title(finding.rule),
            finding.message,
            "",
        )
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    _widths(table, WIDTHS_MM)
    _small(table)


def _closing(document, report: Report) -> None:
    document.add_paragraph("")
    for line in ("审核单位（盖章）：", "审核人：", f"日期：{day(report)}"):
        document.add_paragraph(line).alignment = 2  # right


def _margins(section) -> None:
    from docx.shared import Mm

    section.left_margin = section.right_margin = Mm(20)


def _chars(count: int):
    from docx.shared import Pt

    return Pt(12 * count)


def _widths(table, widths_mm: Sequence[int]) -> None:
    from docx.shared import Mm

    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _small(table) -> None:
    from docx.shared import Pt

    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.line_spacing = 1.15
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(10)


def _repeat_header(row) -> None:
    """The header row printed again on every page the table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)
