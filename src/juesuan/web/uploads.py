"""Uploaded files: taken from the multipart form, size-checked, named only for messages."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from starlette.datastructures import UploadFile

from juesuan.web.errors import WebError
from juesuan.web.limits import too_large_message

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


async def upload_bytes(upload: object, max_bytes: int, field: str = "file") -> tuple[bytes, str]:
    """The content of an uploaded file and a display name; a clear 4xx when missing or too big."""
    if not isinstance(upload, UploadFile):
        raise WebError(400, f"缺少上传的文件（表单字段 {field}）")
    data = await upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise WebError(413, too_large_message(max_bytes))
    if not data:
        raise WebError(400, f"上传的文件为空：{display_name(upload.filename)}")
    return data, display_name(upload.filename)


def display_name(filename: str | None) -> str:
    """The last part of a client's file name, for messages only: never used as a path."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    name = _UNPRINTABLE.sub("", name).strip()
    return name[:100] or "上传的文件"
