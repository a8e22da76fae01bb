"""Sources: one reader per input format, all producing the same `Disclosure` model.

`read_path` detects the format from the content (not the suffix) and returns
(disclosure, problems); every reader gives each figure the precision its column implies
(`precision.py`). Bad input raises `SourceError` with a one-line Chinese message. A 部门预算
disclosure is read like a 决算, under a 预算 template: which kind a document is, is told with its
template (`catalogue.templates.reading_under`), so its tables are never read as a 决算's.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TypeVar

from juesuan.model import Disclosure, Problem
from juesuan.sources import limits
from juesuan.sources.limits import MAX_FILE_BYTES, MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO

__all__ = ["MAX_FILE_BYTES", "MAX_UNZIPPED_BYTES", "MAX_ZIP_RATIO", "SourceError", "read_bytes", "read_path"]


class SourceError(Exception):
    """Input that cannot be read as a disclosure; the message is for the user, in Chinese."""


class Unnamed(SourceError):
    """A SourceError raised where the file's name is not known (inside a reader); the reader's
    entry (`names_the_file`) adds the name at the end of the message."""


Reader = TypeVar("Reader", bound=Callable[..., tuple[Disclosure, list[Problem]]])


def names_the_file(reader: Reader) -> Reader:
    """A reader `(data, name)` whose `Unnamed` refusals end with the file's name."""

    @wraps(reader)
    def read(data: bytes, name: str = "") -> tuple[Disclosure, list[Problem]]:
        try:
            return reader(data, name)
        except Unnamed as error:
            raise SourceError(f"{error}：{name}" if name else str(error)) from None

    return read  # type: ignore[return-value]


def read_path(path: str | Path) -> tuple[Disclosure, list[Problem]]:
    path = Path(path)
    try:
        if not path.exists():
            raise SourceError(f"文件不存在：{shown(path)}")
        if path.is_dir():
            raise SourceError(f"这是一个文件夹，不是文件：{path}")
        size = path.stat().st_size
        data = b"" if size == 0 or size > MAX_FILE_BYTES else path.read_bytes()
    except OSError as error:
        raise SourceError(os_error_message(path, error)) from None
    if size == 0:
        raise SourceError(f"文件为空，请检查文件是否下载或保存完整：{path}")
    if size > MAX_FILE_BYTES:
        raise limits.FILE_BYTES.refused(str(path), size, MAX_FILE_BYTES)
    return read_bytes(data, path.name)


SHOWN_PATH_CHARS = 120  # of a path named in a message; a longer one is cut, with its length


def shown(path: str | Path) -> str:
    """The path as a message names it: whole, or its start and its length when it is very long."""
    text = str(path)
    if len(text) <= SHOWN_PATH_CHARS:
        return text
    return f"{text[:SHOWN_PATH_CHARS]}…（共 {len(text)} 个字符）"


def os_error_message(path: str | Path | None, error: OSError) -> str:
    """What the system refused, in one Chinese line naming the file: 文件名过长，无法打开：…"""
    import errno

    said = {
        errno.ENAMETOOLONG: "文件名过长，无法打开",
        errno.ENOENT: "文件不存在",
        errno.EACCES: "没有读取权限，无法打开文件",
        errno.EPERM: "没有读取权限，无法打开文件",
        errno.EISDIR: "这是一个文件夹，不是文件",
        errno.ENOTDIR: "路径中有一段不是文件夹，无法打开",
        errno.ELOOP: "符号链接循环，无法打开",
        errno.EINVAL: "文件名无效，无法打开",
        errno.EIO: "读取文件时发生磁盘错误",
    }.get(error.errno, f"无法读取文件（系统错误 {error.errno}）" if error.errno else "无法读取文件")
    name = path if path is not None else error.filename
    return f"{said}：{shown(name)}" if name not in (None, "") else said


def read_bytes(data: bytes, name: str = "") -> tuple[Disclosure, list[Problem]]:
    kind = sniff(data)
    if kind == "image":  # PNG, JPEG, TIFF: read as an image-only PDF, by OCR (`sources.ocr`)
        from juesuan.sources.ocr.images import image_pdf

        data, kind = image_pdf(data, name), "pdf"
    if kind == "zip":
        kind = office_kind(data, name)
    if kind != "pdf":  # the PDF reader tells from the text it extracts anyway, not a second pass
        text = document_text(data, kind)
        if kind == "text":
            _check_text(text, name)  # before the budget check reads it all
        refuse_budget(text, name)
    if kind == "text":
        from juesuan.sources.layout import read_text

        return read_text(data, name)
    if kind == "pdf":
        from juesuan.sources.pdf import read_pdf

        return read_pdf(data, name)
    if kind == "xlsx":
        from juesuan.sources.xlsx import read_xlsx

        return read_xlsx(data, name)
    if kind == "docx":
        from juesuan.sources.docx import read_docx

        return read_docx(data, name)
    if kind == "zip":
        said = "这是一个压缩包，但不是 Excel（xlsx）或 Word（docx）文件，请解压后提交其中的决算公开文件"
        raise SourceError(f"{said}：{name}")
    if kind == "html":  # what the page is, in one line (`webpage`): nothing in it to check
        from juesuan.sources.webpage import refusal

        raise SourceError(f"{refusal(data)}：{name}")
    said = "请提供 PDF、Word（.docx）、Excel（.xlsx）或文本格式的决算公开"
    raise SourceError(f"无法识别的文件格式（{describe(kind)}），{said}：{name}")


