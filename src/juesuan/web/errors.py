"""Errors the user caused, and how they reach the user: one Chinese line, a 4xx status.

API paths (``/api/…``) answer ``{"detail": "…"}``; pages answer an HTML page with the message.
Anything unexpected is logged and answered as a 500 with a Chinese line, never a traceback.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

log = logging.getLogger("juesuan.web")

STATUS_MESSAGES = {
    400: "请求有误",
    404: "页面不存在，或结果已过期",
    405: "不支持该请求方法",
    413: "上传内容过大",
    422: "无法处理上传的内容",
}


class WebError(HTTPException):
    """A problem with the request, stated for the user in one Chinese line."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(status_code=status_code, detail=message)


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_json(request.url.path):
        return JSONResponse({"detail": message}, status_code=status)
    templates = request.app.state.templates
    context = {"status": status, "message": message}
    return templates.TemplateResponse(request, "error.html.j2", context, status_code=status)


def wants_json(path: str) -> bool:
    return path.startswith("/api/")


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    detail = error.detail if isinstance(error, WebError) else None
    message = detail or STATUS_MESSAGES.get(error.status_code, f"请求失败（{error.status_code}）")
    return error_response(request, error.status_code, message)


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    names = "、".join(str(e.get("loc", ("",))[-1]) for e in error.errors())
    return error_response(request, 422, f"请求参数有误：{names}")


async def _unexpected(request: Request, error: Exception) -> Response:
    log.exception("处理 %s 时出错", request.url.path, exc_info=error)
    return error_response(request, 500, "服务器内部错误，已记录；请稍后再试或报告此问题")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
