"""The home page: the two upload forms (审核, 编制) and the way to the corpus."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

router = APIRouter(tags=["页面"])


@router.get("/", response_class=HTMLResponse, summary="首页：上传审核、上传编制")
async def home(request: Request) -> HTMLResponse:
    from juesuan.web.packages import buildable_templates

    context = {"known_templates": buildable_templates()}
    return request.app.state.templates.TemplateResponse(request, "index.html.j2", context)


@router.get("/healthz", response_class=PlainTextResponse, summary="健康检查")
async def healthz() -> str:
    return "ok"
