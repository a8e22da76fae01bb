"""The JSON API: the same results as the command line, for programs.

`POST /api/check` answers exactly what `juesuan check --format json` prints; `POST /api/parse`
the tidy cells (JSON, or the CSV of `juesuan parse --format cells`) or the whole model;
`POST /api/build` the built files. Uploads are the multipart field ``file``.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response

from juesuan.model import Disclosure, Problem
from juesuan.web.downloads import MEDIA_TYPES, base_name, disposition
from juesuan.web.jobs import check_upload, read_upload, run_in_engine, run_job
from juesuan.web.packages import FORMATS, build_files, uploaded_package
from juesuan.web.routes.build import keep_build
from juesuan.web.uploads import upload_bytes

router = APIRouter(prefix="/api", tags=["审核与解析"])
ERRORS = {
    400: {"description": "缺少上传字段或文件为空"},
    413: {"description": "上传内容超过大小上限"},
    422: {"description": "文件无法读取（格式不明、已损坏、不是决算公开、PDF 页数超限）"},
}
FileField = Annotated[UploadFile | None, File(description="决算公开文件：PDF、Word、Excel 或文本")]
PackageZip = Annotated[UploadFile | None, File(description="输入包文件夹的 zip 压缩包")]
Workbook = Annotated[UploadFile | None, File(description="决算表.xlsx（与 info 一起，代替 file）")]
Info = Annotated[UploadFile | None, File(description="单位信息.yaml（与 workbook 一起，代替 file）")]


class BuildFormat(StrEnum):
    pdf = "pdf"
    docx = "docx"
    xlsx = "xlsx"
    html = "html"


class ParseFormat(StrEnum):
    json = "json"
    cells = "cells"
    model = "model"


@router.post(
    "/check",
    summary="审核决算公开文件，返回与 juesuan check --format json 相同的 JSON",
    responses={200: {"description": '{"findings": [...], "summary": {...}}'}, **ERRORS},
)
async def api_check(request: Request, file: FileField = None) -> Response:
    from juesuan.rules.report import report_json, summary

    settings = request.app.state.settings
    data, name = await upload_bytes(file, settings.max_upload_bytes)
    checked = await run_in_engine(request, check_upload, data, name, settings.max_pdf_pages)
    errors = summary(checked.findings)["errors"]
    headers = {"X-Juesuan-Errors": str(errors)}
    document = report_json(checked.disclosure, checked.problems, checked.findings)
    return Response(document, media_type="application/json", headers=headers)


@router.post(
    "/parse",
    summary="解析决算公开文件：整洁单元格（JSON 或 CSV）或完整模型",
    description=(
        "`format=json`（默认）：整洁单元格 JSON；`format=cells`：与 `juesuan parse --format cells` "
        "相同的 CSV；`format=model`：与 `juesuan parse --format json` 相同的完整模型。"
    ),
    responses=ERRORS,
)
async def api_parse(
    request: Request,
    file: FileField = None,
    format: Annotated[ParseFormat, Query(description="json、cells 或 model")] = ParseFormat.json,
) -> Response:
    from juesuan.export import disclosure_json, tidy_csv

    settings = request.app.state.settings
    data, name = await upload_bytes(file, settings.max_upload_bytes)
    disclosure, problems = await run_in_engine(request, read_upload, data, name, settings.max_pdf_pages)
    if format is ParseFormat.cells:
        return Response(tidy_csv(disclosure), media_type="text/csv; charset=utf-8")
    if format is ParseFormat.model:
        return Response(disclosure_json(disclosure, problems), media_type="application/json")
    return Response(cells_json(disclosure, problems), media_type="application/json")


def cells_json(disclosure: Disclosure, problems: list[Problem]) -> str:
    """The tidy cells as a JSON list of objects, with the unit, year and reading problems."""
    from juesuan.model import tidy_cells
    from juesuan.model.tidy import TIDY_COLUMNS

    document = {
        "unit": disclosure.unit,
        "year": disclosure.year,
        "cells": [dict(zip(TIDY_COLUMNS, cell.as_tuple(), strict=True)) for cell in tidy_cells(disclosure)],
        "problems": [
            {"message": p.message, "where": str(p.origin), "severity": p.severity} for p in problems
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


@router.post(
    "/build",
    tags=["编制"],
    summary="从输入包生成决算公开文件：给出 format 时直接返回该文件，否则返回令牌与下载链接",
    description=(
        "输入包为 zip（字段 `file`），或 `workbook`（决算表.xlsx）与 `info`（单位信息.yaml）两个字段。"
        "不给 `format` 时生成全部格式并保存在服务器上（令牌有效期内可下载），返回审核结果 JSON "
        "（同 `juesuan check --format json`）加上 `token`、`page` 与 `files`（各格式的下载地址）。"
        "响应头 `X-Juesuan-Errors` 为审核发现的错误数。"
    ),
    responses=ERRORS,
)
async def api_build(
    request: Request,
    file: PackageZip = None,
    workbook: Workbook = None,
    info: Info = None,
    format: Annotated[BuildFormat | None, Query(description="pdf、docx、xlsx 或 html")] = None,
) -> Response:
    from juesuan.rules.report import as_json

    files = await uploaded_package(request, file, workbook, info)
    formats = (str(format),) if format else FORMATS
    built = await run_in_engine(request, build_files, files, formats)
    headers = {"X-Juesuan-Errors": str(built.errors)}
    if format:
        name = base_name(
            built.disclosure.unit, built.disclosure.year, f"部门{built.disclosure.kind}公开.{format}"
        )
        headers["Content-Disposition"] = disposition(name)
        return Response(built.files[str(format)], media_type=MEDIA_TYPES[str(format)], headers=headers)
    result = await run_job(request, keep_build, request.app.state.store, built)
    links = {fmt: f"/build/{result.token}/report.{fmt}" for fmt in built.files}
    body = as_json(
        list(built.findings),
        token=result.token,
        expires_in=request.app.state.settings.result_ttl_seconds,
        page=f"/build/{result.token}",
        files=links,
    )
    return Response(body, media_type="application/json", headers=headers)
