"""Review: upload a disclosure, see the tables with every finding's cells highlighted and the
findings beside them, download the findings as JSON, CSV or HTML."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from juesuan.web.downloads import base_name, file_response
from juesuan.web.errors import WebError
from juesuan.web.jobs import Checked, check_and_mark, run_in_engine
from juesuan.web.results import Result
from juesuan.web.uploads import upload_bytes

router = APIRouter(tags=["页面"])
KIND = "review"
PLACEHOLDER = "<!--juesuan-web-header-->"
DOWNLOADS = {"json": "findings.json", "csv": "findings.csv", "html": "findings.html"}


@router.post("/review", summary="上传决算公开文件并审核（页面），完成后转到结果页")
async def review_upload(request: Request, file: Annotated[UploadFile | None, File()] = None) -> Response:
    settings = request.app.state.settings
    data, name = await upload_bytes(file, settings.max_upload_bytes)
    checked, page = await run_in_engine(
        request, check_and_mark, data, name, settings.max_pdf_pages, PLACEHOLDER
    )
    result = _keep(request, checked, name, page)
    return RedirectResponse(f"/review/{result.token}", status_code=303)


@router.get("/review/{token}", response_class=HTMLResponse, summary="审核结果页")
async def review_page(request: Request, token: str) -> Response:
    return file_response(_result(request, token), "report.html", "审核结果.html", inline=True)


@router.get("/review/{token}/findings.{fmt}", summary="下载审核结果（json、csv 或 html）")
async def review_download(request: Request, token: str, fmt: str) -> Response:
    if fmt not in DOWNLOADS:
        raise WebError(404, f"不支持的下载格式：{fmt}（可选：json、csv、html）")
    result = _result(request, token)
    meta = result.meta
    name = base_name(meta.get("unit", ""), meta.get("year"), f"审核结果.{fmt}")
    return file_response(result, DOWNLOADS[fmt], name)


def _keep(request: Request, checked: Checked, name: str, page: str) -> Result:
    """Keep the report page (with the web header) and the three downloads under a new token."""
    from juesuan.render.findings import findings_csv
    from juesuan.rules.report import report_json, summary_line

    disclosure = checked.disclosure
    store = request.app.state.store
    result = store.create(KIND, unit=disclosure.unit, year=disclosure.year, file=name)
    context = {
        "token": result.token,
        "file": name,
        "disclosure": disclosure,
        "summary": summary_line(checked.findings),
        "downloads": DOWNLOADS,
    }
    templates = request.app.state.templates
    header = templates.get_template("_review_header.html.j2").render(context)
    result.write("report.html", page.replace(PLACEHOLDER, header, 1))
    result.write("findings.html", page.replace(PLACEHOLDER, "", 1))
    result.write("findings.json", report_json(checked.disclosure, checked.problems, checked.findings))
    result.write("findings.csv", "\ufeff" + findings_csv(checked.findings))  # BOM: Excel reads UTF-8
    return result


def _result(request: Request, token: str) -> Result:
    result = request.app.state.store.get(token, KIND)
    if result is None:
        minutes = request.app.state.settings.result_ttl_seconds // 60
        raise WebError(404, f"审核结果不存在或已过期（结果保留 {minutes} 分钟），请重新上传")
    return result
