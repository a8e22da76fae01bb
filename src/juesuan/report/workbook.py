"""`--format xlsx`: the findings as a worksheet, one row per finding (errors first) under Chinese
headers, with filters on the header row, the header frozen and columns wide enough to read; a
second sheet says whose file it is, when it was reviewed and the counts."""

from __future__ import annotations

import io

from juesuan.report import Report, ordered
from juesuan.report.letter import REPLY, day
from juesuan.report.locations import finding_row, place_heading

WIDTHS = {"序号": 6, "严重程度": 9, "规则编号": 22, "规则名称": 26, "位置": 30, "问题": 70}
WIDTHS |= {"涉及单元格": 40, REPLY: 30}
FILLS = {"错误": "FDE2E1", "警告": "FFF1D6"}


def headers(place: str) -> tuple[str, ...]:
    return ("序号", "严重程度", "规则编号", "规则名称", "位置", place, "问题", "涉及单元格", REPLY)


def report_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    findings_sheet(workbook.active, report)
    about_sheet(workbook.create_sheet("审核概况"), report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def findings_sheet(sheet, report: Report) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet.title = "审核结果"
    columns = headers(place_heading(report.disclosure))
    sheet.append(columns)
    for number, finding in enumerate(ordered(report.findings), 1):
        row = {"序号": number, REPLY: "", **finding_row(report.disclosure, finding)}
        sheet.append([row[column] for column in columns])
        fill = FILLS.get(row["严重程度"])
        if fill:
            sheet.cell(sheet.max_row, 2).fill = PatternFill("solid", fgColor=fill)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    style_table(sheet, columns, WIDTHS)


def style_table(sheet, columns, widths: dict[str, int], default: int = 14) -> None:
    """Filters on the header row, the header frozen, each column its width."""
    from openpyxl.utils import get_column_letter

    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(column, default)


def about_sheet(sheet, report: Report) -> None:
    from openpyxl.styles import Font

    disclosure, counts = report.disclosure, report.summary
    rows = (
        ("单位", disclosure.unit),
        ("年度", disclosure.year or ""),
        ("文件", report.file_name),
        ("审核日期", day(report)),
        ("模板", disclosure.template_evidence),
        ("错误", counts["errors"]),
        ("警告", counts["warnings"]),
        ("提示", counts["infos"]),
    )
    for row in rows:
        sheet.append(row)
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 80
