"""A batch's index: one line per file checked (its unit, year, template and counts, or why it
could not be read) with a link to the file's own report, as a web page and as a workbook.

`juesuan check a.pdf b.txt --format html -o 审核结果/` writes each file's report into the folder
and these two beside them, 审核汇总.html and 审核汇总.xlsx; links are relative, so the folder
can be moved or sent as a whole.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

INDEX_NAME = "审核汇总"
HEADERS = ("序号", "文件", "单位", "年度", "模板", "错误", "警告", "提示", "状态", "审核报告")


@dataclass(frozen=True)
class Entry:
    """One file of the batch: its result (`batch.FileResult`) and its report's name in the folder."""

    result: object
    report: str = ""  # '' when the file could not be read

    def values(self, number: int) -> tuple[object, ...]:
        result = self.result
        counts = result.summary
        if result.unreadable:
            state = f"无法读取：{result.error}"
        else:
            state = "有错误" if counts["errors"] else "有警告" if counts["warnings"] else "未发现错误或警告"
        return (
            number,
            Path(result.path).name,
            result.unit,
            result.year or "",
            template_title(result.template),
            "" if result.unreadable else counts["errors"],
            "" if result.unreadable else counts["warnings"],
            "" if result.unreadable else counts["infos"],
            state,
            self.report,
        )


def template_title(name: str) -> str:
    """全国统一模板（十张表） for national-2024; the name itself when the catalogue has no such."""
    from juesuan.catalogue.templates import templates

    found = templates().get(name) if name else None
    return found.title if found else name


def report_names(paths: Sequence[str], suffix: str) -> list[str]:
    """Each file's report name in the folder: its stem and the format's suffix, a number added
    where two files share a stem (a/报告.pdf, b/报告.pdf)."""
    names: list[str] = []
    taken: set[str] = {f"{INDEX_NAME}.html", f"{INDEX_NAME}.xlsx"}
    for path in paths:
        stem, number = Path(path).stem or "文件", 1
        name = f"{stem}{suffix}"
        while name in taken:
            number += 1
            name = f"{stem}-{number}{suffix}"
        taken.add(name)
        names.append(name)
    return names


def index_html(entries: Sequence[Entry], totals: dict[str, int]) -> str:
    from markupsafe import Markup, escape

    rows = []
    for number, entry in enumerate(entries, 1):
        values = [escape(value) for value in entry.values(number)[:-1]]
        link = Markup('<a href="{}">{}</a>').format(quote(entry.report), entry.report) if entry.report else ""
        css = "unreadable" if entry.result.unreadable else "error" if entry.result.errors else ""
        cells = "".join(f"<td>{value}</td>" for value in (*values, link))
        rows.append(f'<tr class="{css}">{cells}</tr>')
    head = "".join(f"<th>{header}</th>" for header in HEADERS)
    summary = (
        f"共 {totals['files']} 个文件：{totals['files_with_errors']} 个有错误，"
        f"{totals['unreadable']} 个无法读取；错误共 {totals['errors']} 个，警告共 {totals['warnings']} 个"
    )
    return _PAGE.format(summary=escape(summary), head=head, rows="\n".join(rows))


def index_xlsx(entries: Sequence[Entry]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from juesuan.report.workbook import style_table

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = INDEX_NAME
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, entry in enumerate(entries, 1):
        sheet.append(entry.values(number))
        if entry.report:
            link = sheet.cell(sheet.max_row, len(HEADERS))
            link.hyperlink = entry.report  # relative to the workbook's folder
            link.style = "Hyperlink"
    widths = {"序号": 6, "文件": 36, "单位": 30, "年度": 8, "模板": 16, "状态": 30, "审核报告": 36}
    style_table(sheet, HEADERS, widths, default=8)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="juesuan">
<title>审核汇总</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 16px; }}
.scroll {{ overflow-x: auto; }}
table {{ border-collapse: collapse; font-size: 10.5pt; }}
th, td {{ border: 1px solid #bbb; padding: 4px 8px; text-align: left; vertical-align: top; }}
th {{ background: #eee; position: sticky; top: 0; }}
tr.error td:nth-child(6) {{ color: #c62828; font-weight: bold; }}
tr.unreadable td {{ color: #777; }}
</style>
</head>
<body>
<h1>审核汇总</h1>
<p>{summary}</p>
<div class="scroll">
<table>
<thead><tr>{head}</tr></thead>
<tbody>
{rows}
</tbody>
</table>
</div>
</body>
</html>
"""
