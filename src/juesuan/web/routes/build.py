"""Build: upload an input package, see the built report and the checker's result, download
PDF, Word, Excel and HTML. Results are kept server-side under a random token for a while."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from juesuan.web import progress
from juesuan.web.downloads import base_name, disposition, file_response
from juesuan.web.errors import WebError
from juesuan.web.jobs import run_in_engine, run_job
from juesuan.web.packages import FORMATS, build_files, uploaded_package
from juesuan.web.results import Result

if TYPE_CHECKING:
    from juesuan.build import BuildResult

router = APIRouter(tags=["编制"])
KIND = "build"
NAMES = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "html": "网页"}
# Above the findings page of a build: the site's styles (narrow screens) and the way back.
BACK = (
    '<link rel="stylesheet" href="/static/web.css">'
    '<div class="review-bar"><a class="button secondary" href="/build/{token}">返回编制结果</a></div>'
)
PROGRESS = "页面显示进度用的随机编号（22 个字符）"
Upload = Annotated[UploadFile | None, File()]


@router.post("/build", summary="上传输入包并生成（页面），完成后转到结果页")
async def build_upload(
    request: Request,
    file: Upload = None,
    workbook: Upload = None,
    info: Upload = None,
    progress_id: Annotated[str | None, Query(alias="progress", description=PROGRESS)] = None,
) -> Response:
    files = await uploaded_package(request, file, workbook, info)
    return await build_and_show(request, files, progress_id)


async def build_and_show(request: Request, files: dict[str, bytes], progress_id: str | None) -> Response:
    """Build the package's files in the engine, keep the result, and go to its page."""
    store = request.app.state.store
    with progress.tracked(store, progress_id) as path:
        built = await run_in_engine(request, build_files, files, FORMATS, path)
        progress.Progress(path).step("保存结果")
        result = await run_job(request, keep_build, store, built)
    return RedirectResponse(f"/build/{result.token}", status_code=303)


@router.get("/build/blank.zip", summary="下载所选模板的空白输入包（决算表.xlsx 和带说明的单位信息.yaml）")
async def blank_package(
    request: Request,
    template: Annotated[
        str, Query(description="模板名（juesuan templates 列出全部），默认 national-2024")
    ] = "",
    unit: Annotated[str, Query(description="单位全称，写入两个文件", max_length=100)] = "",
    year: Annotated[str, Query(description="决算年度，如 2024")] = "",
) -> Response:
    from starlette.concurrency import run_in_threadpool

    from juesuan.package.init import blank_package_zip
    from juesuan.sources import SourceError

    unit, year = unit.strip(), year.strip()
    if year and not (year.isdigit() and len(year) == 4):
        raise WebError(400, f"年度应是四位年份（如 2024），见到“{year}”")
    try:
        data = await run_in_threadpool(blank_package_zip, unit, int(year) if year else None, template)
    except SourceError as error:
        raise WebError(400, str(error)) from None
    name = base_name(unit or "空白", int(year) if year else None, "输入包.zip")
    return Response(data, media_type="application/zip", headers={"Content-Disposition": disposition(name)})


@router.get("/build/{token}", response_class=HTMLResponse, summary="编制结果页：预览、审核结果、下载")
async def build_page(request: Request, token: str) -> Response:
    from juesuan.rules.report import SEVERITY_NAMES

    result = build_result(request, token)
    context = {"result": result, "meta": result.meta, "names": NAMES, "severity_names": SEVERITY_NAMES}
    return request.app.state.templates.TemplateResponse(request, "build.html.j2", context)


@router.get("/build/{token}/preview", response_class=HTMLResponse, summary="生成的网页版（预览）")
async def build_preview(request: Request, token: str) -> Response:
    return file_response(build_result(request, token), "report.html", "report.html", inline=True)


@router.get("/build/{token}/review", response_class=HTMLResponse, summary="在表格上标出审核发现的问题")
async def build_review(request: Request, token: str) -> Response:
    return file_response(build_result(request, token), "findings.html", "审核结果.html", inline=True)


@router.get("/build/{token}/report.{fmt}", summary="下载生成的文件（pdf、docx、xlsx、html）")
async def build_download(request: Request, token: str, fmt: str) -> Response:
    if fmt not in FORMATS:
        raise WebError(404, f"不支持的格式：{fmt}（可选：{'、'.join(FORMATS)}）")
    result = build_result(request, token)
    meta = result.meta
    return file_response(
        result,
        f"report.{fmt}",
        base_name(meta["unit"], meta.get("year"), f"部门{meta.get('disclosure_kind', '决算')}公开.{fmt}"),
    )


@router.get("/build/{token}/check.json", summary="下载编制时的审核结果（JSON）")
async def build_check(request: Request, token: str) -> Response:
    return file_response(build_result(request, token), "check.json", "审核结果.json")


def keep_build(store, built: BuildResult) -> Result:
    """Keep the built files, the findings (JSON, and the page with the cells marked) under a token."""
    from juesuan.render.findings import findings_html
    from juesuan.rules.report import as_json, summary

    disclosure = built.disclosure
    findings = list(built.findings)
    result = store.create(
        KIND,
        unit=disclosure.unit,
        year=disclosure.year,
        disclosure_kind=disclosure.kind,
        summary=summary(findings),
        findings=[f.to_dict() for f in findings],
        formats=list(built.files),
    )
    for fmt, data in built.files.items():
        result.write(f"report.{fmt}", data)
    result.write("check.json", as_json(findings))
    header = BACK.format(token=result.token)
    result.write("findings.html", findings_html(disclosure, findings, header=header))
    return result


def build_result(request: Request, token: str) -> Result:
    result = request.app.state.store.get(token, KIND)
    if result is None:
        minutes = request.app.state.settings.result_ttl_seconds // 60
        raise WebError(404, f"编制结果不存在或已过期（结果保留 {minutes} 分钟），请重新上传")
    return result
