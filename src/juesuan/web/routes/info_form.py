"""单位信息 in a web form (`juesuan.web.info_form`): fill it in (or have it filled from a package
already made), then download the package or upload 决算表.xlsx and build, in one step.

The workbook of a package read into the form is kept on the server under a token (a hidden
field), so that the package downloaded again has it without uploading it again.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response

from juesuan.web import info_form
from juesuan.web.downloads import base_name, disposition
from juesuan.web.errors import WebError
from juesuan.web.info_form import FORM, InfoForm

router = APIRouter(tags=["编制"])
KEPT = "info-form"  # the result kind of a kept workbook
WORKBOOK = "决算表.xlsx"
BAD_VALUES = "单位信息中有 {count} 处需要改正，见各项下的说明"
PROGRESS = "页面显示进度用的随机编号（22 个字符）"


@router.get("/build/info", response_class=HTMLResponse, summary="在网页上填写单位信息（表单）")
async def info_page(
    request: Request,
    template: Annotated[str, Query(description="模板名，默认 national-2024")] = "",
    unit: Annotated[str, Query(description="单位全称", max_length=100)] = "",
    year: Annotated[str, Query(description="决算年度", max_length=10)] = "",
) -> Response:
    form = InfoForm(values={"单位/名称": unit.strip(), "单位/年度": year.strip(), "单位/模板": template})
    return _page(request, form)


@router.post(
    "/build/info/load",
    response_class=HTMLResponse,
    summary="读入已有的输入包（zip）或单位信息.yaml，填入表单",
)
async def info_load(request: Request, file: Annotated[UploadFile | None, File()] = None) -> Response:
    from starlette.concurrency import run_in_threadpool

    from juesuan.web.uploads import upload_bytes

    data, name = await upload_bytes(file, request.app.state.settings.max_upload_bytes)
    form, workbook = await run_in_threadpool(_loaded, data, name)
    kept = await run_in_threadpool(_keep, request, workbook, form.unit) if workbook else ""
    if form.errors:
        return _page(request, form, kept, status=422)
    return _page(request, form, kept)


def _loaded(data: bytes, name: str) -> tuple[InfoForm, bytes | None]:
    """The form filled from an uploaded package zip or 单位信息.yaml, checked; and the package's
    workbook (None for a YAML alone). A file that cannot be read fills nothing and says why."""
    import tempfile
    from pathlib import Path

    from juesuan.package.files import INFO_FILE, TABLES_FILE, package_files
    from juesuan.sources import SourceError

    workbook = None
    try:
        if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            with tempfile.TemporaryDirectory(prefix="juesuan-form-") as folder:
                path = Path(folder) / "输入包.zip"
                path.write_bytes(data)
                try:
                    files = package_files(path)
                except SourceError as error:
                    said = str(error).replace(str(path), name).replace(path.name, name)
                    raise SourceError(said) from None
            data, workbook = files[INFO_FILE], files[TABLES_FILE]
        elif b"\x00" in data[:4096]:
            raise SourceError(f"应上传输入包的 zip 压缩包或 单位信息.yaml：{name}")
        form = info_form.from_yaml(data)
    except SourceError as error:
        return InfoForm(errors={FORM: str(error)}), None
    form.errors = info_form.check(form)
    return form, workbook


def _keep(request: Request, workbook: bytes, unit: str) -> str:
    result = request.app.state.store.create(KEPT, unit=unit)
    result.write(WORKBOOK, workbook)
    return result.token


def _kept(request: Request, token: str) -> bytes | None:
    if not token:
        return None
    result = request.app.state.store.get(token, KEPT)
    path = result.path(WORKBOOK) if result else None
    return path.read_bytes() if path else None


@router.post(
    "/build/info",
    response_class=HTMLResponse,
    summary="提交单位信息表单：下载填好的输入包（action=download），或与决算表一起生成（action=build）",
)
async def info_submit(
    request: Request,
    progress_id: Annotated[str | None, Query(alias="progress", description=PROGRESS)] = None,
) -> Response:
    from starlette.concurrency import run_in_threadpool

    submitted = await request.form()
    form = info_form.from_fields(submitted.get, submitted.getlist)
    action = submitted.get("action") or "download"
    kept = submitted.get("kept") if isinstance(submitted.get("kept"), str) else ""
    workbook = await _uploaded_workbook(request, submitted.get("workbook"))
    if workbook is not None:
        kept = await run_in_threadpool(_keep, request, workbook, form.unit)
    workbook = workbook or _kept(request, kept)
    info = await run_in_threadpool(info_form.checked_yaml, form)
    if kept and workbook is None:  # never a blank workbook in place of the one read in
        minutes = request.app.state.settings.result_ttl_seconds // 60
        form.errors["workbook"] = f"读入的决算表已过期（保留 {minutes} 分钟），请在此重新选择决算表.xlsx"
        kept = ""
    elif action == "build" and workbook is None:
        form.errors["workbook"] = "生成需要填好的决算表.xlsx：请在此选择文件"
    if info is None or form.errors:
        return _page(request, form, kept, status=422)
    if action == "build":
        return await _build(request, info, workbook, progress_id)
    return await _download(form, info, workbook)


async def _uploaded_workbook(request: Request, upload: object) -> bytes | None:
    from starlette.datastructures import UploadFile

    from juesuan.web.uploads import upload_bytes

    if not (isinstance(upload, UploadFile) and upload.filename):
        return None
    data, _ = await upload_bytes(upload, request.app.state.settings.max_upload_bytes, "workbook")
    if not data.startswith(b"PK\x03\x04"):
        raise WebError(422, "决算表应是 Excel（xlsx）文件")
    return data


async def _download(form: InfoForm, info: bytes, workbook: bytes | None) -> Response:
    """The filled package as a zip: the form's 单位信息.yaml, and the workbook given or kept (a
    blank one of the chosen template when none was)."""
    from starlette.concurrency import run_in_threadpool

    from juesuan.package.init import empty_workbook

    if workbook is None:
        workbook = await run_in_threadpool(empty_workbook, form.unit, form.year, form.template)
    data = info_form.package_zip(info, workbook, form.unit)
    name = base_name(form.unit, form.year, "输入包.zip")
    return Response(data, media_type="application/zip", headers={"Content-Disposition": disposition(name)})


async def _build(request: Request, info: bytes, workbook: bytes, progress_id: str | None) -> Response:
    """Build as an uploaded package builds (`POST /build`), then to its result page."""
    from juesuan.package.files import INFO_FILE, TABLES_FILE
    from juesuan.web.routes.build import build_and_show

    return await build_and_show(request, {TABLES_FILE: workbook, INFO_FILE: info}, progress_id)


def _page(request: Request, form: InfoForm, kept: str = "", status: int = 200) -> Response:
    from juesuan.catalogue.templates import NATIONAL
    from juesuan.package.schema import schema
    from juesuan.web.packages import buildable_templates

    known = {name: found.title for name, found in buildable_templates().items()}
    chosen = form.template or NATIONAL
    if chosen not in known:
        known[chosen] = chosen
    places = info_form.anchors(form)
    context = {
        "form": form,
        "error_links": [(key, places[key]) for key in form.errors if key in places],
        "sections": schema(),
        "known_templates": known,
        "chosen_template": chosen,
        "kept": kept,
        "bad_values": BAD_VALUES.format(count=count) if (count := len(set(form.errors) - {FORM})) else "",
        "form_error": form.errors.get(FORM, ""),
        "column_name": info_form.column_name,
        "row_key": info_form.row_key,
    }
    templates_ = request.app.state.templates
    return templates_.TemplateResponse(request, "info_form.html.j2", context, status_code=status)


# ---- the API -----------------------------------------------------------------------------------


@router.get("/api/info/schema", summary="单位信息的字段：名称、类型、说明（表单与 API 的字段名）")
async def api_info_schema() -> JSONResponse:
    return JSONResponse(info_form.schema_json())


@router.post(
    "/api/info",
    summary="由表单字段生成单位信息.yaml（format=zip 时为输入包）；有误时 422 并逐项说明",
    description=(
        "字段与网页表单相同（`GET /api/info/schema` 列出）：如 `单位/名称`、`三公经费说明/公务接待费/批次`；"
        "按科目或项目的各行为 `上年决算数/+0`（科目）与 `上年决算数/+1`（金额）等，每行各给一次；"
        "`绩效自评表` 为 YAML 文字。`format=zip` 时另可上传 `workbook`（决算表.xlsx），"
        "不上传则附所选模板的空白决算表。"
        '有误时返回 422：`{"detail": "…", "errors": {"字段名": "说明"}}`，说明与 `juesuan build` 读取时相同。'
    ),
    responses={
        200: {"description": "单位信息.yaml（text/yaml）或输入包 zip"},
        422: {"description": '{"detail": "…", "errors": {"字段名": "说明"}}'},
    },
)
async def api_info(
    request: Request,
    format: Annotated[str, Query(description="yaml（默认）或 zip", pattern="^(yaml|zip)$")] = "yaml",
) -> Response:
    from starlette.concurrency import run_in_threadpool

    submitted = await request.form()
    form = info_form.from_fields(submitted.get, submitted.getlist)
    info = await run_in_threadpool(info_form.checked_yaml, form)
    if info is None:
        count = len(set(form.errors) - {FORM})
        first = form.errors.get(FORM) or next(iter(form.errors.values()))
        detail = f"{BAD_VALUES.format(count=count)}：{first}" if count else first
        return JSONResponse({"detail": detail, "errors": form.errors}, status_code=422)
    if format == "zip":
        workbook = await _uploaded_workbook(request, submitted.get("workbook"))
        return await _download(form, info, workbook)
    name = disposition(base_name(form.unit, form.year, "单位信息.yaml"))
    return Response(info, media_type="text/yaml; charset=utf-8", headers={"Content-Disposition": name})