def refuse_budget(text: str, name: str = "") -> None:
    """Nothing: a 部门预算 disclosure is read now, under a 预算 template (issue 17). Kept while the
    readers still call it before reading (the PDF reader does); it refuses no document."""


def document_text(data: bytes, kind: str) -> str:
    """The plain text of a document of the given format, quickly and without its layout, to tell
    what it is; "" when there is none to be had (the reader then says why, in its own words)."""
    try:
        if kind == "text":
            from juesuan.sources.layout.encoding import decode

            return decode(data)
        if kind == "pdf":
            return _pdf_text(data)
        if kind in ("docx", "xlsx"):
            return _office_text(data, kind)
    except Exception:  # any failure here is the reader's to report, in its own words
        return ""
    return ""


def _check_text(text: str, name: str) -> None:
    """Refuse a text past the limits on lines and line length, naming the file."""
    from juesuan.sources.layout.lines import check_text_lines

    try:
        check_text_lines(text.splitlines())
    except Unnamed as error:
        raise SourceError(f"{error}：{name}" if name else str(error)) from None


KIND_PAGES = 12  # of a PDF, to tell its kind: the cover, the contents and the first tables


def _pdf_text(data: bytes) -> str:
    """The text of a PDF's first pages, as pdfium gives it (Kangxi radicals made ordinary)."""
    from juesuan.sources.pdf.chars import open_document, plain

    document = open_document(data, "")
    try:
        texts = []
        for index in range(min(len(document), KIND_PAGES)):
            page = document[index]
            textpage = page.get_textpage()
            try:
                texts.append(textpage.get_text_range())
            finally:
                textpage.close()
                page.close()
    finally:
        document.close()
    return plain("\n".join(texts))


_MAX_XML_BYTES = 16 * 1024 * 1024  # read of an Office file's XML: the cover and table titles come early


def _office_text(data: bytes, kind: str) -> str:
    """The text of a .docx body, or of an .xlsx workbook's cells (sheet by sheet, then the shared
    strings) and sheet names; tags dropped."""
    import html
    import io
    import re
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        if kind == "docx":
            parts = ["word/document.xml"]
        else:
            sheets = [name for name in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name)]
            sheets.sort(key=lambda name: int(re.sub(r"\D", "", name)))
            parts = [*sheets, "xl/sharedStrings.xml", "xl/workbook.xml"]
        xml, left = {}, _MAX_XML_BYTES
        for part in parts:
            if part in names and left > 0:
                with archive.open(part) as file:
                    read = file.read(left)
                left -= len(read)
                xml[part] = read.decode("utf-8", "replace")
    if kind == "docx":
        body = re.sub(r"</w:p>", "\n", "".join(xml.values()))  # a paragraph's end
        return html.unescape(re.sub(r"<[^>]*>", "", body))
    cells = re.findall(r"<t\b[^>]*>([^<]*)</t>", "".join(xml.values()))  # inline and shared strings
    sheet_names = re.findall(r'<sheet\b[^>]*?\bname="([^"]*)"', xml.get("xl/workbook.xml", ""))
    return html.unescape("\n".join([*cells, *sheet_names]))


def office_kind(data: bytes, name: str = "") -> str:
    """xlsx, docx or zip, from the parts inside a zip (never from its name); refuses zip bombs."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise SourceError(f"压缩包已损坏，无法打开，请重新下载或重新保存：{name}") from None
    check_zip(parts, name)
    if len(parts) > limits.OFFICE_PARTS.value:
        raise limits.OFFICE_PARTS.refused(name, len(parts))
    names = {part.filename for part in parts}
    if "[Content_Types].xml" not in names:
        return "zip"
    return "xlsx" if "xl/workbook.xml" in names else "docx" if "word/document.xml" in names else "zip"


def check_zip(parts: list, name: str = "") -> None:
    """Refuse a zip (its `ZipInfo`s) that unpacks to too much, or packs too tightly: a zip bomb."""
    unpacked = sum(part.file_size for part in parts)
    packed = max(sum(part.compress_size for part in parts), 1)
    if unpacked > MAX_UNZIPPED_BYTES:
        raise limits.UNZIPPED_BYTES.refused(name, unpacked, MAX_UNZIPPED_BYTES)
    if unpacked > limits.ZIP_RATIO_FLOOR and unpacked > MAX_ZIP_RATIO * packed:
        raise limits.ZIP_RATIO.refused(name, unpacked // packed, MAX_ZIP_RATIO)


def sniff(data: bytes) -> str:
    """The format of a file from its first bytes: pdf, zip (docx/xlsx), image, html, text or binary."""
    from juesuan.sources.ocr.images import image_kind

    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if image_kind(data):
        return "image"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if b"\x00" in data[:4096]:
        return "binary"
    if data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def describe(kind: str) -> str:
    names = {"pdf": "PDF", "zip": "压缩包/Office 文件", "html": "网页", "binary": "二进制文件"}
    return names.get(kind, "文本")
