"""Answering with a file of a kept result: fixed names, a readable Chinese download name."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.responses import FileResponse

from juesuan.web.errors import WebError
from juesuan.web.results import Result

MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_response(result: Result, name: str, download_name: str, inline: bool = False) -> FileResponse:
    """The result's file `name` (one of the app's fixed names), offered as `download_name`."""
    path = result.path(name)
    if path is None:
        raise WebError(404, "结果中没有这个文件")
    extension = name.rpartition(".")[2]
    return FileResponse(
        path,
        media_type=MEDIA_TYPES.get(extension, "application/octet-stream"),
        headers={"Content-Disposition": disposition(download_name, inline)},
    )


def disposition(filename: str, inline: bool = False) -> str:
    """A Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266)."""
    extension = filename.rpartition(".")[2]
    fallback = filename if filename.isascii() else f"juesuan.{extension}"
    fallback = fallback.replace('"', "").replace("\\", "")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def base_name(unit: str, year: int | None, suffix: str) -> str:
    """``大同市政务服务中心2024年度部门决算公开`` + suffix: the name offered for a download."""
    year_text = f"{year}年度" if year else ""
    return f"{unit or '决算公开'}{year_text}{suffix}"


def findings_csv(disclosure, findings) -> str:
    """The findings.csv download: one row per finding, errors first, under Chinese headers and
    severities (错误/警告/提示), with a byte order mark so that Excel reads it as UTF-8."""
    from juesuan.report.csv_table import BOM
    from juesuan.report.csv_table import findings_csv as as_csv

    return BOM + as_csv(disclosure, findings)


def report_file(disclosure, problems, findings, source: str, fmt: str) -> bytes:
    """A check's report as a download in any format of `juesuan.report.FORMATS` (docx: the letter
    back to the unit; xlsx: the findings as a workbook), exactly as `juesuan check --format` writes it."""
    from juesuan.report import FORMATS, Report

    return FORMATS[fmt].write(Report(disclosure, tuple(problems), tuple(findings), source))
