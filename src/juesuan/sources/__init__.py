"""Sources: one reader per input format, all producing the same `Disclosure` model.

`read_path` detects the format from the content (not the suffix) and returns
(disclosure, problems); bad input raises `SourceError` with a one-line Chinese message.
"""

from __future__ import annotations

from pathlib import Path

from juesuan.model import Disclosure, Problem

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100  # a larger ratio over more than a megabyte is a zip bomb, not an Office file


class SourceError(Exception):
    """Input that cannot be read as a disclosure; the message is for the user, in Chinese."""


def read_path(path: str | Path) -> tuple[Disclosure, list[Problem]]:
    path = Path(path)
    if not path.exists():
        raise SourceError(f"文件不存在：{path}")
    if path.is_dir():
        raise SourceError(f"这是一个文件夹，不是文件：{path}")
    size = path.stat().st_size
    if size == 0:
        raise SourceError(f"文件为空：{path}")
    if size > MAX_FILE_BYTES:
        raise SourceError(
            f"文件过大（{size // 1024 // 1024} MB），上限为 {MAX_FILE_BYTES // 1024 // 1024} MB：{path}"
        )
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(data: bytes, name: str = "") -> tuple[Disclosure, list[Problem]]:
    kind = sniff(data)
    if kind == "zip":
        kind = office_kind(data, name)
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
        raise SourceError(f"这是一个压缩包，但不是 Excel（xlsx）或 Word（docx）文件：{name}")
    raise SourceError(f"无法识别的文件格式（{describe(kind)}）：{name}")


def office_kind(data: bytes, name: str = "") -> str:
    """xlsx, docx or zip, from the parts inside a zip (never from its name); refuses zip bombs."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise SourceError(f"压缩包已损坏，无法打开：{name}") from None
    unpacked = sum(part.file_size for part in parts)
    packed = sum(part.compress_size for part in parts)
    bomb = unpacked > 1024 * 1024 and unpacked > MAX_ZIP_RATIO * max(packed, 1)
    if unpacked > MAX_UNZIPPED_BYTES or bomb:
        size = unpacked // 1024 // 1024
        raise SourceError(f"压缩包解压后达 {size} MB 或压缩比过高，疑似恶意文件，拒绝读取：{name}")
    names = {part.filename for part in parts}
    if "[Content_Types].xml" not in names:
        return "zip"
    return "xlsx" if "xl/workbook.xml" in names else "docx" if "word/document.xml" in names else "zip"


def sniff(data: bytes) -> str:
    """The format of a file from its first bytes: pdf, zip (docx/xlsx), text or binary."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if b"\x00" in data[:4096]:
        return "binary"
    return "text"


def describe(kind: str) -> str:
    return {"pdf": "PDF", "zip": "压缩包/Office 文件", "binary": "二进制文件", "text": "文本"}[kind]
