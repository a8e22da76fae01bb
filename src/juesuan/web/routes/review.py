"""Review: upload a disclosure; see its findings (errors first, with their rules' titles, filtered
by severity and table) beside the original pages with each finding boxed (a PDF) or the tables as
read with the cells marked; record a decision on a finding; download the findings.

A re-upload of the same unit and year is compared with the previous upload still kept: what was
fixed, what is new, what remains; decisions recorded in the corpus show again on it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from juesuan.web import decisions as decided
from juesuan.web import progress
from juesuan.web.corpus_data import outside_facts
from juesuan.web.downloads import base_name, file_response
from juesuan.web.errors import WebError
from juesuan.web.jobs import run_in_engine, run_job
from juesuan.web.results import Result
from juesuan.web.reviewing import (
    KEPT,
    PREVIOUS,
    TABLES,
    Kept,
    Reviewed,
    entries,
    read_job,
    review_job,
    rule_titles,
    table_names,
    table_view,
)
from juesuan.web.uploads import upload_bytes

router = APIRouter(tags=["页面"])
KIND = "review"
DOWNLOADS = {
    "docx": "findings.docx",  # the letter back to the unit (审核意见), made when first asked for
    "xlsx": "findings.xlsx",  # the findings as a workbook, likewise
    "json": "findings.json",
    "csv": "findings.csv",
    "html": "findings.html",
}
MADE_WHEN_ASKED = {"docx": "审核意见.docx", "xlsx": "审核问题清单.xlsx"}
VIEWS = {"pages": "原页面", "tables": "表格"}
PROGRESS = "页面显示进度用的随机编号（22 个字符）"
AGAINST = "可选：同一单位同一年度上次报送的文件，结果页列出已改正、新出现、仍存在的问题"
SEVERITIES = {"error": "错误", "warning": "警告", "info": "提示"}


@router.post("/review", summary="上传决算公开文件并审核（页面），完成后转到结果页")
async def review_upload(
    request: Request,
    file: Annotated[UploadFile | None, File()] = None,
    against: Annotated[UploadFile | None, File(description=AGAINST)] = None,
    progress_id: Annotated[str | None, Query(alias="progress", description=PROGRESS)] = None,
) -> Response:
    settings = request.app.state.settings
    data, name = await upload_bytes(file, settings.max_upload_bytes)
    earlier = None
    if against is not None and getattr(against, "filename", ""):  # a form's empty input: no name
        earlier = await upload_bytes(against, settings.max_upload_bytes, "against")
    store = request.app.state.store
    with progress.tracked(store, progress_id) as path:
        previous = None
        if earlier is not None:
            progress.Progress(path).step(f"审核上次报送的文件 {earlier[1]}")
            previous = (await _review(request, *earlier, None, drawn=False)).kept, earlier[1]
        reviewed = await _review(request, data, name, path)
        progress.Progress(path).step("保存结果")
        result = await run_job(request, keep_review, store, reviewed, name, previous)
    return RedirectResponse(f"/review/{result.token}", status_code=303)


async def _review(request: Request, data: bytes, name: str, path: str | None, drawn: bool = True) -> Reviewed:
    """Read, check, draw and render in the worker processes; with a corpus, the checks know what
    it holds (last year's disclosure of the unit, the units of the year), as `check --corpus`."""
    state = request.app.state
    pages = state.settings.max_pdf_pages
    if state.corpus is None:
        return await run_in_engine(request, review_job, data, name, pages, path, None, None, drawn)
    read = await run_in_engine(request, read_job, data, name, pages, path)
    facts = await run_job(request, outside_facts, state.corpus, read[0])
    return await run_in_engine(request, review_job, data, name, pages, path, read, facts, drawn)


@router.get("/progress/{progress_id}", summary="上传的处理进度（页面显示用）")
async def upload_progress(request: Request, progress_id: str) -> Response:
    said = progress.read(request.app.state.store, progress_id)
    if said is None:
        raise WebError(404, "没有这个上传的进度")
    return JSONResponse(said, headers={"Cache-Control": "no-store"})


@router.get("/review/{token}", response_class=HTMLResponse, summary="审核结果页")
async def review_page(
    request: Request,
    token: str,
    view: str | None = None,
    severity: Annotated[list[str] | None, Query()] = None,
    table: str = "",
) -> Response:
    result = _result(request, token)
    context = await run_job(request, _page_context, request, result)
    pages = bool(context["kept"].pages)
    chosen = view if view in VIEWS and (pages or view == "tables") else ("pages" if pages else "tables")
    context.update(
        view=chosen,
        views=VIEWS if pages else {"tables": VIEWS["tables"]},
        shown_severities=[s for s in severity or SEVERITIES if s in SEVERITIES],
        shown_table=table,
        severities=SEVERITIES,
    )
    return request.app.state.templates.TemplateResponse(request, "review.html.j2", context)


@router.get("/review/{token}/pages/{number}", summary="原文件的一页（PNG）")
async def review_page_image(request: Request, token: str, number: int) -> Response:
    result = _result(request, token)
    return file_response(result, f"page-{number}.png", f"第{number}页.png", inline=True)


@router.post("/review/{token}/decisions", summary="记录对一条问题的审核意见（已说明、不采纳）")
async def review_decide(
    request: Request,
    token: str,
    finding: Annotated[int, Form(description="问题序号（从 1 起）")],
    verdict: Annotated[str, Form(description="已说明 或 不采纳")],
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    result = _result(request, token)
    await run_job(request, decided.record, request.app.state, _kept(result), finding, verdict, note)
    return RedirectResponse(f"/review/{token}#finding-{finding}", status_code=303)


@router.get("/review/{token}/findings.{fmt}", summary="下载审核结果（json、csv 或 html）")
async def review_download(request: Request, token: str, fmt: str) -> Response:
    if fmt not in DOWNLOADS:
        raise WebError(404, f"不支持的下载格式：{fmt}（可选：{'、'.join(DOWNLOADS)}）")
    result = _result(request, token)
    if fmt in MADE_WHEN_ASKED and result.path(DOWNLOADS[fmt]) is None:
        await run_job(request, _make_report, result, fmt)
    meta = result.meta
    name = base_name(meta.get("unit", ""), meta.get("year"), MADE_WHEN_ASKED.get(fmt, f"审核结果.{fmt}"))
    return file_response(result, DOWNLOADS[fmt], name)


def _make_report(result: Result, fmt: str) -> None:
    """The letter (docx) or the workbook (xlsx) of a kept review, as `juesuan check --format`."""
    from juesuan.web.downloads import report_file

    kept = _kept(result)
    data = report_file(kept.disclosure, kept.problems, kept.findings, result.meta.get("file", ""), fmt)
    result.write(DOWNLOADS[fmt], data)


def keep_review(store, reviewed: Reviewed, name: str, against: tuple[Kept, str] | None = None) -> Result:
    """Keep what the review page is made of, the page images and the three downloads under a new
    token; the previous submission it is compared with: the one uploaded beside it (`against`),
    else the previous upload of the same unit and year still kept (named in its description)."""
    from juesuan.rules.report import report_json, summary
    from juesuan.web.downloads import findings_csv

    kept = reviewed.kept
    disclosure = kept.disclosure
    previous = None
    if against is None and disclosure.unit:
        previous = store.latest(KIND, unit=disclosure.unit, year=disclosure.year)
    result = store.create(
        KIND,
        unit=disclosure.unit,
        year=disclosure.year,
        file=name,
        summary=summary(kept.findings),
        previous=previous.token if previous else None,
        previous_file=against[1] if against else previous.meta.get("file") if previous else None,
    )
    result.write(KEPT, kept.save())
    if against is not None:
        result.write(PREVIOUS, against[0].save())
    result.write(TABLES, table_view(reviewed.report))
    for page, image in zip(kept.pages, reviewed.images, strict=True):
        result.write(page.file, image)
    result.write("findings.html", reviewed.report)
    result.write("findings.json", report_json(disclosure, kept.problems, kept.findings))
    result.write("findings.csv", findings_csv(disclosure, kept.findings))  # with a BOM, for Excel
    return result


def _page_context(request: Request, result: Result) -> dict[str, object]:
    from juesuan.rules.report import summary_line

    kept = _kept(result)
    document = _text(result, TABLES)
    state = request.app.state
    decisions = decided.of(state, kept.disclosure)
    found = entries(kept, document, decisions)
    return {
        "token": result.token,
        "meta": result.meta,
        "file": result.meta.get("file", ""),
        "kept": kept,
        "disclosure": kept.disclosure,
        "summary": summary_line(kept.findings),
        "entries": found,
        "tables": table_names(found),
        "document": document,
        "downloads": DOWNLOADS,
        "decisions": decided.status(state, kept.disclosure),
        "changes": _changes(request, result, kept, decisions),
        "titles": rule_titles(),
    }


def _changes(request: Request, result: Result, kept: Kept, decisions: dict) -> dict | None:
    """What changed since the previous upload of the same unit and year (None without one):
    the findings fixed, new and remaining, each with the decision recorded on it."""
    from juesuan.decisions import concern

    uploaded = result.path(PREVIOUS)
    token = result.meta.get("previous")
    previous = request.app.state.store.get(token, KIND) if token else None
    if uploaded is not None:
        before = Kept.load(uploaded.read_bytes())
    elif previous is not None and previous.path(KEPT) is not None:
        before = _kept(previous)
    else:
        return None
    found = decided.compare(before, kept)

    def paired(findings: list, disclosure) -> list:
        return [(f, decisions.get(concern(f, disclosure))) for f in findings]

    return {
        "fixed": paired(found.fixed, before.disclosure),
        "new": paired(found.new, kept.disclosure),
        "remaining": paired(found.remaining, kept.disclosure),
    }


def _kept(result: Result) -> Kept:
    path = result.path(KEPT)
    if path is None:
        raise WebError(404, "审核结果不完整，请重新上传")
    return Kept.load(path.read_bytes())


def _text(result: Result, name: str) -> str:
    path = result.path(name)
    return path.read_text(encoding="utf-8") if path else ""


def _result(request: Request, token: str) -> Result:
    result = request.app.state.store.get(token, KIND)
    if result is None:
        minutes = request.app.state.settings.result_ttl_seconds // 60
        raise WebError(404, f"审核结果不存在或已过期（结果保留 {minutes} 分钟），请重新上传")
    return result
