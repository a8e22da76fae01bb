"""Building from an uploaded input package: the two files (决算表.xlsx, 单位信息.yaml) or a zip
of their folder, written under fixed names into a temporary folder that is removed afterwards."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from juesuan.web.errors import WebError

if TYPE_CHECKING:
    from juesuan.build import BuildResult

log = logging.getLogger("juesuan.web")
FORMATS = ("pdf", "docx", "xlsx", "html")
ZIP_NAME = "输入包.zip"
MISSING = (
    "请上传输入包：决算表.xlsx 与 单位信息.yaml 两个文件（字段 workbook、info），"
    "或其文件夹的 zip 压缩包（字段 file）"
)


def package_files(zipped: bytes | None, workbook: bytes | None, info: bytes | None) -> dict[str, bytes]:
    """{file name in the package folder: content}, from whichever way the package was uploaded."""
    from juesuan.package.files import INFO_FILE, TABLES_FILE

    if zipped is not None:
        if not zipped.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            raise WebError(422, "输入包应是 zip 压缩包（或分别上传决算表.xlsx 与 单位信息.yaml）")
        return {ZIP_NAME: zipped}
    if workbook is None or info is None:
        raise WebError(400, MISSING)
    if not workbook.startswith(b"PK\x03\x04"):
        raise WebError(422, "决算表应是 Excel（xlsx）文件")
    if b"\x00" in info[:4096]:
        raise WebError(422, "单位信息应是 YAML 文本文件")
    return {TABLES_FILE: workbook, INFO_FILE: info}


def buildable_templates() -> dict:
    """{name: template} of the templates a package is built in: those of a 决算 with tables of
    their own (not the generic one, not a 预算's), as the catalogue orders them."""
    from juesuan.catalogue.templates import templates

    return {
        name: found
        for name, found in templates().items()
        if found.required and getattr(found, "kind", "决算") == "决算"
    }


NAMES = {"pdf": " PDF（最费时）", "docx": " Word", "xlsx": " Excel", "html": "网页版"}


def build_files(
    files: dict[str, bytes], formats: tuple[str, ...], progress_path: str | None = None
) -> BuildResult:
    """Assemble (read, derive, write 第三部分, check) and render the package; input that cannot
    be read is a 422 with the reader's Chinese line, never a 500. Each step is told to the
    uploading page when it gave a progress file (`juesuan.web.progress`)."""
    from juesuan.build import assemble, render_formats
    from juesuan.web.progress import Progress

    progress = Progress(progress_path)
    progress.step("读取输入包，推导各表，撰写情况说明并审核")
    with tempfile.TemporaryDirectory(prefix="juesuan-package-") as folder:
        for name, data in files.items():
            (Path(folder) / name).write_bytes(data)
        path = Path(folder) / ZIP_NAME if ZIP_NAME in files else Path(folder)
        assembled = _assemble(assemble, path, folder)
    rendered, _ = render_formats(
        assembled.disclosure, formats, lambda fmt: progress.step(f"生成 {fmt.upper()}")
    )
    return replace(assembled, files=rendered)


def _assemble(assemble, path: Path, folder: str):
    from juesuan.sources import SourceError

    try:
        return assemble(path)
    except SourceError as error:
        raise WebError(422, str(error).replace(folder, "上传的输入包")) from None
    except MemoryError:  # the worker's memory ceiling: answered as such by the engine
        raise
    except Exception:  # a reader's bug must not become a 500 for the user
        log.exception("读取输入包时出错")
        said = "读取输入包时程序出错，无法编制（文件内容可能不合常规），详情已记入服务器日志"
        raise WebError(422, said) from None


async def uploaded_package(request, file, workbook, info) -> dict[str, bytes]:
    """The package's files from the form fields `file` (zip) or `workbook` + `info`."""
    from starlette.datastructures import UploadFile

    from juesuan.web.uploads import upload_bytes

    def given(upload: object) -> bool:  # a form's empty file input arrives without a file name
        return isinstance(upload, UploadFile) and bool(upload.filename)

    limit = request.app.state.settings.max_upload_bytes
    if given(file):
        zipped, _ = await upload_bytes(file, limit)
        return package_files(zipped, None, None)
    if not (given(workbook) and given(info)):
        raise WebError(400, MISSING)
    workbook_data, _ = await upload_bytes(workbook, limit, "workbook")
    info_data, _ = await upload_bytes(info, limit, "info")
    return package_files(None, workbook_data, info_data)
